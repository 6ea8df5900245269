//! Zola's and Hugo's shortcode escapes: `{{/* chart(id="x") */}}` is written out as
//! `{{ chart(id="x") }}` and never run (likewise Zola's `{%/* … */%}` and Hugo's
//! `{{</* … */>}}`, `{{%/* … */%}}`). Both generators honour them in code blocks too,
//! where they are mostly used, so they are undone everywhere in the body once
//! shortcodes have been expanded.

use super::search;

/// The escape pairs: opening, closing, and what each becomes.
const PAIRS: [(&str, &str, &str, &str); 4] = [
    ("{{</*", "*/>}}", "{{<", ">}}"),
    ("{{%/*", "*/%}}", "{{%", "%}}"),
    ("{{/*", "*/}}", "{{", "}}"),
    ("{%/*", "*/%}", "{%", "%}"),
];

/// `text` with each escaped shortcode written out plainly. An opening without its
/// closing is left as it is.
pub fn unescape(text: &str) -> String {
    let mut out = text.to_string();
    // Every escape holds `/*`; most pages have none, and the body is long.
    if search::find(text, "/*").is_none() {
        return out;
    }
    for (open, close, open_to, close_to) in PAIRS {
        let mut done = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = search::find(rest, open) {
            let after = rest.get(i + open.len()..).unwrap_or("");
            let Some(j) = search::find(after, close) else {
                break;
            };
            done.push_str(rest.get(..i).unwrap_or(""));
            done.push_str(open_to);
            done.push_str(after.get(..j).unwrap_or(""));
            done.push_str(close_to);
            rest = after.get(j + close.len()..).unwrap_or("");
        }
        done.push_str(rest);
        out = done;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_plain_shortcodes() {
        assert_eq!(
            unescape("见 {{/* chart(id=\"x\") */}} 与 {%/* note() */%}。"),
            "见 {{ chart(id=\"x\") }} 与 {% note() %}。"
        );
        assert_eq!(
            unescape("```\n{{/* value() */}}\n```"),
            "```\n{{ value() }}\n```"
        );
        assert_eq!(unescape("a {{/* open only"), "a {{/* open only");
        assert_eq!(
            unescape("{{</* figure src=\"a.png\" */>}} {{%/* note */%}}"),
            "{{< figure src=\"a.png\" >}} {{% note %}}"
        );
    }
}
