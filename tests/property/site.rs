//! The random site of the property test: two data tables and a table of years, each
//! charted by every kind that fits it, and one page quoting every cell with `value` and `share`.

use std::path::Path;

pub const LABELS: [&str; 6] = ["甲", "乙", "丙", "丁", "戊", "己"];
/// Kinds over the non-negative table (part-of-whole kinds refuse gaps), then over the
/// signed one with gaps.
pub const PART_KINDS: [&str; 6] = [
    "donut",
    "stacked",
    "stacked100",
    "area",
    "bullet",
    "waterfall",
];
pub const SIGNED_KINDS: [&str; 4] = ["bar", "hbar", "grouped", "line"];
/// Kinds over the table of years with gaps.
pub const TIME_KINDS: [&str; 2] = ["line", "area"];

/// One written cell: qualifier, value in thousandths, written decimals, grouped or not.
#[derive(Debug, Clone)]
pub struct Written {
    pub qualifier: &'static str,
    pub milli: i64,
    pub decimals: u32,
    pub grouped: bool,
}

impl Written {
    pub fn text(&self, percent: bool) -> String {
        let value = self.milli as f64 / 1000.0;
        let mut digits = format!("{:.*}", self.decimals as usize, value.abs());
        if self.grouped {
            let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
            let mut g = String::new();
            for (i, c) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    g.push(',');
                }
                g.push(c);
            }
            if !frac.is_empty() {
                g = format!("{g}.{frac}");
            }
            digits = g;
        }
        let sign = if value < 0.0 { "-" } else { "" };
        let pct = if percent { "%" } else { "" };
        format!("\"{}{sign}{digits}{pct}\"", self.qualifier)
    }
}

