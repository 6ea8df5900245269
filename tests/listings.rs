//! Listings as a reader meets them: paged sections and home page, section order
//! (`sort_by`, `transparent`, `render`), and taxonomies with their pages and feeds,
//! each on a small site built by the binary.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::Site;

/// A blog section of `n` dated posts (`第1篇` oldest) under `front` section keys.
fn blog(site: &Site, n: usize, front: &str) {
    site.write(
        "content/blog/_index.md",
        &format!("+++\ntitle = \"博客\"\n{front}\n+++\n"),
    );
    for i in 1..=n {
        site.write(
            &format!("content/blog/p{i}.md"),
            &format!(
                "+++\ntitle = \"第{i}篇\"\ndate = 2026-{:02}-{:02}\n+++\n\n正文{i}。\n",
                1 + (i - 1) / 28,
                1 + (i - 1) % 28
            ),
        );
    }
}

/// The entry titles a listing page shows, in order.
fn entries(html: &str) -> Vec<String> {
    html.split("class=\"entry-title\"><a href=\"")
        .skip(1)
        .filter_map(|s| s.split_once("\">").map(|(_, rest)| rest))
        .filter_map(|s| s.split_once("</a>").map(|(title, _)| title.to_string()))
        .collect()
}

#[test]
fn a_section_is_paged_with_links_between_pages() {
    let site = Site::new();
    blog(&site, 5, "paginate_by = 2\nsort_by = \"date\"");
    site.build_ok(&[]);
    let first = site.read("public/blog/index.html");
    assert_eq!(entries(&first), ["第5篇", "第4篇"]);
    assert!(first.contains("<nav class=\"pager\" aria-label=\"分页\">"));
    assert!(
        first.contains("href=\"/blog/page/2/\" rel=\"next\""),
        "{first}"
    );
    assert!(!first.contains("rel=\"prev\""));
    let second = site.read("public/blog/page/2/index.html");
    assert_eq!(entries(&second), ["第3篇", "第2篇"]);
    assert!(second.contains("href=\"/blog/\" rel=\"prev\""));
    assert!(second.contains("href=\"/blog/page/3/\" rel=\"next\""));
    assert!(second.contains("<link rel=\"canonical\" href=\"https://example.org/blog/page/2/\">"));
    let third = site.read("public/blog/page/3/index.html");
    assert_eq!(entries(&third), ["第1篇"]);
    assert!(third.contains("aria-current=\"page\""));
    // Page 1 has one address: /page/1/ sends to the section.
    let redirect = site.read("public/blog/page/1/index.html");
    assert!(redirect.contains("url=/blog/"), "{redirect}");
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/blog/page/3/</loc>"));
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn listing_pages_do_not_grow_with_the_site() {
    let site = Site::new();
    blog(&site, 45, "");
    site.build_ok(&[]);
    // baogao.toml's default: 20 a page, on sections and on the home page's lists.
    let pages = ["blog/", "blog/page/2/", "blog/page/3/"];
    let counts: Vec<usize> = pages
        .iter()
        .map(|p| entries(&site.read(&format!("public/{p}index.html"))).len())
        .collect();
    assert_eq!(counts, [20, 20, 5]);
    assert!(!site.path("public/blog/page/4").exists());
    let home = site.read("public/index.html");
    assert!(home.contains("查看全部45篇"), "{home}");
    assert!(entries(&home).len() <= 22, "{}", entries(&home).len());
    // The section's own setting wins; 0 turns paging off.
    blog(&site, 45, "paginate_by = 0");
    site.build_ok(&[]);
    assert_eq!(entries(&site.read("public/blog/index.html")).len(), 45);
    assert!(!site.path("public/blog/page").exists());
}

#[test]
fn the_site_sets_paging_for_home_sections_and_terms() {
    let site = Site::empty();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\npaginate_by = 3\npaginate_path = \"p\"\n",
    );
    site.write("content/_index.md", "+++\ntitle = \"首页\"\n+++\n");
    for i in 1..=4 {
        site.write(
            &format!("content/n{i}.md"),
            &format!("+++\ntitle = \"札记{i}\"\ndate = 2026-02-{i:02}\ntags = [\"同\"]\n+++\n"),
        );
    }
    site.build_ok(&[]);
    assert!(site.path("public/p/2/index.html").exists());
    assert!(site.path("public/tags/tong/p/2/index.html").exists());
    let home2 = site.read("public/p/2/index.html");
    assert_eq!(entries(&home2).len(), 1, "{home2}");
    assert!(home2.contains("rel=\"prev\""));
    assert_eq!(
        entries(&site.read("public/tags/tong/p/2/index.html")),
        ["札记1"]
    );
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn sort_by_orders_and_transparent_sections_list_in_the_parent() {
    let site = Site::new();
    site.write(
        "content/_index.md",
        "+++\ntitle = \"首页\"\nsort_by = \"title\"\n+++\n",
    );
    site.write(
        "content/blog/_index.md",
        "+++\ntitle = \"博客\"\ntransparent = true\nsort_by = \"weight\"\n+++\n",
    );
    site.write(
        "content/blog/a.md",
        "+++\ntitle = \"第10期\"\nweight = 2\n+++\n",
    );
    site.write(
        "content/blog/b.md",
        "+++\ntitle = \"第2期\"\nweight = 1\n+++\n",
    );
    site.write("content/blog/c.md", "+++\ntitle = \"第3期\"\n+++\n");
    site.build_ok(&[]);
    // weight: lightest first; a page without one is left out, as in Zola.
    assert_eq!(
        entries(&site.read("public/blog/index.html")),
        ["第2期", "第10期"]
    );
    assert!(site.path("public/blog/c/index.html").exists());
    // The root lists blog's pages too (transparent), by natural title order.
    let home = site.read("public/index.html");
    let home = home.split("class=\"site-pages\"").nth(1).unwrap();
    for title in ["第2期", "第3期", "第10期"] {
        assert!(home.contains(title), "{title}: {home}");
    }
    let at = |t: &str| home.find(&format!(">{t}</a>")).unwrap();
    assert!(at("第2期") < at("第3期") && at("第3期") < at("第10期"));
}

#[test]
fn a_section_with_render_false_is_not_written_but_its_pages_are() {
    let site = Site::new();
    site.write(
        "content/drafts/_index.md",
        "+++\ntitle = \"存档\"\nrender = false\n+++\n",
    );
    site.write(
        "content/drafts/old.md",
        "+++\ntitle = \"旧文\"\n+++\n\n正文。\n",
    );
    let r = site.build_ok(&[]);
    assert!(!site.path("public/drafts/index.html").exists());
    let page = site.read("public/drafts/old/index.html");
    assert!(!page.contains("href=\"/drafts/\""), "{page}");
    assert!(!site.read("public/index.html").contains("存档"));
    assert!(!site
        .read("public/sitemap.xml")
        .contains("https://example.org/drafts/<"));
    assert!(!r.stderr.contains("render"), "{}", r.stderr);
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn declared_taxonomies_get_list_term_pages_and_feeds() {
    let site = Site::new();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\n\n[[taxonomies]]\nname = \"tags\"\n\n[[taxonomies]]\nname = \"categories\"\n\n[[taxonomies]]\nname = \"series\"\ntitle = \"专题\"\nfeed = false\n",
    );
    site.write(
        "content/reports/zola.md",
        "+++\ntitle = \"Zola 式\"\ndate = 2026-03-01\n[taxonomies]\ncategories = [\"随笔\", \"数据\"]\nseries = [\"年度回顾\"]\n+++\n",
    );
    site.write(
        "content/reports/hugo.md",
        "---\ntitle: Hugo 式\ndate: 2026-03-02\ncategories: 随笔\nseries: 年度回顾\ntags: 投资\n---\n",
    );
    // Hugo's page for a term: its text goes on the term's page.
    site.write(
        "content/series/nian-du-hui-gu/_index.md",
        "+++\ntitle = \"年度回顾\"\n+++\n\n每年一篇。\n",
    );
    let r = site.build_ok(&[]);
    assert!(!r.stderr.contains("series"), "{}", r.stderr);
    let essays = site.read("public/categories/sui-bi/index.html");
    assert_eq!(entries(&essays), ["Hugo 式", "Zola 式"]);
    assert!(essays.contains("<h1><span class=\"h1-label\">分类：</span>随笔</h1>"));
    assert!(essays.contains("href=\"/categories/sui-bi/atom.xml\""));
    let list = site.read("public/categories/index.html");
    assert!(list.contains("href=\"/categories/shu-ju/\""), "{list}");
    let series = site.read("public/series/nian-du-hui-gu/index.html");
    assert!(series.contains("每年一篇。"), "{series}");
    assert!(series.contains("专题："));
    assert!(!site.path("public/series/nian-du-hui-gu/atom.xml").exists());
    let feed = site.read("public/categories/sui-bi/atom.xml");
    assert!(feed.contains("<title>随笔 | 测试站</title>"), "{feed}");
    assert_eq!(feed.matches("<entry>").count(), 2);
    // A lone Hugo string is one tag; tags keep their pages.
    assert!(site
        .read("public/tags/tou-zi/index.html")
        .contains("Hugo 式"));
    let sitemap = site.read("public/sitemap.xml");
    for loc in [
        "categories/",
        "categories/sui-bi/",
        "series/nian-du-hui-gu/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/{loc}</loc>")),
            "{loc}"
        );
    }
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn bad_paging_and_taxonomy_settings_are_errors_at_their_line() {
    let site = Site::new();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\npaginate_path = \"page/n\"\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("baogao.toml:3: paginate_path `page/n` is not a single URL folder"),
        "{}",
        r.stderr
    );
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\ntaxonomies = [{name = \"tags\"}, {name = \"tags\"}]\n",
    );
    let r = site.run(&["build"]);
    assert!(
        r.stderr
            .contains("baogao.toml:3: taxonomy `tags` is declared twice"),
        "{}",
        r.stderr
    );
}

