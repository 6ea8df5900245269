//! Tera templates: the default theme compiled into the binary, a site's own templates/
//! overriding it file by file, and errors turned into `file:line:col` diagnostics.
//!
//! This is the renderer boundary: the site hands over plain serialisable context
//! values and gets HTML/XML text back; nothing here knows about pages or charts.

mod filters;
pub mod strings;
mod tera1;
pub mod theme;

use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};

use crate::error::{read_text, Diagnostic, Diagnostics, Error};
use crate::load::{slash_path, walk_files};

pub const TEMPLATES_DIR: &str = "templates";

/// The compiled templates of one site.
pub struct Templates {
    tera: Tera,
    /// Template names the site overrides (so errors name the user's file).
    overridden: Vec<String>,
}

impl Templates {
    /// Compiles the default theme with the site's templates/ laid over it.
    pub fn load(root: &Path) -> Result<Templates, Error> {
        let dir = root.join(TEMPLATES_DIR);
        let mut sources: Vec<(String, String)> = theme::TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let mut overridden = Vec::new();
        let mut problems = Diagnostics::default();
        for rel in walk_files(&dir)? {
            let name = slash_path(&rel);
            if name.starts_with("assets/") {
                continue;
            }
            let shown = Path::new(TEMPLATES_DIR).join(&rel);
            match read_text(&dir.join(&rel), &shown) {
                Ok(text) => {
                    sources.retain(|(n, _)| n != &name);
                    sources.push((name.clone(), text));
                    overridden.push(name);
                }
                Err(d) => problems.push(d),
            }
        }
        for name in &overridden {
            let clash = name
                .strip_prefix("shortcodes/")
                .and_then(|n| n.strip_suffix(".html").or_else(|| n.strip_suffix(".md")))
                .filter(|n| crate::parse::shortcodes::BUILT_IN.contains(n));
            if let Some(n) = clash {
                problems.push(
                    Diagnostic::file(
                        Path::new(TEMPLATES_DIR).join(name),
                        format!("a site shortcode cannot be called `{n}`: that is a built-in baogao shortcode"),
                    )
                    .with_hint(format!("rename the file, e.g. to templates/shortcodes/site_{n}.html, and call it by that name")),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let mut templates = Templates {
            tera: Tera::new(),
            overridden,
        };
        filters::register(&mut templates.tera);
        // Only the site's own templates can be Tera 1 (the default theme is Tera 2).
        let own: Vec<(String, String)> = sources
            .iter()
            .filter(|(n, _)| templates.overridden.contains(n))
            .cloned()
            .collect();
        if let Err(e) = templates.tera.add_raw_templates(sources) {
            let mut reports = templates.parse_reports(&e.to_string());
            if reports.is_empty() {
                reports.push(templates.diagnostic(&e, None));
            }
            // Tera stops at its first problem; a Tera 1 template has many, listed at once
            // (Tera's own report on such a file is one of them, said differently).
            let mut migration = tera1::scan(&own, Path::new(TEMPLATES_DIR));
            reports.retain(|r| !migration.iter().any(|m| m.file == r.file));
            migration.extend(reports);
            return Err(Diagnostics(migration).into());
        }
        Ok(templates)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| self.diagnostic(&e, Some(name)))
    }

    /// Renders template `name` with `context` as the bytes of a file. A page with
    /// inline charts runs to tens of kilobytes: it is written into one buffer of about
    /// that size, and checked to be UTF-8 with a vectorised check (the standard one was
    /// 2–3% of a chart-heavy build).
    pub fn render_bytes(&self, name: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(RENDER_BUFFER);
        self.tera
            .render_to(name, context, &mut out)
            .map_err(|e| self.diagnostic(&e, Some(name)))?;
        match simdutf8::basic::from_utf8(&out) {
            Ok(_) => Ok(out),
            Err(_) => Err(Diagnostic::file(
                self.shown(name),
                "the template wrote bytes that are not UTF-8 text",
            )),
        }
    }

    /// Where a template comes from, as shown to the user.
    fn shown(&self, name: &str) -> PathBuf {
        if self.overridden.iter().any(|n| n == name) || name.is_empty() {
            Path::new(TEMPLATES_DIR).join(name)
        } else {
            PathBuf::from(format!("{TEMPLATES_DIR}/{name} (default theme)"))
        }
    }

    /// Tera reports validation problems (unknown filters, functions, includes) as
    /// text blocks, `error: message` then ` --> name:line:col`; this reads them back.
    fn parse_reports(&self, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut message: Option<&str> = None;
        for line in text.lines() {
            if let Some(m) = line.strip_prefix("error: ") {
                message = Some(m);
            } else if let (Some(m), Some(loc)) = (message, line.trim_start().strip_prefix("--> ")) {
                let mut parts = loc.rsplitn(3, ':');
                let col = parts.next().and_then(|c| c.parse::<usize>().ok());
                let line_no = parts.next().and_then(|l| l.parse::<usize>().ok());
                if let (Some(name), Some(line_no)) = (parts.next(), line_no) {
                    out.push(Diagnostic::at(self.shown(name), line_no, col, m));
                }
                message = None;
            }
        }
        out
    }

    fn diagnostic(&self, e: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let span = r.span();
                let name = if r.filename().is_empty() {
                    rendering.unwrap_or("")
                } else {
                    r.filename()
                };
                Diagnostic::at(
                    self.shown(name),
                    span.start_line.max(1),
                    Some(span.start_col + 1),
                    r.message().to_string(),
                )
            }
            _ => {
                let mut message = e.to_string();
                let mut source = std::error::Error::source(e);
                while let Some(s) = source {
                    message.push_str(&format!(": {s}"));
                    source = s.source();
                }
                Diagnostic::file(self.shown(rendering.unwrap_or("")), message)
            }
        }
    }
}

/// The starting size of a rendered file's buffer (most pages fit; larger ones grow).
const RENDER_BUFFER: usize = 64 * 1024;

/// Escapes text for HTML and XML (`&`, `<`, `>`, `"`, `'`).
pub fn escape_html(s: &str) -> String {
    let mut buf = Vec::with_capacity(s.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(s, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
