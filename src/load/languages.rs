//! The site's languages: the default one (`language`, zh-CN) and those declared under
//! `[languages.<code>]` in baogao.toml, each with its title, description, URL path and
//! strings; and the language of a content file, read from its name (`page.en.md`,
//! `index.en.md`, `_index.en.md` are the English versions of `page.md`, `index.md`,
//! `_index.md`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{toml_key_line, Config, CONFIG_FILE};
use crate::error::Diagnostic;
use crate::render::strings::Strings;

/// One language of the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    pub code: String,
    pub title: String,
    pub description: String,
    /// URL path of its pages below the site's base: "" for the default language,
    /// `en/` for the others.
    pub prefix: String,
    pub strings: Arc<Strings>,
}

/// Every language of a site, the default one first, then the others by code.
#[derive(Debug, Clone, PartialEq)]
pub struct Languages {
    pub list: Vec<Language>,
}

impl Languages {
    /// The languages `config` declares; a bad code or path is an error at baogao.toml.
    pub fn from_config(config: &Config, text: &str) -> Result<Languages, Diagnostic> {
        let shown = Path::new(CONFIG_FILE);
        let at = |code: &str, message: String| {
            let line = text
                .lines()
                .position(|l| {
                    let l = l.replace([' ', '"'], "");
                    l.starts_with(&format!("[languages.{code}"))
                        || l.starts_with(&format!("languages.{code}"))
                })
                .map(|i| i + 1)
                .or_else(|| toml_key_line(text, "languages"));
            match line {
                Some(line) => Diagnostic::at(shown, line, None, message),
                None => Diagnostic::file(shown, message),
            }
        };
        let own = config.languages.get(&config.language);
        let mut list = vec![Language {
            code: config.language.clone(),
            title: own
                .and_then(|l| l.title.clone())
                .unwrap_or(config.title.clone()),
            description: own
                .and_then(|l| l.description.clone())
                .unwrap_or(config.description.clone()),
            prefix: String::new(),
            strings: Arc::new(Strings::new(
                &config.language,
                &own.map(|l| l.strings.clone())
                    .unwrap_or_default()
                    .into_iter()
                    .chain(config.strings.clone())
                    .collect(),
                &own.map(|l| l.units.clone())
                    .unwrap_or_default()
                    .into_iter()
                    .chain(config.units.clone())
                    .collect(),
            )),
        }];
        for (code, lang) in &config.languages {
            if code == &config.language {
                continue;
            }
            if !is_language_code(code) {
                return Err(at(code, format!("`{code}` is not a language code"))
                    .with_hint("write a code such as en, fr or en-GB"));
            }
            let path = lang.path.clone().unwrap_or_else(|| code.to_lowercase());
            let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
            if parts.is_empty() || parts.iter().any(|p| *p == "." || *p == "..") {
                return Err(at(
                    code,
                    format!("path `{path}` of language `{code}` is not a usable URL path"),
                )
                .with_hint("write it as \"/en/\""));
            }
            let prefix = format!("{}/", parts.join("/"));
            if let Some(other) = list.iter().find(|l| l.prefix == prefix) {
                return Err(at(
                    code,
                    format!(
                        "languages `{}` and `{code}` both use the path /{prefix}",
                        other.code
                    ),
                ));
            }
            list.push(Language {
                code: code.clone(),
                title: lang.title.clone().unwrap_or(config.title.clone()),
                description: lang
                    .description
                    .clone()
                    .unwrap_or(config.description.clone()),
                prefix,
                strings: Arc::new(Strings::new(code, &lang.strings, &lang.units)),
            });
        }
        Ok(Languages { list })
    }

    /// Only the default language, with the built-in strings (for tests and tools).
    pub fn single(code: &str) -> Languages {
        let none = Default::default();
        Languages {
            list: vec![Language {
                code: code.to_string(),
                title: String::new(),
                description: String::new(),
                prefix: String::new(),
                strings: Arc::new(Strings::new(code, &none, &Default::default())),
            }],
        }
    }

    pub fn default_language(&self) -> Option<&Language> {
        self.list.first()
    }

    /// The language of `code` (the default one for "", or for its own code in any case).
    pub fn get(&self, code: &str) -> Option<&Language> {
        self.list.iter().enumerate().find_map(|(i, l)| {
            let found = l.code.eq_ignore_ascii_case(code) || (i == 0 && code.is_empty());
            found.then_some(l)
        })
    }

    pub fn is_multilingual(&self) -> bool {
        self.list.len() > 1
    }
}

/// A content file's path without its language (`a/b.en.md` → `a/b.md`) and that
/// language's code as written, if the name carries one.
pub fn split_language(rel: &Path) -> (PathBuf, Option<String>) {
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned());
    let ext = rel.extension().map(|s| s.to_string_lossy().into_owned());
    let (Some(stem), Some(ext)) = (stem, ext) else {
        return (rel.to_path_buf(), None);
    };
    match stem.rsplit_once('.') {
        Some((base, code)) if !base.is_empty() && is_language_code(code) => (
            rel.with_file_name(format!("{base}.{ext}")),
            Some(code.to_string()),
        ),
        _ => (rel.to_path_buf(), None),
    }
}

/// `en`, `zh-CN`, `sr-Latn-RS`: a primary tag of 2–3 letters, then subtags.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::config::parse_toml;

    fn languages(extra: &str) -> Result<Languages, Diagnostic> {
        let text = format!("title = \"报告\"\nbase_url = \"/\"\n{extra}");
        let config: Config = parse_toml(&text, Path::new(CONFIG_FILE)).unwrap();
        Languages::from_config(&config, &text)
    }

    #[test]
    fn file_names_carry_their_language() {
        let split = |p: &str| split_language(Path::new(p));
        assert_eq!(
            split("a/b.en.md"),
            (PathBuf::from("a/b.md"), Some("en".into()))
        );
        assert_eq!(
            split("a/_index.en.md"),
            (PathBuf::from("a/_index.md"), Some("en".into()))
        );
        assert_eq!(
            split("a/index.zh-CN.md"),
            (PathBuf::from("a/index.md"), Some("zh-CN".into()))
        );
        assert_eq!(split("a/b.md"), (PathBuf::from("a/b.md"), None));
        assert_eq!(split("v1.2.md"), (PathBuf::from("v1.2.md"), None));
        assert_eq!(
            split("report.final.md"),
            (PathBuf::from("report.final.md"), None)
        );
    }

    #[test]
    fn zola_form_gives_title_path_and_strings() {
        let l = languages(
            "[languages.en]\ntitle = \"Reports\"\npath = \"/english/\"\n[languages.en.strings]\nhome = \"Start\"\n",
        )
        .unwrap();
        assert_eq!(l.list.len(), 2);
        let en = l.get("en").unwrap();
        assert_eq!(
            (en.title.as_str(), en.prefix.as_str()),
            ("Reports", "english/")
        );
        assert_eq!(en.strings.get("home"), "Start");
        assert_eq!(en.strings.get("tags"), "Tags");
        assert_eq!(l.get("").unwrap().strings.get("home"), "首页");
    }

    #[test]
    fn a_bad_path_is_an_error_at_its_table() {
        let e = languages("\n[languages.en]\npath = \"/../\"\n")
            .err()
            .unwrap()
            .to_string();
        assert!(e.starts_with("baogao.toml:4: path `/../`"), "{e}");
        let e = languages("[languages.english]\n")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("`english` is not a language code"), "{e}");
    }
}
