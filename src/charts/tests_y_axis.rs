//! Tests of `y_min`, `y_max` and `y_zero`: the axis runs between the ends asked for,
//! marks stay proportional, bars keep zero, and values outside the ends are errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use super::scene::{Mark, Scene};
use super::tests::{opts, sample, scene_of, series, series_lines, spec};
use super::*;

/// The y of the tick label reading `text`.
fn tick_y(scene: &Scene, text: &str) -> Option<f64> {
    scene.marks.iter().find_map(|m| match m {
        Mark::Text(l) if l.text == text => Some(l.y),
        _ => None,
    })
}

fn first_line(scene: &Scene) -> Vec<(f64, f64)> {
    series_lines(scene)[0].clone()
}

fn line_spec(extra: &str) -> ChartSpec {
    spec(&format!(
        "title = \"t\"\nkind = \"line\"\ndata = \"series.csv\"\nx = \"年份\"\ny = [\"基础设施\"]\nunit = \"亿元\"\n{extra}"
    ))
}

#[test]
fn a_line_runs_between_the_ends_asked_for() {
    let t = series();
    for width in [720, 400, 320] {
        let sc = scene_of(
            &line_spec("y_min = 500\ny_max = 800"),
            &t,
            &opts(width, 420),
        );
        let (y500, y800) = (tick_y(&sc, "500").unwrap(), tick_y(&sc, "800亿元").unwrap());
        assert!(
            tick_y(&sc, "0").is_none(),
            "no zero tick on a line from 500"
        );
        let values = [512.3, 580.1, 655.0, 702.4, 771.4];
        for (p, v) in first_line(&sc).iter().zip(values) {
            let want = y500 + (v - 500.0) / 300.0 * (y800 - y500);
            assert!((p.1 - want).abs() < 1e-6, "{v} at {} not {want}", p.1);
        }
    }
}

#[test]
fn y_zero_decides_whether_a_line_shows_zero() {
    let t = series();
    // 512–771 sits far from zero: a line leaves zero out by default …
    let sc = scene_of(&line_spec(""), &t, &opts(720, 420));
    assert!(tick_y(&sc, "0").is_none());
    // … `y_zero = true` brings it in …
    let sc = scene_of(&line_spec("y_zero = true"), &t, &opts(720, 420));
    assert!(tick_y(&sc, "0").is_some());
    // … and `y_zero = false` keeps it out.
    let sc = scene_of(&line_spec("y_zero = false"), &t, &opts(720, 420));
    assert!(tick_y(&sc, "0").is_none());
    let lowest = first_line(&sc).iter().map(|p| p.1).fold(0.0, f64::max);
    let y500 = tick_y(&sc, "500").unwrap();
    assert!(lowest < y500, "512.3 is drawn above the 500 tick");
}

#[test]
fn a_bar_axis_may_reach_higher_but_starts_at_zero() {
    let (mut s, t) = sample("bar");
    s.y_max = Some(1000.0);
    let sc = scene_of(&s, &t, &opts(720, 420));
    let (y0, y1000) = (tick_y(&sc, "0").unwrap(), tick_y(&sc, "1,000").unwrap());
    // The tallest bar (771.4) reaches 77.14% of the axis.
    let top = sc
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Rect {
                y0, datum: Some(_), ..
            } => Some(*y0),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    let want = y0 + 0.7714 * (y1000 - y0);
    assert!((top - want).abs() < 1e-6, "{top} vs {want}");
}

fn err(extra: &str, kind: &str) -> Diagnostic {
    let (base, t) = sample(kind);
    let src = format!(
        "title = \"t\"\nkind = \"{kind}\"\ndata = \"{}\"\nx = \"{}\"\ny = [\"{}\"]\nunit = \"亿元\"\n{extra}",
        base.data, base.x, base.y[0]
    );
    render_chart(
        "c",
        &spec(&src),
        &t,
        &opts(720, 420),
        Path::new("charts/c.toml"),
    )
    .unwrap_err()
}

#[test]
fn bars_refuse_a_cropped_axis() {
    let d = err("y_zero = false", "bar");
    assert!(d.message.starts_with("y_zero:"), "{d}");
    assert_eq!(d.file, PathBuf::from("charts/c.toml"));
    let d = err("y_min = 10", "waterfall");
    assert!(
        d.message.starts_with("y_min:") && d.message.contains("crop"),
        "{d}"
    );
    let d = err("y_max = 5", "donut");
    assert!(d.message.contains("a donut chart takes no `y_max`"), "{d}");
    let d = err("y_min = 10\ny_max = 5", "line");
    assert!(d.message.starts_with("y_max:"), "{d}");
    // Lines and areas may start above zero.
    let (s, t) = sample("area");
    let s = ChartSpec {
        y_min: Some(10.0),
        ..s
    };
    assert!(render_chart("c", &s, &t, &opts(720, 420), Path::new("charts/c.toml")).is_ok());
}

#[test]
fn a_value_outside_the_ends_names_its_cell() {
    let d = err("y_min = 600", "line");
    assert_eq!(d.file, PathBuf::from("charts/series.csv"));
    assert_eq!(d.line, Some(2), "{d}");
    assert!(
        d.message.contains("`2021年`") && d.message.contains("y_min = 600"),
        "{d}"
    );
    let d = err("y_max = 500", "bar");
    assert_eq!(d.file, PathBuf::from("charts/key-projects.csv"));
    assert!(
        d.message.contains("`基础设施`") && d.message.contains("y_max = 500"),
        "{d}"
    );
    assert!(d.hint.unwrap().contains("clipped"));
    // A stack taller than the axis is caught too, though each part fits.
    let (s, t) = sample("stacked");
    let s = ChartSpec {
        y_max: Some(1000.0),
        ..s
    };
    let d = render_chart("c", &s, &t, &opts(720, 420), Path::new("charts/c.toml")).unwrap_err();
    assert!(d.message.contains("stacked total"), "{d}");
}
