// TEMPORARY until the data branch lands.
use std::collections::BTreeMap;
use serde::Deserialize;
use super::assert::AssertSpec;
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataMeta { #[serde(default)] pub units: BTreeMap<String,String>, #[serde(default, rename="assert")] pub assertions: Vec<AssertSpec> }
