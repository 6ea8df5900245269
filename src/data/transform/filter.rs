//! `filter = "年份 >= 2015 and 地区 != \"全国\""`: keeps the rows for which a row
//! expression (the assertion language, with bare names as the row's cells) is true.

use super::scope::Sequence;
use super::{KeySeg, StepError};
use crate::data::assert::{eval_row, parse_row, Value};
use crate::data::Table;

/// The rows of `table` for which `src` holds.
pub fn filter(mut table: Table, src: &str) -> Result<Table, StepError> {
    let expr = parse_row(src).map_err(|(offset, m)| {
        StepError::at("filter", format!("invalid filter: {m}")).with_offset(offset)
    })?;
    let sequence = Sequence::of(&table);
    let mut keep = Vec::with_capacity(table.rows.len());
    for i in 0..table.rows.len() {
        let value = eval_row(&expr, &table, &sequence.scope(i), src)
            .map_err(|e| StepError::at_row(vec![KeySeg::Key("filter")], &table, i, e))?;
        match value {
            Value::Bool(b) => keep.push(b),
            other => {
                return Err(StepError::at(
                    "filter",
                    format!(
                        "a filter must be true or false, but this one is {}",
                        other.show()
                    ),
                )
                .with_hint("compare a column with something, e.g. `年份 >= 2015`"))
            }
        }
    }
    let mut flags = keep.into_iter();
    table.rows.retain(|_| flags.next().unwrap_or(false));
    if table.rows.is_empty() {
        return Err(StepError::at(
            "filter",
            format!("the filter keeps no row of charts/{}", table.path),
        ));
    }
    Ok(table)
}

/// A message about the expression at one row: `row `重庆` (line 4): …`.
pub(super) fn row_message(table: &Table, row: usize, message: &str) -> String {
    let line = table.rows.get(row).map_or(0, |r| r.line);
    let label = table.row_label(row);
    if line == 0 {
        format!("at row `{label}`: {message}")
    } else {
        format!("at row `{label}` (line {line}): {message}")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
pub(super) mod tests {
    use super::*;

    /// Population in 万人 (Gapminder, via vega-datasets 3.2.1) as a long table; China's
    /// 2000 figure left out to stand for a gap.
    pub(crate) fn long() -> Table {
        super::super::csv(
            "年份,国家,人口\n1990,中国,115370.4\n1995,中国,121814.4\n1995,美国,26566.1\n2000,中国,\n2000,印度,105963.4",
        )
    }

    #[test]
    fn keeps_matching_rows() {
        let t = filter(long(), "年份 >= 1995 and 国家 != \"美国\"").unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 5, 6]);
    }

    #[test]
    fn an_empty_cell_matches_no_comparison() {
        let t = filter(long(), "人口 > 0").unwrap();
        assert_eq!(t.rows.len(), 4);
        let t = filter(long(), "not 人口 > 0").unwrap();
        assert_eq!(t.rows.len(), 1);
    }

    #[test]
    fn periods_written_as_text_compare_by_time() {
        let t =
            super::super::csv("月份,CO2\n2019年12月,411.85\n2020年1月,413.37\n2020年2月,414.09\n");
        let kept = |src: &str| filter(t.clone(), src).map(|t| t.rows.len());
        assert_eq!(kept("月份 >= 2020"), Ok(2));
        assert_eq!(
            kept("月份 < \"2020年2月\" and 月份 != \"2020年1月\""),
            Ok(1)
        );
        assert!(kept("月份 > \"甲\"")
            .unwrap_err()
            .message
            .contains("cannot compare"));
    }

    #[test]
    fn every_prefix_filters_or_fails_cleanly() {
        let src = "not (年份 >= 1995 and 国家 != \"美国\") or pct_change(人口) > -abs(change(人口)) / 2 or share(人口) < cumsum(人口)";
        for (i, _) in src.char_indices().chain([(src.len(), ' ')]) {
            if let Err(e) = filter(long(), &src[..i]) {
                assert!(e.offset.is_none_or(|o| o <= i), "{}: {e:?}", &src[..i]);
            }
        }
    }

    #[test]
    fn errors_carry_the_offset() {
        let e = filter(long(), "年份 >= 1995 and 省份 == \"中国\"").unwrap_err();
        assert_eq!(e.offset, Some(19));
        assert!(
            e.message
                .starts_with("at row `1990` (line 2): no column `省份`"),
            "{}",
            e.message
        );
        let e = filter(long(), "年份 >= ").unwrap_err();
        assert!(
            e.message.starts_with("invalid filter: expected a value"),
            "{}",
            e.message
        );
        assert!(filter(long(), "人口")
            .unwrap_err()
            .message
            .contains("true or false"));
        assert!(filter(long(), "年份 > 3000")
            .unwrap_err()
            .message
            .contains("keeps no row"));
    }
}
