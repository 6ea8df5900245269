//! Site configuration, `baogao.toml` (SPEC §3). Unknown keys are errors naming the key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::data::words::UnitWord;
use crate::error::{char_name, forbidden_char, read_text, Diagnostic};

pub const CONFIG_FILE: &str = "baogao.toml";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    /// Absolute URL of the site; its path (e.g. `/reports/`) prefixes every internal link.
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub charts: ChartDefaults,
    #[serde(default)]
    pub format: FormatConfig,
    /// Entries per listing page (home, sections, taxonomy terms); 0 turns paging off.
    /// A section's own `paginate_by` overrides it.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// The folder of listing pages 2, 3, …: `<section>/page/2/`.
    #[serde(default = "default_paginate_path")]
    pub paginate_path: String,
    /// The taxonomies built: each gets a list page and a page (and feed) per term.
    #[serde(default = "default_taxonomies")]
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Passed to templates as `config.extra`.
    #[serde(default)]
    pub extra: toml::Table,
    /// The site's other languages (Zola's `[languages.en]`), by code.
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageConfig>,
    /// The default language's strings, over the built-in ones.
    #[serde(default)]
    pub strings: BTreeMap<String, String>,
    /// The default language's units (`"亿元" = { unit = "bn yuan", power = -1 }`).
    #[serde(default)]
    pub units: BTreeMap<String, UnitWord>,
    /// How content file and folder names become URLs (Zola's `[slugify]`).
    #[serde(default)]
    pub slugify: SlugifyConfig,
}

/// The `[slugify]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlugifyConfig {
    /// Pages' and sections' URL folders, from file and folder names or `slug`.
    #[serde(default)]
    pub paths: SlugStrategy,
    /// Zola's other two: accepted so a Zola config moves over, but only as `"on"`
    /// (terms and heading anchors are always slugs).
    #[serde(default)]
    pub taxonomies: AlwaysOn,
    #[serde(default)]
    pub anchors: AlwaysOn,
}

/// A `[slugify]` setting baogao supports only as `"on"`: another value is an error
/// naming the one allowed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AlwaysOn {
    #[default]
    On,
}

/// Zola's slugification strategies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugStrategy {
    /// Lowercase ASCII, CJK as pinyin: `Backon v1.4.0` → `backon-v1-4-0`.
    #[default]
    On,
    /// As written, less the characters a file name cannot hold on Windows or Unix.
    Safe,
    /// As written.
    Off,
}

/// One `[languages.<code>]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title in this language (default: the site's).
    pub title: Option<String>,
    pub description: Option<String>,
    /// URL path of the language's pages below base_url (default: `/<code>/`).
    pub path: Option<String>,
    /// Strings over the built-in ones; Zola calls the table `translations`.
    #[serde(default, alias = "translations")]
    pub strings: BTreeMap<String, String>,
    #[serde(default)]
    pub units: BTreeMap<String, UnitWord>,
}

/// Defaults for every chart.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChartDefaults {
    pub width: u32,
    pub height: u32,
    pub palette: Vec<String>,
}

