//! Fuzzes the front-matter splitter and parser (`+++` TOML, `---` YAML): never a
//! panic; on success the body is the file's tail and `body_line_offset` counts the
//! lines before it; every line in a diagnostic or warning lies inside the file.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;

use baogao::parse::front_matter::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse(text, Path::new("content/a.md")) {
        Ok(p) => {
            assert!(text.ends_with(&p.body), "body is not the tail of the file");
            let head = text.get(..text.len() - p.body.len()).unwrap_or("");
            assert_eq!(p.body_line_offset, head.matches('\n').count());
            for w in &p.warnings {
                common::check_line(w, text);
            }
            let lines = text.matches('\n').count() + 1;
            for kf in &p.front.key_figures {
                assert!(
                    (1..=lines).contains(&kf.line),
                    "key figure line {}",
                    kf.line
                );
            }
            for line in p.front.key_lines.values() {
                assert!((1..=lines).contains(line), "key line {line}");
            }
        }
        Err(d) => common::check_line(&d, text),
    }
});
