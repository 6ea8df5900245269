//! Transforms on a real site: charts drawn from long tables, years-as-columns tables and
//! too many parts without editing the data; the figure's table, CSV and notes as
//! charted; shortcodes reading a chart's table; and every transform mistake at its
//! place in the spec. Population figures (万人) and life expectancy are Gapminder's,
//! via the npm package vega-datasets 3.2.1 (gapminder.json).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Site;

const LONG: &str = "年份,国家,人口,预期寿命\n1995,中国,121814.4,69.75\n1995,印度,96427.9,61.74\n1995,美国,26566.1,76.08\n2000,中国,126409.9,71.33\n2000,印度,105963.4,62.94\n2000,美国,28239.9,77.03\n2005,中国,130488.8,72.98\n2005,印度,115463.9,65.39\n2005,美国,29684.3,77.73\n";

const TEN: &str = "国家,人口\n中国,130488.8\n印度,115463.9\n美国,29684.3\n印度尼西亚,22880.5\n巴西,18679.7\n巴基斯坦,17437.2\n孟加拉国,14091.3\n尼日利亚,14049.1\n日本,12779.8\n墨西哥,10544.2\n";

const YEARBOOK: &str =
    "指标,1995年,2000年,2005年\n总人口,121814.4,126409.9,130488.8\n预期寿命,69.75,71.33,72.98\n";

fn site() -> Site {
    let site = Site::new();
    site.write("charts/long.csv", LONG);
    site.write("charts/ten.csv", TEN);
    site.write("charts/yearbook.csv", YEARBOOK);
    site.write("charts/yearbook.csv.meta.toml", "transpose = \"年份\"\n");
    site.write(
        "charts/life.toml",
        "title = \"预期寿命\"\nkind = \"line\"\ndata = \"long.csv\"\nx = \"年份\"\ny = [\"中国\", \"美国\"]\nunit = \"岁\"\nfilter = \"年份 >= 2000 and 国家 != \\\"印度\\\"\"\npivot = { index = \"年份\", columns = \"国家\", values = \"预期寿命\" }\n",
    );
    site.write(
        "charts/growth.toml",
        "title = \"增长\"\nkind = \"bar\"\ndata = \"long.csv\"\nx = \"年份\"\ny = [\"中国\"]\nnotes = \"人口为年中数\"\npivot = { index = \"年份\", columns = \"国家\", values = \"人口\" }\nderive = [{ name = \"增长\", expr = \"pct_change(中国)\" }, { name = \"两国合计\", expr = \"中国 + 印度\", unit = \"万人\" }]\n",
    );
    site.write(
        "charts/ten.toml",
        "title = \"十国人口\"\nkind = \"donut\"\ndata = \"ten.csv\"\nx = \"国家\"\ny = [\"人口\"]\nunit = \"万人\"\ntop = 5\n",
    );
    site.write(
        "charts/three.toml",
        "title = \"三国\"\nkind = \"hbar\"\ndata = \"ten.csv\"\nx = \"国家\"\ny = [\"人口\"]\nrows = [\"美国\", \"印度\", \"中国\"]\n",
    );
    site.write(
        "charts/china.toml",
        "title = \"中国\"\nkind = \"line\"\ndata = \"yearbook.csv\"\nx = \"年份\"\ny = [\"预期寿命\"]\n",
    );
    site.write(
        "content/transforms.md",
        "+++\ntitle = \"转换\"\n+++\n\n2005年增长{{ value(chart=\"growth\", row=\"2005\", col=\"增长\") }}，\
         两国合计{{ value(chart=\"growth\", row=\"2005\", col=\"两国合计\") }}；\
         前五国以外占{{ share(chart=\"ten\", row=\"其他\", col=\"人口\") }}；\
         2005年预期寿命{{ value(data=\"yearbook.csv\", row=\"2005年\", col=\"预期寿命\") }}。\n\n\
         {{ chart(id=\"life\") }}\n{{ chart(id=\"growth\") }}\n{{ chart(id=\"ten\") }}\n{{ chart(id=\"three\") }}\n{{ chart(id=\"china\") }}\n",
    );
    site
}

