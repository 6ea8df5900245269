//! Layout tests across kinds: no two labels overlap, none leaves the canvas (under the
//! text width model) and none is under 12 px, in every drawing a page carries, also with
//! many long Chinese labels; labels are escaped once; output is deterministic.
//! `CHARTS_PREVIEW=1 cargo test charts::tests_labels::preview` writes samples to
//! /tmp/charts-preview.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use crate::data::Cell;

use super::tests::{ex, long_labels, opts, sample, scene_of, spec, table, text, KINDS};
use super::*;

fn check_labels(kind: &str, s: &ChartSpec, t: &Table) {
    for v in variants(&opts(720, 420), s) {
        let w = v.options.width;
        let sc = scene_of(s, t, &v.options);
        let problems = sc.label_problems();
        assert!(problems.is_empty(), "{kind} at {w}px: {problems:#?}");
        for l in sc.labels() {
            assert!(
                l.size >= variants::MIN_TEXT_PX,
                "{kind} at {w}px: `{}` at {}px",
                l.text,
                l.size
            );
        }
    }
}

#[test]
fn labels_never_overlap_nor_leave_the_canvas() {
    for kind in KINDS {
        let (s, t) = sample(kind);
        check_labels(kind, &s, &t);
    }
}

#[test]
fn long_chinese_labels_fit() {
    for kind in [
        "bar",
        "hbar",
        "stacked",
        "stacked100",
        "grouped",
        "line",
        "area",
        "waterfall",
    ] {
        let y = if matches!(kind, "bar" | "hbar" | "waterfall") {
            "[\"完成投资\"]"
        } else {
            "[\"完成投资\", \"计划投资\"]"
        };
        let s = spec(&format!("title = \"t\"\nkind = \"{kind}\"\ndata = \"long.csv\"\nx = \"项目\"\ny = {y}\nunit = \"亿元\"\nsort = \"desc\""));
        check_labels(kind, &s, &long_labels());
    }
    let s = spec("title = \"t\"\nkind = \"bullet\"\ndata = \"long.csv\"\nx = \"项目\"\ny = [\"完成投资\"]\nreference = \"计划投资\"");
    check_labels("bullet", &s, &long_labels());
    let donut_rows: Vec<Vec<Cell>> = long_labels()
        .rows
        .into_iter()
        .take(6)
        .map(|r| r.cells)
        .collect();
    let s = spec("title = \"t\"\nkind = \"donut\"\ndata = \"long.csv\"\nx = \"项目\"\ny = [\"完成投资\"]\nunit = \"亿元\"");
    check_labels(
        "donut",
        &s,
        &table("long.csv", &["项目", "完成投资", "计划投资"], donut_rows),
    );
}

#[test]
fn markup_in_labels_is_escaped_once() {
    let t = table(
        "x.csv",
        &["k", "v"],
        vec![
            vec![text("<script>alert(\"x\")</script>"), ex(1.0)],
            vec![text("R&D 'lab'"), ex(2.0)],
        ],
    );
    for kind in ["bar", "hbar", "donut", "waterfall"] {
        let s = spec(&format!("title = \"a <b> & \\\"c\\\"\"\nkind = \"{kind}\"\ndata = \"x.csv\"\nx = \"k\"\ny = [\"v\"]"));
        let out = render_chart("x", &s, &t, &opts(720, 420), Path::new("charts/x.toml")).unwrap();
        assert!(!out.svg.contains("<script"), "{kind}");
        assert!(
            out.svg
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
            "{kind}: {}",
            out.svg
        );
        assert!(out.svg.contains("R&amp;D &apos;lab&apos;"));
        assert!(out
            .svg
            .contains("<title id=\"x-title\">a &lt;b&gt; &amp; &quot;c&quot;</title>"));
        assert!(!out.svg.contains("&amp;amp;") && !out.svg.contains("&amp;lt;"));
    }
}

#[test]
fn output_is_deterministic() {
    for kind in KINDS {
        let (s, t) = sample(kind);
        let a = render_chart(kind, &s, &t, &opts(720, 420), Path::new("charts/x.toml")).unwrap();
        let b = render_chart(kind, &s, &t, &opts(720, 420), Path::new("charts/x.toml")).unwrap();
        assert_eq!(a, b);
    }
}

