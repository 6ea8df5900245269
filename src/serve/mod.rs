//! `baogao serve`: build the site in memory, serve it on 127.0.0.1, rebuild what a
//! change affects and reload open pages.
//!
//! - [`engine`]: the incremental build (what depends on what, and the rebuild).
//! - `watch`: file events from content/, charts/, templates/ and baogao.toml, debounced.
//! - `http`: the HTTP server over the in-memory site (tiny_http).
//! - `live`: the live-reload script, the error overlay and the shared build state.
//! - `terminal`: what each rebuild prints.
//!
//! The site is served under base_url's path, as it will be deployed (a site with
//! `base_url = "https://example.org/reports/"` is at `http://127.0.0.1:1111/reports/`,
//! and `/` redirects there), so the output served is byte for byte what `build`
//! writes; only HTML responses get the reload script, added as they are sent.

pub mod engine;

use std::path::Path;

use crate::error::Error;

pub use engine::{Engine, Rebuild};

/// Runs the dev server until the process is stopped.
pub fn run(_root: &Path, _bind: &str, _port: u16) -> Result<(), Error> {
    Err(Error::Internal(
        "serve is not available in this build yet".into(),
    ))
}
