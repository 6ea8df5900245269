//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read with calamine into a
//! [`Grid`]: the first sheet or the one named by `sheet`; numbers, dates and formula
//! results as the workbook shows them (a cell formatted `0.0%` holding 0.061 reads
//! `6.1%`); error cells (`#DIV/0!`) and formulas with no saved result refused by their cell.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader, StyleRange};

use super::grid::{cell_name, Grid, GridRow, Origin};
use crate::error::Diagnostic;

/// File extensions read as workbooks.
pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// The rows of sheet `sheet` (or the first sheet) of the workbook at `path`.
pub fn grid<'a>(path: &Path, shown: &'a Path, sheet: Option<&str>) -> Result<Grid<'a>, Diagnostic> {
    let mut book = open_workbook_auto(path).map_err(|e| {
        Diagnostic::file(shown, format!("cannot read the workbook: {e}"))
            .with_hint("save it again from the spreadsheet program as .xlsx, .xls or .ods")
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).ok_or_else(|| {
            Diagnostic::file(shown, format!("no sheet `{wanted}` in the workbook"))
                .with_hint(format!("the sheets are: {}", names.join(", ")))
        })?,
        None => names
            .first()
            .ok_or_else(|| Diagnostic::file(shown, "the workbook has no sheets"))?,
    }
    .clone();
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Diagnostic::file(shown, format!("sheet {name}: cannot read it: {e}")))?;
    // Only .xlsx keeps number formats calamine can read; elsewhere these are empty.
    let styles = book
        .worksheet_style(&name)
        .unwrap_or_else(|_| StyleRange::empty());
    let formulas = book.worksheet_formula(&name).unwrap_or_default();
    let at_cell = |row: u32, column: u32, why: Unreadable| {
        let line = usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1);
        Diagnostic::file(
            shown,
            format!("sheet {name}, cell {}: {why}", cell_name(line, column)),
        )
        .with_hint(why.hint())
    };
    if let Some((row, column, formula)) = unsaved_outside(&range, &formulas) {
        return Err(at_cell(row, column, Unreadable::Unsaved(formula)));
    }
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (offset, cells) in range.rows().enumerate() {
        let line = usize::try_from(first_row).unwrap_or(usize::MAX) + offset + 1;
        let row = first_row.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
        let mut fields = csv::StringRecord::with_capacity(0, cells.len());
        for (column, data) in cells.iter().enumerate() {
            let column = first_col.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
            let text = cell_text(data, (row, column), &styles, &formulas)
                .map_err(|why| at_cell(row, column, why))?;
            fields.push_field(&text);
        }
        rows.push(GridRow {
            line,
            start: 0,
            fields,
        });
    }
    Ok(Grid {
        shown,
        origin: Origin::Sheet { name, first_col },
        rows,
    })
}

/// A formula outside the cells that hold values (a last row of sums never calculated):
/// calamine's value range ends before it, so the loop over values never meets it.
fn unsaved_outside(values: &Range<Data>, formulas: &Range<String>) -> Option<(u32, u32, String)> {
    let (top, left) = formulas.start()?;
    let inside = |row: u32, column: u32| match (values.start(), values.end()) {
        (Some((r0, c0)), Some((r1, c1))) => (r0..=r1).contains(&row) && (c0..=c1).contains(&column),
        _ => false,
    };
    formulas.used_cells().find_map(|(r, c, formula)| {
        let row = top.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        let column = left.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
        (!formula.is_empty() && !inside(row, column)).then(|| (row, column, formula.clone()))
    })
}

/// Why a cell cannot be read.
enum Unreadable {
    /// `#DIV/0!` and the like.
    Error(String),
    /// A formula the workbook holds no result for (written by a program, never opened).
    Unsaved(String),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Error(why) => f.write_str(why),
            Unreadable::Unsaved(formula) => {
                write!(f, "the formula `={formula}` has no saved result")
            }
        }
    }
}

impl Unreadable {
    fn hint(&self) -> &'static str {
        match self {
            Unreadable::Error(_) => {
                "fix the formula or clear the cell; a blank cell is a missing value"
            }
            Unreadable::Unsaved(_) => {
                "open the workbook in a spreadsheet program and save it, so that each formula's result is stored"
            }
        }
    }
}