impl Default for ChartDefaults {
    fn default() -> Self {
        ChartDefaults {
            width: 720,
            height: 420,
            // Tableau-10-like, colour-blind-safe order; first colour is the highlight.
            palette: [
                "#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FormatConfig {
    #[serde(deserialize_with = "crate::data::format::de_decimals")]
    pub decimals: u8,
}

impl Default for FormatConfig {
    fn default() -> Self {
        FormatConfig { decimals: 1 }
    }
}

/// One `[[taxonomies]]` entry (Zola's form): `name` is both the front matter key and
/// the URL folder (`categories/<term>/`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    pub name: String,
    /// Heading of its pages; default 标签 for tags, 分类 for categories, else the name.
    #[serde(default)]
    pub title: Option<String>,
    /// Entries per term page; default the site's `paginate_by`.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// An Atom feed per term (`tags/<term>/atom.xml`).
    #[serde(default = "yes")]
    pub feed: bool,
}

impl TaxonomyConfig {
    fn named(name: &str) -> Self {
        TaxonomyConfig {
            name: name.to_string(),
            title: None,
            paginate_by: None,
            feed: true,
        }
    }
}

fn yes() -> bool {
    true
}

fn default_paginate_by() -> usize {
    20
}

fn default_paginate_path() -> String {
    "page".to_string()
}

fn default_taxonomies() -> Vec<TaxonomyConfig> {
    vec![
        TaxonomyConfig::named("tags"),
        TaxonomyConfig::named("categories"),
    ]
}

fn default_language() -> String {
    "zh-CN".to_string()
}

impl Config {
    /// Loads `baogao.toml` from the site root.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let shown = Path::new(CONFIG_FILE);
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(
                Diagnostic::file(&path, "not a baogao site: baogao.toml is missing").with_hint(
                    "pass --root with the site's folder, or create a site with `baogao init DIR`",
                ),
            );
        }
        let text = read_text(&path, shown)?;
        let mut config: Config = parse_toml(&text, shown)?;
        if let Ok(table) = toml::from_str::<toml::Table>(&text) {
            check_strings(&table, &text, shown)?;
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        if let Err(why) = check_base_url(&config.base_url) {
            return Err(Diagnostic::file(shown, format!("base_url {why}"))
                .with_hint("write it as https://example.org/ or https://example.org/reports/"));
        }
        check_listings(&config, &text, shown)?;
        for c in &config.charts.palette {
            if !is_hex_colour(c) {
                return Err(Diagnostic::file(
                    shown,
                    format!("palette colour `{c}` is not a #rrggbb colour"),
                ));
            }
        }
        Ok(config)
    }

    /// The names of the declared taxonomies, as front matter keys.
    pub fn taxonomy_names(&self) -> Vec<&str> {
        self.taxonomies.iter().map(|t| t.name.as_str()).collect()
    }

    /// The path part of base_url, always starting and ending with `/` (e.g. `/reports/`).
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        let path = match after_scheme.find('/') {
            Some(i) if self.base_url.contains("://") => after_scheme.get(i..).unwrap_or("/"),
            _ if self.base_url.contains("://") => "/",
            _ => after_scheme,
        };
        if path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        }
    }
}

/// `paginate_path` and taxonomy names become URL folders: one plain path segment each,
/// and no taxonomy twice.
fn check_listings(config: &Config, text: &str, shown: &Path) -> Result<(), Diagnostic> {
    let at = |key: &str, message: String| match toml_key_line(text, key) {
        Some(line) => Diagnostic::at(shown, line, None, message),
        None => Diagnostic::file(shown, message),
    };
    let folder_hint = "use letters, digits, `-` or `_`: it is a folder in the site's URLs";
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    if !plain(&config.paginate_path) {
        return Err(at(
            "paginate_path",
            format!(
                "paginate_path `{}` is not a single URL folder",
                config.paginate_path
            ),
        )
        .with_hint(folder_hint));
    }
    let mut seen = std::collections::BTreeSet::new();
    for t in &config.taxonomies {
        if !plain(&t.name) {
            return Err(at(
                "taxonomies",
                format!("taxonomy name `{}` is not a single URL folder", t.name),
            )
            .with_hint(folder_hint));
        }
        if !seen.insert(t.name.as_str()) {
            return Err(at(
                "taxonomies",
                format!("taxonomy `{}` is declared twice", t.name),
            )
            .with_hint("keep one entry per name"));
        }
    }
    Ok(())
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s.chars().skip(1).all(|c| c.is_ascii_hexdigit())
}

/// Parses TOML into `T`, reporting errors (syntax, wrong types, unknown keys) with
/// file, line and column.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    shown: &Path,
) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_diagnostic(&e, text, shown))
}