#[test]
fn section_keys_on_a_page_are_a_warning() {
    let site = Site::new();
    site.write(
        "content/reports/second.md",
        "+++\ntitle = \"第二篇\"\nsort_by = \"date\"\npaginate_by = 5\n+++\n",
    );
    let r = site.build_ok(&[]);
    for key in ["3: `sort_by`", "4: `paginate_by`"] {
        let expected = format!(
            "warning: content/reports/second.md:{key} only applies to a section (an _index.md file) and is ignored here"
        );
        assert!(r.stderr.contains(&expected), "{expected}\n{}", r.stderr);
    }
}

#[test]
fn a_section_body_keeps_its_links_working_on_every_page_of_its_listing() {
    let site = Site::new();
    blog(&site, 3, "paginate_by = 1");
    // The body's links are written relative to the section's own URL, /blog/.
    site.write(
        "content/blog/_index.md",
        "+++\ntitle = \"博客\"\npaginate_by = 1\n+++\n\n见[第1篇](p1/)和[关于](../about/)、[注释](#note)。\n\n![图](chart.png)\n\n## 注释 {#note}\n",
    );
    site.write("content/blog/chart.png", "png");
    site.write("content/about.md", "+++\ntitle = \"关于\"\n+++\n");
    site.build_ok(&[]);
    let first = site.read("public/blog/index.html");
    assert!(first.contains("href=\"p1/\""), "{first}");
    for page in ["blog/page/2/", "blog/page/3/"] {
        let later = site.read(&format!("public/{page}index.html"));
        for want in [
            "href=\"/blog/p1/\"",
            "href=\"/about/\"",
            "href=\"#note\"",
            "src=\"/blog/chart.png\"",
        ] {
            assert!(later.contains(want), "{page} {want}: {later}");
        }
    }
    // The home page's own text likewise, on /page/2/ (the theme shows it on page 1
    // only; a site's own index.html may show it on every page).
    site.write(
        "templates/index.html",
        "<main>{{ section.content | safe }}</main>",
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"首页\"\npaginate_by = 1\n+++\n\n见[博客](blog/)。\n",
    );
    site.write("content/note.md", "+++\ntitle = \"札记\"\n+++\n");
    site.build_ok(&[]);
    assert!(site.read("public/index.html").contains("href=\"blog/\""));
    let home_later = site.read("public/page/2/index.html");
    assert!(home_later.contains("href=\"/blog/\""), "{home_later}");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn a_taxonomy_no_page_uses_has_no_pages_and_no_nav_link() {
    let site = Site::new();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\n\n[[taxonomies]]\nname = \"categories\"\n\n[[taxonomies]]\nname = \"series\"\ntitle = \"专题\"\n",
    );
    site.write(
        "content/reports/a.md",
        "+++\ntitle = \"甲\"\ndate = 2026-03-01\ntags = [\"投资\"]\n[taxonomies]\nseries = [\"年度回顾\"]\n+++\n",
    );
    site.build_ok(&[]);
    assert!(!site.path("public/categories").exists());
    // `tags` is not declared: no tag pages, and no link to them.
    assert!(!site.path("public/tags").exists());
    let sitemap = site.read("public/sitemap.xml");
    assert!(!sitemap.contains("categories"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://example.org/series/</loc>"));
    for file in ["index.html", "reports/a/index.html", "404.html"] {
        let html = site.read(&format!("public/{file}"));
        assert!(!html.contains("/categories/\""), "{file}: {html}");
        assert!(!html.contains("href=\"/tags/\""), "{file}: {html}");
    }
    let home = site.read("public/index.html");
    assert!(
        home.contains("<li><a href=\"/series/\">专题</a></li>"),
        "{home}"
    );
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}
