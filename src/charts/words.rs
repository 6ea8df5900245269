//! What the description calls the chart: the kind as drawn, not as specified (a bar chart
//! turned sideways to fit its labels reads as 横向条形图).

use super::output::noun;
use super::spec::ChartKind;
use crate::render::strings::Strings;

/// The words of a chart's text in the reader's language (the strings table's `chart_*`
/// and punctuation keys); without a table, the Chinese ones.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChartText<'a> {
    strings: Option<&'a Strings>,
}

impl<'a> ChartText<'a> {
    pub fn new(strings: Option<&'a Strings>) -> Self {
        ChartText { strings }
    }

    /// The text of `key`, else `chinese`.
    pub fn get(&self, key: &str, chinese: &'a str) -> &'a str {
        match self.strings.map(|s| s.get(key)) {
            Some(t) if !t.is_empty() => t,
            _ => chinese,
        }
    }

    /// The SVG's `xml:lang`.
    pub fn lang(&self) -> &'a str {
        self.strings.map_or("zh-CN", |s| s.code.as_str())
    }

    /// The number words and units of the language.
    pub fn number_words(&self) -> Option<&'a std::sync::Arc<crate::data::words::NumberWords>> {
        self.strings.map(|s| &s.words)
    }

    /// A period label from the `key` template (else `chinese`): `{year}`, `{month}`,
    /// `{day}`, `{quarter}`, `{month_short}` (from `month_short_names`).
    pub fn period(&self, key: &str, chinese: &str, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let template = self.get(key, "");
        let template = if template.is_empty() {
            chinese
        } else {
            template
        };
        let month = date.month();
        let short = self
            .get("month_short_names", "")
            .split(',')
            .nth(month.saturating_sub(1) as usize)
            .map_or_else(|| format!("{month}月"), |m| m.trim().to_string());
        crate::render::strings::fill(
            template,
            &[
                ("year", &date.year().to_string()),
                ("month", &month.to_string()),
                ("day", &date.day().to_string()),
                ("quarter", &(date.month0() / 3 + 1).to_string()),
                ("month_short", &short),
            ],
        )
    }

    /// The name of a chart kind, opening its description.
    pub fn noun(&self, kind: ChartKind) -> &'a str {
        let key = format!("chart_{}", super::rules::kind_name(kind));
        self.get(&key, noun(kind))
    }

    /// `sentence_end`, `list_separator`, `item_separator`, `label_separator`,
    /// `share_open`, `share_close` with their Chinese defaults.
    pub fn punct(&self, key: &str) -> &'a str {
        let chinese = match key {
            "sentence_end" => "。",
            "list_separator" => "；",
            "item_separator" => "，",
            "label_separator" => "：",
            "share_open" => "（",
            "share_close" => "）",
            _ => "",
        };
        self.get(key, chinese)
    }
}

/// The noun of a column chart drawn sideways; `None` for kinds that never turn.
fn sideways_noun(kind: ChartKind) -> Option<&'static str> {
    match kind {
        ChartKind::Bar => Some("横向条形图"),
        ChartKind::Stacked => Some("横向堆积条形图"),
        ChartKind::Grouped => Some("横向分组条形图"),
        ChartKind::Waterfall => Some("横向瀑布图"),
        _ => None,
    }
}

/// `desc` (which opens with the noun of `kind`) naming the kind as drawn.
pub fn as_drawn(kind: ChartKind, sideways: bool, desc: String, text: ChartText) -> String {
    let turned = sideways_noun(kind).map(|chinese| {
        let key = format!("chart_{}_sideways", super::rules::kind_name(kind));
        text.get(&key, chinese)
    });
    match (sideways, turned) {
        (true, Some(turned)) => match desc.strip_prefix(text.noun(kind)) {
            Some(rest) => format!("{turned}{rest}"),
            None => desc,
        },
        _ => desc,
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use std::path::Path;

    use crate::charts::render_chart;
    use crate::charts::tests::{opts, sample, scene_of};

    #[test]
    fn a_chart_turned_sideways_says_so() {
        let (s, t) = sample("bar");
        let wide = render_chart("c", &s, &t, &opts(720, 420), Path::new("c")).unwrap();
        let narrow = render_chart("c", &s, &t, &opts(240, 420), Path::new("c")).unwrap();
        assert!(wide.desc.starts_with("柱状图。"), "{}", wide.desc);
        assert!(narrow.desc.starts_with("横向条形图。"), "{}", narrow.desc);
        // Whatever the width, the description follows the drawing.
        for kind in ["bar", "stacked", "grouped"] {
            let (s, t) = sample(kind);
            for width in [240, 400, 720] {
                let o = opts(width, 420);
                let turned = scene_of(&s, &t, &o).sideways;
                let desc = render_chart("c", &s, &t, &o, Path::new("c")).unwrap().desc;
                assert_eq!(desc.starts_with("横向"), turned, "{kind} {width}: {desc}");
            }
        }
    }
}
