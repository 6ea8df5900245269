//! The documentation site (docs/) against the code it documents.
//!
//! Each reference page lists keys as table rows whose first cell is the key in
//! backticks (`| \`title\` | … |`), grouped under `## ` headings. These tests read the
//! code's own lists (serde field names of the config, front-matter, chart-spec and
//! sidecar structs, the chart kinds, the shortcode and assertion-function tables, the
//! data formats, the theme's templates, clap's commands and flags, and what each
//! template really receives) and fail both when one is missing from its page and when
//! a page documents something the code does not have. The error catalogue's messages
//! must still occur in src/, the gallery's specs must be the files the charts are drawn
//! from, and `baogao check --root docs` must pass.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_aux::serde_introspection::serde_introspect;

use baogao::charts::ChartSpec;
use baogao::config::Config;
use common::Site;

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

fn page(rel: &str) -> String {
    let path = docs().join("content").join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The part of `text` under the `## heading` line (backticks ignored), up to the next
/// `## ` heading.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(h) = line.trim_end().strip_prefix("## ") {
            if let Some(start) = start {
                return &text[start..offset];
            }
            if h.replace('`', "") == heading {
                start = Some(offset + line.len());
            }
        }
        offset += line.len();
    }
    match start {
        Some(s) => &text[s..],
        None => panic!("no `## {heading}` section"),
    }
}

/// The keys a section documents: the backticked first cell of each table row.
fn documented(section: &str) -> BTreeSet<String> {
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(key, _)| key.to_string())
        .collect()
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Field names of a serde struct (or variant names of an enum), minus `nested`:
/// tables documented in sections of their own.
fn fields<'de, T: serde::Deserialize<'de>>(nested: &[&str]) -> BTreeSet<String> {
    let all = names(serde_introspect::<T>());
    for n in nested {
        assert!(all.contains(*n), "`{n}` is no longer a key");
    }
    all.into_iter()
        .filter(|k| !nested.contains(&k.as_str()))
        .collect()
}

/// Fails, naming the page and section, unless it documents exactly `expected`.
fn assert_documents(rel: &str, heading: &str, expected: BTreeSet<String>) {
    let text = page(rel);
    let found = documented(section(&text, heading));
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/content/{rel}, `## {heading}`: not documented: {missing:?}; documented but not in the code: {extra:?}"
    );
}

/// The names of the page's `` ## `<prefix>name` `` headings.
fn code_headings(text: &str, prefix: &str) -> BTreeSet<String> {
    let start = format!("## `{prefix}");
    text.lines()
        .filter_map(|l| l.strip_prefix(start.as_str()))
        .map(|h| h.trim_end_matches('`').to_string())
        .collect()
}

#[test]
fn every_config_key_is_documented() {
    let page = "reference/config.md";
    assert_documents(page, "顶层键", fields::<Config>(&["charts", "format"]));
    assert_documents(
        page,
        "[charts]",
        fields::<baogao::config::ChartDefaults>(&[]),
    );
    assert_documents(
        page,
        "[format]",
        fields::<baogao::config::FormatConfig>(&[]),
    );
}

#[test]
fn every_front_matter_key_is_documented() {
    use baogao::parse::front_matter::{FrontMatter, KeyFigure};
    let page = "reference/front-matter.md";
    assert_documents(page, "键", fields::<FrontMatter>(&[]));
    assert_documents(page, "[[key_figures]]", fields::<KeyFigure>(&[]));
}

#[test]
fn every_chart_spec_key_and_kind_is_documented() {
    use baogao::charts::spec::{ChartKind, Remainder, Sort, XScale};
    let page = "reference/charts.md";
    assert_documents(page, "键", fields::<ChartSpec>(&[]));
    assert_documents(page, "图表类型", fields::<ChartKind>(&[]));
    assert_documents(page, "sort 的取值", fields::<Sort>(&[]));
    assert_documents(page, "x_scale 的取值", fields::<XScale>(&[]));
    assert_documents(page, "[remainder]", fields::<Remainder>(&[]));
    assert_documents(
        page,
        "[[assert]]",
        fields::<baogao::data::assert::AssertSpec>(&[]),
    );
}

