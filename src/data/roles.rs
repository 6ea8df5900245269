//! What each row of a table is, decided once when the file is read: the total (合计,
//! 总计, … or the sidecar's `total_row`), an "of which" subset of the row above (`#工业`,
//! `其中：工业`, or listed in the sidecar's `subsets`), or a part; and its depth in the
//! table's hierarchy, from leading full-width spaces (`　　城市轨道交通`), which are then
//! trimmed from the label. Charts, shares and assertions ask the row's role, never its
//! label again.

use crate::data::format::NumberStyle;
use crate::data::sidecar::DataMeta;
use crate::data::table::{bare_label, SUBSET_PREFIXES};
use crate::data::{Cell, Qualifier, Row, RowRole, Table};

/// Labels of a total row wherever it stands.
pub const TOTAL_LABELS: [&str; 5] = ["合计", "总计", "总额", "全部", "Total"];
/// Labels of the whole in regional tables (DATA.md): a total only as the first or last
/// row, where yearbooks put the whole. Elsewhere they are one region among others.
pub const WHOLE_LABELS: [&str; 3] = ["全国", "全省", "全市"];

/// Words that make a column a rate or a per-head figure, never an amount that adds up
/// (DATA.md: a growth rate is never a part of a whole).
const RATE_WORDS: [&str; 10] = [
    "增长",
    "增速",
    "增幅",
    "同比",
    "环比",
    "比上年",
    "比上月",
    "涨幅",
    "降幅",
    "人均",
];

/// Whether column `name` (in `unit`) holds rates or per-head figures (`比上年增长（%）`,
/// `城镇化率`, `人均可支配收入`), which no sum, share or remainder may take as parts of a
/// whole. A change stated as an amount (`增长额`, `比上年增加（亿元）`) is no rate.
pub fn is_rate(name: &str, unit: Option<&str>) -> bool {
    let bare = crate::data::load::split_unit(name).map_or(name, |(bare, _)| bare);
    let bare = bare.trim();
    if bare.ends_with('率') || bare.contains("人均") {
        return true;
    }
    let as_rate = unit.is_none_or(|u| u == "%" || u == "‰" || u.contains("百分点"));
    RATE_WORDS.iter().any(|w| bare.contains(w)) && !bare.ends_with(['额', '量', '数']) && as_rate
}

/// A row label and the unit it states.
pub type LabelUnit<'a> = (&'a str, &'a str);

/// When `labels` state their units (`地区生产总值（亿元）`, `年末常住人口（万人）`) and two
/// of them differ: those two, with their units. Their numbers are of different things,
/// so no axis, sum or share may put them together.
pub fn mixed_row_units<'a>(
    labels: impl IntoIterator<Item = &'a str>,
) -> Option<(LabelUnit<'a>, LabelUnit<'a>)> {
    let mut first: Option<(&str, &str)> = None;
    for label in labels {
        let Some((_, unit)) = crate::data::load::split_unit(label)
            .filter(|(_, unit)| crate::data::load::reads_as_unit(unit))
        else {
            continue;
        };
        match first {
            None => first = Some((label, unit)),
            Some((_, known)) if known == unit => {}
            Some(one) => return Some((one, (label, unit))),
        }
    }
    None
}

/// The full-width space yearbooks indent sub-rows with.
const INDENT_SPACE: char = '\u{3000}';

/// Trims every text cell (counting the label's leading full-width spaces as its
/// indent) and sets each row's role.
pub fn assign(table: &mut Table, meta: Option<&DataMeta>) {
    for row in &mut table.rows {
        for (i, cell) in row.cells.iter_mut().enumerate() {
            let Cell::Text(text) = cell else { continue };
            if i == 0 {
                row.indent = indent_of(text);
            }
            let trimmed = text.trim();
            if trimmed.len() != text.len() {
                *text = trimmed.to_string();
            }
        }
    }
    let total_row = meta.and_then(|m| m.total_row.as_deref());
    let subsets: &[String] = meta.map_or(&[], |m| m.subsets.as_slice());
    let last = table.rows.len().saturating_sub(1);
    for (r, row) in table.rows.iter_mut().enumerate() {
        let label = row.cells.first().map(Cell::to_string).unwrap_or_default();
        let label = &label;
        // Yearbooks space short labels out: `合　计`, `总 计`.
        let unspaced: String = label.chars().filter(|c| !c.is_whitespace()).collect();
        let is_total = match total_row {
            Some(named) => label == named,
            None => {
                TOTAL_LABELS
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(&unspaced))
                    || ((r == 0 || r == last) && WHOLE_LABELS.contains(&unspaced.as_str()))
            }
        };
        let marked = SUBSET_PREFIXES.iter().any(|p| label.starts_with(p));
        let listed = subsets.iter().any(|s| s == label || s == bare_label(label));
        row.role = if is_total {
            RowRole::Total
        } else if marked || listed {
            RowRole::Subset
        } else {
            RowRole::Part
        };
    }
    if total_row.is_none() && !table.rows.iter().any(|r| r.role == RowRole::Total) {
        lone_top_row_is_total(table);
    }
    // Rows indented below the parts' own depth belong to the row above them.
    let base = table
        .rows
        .iter()
        .filter(|r| r.role != RowRole::Total)
        .map(|r| r.indent)
        .min()
        .unwrap_or(0);
    for row in &mut table.rows {
        if row.role == RowRole::Part && row.indent > base {
            row.role = RowRole::Subset;
        }
    }
}

