//! The x axis of line and area charts over time: points placed in proportion to time,
//! ticks on natural boundaries (whole years, quarters, months, days), labelled as Chinese
//! reports write them (`2008年`, `2024Q1`, `2024年1月` then `3月`), as dense as the width
//! allows without two labels touching.

use chrono::{Datelike, NaiveDate};

use crate::data::time::{Granularity, Period};

use super::colour::{AXIS, TICK_TEXT};
use super::frame::{label_centre, SMALL_PX};
use super::scene::{Anchor, Label, Scene};
use super::text;
use super::words::ChartText;

/// Space kept between two tick labels.
const GAP: f64 = 10.0;
/// Points sit at least this far in from the plot's edges (less when bands are narrower).
const MAX_INSET: f64 = 16.0;

/// Where the points go and which ticks are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeAxis {
    /// x of each point, in the order of the periods given.
    pub xs: Vec<f64>,
    /// x and label of each tick.
    pub ticks: Vec<(f64, String)>,
    pub size: f64,
}

/// A distance between ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// Days of the month 1, 1+n, 1+2n … up to the 28th.
    Days(u32),
    Months(u32),
    Years(i32),
}

/// The steps tried for a granularity, finest first: never finer than the data.
fn steps(granularity: Granularity) -> Vec<Step> {
    let finer: &[Step] = match granularity {
        Granularity::Year => &[],
        Granularity::Half => &[Step::Months(6)],
        Granularity::Quarter => &[Step::Months(3), Step::Months(6)],
        Granularity::Month | Granularity::YearToMonth => &[
            Step::Months(1),
            Step::Months(2),
            Step::Months(3),
            Step::Months(6),
        ],
        Granularity::Day => &[
            Step::Days(1),
            Step::Days(2),
            Step::Days(5),
            Step::Days(10),
            Step::Days(15),
            Step::Months(1),
            Step::Months(2),
            Step::Months(3),
            Step::Months(6),
        ],
    };
    let years = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].map(Step::Years);
    finer.iter().copied().chain(years).collect()
}

/// A date's place on the axis, in the unit of `granularity` (as [`Period::ordinal`]).
fn position(date: NaiveDate, granularity: Granularity) -> f64 {
    let year = f64::from(date.year());
    let month0 = f64::from(date.month0());
    match granularity {
        Granularity::Year => year + month0 / 12.0,
        Granularity::Half => year * 2.0 + month0 / 6.0,
        Granularity::Quarter => year * 4.0 + month0 / 3.0,
        Granularity::Month | Granularity::YearToMonth => year * 12.0 + month0,
        Granularity::Day => f64::from(date.num_days_from_ce()),
    }
}

/// Roughly how many ticks `step` puts between `first` and `last`.
fn estimate(step: Step, first: NaiveDate, last: NaiveDate) -> i64 {
    let days = (last - first).num_days().max(0);
    match step {
        Step::Days(n) => days / i64::from(n),
        Step::Months(n) => days / (30 * i64::from(n)),
        Step::Years(n) => days / (365 * i64::from(n)),
    }
}

/// The tick dates of `step` from `first` to `last`.
fn tick_dates(step: Step, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    match step {
        Step::Years(n) => (first.year()..=last.year())
            .filter(|y| y.rem_euclid(n) == 0)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
            .filter(|d| *d >= first)
            .collect(),
        Step::Months(n) => {
            let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
            (months(first)..=months(last))
                .filter(|m| m.rem_euclid(12).rem_euclid(i64::from(n)) == 0)
                .filter_map(|m| {
                    let year = i32::try_from(m.div_euclid(12)).ok()?;
                    let month = u32::try_from(m.rem_euclid(12)).ok()? + 1;
                    NaiveDate::from_ymd_opt(year, month, 1)
                })
                .filter(|d| *d >= first)
                .collect()
        }
        Step::Days(n) => first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| (d.day() - 1).is_multiple_of(n) && (n == 1 || d.day() <= 28))
            .collect(),
    }
}

/// A tick's label: the year written where it first appears or changes, finer parts
/// alone after that (`2024年11月`, `12月`, `2025年1月`).
/// The words are the reader's language's (`axis_*` strings: `Nov 2024`, `Dec`).
fn tick_label(
    date: NaiveDate,
    step: Step,
    granularity: Granularity,
    prev: Option<NaiveDate>,
    text: ChartText,
) -> String {
    let (y, m) = (date.year(), date.month());
    let new_year = prev.is_none_or(|p| p.year() != y);
    let new_month = prev.is_none_or(|p| p.month() != m || new_year);
    let (key, chinese) = match (step, granularity) {
        (Step::Years(_), _) => ("axis_year", "{year}年"),
        (Step::Months(_), Granularity::Quarter) => ("axis_quarter", "{year}Q{quarter}"),
        (Step::Months(_), Granularity::Half) if m == 1 => ("axis_half_1", "{year}年上半年"),
        (Step::Months(_), Granularity::Half) => ("axis_half_2", "{year}年下半年"),
        (Step::Months(_), Granularity::YearToMonth) if m == 1 => ("axis_year", "{year}年"),
        (Step::Months(_), Granularity::YearToMonth) if new_year => {
            ("axis_to_month_year", "{year}年1—{month}月")
        }
        (Step::Months(_), Granularity::YearToMonth) => ("axis_to_month", "1—{month}月"),
        (Step::Months(_), _) if new_year => ("axis_month_year", "{year}年{month}月"),
        (Step::Months(_), _) => ("axis_month", "{month}月"),
        (Step::Days(_), _) if new_year => ("axis_day_year", "{year}年{month}月{day}日"),
        (Step::Days(_), _) if new_month => ("axis_day_month", "{month}月{day}日"),
        (Step::Days(_), _) => ("axis_day", "{day}日"),
    };
    text.period(key, chinese, date)
}

