//! Hostile text in every place a user's data reaches the output: site config, front
//! matter (title, description, tags, source, key figures), shortcode arguments, chart
//! specs (title, subtitle, notes, source, unit, highlight) and data files (column
//! names, row labels). The strings are markup (`<script>`, `"><svg onload=…>`),
//! entities and `&`, quotes, `]]>`, bidi controls (U+202E) and a 10,000-character
//! string.
//!
//! The built site is checked by parsing it, not by searching its text: every HTML page
//! with an HTML5 parser (scraper/html5ever), every SVG and XML file (the feed, the
//! sitemap) with an XML parser (roxmltree), and the HTML inside the feed's
//! `type="html"` elements with the HTML parser again. Nowhere may there be a `script`
//! element or an `on…` attribute, and the hostile strings must come out as text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::Path;

use common::{snapshot, Site};
use scraper::{Html, Node};

const SCRIPT: &str = "<script>alert(1)</script>";
const ONLOAD: &str = "\"><svg onload=alert(1)>";
/// Must come out as these very characters: not decoded a second time.
const AMP: &str = "R&D & &amp; &lt;b&gt;";
const QUOTES: &str = "'单' \"双\" `反`";
const CDATA: &str = "]]>";
const BIDI: &str = "\u{202E}evil\u{202C}";

/// 10,000 characters, markup included.
fn long() -> String {
    "<长&>".repeat(2_500)
}

