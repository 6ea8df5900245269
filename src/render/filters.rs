//! Filters baogao adds to Tera for themes. `typeset`: a text escaped for HTML with each
//! figure-with-unit, percentage and date kept on one line (`<span class="nobr">`), the
//! same rule the Markdown renderer applies to body text, for texts that come from front
//! matter and chart specs (sources, notes, descriptions, dates). `markdown` (as in Zola):
//! a Markdown text as HTML, e.g. a shortcode's `body`; `inline=true` drops the outer `<p>`.
//! `fill`: a strings-table text with its `{n}`, `{total}`, `{name}`, `{taxonomy}` filled in.
//! `safe` is Tera's, without its copy: page bodies and inline charts are long.

use tera::{Kwargs, State, Tera, Value};

use super::escape_html;
use crate::parse::typeset::{pieces, Piece};

pub fn register(tera: &mut Tera) {
    tera.register_filter("typeset", typeset);
    tera.register_filter("markdown", markdown);
    tera.register_filter("fill", fill);
    tera.register_filter("safe", safe);
}

/// Tera's `safe`, but a string is marked rather than copied (Tera's makes a new string of
/// it): a page's body or a drawing is tens of kilobytes, written through `safe` each time.
fn safe(value: &Value, _: Kwargs, _: &State) -> Value {
    match value.as_str() {
        Some(_) => value.clone().mark_safe(),
        None => Value::safe_string(&value.to_string()),
    }
}

/// `fill` (for the strings table): the text with `{n}`, `{total}`, `{name}` and `{taxonomy}`
/// replaced by the arguments of those names (`"共{n}篇" | fill(n=3)`). A text written
/// `singular|plural` (`"{n} report|{n} reports"`) gives its first form when `n` is 1.
fn fill(text: std::borrow::Cow<'_, str>, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let n = kwargs.get::<Value>("n")?.and_then(|v| v.as_i64());
    let mut out = crate::render::strings::plural(&text, n).to_string();
    for name in ["n", "total", "name", "taxonomy"] {
        if let Some(v) = kwargs.get::<Value>(name)? {
            let shown = match v.as_str() {
                Some(s) => s.to_string(),
                None => v.to_string(),
            };
            out = out.replace(&format!("{{{name}}}"), &shown);
        }
    }
    Ok(Value::from(out))
}

fn markdown(text: std::borrow::Cow<'_, str>, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let inline = kwargs.get::<bool>("inline")?.unwrap_or(false);
    let html = crate::parse::markdown::render(&text, "md").html;
    let html = match inline {
        true => html
            .trim()
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
            .unwrap_or(html.trim())
            .to_string(),
        false => html,
    };
    Ok(Value::safe_string(&html))
}

fn typeset(text: std::borrow::Cow<'_, str>, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&typeset_html(&text))
}

/// `text` as HTML, its unbreakable tokens wrapped.
pub fn typeset_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for piece in pieces(text) {
        match piece {
            Piece::Free(s) => out.push_str(&escape_html(s)),
            Piece::Whole(s) => {
                out.push_str("<span class=\"nobr\">");
                out.push_str(&escape_html(s));
                out.push_str("</span>");
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_wraps() {
        assert_eq!(
            typeset_html("<b>2026年6月26日发布"),
            "&lt;b&gt;<span class=\"nobr\">2026年6月26日</span>发布"
        );
    }

    #[test]
    fn markdown_renders_and_inline_drops_the_paragraph() {
        let mut tera = Tera::new();
        register(&mut tera);
        tera.add_raw_template(
            "t.html",
            "{{ s | markdown }}|{{ s | markdown(inline=true) }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("s", "**粗**体");
        assert_eq!(
            tera.render("t.html", &ctx).unwrap(),
            "<p><strong>粗</strong>体</p>\n|<strong>粗</strong>体"
        );
    }

    #[test]
    fn safe_gives_what_teras_own_safe_gives() {
        let template =
            "{{ s | safe }}|{{ s }}|{{ n | safe }}|{{ l | safe }}|{{ s | safe | upper }}";
        let render = |tera: &mut Tera| {
            tera.add_raw_template("t.html", template).unwrap();
            let mut ctx = tera::Context::new();
            ctx.insert("s", "<b>粗</b>");
            ctx.insert("n", &2.5);
            ctx.insert("l", &["<a>", "b"]);
            tera.render("t.html", &ctx).unwrap()
        };
        let mut ours = Tera::new();
        register(&mut ours);
        let theirs = render(&mut Tera::new());
        assert_eq!(render(&mut ours), theirs);
        assert!(theirs.starts_with("<b>粗</b>|&lt;b&gt;"), "{theirs}");
    }

    #[test]
    fn templates_can_call_it() {
        let mut tera = Tera::new();
        register(&mut tera);
        tera.add_raw_template("t.html", "{{ s | typeset }}")
            .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("s", "占41.7%");
        assert_eq!(
            tera.render("t.html", &ctx).unwrap(),
            "占<span class=\"nobr\">41.7%</span>"
        );
    }
}
