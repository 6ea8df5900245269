//! Tests of the user-facing errors: each names the right file (spec or data file and
//! line) and, where it helps, carries a hint.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use crate::data::{Cell, Qualifier};
use crate::error::Diagnostic;

use super::tests::{bullet_table, ex, investment, num, opts, spec, table, text};
use super::*;

fn err(src: &str, t: &Table) -> Diagnostic {
    render_chart(
        "c",
        &spec(src),
        t,
        &opts(720, 420),
        Path::new("charts/c.toml"),
    )
    .unwrap_err()
}

const HEAD: &str = "title = \"t\"\ndata = \"key-projects.csv\"\nx = \"领域\"\n";

#[test]
fn missing_column_lists_the_available_ones() {
    let d = err(
        &format!("{HEAD}kind = \"bar\"\ny = [\"投资额\"]"),
        &investment(),
    );
    assert_eq!(d.file, PathBuf::from("charts/c.toml"));
    assert!(d.message.contains("`投资额`"), "{d}");
    assert!(d.hint.unwrap().contains("`完成投资`"));
    let d = err("title = \"t\"\ndata = \"key-projects.csv\"\nx = \"地区\"\nkind = \"bar\"\ny = [\"完成投资\"]", &investment());
    assert!(d.message.starts_with("x:"), "{d}");
}

#[test]
fn bad_cells_point_at_the_data_line() {
    let t = table(
        "sub/d.csv",
        &["领域", "完成投资"],
        vec![vec![text("a"), ex(1.0)], vec![text("b"), text("n/a")]],
    );
    let d = err(&format!("{HEAD}kind = \"bar\"\ny = [\"完成投资\"]"), &t);
    assert_eq!(d.file, PathBuf::from("charts/sub/d.csv"));
    assert_eq!(d.line, Some(3));
    assert!(
        d.message.contains("`n/a`") && d.message.contains("not a number"),
        "{d}"
    );
    // A missing part cannot be left out of a donut: the cell is named.
    let t = table(
        "d.csv",
        &["领域", "完成投资"],
        vec![vec![text("a"), ex(1.0)], vec![text("b"), Cell::Empty]],
    );
    let d = err(&format!("{HEAD}kind = \"donut\"\ny = [\"完成投资\"]"), &t);
    assert_eq!(
        (d.line, d.message.contains("is missing")),
        (Some(3), true),
        "{d}"
    );
}

#[test]
fn negative_values_refused_where_they_cannot_be_drawn() {
    let t = table(
        "d.csv",
        &["领域", "完成投资"],
        vec![vec![text("a"), ex(5.0)], vec![text("b"), ex(-2.0)]],
    );
    for kind in ["donut", "stacked100", "stacked", "area"] {
        let d = err(&format!("{HEAD}kind = \"{kind}\"\ny = [\"完成投资\"]"), &t);
        assert_eq!(
            (d.file.clone(), d.line),
            (PathBuf::from("charts/d.csv"), Some(3)),
            "{kind}: {d}"
        );
        assert!(d.message.contains("negative"));
    }
    // Bars, lines and waterfalls draw values below zero.
    for kind in ["bar", "hbar", "grouped", "line", "waterfall"] {
        let out = render_chart(
            "c",
            &spec(&format!("{HEAD}kind = \"{kind}\"\ny = [\"完成投资\"]")),
            &t,
            &opts(720, 420),
            Path::new("c"),
        );
        assert!(out.is_ok(), "{kind}");
    }
}

#[test]
fn negative_remainder_is_reported() {
    let t = table(
        "d.csv",
        &["领域", "完成投资"],
        vec![vec![text("a"), ex(5.0)], vec![text("合计"), ex(3.0)]],
    );
    // Parts above the table's total row are an error at that row.
    let d = err(&format!("{HEAD}kind = \"donut\"\ny = [\"完成投资\"]\nremainder = {{ label = \"其他\", total_row = \"合计\" }}"), &t);
    assert_eq!(
        d.to_string().lines().next().unwrap(),
        "charts/d.csv:3: the parts of column `完成投资` add up to 5, more than the total `合计` 3 (line 3)"
    );
    // A total that is not the table's total row is checked by the remainder alone.
    let t = table(
        "d.csv",
        &["领域", "完成投资"],
        vec![vec![text("a"), ex(5.0)], vec![text("全体"), ex(3.0)]],
    );
    let d = err(&format!("{HEAD}kind = \"donut\"\ny = [\"完成投资\"]\nremainder = {{ label = \"其他\", total_row = \"全体\" }}"), &t);
    assert!(d.message.contains("negative"), "{d}");
}

