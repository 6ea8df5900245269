//! Charts end to end: every kind drawn from a real site, the figure a page embeds,
//! and the files a reader downloads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{snapshot, Site};

const KINDS: [(&str, &str); 10] = [
    ("bar", "y = [\"投资\"]"),
    ("hbar", "y = [\"投资\"]"),
    ("stacked", "y = [\"投资\", \"产出\"]"),
    ("stacked100", "y = [\"投资\", \"产出\"]"),
    ("grouped", "y = [\"投资\", \"产出\"]"),
    ("line", "y = [\"投资\", \"产出\"]"),
    ("area", "y = [\"投资\", \"产出\"]"),
    ("donut", "y = [\"投资\"]"),
    ("waterfall", "y = [\"投资\"]"),
    ("bullet", "y = [\"投资\"]\nreference = \"产出\"\nmax = 200"),
];

fn site_with_every_kind() -> Site {
    let site = Site::new();
    site.write("charts/k.csv", "类别,投资,产出\n基础设施建设,771.4,60\n制造业,~430,40\n产业园区,>100,20\n科技创新,18.4,5\n");
    let mut body = String::from("+++\ntitle = \"全部图表\"\n+++\n\n");
    for (kind, y) in KINDS {
        site.write(
            &format!("charts/k-{kind}.toml"),
            &format!("title = \"{kind} 图\"\nsubtitle = \"单位：亿元\"\nkind = \"{kind}\"\ndata = \"k.csv\"\nx = \"类别\"\n{y}\nunit = \"亿元\"\nsource = \"来源甲\"\nnotes = \"注乙\"\n"),
        );
        body.push_str(&format!("{{{{ chart(id=\"k-{kind}\") }}}}\n\n"));
    }
    site.write("content/all.md", &body);
    site
}

#[test]
fn every_kind_is_drawn_as_an_accessible_standalone_svg() {
    let site = site_with_every_kind();
    site.build_ok(&[]);
    for (kind, _) in KINDS {
        let svg = site.read(&format!("public/charts/k-{kind}.svg"));
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{kind}"
        );
        assert!(svg.contains("role=\"img\""), "{kind}");
        assert!(
            svg.contains(&format!("<title id=\"k-{kind}-title\">{kind} 图</title>")),
            "{kind}"
        );
        assert!(svg.contains("<desc id="), "{kind}");
        assert!(
            svg.contains("Noto Sans CJK SC"),
            "{kind}: CJK-first font stack"
        );
        assert!(svg.contains("<text"), "{kind}: labels are real text");
        // The description states the values with qualifiers.
        assert!(svg.contains("约430"), "{kind}: {svg}");
        let csv = site.read(&format!("public/charts/k-{kind}.csv"));
        assert!(
            csv.starts_with("\u{feff}类别,投资（亿元）,投资（限定词）"),
            "{kind}: BOM, unit in the header, a qualifier column: {csv}"
        );
        assert!(
            csv.contains("制造业,430,约"),
            "{kind}: numbers as numbers, qualifiers beside them: {csv}"
        );
        // The download is a graphic that stands alone; the inline chart leaves its
        // furniture to the figure's HTML.
        assert!(svg.contains("fill=\"#FFFFFF\""), "{kind}: a background");
        for words in ["数据来源：来源甲", "注：注乙", "单位：亿元"] {
            assert!(svg.contains(words), "{kind}: `{words}` in the download");
        }
    }
}

#[test]
fn a_figure_carries_title_source_notes_table_and_download_link() {
    let site = site_with_every_kind();
    site.build_ok(&[]);
    let page = site.read("public/all/index.html");
    let start = page.find("id=\"chart-k-bar\"").unwrap();
    let figure = &page[start..start + page[start..].find("</figure>").unwrap()];
    for expected in [
        "bar 图",
        "单位：亿元",
        "<svg",
        "<figcaption",
        "来源甲",
        "注乙",
        "<table",
        "约430",
        "href=\"/charts/k-bar.csv\"",
        "download",
    ] {
        assert!(
            figure.contains(expected),
            "figure lacks `{expected}`:\n{figure}"
        );
    }
    // One drawing per slot of the page, none sharing an id.
    assert!(figure.contains("id=\"k-bar-title\""));
    for w in [280, 340, 420, 550] {
        assert!(figure.contains(&format!("id=\"k-bar-w{w}-title\"")), "{w}");
        assert!(
            figure.contains(&format!("class=\"chart-svg chart-v{w}\"")),
            "{w}"
        );
    }
    assert_eq!(figure.matches("<svg").count(), 5);
    // The inline charts say the source and notes nowhere: the figcaption says them once.
    for words in ["数据来源：来源甲", "注：注乙"] {
        assert_eq!(
            figure.matches(words).count(),
            1,
            "`{words}` once:\n{figure}"
        );
    }
}

#[test]
fn charts_are_byte_identical_across_builds() {
    let site = site_with_every_kind();
    site.build_ok(&[]);
    let first = snapshot(&site.path("public/charts"));
    site.build_ok(&["--output", "again"]);
    assert_eq!(first, snapshot(&site.path("again/charts")));
}

#[test]
fn chart_errors_point_at_the_spec_or_the_data_line() {
    let site = Site::new();
    site.write(
        "charts/c.toml",
        "title = \"t\"\nkind = \"pie\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("charts/c.toml:2:8: unknown variant `pie`"),
        "{}",
        r.stderr
    );
    site.write(
        "charts/c.toml",
        "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"产出\"]\n",
    );
    let r = site.run(&["build"]);
    assert!(
        r.stderr.contains("charts/c.toml") && r.stderr.contains("产出"),
        "{}",
        r.stderr
    );
    site.write(
        "charts/c.toml",
        "title = \"t\"\nkind = \"donut\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\n",
    );
    site.write("charts/d.csv", "类别,投资\n甲,100\n乙,-50\n合计,150\n");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("charts/"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
}

#[test]
fn every_colour_in_an_inline_chart_is_a_role_the_theme_repaints() {
    let site = site_with_every_kind();
    site.build_ok(&[]);
    let page = site.read("public/all/index.html");
    let css = site.read("public/assets/style.css");
    let mut roles = std::collections::BTreeSet::new();
    for line in page.lines() {
        let coloured = line.contains("fill=\"#") || line.contains("stroke=\"#");
        let is_mark = [
            "<rect",
            "<polyline",
            "<polygon",
            "<circle",
            "<text",
            "<path",
        ]
        .iter()
        .any(|t| line.starts_with(t));
        if !(coloured && is_mark) {
            continue;
        }
        let class = line
            .split("class=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("a colour without a role: {line}"));
        roles.insert(class.to_string());
    }
    assert!(roles.len() >= 8, "{roles:?}");
    for class in &roles {
        // Each role the charts use has its dark-scheme rule in the theme.
        assert!(css.contains(&format!(".chart svg .{class} {{")), "{class}");
    }
    assert!(
        page.contains("style=\"--chart-series1:#"),
        "dark series colours"
    );
}
