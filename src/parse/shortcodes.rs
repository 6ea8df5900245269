//! Finding and parsing shortcodes in Markdown (SPEC §7), called as Zola calls them: inline
//! `{{ name(key="value", n=1, on=true, list=[1, "a"]) }}` and with a body
//! `{% name(key="value") %}…{% end %}`.
//!
//! Shortcodes inside code spans and code blocks are left as text: pulldown-cmark tells
//! us where code is, so we never guess at backticks ourselves. This module only parses;
//! what a shortcode expands to is decided by the site (it needs data and charts).

use std::collections::BTreeMap;
use std::ops::Range;

use super::search;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// baogao's own shortcodes; a site shortcode may not take these names.
pub const BUILT_IN: [&str; 4] = ["chart", "value", "share", "table"];

/// An argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    Bool(bool),
    Array(Vec<Arg>),
}

impl Arg {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Arg::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The argument as a template sees it.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Arg::Str(s) => serde_json::json!(s),
            Arg::Num(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => serde_json::json!(*n as i64),
            Arg::Num(n) => serde_json::json!(n),
            Arg::Bool(b) => serde_json::json!(b),
            Arg::Array(items) => items.iter().map(Arg::to_json).collect(),
        }
    }
}

/// One shortcode call found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, Arg>,
    /// The text between `{% name(…) %}` and `{% end %}`; none for an inline call.
    pub body: Option<String>,
    /// Byte range of the whole call in the text (`{{ … }}`, or through `{% end %}`).
    pub range: Range<usize>,
}

/// A malformed shortcode: byte offset in the text and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// Byte ranges of code (spans and blocks) in `markdown`.
pub fn code_ranges(markdown: &str) -> Vec<Range<usize>> {
    if !may_hold_code(markdown) {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let mut block_start: Option<usize> = None;
    for (event, range) in Parser::new_ext(markdown, Options::all()).into_offset_iter() {
        match event {
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                ranges.push(block_start.take().unwrap_or(range.start)..range.end)
            }
            _ => {}
        }
    }
    ranges
}

/// Whether `markdown` can hold code at all: a code span needs a backtick, a fence three
/// backticks or tildes, math a dollar sign, and an indented block (in any container) four
/// spaces or a tab. Most report pages have none of these, and are not parsed to find none.
fn may_hold_code(markdown: &str) -> bool {
    markdown.contains(['`', '~', '$', '\t']) || search::find(markdown, "    ").is_some()
}

/// Every shortcode in `markdown` outside code, in order, or every malformed one.
pub fn find(markdown: &str) -> Result<Vec<Shortcode>, Vec<ParseError>> {
    // Finding code parses the whole text: done at the first opening, if there is one.
    let mut code: Option<Vec<Range<usize>>> = None;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let mut pos = 0;
    while let Some(rel) = markdown.get(pos..).and_then(next_opening) {
        let start = pos + rel;
        let code = code.get_or_insert_with(|| code_ranges(markdown));
        if let Some(r) = code.iter().find(|r| r.contains(&start)) {
            pos = r.end.max(start + 2);
            continue;
        }
        match parse_one(markdown, start) {
            Ok(Some(sc)) => {
                pos = sc.range.end;
                found.push(sc);
            }
            Ok(None) => pos = start + 2,
            Err(e) => {
                errors.push(e);
                pos = start + 2;
            }
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// Offset of the next `{{` or `{%` in `text`.
fn next_opening(text: &str) -> Option<usize> {
    match (search::find(text, "{{"), search::find(text, "{%")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Where the `{% end %}` closing a body starts and ends, searching from `from`.
fn find_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut pos = from;
    while let Some(rel) = text.get(pos..).and_then(|s| search::find(s, "{%")) {
        let start = pos + rel;
        let mut c = Cursor {
            text,
            pos: start + 2,
        };
        c.skip_ws();
        if c.eat("end") {
            c.skip_ws();
            if c.eat("%}") {
                return Some((start, c.pos));
            }
        }
        pos = start + 2;
    }
    None
}

/// A small cursor over the text of one shortcode.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or("")
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| *c == ' ' || *c == '\t') {
            self.pos += c.len_utf8();
        }
    }
    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }
    fn ident(&mut self) -> String {
        let start = self.pos;
        while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
            self.pos += c.len_utf8();
        }
        self.text.get(start..self.pos).unwrap_or("").to_string()
    }
    fn err(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            offset: self.pos,
            message: message.into(),
        }
    }
}

