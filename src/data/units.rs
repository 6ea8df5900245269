//! Which unit a number is in, by one rule: the data's own units (the sidecar's `[units]`
//! and what the file itself states: `%` cells, headers `名称（亿元）`, a `单位：` line),
//! else a chart spec's `unit` for that chart only. Prose never borrows a chart's unit.

use crate::data::sidecar::{unit_key_offset, DataMeta};
use crate::data::Table;
use crate::error::Diagnostic;

/// Copies the sidecar's `[units]` into [`Table::units`], so every reader asks the table
/// alone. A column whose sidecar unit differs from the unit the file states is an error
/// at the sidecar's key (units naming no column are reported by the sidecar check).
pub fn adopt_sidecar_units(table: &mut Table, meta: &DataMeta) -> Result<(), Diagnostic> {
    for (column, unit) in &meta.units {
        // The sidecar may name a column with its unit, as the header writes it.
        let Some(name) = table
            .column(column)
            .and_then(|c| table.columns.get(c))
            .cloned()
        else {
            continue;
        };
        match table.units.get(&name) {
            Some(own) if own != unit => {
                let message = format!(
                    "units: `{column}` is in `{own}` according to charts/{}, not `{unit}`",
                    table.path
                );
                let d = match unit_key_offset(&meta.text, column) {
                    Some(at) => Diagnostic::at_offset(&meta.file, &meta.text, at, message),
                    None => Diagnostic::file(&meta.file, message),
                };
                return Err(d.with_hint("give the unit in one place only, or make them agree"));
            }
            _ => {
                table.units.insert(name, unit.clone());
            }
        }
    }
    Ok(())
}

/// The unit of the numbers a chart draws from `columns` of `table`: the data's own unit,
/// else `spec_unit`. Errors start with the spec key at fault: `unit: ` for a `spec_unit`
/// contradicting the data, `y: ` for columns in different units on one axis.
pub fn chart_unit(
    table: &Table,
    columns: &[&str],
    spec_unit: Option<&str>,
) -> Result<Option<String>, String> {
    let spec_unit = spec_unit.filter(|u| !u.is_empty());
    let mut found: Option<(&str, &str)> = None;
    for column in columns {
        let Some(unit) = table.unit_of(column) else {
            continue;
        };
        match found {
            Some((first, first_unit)) if first_unit != unit => {
                return Err(format!(
                    "y: `{first}` is in `{first_unit}` but `{column}` is in `{unit}`; one chart draws one unit"
                ));
            }
            _ => found = Some((column, unit)),
        }
    }
    match (found, spec_unit) {
        (Some((column, data_unit)), Some(spec)) if spec != data_unit => Err(format!(
            "unit: `{spec}` contradicts the data: `{column}` is in `{data_unit}` (charts/{})",
            table.path
        )),
        (Some((_, data_unit)), _) => Ok(Some(data_unit.to_string())),
        (None, spec) => Ok(spec.map(str::to_string)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn table() -> Table {
        let mut t = Table::new("t.csv", vec!["a".into(), "b".into(), "c".into()], vec![]);
        t.units.insert("a".into(), "亿元".into());
        t.units.insert("c".into(), "%".into());
        t
    }

    #[test]
    fn data_units_win_and_charts_fill_gaps() {
        let t = table();
        assert_eq!(chart_unit(&t, &["a"], None), Ok(Some("亿元".into())));
        assert_eq!(
            chart_unit(&t, &["a"], Some("亿元")),
            Ok(Some("亿元".into()))
        );
        assert_eq!(
            chart_unit(&t, &["b"], Some("万人")),
            Ok(Some("万人".into()))
        );
        assert_eq!(chart_unit(&t, &["b"], None), Ok(None));
        let e = chart_unit(&t, &["a"], Some("万元")).unwrap_err();
        assert!(e.starts_with("unit: `万元` contradicts the data"), "{e}");
        let e = chart_unit(&t, &["a", "c"], None).unwrap_err();
        assert!(e.contains("one chart draws one unit"), "{e}");
    }

    #[test]
    fn sidecar_and_file_must_agree() {
        let text = "[units]\n\"a\" = \"万元\"\n\"b\" = \"人\"\n";
        let meta = DataMeta {
            units: [
                ("a".to_string(), "万元".to_string()),
                ("b".into(), "人".into()),
            ]
            .into_iter()
            .collect(),
            file: PathBuf::from("charts/t.csv.meta.toml"),
            text: text.into(),
            ..DataMeta::default()
        };
        let mut t = table();
        let d = adopt_sidecar_units(&mut t, &meta).unwrap_err();
        assert_eq!(d.line, Some(2));
        assert!(d.message.contains("`a` is in `亿元`"), "{d}");
        t.units.remove("a");
        adopt_sidecar_units(&mut t, &meta).unwrap();
        assert_eq!(t.units.get("a").map(String::as_str), Some("万元"));
        assert_eq!(t.units.get("b").map(String::as_str), Some("人"));
    }
}
