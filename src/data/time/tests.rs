use chrono::NaiveDate;

use super::*;

fn p(label: &str) -> Period {
    Period::parse(label).unwrap_or_else(|| panic!("`{label}` should be a period"))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn every_written_form_parses_to_its_period() {
    let cases: [(&str, Granularity, NaiveDate); 22] = [
        ("2020", Granularity::Year, ymd(2020, 1, 1)),
        ("2020年", Granularity::Year, ymd(2020, 1, 1)),
        (" ２０２０年 ", Granularity::Year, ymd(2020, 1, 1)),
        ("2020-03", Granularity::Month, ymd(2020, 3, 1)),
        ("2020/3", Granularity::Month, ymd(2020, 3, 1)),
        ("2020年3月", Granularity::Month, ymd(2020, 3, 1)),
        ("2020年12月", Granularity::Month, ymd(2020, 12, 1)),
        ("2020Q1", Granularity::Quarter, ymd(2020, 1, 1)),
        ("2020 Q4", Granularity::Quarter, ymd(2020, 10, 1)),
        ("2020-Q2", Granularity::Quarter, ymd(2020, 4, 1)),
        ("2020年一季度", Granularity::Quarter, ymd(2020, 1, 1)),
        ("2020年1季度", Granularity::Quarter, ymd(2020, 1, 1)),
        ("2020年第一季度", Granularity::Quarter, ymd(2020, 1, 1)),
        ("2020年第3季度", Granularity::Quarter, ymd(2020, 7, 1)),
        ("2020年上半年", Granularity::Half, ymd(2020, 1, 1)),
        ("2020H2", Granularity::Half, ymd(2020, 7, 1)),
        ("2024年1—5月", Granularity::YearToMonth, ymd(2024, 5, 1)),
        ("2024年1-12月", Granularity::YearToMonth, ymd(2024, 12, 1)),
        ("2020-03-15", Granularity::Day, ymd(2020, 3, 15)),
        ("2020/3/5", Granularity::Day, ymd(2020, 3, 5)),
        ("2020年3月15日", Granularity::Day, ymd(2020, 3, 15)),
        ("2020.03.15", Granularity::Day, ymd(2020, 3, 15)),
    ];
    for (label, granularity, start) in cases {
        let period = p(label);
        assert_eq!(
            (period.granularity(), period.start()),
            (granularity, start),
            "{label}"
        );
    }
}

#[test]
fn labels_that_are_no_period() {
    for label in [
        "",
        "合计",
        "20201",
        "202003",
        "2020.5",
        "2020-13",
        "2023-02-29",
        "2020Q5",
        "2020年13月",
        "2020年3—5月",
        "2020年1—1月",
        "2020年五季度",
        "3月",
        "1—5月",
        "999",
        "3000",
        "2020-03/15",
        "2020年3月15",
        "2020年 合计",
        "重庆2020",
    ] {
        assert_eq!(Period::parse(label), None, "`{label}`");
    }
}

#[test]
fn written_back_the_way_tables_write_it() {
    for (label, shown) in [
        ("2020", "2020年"),
        ("2020年第二季度", "2020Q2"),
        ("2020-3", "2020年3月"),
        ("2024年1-5月", "2024年1—5月"),
        ("2020H1", "2020年上半年"),
        ("2020/03/05", "2020年3月5日"),
    ] {
        assert_eq!(p(label).to_string(), shown);
        assert_eq!(p(shown), p(label), "the written form parses back");
    }
}

#[test]
fn periods_order_by_time_and_count_in_their_own_unit() {
    let mut years: Vec<Period> = ["2024", "2000", "2021年", "2010"].map(p).to_vec();
    years.sort();
    let ordinals: Vec<i64> = years.iter().map(Period::ordinal).collect();
    assert_eq!(ordinals, [2000, 2010, 2021, 2024]);
    assert_eq!(p("2021Q1").ordinal() - p("2020Q4").ordinal(), 1);
    assert_eq!(p("2021-01").ordinal() - p("2020年12月").ordinal(), 1);
    assert_eq!(p("2021-03-01").ordinal() - p("2021-02-28").ordinal(), 1);
    assert_eq!(p("2021年第三季度").index_in_year(), 3);
    assert!(p("2020年1—5月") < p("2020年1—6月"));
}

#[test]
fn a_year_before() {
    assert_eq!(p("2024Q1").year_before(), Some(p("2023年一季度")));
    assert_eq!(p("2024年1—5月").year_before(), Some(p("2023年1—5月")));
    assert_eq!(p("2024-03-15").shift_years(-4), Some(p("2020年3月15日")));
    assert_eq!(p("2024-02-29").year_before(), None);
}

#[test]
fn columns_are_detected_on_every_label() {
    assert_eq!(detect(&["2024", "2023年", "2022"]), Some(Granularity::Year));
    assert_eq!(detect(&["2024-01", "2024年2月"]), Some(Granularity::Month));
    assert_eq!(detect(&["2024", "合计"]), None);
    assert_eq!(detect(&["2024", "2024Q1"]), None, "mixed granularity");
    assert_eq!(detect::<&str>(&[]), None);
    let mixed = periods(&["2023", "2024年", "2024Q1"]).unwrap();
    assert_eq!(first_mixed(&mixed), Some(2));
    let twice = periods(&["2023", "2024", "2023年", "2024"]).unwrap();
    assert_eq!(duplicates(&twice), [(0, 2), (1, 3)]);
}
