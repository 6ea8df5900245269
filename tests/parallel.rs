//! A build's output does not depend on how many threads made it: charts are drawn when
//! the first page that shows them is rendered and let go after the last one, pages are
//! written as they are rendered, so the example site and a site whose pages share charts
//! are built with one thread and with several and the trees compared byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{snapshot, Site};

/// Builds the site at `root` into `out` with `threads` rayon threads.
fn build_with(root: &Path, out: &Path, threads: &str) -> BTreeMap<String, Vec<u8>> {
    let run = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    snapshot(out)
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "different files"
    );
    for (path, bytes) in a {
        assert!(b[path] == *bytes, "{path} differs");
    }
}

#[test]
fn the_example_site_builds_the_same_on_one_thread_and_on_several() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let one = build_with(root, &tmp.path().join("one"), "1");
    let four = build_with(root, &tmp.path().join("four"), "4");
    assert!(one
        .keys()
        .any(|k| k.starts_with("charts/") && k.ends_with(".svg")));
    assert_same(&one, &four);
}

#[test]
fn charts_shared_by_pages_are_drawn_once_and_the_same_on_any_thread_count() {
    let site = Site::new();
    // Three charts: `c` on every report, `d` on every third (twice on one page), `e` on
    // none (its files are still written), and one page quotes `d` through `chart =`.
    site.write(
        "charts/d.toml",
        "title = \"乙\"\nkind = \"hbar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\nunit = \"亿元\"\n",
    );
    site.write(
        "charts/e.toml",
        "title = \"丙\"\nkind = \"donut\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\nunit = \"亿元\"\n[remainder]\nlabel = \"其他\"\ntotal_row = \"合计\"\n",
    );
    for i in 0..60 {
        let extra = match i % 3 {
            0 => "{{ chart(id=\"d\") }}\n\n文字。\n\n{{ chart(id=\"d\") }}\n",
            1 => "甲为{{ value(chart=\"d\", row=\"甲\", col=\"投资\") }}。\n",
            _ => "",
        };
        site.write(
            &format!("content/reports/r{i:02}.md"),
            &format!(
                "+++\ntitle = \"报告{i}\"\ndate = 2026-02-{:02}\n+++\n\n{{{{ chart(id=\"c\") }}}}\n\n{extra}",
                i % 28 + 1
            ),
        );
    }
    let one = build_with(site.dir.path(), &site.path("one"), "1");
    for name in ["c", "d", "e"] {
        assert!(one.contains_key(&format!("charts/{name}.svg")), "{name}");
        assert!(one.contains_key(&format!("charts/{name}.csv")), "{name}");
    }
    let page = String::from_utf8_lossy(&one["reports/r03/index.html"]).into_owned();
    assert_eq!(page.matches("<figure").count(), 3, "{page}");
    for threads in ["2", "5"] {
        let many = build_with(site.dir.path(), &site.path(&format!("t{threads}")), threads);
        assert_same(&one, &many);
    }
}
