//! Edits on a site whose listings are paged (two entries a page; nine reports with the
//! fixture's two): after each, the
//! served site equals a fresh full build, and the listing files re-rendered are the
//! ones that show the edited page (a page moving between pager pages, a term gaining
//! or losing its last page, a draft, a new or deleted page).

use std::fs;

use super::site::{page, Site};

const PAGES: usize = 7;

/// Seven dated pages in reports/, tagged 甲 or 乙, listed two a page.
fn paged_site() -> Site {
    let texts: Vec<(String, String)> = (1..=PAGES)
        .map(|i| {
            let tag = if i % 2 == 0 { "甲" } else { "乙" };
            let text = format!(
                "+++\ntitle = \"第{i}篇\"\ndate = 2026-03-{i:02}\ntags = [\"{tag}\"]\n+++\n\n第{i}篇的摘要。\n\n<!-- more -->\n\n正文。\n"
            );
            (format!("content/reports/p{i}.md"), text)
        })
        .collect();
    let mut files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(rel, text)| (rel.as_str(), text.as_str()))
        .collect();
    let config = "title = \"分页\"\nbase_url = \"https://example.org/\"\npaginate_by = 2\n";
    files.push(("baogao.toml", config));
    Site::with(&files)
}

/// The pager page of `listing` (`reports/`, `tags/jia/`) whose entries include `title`.
fn pager_showing(s: &Site, listing: &str, title: &str) -> Option<usize> {
    (1..=PAGES).find(|n| {
        let path = match n {
            1 => format!("{listing}index.html"),
            n => format!("{listing}page/{n}/index.html"),
        };
        s.engine.files().contains_key(path.as_str()) && page(s, &path).contains(title)
    })
}

#[test]
fn a_date_edit_moves_the_page_between_pager_pages() {
    let mut s = paged_site();
    // The template here lists every page of the section on every pager page: read the
    // default theme's pager entries instead.
    fs::remove_file(s.root.join("templates/section.html")).unwrap();
    let r = s.changed(&["templates/section.html"]);
    s.check(&r);
    assert_eq!(pager_showing(&s, "reports/", "第1篇"), Some(4));
    let r = s.edit(
        "content/reports/p1.md",
        "date = 2026-03-01",
        "date = 2026-04-01",
    );
    s.check(&r);
    assert_eq!(pager_showing(&s, "reports/", "第1篇"), Some(1));
    assert_eq!(r.work.pages, 1, "{:?}", r.work);
    // And to the last page, older than the fixture's reports.
    let r = s.edit(
        "content/reports/p1.md",
        "date = 2026-04-01",
        "date = 2025-12-01",
    );
    s.check(&r);
    assert_eq!(pager_showing(&s, "reports/", "第1篇"), Some(5));
}

#[test]
fn title_and_body_edits_on_paged_listings() {
    let mut s = paged_site();
    let r = s.edit(
        "content/reports/p3.md",
        "title = \"第3篇\"",
        "title = \"第3篇改\"",
    );
    s.check(&r);
    assert!(r.work.listings > 0 && r.work.pages == 1, "{:?}", r.work);
    // Below the summary: no listing shows it.
    let r = s.edit("content/reports/p3.md", "正文。", "改过的正文。");
    s.check(&r);
    assert_eq!((r.work.pages, r.work.listings), (1, 0), "{:?}", r.work);
}

#[test]
fn terms_gain_and_lose_pages() {
    let mut s = paged_site();
    // A new term, then the page leaves 乙 for it.
    let r = s.edit(
        "content/reports/p5.md",
        "tags = [\"乙\"]",
        "tags = [\"乙\", \"丙\"]",
    );
    s.check(&r);
    assert!(s.engine.files().contains_key("tags/bing/index.html"));
    let r = s.edit(
        "content/reports/p5.md",
        "tags = [\"乙\", \"丙\"]",
        "tags = [\"丙\"]",
    );
    s.check(&r);
    // The term's last page leaves it: its pages and feed go.
    let r = s.edit("content/reports/p5.md", "tags = [\"丙\"]", "tags = []");
    s.check(&r);
    assert!(!s.engine.files().contains_key("tags/bing/index.html"));
    assert!(!s.engine.files().contains_key("tags/bing/atom.xml"));
    // Every page leaves every term: the taxonomy goes from the nav of every page.
    let mut all: Vec<String> = (1..=PAGES)
        .map(|i| format!("content/reports/p{i}.md"))
        .collect();
    all.extend([
        "content/reports/sample.md".into(),
        "content/reports/second.md".into(),
    ]);
    for rel in &all {
        let text = fs::read_to_string(s.root.join(rel)).unwrap();
        let without = text
            .lines()
            .filter(|l| !l.starts_with("tags"))
            .collect::<Vec<_>>()
            .join("\n");
        fs::write(s.root.join(rel), without + "\n").unwrap();
    }
    let rels: Vec<&str> = all.iter().map(String::as_str).collect();
    let r = s.changed(&rels);
    s.check(&r);
    assert!(!s.engine.files().contains_key("tags/index.html"));
}

#[test]
fn drafts_and_new_and_deleted_pages() {
    let mut s = paged_site();
    let r = s.edit("content/reports/p2.md", "+++\n\n", "draft = true\n+++\n\n");
    s.check(&r);
    assert!(!s.engine.files().contains_key("reports/p2/index.html"));
    let r = s.edit("content/reports/p2.md", "draft = true\n", "");
    s.check(&r);
    let r = s.write(
        "content/reports/p8.md",
        "+++\ntitle = \"第8篇\"\ndate = 2026-03-08\ntags = [\"甲\"]\n+++\n\n新的一篇。\n",
    );
    s.check(&r);
    assert!(s.engine.files().contains_key("reports/page/5/index.html"));
    fs::remove_file(s.root.join("content/reports/p8.md")).unwrap();
    let r = s.changed(&["content/reports/p8.md"]);
    s.check(&r);
    fs::remove_file(s.root.join("content/reports/p7.md")).unwrap();
    let r = s.changed(&["content/reports/p7.md"]);
    s.check(&r);
    // Eight reports left: the fifth pager page is gone.
    assert!(!s.engine.files().contains_key("reports/page/5/index.html"));
}

#[test]
fn a_page_in_a_transparent_section_is_listed_above_it() {
    let mut s = paged_site();
    let r = s.write(
        "content/reports/2026/_index.md",
        "+++\ntitle = \"2026年\"\ntransparent = true\n+++\n",
    );
    s.check(&r);
    let r = s.write(
        "content/reports/2026/deep.md",
        "+++\ntitle = \"深处\"\ndate = 2026-05-01\ntags = [\"甲\"]\n+++\n\n深处的摘要。\n",
    );
    s.check(&r);
    assert_eq!(pager_showing(&s, "reports/", "深处"), Some(1));
    // Its section's parent lists it: a title edit reaches that listing.
    let r = s.edit(
        "content/reports/2026/deep.md",
        "title = \"深处\"",
        "title = \"更深处\"",
    );
    s.check(&r);
    assert_eq!(pager_showing(&s, "reports/", "更深处"), Some(1));
}