/// A first row standing alone at the top depth over indented rows is their whole
/// (`固定资产投资` over `　　第一产业`, `　　第二产业`, …).
fn lone_top_row_is_total(table: &mut Table) {
    let Some(top) = table.rows.iter().map(|r| r.indent).min() else {
        return;
    };
    let at_top = table.rows.iter().filter(|r| r.indent == top).count();
    if table.rows.len() < 2 {
        return;
    }
    if let (1, Some(first)) = (at_top, table.rows.first_mut()) {
        if first.indent == top && first.role == RowRole::Part {
            first.role = RowRole::Total;
        }
    }
}

/// A row label as a data table shows it: indented by its depth with full-width spaces
/// (which HTML keeps), "of which" rows at least one level in.
pub fn indented(label: &str, row: &Row) -> String {
    indent_label(label, shown_depth(row))
}

/// How deep a data table indents a row: its depth, "of which" rows at least one level.
pub fn shown_depth(row: &Row) -> u8 {
    match row.role {
        RowRole::Subset => row.indent.max(1),
        _ => row.indent,
    }
}

/// `label` after two full-width spaces per level of `depth`.
pub fn indent_label(label: &str, depth: u8) -> String {
    let mut out = INDENT_SPACE.to_string().repeat(usize::from(depth) * 2);
    out.push_str(label);
    out
}

/// Checks that the parts of column `col` do not add up to more than the table's total,
/// allowing for rounding (half a unit of the last decimal per part). A qualified number
/// (约, 超过, 不足) among them explains a difference, so nothing is checked then.
pub fn parts_within_total(table: &Table, col: usize) -> Result<(), String> {
    let Some(total_row) = table.total_row() else {
        return Ok(());
    };
    let Some(total) = table.cell(total_row, col).and_then(Cell::as_number) else {
        return Ok(());
    };
    let parts: Vec<_> = table
        .part_rows()
        .filter_map(|r| table.cell(r, col).and_then(Cell::as_number))
        .collect();
    if std::iter::once(&total)
        .chain(&parts)
        .any(|n| n.qualifier != Qualifier::Exact)
    {
        return Ok(());
    }
    let decimals = parts
        .iter()
        .map(|n| n.decimals)
        .fold(total.decimals, u8::max);
    let slack = 0.5 * 10f64.powi(-i32::from(decimals.min(9))) * (parts.len() + 1) as f64;
    let sum: f64 = parts.iter().map(|n| n.value).sum();
    if sum <= total.value + slack {
        return Ok(());
    }
    let line = table.rows.get(total_row).map_or(0, |r| r.line);
    let mut sum_shown = total;
    sum_shown.value = sum;
    Err(format!(
        "the parts of column `{}` add up to {}, more than the total `{}` {} (line {line})",
        table.columns.get(col).map_or("?", String::as_str),
        NumberStyle::default().show(sum_shown),
        table.row_label(total_row),
        NumberStyle::default().show(total),
    ))
}

