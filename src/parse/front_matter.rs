//! Front matter: TOML between `+++` lines (or YAML between `---`), as in Zola and Hugo.
//!
//! Known keys are typed into [`FrontMatter`]; Zola/Hugo forms (`[taxonomies] tags`,
//! `aliases`, `updated`, `[extra]`) are accepted. A key baogao does not know is a
//! warning, not a failure, so content moved from another generator still builds.

use std::path::Path;

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::value::Datetime;

use super::foreign_keys::{did_you_mean, foreign};
use super::listing_keys::{
    merge_terms, one_or_many, take_top_level_terms, taxonomy_table, SortBy, DEFAULT_TAXONOMIES,
};
use crate::config::toml_diagnostic;
use crate::error::{line_col, Diagnostic};

/// One `[[key_figures]]` entry: a number for the page's lead box, taken from data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    pub label: String,
    pub data: String,
    pub row: String,
    pub col: String,
    /// `value` (default) or `share`.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::data::format::de_optional_decimals"
    )]
    pub decimals: Option<u8>,
    /// Shows the value in another unit of the same kind (`万亿元`).
    #[serde(default)]
    pub scale_unit: Option<String>,
    /// Shows the magnitude only (减少2,020千人).
    #[serde(default)]
    pub abs: bool,
    #[serde(default)]
    pub note: Option<String>,
    /// 1-based line of this entry in the file (set after parsing; for messages).
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub date: Option<Datetime>,
    #[serde(default)]
    pub updated: Option<Datetime>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub tags: Vec<String>,
    /// Zola's `[taxonomies]` as written; merged into `tags` and `terms`.
    #[serde(default, deserialize_with = "taxonomy_table")]
    taxonomies: BTreeMap<String, Vec<String>>,
    /// Terms of each declared taxonomy other than tags (`categories` → [...]).
    #[serde(skip)]
    pub terms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub template: Option<String>,
    /// A section's template for its pages (Zola).
    #[serde(default)]
    pub page_template: Option<String>,
    /// The page's URL path in full, replacing folder and slug (Zola `path`, Hugo `url`).
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// A section's page order (Zola); default weight, then newest date, then title.
    #[serde(default)]
    pub sort_by: Option<SortBy>,
    /// A section's entries per listing page; overrides baogao.toml's, 0 for one page.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// A section's folder of listing pages 2, 3, … (default baogao.toml's, `page`).
    #[serde(default)]
    pub paginate_path: Option<String>,
    /// Lists a paginated section's pages in reverse order.
    #[serde(default)]
    pub paginate_reversed: bool,
    /// A section whose pages are listed in its parent section too (Zola).
    #[serde(default)]
    pub transparent: bool,
    /// `false`: the section's own listing page is not written (its pages are).
    #[serde(default = "rendered")]
    pub render: bool,
    /// Accepted from Zola; baogao builds no search index.
    #[serde(default)]
    pub in_search_index: Option<bool>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub extra: toml::Table,
    #[serde(default)]
    pub key_figures: Vec<KeyFigure>,
    /// 1-based line in the file of each top-level key (set after parsing; for messages).
    #[serde(skip)]
    pub key_lines: std::collections::BTreeMap<String, usize>,
}

fn rendered() -> bool {
    true
}

impl FrontMatter {
    /// The line in the file where `key` is set, when it is set.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.key_lines.get(key).copied()
    }
}

/// The keys baogao reads, straight from [`FrontMatter`]'s serde fields, so the
/// unknown-key warning and the struct cannot disagree.
fn known_keys() -> &'static [&'static str] {
    serde_aux::serde_introspection::serde_introspect::<FrontMatter>()
}

/// A page file split into its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub front: FrontMatter,
    /// The Markdown after the closing fence.
    pub body: String,
    /// Number of lines before the body starts (to report body errors at file lines).
    pub body_line_offset: usize,
    /// Unknown keys and similar notices; they do not fail the build.
    pub warnings: Vec<Diagnostic>,
}

/// [`parse_for`] a site with the default taxonomies.
pub fn parse(text: &str, shown: &Path) -> Result<Parsed, Diagnostic> {
    parse_for(text, shown, DEFAULT_TAXONOMIES)
}

