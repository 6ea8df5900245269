//! Fuzzes the assertion language: tokenizer, parser (depth-limited) and evaluator,
//! then `assert::check`, which explains a false assertion by its values and maps an
//! offset in the expression back to `line:col` in the TOML file it was written in.
//! The input is an expression, optionally followed by a NUL byte and a CSV table.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;

use baogao::data::assert::{self, eval, parse};

use baogao::data::sidecar::DataMeta;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (src, csv) = match text.split_once('\0') {
        Some((e, d)) => (e, Some(d)),
        None => (text, None),
    };
    let table = common::table_or_default(csv);
    match parse(src) {
        Ok(expr) => {
            assert!(expr.span.end <= src.len());
            match eval(&expr, &table, src) {
                Ok(v) => {
                    let _ = v.show();
                }
                Err(e) => assert!(e.offset <= src.len(), "eval offset past the end"),
            }
        }
        Err((offset, message)) => {
            assert!(offset <= src.len(), "parse offset past the end");
            assert!(!message.is_empty());
        }
    }
    // The same expression as written in a sidecar, in TOML's own quoting.
    let spec_text = format!(
        "[[assert]]\nexpr = {}\n",
        toml::Value::String(src.to_string())
    );
    let shown = Path::new("charts/d.csv.meta.toml");
    let Ok(meta) = toml::from_str::<DataMeta>(&spec_text) else {
        return;
    };
    for a in &meta.assertions {
        if let Err(d) = assert::check(a, &table, shown, &spec_text) {
            common::check_line(&d, &spec_text);
        }
    }
});
