//! `baogao build` on small sites: what it writes, where links point, and how it keeps
//! previous output safe.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{snapshot, Site};

#[test]
fn writes_every_kind_of_output() {
    let site = Site::new();
    let r = site.build_ok(&[]);
    assert!(r.stdout.contains("built 2 pages, 1 chart,"), "{}", r.stdout);
    for f in [
        "index.html",
        "404.html",
        "reports/index.html",
        "reports/first/index.html",
        "about/index.html",
        "tags/index.html",
        "tags/tou-zi/index.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "assets/style.css",
        "charts/c.svg",
        "charts/c.csv",
    ] {
        assert!(site.path("public").join(f).is_file(), "missing public/{f}");
    }
    let page = site.read("public/reports/first/index.html");
    // A figure and its unit never split across lines: the renderer keeps them in one span.
    assert!(
        page.contains("总额<span class=\"nobr\">150亿元</span>"),
        "value shortcode: {page}"
    );
    assert!(
        page.contains("甲占<span class=\"nobr\">66.7%</span>"),
        "share shortcode"
    );
    assert!(page.contains("<h2 id=\"gai-lan\">"), "heading id");
    assert!(page.contains("<svg"), "chart inline");
    assert_eq!(
        page.matches("<script").count(),
        page.matches("<script type=\"application/ld+json\">")
            .count(),
        "no JavaScript in built pages, only JSON-LD metadata"
    );
    let feed = site.read("public/atom.xml");
    assert!(feed.contains("https://example.org/reports/first/"));
    assert!(site
        .read("public/sitemap.xml")
        .contains("https://example.org/about/"));
    assert!(site
        .read("public/robots.txt")
        .contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn a_base_url_flag_that_is_not_absolute_is_a_usage_error() {
    let site = Site::new();
    let r = site.run(&["build", "--base-url", "example.org"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("`example.org` is not an absolute URL"),
        "{}",
        r.stderr
    );
    assert!(!site.path("public").exists(), "nothing is built");
}

#[test]
fn sub_path_base_url_prefixes_every_internal_link() {
    let site = Site::new();
    site.build_ok(&["--base-url", "https://example.org/reports/"]);
    let index = site.read("public/index.html");
    assert!(
        index.contains("href=\"/reports/reports/first/\""),
        "{index}"
    );
    assert!(index.contains("href=\"/reports/assets/style.css\""));
    let page = site.read("public/reports/first/index.html");
    assert!(page.contains("/reports/charts/c.csv"));
    assert!(
        !page.contains("href=\"/assets/"),
        "an asset link lost its prefix"
    );
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn site_templates_override_the_default_theme_file_by_file() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ page.title }}</p>{% endblock %}",
    );
    site.write("templates/assets/extra.css", "p{}");
    site.build_ok(&[]);
    assert!(site
        .read("public/reports/first/index.html")
        .contains("<p class=\"mine\">第一篇</p>"));
    assert!(site
        .read("public/about/index.html")
        .contains("<p class=\"mine\">关于</p>"));
    // Files not overridden still come from the default theme.
    assert!(site.read("public/reports/index.html").contains("第一篇"));
    assert!(site.path("public/assets/extra.css").is_file());
    assert!(site.path("public/assets/style.css").is_file());
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let site = Site::new();
    site.write(
        "content/reports/wip.md",
        "+++\ntitle = \"草稿\"\ndraft = true\n+++\n\n未完。\n",
    );
    site.build_ok(&[]);
    assert!(!site.path("public/reports/wip").exists());
    assert!(!site.read("public/reports/index.html").contains("草稿"));
    site.build_ok(&["--drafts"]);
    assert!(site.path("public/reports/wip/index.html").is_file());
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new();
    site.build_ok(&[]);
    let before = snapshot(&site.path("public"));
    site.write("content/reports/first.md", "+++\ntitle = \"坏\n+++\n");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert_eq!(snapshot(&site.path("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("baogao-tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left: {leftovers:?}"
    );
}

#[test]
fn an_output_folder_with_foreign_files_is_refused_not_emptied() {
    let site = Site::new();
    site.write("public/precious.txt", "mine");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("did not write"), "{}", r.stderr);
    assert!(r.stderr.contains("precious.txt"));
    assert_eq!(site.read("public/precious.txt"), "mine");
    // A file added to baogao's own output later is foreign too.
    let site = Site::new();
    site.build_ok(&[]);
    site.write("public/CNAME", "example.org");
    assert_eq!(site.run(&["build"]).code, 1);
    assert_eq!(site.read("public/CNAME"), "example.org");
}

#[test]
fn the_output_may_not_be_a_source_folder() {
    let site = Site::new();
    let r = site.run(&["build", "--output", "content"]);
    assert_eq!(r.code, 1);
    assert!(site.path("content/about.md").is_file());
    let r = site.run(&["build", "--output", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(site.path("content/about.md").is_file());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::new();
    site.build_ok(&[]);
    let first = snapshot(&site.path("public"));
    site.build_ok(&["--output", "public2"]);
    assert_eq!(first, snapshot(&site.path("public2")));
}

#[test]
fn init_creates_a_site_that_builds_and_checks() {
    let site = Site::empty();
    let r = site.run(&["init", "new-site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = site.run(&["build", "--root", "new-site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = site.read("new-site/public/reports/sample/index.html");
    assert!(report.contains("2,020.3亿元"), "the value shortcode");
    assert!(report.contains("0.9%"), "the share shortcode");
    assert!(site
        .path("new-site/public/charts/investment-structure.svg")
        .is_file());
    assert!(site
        .read("new-site/charts/key-projects-2026-jan-may.csv.meta.toml")
        .contains("[[assert]]"));
    assert!(site.read("new-site/.gitignore").contains("/public"));
    assert!(site
        .read("new-site/.github/workflows/pages.yml")
        .contains("baogao build"));
    assert_eq!(site.run(&["check", "--root", "new-site"]).code, 0);
    assert_eq!(
        site.run(&["init", "new-site"]).code,
        1,
        "init must not touch an existing site"
    );
}

#[test]
fn home_lists_sections_by_weight() {
    let site = Site::new();
    site.write(
        "content/alpha/_index.md",
        "+++\ntitle = \"甲栏目\"\nweight = 2\n+++\n",
    );
    site.write(
        "content/zeta/_index.md",
        "+++\ntitle = \"乙栏目\"\nweight = 1\n+++\n",
    );
    site.build_ok(&[]);
    let home = site.read("public/index.html");
    let position = |title: &str| {
        home.find(title)
            .unwrap_or_else(|| panic!("{title} not listed"))
    };
    let heading = |title: &str| position(&format!(">{title}</a></h2>"));
    assert!(heading("乙栏目") < heading("甲栏目"), "weight 1 first");
    assert!(
        heading("甲栏目") < heading("报告"),
        "sections without weight last"
    );
}

#[test]
fn init_bare_creates_an_empty_skeleton_that_builds() {
    let site = Site::empty();
    let r = site.run(&["init", "--bare", "bare"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.path("bare/charts").is_dir());
    assert!(site.path("bare/.gitignore").is_file());
    assert!(!site.path("bare/content/reports").exists());
    assert!(!site.path("bare/.github").exists());
    let r = site.run(&["build", "--root", "bare"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("0 charts"), "{}", r.stdout);
    assert!(site.path("bare/public/index.html").is_file());
}

#[test]
fn check_writes_nothing_and_finds_broken_links_and_anchors() {
    let site = Site::new();
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!site.path("public").exists());
    site.write("content/about.md", "+++\ntitle = \"关于\"\n+++\n\n[坏链接](../nowhere/)\n\n[坏锚点](../reports/first/#missing)\n");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/about.md:5:7: broken link `../nowhere/`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("content/about.md:7:7: broken anchor"),
        "{}",
        r.stderr
    );
    assert!(!site.path("public").exists());
}

#[test]
fn a_bad_link_in_a_summary_is_reported_once_where_it_is_written() {
    let site = Site::new();
    // Above `<!-- more -->`: the section, the home page and the tag page show it too.
    site.write(
        "content/reports/second.md",
        "+++\ntitle = \"第二篇\"\ndate = 2026-01-02\ntags = [\"t\"]\n+++\n\n摘要[坏](../nope/)\n\n<!-- more -->\n\n正文\n",
    );
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/reports/second.md:7:7: broken link `../nope/`"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("broken link").count(), 1, "{}", r.stderr);
}

#[test]
fn bad_command_line_use_exits_with_2() {
    let site = Site::new();
    assert_eq!(site.run(&["build", "--nope"]).code, 2);
    assert_eq!(site.run(&["frobnicate"]).code, 2);
}

#[test]
fn parallel_output_equals_the_sequential_output() {
    let site = Site::new();
    for i in 0..40 {
        site.write(
            &format!("content/reports/r{i:02}.md"),
            &format!("+++\ntitle = \"报告{i}\"\ndate = 2026-01-{:02}\ntags = [\"t{}\"]\n+++\n\n## 小节\n\n正文{{{{ value(data=\"d.csv\", row=\"甲\", col=\"投资\") }}}}[^1]。\n\n[^1]: 注。\n", i % 28 + 1, i % 5),
        );
    }
    let sequential = std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["build", "--output", "seq"])
        .env("RAYON_NUM_THREADS", "1")
        .current_dir(site.dir.path())
        .status()
        .unwrap();
    assert!(sequential.success());
    site.build_ok(&["--output", "par"]);
    assert_eq!(snapshot(&site.path("seq")), snapshot(&site.path("par")));
}

#[test]
fn a_content_link_to_a_file_outside_the_site_is_refused() {
    let site = Site::new();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("content/leak.txt")).unwrap();
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("leak.txt") && r.stderr.contains("outside"),
        "{}",
        r.stderr
    );
    assert!(!site.path("public").exists());
}

/// Zola accepts blank lines before the opening fence and `\r\n` line ends; so does baogao.
#[test]
fn front_matter_after_blank_lines_and_with_crlf_builds() {
    let site = Site::new();
    site.write(
        "content/reports/windows.md",
        "\r\n\r\n+++\r\ntitle = \"换行\"\r\ndate = 2026-06-30\r\n+++\r\n\r\n## 小节\r\n\r\n正文。\r\n",
    );
    site.build_ok(&[]);
    let page = site.read("public/reports/windows/index.html");
    assert!(page.contains("<h1>换行</h1>"), "{page}");
    assert!(page.contains("<p>正文。</p>"), "{page}");
}
