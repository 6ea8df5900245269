//! Shared fixtures (sample data and specs for every kind) and geometry tests: bar lengths,
//! segment and slice sizes follow the data; the SVG root, desc, CSV and table.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::f64::consts::TAU;
use std::path::Path;

use crate::data::{Cell, Number, Qualifier, Row, Table};

use super::scene::{Mark, Scene};
use super::*;

pub fn num(v: f64, q: Qualifier, d: u8) -> Cell {
    Cell::Number(Number {
        value: v,
        qualifier: q,
        decimals: d,
    })
}

pub fn ex(v: f64) -> Cell {
    let d = if v.fract() == 0.0 { 0 } else { 1 };
    num(v, Qualifier::Exact, d)
}

pub fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

pub fn table(path: &str, columns: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    let mut t = Table::new(
        path,
        columns.iter().map(|c| c.to_string()).collect(),
        rows.into_iter()
            .enumerate()
            .map(|(i, cells)| Row::new(i + 2, cells))
            .collect(),
    );
    crate::data::roles::assign(&mut t, None);
    t
}

pub fn spec(src: &str) -> ChartSpec {
    toml::from_str(src).unwrap()
}

pub fn investment() -> Table {
    table(
        "key-projects.csv",
        &["领域", "完成投资"],
        vec![
            vec![text("基础设施"), ex(771.4)],
            vec![text("制造业"), num(430.0, Qualifier::About, 0)],
            vec![text("产业园区"), num(100.0, Qualifier::Over, 0)],
            vec![text("科技创新"), ex(18.4)],
            vec![text("合计"), ex(2020.3)],
        ],
    )
}

pub fn series() -> Table {
    table(
        "series.csv",
        &["年份", "基础设施", "制造业", "科技创新"],
        vec![
            vec![text("2021年"), ex(512.3), ex(301.0), ex(12.5)],
            vec![text("2022年"), ex(580.1), ex(350.2), ex(14.0)],
            vec![text("2023年"), ex(655.0), ex(388.9), ex(15.2)],
            vec![text("2024年"), ex(702.4), ex(410.7), ex(16.9)],
            vec![text("2025年"), ex(771.4), ex(430.0), ex(18.4)],
        ],
    )
}

/// Ten categories with long Chinese names.
pub fn long_labels() -> Table {
    let names = [
        "重庆两江新区先进制造业产业园区建设项目",
        "成渝地区双城经济圈综合交通枢纽工程",
        "西部科学城重庆高新区科技创新平台",
        "长江上游生态环境保护与修复工程",
        "城市更新、老旧小区改造及配套设施",
        "国家级新区数字经济产业集群建设",
        "乡村振兴农业农村现代化示范项目",
        "能源保障，清洁能源与电网升级",
        "社会民生教育医疗卫生设施补短板",
        "其他重点领域项目合计（含在建续建）",
    ];
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            vec![
                text(n),
                ex(1234.5 / (i as f64 + 1.0)),
                ex(100.0 + i as f64 * 37.5),
            ]
        })
        .collect();
    table("long.csv", &["项目", "完成投资", "计划投资"], rows)
}

pub fn bullet_table() -> Table {
    table(
        "plan.csv",
        &["指标", "完成率", "时间进度"],
        vec![vec![text("年度计划完成率"), ex(40.3), ex(41.7)]],
    )
}

pub const KINDS: [&str; 10] = [
    "bar",
    "hbar",
    "stacked",
    "stacked100",
    "grouped",
    "line",
    "area",
    "donut",
    "waterfall",
    "bullet",
];

/// A representative spec and table for each kind.
pub fn sample(kind: &str) -> (ChartSpec, Table) {
    let single = |extra: &str| {
        spec(&format!(
            "title = \"前5个月重点项目投资\"\nkind = \"{kind}\"\ndata = \"key-projects.csv\"\nx = \"领域\"\ny = [\"完成投资\"]\nunit = \"亿元\"\nsort = \"desc\"\nremainder = {{ label = \"其他\", total_row = \"合计\" }}\n{extra}"
        ))
    };
    match kind {
        "bar" | "hbar" | "waterfall" => (single("highlight = [\"科技创新\"]"), investment()),
        "donut" => (single(""), investment()),
        "bullet" => (
            spec("title = \"年度计划\"\nkind = \"bullet\"\ndata = \"plan.csv\"\nx = \"指标\"\ny = [\"完成率\"]\nreference = \"时间进度\"\nunit = \"%\"\nbands = [30, 60]"),
            bullet_table(),
        ),
        _ => (
            spec(&format!(
                "title = \"分年度投资\"\nkind = \"{kind}\"\ndata = \"series.csv\"\nx = \"年份\"\ny = [\"基础设施\", \"制造业\", \"科技创新\"]\nunit = \"亿元\""
            )),
            series(),
        ),
    }
}

pub fn opts(width: u32, height: u32) -> ChartOptions<'static> {
    ChartOptions {
        width,
        height,
        palette: &[],
        decimals: 1,
        strings: None,
    }
}

pub fn scene_of(spec: &ChartSpec, table: &Table, o: &ChartOptions) -> Scene {
    let data = prepare::prepare(spec, table, Path::new("charts/x.toml")).unwrap();
    let style = super::number_style(spec, table).unwrap();
    layout(spec, &data, &style, o)
}

