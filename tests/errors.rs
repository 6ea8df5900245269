//! Every kind of user error is reported as `file:line[:col]: message`, with exit code 1,
//! and all problems of one build come out together.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

/// Builds `site`, expects failure, and returns stderr.
fn fails(site: &Site) -> String {
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "expected exit 1, got {}:\n{}", r.code, r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r.stderr
}

fn assert_has(stderr: &str, expected: &str) {
    assert!(
        stderr.contains(expected),
        "expected `{expected}` in:\n{stderr}"
    );
}

#[test]
fn config_unknown_key() {
    let site = Site::new();
    site.write(
        "baogao.toml",
        "title = \"t\"\nbase_url = \"https://e.org/\"\ntitel = \"x\"\n",
    );
    assert_has(&fails(&site), "baogao.toml:3:1: unknown field `titel`");
}

#[test]
fn front_matter_invalid_toml() {
    let site = Site::new();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\ndate = 2026-13-01\n+++\n",
    );
    assert_has(&fails(&site), "content/about.md:3:");
}

#[test]
fn front_matter_wrong_type() {
    let site = Site::new();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\ndraft = \"no\"\n+++\n",
    );
    assert_has(&fails(&site), "content/about.md:3:");
}

#[test]
fn front_matter_unclosed() {
    let site = Site::new();
    site.write("content/about.md", "+++\ntitle = \"关于\"\n\n正文\n");
    assert_has(
        &fails(&site),
        "content/about.md:1:1: front matter is not closed",
    );
}

#[test]
fn unknown_front_matter_key_is_only_a_warning() {
    let site = Site::new();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\nmood = \"good\"\n+++\n",
    );
    let r = site.build_ok(&[]);
    assert_has(
        &r.stderr,
        "warning: content/about.md:3: unknown front matter key `mood`",
    );
}

#[test]
fn unknown_shortcode_has_line_and_column() {
    let site = Site::new();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n第一行\n甲 {{ graph(id=\"c\") }}\n",
    );
    assert_has(
        &fails(&site),
        "content/about.md:6:3: unknown shortcode `graph`",
    );
}

#[test]
fn unknown_chart_row_and_column() {
    let site = Site::new();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n{{ chart(id=\"nope\") }}\n\n{{ value(data=\"d.csv\", row=\"丁\", col=\"投资\") }}\n\n{{ value(data=\"d.csv\", row=\"甲\", col=\"产出\") }}\n",
    );
    let err = fails(&site);
    // All three problems at once.
    assert_has(&err, "content/about.md:5:1: unknown chart `nope`");
    assert_has(&err, "content/about.md:7:1: unknown row `丁`");
    assert_has(&err, "content/about.md:9:1: unknown column `产出`");
}

#[test]
fn unterminated_shortcode() {
    let site = Site::new();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n{{ chart(id=\"c\")\n",
    );
    assert_has(&fails(&site), "content/about.md:5:");
}

#[test]
fn shortcodes_in_code_are_left_alone() {
    let site = Site::new();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n`{{ graph(id=\"x\") }}`\n\n```\n{{ nothing(a=1) }}\n```\n",
    );
    site.build_ok(&[]);
    assert!(site
        .read("public/about/index.html")
        .contains("<code>{{ graph(id=\"x\") }}</code>"));
}

#[test]
fn template_syntax_error_names_template_line_and_column() {
    let site = Site::new();
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | nofilter }}\n{% endblock %}\n");
    assert_has(&fails(&site), "templates/page.html:3:");
}

#[test]
fn template_undefined_variable() {
    let site = Site::new();
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.no_such_field.x }}\n{% endblock %}\n");
    assert_has(&fails(&site), "templates/page.html:3:");
}

#[test]
fn two_pages_claiming_one_url() {
    let site = Site::new();
    site.write(
        "content/reports/other.md",
        "+++\ntitle = \"另一篇\"\nslug = \"first\"\n+++\n",
    );
    let err = fails(&site);
    assert_has(&err, "both claim the URL /reports/first/");
}

#[test]
fn non_utf8_content() {
    let site = Site::new();
    std::fs::write(
        site.path("content/about.md"),
        b"+++\ntitle = \"x\"\n+++\n\n\xff\xfe bad\n",
    )
    .unwrap();
    assert_has(
        &fails(&site),
        "content/about.md:5:1: file is not valid UTF-8",
    );
}

#[test]
fn chart_spec_unknown_key_and_missing_data() {
    let site = Site::new();
    site.write(
        "charts/c.toml",
        "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\ncolour = \"red\"\n",
    );
    assert_has(&fails(&site), "charts/c.toml:6:1: unknown field `colour`");
    site.write(
        "charts/c.toml",
        "title = \"t\"\nkind = \"bar\"\ndata = \"none.csv\"\nx = \"类别\"\ny = [\"投资\"]\n",
    );
    assert_has(
        &fails(&site),
        "charts/c.toml:3: data file `none.csv` not found",
    );
}

#[test]
fn failing_assertion_names_spec_expression_and_values() {
    let site = Site::new();
    site.write(
        "charts/c.toml",
        "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\n\n[[assert]]\nexpr = \"sum(投资) < 100\"\nmessage = \"太多\"\n",
    );
    let err = fails(&site);
    assert_has(&err, "charts/c.toml:8:");
    assert_has(&err, "sum(投资) < 100");
    assert_has(&err, "150");
    assert_has(&err, "太多");
}

#[test]
fn data_file_problems_have_lines() {
    let site = Site::new();
    site.write("charts/d.csv", "类别,投资\n甲,100\n乙,50,7\n合计,150\n");
    assert_has(&fails(&site), "charts/d.csv:3");
    site.write("charts/d.csv", "类别,投资\n甲,NaN\n合计,150\n");
    assert_has(&fails(&site), "charts/d.csv:2");
}

#[test]
fn an_unknown_chart_lists_every_chart_even_one_that_could_not_be_drawn() {
    let site = Site::new();
    site.write(
        "charts/broken.toml",
        "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"没有\"]\n",
    );
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n{{ chart(id=\"broken\") }}\n\n{{ chart(id=\"nope\") }}\n",
    );
    let err = fails(&site);
    assert_has(
        &err,
        "charts/broken.toml:5: y: column `没有` is not in `d.csv`",
    );
    assert_has(
        &err,
        "content/about.md:7:1: unknown chart `nope` (charts: broken, c)",
    );
    // The broken chart is reported once, for itself, not as unknown.
    assert!(!err.contains("unknown chart `broken`"), "{err}");
}
