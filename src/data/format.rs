//! The one way a number is shown to readers, wherever it appears (prose, lead box, value
//! labels, axis ticks, `<desc>`, data tables, feed): qualifier (约 / 超过 / 不足), digits
//! with `,` separators and a real minus sign (−), then the unit. A [`NumberStyle`] holds
//! what varies per place (unit, decimals, an asked-for unit rescaling, magnitude only);
//! CSV output is the only place that keeps raw numbers.
//!
//! Decimals follow one rule: a number keeps the decimals written in its source unless a
//! `decimals` key says otherwise; a qualified number (约430) never gains decimals its source
//! did not have. Units are rescaled (亿元 → 万亿元) only when a `scale_unit` key asks.

use std::sync::Arc;

use super::words::NumberWords;
use super::{Bound, Number, Qualifier};

/// The most decimals a number is shown with (every `decimals` key and argument).
pub const MAX_DECIMALS: u8 = 6;

/// What a `decimals` outside 0..=[`MAX_DECIMALS`] is told.
pub const DECIMALS_RANGE: &str = "`decimals` must be a whole number from 0 to 6";

/// Reads a `decimals` key (chart specs, key figures, `[format]`), refusing more than
/// [`MAX_DECIMALS`]: the error carries the value's position like any other bad value.
pub fn de_decimals<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let n = <i64 as serde::Deserialize>::deserialize(d)?;
    u8::try_from(n)
        .ok()
        .filter(|&n| n <= MAX_DECIMALS)
        .ok_or_else(|| serde::de::Error::custom(DECIMALS_RANGE))
}

/// [`de_decimals`] for a key that may be left out (with `#[serde(default)]`).
pub fn de_optional_decimals<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<u8>, D::Error> {
    de_decimals(d).map(Some)
}

/// The minus sign readers see (U+2212); ASCII `-` stays in CSV.
pub const MINUS: char = '−';

/// Unit prefixes that multiply by a power of ten, longest first where one is a prefix of
/// another (万亿 before 万, 千万 before 千). 百 is left out: 百分点 is no hundred of 分点.
const PREFIXES: [(&str, i32); 9] = [
    ("万亿", 12),
    ("千亿", 11),
    ("百亿", 10),
    ("十亿", 9),
    ("亿", 8),
    ("千万", 7),
    ("百万", 6),
    ("万", 4),
    ("千", 3),
];

/// Formats `value` with exactly `decimals` decimals, `,` thousands separators and a real
/// minus sign. A value that rounds to zero has no sign (`0.0`, never `−0.0`).
pub fn group_thousands(value: f64, decimals: u8) -> String {
    // A chart shows each value at every width it is drawn at, in its `desc` and in its
    // table: the same few numbers are formatted again and again, and exact float
    // formatting is the costly part. Recent results are kept per thread.
    let key = (value.to_bits(), decimals);
    let slot =
        (key.0 ^ (key.0 >> 29) ^ (key.0 >> 47) ^ u64::from(decimals)) as usize % RECENT_SLOTS;
    RECENT.with_borrow_mut(|recent| match recent.get_mut(slot) {
        Some((k, text)) if *k == Some(key) => text.clone(),
        Some((k, text)) => {
            let fresh = format_grouped(value, decimals);
            *k = Some(key);
            text.clone_from(&fresh);
            fresh
        }
        None => format_grouped(value, decimals),
    })
}

const RECENT_SLOTS: usize = 256;

/// A value's bits and the decimals it is shown with (`None`: an empty slot), and the text.
type Recent = (Option<(u64, u8)>, String);

thread_local! {
    /// [`group_thousands`]'s recent results, by the value's bits and the decimals.
    static RECENT: std::cell::RefCell<Vec<Recent>> =
        std::cell::RefCell::new(vec![(None, String::new()); RECENT_SLOTS]);
}

