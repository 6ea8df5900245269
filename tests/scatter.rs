//! `kind = "scatter"` end to end: a small site with a bubble chart, what the page, the
//! SVG download and the CSV say, and the errors a scatter spec can meet.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

/// Gapminder, 2005 (vega-datasets 3.2.1, data/gapminder.json; Gapminder Foundation);
/// population in 万人, rounded.
const DATA: &str = "国家,总和生育率,预期寿命（岁）,人口（万人）\nChina,1.62,72.98,130489\nIndia,2.96,65.39,115464\nJapan,1.27,82.5,12780\nNigeria,6.07,,14049\nRwanda,5.44,58.22,903\n";

fn site(spec_extra: &str) -> Site {
    let site = Site::new();
    site.write("charts/g.csv", DATA);
    site.write(
        "charts/g.toml",
        &format!("title = \"生育率与寿命\"\nkind = \"scatter\"\ndata = \"g.csv\"\nx = \"总和生育率\"\ny = [\"预期寿命\"]\n{spec_extra}\n"),
    );
    site.write(
        "content/g.md",
        "+++\ntitle = \"散点\"\n+++\n\n{{ chart(id=\"g\") }}\n",
    );
    site
}

#[test]
fn a_bubble_chart_is_drawn_described_and_downloadable() {
    let site = site("size = \"人口\"\nhighlight = [\"Japan\"]");
    site.build_ok(&[]);
    let svg = site.read("public/charts/g.svg");
    assert!(svg.contains("<circle"), "points are circles: {svg}");
    // Once in the description, once as the point's name.
    assert_eq!(
        svg.matches("Japan").count(),
        2,
        "the highlighted point is named: {svg}"
    );
    assert!(!svg.contains("India"), "only highlighted points are named");
    assert!(svg.contains("预期寿命（岁）"), "the y axis names its unit");
    assert!(
        svg.contains("散点图。共4个点；横轴为总和生育率，从1.27到5.44"),
        "{svg}"
    );
    assert!(svg.contains("1个点因数值缺失未画出"), "{svg}");
    let csv = site.read("public/charts/g.csv");
    assert!(
        csv.starts_with("\u{feff}国家,总和生育率,预期寿命（岁）,人口（万人）"),
        "each column keeps its own unit: {csv}"
    );
    assert!(csv.contains("Nigeria,6.07,,14049"), "{csv}");
    let page = site.read("public/g/index.html");
    assert!(
        page.contains("<th>人口（万人）</th>") || page.contains("人口（万人）</th>"),
        "table header: {page}"
    );
}

#[test]
fn a_log_axis_names_the_cell_it_cannot_draw() {
    let site = site("y_log = true");
    site.write(
        "charts/g.csv",
        &DATA.replace("Rwanda,5.44,58.22", "Rwanda,5.44,0"),
    );
    let err = site.build_fails();
    assert!(err.contains("charts/g.csv:6:"), "{err}");
    assert!(err.contains("logarithmic axis"), "{err}");
}

#[test]
fn a_highlight_that_names_no_point_is_an_error() {
    let err = site("highlight = [\"Mars\"]").build_fails();
    assert!(err.contains("charts/g.toml"), "{err}");
    assert!(err.contains("`Mars` names no point"), "{err}");
}
