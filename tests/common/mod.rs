//! Helpers for integration tests: small sites in temp folders and runs of the real binary.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Site {
    pub dir: tempfile::TempDir,
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// A minimal working site: config, home, one section with one report, one chart.
    pub fn new() -> Site {
        let site = Site::empty();
        site.write(
            "baogao.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org/\"\n",
        );
        site.write(
            "content/_index.md",
            "+++\ntitle = \"首页\"\n+++\n\n欢迎。\n",
        );
        site.write("content/reports/_index.md", "+++\ntitle = \"报告\"\n+++\n");
        site.write(
            "content/reports/first.md",
            "+++\ntitle = \"第一篇\"\ndate = 2026-06-26\ntags = [\"投资\"]\n+++\n\n## 概览\n\n总额{{ value(data=\"d.csv\", row=\"合计\", col=\"投资\") }}，\n甲占{{ share(data=\"d.csv\", row=\"甲\", col=\"投资\") }}。\n\n{{ chart(id=\"c\") }}\n\n[关于](../../about/)\n",
        );
        site.write(
            "content/about.md",
            "+++\ntitle = \"关于\"\n+++\n\n关于本站。\n",
        );
        site.write("charts/d.csv", "类别,投资\n甲,100\n乙,~50\n合计,150\n");
        site.write("charts/d.csv.meta.toml", "[units]\n\"投资\" = \"亿元\"\n");
        site.write(
            "charts/c.toml",
            "title = \"甲最多\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = \"类别\"\ny = [\"投资\"]\nunit = \"亿元\"\n[remainder]\nlabel = \"其他\"\ntotal_row = \"合计\"\n",
        );
        site
    }

    /// A site of one home page holding `page` (front matter added) and the files
    /// `charts` lists by path below charts/.
    pub fn with_page(page: &str, charts: &[(&str, &str)]) -> Site {
        let site = Site::empty();
        site.write(
            "baogao.toml",
            "title = \"测试\"\nbase_url = \"https://example.org/\"\n",
        );
        site.write(
            "content/_index.md",
            &format!("+++\ntitle = \"首页\"\n+++\n\n{page}\n"),
        );
        for (path, text) in charts {
            site.write(&format!("charts/{path}"), text);
        }
        site
    }

    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// A built file with the renderer's no-break spans around figures and dates
    /// (`<span class="nobr">41.7%</span>`) dropped, for asserting on the words a reader sees.
    pub fn read_text(&self, rel: &str) -> String {
        let html = self.read(rel);
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<span class=\"nobr\">") {
            out.push_str(&rest[..start]);
            let inner = &rest[start + "<span class=\"nobr\">".len()..];
            let end = inner.find("</span>").unwrap_or(inner.len());
            out.push_str(&inner[..end]);
            rest = inner.get(end + "</span>".len()..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = Command::new(env!("CARGO_BIN_EXE_baogao"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `build`, insists it fails cleanly (exit 1, no panic) and returns stderr.
    pub fn build_fails(&self) -> String {
        let r = self.run(&["build"]);
        assert_eq!(r.code, 1, "expected exit 1, got {}:\n{}", r.code, r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        r.stderr
    }

    /// Runs `build` and insists it succeeds.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
        r
    }
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, fs::read(e.path()).unwrap());
        }
    }
    out
}
