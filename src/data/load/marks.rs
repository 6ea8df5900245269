//! The yearbook conventions read from single cells (DATA.md): footnote marks after a
//! label or number (`*`, `①`–`⑳`, `1)`, `(1)`), units in headers (`名称（单位）`,
//! `增长%`), the `单位：亿元` line above a table and the `注：`/`资料来源：` lines below it.

/// `text` without the footnote marks at its end (`第二产业①` → `第二产业`,
/// `12.5*` → `12.5`). A cell that is nothing but a mark is left as it is.
/// Leading spaces are kept (full-width ones indent a row).
pub fn strip_marks(text: &str) -> &str {
    let mut rest = text.trim_end();
    loop {
        let shorter = strip_one_mark(rest).map(str::trim_end);
        match shorter {
            Some(s) if !s.trim_start().is_empty() => rest = s,
            _ => return rest,
        }
    }
}

fn strip_one_mark(text: &str) -> Option<&str> {
    if let Some(rest) = text.strip_suffix(['*', '＊']) {
        return Some(rest);
    }
    let last = text.chars().next_back()?;
    if ('①'..='⑳').contains(&last) {
        return text.get(..text.len() - last.len_utf8());
    }
    let body = text.strip_suffix([')', '）'])?;
    let digits = body.trim_end_matches(|c: char| c.is_ascii_digit());
    if digits.len() == body.len() {
        return None;
    }
    // `(1)` / `（1）`, or `1)` after something that is not a digit (`工业1)`, not `1231)`).
    if let Some(before) = digits.strip_suffix(['(', '（']) {
        return Some(before);
    }
    let prev = digits.chars().next_back()?;
    (!prev.is_ascii_digit() && !matches!(prev, '.' | ',' | '-' | '+')).then_some(digits)
}

/// A header's bare name and unit: `地区生产总值（亿元）` → (`地区生产总值`, `亿元`),
/// `增长(%)` and `比上年增长%` → (…, `%`). `None` when the header states no unit.
pub fn split_unit(header: &str) -> Option<(&str, &str)> {
    let header = header.trim();
    if let Some(bare) = header.strip_suffix(['%', '％']) {
        let bare = bare.trim_end();
        return (!bare.is_empty() && !bare.ends_with(['(', '（'])).then_some((bare, "%"));
    }
    let inner = header.strip_suffix([')', '）'])?;
    let open = inner.rfind(['(', '（'])?;
    let bare = inner.get(..open)?.trim_end();
    let unit = inner.get(open..)?.trim_start_matches(['(', '（']).trim();
    if bare.is_empty() || unit.is_empty() {
        return None;
    }
    Some((bare, if unit == "％" { "%" } else { unit }))
}

/// Whether the bracket ending a row label is a unit (`万人`, `%`, `元/人`) rather than a
/// qualifier of the indicator (`（不含农户）`, `（现价）`, `（规模以上）`), which row labels
/// carry far more often than headers do.
pub fn reads_as_unit(text: &str) -> bool {
    const QUALIFIER: [char; 12] = [
        '含', '以', '规', '口', '不', '按', '价', '其', '注', '年', '季', '月',
    ];
    text == "%" || (text.chars().count() <= 6 && !text.contains(QUALIFIER))
}

/// The unit a `单位：亿元` line states, or a title that ends by stating it
/// (`表1 各区地区生产总值（单位：亿元）`).
pub fn unit_line(cell: &str) -> Option<&str> {
    const MARKERS: [&str; 4] = ["单位：", "单位:", "计量单位：", "计量单位:"];
    let cell = cell.trim();
    let stated = match MARKERS.iter().find_map(|p| cell.strip_prefix(p)) {
        Some(unit) => unit,
        None => {
            let inner = cell.strip_suffix([')', '）'])?;
            let open = inner.rfind(['(', '（'])?;
            let bracket = inner
                .get(open..)?
                .trim_start_matches(['(', '（'])
                .trim_start();
            MARKERS.iter().find_map(|p| bracket.strip_prefix(p))?
        }
    };
    Some(stated.trim()).filter(|u| !u.is_empty())
}

/// Whether a cell opens the notes below a table: `注：`, `注1:`, `资料来源：`, ….
pub fn opens_notes(cell: &str) -> bool {
    let cell = cell.trim();
    if let Some(rest) = cell.strip_prefix('注') {
        return rest.starts_with(['：', ':', '①', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    }
    ["资料来源", "数据来源", "来源：", "来源:", "说明：", "说明:"]
        .iter()
        .any(|p| cell.starts_with(p))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_stripped_from_labels_and_numbers() {
        for (raw, bare) in [
            ("第二产业①", "第二产业"),
            ("第二产业⑳", "第二产业"),
            ("12.5*", "12.5"),
            ("工业 1)", "工业"),
            ("工业1)", "工业"),
            ("建筑业(2)", "建筑业"),
            ("建筑业（12）", "建筑业"),
            ("GDP*①", "GDP"),
            ("1,234.5②", "1,234.5"),
        ] {
            assert_eq!(strip_marks(raw), bare, "{raw}");
        }
        assert_eq!(
            strip_marks("\u{3000}\u{3000}城市轨道交通①"),
            "\u{3000}\u{3000}城市轨道交通"
        );
        for kept in ["①", "*", "(1)", "1231)", "增长（%）", "城镇(含县城)", "-5"] {
            assert_eq!(strip_marks(kept), kept, "{kept}");
        }
    }

    #[test]
    fn units_in_headers() {
        assert_eq!(
            split_unit("地区生产总值（亿元）"),
            Some(("地区生产总值", "亿元"))
        );
        assert_eq!(split_unit("增长(%)"), Some(("增长", "%")));
        assert_eq!(split_unit("增长（％）"), Some(("增长", "%")));
        assert_eq!(split_unit("比上年增长%"), Some(("比上年增长", "%")));
        for none in ["地区", "（亿元）", "()", "%", "2019年"] {
            assert_eq!(split_unit(none), None, "{none}");
        }
    }

    #[test]
    fn unit_lines_and_notes() {
        assert_eq!(unit_line("单位：亿元"), Some("亿元"));
        assert_eq!(unit_line(" 单位: 万人 "), Some("万人"));
        assert_eq!(unit_line("单位"), None);
        assert_eq!(
            unit_line("表1 各区地区生产总值（单位：亿元）"),
            Some("亿元")
        );
        assert_eq!(unit_line("Table 1 (单位: 万人)"), Some("万人"));
        assert_eq!(unit_line("各区（县）地区生产总值"), None);
        assert_eq!(unit_line("增长（%）"), None);
        assert!(opens_notes("注：2024年为初步核算数。"));
        assert!(opens_notes("注1) 按当年价格计算"));
        assert!(opens_notes("资料来源：重庆市统计局"));
        assert!(!opens_notes("注册企业"));
    }
}
