//! What a chart says in words and tables: value labels, the `<desc>` text that states every
//! value, and the HTML table.

pub use crate::data::format::sum;
use crate::data::format::NumberStyle;
use crate::data::roles::indent_label;
use crate::data::Number;

use super::prepare::{ChartData, Item};
use super::spec::ChartKind;
use super::words::ChartText;
use super::DisplayTable;

/// The Chinese name of a chart kind, opening the description.
pub fn noun(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Bar => "柱状图",
        ChartKind::Hbar => "条形图",
        ChartKind::Stacked => "堆积柱状图",
        ChartKind::Stacked100 => "百分比堆积条形图",
        ChartKind::Grouped => "分组柱状图",
        ChartKind::Line => "折线图",
        ChartKind::Area => "面积图",
        ChartKind::Donut => "环形图",
        ChartKind::Waterfall => "瀑布图",
        ChartKind::Bullet => "子弹图",
        ChartKind::Scatter => "散点图",
    }
}

/// The total the shares of a donut refer to: the total row, else the sum of the slices.
pub fn donut_total(data: &ChartData) -> Number {
    match &data.total {
        Some(t) => t.number(0),
        None => sum(data.items.iter().map(|i| i.number(0))),
    }
}

/// The plain-text description: every value with unit, qualifier and (for parts of a
/// whole) share, each written as the labels and prose write it.
pub fn describe(
    kind: ChartKind,
    data: &ChartData,
    style: &NumberStyle,
    decimals: u8,
    text: ChartText,
) -> String {
    if kind == ChartKind::Scatter {
        return super::scatter_data::describe(data, style);
    }
    let v = |n: Number| style.show(n);
    let (label_sep, item_sep) = (text.punct("label_separator"), text.punct("item_separator"));
    let (open, close) = (text.punct("share_open"), text.punct("share_close"));
    let parts: Vec<String> = match kind {
        ChartKind::Bullet => data
            .items
            .iter()
            .map(|i| {
                let mut s = format!(
                    "{}{label_sep}{} {}",
                    i.label,
                    data.series.join(""),
                    v(i.number(0))
                );
                if let (Some(name), Some(r)) = (&data.reference_name, i.reference) {
                    s.push_str(&format!("{item_sep}{name} {}", v(r)));
                }
                s
            })
            .collect(),
        k if super::rules::single_series(k) => {
            let total = donut_total(data);
            let mut parts: Vec<String> = data
                .items
                .iter()
                .map(|i| {
                    let mut s = match i.gap(0) {
                        Some(gap) => format!("{} {}", i.label, gap_words(gap, text)),
                        None => format!("{} {}", i.label, v(i.number(0))),
                    };
                    // A part below the table's unit has no share to state.
                    if k == ChartKind::Donut && i.gap(0).is_none() {
                        s.push_str(&format!(
                            "{open}{}{close}",
                            style.share(i.number(0), total, decimals)
                        ));
                    }
                    s
                })
                .collect();
            if let Some(t) = &data.total {
                parts.push(format!("{} {}", t.label, v(t.number(0))));
            } else if matches!(k, ChartKind::Donut | ChartKind::Waterfall) && !data.bridge {
                parts.push(format!("{} {}", text.get("chart_total", "合计"), v(total)));
            }
            parts
        }
        _ => data
            .items
            .iter()
            .map(|i| {
                let row_total = sum(i.values.iter().copied());
                let cells: Vec<String> = data
                    .series
                    .iter()
                    .zip(&i.values)
                    .enumerate()
                    .map(|(at, (s, n))| {
                        if let Some(gap) = i.gap(at) {
                            format!("{s} {}", gap_words(gap, text))
                        } else if kind == ChartKind::Stacked100 {
                            format!(
                                "{s} {}{open}{}{close}",
                                v(*n),
                                style.share(*n, row_total, decimals)
                            )
                        } else {
                            format!("{s} {}", v(*n))
                        }
                    })
                    .collect();
                format!("{}{label_sep}{}", i.label, cells.join(item_sep))
            })
            .collect(),
    };
    let end = text.punct("sentence_end");
    let joined = parts.join(text.punct("list_separator"));
    format!("{}{end}{joined}{}", text.noun(kind), end.trim_end())
}

/// How a gap reads in the description, in the reader's language.
fn gap_words<'a>(gap: crate::data::Gap, text: ChartText<'a>) -> &'a str {
    let key = match gap {
        crate::data::Gap::Unknown => "chart_no_data",
        crate::data::Gap::BelowUnit => "chart_below_unit_value",
    };
    text.get(key, gap.described())
}

/// What the figure's notes must say because of the data: the meaning of `…`, when a
/// drawn cell holds it.
pub fn data_notes(data: &ChartData, text: ChartText) -> Vec<String> {
    let below_unit = all_rows(data)
        .any(|i| (0..i.values.len()).any(|s| i.gap(s) == Some(crate::data::Gap::BelowUnit)));
    if below_unit {
        vec![text.get("chart_below_unit", BELOW_UNIT_NOTE).to_string()]
    } else {
        Vec::new()
    }
}

/// The figure note for `…` (DATA.md: 不足本表最小单位数).
pub const BELOW_UNIT_NOTE: &str = "“…”表示数值不足本表最小单位，图中未画出。";

/// Rows as written: drawn rows, then the total row.
fn all_rows(data: &ChartData) -> impl Iterator<Item = &Item> {
    data.items.iter().chain(data.total.iter())
}

/// The chart's data formatted for an HTML table: the unit in the headers (cells keep `%`).
pub fn table(
    kind: ChartKind,
    data: &ChartData,
    style: &NumberStyle,
    decimals: u8,
    text: ChartText,
) -> DisplayTable {
    if kind == ChartKind::Scatter {
        return super::scatter_data::table(data, style);
    }
    let mut columns = vec![data.x_name.clone()];
    columns.extend(data.series.iter().map(|s| style.header(s)));
    columns.extend(data.reference_name.iter().map(|s| style.header(s)));
    let donut = kind == ChartKind::Donut;
    if donut {
        columns.push(text.get("chart_share", "占比").to_string());
    }
    let total = donut_total(data);
    let rows = all_rows(data)
        .map(|item| {
            let mut row = vec![indent_label(&item.label, item.depth)];
            row.extend((0..item.values.len()).map(|s| item.shown(s, |n| style.digits(n))));
            if data.reference_name.is_some() {
                row.push(item.reference.map(|r| style.digits(r)).unwrap_or_default());
            }
            if donut {
                row.push(item.shown(0, |n| style.share(n, total, decimals)));
            }
            row
        })
        .collect();
    DisplayTable { columns, rows }
}
