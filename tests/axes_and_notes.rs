//! `y_min`, `y_max`, `y_zero` and `[[annotate]]` as a user meets them: a line drawn
//! between the ends asked for, a note in the SVG, and each error at its line.

mod common;

use common::Site;

const DATA: &str = "年份,产量\n2021年,512.3\n2022年,580.1\n2023年,655\n";

fn site(spec: &str) -> Site {
    Site::with_page(
        "{{ chart(id=\"c\") }}",
        &[
            ("d.csv", DATA),
            ("d.csv.meta.toml", "[units]\n\"产量\" = \"万吨\"\n"),
            ("c.toml", spec),
        ],
    )
}

const HEAD: &str = "title = \"t\"\ndata = \"d.csv\"\nx = \"年份\"\ny = [\"产量\"]\n";

#[test]
fn a_line_is_drawn_between_the_ends_asked_for() {
    let site = site(&format!(
        "{HEAD}kind = \"line\"\ny_min = 500\ny_max = 700\n"
    ));
    site.build_ok(&[]);
    let svg = site.read("public/charts/c.svg");
    // Ticks from 500 to 700 (the top one carries the unit), none at zero.
    let texts: Vec<&str> = svg.lines().map(str::trim).collect();
    for tick in ["500", "550", "600", "650", "700万吨"] {
        assert!(texts.contains(&tick), "no tick {tick}: {svg}");
    }
    assert!(!texts.contains(&"0"), "{svg}");
}

#[test]
fn a_bar_chart_may_not_start_above_zero() {
    let site = site(&format!("{HEAD}kind = \"bar\"\ny_min = 400\n"));
    let err = site.build_fails();
    assert!(
        err.contains("charts/c.toml:6: y_min: a bar chart always starts at zero"),
        "{err}"
    );
}

#[test]
fn a_value_outside_the_axis_is_named_at_its_line() {
    let site = site(&format!("{HEAD}kind = \"line\"\ny_max = 600\n"));
    let err = site.build_fails();
    assert!(
        err.contains(
            "charts/d.csv:4: the value 655 in row `2023年`, column `产量`, is above y_max = 600"
        ),
        "{err}"
    );
}

#[test]
fn an_annotation_is_drawn_and_a_wrong_one_is_named_at_its_line() {
    let notes = "[[annotate]]\ny = 600\ntext = \"参考线\"\n\n[[annotate]]\nx = \"2022年\"\ny = 580.1\ntext = \"2022年的标注\"\n";
    let site = site(&format!("{HEAD}kind = \"line\"\n{notes}"));
    site.build_ok(&[]);
    let svg = site.read("public/charts/c.svg");
    assert!(
        svg.contains("2022年的标注") && svg.contains("标注："),
        "{svg}"
    );
    let bad = notes.replace("x = \"2022年\"", "x = \"2019年\"");
    let site = self::site(&format!("{HEAD}kind = \"line\"\n{bad}"));
    let err = site.build_fails();
    assert!(
        err.contains("charts/c.toml:10: annotate[2]: x = `2019年` is not a category"),
        "{err}"
    );
}

const TWO: &str = "年份,甲厂,乙厂\n2021年,512.3,301\n2022年,580.1,350.2\n2023年,655,388.9\n";

fn two_series(spec: &str) -> Site {
    Site::with_page(
        "{{ chart(id=\"c\") }}",
        &[
            ("d.csv", TWO),
            (
                "d.csv.meta.toml",
                "[units]\n\"甲厂\" = \"万吨\"\n\"乙厂\" = \"万吨\"\n",
            ),
            ("c.toml", spec),
        ],
    )
}

const HEAD_TWO: &str =
    "title = \"t\"\nsource = \"某统计局\"\ndata = \"d.csv\"\nx = \"年份\"\ny = [\"甲厂\", \"乙厂\"]\n";

#[test]
fn a_faceted_chart_draws_a_titled_panel_per_series_in_one_figure() {
    for kind in ["line", "area", "bar"] {
        let site = two_series(&format!("{HEAD_TWO}kind = \"{kind}\"\nfacets = true\n"));
        site.build_ok(&[]);
        let page = site.read_text("public/index.html");
        // One accessible graphic per variant, its desc naming the panels.
        assert!(page.contains("分面"), "{kind}: {page}");
        let file = site.read("public/charts/c.svg");
        assert_eq!(file.matches("<desc").count(), 1, "{kind}");
        for said in ["甲厂", "乙厂", "某统计局"] {
            assert!(file.contains(said), "{kind}: no {said} in the download");
        }
        let csv = site.read("public/charts/c.csv");
        assert!(csv.contains("甲厂（万吨）,乙厂（万吨）"), "{kind}: {csv}");
    }
}

#[test]
fn facets_that_cannot_be_drawn_are_named_at_their_line() {
    let site = two_series(&format!("{HEAD_TWO}kind = \"grouped\"\nfacets = true\n"));
    let err = site.build_fails();
    assert!(
        err.contains("charts/c.toml:7: facets: a grouped chart cannot be split into panels"),
        "{err}"
    );
    let one = HEAD_TWO.replace("[\"甲厂\", \"乙厂\"]", "[\"甲厂\"]");
    let site = two_series(&format!("{one}kind = \"line\"\nfacets = true\n"));
    let err = site.build_fails();
    assert!(
        err.contains("charts/c.toml:7: facets: `y` names one column"),
        "{err}"
    );
}

#[test]
fn a_note_on_bars_is_drawn_dashed_and_a_wrong_category_is_named_at_its_line() {
    let notes = "[[annotate]]\ny = 600\ntext = \"六百万吨\"\n\n[[annotate]]\nx = \"2022年\"\ntext = \"新线投产\"\n";
    for kind in ["bar", "hbar"] {
        let site = site(&format!("{HEAD}kind = \"{kind}\"\n{notes}"));
        site.build_ok(&[]);
        let svg = site.read("public/charts/c.svg");
        assert!(svg.contains("stroke-dasharray"), "{kind}: {svg}");
        assert!(
            svg.contains("新线投产") && svg.contains("六百万吨"),
            "{kind}"
        );
        let bad = notes.replace("x = \"2022年\"", "x = \"2019年\"");
        let site = self::site(&format!("{HEAD}kind = \"{kind}\"\n{bad}"));
        let err = site.build_fails();
        assert!(
            err.contains("charts/c.toml:10: annotate[2]: x = `2019年` is not a category"),
            "{kind}: {err}"
        );
    }
}
