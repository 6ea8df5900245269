//! Code blocks highlighted at build time with syntect (Sublime Text grammars, as Zola
//! uses), written as `<span class="z-…">` classes so the theme's CSS colours them for
//! light and dark. Zola's fence options are honoured: ```` ```rust,linenos ````,
//! `linenostart=10`, `hl_lines=1 3-5`, `hide_lines=2`. A language syntect does not
//! know is shown as plain text.

use std::sync::OnceLock;

use syntect::html::{line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

/// The class prefix Zola's highlighter uses, so a site's Zola CSS keeps working.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "z-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// What a fence's info string asks for.
#[derive(Debug, Default, PartialEq)]
pub struct Fence {
    pub lang: Option<String>,
    pub linenos: bool,
    pub linenostart: usize,
    /// 1-based line ranges, inclusive.
    pub hl_lines: Vec<(usize, usize)>,
    pub hide_lines: Vec<(usize, usize)>,
}

impl Fence {
    /// Parses `rust,linenos,hl_lines=1 3-5` (commas or spaces between options).
    pub fn parse(info: &str) -> Fence {
        let mut fence = Fence {
            linenostart: 1,
            ..Fence::default()
        };
        for (i, part) in info.split(',').map(str::trim).enumerate() {
            match part.split_once('=') {
                Some(("hl_lines", v)) => fence.hl_lines = ranges(v),
                Some(("hide_lines", v)) => fence.hide_lines = ranges(v),
                Some(("linenostart", v)) => {
                    fence.linenostart = v.trim().parse().unwrap_or(1);
                }
                None if part == "linenos" => fence.linenos = true,
                None if i == 0 && !part.is_empty() => fence.lang = Some(part.to_string()),
                _ => {}
            }
        }
        fence
    }
}

/// `1 3-5` → [(1, 1), (3, 5)]; what does not parse is skipped.
fn ranges(spec: &str) -> Vec<(usize, usize)> {
    spec.split_whitespace()
        .filter_map(|r| match r.split_once('-') {
            Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
            None => r.parse().ok().map(|n| (n, n)),
        })
        .collect()
}

fn within(ranges: &[(usize, usize)], n: usize) -> bool {
    ranges.iter().any(|(a, b)| (*a..=*b).contains(&n))
}

/// The HTML of one code block: each line a `<span class="line">` (`hl` when
/// highlighted), with its number in a `ln` span when asked for.
pub fn code_block(info: &str, code: &str) -> String {
    let fence = Fence::parse(info);
    let syntax = fence
        .lang
        .as_deref()
        .and_then(|l| syntaxes().find_syntax_by_token(l));
    let mut lines = Lines::new(syntax);
    let lang = fence.lang.as_deref().map(crate::render::escape_html);
    let mut html = match &lang {
        Some(l) => format!(
            "<pre class=\"code\" data-lang=\"{l}\" tabindex=\"0\"><code class=\"language-{l}\">"
        ),
        None => "<pre class=\"code\" tabindex=\"0\"><code>".to_string(),
    };
    for (i, line) in code.split_inclusive('\n').enumerate() {
        let n = i + 1;
        // A hidden line is still parsed: it may open a string or a comment.
        let spans = lines.next(line);
        if within(&fence.hide_lines, n) {
            continue;
        }
        html.push_str(if within(&fence.hl_lines, n) {
            "<span class=\"line hl\">"
        } else {
            "<span class=\"line\">"
        });
        if fence.linenos {
            let shown = n + fence.linenostart.saturating_sub(1);
            html.push_str(&format!(
                "<span class=\"ln\" aria-hidden=\"true\">{shown}</span>"
            ));
        }
        html.push_str(&spans);
        html.push_str("</span>\n");
    }
    html.push_str("</code></pre>\n");
    html
}

/// Highlights line after line, each one closed on its own (so a line can be
/// wrapped, numbered or hidden) and the open scopes reopened on the next.
struct Lines {
    state: Option<ParseState>,
    stack: ScopeStack,
}

impl Lines {
    fn new(syntax: Option<&SyntaxReference>) -> Lines {
        Lines {
            state: syntax.map(ParseState::new),
            stack: ScopeStack::new(),
        }
    }

    /// One line (with its newline) as HTML, without the newline.
    fn next(&mut self, line: &str) -> String {
        let plain = || crate::render::escape_html(line.trim_end_matches(['\n', '\r']));
        let Some(state) = self.state.as_mut() else {
            return plain();
        };
        let mut html: String = self.stack.as_slice().iter().map(|s| open(*s)).collect();
        let ops = match state.parse_line(line, syntaxes()) {
            Ok(ops) => ops,
            Err(_) => {
                // A grammar that fails stays plain from here on.
                self.state = None;
                return plain();
            }
        };
        match line_tokens_to_classed_spans(line, &ops, STYLE, &mut self.stack) {
            Ok((spans, _)) => html.push_str(&spans),
            Err(_) => return plain(),
        }
        // The line's own newline may sit inside a span (a `//` comment): the line
        // ends where its wrapper closes instead. Code text has no other raw newline.
        html.retain(|c| c != '\n' && c != '\r');
        for _ in self.stack.as_slice() {
            html.push_str("</span>");
        }
        html
    }
}

/// `<span class="z-string z-quoted">` for the scope `string.quoted`.
fn open(scope: Scope) -> String {
    let classes: Vec<String> = scope
        .build_string()
        .split('.')
        .map(|part| format!("z-{part}"))
        .collect();
    format!("<span class=\"{}\">", classes.join(" "))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::charts::colour::{contrast, Rgb};
    use crate::charts::roles::hex;

    #[test]
    fn fence_options_as_zola_writes_them() {
        let f = Fence::parse("rust,linenos,linenostart=10,hl_lines=1 3-5,hide_lines=2");
        assert_eq!(f.lang.as_deref(), Some("rust"));
        assert!(f.linenos);
        assert_eq!(f.linenostart, 10);
        assert_eq!(f.hl_lines, vec![(1, 1), (3, 5)]);
        assert_eq!(f.hide_lines, vec![(2, 2)]);
        assert_eq!(
            Fence::parse(""),
            Fence {
                linenostart: 1,
                ..Fence::default()
            }
        );
    }

    #[test]
    fn highlights_with_classes_numbers_and_marks_lines() {
        let html = code_block(
            "rust,linenos,hl_lines=2",
            "fn main() {\n    let s = \"a<b\";\n}\n",
        );
        assert!(html.starts_with(
            "<pre class=\"code\" data-lang=\"rust\" tabindex=\"0\"><code class=\"language-rust\">"
        ));
        assert!(html.contains("z-keyword"), "{html}");
        assert!(
            html.contains(
                "<span class=\"line hl\"><span class=\"ln\" aria-hidden=\"true\">2</span>"
            ),
            "{html}"
        );
        assert!(html.contains("a&lt;b"), "{html}");
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }

    #[test]
    fn a_multi_line_comment_is_reopened_on_each_line() {
        let html = code_block("rust", "/* one\ntwo */ let x = 1;\n");
        let second = html.lines().nth(1).unwrap();
        assert!(
            second.starts_with(
                "<span class=\"line\"><span class=\"z-source z-rust\"><span class=\"z-comment"
            ),
            "{second}"
        );
    }

    /// The theme's highlight.css: line rules, then syntect's InspiredGitHub (light)
    /// and base16-ocean.dark (dark) themes as classes. `BAOGAO_BLESS=1` rewrites it.
    #[test]
    fn theme_css_is_generated_from_syntect_themes() {
        use syntect::highlighting::ThemeSet;
        use syntect::html::css_for_theme_with_class_style;
        let themes = ThemeSet::load_defaults();
        let light =
            css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], STYLE).unwrap();
        let dark =
            css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], STYLE).unwrap();
        // The page's code background (templates/assets/style.css `--surface`), against
        // which every token must read at 4.5:1 (axe's color-contrast rule).
        let light = readable(&light, Rgb(0xf5, 0xf2, 0xed), 0.0);
        // Tokens the dark theme leaves uncoloured would keep the light theme's dark
        // colour: the light rules, lightened, come first and the dark theme's own win.
        let dark_bg = Rgb(0x1d, 0x1e, 0x20);
        let dark = readable(&light, dark_bg, 255.0) + &readable(&dark, dark_bg, 255.0);
        let dark: String = dark.lines().map(|l| format!("  {l}\n")).collect();
        let want = format!(
            "/* Code highlighting (src/parse/highlight.rs). Token colours are syntect's\n   InspiredGitHub and base16-ocean.dark themes, moved just far enough to read at 4.5:1\n   on the code background (theme backgrounds dropped), generated by the test\n   theme_css_is_generated_from_syntect_themes; do not edit them by hand. */\n\
             pre.code .line.hl {{ display: inline-block; min-width: 100%; background: rgba(255, 200, 0, .18); }}\n\
             pre.code .ln {{ display: inline-block; min-width: 2.5em; padding-right: 1em; text-align: right; opacity: .7; user-select: none; }}\n\
             {light}\n@media screen and (prefers-color-scheme: dark) {{\n{dark}}}\n"
        );
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/assets/highlight.css"
        );
        if std::env::var_os("BAOGAO_BLESS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(path).unwrap_or_default(),
            want,
            "run with BAOGAO_BLESS=1"
        );
    }

    /// `css` with every theme background dropped (the page's code background shows) and
    /// every token colour mixed towards `target` (0 = black, 255 = white) until it reads
    /// at 4.5:1 on `bg`.
    fn readable(css: &str, bg: Rgb, target: f64) -> String {
        let mut out = String::new();
        for line in css.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with("background-color:") {
                continue;
            }
            let colour = trimmed
                .strip_prefix("color:")
                .and_then(|v| Rgb::parse(v.trim().trim_end_matches(';')));
            match colour {
                Some(c) => {
                    let mix = |t: f64| {
                        let f = |v: u8| (f64::from(v) + (target - f64::from(v)) * t).round() as u8;
                        Rgb(f(c.0), f(c.1), f(c.2))
                    };
                    let fixed = (0..=40)
                        .map(|i| mix(f64::from(i) * 0.025))
                        .find(|&m| contrast(m, bg) >= 4.6)
                        .unwrap_or(mix(1.0));
                    out.push_str(&format!(" color: {};\n", hex(fixed)));
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }

    #[test]
    fn unknown_languages_and_hidden_lines() {
        let html = code_block("nosuchlang,hide_lines=1", "secret\n<shown>\n");
        assert!(!html.contains("secret"));
        assert!(html.contains("&lt;shown&gt;"));
        assert!(!html.contains("z-"));
    }
}
