//! Bringing a Zola or Hugo site over: static/, internal links, `check` inside code,
//! each on a small site built by the binary.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::Site;

#[test]
fn static_files_are_copied_to_the_root_and_replaced_by_the_next_build() {
    let site = Site::new();
    site.write("static/CNAME", "report.example.org\n");
    site.write("static/favicon.ico", "icon");
    site.write("static/img/logo.svg", "<svg/>");
    site.build_ok(&[]);
    assert_eq!(site.read("public/CNAME"), "report.example.org\n");
    assert_eq!(site.read("public/img/logo.svg"), "<svg/>");
    let manifest = site.read("public/.baogao-manifest");
    for listed in ["CNAME", "favicon.ico", "img/logo.svg"] {
        assert!(
            manifest.lines().any(|l| l == listed),
            "{listed} not in manifest"
        );
    }
    // The next build owns those files: it replaces the folder instead of refusing it.
    site.write("static/CNAME", "new.example.org\n");
    std::fs::remove_file(site.path("static/favicon.ico")).unwrap();
    site.build_ok(&[]);
    assert_eq!(site.read("public/CNAME"), "new.example.org\n");
    assert!(!site.path("public/favicon.ico").exists());
}

#[test]
fn a_static_file_replaces_a_theme_asset_and_clashes_with_a_page() {
    let site = Site::new();
    site.write("static/assets/style.css", "body{}");
    site.build_ok(&[]);
    assert_eq!(site.read("public/assets/style.css"), "body{}");

    site.write("static/about/index.html", "<p>old</p>");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("static/about/index.html: two outputs would both be written"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_output_may_not_be_the_static_folder() {
    let site = Site::new();
    site.write("static/CNAME", "x\n");
    let r = site.run(&["build", "--output", "static/out"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("overlaps the site's sources"),
        "{}",
        r.stderr
    );
}

#[test]
fn zola_and_hugo_internal_links_resolve_and_check_clean() {
    let site = Site::new();
    site.write(
        "content/reports/zola.md",
        "+++\ntitle = \"Zola\"\n+++\n\n见[第一篇](@/reports/first.md#gai-lan)、[关于][about]与[栏目](@/reports/_index.md)。\n\n[about]: @/about.md\n",
    );
    site.write(
        "content/reports/hugo.md",
        "---\ntitle: Hugo\n---\n\n见[第一篇]({{< ref \"first.md#gai-lan\" >}})与[关于]({{< relref \"/about\" >}})。\n\n```\n[not a link](@/nowhere.md) {{< ref \"nowhere\" >}}\n```\n",
    );
    site.build_ok(&[]);
    let zola = site.read("public/reports/zola/index.html");
    assert!(zola.contains("href=\"/reports/first/#gai-lan\""), "{zola}");
    assert!(zola.contains("href=\"/about/\""), "{zola}");
    assert!(zola.contains("href=\"/reports/\""), "{zola}");
    let hugo = site.read("public/reports/hugo/index.html");
    assert!(hugo.contains("href=\"/reports/first/#gai-lan\""), "{hugo}");
    assert!(hugo.contains("href=\"/about/\""), "{hugo}");
    assert!(hugo.contains("[not a link](@/nowhere.md)"), "{hugo}");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn internal_links_follow_a_sub_path_base_url() {
    let site = Site::new();
    site.write(
        "baogao.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org/reports/\"\n",
    );
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\n\n[关于](@/about.md)\n",
    );
    site.build_ok(&[]);
    assert!(site
        .read("public/a/index.html")
        .contains("href=\"/reports/about/\""));
}

#[test]
fn a_missing_link_target_is_an_error_at_its_line_and_column() {
    let site = Site::new();
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\n\n正文。\n见[旧文](@/reports/old.md)与{{< ref \"gone.md\" >}}。\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/a.md:6:7: internal link to `@/reports/old.md`: no such page"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("content/a.md:6:25: internal link: no content file `gone.md`"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_ignores_code_and_names_each_link_at_line_and_column() {
    let site = Site::new();
    site.write(
        "content/links.md",
        "+++\ntitle = \"链接\"\n+++\n\n见[旧文](old/)与`<a href=\"inline.html\">x</a>`。\n\n```html\n<a href=\"fenced.html\">x</a>\n<img src=\"pic.png\">\n```\n\n    <a href=\"indented.html\">\n\n再见[旧文](old/)，<a href=\"raw.html\">原始</a>\n",
    );
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(
        errors,
        [
            "error: content/links.md:5:7: broken link `old/`: no page or file at that address",
            "error: content/links.md:14:8: broken link `old/`: no page or file at that address",
            "error: content/links.md:14:23: broken link `raw.html`: no page or file at that address",
        ],
        "{}",
        r.stderr
    );
}

#[test]
fn check_names_the_template_that_writes_a_broken_link() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<nav><a href=\"/nowhere/\">x</a></nav>\n{{ page.content | safe }}\n{% endblock %}\n",
    );
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: templates/page.html:3:15: broken link `/nowhere/`"),
        "{}",
        r.stderr
    );
}

#[test]
fn code_blocks_are_highlighted_with_zola_fence_options() {
    let site = Site::new();
    site.write(
        "content/code.md",
        "+++\ntitle = \"代码\"\n+++\n\n```rust,linenos,linenostart=10,hl_lines=2\nfn main() {\n    println!(\"你好\");\n}\n```\n\n```\nplain <text>\n```\n",
    );
    site.build_ok(&[]);
    let html = site.read("public/code/index.html");
    assert!(html.contains("assets/highlight.css"), "{html}");
    assert!(
        html.contains(
            "<pre class=\"code\" data-lang=\"rust\" tabindex=\"0\"><code class=\"language-rust\">"
        ),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"z-storage z-type z-function z-rust\">fn</span>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"line hl\"><span class=\"ln\" aria-hidden=\"true\">11</span>"),
        "{html}"
    );
    assert!(html.contains("plain &lt;text&gt;"), "{html}");
    let css = site.read("public/assets/highlight.css");
    assert!(css.contains(".z-comment") && css.contains("prefers-color-scheme: dark"));
}

#[test]
fn zola_and_hugo_keys_template_path_url_and_typos() {
    let site = Site::new();
    site.write(
        "templates/about.html",
        "{% extends \"base.html\" %}\n{% block content %}<div class=\"about-page\">{{ page.content | safe }}</div>{% endblock %}\n",
    );
    site.write(
        "content/blog/_index.md",
        "+++\ntitle = \"博客\"\nsort_by = \"date\"\npage_template = \"about.html\"\n+++\n",
    );
    site.write(
        "content/blog/zola.md",
        "+++\ntitle = \"Zola\"\npath = \"/notes/zola\"\ntemplate = \"missing.html\"\ndrafts = true\nin_search_index = false\n[taxonomies]\ncategories = [\"随笔\"]\nauthors = [\"李\"]\n+++\n\n正文。\n",
    );
    site.write(
        "content/blog/hugo.md",
        "---\ntitle: Hugo\nurl: /notes/hugo/\nlastmod: 2026-01-02\n---\n\n正文。\n",
    );
    let r = site.build_ok(&[]);
    // Zola `path` and Hugo `url` give the whole URL.
    assert!(site.path("public/notes/zola/index.html").exists());
    assert!(site.path("public/notes/hugo/index.html").exists());
    // A missing template: a warning and the default; the section's page_template.
    assert!(
        r.stderr.contains("warning: content/blog/zola.md:4: template `missing.html` not found in templates/; the default one is used"),
        "{}",
        r.stderr
    );
    // Without its own template a page takes its section's `page_template`.
    assert!(site
        .read("public/notes/zola/index.html")
        .contains("about-page"));
    assert!(site
        .read("public/notes/hugo/index.html")
        .contains("about-page"));
    assert!(!site
        .read("public/reports/first/index.html")
        .contains("about-page"));
    // Categories are built; an undeclared taxonomy is a warning naming the config key.
    assert!(site
        .read("public/categories/sui-bi/index.html")
        .contains("/notes/zola/"));
    // Zola/Hugo keys get their own warnings; a typo gets "did you mean".
    for expected in [
        "content/blog/zola.md:5: unknown front matter key `drafts` is ignored",
        "did you mean `draft`?",
        "content/blog/zola.md:7: taxonomy `authors` is not declared in baogao.toml; its terms are ignored",
        "hint: declare it under `taxonomies` in baogao.toml: [[taxonomies]] name = \"authors\"",
        "content/blog/hugo.md:4: `lastmod` (a Zola/Hugo key) is not supported by baogao and is ignored",
    ] {
        assert!(r.stderr.contains(expected), "{expected}\n{}", r.stderr);
    }
    for accepted in ["in_search_index", "sort_by", "categories"] {
        assert!(!r.stderr.contains(accepted), "{}", r.stderr);
    }
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn shortcode_escapes_are_written_out_and_hugo_shortcodes_are_errors() {
    let site = Site::new();
    site.write(
        "content/escape.md",
        "+++\ntitle = \"转义\"\n+++\n\n正文写 {{/* chart(id=\"c\") */}}。\n\n```\n{{/* value(data=\"d.csv\") */}}\n{{</* figure src=\"a.png\" */>}}\n```\n",
    );
    site.build_ok(&[]);
    let html = site.read("public/escape/index.html");
    assert!(
        html.contains("<p>正文写 {{ chart(id=\"c\") }}。</p>"),
        "{html}"
    );
    assert!(
        html.contains("{{ value(data=&quot;d.csv&quot;) }}"),
        "{html}"
    );
    assert!(
        html.contains("{{&lt; figure src=&quot;a.png&quot; &gt;}}"),
        "{html}"
    );

    site.write(
        "content/hugo.md",
        "---\ntitle: Hugo\n---\n\n{{< figure src=\"a.png\" >}}\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/hugo.md:5:1: Hugo shortcode `figure` is not supported"),
        "{}",
        r.stderr
    );
}

#[test]
fn hugo_highlight_shortcodes_are_code_blocks() {
    let site = Site::new();
    site.write(
        "content/hugo.md",
        "---\ntitle: Hugo\n---\n\n{{< highlight go \"linenos=table,hl_lines=2\" >}}\nfunc main() {\n\treturn\n}\n{{< / highlight >}}\n\n正文[断链](nowhere/)。\n",
    );
    site.build_ok(&[]);
    let html = site.read("public/hugo/index.html");
    assert!(html.contains("data-lang=\"go\""), "{html}");
    assert!(html.contains("<span class=\"ln\" aria-hidden=\"true\">1</span>"));
    assert!(!html.contains("{{"), "{html}");
    // Lines after it keep their numbers.
    let r = site.run(&["check"]);
    assert!(
        r.stderr
            .contains("content/hugo.md:11:8: broken link `nowhere/`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_static_robots_txt_replaces_the_generated_one() {
    let site = Site::new();
    site.write("static/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.build_ok(&[]);
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nDisallow: /private/\n"
    );
}

#[test]
fn urls_with_apostrophes_check_clean() {
    let site = Site::new();
    site.write(
        "content/knight.md",
        "---\ntitle: A Knight's Journey\nurl: /2014/07/12/POJ-2488-A-Knight's-Journey/\ntags: [acm]\n---\n\n正文。\n",
    );
    site.build_ok(&[]);
    assert!(site
        .path("public/2014/07/12/POJ-2488-A-Knight's-Journey/index.html")
        .is_file());
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

/// A site whose baogao.toml ends with `[slugify]` set to `slugify`, with a Hugo-style
/// page and section whose names are not slugs.
fn named_like_hugo(slugify: &str) -> Site {
    let site = Site::new();
    site.write(
        "baogao.toml",
        &format!(
            "title = \"测试站\"\nbase_url = \"https://example.org/\"\n\n[slugify]\n{slugify}\n"
        ),
    );
    site.write(
        "content/Release Notes/_index.md",
        "+++\ntitle = \"发布说明\"\n+++\n",
    );
    site.write(
        "content/Release Notes/backon_v1_4_0.md",
        "+++\ntitle = \"BackON 1.4.0\"\n+++\n\n见[另一篇](<@/Release Notes/Hello.md>)。\n",
    );
    site.write(
        "content/Release Notes/Hello.md",
        "+++\ntitle = \"你好\"\n+++\n",
    );
    site
}

#[test]
fn slugify_paths_keeps_file_names_in_urls_as_zola_does() {
    let on = named_like_hugo("");
    on.build_ok(&[]);
    assert!(on
        .path("public/release-notes/backon-v1-4-0/index.html")
        .exists());

    let safe = named_like_hugo("paths = \"safe\"");
    safe.build_ok(&[]);
    let page = safe.read("public/Release Notes/backon_v1_4_0/index.html");
    assert!(page.contains("href=\"/Release%20Notes/Hello/\""), "{page}");
    assert!(safe.path("public/Release Notes/index.html").exists());
    let r = safe.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    // Zola's whole table moves over as long as terms and anchors stay slugs.
    let off = named_like_hugo("paths = \"off\"\ntaxonomies = \"on\"\nanchors = \"on\"");
    off.build_ok(&[]);
    assert!(off
        .path("public/Release Notes/backon_v1_4_0/index.html")
        .exists());
}

#[test]
fn an_unknown_slugify_strategy_is_an_error_at_its_line() {
    let site = named_like_hugo("paths = \"ascii\"");
    let err = site.build_fails();
    assert!(err.contains("baogao.toml:5:"), "{err}");
    assert!(err.contains("`safe`"), "{err}");
    let site = named_like_hugo("anchors = \"safe\"");
    let err = site.build_fails();
    assert!(err.contains("baogao.toml:5:"), "{err}");
    assert!(err.contains("expected `on`"), "{err}");
}
