//! Tests of time axes and gaps: periods in any written form ordered by time, points
//! spaced in proportion to time, ticks that read naturally and never touch, lines and
//! areas broken at missing values, and the errors for duplicated or mixed periods.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use crate::data::time::{Granularity, Period};
use crate::data::Cell;

use super::prepare::{prepare, ChartData};
use super::scene::{Mark, Scene};
use super::tests::{ex, opts, spec, table, text};
use super::time_axis::{self, TimeAxis};
use super::*;

fn line_spec(kind: &str, extra: &str) -> ChartSpec {
    spec(&format!(
        "title = \"t\"\nkind = \"{kind}\"\ndata = \"t.csv\"\nx = \"时期\"\ny = [\"值\"]\n{extra}"
    ))
}

/// One series over `labels`, a value per label (`None`: an empty cell).
fn over(labels: &[&str], values: &[Option<f64>]) -> Table {
    let rows = labels
        .iter()
        .zip(values)
        .map(|(l, v)| vec![text(l), v.map_or(Cell::Empty, ex)])
        .collect();
    table("t.csv", &["时期", "值"], rows)
}

fn data(s: &ChartSpec, t: &Table) -> ChartData {
    prepare(s, t, Path::new("charts/c.toml")).unwrap()
}

fn scene(s: &ChartSpec, t: &Table, width: u32) -> Scene {
    let style = super::number_style(s, t).unwrap();
    layout(s, &data(s, t), &style, &opts(width, 360))
}

/// The polylines of the series (2 px), as drawn.
fn series_lines(scene: &Scene) -> Vec<Vec<(f64, f64)>> {
    scene
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Line {
                points, width: 2, ..
            } => Some(points.clone()),
            _ => None,
        })
        .collect()
}

fn labels(d: &ChartData) -> Vec<&str> {
    d.items.iter().map(|i| i.label.as_str()).collect()
}

#[test]
fn every_format_is_ordered_by_time_newest_first_or_shuffled() {
    let cases: [(&[&str], Granularity); 9] = [
        (&["2024", "2023", "2022"], Granularity::Year),
        (&["2024年", "2022年", "2023年"], Granularity::Year),
        (&["2024-03", "2024-01", "2023-12"], Granularity::Month),
        (&["2024/3", "2024/1", "2023/12"], Granularity::Month),
        (
            &["2024年3月", "2024年1月", "2023年12月"],
            Granularity::Month,
        ),
        (&["2024Q1", "2023Q4", "2023Q3"], Granularity::Quarter),
        (
            &["2024年一季度", "2023年第四季度", "2023年3季度"],
            Granularity::Quarter,
        ),
        (
            &["2020-03-15", "2020-03-01", "2019-12-31"],
            Granularity::Day,
        ),
        (
            &["2020年3月15日", "2020年3月1日", "2019年12月31日"],
            Granularity::Day,
        ),
    ];
    for (written, granularity) in cases {
        for kind in ["line", "area", "bar", "grouped"] {
            let t = over(written, &[Some(1.0), Some(2.0), Some(3.0)]);
            let d = data(&line_spec(kind, ""), &t);
            let periods = d.periods.as_ref().expect("a time axis");
            assert!(
                periods.windows(2).all(|w| w[0] < w[1]),
                "{written:?} {kind}"
            );
            assert!(periods.iter().all(|p| p.granularity() == granularity));
            // Labels keep the form they were written in, and their values follow them.
            let mut expected = written.to_vec();
            expected.sort_by_key(|l| Period::parse(l).unwrap());
            assert_eq!(labels(&d), expected, "{kind}");
            let first = written.iter().position(|l| *l == expected[0]).unwrap();
            assert_eq!(d.items[0].value(0), [1.0, 2.0, 3.0][first]);
        }
    }
}

#[test]
fn years_as_numbers_are_periods_too() {
    let t = table(
        "t.csv",
        &["时期", "值"],
        vec![vec![ex(2021.0), ex(1.0)], vec![ex(2019.0), ex(2.0)]],
    );
    let d = data(&line_spec("line", ""), &t);
    assert_eq!(labels(&d), ["2019", "2021"]);
}

