//! Paging a listing (a section, the home page, a taxonomy term): page 1 at the
//! listing's own URL, page N at `<listing>/<paginate_path>/N/`, and `…/1/` a redirect
//! to page 1, as Zola does. Templates get a `paginator` with Zola's fields plus the
//! paths the default theme links with.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Serialize;
use tera::value::Value as TeraValue;

use super::context::Urls;
use super::pages::Page;

/// How a listing pages: `by` entries per page (0: one page, no paginator) under the
/// folder `path`.
#[derive(Debug, Clone, Copy)]
pub struct Paging<'a> {
    pub by: usize,
    pub path: &'a str,
}

/// One page of a paged listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Pager {
    /// 1-based.
    pub index: usize,
    /// URL relative to the site's base (`reports/page/2/`).
    pub url: String,
    /// The entries of the whole list on this page.
    pub range: Range<usize>,
}

/// How many pager links a paginator offers on either side of the current page (the
/// first and last are always offered), so a page's navigation does not grow with
/// the site.
const PAGER_WINDOW: usize = 2;

/// The pages of a listing at `base` ("" or ending in `/`) of `count` entries; at least
/// one, even for no entries.
pub fn pagers(base: &str, count: usize, paging: Paging) -> Vec<Pager> {
    let by = paging.by.max(1);
    let total = count.div_ceil(by).max(1);
    (1..=total)
        .map(|index| Pager {
            index,
            url: pager_url(base, paging.path, index),
            range: (index - 1) * by..(index * by).min(count),
        })
        .collect()
}

/// The URL of page `index` of the listing at `base`.
pub fn pager_url(base: &str, path: &str, index: usize) -> String {
    if index <= 1 {
        base.to_string()
    } else {
        format!("{base}{path}/{index}/")
    }
}

/// The `paginator` of page `current` of `all` (the listing's pagers); `pages` is the
/// summaries of this page's entries.
pub fn paginator(
    all: &[Pager],
    current: &Pager,
    pages: TeraValue,
    total: usize,
    paging: Paging,
    urls: &Urls,
) -> TeraValue {
    let base = all.first().map_or("", |p| p.url.as_str());
    let last = all.last().map_or(base, |p| p.url.as_str());
    let neighbour = |i: Option<usize>| i.and_then(|i| all.get(i.checked_sub(1)?));
    let previous = neighbour(current.index.checked_sub(1));
    let next = neighbour(Some(current.index + 1));
    let window = current.index.saturating_sub(PAGER_WINDOW)..=current.index + PAGER_WINDOW;
    // The first, the last and the window around the current one: a listing of N pages
    // makes N paginators, so each looks at these only, not at all N.
    let offered: BTreeSet<usize> = [1, all.len()].into_iter().chain(window).collect();
    let mut shown = Vec::new();
    let mut before = 0;
    for p in offered.iter().filter_map(|i| all.get(i.checked_sub(1)?)) {
        shown.push(PagerLink {
            index: p.index,
            path: urls.path(&p.url),
            current: p.index == current.index,
            gap_before: p.index > before + 1,
        });
        before = p.index;
    }
    let value = Paginator {
        paginate_by: paging.by,
        base_url: urls.permalink(&format!("{base}{}/", paging.path)),
        number_pagers: all.len(),
        first: urls.permalink(base),
        last: urls.permalink(last),
        previous: previous.map(|p| urls.permalink(&p.url)),
        next: next.map(|p| urls.permalink(&p.url)),
        previous_path: previous.map(|p| urls.path(&p.url)),
        next_path: next.map(|p| urls.path(&p.url)),
        current_index: current.index,
        total_pages: total,
        pagers: shown,
    };
    let mut map = match TeraValue::from_serializable(&value).into_map() {
        Some(m) => m,
        None => return TeraValue::none(),
    };
    map.insert("pages".into(), pages);
    TeraValue::from(map)
}

/// A `paginator` but its `pages`, converted for templates straight from this type
/// (its field names then cost nothing per listing page).
#[derive(Serialize)]
struct Paginator {
    paginate_by: usize,
    base_url: String,
    number_pagers: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
    previous_path: Option<String>,
    next_path: Option<String>,
    current_index: usize,
    total_pages: usize,
    pagers: Vec<PagerLink>,
}

/// One pager the navigation offers.
#[derive(Serialize)]
struct PagerLink {
    index: usize,
    path: String,
    current: bool,
    gap_before: bool,
}

/// The entries of `list` on `pager`.
pub fn slice<'l, 'a>(list: &'l [&'a Page], pager: &Pager) -> &'l [&'a Page] {
    list.get(pager.range.clone()).unwrap_or(&[])
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_at_paginate_by_and_live_under_the_path() {
        let paging = Paging {
            by: 2,
            path: "page",
        };
        let ps = pagers("blog/", 5, paging);
        let urls: Vec<&str> = ps.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["blog/", "blog/page/2/", "blog/page/3/"]);
        assert_eq!(ps[2].range, 4..5);
        assert_eq!(pagers("", 0, paging).len(), 1);
    }

    #[test]
    fn the_paginator_links_neighbours_and_a_window_of_pagers() {
        let urls = Urls {
            base_url: "https://example.org/r/".into(),
            base_path: "/r/".into(),
        };
        let paging = Paging { by: 1, path: "p" };
        let all = pagers("", 10, paging);
        let v = paginator(&all, &all[4], TeraValue::none(), 10, paging, &urls);
        let json: serde_json::Value = serde_json::to_value(&v).unwrap();
        assert_eq!(json["previous"], "https://example.org/r/p/4/");
        assert_eq!(json["next_path"], "/r/p/6/");
        assert_eq!(json["first"], "https://example.org/r/");
        assert_eq!(json["base_url"], "https://example.org/r/p/");
        assert_eq!(json["current_index"], 5);
        assert_eq!(json["number_pagers"], 10);
        let shown: Vec<u64> = json["pagers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["index"].as_u64().unwrap())
            .collect();
        assert_eq!(shown, [1, 3, 4, 5, 6, 7, 10]);
        assert_eq!(json["pagers"][1]["gap_before"], true);
        assert_eq!(json["pagers"][2]["gap_before"], false);
        let first = paginator(&all, &all[0], TeraValue::none(), 10, paging, &urls);
        let json: serde_json::Value = serde_json::to_value(&first).unwrap();
        assert!(json["previous"].is_null());
    }
}
