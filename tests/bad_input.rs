//! The bad-input corpus: one working site (`Site::new()`), built once, then mutated
//! in one way per case (front matter, config, encodings, shortcodes, chart specs,
//! data files, paths leaving charts/, assertions, templates, URLs, output folders).
//!
//! For every case `build` must: exit 1; name the culprit file (with its line where
//! the problem has one); not panic; leave the previous public/ byte-identical; and
//! write nothing outside the output folder. Cases that do not involve the output
//! folder are also run through `check`, which must fail the same way.
//!
//! `cargo test --release --test bad_input -- --nocapture` prints what the user sees
//! for every case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{snapshot, Site};

/// One way to break the base site.
struct Case {
    name: &'static str,
    /// What is done to the site after its first, successful build.
    mutate: fn(&Site),
    /// Extra arguments to `build`.
    args: &'static [&'static str],
    /// Whether `check` must fail too (not for output-folder cases: it writes nothing).
    check: bool,
    /// Each must appear in stderr: the culprit `file:line` first, then the gist.
    expect: &'static [&'static str],
}

/// A case for a problem in the site's files: both `build` and `check` must fail.
fn case(name: &'static str, mutate: fn(&Site), expect: &'static [&'static str]) -> Case {
    Case {
        name,
        mutate,
        args: &[],
        check: true,
        expect,
    }
}

/// A case about the output folder: only `build` writes one.
fn build_only(
    name: &'static str,
    mutate: fn(&Site),
    args: &'static [&'static str],
    expect: &'static [&'static str],
) -> Case {
    Case {
        name,
        mutate,
        args,
        check: false,
        expect,
    }
}

/// Replaces `content/about.md` (in the cases its front matter ends on line 3).
fn about(s: &Site, text: &str) {
    s.write("content/about.md", text);
}

/// Replaces the chart spec `charts/c.toml`.
fn spec(s: &Site, text: &str) {
    s.write("charts/c.toml", text);
}

/// The base site's chart spec, lines 1–5; cases append to it or edit one line.
const SPEC: &str =
    "title = \"甲最多\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\n";