/// The step that names one period of `granularity` in [`tick_label`].
fn unit_step(granularity: Granularity) -> Step {
    match granularity {
        Granularity::Year => Step::Years(1),
        Granularity::Day => Step::Days(1),
        _ => Step::Months(1),
    }
}

/// The finest step the dates themselves have: monthly data written as full dates
/// (`2025-01-01`, `2025-02-01`) is read by month, yearly as `2025-01-01` by year, so
/// its ticks and labels never name days it does not have.
fn data_step(periods: &[Period]) -> Option<Step> {
    let days = periods
        .iter()
        .filter(|p| p.granularity() == Granularity::Day);
    let dates: Vec<NaiveDate> = days.map(Period::start).collect();
    if dates.len() < 2 || dates.len() != periods.len() || dates.iter().any(|d| d.day() != 1) {
        return None;
    }
    Some(if dates.iter().all(|d| d.month() == 1) {
        Step::Years(1)
    } else {
        Step::Months(1)
    })
}

/// Whether `step` is finer than `floor` (days than months, months than years).
fn finer_than(step: Step, floor: Option<Step>) -> bool {
    let rank = |s: Step| match s {
        Step::Days(_) => 0,
        Step::Months(_) => 1,
        Step::Years(_) => 2,
    };
    floor.is_some_and(|f| rank(step) < rank(f))
}

/// Labels for periods drawn one per band (bars), read as ticks are, of which only every
/// `every`-th is shown (the rest empty): the year is written where it first appears
/// among the shown labels or changes.
pub fn band_labels(periods: &[Period], every: usize, text: ChartText) -> Vec<String> {
    let mut labels = vec![String::new(); periods.len()];
    let mut prev = None;
    let floor = data_step(periods);
    for (slot, p) in labels.iter_mut().zip(periods).step_by(every.max(1)) {
        let g = p.granularity();
        *slot = tick_label(p.start(), floor.unwrap_or(unit_step(g)), g, prev, text);
        prev = Some(p.start());
    }
    labels
}

/// Places `periods` (in time order, one granularity) between `left` and `right` on a
/// canvas `width` wide and picks the densest ticks whose labels keep apart.
pub fn layout(periods: &[Period], left: f64, right: f64, width: f64, text: ChartText) -> TimeAxis {
    let size = SMALL_PX;
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
        return TimeAxis {
            xs: Vec::new(),
            ticks: Vec::new(),
            size,
        };
    };
    let granularity = first.granularity();
    let inset = ((right - left) / (2.0 * periods.len() as f64)).min(MAX_INSET);
    let (x0, x1) = (left + inset, right - inset);
    let (lo, hi) = (
        position(first.start(), granularity),
        position(last.start(), granularity),
    );
    let x = |pos: f64| {
        if hi > lo {
            x0 + (pos - lo) / (hi - lo) * (x1 - x0)
        } else {
            (x0 + x1) / 2.0
        }
    };
    let xs = periods
        .iter()
        .map(|p| x(position(p.start(), granularity)))
        .collect();
    let max_ticks = ((x1 - x0) / (2.0 * size)).max(1.0) as i64;
    let floor = data_step(periods);
    let ticks = steps(granularity)
        .into_iter()
        .filter(|&step| !finer_than(step, floor))
        .filter(|&step| estimate(step, first.start(), last.start()) <= max_ticks)
        .find_map(|step| {
            let dates = tick_dates(step, first.start(), last.start());
            let mut prev = None;
            let ticks: Vec<(f64, String)> = dates
                .into_iter()
                .map(|d| {
                    let label = tick_label(d, step, granularity, prev, text);
                    prev = Some(d);
                    (x(position(d, granularity)), label)
                })
                .collect();
            (!ticks.is_empty() && apart(&ticks, size, width)).then_some(ticks)
        })
        .unwrap_or_else(|| vec![(x(lo), first.to_string())]);
    TimeAxis { xs, ticks, size }
}

/// Whether tick labels, each moved onto the canvas, keep [`GAP`] apart.
fn apart(ticks: &[(f64, String)], size: f64, width: f64) -> bool {
    let mut prev_right = f64::NEG_INFINITY;
    for (x, label) in ticks {
        let half = text::measure(label, size) / 2.0;
        let centre = label_centre(*x, half, width);
        if centre - half < prev_right + GAP {
            return false;
        }
        prev_right = centre + half;
    }
    true
}

/// Tick marks under the plot's `bottom` and their labels from `top`.
pub fn draw(scene: &mut Scene, axis: &TimeAxis, bottom: f64, top: f64, width: f64) {
    for (x, label) in &axis.ticks {
        scene.line(vec![(*x, bottom), (*x, bottom + 4.0)], AXIS, 1);
        let half = text::measure(label, axis.size) / 2.0;
        let centre = label_centre(*x, half, width);
        let y = top + text::block_height(1, axis.size) / 2.0;
        scene.text(Label::new(label.clone(), centre, y, Anchor::Middle, axis.size).fill(TICK_TEXT));
    }
}