/// [`group_thousands`] without the cache.
fn format_grouped(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 3);
    if value < 0.0 && text.chars().any(|c| matches!(c, '1'..='9')) {
        out.push(MINUS);
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The power of ten a unit's prefix stands for and the unit without it:
/// `万亿元` → (12, `元`), `亿元` → (8, `元`), `万人` → (4, `人`), `元` → (0, `元`).
fn split_prefix(unit: &str) -> (i32, &str) {
    PREFIXES
        .iter()
        .find_map(|(p, e)| unit.strip_prefix(p).map(|rest| (*e, rest)))
        .unwrap_or((0, unit))
}

/// The power of ten taking a number in `from` to `to` (亿元 → 万亿元: −4), or why the
/// two units cannot be converted.
pub fn rescale_power(from: &str, to: &str) -> Result<i32, String> {
    let ((f, base_from), (t, base_to)) = (split_prefix(from), split_prefix(to));
    // Counts with no unit may still be shown in 万 or 亿 (12,000 → 1.2万).
    if from.is_empty() && !base_to.is_empty() {
        return Err(format!(
            "the numbers have no unit to show in `{to}`: give the data its unit (a header such as `投资（亿元）`, a `单位：` line, the sidecar's `[units]`, or `unit` in the spec or shortcode)"
        ));
    }
    if from == "%" || to == "%" || base_from != base_to {
        return Err(format!(
            "cannot show `{from}` in `{to}`: rescaling only changes a prefix such as 万 or 亿 (亿元 → 万亿元, 人 → 万人)"
        ));
    }
    Ok(f - t)
}

/// `n` moved `power` places (×10^power), its written precision kept: 85,000亿元 becomes
/// 8.5万亿元, 2,020.3亿元 becomes 0.20203万亿元 (decimals the move only padded with zeros
/// are dropped).
pub fn rescale(n: Number, power: i32) -> Number {
    if power == 0 {
        return n;
    }
    let value = n.value * 10f64.powi(power);
    let mut decimals = (i32::from(n.decimals) - power).clamp(0, 12);
    while decimals > i32::from(n.decimals) {
        // Is the last decimal a padded zero? Float error is ~1e-16 of the value, so any
        // fraction above 1e-12 of it is a digit the source wrote (9.999999, not 10.00000).
        let shifted = value * 10f64.powi(decimals - 1);
        if (shifted - shifted.round()).abs() > 1e-12 * shifted.abs().max(1.0) {
            break;
        }
        decimals -= 1;
    }
    Number {
        value,
        qualifier: n.qualifier,
        decimals: u8::try_from(decimals).unwrap_or(12),
    }
}

/// How the numbers of one place are shown: the data's unit, explicit decimals, a unit
/// to rescale to, and whether only the magnitude is wanted (减少2,020千人).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberStyle {
    unit: Option<String>,
    decimals: Option<u8>,
    /// The unit shown when rescaled, and the power of ten that takes the data there.
    scaled: Option<(String, i32)>,
    abs: bool,
    /// The reader's language's words (None: the source's Chinese words).
    words: Option<Arc<NumberWords>>,
    /// The power of ten the language's own unit adds (亿元 → bn yuan: −1).
    language_power: i32,
}

impl NumberStyle {
    /// Numbers in `unit` (`None` or empty: no unit), with the written decimals.
    pub fn new(unit: Option<&str>) -> Self {
        NumberStyle {
            unit: unit.filter(|u| !u.is_empty()).map(str::to_string),
            ..NumberStyle::default()
        }
    }

    /// Rounds to `decimals` when given.
    pub fn decimals(mut self, decimals: Option<u8>) -> Self {
        self.decimals = decimals;
        self
    }

    /// Shows the numbers in `to` (`scale_unit`); an error when the units do not convert.
    pub fn scale_to(mut self, to: Option<&str>) -> Result<Self, String> {
        if let Some(to) = to {
            let power = rescale_power(self.unit.as_deref().unwrap_or(""), to)?;
            self.scaled = Some((to.to_string(), power));
        }
        Ok(self)
    }

    /// The same decimals for numbers in another `unit` (a scatter's other columns).
    pub fn in_unit(&self, unit: Option<&str>) -> NumberStyle {
        NumberStyle::new(unit)
            .decimals(self.decimals)
            .words(self.words.as_ref())
    }

    /// Shows qualifiers and the unit in a reader's language: its words, and its own
    /// unit when the words translate the shown one (亿元 → bn yuan, numbers ×10⁻¹).
    /// Call after [`NumberStyle::scale_to`].
    pub fn words(mut self, words: Option<&Arc<NumberWords>>) -> Self {
        self.words = words.cloned();
        let translated = words.and_then(|w| w.unit(self.shown_unit()?));
        if let Some(t) = translated {
            let power = self.scaled.as_ref().map_or(0, |(_, p)| *p) + t.power;
            self.scaled = Some((t.unit.clone(), power));
            self.language_power = t.power;
            // Asked-for decimals keep their precision: 1 decimal of 亿元 is 2 of bn yuan.
            self.decimals = self
                .decimals
                .map(|d| u8::try_from((i32::from(d) - t.power).clamp(0, 12)).unwrap_or(d));
        }
        self
    }

