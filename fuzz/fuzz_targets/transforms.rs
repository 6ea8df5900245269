//! Fuzzes the chart-spec transforms: the row-expression parser and evaluator behind
//! `filter` and `derive`, and `transpose`, `pivot`, `rows`, `top` on any table, then the
//! mapping of a problem back to `line:col` in the spec. The input is the transform keys
//! of a spec (TOML), optionally followed by a NUL byte and a CSV table; input that is not
//! TOML is tried as a filter expression.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;

use baogao::data::assert::{eval_row, parse_row, RowCache, RowScope};
use baogao::data::transform::{self, place, Derive, Pivot, Steps, Transpose};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

/// The transform keys of a chart spec.
#[derive(Deserialize)]
struct Keys {
    transpose: Option<Transpose>,
    filter: Option<String>,
    pivot: Option<Pivot>,
    #[serde(default)]
    rows: Vec<String>,
    top: Option<usize>,
    other: Option<String>,
    y: Option<String>,
    #[serde(default)]
    derive: Vec<Derive>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (spec, csv) = match text.split_once('\0') {
        Some((s, d)) => (s, Some(d)),
        None => (text, None),
    };
    let table = common::table_or_default(csv);
    let Ok(keys) = toml::from_str::<Keys>(spec) else {
        // Not a spec: the whole input is a row expression, at every row.
        if let Ok(expr) = parse_row(spec) {
            let sequence: Vec<usize> = (0..table.rows.len()).collect();
            let cache = RowCache::default();
            for row in 0..table.rows.len() {
                let scope = RowScope {
                    row,
                    sequence: &sequence,
                    position: Some(row),
                    year_ago: Ok(row.checked_sub(1)),
                    cache: &cache,
                };
                if let Err(e) = eval_row(&expr, &table, &scope, spec) {
                    assert!(e.offset <= spec.len(), "eval offset past the end");
                }
            }
        }
        return;
    };
    let steps = Steps {
        transpose: keys.transpose.as_ref(),
        filter: keys.filter.as_deref(),
        pivot: keys.pivot.as_ref(),
        rows: &keys.rows,
        // A huge N only keeps every row; the fuzzer need not try them all.
        top: keys.top.map(|n| n.min(1000)),
        other: keys.other.as_deref(),
        rank_by: keys.y.as_deref().or(table.columns.get(1).map(String::as_str)),
        derive: &keys.derive,
    };
    match transform::apply(&table, &steps) {
        Ok(done) => {
            let t = done.table;
            if !keys.rows.is_empty() && steps.top.is_none() {
                assert_eq!(t.rows.len(), keys.rows.len(), "rows picks exactly the rows named");
            }
            for note in &done.notes {
                assert!(!note.is_empty());
            }
        }
        Err(e) => {
            if let (Some(offset), Some(src)) = (e.offset, keys.filter.as_deref()) {
                if e.key.len() == 1 {
                    assert!(offset <= src.len(), "filter offset past the end");
                }
            }
            let d = place::diagnostic(e, Path::new("charts/c.toml"), spec);
            common::check_line(&d, spec);
        }
    }
});
