//! The strings table of one language: every word the theme, the chart text and the number
//! words show (首页 / Home, 数据来源 / Source, 约 / about, dates, reading time). Built-in
//! tables live in templates/strings/<code>.toml (zh-CN and en); a site overrides any
//! key in baogao.toml (`[strings]` for the default language, `[languages.<code>.strings]`
//! for the others). Templates read them as `site.strings.<key>`.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;
use toml::value::Datetime;

use crate::data::words::{NumberWords, UnitWord};

/// (language code, built-in table) of every language baogao ships strings for.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("zh-CN", include_str!("../../templates/strings/zh-CN.toml")),
    ("en", include_str!("../../templates/strings/en.toml")),
];

/// The built-in table a language starts from: its own, else that of its primary
/// language (`en-GB` → `en`, `zh-Hant` → `zh-CN`), else English.
pub fn built_in_code(code: &str) -> &'static str {
    let primary = |c: &str| c.split('-').next().unwrap_or_default().to_ascii_lowercase();
    BUILT_IN
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .or_else(|| BUILT_IN.iter().find(|(c, _)| primary(c) == primary(code)))
        .map_or("en", |(c, _)| c)
}

/// A built-in table's strings and units.
fn parse_built_in(code: &str) -> (BTreeMap<String, String>, BTreeMap<String, UnitWord>) {
    let text = BUILT_IN
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, t)| t);
    let table: toml::Table = toml::from_str(text).unwrap_or_default();
    let mut strings = BTreeMap::new();
    let mut units = BTreeMap::new();
    for (key, value) in table {
        match value {
            toml::Value::String(s) => {
                strings.insert(key, s);
            }
            toml::Value::Table(t) if key == "units" => {
                units = t
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, v.try_into::<UnitWord>().ok()?)))
                    .collect();
            }
            _ => {}
        }
    }
    (strings, units)
}

/// Every key the built-in tables define (the zh-CN table is the reference).
pub fn known_keys() -> Vec<String> {
    parse_built_in("zh-CN").0.into_keys().collect()
}

/// The strings of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Strings {
    /// The language's code (`zh-CN`, `en`), as written in baogao.toml.
    pub code: String,
    map: BTreeMap<String, String>,
    /// Number words and units, shared by every number style of the language.
    pub words: Arc<NumberWords>,
}

impl Strings {
    /// The built-in strings of `code` with the site's `overrides` and `units` laid over.
    pub fn new(
        code: &str,
        overrides: &BTreeMap<String, String>,
        units: &BTreeMap<String, UnitWord>,
    ) -> Strings {
        let (mut map, mut all_units) = parse_built_in(built_in_code(code));
        map.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
        all_units.extend(units.iter().map(|(k, v)| (k.clone(), v.clone())));
        let words = NumberWords::new(|k| map.get(k).cloned(), all_units);
        Strings {
            code: code.to_string(),
            map,
            words: Arc::new(words),
        }
    }

    /// The text of `key` ("" when no table has it).
    pub fn get(&self, key: &str) -> &str {
        self.map.get(key).map_or("", String::as_str)
    }

    /// The text of `key` with each `{name}` replaced.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// A date as readers of the language write it: `2026年2月1日`, `1 February 2026`.
    pub fn date(&self, d: &Datetime) -> Option<String> {
        let date = d.date?;
        let month_name = self
            .get("month_names")
            .split(',')
            .nth(usize::from(date.month).saturating_sub(1))
            .unwrap_or_default()
            .trim()
            .to_string();
        Some(self.fill(
            "date",
            &[
                ("year", &date.year.to_string()),
                ("month", &date.month.to_string()),
                ("day", &date.day.to_string()),
                ("month_name", &month_name),
            ],
        ))
    }

    /// Minutes to read `words` words (characters for Chinese), at least one.
    pub fn reading_minutes(&self, words: usize) -> usize {
        let rate = self
            .get("reading_rate")
            .trim()
            .parse::<usize>()
            .unwrap_or(400);
        words.div_ceil(rate.max(1)).max(1)
    }