    /// The power of ten the reader's language's unit adds to the numbers (0 when the
    /// unit is shown as the data writes it): values a spec writes in the chart's unit
    /// (`y_max`, annotations) are moved by as much.
    pub fn language_power(&self) -> i32 {
        self.language_power
    }

    /// The words before the number, right after it, and after its unit.
    fn qualifier_words(&self, q: Qualifier) -> (&str, &str, &str) {
        match &self.words {
            Some(w) => (w.prefix(q), w.suffix(q), w.after_unit(q)),
            None => (q.prefix(), q.suffix(), q.after_unit()),
        }
    }

    /// A share as a percentage in this style's words (see [`format_share`]).
    pub fn share(&self, part: Number, total: Number, decimals: u8) -> String {
        let qualifier = share_qualifier(part.qualifier, total.qualifier);
        let (before, right_after, after_unit) = self.qualifier_words(qualifier);
        let pct = if total.value == 0.0 {
            0.0
        } else {
            part.value / total.value * 100.0
        };
        format!(
            "{before}{}{right_after}%{after_unit}",
            group_thousands(bounded(pct, decimals, qualifier), decimals)
        )
    }

    /// Shows magnitudes only (`abs = true`).
    pub fn magnitude(mut self, abs: bool) -> Self {
        self.abs = abs;
        self
    }

    /// The data's own unit, before any rescaling.
    pub fn data_unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }

    /// The unit readers see (after any rescaling).
    pub fn shown_unit(&self) -> Option<&str> {
        match &self.scaled {
            Some((to, _)) => Some(to.as_str()),
            None => self.unit.as_deref(),
        }
        .filter(|u| !u.is_empty())
    }

    /// Whether the numbers are percentages (`%` stays on every number, ticks included).
    pub fn percent(&self) -> bool {
        self.shown_unit() == Some("%")
    }

    /// `n` as it is drawn: rescaled when asked, negated when only the magnitude is shown.
    pub fn shown_number(&self, n: Number) -> Number {
        let n = match &self.scaled {
            Some((_, power)) => rescale(n, *power),
            None => n,
        };
        if self.abs {
            Number {
                value: n.value.abs(),
                ..n
            }
        } else {
            n
        }
    }

    /// The same numbers, already rescaled: for data that went through
    /// [`NumberStyle::shown_number`] before being laid out (chart data).
    pub fn after_scaling(&self) -> NumberStyle {
        NumberStyle {
            unit: self.shown_unit().map(str::to_string),
            decimals: self.decimals,
            scaled: None,
            abs: false,
            words: self.words.clone(),
            language_power: 0,
        }
    }

    /// The decimals `n` (already rescaled) is shown with.
    fn decimals_for(&self, n: Number) -> u8 {
        match (self.decimals, n.qualifier) {
            (None, _) => n.decimals,
            (Some(d), Qualifier::Exact) => d,
            // 约430 stays 约430, never 约430.0: a qualifier already says it is not exact.
            (Some(d), _) => d.min(n.decimals),
        }
    }

    /// A number as a reader sees it: `约430亿元`, `超过100亿元`, `40.3%`, `−2,020千人`.
    /// A word after the unit stays last: `1,200亿元左右`.
    pub fn show(&self, n: Number) -> String {
        with_unit(self.digits_before_unit(n), self.shown_unit())
            + self.qualifier_words(n.qualifier).2
    }

    /// A number without its unit (multi-series labels, table cells under a unit header);
    /// `%` is kept, for `12.5` alone reads as a count.
    pub fn digits(&self, n: Number) -> String {
        self.digits_before_unit(n) + self.qualifier_words(n.qualifier).2
    }

    /// The qualifier, digits and any word that comes before the unit (`30余`).
    fn digits_before_unit(&self, n: Number) -> String {
        let n = self.shown_number(n);
        let (before, right_after, _) = self.qualifier_words(n.qualifier);
        let decimals = self.decimals_for(n);
        let text = format!(
            "{before}{}{right_after}",
            group_thousands(bounded(n.value, decimals, n.qualifier), decimals),
        );
        if self.percent() {
            text + "%"
        } else {
            text
        }
    }

    /// An axis tick (already in the shown unit) with `decimals`: digits only, `%` kept.
    pub fn tick(&self, value: f64, decimals: u8) -> String {
        let text = group_thousands(value, decimals);
        if self.percent() {
            text + "%"
        } else {
            text
        }
    }

    /// A column header with the unit it holds: `完成投资（亿元）` (`%` stays in the cells).
    pub fn header(&self, name: &str) -> String {
        match (self.shown_unit(), &self.words) {
            (Some("%") | None, _) => name.to_string(),
            (Some(u), Some(w)) => w.header(name, u),
            (Some(u), None) => format!("{name}（{u}）"),
        }
    }
}