#[test]
fn charts_and_shortcodes_see_the_table_as_charted() {
    let site = site();
    site.build_ok(&[]);
    let csv = site.read("public/charts/life.csv");
    assert_eq!(
        csv,
        "\u{feff}年份,中国（岁）,美国（岁）\n2000,71.33,77.03\n2005,72.98,77.73\n"
    );
    let ten = site.read("public/charts/ten.csv");
    let other: f64 = [17437.2, 14091.3, 14049.1, 12779.8, 10544.2].iter().sum();
    assert!(
        ten.ends_with(&format!("其他,{}\n", (other * 10.0).round() / 10.0)),
        "{ten}"
    );
    assert_eq!(ten.lines().count(), 7);
    assert_eq!(
        site.read("public/charts/three.csv"),
        "\u{feff}国家,人口\n美国,29684.3\n印度,115463.9\n中国,130488.8\n"
    );
    assert!(site
        .read("public/charts/china.csv")
        .starts_with("\u{feff}年份,预期寿命\n1995年,69.75\n"));

    let page = site.read_text("public/transforms/index.html");
    let growth = (130488.8 / 126409.9 - 1.0) * 100.0;
    assert!(page.contains(&format!("2005年增长{growth:.1}%")), "{page}");
    assert!(page.contains("两国合计245,952.7万人"), "{page}");
    let share = other / (130488.8 + 115463.9 + 29684.3 + 22880.5 + 18679.7 + other) * 100.0;
    assert!(page.contains(&format!("前五国以外占{share:.1}%")), "{page}");
    assert!(page.contains("2005年预期寿命72.98"), "{page}");
    assert!(page.contains("注：人口为年中数。按“国家”将“人口”展开为各列。“增长”为中国较上期增长的百分比。“两国合计”按 中国 + 印度 计算"), "{page}");
    assert!(page.contains("前5项以外合并为‘其他’"));
    assert!(page.contains("仅保留满足“年份 &gt;= 2000 and 国家 != &quot;印度&quot;”的行"));
}

#[test]
fn a_toml_data_file_and_a_spec_with_rows_are_told_apart() {
    let site = site();
    site.write(
        "charts/parts.toml",
        "[[rows]]\n\"国家\" = \"中国\"\n\"人口\" = 130488.8\n\n[[rows]]\n\"国家\" = \"印度\"\n\"人口\" = 115463.9\n",
    );
    site.write(
        "charts/pick.toml",
        "title = \"两国\"\nkind = \"bar\"\ndata = \"parts.toml\"\nx = \"国家\"\ny = [\"人口\"]\nrows = [\"印度\"]\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        site.read("public/charts/pick.csv"),
        "\u{feff}国家,人口\n印度,115463.9\n"
    );
}

/// Fuzzing found `- - - … x` taking 2^n steps (each `-` evaluated its operand twice).
/// Nested as deep as the parser allows, it must still take one step per level.
#[test]
fn deeply_nested_minus_and_abs_evaluate_once_per_level() {
    let site = Site::new();
    site.write("charts/ten.csv", TEN);
    let minus = format!("{}人口", "-".repeat(62));
    let abs = format!("{}-人口{}", "abs(".repeat(30), ")".repeat(30));
    site.write(
        "charts/deep.toml",
        &format!(
            "title = \"深\"\nkind = \"grouped\"\ndata = \"ten.csv\"\nx = \"国家\"\ny = [\"负\", \"绝对\"]\nrows = [\"中国\"]\n\
             derive = [{{ name = \"负\", expr = \"{minus}\" }}, {{ name = \"绝对\", expr = \"{abs}\" }}]\n"
        ),
    );
    site.build_ok(&[]);
    assert_eq!(
        site.read("public/charts/deep.csv"),
        "\u{feff}国家,负,绝对\n中国,130488.8,130488.8\n"
    );
}

