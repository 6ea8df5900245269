//! Fuzzes data loading: single cells with qualifiers (`~` `≈` `约` `>` `超过` `<` `不足`,
//! thousands separators, `%`) and whole CSV, JSON and TOML tables. Never a panic; a
//! number is always finite and survives the round trip through the CSV baogao writes
//! for download; a table is rectangular and its row lines lie inside the file.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;

use baogao::data::load::{parse_cell, parse_table};
use baogao::data::Cell;
use libfuzzer_sys::fuzz_target;

fn check_cell(raw: &str) {
    if let Ok(Cell::Number(n)) = parse_cell(raw) {
        assert!(n.value.is_finite(), "{raw:?} gave {}", n.value);
        let written = Cell::Number(n).to_string();
        match parse_cell(&written) {
            Ok(Cell::Number(back)) => {
                assert_eq!(back.value, n.value, "{raw:?} → {written:?}");
                assert_eq!(back.qualifier, n.qualifier, "{raw:?} → {written:?}");
            }
            other => panic!("{raw:?} → {written:?} → {other:?}"),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let ext = match selector % 4 {
        0 => "csv",
        1 => "json",
        2 => "toml",
        _ => {
            for raw in text.split(['\n', ',']) {
                check_cell(raw);
            }
            return;
        }
    };
    let shown = Path::new("charts/t");
    match parse_table(text, ext, "t", shown, None) {
        Ok(table) => {
            common::check_table(&table, text);
            // What shortcodes and sums do with a table must not panic either.
            for c in 0..table.columns.len() {
                let _ = table.column_numbers(c);
                let _ = table.share_total(c);
            }
            let _ = table.total_row();
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for d in &problems.0 {
                common::check_line(d, text);
            }
        }
    }
});