/// The first top-level key of `table` whose name or value (strings at any depth, keys
/// of inner tables) holds a character HTML, SVG and XML cannot carry, with that
/// character. Only escapes such as `\u0001` can write one: raw ones are refused when
/// the file is read.
pub fn forbidden_in_table(table: &toml::Table) -> Option<(&str, char)> {
    fn in_value(v: &toml::Value) -> Option<char> {
        match v {
            toml::Value::String(s) => forbidden_char(s).map(|(_, c)| c),
            toml::Value::Array(a) => a.iter().find_map(in_value),
            toml::Value::Table(t) => t
                .iter()
                .find_map(|(k, v)| forbidden_char(k).map(|(_, c)| c).or_else(|| in_value(v))),
            _ => None,
        }
    }
    table.iter().find_map(|(key, value)| {
        forbidden_char(key)
            .map(|(_, c)| c)
            .or_else(|| in_value(value))
            .map(|c| (key.as_str(), c))
    })
}

/// The problem for a forbidden character in `key`, at `line` when known.
pub fn forbidden_diagnostic(shown: &Path, line: Option<usize>, key: &str, c: char) -> Diagnostic {
    let message = format!("control character {} in `{key}`", char_name(c));
    match line {
        Some(line) => Diagnostic::at(shown, line, None, message),
        None => Diagnostic::file(shown, message),
    }
    .with_hint("remove the escape that writes it (such as \\u0001)")
}

/// Refuses a TOML file whose strings hold a character HTML, SVG and XML cannot carry
/// (see [`forbidden_in_table`]), pointing at the top-level key's line.
pub fn check_strings(table: &toml::Table, text: &str, shown: &Path) -> Result<(), Diagnostic> {
    match forbidden_in_table(table) {
        Some((key, c)) => Err(forbidden_diagnostic(
            shown,
            toml_key_line(text, key),
            key,
            c,
        )),
        None => Ok(()),
    }
}

/// The line where top-level `key` is set (`key = …`, `[key]`, `[[key]]`).
pub fn toml_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim();
            let l = l.trim_start_matches('[').trim_start_matches('"');
            l.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start_matches('"').trim_start();
                rest.starts_with('=') || rest.starts_with(']') || rest.starts_with('.')
            })
        })
        .map(|i| i + 1)
}

/// Turns a toml error into a diagnostic pointing into `text`.
pub fn toml_diagnostic(e: &toml::de::Error, text: &str, shown: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => Diagnostic::at_offset(shown, text, span.start, message),
        None => Diagnostic::file(shown, message),
    }
}

/// Whether `url` can be the site's base URL: absolute (`http://`, `https://`) or a path
/// from the host's root (`/reports/`). Used for baogao.toml and for `build --base-url`.
pub fn check_base_url(url: &str) -> Result<(), String> {
    if url.starts_with("http://") || url.starts_with("https://") || url.starts_with('/') {
        Ok(())
    } else {
        Err(format!("`{url}` is not an absolute URL"))
    }
}

#[cfg(test)]
#[allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    fn config(base: &str) -> Config {
        let text = format!("title = \"t\"\nbase_url = \"{base}\"\n");
        parse_toml(&text, Path::new("baogao.toml")).unwrap_or_else(|d| panic!("{d}"))
    }

    #[test]
    fn base_path_of_sub_path_url() {
        let mut c = config("https://example.org/reports");
        c.base_url.push('/');
        assert_eq!(c.base_path(), "/reports/");
        assert_eq!(config("https://example.org/").base_path(), "/");
    }

    #[test]
    fn unknown_key_is_named_with_line() {
        let text = "title = \"t\"\nbase_url = \"/\"\ntitel = \"x\"\n";
        let err = parse_toml::<Config>(text, Path::new("baogao.toml"))
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("baogao.toml:3:1: unknown field `titel`"),
            "{err}"
        );
    }
}
