//! Missing values, `…` and bad cells as a user meets them: what the chart, the data table
//! and the CSV download show, and one error per bad cell, listed first, nothing repeated.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

fn site(page: &str, charts: &[(&str, &str)]) -> Site {
    Site::with_page(page, charts)
}

fn bar(data: &str) -> String {
    format!("title = \"t\"\nkind = \"bar\"\ndata = \"{data}\"\nx = \"地区\"\ny = [\"投资\"]\n")
}

fn errors(s: &Site) -> Vec<String> {
    let r = s.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r.stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(str::to_string)
        .collect()
}

/// The case: one non-numeric cell in a CSV used by three charts (each with an
/// assertion), a sidecar assertion, `value`/`share` shortcodes and the three charts on a
/// page gave 17 errors. Now it is one, at the cell.
#[test]
fn one_bad_cell_is_one_error_at_the_cell() {
    let spec = |n: &str| {
        format!("{}[[assert]]\nexpr = \"sum(投资) > 0\"\n", bar("d.csv"))
            .replace("t\"", &format!("{n}\""))
    };
    let s = site(
        "{{ value(data=\"d.csv\", row=\"乙\", col=\"投资\") }}，{{ share(data=\"d.csv\", row=\"甲\", col=\"投资\") }}\n\n{{ chart(id=\"a\") }}\n\n{{ chart(id=\"b\") }}\n\n{{ chart(id=\"c\") }}\n\n{{ table(data=\"d.csv\") }}",
        &[
            ("d.csv", "地区,投资,增长\n甲,100,5\n乙,abc,3\n丙,40,2\n合计,190,4\n"),
            ("d.csv.meta.toml", "[[assert]]\nexpr = \"max(投资) < 1000\"\n"),
            ("a.toml", &spec("a")),
            ("b.toml", &spec("b")),
            ("c.toml", &spec("c")),
        ],
    );
    s.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n[[key_figures]]\nlabel = \"投资\"\ndata = \"d.csv\"\nrow = \"甲\"\ncol = \"投资\"\n+++\n\n关于。\n",
    );
    assert_eq!(
        errors(&s),
        ["error: charts/d.csv:3:3: `abc` in column `投资` is not a number"]
    );
}

#[test]
fn every_bad_cell_of_a_file_is_reported_up_to_a_cap() {
    let mut csv = String::from("地区,投资\n");
    for i in 0..25 {
        csv.push_str(&format!("r{i},{i}\n"));
    }
    for i in 0..23 {
        csv.push_str(&format!("x{i},约多\n"));
    }
    let s = site("", &[("d.csv", &csv), ("b.toml", &bar("d.csv"))]);
    let shown = errors(&s);
    assert_eq!(shown.len(), 21, "{shown:?}");
    assert_eq!(
        shown[0],
        "error: charts/d.csv:27:4: `约多` in column `投资` is not a number"
    );
    assert_eq!(
        shown[20],
        "error: charts/d.csv:47: and 3 more cells that are not numbers"
    );
}

#[test]
fn missing_values_show_as_dash_and_csv_blank() {
    let s = site(
        "{{ table(data=\"d.csv\") }}\n\n{{ chart(id=\"b\") }}",
        &[
            ("d.csv", "地区,投资\n甲,100\n乙,NA\n丙,\n丁,-\n戊,无\n"),
            ("d.csv.meta.toml", "missing = [\"无\"]\n"),
            ("b.toml", &bar("d.csv")),
        ],
    );
    s.build_ok(&[]);
    let csv = s.read("public/charts/b.csv");
    assert_eq!(csv, "\u{feff}地区,投资\n甲,100\n乙,\n丙,\n丁,\n戊,\n");
    let svg = s.read("public/charts/b.svg");
    // One bar (甲) is drawn; the four missing ones are labelled — and not drawn.
    assert_eq!(svg.matches("\n—\n").count(), 4, "{svg}");
    // (the first rect is the download's background)
    assert_eq!(svg.matches("<rect").count(), 2, "{svg}");
    let html = s.read("public/index.html");
    assert_eq!(html.matches("<td>—</td>").count(), 8, "{html}");
}

#[test]
fn below_the_smallest_unit_is_kept_drawn_as_nothing_and_noted() {
    let s = site(
        "{{ chart(id=\"b\") }}",
        &[
            ("d.csv", "地区,投资\n甲,100\n乙,…\n"),
            ("b.toml", &format!("{}notes = \"乙为估计\"\n", bar("d.csv"))),
        ],
    );
    s.build_ok(&[]);
    assert_eq!(
        s.read("public/charts/b.csv"),
        "\u{feff}地区,投资\n甲,100\n乙,…\n"
    );
    let html = s.read("public/index.html");
    // The data's note follows the spec's own, as a sentence of its own.
    assert!(
        html.contains("乙为估计。“…”表示数值不足本表最小单位，图中未画出。"),
        "{html}"
    );
    assert!(html.contains("<td>…</td>"), "{html}");
}

