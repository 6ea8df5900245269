//! `baogao check`'s link checker: every internal `href`/`src` in the built HTML must
//! name a built file, and every `#anchor` an id in that file.
//!
//! Only attributes of real tags count (code shows `<a href>` as escaped text, so it
//! is never a link). Each finding names where the link is written, line and column:
//! the spot noted when the body was parsed, else the text outside code of the source
//! file, else the site template that writes it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::links::LinkSpot;
use crate::error::{line_col, read_text, Diagnostic};
use crate::load::walk_files;
use crate::parse::shortcodes::code_ranges;
use crate::render::TEMPLATES_DIR;

/// Checks links in `files` (output path → bytes). `base_path` is the site's URL
/// prefix; `origins` maps output files to the source files they came from.
pub fn check_links(
    root: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    base_path: &str,
    origins: &BTreeMap<String, PathBuf>,
    spots: &BTreeMap<PathBuf, Vec<LinkSpot>>,
) -> Vec<Diagnostic> {
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in files {
        if path.ends_with(".html") || path.ends_with(".svg") {
            ids.insert(
                path,
                attribute_values(&String::from_utf8_lossy(bytes), "id")
                    .into_iter()
                    .collect(),
            );
        }
    }
    // Each problem with what its link points at (output file and anchor).
    let mut problems: Vec<(Diagnostic, String)> = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let mut links = attribute_values(&html, "href");
        links.extend(attribute_values(&html, "src"));
        // The n-th time a page links somewhere is the n-th link to it written there.
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for link in links {
            let Some((problem, target)) = check_one(&link, path, base_path, files, &ids) else {
                continue;
            };
            let nth = seen.entry(link.clone()).or_default();
            *nth += 1;
            let origin = origins
                .get(path)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(path));
            let written = Written {
                link: &link,
                nth: *nth - 1,
            };
            problems.push((locate(root, &origin, written, problem, spots), target));
        }
    }
    // A page's summary is shown again on its section's, home's and tags' listings: the
    // same bad link found there, with no place of its own, is the one already reported
    // where it is written.
    let placed: BTreeSet<String> = problems
        .iter()
        .filter(|(d, _)| d.line.is_some())
        .map(|(_, target)| target.clone())
        .collect();
    let mut problems: Vec<Diagnostic> = problems
        .into_iter()
        .filter(|(d, target)| d.line.is_some() || !placed.contains(target))
        .map(|(d, _)| d)
        .collect();
    problems.sort_by(|a, b| {
        (&a.file, a.line, a.col, &a.message).cmp(&(&b.file, b.line, b.col, &b.message))
    });
    problems.dedup();
    problems
}

/// What is wrong with one link, and what it points at (`file#anchor`, or the link as
/// written when it leaves the site), or None when it is fine or not internal.
fn check_one(
    link: &str,
    from: &str,
    base_path: &str,
    files: &BTreeMap<String, Vec<u8>>,
    ids: &BTreeMap<&str, BTreeSet<String>>,
) -> Option<(String, String)> {
    if link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("data:")
        || link.starts_with("//")
    {
        return None;
    }
    let (path_part, anchor) = match link.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (link, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let target = if path_part.is_empty() {
        from.to_string()
    } else if let Some(rest) = path_part.strip_prefix(base_path) {
        resolve_dir(rest)
    } else if path_part.starts_with('/') {
        return Some((
            format!("link `{link}` is outside the site's base path `{base_path}`"),
            link.to_string(),
        ));
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        resolve_dir(&normalize(&format!("{dir}/{path_part}"))?)
    };
    if !files.contains_key(&target) {
        return Some((
            format!("broken link `{link}`: no page or file at that address"),
            target,
        ));
    }
    if let Some(a) = anchor.filter(|a| !a.is_empty()) {
        let known = ids.get(target.as_str()).is_some_and(|set| set.contains(a));
        if !known {
            return Some((
                format!("broken anchor `{link}`: no element with id `{a}` there"),
                format!("{target}#{a}"),
            ));
        }
    }
    None
}

/// `reports/x/` → `reports/x/index.html`; `` → `index.html`.
fn resolve_dir(rest: &str) -> String {
    let decoded = percent_decode(rest);
    if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    }
}

fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut s = parts.join("/");
    if path.ends_with('/') && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b, hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Values of the `name` attribute of every tag in `html` (quoted with `"` or `'`).
/// Text between tags is skipped, so escaped markup in code never counts.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = rest.get(open + 1..).unwrap_or("");
        if rest.starts_with("!--") {
            rest = rest.find("-->").and_then(|e| rest.get(e..)).unwrap_or("");
            continue;
        }
        let end = tag_end(rest);
        let tag = rest.get(..end).unwrap_or("");
        out.extend(tag_attribute(tag, name));
        rest = rest.get(end..).unwrap_or("");
    }
    out
}

/// The byte length of a tag's inside up to its `>`, skipping quoted values.
fn tag_end(tag: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i,
            _ => {}
        }
    }
    tag.len()
}

/// The value of attribute `name` inside one tag (`a href="x" class=y`).
fn tag_attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let i = rest.find(name)?;
        let before = rest.get(..i).and_then(|b| b.chars().last());
        rest = rest.get(i + name.len()..)?;
        let after = rest.trim_start();
        if !before.is_some_and(char::is_whitespace) || !after.starts_with('=') {
            continue;
        }
        let value = after.get(1..)?.trim_start();
        let quote = value.chars().next()?;
        let raw = if quote == '"' || quote == '\'' {
            let inner = value.get(1..)?;
            inner.get(..inner.find(quote)?)?
        } else {
            value.split(char::is_whitespace).next()?
        };
        // Templates escape attribute values (`'` as `&#39;`): the link is the decoded text.
        return Some(html_escape::decode_html_entities(raw).into_owned());
    }
}

/// A link found in a built page, and how many times the page linked there before.
#[derive(Clone, Copy)]
struct Written<'a> {
    link: &'a str,
    nth: usize,
}

/// Names where the link is written: its noted spot in the page, else its text
/// outside code in the source file, else a site template writing it, else the file.
fn locate(
    root: &Path,
    origin: &Path,
    written: Written,
    message: String,
    spots: &BTreeMap<PathBuf, Vec<LinkSpot>>,
) -> Diagnostic {
    let link = written.link;
    let same = |s: &&LinkSpot| percent_decode(&s.href) == percent_decode(link);
    let noted = spots
        .get(origin)
        .and_then(|list| {
            let mut here = list.iter().filter(same);
            here.clone().nth(written.nth).or_else(|| here.next())
        })
        .map(|s| (origin.to_path_buf(), s))
        // A summary on a listing: the page that wrote it.
        .or_else(|| {
            spots
                .iter()
                .find_map(|(file, list)| list.iter().find(same).map(|s| (file.clone(), s)))
        });
    if let Some((file, spot)) = noted {
        return Diagnostic::at(file, spot.line, Some(spot.col), message);
    }
    if let Some((line, col)) = find_outside_code(root, origin, link) {
        return Diagnostic::at(origin, line, Some(col), message);
    }
    let templates = root.join(TEMPLATES_DIR);
    for rel in walk_files(&templates).unwrap_or_default() {
        let shown = Path::new(TEMPLATES_DIR).join(&rel);
        if let Some((line, col)) = find_outside_code(root, &shown, link) {
            return Diagnostic::at(shown, line, Some(col), message);
        }
    }
    Diagnostic::file(origin, message)
}

/// Line and column of `link` in the file `shown` (relative to `root`), outside code
/// spans and blocks.
fn find_outside_code(root: &Path, shown: &Path, link: &str) -> Option<(usize, usize)> {
    if link.is_empty() {
        return None;
    }
    let text = read_text(&root.join(shown), shown).ok()?;
    let code = if shown.extension().is_some_and(|e| e == "md") {
        code_ranges(&text)
    } else {
        Vec::new()
    };
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|s| s.find(link)) {
        let at = from + i;
        if !code.iter().any(|r| r.contains(&at)) {
            return Some(line_col(&text, at));
        }
        from = at + link.len();
    }
    None
}