/// Parses the shortcode starting at `start` (which holds `{{`). `Ok(None)` when the
/// braces do not start a shortcode at all (e.g. `{{` in prose), so they stay as text.
fn parse_one(text: &str, start: usize) -> Result<Option<Shortcode>, ParseError> {
    let with_body = text.get(start..).is_some_and(|s| s.starts_with("{%"));
    let close = if with_body { "%}" } else { "}}" };
    let mut c = Cursor {
        text,
        pos: start + 2,
    };
    c.skip_ws();
    let name = c.ident();
    if name.is_empty()
        || !name
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_alphabetic())
    {
        return Ok(None);
    }
    c.skip_ws();
    if !c.eat("(") {
        return Ok(None);
    }
    let mut args = BTreeMap::new();
    loop {
        c.skip_ws();
        if c.eat(")") {
            break;
        }
        if !args.is_empty() && !c.eat(",") {
            return Err(c.err(format!("expected `,` or `)` in shortcode `{name}`")));
        }
        c.skip_ws();
        let key = c.ident();
        if key.is_empty() {
            return Err(c.err(format!(
                "expected an argument name like key=\"value\" in shortcode `{name}`"
            )));
        }
        c.skip_ws();
        if !c.eat("=") {
            return Err(c.err(format!("expected `=` after `{key}` in shortcode `{name}`")));
        }
        c.skip_ws();
        let value = parse_value(&mut c, 0)?;
        if args.insert(key.clone(), value).is_some() {
            return Err(c.err(format!("argument `{key}` given twice")));
        }
    }
    c.skip_ws();
    if !c.eat(close) {
        return Err(c.err(format!("shortcode `{name}` is not closed with `{close}`")));
    }
    let mut body = None;
    if with_body {
        let Some((end_start, end_stop)) = find_end(text, c.pos) else {
            return Err(ParseError {
                offset: start,
                message: format!("shortcode `{name}` has a body but no `{{% end %}}` after it"),
            });
        };
        body = Some(text.get(c.pos..end_start).unwrap_or("").to_string());
        c.pos = end_stop;
    }
    Ok(Some(Shortcode {
        name,
        args,
        body,
        range: start..c.pos,
    }))
}

/// How deeply lists may nest in an argument (deeper input is refused, not recursed into).
const MAX_LIST_DEPTH: usize = 16;

