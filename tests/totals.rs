//! Totals and "of which" rows as a user meets them: a table laid out as a statistics
//! bureau prints it charts its parts, and the page's prose, the chart's labels and its
//! description all take shares of the same total.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

/// China's 2024 value added by sector, 亿元, as the issue quotes it, with the "of which"
/// row 工业 under 第二产业. Source: 国家统计局《中华人民共和国2024年国民经济和社会发展
/// 统计公报》.
const GDP: &str =
    "产业,增加值\n第一产业,91414\n第二产业,492087\n#工业,405442\n第三产业,765583\n合计,1349084\n";

fn site(page: &str, charts: &[(&str, &str)]) -> Site {
    Site::with_page(page, charts)
}

/// The entries of a chart's `<desc>` (after the kind's name), e.g. `第三产业 765,583（56.7%）`.
fn desc_entries(desc: &str) -> Vec<String> {
    let text = desc.split('>').nth(1).unwrap().split('<').next().unwrap();
    let body = text.split_once('。').unwrap().1.trim_end_matches('。');
    body.split('；').map(str::to_string).collect()
}

fn spec(kind: &str, data: &str, x: &str, y: &str) -> String {
    format!("title = \"t\"\nkind = \"{kind}\"\ndata = \"{data}\"\nx = \"{x}\"\ny = [{y}]\n")
}

#[test]
fn donut_and_share_agree_on_the_total() {
    let s = site(
        "第三产业占{{ share(data=\"gdp.csv\", row=\"第三产业\", col=\"增加值\") }}，工业占{{ share(data=\"gdp.csv\", row=\"工业\", col=\"增加值\") }}。\n\n{{ chart(id=\"d\") }}",
        &[
            ("gdp.csv", GDP),
            ("d.toml", &spec("donut", "gdp.csv", "产业", "\"增加值\"")),
        ],
    );
    s.build_ok(&[]);
    let html = s.read_text("public/index.html");
    assert!(html.contains("第三产业占56.7%"), "{html}");
    // The of-which row is found by its bare label; its share is of the same total.
    assert!(html.contains("工业占30.1%"), "{html}");
    let svg = s.read("public/charts/d.svg");
    assert!(svg.contains("（56.7%）"), "{svg}");
    assert!(!svg.contains(">合计<"), "the total is not a slice:\n{svg}");
    assert!(
        !svg.contains("#工业"),
        "an of-which row is not a slice:\n{svg}"
    );
    let desc = svg.split("<desc").nth(1).unwrap();
    assert!(
        desc_entries(desc)
            .iter()
            .any(|e| e.starts_with("第三产业 ") && e.ends_with("（56.7%）")),
        "{desc}"
    );
}

#[test]
fn an_approximate_total_makes_every_share_approximate() {
    // 合计 written as 约1000: prose, donut label and desc all say 约.
    let page = "甲占{{ share(data=\"t.csv\", row=\"甲\", col=\"投资\") }}，乙占{{ share(data=\"s.csv\", row=\"甲\", col=\"投资\") }}。\n\n{{ chart(id=\"d\") }}";
    let s = site(
        page,
        &[
            ("t.csv", "项目,投资\n甲,100\n乙,300\n丙,600\n合计,~1000\n"),
            // No total row: the sum of parts with one 约 is itself 约.
            ("s.csv", "项目,投资\n甲,100\n乙,~300\n丙,600\n"),
            ("d.toml", &spec("donut", "t.csv", "项目", "\"投资\"")),
        ],
    );
    s.build_ok(&[]);
    let html = s.read_text("public/index.html");
    assert!(html.contains("甲占约10.0%，乙占约10.0%。"), "{html}");
    let svg = s.read("public/charts/d.svg");
    assert!(svg.contains("（约10.0%）"), "{svg}");
    let desc = svg.split("<desc").nth(1).unwrap();
    assert!(
        desc_entries(desc)
            .iter()
            .any(|e| e.starts_with("甲 ") && e.ends_with("（约10.0%）")),
        "{desc}"
    );
}

