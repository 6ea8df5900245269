//! The migration fixtures (tests/fixtures/zola, tests/fixtures/hugo): every construct
//! of a Zola or Hugo site that issue 14 names (keys, links, static/, code, check),
//! copied into a temp folder as a user would move it, built unchanged and checked.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::path::Path;

use common::Site;

/// A site holding a copy of `tests/fixtures/<name>`.
fn fixture(name: &str) -> Site {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let site = Site::empty();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&from).unwrap();
        let to = site.path(&rel.to_string_lossy());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    site
}

/// The warnings of a run, first lines only.
fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .collect()
}

fn assert_files(site: &Site, files: &[&str]) {
    for f in files {
        assert!(site.path(&format!("public/{f}")).is_file(), "no public/{f}");
    }
}

#[test]
fn a_zola_site_builds_unchanged_and_checks_clean() {
    let site = fixture("zola");
    let r = site.build_ok(&[]);
    assert_eq!(
        warnings(&r.stderr),
        [
            "content/blog/_index.md:8: `insert_anchor_links` (a Zola/Hugo key) is not supported by baogao and is ignored",
            "content/blog/_index.md:7: template `post.html` not found in templates/; the default one is used",
            "content/blog/first.md:6: unknown front matter key `drafts` is ignored",
            "content/blog/second.md:5: template `missing.html` not found in templates/; the default one is used",
        ],
        "{}",
        r.stderr
    );
    assert_files(
        &site,
        &[
            // slug, path, aliases, a bundle with its image, render = false's pages
            "blog/hello/index.html",
            "special/zola-path/index.html",
            "2026/01/05/hello/index.html",
            "old-about/index.html",
            "blog/bundle/pic.svg",
            "archive/old/index.html",
            // paged listings (paginate_path = "p" on blog), taxonomies and feeds
            "page/2/index.html",
            "blog/p/2/index.html",
            "categories/index.html",
            "categories/sui-bi/index.html",
            "categories/gong-ju/atom.xml",
            "authors/li-ming/index.html",
            "tags/rust/atom.xml",
            // static/
            "CNAME",
            "favicon.ico",
            "img/logo.svg",
        ],
    );
    assert!(!site.path("public/archive/index.html").exists());
    assert!(!site.path("public/authors/li-ming/atom.xml").exists());
    assert!(site
        .read("public/about/index.html")
        .contains("class=\"about-page\""));
    let first = site.read("public/blog/hello/index.html");
    assert!(first.contains("href=\"/blog/second/#jie-lun\""), "{first}");
    assert!(first.contains("<span class=\"ln\" aria-hidden=\"true\">1</span>"));
    assert!(first.contains("class=\"z-source z-rust\""));
    assert!(first.contains("[不是链接](@/nowhere.md)"));
    assert!(first.contains("{{ chart(id=\"x\") }}"));
    // A page links its terms in every taxonomy, not only its tags.
    assert!(first.contains("href=\"/categories/sui-bi/\" rel=\"tag\""));
    // blog is transparent (its pages and notes' are in the root's list); notes sorts
    // by title in natural order.
    let notes = site.read("public/blog/notes/index.html");
    assert!(notes.find("笔记第2则").unwrap() < notes.find("笔记第10则").unwrap());
    let blog: String = [
        "blog/index.html",
        "blog/p/2/index.html",
        "blog/p/3/index.html",
    ]
    .iter()
    .map(|p| site.read(&format!("public/{p}")))
    .collect();
    for title in ["第一篇", "第二篇", "第三篇", "笔记第2则", "页面束"] {
        assert!(blog.contains(title), "{title} not listed in blog");
    }
    assert!(site
        .read("public/categories/sui-bi/index.html")
        .contains("第二篇"));
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("no problems"), "{}", r.stdout);
}

#[test]
fn a_hugo_site_builds_unchanged_and_checks_clean() {
    let site = fixture("hugo");
    let r = site.build_ok(&[]);
    assert_eq!(
        warnings(&r.stderr),
        ["content/posts/first.md:4: `lastmod` (a Zola/Hugo key) is not supported by baogao and is ignored"],
        "{}",
        r.stderr
    );
    assert_files(
        &site,
        &[
            "2018/05/01/xuanzang-intro/index.html",
            "posts/di-san/index.html",
            "2026/01/first/index.html",
            "posts/page/2/index.html",
            "categories/code/index.html",
            "categories/code/page/2/index.html",
            "categories/daily/atom.xml",
            "tags/go/index.html",
            "series/nian-du-hui-gu/index.html",
            "CNAME",
        ],
    );
    let first = site.read("public/posts/first/index.html");
    assert!(
        first.contains("href=\"/blog/posts/second/#jie-lun\""),
        "{first}"
    );
    assert!(first.contains("href=\"/blog/2018/05/01/xuanzang-intro/\""));
    assert!(first.contains("{{&lt; ref &quot;nowhere.md&quot; &gt;}}"));
    assert!(first.contains("{{&lt; figure src=\"a.png\" &gt;}}"));
    // `categories: Code` is one term; the series' own _index.md gives its page text.
    let code: String = ["", "page/2/"]
        .iter()
        .map(|p| site.read(&format!("public/categories/code/{p}index.html")))
        .collect();
    for title in ["第一篇", "第二篇", "Xuanzang"] {
        assert!(code.contains(title), "{title} not under Code");
    }
    let series = site.read("public/series/nian-du-hui-gu/index.html");
    assert!(series.contains("每年写一篇回顾。"), "{series}");
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/blog/series/nian-du-hui-gu/</loc>"));
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("no problems"), "{}", r.stdout);
}
