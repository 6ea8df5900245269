//! Fuzzes the CSV dialect sniffer and the yearbook layout: raw bytes in any encoding
//! (UTF-8 with or without BOM, UTF-16, GB18030), any delimiter, title rows, unit lines,
//! header units, footnote marks and notes rows. Never a panic; a decoded text is
//! valid; the sniffed delimiter is one of `,` tab `;`; a table is rectangular, its row
//! lines lie inside the file, and its units name its columns.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;

use baogao::data::load::dialect::{decode, sniff, DELIMITERS};
use baogao::data::load::parse_table;
use baogao::data::sidecar::DataMeta;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let ext = if selector & 1 == 0 { "csv" } else { "tsv" };
    let shown = Path::new("charts/t.csv");
    let text = match decode(rest.to_vec(), shown) {
        Ok(text) => text,
        Err(d) => {
            common::check_line(&d, &String::from_utf8_lossy(rest));
            return;
        }
    };
    assert!(DELIMITERS.contains(&sniff(&text, ext)));
    // Half the inputs also say how many rows to skip (0 to 3).
    let meta = (selector & 2 != 0).then(|| DataMeta {
        skip_rows: Some(usize::from(selector >> 2) % 4),
        ..DataMeta::default()
    });
    match parse_table(&text, ext, "t.csv", shown, meta.as_ref()) {
        Ok(table) => {
            common::check_table(&table, &text);
            for column in table.units.keys() {
                assert!(table.column(column).is_some(), "unit for no column `{column}`");
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for d in &problems.0 {
                common::check_line(d, &text);
            }
        }
    }
});
