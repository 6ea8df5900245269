//! Listing summaries (home, sections, tags, atom.xml) cut from the page's rendered HTML,
//! so no Markdown syntax, footnote marker or shortcode can leak into them: the text before
//! `<!-- more -->`, else the description, else the first paragraph. Footnote references
//! and heading anchors are dropped, since their targets are not on the listing.

use crate::render::escape_html;

/// The marker a page's Markdown uses to end its summary; Markdown keeps it in the HTML.
const MORE: &str = "<!-- more -->";

/// The summary of a page whose body rendered to `html`.
pub fn summary_html(html: &str, description: Option<&str>) -> String {
    if let Some((before, _)) = html.split_once(MORE) {
        return clean(before).trim().to_string();
    }
    if let Some(d) = description {
        return format!("<p>{}</p>", escape_html(d));
    }
    match (html.find("<p>"), html.find("</p>")) {
        (Some(s), Some(e)) if e > s => clean(html.get(s..e + 4).unwrap_or("")),
        _ => String::new(),
    }
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
    while let Some(s) = rest.find(start) {
        out.push_str(rest.get(..s).unwrap_or(""));
        let after = rest.get(s..).unwrap_or("");
        match after.find(end) {
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
    fn text_before_more_keeps_no_footnote_marker() {
        let html = rendered(
            "融资需求约2000亿元[^1]。\n\n<!-- more -->\n\n## 后文\n\n[^1]: 原文用“近”字。\n",
        );
        let s = summary_html(&html, Some("描述"));
        assert_eq!(s, "<p>融资需求约<span class=\"nobr\">2000亿元</span>。</p>");
    }

    #[test]
    fn description_is_escaped_when_there_is_no_more_marker() {
        let s = summary_html(&rendered("正文。\n"), Some("a < b"));
        assert_eq!(s, "<p>a &lt; b</p>");
    }

    #[test]
    fn first_paragraph_loses_markers_and_anchors() {
        let html = rendered("## 标题\n\n第一段[^n]。\n\n第二段。\n\n[^n]: 注。\n");
        assert_eq!(summary_html(&html, None), "<p>第一段。</p>");
        let with_heading = rendered("## 标题\n\n一段。\n\n<!-- more -->\n");
        let s = summary_html(&with_heading, None);
        assert!(s.starts_with("<h2 id=\"biao-ti\">标题</h2>"), "{s}");
        assert!(!s.contains("anchor"), "{s}");
    }

    #[test]
    fn a_more_marker_inside_code_is_not_the_marker() {
        let html = rendered("第一段。\n\n```\n<!-- more -->\n```\n");
        assert_eq!(summary_html(&html, None), "<p>第一段。</p>");
    }
}
