//! Numbers as readers see them, through `baogao build`: one cell prints one way in prose,
//! lead box, chart labels, `<desc>` and tables; units follow one rule; rescaling and
//! magnitudes happen only when asked; the CSV keeps raw numbers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

/// A site with one report quoting `body`, data `charts/d.csv` (`csv`), its sidecar
/// (`meta`, when given) and chart `charts/c.toml` (`spec`).
fn site(body: &str, csv: &str, meta: Option<&str>, spec: &str) -> Site {
    let site = Site::new();
    site.write(
        "content/reports/first.md",
        &format!("+++\ntitle = \"第一篇\"\ndate = 2026-06-26\n+++\n\n{body}\n\n{{{{ chart(id=\"c\") }}}}\n"),
    );
    site.write("charts/d.csv", csv);
    match meta {
        Some(m) => site.write("charts/d.csv.meta.toml", m),
        None => std::fs::remove_file(site.path("charts/d.csv.meta.toml")).unwrap(),
    }
    site.write("charts/c.toml", spec);
    site
}

fn fails(site: &Site) -> String {
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "expected exit 1:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r.stderr
}

/// Builds `site`, expects exit 1 and `expected` among the errors.
fn fails_with(site: &Site, expected: &str) {
    let err = fails(site);
    assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
}

fn page(site: &Site) -> String {
    site.read_text("public/reports/first/index.html")
}

const BAR: &str = "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"变化\"]\n";

#[test]
fn one_cell_one_string_everywhere() {
    let s = site(
        "甲{{ value(data=\"d.csv\", row=\"甲\", col=\"变化\") }}，乙{{ value(data=\"d.csv\", row=\"乙\", col=\"变化\") }}，减少{{ value(data=\"d.csv\", row=\"甲\", col=\"变化\", abs=true) }}。",
        "类别,变化\n甲,-2020.5\n乙,~430\n",
        Some("[units]\n\"变化\" = \"千人\"\n"),
        BAR,
    );
    s.build_ok(&[]);
    let html = page(&s);
    assert!(
        html.contains("甲−2,020.5千人，乙约430千人，减少2,020.5千人。"),
        "{html}"
    );
    let svg = s.read("public/charts/c.svg");
    assert!(
        svg.contains("柱状图。甲 −2,020.5千人；乙 约430千人。"),
        "{svg}"
    );
    assert_eq!(
        svg.matches("−2,020.5千人").count(),
        2,
        "desc and label: {svg}"
    );
    assert!(html.contains("<td>−2,020.5</td>"), "table cell: {html}");
    assert!(html.contains("变化（千人）"), "unit in the table header");
    // The CSV keeps the raw number (ASCII minus, no separators), its qualifier beside it.
    let csv = s.read("public/charts/c.csv");
    assert!(csv.contains("甲,-2020.5"), "{csv}");
    assert!(csv.contains("乙,430,约"), "{csv}");
}

#[test]
fn percent_cells_print_with_percent() {
    let s = site(
        "增长{{ value(data=\"d.csv\", row=\"甲\", col=\"变化\") }}。",
        "类别,变化\n甲,12.5%\n乙,-3.0%\n",
        None,
        BAR,
    );
    s.build_ok(&[]);
    let html = page(&s);
    assert!(html.contains("增长12.5%。"), "{html}");
    assert!(html.contains("<td>−3.0%</td>"), "{html}");
    let svg = s.read("public/charts/c.svg");
    assert!(svg.contains("甲 12.5%；乙 −3.0%"), "{svg}");
}

