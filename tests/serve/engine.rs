//! The incremental build in-process: after each edit the engine's site must equal a
//! fresh full build byte for byte (or fail with the same problems), and a one-page edit
//! must re-render only that page.

use std::fs;

use super::site::{full_build, page, served, Site};

#[test]
fn body_edit_rerenders_one_page_only() {
    let mut s = Site::new();
    let r = s.edit("content/reports/second.md", "结尾段落。", "新的结尾段落。");
    s.check(&r);
    assert_eq!(
        (r.work.parsed, r.work.bodies, r.work.pages, r.work.listings),
        (1, 1, 1, 0),
        "{:?}",
        r.work
    );
    assert!(page(&s, "reports/second/index.html").contains("新的结尾段落"));
    // The summary (first paragraph) changes: listings follow.
    let r = s.edit(
        "content/reports/second.md",
        "第二篇的正文",
        "改过的第二篇正文",
    );
    s.check(&r);
    assert!(r.work.listings > 0);
    assert!(page(&s, "reports/index.html").contains("改过的第二篇正文"));
}

#[test]
fn a_title_edit_rerenders_only_the_listings_that_show_the_page() {
    let mut s = Site::new();
    let r = s.write("content/notes/_index.md", "+++\ntitle = \"札记\"\n+++\n");
    s.check(&r);
    let r = s.write(
        "content/notes/one.md",
        "+++\ntitle = \"一\"\ntags = [\"札记\"]\n+++\n\n正文。\n",
    );
    s.check(&r);
    // Home, 404, robots, sitemap, the tag index, three tags and two sections at least.
    let listings = [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "tags/index.html",
    ];
    assert!(listings.iter().all(|f| s.engine.files().contains_key(*f)));
    let r = s.edit(
        "content/reports/second.md",
        "title = \"第二篇\"",
        "title = \"第二篇（修订）\"",
    );
    s.check(&r);
    // Only what lists the page (home, its section, its tags and their feeds, the feed):
    // exactly the files other than the page itself that now show the new title.
    let showing = s
        .engine
        .files()
        .iter()
        .filter(|(path, file)| {
            path.as_str() != "reports/second/index.html"
                && String::from_utf8_lossy(file).contains("第二篇（修订）")
        })
        .count();
    assert!(
        r.work.pages == 1 && showing > 0 && r.work.listings == showing,
        "{showing} files show the page; {:?}",
        r.work
    );
    assert!(page(&s, "tags/shi-li/index.html").contains("第二篇（修订）"));
}

#[test]
fn front_matter_and_section_edits() {
    let mut s = Site::new();
    let r = s.edit(
        "content/reports/second.md",
        "title = \"第二篇\"",
        "title = \"第二篇（修订）\"",
    );
    s.check(&r);
    assert!(r.work.listings > 0 && r.work.pages == 1, "{:?}", r.work);
    let r = s.edit(
        "content/reports/second.md",
        "tags = [\"示例\", \"其他\"]",
        "tags = [\"新标签\"]",
    );
    s.check(&r);
    // A section's title shows on each of its pages.
    let r = s.edit(
        "content/reports/_index.md",
        "title = \"报告\"",
        "title = \"专题报告\"",
    );
    s.check(&r);
    assert_eq!(r.work.pages, 2, "{:?}", r.work);
    let r = s.edit(
        "content/reports/second.md",
        "+++\n\n",
        "slug = \"renamed\"\n+++\n\n",
    );
    s.check(&r);
    assert!(s.engine.files().contains_key("reports/renamed/index.html"));
    assert!(!s.engine.files().contains_key("reports/second/index.html"));
    let r = s.edit(
        "content/reports/second.md",
        "slug = \"renamed\"\n",
        "draft = true\naliases = [\"old/x\"]\n",
    );
    s.check(&r);
    let r = s.edit("content/reports/second.md", "draft = true\n", "");
    s.check(&r);
    assert!(s.engine.files().contains_key("old/x/index.html"));
    // Two redirects at one path fail (which file is named is a race in a full build).
    let r = s.edit(
        "content/reports/sample.md",
        "+++\n\n",
        "aliases = [\"old/x\"]\n+++\n\n",
    );
    assert!(r.result.is_err() && full_build(&s.root).is_err());
    let r = s.edit(
        "content/reports/sample.md",
        "aliases = [\"old/x\"]\n",
        "aliases = [\"reports/second\"]\n",
    );
    assert!(
        r.result.is_err() && full_build(&s.root).is_err(),
        "an alias onto a page"
    );
    let r = s.edit(
        "content/reports/sample.md",
        "aliases = [\"reports/second\"]\n",
        "",
    );
    s.check(&r);
    r.result.unwrap();
}