#[test]
fn preview() {
    if std::env::var_os("CHARTS_PREVIEW").is_none() {
        return;
    }
    let dir = Path::new("/tmp/charts-preview");
    std::fs::create_dir_all(dir).unwrap();
    for kind in KINDS {
        let (s, t) = sample(kind);
        for (w, h, suffix) in [(720, 420, ""), (400, 360, "-narrow")] {
            let out = render_chart(kind, &s, &t, &opts(w, h), Path::new("charts/x.toml")).unwrap();
            std::fs::write(dir.join(format!("{kind}{suffix}.svg")), out.svg).unwrap();
        }
    }
    for kind in ["hbar", "bar", "stacked", "stacked100", "grouped", "line"] {
        let y = if matches!(kind, "bar" | "hbar") {
            "[\"完成投资\"]"
        } else {
            "[\"完成投资\", \"计划投资\"]"
        };
        let s = spec(&format!("title = \"t\"\nkind = \"{kind}\"\ndata = \"long.csv\"\nx = \"项目\"\ny = {y}\nunit = \"亿元\"\nsort = \"desc\""));
        for (w, h, suffix) in [(720, 420, ""), (400, 360, "-narrow")] {
            let out = render_chart(
                kind,
                &s,
                &long_labels(),
                &opts(w, h),
                Path::new("charts/x.toml"),
            )
            .unwrap();
            std::fs::write(dir.join(format!("long-{kind}{suffix}.svg")), out.svg).unwrap();
        }
    }
}

/// Edge data for every kind: one row, all zeros, values below zero, huge values, many rows,
/// at a very narrow, the narrow and the default width.
#[test]
fn edge_data_lays_out_cleanly() {
    let rows = |vals: &[f64]| -> Vec<Vec<Cell>> {
        vals.iter()
            .enumerate()
            .map(|(i, v)| {
                vec![
                    text(&format!("第{}类", i + 1)),
                    ex(*v),
                    ex(v.abs() / 2.0 + 1.0),
                ]
            })
            .collect()
    };
    let many: Vec<f64> = (0..30).map(|i| f64::from(i) * 3.5 + 1.0).collect();
    let sets: Vec<(&str, Vec<f64>)> = vec![
        ("one", vec![42.0]),
        ("zeros", vec![0.0, 0.0, 0.0]),
        ("negative", vec![120.0, -45.5, 30.0, -8.0]),
        ("huge", vec![123_456_789.0, 98_765_432.1, 5.0]),
        ("many", many),
    ];
    for kind in KINDS {
        for (name, vals) in &sets {
            let t = table("e.csv", &["类别", "甲", "乙"], rows(vals));
            let y = match kind {
                "bar" | "hbar" | "donut" | "waterfall" | "bullet" => "[\"甲\"]",
                _ => "[\"甲\", \"乙\"]",
            };
            let s = spec(&format!(
                "title = \"t\"\nkind = \"{kind}\"\ndata = \"e.csv\"\nx = \"类别\"\ny = {y}\nunit = \"亿元\"\nreference = \"乙\""
            ));
            let data = match prepare::prepare(&s, &t, Path::new("c.toml")) {
                Ok(d) => d,
                Err(_) => continue, // refused with a diagnostic (negative donut, 30 slices…)
            };
            for (w, h) in [(240, 200), (400, 360), (720, 420)] {
                let style = super::number_style(&s, &t).unwrap();
                let sc = layout(&s, &data, &style, &opts(w, h));
                let problems = sc.label_problems();
                assert!(problems.is_empty(), "{kind}/{name} at {w}px: {problems:#?}");
                for m in &sc.marks {
                    let ok = match m {
                        scene::Mark::Rect { x0, y0, x1, y1, .. } => {
                            [x0, y0, x1, y1].iter().all(|v| v.is_finite())
                        }
                        scene::Mark::Text(l) => l.x.is_finite() && l.y.is_finite(),
                        _ => true,
                    };
                    assert!(ok, "{kind}/{name}: {m:?}");
                }
                let svg = svg::render(&sc, "e", "zh-CN", "t", "d").unwrap();
                assert!(
                    !svg.contains("NaN") && !svg.contains("inf"),
                    "{kind}/{name}"
                );
                if std::env::var_os("CHARTS_PREVIEW").is_some() && w != 240 {
                    let suffix = if w == 400 { "-narrow" } else { "" };
                    let file = format!("/tmp/charts-preview/edge-{kind}-{name}{suffix}.svg");
                    std::fs::write(file, svg).unwrap();
                }
            }
        }
    }
}