#[test]
fn line_and_area_space_points_in_proportion_to_time() {
    let t = over(
        &["2021", "2000", "2020", "2010"],
        &[Some(4.0), Some(1.0), Some(3.0), Some(2.0)],
    );
    for kind in ["line", "area"] {
        let s = line_spec(kind, "");
        let c = scene(&s, &t, 720);
        let xs: Vec<f64> = match kind {
            "line" => series_lines(&c)[0].iter().map(|p| p.0).collect(),
            _ => {
                let d = data(&s, &t);
                let axis = time_axis::layout(
                    d.periods.as_ref().unwrap(),
                    40.0,
                    680.0,
                    720.0,
                    Default::default(),
                );
                axis.xs
            }
        };
        let span = xs[3] - xs[0];
        for (x, year) in xs.iter().zip([2000.0, 2010.0, 2020.0, 2021.0]) {
            let expected = xs[0] + span * (year - 2000.0) / 21.0;
            assert!((x - expected).abs() < 1e-6, "{kind}: {xs:?}");
        }
    }
    // The area's outline passes through the same proportional x positions.
    let c = scene(&line_spec("area", ""), &t, 720);
    let area_xs: Vec<f64> = c
        .marks
        .iter()
        .find_map(|m| match m {
            Mark::Area { points, .. } => Some(points.iter().take(4).map(|p| p.0).collect()),
            _ => None,
        })
        .unwrap();
    let gaps: Vec<f64> = area_xs.windows(2).map(|w| w[1] - w[0]).collect();
    assert!((gaps[0] / gaps[2] - 10.0).abs() < 1e-6, "{gaps:?}");
}

#[test]
fn category_opt_out_keeps_file_order_and_even_bands() {
    let t = over(
        &["2021", "2000", "2020"],
        &[Some(3.0), Some(1.0), Some(2.0)],
    );
    let s = line_spec("line", "x_scale = \"category\"");
    let d = data(&s, &t);
    assert_eq!(d.periods, None);
    assert_eq!(labels(&d), ["2021", "2000", "2020"]);
    let xs: Vec<f64> = series_lines(&scene(&s, &t, 720))[0]
        .iter()
        .map(|p| p.0)
        .collect();
    assert!(((xs[1] - xs[0]) - (xs[2] - xs[1])).abs() < 1e-6);
}

#[test]
fn bars_stay_one_per_period_in_time_order_unless_sorted_by_value() {
    let t = over(
        &["2023年", "2021年", "2022年"],
        &[Some(1.0), Some(3.0), Some(2.0)],
    );
    let d = data(&line_spec("bar", ""), &t);
    assert_eq!(labels(&d), ["2021年", "2022年", "2023年"]);
    let d = data(&line_spec("bar", "sort = \"asc\""), &t);
    assert_eq!(labels(&d), ["2023年", "2022年", "2021年"]);
    assert_eq!(d.periods, None);
}

fn axis(labels: &[&str], width: f64) -> TimeAxis {
    let mut periods: Vec<Period> = labels.iter().map(|l| Period::parse(l).unwrap()).collect();
    periods.sort();
    time_axis::layout(&periods, 40.0, width - 60.0, width, Default::default())
}

/// Tick labels keep apart on the canvas and sit left to right.
fn assert_readable(a: &TimeAxis, width: f64) {
    let mut prev_right = f64::NEG_INFINITY;
    for (x, label) in &a.ticks {
        let half = text::measure(label, a.size) / 2.0;
        let centre = frame::label_centre(*x, half, width);
        assert!(centre - half >= prev_right + 6.0, "{:?}", a.ticks);
        assert!(centre - half >= 0.0 && centre + half <= width);
        prev_right = centre + half;
    }
}

#[test]
fn ticks_fall_on_natural_boundaries_and_read_naturally() {
    let years: Vec<String> = (1990..=2024).map(|y| y.to_string()).collect();
    let years: Vec<&str> = years.iter().map(String::as_str).collect();
    let wide = axis(&years, 720.0);
    let narrow = axis(&years, 300.0);
    for (a, width) in [(&wide, 720.0), (&narrow, 300.0)] {
        assert_readable(a, width);
        assert!(a.ticks.len() >= 2);
        for (_, label) in &a.ticks {
            let year: i32 = label.strip_suffix('年').unwrap().parse().unwrap();
            let step = if width < 400.0 { 10 } else { 5 };
            assert_eq!(year % step, 0, "{label} at {width}");
        }
    }
    assert!(narrow.ticks.len() < wide.ticks.len());

    let months: Vec<String> = (0..24)
        .map(|m| format!("{}-{:02}", 2023 + m / 12, m % 12 + 1))
        .collect();
    let months: Vec<&str> = months.iter().map(String::as_str).collect();
    let a = axis(&months, 720.0);
    assert_readable(&a, 720.0);
    let shown: Vec<&str> = a.ticks.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(shown[0], "2023年1月", "{shown:?}");
    assert!(shown.contains(&"2024年1月"), "{shown:?}");
    assert!(
        shown.iter().skip(1).any(|l| l.len() <= "12月".len()),
        "{shown:?}"
    );

    let quarters = ["2023Q1", "2023Q2", "2023Q3", "2023Q4", "2024Q1", "2024Q2"];
    let a = axis(&quarters, 720.0);
    assert_eq!(
        a.ticks.iter().map(|t| t.1.as_str()).collect::<Vec<_>>(),
        quarters
    );
}