/// `value` made ready to print with `decimals`, so that rounding keeps what a bound says:
/// 超过99.6 shown whole is 超过99 (never 超过100), 不足0.4 is 不足1 (never 不足0). Other
/// numbers are left to ordinary rounding.
fn bounded(value: f64, decimals: u8, qualifier: Qualifier) -> f64 {
    let Some(bound) = qualifier.bound() else {
        return value;
    };
    let scale = 10f64.powi(i32::from(decimals.min(15)));
    let scaled = value * scale;
    // A number already at this precision (1.1 is 10.999… or 11.000…1 times ten).
    if (scaled - scaled.round()).abs() <= 1e-9 * scaled.abs().max(1.0) {
        return value;
    }
    match bound {
        Bound::Lower => scaled.floor() / scale,
        Bound::Upper => scaled.ceil() / scale,
    }
}

/// Digits followed by a unit: CJK units and `%` join the number (`430亿元`), Latin units
/// take a space (`771 km`).
fn with_unit(digits: String, unit: Option<&str>) -> String {
    match unit {
        None | Some("%") => digits,
        Some(u) if u.is_ascii() => format!("{digits} {u}"),
        Some(u) => digits + u,
    }
}

/// A share as a percentage, `0.9%`; the qualifiers of the part and the total carry over
/// (a part of 约430 is a share of 约21.3%; so is a part of 430 in a total of 约2,020).
pub fn format_share(part: Number, total: Number, decimals: u8) -> String {
    NumberStyle::default().share(part, total, decimals)
}

/// What a share of a `part` in a `total` can claim: the part's qualifier when the total
/// is exact; 超过 over a total that is 不足 (and the reverse) still holds; else 约.
/// A share of 30余 is 超过 (`0.5余%` would not read).
pub fn share_qualifier(part: Qualifier, total: Qualifier) -> Qualifier {
    let as_share = |q: Qualifier| match q {
        Qualifier::Odd => Qualifier::MoreThan,
        q => q,
    };
    match (part.bound(), total.bound()) {
        _ if total == Qualifier::Exact => as_share(part),
        (Some(Bound::Lower), Some(Bound::Upper)) | (Some(Bound::Upper), Some(Bound::Lower)) => {
            as_share(part)
        }
        _ => Qualifier::About,
    }
}

