//! Per-page results that remember what they forgot: a rebuild asks for the stale keys
//! and recomputes exactly those, instead of looking every page up.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Results by content path, with the keys forgotten since they were last asked for.
pub struct Keyed<V> {
    map: HashMap<PathBuf, V>,
    stale: BTreeSet<PathBuf>,
    /// Everything is stale (the first build, or after a template change).
    all: bool,
}

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed {
            map: HashMap::new(),
            stale: BTreeSet::new(),
            all: true,
        }
    }
}

impl<V> Keyed<V> {
    pub fn get(&self, key: &Path) -> Option<&V> {
        self.map.get(key)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.map.values()
    }

    pub fn insert(&mut self, key: PathBuf, value: V) {
        self.map.insert(key, value);
    }

    /// Drops `key`'s result; it is computed again if `key` is still wanted.
    pub fn forget(&mut self, key: &Path) {
        self.map.remove(key);
        self.stale.insert(key.to_path_buf());
    }

    /// Drops the results for which `which` holds.
    pub fn forget_where(&mut self, which: impl Fn(&V) -> bool) {
        let stale = &mut self.stale;
        self.map.retain(|k, v| {
            let go = which(v);
            if go {
                stale.insert(k.clone());
            }
            !go
        });
    }

    pub fn forget_all(&mut self) {
        self.map.clear();
        self.stale.clear();
        self.all = true;
    }

    /// The keys of `wanted` to compute: the forgotten ones, or every one without a
    /// result after [`Keyed::forget_all`].
    pub fn take_stale(&mut self, wanted: &Included) -> Vec<PathBuf> {
        let stale = std::mem::take(&mut self.stale);
        if std::mem::take(&mut self.all) {
            return wanted
                .list
                .iter()
                .filter(|k| !self.map.contains_key(*k))
                .cloned()
                .collect();
        }
        stale
            .into_iter()
            .filter(|k| wanted.set.contains(k))
            .collect()
    }
}

/// The pages of the build (parsed, not drafts) in content order, shared cheaply.
#[derive(Clone, Default)]
pub struct Included {
    pub list: Arc<Vec<PathBuf>>,
    pub set: Arc<HashSet<PathBuf>>,
    /// The `_index.md` files among them.
    pub sections: Arc<Vec<PathBuf>>,
}

impl Included {
    pub fn new(list: Vec<PathBuf>) -> Included {
        let sections = list
            .iter()
            .filter(|p| {
                let (p, _) = crate::load::languages::split_language(p);
                p.file_name().is_some_and(|n| n == "_index.md")
            })
            .cloned()
            .collect();
        Included {
            set: Arc::new(list.iter().cloned().collect()),
            list: Arc::new(list),
            sections: Arc::new(sections),
        }
    }
}
