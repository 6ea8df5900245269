//! Figures drawn when a page first asks for them and let go when the last page that
//! shows them is written, so a build holds only the figures of the pages in flight,
//! not every chart at once. A chart's SVG and CSV downloads are written as soon as it is
//! drawn; charts no page shows are drawn at the end ([`FigureStore::finish`]).
//!
//! How many pages show each chart is counted beforehand from the pages' shortcodes
//! ([`FigureStore::count_uses`]). The count only decides when memory is freed: a figure
//! asked for again after it was let go is drawn again (same input, same bytes) without
//! writing its files a second time.
//!
//! A store draws for one language: its SVGs go below the language's path (`en/charts/`);
//! the CSV, data only, is written by the default language's store alone.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rayon::prelude::*;

use super::context::Urls;
use super::expand::FigureSource;
use super::figures::draw_with;
use super::pages::Page;
use super::Sources;
use crate::error::{Diagnostic, Error};
use crate::load::charts::SpecFile;
use crate::load::languages::Language;
use crate::parse::shortcodes::{self, Arg};
use crate::write::Output;

/// Where one chart is in its life.
enum State {
    Undrawn,
    /// Being drawn by one thread; another thread that needs it draws its own copy of
    /// the figure rather than wait (waiting inside rayon could deadlock).
    Drawing,
    Drawn(Arc<str>),
    /// Drawing failed: its problems are reported once.
    Failed,
    /// Drawn, its files written, and its figure let go.
    Released,
}

struct Slot<'a> {
    spec: &'a SpecFile,
    state: Mutex<State>,
    /// Pages still to be written that show this chart.
    uses_left: AtomicUsize,
}

