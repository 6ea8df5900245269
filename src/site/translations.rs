//! Pages in several languages at render time: each language's site value (its title,
//! description, strings and home path), its listings (listings.rs run over its own pages
//! below its URL path: home, sections, tags, feed), one sitemap holding every language's
//! entries with their alternates, and for every output file the `languages` templates
//! see: the `<link rel="alternate" hreflang>` links and the language switch.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tera::value::{Key, Value as TeraValue};

use super::context::{self, Urls};
use super::jobs::Job;
use super::listing_scope::{Made, Reuse};
use super::listings;
use super::pages::{output_file, Page};
use super::site_files::SITEMAP;
use crate::config::Config;
use crate::error::{Diagnostic, Error};
use crate::load::languages::{Language, Languages};
use crate::load::slash_path;

/// Files a site has once, whatever its languages: the default language's.
const SITE_FILES: [&str; 3] = [SITEMAP, "robots.txt", "404.html"];

/// The translation key of a language's home page when the site has no `_index.md`.
const HOME_KEY: &str = "_index.md";

/// `site` for pages in `lang`: its title, description and strings; `base_url` and
/// `base_path` are the language's home (`/en/`), `root_url` and `root_path` the site's
/// (for assets shared by every language); `languages` lists every language's home.
pub fn site_value(config: &Config, urls: &Urls, lang: &Language, all: &Languages) -> Value {
    let mut v = context::site(config, urls);
    if let Value::Object(map) = &mut v {
        map.insert("title".into(), json!(lang.title));
        map.insert("description".into(), json!(lang.description));
        map.insert("language".into(), json!(lang.code));
        map.insert(
            "base_url".into(),
            json!(format!("{}{}", urls.base_url, lang.prefix)),
        );
        map.insert("base_path".into(), json!(urls.path(&lang.prefix)));
        map.insert("root_url".into(), json!(urls.base_url));
        map.insert("root_path".into(), json!(urls.base_path));
        map.insert("strings".into(), lang.strings.to_json());
        let homes: Vec<Value> = all
            .list
            .iter()
            .map(|l| {
                json!({"code": l.code, "name": l.strings.get("language_name"),
                    "path": urls.path(&l.prefix), "permalink": urls.permalink(&l.prefix)})
            })
            .collect();
        map.insert("languages".into(), json!(homes));
    }
    v
}

/// The site value of each language, by code.
pub fn site_values(config: &Config, urls: &Urls, all: &Languages) -> BTreeMap<String, Value> {
    all.list
        .iter()
        .map(|l| (l.code.clone(), site_value(config, urls, l, all)))
        .collect()
}

/// The language versions of every page, section and home.
/// It owns what it reads, so `serve` keeps it from one rebuild to the next.
pub struct Alternates {
    languages: Languages,
    urls: Urls,
    /// Translation key → (language code, URL) of each version.
    versions: BTreeMap<String, Vec<(String, String)>>,
    /// Output file → translation key.
    key_of_output: BTreeMap<String, String>,
    /// Permalink → translation key (for the sitemap).
    key_of_permalink: BTreeMap<String, String>,
}

impl Alternates {
    pub fn new(pages: &[&Page], languages: &Languages, urls: &Urls) -> Self {
        let mut versions: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for p in pages {
            versions
                .entry(p.translation_key.clone())
                .or_default()
                .push((p.lang.clone(), p.url.clone()));
        }
        // Every language has a home, with or without its `_index.md`.
        for l in &languages.list {
            let homes = versions.entry(HOME_KEY.to_string()).or_default();
            if !homes.iter().any(|(code, _)| code == &l.code) {
                homes.push((l.code.clone(), l.prefix.clone()));
            }
        }
        let order = |code: &str| languages.list.iter().position(|l| l.code == code);
        for list in versions.values_mut() {
            list.sort_by_key(|(code, _)| order(code));
        }
        let mut key_of_output = BTreeMap::new();
        let mut key_of_permalink = BTreeMap::new();
        for (key, list) in &versions {
            for (_, url) in list {
                key_of_output.insert(output_file(url), key.clone());
                key_of_permalink.insert(urls.permalink(url), key.clone());
            }
        }
        Alternates {
            languages: languages.clone(),
            urls: urls.clone(),
            versions,
            key_of_output,
            key_of_permalink,
        }
    }

    /// Whether any page (or home) exists in more than one language.
    pub fn has_translations(&self) -> bool {
        self.versions.values().any(|v| v.len() > 1)
    }

    /// A hash of which pages exist in which language at which URL (`serve` re-renders
    /// every page when it changes).
    pub fn fingerprint(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.versions.hash(&mut h);
        h.finish()
    }

