//! Markdown to HTML with pulldown-cmark: CommonMark plus GFM tables, footnotes,
//! strikethrough and heading ids. Every heading gets an id and an anchor link, and the
//! headings form the table of contents. Footnote ids carry a per-page prefix so two
//! pages shown on one listing never collide. Code blocks are highlighted (highlight.rs).

use pulldown_cmark::{
    html, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use super::highlight;
use super::slug::slugify;
use super::typeset::{pieces, Piece};

/// One heading in the table of contents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// The HTML of a Markdown text and what templates need to know about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id the HTML defines (headings, footnotes), for the link checker.
    pub ids: Vec<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Renders `markdown`; `prefix` makes footnote ids unique to the page.
pub fn render(markdown: &str, prefix: &str) -> Rendered {
    let mut out: Vec<Event> = Vec::new();
    let mut footnotes: Vec<Event> = Vec::new();
    let mut in_footnote = false;
    let mut heading: Option<(u8, Option<String>, Vec<Event>)> = None;
    let mut flat_toc: Vec<(u8, String, String)> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    // A code block being read: its fence info and its text so far.
    let mut code: Option<(String, String)> = None;
    // Code and image alt text are left as written; everything else is typeset.
    let mut verbatim_depth = 0usize;
    let mut note_numbers: Vec<String> = Vec::new();
    let mut note_number = |name: &str| -> usize {
        match note_numbers.iter().position(|n| n == name) {
            Some(i) => i + 1,
            None => {
                note_numbers.push(name.to_string());
                note_numbers.len()
            }
        }
    };

    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (info, body) = code.take().unwrap_or_default();
                let e = Event::Html(CowStr::from(highlight::code_block(&info, &body)));
                push(e, &mut heading, &mut out, &mut footnotes, in_footnote);
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level_number(level), id.map(|i| i.to_string()), Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, inner)) = heading.take() {
                    let text = plain_text(&inner);
                    let id = unique_id(explicit.unwrap_or_else(|| slugify(&text)), &mut ids);
                    let mut inner_html = String::new();
                    html::push_html(&mut inner_html, inner.into_iter());
                    let tag = format!(
                        "<h{level} id=\"{id}\">{inner_html} <a class=\"anchor\" href=\"#{id}\" aria-label=\"链接到本节\">#</a></h{level}>\n"
                    );
                    flat_toc.push((level, id, text));
                    out.push(Event::Html(CowStr::from(tag)));
                }
            }
            Event::FootnoteReference(name) => {
                let n = note_number(&name);
                let slug = slugify(&name);
                let html = format!(
                    "<sup class=\"footnote-ref\" id=\"fnref-{prefix}-{slug}\"><a href=\"#fn-{prefix}-{slug}\">{n}</a></sup>"
                );
                let e = Event::InlineHtml(CowStr::from(html));
                push(e, &mut heading, &mut out, &mut footnotes, in_footnote);
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                in_footnote = true;
                let n = note_number(&name);
                let slug = slugify(&name);
                ids.push(format!("fn-{prefix}-{slug}"));
                footnotes.push(Event::Html(CowStr::from(format!(
                    "<li id=\"fn-{prefix}-{slug}\" value=\"{n}\">\n"
                ))));
                // Back-link target: the reference's id.
                footnotes.push(Event::Html(CowStr::from(format!(
                    "<!-- back:{prefix}-{slug} -->"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_footnote = false;
                footnotes.push(Event::Html(CowStr::from("</li>\n")));
            }
            // Wide tables (and code blocks, highlight.rs) scroll inside their own box,
            // never the page; tabindex lets a keyboard reach and scroll that box.
            Event::Start(Tag::Table(a)) => {
                let wrap = Event::Html(CowStr::from("<div class=\"table-wrap\" tabindex=\"0\">\n"));
                push(wrap, &mut heading, &mut out, &mut footnotes, in_footnote);
                push(
                    Event::Start(Tag::Table(a)),
                    &mut heading,
                    &mut out,
                    &mut footnotes,
                    in_footnote,
                );
            }
            Event::End(TagEnd::Table) => {
                push(
                    Event::End(TagEnd::Table),
                    &mut heading,
                    &mut out,
                    &mut footnotes,
                    in_footnote,
                );
                let unwrap = Event::Html(CowStr::from("</div>\n"));
                push(unwrap, &mut heading, &mut out, &mut footnotes, in_footnote);
            }
            Event::Start(tag @ Tag::Image { .. }) => {
                verbatim_depth += 1;
                push(
                    Event::Start(tag),
                    &mut heading,
                    &mut out,
                    &mut footnotes,
                    in_footnote,
                );
            }
            Event::End(tag @ TagEnd::Image) => {
                verbatim_depth = verbatim_depth.saturating_sub(1);
                push(
                    Event::End(tag),
                    &mut heading,
                    &mut out,
                    &mut footnotes,
                    in_footnote,
                );
            }
            Event::Text(text) if verbatim_depth == 0 => {
                for e in keep_tokens_whole(&text) {
                    push(e, &mut heading, &mut out, &mut footnotes, in_footnote);
                }
            }
            other => push(other, &mut heading, &mut out, &mut footnotes, in_footnote),
        }
    }

    let mut body = String::new();
    html::push_html(&mut body, out.into_iter());
    if !footnotes.is_empty() {
        let mut notes = String::new();
        html::push_html(&mut notes, footnotes.into_iter());
        let notes = add_back_links(&notes);
        body.push_str("<section class=\"footnotes\" aria-label=\"脚注\">\n<ol>\n");
        body.push_str(&notes);
        body.push_str("</ol>\n</section>\n");
    }
    Rendered {
        html: body,
        toc: nest(&flat_toc),
        ids,
    }
}

/// A text as events, each unbreakable token inside `<span class="nobr">`.
fn keep_tokens_whole(text: &str) -> Vec<Event<'static>> {
    let mut events = Vec::new();
    for piece in pieces(text) {
        match piece {
            Piece::Free(s) if !s.is_empty() => {
                events.push(Event::Text(CowStr::from(s.to_string())))
            }
            Piece::Free(_) => {}
            Piece::Whole(s) => {
                events.push(Event::InlineHtml(CowStr::from("<span class=\"nobr\">")));
                events.push(Event::Text(CowStr::from(s.to_string())));
                events.push(Event::InlineHtml(CowStr::from("</span>")));
            }
        }
    }
    events
}

