//! Sites in two languages, built by the binary: where translations are published, how
//! they link to each other (hreflang, the language switch, the sitemap), and that an
//! English page reads English throughout: theme words, dates, number words and units,
//! chart text and the SVG's `xml:lang`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

/// The test site (home, 报告 section, one report, an about page) with English versions
/// of the home, the section, the report and a page bundle with an image.
fn bilingual() -> Site {
    let site = Site::new();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\n\n[languages.en]\ntitle = \"Test Site\"\ndescription = \"In English.\"\n",
    );
    site.write(
        "content/_index.en.md",
        "+++\ntitle = \"Home\"\n+++\n\nWelcome.\n",
    );
    site.write(
        "content/reports/_index.en.md",
        "+++\ntitle = \"Reports\"\n+++\n",
    );
    site.write(
        "content/reports/first.en.md",
        "+++\ntitle = \"The first\"\ndate = 2026-02-01\ntags = [\"investment\"]\n+++\n\n## Overview\n\nThe total was {{ value(data=\"d.csv\", row=\"合计\", col=\"投资\") }};\nB came to {{ value(data=\"d.csv\", row=\"乙\", col=\"投资\") }}, a share of {{ share(data=\"d.csv\", row=\"乙\", col=\"投资\") }}.\n\n{{ chart(id=\"c\") }}\n\n{{ table(data=\"d.csv\") }}\n",
    );
    site.write(
        "content/reports/bundle/index.md",
        "+++\ntitle = \"图集\"\n+++\n\n![图](pic.png)\n",
    );
    site.write(
        "content/reports/bundle/index.en.md",
        "+++\ntitle = \"Pictures\"\n+++\n\n![picture](pic.png)\n",
    );
    site.write("content/reports/bundle/pic.png", "png");
    site
}

/// Fails unless `text` holds every one of `expected`, naming the first missing.
fn assert_shows(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "`{e}` missing:\n{text}");
    }
}

/// The `<link rel="alternate" hreflang>` targets of a page, by language.
fn hreflang(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, rest) = rest.split_once('"').unwrap();
            let href = rest
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (lang.to_string(), href.to_string())
        })
        .collect()
}

#[test]
fn translations_are_published_under_the_language_path() {
    let site = bilingual();
    site.build_ok(&[]);
    for f in [
        "en/index.html",
        "en/reports/index.html",
        "en/reports/first/index.html",
        "en/reports/bundle/index.html",
        "en/reports/bundle/pic.png",
        "en/tags/investment/index.html",
        "en/atom.xml",
        "en/charts/c.svg",
        "reports/first/index.html",
        "reports/bundle/pic.png",
        "charts/c.csv",
        "sitemap.xml",
    ] {
        assert!(site.path("public").join(f).is_file(), "missing public/{f}");
    }
    // `_index.en.md` is a section, not a page of its own; `first.en.md` is no `first-en`.
    assert!(!site.path("public/reports/first-en").exists());
    assert!(!site.path("public/reports/index-en").exists());
    // One sitemap, one robots.txt and 404 page for the whole site.
    for f in ["en/sitemap.xml", "en/robots.txt", "en/404.html"] {
        assert!(!site.path("public").join(f).exists(), "{f} written");
    }
    // Listings list their own language's pages only.
    let home = site.read("public/en/index.html");
    assert!(
        home.contains("The first") && !home.contains("第一篇"),
        "{home}"
    );
    let feed = site.read("public/en/atom.xml");
    assert!(feed.contains("<title>The first</title>") && !feed.contains("第一篇"));
    assert!(feed.contains("xml:lang=\"en\""));
    let zh_home = site.read("public/index.html");
    assert!(zh_home.contains("第一篇") && !zh_home.contains("The first"));
}

