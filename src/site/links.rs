//! Internal links between content files, as Zola and Hugo write them: Zola's
//! `[text](@/blog/post.md#part)` and Hugo's `{{< ref "post.md" >}}` / `relref`. Both
//! are replaced in the page's Markdown by the target page's path (with the site's base
//! path and the `#anchor`) before shortcodes are expanded; a missing target is an error
//! at the link's line and column. Links inside code are left as text. Any other Hugo
//! shortcode is an error here too (it would otherwise be published as text). Every link of
//! the body is also noted with its line and column, for `check`'s messages.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::context::Urls;
use super::pages::Page;
use crate::error::{line_col, Diagnostic};
use crate::load::{content::CONTENT_DIR, slash_path};
use crate::parse::shortcodes::code_ranges;

/// Every page and section of the build by its file below content/ (`blog/post.md`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LinkIndex {
    paths: BTreeMap<String, String>,
    /// Content files that exist but are not built, and why.
    unbuilt: BTreeMap<String, Unbuilt>,
}

/// Why a content file is not in the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unbuilt {
    Draft,
    /// It has errors of its own, reported already: a link to it is not one more.
    Broken,
}

impl LinkIndex {
    pub fn new<'a>(pages: impl IntoIterator<Item = &'a Page>, urls: &Urls) -> LinkIndex {
        let paths = pages
            .into_iter()
            .map(|p| (content_rel(&p.shown), urls.path(&p.url)))
            .collect();
        LinkIndex {
            paths,
            unbuilt: BTreeMap::new(),
        }
    }

    /// Notes the content files (`shown` paths) that exist but are not built.
    pub fn with_unbuilt<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a Path, Unbuilt)>,
    ) -> LinkIndex {
        self.unbuilt = files
            .into_iter()
            .map(|(shown, why)| (content_rel(shown), why))
            .collect();
        self
    }

    /// Files whose path differs between `self` and `other`, or that only one has.
    pub fn changed(&self, other: &LinkIndex) -> BTreeSet<String> {
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for (k, v) in &self.paths {
            if other.paths.get(k) != Some(v) {
                keys.insert(k.clone());
            }
        }
        for k in other.paths.keys() {
            if !self.paths.contains_key(k) {
                keys.insert(k.clone());
            }
        }
        keys
    }

    /// Zola: `@/` paths are always from content/ and name the file exactly.
    fn zola(&self, file: &str) -> Option<(&str, &str)> {
        self.paths
            .get_key_value(file)
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Hugo: a path from content/ when it starts with `/`, else first from the
    /// page's folder, then from content/, then any file ending so if only one does;
    /// `.md`, `/index.md` and `/_index.md` may be left out.
    fn hugo(&self, target: &str, page_dir: &str) -> Result<(&str, &str), String> {
        let (absolute, path) = match target.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, target),
        };
        let mut bases = Vec::new();
        if !absolute {
            bases.push(page_dir);
        }
        bases.push("");
        for base in bases {
            let joined = normalise(&format!("{base}/{path}"));
            if let Some(found) = spellings(&joined).iter().find_map(|s| self.zola(s)) {
                return Ok(found);
            }
        }
        if absolute {
            return Err(format!("no content file `{target}`"));
        }
        let ends: Vec<String> = spellings(path).iter().map(|s| format!("/{s}")).collect();
        let matches: Vec<(&str, &str)> = self
            .paths
            .iter()
            .filter(|(k, _)| ends.iter().any(|e| format!("/{k}").ends_with(e.as_str())))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!("no content file `{target}`")),
            [a, b, ..] => Err(format!(
                "`{target}` could be {a} or {b}; give the path from content/",
                a = a.0,
                b = b.0
            )),
        }
    }
}

/// The page's file below content/, with `/`.
fn content_rel(shown: &Path) -> String {
    slash_path(shown.strip_prefix(CONTENT_DIR).unwrap_or(shown))
}

/// The ways a Hugo reference may name a file.
fn spellings(path: &str) -> Vec<String> {
    let path = path.trim_matches('/');
    if path.ends_with(".md") {
        return vec![path.to_string()];
    }
    let mut out = vec![format!("{path}.md")];
    for index in ["index.md", "_index.md"] {
        out.push(if path.is_empty() {
            index.to_string()
        } else {
            format!("{path}/{index}")
        });
    }
    out
}