/// Long English category and series names: every piece of a label is a whole word, the
/// head of a word broken with a hyphen, or the rest of a broken word (never `Manuf` /
/// `acturin` / `g`), and no two labels touch, at every width.
#[test]
fn english_names_break_between_words_or_with_a_hyphen() {
    let cats = [
        "Manufacturing and related industries",
        "Infrastructure",
        "Industrial parks",
        "Science and technology innovation",
    ];
    let series = ["Completed investment", "Annual plan"];
    let rows = cats
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                text(c),
                ex(700.0 / (i as f64 + 1.0)),
                ex(900.0 - 90.0 * i as f64),
            ]
        })
        .collect();
    let t = table("en.csv", &["Sector", series[0], series[1]], rows);
    let words: Vec<&str> = cats
        .iter()
        .chain(&series)
        .flat_map(|c| c.split(' '))
        .collect();
    for kind in ["bar", "hbar", "grouped", "stacked", "line"] {
        let y = if matches!(kind, "bar" | "hbar") {
            format!("[\"{}\"]", series[0])
        } else {
            format!("[\"{}\", \"{}\"]", series[0], series[1])
        };
        let s = spec(&format!(
            "title = \"t\"\nkind = \"{kind}\"\ndata = \"en.csv\"\nx = \"Sector\"\ny = {y}\nx_scale = \"category\"\n"
        ));
        for width in [720, 400, 320, 240] {
            let sc = scene_of(&s, &t, &opts(width, 420));
            assert!(
                sc.label_problems().is_empty(),
                "{kind} {width}: {:?}",
                sc.label_problems()
            );
            for l in sc.labels() {
                for piece in l
                    .text
                    .split(' ')
                    .filter(|p| p.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
                {
                    let whole = words.contains(&piece);
                    let head = piece.ends_with('-');
                    let tail = words
                        .iter()
                        .any(|w| w.len() > piece.len() && w.ends_with(piece));
                    assert!(
                        whole || head || tail,
                        "{kind} {width}: `{piece}` in `{}`",
                        l.text
                    );
                }
            }
        }
    }
}

#[test]
fn a_waterfall_too_narrow_for_its_values_turns_into_rows_that_show_them() {
    let (s, t) = sample("waterfall");
    let wide = scene_of(&s, &t, &opts(720, 420));
    let narrow = scene_of(&s, &t, &opts(280, 338));
    assert!(!wide.sideways && narrow.sideways);
    // Every step carries its value, as in the wide drawing.
    let values = |sc: &scene::Scene| -> Vec<String> {
        sc.labels()
            .map(|l| l.text.clone())
            .filter(|l| l.ends_with("亿元"))
            .collect()
    };
    assert_eq!(values(&narrow), values(&wide));
    assert_eq!(values(&narrow).len(), 6);
    // The bars float: each starts where the one before it ended.
    let spans: Vec<(f64, f64)> = narrow
        .marks
        .iter()
        .filter_map(|m| match m {
            scene::Mark::Rect {
                x0,
                x1,
                datum: Some(_),
                ..
            } => Some((*x0, *x1)),
            _ => None,
        })
        .collect();
    for pair in spans.windows(2) {
        let ((a0, a1), (b0, b1)) = (pair[0], pair[1]);
        let touches = |x: f64| (x - b0).abs() < 0.5 || (x - b1).abs() < 0.5;
        assert!(touches(a0) || touches(a1), "{spans:?}");
    }
    let out = render_chart("c", &s, &t, &opts(280, 338), Path::new("c")).unwrap();
    assert!(out.desc.starts_with("横向瀑布图"), "{}", out.desc);
}