/// A TOML string literal holding `s`.
fn t(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A CSV field holding `s`.
fn c(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A shortcode string argument holding `s`.
fn sc(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

const X: &str = "<类别>&\"";
const Y1: &str = ONLOAD;
const Y2: &str = "]]>产出</desc>";

fn hostile_site() -> Site {
    let site = Site::empty();
    let long = long();
    site.write(
        "baogao.toml",
        &format!(
            "title = {}\nbase_url = \"https://example.org/\"\ndescription = {}\nauthor = {}\n",
            t(&format!("{SCRIPT}{ONLOAD}")),
            t(&format!("{CDATA}{AMP}")),
            t(QUOTES),
        ),
    );
    site.write(
        "content/_index.md",
        &format!("+++\ntitle = {}\n+++\n\n首页。\n", t(SCRIPT)),
    );
    site.write(
        "content/reports/_index.md",
        &format!(
            "+++\ntitle = {}\ndescription = {}\n+++\n",
            t(ONLOAD),
            t(BIDI)
        ),
    );
    site.write(
        "content/reports/x.md",
        &format!(
            "+++\ntitle = {title}\ndate = 2026-06-26\ndescription = {desc}\ntags = [{tags}]\nsource = {source}\n\n\
             [[key_figures]]\nlabel = {script}\ndata = \"d.csv\"\nrow = {script}\ncol = {y1}\nnote = {onload}\n+++\n\n\
             ## {script_md}\n\n\
             值：{{{{ value(data=\"d.csv\", row={sc_script}, col={sc_y1}) }}}}，\
             占比：{{{{ share(data=\"d.csv\", row={sc_onload}, col={sc_y1}) }}}}。\n\n\
             {{{{ table(data=\"d.csv\", caption={sc_caption}) }}}}\n\n\
             {{{{ chart(id=\"bar\") }}}}\n\n{{{{ chart(id=\"hbar\") }}}}\n\n{{{{ chart(id=\"donut\") }}}}\n\n\
             {{{{ chart(id=\"line\") }}}}\n\n{{{{ chart(id=\"grouped\") }}}}\n",
            title = t(&format!("{SCRIPT}{BIDI}")),
            desc = t(&format!("{ONLOAD}{CDATA}")),
            tags = [SCRIPT, ONLOAD, "&", QUOTES, BIDI, CDATA]
                .map(t)
                .join(", "),
            source = t(&format!("{AMP}{QUOTES}")),
            script = t(SCRIPT),
            y1 = t(Y1),
            onload = t(ONLOAD),
            // Markdown would read `<script>` as raw HTML; in a heading it is escaped.
            script_md = "\\<script\\>alert(1)\\</script\\>",
            sc_script = sc(SCRIPT),
            sc_y1 = sc(Y1),
            sc_onload = sc(ONLOAD),
            sc_caption = sc(&format!("{SCRIPT}{ONLOAD}{CDATA}")),
        ),
    );
    site.write(
        "content/reports/long.md",
        &format!(
            "+++\ntitle = {l}\ndate = 2026-06-27\ndescription = {l}\ntags = [{l}]\nsource = {l}\n+++\n\n正文。\n",
            l = t(&long)
        ),
    );
    let mut csv = format!("{},{},{}\n", c(X), c(Y1), c(Y2));
    for (label, a, b) in [
        (SCRIPT, 100, 10),
        (ONLOAD, 50, 20),
        ("&", 5, 1),
        (CDATA, 1, 2),
        (BIDI, 2, 3),
        (QUOTES, 4, 4),
        (long.as_str(), 3, 4),
        ("合计", 165, 44),
    ] {
        csv.push_str(&format!("{},{a},{b}\n", c(label)));
    }
    site.write("charts/d.csv", &csv);
    // A donut has few slices: its own data, with a hostile remainder label.
    site.write(
        "charts/p.csv",
        &format!(
            "{},{}\n{},50\n{},30\n{},20\n合计,110\n",
            c(X),
            c(Y1),
            c(SCRIPT),
            c(ONLOAD),
            c(&long)
        ),
    );
    for (id, kind, data, y) in [
        ("bar", "bar", "d.csv", vec![Y1]),
        ("hbar", "hbar", "d.csv", vec![Y1]),
        ("donut", "donut", "p.csv", vec![Y1]),
        ("line", "line", "d.csv", vec![Y1, Y2]),
        ("grouped", "grouped", "d.csv", vec![Y1, Y2]),
    ] {
        site.write(
            &format!("charts/{id}.toml"),
            &format!(
                "title = {}\nsubtitle = {}\nkind = \"{kind}\"\ndata = \"{data}\"\nx = {}\ny = [{}]\nunit = {}\n\
                 highlight = [{}]\nsource = {}\nnotes = {}\n{}",
                t(&format!("{SCRIPT}{CDATA}")),
                t(ONLOAD),
                t(X),
                y.iter().map(|s| t(s)).collect::<Vec<_>>().join(", "),
                t("<b>&\""),
                t(SCRIPT),
                t(&format!("{AMP}{QUOTES}")),
                t(&format!("{BIDI}{CDATA}{ONLOAD}")),
                if kind == "donut" {
                    format!(
                        "[remainder]\nlabel = {}\ntotal_row = \"合计\"\n",
                        t(&format!("{CDATA}{QUOTES}"))
                    )
                } else {
                    String::new()
                },
            ),
        );
    }
    site
}

/// What in an HTML document could run script: `script` elements, `on…` attributes,
/// `javascript:` URLs.
fn script_in_html(doc: &Html) -> Vec<String> {
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        if let Node::Element(el) = node.value() {
            // JSON-LD metadata is data, not script, as long as hostile text cannot end it.
            let json_ld = el.attr("type") == Some("application/ld+json")
                && serde_json::from_str::<serde_json::Value>(
                    &node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect::<String>(),
                )
                .is_ok();
            if el.name().eq_ignore_ascii_case("script") && !json_ld {
                found.push("a <script> element".to_string());
            }
            for (name, value) in el.attrs() {
                if name.to_ascii_lowercase().starts_with("on") {
                    found.push(format!("attribute {name}={value:?} on <{}>", el.name()));
                }
                if value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
                {
                    found.push(format!("javascript: URL in {name}"));
                }
            }
        }
    }
    found
}

fn no_script_html(doc: &Html, file: &str) {
    let found = script_in_html(doc);
    assert!(found.is_empty(), "{file}: {}", found.join("; "));
}

/// All text of an HTML document (text nodes, attribute values), joined.
fn html_text(doc: &Html) -> String {
    let mut out = String::new();
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => {
                for (_, v) in el.attrs() {
                    out.push_str(v);
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    out
}

/// Parses an XML file; its text content (text, attribute values, and the text of the
/// HTML in Atom's `type="html"` elements), or why it is not well-formed, or what in it
/// could run script.
fn read_xml(text: &str) -> Result<String, String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("not well-formed XML: {e}"))?;
    let mut all = String::new();
    let mut found = Vec::new();
    for node in doc.descendants() {
        if node.is_element() {
            let name = node.tag_name().name();
            if name.eq_ignore_ascii_case("script") {
                found.push("a script element".to_string());
            }
            for a in node.attributes() {
                if a.name().to_ascii_lowercase().starts_with("on") {
                    found.push(format!(
                        "attribute {}={:?} on <{name}>",
                        a.name(),
                        a.value()
                    ));
                }
                all.push_str(a.value());
                all.push('\n');
            }
            // Atom's type="html" elements hold HTML a feed reader will render.
            if node.attribute("type") == Some("html") {
                let inner: String = node.children().filter_map(|n| n.text()).collect();
                let frag = Html::parse_fragment(&inner);
                found.extend(
                    script_in_html(&frag)
                        .into_iter()
                        .map(|p| format!("in <{name} type=\"html\">: {p}")),
                );
                all.push_str(&html_text(&frag));
            }
        } else if let Some(t) = node.text() {
            all.push_str(t);
        }
    }
    if found.is_empty() {
        Ok(all)
    } else {
        Err(found.join("; "))
    }
}

fn check_xml(text: &str, file: &str) -> String {
    read_xml(text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn assert_shows(text: &str, what: &str, file: &str) {
    assert!(
        text.contains(what),
        "{file}: {:?} does not appear as text",
        what.chars().take(60).collect::<String>()
    );
}

#[test]
fn hostile_text_is_escaped_everywhere_and_shown_as_text() {
    let site = hostile_site();
    let r = site.run(&["build"]);
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("internal error"),
        "{}",
        r.stderr
    );
    assert_eq!(r.code, 0, "the hostile site must build:\n{}", r.stderr);

    let files = snapshot(&site.path("public"));
    let (mut html, mut svg, mut xml) = (0, 0, 0);
    for (rel, bytes) in &files {
        let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel}: not UTF-8"));
        match Path::new(rel).extension().and_then(|e| e.to_str()) {
            Some("html") => {
                html += 1;
                let doc = Html::parse_document(text);
                no_script_html(&doc, rel);
            }
            Some("svg") => {
                svg += 1;
                let shown = check_xml(text, rel);
                assert_shows(&shown, SCRIPT, rel);
                assert_shows(&shown, CDATA, rel);
            }
            Some("xml") => {
                xml += 1;
                check_xml(text, rel);
            }
            _ => {}
        }
    }
    // XML: atom.xml, sitemap.xml and a feed per taxonomy term (hostile tag names too).
    assert!(
        html >= 5 && svg == 5 && xml > 2,
        "{html} html, {svg} svg, {xml} xml"
    );

    // The report page shows every hostile string as text, the 10,000 characters too.
    let page = Html::parse_document(&site.read("public/reports/x/index.html"));
    let text = html_text(&page);
    let file = "reports/x/index.html";
    for s in [SCRIPT, ONLOAD, AMP, QUOTES, CDATA, BIDI, X, Y2, "<b>&\""] {
        assert_shows(&text, s, file);
    }
    assert_shows(&text, &long(), file);
    let long_page = html_text(&Html::parse_document(
        &site.read("public/reports/long/index.html"),
    ));
    assert_shows(&long_page, &long(), "reports/long/index.html");

    // The feed: titles as text; and the site title in it.
    let feed = check_xml(&site.read("public/atom.xml"), "atom.xml");
    assert_shows(&feed, &format!("{SCRIPT}{BIDI}"), "atom.xml");
    assert_shows(&feed, &format!("{SCRIPT}{ONLOAD}"), "atom.xml");
    assert_shows(&feed, &long(), "atom.xml");
}

/// The checks above must bite: markup that would run script is caught.
#[test]
fn the_checks_catch_script() {
    for bad in [
        "<p>x<script>alert(1)</script></p>",
        "<p><svg onload=alert(1)></svg></p>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<img src=x onerror=alert(1)>",
    ] {
        let found = script_in_html(&Html::parse_document(bad));
        assert!(!found.is_empty(), "not caught: {bad}");
    }
    for bad in [
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x</script></svg>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x\"/>",
        "<feed><title type=\"html\">&lt;script&gt;x&lt;/script&gt;</title></feed>",
        "<svg><text>]]></text></svg>",
    ] {
        assert!(read_xml(bad).is_err(), "not caught: {bad}");
    }
    let fine = read_xml("<feed><title type=\"html\">&amp;lt;b&amp;gt;</title></feed>").unwrap();
    assert!(fine.contains("html\n<b>"), "{fine:?}");
}

/// The browser checker, or None (with a loud notice) when Chromium or the suite's npm
/// packages are missing; under BAOGAO_REQUIRE_BROWSER=1 that is a failure.
fn noscript_checker() -> Option<std::path::PathBuf> {
    let suite = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let ready = std::path::Path::new("/usr/bin/chromium").exists()
        && suite.join("node_modules/playwright-core").is_dir();
    if ready {
        return Some(suite.join("noscript.mjs"));
    }
    assert!(
        std::env::var("BAOGAO_REQUIRE_BROWSER").as_deref() != Ok("1"),
        "BAOGAO_REQUIRE_BROWSER=1 but chromium or tests/browser/node_modules is missing"
    );
    eprintln!("\n!!! SKIPPED a Chromium check: install chromium and run `npm ci --prefix tests/browser` !!!\n");
    None
}

fn run_noscript(checker: &std::path::Path, dir: &std::path::Path) -> (bool, String) {
    let out = std::process::Command::new("node")
        .arg(checker)
        .arg("--dir")
        .arg(dir)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The last judge: Chromium loads every page and SVG of the hostile site and no script
/// runs (no alert dialog, no page error, no `<script>` element).
#[test]
fn no_script_runs_in_chromium() {
    let Some(checker) = noscript_checker() else {
        return;
    };
    let site = hostile_site();
    site.build_ok(&[]);
    let (ok, text) = run_noscript(&checker, &site.path("public"));
    assert!(ok && text.contains("0 problem(s)"), "{text}");
}

/// ...and that judge does see a script that runs.
#[test]
fn the_chromium_check_catches_a_running_script() {
    let Some(checker) = noscript_checker() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.html"),
        "<!doctype html><title>x</title><svg><svg onload=\"alert(1)\"></svg></svg>",
    )
    .unwrap();
    let (ok, text) = run_noscript(&checker, dir.path());
    assert!(!ok && text.contains("opened a dialog"), "{text}");
}
