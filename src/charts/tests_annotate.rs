//! Tests of `[[annotate]]`: where each kind of note is drawn, that no text touches
//! another or leaves the canvas at any width, what the `desc` says, and the errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use super::scene::{Label, Mark, Scene};
use super::tests::{opts, scene_of, series, spec};
use super::*;

const NOTES: &str = "
[[annotate]]
x = \"2023年\"
y = 655
text = \"2023年增速放缓，但仍创新高\"

[[annotate]]
y = 600
text = \"参考线：600亿元\"

[[annotate]]
x = \"2022年\"
text = \"新口径\"

[[annotate]]
x_from = \"2021年\"
x_to = \"2022年\"
text = \"疫情期间\"
";

fn line_spec(kind: &str, extra: &str) -> ChartSpec {
    spec(&format!(
        "title = \"t\"\nkind = \"{kind}\"\ndata = \"series.csv\"\nx = \"年份\"\ny = [\"基础设施\"]\nunit = \"亿元\"\n{extra}"
    ))
}

fn tick_y(scene: &Scene, text: &str) -> f64 {
    scene.labels().find(|l| l.text == text).unwrap().y
}

/// The first line of a note's text (which may wrap): a label starting with `start` and
/// longer than it.
fn label<'a>(scene: &'a Scene, start: &str) -> &'a Label {
    scene
        .labels()
        .find(|l| l.text.starts_with(start) && l.text != start)
        .unwrap_or_else(|| panic!("no label starting {start}"))
}

#[test]
fn notes_sit_where_the_data_put_them_at_every_width() {
    let t = series();
    for kind in ["line", "area"] {
        for width in [720, 400, 320, 240] {
            let s = line_spec(kind, &format!("y_min = 0\ny_max = 800\n{NOTES}"));
            let sc = scene_of(&s, &t, &opts(width, 420));
            let problems = sc.label_problems();
            assert!(problems.is_empty(), "{kind} at {width}: {problems:?}");
            let (y0, y800) = (tick_y(&sc, "0"), tick_y(&sc, "800亿元"));
            let at = |v: f64| y0 + v / 800.0 * (y800 - y0);
            // The reference line runs across the plot at 600.
            let level = sc.marks.iter().find_map(|m| match m {
                Mark::Line {
                    points, width: 1, ..
                } if points.len() == 2 && (points[0].1 - at(600.0)).abs() < 1e-6 => {
                    Some(points.clone())
                }
                _ => None,
            });
            let level = level.unwrap_or_else(|| panic!("{kind} {width}: no line at 600"));
            assert!(level[1].0 - level[0].0 > 100.0);
            // The callout's dot is on the point, its text just above or below it.
            let dot = sc
                .marks
                .iter()
                .find_map(|m| match m {
                    Mark::Dot { x, y, r, .. } if *r > 3.0 => Some((*x, *y)),
                    _ => None,
                })
                .unwrap();
            assert!((dot.1 - at(655.0)).abs() < 1e-6);
            let callout = label(&sc, "2023年").bbox();
            let near = (callout.y1 - dot.1).abs().min((callout.y0 - dot.1).abs());
            assert!(
                near < 60.0,
                "{kind} {width}: callout {callout:?}, point {dot:?}"
            );
            assert!(
                !(callout.x0..=callout.x1).contains(&dot.0)
                    || !(callout.y0..=callout.y1).contains(&dot.1),
                "the callout covers its point"
            );
            // The shaded range spans 2021年 to 2022年, behind every other mark.
            let Some(Mark::Rect {
                x0, x1, y0: top, ..
            }) = sc.marks.first()
            else {
                panic!("{kind} {width}: the range is not drawn first");
            };
            let dots: Vec<f64> = sc
                .marks
                .iter()
                .filter_map(|m| match m {
                    Mark::Dot { x, r, .. } if *r <= 3.0 => Some(*x),
                    _ => None,
                })
                .collect();
            if kind == "line" {
                assert!((x0 - dots[0]).abs() < 1e-6 && (x1 - dots[1]).abs() < 1e-6);
            }
            assert!(label(&sc, "疫情").bbox().y0 >= *top);
        }
    }
}

#[test]
fn the_desc_says_what_the_notes_say() {
    let s = line_spec("line", NOTES);
    let r = render_chart(
        "c",
        &s,
        &series(),
        &opts(720, 420),
        Path::new("charts/c.toml"),
    )
    .unwrap();
    for said in [
        "标注：",
        "2023年（655亿元）：2023年增速放缓",
        "参考线 600亿元：参考线",
        "2022年处的竖线：新口径",
        "2021年—2022年的阴影区间：疫情期间",
    ] {
        assert!(r.desc.contains(said), "{said} not in {}", r.desc);
    }
}

fn err(kind: &str, extra: &str) -> String {
    render_chart(
        "c",
        &line_spec(kind, extra),
        &series(),
        &opts(720, 420),
        Path::new("charts/c.toml"),
    )
    .unwrap_err()
    .message
}

#[test]
fn notes_that_point_nowhere_are_errors() {
    let m = err(
        "line",
        "[[annotate]]\nx = \"2019年\"\ny = 1\ntext = \"a\"\n",
    );
    assert!(
        m.starts_with("annotate[1]: x = `2019年` is not a category"),
        "{m}"
    );
    let m = err("line", "[[annotate]]\ny = 1\ntext = \"a\"\n[[annotate]]\nx_from = 2025\nx_to = \"2021年\"\ntext = \"b\"\n");
    assert!(m.starts_with("annotate[2]: x_from = `2025`"), "{m}");
    let m = err(
        "line",
        "[[annotate]]\nx_from = \"2024年\"\nx_to = \"2021年\"\ntext = \"b\"\n",
    );
    assert!(m.contains("x_from comes after x_to"), "{m}");
    let m = err("line", "[[annotate]]\nx_from = \"2024年\"\ntext = \"b\"\n");
    assert!(m.contains("give `x` and `y`"), "{m}");
    let m = err("line", "y_max = 800\n[[annotate]]\ny = 900\ntext = \"b\"\n");
    assert!(m.contains("above y_max = 800"), "{m}");
    let m = err("donut", "[[annotate]]\ny = 9\ntext = \"b\"\n");
    assert!(m.contains("a donut chart takes no annotations"), "{m}");
}

#[test]
fn note_texts_keep_off_the_line_they_annotate() {
    let s = line_spec(
        "line",
        "[[annotate]]\ny = 600\ntext = \"六百亿元\"\n[[annotate]]\nx = \"2024年\"\ny = 702.4\ntext = \"2024年的值\"\n",
    );
    for width in [720, 400, 320] {
        let sc = scene_of(&s, &series(), &opts(width, 420));
        let line = super::tests::series_lines(&sc)[0].clone();
        for start in ["六百", "2024年的"] {
            let b = label(&sc, start).bbox();
            // Sampled every pixel along the line: none falls inside the text's box.
            for w in line.windows(2) {
                for k in 0..=100 {
                    let t = f64::from(k) / 100.0;
                    let (x, y) = (
                        w[0].0 + t * (w[1].0 - w[0].0),
                        w[0].1 + t * (w[1].1 - w[0].1),
                    );
                    assert!(
                        !(b.x0 < x && x < b.x1 && b.y0 < y && y < b.y1),
                        "{start} at {width} covers the line at ({x}, {y}): {b:?}"
                    );
                }
            }
        }
    }
}
