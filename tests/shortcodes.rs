//! Site shortcodes (issue 17): templates/shortcodes/NAME.html and NAME.md called from
//! Markdown as Zola calls them, run through the real binary on small sites.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

fn page_with(body: &str) -> Site {
    let site = Site::new();
    site.write(
        "content/reports/sc.md",
        &format!("+++\ntitle = \"短代码\"\ntags = [\"甲\", \"乙\"]\n+++\n\n{body}"),
    );
    site
}

fn built_page(site: &Site) -> String {
    site.build_ok(&[]);
    site.read("public/reports/sc/index.html")
}

#[test]
fn an_inline_html_shortcode_gets_typed_arguments() {
    let site = page_with("看 {{ video(id=\"abc\", width=640, ratio=1.5, autoplay=false, tags=[\"a\", 2]) }} 这里。\n");
    site.write(
        "templates/shortcodes/video.html",
        "<span class=\"video\" data-id=\"{{ id }}\">{{ width + 1 }}|{{ ratio * 2 }}|{% if not autoplay %}静止{% endif %}|{{ tags | length }}{{ tags[0] }}</span>",
    );
    let html = built_page(&site);
    // Whole numbers arrive as integers, others as floats (Tera prints 1.5 * 2 as 3.0).
    assert!(
        html.contains(
            "<p>看 <span class=\"video\" data-id=\"abc\">641|3.0|静止|2a</span> 这里。</p>"
        ),
        "{html}"
    );
}

#[test]
fn a_body_shortcode_sees_its_body_and_can_render_it_as_markdown() {
    let site = page_with("{% note(kind=\"提示\") %}\n这是**重点**。\n{% end %}\n\n后文。\n");
    site.write(
        "templates/shortcodes/note.html",
        "<aside class=\"note\"><strong>{{ kind }}</strong>{{ body | markdown | safe }}</aside>",
    );
    let html = built_page(&site);
    assert!(
        html.contains("<aside class=\"note\"><strong>提示</strong><p>这是<strong>重点</strong>。</p>\n</aside>"),
        "{html}"
    );
    assert!(html.contains("<p>后文。</p>"));
}

#[test]
fn a_markdown_shortcode_is_rendered_with_the_page() {
    let site = page_with("{{ quote(who=\"编辑部\") }}\n");
    site.write(
        "templates/shortcodes/quote.md",
        "> **{{ who }}**：数字取自数据文件。\n",
    );
    let html = built_page(&site);
    assert!(
        html.contains(
            "<blockquote>\n<p><strong>编辑部</strong>：数字取自数据文件。</p>\n</blockquote>"
        ),
        "{html}"
    );
}

#[test]
fn nth_page_and_config_are_in_reach() {
    let site = page_with("{{ fig() }}\n\n{{ fig() }}\n");
    site.write(
        "templates/shortcodes/fig.html",
        "<p class=\"fig\">图{{ nth }}·{{ page.title }}·{{ page.tags | join(sep=\"、\") }}·{{ config.title }}</p>",
    );
    let html = built_page(&site);
    assert!(
        html.contains("<p class=\"fig\">图1·短代码·甲、乙·测试站</p>"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"fig\">图2·短代码·甲、乙·测试站</p>"),
        "{html}"
    );
}

#[test]
fn a_data_bound_shortcode_prints_what_the_value_shortcode_prints() {
    let site = page_with(
        "{{ callout(data=\"d.csv\", row=\"甲\", col=\"投资\") }}\n\n内置：{{ value(data=\"d.csv\", row=\"甲\", col=\"投资\") }}，{{ share(data=\"d.csv\", row=\"甲\", col=\"投资\") }}。\n",
    );
    site.write(
        "templates/shortcodes/callout.html",
        "<p class=\"callout\">{{ row }}：{{ value }}，{{ share }}；共{{ table.rows | length }}行</p>",
    );
    let html = built_page(&site);
    let builtin = html.split("内置：").nth(1).unwrap();
    let value = builtin
        .split('，')
        .next()
        .unwrap()
        .replace("<span class=\"nobr\">", "")
        .replace("</span>", "");
    let share = builtin
        .split('，')
        .nth(1)
        .unwrap()
        .split('。')
        .next()
        .unwrap()
        .replace("<span class=\"nobr\">", "")
        .replace("</span>", "");
    assert!(
        html.contains(&format!(
            "<p class=\"callout\">甲：{value}，{share}；共3行</p>"
        )),
        "{value} {share}\n{html}"
    );
}

