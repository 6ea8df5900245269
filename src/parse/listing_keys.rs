//! Front matter that shapes listings rather than the page itself: a section's sort
//! order (Zola's `sort_by`), and the taxonomy terms a page is filed under — `tags`,
//! Zola's `[taxonomies]` table, and Hugo's top-level `categories` (or any other
//! taxonomy the site declares), where a lone string is one term.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Deserializer};

use crate::error::Diagnostic;

/// How a section orders its pages (Zola's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Newest first; pages without a date are left out of the listing.
    Date,
    /// Newest `updated` (else `date`) first; pages with neither are left out.
    UpdateDate,
    /// By title in natural order (`第2期` before `第10期`).
    Title,
    /// By title, byte by byte.
    TitleBytes,
    /// Lightest first; pages without a weight are left out.
    Weight,
    /// By URL slug.
    Slug,
    /// In file order.
    None,
}

/// One term or a list of them: Hugo writes `categories: Code` for a single one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl From<OneOrMany> for Vec<String> {
    fn from(v: OneOrMany) -> Self {
        match v {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// `tags = "a"` or `tags = ["a", "b"]`.
pub fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    OneOrMany::deserialize(d).map(Vec::from)
}

/// `[taxonomies]` as written: each name with one term or a list.
pub fn taxonomy_table<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    let raw: BTreeMap<String, OneOrMany> = BTreeMap::deserialize(d)?;
    Ok(raw.into_iter().map(|(k, v)| (k, v.into())).collect())
}

/// The taxonomies a site builds when baogao.toml declares none.
pub const DEFAULT_TAXONOMIES: &[&str] = &["tags", "categories"];

/// Top-level keys of `table` that name a declared taxonomy other than `tags` (Hugo's
/// `categories: Code`), taken out of the table with their terms. A value that is not
/// a string or a list of strings stays, to be reported as it would be otherwise.
pub fn take_top_level_terms(
    table: &mut toml::Table,
    declared: &[&str],
) -> BTreeMap<String, Vec<String>> {
    let mut terms = BTreeMap::new();
    for name in declared.iter().filter(|n| **n != "tags") {
        let Some(value) = table.get(*name) else {
            continue;
        };
        if let Ok(list) = value.clone().try_into::<OneOrMany>() {
            terms.insert(name.to_string(), Vec::from(list));
            table.remove(*name);
        }
    }
    terms
}

/// Merges `[taxonomies]` into the top-level terms, keeping first-seen order and no
/// term twice. A taxonomy baogao.toml does not declare is a warning, and its terms
/// are dropped; `tags` goes to `tags`.
pub fn merge_terms(
    table: BTreeMap<String, Vec<String>>,
    top_level: BTreeMap<String, Vec<String>>,
    tags: &mut Vec<String>,
    declared: &[&str],
    warn_at: impl Fn(&str) -> usize,
    shown: &Path,
) -> (BTreeMap<String, Vec<String>>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut terms = top_level;
    for (name, list) in table {
        if !declared.contains(&name.as_str()) {
            warnings.push(undeclared(&name, warn_at("taxonomies"), shown));
            continue;
        }
        let into = if name == "tags" {
            &mut *tags
        } else {
            terms.entry(name).or_default()
        };
        for t in list {
            if !into.contains(&t) {
                into.push(t);
            }
        }
    }
    if !tags.is_empty() && !declared.contains(&"tags") {
        warnings.push(undeclared("tags", warn_at("tags"), shown));
        tags.clear();
    }
    for list in terms.values_mut() {
        let mut seen = std::collections::BTreeSet::new();
        list.retain(|t| seen.insert(t.clone()));
    }
    (terms, warnings)
}

fn undeclared(name: &str, line: usize, shown: &Path) -> Diagnostic {
    Diagnostic::at(
        shown,
        line,
        None,
        format!("taxonomy `{name}` is not declared in baogao.toml; its terms are ignored"),
    )
    .with_hint(format!(
        "declare it under `taxonomies` in baogao.toml: [[taxonomies]] name = \"{name}\""
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_string_is_one_term_and_undeclared_taxonomies_warn() {
        let mut table: toml::Table =
            toml::from_str("categories = \"Code\"\nseries = [\"A\", \"B\"]\nrating = 3\n").unwrap();
        let top = take_top_level_terms(&mut table, &["tags", "categories", "rating"]);
        assert_eq!(top["categories"], ["Code"]);
        // Not declared, or not terms: left for the unknown-key warning.
        assert!(table.contains_key("series") && table.contains_key("rating"));

        let mut tags = vec!["x".to_string()];
        let written = BTreeMap::from([
            ("tags".to_string(), vec!["x".to_string(), "y".to_string()]),
            ("categories".to_string(), vec!["Code".to_string()]),
            ("authors".to_string(), vec!["Li".to_string()]),
        ]);
        let (terms, warnings) = merge_terms(
            written,
            top,
            &mut tags,
            &["tags", "categories"],
            |_| 4,
            Path::new("content/a.md"),
        );
        assert_eq!(tags, ["x", "y"]);
        assert_eq!(terms["categories"], ["Code"]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0]
            .to_string()
            .starts_with("content/a.md:4: taxonomy `authors` is not declared"));
    }

    #[test]
    fn tags_are_dropped_when_the_site_declares_other_taxonomies_only() {
        let mut tags = vec!["x".to_string()];
        let (_, warnings) = merge_terms(
            BTreeMap::new(),
            BTreeMap::new(),
            &mut tags,
            &["categories"],
            |_| 2,
            Path::new("a.md"),
        );
        assert!(tags.is_empty());
        assert_eq!(warnings.len(), 1);
    }
}