/// Hierarchy depth from leading full-width spaces: two per level, as yearbooks print.
fn indent_of(text: &str) -> u8 {
    let spaces = text
        .trim_start_matches(|c: char| c.is_whitespace() && c != INDENT_SPACE)
        .chars()
        .take_while(|&c| c == INDENT_SPACE)
        .count();
    u8::try_from(spaces.div_ceil(2)).unwrap_or(u8::MAX)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
pub(crate) mod tests {
    use super::*;
    use crate::data::{Number, Row, RowMiss};

    /// A table of `labels` (one value column of 1s), roles not yet assigned.
    pub(crate) fn table(labels: &[&str]) -> Table {
        let rows = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                Row::new(
                    i + 2,
                    vec![Cell::Text((*l).into()), Cell::Number(Number::exact(1.0))],
                )
            })
            .collect();
        Table::new("t.csv", vec!["项目".into(), "值".into()], rows)
    }

    fn roles(t: &Table) -> Vec<RowRole> {
        t.rows.iter().map(|r| r.role).collect()
    }

    use RowRole::{Part, Subset, Total};

    #[test]
    fn totals_by_label_and_whole_only_at_the_ends() {
        let mut t = table(&["全市", "甲", "全国", "总额", "total", "合\u{3000}计"]);
        assign(&mut t, None);
        assert_eq!(roles(&t), [Total, Part, Part, Total, Total, Total]);
        let mut t = table(&["甲", "全省"]);
        assign(&mut t, None);
        assert_eq!(roles(&t), [Part, Total]);
    }

    #[test]
    fn sidecar_total_row_replaces_the_labels() {
        let mut t = table(&["固定资产投资", "甲", "合计"]);
        let meta = DataMeta {
            total_row: Some("固定资产投资".into()),
            ..DataMeta::default()
        };
        assign(&mut t, Some(&meta));
        assert_eq!(roles(&t), [Total, Part, Part]);
    }

    #[test]
    fn of_which_rows_and_indentation() {
        let mut t = table(&[
            "第二产业",
            "　　#工业",
            "第三产业",
            "　　其中：金融业",
            "　　房地产业",
            "　　　　住宅",
            "其中:批发",
            "零售",
            "合计",
        ]);
        let meta = DataMeta {
            subsets: vec!["零售".into()],
            ..DataMeta::default()
        };
        assign(&mut t, Some(&meta));
        assert_eq!(
            roles(&t),
            [Part, Subset, Part, Subset, Subset, Subset, Subset, Subset, Total]
        );
        let indents: Vec<u8> = t.rows.iter().map(|r| r.indent).collect();
        assert_eq!(indents, [0, 1, 0, 1, 1, 2, 0, 0, 0]);
        assert_eq!(t.row_label(1), "#工业");
        assert_eq!(t.row_label(4), "房地产业");
        assert_eq!(t.row_by_label("工业"), Ok(1));
        assert_eq!(t.row_by_label("金融业"), Ok(3));
        assert_eq!(t.row_by_label("#工业"), Ok(1));
        assert_eq!(t.row_by_label("没有"), Err(RowMiss::None));
        let years = table(&["２０２２年", "２０２３年"]);
        assert_eq!(years.row_by_label("2023年"), Ok(1));
    }

    #[test]
    fn a_label_two_rows_share_is_refused_not_read_from_the_first() {
        let t = table(&[
            "常住人口（万人）",
            "　　城镇",
            "居民人均可支配收入（元）",
            "　　城镇",
        ]);
        let miss = t.row_by_label("城镇").unwrap_err();
        assert_eq!(miss, RowMiss::Several(vec![1, 3]));
        let RowMiss::Several(rows) = miss else {
            unreachable!()
        };
        assert_eq!(
            t.several_rows("城镇", &rows),
            "`城镇` names 2 rows of charts/t.csv (lines 3 and 5); a number must come from one row"
        );
        assert_eq!(t.row_by_label("常住人口（万人）"), Ok(0));
    }

    #[test]
    fn rates_and_per_head_figures_are_told_from_amounts() {
        for (name, unit) in [
            ("比上年增长", Some("%")),
            ("比上年增长%", None),
            ("增速", None),
            ("同比", Some("%")),
            ("城镇化率", Some("%")),
            ("完成率", None),
            ("人均可支配收入", Some("元")),
        ] {
            assert!(is_rate(name, unit), "{name}");
        }
        for (name, unit) in [
            ("地区生产总值", Some("亿元")),
            ("增长额", Some("亿元")),
            ("比上年增加", Some("亿元")),
            ("比上年增长", Some("亿元")),
            ("占比", Some("%")),
            ("投资", None),
        ] {
            assert!(!is_rate(name, unit), "{name}");
        }
    }

    #[test]
    fn parts_may_not_exceed_the_total_unless_qualified() {
        let n = |value: f64, qualifier| {
            Cell::Number(Number {
                value,
                qualifier,
                decimals: 1,
            })
        };
        let mut t = table(&["甲", "乙", "合计"]);
        t.rows[0].cells[1] = n(1.0, Qualifier::Exact);
        t.rows[1].cells[1] = n(1.0, Qualifier::Exact);
        t.rows[2].cells[1] = n(1.5, Qualifier::Exact);
        assign(&mut t, None);
        assert_eq!(
            parts_within_total(&t, 1).unwrap_err(),
            "the parts of column `值` add up to 2.0, more than the total `合计` 1.5 (line 4)"
        );
        // Rounding: 1.0 + 1.0 against 1.9 is within half a unit per part.
        t.rows[2].cells[1] = n(1.9, Qualifier::Exact);
        assert_eq!(parts_within_total(&t, 1), Ok(()));
        t.rows[2].cells[1] = n(1.5, Qualifier::Over);
        assert_eq!(parts_within_total(&t, 1), Ok(()));
    }

    #[test]
    fn a_lone_top_row_over_indented_rows_is_the_total() {
        let mut t = table(&[
            "固定资产投资",
            "　　第一产业",
            "　　第二产业",
            "　　　　#工业",
        ]);
        assign(&mut t, None);
        assert_eq!(roles(&t), [Total, Part, Part, Subset]);
        let mut flat = table(&["甲", "　　乙", "丙"]);
        assign(&mut flat, None);
        assert_eq!(roles(&flat), [Part, Subset, Part]);
    }
}