#[test]
fn an_error_inside_a_shortcode_names_the_template_and_the_calling_line() {
    let site = page_with("第一行。\n\n{{ broken(x=1) }}\n");
    site.write(
        "templates/shortcodes/broken.html",
        "<p>\n{{ x }} {{ no_such_variable }}\n</p>",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/reports/sc.md:8:1: in shortcode `broken`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("templates/shortcodes/broken.html:2:"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_site_shortcode_may_not_take_a_built_in_name() {
    let site = Site::new();
    site.write("templates/shortcodes/chart.html", "<p>mine</p>");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("templates/shortcodes/chart.html: a site shortcode cannot be called `chart`: that is a built-in baogao shortcode"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_built_in_shortcode_takes_no_body_and_unknown_names_say_where_to_define_them() {
    let site = page_with("{% value(data=\"d.csv\", row=\"甲\", col=\"投资\") %}x{% end %}\n\n{{ youtube(id=\"x\") }}\n");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/reports/sc.md:6:1: the built-in shortcode `value` takes no body"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("content/reports/sc.md:8:1: unknown shortcode `youtube`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("templates/shortcodes/youtube.html"),
        "{}",
        r.stderr
    );
}

/// Zola's own test site (github.com/getzola/zola, test_site/ at commit
/// b2242262b1df3e238b0b70dce3ae3a5bf3a042e9, MIT licence): its two pages that call shortcodes
/// and their shortcode templates, copied verbatim. `pirate.html` lives in Zola's sample theme;
/// baogao has no themes, so it sits with the site's own templates here.
#[test]
fn zolas_test_site_shortcodes_build_and_show_their_output() {
    let site = Site::new();
    site.write("content/posts/_index.md", "+++\ntitle = \"posts\"\n+++\n");
    site.write(
        "content/posts/python.md",
        "+++\ntitle = \"Python in posts\"\ndescription = \"\"\ndate = 2017-03-01\n+++\n\nSame filename but different path\n\n<!-- more -->\n\n{{ basic() }}\n\n{{ pirate(name=\"Bob\") }}\n{{ pirate(name=\"Bob_Sponge\") }}\n\n\n",
    );
    site.write(
        "content/posts/simple.md",
        "+++\ntitle = \"Simple article with shortcodes\"\ndescription = \"\"\ndate = 2017-04-01\n+++\n\nA simple page\n\n{{ youtube(id=\"e1C9kpMV2e8\") }}\n{{ youtube(id=\"e1C9kpMV2e8\", autoplay=true) }}\n",
    );
    site.write(
        "templates/shortcodes/basic.html",
        "<h4>Basic shortcode</h4>\n",
    );
    site.write(
        "templates/shortcodes/pirate_included.html",
        "Arrrh {{ name }}\n",
    );
    site.write(
        "templates/shortcodes/pirate.html",
        "{% include 'shortcodes/pirate_included.html' %}\n",
    );
    site.write(
        "templates/shortcodes/youtube.html",
        "<div {% if class %}class=\"{{class}}\"{% endif %}>\n    <iframe src=\"https://www.youtube-nocookie.com/embed/{{id}}{% if playlist %}?list={{playlist}}{% endif %}{% if autoplay %}?autoplay=1{% endif %}\" webkitallowfullscreen mozallowfullscreen allowfullscreen></iframe>\n</div>\n",
    );
    site.build_ok(&[]);
    let python = site.read("public/posts/python/index.html");
    assert!(python.contains("<h4>Basic shortcode</h4>"), "{python}");
    assert!(python.contains("Arrrh Bob\n"), "{python}");
    assert!(python.contains("Arrrh Bob_Sponge\n"), "{python}");
    let simple = site.read("public/posts/simple/index.html");
    assert!(
        simple.contains("embed/e1C9kpMV2e8\" webkitallowfullscreen"),
        "{simple}"
    );
    assert!(
        simple.contains("embed/e1C9kpMV2e8?autoplay=1\""),
        "{simple}"
    );
}

/// Issue 17 §3: a Zola site's Tera 1 templates are reported all at once, every place with
/// its file:line:col and what to write for Tera 2, by `check` as by `build`.
#[test]
fn tera_1_templates_list_every_place_to_change() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n<p>stray</p>\n{% block content %}{{ page.title | escape }}\n{{ get_url(path=\"x\") }}{% endblock content %}\n",
    );
    site.write("templates/shortcodes/old.html", "{{ n | as_str }}");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for expected in [
        "templates/page.html:2:1: Tera 1: content outside any block of a child template",
        "templates/page.html:3:34: Tera 1: the `escape` filter is now `escape_html`",
        "templates/page.html:4:4: Tera 1: this is a Zola function, which baogao does not have",
        "templates/shortcodes/old.html:1:6: Tera 1: the `as_str` filter is now `str`",
        "hint: write `| str`",
    ] {
        assert!(r.stderr.contains(expected), "{expected}\n{}", r.stderr);
    }
}