/// `a/./b/../c` → `a/c` (a `..` above content/ is dropped).
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A body with its internal links replaced, the files they point at, and where each
/// link of the body is written.
#[derive(Debug, Default)]
pub struct Resolved {
    pub markdown: String,
    pub targets: Vec<String>,
    pub spots: Vec<LinkSpot>,
}

/// One link as written in a source file: its address as published, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpot {
    pub href: String,
    pub line: usize,
    pub col: usize,
}

/// Replaces the internal links of `body` (the page `shown`, whose body starts after
/// `line_offset` lines); every link that points nowhere is an error.
pub fn resolve(
    body: &str,
    shown: &Path,
    line_offset: usize,
    index: &LinkIndex,
) -> Result<Resolved, Vec<Diagnostic>> {
    let rel = content_rel(shown);
    let page_dir = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    // Finding code parses the whole body again: only worth it when a Hugo call may be there.
    let code = match body.contains("{{<") || body.contains("{{%") {
        true => code_ranges(body),
        false => Vec::new(),
    };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut targets = Vec::new();
    let mut spots = Vec::new();
    let mut errors = Vec::new();
    let place = |offset: usize| {
        let (line, col) = line_col(body, offset);
        (line + line_offset, col)
    };
    let at = |offset: usize, message: String| {
        let (line, col) = place(offset);
        Diagnostic::at(shown, line, Some(col), message)
    };
    // Each internal link: where it is written, and the file and address it goes to.
    let mut found: Vec<(Range<usize>, Result<Target, Diagnostic>)> = Vec::new();
    for (range, href) in written_links(body) {
        let Some(target) = href.strip_prefix("@/") else {
            spots.push((range.start, href));
            continue;
        };
        let (file, anchor) = split_anchor(target);
        let result = match (index.zola(file), index.unbuilt.get(file)) {
            (Some((file, path)), _) => Ok((file, format!("{path}{anchor}"))),
            (None, Some(Unbuilt::Broken)) => continue,
            (None, Some(Unbuilt::Draft)) => Err(at(
                range.start,
                format!("internal link to `@/{file}`: that page is a draft"),
            )
            .with_hint("build with --drafts to include it, or link elsewhere")),
            (None, None) => Err(at(
                range.start,
                format!("internal link to `@/{file}`: no such page"),
            )
            .with_hint("`@/` paths start at content/, e.g. `@/blog/post.md`")),
        };
        found.push((range, result));
    }
    for (range, call) in hugo_calls(body, &code) {
        let target = match call {
            HugoCall::Ref(target) => target,
            HugoCall::Other(name) => {
                let message = format!("Hugo shortcode `{name}` is not supported");
                let hint = "baogao's shortcodes are written {{ name(key=\"value\") }}; write this one as Markdown or HTML, or escape it as {{</* … */>}} to show it";
                found.push((range.clone(), Err(at(range.start, message).with_hint(hint))));
                continue;
            }
        };
        let (file, anchor) = split_anchor(&target);
        let result = if file.is_empty() {
            index
                .zola(&rel)
                .ok_or_else(|| "this page is not in the build".to_string())
        } else {
            index.hugo(file, page_dir)
        };
        let result = result
            .map(|(file, path)| (file, format!("{path}{anchor}")))
            .map_err(|m| at(range.start, format!("internal link: {m}")));
        found.push((range, result));
    }
    for (range, result) in found {
        match result {
            Ok((file, href)) => {
                targets.push(file.to_string());
                spots.push((range.start, href.clone()));
                edits.push((range, href));
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut markdown = String::with_capacity(body.len());
    let mut last = 0;
    for (range, text) in edits {
        markdown.push_str(body.get(last..range.start).unwrap_or(""));
        markdown.push_str(&text);
        last = range.end;
    }
    markdown.push_str(body.get(last..).unwrap_or(""));
    targets.sort();
    targets.dedup();
    spots.sort();
    let mut lines = Places::new(body);
    let spots = spots
        .into_iter()
        .map(|(offset, href)| {
            let (line, col) = lines.at(offset);
            LinkSpot {
                href,
                line: line + line_offset,
                col,
            }
        })
        .collect();
    Ok(Resolved {
        markdown,
        targets,
        spots,
    })
}

/// Lines and columns of increasing byte offsets, each counted on from the last: a
/// page with 50,000 links must not be scanned from its start 50,000 times.
struct Places<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Places<'a> {
    fn new(text: &'a str) -> Self {
        Places {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// 1-based line and column (in characters) of `offset`, not before the last one.
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.max(self.offset);
        let between = self.text.get(self.offset..offset).unwrap_or("");
        if let Some(i) = between.rfind('\n') {
            self.line += between.matches('\n').count();
            self.line_start = self.offset + i + 1;
        }
        self.offset = offset;
        let col = self
            .text
            .get(self.line_start..offset)
            .map_or(0, |s| s.chars().count());
        (self.line, col + 1)
    }
}

/// The content file an internal link names and the address it is published at.
type Target<'a> = (&'a str, String);

fn split_anchor(target: &str) -> (&str, &str) {
    match target.find('#') {
        Some(i) => (target.get(..i).unwrap_or(""), target.get(i..).unwrap_or("")),
        None => (target, ""),
    }
}

/// Byte ranges and addresses of the links written in `body`: Markdown links and
/// images (inline, or their reference definitions) and `href`/`src` in raw HTML.
/// pulldown-cmark finds them, so nothing inside code is one.
fn written_links(body: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut parser = Parser::new_ext(body, Options::all()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if let Some(at) = find_in(body, range, &dest_url) {
                    found.push((at, dest_url.to_string()));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (at, value) in html_links(&html) {
                    found.push((range.start + at.start..range.start + at.end, value));
                }
            }
            _ => {}
        }
    }
    for (_, def) in parser.reference_definitions().iter() {
        if let Some(at) = find_in(body, def.span.clone(), &def.dest) {
            found.push((at, def.dest.to_string()));
        }
    }
    // A reference link and its definition name one destination: keep it once.
    found.sort_by_key(|(r, _)| r.start);
    found.dedup_by_key(|(r, _)| r.start);
    found
}

/// `href="…"` and `src="…"` values in a piece of raw HTML, with their byte ranges.
fn html_links(html: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for name in [" href=\"", " src=\""] {
        let mut from = 0;
        while let Some(i) = html.get(from..).and_then(|s| s.find(name)) {
            let start = from + i + name.len();
            let Some(len) = html.get(start..).and_then(|s| s.find('"')) else {
                break;
            };
            let value = html.get(start..start + len).unwrap_or("");
            out.push((start..start + len, value.to_string()));
            from = start + len;
        }
    }
    out
}

/// Where `needle` (a destination) is written inside `range` of `body`: the last
/// occurrence, since the link text comes first.
fn find_in(body: &str, range: Range<usize>, needle: &str) -> Option<Range<usize>> {
    let start = range.start;
    let i = body.get(range)?.rfind(needle)?;
    Some(start + i..start + i + needle.len())
}

/// A Hugo shortcode call found in a body.
enum HugoCall {
    /// `ref` or `relref`, with its target.
    Ref(String),
    /// Any other: its name (baogao cannot run it).
    Other(String),
}

/// Hugo shortcodes `{{< … >}}` and `{{% … %}}` outside code, on one line, not
/// escaped (`{{</* … */>}}`): byte ranges and what each is.
fn hugo_calls(body: &str, code: &[Range<usize>]) -> Vec<(Range<usize>, HugoCall)> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(i) = body.get(pos..).and_then(|s| s.find("{{")) {
        let start = pos + i;
        pos = start + 2;
        if code.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let rest = body.get(start..).unwrap_or("");
        let (open, close) = if rest.starts_with("{{<") {
            ("{{<", ">}}")
        } else if rest.starts_with("{{%") {
            ("{{%", "%}}")
        } else {
            continue;
        };
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let Some(end) = rest.get(..line_end).and_then(|l| l.find(close)) else {
            continue;
        };
        let inner = rest.get(open.len()..end).unwrap_or("").trim();
        if inner.starts_with("/*") {
            continue;
        }
        let call = match ref_target(inner) {
            Some(target) => HugoCall::Ref(target),
            None => {
                let name = inner.split_whitespace().next().unwrap_or("");
                HugoCall::Other(name.trim_start_matches('/').to_string())
            }
        };
        found.push((start..start + end + close.len(), call));
        pos = start + end + close.len();
    }
    found
}

