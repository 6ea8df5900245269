//! Data assertions: `[[assert]]` entries in chart specs and data sidecars, checked at
//! every build. The expression language (tokenizer, parser, evaluator) lives in the
//! submodules; this module ties an entry to its table and reports problems at their
//! place in the spec file.
//!
//! ```text
//! sum(完成投资) <= 2020.3 and count() == 5
//! abs(sum(完成投资) - value(完成投资, "合计")) < 0.1
//! share(完成投资, "科技创新") < 0.01 or not max("完成 投资") > 1000
//! ```

mod ast;
mod eval;
mod lex;
mod parse;
mod row_calls;

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use crate::data::Table;
use crate::error::Diagnostic;

pub use ast::{BinOp, Call, Expr, ExprKind, Name, MAX_DEPTH};
pub use eval::{eval, eval_row, show_number, EvalError, RowCache, RowScope, Value};
pub use parse::{parse, parse_row, FUNCTIONS, ROW_FUNCTIONS};

/// One `[[assert]]` entry as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssertSpec {
    pub expr: toml::Spanned<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// Checks one assertion against `table`. `spec_file` is the file the entry is in (as
/// shown to the user) and `spec_text` its text, into which `spec.expr`'s span points.
/// A syntax error, an unknown column or row, or a false assertion is a diagnostic at
/// its place in the spec file.
pub fn check(
    spec: &AssertSpec,
    table: &Table,
    spec_file: &Path,
    spec_text: &str,
) -> Result<(), Diagnostic> {
    let src = spec.expr.get_ref().as_str();
    let span = spec.expr.span();
    let at = |offset: usize, message: String| {
        let place = source_offset(spec_text, &span, src, offset);
        Diagnostic::at_offset(spec_file, spec_text, place, message)
    };
    let expr = parse(src).map_err(|(o, m)| at(o, format!("invalid assertion: {m}")))?;
    let value = eval(&expr, table, src).map_err(|e| {
        let d = at(e.offset, e.message);
        match e.hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    })?;
    match value {
        Value::Bool(true) => Ok(()),
        Value::Bool(false) => {
            let mut parts = Vec::new();
            eval::explain(&expr, false, table, src, &mut parts);
            let mut message = format!("assertion failed: {}", src.trim());
            if !parts.is_empty() {
                message.push_str(&format!(" ({})", parts.join("; ")));
            }
            if let Some(m) = &spec.message {
                message.push_str(&format!(": {m}"));
            }
            Err(at(0, message))
        }
        other => Err(at(
            0,
            format!(
                "an assertion must be true or false, but this one is {}",
                other.show()
            ),
        )
        .with_hint("compare the value with something, e.g. `sum(完成投资) <= 2020.3`")),
    }
}

