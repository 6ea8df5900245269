//! The docs site as a whole: it checks clean, its gallery shows the specs it draws, and
//! its publishing page shows the workflow `baogao init` writes.

use std::fs;
use std::process::Command;

use super::{docs, fields, page};

#[test]
fn gallery_shows_the_specs_it_draws() {
    let gallery = docs().join("content/gallery");
    let mut shown = 0;
    for entry in fs::read_dir(&gallery).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        for block in text.split("## `charts/").skip(1) {
            let (file, rest) = block.split_once("`\n").unwrap();
            let spec = rest
                .split_once("```toml\n")
                .and_then(|(_, r)| r.split_once("```\n"))
                .map(|(spec, _)| spec)
                .unwrap_or_else(|| panic!("no ```toml block for {file}"));
            let on_disk = fs::read_to_string(docs().join("charts").join(file)).unwrap();
            assert_eq!(spec, on_disk, "gallery shows a different {file}");
            let id = file.trim_end_matches(".toml");
            assert!(
                rest.contains(&format!("{{{{ chart(id=\"{id}\") }}}}")),
                "gallery shows {file} but not its chart"
            );
            shown += 1;
        }
    }
    for kind in fields::<baogao::charts::ChartKind>(&[]) {
        assert!(
            gallery.join(format!("{kind}.md")).is_file(),
            "no gallery page for {kind}"
        );
    }
    assert!(shown >= 10, "{shown} specs shown");
}

#[test]
fn docs_site_checks_with_no_problems() {
    let run = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["check", "--root"])
        .arg(docs())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "baogao check --root docs:\n{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn publishing_page_shows_the_workflow_init_writes() {
    let text = page("start/publish.md");
    let shown = text
        .split("```yaml\n")
        .filter_map(|b| b.split_once("```\n").map(|(yaml, _)| yaml))
        .find(|yaml| yaml.contains("github-pages"))
        .expect("a GitHub Pages workflow block");
    assert_eq!(shown, baogao::init::PAGES_WORKFLOW);
}