    /// `languages` for the file `out` in language `lang`: every language of the site
    /// with `path` its version of this file (else its home), `translated` when that
    /// version exists and the file has another (hreflang links), `current` for `lang`.
    pub fn for_output(&self, out: &str, lang: &str) -> Value {
        // A page in one language only has no alternates.
        let versions = self
            .key_of_output
            .get(out)
            .and_then(|k| self.versions.get(k))
            .filter(|vs| vs.len() > 1);
        let list: Vec<Value> = self
            .languages
            .list
            .iter()
            .map(|l| {
                let version = versions
                    .and_then(|vs| vs.iter().find(|(code, _)| code == &l.code))
                    .map(|(_, url)| url);
                let url = version.unwrap_or(&l.prefix);
                json!({
                    "code": l.code,
                    "name": l.strings.get("language_name"),
                    "path": self.urls.path(url),
                    "permalink": self.urls.permalink(url),
                    "translated": version.is_some(),
                    "current": l.code == lang,
                })
            })
            .collect();
        json!(list)
    }

    /// Gives the job of file `job.out`, in language `lang`, its `languages` and `lang`
    /// (Zola's name for the page's language).
    pub fn add_to(&self, job: &mut Job, lang: &str) {
        job.ctx
            .insert("languages", &self.for_output(&job.out, lang));
        job.ctx.insert("lang", lang);
    }

    /// A sitemap entry with `alternates` (every version, itself included, and the
    /// default language's as `x-default`) when the page exists in more than one language.
    fn with_alternates(&self, entry: TeraValue) -> TeraValue {
        let permalink = entry
            .as_map()
            .and_then(|m| m.get(&Key::Str("permalink")))
            .and_then(TeraValue::as_str)
            .unwrap_or("");
        let versions = self
            .key_of_permalink
            .get(permalink)
            .and_then(|k| self.versions.get(k))
            .filter(|vs| vs.len() > 1);
        let Some(vs) = versions else {
            return entry;
        };
        let Some(mut map) = entry.clone().into_map() else {
            return entry;
        };
        {
            let mut list: Vec<Value> = vs
                .iter()
                .map(|(code, url)| json!({"lang": code, "permalink": self.urls.permalink(url)}))
                .collect();
            // The default language's version serves readers of any other (x-default).
            let default = self.languages.default_language().map(|l| l.code.as_str());
            if let Some((_, url)) = vs
                .first()
                .filter(|(code, _)| Some(code.as_str()) == default)
            {
                list.push(json!({"lang": "x-default", "permalink": self.urls.permalink(url)}));
            }
            map.insert(Key::Str("alternates"), TeraValue::from_serializable(&list));
        }
        TeraValue::from(map)
    }
}

/// Every listing job of every language. The default language's listings are the
/// site's own; another language's are made from its own pages as if it were a site
/// at its URL path (`/en/`), then moved there. The sitemap, robots.txt and 404 page
/// are the site's: one each. `reuse`: what serve brings from its last build.
pub fn listing_jobs(
    config: &Config,
    languages: &Languages,
    pages: &[&Page],
    urls: &Urls,
    sites: &BTreeMap<String, Value>,
    alternates: &Alternates,
    reuse: Reuse,
) -> Result<Made, Error> {
    let mut jobs = Vec::new();
    let mut kept = Vec::new();
    // Each language's sitemap job, the default language's first.
    let mut sitemaps: Vec<Job> = Vec::new();
    for lang in &languages.list {
        let own: Vec<&Page> = pages
            .iter()
            .copied()
            .filter(|p| p.lang == lang.code)
            .collect();
        // A language with no pages yet still has its home (and feed): the language
        // switcher on every page links there.
        let site = sites.get(&lang.code).cloned().unwrap_or(Value::Null);
        let lang_config = language_config(config, lang);
        let made = if lang.prefix.is_empty() {
            listings::listing_jobs(&lang_config, &own, urls, &site, reuse)?
        } else {
            let moved: Vec<Page> = own.iter().map(|p| below(p, &lang.prefix)).collect();
            let refs: Vec<&Page> = moved.iter().collect();
            let lang_urls = Urls {
                base_url: format!("{}{}", urls.base_url, lang.prefix),
                base_path: urls.path(&lang.prefix),
            };
            listings::listing_jobs(&lang_config, &refs, &lang_urls, &site, reuse)?
        };
        // The site's own files are the default language's.
        let own = |out: &&String| lang.prefix.is_empty() || !SITE_FILES.contains(&out.as_str());
        kept.extend(
            made.kept
                .iter()
                .filter(own)
                .map(|o| format!("{}{o}", lang.prefix)),
        );
        for mut job in made.jobs {
            let own_file = job.out.clone();
            job.out = format!("{}{own_file}", lang.prefix);
            match own_file.as_str() {
                SITEMAP => sitemaps.push(job),
                own if SITE_FILES.contains(&own) && !lang.prefix.is_empty() => {}
                _ => {
                    alternates.add_to(&mut job, &lang.code);
                    jobs.push(job);
                }
            }
        }
    }
    let mut sitemaps = sitemaps.into_iter();
    if let Some(mut job) = sitemaps.next() {
        let others: Vec<Job> = sitemaps.collect();
        // One language's entries, none with another version, are the sitemap as made.
        if !others.is_empty() || alternates.has_translations() {
            let entries: Vec<TeraValue> = std::iter::once(&job)
                .chain(&others)
                .flat_map(sitemap_entries)
                .map(|e| alternates.with_alternates(e))
                .collect();
            job.ctx.insert_value("entries", TeraValue::from(entries));
        }
        jobs.push(job);
    }
    Ok(Made { jobs, kept })
}