#[test]
fn versions_link_to_each_other_both_ways() {
    let site = bilingual();
    site.build_ok(&[]);
    let both = vec![
        (
            "zh-CN".to_string(),
            "https://example.org/reports/first/".to_string(),
        ),
        (
            "x-default".to_string(),
            "https://example.org/reports/first/".to_string(),
        ),
        (
            "en".to_string(),
            "https://example.org/en/reports/first/".to_string(),
        ),
    ];
    let zh = site.read("public/reports/first/index.html");
    let en = site.read("public/en/reports/first/index.html");
    assert_eq!(hreflang(&zh), both);
    assert_eq!(hreflang(&en), both);
    assert!(zh.contains("<html lang=\"zh-CN\">") && en.contains("<html lang=\"en\">"));
    // The switch: each language's version, the current one marked.
    assert!(
        en.contains("<a href=\"/reports/first/\" hreflang=\"zh-CN\" lang=\"zh-CN\">中文</a>"),
        "{en}"
    );
    assert!(en.contains(
        "<a href=\"/en/reports/first/\" hreflang=\"en\" lang=\"en\" aria-current=\"true\">English</a>"
    ));
    // A page with no translation has no alternates; its switch goes to the English home.
    let about = site.read("public/about/index.html");
    assert!(hreflang(&about).is_empty(), "{about}");
    assert!(about.contains("<a href=\"/en/\" hreflang=\"en\" lang=\"en\">English</a>"));
    // The sitemap lists both with their alternates.
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/reports/first/\"/>"), "{sitemap}");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains("<loc>https://example.org/en/reports/first/</loc>"));
    assert_eq!(
        sitemap
            .matches("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/reports/first/\"/>")
            .count(),
        2,
        "{sitemap}"
    );
    // The image beside index.en.md works from the English page.
    let bundle = site.read("public/en/reports/bundle/index.html");
    assert!(bundle.contains("src=\"pic.png\""));
    // `check` finds every link of both languages.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn english_pages_read_english() {
    let site = bilingual();
    site.build_ok(&[]);
    let page = site.read_text("public/en/reports/first/index.html");
    assert_shows(
        &page,
        &[
            ">Home</a>",
            ">Tags</a>",
            "1 February 2026",
            "1 min read",
            "Download the data (CSV)",
            "View the SVG",
            // 150亿元 and ~50亿元: about, bn yuan (×0.1), a share with its qualifier.
            "The total was 15 bn yuan;",
            "B came to about 5 bn yuan, a share of about 33.3%.",
            // Table headers put the unit in English brackets.
            "投资 (bn yuan)",
            "xml:lang=\"en\"",
            "Bar chart. ",
        ],
    );
    let svg = site.read("public/en/charts/c.svg");
    assert!(svg.contains("xml:lang=\"en\"") && svg.contains("about 5 bn yuan"));
    let zh_svg = site.read("public/charts/c.svg");
    assert!(zh_svg.contains("xml:lang=\"zh-CN\"") && zh_svg.contains("约50亿元"));
    let zh = site.read_text("public/reports/first/index.html");
    assert!(zh.contains("2026年6月26日") && zh.contains("阅读约1分钟"));
}

#[test]
fn no_chinese_theme_word_on_english_pages() {
    let site = bilingual();
    site.build_ok(&[]);
    let zh_table = baogao::render::strings::BUILT_IN
        .iter()
        .find(|(code, _)| *code == "zh-CN")
        .unwrap()
        .1;
    let table: toml::Table = toml::from_str(zh_table).unwrap();
    // Words, not punctuation or a lone character the data may hold too.
    let words: Vec<&str> = table
        .values()
        .filter_map(|v| v.as_str())
        .map(|v| v.split(['{', '}']).next().unwrap_or("").trim())
        .filter(|v| {
            v.chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count()
                >= 2
        })
        .collect();
    assert!(words.contains(&"首页") && words.contains(&"数据来源："));
    // Words the data itself holds (a 合计 row) are the data's, not the theme's.
    let data = site.read("charts/d.csv");
    for f in [
        "en/index.html",
        "en/reports/index.html",
        "en/reports/first/index.html",
        "en/reports/bundle/index.html",
        "en/tags/index.html",
        "en/tags/investment/index.html",
        "en/atom.xml",
        "en/charts/c.svg",
    ] {
        let text = site.read_text(&format!("public/{f}"));
        for w in &words {
            // 中文 names the Chinese version in the language switch.
            if *w != "中文" && !data.contains(w) {
                assert!(!text.contains(w), "{f} shows `{w}`");
            }
        }
    }
}

#[test]
fn a_site_overrides_strings_and_units() {
    let site = bilingual();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\n\n[strings]\nhome = \"回到首页\"\n\n[languages.en]\ntitle = \"Test Site\"\npath = \"/english/\"\n[languages.en.translations]\nhome = \"Front page\"\n[languages.en.units]\n\"亿元\" = { unit = \"100m yuan\", power = 0 }\n",
    );
    site.build_ok(&[]);
    let en = site.read_text("public/english/reports/first/index.html");
    assert!(en.contains(">Front page</a>") && en.contains("The total was 150 100m yuan;"));
    assert!(site.read("public/index.html").contains(">回到首页</a>"));
}

#[test]
fn a_file_in_an_undeclared_language_is_an_error_at_the_file() {
    let site = Site::new();
    site.write("content/about.fr.md", "+++\ntitle = \"À propos\"\n+++\n");
    let err = site.build_fails();
    assert!(
        err.contains("content/about.fr.md: `fr` in the file name is not a language of this site"),
        "{err}"
    );
    assert!(err.contains("[languages.fr]"), "{err}");
}

#[test]
fn a_bad_language_table_is_an_error_at_its_line() {
    let site = Site::new();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\n\n[languages.en]\npath = \"/\"\n",
    );
    let err = site.build_fails();
    assert!(
        err.contains("baogao.toml:4: path `/` of language `en` is not a usable URL path"),
        "{err}"
    );
}