/// Splits `text` (the whole file) into front matter and body and parses the front matter;
/// `taxonomies` are the names baogao.toml declares.
/// As in Zola, blank lines (and a byte-order mark) may come before the opening fence, and
/// lines may end in `\r\n`; every line number still counts from the file's first line.
pub fn parse_for(text: &str, shown: &Path, taxonomies: &[&str]) -> Result<Parsed, Diagnostic> {
    let (parsed, body_at) = parse_front(text, shown, taxonomies)?;
    Ok(Parsed {
        body: text.get(body_at..).unwrap_or("").to_string(),
        ..parsed
    })
}

/// [`parse_for`] that keeps the file's own text as the body (its front matter cut off in
/// place): a build holds every page's body until it renders it, and a copy of each would
/// double what the content files take.
pub fn parse_owned(
    mut text: String,
    shown: &Path,
    taxonomies: &[&str],
) -> Result<Parsed, Diagnostic> {
    let (parsed, body_at) = parse_front(&text, shown, taxonomies)?;
    text.drain(..body_at.min(text.len()));
    Ok(Parsed {
        body: text,
        ..parsed
    })
}

/// The front matter of `text` (the body left empty) and the byte offset of the body.
fn parse_front(
    text: &str,
    shown: &Path,
    taxonomies: &[&str],
) -> Result<(Parsed, usize), Diagnostic> {
    let bom = text.len() - text.strip_prefix('\u{feff}').map_or(text.len(), str::len);
    let text = text.get(bom..).unwrap_or(text);
    let mut lead = 0;
    let mut lead_lines = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() || !line.ends_with('\n') {
            break;
        }
        lead += line.len();
        lead_lines += 1;
    }
    let (mut parsed, body_at) = parse_fenced(text.get(lead..).unwrap_or(""), shown, taxonomies)
        .map_err(|d| d.shifted(lead_lines))?;
    if lead_lines > 0 {
        parsed.body_line_offset += lead_lines;
        parsed.warnings = parsed
            .warnings
            .into_iter()
            .map(|w| w.shifted(lead_lines))
            .collect();
        for line in parsed.front.key_lines.values_mut() {
            *line += lead_lines;
        }
        for kf in &mut parsed.front.key_figures {
            kf.line += lead_lines;
        }
    }
    Ok((parsed, bom + lead + body_at))
}

