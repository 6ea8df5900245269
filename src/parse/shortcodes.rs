//! Finding and parsing shortcodes, `{{ name(key="value", n=1) }}`, in Markdown (SPEC §7).
//!
//! Shortcodes inside code spans and code blocks are left as text: pulldown-cmark tells
//! us where code is, so we never guess at backticks ourselves. This module only parses;
//! what a shortcode expands to is decided by the site (it needs data and charts).

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// An argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    Bool(bool),
}

impl Arg {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Arg::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// One shortcode call found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, Arg>,
    /// Byte range of the whole `{{ … }}` in the text.
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

/// Every shortcode in `markdown` outside code, in order, or every malformed one.
pub fn find(markdown: &str) -> Result<Vec<Shortcode>, Vec<ParseError>> {
    let code = code_ranges(markdown);
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let mut pos = 0;
    while let Some(rel) = markdown.get(pos..).and_then(|s| s.find("{{")) {
        let start = pos + rel;
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
        let value = parse_value(&mut c)?;
        if args.insert(key.clone(), value).is_some() {
            return Err(c.err(format!("argument `{key}` given twice")));
        }
    }
    c.skip_ws();
    if !c.eat("}}") {
        return Err(c.err(format!("shortcode `{name}` is not closed with `}}}}`")));
    }
    Ok(Some(Shortcode {
        name,
        args,
        range: start..c.pos,
    }))
}

fn parse_value(c: &mut Cursor) -> Result<Arg, ParseError> {
    if c.eat("\"") {
        let mut s = String::new();
        loop {
            match c.peek() {
                None | Some('\n') => return Err(c.err("unterminated string")),
                Some('"') => {
                    c.pos += 1;
                    return Ok(Arg::Str(s));
                }
                Some('\\') => {
                    c.pos += 1;
                    match c.peek() {
                        Some(ch @ ('"' | '\\')) => {
                            s.push(ch);
                            c.pos += 1;
                        }
                        _ => return Err(c.err("only \\\" and \\\\ may be escaped in a string")),
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
                message: "expected a value: a \"string\", a number, true or false".to_string(),
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
