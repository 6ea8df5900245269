//! Site shortcodes (issue 17): any `templates/shortcodes/NAME.html` (its HTML is put in
//! place) or `templates/shortcodes/NAME.md` (its Markdown is rendered with the page) is a
//! shortcode, called as Zola calls it. The template sees its arguments, `body` (for
//! `{% NAME() %}…{% end %}`), `page`, `section` (when the caller is a section), `config`
//! and `site` (the site), `nth` (1 for the first call of NAME on the page, 2 for the
//! second, …) and, when called with `data = "file.csv"`, the data: `table` (columns and
//! formatted rows) and, with `row` and `col` too, `value` and `share` formatted exactly as
//! the built-in `value` and `share` shortcodes print them (`unit`, `scale_unit`, `abs`,
//! `of`, `decimals` apply).

use serde_json::{json, Value};
use tera::Context;

use super::expand::ExpandEnv;
use super::values::{Source, ValueOptions};
use crate::data::format::MAX_DECIMALS;
use crate::parse::shortcodes::{Arg, Shortcode};

/// What a site shortcode template produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Html,
    Markdown,
}

/// The template behind site shortcode `name`, if the site has one (HTML wins over Markdown).
pub fn template_for(env: &ExpandEnv, name: &str) -> Option<(String, Output)> {
    let html = format!("shortcodes/{name}.html");
    if env.templates.has(&html) {
        return Some((html, Output::Html));
    }
    let md = format!("shortcodes/{name}.md");
    env.templates.has(&md).then_some((md, Output::Markdown))
}

/// The page that calls shortcodes, as their templates see it.
pub struct Caller {
    pub page: Value,
    pub section: Value,
}

/// Renders one call of a site shortcode; `nth` counts the calls of this name so far.
pub fn render(
    sc: &Shortcode,
    template: &str,
    caller: &Caller,
    nth: usize,
    env: &ExpandEnv,
) -> Result<String, String> {
    let mut ctx = Context::new();
    for (key, arg) in &sc.args {
        ctx.insert(key.clone(), &arg.to_json());
    }
    if let Some(body) = &sc.body {
        ctx.insert("body", body.trim_matches('\n'));
    }
    ctx.insert("page", &caller.page);
    ctx.insert("section", &caller.section);
    ctx.insert("config", env.site);
    ctx.insert("site", env.site);
    ctx.insert("nth", &nth);
    insert_data(sc, env, &mut ctx)?;
    env.templates
        .render(template, &ctx)
        .map_err(|d| d.to_string())
}

/// `table`, `value` and `share` for a call that names a data file.
fn insert_data(sc: &Shortcode, env: &ExpandEnv, ctx: &mut Context) -> Result<(), String> {
    let text = |key: &str| sc.args.get(key).and_then(Arg::as_str);
    let Some(data) = text("data") else {
        return Ok(());
    };
    let view = env.data.table_view(data)?;
    ctx.insert(
        "table",
        &json!({"columns": view.columns, "rows": view.rows}),
    );
    let decimals = match sc.args.get("decimals") {
        Some(Arg::Num(n)) if n.fract() == 0.0 && (0.0..=f64::from(MAX_DECIMALS)).contains(n) => {
            Some(*n as u8)
        }
        _ => None,
    };
    if let (Some(row), Some(col)) = (text("row"), text("col")) {
        let ask = ValueOptions {
            unit: text("unit"),
            decimals,
            scale_unit: text("scale_unit"),
            abs: matches!(sc.args.get("abs"), Some(Arg::Bool(true))),
        };
        let value = env.data.value_text(Source::Data(data), row, col, ask)?;
        ctx.insert("value", &value);
        // A share needs a total row; without one the template simply has no `share`.
        if let Ok(share) = env
            .data
            .share_text(Source::Data(data), row, col, text("of"), decimals)
        {
            ctx.insert("share", &share);
        }
    }
    Ok(())
}
