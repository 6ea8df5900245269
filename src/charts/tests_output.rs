//! Tests of what a page shows besides the marks: the SVG root and its title/desc, the
//! description text, CSV and table; highlight colours; the narrow variant's options.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use super::scene::Mark;
use super::tests::{ex, opts, sample, scene_of, series_lines, spec, table, text};
use super::*;
use crate::data::Cell;

#[test]
fn svg_root_desc_csv_and_table() {
    let (s, t) = sample("donut");
    let out = render_chart(
        "investment",
        &s,
        &t,
        &opts(720, 420),
        Path::new("charts/investment.toml"),
    )
    .unwrap();
    assert!(out.svg.starts_with(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 420\" width=\"720\" height=\"420\" role=\"img\" aria-labelledby=\"investment-title investment-desc\" xml:lang=\"zh-CN\" font-family=\"PingFang SC, &apos;Noto Sans CJK SC&apos;"
    ) || out.svg.starts_with(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 420\" width=\"720\" height=\"420\" role=\"img\" aria-labelledby=\"investment-title investment-desc\" xml:lang=\"zh-CN\" font-family=\"PingFang SC, 'Noto Sans CJK SC'"
    ), "{}", &out.svg[..400]);
    assert!(out.svg.contains("<desc id=\"investment-desc\">"));
    assert_eq!(
        out.desc,
        "环形图。基础设施 771.4亿元（38.2%）；制造业 约430亿元（约21.3%）；产业园区 超过100亿元（超过4.9%）；科技创新 18.4亿元（0.9%）；其他 约700.5亿元（约34.7%）；合计 2,020.3亿元。"
    );
    assert_eq!(
        out.csv,
        "\u{feff}领域,完成投资（亿元）,完成投资（限定词）\n基础设施,771.4,\n制造业,430,约\n产业园区,100,超过\n科技创新,18.4,\n其他,700.5,约\n合计,2020.3,\n"
    );
    assert_eq!(out.table.columns, vec!["领域", "完成投资（亿元）", "占比"]);
    assert_eq!(out.table.rows[1], vec!["制造业", "约430", "约21.3%"]);
    assert_eq!(out.table.rows[5], vec!["合计", "2,020.3", "100.0%"]);
}

/// The fills of the marks that stand for data, in drawing order.
#[test]
fn highlight_colours() {
    use super::colour::{HIGHLIGHT_BAND, MUTED, REMAINDER};
    let palette = ["#1f4e79".to_string(), "#c0504d".to_string()];
    let o = ChartOptions {
        width: 720,
        height: 420,
        palette: &palette,
        decimals: 1,
        strings: None,
    };
    // Single series: the highlighted bar in palette[0], the others muted, 其他 grey.
    let (s, t) = sample("bar");
    let sc = scene_of(&s, &t, &o);
    let fills = super::tests::bar_fills(&sc);
    let navy = colour::Rgb(0x1f, 0x4e, 0x79);
    assert_eq!(fills, vec![MUTED, MUTED, MUTED, navy, REMAINDER]);
    // When 其他 is what the chart is about, it is the highlight, not the grey remainder.
    let (mut s, t) = sample("bar");
    s.highlight = vec!["其他".into()];
    let sc = scene_of(&s, &t, &o);
    let fills = super::tests::bar_fills(&sc);
    assert_eq!(fills, vec![MUTED, MUTED, MUTED, MUTED, navy]);
    // A highlighted series keeps its colour, the others turn grey; a highlighted
    // category gets a pale band.
    let (mut s, t) = sample("line");
    s.highlight = vec!["制造业".into(), "2023年".into()];
    let sc = scene_of(&s, &t, &o);
    let strokes: Vec<_> = sc
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Line {
                stroke, width: 2, ..
            } => Some(*stroke),
            _ => None,
        })
        .collect();
    assert_eq!(strokes[1], navy);
    assert!(strokes[0] != navy && strokes[2] != navy);
    assert!(sc
        .marks
        .iter()
        .any(|m| matches!(m, Mark::Rect { fill, .. } if *fill == HIGHLIGHT_BAND)));
}

/// A series longer than the canvas is wide is drawn through about one point a pixel
/// (keeping its extremes) and summarised in the `desc`; table and CSV keep every value.
#[test]
fn long_series_are_simplified_for_drawing_only() {
    // A deterministic wiggle with one peak and one trough; labels are plain numbers.
    let rows: Vec<Vec<Cell>> = (0..1461)
        .map(|i| {
            let v = match i {
                500 => 900.0,
                1000 => -900.0,
                _ => f64::from(i % 7) * 10.0,
            };
            vec![text(&format!("第{i}天")), ex(v)]
        })
        .collect();
    let t = table("long.csv", &["日", "值"], rows);
    let s = spec("title = \"t\"\nkind = \"line\"\ndata = \"long.csv\"\nx = \"日\"\ny = [\"值\"]\nunit = \"亿元\"");
    for width in [720, 400] {
        let sc = scene_of(&s, &t, &opts(width, 420));
        let points = series_lines(&sc);
        let drawn = points[0];
        assert!(
            drawn.len() <= width as usize,
            "{} points at {width}",
            drawn.len()
        );
        let ys: Vec<f64> = drawn.iter().map(|p| p.1).collect();
        let (lo, hi) = ys
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(*y), b.max(*y)));
        // The peak and the trough survive (they are the highest and lowest pixels).
        assert!(hi - lo > 100.0);
        let out = render_chart("l", &s, &t, &opts(width, 420), Path::new("charts/l.toml")).unwrap();
        for said in [
            "共1461个点",
            "首 第0天 0亿元",
            "末 第1460天",
            "最低 第1000天 −900亿元",
            "最高 第500天 900亿元",
        ] {
            assert!(out.desc.contains(said), "{said} not in {}", out.desc);
        }
        assert!(out.desc.len() < 400, "{}", out.desc.len());
        assert_eq!(out.table.rows.len(), 1461);
        assert_eq!(out.csv.lines().count(), 1462);
    }
}
