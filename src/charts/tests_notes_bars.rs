//! Tests of `[[annotate]]` on bar kinds (bar, hbar, grouped, stacked, waterfall, bullet),
//! upright and sideways: the reference line is dashed and sits at its value on the bars'
//! own scale, callouts sit by the bar they name, and no note text touches another text,
//! a bar, or the canvas edge at any width.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use super::annotate::{Annotation, XLabel};
use super::scene::{Bbox, Mark, Scene};
use super::tests::{opts, sample, scene_of};
use super::*;

fn note(x: Option<&str>, y: Option<f64>, range: Option<(&str, &str)>, text: &str) -> Annotation {
    let label = |s: &str| Some(XLabel::Text(s.to_string()));
    Annotation {
        x: x.and_then(label),
        y,
        x_from: range.and_then(|r| label(r.0)),
        x_to: range.and_then(|r| label(r.1)),
        text: text.to_string(),
    }
}

/// Per kind: a category for a callout, a reference value, a range of categories.
fn notes_for(kind: &str) -> (&'static str, f64, Option<(&'static str, &'static str)>) {
    match kind {
        "grouped" | "stacked" => ("2023年", 600.0, Some(("2021年", "2022年"))),
        "bullet" => ("年度计划完成率", 50.0, None),
        _ => ("科技创新", 500.0, Some(("制造业", "产业园区"))),
    }
}

const KINDS: [&str; 6] = ["bar", "hbar", "grouped", "stacked", "waterfall", "bullet"];

fn annotated(kind: &str) -> (ChartSpec, crate::data::Table) {
    let (mut s, t) = sample(kind);
    let (cat, level, range) = notes_for(kind);
    s.annotations = vec![
        note(
            Some(cat),
            None,
            None,
            "这一项值得一提：Science and technology",
        ),
        note(None, Some(level), None, "参考线"),
    ];
    if let Some(r) = range {
        s.annotations.push(note(None, None, Some(r), "区间"));
    }
    (s, t)
}

fn data_rects(sc: &Scene) -> Vec<(Bbox, scene::Datum)> {
    sc.marks.iter().filter_map(Mark::bar).collect()
}

/// Where value `v` falls on the bars' own scale: measured from the series-0 bar of
/// the largest value, which stands on zero in every kind here.
fn value_position(sc: &Scene, sideways: bool, v: f64) -> f64 {
    let (b, d) = data_rects(sc)
        .into_iter()
        .filter(|(_, d)| d.series == 0)
        .max_by(|a, b| a.1.value.total_cmp(&b.1.value))
        .unwrap();
    if sideways {
        b.x0 + (b.x1 - b.x0) / d.value * v
    } else {
        b.y1 - (b.y1 - b.y0) / d.value * v
    }
}

fn dashed_lines(sc: &Scene) -> Vec<&Vec<(f64, f64)>> {
    sc.marks
        .iter()
        .filter_map(|m| match m {
            Mark::Line {
                points,
                dashed: true,
                ..
            } => Some(points),
            _ => None,
        })
        .collect()
}

fn note_box(sc: &Scene, start: &str) -> Bbox {
    sc.labels()
        .find(|l| l.text.starts_with(start))
        .unwrap_or_else(|| panic!("no note `{start}`"))
        .bbox()
}

