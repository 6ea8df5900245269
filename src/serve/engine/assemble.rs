//! Putting the outputs together into the served site: pages and listings, then the
//! static assets, then the chart files, in the order a full build writes them, with
//! the same refusal of two outputs at one path.

use std::collections::BTreeMap;

use super::state::{Bytes, Inner};
use crate::error::{Diagnostic, Error};
use crate::load::slash_path;
use crate::site::jobs::{asset_origin, REPLACED_BY_STATIC};
use crate::site::pages::Page;
use crate::site::translations::bundle_assets;

/// The built site: output path → bytes.
pub type Files = BTreeMap<String, Bytes>;

impl Inner {
    /// Every output file of the last successful [`Inner::run`].
    pub fn assemble(&self) -> Result<Files, Error> {
        let twice = |path: &str| format!("two outputs would both be written to `{path}`");
        let mut rendered: Vec<_> = self
            .page_files
            .values()
            .filter_map(|r| r.as_ref().ok())
            .chain(self.listings.iter().flat_map(|l| l.iter().flatten()))
            .collect();
        // Sorted first, the map is built in one pass (serve does this on every edit).
        // A stable sort: of two files at one path, the later one is blamed.
        rendered.sort_by(|a, b| a.out.cmp(&b.out));
        let clash = rendered.iter().zip(rendered.iter().skip(1));
        if let Some((_, second)) = clash.into_iter().find(|(a, b)| a.out == b.out) {
            return Err(Diagnostic::file(&second.blame, twice(&second.out)).into());
        }
        let mut files: Files = rendered
            .into_iter()
            .map(|r| (r.out.clone(), r.bytes.clone()))
            .collect();
        let mut assets: BTreeMap<String, Bytes> =
            self.site_assets.clone().map_err(Error::Internal)?;
        for (rel, bytes) in &self.content_assets {
            assets.insert(slash_path(rel), bytes.clone().map_err(Error::Internal)?);
        }
        for (path, bytes) in assets {
            if files.contains_key(&path) && !REPLACED_BY_STATIC.contains(&path.as_str()) {
                let origin = asset_origin(&self.src.root, &self.src.content.assets, &path);
                return Err(Diagnostic::file(origin, twice(&path)).into());
            }
            files.insert(path, bytes);
        }
        let pages: Vec<&Page> = self
            .bodies
            .values()
            .filter_map(|b| b.as_ref().ok())
            .collect();
        for (path, rel) in bundle_assets(&pages, &self.src.languages, &self.src.content.assets) {
            if let Some(Ok(bytes)) = self.content_assets.get(&rel) {
                files.insert(path, bytes.clone());
            }
        }
        for (id, chart) in &self.charts {
            let Ok(chart) = chart else { continue };
            let svgs = chart
                .drawings
                .iter()
                .map(|d| (format!("{}charts/{id}.svg", d.prefix), &d.svg));
            let csv = (format!("charts/{id}.csv"), &chart.csv);
            for (path, bytes) in svgs.chain([csv]) {
                if files.insert(path.clone(), bytes.clone()).is_some() {
                    return Err(Error::internal("writing charts", twice(&path)));
                }
            }
        }
        Ok(files)
    }
}
