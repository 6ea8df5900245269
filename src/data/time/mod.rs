//! Periods of time as statistical tables write them (`2020`, `2020年3月`, `2020Q1`,
//! `2020年一季度`, `2024年1—5月`, `2020-03-15` …): which labels are periods, of what
//! granularity, in what order, where on a continuous time axis, and the same period a
//! year before. Charts order and space their points with this; transforms use it for
//! year-on-year comparisons and to order columns turned into rows.
//!
//! ```
//! use baogao::data::time::{detect, Granularity, Period};
//!
//! let p = Period::parse("2024年一季度").unwrap();
//! assert_eq!(p.granularity(), Granularity::Quarter);
//! assert_eq!(p.year_before(), Period::parse("2023Q1"));
//! assert_eq!(detect(&["2021", "2020年", "2019"]), Some(Granularity::Year));
//! assert_eq!(detect(&["2021", "合计"]), None);
//! ```

mod parse;

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// How long one period lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    /// `2020`, `2020年`.
    Year,
    /// `2024年上半年`, `2024H2`.
    Half,
    /// `2020Q1`, `2020年一季度`, `2020年1季度`, `2020年第一季度`.
    Quarter,
    /// `2020-03`, `2020/3`, `2020年3月`.
    Month,
    /// From January to a month of the year, cumulated (`2024年1—5月`): placed at its
    /// last month, but never mixed with single months, which it is not comparable to.
    YearToMonth,
    /// `2020-03-15`, `2020/3/15`, `2020年3月15日`.
    Day,
}

impl Granularity {
    /// The Chinese name, as error messages and docs say it.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Year => "年份",
            Granularity::Half => "半年",
            Granularity::Quarter => "季度",
            Granularity::Month => "月份",
            Granularity::YearToMonth => "累计月份（1—N月）",
            Granularity::Day => "日期",
        }
    }

    /// How many of these periods make a year (days: 365, ignoring leap days).
    pub fn per_year(self) -> i64 {
        match self {
            Granularity::Year => 1,
            Granularity::Half => 2,
            Granularity::Quarter => 4,
            Granularity::Month | Granularity::YearToMonth => 12,
            Granularity::Day => 365,
        }
    }
}

/// One period: its granularity and the first day it covers (for `YearToMonth`, the first
/// day of its last month, where it sits on a time axis). Periods order by time, then by
/// granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    start: NaiveDate,
    granularity: Granularity,
}

impl Period {
    /// The period a label names, or `None` when it names none. Surrounding spaces and
    /// full-width digits are accepted; years run from 1000 to 2999.
    pub fn parse(label: &str) -> Option<Period> {
        parse::period(label)
    }

    /// A period of `granularity` starting at `start`; `None` when `start` is not where
    /// such a period starts (e.g. a quarter starting in February).
    pub fn new(granularity: Granularity, start: NaiveDate) -> Option<Period> {
        let month0 = start.month0();
        let starts = match granularity {
            Granularity::Year => month0 == 0 && start.day() == 1,
            Granularity::Half => month0.is_multiple_of(6) && start.day() == 1,
            Granularity::Quarter => month0.is_multiple_of(3) && start.day() == 1,
            Granularity::Month => start.day() == 1,
            // 1—1月 is the month itself: a cumulation runs over two months at least.
            Granularity::YearToMonth => month0 > 0 && start.day() == 1,
            Granularity::Day => true,
        };
        starts.then_some(Period { start, granularity })
    }

    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// The first day of the period (for `YearToMonth`, of its last month).
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn year(&self) -> i32 {
        self.start.year()
    }

    /// The period's number within its year: the half (1–2), quarter (1–4), month (1–12,
    /// the last month of a `YearToMonth`) or day of the year (1–366); 1 for a year.
    pub fn index_in_year(&self) -> u32 {
        let month0 = self.start.month0();
        match self.granularity {
            Granularity::Year => 1,
            Granularity::Half => month0 / 6 + 1,
            Granularity::Quarter => month0 / 3 + 1,
            Granularity::Month | Granularity::YearToMonth => month0 + 1,
            Granularity::Day => self.start.ordinal(),
        }
    }

    /// The period's place on a continuous axis counted in its own granularity: years,
    /// halves, quarters or months since year 0, or days since 0001-01-01. Consecutive
    /// periods differ by one, so positions are proportional to time.
    pub fn ordinal(&self) -> i64 {
        let year = i64::from(self.start.year());
        let month0 = i64::from(self.start.month0());
        match self.granularity {
            Granularity::Year => year,
            Granularity::Half => year * 2 + month0 / 6,
            Granularity::Quarter => year * 4 + month0 / 3,
            Granularity::Month | Granularity::YearToMonth => year * 12 + month0,
            Granularity::Day => i64::from(self.start.num_days_from_ce()),
        }
    }

    /// The same period `years` years later (earlier when negative); `None` past the
    /// calendar's range or for 29 February in a year without one.
    pub fn shift_years(&self, years: i32) -> Option<Period> {
        let start = self
            .start
            .with_year(self.start.year().checked_add(years)?)?;
        Some(Period {
            start,
            granularity: self.granularity,
        })
    }

    /// The same period one year earlier: what a year-on-year change compares with.
    pub fn year_before(&self) -> Option<Period> {
        self.shift_years(-1)
    }
}

impl fmt::Display for Period {
    /// The period written the way Chinese tables write it: `2020年`, `2024年上半年`,
    /// `2024Q1`, `2024年3月`, `2024年1—5月`, `2024年3月15日`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = (self.start.year(), self.start.month(), self.start.day());
        match self.granularity {
            Granularity::Year => write!(f, "{y}年"),
            Granularity::Half if m == 1 => write!(f, "{y}年上半年"),
            Granularity::Half => write!(f, "{y}年下半年"),
            Granularity::Quarter => write!(f, "{y}Q{}", self.index_in_year()),
            Granularity::Month => write!(f, "{y}年{m}月"),
            Granularity::YearToMonth => write!(f, "{y}年1—{m}月"),
            Granularity::Day => write!(f, "{y}年{m}月{d}日"),
        }
    }
}

/// The periods of a column's labels, when every label names one (of any granularity).
pub fn periods<S: AsRef<str>>(labels: &[S]) -> Option<Vec<Period>> {
    labels.iter().map(|l| Period::parse(l.as_ref())).collect()
}

/// The granularity of a time column: `Some` when every label names a period and all
/// periods share one granularity; `None` for an empty column, a label that is no period,
/// or mixed granularities (see [`first_mixed`] to say where).
pub fn detect<S: AsRef<str>>(labels: &[S]) -> Option<Granularity> {
    let periods = periods(labels)?;
    let first = periods.first()?.granularity;
    periods
        .iter()
        .all(|p| p.granularity == first)
        .then_some(first)
}

/// The index of the first period whose granularity differs from the first period's.
pub fn first_mixed(periods: &[Period]) -> Option<usize> {
    let first = periods.first()?.granularity;
    periods.iter().position(|p| p.granularity != first)
}

/// Pairs of indices naming the same period (each later occurrence with its first one),
/// in the order the later ones appear.
pub fn duplicates(periods: &[Period]) -> Vec<(usize, usize)> {
    let mut seen = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        match seen.get(p) {
            Some(&first) => out.push((first, i)),
            None => {
                seen.insert(*p, i);
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests;
