//! The promise of issue 10, checked on random tables: every number a page states through
//! `value` / `share` is, string for string, what each chart of the same data shows for the
//! same cell in its `<desc>`, its value labels and its data table. Tables carry qualifiers,
//! negatives (with missing cells), written decimals and thousands separators, and
//! sometimes a 合计 row (the donut then draws 其他 = 合计 − parts); a third one has years in
//! any order
//! (`2001` or `2001年`) and missing cells, drawn as lines and areas. Units come from the
//! sidecar, from `%` cells or from the chart spec; `decimals` and `scale_unit` are
//! sometimes asked for.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "property/site.rs"]
mod site;

use std::collections::BTreeMap;

use baogao::site::{build, BuildOptions};
use baogao::write::MemoryOutput;
use proptest::prelude::*;

use site::{
    write_site, year_label, Case, UnitFrom, Written, LABELS, PART_KINDS, SIGNED_KINDS, TIME_KINDS,
};

const QUALIFIERS: [&str; 10] = ["", "", "", "~", "≈", ">", "<", "约", "超过", "不足"];

fn written(min: i64) -> impl Strategy<Value = Written> {
    (
        prop::sample::select(&QUALIFIERS[..]),
        min..50_000_000i64,
        0u32..=3,
        any::<bool>(),
    )
        .prop_map(|(qualifier, milli, decimals, grouped)| {
            // Keep only the thousandths the written decimals can say.
            let step = 10i64.pow(3 - decimals);
            Written {
                qualifier,
                milli: milli / step * step,
                decimals,
                grouped,
            }
        })
}

/// A column with every cell missing is an error of its own (nothing to draw): keep one
/// value in each.
fn keep_a_value<'a>(mut rows: impl Iterator<Item = &'a mut [Option<Written>; 2]>) {
    if let Some(first) = rows.next() {
        for cell in first.iter_mut() {
            cell.get_or_insert(Written {
                qualifier: "",
                milli: 1000,
                decimals: 0,
                grouped: false,
            });
        }
    }
}

fn case() -> impl Strategy<Value = Case> {
    let unit = prop_oneof![
        Just(UnitFrom::None),
        Just(UnitFrom::Sidecar("亿元")),
        Just(UnitFrom::Sidecar("千人")),
        Just(UnitFrom::PercentCells),
        Just(UnitFrom::Spec("万人")),
    ];
    (2usize..=6, unit, prop::option::of(0u8..=2), any::<bool>()).prop_flat_map(
        |(rows, unit, decimals, scale)| {
            let part = prop::collection::vec([written(1000), written(1000)], rows);
            let gappy_signed = || prop::option::weighted(0.85, written(-50_000_000));
            let signed = prop::collection::vec([gappy_signed(), gappy_signed()], rows);
            let years = prop::sample::subsequence((1990u16..2030).collect::<Vec<_>>(), rows + 2)
                .prop_shuffle();
            let gappy = || prop::option::weighted(0.8, written(1000));
            let cells = prop::collection::vec([gappy(), gappy()], rows + 2);
            let periods = (years, cells)
                .prop_map(|(years, cells)| years.into_iter().zip(cells).collect::<Vec<_>>());
            let total_extra = prop::option::of(0i64..10_000_000);
            (part, signed, periods, any::<bool>(), total_extra).prop_map(
                move |(parts, mut signed, mut periods, year_suffix, total_extra)| Case {
                    rows,
                    parts,
                    signed: {
                        keep_a_value(signed.iter_mut());
                        signed
                    },
                    periods: {
                        keep_a_value(periods.iter_mut().map(|(_, cells)| cells));
                        periods
                    },
                    // A donut shows six slices at most, 其他 included.
                    total_extra: total_extra.filter(|_| rows < 6),
                    year_suffix,
                    unit,
                    decimals,
                    scale: scale && matches!(unit, UnitFrom::Sidecar("亿元")),
                },
            )
        },
    )
}

/// What the page's body says after each `【key】` marker (the page's summary in `<head>`
/// quotes the start too, cut short).
fn quoted(page: &str) -> BTreeMap<String, String> {
    let body = page.split_once("<body").unwrap().1;
    let mut out = BTreeMap::new();
    for part in body.split('【').skip(1) {
        let (key, rest) = part.split_once('】').unwrap();
        let value = rest
            .split_once('；')
            .unwrap_or_else(|| panic!("{}", &rest[..rest.len().min(300)]))
            .0;
        // Figures sit in the renderer's no-break spans; the quote is the text inside.
        let value = value
            .replace("<span class=\"nobr\">", "")
            .replace("</span>", "");
        out.insert(key.to_string(), value);
    }
    out
}

/// Every text node of an SVG, trimmed.
fn svg_texts(svg: &str) -> (String, Vec<String>) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string();
    let texts = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("tspan"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    (desc, texts)
}

/// The rows of a chart's data table on the page: header cell, then data cells.
fn figure_rows(page: &scraper::Html, id: &str) -> Vec<Vec<String>> {
    let sel = scraper::Selector::parse(&format!("#chart-{id} tbody tr")).unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    page.select(&sel)
        .map(|tr| {
            tr.select(&cell)
                .map(|c| c.text().collect::<String>())
                .collect()
        })
        .collect()
}

