//! A chart spec, `charts/<id>.toml` (SPEC §6), as written by the user.
//! Unknown keys are rejected so a typo never passes silently.

use serde::Deserialize;

use crate::data::assert::AssertSpec;

/// The ten kinds of chart baogao draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    Bar,
    Hbar,
    Stacked,
    Stacked100,
    Grouped,
    Line,
    Area,
    Donut,
    Waterfall,
    Bullet,
}

/// Order of categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    None,
    Asc,
    Desc,
}

/// What the x column is: detected from its labels (`auto`), categories in file order
/// even when they read as periods (`category`), or periods whatever happens (`time`,
/// an error on a label that is no period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum XScale {
    #[default]
    Auto,
    Category,
    Time,
}

/// A derived row: `label` = the value of row `total_row` minus every other row.
/// The total row itself is not drawn as a part (a waterfall draws it as the total bar).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remainder {
    pub label: String,
    pub total_row: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    pub kind: ChartKind,
    /// Data file, relative to charts/.
    pub data: String,
    /// Category (or time) column.
    pub x: String,
    /// Value columns (series).
    pub y: Vec<String>,
    /// The unit of the drawn numbers when the data states none (the data's own unit wins;
    /// a different one here is an error).
    #[serde(default)]
    pub unit: Option<String>,
    /// Shows the numbers in another unit of the same kind (亿元 → 万亿元).
    #[serde(default)]
    pub scale_unit: Option<String>,
    #[serde(default)]
    pub decimals: Option<u8>,
    #[serde(default)]
    pub sort: Sort,
    /// Whether the x column is time: `auto` (detected), `category` or `time`.
    #[serde(default)]
    pub x_scale: XScale,
    #[serde(default)]
    pub highlight: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
    /// Adds a computed remainder row (e.g. 其他 = 合计 − listed parts).
    #[serde(default)]
    pub remainder: Option<Remainder>,
    /// Bullet: the column holding the reference mark (e.g. time elapsed).
    #[serde(default)]
    pub reference: Option<String>,
    /// Bullet: the scale's maximum (default: 100 when unit is %, else the largest value).
    #[serde(default)]
    pub max: Option<f64>,
    /// Bullet: upper bounds of the qualitative bands, ascending.
    #[serde(default)]
    pub bands: Vec<f64>,
    #[serde(default, rename = "assert")]
    pub assertions: Vec<AssertSpec>,
}
