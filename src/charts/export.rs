//! The downloads next to a chart: the CSV (UTF-8 BOM for Excel, numbers as numbers, the
//! unit in the header, qualifiers in their own column) and the standalone SVG file (title,
//! subtitle, chart, source and notes on a background). The page's inline chart carries
//! none of this furniture: the figure's HTML says it once for screen readers.

use std::fmt::Write as _;

use crate::data::table::BELOW_UNIT_SHOWN;
use crate::data::{Gap, Number, Qualifier};

use super::colour::{TEXT, TICK_TEXT, WHITE};
use super::prepare::{ChartData, Item};
use super::scene::{block, Anchor, Label, Scene};
use super::text::{block_height, wrap};

/// Makes Excel on Chinese Windows read the file as UTF-8 rather than GBK.
const BOM: &str = "\u{feff}";

/// The header of a value column: `完成投资（亿元）`, or the bare name without a unit.
fn head(name: &str, unit: Option<&str>) -> String {
    match unit {
        Some(u) if !u.is_empty() => format!("{name}（{u}）"),
        _ => name.to_string(),
    }
}

/// The header of the column that holds a value column's qualifiers (约, 超过, 不足).
pub fn qualifier_head(name: &str) -> String {
    format!("{name}（限定词）")
}

/// The qualifier as the source wrote it: a word before the number (约, 近, 超过) or after
/// it (余, 左右).
fn qualifier_word(q: Qualifier) -> String {
    format!("{}{}", q.prefix(), q.trailing())
}

/// A number as a spreadsheet reads it: no qualifier, no separators, ASCII minus, the
/// source's decimals (so a computed remainder carries no float noise).
fn plain_number(n: Number) -> String {
    let text = format!("{:.*}", usize::from(n.decimals), n.value);
    // `-0` and `-0.0` read as zero.
    if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_string()
    } else {
        text
    }
}

/// One exported column: a header and, per row, the cell's number or gap.
struct Column {
    name: String,
    cells: Vec<Option<Result<Number, Gap>>>,
}

impl Column {
    fn qualified(&self) -> bool {
        self.cells
            .iter()
            .any(|c| matches!(c, Some(Ok(n)) if n.qualifier != Qualifier::Exact))
    }
}

fn series_cell(item: &Item, s: usize) -> Option<Result<Number, Gap>> {
    Some(match item.gap(s) {
        Some(gap) => Err(gap),
        None => Ok(item.number(s)),
    })
}

