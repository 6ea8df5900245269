//! `baogao serve`: the incremental build in-process (engine.rs, random.rs: after each
//! edit the served site equals a fresh full build), and a real `serve` process over
//! HTTP on a loopback port (process.rs: pages, edits, errors in the browser,
//! traversal); paged.rs edits a site whose listings are paged. site.rs and server.rs are the two harnesses; fixture.rs is the site they
//! start from.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "serve/engine.rs"]
mod engine;
#[path = "serve/fixture.rs"]
mod fixture;
#[path = "serve/paged.rs"]
mod paged;
#[path = "serve/process.rs"]
mod process;
#[path = "serve/random.rs"]
mod random;
#[path = "serve/server.rs"]
mod server;
#[path = "serve/site.rs"]
mod site;
