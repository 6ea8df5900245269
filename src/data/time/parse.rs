//! Reading a period from a label: the year first, then what follows it (`年3月`, `-03`,
//! `Q1`, `年第一季度`, `年1—5月` …). Dates are checked by chrono, so `2023-02-29` is no
//! period.

use chrono::NaiveDate;

use super::{Granularity, Period};

const YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

/// Full-width digits, letters and separators as their ASCII forms; spaces dropped.
fn normalise(label: &str) -> String {
    label
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '－' | '／' => {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// A cursor over the label's characters.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, prefix: &str) -> bool {
        match self.rest.strip_prefix(prefix) {
            Some(r) => {
                self.rest = r;
                true
            }
            None => false,
        }
    }

    fn eat_any(&mut self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.eat(p))
    }

    /// Up to `max` ASCII digits, at least one.
    fn number(&mut self, max: usize) -> Option<u32> {
        let len = self
            .rest
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        let (digits, rest) = self.rest.split_at_checked(len)?;
        let n = digits.parse().ok()?;
        self.rest = rest;
        Some(n)
    }

    /// A quarter number: `1`–`4` or `一`–`四`.
    fn quarter(&mut self) -> Option<u32> {
        for (n, word) in ["一", "二", "三", "四"].iter().enumerate() {
            if self.eat(word) {
                return u32::try_from(n + 1).ok();
            }
        }
        self.number(1).filter(|q| (1..=4).contains(q))
    }

    fn done(&self) -> bool {
        self.rest.is_empty()
    }
}

/// Dashes Chinese tables put between months of a span (`1—5月`, `1-5月`, `1～5月`).
const SPAN_DASHES: [&str; 6] = ["—", "–", "-", "~", "～", "至"];

pub(super) fn period(label: &str) -> Option<Period> {
    let text = normalise(label);
    let mut c = Cursor { rest: &text };
    let year = i32::try_from(c.number(4)?).ok()?;
    // Exactly four digits: `20201` or `202003` is no period.
    if !YEARS.contains(&year) || c.rest.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let p = if c.eat("年") {
        after_nian(&mut c, year)?
    } else if c.done() {
        at(Granularity::Year, year, 1, 1)?
    } else if c.eat_any(&["Q", "q", "-Q", "-q"]) {
        at_quarter(year, c.quarter()?)?
    } else if c.eat_any(&["H", "h", "-H", "-h"]) {
        let half = c.number(1).filter(|h| (1..=2).contains(h))?;
        at(Granularity::Half, year, half * 6 - 5, 1)?
    } else {
        numeric_date(&mut c, year)?
    };
    c.done().then_some(p)
}

/// What may follow `2020年`: nothing, a half, a quarter, a month, a cumulation or a day.
fn after_nian(c: &mut Cursor, year: i32) -> Option<Period> {
    if c.done() {
        return at(Granularity::Year, year, 1, 1);
    }
    if c.eat("上半年") {
        return at(Granularity::Half, year, 1, 1);
    }
    if c.eat("下半年") {
        return at(Granularity::Half, year, 7, 1);
    }
    if c.eat("第") {
        let q = c.quarter()?;
        return c.eat("季度").then(|| at_quarter(year, q))?;
    }
    let before = c.rest;
    if let Some(q) = c.quarter() {
        if c.eat("季度") {
            return at_quarter(year, q);
        }
    }
    // Not a quarter after all (`2020年12月`): read the digits again as a month.
    c.rest = before;
    let month = c.number(2)?;
    if c.eat_any(&SPAN_DASHES) {
        // Only spans from January are cumulations (`1—5月`); `3—5月` is no period here.
        let last = c.number(2)?;
        return (month == 1 && c.eat("月")).then(|| at(Granularity::YearToMonth, year, last, 1))?;
    }
    if !c.eat("月") {
        return None;
    }
    if c.done() {
        return at(Granularity::Month, year, month, 1);
    }
    let day = c.number(2)?;
    c.eat_any(&["日", "号"])
        .then(|| at(Granularity::Day, year, month, day))?
}

/// `2020-03`, `2020/3`, `2020-03-15`, `2020/3/15` (the same separator twice).
fn numeric_date(c: &mut Cursor, year: i32) -> Option<Period> {
    let sep = ["-", "/", "."].into_iter().find(|s| c.eat(s))?;
    let month = c.number(2)?;
    if c.done() {
        // `2020.3` reads as a decimal number, not a month.
        return (sep != ".").then(|| at(Granularity::Month, year, month, 1))?;
    }
    if !c.eat(sep) {
        return None;
    }
    let day = c.number(2)?;
    at(Granularity::Day, year, month, day)
}

fn at_quarter(year: i32, quarter: u32) -> Option<Period> {
    at(Granularity::Quarter, year, quarter * 3 - 2, 1)
}

fn at(granularity: Granularity, year: i32, month: u32, day: u32) -> Option<Period> {
    Period::new(granularity, NaiveDate::from_ymd_opt(year, month, day)?)
}
