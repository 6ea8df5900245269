//! Which file of the built site a request path names. The site is in memory, so a
//! request can only ever reach a built file; still, any path that tries to climb
//! (`..`, encoded `.` `/` `\`, backslashes, NUL, control characters) is refused
//! outright rather than looked up.

/// The reserved path of the live-reload long-poll (outside any site path).
pub const EVENTS_PATH: &str = "/__baogao/events";

/// What to answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// A built file, by output path.
    File(String),
    /// Redirect to this path (a folder without its `/`, or `/` to the base path).
    Redirect(String),
    NotFound,
    Forbidden,
    /// The long-poll, with the generation the page was served at.
    Events(Option<u64>),
}

/// Routes `target` (the request target as sent: path and query) for a site served
/// under `base_path` (`/` or e.g. `/reports/`); `has` says whether an output exists.
pub fn route(target: &str, base_path: &str, has: impl Fn(&str) -> bool) -> Route {
    let (raw, query) = target.split_once('?').unwrap_or((target, ""));
    if raw == EVENTS_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok());
        return Route::Events(since);
    }
    let Some(path) = clean(raw) else {
        return Route::Forbidden;
    };
    let Some(rest) = path.strip_prefix(base_path) else {
        if path == "/" || format!("{path}/") == base_path {
            return Route::Redirect(base_path.to_string());
        }
        return Route::NotFound;
    };
    let key = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    if has(&key) {
        return Route::File(key);
    }
    if !rest.is_empty() && !rest.ends_with('/') && has(&format!("{rest}/index.html")) {
        let q = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        return Route::Redirect(ascii(&format!("{raw}/{q}")));
    }
    Route::NotFound
}

/// The decoded path, or None if it is not a plain absolute path inside the site.
fn clean(raw: &str) -> Option<String> {
    if !raw.starts_with('/') || raw.contains('\\') || raw.contains('\0') {
        return None;
    }
    let lower = raw.to_ascii_lowercase();
    if ["%2e", "%2f", "%5c", "%00"]
        .iter()
        .any(|e| lower.contains(e))
    {
        return None;
    }
    let decoded = String::from_utf8(percent_decode(raw)?).ok()?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    if decoded.split('/').any(|seg| seg == "." || seg == "..") {
        return None;
    }
    Some(decoded)
}

/// `%XX` escapes decoded; None for a malformed escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hi = char::from(bytes.next()?).to_digit(16)?;
            let lo = char::from(bytes.next()?).to_digit(16)?;
            out.push(u8::try_from(hi * 16 + lo).ok()?);
        } else {
            out.push(b);
        }
    }
    Some(out)
}

/// `s` with bytes outside printable ASCII percent-encoded (for a Location header).
fn ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The Content-Type of a built file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
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

    fn r(target: &str) -> Route {
        let files = [
            "index.html",
            "a/index.html",
            "charts/x.svg",
            "tags/chong-qing/index.html",
            "文件.txt",
        ];
        route(target, "/reports/", |k| files.contains(&k))
    }

    #[test]
    fn files_folders_and_base_path() {
        assert_eq!(r("/reports/"), Route::File("index.html".into()));
        assert_eq!(r("/reports/a/"), Route::File("a/index.html".into()));
        assert_eq!(
            r("/reports/a?x=1"),
            Route::Redirect("/reports/a/?x=1".into())
        );
        assert_eq!(
            r("/reports/charts/x.svg"),
            Route::File("charts/x.svg".into())
        );
        assert_eq!(
            r("/reports/%E6%96%87%E4%BB%B6.txt"),
            Route::File("文件.txt".into())
        );
        assert_eq!(r("/reports/文件.txt"), Route::File("文件.txt".into()));
        assert_eq!(r("/"), Route::Redirect("/reports/".into()));
        assert_eq!(r("/reports"), Route::Redirect("/reports/".into()));
        assert_eq!(r("/other/"), Route::NotFound);
        assert_eq!(r("/reports/nope"), Route::NotFound);
        assert_eq!(r("/__baogao/events?since=3"), Route::Events(Some(3)));
    }

    #[test]
    fn climbing_is_refused() {
        for t in [
            "/reports/../Cargo.toml",
            "/reports/a/..",
            "/reports/%2e%2e/x",
            "/reports/%2E%2E%2Fx",
            "/reports/..%2fx",
            "/reports/a%5c..%5cx",
            "/reports/a\\..\\x",
            "/reports/a%00",
            "/reports/a\0",
            "/reports/%zz",
            "/reports/%ff",
            "reports/a/",
            "http://evil/reports/",
        ] {
            assert_eq!(r(t), Route::Forbidden, "{t}");
        }
    }

    #[test]
    fn types() {
        assert_eq!(content_type("charts/x.svg"), "image/svg+xml");
        assert_eq!(content_type("charts/x.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
    }
}
