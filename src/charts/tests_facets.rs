//! Tests of small multiples (`facets = true`): every panel shares one scale (the same
//! value at the same height, the same category at the same x), panels reflow with the
//! width, highlighting picks out a panel, one `desc` for the figure, table and CSV as
//! without facets, and the errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use super::colour::{MUTED, MUTED_DARK};
use super::scene::{Mark, Scene};
use super::tests::{opts, scene_of, series, series_lines};
use super::*;

const NAMES: [&str; 3] = ["基础设施", "制造业", "科技创新"];

fn faceted(kind: &str, extra: &str) -> ChartSpec {
    tests::spec(&format!(
        "title = \"t\"\nkind = \"{kind}\"\ndata = \"series.csv\"\nx = \"年份\"\ny = [\"基础设施\", \"制造业\", \"科技创新\"]\nunit = \"亿元\"\nfacets = true\nsource = \"来源\"\n{extra}"
    ))
}

/// The top-left corner of each panel: where its title starts.
fn origins(sc: &Scene) -> Vec<(f64, f64)> {
    NAMES
        .iter()
        .map(|n| {
            let l = sc.labels().find(|l| l.text == *n).unwrap();
            (l.x, l.bbox().y0)
        })
        .collect()
}

fn values(s: usize) -> Vec<f64> {
    let t = series();
    t.rows
        .iter()
        .map(|r| match &r.cells[s + 1] {
            crate::data::Cell::Number(n) => n.value,
            _ => panic!(),
        })
        .collect()
}

#[test]
fn every_panel_shares_the_scale() {
    let t = series();
    for width in [720, 400, 320] {
        let sc = scene_of(&faceted("line", ""), &t, &opts(width, 420));
        let lines = series_lines(&sc);
        assert_eq!(lines.len(), 3, "{width}: one line per panel");
        let o = origins(&sc);
        // y = a + b·value, measured from each panel's corner: the same a and b in all.
        let fits: Vec<(f64, f64)> = lines
            .iter()
            .zip(&o)
            .enumerate()
            .map(|(s, (pts, origin))| {
                let v = values(s);
                let b = (pts[1].1 - pts[0].1) / (v[1] - v[0]);
                for (p, v) in pts.iter().zip(&v) {
                    assert!((p.1 - (pts[0].1 + b * (v - values(s)[0]))).abs() < 1e-6);
                }
                (pts[0].1 - b * v[0] - origin.1, b)
            })
            .collect();
        for f in &fits {
            assert!((f.0 - fits[0].0).abs() < 1e-6, "{width}: {fits:?}");
            assert!((f.1 - fits[0].1).abs() < 1e-9, "{width}: {fits:?}");
        }
        // The same category at the same x in every panel.
        for (pts, origin) in lines.iter().zip(&o) {
            for (p, q) in pts.iter().zip(lines[0].iter()) {
                assert!(((p.0 - origin.0) - (q.0 - o[0].0)).abs() < 1e-6);
            }
        }
        let problems = sc.label_problems();
        assert!(problems.is_empty(), "{width}: {problems:?}");
    }
}

#[test]
fn bars_in_every_panel_follow_one_scale() {
    let t = series();
    for width in [720, 400, 320] {
        let sc = scene_of(&faceted("bar", ""), &t, &opts(width, 420));
        let bars: Vec<(f64, f64, f64)> = sc
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect {
                    y0,
                    y1,
                    datum: Some(d),
                    ..
                } => Some((*y0, *y1, d.value)),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 15, "{width}");
        let k = (bars[0].1 - bars[0].0) / bars[0].2;
        for (y0, y1, v) in &bars {
            assert!(((y1 - y0) - k * v).abs() < 1e-6, "{width}: {bars:?}");
        }
        let problems = sc.label_problems();
        assert!(problems.is_empty(), "{width}: {problems:?}");
    }
}

#[test]
fn panels_reflow_with_the_width() {
    let t = series();
    let rows = |width: u32| {
        let o = origins(&scene_of(&faceted("area", ""), &t, &opts(width, 420)));
        let mut ys: Vec<i64> = o.iter().map(|p| p.1.round() as i64).collect();
        ys.dedup();
        ys.len()
    };
    assert_eq!(rows(720), 1);
    assert_eq!(rows(400), 2);
    assert_eq!(rows(320), 3);
    // Side by side, panels never overlap.
    let sc = scene_of(&faceted("line", ""), &t, &opts(720, 420));
    let o = origins(&sc);
    assert!(o[1].0 - o[0].0 >= facets::MIN_PANEL);
}

#[test]
fn a_highlighted_series_keeps_its_colour_and_the_others_turn_grey() {
    let sc = scene_of(
        &faceted("bar", "highlight = [\"制造业\"]"),
        &series(),
        &opts(720, 420),
    );
    let fills = super::tests::bar_fills(&sc);
    let grey = |f: &colour::Rgb| *f == MUTED || *f == MUTED_DARK;
    assert!(fills[..5].iter().all(grey), "{fills:?}");
    assert!(fills[5..10].iter().all(|f| !grey(f)), "{fills:?}");
    assert!(fills[10..].iter().all(grey), "{fills:?}");
    let title = sc.labels().find(|l| l.text == "制造业").unwrap();
    assert!(title.bold);
}