#[test]
fn data_and_chart_edits_follow_their_users() {
    let mut s = Site::new();
    let before = page(&s, "reports/second/index.html");
    let r = s.edit("charts/sample.csv", "乙,~80", "乙,~95");
    s.check(&r);
    assert_eq!(r.work.charts, 1);
    assert_eq!(
        r.work.bodies, 2,
        "both pages quote sample.csv: {:?}",
        r.work
    );
    assert_ne!(before, page(&s, "reports/second/index.html"));
    let r = s.edit(
        "charts/sample.toml",
        "title = \"甲类最多\"",
        "title = \"甲类仍最多\"",
    );
    s.check(&r);
    assert_eq!(r.work.charts, 1);
    // A second chart on other data leaves the pages alone.
    s.write("charts/other.csv", "项,值\nx,1\ny,2\n");
    let r = s.write(
        "charts/other.toml",
        "title = \"另一张\"\nkind = \"bar\"\ndata = \"other.csv\"\nx = \"项\"\ny = [\"值\"]\n",
    );
    s.check(&r);
    assert_eq!(r.work.bodies, 0, "{:?}", r.work);
    assert!(s.engine.files().contains_key("charts/other.svg"));
    // A sidecar gives a unit to `value`.
    let r = s.write("charts/other.csv.meta.toml", "[units]\n\"值\" = \"个\"\n");
    s.check(&r);
    fs::remove_file(s.root.join("charts/other.toml")).unwrap();
    let r = s.changed(&["charts/other.toml"]);
    s.check(&r);
    assert!(!s.engine.files().contains_key("charts/other.svg"));
}

#[test]
fn templates_config_and_assets() {
    let mut s = Site::new();
    let base = baogao::render::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "base.html")
        .unwrap()
        .1;
    let r = s.write(
        "templates/base.html",
        &base.replacen("</body>", "<p id=\"site-override\"></p></body>", 1),
    );
    s.check(&r);
    assert!(page(&s, "reports/sample/index.html").contains("site-override"));
    let r = s.write("templates/assets/extra.css", "body{}");
    s.check(&r);
    assert_eq!(r.work.pages, 0);
    let r = s.write("content/reports/pic.txt", "not markdown");
    s.check(&r);
    assert!(s.engine.files().contains_key("reports/pic.txt"));
    let r = s.edit(
        "baogao.toml",
        "https://example.org/",
        "https://example.org/sub/",
    );
    s.check(&r);
    assert!(r.work.full);
    assert_eq!(s.engine.base_path(), "/sub/");
}

#[test]
fn new_deleted_and_moved_files() {
    let mut s = Site::new();
    let r = s.write("content/notes/_index.md", "+++\ntitle = \"札记\"\n+++\n");
    s.check(&r);
    let r = s.write(
        "content/notes/one.md",
        "+++\ntitle = \"一\"\n+++\n\n正文。\n",
    );
    s.check(&r);
    assert!(s.engine.files().contains_key("notes/one/index.html"));
    fs::rename(
        s.root.join("content/notes"),
        s.root.join("content/jottings"),
    )
    .unwrap();
    let r = s.changed(&["content/notes", "content/jottings"]);
    s.check(&r);
    assert!(s.engine.files().contains_key("jottings/one/index.html"));
    assert!(!s.engine.files().contains_key("notes/one/index.html"));
    fs::remove_file(s.root.join("content/reports/second.md")).unwrap();
    let r = s.changed(&["content/reports/second.md"]);
    s.check(&r);
    assert!(!s.engine.files().contains_key("reports/second/index.html"));
    // Hidden files are not part of the site.
    assert!(s
        .engine
        .rebuild(&[s.root.join("content/.draft.md.swp")])
        .is_none());
}

