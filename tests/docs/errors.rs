//! The error catalogue (errors.md): every message it shows is still produced by src/, and
//! the lists of keys and kinds in its serde messages are the ones the code prints.

use std::fs;
use std::path::Path;

use super::{page, walkdir};

/// Every `.rs` file under src/, concatenated, with each format placeholder
/// (`{kind}`, `{}`, `{:?}`) written as `{}`.
fn source_text() -> String {
    let mut text = String::new();
    for file in walkdir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        if file.extension().is_some_and(|e| e == "rs") {
            text.push_str(&fs::read_to_string(&file).unwrap());
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if !after[..close].contains([' ', '\n', '{', '"']) => {
                out.push_str("{}");
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `words` occur in `src` as written, or with one word, or two in a row,
/// standing for a placeholder (`donut` from `a {kind} chart`, `a donut` from
/// `{a_kind} chart`).
fn occurs(words: &str, src: &str) -> bool {
    let list: Vec<&str> = words.split(' ').collect();
    src.contains(words)
        || (1..=2).any(|span| {
            (0..list.len().saturating_sub(span - 1)).any(|i| {
                let mut variant = list.clone();
                variant.splice(i..i + span, ["{}"]);
                src.contains(&variant.join(" "))
            })
        })
}

/// Messages that come from the crates baogao reads with (TOML, serde, YAML, JSON,
/// Tera), not from src/: their words cannot be found there.
const FROM_CRATES: &[&str] = &[
    "unknown field ",
    "missing field ",
    "unknown variant ",
    "invalid type: ",
    "invalid date",
    "string values must be quoted",
    "did not find expected",
    "trailing comma",
    "Found ",
    "Unknown filter ",
];

/// The fixed words of a message as printed: the text between the `code` spans,
/// paths, numbers and non-ASCII runs (which are the user's names and values), keeping only
/// pieces long enough to identify the message.
fn fixed_words(message: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut in_code = false;
    // Paths (`content/x.md`, `/reports/x/`) are the user's too.
    // So are lists (`a, b, c`): each word ending in `,` and the word after it.
    let words: Vec<&str> = message.split(' ').collect();
    let message: Vec<&str> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let listed = w.ends_with(',')
                || i.checked_sub(1)
                    .and_then(|p| words.get(p))
                    .is_some_and(|p| p.ends_with(','));
            if w.contains('/') || listed {
                "\""
            } else {
                w
            }
        })
        .collect();
    for c in message.join(" ").chars() {
        if c == '`' {
            in_code = !in_code;
            pieces.push(String::new());
        } else if in_code || !c.is_ascii() || c.is_ascii_digit() || "\\\"():".contains(c) {
            pieces.push(String::new());
        } else if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
    }
    pieces
        .into_iter()
        .map(|p| {
            p.trim_matches(|c: char| c == ' ' || c == ':' || c == ',')
                .to_string()
        })
        .filter(|p| p.len() >= 8)
        .collect()
}

#[test]
fn every_catalogued_error_still_occurs_in_src() {
    let text = page("errors.md");
    let src = source_text();
    let mut checked = 0;
    for line in text.lines() {
        let Some(rest) = line
            .strip_prefix("error: ")
            .or_else(|| line.strip_prefix("  hint: "))
        else {
            continue;
        };
        // `file:line:col: message` → the message.
        let message = if line.starts_with("error: ") {
            rest.split_once(": ").map_or(rest, |(_, m)| m)
        } else {
            rest
        };
        if FROM_CRATES.iter().any(|m| message.contains(m)) {
            continue;
        }
        let words = fixed_words(message);
        assert!(!words.is_empty(), "errors.md: nothing to check in `{line}`");
        for w in words {
            assert!(
                occurs(&w, &src),
                "errors.md: `{w}` (from `{line}`) no longer occurs in src/"
            );
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} catalogued messages found");
}

/// The list after `expected one of` in the catalogue's line that holds `needle`.
fn catalogued_list(needle: &str) -> String {
    let text = page("errors.md");
    let line = text
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("errors.md has no line with {needle}"));
    line.split_once("expected one of ").unwrap().1.to_string()
}

/// Serde's messages list every key and kind the code accepts: the catalogue shows them
/// as printed today, so a key or kind added to the code must be added there too.
#[test]
fn catalogued_key_and_kind_lists_are_the_codes() {
    let site = crate::common::Site::new();
    let printed = |args: &[&str]| {
        let r = site.run(args);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let line = r
            .stderr
            .lines()
            .find(|l| l.contains("expected one of "))
            .unwrap_or_else(|| panic!("{}", r.stderr))
            .to_string();
        line.split_once("expected one of ").unwrap().1.to_string()
    };
    let config = fs::read_to_string(site.path("baogao.toml")).unwrap();
    site.write("baogao.toml", &format!("titel = \"x\"\n{config}"));
    assert_eq!(
        printed(&["build"]),
        catalogued_list("unknown field `titel`")
    );
    site.write("baogao.toml", &config);
    let spec = fs::read_to_string(site.path("charts/c.toml")).unwrap();
    site.write("charts/c.toml", &format!("colour = \"red\"\n{spec}"));
    assert_eq!(
        printed(&["build"]),
        catalogued_list("unknown field `colour`")
    );
    let pie = spec.replace("kind = \"bar\"", "kind = \"pie\"");
    assert_ne!(pie, spec);
    site.write("charts/c.toml", &pie);
    assert_eq!(
        printed(&["build"]),
        catalogued_list("unknown variant `pie`")
    );
}