/// Every chart of a build, drawn on demand.
pub struct FigureStore<'a> {
    src: &'a Sources,
    urls: &'a Urls,
    /// The site's template value, converted once: every figure's template sees it.
    site: tera::Value,
    language: &'a Language,
    out: &'a dyn Output,
    slots: BTreeMap<&'a str, Slot<'a>>,
    problems: Mutex<Vec<Diagnostic>>,
    write_error: Mutex<Option<String>>,
    drawn: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl<'a> FigureStore<'a> {
    pub fn new(
        src: &'a Sources,
        urls: &'a Urls,
        site: &'a serde_json::Value,
        language: &'a Language,
        out: &'a dyn Output,
    ) -> Self {
        let slots = src
            .charts
            .specs
            .iter()
            .map(|s| {
                let slot = Slot {
                    spec: s,
                    state: Mutex::new(State::Undrawn),
                    uses_left: AtomicUsize::new(0),
                };
                (s.id.as_str(), slot)
            })
            .collect();
        FigureStore {
            src,
            urls,
            site: tera::Value::from_serializable(site),
            language,
            out,
            slots,
            problems: Mutex::new(Vec::new()),
            write_error: Mutex::new(None),
            drawn: AtomicUsize::new(0),
        }
    }

    /// Counts, for each chart, the pages whose body shows it with `{{ chart(id=…) }}`.
    pub fn count_uses(&self, pages: &[Page]) {
        self.count_uses_where(pages, |_| true);
    }

    /// [`FigureStore::count_uses`] over the pages `keep` keeps (a language's own).
    pub fn count_uses_where(&self, pages: &[Page], keep: impl Fn(&Page) -> bool + Sync) {
        let counted: Vec<Vec<String>> = pages
            .par_iter()
            .filter(|p| keep(p))
            .map(|p| shown_charts(&p.body))
            .collect();
        for id in counted.iter().flatten() {
            if let Some(slot) = self.slots.get(id.as_str()) {
                slot.uses_left.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// The figure HTML of chart `id`, drawing it on first use; `None` when there is no
    /// such chart or it could not be drawn.
    fn get(&self, id: &str) -> Option<Arc<str>> {
        let slot = self.slots.get(id)?;
        let mut state = lock(&slot.state);
        match &*state {
            State::Drawn(html) => return Some(html.clone()),
            State::Failed => return None,
            State::Undrawn => *state = State::Drawing,
            State::Drawing | State::Released => {
                drop(state);
                // Drawn before (or being drawn): the same figure again, files not rewritten.
                return draw_with(self.src, slot.spec, self.urls, &self.site, self.language)
                    .ok()
                    .map(|(_, html, _)| Arc::from(html));
            }
        }
        drop(state);
        let result = draw_with(self.src, slot.spec, self.urls, &self.site, self.language);
        let next = match result {
            Ok((id, html, files)) => {
                let prefix = &self.language.prefix;
                self.write(
                    &format!("{prefix}charts/{id}.svg"),
                    files.file_svg.as_bytes(),
                );
                if prefix.is_empty() {
                    self.write(&format!("charts/{id}.csv"), files.csv.as_bytes());
                }
                self.drawn.fetch_add(1, Ordering::Relaxed);
                State::Drawn(Arc::from(html))
            }
            Err(ds) => {
                lock(&self.problems).extend(ds);
                State::Failed
            }
        };
        let html = match &next {
            State::Drawn(html) => Some(html.clone()),
            _ => None,
        };
        *lock(&slot.state) = next;
        html
    }

    fn write(&self, path: &str, bytes: &[u8]) {
        if let Err(e) = self.out.write(path, bytes) {
            lock(&self.write_error).get_or_insert(e);
        }
    }

    /// A page that showed these charts is written: figures no other page needs are let go.
    pub fn release(&self, ids: &[String]) {
        for id in ids {
            let Some(slot) = self.slots.get(id.as_str()) else {
                continue;
            };
            let last = slot
                .uses_left
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
                == Ok(1);
            if last {
                let mut state = lock(&slot.state);
                if matches!(*state, State::Drawn(_)) {
                    *state = State::Released;
                }
            }
        }
    }

    /// Draws the charts no page asked for (their files and errors count too) and lets
    /// every figure go. Returns the charts drawn and the problems of those that failed.
    pub fn finish(&self) -> Result<(usize, Vec<Diagnostic>), Error> {
        let undrawn: Vec<&str> = self
            .slots
            .iter()
            .filter(|(_, slot)| matches!(*lock(&slot.state), State::Undrawn))
            .map(|(id, _)| *id)
            .collect();
        undrawn.par_iter().for_each(|id| {
            self.get(id);
        });
        for slot in self.slots.values() {
            let mut state = lock(&slot.state);
            if matches!(*state, State::Drawn(_)) {
                *state = State::Released;
            }
        }
        if let Some(e) = lock(&self.write_error).take() {
            return Err(Error::internal("writing charts", e));
        }
        let problems = std::mem::take(&mut *lock(&self.problems));
        Ok((self.drawn.load(Ordering::Relaxed), problems))
    }
}

impl FigureSource for FigureStore<'_> {
    fn figure(&self, id: &str) -> Option<Arc<str>> {
        // Shared, not copied: the page's HTML is the one copy made of it.
        self.get(id)
    }

    fn drawn(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

/// The ids of the `chart` shortcodes of a page body, as the expander will find them.
fn shown_charts(body: &str) -> Vec<String> {
    // Finding shortcodes means parsing the Markdown for code spans: only for a body
    // with something that looks like a chart shortcode.
    let names_chart = body.match_indices('{').any(|(at, _)| {
        body.get(at + 1..).is_some_and(|rest| {
            rest.strip_prefix(['{', '%'])
                .is_some_and(|inside| inside.trim_start().starts_with("chart"))
        })
    });
    if !names_chart {
        return Vec::new();
    }
    let Ok(found) = shortcodes::find(body) else {
        return Vec::new();
    };
    found
        .into_iter()
        .filter(|sc| sc.name == "chart")
        .filter_map(|sc| sc.args.get("id").and_then(Arg::as_str).map(str::to_string))
        .collect()
}
