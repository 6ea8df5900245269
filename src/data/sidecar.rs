// TEMPORARY until the data branch lands.
use super::assert::AssertSpec;
use serde::Deserialize;
use std::collections::BTreeMap;
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataMeta {
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    #[serde(default, rename = "assert")]
    pub assertions: Vec<AssertSpec>,
}