#[test]
fn every_part_of_whole_kind_leaves_the_total_out() {
    let by_year = "年份,第一产业,第二产业\n2022,1,2\n2023,2,3\n合计,3,5\n";
    for kind in ["stacked", "stacked100"] {
        let s = site(
            "{{ chart(id=\"c\") }}",
            &[
                ("y.csv", by_year),
                (
                    "c.toml",
                    &spec(kind, "y.csv", "年份", "\"第一产业\", \"第二产业\""),
                ),
            ],
        );
        s.build_ok(&[]);
        // Not drawn, but kept (last) in the CSV: no number of the data is lost.
        let csv = s.read("public/charts/c.csv");
        assert_eq!(
            csv, "\u{feff}年份,第一产业,第二产业\n2022,1,2\n2023,2,3\n合计,3,5\n",
            "{kind}"
        );
        let svg = s.read("public/charts/c.svg");
        assert!(
            !svg.contains(">合计<"),
            "{kind}: the total is not drawn:\n{svg}"
        );
    }
    let s = site(
        "{{ chart(id=\"w\") }}",
        &[
            ("gdp.csv", GDP),
            (
                "w.toml",
                &spec("waterfall", "gdp.csv", "产业", "\"增加值\""),
            ),
        ],
    );
    s.build_ok(&[]);
    let svg = s.read("public/charts/w.svg");
    let steps: Vec<String> = desc_entries(svg.split("<desc").nth(1).unwrap())
        .iter()
        .map(|e| e.split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(steps, ["第一产业", "第二产业", "第三产业", "合计"]);
    // A bar chart draws the parts and the of-which row, never the total (which its
    // CSV, table and desc keep).
    let s = site(
        "{{ chart(id=\"b\") }}",
        &[
            ("gdp.csv", GDP),
            ("b.toml", &spec("bar", "gdp.csv", "产业", "\"增加值\"")),
        ],
    );
    s.build_ok(&[]);
    let csv = s.read("public/charts/b.csv");
    assert!(
        csv.contains("#工业") && csv.ends_with("合计,1349084\n"),
        "{csv}"
    );
    let svg = s.read("public/charts/b.svg");
    assert!(!svg.contains(">合计<"), "the total is not drawn:\n{svg}");
    assert!(svg.contains("；合计 1,349,084。"), "{svg}");
    // The chart's data table indents the of-which row; the CSV keeps the label as written.
    let html = s.read("public/index.html");
    assert!(
        html.contains("<th scope=\"row\">\u{3000}\u{3000}#工业</th>"),
        "{html}"
    );
}

#[test]
fn a_total_column_in_a_stack_is_refused() {
    let s = site(
        "",
        &[
            ("y.csv", "年份,甲,合计\n2022,1,1\n"),
            (
                "c.toml",
                &spec("stacked", "y.csv", "年份", "\"甲\", \"合计\""),
            ),
        ],
    );
    let r = s.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("y: `合计` is a total; a stacked chart draws only the parts of a whole"),
        "{}",
        r.stderr
    );
}

#[test]
fn parts_above_the_total_are_an_error_unless_qualified() {
    let over = "产业,增加值\n甲,60\n乙,50\n合计,100\n";
    let s = site(
        "{{ share(data=\"o.csv\", row=\"甲\", col=\"增加值\") }}\n\n{{ chart(id=\"d\") }}",
        &[
            ("o.csv", over),
            ("d.toml", &spec("donut", "o.csv", "产业", "\"增加值\"")),
        ],
    );
    let r = s.run(&["build"]);
    assert_eq!(r.code, 1);
    let first = r.stderr.lines().next().unwrap();
    assert_eq!(
        first,
        "error: charts/o.csv:4: the parts of column `增加值` add up to 110, more than the total `合计` 100 (line 4)"
    );
    assert!(
        r.stderr
            .contains("content/_index.md:5:1: `o.csv`: the parts"),
        "{}",
        r.stderr
    );
    // 超过 on one part explains the difference.
    s.write("charts/o.csv", "产业,增加值\n甲,>60\n乙,50\n合计,100\n");
    s.build_ok(&[]);
}

