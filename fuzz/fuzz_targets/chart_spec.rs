//! Fuzzes chart specs: TOML → `ChartSpec`, its `[[assert]]` entries checked against a
//! table, then the chart drawn (wide and narrow). The input is a spec, optionally
//! followed by a line `#data` and a CSV table (else a fixed table is used). Never a
//! panic, never an "internal error", and every SVG drawn is well-formed XML.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;

use baogao::charts::{render_chart, ChartOptions, ChartSpec};
use baogao::config::parse_toml;
use baogao::data::assert;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (spec_text, csv) = match text.split_once("\n#data\n") {
        Some((s, d)) => (s, Some(d)),
        None => (text, None),
    };
    let shown = Path::new("charts/c.toml");
    let spec: ChartSpec = match parse_toml(spec_text, shown) {
        Ok(s) => s,
        Err(d) => return common::check_line(&d, spec_text),
    };
    let table = common::table_or_default(csv);
    for a in &spec.assertions {
        if let Err(d) = assert::check(a, &table, shown, spec_text) {
            common::check_line(&d, spec_text);
        }
    }
    let palette: Vec<String> = ["#1f4e79", "#d55e00", "#117733"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (width, height) in [(720, 420), (400, 360)] {
        // Keep each run quick: a spec may ask for an enormous canvas.
        let opts = ChartOptions {
            width: spec.width.unwrap_or(width).min(4000),
            height: spec.height.unwrap_or(height).min(4000),
            palette: &palette,
            decimals: spec.decimals.unwrap_or(1),
            strings: None,
        };
        match render_chart("c", &spec, &table, &opts, shown) {
            Ok(chart) => {
                if let Err(e) = roxmltree::Document::parse(&chart.svg) {
                    panic!("SVG is not well-formed XML: {e}\n{}", chart.svg);
                }
            }
            Err(d) => {
                assert!(!d.message.contains("internal error"), "{d}");
                let _ = d.to_string();
            }
        }
    }
});