/// The points of every series line (the 2 px strokes) in a scene.
pub fn series_lines(scene: &Scene) -> Vec<&Vec<(f64, f64)>> {
    scene
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Line {
                points, width: 2, ..
            } => Some(points),
            _ => None,
        })
        .collect()
}

/// The fill of every bar that stands for data, in drawing order.
pub fn bar_fills(scene: &Scene) -> Vec<colour::Rgb> {
    scene
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Rect {
                fill,
                datum: Some(_),
                ..
            } => Some(*fill),
            _ => None,
        })
        .collect()
}

fn rects(scene: &Scene) -> Vec<(f64, f64, f64, f64, scene::Datum)> {
    scene
        .marks
        .iter()
        .filter_map(Mark::bar)
        .map(|(b, d)| (b.x0, b.y0, b.x1, b.y1, d))
        .collect()
}

/// Length / value is the same for every mark.
fn assert_proportional(pairs: &[(f64, f64)]) {
    let ratios: Vec<f64> = pairs
        .iter()
        .filter(|(_, v)| v.abs() > 1e-9)
        .map(|(len, v)| len / v.abs())
        .collect();
    assert!(!ratios.is_empty());
    for r in &ratios {
        assert!((r - ratios[0]).abs() / ratios[0] < 1e-6, "{pairs:?}");
    }
}

#[test]
fn bar_heights_follow_values() {
    for kind in ["bar", "grouped", "stacked", "waterfall"] {
        let (s, t) = sample(kind);
        let sc = scene_of(&s, &t, &opts(720, 420));
        let pairs: Vec<(f64, f64)> = rects(&sc).iter().map(|r| (r.3 - r.1, r.4.value)).collect();
        assert_proportional(&pairs);
    }
}

#[test]
fn hbar_widths_follow_values() {
    let (s, t) = sample("hbar");
    let sc = scene_of(&s, &t, &opts(720, 420));
    let r = rects(&sc);
    assert_eq!(r.len(), 5);
    assert_proportional(&r.iter().map(|r| (r.2 - r.0, r.4.value)).collect::<Vec<_>>());
    // Sorted descending with 其他 (约700.5) last; highlight colour only on 科技创新.
    let values: Vec<f64> = r.iter().map(|r| r.4.value).collect();
    assert_eq!(values, vec![771.4, 430.0, 100.0, 18.4, 700.5]);
}

#[test]
fn stacked100_segments_are_shares() {
    let (s, t) = sample("stacked100");
    let sc = scene_of(&s, &t, &opts(720, 420));
    let r = rects(&sc);
    for row in 0..5 {
        let segs: Vec<_> = r.iter().filter(|x| x.4.row == row).collect();
        let total: f64 = segs.iter().map(|x| x.4.value).sum();
        let width: f64 = segs.iter().map(|x| x.2 - x.0).sum();
        for x in segs {
            assert!(((x.2 - x.0) / width - x.4.value / total).abs() < 1e-9);
        }
    }
}

#[test]
fn donut_angles_follow_shares() {
    let (s, t) = sample("donut");
    for w in [720, 400] {
        let sc = scene_of(&s, &t, &opts(w, 420));
        let slices: Vec<(f64, f64, f64)> = sc
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Slice {
                    start,
                    end,
                    datum: Some(d),
                    ..
                } => Some((*start, *end, d.value)),
                _ => None,
            })
            .collect();
        assert_eq!(slices.len(), 5);
        assert_eq!(slices[0].0, 0.0, "starts at 12 o'clock");
        assert!((slices[4].1 - TAU).abs() < 1e-9);
        let total: f64 = slices.iter().map(|s| s.2).sum();
        assert!((total - 2020.3).abs() < 1e-6);
        for (a, b, v) in &slices {
            assert!(((b - a) / TAU - v / total).abs() < 1e-9);
        }
        // Largest first (sort = desc), remainder last.
        assert_eq!(slices[0].2, 771.4);
    }
}

#[test]
fn bullet_bar_is_share_of_scale() {
    let (s, t) = sample("bullet");
    let sc = scene_of(&s, &t, &opts(720, 420));
    let r = rects(&sc);
    assert_eq!(r.len(), 1);
    let track = sc.marks.iter().filter_map(|m| match m {
        Mark::Rect {
            x0,
            x1,
            datum: None,
            ..
        } => Some((*x0, *x1)),
        _ => None,
    });
    let (lo, hi) = track.fold((f64::MAX, f64::MIN), |(a, b), (x0, x1)| {
        (a.min(x0), b.max(x1))
    });
    assert!(((r[0].2 - r[0].0) / (hi - lo) - 0.403).abs() < 1e-9);
}

#[test]
fn line_points_follow_values() {
    let (s, t) = sample("line");
    let sc = scene_of(&s, &t, &opts(720, 420));
    let lines = series_lines(&sc);
    assert_eq!(lines.len(), 3);
    // y is linear in value: equal value differences give equal pixel differences.
    let a = lines[0];
    let v = [512.3, 580.1, 655.0, 702.4, 771.4];
    let k = (a[1].1 - a[0].1) / (v[1] - v[0]);
    for i in 1..5 {
        assert!(((a[i].1 - a[0].1) - k * (v[i] - v[0])).abs() < 1e-6);
    }
}