#[test]
fn sidecar_names_the_total_and_the_subsets() {
    let table = "地区,投资\n全体,10\n甲,6\n乙,4\n甲其中丙,3\n";
    let s = site(
        "{{ share(data=\"r.csv\", row=\"甲\", col=\"投资\") }}\n\n{{ table(data=\"r.csv\") }}\n\n{{ chart(id=\"d\") }}",
        &[
            ("r.csv", table),
            (
                "r.csv.meta.toml",
                "total_row = \"全体\"\nsubsets = [\"甲其中丙\"]\n",
            ),
            ("d.toml", &spec("donut", "r.csv", "地区", "\"投资\"")),
        ],
    );
    s.build_ok(&[]);
    let html = s.read_text("public/index.html");
    assert!(html.contains("<p>60"), "{html}");
    // The subset is indented in the data table.
    assert!(html.contains("\u{3000}\u{3000}甲其中丙"), "{html}");
    let csv = s.read("public/charts/d.csv");
    assert!(!csv.contains("甲其中丙"), "{csv}");
    // A sidecar naming a row that is not there is an error at the key.
    s.write("charts/r.csv.meta.toml", "total_row = \"总体\"\n");
    let r = s.run(&["build"]);
    assert!(
        r.stderr
            .contains("charts/r.csv.meta.toml:1:13: total_row: no row `总体` in charts/r.csv"),
        "{}",
        r.stderr
    );
}

#[test]
fn yearbook_indentation_is_kept_and_labels_trimmed() {
    let table = "项目,投资\n固定资产投资,100\n\u{3000}\u{3000}基础设施,60\n\u{3000}\u{3000}\u{3000}\u{3000}城市轨道交通,20\n\u{3000}\u{3000}其他,40\n";
    let s = site(
        "{{ share(data=\"i.csv\", row=\"基础设施\", col=\"投资\") }}\n\n{{ table(data=\"i.csv\") }}\n\n{{ chart(id=\"d\") }}",
        &[
            ("i.csv", table),
            ("d.toml", &spec("donut", "i.csv", "项目", "\"投资\"")),
        ],
    );
    s.build_ok(&[]);
    let html = s.read_text("public/index.html");
    assert!(html.contains("<p>60"), "{html}");
    assert!(
        html.contains("\u{3000}\u{3000}\u{3000}\u{3000}城市轨道交通"),
        "{html}"
    );
    // The lone top row is the whole; the deeper row is not a slice.
    let csv = s.read("public/charts/d.csv");
    assert_eq!(
        csv,
        "\u{feff}项目,投资\n基础设施,60\n其他,40\n固定资产投资,100\n"
    );
}

#[test]
fn qizhong_rows_are_subsets_found_by_their_bare_label() {
    // The same 2024 figures, with 工业 written as yearbooks also print it.
    let table = GDP.replace("#工业", "其中：工业");
    let s = site(
        "{{ value(data=\"gdp.csv\", row=\"工业\", col=\"增加值\") }}／{{ share(data=\"gdp.csv\", row=\"第三产业\", col=\"增加值\") }}\n\n{{ chart(id=\"d\") }}",
        &[
            ("gdp.csv", &table),
            ("d.toml", &spec("donut", "gdp.csv", "产业", "\"增加值\"")),
        ],
    );
    s.build_ok(&[]);
    let html = s.read_text("public/index.html");
    assert!(html.contains("405,442／56.7%"), "{html}");
    let csv = s.read("public/charts/d.csv");
    assert!(!csv.contains("工业"), "{csv}");
}