#[test]
fn every_data_format_and_sidecar_key_is_documented() {
    use baogao::data::sidecar::DataMeta;
    let page = "reference/data.md";
    assert_documents(page, "文件格式", names(baogao::data::load::FORMATS));
    assert_documents(page, "旁注文件（sidecar）", fields::<DataMeta>(&[]));
}

#[test]
fn every_shortcode_and_argument_is_documented() {
    let page_rel = "reference/shortcodes.md";
    let text = page(page_rel);
    let headings = code_headings(&text, "");
    let shortcodes = baogao::site::expand::SHORTCODES;
    assert_eq!(
        headings,
        shortcodes.iter().map(|(n, _)| n.to_string()).collect(),
        "{page_rel}: one `## \\`name\\`` section per shortcode"
    );
    for (name, args) in shortcodes {
        assert_documents(page_rel, name, names(args));
    }
}

#[test]
fn every_assertion_function_is_documented() {
    assert_documents(
        "reference/assertions.md",
        "函数",
        names(baogao::data::assert::FUNCTIONS),
    );
}

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?} --help failed");
    String::from_utf8(out.stdout).unwrap()
}

/// The entries of one block of clap's help (`Commands:`, `Arguments:`, `Options:`):
/// the first word of each indented line, `--long` for options, `<X>` as `X`.
fn help_block(help: &str, block: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != block)
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .filter_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let word = words
                .iter()
                .find(|w| w.starts_with("--"))
                .or(words.first())?;
            Some(
                word.trim_matches(|c| c == '<' || c == '>' || c == ',')
                    .to_string(),
            )
        })
        .filter(|w| !matches!(w.as_str(), "help" | "--help" | "--version"))
        .collect()
}

