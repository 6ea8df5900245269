//! The words numbers are shown with in one language: qualifiers (约 / about, 超过 /
//! over, 不足 / under, …), the brackets around a unit in a column header, and units
//! translated for readers of that language (亿元 → bn yuan, numbers ×10⁻¹). Built from
//! the language's strings table (src/render/strings.rs); the Chinese words are also
//! [`Qualifier`]'s own, used when no words are given.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Qualifier;

/// A unit as readers of one language see it: `unit`, numbers multiplied by 10^`power`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitWord {
    pub unit: String,
    #[serde(default)]
    pub power: i32,
}

/// Number words of one language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NumberWords {
    /// Qualifier words by strings key (`number_about` → `about `).
    qualifiers: BTreeMap<String, String>,
    unit_open: String,
    unit_close: String,
    units: BTreeMap<String, UnitWord>,
}

impl NumberWords {
    /// The words of a strings table (`lookup` gives a key's text) and its units.
    pub fn new(lookup: impl Fn(&str) -> Option<String>, units: BTreeMap<String, UnitWord>) -> Self {
        let qualifiers = Qualifier::WORDS
            .iter()
            .chain(&[Qualifier::About, Qualifier::Over, Qualifier::Under])
            .filter_map(|q| {
                let key = strings_key(*q)?;
                Some((key.to_string(), lookup(key)?))
            })
            .collect();
        NumberWords {
            qualifiers,
            unit_open: lookup("unit_open").unwrap_or_else(|| "（".into()),
            unit_close: lookup("unit_close").unwrap_or_else(|| "）".into()),
            units,
        }
    }

    fn word(&self, q: Qualifier) -> Option<&str> {
        strings_key(q).and_then(|k| self.qualifiers.get(k).map(String::as_str))
    }

    /// The word before the number ("" when exact or when the word follows it).
    pub fn prefix(&self, q: Qualifier) -> &str {
        match q {
            Qualifier::Exact | Qualifier::OrSo | Qualifier::Odd => "",
            _ => self.word(q).unwrap_or(q.prefix()),
        }
    }

    /// The word right after the number, before its unit (30余 / 30-odd).
    pub fn suffix(&self, q: Qualifier) -> &str {
        match q {
            Qualifier::Odd => self.word(q).unwrap_or(q.suffix()),
            _ => "",
        }
    }

    /// The word after the number and its unit (左右 / or so).
    pub fn after_unit(&self, q: Qualifier) -> &str {
        match q {
            Qualifier::OrSo => self.word(q).unwrap_or(q.after_unit()),
            _ => "",
        }
    }

    /// `name` with `unit` in brackets: `投资（亿元）`, `Investment (bn yuan)`.
    pub fn header(&self, name: &str, unit: &str) -> String {
        format!("{name}{}{unit}{}", self.unit_open, self.unit_close)
    }

    /// How `unit` is shown in this language, if it is translated.
    pub fn unit(&self, unit: &str) -> Option<&UnitWord> {
        self.units.get(unit)
    }
}

/// The strings key of a qualifier's word (None for an exact number).
pub fn strings_key(q: Qualifier) -> Option<&'static str> {
    Some(match q {
        Qualifier::Exact => return None,
        Qualifier::About | Qualifier::Approximately => "number_about",
        Qualifier::Roughly => "number_roughly",
        Qualifier::OrSo => "number_or_so",
        Qualifier::Nearly => "number_nearly",
        Qualifier::AlmostNearly => "number_almost",
        Qualifier::Approaching => "number_approaching",
        Qualifier::Over | Qualifier::MoreThan => "number_over",
        Qualifier::Exceeding => "number_exceeding",
        Qualifier::Beyond => "number_beyond",
        Qualifier::Above => "number_above",
        Qualifier::Odd => "number_odd",
        Qualifier::Under | Qualifier::LessThan => "number_under",
        Qualifier::NotReaching => "number_not_reaching",
        Qualifier::Below => "number_below",
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn english() -> NumberWords {
        let table: BTreeMap<&str, &str> = [
            ("number_about", "about "),
            ("number_or_so", " or so"),
            ("number_odd", "-odd"),
            ("unit_open", " ("),
            ("unit_close", ")"),
        ]
        .into_iter()
        .collect();
        NumberWords::new(|k| table.get(k).map(|s| s.to_string()), BTreeMap::new())
    }

    #[test]
    fn words_come_from_the_table_and_fall_back_to_chinese() {
        let w = english();
        assert_eq!(w.prefix(Qualifier::About), "about ");
        assert_eq!(w.prefix(Qualifier::Approximately), "about ");
        assert_eq!(w.after_unit(Qualifier::OrSo), " or so");
        assert_eq!(w.suffix(Qualifier::Odd), "-odd");
        assert_eq!(w.prefix(Qualifier::Exact), "");
        // Not in this table: the source's own word.
        assert_eq!(w.prefix(Qualifier::Beyond), "逾");
        assert_eq!(w.header("Investment", "bn yuan"), "Investment (bn yuan)");
    }
}
