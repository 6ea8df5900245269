//! Naming a row by its parent, for the label bureau tables repeat: `城镇` under 常住人口
//! and again under 居民人均可支配收入 is `常住人口/城镇` or `居民人均可支配收入/城镇`.
//! A row's parent is the nearest row above it that is less indented, or, for an "of
//! which" row written at its parent's depth (`#工业`, `其中：工业` under `第二产业`), the
//! nearest row above it at its own depth that is no such row — the hierarchy
//! [`super::roles`] reads from the file. The parent may be named as any row is
//! (by its bare label, or without its unit), and may itself be a path.

use super::table::{bare_label, RowMiss, Table};
use super::RowRole;

/// The separators of a path (half- and full-width).
const SEPARATORS: [char; 2] = ['/', '／'];

/// `居民收入/城镇` → (`居民收入`, `城镇`): split at the last separator outside brackets,
/// so a unit such as `（元/人）` is never split. `None` when there is no such separator
/// or either side is empty.
pub fn split_path(label: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    let mut at = None;
    for (i, c) in label.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            c if depth == 0 && SEPARATORS.contains(&c) => at = Some((i, c.len_utf8())),
            _ => {}
        }
    }
    let (i, len) = at?;
    let (parent, child) = (label.get(..i)?.trim(), label.get(i + len..)?.trim());
    (!parent.is_empty() && !child.is_empty()).then_some((parent, child))
}

impl Table {
    /// The row each row belongs to, if any (see the module's doc), in one pass: each
    /// stack keeps only the rows a later row could still belong to, shallowest first.
    pub fn parents(&self) -> Vec<Option<usize>> {
        // An "of which" row not set deeper than its parent (`#工业` under `第二产业`).
        let flat = |i: usize, row: &super::Row| {
            row.role == RowRole::Subset
                && (row.indent == 0 || bare_label(&self.row_label(i)) != self.row_label(i))
        };
        // Any row, for "less indented"; rows that are no flat "of which", for the part
        // a flat one belongs to.
        let mut any: Vec<(u8, usize)> = Vec::new();
        let mut parts: Vec<(u8, usize)> = Vec::new();
        let mut out = Vec::with_capacity(self.rows.len());
        for (i, row) in self.rows.iter().enumerate() {
            let is_flat = flat(i, row);
            let shallower = any.iter().rev().find(|(d, _)| *d < row.indent);
            let part = is_flat
                .then(|| parts.iter().rev().find(|(d, _)| *d <= row.indent))
                .flatten();
            out.push(shallower.into_iter().chain(part).map(|&(_, at)| at).max());
            while any.last().is_some_and(|(d, _)| *d >= row.indent) {
                any.pop();
            }
            any.push((row.indent, i));
            if !is_flat {
                while parts.last().is_some_and(|(d, _)| *d >= row.indent) {
                    parts.pop();
                }
                parts.push((row.indent, i));
            }
        }
        out
    }

    /// The rows among `rows` whose parent is the row `parent` names.
    pub(crate) fn under_parent(&self, rows: Vec<usize>, parent: &str) -> Result<usize, RowMiss> {
        let parent = self.row_by_label(parent)?;
        let parents = self.parents();
        let under: Vec<usize> = rows
            .into_iter()
            .filter(|&r| parents.get(r).copied().flatten() == Some(parent))
            .collect();
        match under.as_slice() {
            [] => Err(RowMiss::None),
            [one] => Ok(*one),
            _ => Err(RowMiss::Several(under)),
        }
    }

    /// How to name each of `rows` by its parent (`常住人口（万人）/城镇`), when every one
    /// has a parent and no two share one; `None` otherwise.
    pub fn paths_for(&self, label: &str, rows: &[usize]) -> Option<Vec<String>> {
        let all = self.parents();
        let parents: Vec<usize> = rows
            .iter()
            .map(|&r| all.get(r).copied().flatten())
            .collect::<Option<_>>()?;
        let mut distinct = parents.clone();
        distinct.sort_unstable();
        distinct.dedup();
        (distinct.len() == parents.len()).then(|| {
            parents
                .iter()
                .map(|&p| format!("{}/{label}", self.row_label(p)))
                .collect()
        })
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

    /// A table of `labels` with roles and indents read as a file's are.
    fn table(labels: &[&str]) -> Table {
        let mut t = crate::data::roles::tests::table(labels);
        crate::data::roles::assign(&mut t, None);
        t
    }

    #[test]
    fn a_path_splits_at_its_last_separator_outside_brackets() {
        assert_eq!(split_path("居民收入/城镇"), Some(("居民收入", "城镇")));
        assert_eq!(split_path("居民收入／城镇"), Some(("居民收入", "城镇")));
        assert_eq!(split_path("a/b/c"), Some(("a/b", "c")));
        assert_eq!(split_path("人均GDP（元/人）"), None);
        assert_eq!(
            split_path("人均GDP（元/人）/城镇"),
            Some(("人均GDP（元/人）", "城镇"))
        );
        assert_eq!(split_path("/城镇"), None);
        assert_eq!(split_path("城镇/"), None);
    }

    #[test]
    fn parents_come_from_indents_and_of_which_marks() {
        let t = table(&[
            "常住人口（万人）",
            "　　城镇",
            "　　乡村",
            "工业",
            "#制造业",
            "　　其中：汽车",
        ]);
        assert_eq!(
            t.parents(),
            [None, Some(0), Some(0), None, Some(3), Some(4)]
        );
        let deep = table(&["甲", "　　乙", "　　　　丙", "　　丁", "　　#戊", "己"]);
        assert_eq!(
            deep.parents(),
            [None, Some(0), Some(1), Some(0), Some(3), None]
        );
    }

    #[test]
    fn a_repeated_label_is_found_by_its_parent() {
        let t = table(&[
            "常住人口（万人）",
            "　　城镇",
            "　　乡村",
            "居民人均可支配收入（元）",
            "　　城镇",
            "　　农村",
        ]);
        assert_eq!(t.row_by_label("常住人口/城镇"), Ok(1));
        assert_eq!(t.row_by_label("常住人口（万人）/城镇"), Ok(1));
        assert_eq!(t.row_by_label("居民人均可支配收入／城镇"), Ok(4));
        assert_eq!(
            t.row_by_label("居民人均可支配收入/乡村"),
            Err(RowMiss::None)
        );
        assert_eq!(t.row_by_label("没有/城镇"), Err(RowMiss::None));
        assert_eq!(
            t.paths_for("城镇", &[1, 4]),
            Some(vec![
                "常住人口（万人）/城镇".to_string(),
                "居民人均可支配收入（元）/城镇".to_string()
            ])
        );
        // Flat tables give no parent to name.
        let flat = table(&["城镇", "城镇"]);
        assert_eq!(flat.paths_for("城镇", &[0, 1]), None);
    }
}
