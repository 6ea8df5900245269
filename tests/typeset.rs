//! Issue 13 as a reader meets it in the built files: listings, tag pages, the feed and meta
//! descriptions carry no Markdown, footnote or shortcode syntax; the home page lists each
//! report once and keeps the site's own pages apart; pages outside a section have no
//! report furniture; aliases keep old URLs working; og:image and JSON-LD describe a report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

/// Text that must never reach a listing, a feed or a meta tag.
const LEAKS: [&str; 7] = ["[^", "**", "{{", "{%", "](", "<!-- more", "&lt;sup"];

fn report_site() -> Site {
    let site = Site::new();
    site.write(
        "content/reports/second.md",
        "+++\ntitle = \"第二篇\"\ndate = 2026-06-30\ntags = [\"投资\"]\naliases = [\"reports/reports/second/\"]\n+++\n\n\
         **要点**：甲为{{ value(data=\"d.csv\", row=\"甲\", col=\"投资\") }}[^1]，见[说明](../first/)。\n\n\
         <!-- more -->\n\n## 细节\n\n{{ chart(id=\"c\") }}\n\n[^1]: 注释。\n",
    );
    site.write(
        "content/reports/third.md",
        "+++\ntitle = \"第三篇\"\ndate = 2026-07-01\ntags = [\"投资\"]\n+++\n\n第一段只有**正文**[^n]。\n\n第二段。\n\n[^n]: 注。\n",
    );
    site.build_ok(&[]);
    site
}

#[test]
fn listings_feed_and_meta_carry_no_markup_syntax() {
    let site = report_site();
    for f in [
        "public/index.html",
        "public/reports/index.html",
        "public/tags/tou-zi/index.html",
        "public/atom.xml",
    ] {
        let text = site.read(f);
        for leak in LEAKS {
            assert!(!text.contains(leak), "{f} shows `{leak}`:\n{text}");
        }
        assert!(text.contains("第二篇") && text.contains("第三篇"), "{f}");
    }
    let index = site.read("public/index.html");
    assert!(index.contains("<strong>要点</strong>：甲为"), "{index}");
    assert!(
        index.contains("第一段只有<strong>正文</strong>。"),
        "{index}"
    );
    for page in ["second", "third"] {
        let html = site.read(&format!("public/reports/{page}/index.html"));
        let head = html.split("</head>").next().unwrap();
        for leak in LEAKS {
            assert!(!head.contains(leak), "{page} head shows `{leak}`");
        }
    }
}

#[test]
fn the_home_page_lists_each_report_once_and_keeps_site_pages_apart() {
    let site = report_site();
    let index = site.read("public/index.html");
    for title in ["第一篇", "第二篇", "第三篇", ">关于<"] {
        assert_eq!(index.matches(title).count(), 1, "{title} in {index}");
    }
    assert!(!index.contains("其他报告"), "{index}");
    assert!(index.contains("<nav class=\"site-pages\""), "{index}");
    let about = site.read("public/about/index.html");
    assert!(about.contains("plain-page"), "{about}");
    assert!(!about.contains("阅读约"), "no reading time on a site page");
    assert!(!about.contains("class=\"kicker\""), "{about}");
    let report = site.read("public/reports/second/index.html");
    assert!(report.contains("<span>阅读约1分钟</span>"), "{report}");
}

#[test]
fn an_alias_keeps_the_old_report_url_working() {
    let site = report_site();
    let old = site.read("public/reports/reports/second/index.html");
    assert!(old.contains("url=/reports/second/"), "{old}");
    assert!(old.contains("https://example.org/reports/second/"), "{old}");
}

#[test]
fn a_report_names_its_lead_chart_and_describes_itself_in_json_ld() {
    let site = report_site();
    let html = site.read("public/reports/second/index.html");
    assert!(
        html.contains("<meta property=\"og:image\" content=\"https://example.org/charts/c.svg\">"),
        "{html}"
    );
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let rest = &html[start..];
    let json = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let graph = v["@graph"].as_array().unwrap();
    assert_eq!(graph[0]["@type"], "Article");
    assert_eq!(graph[0]["headline"], "第二篇");
    assert_eq!(graph[0]["datePublished"], "2026-06-30");
    assert_eq!(graph[1]["@type"], "Dataset");
    assert_eq!(graph[1]["name"], "甲最多");
    assert_eq!(
        graph[1]["distribution"]["contentUrl"],
        "https://example.org/charts/c.csv"
    );
    // A report without a chart has no og:image.
    let third = site.read("public/reports/third/index.html");
    assert!(!third.contains("og:image"), "{third}");
}

#[test]
fn print_gets_the_data_tables_once_as_an_appendix() {
    let site = report_site();
    let html = site.read("public/reports/second/index.html");
    let appendix = &html[html.find("class=\"print-appendix").unwrap()..];
    assert!(
        appendix.contains("<table class=\"data-table\">"),
        "{appendix}"
    );
    assert!(html.contains("本文网址：https://example.org/reports/second/"));
    let third = site.read("public/reports/third/index.html");
    assert!(
        !third.contains("print-appendix"),
        "no appendix without charts"
    );
}

#[test]
fn text_from_front_matter_keeps_figures_and_dates_whole() {
    let site = Site::new();
    site.write(
        "content/reports/dated.md",
        "+++\ntitle = \"日期\"\ndate = 2026-06-30\nsource = \"市政府新闻办，2026年6月30日\"\n+++\n\n正文。\n",
    );
    site.build_ok(&[]);
    let html = site.read("public/reports/dated/index.html");
    assert!(
        html.contains("来源：市政府新闻办，<span class=\"nobr\">2026年6月30日</span>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"nobr\">2026年6月30日</span></time>"));
}
