//! Time axes end to end: a site whose data lists years newest first, with a gap, builds
//! a line drawn in time order with points spaced in proportion to time; duplicated and
//! mixed periods stop the build at the data line. Values: China's life expectancy from
//! Gapminder (Life Expectancy v14, CC BY 4.0), as shipped in the npm package
//! vega-datasets 3.2.1 (data/gapminder.json).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

const SPEC: &str = "title = \"预期寿命\"\nkind = \"line\"\ndata = \"life.csv\"\nx = \"年份\"\ny = [\"预期寿命\"]\nunit = \"岁\"\nsource = \"Gapminder\"\n";

fn site(csv: &str, spec_extra: &str) -> Site {
    let site = Site::new();
    site.write("charts/life.csv", csv);
    site.write("charts/life.toml", &format!("{SPEC}{spec_extra}"));
    site.write(
        "content/life.md",
        "+++\ntitle = \"寿命\"\n+++\n\n{{ chart(id=\"life\") }}\n",
    );
    site
}

/// The vertices of the series line (the 2 px polyline) in the wide SVG.
fn vertices(svg: &str) -> Vec<(f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let line = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .expect("a series line");
    line.attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

#[test]
fn newest_first_years_are_drawn_in_time_order_spaced_by_time() {
    let s = site(
        "年份,预期寿命\n2005年,72.98\n1980年,64.41\n1960年,27.79\n1955年,53.92\n",
        "",
    );
    s.build_ok(&[]);
    let svg = s.read("public/charts/life.svg");
    let xs: Vec<f64> = vertices(&svg).iter().map(|p| p.0).collect();
    assert_eq!(xs.len(), 4);
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    let span = xs[3] - xs[0];
    for (x, year) in xs.iter().zip([1955.0, 1960.0, 1980.0, 2005.0]) {
        let expected = xs[0] + span * (year - 1955.0) / 50.0;
        assert!((x - expected).abs() <= 1.0, "{xs:?}");
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(texts.contains(&"1960年"), "natural ticks: {texts:?}");
    let csv = s.read("public/charts/life.csv");
    assert!(
        csv.starts_with("\u{feff}年份,预期寿命（岁）\n1955年,53.92\n"),
        "{csv}"
    );
}

#[test]
fn a_gap_breaks_the_line_and_reads_as_a_dash_in_the_table() {
    let s = site(
        "年份,预期寿命\n2005年,72.98\n1990年,\n1980年,64.41\n1960年,27.79\n1955年,53.92\n",
        "",
    );
    s.build_ok(&[]);
    let svg = s.read("public/charts/life.svg");
    let lines = svg.matches("stroke-width=\"2\"").count();
    assert_eq!(lines, 1, "one run of three points; 2005 alone is a dot");
    let page = s.read("public/life/index.html");
    assert!(page.contains("<td>—</td>"), "missing cell shown as a dash");
    assert!(s.read("public/charts/life.csv").contains("\n1990年,\n"));
}

#[test]
fn duplicated_and_mixed_periods_stop_the_build_at_the_data_line() {
    let s = site(
        "年份,预期寿命\n2005年,72.98\n1980,64.41\n1980年,64.41\n",
        "",
    );
    let r = s.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("charts/life.csv:4:")
            && r.stderr.contains("line 3")
            && r.stderr.contains("appears twice"),
        "{}",
        r.stderr
    );
    let s = site("年份,预期寿命\n2005年,72.98\n2005Q1,64.41\n", "");
    let r = s.run(&["build"]);
    assert!(
        r.stderr.contains("charts/life.csv:3:") && r.stderr.contains("granularity"),
        "{}",
        r.stderr
    );
    // Categories on request: the same file draws in file order.
    let s = site(
        "年份,预期寿命\n2005年,72.98\n2005Q1,64.41\n",
        "x_scale = \"category\"\n",
    );
    s.build_ok(&[]);
}