#[test]
fn broken_edits_fail_like_a_full_build_and_recover() {
    let mut s = Site::new();
    let good = served(&s.engine);
    let r = s.edit("content/reports/second.md", "row=\"乙\"", "row=\"丁\"");
    s.check(&r);
    assert!(r
        .result
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("content/reports/second.md:"));
    assert_eq!(served(&s.engine), good, "the last good site is kept");
    // Other edits while broken are kept and show once fixed.
    let r = s.edit("content/reports/sample.md", "## 构成", "## 构成与变化");
    s.check(&r);
    let r = s.edit("charts/sample.csv", "甲,120", "甲,130");
    s.check(&r);
    let r = s.edit("content/reports/second.md", "row=\"丁\"", "row=\"乙\"");
    s.check(&r);
    r.result.unwrap();
    // A chart that cannot be drawn, a template that does not compile, bad config.
    let r = s.edit(
        "charts/sample.toml",
        "data = \"sample.csv\"",
        "data = \"nope.csv\"",
    );
    s.check(&r);
    let r = s.edit(
        "charts/sample.toml",
        "data = \"nope.csv\"",
        "data = \"sample.csv\"",
    );
    s.check(&r);
    let r = s.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.title }",
    );
    s.check(&r);
    let r = s.edit("content/reports/second.md", "结尾段落", "结尾段落（改）");
    s.check(&r);
    fs::remove_file(s.root.join("templates/page.html")).unwrap();
    let r = s.changed(&["templates/page.html"]);
    s.check(&r);
    let r = s.edit("baogao.toml", "title =", "titel =");
    s.check(&r);
    let r = s.edit("content/reports/sample.md", "## 构成", "## 构成。");
    s.check(&r);
    let r = s.edit("baogao.toml", "titel =", "title =");
    s.check(&r);
    r.result.unwrap();
}

#[test]
fn static_files_are_served_and_follow_edits() {
    let mut s = Site::new();
    let r = s.write("static/CNAME", "report.example.org\n");
    s.check(&r);
    assert_eq!(
        s.engine.files().get("CNAME").map(|b| b.to_vec()),
        Some(b"report.example.org\n".to_vec())
    );
    let r = s.write("static/CNAME", "new.example.org\n");
    s.check(&r);
    assert_eq!(r.work.pages, 0, "{:?}", r.work);
    fs::remove_file(s.root.join("static/CNAME")).unwrap();
    let r = s.changed(&["static/CNAME"]);
    s.check(&r);
    assert!(!s.engine.files().contains_key("CNAME"));
}

#[test]
fn a_page_moving_re_renders_the_pages_linking_to_it() {
    let mut s = Site::new();
    let r = s.write(
        "content/links.md",
        "+++\ntitle = \"链接\"\n+++\n\n见[第二篇](@/reports/second.md)。\n",
    );
    s.check(&r);
    assert!(page(&s, "links/index.html").contains("href=\"/reports/second/\""));
    let r = s.edit(
        "content/reports/second.md",
        "+++\n\n",
        "slug = \"moved\"\n+++\n\n",
    );
    s.check(&r);
    assert!(page(&s, "links/index.html").contains("href=\"/reports/moved/\""));
    fs::remove_file(s.root.join("content/reports/second.md")).unwrap();
    let r = s.changed(&["content/reports/second.md"]);
    s.check(&r);
    assert!(r.result.is_err());
}

#[test]
fn a_chart_reading_its_file_another_way_is_redrawn_when_the_file_changes() {
    let mut s = Site::new();
    s.write("charts/other.csv", "表1 标题\n项,值\nx,1\ny,2\n");
    // `skip_rows` makes this chart read its own variant of the file.
    let r = s.write(
        "charts/other.toml",
        "title = \"另一张\"\nkind = \"bar\"\ndata = \"other.csv\"\nskip_rows = 1\nx = \"项\"\ny = [\"值\"]\n",
    );
    s.check(&r);
    let r = s.edit("charts/other.csv", "y,2", "y,7");
    s.check(&r);
    assert_eq!(r.work.charts, 1, "{:?}", r.work);
    let csv = String::from_utf8_lossy(&s.engine.files()["charts/other.csv"]).into_owned();
    assert!(csv.contains("y,7"), "{csv}");
}