/// The sum of several numbers: exact only when all are (charts' totals, shares' totals).
pub fn sum(numbers: impl IntoIterator<Item = Number>) -> Number {
    let list: Vec<Number> = numbers.into_iter().collect();
    Number {
        value: list.iter().map(|n| n.value).sum(),
        qualifier: combined_qualifier(list.iter().map(|n| n.qualifier)),
        decimals: list.iter().map(|n| n.decimals).max().unwrap_or(0),
    }
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
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn rescaling_keeps_every_written_digit_and_drops_only_padding() {
        let shown = |value: f64, decimals: u8, power: i32| {
            let n = rescale(
                Number {
                    value,
                    decimals,
                    qualifier: Qualifier::Exact,
                },
                power,
            );
            format_grouped(n.value, n.decimals)
        };
        assert_eq!(shown(99_999.99, 2, -4), "9.999999");
        assert_eq!(shown(30_145.79, 2, -4), "3.014579");
        assert_eq!(shown(85_000.0, 0, -4), "8.5");
        assert_eq!(shown(2_020.3, 1, -4), "0.20203");
        assert_eq!(shown(1_234_567.891, 3, -8), "0.01234567891");
        assert_eq!(shown(3.5, 1, 4), "35,000");
    }

    #[test]
    fn remembered_numbers_read_as_freshly_formatted_ones() {
        // Far more values than slots, each asked for several times with several decimals,
        // so slots are shared and overwritten: every answer must still be its own.
        let values: Vec<f64> = (0..3000)
            .map(|i| f64::from(i) * 1.37 - 1500.0)
            .chain([0.0, -0.0, 0.04, -0.04, 1e15, -1234567.891, f64::NAN])
            .collect();
        for round in 0..3 {
            for &v in &values {
                for d in [0, 1, 2, (round + 3) as u8] {
                    assert_eq!(group_thousands(v, d), format_grouped(v, d), "{v} at {d}");
                }
            }
        }
        assert_eq!(group_thousands(-0.04, 1), "0.0");
        assert_eq!(group_thousands(-1234567.891, 2), "−1,234,567.89");
    }

    fn n(value: f64, qualifier: Qualifier, decimals: u8) -> Number {
        Number {
            value,
            qualifier,
            decimals,
        }
    }

    fn exact(value: f64, decimals: u8) -> Number {
        n(value, Qualifier::Exact, decimals)
    }

    #[test]
    fn a_language_translates_qualifiers_and_units() {
        use crate::data::words::{NumberWords, UnitWord};
        let units = [(
            "亿元".to_string(),
            UnitWord {
                unit: "bn yuan".into(),
                power: -1,
            },
        )]
        .into();
        let table = [
            ("number_about", "about "),
            ("number_over", "over "),
            ("unit_open", " ("),
            ("unit_close", ")"),
        ];
        let lookup = |k: &str| {
            table
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        };
        let words = Arc::new(NumberWords::new(lookup, units));
        let style = NumberStyle::new(Some("亿元"))
            .decimals(Some(1))
            .words(Some(&words));
        assert_eq!(style.language_power(), -1);
        assert_eq!(
            style.show(n(430.0, Qualifier::About, 0)),
            "about 43 bn yuan"
        );
        // One decimal of 亿元 is two of bn yuan.
        assert_eq!(style.show(exact(2020.3, 1)), "202.03 bn yuan");
        assert_eq!(style.header("投资"), "投资 (bn yuan)");
        let percent = NumberStyle::new(Some("%")).words(Some(&words));
        assert_eq!(percent.show(n(3.0, Qualifier::Over, 0)), "over 3%");
        assert_eq!(percent.language_power(), 0);
    }

    #[test]
    fn thousands_decimals_and_the_minus_sign() {
        assert_eq!(group_thousands(2020.3, 1), "2,020.3");
        assert_eq!(group_thousands(1234567.0, 0), "1,234,567");
        assert_eq!(group_thousands(-0.04, 1), "0.0");
        assert_eq!(group_thousands(-1500.0, 0), "−1,500");
        assert_eq!(group_thousands(-123.0, 0), "−123");
    }

    #[test]
    fn written_decimals_unless_asked() {
        let style = NumberStyle::new(Some("亿元"));
        assert_eq!(style.show(exact(2020.3, 1)), "2,020.3亿元");
        assert_eq!(
            style.show(exact(85000.0, 0)),
            "85,000亿元",
            "no rescaling unasked"
        );
        assert_eq!(style.show(n(430.0, Qualifier::About, 0)), "约430亿元");
        assert_eq!(style.show(n(100.0, Qualifier::Over, 0)), "超过100亿元");
        let one = NumberStyle::new(Some("亿元")).decimals(Some(1));
        assert_eq!(one.show(exact(771.0, 0)), "771.0亿元");
        assert_eq!(one.show(n(430.0, Qualifier::About, 0)), "约430亿元");
        assert_eq!(
            NumberStyle::new(Some("km"))
                .decimals(Some(0))
                .show(exact(771.4, 1)),
            "771 km"
        );
        assert_eq!(NumberStyle::new(None).show(exact(549.0, 0)), "549");
    }

    #[test]
    fn percent_stays_on_every_number() {
        let style = NumberStyle::new(Some("%"));
        assert_eq!(style.show(exact(40.3, 1)), "40.3%");
        assert_eq!(style.digits(exact(40.3, 1)), "40.3%");
        assert_eq!(style.tick(50.0, 0), "50%");
        assert_eq!(style.header("完成率"), "完成率");
        assert_eq!(
            NumberStyle::new(Some("亿元")).header("投资"),
            "投资（亿元）"
        );
        assert_eq!(NumberStyle::new(Some("亿元")).tick(50000.0, 0), "50,000");
    }

    #[test]
    fn rescaling_only_when_asked_keeps_precision() {
        let to =
            |unit: &str, target: &str| NumberStyle::new(Some(unit)).scale_to(Some(target)).unwrap();
        assert_eq!(to("亿元", "万亿元").show(exact(85000.0, 0)), "8.5万亿元");
        assert_eq!(
            to("亿元", "万亿元").show(exact(43760.7, 1)),
            "4.37607万亿元"
        );
        assert_eq!(
            to("亿元", "万亿元")
                .decimals(Some(2))
                .show(exact(43760.7, 1)),
            "4.38万亿元"
        );
        assert_eq!(to("万亿元", "亿元").show(exact(8.5, 1)), "85,000亿元");
        assert_eq!(to("人", "万人").show(exact(-20200.0, 0)), "−2.02万人");
        assert_eq!(to("千人", "万人").show(exact(129781.0, 0)), "12,978.1万人");
        assert_eq!(to("千米", "米").show(exact(1.5, 1)), "1,500米");
        assert_eq!(to("元", "亿元").show(exact(1.0, 0)), "0.00000001亿元");
        assert!(NumberStyle::new(Some("亿元"))
            .scale_to(Some("万人"))
            .unwrap_err()
            .contains("cannot show `亿元` in `万人`"));
        assert!(rescale_power("", "万亿元")
            .unwrap_err()
            .starts_with("the numbers have no unit to show in `万亿元`"));
        assert!(NumberStyle::new(Some("%")).scale_to(Some("万")).is_err());
        assert!(NumberStyle::new(None).scale_to(Some("万")).is_ok());
    }

    #[test]
    fn magnitude_only() {
        let style = NumberStyle::new(Some("千人")).magnitude(true);
        assert_eq!(style.show(exact(-2020.0, 0)), "2,020千人");
        assert_eq!(
            NumberStyle::new(Some("千人")).show(exact(-2020.0, 0)),
            "−2,020千人"
        );
    }

    #[test]
    fn shares() {
        let total = Number::exact(2020.3);
        assert_eq!(format_share(Number::exact(18.4), total, 1), "0.9%");
        assert_eq!(
            format_share(n(430.0, Qualifier::About, 0), total, 1),
            "约21.3%"
        );
        assert_eq!(
            format_share(Number::exact(-5.0), Number::exact(100.0), 1),
            "−5.0%"
        );
        // An approximate total makes every share approximate.
        let about = n(1000.0, Qualifier::About, 0);
        assert_eq!(format_share(Number::exact(100.0), about, 1), "约10.0%");
        // More than a part of less than the whole is still more than its share.
        let over = n(100.0, Qualifier::Over, 0);
        assert_eq!(
            format_share(over, n(1000.0, Qualifier::Under, 0), 1),
            "超过10.0%"
        );
        assert_eq!(format_share(over, about, 1), "约10.0%");
        assert_eq!(format_share(over, Number::exact(1000.0), 1), "超过10.0%");
        // Rounding never turns a bound into a wrong one; 30余 reads as 超过.
        let total = Number::exact(6500.0);
        assert_eq!(
            format_share(n(30.0, Qualifier::Odd, 0), total, 1),
            "超过0.4%"
        );
        assert_eq!(
            format_share(n(1.0, Qualifier::NotReaching, 0), total, 1),
            "不到0.1%"
        );
    }

    #[test]
    fn bounds_round_towards_what_they_claim() {
        let style = NumberStyle::new(Some("亿元")).decimals(Some(0));
        assert_eq!(style.show(n(99.6, Qualifier::Over, 1)), "超过99亿元");
        assert_eq!(style.show(n(0.4, Qualifier::Under, 1)), "不足1亿元");
        assert_eq!(style.show(n(4999.6, Qualifier::Nearly, 1)), "近5,000亿元");
        assert_eq!(style.show(n(99.6, Qualifier::About, 1)), "约100亿元");
        // A number already at the precision asked is not moved.
        let tenths = NumberStyle::new(None).decimals(Some(1));
        assert_eq!(tenths.show(n(1.1, Qualifier::Under, 2)), "不足1.1");
        assert_eq!(tenths.show(n(1.1, Qualifier::Over, 2)), "超过1.1");
        let scaled = NumberStyle::new(Some("亿元"))
            .scale_to(Some("万亿元"))
            .unwrap()
            .decimals(Some(2));
        assert_eq!(scaled.show(n(1.0, Qualifier::Under, 0)), "不足0.01万亿元");
    }
}
