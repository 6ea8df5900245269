//! Fuzzes the shortcode finder: never a panic; shortcodes come back in order, without
//! overlap, on character boundaries, each spanning `{{ … }}` or `{% … %}…{% end %}`;
//! nested lists are refused before they exhaust the stack; error offsets lie inside
//! the text (so `file:line:col` can be computed).
#![no_main]

use baogao::error::line_col;
use baogao::parse::shortcodes::find;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match find(text) {
        Ok(found) => {
            let mut last = 0;
            for sc in &found {
                assert!(sc.range.start >= last, "overlapping shortcodes");
                let s = text
                    .get(sc.range.clone())
                    .unwrap_or_else(|| panic!("range {:?} not on char boundaries", sc.range));
                let inline = s.starts_with("{{") && s.ends_with("}}") && sc.body.is_none();
                let with_body = s.starts_with("{%") && s.ends_with("%}") && sc.body.is_some();
                assert!(inline || with_body, "{s:?}");
                assert!(!sc.name.is_empty());
                last = sc.range.end;
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.offset <= text.len(), "offset past the end");
                let (line, col) = line_col(text, e.offset);
                assert!(line >= 1 && col >= 1);
                assert!(!e.message.is_empty());
            }
        }
    }
});