/// Where the numbers' unit comes from.
#[derive(Debug, Clone, Copy)]
pub enum UnitFrom {
    None,
    Sidecar(&'static str),
    PercentCells,
    /// The chart spec's `unit`; prose then names it with `unit=`.
    Spec(&'static str),
}

#[derive(Debug, Clone)]
pub struct Case {
    pub rows: usize,
    /// Non-negative table (part-of-whole kinds), then signed table with missing cells;
    /// [row][A, B].
    pub parts: Vec<[Written; 2]>,
    pub signed: Vec<[Option<Written>; 2]>,
    /// When set, the non-negative table ends in a 合计 row this much (in thousandths)
    /// above the sum of its parts, and the donut takes its 其他 from it.
    pub total_extra: Option<i64>,
    /// Years in file order (shuffled), with cells that may be missing.
    pub periods: Vec<(u16, [Option<Written>; 2])>,
    pub year_suffix: bool,
    pub unit: UnitFrom,
    pub decimals: Option<u8>,
    pub scale: bool,
}

/// The donut's `[remainder]` when the table has a 合计 row.
fn remainder(kind: &str, case: &Case) -> &'static str {
    match (kind, case.total_extra) {
        ("donut", Some(_)) => "[remainder]\nlabel = \"其他\"\ntotal_row = \"合计\"\n",
        _ => "",
    }
}

/// The site for a case: two data files, one chart per kind, one page quoting every cell.
pub fn write_site(dir: &Path, case: &Case) {
    let w = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "baogao.toml",
        "title = \"t\"\nbase_url = \"https://example.org/\"\n",
    );
    let percent = matches!(case.unit, UnitFrom::PercentCells);
    for file in ["p", "s"] {
        let mut csv = "类别,A,B\n".to_string();
        for (label, [a, b]) in LABELS.iter().zip(cells(case, file)) {
            let text = |c: Option<Written>| c.map(|w| w.text(percent)).unwrap_or_default();
            csv.push_str(&format!("{label},{},{}\n", text(a), text(b)));
        }
        if let (Some(extra), "p") = (case.total_extra, file) {
            let total = |c: usize| Written {
                qualifier: "",
                milli: case.parts.iter().map(|row| row[c].milli).sum::<i64>() + extra,
                decimals: 3,
                grouped: false,
            };
            csv.push_str(&format!(
                "合计,{},{}\n",
                total(0).text(percent),
                total(1).text(percent)
            ));
        }
        w(&format!("charts/{file}.csv"), &csv);
        if let UnitFrom::Sidecar(u) = case.unit {
            w(
                &format!("charts/{file}.csv.meta.toml"),
                &format!("[units]\nA = \"{u}\"\nB = \"{u}\"\n"),
            );
        }
    }
    let mut csv = "年份,A,B\n".to_string();
    for (year, cells) in &case.periods {
        let text = |c: &Option<Written>| c.as_ref().map(|w| w.text(percent)).unwrap_or_default();
        let suffix = if case.year_suffix { "年" } else { "" };
        csv.push_str(&format!(
            "{year}{suffix},{},{}\n",
            text(&cells[0]),
            text(&cells[1])
        ));
    }
    w("charts/t.csv", &csv);
    if let UnitFrom::Sidecar(u) = case.unit {
        w(
            "charts/t.csv.meta.toml",
            &format!("[units]\nA = \"{u}\"\nB = \"{u}\"\n"),
        );
    }
    let mut keys = String::new();
    if let UnitFrom::Spec(u) = case.unit {
        keys.push_str(&format!("unit = \"{u}\"\n"));
    }
    if let Some(d) = case.decimals {
        keys.push_str(&format!("decimals = {d}\n"));
    }
    if case.scale {
        keys.push_str("scale_unit = \"万亿元\"\n");
    }
    for (kinds, file) in [(&PART_KINDS[..], "p.csv"), (&SIGNED_KINDS[..], "s.csv")] {
        for &kind in kinds {
            let y = match kind {
                "donut" | "bar" | "hbar" | "waterfall" => "y = [\"A\"]\n",
                "bullet" => "y = [\"A\"]\nreference = \"B\"\n",
                _ => "y = [\"A\", \"B\"]\n",
            };
            w(
                &format!("charts/{kind}.toml"),
                &format!("title = \"{kind}\"\nkind = \"{kind}\"\ndata = \"{file}\"\nx = \"类别\"\n{y}{keys}{}", remainder(kind, case)),
            );
        }
    }
    for kind in TIME_KINDS {
        w(
            &format!("charts/t-{kind}.toml"),
            &format!("title = \"{kind}\"\nkind = \"{kind}\"\ndata = \"t.csv\"\nx = \"年份\"\ny = [\"A\", \"B\"]\n{keys}"),
        );
    }
    let mut args = String::new();
    if let UnitFrom::Spec(u) = case.unit {
        args.push_str(&format!(", unit=\"{u}\""));
    }
    if let Some(d) = case.decimals {
        args.push_str(&format!(", decimals={d}"));
    }
    let scale = if case.scale {
        ", scale_unit=\"万亿元\""
    } else {
        ""
    };
    let mut body = String::new();
    for file in ["p", "s"] {
        for (label, row) in LABELS.iter().zip(cells(case, file)) {
            for (col, cell) in ["A", "B"].iter().zip(row) {
                if cell.is_none() {
                    continue;
                }
                body.push_str(&format!(
                    "【{file}{label}{col}】{{{{ value(data=\"{file}.csv\", row=\"{label}\", col=\"{col}\"{args}{scale}) }}}}；\n\n"
                ));
            }
        }
    }
    for (year, cells) in &case.periods {
        for (col, cell) in ["A", "B"].iter().zip(cells) {
            if cell.is_some() {
                body.push_str(&format!(
                    "【t{year}{col}】{{{{ value(data=\"t.csv\", row=\"{}\", col=\"{col}\"{args}{scale}) }}}}；\n\n",
                    year_label(*year, case)
                ));
            }
        }
    }
    let share_args = case
        .decimals
        .map(|d| format!(", decimals={d}"))
        .unwrap_or_default();
    for label in LABELS.iter().take(case.rows) {
        body.push_str(&format!(
            "【占{label}】{{{{ share(data=\"p.csv\", row=\"{label}\", col=\"A\"{share_args}) }}}}；\n\n"
        ));
    }
    for kind in PART_KINDS.iter().chain(&SIGNED_KINDS) {
        body.push_str(&format!("{{{{ chart(id=\"{kind}\") }}}}\n\n"));
    }
    for kind in TIME_KINDS {
        body.push_str(&format!("{{{{ chart(id=\"t-{kind}\") }}}}\n\n"));
    }
    w(
        "content/_index.md",
        &format!("+++\ntitle = \"首页\"\n+++\n\n{body}"),
    );
}

/// The cells of table `file` (`p` or `s`), `None` where missing.
pub fn cells(case: &Case, file: &str) -> Vec<[Option<Written>; 2]> {
    match file {
        "p" => case
            .parts
            .iter()
            .map(|[a, b]| [Some(a.clone()), Some(b.clone())])
            .collect(),
        _ => case.signed.clone(),
    }
}

/// A year as the time table writes it.
pub fn year_label(year: u16, case: &Case) -> String {
    if case.year_suffix {
        format!("{year}年")
    } else {
        year.to_string()
    }
}
