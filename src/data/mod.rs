//! Data files under charts/ (SPEC §5): loading, number formatting, assertions.

pub mod assert;
pub mod format;
pub mod load;
pub mod roles;
pub mod row_path;
pub mod sidecar;
pub mod table;
pub mod time;
pub mod transform;
pub mod units;
pub mod words;

pub use table::{Bound, Cell, Gap, Number, Qualifier, Row, RowMiss, RowRole, Table};