#[test]
fn a_changed_site_shortcode_rerenders_the_pages_that_call_it() {
    let mut s = Site::new();
    let r = s.write(
        "templates/shortcodes/badge.html",
        "<b class=\"badge\">旧{{ nth }}</b>",
    );
    s.check(&r);
    let r = s.edit(
        "content/reports/second.md",
        "结尾段落。",
        "结尾段落{{ badge() }}。",
    );
    s.check(&r);
    assert!(page(&s, "reports/second/index.html").contains("<b class=\"badge\">旧1</b>"));
    let r = s.write(
        "templates/shortcodes/badge.html",
        "<b class=\"badge\">新{{ nth }}</b>",
    );
    s.check(&r);
    assert!(page(&s, "reports/second/index.html").contains("<b class=\"badge\">新1</b>"));
    // A broken shortcode template fails the caller as a full build does, and recovers.
    let r = s.write("templates/shortcodes/badge.html", "<b>{{ missing }}</b>");
    s.check(&r);
    assert!(r.result.is_err());
    let r = s.write(
        "templates/shortcodes/badge.html",
        "<b class=\"badge\">好了</b>",
    );
    s.check(&r);
    assert!(page(&s, "reports/second/index.html").contains("好了"));
}

#[test]
fn translations_follow_edits_like_a_full_build() {
    let mut s = Site::new();
    let config = fs::read_to_string(s.root.join("baogao.toml")).unwrap();
    let r = s.write(
        "baogao.toml",
        &format!("{config}\n[languages.en]\ntitle = \"Sample site\"\n"),
    );
    s.check(&r);
    // A new translation: both versions now link to each other.
    let r = s.write(
        "content/reports/second.en.md",
        "+++\ntitle = \"Second\"\ndate = 2026-02-01\n+++\n\nThe value was {{ value(data=\"sample.csv\", row=\"乙\", col=\"数值\") }}.\n",
    );
    s.check(&r);
    assert!(
        page(&s, "reports/second/index.html").contains("<link rel=\"alternate\" hreflang=\"en\"")
    );
    assert!(page(&s, "en/reports/second/index.html").contains("1 February 2026"));
    let r = s.write(
        "content/reports/_index.en.md",
        "+++\ntitle = \"Reports\"\n+++\n",
    );
    s.check(&r);
    let r = s.edit("content/reports/second.en.md", "The value was", "It was");
    s.check(&r);
    assert_eq!(r.work.pages, 1, "{:?}", r.work);
    // The translation goes: the original loses its alternates.
    fs::remove_file(s.root.join("content/reports/second.en.md")).unwrap();
    let r = s.changed(&["content/reports/second.en.md"]);
    s.check(&r);
    assert!(!page(&s, "reports/second/index.html").contains("<link rel=\"alternate\" hreflang"));
}

#[test]
fn listing_keys_in_a_section_follow_edits() {
    let mut s = Site::new();
    // Paged: the section's pages 2.. appear, and go again.
    let r = s.edit(
        "content/reports/_index.md",
        "title = \"报告\"",
        "title = \"报告\"\npaginate_by = 1\nsort_by = \"title\"",
    );
    s.check(&r);
    assert!(s.engine.files().contains_key("reports/page/2/index.html"));
    // Not rendered: no section page, and its pages stop linking to it.
    let r = s.edit(
        "content/reports/_index.md",
        "paginate_by = 1",
        "render = false",
    );
    s.check(&r);
    assert!(!s.engine.files().contains_key("reports/index.html"));
    assert!(!s.engine.files().contains_key("reports/page/2/index.html"));
    let r = s.edit("content/reports/_index.md", "render = false\n", "");
    s.check(&r);
    // A category added to a page: its term pages and feed appear.
    let r = s.edit(
        "content/reports/second.md",
        "+++\n\n",
        "categories = [\"随笔\"]\n+++\n\n",
    );
    s.check(&r);
    assert!(s.engine.files().contains_key("categories/sui-bi/atom.xml"));
}