/// Writes raw bytes (for files that are not UTF-8).
fn bytes(s: &Site, rel: &str, b: &[u8]) {
    let p = s.path(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, b).unwrap();
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    vec![
        // ── Front matter ─────────────────────────────────────────────────────────
        case("front matter not closed",
            |s| about(s, "+++\ntitle = \"关于\"\n\n正文\n"),
            &["content/about.md:1:1:", "front matter is not closed"]),
        case("front matter missing",
            |s| about(s, "只有正文，没有 front matter。\n"),
            &["content/about.md:1:1:", "missing front matter"]),
        case("front matter invalid TOML (unterminated string)",
            |s| about(s, "+++\ntitle = \"关于\ndraft = false\n+++\n"),
            &["content/about.md:2:"]),
        case("front matter wrong type (draft is a string)",
            |s| about(s, "+++\ntitle = \"关于\"\ndraft = \"no\"\n+++\n"),
            &["content/about.md:3:", "bool"]),
        // A lone string is one tag (Hugo writes `tags: Go`); a number is not.
        case("front matter wrong type (tags is a number)",
            |s| about(s, "+++\ntitle = \"关于\"\ntags = 3\n+++\n"),
            &["content/about.md:3:"]),
        case("front matter impossible date",
            |s| about(s, "+++\ntitle = \"关于\"\ndate = 2026-13-01\n+++\n"),
            &["content/about.md:3:"]),
        case("front matter YAML date that is not a date",
            |s| about(s, "---\ntitle: 关于\ndate: 昨天\n---\n"),
            &["content/about.md:3:", "`date` is not a date"]),
        case("front matter invalid YAML",
            |s| about(s, "---\ntitle: [关于\n---\n"),
            &["content/about.md:", "invalid YAML front matter"]),
        case("front matter key figure with an unknown row",
            |s| about(s, "+++\ntitle = \"关于\"\n\n[[key_figures]]\nlabel = \"总额\"\ndata = \"d.csv\"\nrow = \"丁\"\ncol = \"投资\"\n+++\n"),
            &["content/about.md:4:", "unknown row `丁`"]),
        case("front matter title with an escaped control character",
            |s| about(s, "+++\ntitle = \"关于\\u0001\"\n+++\n"),
            &["content/about.md:2:", "control character U+0001 in `title`"]),
        case("YAML front matter tag with an escaped control character",
            |s| about(s, "---\ntitle: 关于\ntags: [\"a\\x1b\"]\n---\n"),
            &["content/about.md:3:", "control character U+001B in `tags`"]),
        // ── Configuration ────────────────────────────────────────────────────────
        case("config unknown key",
            |s| s.write("baogao.toml", "title = \"t\"\nbase_url = \"https://e.org/\"\ntitel = \"x\"\n"),
            &["baogao.toml:3:1:", "unknown field `titel`"]),
        case("config invalid TOML",
            |s| s.write("baogao.toml", "title = \"t\"\nbase_url = https://e.org/\n"),
            &["baogao.toml:2:"]),
        case("config missing",
            |s| fs::remove_file(s.path("baogao.toml")).unwrap(),
            &["baogao.toml:", "baogao.toml is missing"]),
        case("config missing a required key",
            |s| s.write("baogao.toml", "title = \"t\"\n"),
            &["baogao.toml:", "base_url"]),
        case("config title with an escaped control character",
            |s| s.write("baogao.toml", "title = \"t\\b\"\nbase_url = \"https://e.org/\"\n"),
            &["baogao.toml:1:", "control character U+0008 in `title`"]),
        case("config bad palette colour",
            |s| s.write("baogao.toml", "title = \"t\"\nbase_url = \"https://e.org/\"\n[charts]\npalette = [\"red\"]\n"),
            &["baogao.toml:", "palette colour `red`"]),
        // ── Files that are not UTF-8 ─────────────────────────────────────────────
        case("content not UTF-8",
            |s| bytes(s, "content/about.md", b"+++\ntitle = \"x\"\n+++\n\n\xff\xfe bad\n"),
            &["content/about.md:5:1:", "not valid UTF-8"]),
        case("CSV neither UTF-8 nor GB18030/GBK",
            // 0xFF starts no character in either (GBK files are read: tests/workbooks.rs).
            |s| bytes(s, "charts/d.csv", b"\xff\xff,\xcd\xb6\xd7\xca\n\xbc\xd7,100\n"),
            &["charts/d.csv:1:1:", "tried UTF-8", "GB18030/GBK"]),
        case("chart spec not UTF-8",
            |s| bytes(s, "charts/c.toml", b"title = \"\xff\"\nkind = \"bar\"\n"),
            &["charts/c.toml:1:", "not valid UTF-8"]),
        case("template not UTF-8",
            |s| bytes(s, "templates/page.html", b"{{ page.title }}\n\xc3\x28\n"),
            &["templates/page.html:2:1:", "not valid UTF-8"]),
        // ── Shortcodes ───────────────────────────────────────────────────────────
        case("unknown shortcode",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n甲 {{ graph(id=\"c\") }}\n"),
            &["content/about.md:5:3:", "unknown shortcode `graph`"]),
        case("malformed shortcode (missing comma)",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ value(data=\"d.csv\" row=\"甲\", col=\"投资\") }}\n"),
            &["content/about.md:5:"]),
        case("malformed shortcode (unterminated string)",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ chart(id=\"c) }}\n"),
            &["content/about.md:5:"]),
        case("unterminated shortcode",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ chart(id=\"c\")\n"),
            &["content/about.md:5:"]),
        case("shortcode missing an argument",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ value(data=\"d.csv\", row=\"甲\") }}\n"),
            &["content/about.md:5:1:", "needs the argument `col`"]),
        case("shortcode unknown argument",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ chart(id=\"c\", size=3) }}\n"),
            &["content/about.md:5:1:", "no argument `size`"]),
        case("unknown chart",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ chart(id=\"nope\") }}\n"),
            &["content/about.md:5:1:", "unknown chart `nope`"]),
        case("unknown row",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ value(data=\"d.csv\", row=\"丁\", col=\"投资\") }}\n"),
            &["content/about.md:5:1:", "unknown row `丁`"]),
        case("unknown column",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ share(data=\"d.csv\", row=\"甲\", col=\"产出\") }}\n"),
            &["content/about.md:5:1:", "unknown column `产出`"]),
        case("unknown data file in a shortcode",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ table(data=\"nope.csv\") }}\n"),
            &["content/about.md:5:1:", "unknown data file `nope.csv`"]),
        // ── Chart specs ──────────────────────────────────────────────────────────
        case("chart spec missing a required key (kind)",
            |s| spec(s, "title = \"t\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\n"),
            &["charts/c.toml:", "missing field `kind`"]),
        case("chart spec unknown key",
            |s| spec(s, &format!("{SPEC}colour = \"red\"\n")),
            &["charts/c.toml:6:1:", "unknown field `colour`"]),
        case("chart spec data file of a type baogao does not read",
            |s| {
                s.write("charts/d.parquet", "PAR1");
                spec(s, &SPEC.replace("d.csv", "d.parquet"));
            },
            &["charts/c.toml:3:", "unsupported data file type `.parquet`"]),
        case("chart spec decimals out of range",
            |s| spec(s, &format!("{SPEC}decimals = 99\n")),
            &["charts/c.toml:6:12:", "`decimals` must be a whole number from 0 to 6"]),
        case("config decimals out of range",
            |s| s.write("baogao.toml", "title = \"t\"\nbase_url = \"https://e.org/\"\n[format]\ndecimals = 300\n"),
            &["baogao.toml:4:12:", "`decimals` must be a whole number from 0 to 6"]),
        case("chart spec unknown kind",
            |s| spec(s, &SPEC.replace("\"bar\"", "\"pie\"")),
            &["charts/c.toml:2:", "pie"]),
        case("chart spec invalid TOML",
            |s| spec(s, &format!("{SPEC}unit = 亿元\n")),
            &["charts/c.toml:6:"]),
        case("chart spec remainder label with an escaped control character",
            |s| spec(s, &format!("{SPEC}[remainder]\nlabel = \"其他\\f\"\ntotal_row = \"合计\"\n")),
            &["charts/c.toml:6:", "control character U+000C in `remainder`"]),
        case("chart spec value column not in data",
            |s| spec(s, &SPEC.replace("[\"投资\"]", "[\"产出\"]")),
            &["charts/c.toml:5:", "`产出`"]),
        case("chart spec category column not in data",
            |s| spec(s, &SPEC.replace("x = \"类别\"", "x = \"领域\"")),
            &["charts/c.toml:4:", "`领域`"]),
        case("chart file name not usable as an id",
            |s| s.write("charts/我的 图.toml", SPEC),
            &["charts/我的 图.toml:", "chart id"]),
        // ── Data files ───────────────────────────────────────────────────────────
        case("data file missing",
            |s| spec(s, &SPEC.replace("d.csv", "none.csv")),
            &["charts/c.toml:3:", "`none.csv` not found"]),
        case("data file empty",
            |s| s.write("charts/d.csv", ""),
            &["charts/d.csv:", "no rows"]),
        case("data file header only",
            |s| s.write("charts/d.csv", "类别,投资\n"),
            &["charts/d.csv:", "no rows"]),
        case("data file header on two rows (merged cells)",
            |s| s.write("charts/d.csv", "类别,投资,\n,总量,增长\n甲,100,5\n乙,50,6\n合计,150,5.5\n"),
            &["charts/d.csv:1", "column 3 has no name", "a header on two rows"]),
        case("data file ragged row",
            |s| s.write("charts/d.csv", "类别,投资\n甲,100\n乙,50,7\n合计,150\n"),
            &["charts/d.csv:3"]),
        case("data file non-numeric value in a charted column",
            |s| s.write("charts/d.csv", "类别,投资\n甲,100\n乙,很多\n合计,150\n"),
            &["charts/d.csv:3", "很多"]),
        case("data file NaN",
            |s| s.write("charts/d.csv", "类别,投资\n甲,NaN\n乙,50\n合计,150\n"),
            &["charts/d.csv:2", "not a finite number"]),
        case("data file infinity",
            |s| s.write("charts/d.csv", "类别,投资\n甲,100\n乙,-inf\n合计,150\n"),
            &["charts/d.csv:3", "not a finite number"]),
        case("data file number too large to be finite",
            |s| s.write("charts/d.csv", "类别,投资\n甲,1e999\n乙,50\n合计,150\n"),
            &["charts/d.csv:2", "not a finite number"]),
        case("data file with a NUL byte in a label",
            |s| s.write("charts/d.csv", "类别,投资\n甲,100\n乙\u{0},50\n合计,150\n"),
            &["charts/d.csv:3:2:", "control character U+0000"]),
        case("data file JSON with an escaped control character",
            |s| s.write("charts/e.json", "[\n{\"类别\": \"甲\\u0001\", \"投资\": 1}\n]\n"),
            &["charts/e.json:2", "control character U+0001"]),
        case("data file malformed JSON",
            |s| {
                s.write("charts/d.json", "[\n  {\"类别\": \"甲\", \"投资\": 100,}\n]\n");
                spec(s, &SPEC.replace("d.csv", "d.json"));
            },
            &["charts/d.json:2:", "invalid JSON"]),
        case("data file JSON that is not an array of objects",
            |s| s.write("charts/d.json", "{\"类别\": \"甲\"}\n"),
            &["charts/d.json:", "array of objects"]),
        case("data file TOML with a boolean cell",
            |s| s.write("charts/t.toml", "[[rows]]\n\"类别\" = \"甲\"\n\"投资\" = true\n"),
            &["charts/t.toml:3:", "true/false"]),
        case("negative value in a donut",
            |s| {
                s.write("charts/d.csv", "类别,投资\n甲,100\n乙,-50\n合计,50\n");
                spec(s, &SPEC.replace("\"bar\"", "\"donut\""));
            },
            &["charts/d.csv:3", "negative"]),
        // ── Paths leaving charts/ ────────────────────────────────────────────────
        case("data path with ..",
            |s| {
                s.write("secret.csv", "类别,投资\n甲,1\n");
                spec(s, &SPEC.replace("d.csv", "../secret.csv"));
            },
            &["charts/c.toml:3:", "`../secret.csv` leaves charts/"]),
        case("data path absolute",
            |s| spec(s, &SPEC.replace("\"d.csv\"", "\"/etc/passwd\"")),
            &["charts/c.toml:3:", "`/etc/passwd` is absolute"]),
        #[cfg(unix)]
        case("data file is a link pointing outside charts/",
            |s| {
                s.write("secret.csv", "类别,投资\n甲,1\n");
                symlink(&s.path("secret.csv"), &s.path("charts/s.csv"));
            },
            &["charts/s.csv:", "this link points outside its folder"]),
        #[cfg(unix)]
        case("data path through a folder link pointing outside charts/",
            |s| {
                s.write("outside/x.csv", "类别,投资\n甲,1\n");
                symlink(&s.path("outside"), &s.path("charts/ext"));
                spec(s, &SPEC.replace("d.csv", "ext/x.csv"));
            },
            &["charts/c.toml:3:", "leaves charts/ (through a link)"]),
        case("shortcode data path with ..",
            |s| about(s, "+++\ntitle = \"关于\"\n+++\n\n{{ table(data=\"../baogao.toml\") }}\n"),
            &["content/about.md:5:1:", "../baogao.toml"]),
        // ── Assertions ───────────────────────────────────────────────────────────
        case("failing assertion in a chart spec",
            |s| spec(s, &format!("{SPEC}\n[[assert]]\nexpr = \"sum(投资) < 100\"\nmessage = \"太多\"\n")),
            &["charts/c.toml:8:", "assertion failed: sum(投资) < 100", "太多"]),
        case("assertion syntax error",
            |s| spec(s, &format!("{SPEC}\n[[assert]]\nexpr = \"sum(投资) <\"\n")),
            &["charts/c.toml:8:", "invalid assertion"]),
        case("assertion on an unknown column",
            |s| spec(s, &format!("{SPEC}\n[[assert]]\nexpr = \"sum(产出) > 0\"\n")),
            &["charts/c.toml:8:", "产出"]),
        case("failing assertion in a data sidecar",
            |s| s.write("charts/d.csv.meta.toml", "[[assert]]\nexpr = \"count() == 7\"\n"),
            &["charts/d.csv.meta.toml:2:", "assertion failed"]),
        // ── Templates ────────────────────────────────────────────────────────────
        case("template syntax error",
            |s| s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{% if %}{% endif %}\n{% endblock %}\n"),
            &["templates/page.html:3:"]),
        case("template unknown filter",
            |s| s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | nofilter }}\n{% endblock %}\n"),
            &["templates/page.html:3:", "nofilter"]),
        case("template undefined variable",
            |s| s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.no_such_field.x }}\n{% endblock %}\n"),
            &["templates/page.html:3:"]),
        // ── URLs ─────────────────────────────────────────────────────────────────
        case("two pages claiming one URL",
            |s| s.write("content/reports/other.md", "+++\ntitle = \"另一篇\"\nslug = \"first\"\n+++\n"),
            &["content/reports/", "both claim the URL /reports/first/"]),
        // ── Output folder ────────────────────────────────────────────────────────
        build_only("output folder is a source folder",
            |_| {},
            &["--output", "content"],
            &["content:", "overlaps the site's sources"]),
        build_only("output folder inside a source folder",
            |_| {},
            &["--output", "charts/out"],
            &["charts/out:", "overlaps the site's sources"]),
        build_only("output folder is the site itself",
            |_| {},
            &["--output", "."],
            &["would contain the site itself"]),
        build_only("output folder holds foreign files",
            |s| s.write("public/notes.txt", "我的笔记"),
            &[],
            &["public:", "did not write (`notes.txt`)"]),
        build_only("other output folder holds foreign files",
            |s| s.write("site-out/index.html", "<p>别人的网站</p>"),
            &["--output", "site-out"],
            &["site-out:", "did not write (`index.html`)"]),
        build_only("output path is a file",
            |s| s.write("out.txt", "x"),
            &["--output", "out.txt"],
            &["out.txt:", "not a folder"]),
    ]
}

