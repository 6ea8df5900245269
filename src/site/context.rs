//! What templates see: pages, sections, tags and the site as plain values, following
//! the context contract documented in templates/README.md.

use serde_json::{json, Value};

use super::pages::{date_display, date_iso, date_rfc3339, Page};
use crate::config::Config;
use crate::parse::slug::slugify;

/// Links: site-absolute paths (`/reports/x/`) and full permalinks.
pub struct Urls {
    pub base_url: String,
    pub base_path: String,
}

impl Urls {
    pub fn new(config: &Config) -> Self {
        Urls {
            base_url: config.base_url.clone(),
            base_path: config.base_path(),
        }
    }
    pub fn path(&self, url: &str) -> String {
        format!("{}{url}", self.base_path)
    }
    pub fn permalink(&self, url: &str) -> String {
        format!("{}{url}", self.base_url)
    }
}

/// The URL (relative to the base) of a tag's page.
pub fn tag_url(name: &str) -> String {
    let slug = slugify(name);
    format!("tags/{}/", if slug.is_empty() { "tag" } else { &slug })
}

pub fn site(config: &Config, urls: &Urls) -> Value {
    json!({
        "title": config.title,
        "description": config.description,
        "author": config.author,
        "language": config.language,
        "base_url": urls.base_url,
        "base_path": urls.base_path,
        "extra": config.extra,
    })
}

/// A page as listings show it.
pub fn summary(p: &Page, urls: &Urls) -> Value {
    let date = p.front.date.as_ref();
    json!({
        "title": p.front.title,
        "path": urls.path(&p.url),
        "permalink": urls.permalink(&p.url),
        "date": date.and_then(date_iso),
        "date_display": date.and_then(date_display),
        "date_rfc3339": date.and_then(date_rfc3339),
        "description": p.front.description,
        "summary": p.summary_html,
        "tags": p.front.tags.iter().map(|t| json!({"name": t, "path": urls.path(&tag_url(t))})).collect::<Vec<_>>(),
        "source": p.front.source,
        "weight": p.front.weight,
    })
}

/// A page with everything page.html needs.
pub fn page(p: &Page, section: Option<&Page>, urls: &Urls) -> Value {
    let mut v = summary(p, urls);
    let updated = p.front.updated.as_ref();
    if let Value::Object(map) = &mut v {
        map.insert("content".into(), json!(p.html));
        map.insert("toc".into(), json!(p.toc));
        map.insert("updated".into(), json!(updated.and_then(date_iso)));
        map.insert(
            "updated_display".into(),
            json!(updated.and_then(date_display)),
        );
        map.insert(
            "section".into(),
            section.map_or(
                Value::Null,
                |s| json!({"title": s.front.title, "path": urls.path(&s.url)}),
            ),
        );
        map.insert("extra".into(), json!(p.front.extra));
        map.insert("key_figures".into(), json!(p.key_figures));
        map.insert("word_count".into(), json!(p.word_count));
        map.insert(
            "reading_minutes".into(),
            json!(p.word_count.div_ceil(400).max(1)),
        );
    }
    v
}

/// A section with its pages (already in listing order).
pub fn section(s: &Page, members: &[&Page], urls: &Urls) -> Value {
    json!({
        "title": s.front.title,
        "description": s.front.description,
        "content": s.html,
        "path": urls.path(&s.url),
        "permalink": urls.permalink(&s.url),
        "pages": members.iter().map(|p| summary(p, urls)).collect::<Vec<_>>(),
        "extra": s.front.extra,
        "toc": s.toc,
    })
}