/// The byte offset in the spec file of byte `offset` of the expression, which is the
/// TOML string at `span` (quotes included). Escapes in basic strings are followed; if
/// the text does not match, the start of the string is used.
pub(crate) fn source_offset(text: &str, span: &Range<usize>, expr: &str, offset: usize) -> usize {
    let fallback = span.start.min(text.len());
    let Some(raw) = text.get(span.clone()) else {
        return fallback;
    };
    let (open, basic) = match raw {
        r if r.starts_with("\"\"\"") => (3, true),
        r if r.starts_with("'''") => (3, false),
        r if r.starts_with('"') => (1, true),
        r if r.starts_with('\'') => (1, false),
        _ => return fallback,
    };
    let mut body = raw.get(open..).unwrap_or("");
    let mut base = span.start + open;
    if open == 3 {
        // A newline right after the opening quotes is not part of the string.
        if let Some(rest) = body
            .strip_prefix("\r\n")
            .or_else(|| body.strip_prefix('\n'))
        {
            base += body.len() - rest.len();
            body = rest;
        }
    }
    let mut chars = body.char_indices().peekable();
    for (i, c) in expr.char_indices() {
        if i >= offset {
            break;
        }
        match chars.next() {
            Some((_, '\\')) if basic => {
                let skip = match chars.next() {
                    Some((_, 'u')) => 4,
                    Some((_, 'U')) => 8,
                    Some(_) => 0,
                    None => return fallback,
                };
                for _ in 0..skip {
                    chars.next();
                }
            }
            Some((_, r)) if r == c => {}
            _ => return fallback,
        }
    }
    base + chars.peek().map_or(body.len(), |(j, _)| *j)
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
    use crate::config::parse_toml;
    use crate::data::load::parse_cell;
    use crate::data::Row;

    fn table(csv: &str) -> Table {
        let mut lines = csv.lines();
        let columns = lines.next().unwrap().split(',').map(String::from).collect();
        let rows = lines
            .enumerate()
            .map(|(i, l)| {
                Row::new(
                    i + 2,
                    l.split(',').map(|c| parse_cell(c).unwrap()).collect(),
                )
            })
            .collect();
        let mut t = Table::new("key.csv", columns, rows);
        crate::data::roles::assign(&mut t, None);
        t
    }

    fn projects() -> Table {
        table("领域,完成投资,状态\n科技创新,18.4,完成\n制造业,~1000,进行\n基础设施,1001.9,完成\n合计,2020.3,")
    }

    /// Checks every `[[assert]]` of a spec text; the first problem, as printed.
    fn run(spec: &str, t: &Table) -> Result<(), String> {
        #[derive(Deserialize)]
        struct Spec {
            #[serde(rename = "assert")]
            asserts: Vec<AssertSpec>,
        }
        let file = Path::new("charts/c.toml");
        let s: Spec = parse_toml(spec, file).unwrap();
        for a in &s.asserts {
            check(a, t, file, spec).map_err(|d| d.to_string())?;
        }
        Ok(())
    }

    fn one(expr: &str) -> Result<(), String> {
        run(&format!("[[assert]]\nexpr = '{expr}'\n"), &projects())
    }

    #[test]
    fn passing_assertions() {
        for expr in [
            "sum(完成投资) <= 2020.3",
            "sum(完成投资) == value(完成投资, \"合计\")",
            "abs(sum(完成投资) - 2020.3) < 0.0001",
            "value(完成投资, \"科技创新\") == 18.4 && value(状态, 科技创新) == \"完成\"",
            "share(完成投资, \"科技创新\") < 0.01 and share(\"完成投资\", \"制造业\") > 0.49",
            "count() == 3 and min(完成投资) == 18.4 and max(完成投资) == 1001.9",
            "not sum(完成投资) > 3000 || count() == 0",
            "-(2 + 2) * 3 / 4 == -3",
        ] {
            assert_eq!(one(expr), Ok(()), "{expr}");
        }
    }

    #[test]
    fn failing_assertion_shows_the_values() {
        let spec =
            "\n[[assert]]\nexpr = \"sum(完成投资) <= 2000\"\nmessage = \"分项之和不能超过总额\"\n";
        let err = run(spec, &projects()).unwrap_err();
        assert_eq!(
            err,
            "charts/c.toml:3:9: assertion failed: sum(完成投资) <= 2000 \
             (sum(完成投资) = 2,020.3, right side = 2,000): 分项之和不能超过总额"
        );
        let err =
            one("count() > 2 and (max(完成投资) < 1000 or value(状态, \"制造业\") == \"完成\")")
                .unwrap_err();
        assert!(
            err.ends_with("(max(完成投资) = 1,001.9, right side = 1,000; value(状态, \"制造业\") = \"进行\", right side = \"完成\")"),
            "{err}"
        );
        assert!(one("not count() == 3")
            .unwrap_err()
            .contains("(count() = 3, right side = 3)"));
    }

    #[test]
    fn unknown_names_point_into_the_spec() {
        // `\"` escapes before the name must not throw the column off.
        let spec = "[[assert]]\nexpr = \"value(\\\"完成投\\\", \\\"科技创新\\\") > 0\"\n";
        let err = run(spec, &projects()).unwrap_err();
        assert!(err.starts_with("charts/c.toml:2:15: no column `完成投` in charts/key.csv\n  hint: the columns are: 领域, 完成投资, 状态"), "{err}");
        let err = one("value(完成投资, 科技) > 0").unwrap_err();
        assert!(
            err.starts_with("charts/c.toml:2:21: no row `科技`"),
            "{err}"
        );
        assert!(err.contains("hint: rows are named by their first column: 科技创新, 制造业"));
        let err = one("sum(状态) > 0").unwrap_err();
        assert!(err.contains("is `完成`, not a number"), "{err}");
    }

    #[test]
    fn parse_errors_point_into_the_spec() {
        let err = one("sum(完成投资) <= ").unwrap_err();
        assert_eq!(
            err,
            "charts/c.toml:2:22: invalid assertion: expected a value, found end of expression"
        );
        let spec = "[[assert]]\nexpr = \"\"\"\nsum(x) = 1\"\"\"\n";
        assert!(run(spec, &projects())
            .unwrap_err()
            .starts_with("charts/c.toml:3:8: invalid assertion: use `==`"));
    }

    #[test]
    fn non_boolean_and_arithmetic_errors() {
        assert!(one("sum(完成投资)")
            .unwrap_err()
            .contains("must be true or false"));
        assert!(one("1 / (count() - 3) > 0")
            .unwrap_err()
            .contains("division by zero: `(count() - 3)` is 0"));
        assert!(one("value(状态, 制造业) + 1 > 0")
            .unwrap_err()
            .contains("cannot do arithmetic"));
        assert!(one("sum(完成投资) > \"a\"")
            .unwrap_err()
            .contains("cannot compare"));
    }

    #[test]
    fn shares_without_a_total_row_use_the_sum() {
        let t = table("项目,值\n甲,1\n乙,3");
        let spec = "[[assert]]\nexpr = 'share(值, 甲) == 0.25 and count() == 2'\n";
        assert_eq!(run(spec, &t), Ok(()));
        assert_eq!(show_number(2020.3000000000002), "2,020.3");
        assert_eq!(
            show_number(-0.125),
            "−0.125",
            "the real minus sign, as everywhere"
        );
    }

    #[test]
    fn every_prefix_parses_or_fails_cleanly() {
        let t = projects();
        let src = "not (abs(sum(完成投资) - value(\"完成投资\", \"合计\")) / count() >= 1e-3) || share(完成投资, 制造业) != -0.5 * 2";
        for (i, _) in src.char_indices().chain([(src.len(), ' ')]) {
            let prefix = &src[..i];
            if let Ok(e) = parse(prefix) {
                let _ = eval(&e, &t, prefix);
            }
        }
        assert!(parse(src).is_ok());
    }
}
