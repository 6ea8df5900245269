//! Bridge waterfalls: start and end stand on zero, the changes hang between them, and
//! a bridge that does not add up is an error naming its rows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use super::scene::Mark;
use super::tests::{num, opts, spec, table, text};
use super::*;
use crate::data::{Cell, Qualifier};

const SPEC: &str = "title = \"t\"\nkind = \"waterfall\"\nmode = \"bridge\"\ndata = \"b.csv\"\nx = \"项目\"\ny = [\"人口\"]\nstart = \"2000年\"\nend = \"2005年\"\n";

fn n(v: f64) -> Cell {
    num(v, Qualifier::Exact, 1)
}

/// Five countries' population in 万人, 2000 → 2005 (Gapminder, via vega-datasets 3.2.1),
/// with the end row first and a fall made up to test the colours.
fn bridge_table(end: f64) -> Table {
    table(
        "b.csv",
        &["项目", "人口"],
        vec![
            vec![text("2005年"), n(end)],
            vec![text("中国"), n(4078.8)],
            vec![text("2000年"), n(299607.7)],
            vec![text("印度"), n(9500.5)],
            vec![text("美国"), n(1444.4)],
            vec![text("印度尼西亚"), n(1473.3)],
            vec![text("巴西"), n(1092.4)],
        ],
    )
}

const END: f64 = 317197.1;

fn draw(src: &str, t: &Table) -> Result<RenderedChart, crate::error::Diagnostic> {
    render_chart(
        "b",
        &spec(src),
        t,
        &opts(720, 420),
        Path::new("charts/b.toml"),
    )
}

#[test]
fn a_balanced_bridge_runs_from_start_to_end() {
    let t = bridge_table(END);
    let data = prepare::prepare(&spec(SPEC), &t, Path::new("charts/b.toml")).unwrap();
    assert!(data.bridge);
    let labels: Vec<&str> = data.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "2000年",
            "中国",
            "印度",
            "美国",
            "印度尼西亚",
            "巴西",
            "2005年"
        ]
    );
    let style = number_style(&spec(SPEC), &t).unwrap();
    let scene = layout(&spec(SPEC), &data, &style, &opts(720, 420));
    let bars: Vec<(f64, f64)> = scene
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Rect { y0, y1, .. } => Some((y0.min(*y1), y0.max(*y1))),
            _ => None,
        })
        .collect();
    assert_eq!(bars.len(), 7);
    // Start and end stand on the same baseline; each change starts where the last ended.
    assert!((bars[0].1 - bars[6].1).abs() < 1e-6);
    assert!((bars[1].1 - bars[0].0).abs() < 1e-6);
    assert!((bars[5].0 - bars[6].0).abs() < 1e-6);
    let out = draw(SPEC, &t).unwrap();
    assert!(!out.desc.contains("合计"), "{}", out.desc);
    assert!(
        out.csv
            .starts_with("\u{feff}项目,人口\n2000年,299607.7\n中国,4078.8\n"),
        "{}",
        out.csv
    );
}

#[test]
fn rounding_is_allowed_but_a_missing_change_is_not() {
    // Seven figures rounded to 0.1 may be off by up to 0.35 together.
    assert!(draw(SPEC, &bridge_table(END + 0.3)).is_ok());
    let d = draw(SPEC, &bridge_table(END + 1092.4)).unwrap_err();
    assert!(
        d.message.starts_with("end: `2000年` (299,607.7) plus the changes `中国`, `印度`, `美国`, `印度尼西亚`, `巴西`"),
        "{d}"
    );
    assert!(d.message.contains("off by 1,092.4"), "{d}");
    assert!(d.hint.unwrap().contains("±0.4"));
}

#[test]
fn bridge_keys_are_checked() {
    let no_end = SPEC.replace("end = \"2005年\"\n", "");
    assert!(draw(&no_end, &bridge_table(END))
        .unwrap_err()
        .message
        .starts_with("mode: a bridge waterfall needs `start` and `end`"));
    let wrong = SPEC.replace("start = \"2000年\"", "start = \"1999年\"");
    let d = draw(&wrong, &bridge_table(END)).unwrap_err();
    assert!(d.message.starts_with("start: no row `1999年`"), "{d}");
    let bar = SPEC.replace("kind = \"waterfall\"", "kind = \"bar\"");
    assert!(draw(&bar, &bridge_table(END))
        .unwrap_err()
        .message
        .starts_with("mode:"));
    let stray = SPEC.replace("mode = \"bridge\"\n", "");
    assert!(draw(&stray, &bridge_table(END))
        .unwrap_err()
        .message
        .starts_with("start: only a bridge"));
}
