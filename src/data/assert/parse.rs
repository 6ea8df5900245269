//! The recursive-descent parser of the assertion language.
//!
//! Precedence, loosest first: `or`/`||`, `and`/`&&`, `not`/`!`, one comparison
//! (`< <= > >= == !=`, not chained), `+ -`, `* /`, unary `-`, then numbers, strings,
//! parentheses and function calls. Nesting is limited so no input can exhaust the stack.

use super::ast::{binary, node, BinOp, Call, Expr, ExprKind, Name, Parsed, MAX_DEPTH, TOO_DEEP};
use super::lex::{tokenize, Tok, Token};

/// The functions an assertion can call: the one list for the parser's hint and the
/// reference page (docs/content/reference/assertions.md, checked by tests/docs.rs).
pub const FUNCTIONS: &[&str] = &[
    "sum", "min", "max", "count", "value", "share", "missing", "abs",
];

/// The functions only row expressions (`filter`, `derive`) can call, besides
/// `share(column)` with one argument (docs/content/data/transforms.md).
pub const ROW_FUNCTIONS: &[&str] = &["change", "pct_change", "yoy", "cumsum"];

/// Parses an assertion. An error carries the byte offset of the problem.
pub fn parse(src: &str) -> Result<Expr, (usize, String)> {
    parse_in(src, false)
}

/// Parses a row expression (`filter`, `derive`): a bare name is the row's cell in that
/// column, and the per-row functions (`change`, `pct_change`, `yoy`, `cumsum`,
/// `share(column)`) are known besides the table functions.
pub fn parse_row(src: &str) -> Result<Expr, (usize, String)> {
    parse_in(src, true)
}

fn parse_in(src: &str, row_mode: bool) -> Result<Expr, (usize, String)> {
    let tokens = tokenize(src)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        nesting: 0,
        row_mode,
    };
    let expr = p.or()?;
    match p.peek() {
        Tok::End => Ok(expr),
        Tok::Op(op) if is_comparison(op) => Err((
            p.start(),
            "comparisons cannot be chained; join them with `and`".to_string(),
        )),
        _ => Err((p.start(), format!("unexpected {}", p.describe()))),
    }
}

fn is_comparison(op: &str) -> bool {
    matches!(op, "<" | "<=" | ">" | ">=" | "==" | "!=")
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// How deep the parser has recursed (parentheses, `-`, `not`, `abs`).
    nesting: usize,
    /// A row expression: bare names are cells, per-row functions are allowed.
    row_mode: bool,
}

