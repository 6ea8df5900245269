//! The syntax tree of an assertion: expressions with their source spans, the table
//! functions, and the depth limit that keeps every tree small enough to walk safely.

use std::ops::Range;

/// The deepest tree accepted; deeper input is an error, not a stack overflow.
pub const MAX_DEPTH: usize = 64;

/// A parsed expression and the bytes of the source it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Range<usize>,
    /// Height of the tree below and including this node (at most [`MAX_DEPTH`]).
    pub(super) depth: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Number(f64),
    Text(String),
    Call(Call),
    /// A bare column name in a row expression (`filter`, `derive`): the row's cell.
    Column(Name),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Add,
    Sub,
    Mul,
    Div,
}

/// A column or row named in a call, bare (`完成投资`) or quoted (`"科技创新"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    /// Byte offset of the name in the expression.
    pub offset: usize,
}

/// The functions over the table.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    Sum(Name),
    Min(Name),
    Max(Name),
    Count,
    /// `value(column, "row label")`.
    Value(Name, Name),
    /// `share(column, "row label")`: the value over the column's total.
    Share(Name, Name),
    /// `missing(column, "row label")`: whether the cell holds no value (blank, a
    /// missing mark or `…`).
    Missing(Name, Name),
    Abs(Box<Expr>),
    /// Row expressions only: the change against the previous period.
    Change(Name),
    /// Row expressions only: the change against the previous period, in per cent.
    PctChange(Name),
    /// Row expressions only: the change against the same period a year before, in per cent.
    Yoy(Name),
    /// Row expressions only: the running sum down to this row.
    Cumsum(Name),
    /// Row expressions only: `share(column)`, the row's part of the column's total, in per cent.
    RowShare(Name),
}

impl Call {
    /// Whether the call reads the row being evaluated (so it needs a row expression).
    pub fn per_row(&self) -> bool {
        matches!(
            self,
            Call::Change(_)
                | Call::PctChange(_)
                | Call::Yoy(_)
                | Call::Cumsum(_)
                | Call::RowShare(_)
        )
    }
}

pub(super) type Parsed = Result<Expr, (usize, String)>;

pub(super) const TOO_DEEP: &str = "expression is too long or nested too deeply";

/// A node over children of the given depths; too deep a tree is an error.
pub(super) fn node(kind: ExprKind, span: Range<usize>, child_depth: usize) -> Parsed {
    let depth = child_depth + 1;
    if depth > MAX_DEPTH {
        return Err((span.start, TOO_DEEP.to_string()));
    }
    Ok(Expr { kind, span, depth })
}

pub(super) fn binary(bin: BinOp, lhs: Expr, rhs: Expr) -> Parsed {
    let span = lhs.span.start..rhs.span.end;
    let depth = lhs.depth.max(rhs.depth);
    node(
        ExprKind::Binary(bin, Box::new(lhs), Box::new(rhs)),
        span,
        depth,
    )
}
