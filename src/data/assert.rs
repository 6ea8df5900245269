//! Data assertions: `[[assert]]` entries in chart specs and data sidecars.

use serde::Deserialize;

/// One `[[assert]]` entry as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssertSpec {
    pub expr: toml::Spanned<String>,
    #[serde(default)]
    pub message: Option<String>,
}