/// The text of the cell at `at` (row, column in the sheet): [`shown_text`], a number
/// formatted as a percentage written as one (0.061 as `6.1%`), and a formula cell with
/// no stored result refused rather than read as a gap.
fn cell_text(
    data: &Data,
    at: (u32, u32),
    styles: &StyleRange,
    formulas: &Range<String>,
) -> Result<String, Unreadable> {
    match data {
        Data::Empty => match formulas.get_value(at) {
            Some(formula) if !formula.is_empty() => Err(Unreadable::Unsaved(formula.clone())),
            _ => Ok(String::new()),
        },
        Data::DateTime(d) if !d.is_duration() => {
            let code = styles
                .get(at)
                .and_then(|s| s.number_format.as_ref())
                .map_or("", |f| f.format_code.as_str());
            let (y, m, ..) = d.to_ymd_hms_milli();
            Ok(match period_of_format(code) {
                Some(Period::Month) => format!("{y}年{m}月"),
                Some(Period::Year) => format!("{y}年"),
                None => shown_text(data).map_err(Unreadable::Error)?,
            })
        }
        Data::Float(_) | Data::Int(_) => {
            let value = match data {
                Data::Int(i) => *i as f64,
                Data::Float(f) => *f,
                _ => 0.0,
            };
            let code = styles
                .get(at)
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.as_str());
            let (percent, decimals) =
                code.map_or((false, None), |c| (is_percent(c), decimals_of(c)));
            let value = if percent { value * 100.0 } else { value };
            let digits = match decimals {
                Some((fixed, most)) => with_decimals(value, fixed, most),
                None => excel_digits(value),
            };
            Ok(if percent { digits + "%" } else { digits })
        }
        _ => shown_text(data).map_err(Unreadable::Error),
    }
}

/// Whether the cell at `at` has a percentage number format (`0%`, `0.0%`): a `%` outside
/// the format's quoted text, escapes and `[…]` sections.
fn is_percent(code: &str) -> bool {
    format_chars(code).any(|c| c == '%')
}

/// The characters of a number format's first section that are format, not text:
/// quoted text, `\x` escapes and `[…]` (colours, conditions) left out.
fn format_chars(code: &str) -> impl Iterator<Item = char> + '_ {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    code.chars()
        .filter(move |&c| {
            let plain = !(escaped || quoted || bracket);
            match c {
                _ if escaped => escaped = false,
                '\\' if !quoted => escaped = true,
                '"' => quoted = !quoted,
                '[' if !quoted => bracket = true,
                ']' if !quoted => bracket = false,
                _ => {}
            }
            plain && !matches!(c, '\\' | '"' | '[')
        })
        .take_while(|&c| c != ';')
}

/// A date format that shows no day: the cell names a month or a year.
#[derive(Debug, PartialEq)]
enum Period {
    Month,
    Year,
}

/// What a date format shows when it leaves the day out: `yyyy"年"m"月"` a month,
/// `yyyy"年"` a year (so the cell reads as `2025年1月`, as the workbook shows it, and
/// `row="2025年1月"` finds it). `None` when the day (or a time) is shown.
fn period_of_format(code: &str) -> Option<Period> {
    let letters: Vec<char> = format_chars(code)
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| matches!(c, 'y' | 'm' | 'd' | 'h' | 's'))
        .collect();
    let has = |c: char| letters.contains(&c);
    match (has('y'), has('m'), has('d') || has('h') || has('s')) {
        (true, true, false) => Some(Period::Month),
        (true, false, false) => Some(Period::Year),
        _ => None,
    }
}

/// The decimals a number format shows (`#,##0.00` → two, `0.0#` → one to two, `0` →
/// none), as (always shown, at most); `None` for `General`, dates and times, whose
/// numbers are read as the workbook stores them.
fn decimals_of(code: &str) -> Option<(usize, usize)> {
    let chars: Vec<char> = format_chars(code).collect();
    let is_date = chars
        .iter()
        .any(|c| matches!(c.to_ascii_lowercase(), 'y' | 'm' | 'd' | 'h' | 's' | 'e'));
    let has_digits = chars.iter().any(|c| matches!(c, '0' | '#' | '?'));
    if is_date || !has_digits {
        return None;
    }
    let after: Vec<char> = match chars.iter().position(|&c| c == '.') {
        Some(dot) => chars.get(dot + 1..).unwrap_or_default().to_vec(),
        None => Vec::new(),
    };
    let placeholders = after.iter().take_while(|c| matches!(c, '0' | '#' | '?'));
    let most = placeholders.clone().count();
    let fixed = placeholders.filter(|&&c| c == '0').count();
    Some((fixed, most))
}