/// [`parse_front`] for a text that starts with its opening fence.
fn parse_fenced(
    text: &str,
    shown: &Path,
    taxonomies: &[&str],
) -> Result<(Parsed, usize), Diagnostic> {
    let (fence, is_toml) = if text.starts_with("+++") {
        ("+++", true)
    } else if text.starts_with("---") {
        ("---", false)
    } else {
        return Err(Diagnostic::at(shown, 1, Some(1), "missing front matter")
            .with_hint("start the file with a `+++` line, TOML keys such as title = \"…\", and a closing `+++` line"));
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text.get(..first_line_end).map(str::trim_end) != Some(fence) {
        return Err(Diagnostic::at(
            shown,
            1,
            Some(1),
            format!("the opening `{fence}` must stand alone on the first line"),
        ));
    }
    let after_open = first_line_end + 1;
    let rest = text.get(after_open..).unwrap_or("");
    let close = find_closing(rest, fence).ok_or_else(|| {
        Diagnostic::at(
            shown,
            1,
            Some(1),
            format!("front matter is not closed: no `{fence}` line after the opening one"),
        )
    })?;
    let front_text = rest.get(..close).unwrap_or("");
    let after_close = rest
        .get(close..)
        .and_then(|s| s.find('\n').map(|i| close + i + 1))
        .unwrap_or(rest.len());
    let body_line_offset = text
        .get(..after_open + after_close)
        .map_or(0, |s| s.matches('\n').count());

    let table = if is_toml {
        toml::from_str::<toml::Table>(front_text)
            .map_err(|e| toml_diagnostic(&e, front_text, shown).shifted(1))?
    } else {
        yaml_to_table(front_text, shown)?
    };
    let (front, warnings) = typed(table, front_text, shown, is_toml, taxonomies)?;
    let parsed = Parsed {
        front,
        body: String::new(),
        body_line_offset,
        warnings,
    };
    Ok((parsed, (after_open + after_close).min(text.len())))
}

/// Byte offset (in `rest`) of the line that is exactly the closing fence.
fn find_closing(rest: &str, fence: &str) -> Option<usize> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Deepest nesting of YAML flow collections (`[` `{`) accepted, as deep as the YAML
/// parser's own recursion limit.
const MAX_YAML_FLOW_DEPTH: usize = 128;

/// Byte offset where `[`/`{` nesting (outside quotes and comments) first goes deeper
/// than [`MAX_YAML_FLOW_DEPTH`]. The YAML scanner takes time quadratic in that depth
/// (100,000 `[` took 16 s) before its recursion limit refuses it anyway.
fn too_deep_yaml(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut prev = '\n';
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if prev.is_whitespace() => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_YAML_FLOW_DEPTH {
                    return Some(i);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    None
}

fn yaml_to_table(front_text: &str, shown: &Path) -> Result<toml::Table, Diagnostic> {
    if let Some(at) = too_deep_yaml(front_text) {
        return Err(Diagnostic::at_offset(
            shown,
            front_text,
            at,
            format!("YAML front matter is nested more than {MAX_YAML_FLOW_DEPTH} levels deep"),
        )
        .shifted(1));
    }
    let value: serde_json::Value = serde_yaml_ng::from_str(front_text).map_err(|e| {
        let message = format!("invalid YAML front matter: {e}");
        match e.location() {
            Some(l) => {
                let (line, col) = yaml_place(front_text, l.line(), l.column());
                // +1: the front matter starts on the file's second line.
                Diagnostic::at(shown, line + 1, Some(col), message)
            }
            None => Diagnostic::at(shown, 1, None, message),
        }
    })?;
    if value.is_null() {
        return Ok(toml::Table::new());
    }
    match toml::Value::try_from(value) {
        Ok(toml::Value::Table(t)) => Ok(t),
        _ => Err(Diagnostic::at(
            shown,
            2,
            None,
            "YAML front matter must be a mapping of keys to values (and may not hold nulls)",
        )),
    }
}

/// Line and column in `text` (counting `\n` as baogao does everywhere) of the place a
/// YAML error gives as 1-based `line` and `column`: YAML also breaks lines at a lone
/// `\r`, U+0085, U+2028 and U+2029.
fn yaml_place(text: &str, line: usize, column: usize) -> (usize, usize) {
    let mut yaml_line = 1;
    let mut line_start = 0;
    let mut chars = text.char_indices().peekable();
    while yaml_line < line {
        let Some((_, c)) = chars.next() else {
            break;
        };
        if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                chars.next();
            }
            yaml_line += 1;
            line_start = chars.peek().map_or(text.len(), |&(i, _)| i);
        }
    }
    let at = text
        .get(line_start..)
        .and_then(|rest| rest.char_indices().nth(column.saturating_sub(1)))
        .map_or(text.len(), |(i, _)| line_start + i);
    line_col(text, at)
}

/// Line (1-based, in the file) where `key` is set in the front matter text.
fn key_line(front_text: &str, key: &str) -> usize {
    front_text
        .lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .map(|r| r.trim_start().starts_with(['=', ':']))
                .unwrap_or(false)
                || l == format!("[{key}]")
                || l == format!("[[{key}]]")
        })
        .map_or(1, |i| i + 2)
}