impl Parser {
    fn peek(&self) -> &Tok {
        self.tokens.get(self.pos).map_or(&Tok::End, |t| &t.tok)
    }
    fn start(&self) -> usize {
        self.tokens.get(self.pos).map_or(0, |t| t.start)
    }
    fn end_of_previous(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.end)
    }
    fn bump(&mut self) -> Tok {
        let tok = self.peek().clone();
        self.pos += 1;
        tok
    }
    /// The token after the next one (what follows a one-token name).
    fn peek_after_name(&self) -> &Tok {
        self.tokens.get(self.pos + 1).map_or(&Tok::End, |t| &t.tok)
    }
    fn describe(&self) -> String {
        self.peek().to_string()
    }
    fn expect(&mut self, want: &Tok, what: &str) -> Result<(), (usize, String)> {
        if self.peek() == want {
            self.pos += 1;
            Ok(())
        } else {
            Err((
                self.start(),
                format!("expected {what}, found {}", self.describe()),
            ))
        }
    }

    /// A left-associative chain of `next` joined by the operators in `ops`.
    fn chain(&mut self, ops: &[(&str, BinOp)], next: fn(&mut Self) -> Parsed) -> Parsed {
        let mut lhs = next(self)?;
        while let Tok::Op(op) = *self.peek() {
            let Some(&(_, bin)) = ops.iter().find(|(o, _)| *o == op) else {
                break;
            };
            self.pos += 1;
            let rhs = next(self)?;
            lhs = binary(bin, lhs, rhs)?;
        }
        Ok(lhs)
    }

    /// Runs `f` one level deeper, refusing input nested past [`MAX_DEPTH`].
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Parsed) -> Parsed {
        if self.nesting >= MAX_DEPTH {
            return Err((self.start(), TOO_DEEP.to_string()));
        }
        self.nesting += 1;
        let out = f(self);
        self.nesting -= 1;
        out
    }

    fn or(&mut self) -> Parsed {
        self.chain(&[("||", BinOp::Or)], Self::and)
    }
    fn and(&mut self) -> Parsed {
        self.chain(&[("&&", BinOp::And)], Self::not)
    }
    fn not(&mut self) -> Parsed {
        if *self.peek() == Tok::Op("!") {
            let start = self.start();
            self.pos += 1;
            let inner = self.nested(Self::not)?;
            let (span, depth) = (start..inner.span.end, inner.depth);
            return node(ExprKind::Not(Box::new(inner)), span, depth);
        }
        self.comparison()
    }
    /// At most one comparison: `a < b < c` is refused by [`parse`] at the second `<`.
    fn comparison(&mut self) -> Parsed {
        let lhs = self.additive()?;
        let bin = match self.peek() {
            Tok::Op("<") => BinOp::Lt,
            Tok::Op("<=") => BinOp::Le,
            Tok::Op(">") => BinOp::Gt,
            Tok::Op(">=") => BinOp::Ge,
            Tok::Op("==") => BinOp::Eq,
            Tok::Op("!=") => BinOp::Ne,
            _ => return Ok(lhs),
        };
        self.pos += 1;
        let rhs = self.additive()?;
        binary(bin, lhs, rhs)
    }
    fn additive(&mut self) -> Parsed {
        self.chain(
            &[("+", BinOp::Add), ("-", BinOp::Sub)],
            Self::multiplicative,
        )
    }
    fn multiplicative(&mut self) -> Parsed {
        self.chain(&[("*", BinOp::Mul), ("/", BinOp::Div)], Self::unary)
    }
    fn unary(&mut self) -> Parsed {
        if *self.peek() == Tok::Op("-") {
            let start = self.start();
            self.pos += 1;
            let inner = self.nested(Self::unary)?;
            let (span, depth) = (start..inner.span.end, inner.depth);
            return node(ExprKind::Neg(Box::new(inner)), span, depth);
        }
        self.primary()
    }
    fn primary(&mut self) -> Parsed {
        let start = self.start();
        match self.bump() {
            Tok::Num(v) => node(ExprKind::Number(v), start..self.end_of_previous(), 0),
            Tok::Str(s) => node(ExprKind::Text(s), start..self.end_of_previous(), 0),
            Tok::LParen => {
                let inner = self.nested(Self::or)?;
                self.expect(&Tok::RParen, "`)`")?;
                Ok(Expr {
                    span: start..self.end_of_previous(),
                    ..inner
                })
            }
            Tok::Ident(name) if *self.peek() == Tok::LParen => {
                self.pos += 1;
                let call = self.call(&name, start)?;
                self.expect(&Tok::RParen, "`)`")?;
                let span = start..self.end_of_previous();
                let depth = match &call {
                    Call::Abs(e) => e.depth,
                    _ => 0,
                };
                node(ExprKind::Call(call), span, depth)
            }
            Tok::Ident(text) if self.row_mode => node(
                ExprKind::Column(Name {
                    text,
                    offset: start,
                }),
                start..self.end_of_previous(),
                0,
            ),
            Tok::Ident(name) if name == "true" || name == "false" => Err((
                start,
                format!("`{name}` is no value here: a comparison is already true or false; write `x` for `x == true` and `not (x)` for `x == false`"),
            )),
            Tok::Ident(name) => Err((
                start,
                format!("`{name}` alone has no value; use a function such as sum({name})"),
            )),
            _ => {
                self.pos -= 1;
                Err((
                    start,
                    format!("expected a value, found {}", self.describe()),
                ))
            }
        }
    }

    /// The arguments of function `name` (the `(` is already read, the `)` is not).
    fn call(&mut self, name: &str, start: usize) -> Result<Call, (usize, String)> {
        Ok(match name {
            "sum" => Call::Sum(self.name("a column")?),
            "min" => Call::Min(self.name("a column")?),
            "max" => Call::Max(self.name("a column")?),
            "count" => Call::Count,
            "share" if self.row_mode && *self.peek_after_name() == Tok::RParen => {
                Call::RowShare(self.name("a column")?)
            }
            "change" | "pct_change" | "yoy" | "cumsum" if !self.row_mode => {
                return Err((
                    start,
                    format!("`{name}` works only in `filter` and `derive` expressions, which look at one row at a time"),
                ))
            }
            "change" => Call::Change(self.name("a column")?),
            "pct_change" => Call::PctChange(self.name("a column")?),
            "yoy" => Call::Yoy(self.name("a column")?),
            "cumsum" => Call::Cumsum(self.name("a column")?),
            "value" | "share" | "missing" => {
                let col = self.name("a column")?;
                self.expect(&Tok::Comma, "`,` and a row label")?;
                let row = self.name("a row label")?;
                match name {
                    "value" => Call::Value(col, row),
                    "share" => Call::Share(col, row),
                    _ => Call::Missing(col, row),
                }
            }
            "abs" => Call::Abs(Box::new(self.nested(Self::or)?)),
            _ => {
                let mut known = FUNCTIONS.to_vec();
                if self.row_mode {
                    known.extend(ROW_FUNCTIONS);
                }
                let known = known.join(", ");
                return Err((
                    start,
                    format!("unknown function `{name}`; known: {known}"),
                ));
            }
        })
    }

    /// A column or row name: a bare name or a string.
    fn name(&mut self, what: &str) -> Result<Name, (usize, String)> {
        let offset = self.start();
        match self.peek().clone() {
            Tok::Ident(text) | Tok::Str(text) => {
                self.pos += 1;
                Ok(Name { text, offset })
            }
            _ => Err((
                offset,
                format!("expected {what}, found {}", self.describe()),
            )),
        }
    }
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

    fn shape(src: &str) -> String {
        fn go(e: &Expr) -> String {
            match &e.kind {
                ExprKind::Number(v) => v.to_string(),
                ExprKind::Text(s) => format!("{s:?}"),
                ExprKind::Call(c) => format!("{c:?}"),
                ExprKind::Column(n) => format!("[{}]", n.text),
                ExprKind::Not(e) => format!("!{}", go(e)),
                ExprKind::Neg(e) => format!("-{}", go(e)),
                ExprKind::Binary(op, l, r) => format!("({} {op:?} {})", go(l), go(r)),
            }
        }
        go(&parse(src).unwrap_or_else(|e| panic!("{src}: {e:?}")))
    }

    #[test]
    fn precedence() {
        assert_eq!(
            shape("1 + 2 * 3 < 4 - -5"),
            "((1 Add (2 Mul 3)) Lt (4 Sub -5))"
        );
        assert_eq!(
            shape("not 1 < 2 and 3 > 4 or 5 == 5"),
            "((!(1 Lt 2) And (3 Gt 4)) Or (5 Eq 5))"
        );
        assert_eq!(
            shape("!(1 != 2) && (1 >= 2 || 1 <= 2)"),
            "(!(1 Ne 2) And ((1 Ge 2) Or (1 Le 2)))"
        );
        assert_eq!(shape("8 / 4 / 2"), "((8 Div 4) Div 2)");
    }

    #[test]
    fn calls_take_bare_or_quoted_names() {
        let e = parse(r#"share(完成投资, "科技创新") < 0.01"#).unwrap();
        let ExprKind::Binary(_, lhs, _) = e.kind else {
            panic!()
        };
        let ExprKind::Call(Call::Share(col, row)) = lhs.kind else {
            panic!()
        };
        assert_eq!((col.text.as_str(), col.offset), ("完成投资", 6));
        assert_eq!(row.text, "科技创新");
        assert_eq!(lhs.span, 0..35);
        assert!(parse("count() > 0 and abs(sum(\"a b\") - max(x)) < min(y)").is_ok());
    }

    #[test]
    fn errors_have_offsets() {
        let cases: [(&str, usize, &str); 10] = [
            (
                "sum(x) <= ",
                10,
                "expected a value, found end of expression",
            ),
            ("sum(x <= 1", 6, "expected `)`"),
            ("foo(x) > 1", 0, "unknown function `foo`"),
            ("完成投资 > 1", 0, "`完成投资` alone has no value"),
            ("(count() > 0) == false", 17, "`false` is no value here"),
            ("1 < 2 < 3", 6, "cannot be chained"),
            ("value(x) > 1", 7, "expected `,`"),
            ("sum(1) > 1", 4, "expected a column"),
            ("(1 > 2", 6, "expected `)`"),
            ("1 > 2 3", 6, "unexpected number"),
        ];
        for (src, offset, msg) in cases {
            let (o, m) = parse(src).unwrap_err();
            assert_eq!(o, offset, "{src}: {m}");
            assert!(m.contains(msg), "{src}: {m}");
        }
    }

    #[test]
    fn deep_input_is_refused_not_overflowed() {
        let deep = format!("{}1{} > 0", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse(&deep).unwrap_err().1.contains("nested"));
        let neg = format!("{}1 > 0", "-".repeat(100_000));
        assert!(parse(&neg).is_err());
        let long = format!("1{} > 0", " + 1".repeat(100_000));
        assert!(parse(&long).is_err());
        let nots = format!("{}1 > 0", "not ".repeat(100_000));
        assert!(parse(&nots).is_err());
        let ok = format!("{}1{} > 0", "(".repeat(40), ")".repeat(40));
        assert!(parse(&ok).is_ok());
    }
}
