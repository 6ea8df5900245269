//! Chinese number formatting shared by prose, tables and chart labels:
//! thousands separators, qualifiers (约 / 超过 / 不足), 万/亿 unit steps, percentages.

use super::{Number, Qualifier};

/// Formats `value` with exactly `decimals` decimals and `,` thousands separators.
pub fn group_thousands(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    // "-0.0" reads as a sign error; only a non-zero rounded value keeps its minus.
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// Units that step up by 10,000 in Chinese usage, smallest first.
const MONEY_STEPS: [&str; 4] = ["元", "万元", "亿元", "万亿元"];
const PLAIN_STEPS: [&str; 3] = ["", "万", "亿"];

/// Moves a value to the next unit up while it is at least 10,000 of the current one
/// (85,000亿元 → 8.5万亿元). Units outside the ladder are left as they are.
pub fn scale_unit(value: f64, unit: &str) -> (f64, String) {
    for ladder in [&MONEY_STEPS[..], &PLAIN_STEPS[..]] {
        if unit.is_empty() && ladder.len() == PLAIN_STEPS.len() {
            // A bare number is not rescaled: counts read better as 549 than as 0.0549万.
            return (value, String::new());
        }
        if let Some(mut i) = ladder.iter().position(|u| *u == unit) {
            let mut v = value;
            while v.abs() >= 10_000.0 && i + 1 < ladder.len() {
                v /= 10_000.0;
                i += 1;
            }
            return (v, ladder.get(i).copied().unwrap_or(unit).to_string());
        }
    }
    (value, unit.to_string())
}

/// A number as a reader sees it: qualifier, digits, unit — `约430亿元`, `超过100亿元`,
/// `8.5万亿元`. `decimals = None` keeps the precision written in the source
/// (plus what a unit step needs).
pub fn format_number(n: Number, decimals: Option<u8>, unit: Option<&str>) -> String {
    let (value, unit) = scale_unit(n.value, unit.unwrap_or(""));
    let stepped = value != n.value;
    let decimals = decimals.unwrap_or(if stepped {
        // 85,000 → 8.5: keep the significant digits the step moved past the point.
        let mut d = n.decimals;
        let mut v = value;
        while d < 4 && (v - v.round()).abs() > 1e-9 {
            d += 1;
            v *= 10.0;
        }
        d
    } else {
        n.decimals
    });
    let spacer = if unit == "%" || unit.is_empty() || !unit.is_ascii() {
        ""
    } else {
        " "
    };
    format!(
        "{}{}{}{}{}{}",
        n.qualifier.prefix(),
        group_thousands(value, decimals),
        n.qualifier.suffix(),
        spacer,
        unit,
        n.qualifier.after_unit()
    )
}

/// A share as a percentage, `0.9%`; the qualifier of the part carries over
/// (a part of 约430 is a share of 约21.3%).
pub fn format_share(part: Number, total: f64, decimals: u8) -> String {
    let pct = if total == 0.0 {
        0.0
    } else {
        part.value / total * 100.0
    };
    format!(
        "{}{}{}%{}",
        part.qualifier.prefix(),
        group_thousands(pct, decimals),
        part.qualifier.suffix(),
        part.qualifier.after_unit()
    )
}

/// The qualifier of a value computed from several (a sum or a difference): exact only
/// when every input is exact, else 约.
pub fn combined_qualifier(parts: impl IntoIterator<Item = Qualifier>) -> Qualifier {
    if parts.into_iter().all(|q| q == Qualifier::Exact) {
        Qualifier::Exact
    } else {
        Qualifier::About
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64, qualifier: Qualifier, decimals: u8) -> Number {
        Number {
            value,
            qualifier,
            decimals,
        }
    }

    #[test]
    fn thousands_and_decimals() {
        assert_eq!(group_thousands(2020.3, 1), "2,020.3");
        assert_eq!(group_thousands(1234567.0, 0), "1,234,567");
        assert_eq!(group_thousands(-0.04, 1), "0.0");
        assert_eq!(group_thousands(-1500.0, 0), "-1,500");
    }

    #[test]
    fn qualifiers_and_units() {
        assert_eq!(
            format_number(n(430.0, Qualifier::About, 0), None, Some("亿元")),
            "约430亿元"
        );
        assert_eq!(
            format_number(n(100.0, Qualifier::Over, 0), None, Some("亿元")),
            "超过100亿元"
        );
        assert_eq!(
            format_number(n(85000.0, Qualifier::Exact, 0), None, Some("亿元")),
            "8.5万亿元"
        );
        assert_eq!(
            format_number(n(40.3, Qualifier::Exact, 1), None, Some("%")),
            "40.3%"
        );
        assert_eq!(
            format_number(n(549.0, Qualifier::Exact, 0), None, None),
            "549"
        );
        assert_eq!(
            format_number(n(771.4, Qualifier::Exact, 1), Some(0), Some("km")),
            "771 km"
        );
    }

    #[test]
    fn shares() {
        assert_eq!(format_share(Number::exact(18.4), 2020.3, 1), "0.9%");
        assert_eq!(
            format_share(n(430.0, Qualifier::About, 0), 2020.3, 1),
            "约21.3%"
        );
    }
}
