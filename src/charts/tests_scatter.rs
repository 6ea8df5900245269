//! Scatter geometry: positions proportional to the data, bubble areas proportional to
//! `size`, log axes, names of highlighted points clear of one another at every width,
//! missing cells left out, errors at their cells.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use crate::data::Cell;

use super::scene::Mark;
use super::tests::{ex, opts, scene_of, spec, table, text};
use super::*;

/// Gapminder, 2005 (vega-datasets 3.2.1, data/gapminder.json; Gapminder Foundation):
/// total fertility, life expectancy, population in 万人 (rounded).
const GAPMINDER: [(&str, f64, f64, f64); 8] = [
    ("Afghanistan", 6.91, 57.63, 2441.0),
    ("China", 1.62, 72.98, 130489.0),
    ("India", 2.96, 65.39, 115464.0),
    ("Japan", 1.27, 82.5, 12780.0),
    ("Nigeria", 6.07, 56.63, 14049.0),
    ("Rwanda", 5.44, 58.22, 903.0),
    ("South Africa", 2.51, 52.1, 4902.0),
    ("United States", 2.06, 77.73, 29684.0),
];

fn gapminder() -> Table {
    let mut t = table(
        "gapminder.csv",
        &["国家", "总和生育率", "预期寿命", "人口"],
        GAPMINDER
            .iter()
            .map(|(c, f, l, p)| vec![text(c), ex(*f), ex(*l), ex(*p)])
            .collect(),
    );
    t.units.insert("预期寿命".into(), "岁".into());
    t.units.insert("人口".into(), "万人".into());
    t
}

fn scatter(extra: &str) -> ChartSpec {
    spec(&format!(
        "title = \"生育率越低，寿命越长\"\nkind = \"scatter\"\ndata = \"gapminder.csv\"\nx = \"总和生育率\"\ny = [\"预期寿命\"]\n{extra}"
    ))
}

fn dots(scene: &scene::Scene) -> Vec<(f64, f64, f64)> {
    scene
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Dot { x, y, r, .. } => Some((*x, *y, *r)),
            _ => None,
        })
        .collect()
}

#[test]
fn positions_are_proportional_to_the_data() {
    let s = scatter("");
    let scene = scene_of(&s, &gapminder(), &opts(720, 420));
    let d = dots(&scene);
    assert_eq!(d.len(), GAPMINDER.len());
    // Without sizes dots keep row order; x and y are affine maps of the data.
    let (f0, l0) = (GAPMINDER[0].1, GAPMINDER[0].2);
    let (f1, l1) = (GAPMINDER[1].1, GAPMINDER[1].2);
    let sx = (d[1].0 - d[0].0) / (f1 - f0);
    let sy = (d[1].1 - d[0].1) / (l1 - l0);
    assert!(sx > 0.0 && sy < 0.0, "x grows right, y grows up");
    for (i, (_, f, l, _)) in GAPMINDER.iter().enumerate() {
        assert!(
            (d[i].0 - (d[0].0 + sx * (f - f0))).abs() < 1e-6,
            "x of row {i}"
        );
        assert!(
            (d[i].1 - (d[0].1 + sy * (l - l0))).abs() < 1e-6,
            "y of row {i}"
        );
    }
}

#[test]
fn bubble_areas_are_proportional_to_size() {
    let s = scatter("size = \"人口\"");
    let scene = scene_of(&s, &gapminder(), &opts(720, 420));
    let d = dots(&scene);
    // Each population's bubble, found by its data position (sorted by size for drawing).
    let k = d.iter().map(|p| p.2 * p.2).fold(0.0, f64::max) / 130489.0;
    let mut areas: Vec<f64> = d.iter().map(|p| p.2 * p.2 / k).collect();
    let mut pops: Vec<f64> = GAPMINDER.iter().map(|g| g.3).collect();
    areas.sort_by(f64::total_cmp);
    pops.sort_by(f64::total_cmp);
    for (a, p) in areas.iter().zip(&pops) {
        assert!((a - p).abs() < 1e-6 * p, "area {a} for size {p}");
    }
}

#[test]
fn log_axes_place_decades_evenly() {
    let t = table(
        "t.csv",
        &["名称", "甲", "乙"],
        vec![
            vec![text("a"), ex(1.0), ex(10.0)],
            vec![text("b"), ex(10.0), ex(100.0)],
            vec![text("c"), ex(100.0), ex(1000.0)],
        ],
    );
    let s = spec("title = \"t\"\nkind = \"scatter\"\ndata = \"t.csv\"\nx = \"甲\"\ny = [\"乙\"]\nx_log = true\ny_log = true");
    let d = dots(&scene_of(&s, &t, &opts(720, 420)));
    assert!(((d[1].0 - d[0].0) - (d[2].0 - d[1].0)).abs() < 1e-6);
    assert!(((d[1].1 - d[0].1) - (d[2].1 - d[1].1)).abs() < 1e-6);
}

#[test]
fn highlighted_names_never_overlap_at_any_width() {
    let s = scatter(
        "size = \"人口\"\nhighlight = [\"China\", \"India\", \"Japan\", \"Nigeria\", \"Rwanda\", \"United States\"]",
    );
    for width in [240, 320, 400, 720] {
        let scene = scene_of(&s, &gapminder(), &opts(width, 360));
        assert!(
            scene.label_problems().is_empty(),
            "{width}: {:?}",
            scene.label_problems()
        );
        let named = scene.labels().filter(|l| l.bold).count();
        assert!(named >= 4, "{width}: only {named} names placed");
    }
}

