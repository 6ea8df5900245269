//! Listing summaries (home, sections, tags, atom.xml) cut from the page's rendered HTML,
//! so no Markdown syntax, footnote marker or shortcode can leak into them: the text before
//! `<!-- more -->`, else the description, else the first paragraph. Footnote references
//! and heading anchors are dropped, since their targets are not on the listing.

use crate::parse::search;
use crate::render::escape_html;

/// The marker a page's Markdown uses to end its summary; Markdown keeps it in the HTML.
const MORE: &str = "<!-- more -->";

/// The summary of a page whose body rendered to `html`. `page_dir` is the page's URL
/// path (`/base/section/page/`): a summary is shown on other pages, so its relative links
/// are rewritten to absolute paths that work wherever it appears.
pub fn summary_html(html: &str, description: Option<&str>, page_dir: &str) -> String {
    if let Some(before) = search::find(html, MORE).and_then(|at| html.get(..at)) {
        return absolute_links(clean(before).trim(), page_dir);
    }
    if let Some(d) = description {
        return format!("<p>{}</p>", escape_html(d));
    }
    match (search::find(html, "<p>"), search::find(html, "</p>")) {
        (Some(s), Some(e)) if e > s => {
            absolute_links(&clean(html.get(s..e + 4).unwrap_or("")), page_dir)
        }
        _ => String::new(),
    }
}

/// `html` with every relative `href`/`src` resolved against `page_dir`.
fn absolute_links(html: &str, page_dir: &str) -> String {
    rewrite_links(html, |link| resolve(link, page_dir))
}

/// A body shown at another URL than its own with every relative `href`/`src` resolved
/// against `dir`, its own URL path, as [`summary_html`] does — except links to a spot on
/// the page (`#fn-1`), since the whole body, headings and footnotes too, is shown.
pub fn rebased_body(html: &str, dir: &str) -> String {
    rewrite_links(html, |link| match link.starts_with('#') {
        true => link.to_string(),
        false => resolve(link, dir),
    })
}

/// `html` with the value of every ` href="…"` and ` src="…"` replaced by `rewrite`'s.
fn rewrite_links(html: &str, rewrite: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = [" href=\"", " src=\""]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|at| (at, at + attr.len())))
            .min();
        let Some((_, value_start)) = next else {
            break;
        };
        out.push_str(rest.get(..value_start).unwrap_or(""));
        let tail = rest.get(value_start..).unwrap_or("");
        let end = tail.find('"').unwrap_or(tail.len());
        let value = tail.get(..end).unwrap_or("");
        out.push_str(&rewrite(value));
        rest = tail.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// `link` as an absolute path when it is relative to `page_dir`; other links unchanged.
fn resolve(link: &str, page_dir: &str) -> String {
    let has_scheme = link
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']));
    if link.is_empty() || link.starts_with('/') || has_scheme {
        return link.to_string();
    }
    let (path, suffix) = match link.find(['?', '#']) {
        Some(at) => (link.get(..at).unwrap_or(""), link.get(at..).unwrap_or("")),
        None => (link, ""),
    };
    let mut parts: Vec<&str> = page_dir.split('/').filter(|p| !p.is_empty()).collect();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | "" if i + 1 < segments.len() => {}
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    let trailing = path.is_empty() || path.ends_with('/') || path.ends_with("/.");
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    out.push_str(suffix);
    out
}

/// `html` without footnote references and heading anchors.
fn clean(html: &str) -> String {
    let html = remove_elements(html, "<sup class=\"footnote-ref\"", "</sup>");
    remove_elements(&html, " <a class=\"anchor\"", "</a>")
}

/// Removes every stretch from `start` to the next `end` (inclusive).
fn remove_elements(html: &str, start: &str, end: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(s) = search::find(rest, start) {
        out.push_str(rest.get(..s).unwrap_or(""));
        let after = rest.get(s..).unwrap_or("");
        match search::find(after, end) {
            Some(e) => rest = after.get(e + end.len()..).unwrap_or(""),
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::parse::markdown;

    fn rendered(md: &str) -> String {
        markdown::render(md, "p").html
    }

    #[test]
    fn relative_links_become_absolute() {
        let dir = "/baogao/gallery/hbar/";
        let html = "<p><a href=\"../../reference/charts/\">a</a> <a href=\"x.csv\">b</a> \
                    <a href=\"#top\">c</a> <a href=\"https://e.org/x\">d</a> \
                    <a href=\"/abs/\">e</a> <img src=\"./p.png\" alt=\"\"></p>";
        let out = absolute_links(html, dir);
        for want in [
            "href=\"/baogao/reference/charts/\"",
            "href=\"/baogao/gallery/hbar/x.csv\"",
            "href=\"/baogao/gallery/hbar/#top\"",
            "href=\"https://e.org/x\"",
            "href=\"/abs/\"",
            "src=\"/baogao/gallery/hbar/p.png\"",
        ] {
            assert!(out.contains(want), "{want}: {out}");
        }
        assert_eq!(resolve("mailto:a@b.c", dir), "mailto:a@b.c");
        assert_eq!(resolve("../", dir), "/baogao/gallery/");
    }

    #[test]
    fn a_rebased_body_keeps_links_to_its_own_spots() {
        let html = "<a href=\"../a/\">a</a><a href=\"#fn-1\">1</a><img src=\"p.png\">";
        assert_eq!(
            rebased_body(html, "/sec/"),
            "<a href=\"/a/\">a</a><a href=\"#fn-1\">1</a><img src=\"/sec/p.png\">"
        );
    }

    #[test]
    fn text_before_more_keeps_no_footnote_marker() {
        let html = rendered(
            "融资需求约2000亿元[^1]。\n\n<!-- more -->\n\n## 后文\n\n[^1]: 原文用“近”字。\n",
        );
        let s = summary_html(&html, Some("描述"), "/p/");
        assert_eq!(s, "<p>融资需求约<span class=\"nobr\">2000亿元</span>。</p>");
    }

    #[test]
    fn description_is_escaped_when_there_is_no_more_marker() {
        let s = summary_html(&rendered("正文。\n"), Some("a < b"), "/p/");
        assert_eq!(s, "<p>a &lt; b</p>");
    }

    #[test]
    fn first_paragraph_loses_markers_and_anchors() {
        let html = rendered("## 标题\n\n第一段[^n]。\n\n第二段。\n\n[^n]: 注。\n");
        assert_eq!(summary_html(&html, None, "/p/"), "<p>第一段。</p>");
        let with_heading = rendered("## 标题\n\n一段。\n\n<!-- more -->\n");
        let s = summary_html(&with_heading, None, "/p/");
        assert!(s.starts_with("<h2 id=\"biao-ti\">标题</h2>"), "{s}");
        assert!(!s.contains("anchor"), "{s}");
    }

    #[test]
    fn a_more_marker_inside_code_is_not_the_marker() {
        let html = rendered("第一段。\n\n```\n<!-- more -->\n```\n");
        assert_eq!(summary_html(&html, None, "/p/"), "<p>第一段。</p>");
    }
}
