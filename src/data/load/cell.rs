//! Reading one cell of a data file, shared by every format: qualifiers (`~` `≈` `>`
//! `<` and the source's words 约, 近, 超过, 逾, 30余, 不足, …), thousands separators, a
//! trailing `%`, full-width digits, the decimals as written, and refusing NaN and
//! infinities.

use crate::data::{Cell, Number, Qualifier};

/// The message for NaN and infinities, which no chart or sum can use.
pub const NOT_FINITE: &str = "not a finite number";

/// Symbols read as qualifiers before a number (the words come from [`Qualifier`]).
const SYMBOLS: [(&str, Qualifier); 4] = [
    ("~", Qualifier::About),
    ("≈", Qualifier::About),
    (">", Qualifier::Over),
    ("<", Qualifier::Under),
];

/// The words of [`Qualifier::WORDS`], two-character words before the one-character
/// words they start or end with (大约 before 约, 将近 before 近, 超过 before 超).
const WORDS_LONGEST_FIRST: [Qualifier; 14] = [
    Qualifier::Roughly,
    Qualifier::OrSo,
    Qualifier::AlmostNearly,
    Qualifier::Approaching,
    Qualifier::MoreThan,
    Qualifier::Above,
    Qualifier::LessThan,
    Qualifier::NotReaching,
    Qualifier::Below,
    Qualifier::Approximately,
    Qualifier::Nearly,
    Qualifier::Exceeding,
    Qualifier::Beyond,
    Qualifier::Odd,
];

/// Marks that mean "no value" in every file (a sidecar's `missing` adds more).
pub const MISSING_MARKS: [&str; 8] = ["NA", "N/A", "-", "－", "—", "——", "..", "n/a"];
/// Marks for "below the table's smallest unit" (DATA.md).
pub const BELOW_UNIT_MARKS: [&str; 3] = ["…", "……", "..."];

/// Reads a cell written as text. Numbers (with an optional qualifier, thousands
/// separators, `%` and full-width digits) become [`Cell::Number`], blanks [`Cell::Empty`], missing marks
/// [`Cell::Missing`], `…` [`Cell::BelowUnit`]; anything else stays [`Cell::Text`]
/// (leading full-width spaces kept: they are the row's indent, read with the rest of
/// the table). NaN and infinities are an error.
pub fn parse_cell(raw: &str) -> Result<Cell, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(Cell::Empty);
    }
    if MISSING_MARKS.contains(&text) {
        return Ok(Cell::Missing(text.to_string()));
    }
    if BELOW_UNIT_MARKS.contains(&text) {
        return Ok(Cell::BelowUnit);
    }
    // Only reachable through escapes (JSON or TOML "\u0000"): files with raw control
    // characters are refused when read.
    if let Some((_, c)) = crate::error::forbidden_char(text) {
        return Err(format!(
            "control character {} in a cell",
            crate::error::char_name(c)
        ));
    }
    let halfwidth = halfwidth_digits(text);
    let (qualifier, rest) = split_qualifier(&halfwidth);
    let body = rest.trim();
    let body = body
        .strip_suffix('%')
        .or_else(|| body.strip_suffix('％'))
        .unwrap_or(body)
        .trim_end();
    if is_not_finite(body) {
        return Err(NOT_FINITE.to_string());
    }
    match parse_number(body)? {
        Some(mut n) => {
            n.qualifier = qualifier;
            Ok(Cell::Number(n))
        }
        None => {
            let indented = raw
                .trim_end()
                .trim_start_matches(|c: char| c.is_whitespace() && c != '\u{3000}');
            Ok(Cell::Text(indented.to_string()))
        }
    }
}