#[test]
fn missing_cells_leave_the_point_out_and_the_desc_counts_them() {
    let mut t = gapminder();
    t.rows[2].cells[2] = Cell::Empty;
    let s = scatter("highlight = [\"Japan\"]");
    assert_eq!(
        dots(&scene_of(&s, &t, &opts(720, 420))).len(),
        GAPMINDER.len() - 1
    );
    let r = render_chart("c", &s, &t, &opts(720, 420), Path::new("c")).unwrap();
    assert!(r.desc.starts_with("散点图。共7个点"), "{}", r.desc);
    assert!(r.desc.contains("1个点因数值缺失未画出"), "{}", r.desc);
    assert!(
        r.desc.contains("Japan（总和生育率 1.3，预期寿命 82.5岁）"),
        "{}",
        r.desc
    );
    assert!(
        r.desc.contains("纵轴为预期寿命，从52.1岁到82.5岁"),
        "{}",
        r.desc
    );
    assert_eq!(
        r.table.columns,
        vec!["国家", "总和生育率", "预期寿命（岁）"]
    );
    assert_eq!(r.table.rows[2], vec!["India", "3.0", "—"]);
    assert!(
        r.csv.contains("国家,总和生育率,预期寿命（岁）"),
        "{}",
        r.csv
    );
}

#[test]
fn errors_name_the_cell() {
    let mut t = gapminder();
    t.rows[3].cells[1] = ex(-1.0);
    let s = scatter("x_log = true");
    let e = prepare::prepare(&s, &t, Path::new("charts/x.toml")).unwrap_err();
    let shown = e.to_string();
    assert!(shown.contains("charts/gapminder.csv:5"), "{shown}");
    assert!(shown.contains("logarithmic axis"), "{shown}");
    let e = prepare::prepare(
        &scatter("highlight = [\"Mars\"]"),
        &gapminder(),
        Path::new("x"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("`Mars`"), "{e}");
    let two = spec("title = \"t\"\nkind = \"scatter\"\ndata = \"g\"\nx = \"总和生育率\"\ny = [\"预期寿命\", \"人口\"]");
    assert!(prepare::prepare(&two, &gapminder(), Path::new("x")).is_err());
}

#[test]
fn long_chinese_names_are_placed_clear_or_left_to_the_table() {
    let t = super::tests::long_labels();
    let names: Vec<String> = t
        .rows
        .iter()
        .map(|r| r.cells[0].to_string())
        .take(5)
        .collect();
    let s = spec(&format!(
        "title = \"t\"\nkind = \"scatter\"\ndata = \"long.csv\"\nx = \"完成投资\"\ny = [\"计划投资\"]\nhighlight = {names:?}"
    ));
    for (w, h) in [(720, 420), (400, 360), (320, 300), (240, 240)] {
        let scene = scene_of(&s, &t, &opts(w, h));
        let problems = scene.label_problems();
        assert!(problems.is_empty(), "{w}px: {problems:#?}");
        let named = scene.labels().filter(|l| l.bold).count();
        assert!(named >= 1, "{w}px: no name placed");
        for l in scene.labels() {
            assert!(l.size >= 12.0, "{w}px: `{}` at {}px", l.text, l.size);
        }
    }
}

#[test]
fn a_reference_line_and_a_callout_on_a_scatter() {
    let notes = "[[annotate]]\ny = 70\ntext = \"70岁\"\n\n[[annotate]]\nx = \"Rwanda\"\ntext = \"Rwanda, after the genocide\"\n";
    for extra in ["", "y_log = true\n"] {
        for width in [720, 400, 320] {
            let s = scatter(&format!("label = \"国家\"\n{extra}{notes}"));
            let sc = scene_of(&s, &gapminder(), &opts(width, 420));
            let problems = sc.label_problems();
            assert!(problems.is_empty(), "{extra}{width}: {problems:?}");
            // The line at 70 lies between the points at 65.39 (India) and 72.98 (China),
            // in proportion on a linear axis.
            let ys: Vec<f64> = dots(&sc).iter().map(|d| d.1).collect();
            let at = |v: f64| {
                let (china, india) = (ys[1], ys[2]);
                india + (china - india) * (v - 65.39) / (72.98 - 65.39)
            };
            let level = sc
                .marks
                .iter()
                .find_map(|m| match m {
                    Mark::Line {
                        points,
                        dashed: true,
                        ..
                    } => Some(points[0].1),
                    _ => None,
                })
                .unwrap();
            assert!(level < ys[2] && level > ys[1], "{extra}{width}");
            if extra.is_empty() {
                assert!((level - at(70.0)).abs() < 1e-6, "{width}");
            }
            // The callout names Rwanda's point and covers no point.
            let b = sc
                .labels()
                .find(|l| l.text.starts_with("Rwanda,"))
                .unwrap()
                .bbox();
            for (x, y, r) in dots(&sc) {
                let d = scene::Bbox::around(x, y, r);
                assert!(!b.overlaps(&d, 0.5), "{extra}{width}: covers a point");
            }
        }
    }
    let bad = scatter("[[annotate]]\nx_from = \"China\"\nx_to = \"India\"\ntext = \"a\"\n");
    let e = render_chart("c", &bad, &gapminder(), &opts(720, 420), Path::new("c")).unwrap_err();
    assert!(
        e.message.contains("on a scatter chart give `y` alone"),
        "{}",
        e.message
    );
    let bad = scatter("y_log = true\n[[annotate]]\ny = 0\ntext = \"a\"\n");
    let e = render_chart("c", &bad, &gapminder(), &opts(720, 420), Path::new("c")).unwrap_err();
    assert!(
        e.message.contains("cannot be drawn on a log axis"),
        "{}",
        e.message
    );
}
