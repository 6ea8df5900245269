//! In-process harness: the serve fixture site (fixture.rs) in a temp folder, an
//! [`Engine`] over it, and the check that the engine's site equals a full build.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use baogao::serve::engine::{Engine, Rebuild};
use baogao::site::{self, BuildOptions};
use baogao::write::MemoryOutput;

pub fn full_build(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let out = MemoryOutput::new();
    site::build(root, &BuildOptions::default(), &out).map_err(|e| e.to_string())?;
    Ok(out.into_files())
}

pub fn served(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    engine
        .files()
        .iter()
        .map(|(k, v)| (k.clone(), v.to_vec()))
        .collect()
}

pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    pub engine: Engine,
}

impl Site {
    pub fn new() -> Site {
        Site::with(&[])
    }

    /// The fixture with `files` (path, text) written over it before the first build.
    pub fn with(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        super::fixture::write(&root);
        fs::write(
            root.join("content/reports/second.md"),
            "+++\ntitle = \"第二篇\"\ndate = 2026-02-01\ntags = [\"示例\", \"其他\"]\n+++\n\n第二篇的正文，引用{{ value(data=\"sample.csv\", row=\"乙\", col=\"数值\") }}。\n\n结尾段落。\n",
        )
        .unwrap();
        // Listings that show summaries, whatever the default theme shows.
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(
            root.join("templates/section.html"),
            "<!doctype html><html><body>{% for p in section.pages %}<a href=\"{{ p.path }}\">{{ p.title }}</a>{{ p.summary | safe }}{% endfor %}</body></html>",
        )
        .unwrap();
        for (rel, text) in files {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let (engine, first) = Engine::new(&root, BuildOptions::default());
        first.result.unwrap();
        Site {
            _dir: dir,
            root,
            engine,
        }
    }

    pub fn write(&mut self, rel: &str, text: &str) -> Rebuild {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        self.changed(&[rel])
    }

    pub fn edit(&mut self, rel: &str, from: &str, to: &str) -> Rebuild {
        let text = fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no `{from}`");
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn changed(&mut self, rels: &[&str]) -> Rebuild {
        let paths: Vec<PathBuf> = rels.iter().map(|r| self.root.join(r)).collect();
        self.engine.rebuild(&paths).expect("a relevant change")
    }

    /// The engine's site equals a fresh full build (or both fail alike).
    pub fn check(&self, r: &Rebuild) {
        match (&r.result, full_build(&self.root)) {
            (Ok(()), Ok(full)) => {
                let got = served(&self.engine);
                let missing: Vec<_> = full.keys().filter(|k| !got.contains_key(*k)).collect();
                let extra: Vec<_> = got.keys().filter(|k| !full.contains_key(*k)).collect();
                let differ: Vec<_> = full
                    .keys()
                    .filter(|k| got.contains_key(*k) && got[*k] != full[*k])
                    .collect();
                assert!(
                    missing.is_empty() && extra.is_empty() && differ.is_empty(),
                    "missing {missing:?}, extra {extra:?}, differ {differ:?}"
                );
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b, "the same problems as a full build"),
            (a, b) => panic!(
                "engine {:?} but full build {:?}",
                a.as_ref().map_err(|e| e.to_string()),
                b.map(|_| ())
            ),
        }
    }
}

pub fn page(site: &Site, path: &str) -> String {
    String::from_utf8(site.engine.files().get(path).unwrap().to_vec()).unwrap()
}