#[test]
fn every_command_and_flag_is_documented() {
    let page_rel = "reference/commands.md";
    let commands = help_block(&help(&[]), "Commands:");
    assert!(commands.contains(&"build".to_string()), "{commands:?}");
    let text = page(page_rel);
    let headings = code_headings(&text, "baogao ");
    assert_eq!(
        headings,
        commands.iter().cloned().collect(),
        "{page_rel}: one `## \\`baogao name\\`` section per command"
    );
    assert!(help(&[]).contains("docs/"), "baogao --help names the docs");
    for command in &commands {
        let help = help(&[command]);
        assert!(
            help.contains("docs/"),
            "baogao {command} --help names the docs"
        );
        let mut flags = help_block(&help, "Arguments:");
        flags.extend(help_block(&help, "Options:"));
        assert_documents(
            page_rel,
            &format!("baogao {command}"),
            flags.into_iter().collect(),
        );
    }
}

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

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else {
            files.push(path);
        }
    }
    files
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
        if *template == "partials/entry.html" {
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

/// Every `.rs` file under src/, concatenated, with each format placeholder
/// (`{kind}`, `{}`, `{:?}`) written as `{}`.
fn source_text() -> String {
    let mut text = String::new();
    for file in walkdir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        if file.extension().is_some_and(|e| e == "rs") {
            text.push_str(&fs::read_to_string(&file).unwrap());
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if !after[..close].contains([' ', '\n', '{', '"']) => {
                out.push_str("{}");
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `words` occur in `src` as written, or with one word standing for a
/// placeholder (`a donut chart` from `a {kind} chart`).
fn occurs(words: &str, src: &str) -> bool {
    let list: Vec<&str> = words.split(' ').collect();
    src.contains(words)
        || (0..list.len()).any(|i| {
            let mut variant = list.clone();
            variant[i] = "{}";
            src.contains(&variant.join(" "))
        })
}

/// Messages that come from the crates baogao reads with (TOML, serde, YAML, JSON,
/// Tera), not from src/: their words cannot be found there.
const FROM_CRATES: &[&str] = &[
    "unknown field ",
    "missing field ",
    "unknown variant ",
    "invalid type: ",
    "invalid date",
    "string values must be quoted",
    "did not find expected",
    "trailing comma",
    "Found ",
    "Unknown filter ",
];

/// The fixed words of a message as printed: the text between the `code` spans,
/// paths, numbers and non-ASCII runs (which are the user's names and values), keeping only
/// pieces long enough to identify the message.
fn fixed_words(message: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut in_code = false;
    // Paths (`content/x.md`, `/reports/x/`) are the user's too.
    // So are lists (`a, b, c`): each word ending in `,` and the word after it.
    let words: Vec<&str> = message.split(' ').collect();
    let message: Vec<&str> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let listed = w.ends_with(',')
                || i.checked_sub(1)
                    .and_then(|p| words.get(p))
                    .is_some_and(|p| p.ends_with(','));
            if w.contains('/') || listed {
                "\""
            } else {
                w
            }
        })
        .collect();
    for c in message.join(" ").chars() {
        if c == '`' {
            in_code = !in_code;
            pieces.push(String::new());
        } else if in_code || !c.is_ascii() || c.is_ascii_digit() || "\\\"():".contains(c) {
            pieces.push(String::new());
        } else if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
    }
    pieces
        .into_iter()
        .map(|p| {
            p.trim_matches(|c: char| c == ' ' || c == ':' || c == ',')
                .to_string()
        })
        .filter(|p| p.len() >= 8)
        .collect()
}

#[test]
fn every_catalogued_error_still_occurs_in_src() {
    let text = page("errors.md");
    let src = source_text();
    let mut checked = 0;
    for line in text.lines() {
        let Some(rest) = line
            .strip_prefix("error: ")
            .or_else(|| line.strip_prefix("  hint: "))
        else {
            continue;
        };
        // `file:line:col: message` → the message.
        let message = if line.starts_with("error: ") {
            rest.split_once(": ").map_or(rest, |(_, m)| m)
        } else {
            rest
        };
        if FROM_CRATES.iter().any(|m| message.contains(m)) {
            continue;
        }
        let words = fixed_words(message);
        assert!(!words.is_empty(), "errors.md: nothing to check in `{line}`");
        for w in words {
            assert!(
                occurs(&w, &src),
                "errors.md: `{w}` (from `{line}`) no longer occurs in src/"
            );
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} catalogued messages found");
}

#[test]
fn gallery_shows_the_specs_it_draws() {
    let gallery = docs().join("content/gallery");
    let mut shown = 0;
    for entry in fs::read_dir(&gallery).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        for block in text.split("## `charts/").skip(1) {
            let (file, rest) = block.split_once("`\n").unwrap();
            let spec = rest
                .split_once("```toml\n")
                .and_then(|(_, r)| r.split_once("```\n"))
                .map(|(spec, _)| spec)
                .unwrap_or_else(|| panic!("no ```toml block for {file}"));
            let on_disk = fs::read_to_string(docs().join("charts").join(file)).unwrap();
            assert_eq!(spec, on_disk, "gallery shows a different {file}");
            let id = file.trim_end_matches(".toml");
            assert!(
                rest.contains(&format!("{{{{ chart(id=\"{id}\") }}}}")),
                "gallery shows {file} but not its chart"
            );
            shown += 1;
        }
    }
    for kind in fields::<baogao::charts::ChartKind>(&[]) {
        assert!(
            gallery.join(format!("{kind}.md")).is_file(),
            "no gallery page for {kind}"
        );
    }
    assert!(shown >= 10, "{shown} specs shown");
}

#[test]
fn docs_site_checks_with_no_problems() {
    let run = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["check", "--root"])
        .arg(docs())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "baogao check --root docs:\n{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn publishing_page_shows_the_workflow_init_writes() {
    let text = page("start/publish.md");
    let shown = text
        .split("```yaml\n")
        .filter_map(|b| b.split_once("```\n").map(|(yaml, _)| yaml))
        .find(|yaml| yaml.contains("github-pages"))
        .expect("a GitHub Pages workflow block");
    assert_eq!(shown, baogao::init::PAGES_WORKFLOW);
}

#[test]
fn documented_exit_codes_are_the_real_ones() {
    let text = page("reference/commands.md");
    let codes = section(&text, "退出码");
    for code in ["| 0 |", "| 1 |", "| 2 |"] {
        assert!(codes.contains(code), "exit code row {code} missing");
    }
    let empty = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_baogao"))
            .args(args)
            .current_dir(empty.path())
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&["check"]), Some(1), "a folder that is not a site");
    assert_eq!(
        run(&["build", "--no-such-flag"]),
        Some(2),
        "bad command line"
    );
    assert_eq!(run(&["init", "site"]), Some(0));
    assert_eq!(run(&["check", "--root", "site"]), Some(0));
}