/// The `entries` of a language's sitemap job.
fn sitemap_entries(job: &Job) -> Vec<TeraValue> {
    job.ctx
        .get("entries")
        .and_then(TeraValue::as_array)
        .map_or_else(Vec::new, |list| list.to_vec())
}

/// The site's configuration as one language's listings read it: its title and
/// description, and taxonomy titles from its strings (`taxonomy_tags`: 标签, Tags)
/// unless baogao.toml names them.
pub fn language_config(config: &Config, lang: &Language) -> Config {
    let mut own = Config {
        title: lang.title.clone(),
        description: lang.description.clone(),
        ..config.clone()
    };
    for t in own.taxonomies.iter_mut().filter(|t| t.title.is_none()) {
        let title = lang.strings.get(&format!("taxonomy_{}", t.name));
        if !title.is_empty() {
            t.title = Some(title.to_string());
        }
    }
    own
}

/// A page as its language's listings see it: its URL below the language's path, and
/// without the body and HTML a listing never reads (a section keeps its HTML).
fn below(p: &Page, prefix: &str) -> Page {
    let url = p.url.strip_prefix(prefix).unwrap_or(&p.url).to_string();
    let html = if p.is_section {
        p.html.clone()
    } else {
        String::new()
    };
    Page {
        url,
        html,
        body: String::new(),
        appendix_html: String::new(),
        link_spots: Vec::new(),
        // Its listings' URLs already lie below the language's path.
        lang_prefix: String::new(),
        ..p.clone()
    }
}

/// The content assets a translated bundle shares with its original (`a/b/img.png`
/// beside `a/b/index.en.md`), by the output path its pages' relative links reach
/// (`en/a/b/img.png`): copied there too, so one image serves every language.
pub fn bundle_assets(
    pages: &[&Page],
    languages: &Languages,
    assets: &[PathBuf],
) -> BTreeMap<String, PathBuf> {
    let mut shared = BTreeMap::new();
    for p in pages {
        // Cheap tests first: serve calls this on every edit, for every page.
        let prefix = languages.get(&p.lang).map_or("", |l| l.prefix.as_str());
        if prefix.is_empty() || !p.translation_key.ends_with("index.md") {
            continue;
        }
        let key = Path::new(&p.translation_key);
        let is_bundle = key
            .file_name()
            .is_some_and(|n| n == "index.md" || n == "_index.md");
        let Some(dir) = key.parent().filter(|_| is_bundle) else {
            continue;
        };
        // The root's own files only: the whole content/ is no bundle.
        let inside = |a: &&PathBuf| match dir.as_os_str().is_empty() {
            true => a.parent() == Some(Path::new("")),
            false => a.starts_with(dir),
        };
        for rel in assets.iter().filter(inside) {
            shared.insert(format!("{prefix}{}", slash_path(rel)), rel.clone());
        }
    }
    shared
}

/// A warning for each translated page whose folder has a section in the default
/// language but none in the page's own (`reports/_index.md`, no `reports/_index.en.md`):
/// the page is published, but no listing of its language shows it.
pub fn unlisted_warnings(pages: &[Page], languages: &Languages) -> Vec<Diagnostic> {
    let Some(default) = languages.default_language() else {
        return Vec::new();
    };
    let sections: BTreeSet<(&str, &str)> = pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| (p.lang.as_str(), p.section_dir.as_str()))
        .collect();
    pages
        .iter()
        .filter(|p| !p.is_section && p.lang != default.code && !p.section_dir.is_empty())
        .filter(|p| {
            let dir = p.section_dir.as_str();
            sections.contains(&(default.code.as_str(), dir))
                && !sections.contains(&(p.lang.as_str(), dir))
        })
        .map(|p| {
            let wanted = format!("content/{}/_index.{}.md", p.section_dir, p.lang);
            Diagnostic::file(
                &p.shown,
                format!("no `{wanted}`: no `{}` listing shows this page", p.lang),
            )
            .with_hint(format!(
                "add {wanted} with the section's title in that language"
            ))
        })
        .collect()
}
