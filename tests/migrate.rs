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
