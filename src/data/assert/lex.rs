//! Tokens of the assertion language: numbers, double-quoted strings, names (any Unicode
//! letters, digits and `_`, so `完成投资` and `2025年` are names), operators and
//! punctuation, each with its byte range in the expression.

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Num(f64),
    Str(String),
    Ident(String),
    /// An operator, spelled canonically: `and` → `&&`, `or` → `||`, `not` → `!`.
    Op(&'static str),
    LParen,
    RParen,
    Comma,
    End,
}

impl std::fmt::Display for Tok {
    /// The token as named in error messages: `` `)` ``, ``name `x` ``, "end of expression".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tok::Num(_) => write!(f, "number"),
            Tok::Str(s) => write!(f, "string \"{s}\""),
            Tok::Ident(s) => write!(f, "name `{s}`"),
            Tok::Op(op) => write!(f, "`{op}`"),
            Tok::LParen => write!(f, "`(`"),
            Tok::RParen => write!(f, "`)`"),
            Tok::Comma => write!(f, "`,`"),
            Tok::End => write!(f, "end of expression"),
        }
    }
}

/// A token and where it is (byte offsets into the expression).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

/// Operators, longest first so `<=` wins over `<`.
const OPS: [&str; 13] = [
    "<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "!",
];

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits an expression into tokens, ending with [`Tok::End`]. An error carries the
/// byte offset of the problem.
pub fn tokenize(src: &str) -> Result<Vec<Token>, (usize, String)> {
    let mut tokens = Vec::new();
    let mut rest = src;
    loop {
        let trimmed = rest.trim_start();
        let start = src.len() - trimmed.len();
        rest = trimmed;
        let Some(c) = rest.chars().next() else {
            tokens.push(Token {
                tok: Tok::End,
                start,
                end: start,
            });
            return Ok(tokens);
        };
        let (tok, len) = if c.is_ascii_digit() {
            number_or_name(rest).map_err(|(o, m)| (start + o, m))?
        } else if is_name_char(c) {
            let len = rest.find(|c| !is_name_char(c)).unwrap_or(rest.len());
            let word = rest.get(..len).unwrap_or("");
            let tok = match word {
                "and" => Tok::Op("&&"),
                "or" => Tok::Op("||"),
                "not" => Tok::Op("!"),
                _ => Tok::Ident(word.to_string()),
            };
            (tok, len)
        } else if c == '"' {
            string(rest).map_err(|(o, m)| (start + o, m))?
        } else if let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) {
            (Tok::Op(op), op.len())
        } else {
            let tok = match c {
                '(' => Tok::LParen,
                ')' => Tok::RParen,
                ',' => Tok::Comma,
                '=' => return Err((start, "use `==` to compare".to_string())),
                '&' | '|' => return Err((start, format!("use `{c}{c}` (or `and` / `or`)"))),
                _ => return Err((start, format!("unexpected character `{c}`"))),
            };
            (tok, c.len_utf8())
        };
        tokens.push(Token {
            tok,
            start,
            end: start + len,
        });
        rest = rest.get(len..).unwrap_or("");
    }
}

/// A number (`2020.3`, `1e5`), or a name that starts with digits (`2025年`).
fn number_or_name(s: &str) -> Result<(Tok, usize), (usize, String)> {
    let digits = |from: usize| {
        s.get(from..).map_or(0, |r| {
            r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len())
        })
    };
    let mut len = digits(0);
    let mut fraction = false;
    if s.get(len..).is_some_and(|r| r.starts_with('.')) && digits(len + 1) > 0 {
        len += 1 + digits(len + 1);
        fraction = true;
    }
    if let Some(r) = s.get(len..) {
        let mut exp = 0;
        if r.starts_with(['e', 'E']) {
            exp = 1;
            if r.get(1..).is_some_and(|x| x.starts_with(['+', '-'])) {
                exp = 2;
            }
        }
        let exp_digits = digits(len + exp);
        if exp > 0 && exp_digits > 0 {
            len += exp + exp_digits;
            fraction = true;
        }
    }
    let after = s.get(len..).and_then(|r| r.chars().next());
    if after.is_some_and(is_name_char) {
        if fraction {
            return Err((
                len,
                format!("unexpected `{}` after a number", after.unwrap_or(' ')),
            ));
        }
        let name_len = s.find(|c| !is_name_char(c)).unwrap_or(s.len());
        return Ok((
            Tok::Ident(s.get(..name_len).unwrap_or("").to_string()),
            name_len,
        ));
    }
    let text = s.get(..len).unwrap_or("");
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok((Tok::Num(v), len)),
        _ => Err((0, format!("number `{text}` is too large"))),
    }
}

/// A double-quoted string with `\"` and `\\` escapes.
fn string(s: &str) -> Result<(Tok, usize), (usize, String)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((Tok::Str(out), i + 1)),
            '\\' => match chars.next() {
                Some((_, e @ ('"' | '\\'))) => out.push(e),
                Some((j, e)) => return Err((j, format!("unknown escape `\\{e}` in a string"))),
                None => break,
            },
            _ => out.push(c),
        }
    }
    Err((0, "string is not closed with `\"`".to_string()))
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

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn names_numbers_and_operators() {
        assert_eq!(
            toks("sum(完成投资) <= 2,020.3e1"),
            [
                Tok::Ident("sum".into()),
                Tok::LParen,
                Tok::Ident("完成投资".into()),
                Tok::RParen,
                Tok::Op("<="),
                Tok::Num(2.0),
                Tok::Comma,
                Tok::Num(203.0),
                Tok::End,
            ]
        );
        assert_eq!(toks("2025年")[0], Tok::Ident("2025年".into()));
        assert_eq!(toks("a and not b or c")[1], Tok::Op("&&"));
        assert_eq!(toks(r#""科技\"创新""#)[0], Tok::Str("科技\"创新".into()));
    }

    #[test]
    fn offsets_are_bytes() {
        let t = tokenize("完成 >= 1").unwrap();
        assert_eq!((t[1].start, t[1].end), (7, 9));
        assert_eq!(t[2].start, 10);
    }

    #[test]
    fn errors_carry_offsets() {
        assert_eq!(tokenize("a = 1").unwrap_err().0, 2);
        assert_eq!(
            tokenize("x > \"abc").unwrap_err(),
            (4, "string is not closed with `\"`".into())
        );
        assert_eq!(tokenize("1 # 2").unwrap_err().0, 2);
        assert_eq!(tokenize("1.5亿").unwrap_err().0, 3);
        assert!(tokenize("1e999").is_err());
        assert_eq!(tokenize("a & b").unwrap_err().0, 2);
    }
}
