//! A chart spec, `charts/<id>.toml` (SPEC §6), as written by the user.
//! Unknown keys are rejected so a typo never passes silently.

use serde::Deserialize;

use crate::data::assert::AssertSpec;
use crate::data::load::ReadOptions;
use crate::data::transform::{Derive, Pivot, Steps, Transpose};

/// The kinds of chart baogao draws.
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
    Scatter,
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

/// How a waterfall reads its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WaterfallMode {
    /// Parts that build up to a total (or, with `remainder`, a total split into parts).
    #[default]
    Parts,
    /// `start` → changes → `end`: a bridge between two levels (2023年 → 2024年).
    Bridge,
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
    /// Workbooks: the sheet this chart reads (default: the sidecar's, else the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// CSV and workbooks: rows above the header (default: the sidecar's, else found).
    #[serde(default)]
    pub skip_rows: Option<usize>,
    /// Category (or time) column; a scatter's horizontal numeric column.
    pub x: String,
    /// Value columns (series); a scatter's one vertical column.
    pub y: Vec<String>,
    /// Scatter: the column that sizes each bubble by area.
    #[serde(default)]
    pub size: Option<String>,
    /// Scatter: the column naming each point (default: the first column, when not drawn).
    #[serde(default)]
    pub label: Option<String>,
    /// Scatter: a logarithmic x axis (positive values only).
    #[serde(default)]
    pub x_log: bool,
    /// Scatter: a logarithmic y axis (positive values only).
    #[serde(default)]
    pub y_log: bool,
    /// The unit of the drawn numbers when the data states none (the data's own unit wins;
    /// a different one here is an error).
    #[serde(default)]
    pub unit: Option<String>,
    /// Shows the numbers in another unit of the same kind (亿元 → 万亿元).
    #[serde(default)]
    pub scale_unit: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::data::format::de_optional_decimals"
    )]
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
    /// Waterfall: `mode = "bridge"` draws `start`, the changes, then `end`.
    #[serde(default)]
    pub mode: WaterfallMode,
    /// Bridge waterfall: the row of the starting level.
    #[serde(default)]
    pub start: Option<String>,
    /// Bridge waterfall: the row of the final level.
    #[serde(default)]
    pub end: Option<String>,
    /// The value axis's lower end (lines and areas may start above zero; bars may not).
    #[serde(default)]
    pub y_min: Option<f64>,
    /// The value axis's upper end.
    #[serde(default)]
    pub y_max: Option<f64>,
    /// `true` keeps zero on the value axis; `false` lets a line fit its data.
    #[serde(default)]
    pub y_zero: Option<bool>,
    /// Line, area and bar charts of several series: one panel per series, all on one
    /// scale (src/charts/facets.rs).
    #[serde(default)]
    pub facets: bool,
    /// Callouts, reference lines and shaded ranges (src/charts/annotate.rs).
    #[serde(default, rename = "annotate")]
    pub annotations: Vec<super::annotate::Annotation>,
    #[serde(default, rename = "assert")]
    pub assertions: Vec<AssertSpec>,
    // Transforms, applied in this order before drawing (src/data/transform).
    /// Periods as columns → periods as rows.
    #[serde(default)]
    pub transpose: Option<Transpose>,
    /// Keeps the rows a row expression holds for.
    #[serde(default)]
    pub filter: Option<String>,
    /// Long → wide.
    #[serde(default)]
    pub pivot: Option<Pivot>,
    /// Picks rows by label, in this order.
    #[serde(default)]
    pub rows: Vec<String>,
    /// Keeps the N largest parts and merges the rest into `other`.
    #[serde(default)]
    pub top: Option<usize>,
    /// The label of the row `top` merges into (default 其他).
    #[serde(default)]
    pub other: Option<String>,
    /// New columns computed row by row.
    #[serde(default)]
    pub derive: Vec<Derive>,
}

impl ChartSpec {
    /// The spec with every value it writes in the chart's unit (`y_min`, `y_max`,
    /// `max`, `bands`, annotation `y`) multiplied by `factor`: for a reader whose
    /// language shows the unit at another power of ten (亿元 → bn yuan).
    pub fn values_times(&self, factor: f64) -> ChartSpec {
        let times = |v: Option<f64>| v.map(|v| v * factor);
        let mut spec = self.clone();
        spec.y_min = times(spec.y_min);
        spec.y_max = times(spec.y_max);
        spec.max = times(spec.max);
        spec.bands = spec.bands.iter().map(|b| b * factor).collect();
        for a in &mut spec.annotations {
            a.y = times(a.y);
        }
        spec
    }

    /// The spec's transforms, ranking `top` by the first value column.
    pub fn steps(&self) -> Steps<'_> {
        Steps {
            transpose: self.transpose.as_ref(),
            filter: self.filter.as_deref(),
            pivot: self.pivot.as_ref(),
            rows: &self.rows,
            top: self.top,
            other: self.other.as_deref(),
            rank_by: self.y.first().map(String::as_str),
            derive: &self.derive,
        }
    }
}

impl ChartSpec {
    /// How this chart asks for its data file to be read (unset keys fall back to the
    /// sidecar's).
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            sheet: self.sheet.clone(),
            skip_rows: self.skip_rows,
        }
    }
}