/// The target of `ref "x"`, `relref "x"` or `ref path="x"` (other arguments ignored).
fn ref_target(inner: &str) -> Option<String> {
    let (name, args) = inner.split_once(char::is_whitespace)?;
    if name != "ref" && name != "relref" {
        return None;
    }
    let args = args.trim_start();
    let args = args.strip_prefix("path=").unwrap_or(args);
    let quote = args.chars().next().filter(|c| *c == '"' || *c == '`')?;
    let rest = args.get(1..)?;
    rest.find(quote)
        .and_then(|end| rest.get(..end))
        .map(str::to_string)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn index(files: &[(&str, &str)]) -> LinkIndex {
        LinkIndex {
            paths: files
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            unbuilt: BTreeMap::new(),
        }
    }

    #[test]
    fn links_to_drafts_are_errors_and_to_broken_files_are_not() {
        let idx = site().with_unbuilt([
            (Path::new("content/blog/wip.md"), Unbuilt::Draft),
            (Path::new("content/blog/bad.md"), Unbuilt::Broken),
        ]);
        let r = resolve(
            "[a](@/blog/wip.md) [b](@/blog/bad.md)",
            Path::new("content/x.md"),
            0,
            &idx,
        );
        let errs: Vec<String> = r.unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].contains("`@/blog/wip.md`: that page is a draft"),
            "{}",
            errs[0]
        );
    }

    fn site() -> LinkIndex {
        index(&[
            ("_index.md", "/"),
            ("blog/_index.md", "/blog/"),
            ("blog/post.md", "/blog/post/"),
            ("blog/trip/index.md", "/blog/trip/"),
            ("about.md", "/about/"),
        ])
    }

    fn run(body: &str) -> Result<String, Vec<String>> {
        resolve(body, Path::new("content/blog/other.md"), 3, &site())
            .map(|r| r.markdown)
            .map_err(|ds| ds.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn zola_links_inline_reference_and_image() {
        let got = run(
            "见[文章](@/blog/post.md#gai-kuang)与[关于][a]。\n\n![图](@/blog/trip/index.md)\n\n[a]: @/about.md\n",
        )
        .unwrap();
        assert_eq!(
            got,
            "见[文章](/blog/post/#gai-kuang)与[关于][a]。\n\n![图](/blog/trip/)\n\n[a]: /about/\n"
        );
    }

    #[test]
    fn hugo_refs_relative_absolute_and_by_name() {
        let got = run(
            "[a]({{< ref \"post.md\" >}}) [b]({{< relref \"/about\" >}}) [c]({{% ref path=\"trip#x\" %}}) [d]({{< ref \"#top\" >}})",
        );
        // This page is not in the index: `#top` alone has nothing to point at.
        assert!(got.is_err());
        let mut idx = site();
        idx.paths
            .insert("blog/other.md".into(), "/blog/other/".into());
        let got = resolve(
            "[a]({{< ref \"post.md\" >}}) [b]({{< relref \"/about\" >}}) [c]({{% ref path=\"trip#x\" %}}) [d]({{< ref \"#top\" >}})",
            Path::new("content/blog/other.md"),
            0,
            &idx,
        )
        .unwrap();
        assert_eq!(
            got.markdown,
            "[a](/blog/post/) [b](/about/) [c](/blog/trip/#x) [d](/blog/other/#top)"
        );
        assert_eq!(
            got.targets,
            vec![
                "about.md",
                "blog/other.md",
                "blog/post.md",
                "blog/trip/index.md"
            ]
        );
    }

    #[test]
    fn missing_targets_are_errors_at_line_and_column() {
        let errs =
            run("第一行\n看[这里](@/blog/gone.md)和{{< ref \"nowhere.md\" >}}。\n").unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0].starts_with("content/blog/other.md:5:7: internal link to `@/blog/gone.md`"),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].starts_with(
                "content/blog/other.md:5:23: internal link: no content file `nowhere.md`"
            ),
            "{}",
            errs[1]
        );
    }

    #[test]
    fn other_hugo_shortcodes_are_errors_unless_escaped() {
        let errs =
            run("{{< figure src=\"a.png\" >}}\n{{</* figure */>}} {{% /note %}}\n").unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0]
                .starts_with("content/blog/other.md:4:1: Hugo shortcode `figure` is not supported"),
            "{}",
            errs[0]
        );
        assert!(errs[1].contains("Hugo shortcode `note`"), "{}", errs[1]);
    }

    #[test]
    fn code_is_left_alone() {
        let body = "`[a](@/gone.md)` and\n\n```\n{{< ref \"gone.md\" >}}\n[b](@/gone.md)\n```\n";
        assert_eq!(run(body).unwrap(), body);
    }

    #[test]
    fn ambiguous_names_ask_for_the_full_path() {
        let idx = index(&[("a/post.md", "/a/post/"), ("b/post.md", "/b/post/")]);
        let errs = resolve("{{< ref \"post\" >}}", Path::new("content/c.md"), 0, &idx).unwrap_err();
        assert!(errs[0]
            .to_string()
            .contains("could be a/post.md or b/post.md"));
    }
}