#[test]
fn sorting_keeps_of_which_rows_under_their_parents() {
    let s = site(
        "{{ chart(id=\"h\") }}",
        &[
            (
                "g.csv",
                "产业,增加值\n第一产业,2074\n第二产业,11699\n其中：房地产,500\n第三产业,16371\n其中：金融业,2400\n其中：批发和零售业,2600\n",
            ),
            (
                "h.toml",
                &format!("{}sort = \"desc\"\n", spec("hbar", "g.csv", "产业", "\"增加值\"")),
            ),
        ],
    );
    s.build_ok(&[]);
    let svg = s.read("public/charts/h.svg");
    let order: Vec<String> = desc_entries(svg.split("<desc").nth(1).unwrap())
        .iter()
        .map(|e| e.split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(
        order,
        [
            "第三产业",
            "其中：批发和零售业",
            "其中：金融业",
            "第二产业",
            "其中：房地产",
            "第一产业"
        ]
    );
}

/// A bureau table that repeats sub-row labels under two indicators (made-up figures).
const REPEATED: &str = "指标,2023年\n常住人口（万人）,3000\n\u{3000}\u{3000}城镇,2100\n\u{3000}\u{3000}乡村,900\n居民人均可支配收入（元）,40000\n\u{3000}\u{3000}城镇,48000\n\u{3000}\u{3000}农村,21000\n";

#[test]
fn a_repeated_row_is_named_by_its_parent() {
    let page = "城镇人口{{ value(data=\"p.csv\", row=\"常住人口/城镇\", col=\"2023年\") }}，城镇居民收入{{ value(data=\"p.csv\", row=\"居民人均可支配收入/城镇\", col=\"2023年\") }}。";
    let s = site(page, &[("p.csv", REPEATED)]);
    s.build_ok(&[]);
    let html = s.read_text("public/index.html");
    assert!(
        html.contains("城镇人口2,100，城镇居民收入48,000。"),
        "{html}"
    );
    // The bare label alone is refused, and the message says how to name each row.
    let s = site(
        "{{ value(data=\"p.csv\", row=\"城镇\", col=\"2023年\") }}",
        &[("p.csv", REPEATED)],
    );
    let err = s.build_fails();
    assert!(
        err.contains("`城镇` names 2 rows of charts/p.csv (lines 3 and 6); a number must come from one row; name one by its parent: `常住人口（万人）/城镇` or `居民人均可支配收入（元）/城镇`"),
        "{err}"
    );
}

#[test]
fn a_share_over_year_rows_is_refused_unless_the_whole_is_named() {
    // Years as rows (a yearbook table after `transpose`): their sum is no whole.
    let years = "年份,投资\n2022年,100\n2023年,120\n2024年,130\n";
    let s = site(
        "{{ share(data=\"y.csv\", row=\"2024年\", col=\"投资\") }}",
        &[("y.csv", years)],
    );
    let err = s.build_fails();
    assert!(
        err.contains("the table's rows are periods (`2022年` … `2024年`): a sum over time is no whole to take a share of"),
        "{err}"
    );
    // Naming the whole is a ratio the writer asked for.
    let s = site(
        "{{ share(data=\"y.csv\", row=\"2022年\", col=\"投资\", of=\"2024年\") }}",
        &[("y.csv", years)],
    );
    s.build_ok(&[]);
    assert!(s.read_text("public/index.html").contains("76.9%"));
}

#[test]
fn rates_are_never_parts_of_a_whole() {
    // DATA.md: a growth rate is never a part of a whole (made-up figures).
    let d = "地区,地区生产总值（亿元）,比上年增长（%）,人均（元）\n渝中区,1600.2,5.0,80000\n江北区,1500.3,6.5,70000\n渝北区,2500.0,7.0,60000\n";
    let donut = spec("donut", "d.csv", "地区", "\"比上年增长\"");
    let s = site(
        "{{ share(data=\"d.csv\", row=\"渝中区\", col=\"比上年增长\") }}\n\n{{ chart(id=\"c\") }}",
        &[("d.csv", d), ("c.toml", &donut)],
    );
    let err = s.build_fails();
    assert!(err.contains("charts/c.toml:5: y: `比上年增长` holds rates (growth, …率, per head), which do not add up; a donut chart draws the parts of a whole"), "{err}");
    assert!(err.contains("`比上年增长` holds rates (growth, …率, per head), which do not add up; a share of their whole means nothing"), "{err}");
    // `top` merges amounts; the merged row leaves rates and per-head figures empty.
    let top = format!(
        "{}top = 1\n",
        spec("bar", "d.csv", "地区", "\"地区生产总值\"")
    );
    let s = site(
        "{{ value(chart=\"c\", row=\"其他\", col=\"地区生产总值\") }}\n\n{{ chart(id=\"c\") }}",
        &[("d.csv", d), ("c.toml", &top)],
    );
    s.build_ok(&[]);
    assert!(s.read_text("public/index.html").contains("3,100.5亿元"));
    let csv = s.read("public/charts/c.csv");
    assert!(csv.contains("其他,3100.5\n"), "{csv}");
    let s = site(
        "{{ value(chart=\"c\", row=\"其他\", col=\"人均\") }}",
        &[("d.csv", d), ("c.toml", &top)],
    );
    assert!(s
        .build_fails()
        .contains("column `人均` of row `其他` is missing (empty)"));
}

#[test]
fn a_total_or_of_which_row_turned_column_is_no_part() {
    // After `transpose`, 全市 and #工业 are columns; a stack would count them twice.
    let d = "地区,2022年,2023年\n全市,100,110\n渝中,60,65\n江北,40,45\n";
    let stacked = |y: &str| {
        format!(
            "{}transpose = \"年份\"\n",
            spec("stacked", "d.csv", "年份", y)
        )
    };
    let s = site(
        "{{ chart(id=\"c\") }}",
        &[
            ("d.csv", d),
            ("c.toml", &stacked("\"全市\", \"渝中\", \"江北\"")),
        ],
    );
    assert!(s
        .build_fails()
        .contains("y: `全市` is a total; a stacked chart draws only the parts of a whole"));
    let d = "产业,2023年,2024年\n第一产业,10,11\n第二产业,40,42\n#工业,30,31\n第三产业,50,55\n";
    let s = site(
        "{{ chart(id=\"c\") }}",
        &[
            ("d.csv", d),
            (
                "c.toml",
                &stacked("\"第一产业\", \"第二产业\", \"#工业\", \"第三产业\""),
            ),
        ],
    );
    assert!(s
        .build_fails()
        .contains("y: `#工业` is an \"of which\" item"));
}

#[test]
fn a_row_is_a_total_only_by_the_column_it_is_charted_by() {
    // A long table filtered to 全市, charted by 类别: both rows are bars.
    let d = "地区,类别,投资（亿元）\n全市,城镇,100\n全市,乡村,50\n渝中,城镇,30\n渝中,乡村,5\n";
    let bar = format!(
        "{}filter = \"地区 == \\\"全市\\\"\"\n",
        spec("bar", "d.csv", "类别", "\"投资\"")
    );
    let s = site("{{ chart(id=\"c\") }}", &[("d.csv", d), ("c.toml", &bar)]);
    s.build_ok(&[]);
    let svg = s.read("public/charts/c.svg");
    assert!(svg.contains("柱状图。城镇 100亿元；乡村 50亿元。"), "{svg}");
}

#[test]
fn rows_in_different_units_share_no_scale_and_no_whole() {
    // Indicators with their units in their labels, as a bulletin table has them.
    let d = "指标,2023年\n地区生产总值（亿元）,30145\n\u{3000}\u{3000}第一产业,2074\n\u{3000}\u{3000}第二产业,11699\n\u{3000}\u{3000}第三产业,16372\n年末常住人口（万人）,3191\n";
    let s = site(
        "{{ share(data=\"d.csv\", row=\"第一产业\", col=\"2023年\") }}\n\n{{ chart(id=\"c\") }}",
        &[
            ("d.csv", d),
            ("c.toml", &spec("hbar", "d.csv", "指标", "\"2023年\"")),
        ],
    );
    let err = s.build_fails();
    assert!(err.contains("charts/c.toml:4: x: the rows `地区生产总值（亿元）` (亿元) and `年末常住人口（万人）` (万人) are in different units; one chart cannot put them on one scale"), "{err}");
    assert!(err.contains("`d.csv`: the rows `地区生产总值（亿元）` (亿元) and `年末常住人口（万人）` (万人) are in different units; they are no parts of one whole"), "{err}");
    // Naming the whole is still a ratio the writer can ask for.
    let s = site(
        "{{ share(data=\"d.csv\", row=\"第一产业\", col=\"2023年\", of=\"地区生产总值\") }}",
        &[("d.csv", d)],
    );
    s.build_ok(&[]);
    assert!(s.read_text("public/index.html").contains("6.9%"));
}
