//! Which pages each section lists, and in what order: a page is listed in its own
//! section, and in the parent of every `transparent` section on its way up (Zola);
//! each list is ordered by the section's `sort_by`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::pages::{listing_order_key, Page};
use crate::parse::listing_keys::SortBy;

/// Sections by folder ("" for the root).
pub type SectionsByDir<'a> = BTreeMap<&'a str, &'a Page>;

/// The nearest section above folder `dir` (itself excluded); "" is the root's folder.
pub fn parent_dir<'s>(dir: &str, sections: &SectionsByDir<'s>) -> Option<&'s str> {
    let mut dir = dir;
    while !dir.is_empty() {
        dir = dir.rsplit_once('/').map_or("", |(up, _)| up);
        if let Some((key, _)) = sections.get_key_value(dir) {
            return Some(key);
        }
    }
    None
}

/// The pages each section lists, by its folder, in its order.
pub fn members<'a>(
    pages: &[&'a Page],
    sections: &SectionsByDir<'a>,
) -> BTreeMap<&'a str, Vec<&'a Page>> {
    let mut lists: BTreeMap<&'a str, Vec<&'a Page>> = BTreeMap::new();
    for p in pages.iter().copied().filter(|p| !p.is_section) {
        let mut dir = p.section_dir.as_str();
        lists.entry(dir).or_default().push(p);
        // Up through transparent sections: their pages show in the parent too.
        while let Some(s) = sections.get(dir).filter(|s| s.front.transparent) {
            match parent_dir(&s.section_dir, sections) {
                Some(up) => {
                    lists.entry(up).or_default().push(p);
                    dir = up;
                }
                None => break,
            }
        }
    }
    for (dir, list) in &mut lists {
        let sort_by = sections.get(dir).and_then(|s| s.front.sort_by);
        let reversed = sections.get(dir).is_some_and(|s| s.front.paginate_reversed);
        sort(list, sort_by);
        if reversed {
            list.reverse();
        }
    }
    lists
}

/// Orders `list` by `sort_by`; as in Zola, a page without the value sorted on (no date
/// for `date`, no weight for `weight`) is left out of the listing (it is still built).
/// Without `sort_by`: weight, then newest date, then title.
pub fn sort(list: &mut Vec<&Page>, sort_by: Option<SortBy>) {
    let Some(by) = sort_by else {
        list.sort_by(|a, b| listing_order_key(a).cmp(&listing_order_key(b)));
        return;
    };
    let updated = |p: &Page| {
        p.front
            .updated
            .as_ref()
            .or(p.front.date.as_ref())
            .map(|d| d.to_string())
    };
    fn date(p: &Page) -> Option<&str> {
        p.front.date.as_ref().map(|_| p.date_text.as_str())
    }
    list.retain(|p| match by {
        SortBy::Date => p.front.date.is_some(),
        SortBy::UpdateDate => updated(p).is_some(),
        SortBy::Weight => p.front.weight.is_some(),
        SortBy::Title | SortBy::TitleBytes | SortBy::Slug | SortBy::None => true,
    });
    // Ties fall back to the URL so the order never depends on the file system.
    let by_url = |a: &Page, b: &Page| a.url.cmp(&b.url);
    let order = |a: &Page, b: &Page| -> Ordering {
        match by {
            SortBy::Date => date(b).cmp(&date(a)),
            SortBy::UpdateDate => updated(b).cmp(&updated(a)),
            SortBy::Title => natord::compare_ignore_case(&a.front.title, &b.front.title),
            SortBy::TitleBytes => a.front.title.cmp(&b.front.title),
            SortBy::Weight => a.front.weight.cmp(&b.front.weight),
            SortBy::Slug => a.url.cmp(&b.url),
            SortBy::None => a.shown.cmp(&b.shown),
        }
    };
    list.sort_by(|a, b| order(a, b).then_with(|| by_url(a, b)));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::load::content::ContentFile;
    use crate::load::languages::Languages;
    use std::path::PathBuf;

    fn page(rel: &str, front: &str) -> Page {
        let file = ContentFile {
            rel: PathBuf::from(rel),
            shown: PathBuf::from("content").join(rel),
            text: format!("+++\n{front}\n+++\n"),
        };
        super::super::pages::parse(
            &file,
            &Languages::single("zh-CN"),
            &["tags"],
            crate::config::SlugStrategy::On,
        )
        .unwrap()
        .0
    }

    fn titles(list: &[&Page]) -> Vec<String> {
        list.iter().map(|p| p.front.title.clone()).collect()
    }

    #[test]
    fn sort_by_leaves_out_pages_without_the_value() {
        let a = page("a.md", "title = \"第10期\"\ndate = 2026-01-01\nweight = 2");
        let b = page("b.md", "title = \"第2期\"\ndate = 2026-03-01");
        let c = page("c.md", "title = \"关于\"\nweight = 1");
        let all = [&a, &b, &c];
        let run = |by| {
            let mut list = all.to_vec();
            sort(&mut list, Some(by));
            titles(&list)
        };
        assert_eq!(run(SortBy::Date), ["第2期", "第10期"]);
        assert_eq!(run(SortBy::Weight), ["关于", "第10期"]);
        assert_eq!(run(SortBy::Title), ["关于", "第2期", "第10期"]);
        assert_eq!(run(SortBy::TitleBytes), ["关于", "第10期", "第2期"]);
        assert_eq!(run(SortBy::None), ["第10期", "第2期", "关于"]);
    }

    #[test]
    fn transparent_sections_list_their_pages_in_the_parent() {
        let root = page("_index.md", "title = \"首页\"");
        let blog = page("blog/_index.md", "title = \"博客\"\ntransparent = true");
        let year = page(
            "blog/2026/_index.md",
            "title = \"2026\"\ntransparent = true",
        );
        let notes = page("notes/_index.md", "title = \"笔记\"");
        let post = page("blog/2026/post.md", "title = \"文\"\ndate = 2026-01-01");
        let note = page("notes/n.md", "title = \"记\"");
        let all = [&root, &blog, &year, &notes, &post, &note];
        let sections: SectionsByDir = all
            .iter()
            .filter(|p| p.is_section)
            .map(|p| (p.section_dir.as_str(), *p))
            .collect();
        let lists = members(&all, &sections);
        assert_eq!(titles(&lists["blog/2026"]), ["文"]);
        assert_eq!(titles(&lists["blog"]), ["文"]);
        assert_eq!(titles(&lists[""]), ["文"]);
        assert_eq!(titles(&lists["notes"]), ["记"]);
    }
}
