//! Readable URL slugs and ids, also for Chinese text: `slug` transliterates CJK to
//! pinyin syllables (基础设施 → ji-chu-she-shi), as Zola does by default.

/// A lowercase ASCII slug of `text`; empty when nothing readable remains.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

#[cfg(test)]
#[allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_latin() {
        assert_eq!(slugify("前5个月 Investment"), "qian-5ge-yue-investment");
        assert_eq!(slugify("基础设施"), "ji-chu-she-shi");
    }
}
