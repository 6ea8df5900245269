//! The HTTP side of `baogao serve` (tiny_http): a few worker threads answer from the
//! current in-memory [`Snapshot`](super::live::Snapshot); nothing is read from disk.
//! Live-reload long-polls get a thread each (at most [`MAX_WAITERS`]).
//!
//! When bound to a loopback address, requests must name a loopback host (`Host:
//! localhost`, `127.0.0.1`, `[::1]`), so a web page elsewhere cannot read the preview
//! through a DNS name that points at 127.0.0.1.

pub mod route;

use std::io::Cursor;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::live::{error_page, inject, overlay, script, Live, Snapshot};
use crate::error::Error;
use route::{content_type, route, Route};

const WORKERS: usize = 4;
/// Open pages waiting for a rebuild at once.
pub const MAX_WAITERS: usize = 64;
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

type Body = Cursor<Arc<[u8]>>;

/// Binds the server (port 0: any free port) and returns it with its address.
pub fn bind(bind: &str, port: u16) -> Result<(Arc<Server>, SocketAddr), Error> {
    let ip: IpAddr = bind.parse().map_err(|_| {
        Error::Internal(format!(
            "--bind `{bind}` is not an IP address (e.g. 127.0.0.1)"
        ))
    })?;
    let server = Server::http(SocketAddr::new(ip, port))
        .map_err(|e| Error::Internal(format!("cannot listen on {bind}:{port}: {e}")))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Internal("the server has no IP address".into()))?;
    Ok((Arc::new(server), addr))
}

/// Starts the worker threads answering requests from `live`.
pub fn start(server: &Arc<Server>, addr: SocketAddr, live: &Arc<Live>) -> Result<(), Error> {
    let waiters = Arc::new(AtomicUsize::new(0));
    for i in 0..WORKERS {
        let (server, live, waiters) = (Arc::clone(server), Arc::clone(live), Arc::clone(&waiters));
        std::thread::Builder::new()
            .name(format!("baogao-http-{i}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, addr, &live, &waiters);
                }
            })
            .map_err(|e| Error::internal("starting the HTTP threads", e))?;
    }
    Ok(())
}

fn handle(request: Request, addr: SocketAddr, live: &Arc<Live>, waiters: &Arc<AtomicUsize>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let r = with_header(
            text(405, "only GET and HEAD are served\n"),
            "Allow",
            "GET, HEAD",
        );
        let _ = request.respond(r);
        return;
    }
    if addr.ip().is_loopback() && !loopback_host(&request) {
        let _ = request.respond(text(403, "this preview answers only to localhost\n"));
        return;
    }
    let snap = live.snapshot();
    match route(request.url(), &snap.base_path, |k| {
        snap.files.contains_key(k)
    }) {
        Route::File(path) => {
            let response = file(&snap, &path, 200);
            let _ = request.respond(response);
        }
        Route::Redirect(to) => {
            let _ = request.respond(with_header(
                text(302, &format!("see {to}\n")),
                "Location",
                &to,
            ));
        }
        Route::NotFound => {
            let _ = request.respond(not_found(&snap));
        }
        Route::Forbidden => {
            let _ = request.respond(text(
                403,
                "forbidden: this path does not name a file of the site\n",
            ));
        }
        Route::Events(since) => long_poll(request, since, live, waiters),
    }
}

/// Answers a reload poll on its own thread once the build moves past `since`.
fn long_poll(request: Request, since: Option<u64>, live: &Arc<Live>, waiters: &Arc<AtomicUsize>) {
    let current = live.snapshot().generation;
    let since = since.unwrap_or(current);
    if waiters.fetch_add(1, Ordering::SeqCst) >= MAX_WAITERS {
        waiters.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(text(503, "too many open pages\n"));
        return;
    }
    let (live, waiters2) = (Arc::clone(live), Arc::clone(waiters));
    let spawned = std::thread::Builder::new()
        .name("baogao-poll".into())
        .spawn(move || {
            let generation = live.wait(since, POLL_TIMEOUT);
            let _ = request.respond(json(&format!("{{\"generation\":{generation}}}")));
            waiters2.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        waiters.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A built file; HTML gets the reload script, and the overlay while a rebuild failed.
fn file(snap: &Snapshot, path: &str, status: u16) -> Response<Body> {
    let bytes = snap
        .files
        .get(path)
        .cloned()
        .unwrap_or_else(|| Arc::from(&b""[..]));
    let ctype = content_type(path);
    let bytes = if ctype.starts_with("text/html") {
        let mut extra = snap.error.as_deref().map(overlay).unwrap_or_default();
        extra.push_str(&script(snap.generation));
        Arc::from(inject(&bytes, &extra))
    } else {
        bytes
    };
    respond(status, ctype, bytes)
}

fn not_found(snap: &Snapshot) -> Response<Body> {
    match (&snap.error, snap.files.contains_key("404.html")) {
        (Some(e), false) => respond(
            500,
            "text/html; charset=utf-8",
            Arc::from(error_page(e, snap.generation).into_bytes()),
        ),
        (_, true) => file(snap, "404.html", 404),
        (None, false) => text(404, "not found\n"),
    }
}

fn respond(status: u16, ctype: &str, bytes: Arc<[u8]>) -> Response<Body> {
    let len = bytes.len();
    let r = Response::new(
        StatusCode(status),
        Vec::new(),
        Cursor::new(bytes),
        Some(len),
        None,
    )
    // The length is known: send it, never chunks (tiny_http chunks bodies over 32 KiB).
    .with_chunked_threshold(usize::MAX);
    let r = with_header(r, "Content-Type", ctype);
    let r = with_header(r, "Cache-Control", "no-store");
    with_header(r, "X-Content-Type-Options", "nosniff")
}

fn text(status: u16, body: &str) -> Response<Body> {
    respond(
        status,
        "text/plain; charset=utf-8",
        Arc::from(body.as_bytes()),
    )
}

fn json(body: &str) -> Response<Body> {
    respond(200, "application/json", Arc::from(body.as_bytes()))
}

/// Adds a header (values here are ASCII; one that is not is left out).
fn with_header(r: Response<Body>, name: &str, value: &str) -> Response<Body> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => r.with_header(h),
        Err(()) => r,
    }
}

/// Whether the request's Host names this machine (a request without one is let in).
fn loopback_host(request: &Request) -> bool {
    let Some(host) = request.headers().iter().find(|h| h.field.equiv("Host")) else {
        return true;
    };
    let host = host.value.as_str().trim();
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    }
    .to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}