#[test]
fn gaps_in_several_series_draw_nothing() {
    let data = "地区,甲,乙\n东,1,NA\n西,2,3\n";
    let grouped =
        "title = \"t\"\nkind = \"grouped\"\ndata = \"d.csv\"\nx = \"地区\"\ny = [\"甲\", \"乙\"]\n";
    let s = site(
        "{{ chart(id=\"g\") }}",
        &[("d.csv", data), ("g.toml", grouped)],
    );
    s.build_ok(&[]);
    let svg = s.read("public/charts/g.svg");
    // The background, two legend swatches and three columns: the missing one is not drawn.
    assert_eq!(svg.matches("<rect").count(), 6, "{svg}");
    assert!(svg.contains("\n—\n"), "{svg}");
    assert!(svg.contains("乙 无数据"), "the description says so:\n{svg}");
    // A stack takes `…` (drawn as nothing, noted) but not an unknown part.
    let stacked = grouped.replace("grouped", "stacked");
    s.write("charts/g.toml", &stacked);
    s.write("charts/d.csv", "地区,甲,乙\n东,1,…\n西,2,3\n");
    s.build_ok(&[]);
    assert_eq!(
        s.read("public/charts/g.csv"),
        "\u{feff}地区,甲,乙\n东,1,…\n西,2,3\n"
    );
    assert!(s.read("public/index.html").contains("不足本表最小单位"));
    s.write("charts/d.csv", data);
    assert_eq!(
        errors(&s),
        ["error: charts/d.csv:2:5: column `乙` of row `东` is missing: a stacked chart cannot leave out a part of the whole"]
    );
}

#[test]
fn a_column_with_no_values_is_reported_at_the_spec() {
    let s = site(
        "",
        &[
            ("d.csv", "地区,投资\n甲,NA\n乙,\n"),
            ("b.toml", &bar("d.csv")),
        ],
    );
    assert_eq!(
        errors(&s),
        ["error: charts/b.toml:5: y: every cell of column `投资` in charts/d.csv is missing; there is nothing to draw"]
    );
}

#[test]
fn quoting_a_missing_cell_is_an_error_at_the_shortcode() {
    let s = site(
        "乙为{{ value(data=\"d.csv\", row=\"乙\", col=\"投资\") }}。",
        &[("d.csv", "地区,投资\n甲,100\n乙,NA\n")],
    );
    assert_eq!(
        errors(&s),
        ["error: content/_index.md:5:3: `d.csv`: column `投资` of row `乙` (line 3) is missing (`NA`); prose cannot quote it"]
    );
}

#[test]
fn a_missing_part_of_a_whole_is_an_error_at_the_cell() {
    let donut = bar("d.csv").replace("\"bar\"", "\"donut\"");
    let s = site(
        "{{ chart(id=\"d\") }}",
        &[
            ("d.csv", "地区,投资\n甲,100\n乙,..\n合计,150\n"),
            ("d.toml", &donut),
        ],
    );
    assert_eq!(
        errors(&s),
        ["error: charts/d.csv:3:3: column `投资` of row `乙` is missing: a donut chart cannot leave out a part of the whole"]
    );
}

#[test]
fn assertions_can_ask_whether_a_cell_is_missing() {
    let s = site(
        "",
        &[
            ("d.csv", "地区,投资\n甲,100\n乙,NA\n"),
            (
                "d.csv.meta.toml",
                "[[assert]]\nexpr = 'missing(投资, \"乙\") and not missing(投资, \"甲\")'\n",
            ),
        ],
    );
    s.build_ok(&[]);
    s.write(
        "charts/d.csv.meta.toml",
        "[[assert]]\nexpr = 'missing(投资, \"甲\")'\nmessage = \"甲应缺失\"\n",
    );
    let shown = errors(&s);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].ends_with("甲应缺失"), "{shown:?}");
}

#[test]
fn a_donut_part_below_the_unit_states_no_share() {
    // `…` is not zero: the slice is not drawn and no share is invented for it.
    let s = site(
        "{{ chart(id=\"c\") }}",
        &[
            (
                "d.csv",
                "地区,投资（亿元）\n合计,150.3\n甲,100.2\n乙,…\n丙,50.1\n",
            ),
            (
                "c.toml",
                "title = \"t\"\nkind = \"donut\"\ndata = \"d.csv\"\nx = \"地区\"\ny = [\"投资\"]\n",
            ),
        ],
    );
    s.build_ok(&[]);
    let svg = s.read("public/charts/c.svg");
    assert!(svg.contains("乙 …（不足本表最小单位）；丙"), "{svg}");
    let html = s.read("public/index.html");
    assert!(
        html.contains("<th scope=\"row\">乙</th><td>…</td><td>…</td>"),
        "{html}"
    );
}