#[test]
fn one_desc_and_the_same_table_and_csv() {
    let t = series();
    let file = Path::new("charts/c.toml");
    let s = faceted("line", "");
    let r = render_chart("c", &s, &t, &opts(720, 420), file).unwrap();
    assert!(
        r.desc.starts_with(
            "分面折线图，每个系列一幅小图（基础设施、制造业、科技创新），纵轴刻度相同。"
        ),
        "{}",
        r.desc
    );
    assert!(
        r.desc
            .contains("2023年：基础设施 655亿元，制造业 388.9亿元"),
        "{}",
        r.desc
    );
    assert_eq!(r.svg.matches("<desc").count(), 1);
    let mut plain = s.clone();
    plain.facets = false;
    let p = render_chart("c", &plain, &t, &opts(720, 420), file).unwrap();
    assert_eq!(r.table, p.table);
    assert_eq!(r.csv, p.csv);
    // The download carries every panel with the figure's furniture.
    for said in NAMES.iter().chain(&["来源"]) {
        assert!(r.file_svg.contains(said), "{said}");
    }
}

#[test]
fn facets_that_cannot_be_drawn_are_errors() {
    let t = series();
    let file = Path::new("charts/c.toml");
    let err = |s: &ChartSpec| {
        render_chart("c", s, &t, &opts(720, 420), file)
            .unwrap_err()
            .message
    };
    let m = err(&faceted("stacked", ""));
    assert!(
        m.starts_with("facets: a stacked chart cannot be split into panels"),
        "{m}"
    );
    let mut one = faceted("line", "");
    one.y.truncate(1);
    assert!(
        err(&one).starts_with("facets: `y` names one column"),
        "{}",
        err(&one)
    );
    let m = err(&faceted(
        "line",
        "[[annotate]]\nx = \"2023年\"\ny = 600\ntext = \"a\"\n",
    ));
    assert!(
        m.starts_with("annotate[1]: a callout would stand in every panel"),
        "{m}"
    );
    // Reference lines and ranges are drawn in every panel.
    let s = faceted("bar", "[[annotate]]\ny = 600\ntext = \"六百\"\n");
    let sc = scene_of(&s, &t, &opts(720, 420));
    assert_eq!(sc.labels().filter(|l| l.text == "六百").count(), 3);
}

#[test]
fn bars_too_narrow_for_their_labels_keep_no_room_for_them() {
    // Twelve years in a 192 px panel: no value label fits, none is drawn, and the plot
    // starts right under the panel's title.
    let rows = (0..12)
        .map(|i| {
            let year = format!("{}年", 2014 + i);
            vec![
                tests::text(&year),
                tests::ex(512.3 + f64::from(i)),
                tests::ex(301.5),
            ]
        })
        .collect();
    let t = tests::table("series.csv", &["年份", "基础设施", "制造业"], rows);
    let s = tests::spec("title = \"t\"\nkind = \"bar\"\ndata = \"series.csv\"\nx = \"年份\"\ny = [\"基础设施\", \"制造业\"]\nunit = \"亿元\"\nfacets = true\n");
    let sc = scene_of(&s, &t, &opts(400, 360));
    assert!(sc.labels().all(|l| !l.text.contains("512.3")));
    let title = sc.labels().find(|l| l.text == "基础设施").unwrap().bbox();
    let highest_bar = sc
        .marks
        .iter()
        .filter_map(Mark::bar)
        .map(|b| b.0.y0)
        .fold(f64::INFINITY, f64::min);
    assert!(highest_bar - title.y1 < 40.0, "{title:?} {highest_bar}");
}

#[test]
fn a_long_faceted_series_is_summarised_in_one_sentence_per_panel() {
    let rows = (0..800)
        .map(|i| {
            vec![
                tests::text(&format!("第{i}天")),
                tests::ex(f64::from(i % 7)),
                tests::ex(3.0),
            ]
        })
        .collect();
    let t = tests::table("long.csv", &["日", "甲", "乙"], rows);
    let s = tests::spec("title = \"t\"\nkind = \"line\"\ndata = \"long.csv\"\nx = \"日\"\ny = [\"甲\", \"乙\"]\nfacets = true\nx_scale = \"category\"\n");
    let r = render_chart("c", &s, &t, &opts(400, 360), Path::new("c")).unwrap();
    assert!(
        r.desc
            .starts_with("分面折线图，每个系列一幅小图（甲、乙），纵轴刻度相同。共800个点"),
        "{}",
        r.desc
    );
    assert!(
        r.desc.contains("甲：首 第0天 0") && r.desc.contains("乙：首"),
        "{}",
        r.desc
    );
}

#[test]
fn bars_with_names_too_long_for_their_columns_are_drawn_in_rows_on_one_scale() {
    let long = tests::long_labels();
    let s = tests::spec("title = \"t\"\nkind = \"bar\"\ndata = \"long.csv\"\nx = \"项目\"\ny = [\"完成投资\", \"计划投资\"]\nunit = \"亿元\"\nfacets = true\n");
    for width in [720, 400, 320] {
        let sc = scene_of(&s, &long, &opts(width, 420));
        let bars: Vec<_> = sc.marks.iter().filter_map(Mark::bar).collect();
        assert_eq!(bars.len(), 20, "{width}");
        // Rows: lengths along x, in proportion to the values in every panel alike.
        let k = (bars[0].0.x1 - bars[0].0.x0) / bars[0].1.value;
        for (b, d) in &bars {
            assert!(((b.x1 - b.x0) - k * d.value).abs() < 1e-6, "{width}: {d:?}");
            assert!(b.y1 - b.y0 < 40.0, "{width}: a row, not a column");
        }
        let problems = sc.label_problems();
        assert!(problems.is_empty(), "{width}: {problems:?}");
    }
}
