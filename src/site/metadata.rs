//! What a report tells machines and printers about itself: the charts it shows (for
//! `og:image` and JSON-LD `Dataset`s), its JSON-LD `Article`, and the print appendix
//! that gathers every chart's data table at the end of the report.

use serde::Serialize;
use serde_json::{json, Value};

use super::context::Urls;
use super::pages::{date_iso, Page};
use super::values::DataEnv;
use crate::parse::search;

/// A chart a page shows, as metadata needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartRef {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
}

/// The charts of `ids` (in page order, each once) with their titles and sources.
pub fn chart_refs(ids: &[String], data: &DataEnv) -> Vec<ChartRef> {
    let mut out: Vec<ChartRef> = Vec::new();
    for id in ids {
        if out.iter().any(|c| &c.id == id) {
            continue;
        }
        if let Some(s) = data.spec(id) {
            out.push(ChartRef {
                id: id.clone(),
                title: s.spec.title.clone(),
                source: s.spec.source.clone(),
            });
        }
    }
    out
}

/// The lead chart's SVG, as drawn for the page's language, as a full URL (`og:image`).
pub fn image(p: &Page, urls: &Urls) -> Option<String> {
    p.charts
        .first()
        .map(|c| urls.permalink(&format!("{}charts/{}.svg", p.lang_prefix, c.id)))
}

/// JSON-LD for a page: an `Article` and a `Dataset` per chart, ready to sit inside
/// `<script type="application/ld+json">` (`<` is escaped so no text can close it).
pub fn json_ld(p: &Page, urls: &Urls, site: &Value) -> String {
    let text = |key: &str| {
        site.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let permalink = urls.permalink(&p.url);
    let mut article = json!({
        "@type": "Article",
        "@id": format!("{permalink}#article"),
        "headline": p.front.title,
        "url": permalink,
        "inLanguage": text("language").unwrap_or("zh-CN"),
        "isPartOf": {"@type": "WebSite", "name": text("title"), "url": urls.base_url},
    });
    let mut put = |key: &str, v: Value| {
        if let Value::Object(map) = &mut article {
            map.insert(key.into(), v);
        }
    };
    if let Some(d) = &p.front.description {
        put("description", json!(d));
    }
    if let Some(d) = p.front.date.as_ref().and_then(date_iso) {
        put("datePublished", json!(d));
    }
    if let Some(d) = p.front.updated.as_ref().and_then(date_iso) {
        put("dateModified", json!(d));
    }
    if let Some(a) = text("author") {
        put("author", json!({"@type": "Organization", "name": a}));
    }
    if !p.front.tags.is_empty() {
        put("keywords", json!(p.front.tags.join(",")));
    }
    if let Some(i) = image(p, urls) {
        put("image", json!(i));
    }
    let datasets: Vec<Value> = p
        .charts
        .iter()
        .map(|c| {
            let mut d = json!({
                "@type": "Dataset",
                "name": c.title,
                "description": p.strings.fill(
                    "dataset_description",
                    &[("chart", &c.title), ("page", &p.front.title)]
                ),
                "url": format!("{permalink}#chart-{}", c.id),
                "distribution": {
                    "@type": "DataDownload",
                    "encodingFormat": "text/csv",
                    "contentUrl": urls.permalink(&format!("charts/{}.csv", c.id)),
                },
            });
            if let (Some(s), Value::Object(map)) = (&c.source, &mut d) {
                map.insert("creditText".into(), json!(s));
            }
            d
        })
        .collect();
    let mut graph = vec![article];
    graph.extend(datasets);
    let doc = json!({"@context": "https://schema.org", "@graph": graph});
    doc.to_string().replace('<', "\\u003c")
}

/// The data tables of the page's figures (in `blocks`, the rendered figure HTML),
/// each once, for the print appendix. A figure template without a table adds nothing.
pub fn appendix<S: AsRef<str>>(blocks: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    let mut seen: Vec<String> = Vec::new();
    for block in blocks {
        let block = block.as_ref();
        let (Some(start), Some(end)) = (
            search::find(block, "<table"),
            search::rfind(block, "</table>"),
        ) else {
            continue;
        };
        let Some(table) = block.get(start..end + "</table>".len()) else {
            continue;
        };
        if seen.iter().any(|t| t == table) {
            continue;
        }
        seen.push(table.to_string());
        out.push_str(table);
        out.push('\n');
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn appendix_takes_each_table_once_and_skips_figures_without_one() {
        let fig = "<figure><p>t</p><details><table class=\"data-table\"><tr><td>1</td></tr></table></details></figure>".to_string();
        let plain = "<figure><svg/></figure>".to_string();
        let a = appendix(&[fig.clone(), plain, fig]);
        assert_eq!(
            a,
            "<table class=\"data-table\"><tr><td>1</td></tr></table>\n"
        );
        assert_eq!(appendix(Vec::<String>::new()), "");
    }
}
