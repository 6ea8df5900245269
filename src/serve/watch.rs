//! Watching the site's inputs: content/, charts/, templates/ and static/ (recursively) and the
//! root folder itself (for baogao.toml, and for those folders appearing later), with
//! notify's full debouncer so an editor's save arrives as one batch.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::error::Error;
use crate::load::{charts::CHARTS_DIR, content::CONTENT_DIR, STATIC_DIR};
use crate::render::TEMPLATES_DIR;

/// How long a file must be quiet before its change is reported.
const DEBOUNCE: Duration = Duration::from_millis(60);
const WATCHED: [&str; 4] = [CONTENT_DIR, CHARTS_DIR, TEMPLATES_DIR, STATIC_DIR];

pub struct Watch {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
}

impl Watch {
    pub fn start(root: &Path) -> Result<Watch, Error> {
        let (tx, events) = channel();
        let debouncer =
            new_debouncer(DEBOUNCE, None, tx).map_err(|e| Error::internal("watching files", e))?;
        let mut watch = Watch {
            root: root.to_path_buf(),
            debouncer,
            events,
        };
        watch
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::internal(root.display(), e))?;
        for dir in WATCHED {
            watch.watch_dir(dir);
        }
        Ok(watch)
    }

    fn watch_dir(&mut self, dir: &str) {
        let path = self.root.join(dir);
        if path.is_dir() {
            if let Err(e) = self.debouncer.watch(&path, RecursiveMode::Recursive) {
                eprintln!("warning: cannot watch {}: {e}", path.display());
            }
        }
    }

    /// Blocks until files change; every path reported by then. None when watching
    /// has stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let first = self.events.recv().ok()?;
        let mut paths = Vec::new();
        let mut batch = Some(first);
        while let Some(result) = batch {
            match result {
                Ok(events) => paths.extend(
                    events
                        .into_iter()
                        .filter(|e| changes_content(&e.event.kind))
                        .flat_map(|e| e.event.paths),
                ),
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: watching files: {e}");
                    }
                }
            }
            batch = self.events.try_recv().ok();
        }
        // A watched folder created (or re-created) after the start: watch inside it.
        for dir in WATCHED {
            if paths.iter().any(|p| p == &self.root.join(dir)) {
                self.watch_dir(dir);
            }
        }
        paths.sort();
        paths.dedup();
        Some(paths)
    }
}

/// Whether an event can mean different file contents (reading a file, which every
/// build does, cannot).
fn changes_content(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}
