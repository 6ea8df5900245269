//! The documentation site (docs/) against the code it documents.
//!
//! Each reference page lists keys as table rows whose first cell is the key in
//! backticks (`| \`title\` | … |`), grouped under `## ` headings. These tests read the
//! code's own lists (serde field names of the config, front-matter, chart-spec and
//! sidecar structs, the chart kinds, the shortcode and assertion-function tables, the
//! data formats, the theme's templates, clap's commands and flags, and what each
//! template really receives) and fail both when one is missing from its page and when
//! a page documents something the code does not have. The error catalogue's messages
//! must still occur in src/, the gallery's specs must be the files the charts are drawn
//! from, and `baogao check --root docs` must pass.
//!
//! Here: the shared readers and the key tables; cli.rs (commands, flags, exit codes),
//! templates.rs (templates and their variables), errors.rs (the catalogue) and site.rs
//! (the site as a whole) do the rest.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

#[path = "docs/cli.rs"]
mod cli;
#[path = "docs/errors.rs"]
mod errors;
#[path = "docs/site.rs"]
mod site;
#[path = "docs/templates.rs"]
mod templates;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_aux::serde_introspection::serde_introspect;

use baogao::charts::ChartSpec;
use baogao::config::Config;

pub fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

pub fn page(rel: &str) -> String {
    let path = docs().join("content").join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The part of `text` under the `## heading` line (backticks ignored), up to the next
/// `## ` heading.
pub fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(h) = line.trim_end().strip_prefix("## ") {
            if let Some(start) = start {
                return &text[start..offset];
            }
            if h.replace('`', "") == heading {
                start = Some(offset + line.len());
            }
        }
        offset += line.len();
    }
    match start {
        Some(s) => &text[s..],
        None => panic!("no `## {heading}` section"),
    }
}

/// The keys a section documents: the backticked first cell of each table row.
pub fn documented(section: &str) -> BTreeSet<String> {
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(key, _)| key.to_string())
        .collect()
}

pub fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Field names of a serde struct (or variant names of an enum), minus `nested`:
/// tables documented in sections of their own.
pub fn fields<'de, T: serde::Deserialize<'de>>(nested: &[&str]) -> BTreeSet<String> {
    let all = names(serde_introspect::<T>());
    for n in nested {
        assert!(all.contains(*n), "`{n}` is no longer a key");
    }
    all.into_iter()
        .filter(|k| !nested.contains(&k.as_str()))
        .collect()
}

/// Fails, naming the page and section, unless it documents exactly `expected`.
pub fn assert_documents(rel: &str, heading: &str, expected: BTreeSet<String>) {
    let text = page(rel);
    let found = documented(section(&text, heading));
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/content/{rel}, `## {heading}`: not documented: {missing:?}; documented but not in the code: {extra:?}"
    );
}

/// The names of the page's `` ## `<prefix>name` `` headings.
pub fn code_headings(text: &str, prefix: &str) -> BTreeSet<String> {
    let start = format!("## `{prefix}");
    text.lines()
        .filter_map(|l| l.strip_prefix(start.as_str()))
        .map(|h| h.trim_end_matches('`').to_string())
        .collect()
}

pub fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn every_config_key_is_documented() {
    let page = "reference/config.md";
    assert_documents(page, "顶层键", fields::<Config>(&["charts", "format"]));
    assert_documents(
        page,
        "[languages.<代码>]",
        fields::<baogao::config::LanguageConfig>(&[]),
    );
    assert_documents(
        page,
        "[charts]",
        fields::<baogao::config::ChartDefaults>(&[]),
    );
    assert_documents(
        page,
        "[format]",
        fields::<baogao::config::FormatConfig>(&[]),
    );
    assert_documents(
        page,
        "[[taxonomies]]",
        fields::<baogao::config::TaxonomyConfig>(&[]),
    );
}

#[test]
fn every_theme_string_is_documented() {
    let keys = baogao::render::strings::known_keys().into_iter().collect();
    assert_documents("guide/languages.md", "字符串表", keys);
}

#[test]
fn every_front_matter_key_is_documented() {
    use baogao::parse::front_matter::{FrontMatter, KeyFigure};
    let page = "reference/front-matter.md";
    assert_documents(page, "键", fields::<FrontMatter>(&[]));
    assert_documents(page, "[[key_figures]]", fields::<KeyFigure>(&[]));
}

#[test]
fn every_chart_spec_key_and_kind_is_documented() {
    use baogao::charts::spec::{ChartKind, Remainder, Sort, XScale};
    let page = "reference/charts.md";
    assert_documents(page, "键", fields::<ChartSpec>(&[]));
    assert_documents(page, "图表类型", fields::<ChartKind>(&[]));
    assert_documents(page, "sort 的取值", fields::<Sort>(&[]));
    assert_documents(page, "x_scale 的取值", fields::<XScale>(&[]));
    assert_documents(page, "[remainder]", fields::<Remainder>(&[]));
    assert_documents(
        page,
        "[[assert]]",
        fields::<baogao::data::assert::AssertSpec>(&[]),
    );
    assert_documents(
        page,
        "[[annotate]]",
        fields::<baogao::charts::annotate::Annotation>(&[]),
    );
}

#[test]
fn every_data_format_and_sidecar_key_is_documented() {
    use baogao::data::sidecar::DataMeta;
    let page = "reference/data.md";
    assert_documents(page, "文件格式", names(baogao::data::load::FORMATS));
    assert_documents(page, "旁注文件（sidecar）", fields::<DataMeta>(&[]));
}

#[test]
fn every_shortcode_and_argument_is_documented() {
    let page_rel = "reference/shortcodes.md";
    let text = page(page_rel);
    let headings = code_headings(&text, "");
    let shortcodes = baogao::site::expand::SHORTCODES;
    assert_eq!(
        headings,
        shortcodes.iter().map(|(n, _)| n.to_string()).collect(),
        "{page_rel}: one `## \\`name\\`` section per shortcode"
    );
    for (name, args) in shortcodes {
        assert_documents(page_rel, name, names(args));
    }
}

#[test]
fn every_assertion_function_is_documented() {
    assert_documents(
        "reference/assertions.md",
        "函数",
        names(baogao::data::assert::FUNCTIONS),
    );
}