/// `value` with at most `most` decimals, trailing zeros kept down to `fixed`, rounded as
/// Excel rounds: half away from zero, on the 15 significant digits it keeps (1.005 →
/// 1.01, where binary rounding gives 1.00).
fn with_decimals(value: f64, fixed: usize, most: usize) -> String {
    let mut text = round_half_up(&excel_digits(value), most);
    if most > fixed && text.contains('.') {
        let keep = text.len() - (most - fixed);
        while text.len() > keep && text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    text
}

/// A cell's value as text, as the workbook shows it: numbers to Excel's 15
/// significant digits (so 0.1 + 0.2 reads 0.3), whole dates as `2024-05-01`.
fn shown_text(data: &Data) -> Result<String, String> {
    Ok(match data {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => excel_digits(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if d.is_duration() {
                excel_digits(d.as_f64())
            } else if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::Error(e) => return Err(format!("the cell holds the error `{e}`")),
    })
}

/// `f` rounded to 15 significant digits, the most a spreadsheet displays.
fn excel_digits(f: f64) -> String {
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    rounded.to_string()
}

/// A decimal number as text (`-1.005`) rounded to exactly `decimals` places, half away
/// from zero, digit by digit.
fn round_half_up(text: &str, decimals: usize) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut kept: Vec<u8> = int
        .bytes()
        .chain(frac.bytes().chain(std::iter::repeat(b'0')).take(decimals))
        .collect();
    if frac.as_bytes().get(decimals).is_some_and(|&d| d >= b'5') {
        // Carry from the last kept digit leftwards; a carry out of the first adds a 1.
        let mut at = kept.len();
        loop {
            if at == 0 {
                kept.insert(0, b'1');
                break;
            }
            at -= 1;
            match kept.get_mut(at) {
                Some(d) if *d == b'9' => *d = b'0',
                Some(d) => {
                    *d += 1;
                    break;
                }
                None => break,
            }
        }
    }
    let split = kept.len() - decimals;
    let (whole, part) = kept.split_at(split);
    let whole = String::from_utf8_lossy(whole);
    let whole = if whole.is_empty() { "0".into() } else { whole };
    let zero = kept.iter().all(|&d| d == b'0');
    let sign = if zero { "" } else { sign };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{}", String::from_utf8_lossy(part))
    }
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

    #[test]
    fn numbers_as_shown() {
        assert_eq!(excel_digits(0.1 + 0.2), "0.3");
        assert_eq!(excel_digits(771.4), "771.4");
        assert_eq!(excel_digits(2024.0), "2024");
        assert_eq!(excel_digits(-1.5e-7), "-0.00000015");
        assert_eq!(shown_text(&Data::Int(7)).unwrap(), "7");
        assert!(shown_text(&Data::Error(calamine::CellErrorType::Div0))
            .unwrap_err()
            .contains("#DIV/0!"));
    }

    #[test]
    fn number_formats_give_the_decimals_the_workbook_shows() {
        assert_eq!(decimals_of("#,##0.00"), Some((2, 2)));
        assert_eq!(decimals_of("0.0%"), Some((1, 1)));
        assert_eq!(decimals_of("0"), Some((0, 0)));
        assert_eq!(decimals_of("0.0#"), Some((1, 2)));
        assert_eq!(decimals_of("#,##0.00_);[Red](#,##0.00)"), Some((2, 2)));
        assert_eq!(decimals_of("\"约\"0.0"), Some((1, 1)));
        assert_eq!(decimals_of("General"), None);
        assert_eq!(decimals_of("yyyy\"年\"m\"月\""), None);
        assert_eq!(decimals_of("0.00E+00"), None);
        assert!(is_percent("0.0%") && !is_percent("0.0\"%\"") && !is_percent("[%]0"));
        assert_eq!(with_decimals(2074.6789123, 2, 2), "2074.68");
        assert_eq!(with_decimals(100.0, 2, 2), "100.00");
        assert_eq!(with_decimals(6.1, 1, 2), "6.1");
        assert_eq!(with_decimals(6.125, 1, 2), "6.13");
        assert_eq!(with_decimals(6.0, 0, 2), "6");
        assert_eq!(with_decimals(1.005, 2, 2), "1.01");
        assert_eq!(with_decimals(-1.005, 2, 2), "-1.01");
        assert_eq!(with_decimals(9.999, 2, 2), "10.00");
        assert_eq!(with_decimals(0.4, 0, 0), "0");
        assert_eq!(with_decimals(-0.004, 2, 2), "0.00");
        assert_eq!(with_decimals(99.5, 0, 0), "100");
        assert_eq!(period_of_format("yyyy\"年\"m\"月\""), Some(Period::Month));
        assert_eq!(period_of_format("yyyy-mm"), Some(Period::Month));
        assert_eq!(period_of_format("yyyy\"年\""), Some(Period::Year));
        assert_eq!(period_of_format("yyyy-mm-dd"), None);
        assert_eq!(period_of_format("m/d/yy h:mm"), None);
        assert_eq!(period_of_format("General"), None);
    }
}