/// The site minus its output folder.
fn sources(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let mut all = snapshot(site.dir.path());
    all.retain(|k, _| !k.starts_with("public/"));
    all
}

/// Runs one case; `Err` says what went wrong.
fn run_case(case: &Case) -> Result<String, String> {
    let site = Site::new();
    site.build_ok(&[]);
    (case.mutate)(&site);
    let public_before = snapshot(&site.path("public"));
    let sources_before = sources(&site);

    let mut args = vec!["build"];
    args.extend_from_slice(case.args);
    let mut runs = vec![("build", site.run(&args))];
    if case.check {
        runs.push(("check", site.run(&["check"])));
    }

    let mut problems = Vec::new();
    for (cmd, r) in &runs {
        if r.code != 1 {
            problems.push(format!("{cmd}: exit code {} (expected 1)", r.code));
        }
        for bad in ["panicked", "internal error", "RUST_BACKTRACE"] {
            if r.stderr.contains(bad) {
                problems.push(format!("{cmd}: stderr contains `{bad}`"));
            }
        }
        for e in case.expect {
            if !r.stderr.contains(e) {
                problems.push(format!("{cmd}: stderr lacks `{e}`"));
            }
        }
        if !r.stdout.is_empty() {
            problems.push(format!("{cmd}: printed to stdout: {}", r.stdout));
        }
    }
    if snapshot(&site.path("public")) != public_before {
        problems.push("public/ changed".into());
    }
    let sources_after = sources(&site);
    if sources_after != sources_before {
        let added: Vec<_> = sources_after
            .keys()
            .filter(|k| !sources_before.contains_key(*k))
            .collect();
        problems.push(format!("files outside public/ changed (new: {added:?})"));
    }
    let stderr = runs
        .first()
        .map(|(_, r)| r.stderr.clone())
        .unwrap_or_default();
    if problems.is_empty() {
        Ok(stderr)
    } else {
        Err(format!(
            "{}\n--- build stderr:\n{stderr}",
            problems.join("\n")
        ))
    }
}

