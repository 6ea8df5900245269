//! `baogao serve`: build the site in memory, serve it on 127.0.0.1, rebuild what a
//! change affects and reload open pages.
//!
//! - [`engine`]: the incremental build (what depends on what, and the rebuild).
//! - `watch`: file events from content/, charts/, templates/, static/ and baogao.toml, debounced.
//! - `http`: the HTTP server over the in-memory site (tiny_http).
//! - `live`: the live-reload script, the error overlay and the shared build state.
//! - `terminal`: what each rebuild prints.
//!
//! The site is served under base_url's path, as it will be deployed (a site with
//! `base_url = "https://example.org/reports/"` is at `http://127.0.0.1:1111/reports/`,
//! and `/` redirects there), so the output served is byte for byte what `build`
//! writes; only HTML responses get the reload script, added as they are sent.

pub mod engine;
mod http;
mod live;
mod terminal;
mod watch;

use std::path::Path;
use std::sync::Arc;

use crate::error::{Diagnostic, Error};
use crate::site::BuildOptions;

pub use engine::{Engine, Rebuild};
use live::Live;

/// Runs the dev server until the process is stopped.
pub fn run(root: &Path, bind: &str, port: u16) -> Result<(), Error> {
    if !root.is_dir() {
        return Err(Diagnostic::file(root, "no such folder")
            .with_hint("give the site's folder with --root")
            .into());
    }
    let (server, addr) = http::bind(bind, port)?;
    let mut watch = watch::Watch::start(
        &std::fs::canonicalize(root).map_err(|e| Error::internal(root.display(), e))?,
    )?;
    let (mut engine, first) = Engine::new(root, BuildOptions::default());
    terminal::print(&first);
    let error = first.result.as_ref().err().map(terminal::error_text);
    let live = Arc::new(Live::new(
        engine.base_path().to_string(),
        engine.files(),
        error,
    ));
    http::start(&server, addr, &live)?;
    let host = if addr.is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    println!(
        "serving http://{host}:{}{} (Ctrl+C to stop)",
        addr.port(),
        engine.base_path()
    );
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this address can read the preview",
            addr.ip()
        );
    }
    while let Some(paths) = watch.next_batch() {
        if let Some(r) = engine.rebuild(&paths) {
            terminal::print(&r);
            if engine.base_path() != live.snapshot().base_path {
                println!(
                    "serving http://{host}:{}{} now (base_url changed)",
                    addr.port(),
                    engine.base_path()
                );
            }
            let error = r.result.as_ref().err().map(terminal::error_text);
            live.publish(engine.base_path().to_string(), engine.files(), error);
        }
    }
    Err(Error::Internal("file watching stopped".into()))
}
