//! Where a transform problem is in the spec file: the value of the key at fault (and,
//! inside an expression, the character at fault), found by the key path in the TOML.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::{KeySeg, StepError};
use crate::data::assert::source_offset;
use crate::error::Diagnostic;

/// `error` as a diagnostic in `file`, whose text is `text`.
pub fn diagnostic(error: StepError, file: &Path, text: &str) -> Diagnostic {
    let d = match value_span(text, &error.key) {
        Some((span, expr)) => {
            let at = match (error.offset, expr) {
                (Some(offset), Some(expr)) => source_offset(text, &span, &expr, offset),
                _ => span.start,
            };
            Diagnostic::at_offset(file, text, at, error.message)
        }
        None => Diagnostic::file(file, error.message),
    };
    match error.hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// The span of the value at `path` and, when it is a string, its text.
fn value_span(text: &str, path: &[KeySeg]) -> Option<(Range<usize>, Option<String>)> {
    let doc = DeTable::parse(text).ok()?;
    let mut table = doc.get_ref();
    let mut found: Option<&toml::Spanned<DeValue>> = None;
    for seg in path {
        let next = match (seg, found.map(toml::Spanned::get_ref)) {
            (KeySeg::Key(k), None) => table
                .iter()
                .find(|(key, _)| key.get_ref() == k)
                .map(|(_, v)| v),
            (KeySeg::Key(k), Some(DeValue::Table(t))) => {
                table = t;
                t.iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v)
            }
            (KeySeg::Index(i), Some(DeValue::Array(a))) => a.get(*i),
            _ => None,
        };
        // A key the path does not reach: point at the deepest value found.
        match next {
            Some(v) => found = Some(v),
            None => break,
        }
    }
    let value = found?;
    let string = match value.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        _ => None,
    };
    Some((value.span(), string))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_value_and_into_expressions() {
        let text = "title = \"t\"\nfilter = \"年份 >= 2015 and 省份 == 1\"\nderive = [\n  { name = \"a\", expr = \"pct_change(x)\" },\n  { name = \"b\", expr = \"cumsum(y)\" },\n]\n";
        let file = Path::new("charts/c.toml");
        let e = StepError::at("filter", "no column `省份`").with_offset(19);
        assert_eq!(
            diagnostic(e, file, text).to_string(),
            "charts/c.toml:2:26: no column `省份`"
        );
        let e = StepError::new(
            vec![KeySeg::Key("derive"), KeySeg::Index(1), KeySeg::Key("expr")],
            "m",
        )
        .with_offset(7);
        assert_eq!(
            diagnostic(e, file, text).to_string(),
            "charts/c.toml:5:32: m"
        );
        let e = StepError::new(vec![KeySeg::Key("rows"), KeySeg::Index(0)], "m");
        assert_eq!(diagnostic(e, file, text).to_string(), "charts/c.toml: m");
    }
}
