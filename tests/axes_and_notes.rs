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