#[test]
fn daily_data_never_shows_iso_dates_even_narrow() {
    let start = chrono::NaiveDate::from_ymd_opt(2007, 4, 1).unwrap();
    let days: Vec<String> = start
        .iter_days()
        .take(400)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    for width in [400.0, 720.0] {
        let a = axis(&days, width);
        assert_readable(&a, width);
        assert!(a.ticks.len() >= 2, "{:?}", a.ticks);
        assert!(a.ticks.iter().all(|t| !t.1.contains('-')), "{:?}", a.ticks);
    }
}

#[test]
fn monthly_or_yearly_data_written_as_full_dates_is_read_by_month_or_year() {
    let months = ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"];
    let a = axis(&months, 720.0);
    let shown: Vec<&str> = a.ticks.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(shown, ["2025年1月", "2月", "3月", "4月"]);
    let periods: Vec<Period> = months.iter().map(|l| Period::parse(l).unwrap()).collect();
    let bands = time_axis::band_labels(&periods, 1, Default::default());
    assert_eq!(bands, ["2025年1月", "2月", "3月", "4月"]);
    let years = axis(&["2022-01-01", "2023-01-01", "2024-01-01"], 720.0);
    let shown: Vec<&str> = years.ticks.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(shown, ["2022年", "2023年", "2024年"]);
    // Days that are not all firsts of months keep their days.
    let days = axis(&["2025-01-01", "2025-01-15", "2025-02-01"], 720.0);
    assert!(
        days.ticks.iter().any(|t| t.1.contains('日')),
        "{:?}",
        days.ticks
    );
}

#[test]
fn a_gap_breaks_the_line_and_a_lone_point_is_a_dot() {
    let years: Vec<String> = (1980..2020).map(|y| y.to_string()).collect();
    let years: Vec<&str> = years.iter().map(String::as_str).collect();
    let mut values: Vec<Option<f64>> = (0..40).map(|v| Some(f64::from(v))).collect();
    values[10] = None;
    values[12] = None;
    values[39] = None;
    let t = over(&years, &values);
    let c = scene(&line_spec("line", ""), &t, 720);
    let runs = series_lines(&c);
    assert_eq!(runs.iter().map(Vec::len).collect::<Vec<_>>(), [10, 26]);
    // 40 points draw no dots, except the lone one at 1991 between two gaps.
    let dots: Vec<(f64, f64)> = c
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Dot { x, y, .. } => Some((*x, *y)),
            _ => None,
        })
        .collect();
    assert_eq!(dots.len(), 1);
    assert!(dots[0].0 > runs[0][9].0 && dots[0].0 < runs[1][0].0);
    // The end label reads the last value present (38, for 2018), not the empty 2019.
    let texts: Vec<&str> = c
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text(l) => Some(l.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        texts.contains(&"38"),
        "written decimals, as prose: {texts:?}"
    );
}

#[test]
fn gaps_break_areas_and_show_in_desc_table_and_csv() {
    let t = over(
        &["2020", "2021", "2022", "2023", "2024"],
        &[Some(1.0), Some(2.0), None, Some(4.0), Some(5.0)],
    );
    let s = line_spec("area", "");
    let c = scene(&s, &t, 720);
    let areas = c
        .marks
        .iter()
        .filter(|m| matches!(m, Mark::Area { .. }))
        .count();
    assert_eq!(areas, 2);
    let r = render_chart("c", &s, &t, &opts(720, 360), Path::new("charts/c.toml")).unwrap();
    assert!(r.desc.contains("2022：值 无数据"), "{}", r.desc);
    assert_eq!(r.table.rows[2][1], "—");
    assert!(r.csv.contains("\n2022,\n"), "{}", r.csv);
}

#[test]
fn a_series_with_no_value_at_all_is_an_error() {
    let t = over(&["2020", "2021"], &[None, None]);
    let e = prepare(&line_spec("line", ""), &t, Path::new("charts/c.toml")).unwrap_err();
    assert!(
        e.message.contains("column `值` in charts/t.csv is missing"),
        "{e}"
    );
}

fn err(s: &ChartSpec, t: &Table) -> crate::error::Diagnostic {
    prepare(s, t, Path::new("charts/c.toml")).unwrap_err()
}