/// Full-width digits and number signs (`１２３．５`) as their ASCII forms; yearbooks and
/// text typed with a Chinese input method carry them.
pub fn halfwidth_digits(text: &str) -> std::borrow::Cow<'_, str> {
    let wide = |c: char| {
        matches!(
            c,
            '０'..='９' | '．' | '，' | '－' | '＋' | '～' | '＞' | '＜'
        )
    };
    if !text.chars().any(wide) {
        return std::borrow::Cow::Borrowed(text);
    }
    let narrow = text
        .chars()
        .map(|c| {
            if wide(c) {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    std::borrow::Cow::Owned(narrow)
}

/// The qualifier before or after the number, and the rest. Longer words are tried
/// first (大约 before 约, 将近 before 近, 超过 before 超).
fn split_qualifier(text: &str) -> (Qualifier, &str) {
    for (symbol, q) in SYMBOLS {
        if let Some(rest) = text.strip_prefix(symbol) {
            return (q, rest);
        }
    }
    for q in WORDS_LONGEST_FIRST {
        let found = if q.trailing().is_empty() {
            text.strip_prefix(q.prefix())
        } else {
            text.strip_suffix(q.trailing())
        };
        if let Some(rest) = found {
            return (q, rest);
        }
    }
    (Qualifier::Exact, text)
}

fn is_not_finite(body: &str) -> bool {
    let unsigned = body
        .trim_start_matches(['+', '-', '−'])
        .to_ascii_lowercase();
    matches!(unsigned.as_str(), "nan" | "inf" | "infinity" | "∞")
}

/// Parses a plain number: an optional sign, digits (grouped by `,` in threes, or not at
/// all), an optional fraction and exponent. `Ok(None)` when the text is not a number;
/// an error when it is one but too large to be finite.
pub fn parse_number(body: &str) -> Result<Option<Number>, String> {
    let (negative, unsigned) = match body.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (
            unsigned.get(..i).unwrap_or(""),
            Some(unsigned.get(i + 1..).unwrap_or("")),
        ),
        None => (unsigned, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let Some(digits) = ungroup(int) else {
        return Ok(None);
    };
    if let Some(f) = frac {
        if !f.chars().all(|c| c.is_ascii_digit()) || (f.is_empty() && digits.is_empty()) {
            return Ok(None);
        }
    }
    if digits.is_empty() && frac.is_none_or(str::is_empty) {
        return Ok(None);
    }
    // `007` is a code, not a number: leading zeros keep the cell as text.
    if digits.len() > 1 && digits.starts_with('0') && !int.contains(',') {
        return Ok(None);
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits_only = e.trim_start_matches(['+', '-']);
            if digits_only.is_empty()
                || e.len() - digits_only.len() > 1
                || !digits_only.chars().all(|c| c.is_ascii_digit())
            {
                return Ok(None);
            }
            e.parse().unwrap_or(i64::MAX)
        }
    };
    let frac = frac.unwrap_or("");
    let mut plain = format!("{}.{frac}", if digits.is_empty() { "0" } else { &digits });
    if exp != 0 {
        plain.push_str(&format!("e{exp}"));
    }
    let Ok(magnitude) = plain.parse::<f64>() else {
        return Ok(None);
    };
    if !magnitude.is_finite() {
        return Err(NOT_FINITE.to_string());
    }
    let written = i64::try_from(frac.len()).unwrap_or(i64::MAX);
    let decimals = u8::try_from(written.saturating_sub(exp).clamp(0, 255)).unwrap_or(u8::MAX);
    Ok(Some(Number {
        value: if negative { -magnitude } else { magnitude },
        qualifier: Qualifier::Exact,
        decimals,
    }))
}

/// The digits of an integer part with valid `,` grouping removed (`1,234` → `1234`);
/// `None` for anything else (`1,23`, `12a`).
fn ungroup(int: &str) -> Option<String> {
    if !int.contains(',') {
        return int
            .chars()
            .all(|c| c.is_ascii_digit())
            .then(|| int.to_string());
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len()) && !first.starts_with('0');
    if !first_ok || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    fn num(raw: &str) -> Number {
        match parse_cell(raw) {
            Ok(Cell::Number(n)) => n,
            other => panic!("{raw}: {other:?}"),
        }
    }

    fn text(raw: &str) -> bool {
        matches!(parse_cell(raw), Ok(Cell::Text(_)))
    }

    #[test]
    fn plain_numbers_keep_decimals() {
        let n = num(" 771.4 ");
        assert_eq!(
            (n.value, n.decimals, n.qualifier),
            (771.4, 1, Qualifier::Exact)
        );
        assert_eq!(num("40.30").decimals, 2);
        assert_eq!(num("-5").value, -5.0);
        assert_eq!(num("−5").value, -5.0);
        assert_eq!(num("0.5").value, 0.5);
        assert_eq!(num("1.5e3").value, 1500.0);
        assert_eq!(num("1.25e1").decimals, 1);
        assert_eq!(parse_cell("  "), Ok(Cell::Empty));
    }

    #[test]
    fn thousands_separators_need_valid_grouping() {
        let n = num("1,234.5");
        assert_eq!((n.value, n.decimals), (1234.5, 1));
        assert_eq!(num("12,345,678").value, 12_345_678.0);
        assert!(text("1,23"));
        assert!(text("1234,567"));
        assert!(text(",123"));
        assert!(text("1,,234"));
    }

    #[test]
    fn qualifiers() {
        for (raw, q, v) in [
            ("~430", Qualifier::About, 430.0),
            ("≈430", Qualifier::About, 430.0),
            ("约430", Qualifier::Approximately, 430.0),
            (">100", Qualifier::Over, 100.0),
            ("超过 100", Qualifier::MoreThan, 100.0),
            ("<1", Qualifier::Under, 1.0),
            ("不足1", Qualifier::LessThan, 1.0),
            ("~1,200.5", Qualifier::About, 1200.5),
        ] {
            let n = num(raw);
            assert_eq!((n.qualifier, n.value), (q, v), "{raw}");
        }
    }

    #[test]
    fn percent_is_stripped() {
        let n = num("40.3%");
        assert_eq!((n.value, n.decimals), (40.3, 1));
        assert_eq!(num("约5％").qualifier, Qualifier::Approximately);
    }

    #[test]
    fn every_word_of_data_md_keeps_its_word() {
        for (raw, q, v) in [
            ("大约430", Qualifier::Roughly, 430.0),
            ("430左右", Qualifier::OrSo, 430.0),
            ("近5000", Qualifier::Nearly, 5000.0),
            ("将近5000", Qualifier::AlmostNearly, 5000.0),
            ("接近5,000", Qualifier::Approaching, 5000.0),
            ("超100", Qualifier::Exceeding, 100.0),
            ("逾100", Qualifier::Beyond, 100.0),
            ("多于100", Qualifier::Above, 100.0),
            ("30余", Qualifier::Odd, 30.0),
            ("不到1", Qualifier::NotReaching, 1.0),
            ("低于1.5", Qualifier::Below, 1.5),
        ] {
            let n = num(raw);
            assert_eq!((n.qualifier, n.value), (q, v), "{raw}");
            // What CSV output writes reads back as the same word.
            let written = Cell::Number(n).to_string();
            assert_eq!(num(&written).qualifier, q, "{raw} → {written}");
            assert!(written.contains(q.prefix()) && written.contains(q.trailing()));
        }
        for raw in ["近郊", "剩余", "超市", "左右"] {
            assert!(text(raw), "{raw}");
        }
    }

    #[test]
    fn full_width_digits_are_digits() {
        let n = num("１２３．５");
        assert_eq!((n.value, n.decimals), (123.5, 1));
        assert_eq!(num("－１，２３４").value, -1234.0);
        assert_eq!(num("约１２").qualifier, Qualifier::Approximately);
        assert_eq!(parse_cell("第１季度"), Ok(Cell::Text("第１季度".into())));
    }

    #[test]
    fn text_stays_text() {
        for raw in [
            "科技创新",
            "约定",
            "~",
            "1月",
            "007",
            "--",
            "1.2.3",
            "e5",
            "12a",
            ".",
        ] {
            assert!(text(raw), "{raw}");
        }
        assert_eq!(parse_cell(" 制造业 "), Ok(Cell::Text("制造业".into())));
    }

    #[test]
    fn missing_marks_and_below_unit() {
        for raw in ["NA", "N/A", "-", "－", "—", "..", " n/a "] {
            assert_eq!(
                parse_cell(raw),
                Ok(Cell::Missing(raw.trim().into())),
                "{raw}"
            );
        }
        for raw in ["…", "……"] {
            assert_eq!(parse_cell(raw), Ok(Cell::BelowUnit), "{raw}");
        }
        assert!(parse_cell("").unwrap().is_missing());
        assert_eq!(
            parse_cell("\u{3000}\u{3000}工业 "),
            Ok(Cell::Text("\u{3000}\u{3000}工业".into()))
        );
    }

    #[test]
    fn non_finite_is_an_error() {
        for raw in ["NaN", "nan", "inf", "-inf", "Infinity", "~inf", "1e999"] {
            assert_eq!(parse_cell(raw), Err(NOT_FINITE.to_string()), "{raw}");
        }
    }
}