fn typed(
    mut table: toml::Table,
    front_text: &str,
    shown: &Path,
    is_toml: bool,
    taxonomies: &[&str],
) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
    let mut warnings = Vec::new();
    if let Some((key, c)) = crate::config::forbidden_in_table(&table) {
        let line = key_line(front_text, key);
        return Err(crate::config::forbidden_diagnostic(
            shown,
            Some(line),
            key,
            c,
        ));
    }
    let top_level_terms = take_top_level_terms(&mut table, taxonomies);
    let unknown: Vec<String> = table
        .keys()
        .filter(|k| !known_keys().contains(&k.as_str()))
        .cloned()
        .collect();
    for key in unknown {
        let line = key_line(front_text, &key);
        let warning = match (foreign(&key), did_you_mean(&key, known_keys())) {
            (Some(why), _) => Diagnostic::at(
                shown,
                line,
                None,
                format!("`{key}` (a Zola/Hugo key) is not supported by baogao and is ignored"),
            )
            .with_hint(why),
            (None, Some(near)) => Diagnostic::at(
                shown,
                line,
                None,
                format!("unknown front matter key `{key}` is ignored"),
            )
            .with_hint(format!("did you mean `{near}`?")),
            (None, None) => Diagnostic::at(
                shown,
                line,
                None,
                format!("unknown front matter key `{key}` is ignored"),
            )
            .with_hint("put custom values under [extra] to pass them to templates"),
        };
        warnings.push(warning);
        table.remove(&key);
    }
    // YAML has no date type: accept "2026-06-26" strings as dates.
    for key in ["date", "updated"] {
        if let Some(toml::Value::String(s)) = table.get(key) {
            let parsed: Datetime = s.parse().map_err(|_| {
                Diagnostic::at(
                    shown,
                    key_line(front_text, key),
                    None,
                    format!("`{key}` is not a date: `{s}`"),
                )
                .with_hint("write dates as 2026-06-26")
            })?;
            table.insert(key.to_string(), toml::Value::Datetime(parsed));
        }
    }
    let key_lines = table
        .keys()
        .map(|k| (k.clone(), key_line(front_text, k)))
        .collect();
    // TOML is parsed again from its text so type errors carry their line and column.
    let typed = if is_toml {
        toml::from_str::<FrontMatter>(front_text)
            .map_err(|e| toml_diagnostic(&e, front_text, shown).shifted(1))
    } else {
        toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| {
                let msg = e.message().trim().to_string();
                let key = known_keys()
                    .iter()
                    .find(|k| msg.contains(&format!("`{k}`")) || msg.contains(&format!("key `{k}")))
                    .copied();
                let line = key.map_or(1, |k| key_line(front_text, k));
                Diagnostic::at(shown, line, None, format!("front matter: {msg}"))
            })
    };
    let mut front = typed?;
    for key in ["date", "updated"] {
        let value = if key == "date" {
            &front.date
        } else {
            &front.updated
        };
        if let Some(d) = value {
            if d.date.is_none() {
                return Err(Diagnostic::at(
                    shown,
                    key_line(front_text, key),
                    None,
                    format!("`{key}` has a time but no date"),
                ));
            }
        }
    }
    front.key_lines = key_lines;
    // Each `[[key_figures]]` header is one entry; other forms point at the key.
    let headers: Vec<usize> = front_text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[key_figures]]")
        .map(|(i, _)| i + 2)
        .collect();
    let fallback = key_line(front_text, "key_figures");
    for (i, kf) in front.key_figures.iter_mut().enumerate() {
        kf.line = headers.get(i).copied().unwrap_or(fallback);
    }
    let (terms, term_warnings) = merge_terms(
        std::mem::take(&mut front.taxonomies),
        top_level_terms,
        &mut front.tags,
        taxonomies,
        |key| key_line(front_text, key),
        shown,
    );
    front.terms = terms;
    warnings.extend(term_warnings);
    Ok((front, warnings))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Parsed, Diagnostic> {
        parse(text, Path::new("content/a.md"))
    }

    #[test]
    fn toml_front_matter_and_body() {
        let r =
            p("+++\ntitle = \"重庆\"\ndate = 2026-06-26\ntags = [\"a\"]\n+++\n\n正文\n").unwrap();
        assert_eq!(r.front.title, "重庆");
        assert_eq!(r.front.date.unwrap().to_string(), "2026-06-26");
        assert_eq!(r.body, "\n正文\n");
        assert_eq!(r.body_line_offset, 5);
    }

    #[test]
    fn yaml_and_zola_forms() {
        let r =
            p("---\ntitle: T\ndate: 2026-01-02\ntaxonomies:\n  tags: [x, y]\nfoo: 1\n---\nbody")
                .unwrap();
        assert_eq!(r.front.tags, vec!["x", "y"]);
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0]
            .to_string()
            .starts_with("content/a.md:6: unknown front matter key `foo`"));
    }

    #[test]
    fn errors_have_lines() {
        let e = p("+++\ntitle = \"x\"\ndraft = \"yes\"\n+++\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let e = p("+++\ntitle = \"x\n+++\n").unwrap_err();
        assert!(e.line.is_some(), "{e}");
        let e = p("+++\ntitle = \"x\"\n").unwrap_err();
        assert!(e.message.contains("not closed"));
        let e = p("no front matter").unwrap_err();
        assert!(e.message.contains("missing front matter"));
        let e = p("+++\ndate = 2026-13-45\n+++\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn blank_lines_before_the_fence_are_accepted_and_counted() {
        let r = p("\n  \n+++\ntitle = \"T\"\nfoo = 1\n+++\n正文\n").unwrap();
        assert_eq!(r.front.title, "T");
        assert_eq!(r.body, "正文\n");
        assert_eq!(r.body_line_offset, 6);
        assert!(
            r.warnings[0]
                .to_string()
                .starts_with("content/a.md:5: unknown"),
            "{}",
            r.warnings[0]
        );
        assert_eq!(r.front.line_of("title"), Some(4));
        let e = p("\n\n+++\ntitle = \"x\"\ndraft = \"yes\"\n+++\n").unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        let e = p("\n\n---\ntitle: x\nbad: [1\n---\n").unwrap_err();
        assert_eq!(e.line, Some(6), "{e}");
        let e = p("\n\ntext").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }

    #[test]
    fn crlf_line_ends_and_a_byte_order_mark_are_accepted() {
        let r =
            p("\u{feff}\r\n+++\r\ntitle = \"T\"\r\ndate = 2026-06-26\r\n+++\r\n正文\r\n").unwrap();
        assert_eq!(r.front.title, "T");
        assert_eq!(r.front.date.unwrap().to_string(), "2026-06-26");
        assert_eq!(r.body, "正文\r\n");
        assert_eq!(r.body_line_offset, 5);
        let y = p("---\r\ntitle: T\r\ntags: [a]\r\n---\r\nbody").unwrap();
        assert_eq!(y.front.tags, vec!["a"]);
        let e = p("+++\r\ntitle = \"x\"\r\ndraft = \"yes\"\r\n+++\r\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }

    #[test]
    fn yaml_errors_point_at_file_lines() {
        let e = p("---\ntitle: x\nbad: [1\n---\n").unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        // Found by fuzzing: YAML counts a lone \r as a line break, baogao does not, so
        // the line it gave lay past the end of the file.
        let e = p("---\na\r\r\r\r\rb: c: d\n---\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn deeply_nested_yaml_is_refused_quickly() {
        let deep = format!(
            "---\ntitle: x\ntags: {}{}\n---\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let e = p(&deep).unwrap_err();
        assert!(
            started.elapsed().as_secs() < 2,
            "took {:?}",
            started.elapsed()
        );
        assert_eq!((e.line, e.col), (Some(3), Some(135)), "{e}");
        // Brackets in quotes and comments do not count.
        let quoted = format!(
            "---\ntitle: \"{}\" # {}\n---\n",
            "[".repeat(200),
            "{".repeat(200)
        );
        assert!(p(&quoted).is_ok());
        let nested = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert_eq!(too_deep_yaml(&nested), None);
        assert_eq!(too_deep_yaml(&format!("[{nested}]")), Some(128));
    }

    #[test]
    fn keys_and_key_figures_know_their_lines() {
        let kf = "label = \"a\"\ndata = \"d.csv\"\nrow = \"r\"\ncol = \"c\"\n";
        let text = format!(
            "+++\ntitle = \"x\"\ntemplate = \"t.html\"\n\n[[key_figures]]\n{kf}\n[[key_figures]]\n{kf}+++\n"
        );
        let r = p(&text).unwrap();
        assert_eq!(r.front.line_of("template"), Some(3));
        assert_eq!(r.front.line_of("slug"), None);
        let lines: Vec<usize> = r.front.key_figures.iter().map(|k| k.line).collect();
        assert_eq!(lines, [5, 11]);
    }
}
