//! Fuzzes Markdown rendering (heading ids, table of contents, footnotes): never a
//! panic or stack overflow, and every heading id in the table of contents is one of
//! the ids the HTML defines.
#![no_main]

use baogao::parse::markdown::{render, word_count, TocEntry};
use libfuzzer_sys::fuzz_target;

fn ids_of(toc: &[TocEntry], out: &mut Vec<String>) {
    for t in toc {
        out.push(t.id.clone());
        ids_of(&t.children, out);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let r = render(text, "p");
    let mut toc_ids = Vec::new();
    ids_of(&r.toc, &mut toc_ids);
    for id in toc_ids {
        assert!(r.ids.contains(&id), "toc id `{id}` not defined in the HTML");
    }
    let _ = word_count(text);
});