#[test]
fn notes_on_bars_sit_on_the_bars_scale_clear_of_everything() {
    for kind in KINDS {
        for width in [720, 400, 320] {
            let (s, t) = annotated(kind);
            let sc = scene_of(&s, &t, &opts(width, 420));
            let at = format!("{kind} at {width}");
            let problems = sc.label_problems();
            assert!(problems.is_empty(), "{at}: {problems:?}");
            let sideways = sc.sideways || kind == "hbar" || kind == "bullet";
            // The reference line is dashed, at its value on the bars' scale.
            let (cat, level, _) = notes_for(kind);
            let want = value_position(&sc, sideways, level);
            let found = dashed_lines(&sc).into_iter().any(|p| {
                let (a, b) = (p[0], p[p.len() - 1]);
                if sideways {
                    (a.0 - want).abs() < 1e-6 && (b.0 - want).abs() < 1e-6
                } else {
                    (a.1 - want).abs() < 1e-6 && (b.1 - want).abs() < 1e-6
                }
            });
            assert!(found, "{at}: no dashed line at {want}");
            // Note texts keep off every bar.
            let notes: Vec<Bbox> = ["这一项", "Science", "参考线", "区间"]
                .iter()
                .filter_map(|s| sc.labels().find(|l| l.text.starts_with(s)))
                .map(|l| l.bbox())
                .collect();
            for (bar, d) in data_rects(&sc) {
                for n in &notes {
                    assert!(!n.overlaps(&bar, 0.5), "{at}: a note covers bar {d:?}");
                }
            }
            // ... and no note's text is set across a reference line.
            for line in dashed_lines(&sc) {
                let (a, b) = (line[0], line[line.len() - 1]);
                for k in 0..=100 {
                    let t = f64::from(k) / 100.0;
                    let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                    for n in &notes {
                        let inside = n.x0 < x && x < n.x1 && n.y0 < y && y < n.y1;
                        assert!(!inside, "{at}: a dashed line crosses a note at ({x}, {y})");
                    }
                }
            }
            // The callout is by its category's bar.
            let callout = note_box(&sc, "这一项");
            let row = s.annotations.len();
            assert!(row > 0, "{cat}");
            let near_bar = data_rects(&sc).iter().any(|(bar, _)| {
                let dx = (callout.x0 - bar.x1).max(bar.x0 - callout.x1).max(0.0);
                let dy = (callout.y0 - bar.y1).max(bar.y0 - callout.y1).max(0.0);
                dx.hypot(dy) < 80.0
            });
            assert!(near_bar, "{at}: callout {callout:?} far from every bar");
        }
    }
}

#[test]
fn a_callout_points_at_the_bar_it_names() {
    // 科技创新 is the sliver: the callout's text or its leader reaches its bar's end.
    for width in [720, 400] {
        let (s, t) = annotated("hbar");
        let sc = scene_of(&s, &t, &opts(width, 420));
        let sliver = data_rects(&sc)
            .into_iter()
            .find(|(_, d)| (d.value - 18.4).abs() < 1e-9)
            .unwrap()
            .0;
        let tip = (sliver.x1, (sliver.y0 + sliver.y1) / 2.0);
        let b = note_box(&sc, "这一项");
        let leader = sc.marks.iter().any(|m| {
            matches!(m, Mark::Line { points, dashed: false, width: 1, .. }
                if points.first() == Some(&tip))
        });
        let beside = b.x0 >= tip.0 && b.y0 <= tip.1 + 20.0 && b.y1 >= tip.1 - 20.0;
        assert!(beside || leader, "{width}: {b:?} vs tip {tip:?}");
        // No thin line strikes through a text (a leader past the value label did).
        for m in &sc.marks {
            let Mark::Line {
                points,
                dashed: false,
                ..
            } = m
            else {
                continue;
            };
            for w in points.windows(2) {
                for k in 1..50 {
                    let t = f64::from(k) / 50.0;
                    let x = w[0].0 + t * (w[1].0 - w[0].0);
                    let y = w[0].1 + t * (w[1].1 - w[0].1);
                    for l in sc.labels() {
                        let lb = l.bbox();
                        let inside = lb.x0 + 1.0 < x && x < lb.x1 - 1.0;
                        assert!(
                            !(inside && lb.y0 + 1.0 < y && y < lb.y1 - 1.0),
                            "{width}: a line crosses `{}`",
                            l.text
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn notes_on_bars_are_in_the_desc_and_bad_categories_are_errors() {
    let (s, t) = annotated("bar");
    let r = render_chart("c", &s, &t, &opts(720, 420), Path::new("charts/c.toml")).unwrap();
    assert!(r.desc.contains("科技创新：这一项值得一提"), "{}", r.desc);
    assert!(r.desc.contains("参考线 500亿元：参考线"), "{}", r.desc);
    let (mut s, t) = sample("hbar");
    s.annotations = vec![note(Some("农业"), None, None, "x")];
    let e = render_chart("c", &s, &t, &opts(720, 420), Path::new("charts/c.toml")).unwrap_err();
    assert!(
        e.message
            .starts_with("annotate[1]: x = `农业` is not a category of this chart"),
        "{}",
        e.message
    );
}
