//! `baogao check`'s link checker: every internal `href`/`src` in the built HTML must
//! name a built file, and every `#anchor` an id in that file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::{read_text, Diagnostic};

/// Checks links in `files` (output path → bytes). `base_path` is the site's URL
/// prefix; `origins` maps output files to the source files they came from.
pub fn check_links(
    root: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    base_path: &str,
    origins: &BTreeMap<String, PathBuf>,
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
    let mut problems = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let mut links = attribute_values(&html, "href");
        links.extend(attribute_values(&html, "src"));
        for link in links {
            let Some(problem) = check_one(&link, path, base_path, files, &ids) else {
                continue;
            };
            let origin = origins
                .get(path)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(path));
            problems.push(locate(root, &origin, &link, problem));
        }
    }
    problems.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    problems.dedup();
    problems
}

/// What is wrong with one link, or None when it is fine or not internal.
fn check_one(
    link: &str,
    from: &str,
    base_path: &str,
    files: &BTreeMap<String, Vec<u8>>,
    ids: &BTreeMap<&str, BTreeSet<String>>,
) -> Option<String> {
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
        return Some(format!(
            "link `{link}` is outside the site's base path `{base_path}`"
        ));
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        resolve_dir(&normalize(&format!("{dir}/{path_part}"))?)
    };
    if !files.contains_key(&target) {
        return Some(format!(
            "broken link `{link}`: no page or file at that address"
        ));
    }
    if let Some(a) = anchor.filter(|a| !a.is_empty()) {
        let known = ids.get(target.as_str()).is_some_and(|set| set.contains(a));
        if !known {
            return Some(format!(
                "broken anchor `{link}`: no element with id `{a}` there"
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

/// Values of `name="…"` attributes (double-quoted, as baogao's templates write them).
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = rest.get(i + needle.len()..).unwrap_or("");
        if let Some(end) = rest.find('"') {
            out.push(rest.get(..end).unwrap_or("").replace("&amp;", "&"));
            rest = rest.get(end..).unwrap_or("");
        }
    }
    out
}

/// Names the source file, and the line where the link is written when it can be found.
fn locate(root: &Path, origin: &Path, link: &str, message: String) -> Diagnostic {
    let text = read_text(&root.join(origin), origin).unwrap_or_default();
    let needle = link.rsplit('/').find(|s| !s.is_empty()).unwrap_or(link);
    match text
        .lines()
        .position(|l| l.contains(link) || l.contains(needle))
    {
        Some(i) if !needle.is_empty() => Diagnostic::at(origin, i + 1, None, message),
        _ => Diagnostic::file(origin, message),
    }
}
