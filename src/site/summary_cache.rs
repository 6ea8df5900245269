//! Listing summaries kept between builds. `serve` keeps each page's summary, as the
//! listings show it, from one rebuild to the next and forgets a page's when its body
//! is rendered again. Unchanged pages then hand every listing the very same shared
//! value, so comparing a listing's context with last time's (see the serve engine)
//! takes one pointer comparison per unchanged page: only the listings that show a
//! changed page differ, and the cost of finding them does not grow with the summaries.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;
use tera::value::Value as TeraValue;

/// Each page's summary value, by the page's file (`content/…`; its bytes hash
/// faster than a path's components).
#[derive(Default)]
pub struct SummaryCache {
    by_file: Mutex<FxHashMap<OsString, TeraValue>>,
    /// Each page's sitemap entry (its permalink and date), alike.
    sitemap: Mutex<FxHashMap<OsString, TeraValue>>,
}

impl SummaryCache {
    /// Drops the summary of the page at `shown`: it is made again when next listed.
    pub fn forget(&mut self, shown: &Path) {
        self.map().remove(shown.as_os_str());
        entries(&mut self.sitemap).remove(shown.as_os_str());
    }

    pub fn clear(&mut self) {
        self.map().clear();
        entries(&mut self.sitemap).clear();
    }

    /// The sitemap entry of the page at `shown`, made by `make` unless kept.
    pub fn sitemap_entry(&self, shown: &Path, make: impl FnOnce() -> TeraValue) -> TeraValue {
        let mut map = self.sitemap.lock().unwrap_or_else(PoisonError::into_inner);
        map.entry(shown.as_os_str().to_os_string())
            .or_insert_with(make)
            .clone()
    }

    /// The summaries of the files of `shown` (None where none is kept).
    pub fn get_all<'a>(&self, shown: impl Iterator<Item = &'a Path>) -> Vec<Option<TeraValue>> {
        let map = self.lock();
        shown.map(|s| map.get(s.as_os_str()).cloned()).collect()
    }

    pub fn insert_all(&self, made: impl Iterator<Item = (PathBuf, TeraValue)>) {
        let mut map = self.lock();
        map.extend(made.map(|(file, summary)| (file.into_os_string(), summary)));
    }

    fn map(&mut self) -> &mut FxHashMap<OsString, TeraValue> {
        entries(&mut self.by_file)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<OsString, TeraValue>> {
        // A panic elsewhere cannot leave a half-made entry: inserts are whole values.
        self.by_file.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn entries(map: &mut Mutex<FxHashMap<OsString, TeraValue>>) -> &mut FxHashMap<OsString, TeraValue> {
    map.get_mut().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn kept_until_forgotten() {
        let mut cache = SummaryCache::default();
        let (a, b) = (Path::new("content/a.md"), Path::new("content/b.md"));
        cache.insert_all([(a.to_path_buf(), TeraValue::from("甲"))].into_iter());
        let got = cache.get_all([a, b].into_iter());
        assert_eq!(got, vec![Some(TeraValue::from("甲")), None]);
        let entry = cache.sitemap_entry(a, || TeraValue::from("a/"));
        assert_eq!(cache.sitemap_entry(a, || TeraValue::from("b/")), entry);
        cache.forget(a);
        assert_eq!(cache.get_all([a].into_iter()), vec![None]);
        assert_eq!(
            cache.sitemap_entry(a, || TeraValue::from("b/")),
            "b/".into()
        );
    }
}