/// The chart's data as a CSV download. Missing cells stay empty and `…` stays `…`.
pub fn csv(data: &ChartData, unit: Option<&str>) -> Result<String, String> {
    let rows: Vec<&Item> = data.items.iter().chain(data.total.iter()).collect();
    let mut columns: Vec<Column> = data
        .series
        .iter()
        .enumerate()
        .map(|(s, name)| Column {
            name: name.clone(),
            cells: rows.iter().map(|item| series_cell(item, s)).collect(),
        })
        .collect();
    if let Some(name) = &data.reference_name {
        columns.push(Column {
            name: name.clone(),
            cells: rows.iter().map(|item| item.reference.map(Ok)).collect(),
        });
    }
    // Whether each column needs a qualifier column, asked once (not once per row).
    let qualified: Vec<bool> = columns.iter().map(Column::qualified).collect();
    let mut header = vec![data.x_name.clone()];
    for (s, c) in columns.iter().enumerate() {
        // A scatter's columns each keep their own unit.
        let unit = match data.series_units.get(s) {
            Some(own) => own.as_deref(),
            None => unit,
        };
        header.push(head(&c.name, unit));
        if qualified.get(s) == Some(&true) {
            header.push(qualifier_head(&c.name));
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).map_err(|e| e.to_string())?;
    for (r, item) in rows.iter().enumerate() {
        let mut record = vec![item.label.clone()];
        for (c, &qualified) in columns.iter().zip(&qualified) {
            let cell = c.cells.get(r).copied().flatten();
            record.push(match cell {
                Some(Ok(n)) => plain_number(n),
                Some(Err(Gap::BelowUnit)) => BELOW_UNIT_SHOWN.to_string(),
                Some(Err(Gap::Unknown)) | None => String::new(),
            });
            if qualified {
                record.push(match cell {
                    Some(Ok(n)) => qualifier_word(n.qualifier),
                    _ => String::new(),
                });
            }
        }
        w.write_record(&record).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    let body = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    Ok(format!("{BOM}{body}"))
}

/// The spec's notes followed by the notes the data calls for, as one run of sentences.
pub fn joined_notes(spec_notes: Option<&str>, data_notes: &[String]) -> Option<String> {
    let mut out = String::new();
    for note in spec_notes
        .into_iter()
        .chain(data_notes.iter().map(String::as_str))
        .filter(|n| !n.is_empty())
    {
        // Sentences run on, each closed by its full stop.
        if !out.is_empty() && !out.ends_with(['。', '！', '？', '.', '!', '?']) {
            out.push('。');
        }
        out.push_str(note);
    }
    (!out.is_empty()).then_some(out)
}

/// The words around a chart in its standalone file.
pub struct Furniture<'a> {
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub source: Option<&'a str>,
    pub notes: Option<&'a str>,
    /// The reader's language (the foot's words, `xml:lang`).
    pub text: super::words::ChartText<'a>,
}

/// Margin around the furniture, and the type sizes of the title, subtitle and foot.
const PAD: f64 = 16.0;
const TITLE_PX: f64 = 18.0;
const SUBTITLE_PX: f64 = 14.0;
const FOOT_PX: f64 = 12.0;

/// The standalone file: `chart_svg` (as [`super::svg::render`] wrote it) with its
/// furniture: title and subtitle above, source and notes below, all on a white
/// background with a margin all round (charts may draw to their very edge). The chart's
/// drawing is reused as it is, not drawn again: a chart of a million points costs no more.
pub fn standalone(
    chart_svg: &str,
    id: &str,
    desc: &str,
    words: &Furniture,
) -> Result<String, String> {
    let (chart_width, chart_height) = svg_size(chart_svg).ok_or("chart SVG without a size")?;
    let width = chart_width + 2.0 * PAD;
    let text_width = (width - 2.0 * PAD).max(40.0);
    let mut labels: Vec<Label> = Vec::new();
    let mut y = PAD;
    let mut add = |text: &str, size: f64, bold: bool, fill, y: &mut f64| {
        let lines = wrap(text, text_width, size);
        let height = block_height(lines.len(), size);
        labels.extend(
            block(&lines, PAD, *y, Anchor::Start, size)
                .into_iter()
                .map(|l| l.bold(bold).fill(fill)),
        );
        *y += height;
    };
    add(words.title, TITLE_PX, true, TEXT, &mut y);
    if let Some(sub) = words.subtitle.filter(|s| !s.is_empty()) {
        add(sub, SUBTITLE_PX, false, TICK_TEXT, &mut y);
    }
    let chart_top = (y + PAD / 2.0).round();
    y = chart_top + chart_height + PAD / 2.0;
    if let Some(source) = words.source.filter(|s| !s.is_empty()) {
        add(
            &format!("{}{source}", words.text.get("data_source", "数据来源：")),
            FOOT_PX,
            false,
            TICK_TEXT,
            &mut y,
        );
    }
    if let Some(notes) = words.notes {
        let label = words.text.get("notes", "注：");
        add(
            &format!("{label}{notes}"),
            FOOT_PX,
            false,
            TICK_TEXT,
            &mut y,
        );
    }
    let height = (y + PAD).ceil();
    let mut frame = Scene::new(width, height);
    frame.rect(0.0, 0.0, width, height, WHITE, None);
    frame.texts(labels);
    // The chart goes right after the background, the frame's first mark.
    let chart = chart_svg
        .split_once("</desc>\n")
        .and_then(|(_, rest)| rest.strip_suffix("</svg>\n"))
        .ok_or("unexpected chart SVG")?;
    let head = super::svg::Head {
        id,
        lang: words.text.lang(),
        title: words.title,
        desc,
    };
    let mut out = String::with_capacity(chart_svg.len() + 2 * desc.len() + 2048);
    let marks = super::svg::write(&frame, &head, None, &mut out)?;
    let after_background = out
        .get(marks..)
        .and_then(|m| m.strip_prefix("<rect "))
        .and_then(|rect| rect.find("/>\n"))
        .map(|end| marks + "<rect ".len() + end + "/>\n".len())
        .ok_or("unexpected frame SVG")?;
    let furniture = out.split_off(after_background);
    let _ = writeln!(out, "<g transform=\"translate({PAD} {chart_top})\">");
    out.push_str(chart);
    out.push_str("</g>\n");
    out.push_str(&furniture);
    Ok(out)
}

/// The `width` and `height` on an SVG's root element.
fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let root = svg.split('>').next()?;
    let attr = |key: &str| -> Option<f64> {
        let at = root.find(&format!(" {key}=\""))? + key.len() + 3;
        root.get(at..)?.split('"').next()?.parse().ok()
    };
    Some((attr("width")?, attr("height")?))
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

    use super::*;
    use crate::charts::render_chart;
    use crate::charts::tests::{opts, sample, spec, table, text};
    use crate::data::Cell;

    #[test]
    fn plain_numbers_drop_float_noise_and_signed_zero() {
        let n = |value, decimals| Number {
            value,
            qualifier: Qualifier::About,
            decimals,
        };
        assert_eq!(plain_number(n(700.500_000_000_1, 1)), "700.5");
        assert_eq!(plain_number(n(-0.0, 1)), "0.0");
        assert_eq!(plain_number(n(-12.0, 0)), "-12");
        assert_eq!(plain_number(n(1_234_567.0, 0)), "1234567");
    }

    #[test]
    fn csv_keeps_gaps_and_puts_qualifiers_beside_their_column() {
        let t = table(
            "d.csv",
            &["地区", "投资", "增长"],
            vec![
                vec![text("甲"), Cell::Number(Number::exact(100.0)), Cell::Empty],
                vec![
                    text("乙"),
                    Cell::BelowUnit,
                    Cell::Number(Number::exact(3.0)),
                ],
                vec![
                    text("丙"),
                    Cell::Number(Number {
                        value: 40.0,
                        qualifier: Qualifier::Under,
                        decimals: 0,
                    }),
                    Cell::Number(Number::exact(2.0)),
                ],
            ],
        );
        let s = spec("title = \"t\"\nkind = \"grouped\"\ndata = \"d.csv\"\nx = \"地区\"\ny = [\"投资\", \"增长\"]\nunit = \"%\"\n");
        let out = render_chart("c", &s, &t, &opts(720, 420), Path::new("c")).unwrap();
        assert_eq!(
            out.csv,
            "\u{feff}地区,投资（%）,投资（限定词）,增长（%）\n甲,100,,\n乙,…,,3\n丙,40,不足,2\n"
        );
    }

    #[test]
    fn the_download_stands_alone_and_the_inline_chart_does_not_repeat_it() {
        let (mut s, t) = sample("bar");
        s.subtitle = Some("单位：亿元；2026年1—5月".to_string());
        s.source = Some("重庆市发展改革委".to_string());
        s.notes = Some("制造业为约数".to_string());
        let out = render_chart("c", &s, &t, &opts(720, 420), Path::new("c")).unwrap();
        let file = roxmltree::Document::parse(&out.file_svg).unwrap();
        let root = file.root_element();
        // Wider and taller than the chart by the margin and the furniture.
        let inline = roxmltree::Document::parse(&out.svg).unwrap();
        let size = |d: &roxmltree::Document, key| {
            d.root_element()
                .attribute(key)
                .unwrap()
                .parse::<f64>()
                .unwrap()
        };
        assert_eq!(size(&file, "width"), size(&inline, "width") + 2.0 * PAD);
        assert!(size(&file, "height") > size(&inline, "height") + 60.0);
        let first = root.children().find(|n| n.has_tag_name("rect")).unwrap();
        assert_eq!(first.attribute("fill"), Some("#FFFFFF"));
        assert_eq!(first.attribute("width"), root.attribute("width"));
        let texts: Vec<&str> = root
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        for words in [
            "前5个月重点项目投资",
            "单位：亿元；2026年1—5月",
            "数据来源：重庆市发展改革委",
            "注：制造业为约数",
        ] {
            assert!(texts.contains(&words), "`{words}` in {texts:?}");
            assert!(
                !out.svg.contains(&format!("\n{words}\n")),
                "inline: {words}"
            );
        }
        // Every mark of the inline chart is in the download, moved below the title.
        let marks = |d: &roxmltree::Document| {
            d.descendants()
                .filter(|n| n.has_tag_name("rect") || n.has_tag_name("polyline"))
                .count()
        };
        assert_eq!(marks(&file), marks(&inline) + 1);
    }
}
