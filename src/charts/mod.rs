//! SVG charts drawn at build time from a spec and its data.

pub mod spec;

pub use spec::{ChartKind, ChartSpec};