    /// `阅读约3分钟`, `3 min read`.
    pub fn reading_time(&self, minutes: usize) -> String {
        let n = i64::try_from(minutes).ok();
        fill(
            plural(self.get("reading_time"), n),
            &[("n", &minutes.to_string())],
        )
    }

    /// Every string, for templates (`site.strings`).
    pub fn to_json(&self) -> Value {
        Value::Object(
            self.map
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        )
    }
}

/// The form of a `singular|plural` text for `n` (the text itself when it has one form).
pub fn plural(text: &str, n: Option<i64>) -> &str {
    match text.split_once('|') {
        Some((one, _)) if n == Some(1) => one,
        Some((_, many)) => many,
        None => text,
    }
}

/// `text` with each `{name}` replaced by its value; other braces are kept as written.
/// One pass over the text (a chart's period labels fill one for every tick it draws), so
/// a value is never searched for further names.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        out.push_str(before);
        let value = from_brace
            .get(1..)
            .and_then(|inside| inside.split_once('}'))
            .and_then(|(name, after)| {
                let (_, value) = values.iter().find(|(n, _)| *n == name)?;
                Some((*value, after))
            });
        match value {
            Some((value, after)) => {
                out.push_str(value);
                rest = after;
            }
            None => {
                out.push('{');
                rest = from_brace.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_names_and_keeps_other_braces() {
        let values = [("year", "2026"), ("month", "6"), ("n", "{month}")];
        assert_eq!(fill("{year}年{month}月", &values), "2026年6月");
        assert_eq!(fill("{month}/{month}", &values), "6/6");
        assert_eq!(fill("{{year}} {unknown} {", &values), "{2026} {unknown} {");
        assert_eq!(fill("第{n}页", &values), "第{month}页");
        assert_eq!(fill("无", &values), "无");
        assert_eq!(fill("", &values), "");
    }

    #[test]
    fn every_key_exists_in_every_built_in_language() {
        let reference = parse_built_in("zh-CN");
        for (code, _) in BUILT_IN {
            let (strings, _) = parse_built_in(code);
            assert!(!strings.is_empty(), "{code}: the table does not parse");
            for key in reference.0.keys() {
                assert!(strings.contains_key(key), "{code} has no `{key}`");
            }
            for key in strings.keys() {
                assert!(reference.0.contains_key(key), "{code} has a stray `{key}`");
            }
            let months = strings["month_names"].split(',').count();
            assert_eq!(months, 12, "{code}: month_names");
        }
    }

    #[test]
    fn english_units_all_parse() {
        let text = BUILT_IN.iter().find(|(c, _)| *c == "en").unwrap().1;
        let table: toml::Table = toml::from_str(text).unwrap();
        let listed = table["units"].as_table().unwrap().len();
        assert_eq!(parse_built_in("en").1.len(), listed);
    }

    #[test]
    fn dates_and_reading_time_follow_the_language() {
        let day: Datetime = "2026-02-01".parse().unwrap();
        let none = BTreeMap::new();
        let zh = Strings::new("zh-CN", &none, &BTreeMap::new());
        let en = Strings::new("en-GB", &none, &BTreeMap::new());
        assert_eq!(zh.date(&day).unwrap(), "2026年2月1日");
        assert_eq!(en.date(&day).unwrap(), "1 February 2026");
        assert_eq!(zh.reading_time(3), "阅读约3分钟");
        assert_eq!(en.reading_time(3), "3 min read");
        assert_eq!(en.reading_minutes(460), 2);
        assert_eq!(plural("{n} report|{n} reports", Some(1)), "{n} report");
        assert_eq!(plural("{n} report|{n} reports", Some(2)), "{n} reports");
        assert_eq!(plural("共{n}篇", Some(1)), "共{n}篇");
    }

    #[test]
    fn a_site_overrides_a_string_and_other_languages_start_from_english() {
        let own: BTreeMap<String, String> = [("home".to_string(), "Accueil".to_string())].into();
        let fr = Strings::new("fr", &own, &BTreeMap::new());
        assert_eq!(fr.get("home"), "Accueil");
        assert_eq!(fr.get("tags"), "Tags");
        assert_eq!(built_in_code("zh"), "zh-CN");
    }
}