#[test]
fn transform_mistakes_point_at_their_key() {
    let site = site();
    site.write(
        "charts/life.toml",
        "title = \"预期寿命\"\nkind = \"line\"\ndata = \"long.csv\"\nx = \"年份\"\ny = [\"中国\"]\nfilter = \"年份 >= 2000 and 省份 == \\\"中国\\\"\"\n",
    );
    site.write(
        "charts/three.toml",
        "title = \"三国\"\nkind = \"hbar\"\ndata = \"ten.csv\"\nx = \"国家\"\ny = [\"人口\"]\nrows = [\"美国\", \"英国\"]\n",
    );
    site.write(
        "charts/growth.toml",
        "title = \"增长\"\nkind = \"bar\"\ndata = \"long.csv\"\nx = \"年份\"\ny = [\"增长\"]\nderive = [\n  { name = \"增长\", expr = \"yoy(人口) +\" },\n]\n",
    );
    site.write(
        "charts/bridge.csv",
        "项目,人口\n2000年,299607.7\n中国,4078.8\n印度,9500.5\n2005年,317197.1\n",
    );
    site.write(
        "charts/bridge.toml",
        "title = \"桥\"\nkind = \"waterfall\"\nmode = \"bridge\"\ndata = \"bridge.csv\"\nx = \"项目\"\ny = [\"人口\"]\nstart = \"2000年\"\nend = \"2005年\"\n",
    );
    site.write("charts/yearbook.csv.meta.toml", "transpose = \"总人口\"\n");
    let err = site.build_fails();
    for expected in [
        "charts/life.toml:6:26: at row `1995` (line 2): no column `省份` in charts/long.csv",
        "charts/three.toml:6:15: rows: there is no row `英国` in charts/ten.csv",
        "charts/growth.toml:7:35: invalid derive expression: expected a value, found end of expression",
        "charts/bridge.toml:8: end: `2000年` (299,607.7) plus the changes `中国`, `印度`",
        "charts/yearbook.csv.meta.toml:1:13: transpose: a row of charts/yearbook.csv is called `总人口`",
    ] {
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}

#[test]
fn a_bureau_table_with_a_unit_per_row_charts_after_transpose() {
    // Indicators as rows, each naming its unit; the unit line lists them all; years
    // newest first as columns. The sidecar turns it round for prose and charts alike.
    let s = Site::with_page(
        "{{ value(data=\"d.csv\", row=\"2023年\", col=\"城镇化率\") }} {{ value(data=\"d.csv\", row=\"2023年\", col=\"常住人口\") }} {{ value(chart=\"g\", row=\"2023年\", col=\"地区生产总值\") }}\n\n{{ chart(id=\"g\") }}",
        &[
            (
                "d.csv",
                "表1 主要指标,,\n单位：万人、%、亿元,,\n指标,2023年,2022年\n常住人口（万人）,3191,3213\n城镇化率（%）,71.67,70.96\n地区生产总值（亿元）,\"30,145.79\",\"29,129.03\"\n",
            ),
            ("d.csv.meta.toml", "transpose = \"年份\"\n"),
            (
                "g.toml",
                "title = \"t\"\nkind = \"line\"\ndata = \"d.csv\"\nx = \"年份\"\ny = [\"地区生产总值\"]\n",
            ),
        ],
    );
    s.build_ok(&[]);
    let html = s.read_text("public/index.html");
    assert!(html.contains("71.67% 3,191万人 30,145.79亿元"), "{html}");
    let svg = s.read("public/charts/g.svg");
    assert!(
        svg.contains("2022年：地区生产总值 29,129.03亿元；2023年：地区生产总值 30,145.79亿元。"),
        "{svg}"
    );
    let csv = s.read("public/charts/g.csv");
    assert!(
        csv.contains("年份,地区生产总值（亿元）\n2022年,29129.03\n2023年,30145.79"),
        "{csv}"
    );
}

#[test]
fn a_transposed_table_names_repeated_sub_rows_by_their_parent() {
    // Sub-rows indented under two indicators share labels (城镇) and state no unit;
    // after transpose they are columns named through their parent, in its unit.
    // Made-up figures.
    let s = Site::with_page(
        "{{ value(data=\"d.csv\", row=\"2023年\", col=\"常住人口/城镇\") }} {{ value(data=\"d.csv\", row=\"2023年\", col=\"居民人均可支配收入/城镇\") }} {{ value(data=\"d.csv\", row=\"2023年\", col=\"乡村\") }}\n\n{{ chart(id=\"g\") }}",
        &[
            (
                "d.csv",
                "指标,2023年,2022年\n常住人口（万人）,3000,2990\n\u{3000}\u{3000}城镇,2100,2050\n\u{3000}\u{3000}乡村,900,940\n居民人均可支配收入（元）,40000,38000\n\u{3000}\u{3000}城镇,48000,46000\n",
            ),
            ("d.csv.meta.toml", "transpose = \"年份\"\n"),
            (
                "g.toml",
                "title = \"t\"\nkind = \"line\"\ndata = \"d.csv\"\nx = \"年份\"\ny = [\"居民人均可支配收入/城镇\"]\n",
            ),
        ],
    );
    s.build_ok(&[]);
    let html = s.read_text("public/index.html");
    assert!(html.contains("2,100万人 48,000元 900万人"), "{html}");
    let csv = s.read("public/charts/g.csv");
    assert!(
        csv.contains("年份,居民人均可支配收入/城镇（元）\n2022年,46000\n2023年,48000"),
        "{csv}"
    );
}
