//! Tera 1 templates (as Zola sites bring them) meet Tera 2, which stops at the first
//! problem. When a site's templates do not compile, this scan lists every Tera 1 construct
//! in them at once, each with its file:line:col and what to write instead: top-level
//! content in child templates, macros, renamed and removed filters and tests, and Zola's
//! own functions, which baogao does not have.

use std::path::Path;

use regex::Regex;

use crate::error::{line_col, Diagnostic};

/// (pattern, what is wrong, what to write instead); patterns run on template text.
const RULES: [(&str, &str, &str); 14] = [
    (r"\{%-?\s*macro\s", "Tera 2 has no macros", "turn the macro into a component: {% component name(arg: string) %}…{% endcomponent name %}, called as {{<name arg=\"…\"/>}}"),
    (r"\{%-?\s*import\s", "Tera 2 has no macro imports", "components are global: drop the import and call {{<name …/>}}"),
    (r"\|\s*as_str\b", "the `as_str` filter is now `str`", "write `| str`"),
    (r"\|\s*escape\b", "the `escape` filter is now `escape_html`", "write `| escape_html`"),
    (r"\|\s*linebreaksbr\b", "the `linebreaksbr` filter is now `newlines_to_br`", "write `| newlines_to_br`"),
    (r"\|\s*trim_start_matches\b", "`trim_start_matches` is now `trim_start` with `pat`", "write `| trim_start(pat=\"…\")`"),
    (r"\|\s*trim_end_matches\b", "`trim_end_matches` is now `trim_end` with `pat`", "write `| trim_end(pat=\"…\")`"),
    (r"\bdivisibleby\b", "the `divisibleby` test is now `divisible_by`", "write `is divisible_by(value=…)`"),
    (r"\bis\s+(not\s+)?object\b", "the `object` test is now `map`", "write `is map`"),
    (r"\|\s*(addslashes|get_env|concat|slice)\b", "this filter was removed in Tera 2", "use array literals and spread ([...a, ...b]) instead of concat and slice"),
    (r"\|\s*truncate\s*(\}\}|\||%\})", "`truncate` needs `length` in Tera 2", "write `| truncate(length=255)`"),
    (r"\|\s*date\b", "baogao has no `date` filter", "dates arrive formatted: use page.date_display (2026年6月26日) or page.date (2026-06-26)"),
    (r"\b(get_url|get_section|get_page|get_taxonomy|get_taxonomy_url|get_image_metadata|resize_image|load_data|get_hash|trans)\s*\(", "this is a Zola function, which baogao does not have", "use site.base_path for links, the page/section/sections variables for content, and charts/ data through shortcodes"),
    (r"\{%-?\s*set_global\s", "Tera 2 has no `set_global`", "use `set` (a block-level variable) or compute the value before the loop"),
];

/// Every Tera 1 construct in `templates` (name, text), shown under `dir`.
pub fn scan(templates: &[(String, String)], dir: &Path) -> Vec<Diagnostic> {
    let rules: Vec<(Regex, &str, &str)> = RULES
        .iter()
        .filter_map(|(p, what, fix)| Regex::new(p).ok().map(|r| (r, *what, *fix)))
        .collect();
    let mut out = Vec::new();
    for (name, text) in templates {
        let shown = dir.join(name);
        for (re, what, fix) in &rules {
            for m in re.find_iter(text) {
                let (line, col) = line_col(text, m.start());
                out.push(
                    Diagnostic::at(&shown, line, Some(col), format!("Tera 1: {what}"))
                        .with_hint(*fix),
                );
            }
        }
        for offset in stray_content(text) {
            let (line, col) = line_col(text, offset);
            out.push(
                Diagnostic::at(
                    &shown,
                    line,
                    Some(col),
                    "Tera 1: content outside any block of a child template (Tera 2 refuses it; Tera 1 ignored it)",
                )
                .with_hint("move it into a {% block %} of the parent, or delete it"),
            );
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    out
}

/// Offsets where text starts outside every `{% block %}` of a template that extends
/// another (tags and comments at the top level are fine).
fn stray_content(text: &str) -> Vec<usize> {
    let Ok(tag) = Regex::new(r"(?s)\{%-?\s*(\w+).*?-?%\}|\{#.*?#\}") else {
        return Vec::new();
    };
    if !tag
        .captures_iter(text)
        .any(|c| c.get(1).is_some_and(|m| m.as_str() == "extends"))
    {
        return Vec::new();
    }
    let mut depth = 0usize;
    let mut last = 0;
    let mut out = Vec::new();
    let check = |from: usize, to: usize, depth: usize, out: &mut Vec<usize>| {
        let gap = text.get(from..to).unwrap_or("");
        if depth == 0 {
            if let Some(i) = gap.find(|c: char| !c.is_whitespace()) {
                out.push(from + i);
            }
        }
    };
    for c in tag.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        check(last, whole.start(), depth, &mut out);
        last = whole.end();
        match c.get(1).map(|m| m.as_str()) {
            Some("block") => depth += 1,
            Some("endblock") => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    check(last, text.len(), depth, &mut out);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        scan(&[("page.html".into(), text.into())], Path::new("templates"))
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn every_place_is_listed_with_its_line() {
        let f = found("{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n<p>stray</p>\n{% block content %}{{ page.date | date(format=\"%Y\") }}\n{{ get_url(path=\"x\") }}{{ s | escape }}{% endblock content %}\n");
        assert_eq!(f.len(), 5, "{f:#?}");
        assert!(
            f[0].starts_with("templates/page.html:2:1: Tera 1: Tera 2 has no macro imports"),
            "{}",
            f[0]
        );
        assert!(
            f[1].starts_with("templates/page.html:3:1: Tera 1: content outside any block"),
            "{}",
            f[1]
        );
        assert!(
            f[2].starts_with("templates/page.html:4:33: Tera 1: baogao has no `date` filter"),
            "{}",
            f[2]
        );
        assert!(
            f[3].starts_with("templates/page.html:5:4: Tera 1: this is a Zola function"),
            "{}",
            f[3]
        );
        assert!(
            f[4].starts_with(
                "templates/page.html:5:29: Tera 1: the `escape` filter is now `escape_html`"
            ),
            "{}",
            f[4]
        );
    }

    #[test]
    fn tera_2_templates_are_clean() {
        assert!(found("{% extends \"base.html\" %}\n{# note #}\n{% block content %}{{ s | escape_html | truncate(length=9) }}{% endblock content %}\n").is_empty());
        assert!(found("<p>{{ x }}</p>").is_empty());
    }
}