#[test]
fn a_site_of_one_language_has_no_alternates_or_switch() {
    let site = Site::new();
    site.build_ok(&[]);
    let page = site.read("public/reports/first/index.html");
    assert!(!page.contains("hreflang") && !page.contains("language-switch"));
    assert!(!site.read("public/sitemap.xml").contains("xhtml"));
}

#[test]
fn a_translation_outside_any_listing_is_a_warning() {
    let site = bilingual();
    std::fs::remove_file(site.path("content/reports/_index.en.md")).unwrap();
    let run = site.build_ok(&[]);
    assert!(
        run.stderr.contains(
            "warning: content/reports/first.en.md: no `content/reports/_index.en.md`: no `en` listing shows this page"
        ),
        "{}",
        run.stderr
    );
    // Still published, in the section's own (default-language) template.
    assert!(site.path("public/en/reports/first/index.html").is_file());
}

#[test]
fn time_axes_and_descriptions_follow_the_language() {
    let site = bilingual();
    // Investment by month, as the monthly releases write it (invented for the test,
    // not a real series: only the labels matter here).
    site.write(
        "charts/m.csv",
        "月份,投资\n2025年11月,1\n2025年12月,2\n2026年1月,3\n2026年2月,4\n",
    );
    site.write(
        "charts/m.toml",
        "title = \"逐月\"\nkind = \"line\"\ndata = \"m.csv\"\nx = \"月份\"\ny = [\"投资\"]\nunit = \"亿元\"\n[[annotate]]\ny = 2\ntext = \"目标\"\n",
    );
    site.write(
        "content/reports/first.en.md",
        "+++\ntitle = \"The first\"\n+++\n\n{{ chart(id=\"m\") }}\n",
    );
    site.build_ok(&[]);
    let en = site.read("public/en/charts/m.svg");
    let zh = site.read("public/charts/m.svg");
    assert!(
        en.contains("\nNov 2025\n</text>") && en.contains("\nJan 2026\n</text>"),
        "{en}"
    );
    assert!(
        zh.contains("\n2025年11月\n</text>") && zh.contains("\n2026年1月\n</text>"),
        "{zh}"
    );
    assert!(
        en.contains("Line chart. ") && en.contains("reference line at 0.2 bn yuan: 目标"),
        "{en}"
    );
    assert!(
        zh.contains("折线图。") && zh.contains("参考线 2亿元：目标"),
        "{zh}"
    );
}

#[test]
fn paged_listings_and_taxonomies_read_english() {
    let site = bilingual();
    site.write(
        "content/reports/_index.en.md",
        "+++\ntitle = \"Reports\"\npaginate_by = 1\n+++\n",
    );
    site.write(
        "content/reports/second.en.md",
        "+++\ntitle = \"The second\"\ndate = 2026-03-01\ncategories = [\"Economy\"]\n+++\n\nText.\n",
    );
    site.build_ok(&[]);
    let second = site.read_text("public/en/reports/page/2/index.html");
    assert_shows(
        &second,
        &[
            "<title>Reports (page 2) | Test Site</title>",
            "aria-label=\"Pages\"",
            "rel=\"prev\">Previous</a>",
            "<span class=\"visually-hidden\">Page </span>2",
        ],
    );
    let term = site.read_text("public/en/categories/economy/index.html");
    assert!(
        term.contains("<title>Categories: Economy | Test Site</title>"),
        "{term}"
    );
    assert!(
        term.contains(">All Categories</a>") && term.contains("1 report<"),
        "{term}"
    );
    // The Chinese site keeps its own words.
    assert!(site
        .read("public/tags/index.html")
        .contains("<h1>标签</h1>"));
}

#[test]
fn each_language_links_only_the_taxonomies_its_own_pages_use() {
    let site = bilingual();
    // No Chinese page has a tag: the Chinese side links no tags page.
    site.write(
        "content/reports/first.md",
        "+++\ntitle = \"第一篇\"\ndate = 2026-02-01\n+++\n\n正文。\n",
    );
    site.build_ok(&[]);
    assert!(site.path("public/en/tags/investment/index.html").exists());
    assert!(!site.path("public/tags").exists());
    let zh = site.read("public/index.html");
    assert!(!zh.contains("href=\"/tags/\""), "{zh}");
    let en = site.read("public/en/index.html");
    assert!(
        en.contains("<li><a href=\"/en/tags/\">Tags</a></li>"),
        "{en}"
    );
}

#[test]
fn a_language_with_no_pages_yet_has_its_home_for_the_switcher() {
    let site = Site::new();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/\"\n\n[languages.en]\ntitle = \"Test Site\"\n",
    );
    site.build_ok(&[]);
    let page = site.read("public/reports/first/index.html");
    assert!(page.contains("href=\"/en/\""), "the switcher links to /en/");
    let home = site.read("public/en/index.html");
    assert!(home.contains("lang=\"en\""), "{home}");
    assert!(home.contains("Nothing has been published yet."), "{home}");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}
