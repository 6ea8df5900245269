//! baogao: a static site generator for data-driven reports.
//!
//! The build is a pipeline and the modules follow it:
//!
//! 1. [`load`]: read `baogao.toml`, the content tree, chart specs and data files.
//! 2. [`parse`]: front matter, shortcodes, Markdown.
//! 3. [`charts`]: draw each chart once as SVG (one module per kind, shared frame/text).
//! 4. [`render`]: Tera templates turn pages, listings and figures into HTML.
//! 5. [`write`]: put the files in place atomically, or keep them in memory.
//!
//! [`site`] drives the pipeline; `build`, `check` and `serve` all go through it.

pub mod charts;
pub mod commands;
pub mod config;
pub mod data;
pub mod error;
pub mod init;
pub mod load;
pub mod parse;
pub mod render;
pub mod serve;
pub mod site;
pub mod write;

pub use error::{Diagnostic, Diagnostics, Error};