fn parse_value(c: &mut Cursor, depth: usize) -> Result<Arg, ParseError> {
    if c.peek() == Some('[') && depth >= MAX_LIST_DEPTH {
        return Err(c.err(format!("lists nest more than {MAX_LIST_DEPTH} deep")));
    }
    if c.eat("[") {
        let mut items = Vec::new();
        loop {
            c.skip_ws();
            if c.eat("]") {
                return Ok(Arg::Array(items));
            }
            if !items.is_empty() {
                if !c.eat(",") {
                    return Err(c.err("expected `,` or `]` in a list"));
                }
                c.skip_ws();
                if c.eat("]") {
                    return Ok(Arg::Array(items));
                }
            }
            items.push(parse_value(c, depth + 1)?);
        }
    }
    // Zola accepts "double", 'single' and `backtick` quotes.
    if let Some(quote) = c.peek().filter(|q| matches!(q, '"' | '\'' | '`')) {
        c.pos += 1;
        let mut s = String::new();
        loop {
            match c.peek() {
                None | Some('\n') => return Err(c.err("unterminated string")),
                Some(q) if q == quote => {
                    c.pos += 1;
                    return Ok(Arg::Str(s));
                }
                Some('\\') => {
                    c.pos += 1;
                    match c.peek() {
                        Some(ch) if ch == quote || ch == '\\' => {
                            s.push(ch);
                            c.pos += 1;
                        }
                        _ => {
                            return Err(c.err(format!(
                                "only \\{quote} and \\\\ may be escaped in a string"
                            )))
                        }
                    }
                }
                Some(ch) => {
                    s.push(ch);
                    c.pos += ch.len_utf8();
                }
            }
        }
    }
    let start = c.pos;
    while let Some(ch) = c
        .peek()
        .filter(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '+'))
    {
        c.pos += ch.len_utf8();
    }
    let word = c.text.get(start..c.pos).unwrap_or("");
    match word {
        "true" => Ok(Arg::Bool(true)),
        "false" => Ok(Arg::Bool(false)),
        _ => match word.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Arg::Num(n)),
            _ => Err(ParseError {
                offset: start,
                message: "expected a value: a \"string\", a number, true, false or a [list]"
                    .to_string(),
            }),
        },
    }
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

    #[test]
    fn text_that_may_hold_code_is_parsed_for_it() {
        // Every way Markdown writes code or math is seen by the cheap check, and found.
        let with_code = [
            "正文`{{ chart(id=\"a\") }}`",
            "```\n{{ chart() }}\n```\n",
            "~~~\n{{ chart() }}\n~~~\n",
            "段落\n\n    {{ chart() }}\n",
            "段落\n\n\t{{ chart() }}\n",
            "- 列表\n\n      {{ chart() }}\n",
            ">     {{ chart() }}\n",
            "1.  第一\n\n        {{ chart() }}\n",
            "公式 $x$ 与 $$y$$",
        ];
        for text in with_code {
            assert!(may_hold_code(text), "{text:?}");
            assert!(!code_ranges(text).is_empty(), "{text:?}");
        }
        // Without any of those marks there is no code, and nothing is parsed.
        let plain =
            "图表{{ chart(id=\"a\") }}与正文；1 000 人（约 3 倍）\n\n- 列表\n  续行\n> 引用";
        assert!(!may_hold_code(plain));
        assert!(code_ranges(plain).is_empty());
        let parsed = Parser::new_ext(plain, Options::all()).any(|e| {
            matches!(
                e,
                Event::Code(_) | Event::Start(Tag::CodeBlock(_)) | Event::InlineMath(_)
            )
        });
        assert!(!parsed);
    }

    #[test]
    fn finds_shortcodes_with_args() {
        let md = "投资 {{ value(data=\"a.csv\", row=\"科技创新\", col=\"完成投资\") }} 元\n\n{{ chart(id=\"x\", wide=true, n=2) }}\n";
        let found = find(md).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "value");
        assert_eq!(found[0].args["row"], Arg::Str("科技创新".into()));
        assert_eq!(
            &md[found[0].range.clone()],
            "{{ value(data=\"a.csv\", row=\"科技创新\", col=\"完成投资\") }}"
        );
        assert_eq!(found[1].args["n"], Arg::Num(2.0));
        assert_eq!(found[1].args["wide"], Arg::Bool(true));
    }

    #[test]
    fn bodies_lists_and_quotes() {
        let md = "前\n{% note(kind='提示', tags=[1, \"a\", true], n=-2.5) %}\n正文 **粗**\n{% end %}\n后 {{ x(s=`b`) }}";
        let found = find(md).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "note");
        assert_eq!(found[0].body.as_deref(), Some("\n正文 **粗**\n"));
        assert_eq!(found[0].args["kind"], Arg::Str("提示".into()));
        assert_eq!(
            found[0].args["tags"],
            Arg::Array(vec![Arg::Num(1.0), Arg::Str("a".into()), Arg::Bool(true)])
        );
        assert_eq!(
            found[0].args["tags"].to_json(),
            serde_json::json!([1, "a", true])
        );
        assert_eq!(found[0].args["n"], Arg::Num(-2.5));
        assert!(md[found[0].range.clone()].ends_with("{% end %}"));
        assert_eq!(found[1].body, None);
        assert_eq!(found[1].args["s"], Arg::Str("b".into()));
        let errs = find("{% note() %} no end").unwrap_err();
        assert!(errs[0].message.contains("{% end %}"), "{}", errs[0].message);
        assert_eq!(errs[0].offset, 0);
        let deep = format!("{{{{ x(a={}) }}}}", "[".repeat(100_000));
        assert!(find(&deep).unwrap_err()[0].message.contains("nest"));
        // `{%` that does not start a call stays text.
        assert!(find("100{%} 和 {% 注 %}").unwrap().is_empty());
    }

    #[test]
    fn code_is_left_alone() {
        let md = "`{{ chart(id=\"x\") }}`\n\n```\n{{ chart(id=\"y\") }}\n```\n\n    {{ chart(id=\"z\") }}\n";
        assert!(find(md).unwrap().is_empty());
    }

    #[test]
    fn plain_braces_are_text_and_errors_have_offsets() {
        assert!(find("a {{ b }} c {{").unwrap().is_empty());
        let errs = find("x {{ chart(id=\"a\" }}").unwrap_err();
        assert_eq!(errs[0].offset, 18);
        let errs = find("{{ chart(id=\"a) }}").unwrap_err();
        assert!(errs[0].message.contains("unterminated"));
        let errs = find("{{ chart(id=\"a\")").unwrap_err();
        assert!(errs[0].message.contains("not closed"));
    }
}
