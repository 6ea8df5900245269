//! The theme's templates and the variables each really receives, against
//! reference/templates.md.

use std::collections::BTreeSet;
use std::fs;

use super::common::Site;
use super::{assert_documents, documented, page, section, walkdir};

#[test]
fn every_theme_template_is_documented() {
    let expected = baogao::render::theme::TEMPLATES
        .iter()
        .map(|(name, _)| name.to_string())
        .chain(
            baogao::render::theme::ASSETS
                .iter()
                .map(|(name, _)| format!("assets/{name}")),
        )
        .collect();
    assert_documents("reference/templates.md", "主题模板", expected);
}

/// A template that prints every variable it receives and, for maps, their keys.
const DUMP: &str = "<pre>@@dump\n{% for k, v in __tera_context %}{{ k }}\n{% if v is map %}{% for k2, v2 in v %}{{ k }}.{{ k2 }}\n{% endfor %}{% endif %}{% endfor %}@@end</pre>";

/// The variables `template` receives when it renders the test site: every name
/// between the dump markers in any output file.
fn template_variables(template: &str) -> BTreeSet<String> {
    let site = Site::new();
    site.write(
        "content/reports/first.md",
        "+++\ntitle = \"第一篇\"\ndate = 2026-06-26\nupdated = 2026-06-27\ntags = [\"投资\"]\naliases = [\"old/\"]\n[extra]\nk = 1\n[[key_figures]]\nlabel = \"总额\"\ndata = \"d.csv\"\nrow = \"合计\"\ncol = \"投资\"\n+++\n\n## 概览\n\n{{ chart(id=\"c\") }}\n\n{{ table(data=\"d.csv\") }}\n",
    );
    site.write(&format!("templates/{template}"), DUMP);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{template}: {}", run.stderr);
    let mut found = BTreeSet::new();
    for entry in walkdir(&site.path("public")) {
        let text = fs::read_to_string(&entry).unwrap_or_default();
        for dump in text.split("@@dump").skip(1) {
            let dump = dump.split("@@end").next().unwrap_or("");
            found.extend(
                dump.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from),
            );
        }
    }
    assert!(!found.is_empty(), "{template} was not rendered");
    found
}

#[test]
fn every_template_variable_is_documented() {
    let page_rel = "reference/templates.md";
    let text = page(page_rel);
    let common = documented(section(&text, "所有模板共有"));
    let mut seen = BTreeSet::new();
    for (template, _) in baogao::render::theme::TEMPLATES {
        // base.html is only ever extended: it sees what the extending template gets.
        if *template == "base.html" {
            continue;
        }
        let received = template_variables(template);
        let own = documented(section(&text, template));
        seen.extend(received.iter().cloned());
        let not_received: Vec<_> = own.difference(&received).collect();
        assert!(
            not_received.is_empty(),
            "{page_rel}, `## {template}` documents variables it does not receive: {not_received:?}"
        );
        // An include sees its includer's variables too; only what it is given is its own.
        if ["partials/entry.html", "partials/pager.html"].contains(template) {
            continue;
        }
        let undocumented: Vec<_> = received
            .iter()
            .filter(|v| !own.contains(*v) && !common.contains(*v))
            .collect();
        assert!(
            undocumented.is_empty(),
            "{page_rel}, `## {template}`: not documented: {undocumented:?}"
        );
    }
    let unknown: Vec<_> = common.difference(&seen).collect();
    assert!(
        unknown.is_empty(),
        "{page_rel}: no template receives {unknown:?}"
    );
}