#[test]
fn a_duplicated_period_names_both_lines() {
    // Written two ways, still the same year.
    let t = over(
        &["2022", "2021年", "2021"],
        &[Some(1.0), Some(2.0), Some(3.0)],
    );
    let e = err(&line_spec("line", ""), &t);
    assert_eq!(e.file, PathBuf::from("charts/t.csv"));
    assert_eq!(e.line, Some(4));
    assert!(
        e.message.contains("`2021年` appears twice")
            && e.message.contains("line 3")
            && e.message.contains("line 4"),
        "{e}"
    );
}

#[test]
fn mixed_granularity_is_an_error_unless_categories_are_asked_for() {
    let t = over(
        &["2022", "2023", "2023Q1"],
        &[Some(1.0), Some(2.0), Some(3.0)],
    );
    let e = err(&line_spec("line", ""), &t);
    assert_eq!(
        (e.file.clone(), e.line),
        (PathBuf::from("charts/t.csv"), Some(4))
    );
    assert!(
        e.message.contains("`2023Q1`") && e.message.contains("`2022` on line 2"),
        "{e}"
    );
    assert!(e.hint.unwrap().contains("x_scale = \"category\""));
    let d = data(&line_spec("line", "x_scale = \"category\""), &t);
    assert_eq!(labels(&d), ["2022", "2023", "2023Q1"]);
}

#[test]
fn forced_time_refuses_a_label_that_is_no_period() {
    // (Not 合计: a total row is never drawn, so it could not refuse anything.)
    let t = over(&["2022", "待定"], &[Some(1.0), Some(2.0)]);
    assert_eq!(data(&line_spec("line", ""), &t).periods, None);
    let e = err(&line_spec("line", "x_scale = \"time\""), &t);
    assert_eq!(e.line, Some(3));
    assert!(
        e.message.contains("`待定`") && e.message.contains("not a period"),
        "{e}"
    );
    let e = err(&line_spec("donut", "x_scale = \"time\""), &t);
    assert_eq!(e.file, PathBuf::from("charts/c.toml"));
    let e = toml::from_str::<ChartSpec>(
        "title = \"t\"\nkind = \"line\"\ndata = \"t.csv\"\nx = \"a\"\ny = [\"b\"]\nx_scale = \"dates\"",
    )
    .unwrap_err();
    assert!(e.to_string().contains("x_scale"), "{e}");
}

#[test]
fn bars_over_periods_are_labelled_like_ticks_and_never_wrap() {
    let months: Vec<String> = (1..=12).map(|m| format!("2023-{m:02}")).collect();
    let months: Vec<&str> = months.iter().map(String::as_str).collect();
    let values: Vec<Option<f64>> = (1..=12).map(|v| Some(f64::from(v))).collect();
    let t = over(&months, &values);
    let s = line_spec("bar", "");
    let d = data(&s, &t);
    let c = layout(
        &s,
        &d,
        &super::number_style(&s, &t).unwrap(),
        &opts(720, 360),
    );
    let texts: Vec<&str> = c
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text(l) => Some(l.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        texts.contains(&"2023年1月") && texts.contains(&"12月"),
        "{texts:?}"
    );
    assert!(texts.iter().all(|t| !t.contains("2023-")), "{texts:?}");
    // Thinned rather than wrapped: the year still opens the first label shown.
    let labels = time_axis::band_labels(d.periods.as_ref().unwrap(), 5, Default::default());
    assert_eq!(
        labels.iter().filter(|l| !l.is_empty()).collect::<Vec<_>>(),
        ["2023年1月", "6月", "11月"]
    );
}

#[test]
fn cumulative_and_half_year_periods_read_as_written() {
    let ytd = [
        "2024年1—12月",
        "2024年1—2月",
        "2024年1—6月",
        "2025年1—2月",
        "2025年1—6月",
    ];
    let a = axis(&ytd, 720.0);
    assert_readable(&a, 720.0);
    let shown: Vec<&str> = a.ticks.iter().map(|t| t.1.as_str()).collect();
    assert!(shown[0].starts_with("2024年1—"), "{shown:?}");
    assert!(
        shown
            .iter()
            .skip(1)
            .all(|l| l.starts_with("1—") || *l == "2025年"),
        "{shown:?}"
    );
    assert!(shown.contains(&"2025年"), "a new year is named: {shown:?}");
    let halves = axis(&["2024年上半年", "2024年下半年", "2025H1"], 720.0);
    let shown: Vec<&str> = halves.ticks.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(shown, ["2024年上半年", "2024年下半年", "2025年上半年"]);
}