/// A value without its unit, as a table cell under a `名称（单位）` header shows it.
fn digits_of(value: &str, unit: Option<&str>) -> String {
    match unit {
        Some(u) if u != "%" => value
            .strip_suffix(u)
            .unwrap_or_else(|| panic!("`{value}` does not end in `{u}`"))
            .to_string(),
        _ => value.to_string(),
    }
}

/// Single-series kinds label every value or, where labels would crowd, none (the table
/// has them); a label in another form shows up as some value missing.
fn check_labels(kind: &str, labelled: &[bool], texts: &[String]) {
    if matches!(kind, "bar" | "hbar" | "waterfall" | "donut" | "bullet")
        && labelled.iter().any(|&l| l)
    {
        assert!(
            labelled.iter().all(|&l| l),
            "{kind}: some labels differ from prose: {texts:?}"
        );
    }
}

fn check(case: &Case) {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), case);
    let out = MemoryOutput::new();
    if let Err(e) = build(dir.path(), &BuildOptions::default(), &out) {
        panic!("build failed: {e:?}");
    }
    let files = out.into_files();
    let text = |rel: &str| String::from_utf8(files[rel].clone()).unwrap();
    let page_html = text("index.html");
    let prose = quoted(&page_html);
    let page = scraper::Html::parse_document(&page_html);
    let shown_unit = match case.unit {
        UnitFrom::None => None,
        UnitFrom::Sidecar(_) if case.scale => Some("万亿元"),
        UnitFrom::Sidecar(u) | UnitFrom::Spec(u) => Some(u),
        UnitFrom::PercentCells => Some("%"),
    };
    for (kinds, file) in [(&PART_KINDS[..], "p"), (&SIGNED_KINDS[..], "s")] {
        for &kind in kinds {
            let kind: &str = kind;
            let (desc, texts) = svg_texts(&text(&format!("charts/{kind}.svg")));
            let rows = figure_rows(&page, kind);
            let mut labelled = Vec::new();
            for (r, label) in LABELS.iter().take(case.rows).enumerate() {
                // What prose says of each cell; a missing cell cannot be quoted.
                let quote = |col: &str| prose.get(&format!("{file}{label}{col}")).cloned();
                let (a, b) = (quote("A"), quote("B"));
                let said_of = |q: &Option<String>| q.clone().unwrap_or_else(|| "无数据".into());
                // <desc>: every value as prose states it.
                let said = match kind {
                    "donut" => format!(
                        "{label} {}（{}）",
                        said_of(&a),
                        prose[&format!("占{label}")]
                    ),
                    "bar" | "hbar" | "waterfall" => format!("{label} {}", said_of(&a)),
                    "stacked100" => format!("{label}：A {}（", said_of(&a)),
                    _ => format!("{label}：A {}，B {}", said_of(&a), said_of(&b)),
                };
                assert!(
                    desc.contains(&said),
                    "{kind}: `{said}` not in desc `{desc}`"
                );
                // The data table: the same digits, the unit in the header.
                let row = rows.iter().find(|row| row[0] == *label).unwrap();
                let cell = |q: &Option<String>| {
                    q.as_deref()
                        .map_or("—".to_string(), |v| digits_of(v, shown_unit))
                };
                assert_eq!(row[1], cell(&a), "{kind} table, row {r}");
                if !matches!(kind, "donut" | "bar" | "hbar" | "waterfall") {
                    assert_eq!(row[2], cell(&b), "{kind} table B, row {r}");
                }
                if kind == "donut" {
                    assert_eq!(row[2], prose[&format!("占{label}")], "donut share, row {r}");
                }
                // A value label is the prose string, whole or broken before the unit.
                if let Some(a) = &a {
                    let number = digits_of(a, shown_unit);
                    labelled.push(texts.iter().any(|t| t.contains(a.as_str()) || *t == number));
                }
            }
            check_labels(kind, &labelled, &texts);
        }
    }
    for kind in TIME_KINDS {
        let id = format!("t-{kind}");
        let (desc, _) = svg_texts(&text(&format!("charts/{id}.svg")));
        let rows = figure_rows(&page, &id);
        for (year, cells) in &case.periods {
            let label = year_label(*year, case);
            let said: Vec<String> = ["A", "B"]
                .iter()
                .zip(cells)
                .map(|(col, cell)| match cell {
                    Some(_) => format!("{col} {}", prose[&format!("t{year}{col}")]),
                    None => format!("{col} 无数据"),
                })
                .collect();
            let said = format!("{label}：{}", said.join("，"));
            assert!(desc.contains(&said), "{id}: `{said}` not in desc `{desc}`");
            let row = rows.iter().find(|row| row[0] == label).unwrap();
            for (c, (col, cell)) in ["A", "B"].iter().zip(cells).enumerate() {
                let expected = match cell {
                    Some(_) => digits_of(&prose[&format!("t{year}{col}")], shown_unit),
                    None => "—".to_string(),
                };
                assert_eq!(row[c + 1], expected, "{id} table, {label} {col}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn prose_labels_desc_and_tables_agree(case in case()) {
        check(&case);
    }
}