#[test]
fn value_never_borrows_a_chart_unit() {
    // No unit in the data: the chart's `unit` is for that chart only.
    let s = site(
        "总额{{ value(data=\"d.csv\", row=\"甲\", col=\"变化\") }}；{{ value(data=\"d.csv\", row=\"甲\", col=\"变化\", unit=\"万人\") }}。",
        "类别,变化\n甲,150\n",
        None,
        &format!("{BAR}unit = \"亿元\"\n"),
    );
    s.write(
        "charts/a.toml",
        &format!("{BAR}unit = \"万元\"\n").replace("kind = \"bar\"", "kind = \"hbar\""),
    );
    s.build_ok(&[]);
    let html = page(&s);
    assert!(html.contains("总额150；150万人。"), "{html}");
    assert!(s.read("public/charts/c.svg").contains("150亿元"));
    assert!(s.read("public/charts/a.svg").contains("150万元"));
}

#[test]
fn a_chart_unit_contradicting_the_data_is_an_error_at_the_key() {
    let s = site(
        "",
        "类别,变化\n甲,150\n",
        Some("[units]\n\"变化\" = \"亿元\"\n"),
        &format!("{BAR}unit = \"万元\"\n"),
    );
    fails_with(
        &s,
        "charts/c.toml:6: unit: `万元` contradicts the data: `变化` is in `亿元`",
    );
}

#[test]
fn a_sidecar_unit_contradicting_the_file_is_an_error_at_the_sidecar_key() {
    let s = site(
        "",
        "类别,变化\n甲,12%\n",
        Some("# 说明\n[units]\n\"变化\" = \"亿元\"\n"),
        BAR,
    );
    fails_with(
        &s,
        "charts/d.csv.meta.toml:3:1: units: `变化` is in `%` according to charts/d.csv, not `亿元`",
    );
}

#[test]
fn a_column_mixing_percent_and_plain_numbers_is_an_error() {
    let s = site("", "类别,变化\n甲,12%\n乙,13\n", None, BAR);
    fails_with(
        &s,
        "charts/d.csv:3: column `变化` mixes percentages (`%`, line 2) and plain numbers (line 3)",
    );
}

#[test]
fn rescaling_only_when_a_key_asks() {
    let s = site(
        "累计{{ value(data=\"d.csv\", row=\"甲\", col=\"金额\") }}，即{{ value(data=\"d.csv\", row=\"甲\", col=\"金额\", scale_unit=\"万亿元\") }}。",
        "类别,金额\n甲,85000\n乙,43760.7\n",
        Some("[units]\n\"金额\" = \"亿元\"\n"),
        "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"金额\"]\nscale_unit = \"万亿元\"\n",
    );
    s.build_ok(&[]);
    let html = page(&s);
    assert!(html.contains("累计85,000亿元，即8.5万亿元。"), "{html}");
    let svg = s.read("public/charts/c.svg");
    assert!(
        svg.contains("柱状图。甲 8.5万亿元；乙 4.37607万亿元。"),
        "{svg}"
    );
    // Ticks count in the shown unit too (0 … 10, not 0 … 100,000).
    assert!(
        svg.contains("\n10\n</text>") && !svg.contains("0,000"),
        "{svg}"
    );
    assert!(html.contains("金额（万亿元）"), "{html}");
    // The download keeps the data's own numbers.
    assert!(s.read("public/charts/c.csv").contains("甲,85000"));
}

