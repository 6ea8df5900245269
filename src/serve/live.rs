//! What the HTTP threads share with the rebuild loop, and live reload.
//!
//! Each rebuild publishes a new [`Snapshot`] with the next generation number. Served
//! HTML carries a small script holding the generation it was served at; the script
//! long-polls [`EVENTS_PATH`](super::http::route::EVENTS_PATH), which answers as soon
//! as the generation moves on, and the page reloads. While the last rebuild failed,
//! every HTML response carries an overlay with the problems, as the terminal printed
//! them; the next good rebuild reloads the page without it.

use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::engine::Files;
use super::http::route::EVENTS_PATH;
use crate::render::escape_html;

/// The site as served between two rebuilds.
pub struct Snapshot {
    pub generation: u64,
    pub base_path: String,
    /// The last site built without problems.
    pub files: Arc<Files>,
    /// The problems of the last rebuild, if it failed.
    pub error: Option<String>,
}

pub struct Live {
    current: RwLock<Arc<Snapshot>>,
    generation: Mutex<u64>,
    moved: Condvar,
}

impl Live {
    pub fn new(base_path: String, files: Arc<Files>, error: Option<String>) -> Live {
        Live {
            current: RwLock::new(Arc::new(Snapshot {
                generation: 1,
                base_path,
                files,
                error,
            })),
            generation: Mutex::new(1),
            moved: Condvar::new(),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Serves a new build (or a failed one's problems) and wakes the waiting pages,
    /// unless nothing they could see changed (then open pages are left alone).
    pub fn publish(&self, base_path: String, files: Arc<Files>, error: Option<String>) {
        let now = self.snapshot();
        if now.base_path == base_path && now.error == error && same_files(&now.files, &files) {
            return;
        }
        let mut generation = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        *generation += 1;
        let snapshot = Arc::new(Snapshot {
            generation: *generation,
            base_path,
            files,
            error,
        });
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = snapshot;
        self.moved.notify_all();
    }

    /// Blocks until the generation differs from `since` or `timeout` passes; returns
    /// the generation then.
    pub fn wait(&self, since: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut generation = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        while *generation == since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            generation = match self.moved.wait_timeout(generation, left) {
                Ok((g, _)) => g,
                Err(p) => p.into_inner().0,
            };
        }
        *generation
    }
}

/// Whether two builds hold the same files (unchanged outputs share their bytes, so
/// this is mostly pointer comparisons).
fn same_files(a: &Files, b: &Files) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b.iter())
            .all(|((ka, va), (kb, vb))| ka == kb && (Arc::ptr_eq(va, vb) || va == vb))
}

/// The live-reload script for a page served at `generation`.
pub fn script(generation: u64) -> String {
    format!(
        "<script>/* baogao serve: live reload */(function(){{var g={generation};\
function poll(){{fetch(\"{EVENTS_PATH}?since=\"+g,{{cache:\"no-store\"}})\
.then(function(r){{if(!r.ok)throw r.status;return r.json()}})\
.then(function(d){{if(d.generation!==g){{location.reload()}}else{{poll()}}}})\
.catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

/// The overlay showing a failed rebuild's problems over the page.
pub fn overlay(error: &str) -> String {
    format!(
        "<div id=\"baogao-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
overflow:auto;margin:0;padding:2em;background:#fff8f6;color:#7a1200;font:15px/1.5 ui-monospace,monospace\">\
<h1 style=\"font-size:1.2em;margin:0 0 1em\">baogao: 构建失败 — build failed</h1>\
<pre style=\"white-space:pre-wrap;margin:0 0 1em\">{}</pre>\
<p style=\"margin:0;color:#555\">改好文件并保存，本页会自动刷新。Fix the file and save; this page reloads.</p></div>",
        escape_html(error)
    )
}

/// A whole page for the problems, when there is no built page to lay them over.
pub fn error_page(error: &str, generation: u64) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>构建失败 — baogao</title>\
</head><body>{}{}</body></html>",
        overlay(error),
        script(generation)
    )
}

/// `html` with `extra` put before its `</body>` (or at the end).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let (head, tail) = html.split_at(at);
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(head);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(tail);
    out
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

    #[test]
    fn injects_before_the_last_body_end() {
        assert_eq!(
            inject(b"<body>a</body></html>", "X"),
            b"<body>aX</body></html>"
        );
        assert_eq!(inject(b"no body", "X"), b"no bodyX");
    }

    #[test]
    fn overlay_escapes() {
        let o = overlay("content/a.md:3: unknown chart `<x>`");
        assert!(o.contains("content/a.md:3: unknown chart `&lt;x&gt;`"));
    }

    #[test]
    fn wait_returns_on_publish_or_timeout() {
        let live = Arc::new(Live::new("/".into(), Arc::new(Files::new()), None));
        assert_eq!(live.wait(1, Duration::from_millis(10)), 1);
        let l2 = Arc::clone(&live);
        let t = std::thread::spawn(move || l2.wait(1, Duration::from_secs(10)));
        std::thread::sleep(Duration::from_millis(20));
        live.publish("/".into(), Arc::new(Files::new()), Some("error: x".into()));
        assert_eq!(t.join().unwrap(), 2);
        // The same problems again, or the same files, wake nobody.
        live.publish("/".into(), Arc::new(Files::new()), Some("error: x".into()));
        assert_eq!(live.snapshot().generation, 2);
    }
}