fn push<'a>(
    e: Event<'a>,
    heading: &mut Option<(u8, Option<String>, Vec<Event<'a>>)>,
    out: &mut Vec<Event<'a>>,
    footnotes: &mut Vec<Event<'a>>,
    in_footnote: bool,
) {
    if let Some((_, _, inner)) = heading.as_mut() {
        inner.push(e);
    } else if in_footnote {
        footnotes.push(e);
    } else {
        out.push(e);
    }
}

/// Replaces each back-link marker with a link placed at the end of the note's text.
fn add_back_links(notes: &str) -> String {
    let mut result = String::with_capacity(notes.len());
    let mut pending: Option<String> = None;
    for line in notes.split_inclusive('\n') {
        if let Some(rest) = line.trim().strip_prefix("<!-- back:") {
            pending = rest.strip_suffix(" -->").map(str::to_string);
            continue;
        }
        if line.starts_with("</li>") {
            if let Some(target) = pending.take() {
                result.push_str(&format!(
                    "<a class=\"footnote-back\" href=\"#fnref-{target}\" aria-label=\"返回正文\">↩</a>\n"
                ));
            }
        }
        result.push_str(line);
    }
    result
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

fn unique_id(base: String, ids: &mut Vec<String>) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    ids.push(id.clone());
    id
}

/// Turns a flat list of headings into a tree: deeper headings nest under the last
/// shallower one.
fn nest(flat: &[(u8, String, String)]) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry {
            level: *level,
            id: id.clone(),
            title: title.clone(),
            children: Vec::new(),
        };
        insert(&mut roots, entry);
    }
    roots
}

fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
    match list.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => list.push(entry),
    }
}

/// Counts what a reader reads: each CJK character, and each run of Latin letters/digits.
pub fn word_count(markdown: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for ch in markdown.chars() {
        // Han characters are most of a Chinese text: counted without the slow Unicode
        // table lookup (every one of these is alphabetic; a test checks).
        if is_han(ch) || (ch.is_alphanumeric() && !ch.is_ascii() && is_wide(ch)) {
            count += 1;
            in_word = false;
        } else if ch.is_alphanumeric() {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

/// CJK Unified Ideographs and Extension A: assigned and alphabetic throughout.
fn is_han(ch: char) -> bool {
    matches!(ch as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

fn is_wide(ch: char) -> bool {
    matches!(ch as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// The opening tags of a code block: as pulldown-cmark writes them (the info string's
/// first word as `language-…`), plus a tabindex so a wide block can be scrolled by keyboard.
#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_ids_and_toc() {
        let r = render("## 基础设施\n\n### Detail {#d}\n\n## 基础设施\n", "p");
        assert!(
            r.html.contains(
                "<h2 id=\"ji-chu-she-shi\">基础设施 <a class=\"anchor\" href=\"#ji-chu-she-shi\""
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"d\">"));
        assert!(r.html.contains("id=\"ji-chu-she-shi-1\""));
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children[0].id, "d");
    }

    #[test]
    fn footnotes_are_prefixed_and_collected() {
        let r = render("正文[^a]。\n\n[^a]: 注释。\n", "page-x");
        assert!(r.html.contains("href=\"#fn-page-x-a\""), "{}", r.html);
        assert!(r.html.contains("<li id=\"fn-page-x-a\""));
        assert!(r.html.contains("href=\"#fnref-page-x-a\""));
        assert!(r.ids.contains(&"fn-page-x-a".to_string()));
    }

    #[test]
    fn gfm_tables_and_strikethrough() {
        let r = render("|a|b|\n|-|-|\n|1|2|\n\n~~x~~\n", "p");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
    }

    #[test]
    fn figures_and_dates_are_kept_whole_but_not_in_code() {
        let r = render(
            "## 2026年1—5月\n\n完成41.7%。\n\n```\n41.7%\n```\n\n![6月30日](a.png)\n",
            "p",
        );
        assert!(
            r.html
                .contains("<span class=\"nobr\">2026年1—5月</span> <a class=\"anchor\""),
            "{}",
            r.html
        );
        assert!(r
            .html
            .contains("<p>完成<span class=\"nobr\">41.7%</span>。</p>"));
        assert!(
            r.html
                .contains("<code><span class=\"line\">41.7%</span>\n</code>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("alt=\"6月30日\""), "{}", r.html);
        assert_eq!(r.toc[0].title, "2026年1—5月");
    }

    #[test]
    fn counts_cjk_and_latin() {
        assert_eq!(word_count("重庆 invests 2020 亿元"), 6);
    }

    #[test]
    fn han_characters_counted_without_the_table_are_all_alphabetic() {
        let han = (0x3400..=0x4DBF).chain(0x4E00..=0x9FFF);
        for ch in han.filter_map(char::from_u32) {
            assert!(is_han(ch) && ch.is_alphanumeric() && is_wide(ch), "{ch}");
        }
    }

    #[test]
    fn wide_boxes_can_be_scrolled_by_keyboard() {
        let r = render(
            "```toml\na = \"<b>\"\n```\n\n    indented\n\n| a |\n|---|\n| 1 |\n",
            "p",
        );
        assert!(
            r.html.contains("<pre class=\"code\" data-lang=\"toml\" tabindex=\"0\"><code class=\"language-toml\">"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<pre class=\"code\" tabindex=\"0\"><code><span class=\"line\">indented</span>\n</code></pre>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<div class=\"table-wrap\" tabindex=\"0\">"),
            "{}",
            r.html
        );
    }
}
