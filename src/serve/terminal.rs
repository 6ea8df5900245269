//! What `baogao serve` prints: the address, and for each rebuild what changed, what
//! was rebuilt and how long it took, or the problems (the same text the browser shows).

use super::engine::{Rebuild, Work};
use crate::error::Error;

/// The problems of a failed build, one `error: file:line: message` line each, as
/// `baogao build` prints them.
pub fn error_text(e: &Error) -> String {
    match e {
        Error::User(ds) => {
            let mut out: Vec<String> = ds.0.iter().map(|d| format!("error: {d}")).collect();
            let n = ds.0.len();
            out.push(format!(
                "{n} problem{} found",
                if n == 1 { "" } else { "s" }
            ));
            out.join("\n")
        }
        Error::Internal(_) => format!("error: {e}"),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `parsed 1 file, 1 body, 1 page; listings kept`.
pub fn describe(w: &Work) -> String {
    let mut parts = Vec::new();
    if w.parsed > 0 {
        parts.push(format!("parsed {}", plural(w.parsed, "file", "files")));
    }
    if w.charts > 0 {
        parts.push(format!("drew {}", plural(w.charts, "chart", "charts")));
    }
    if w.bodies > 0 {
        parts.push(format!("rendered {}", plural(w.bodies, "body", "bodies")));
    }
    if w.pages > 0 {
        parts.push(plural(w.pages, "page", "pages"));
    }
    parts.push(if w.listings > 0 {
        format!("{} of listings", plural(w.listings, "file", "files"))
    } else {
        "listings kept".to_string()
    });
    if w.assets {
        parts.push("assets".to_string());
    }
    parts.join(", ")
}

/// Prints one rebuild.
pub fn print(r: &Rebuild) {
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    let ms = r.took.as_secs_f64() * 1000.0;
    if !r.changed.is_empty() {
        let shown: Vec<&str> = r.changed.iter().take(5).map(String::as_str).collect();
        let more = r.changed.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        println!("changed: {}{more}", shown.join(", "));
    }
    let (done, failed) = if r.work.full {
        ("full build", "full build")
    } else {
        ("rebuilt", "rebuild")
    };
    match &r.result {
        Ok(()) => println!(
            "{done} in {ms:.1} ms: {}; serving {} files",
            describe(&r.work),
            r.files
        ),
        Err(e) => {
            eprintln!("{}", error_text(e));
            eprintln!("{failed} failed after {ms:.1} ms; the browser shows these problems until they are fixed");
        }
    }
}