#[test]
fn corpus_has_enough_cases_with_unique_names() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut names: Vec<_> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "two cases share a name");
}

#[test]
fn every_bad_input_fails_cleanly_and_keeps_public() {
    let cases = cases();
    // Cases are independent (one temp site each): run them on a few threads.
    let results: Vec<(&Case, Result<String, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .iter()
            .map(|c| (c, scope.spawn(move || run_case(c))))
            .collect();
        handles
            .into_iter()
            .map(|(c, h)| (c, h.join().unwrap_or_else(|_| Err("test panicked".into()))))
            .collect()
    });
    let mut failed = Vec::new();
    let mut summary = Vec::new();
    for (case, result) in &results {
        match result {
            Ok(stderr) => {
                println!("── {}", case.name);
                print!("{stderr}");
                let culprit = case.expect.first().copied().unwrap_or("error: ");
                let line = stderr.lines().find(|l| l.contains(culprit)).unwrap_or("");
                summary.push(format!(
                    "{} → {}",
                    case.name,
                    line.trim_start_matches("error: ")
                ));
            }
            Err(why) => failed.push(format!("✗ {}\n{why}", case.name)),
        }
    }
    println!(
        "\n{} cases; what the user sees first for each:\n{}",
        results.len(),
        summary.join("\n")
    );
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failed.len(),
        results.len(),
        failed.join("\n\n")
    );
}