#[test]
fn donut_slices_are_limited() {
    let rows = (0..7)
        .map(|i| vec![text(&format!("p{i}")), ex(1.0)])
        .collect();
    let t = table("d.csv", &["领域", "完成投资"], rows);
    let d = err(&format!("{HEAD}kind = \"donut\"\ny = [\"完成投资\"]"), &t);
    assert!(d.message.contains("at most 6"), "{d}");
    assert!(d.hint.unwrap().contains("top = 5"));
}

#[test]
fn unknown_highlight_lists_categories() {
    let d = err(
        &format!("{HEAD}kind = \"bar\"\ny = [\"完成投资\"]\nhighlight = [\"科创\"]"),
        &investment(),
    );
    assert!(d.message.contains("`科创`"), "{d}");
    assert!(d.hint.unwrap().contains("`科技创新`"));
}

#[test]
fn missing_total_row() {
    let d = err(&format!("{HEAD}kind = \"bar\"\ny = [\"完成投资\"]\nremainder = {{ label = \"其他\", total_row = \"总计\" }}"), &investment());
    assert!(d.message.contains("`总计`"), "{d}");
    assert!(d.hint.unwrap().contains("`合计`"));
}

#[test]
fn bullet_needs_a_reference() {
    let src =
        "title = \"t\"\nkind = \"bullet\"\ndata = \"plan.csv\"\nx = \"指标\"\ny = [\"完成率\"]";
    let d = err(src, &bullet_table());
    assert!(d.message.contains("reference"), "{d}");
    let d = err(&format!("{src}\nreference = \"进度\""), &bullet_table());
    assert!(
        d.message.contains("`进度`") && d.hint.clone().unwrap().contains("`时间进度`"),
        "{d}"
    );
}

#[test]
fn single_series_kinds_take_one_column() {
    let t = super::tests::series();
    let d = err("title = \"t\"\ndata = \"s.csv\"\nx = \"年份\"\nkind = \"donut\"\ny = [\"基础设施\", \"制造业\"]", &t);
    assert!(d.message.contains("one value column"), "{d}");
}

#[test]
fn remainder_keeps_qualifiers_and_precision() {
    let t = table(
        "d.csv",
        &["领域", "完成投资"],
        vec![
            vec![text("a"), ex(0.1)],
            vec![text("b"), ex(0.2)],
            vec![text("合计"), num(1.0, Qualifier::Exact, 1)],
        ],
    );
    let s = spec(&format!("{HEAD}kind = \"bar\"\ny = [\"完成投资\"]\nremainder = {{ label = \"其他\", total_row = \"合计\" }}"));
    let out = render_chart("c", &s, &t, &opts(720, 420), Path::new("c")).unwrap();
    assert_eq!(
        out.csv,
        "\u{feff}领域,完成投资\na,0.1\nb,0.2\n其他,0.7\n合计,1.0\n"
    );
    assert!(out.desc.contains("其他 0.7"), "{}", out.desc);
}

#[test]
fn sorted_bars_put_gaps_last_and_leave_the_total_out() {
    let t = table(
        "key-projects.csv",
        &["领域", "完成投资"],
        vec![
            vec![text("甲"), Cell::Missing("NA".into())],
            vec![text("乙"), ex(1.0)],
            vec![text("丙"), ex(2.0)],
            vec![text("合计"), ex(3.0)],
        ],
    );
    for sort in ["asc", "desc"] {
        let s = spec(&format!(
            "{HEAD}kind = \"bar\"\ny = [\"完成投资\"]\nsort = \"{sort}\""
        ));
        let data = prepare::prepare(&s, &t, Path::new("charts/c.toml")).unwrap();
        let labels: Vec<&str> = data.items.iter().map(|i| i.label.as_str()).collect();
        let expected = if sort == "asc" {
            ["乙", "丙", "甲"]
        } else {
            ["丙", "乙", "甲"]
        };
        assert_eq!(labels, expected, "{sort}");
    }
}

#[test]
fn a_remainder_over_a_missing_part_is_refused() {
    let t = table(
        "key-projects.csv",
        &["领域", "完成投资"],
        vec![
            vec![text("甲"), Cell::Empty],
            vec![text("乙"), ex(1.0)],
            vec![text("合计"), ex(3.0)],
        ],
    );
    let d = err(
        &format!("{HEAD}kind = \"hbar\"\ny = [\"完成投资\"]\nremainder = {{ label = \"其他\", total_row = \"合计\" }}"),
        &t,
    );
    assert_eq!(
        d.message,
        "remainder: column `完成投资` of row `甲` (line 2) is missing, so `其他` cannot be computed"
    );
}