#[test]
fn impossible_rescaling_and_bad_abs_are_errors_at_the_shortcode() {
    let s = site(
        "甲\n{{ value(data=\"d.csv\", row=\"甲\", col=\"金额\", scale_unit=\"万人\") }}\n{{ value(data=\"d.csv\", row=\"甲\", col=\"金额\", abs=\"yes\") }}",
        "类别,金额\n甲,85000\n",
        Some("[units]\n\"金额\" = \"亿元\"\n"),
        "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"金额\"]\nscale_unit = \"%\"\n",
    );
    let err = fails(&s);
    for expected in [
        "content/reports/first.md:7:1: scale_unit: cannot show `亿元` in `万人`",
        "content/reports/first.md:8:1: `abs` must be true or false",
        "charts/c.toml:6: scale_unit: cannot show `亿元` in `%`",
    ] {
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}

#[test]
fn lead_box_and_table_shortcode_use_the_same_path() {
    let s = site(
        "{{ table(data=\"d.csv\") }}",
        "类别,变化,比率\n甲,-2020,12.5%\n乙,~430,−3%\n",
        Some("[units]\n\"变化\" = \"千人\"\n"),
        BAR,
    );
    let page = s.read("content/reports/first.md").replacen(
        "date = 2026-06-26\n",
        "date = 2026-06-26\n\n[[key_figures]]\nlabel = \"减少\"\ndata = \"d.csv\"\nrow = \"甲\"\ncol = \"变化\"\nscale_unit = \"万人\"\nabs = true\n",
        1,
    );
    s.write("content/reports/first.md", &page);
    s.build_ok(&[]);
    let html = self::page(&s);
    assert!(
        html.contains("<dd class=\"figure-value\">202万人</dd>"),
        "{html}"
    );
    assert!(html.contains("变化（千人）"), "{html}");
    for cell in [
        "<td>−2,020</td>",
        "<td>约430</td>",
        "<td>12.5%</td>",
        "<td>−3%</td>",
    ] {
        assert!(html.contains(cell), "{cell}: {html}");
    }
}

#[test]
fn a_share_key_figure_cannot_be_rescaled() {
    let s = site("", "类别,变化\n甲,1\n乙,3\n", None, BAR);
    let page = s.read("content/reports/first.md").replacen(
        "date = 2026-06-26\n",
        "date = 2026-06-26\n\n[[key_figures]]\nlabel = \"甲\"\ndata = \"d.csv\"\nrow = \"甲\"\ncol = \"变化\"\nkind = \"share\"\nabs = true\n",
        1,
    );
    s.write("content/reports/first.md", &page);
    fails_with(&s, "content/reports/first.md:5: key_figures `甲`: `scale_unit` and `abs` apply to `value` key figures, not `share`");
}

#[test]
fn columns_in_different_units_on_one_chart_are_an_error_at_y() {
    let s = site(
        "",
        "类别,甲,乙\n一,1,2%\n",
        Some("[units]\n\"甲\" = \"亿元\"\n"),
        "title = \"t\"\nkind = \"grouped\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"甲\", \"乙\"]\n",
    );
    fails_with(
        &s,
        "charts/c.toml:5: y: `甲` is in `亿元` but `乙` is in `%`; one chart draws one unit",
    );
}

#[test]
fn year_columns_print_as_written_in_tables() {
    let s = site(
        "{{ table(data=\"d.csv\") }}",
        "类别,年份,变化\n甲,1980,12020\n乙,2005,430\n",
        None,
        BAR,
    );
    s.build_ok(&[]);
    let html = page(&s);
    for cell in ["<td>1980</td>", "<td>2005</td>", "<td>12,020</td>"] {
        assert!(html.contains(cell), "{cell}: {html}");
    }
    assert!(!html.contains("1,980"), "{html}");
}

#[test]
fn a_series_named_with_its_unit_says_the_unit_once() {
    // yearbook.md allows `y` to name a column with its header's unit.
    let s = Site::with_page(
        "{{ chart(id=\"c\") }}",
        &[
            ("d.csv", "年份,城镇（元）,农村（元）\n2022年,49283,20133\n2023年,51821,21691\n"),
            (
                "c.toml",
                "title = \"t\"\nkind = \"grouped\"\ndata = \"d.csv\"\nx = \"年份\"\ny = [\"城镇（元）\", \"农村（元）\"]\nhighlight = [\"城镇\"]\n",
            ),
        ],
    );
    s.build_ok(&[]);
    let csv = s.read("public/charts/c.csv");
    assert!(
        csv.starts_with("\u{feff}年份,城镇（元）,农村（元）\n"),
        "{csv}"
    );
    let svg = s.read("public/charts/c.svg");
    assert!(
        svg.contains("2022年：城镇 49,283元，农村 20,133元"),
        "{svg}"
    );
    assert!(!svg.contains("（元）（元）"), "{svg}");
}
