//! Readable URL slugs and ids, also for Chinese text: `slug` transliterates CJK to
//! pinyin syllables (基础设施 → ji-chu-she-shi), as Zola does by default.
//!
//! Slugs become folder names, which file systems limit to 255 bytes; a long title or
//! tag (pinyin is several times longer than the characters it spells) is cut to
//! [`MAX_LEN`] bytes at a `-` and given a short hash of the whole slug, so two long
//! texts that share a beginning still get different slugs.

use crate::config::SlugStrategy;

/// The longest slug, in bytes (ASCII), hash included.
pub const MAX_LEN: usize = 100;

/// A lowercase ASCII slug of `text`; empty when nothing readable remains.
pub fn slugify(text: &str) -> String {
    shorten(slug::slugify(text))
}

/// A URL path segment made of a file or folder name or a `slug` key, as baogao.toml's
/// `[slugify] paths` says (Zola's definitions); empty when nothing remains.
pub fn path_segment(text: &str, strategy: SlugStrategy) -> String {
    match strategy {
        SlugStrategy::On => slugify(text),
        // Trailing dots and spaces vanish from Windows file names, so Zola drops them.
        SlugStrategy::Safe => text
            .trim_end_matches([' ', '.'])
            .chars()
            .filter(|c| !"<>:\"/\\|?*".contains(*c))
            .collect(),
        SlugStrategy::Off => text.to_string(),
    }
}

fn shorten(full: String) -> String {
    if full.len() <= MAX_LEN {
        return full;
    }
    let hash = format!("{:08x}", fnv1a(full.as_bytes()) as u32);
    let keep = MAX_LEN - hash.len() - 1;
    // The slug is ASCII, so every byte index is a character boundary.
    let head = full.get(..keep).unwrap_or("");
    let head = head
        .rfind('-')
        .map_or(head, |i| head.get(..i).unwrap_or(head));
    format!("{}-{hash}", head.trim_end_matches('-'))
}

/// FNV-1a, 64 bit: stable across runs and platforms (unlike the std hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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

    #[test]
    fn path_segments_follow_zolas_strategies() {
        // (input, on, safe, off), Zola's own cases.
        let cases = [
            (
                "backon_v1_4_0",
                "backon-v1-4-0",
                "backon_v1_4_0",
                "backon_v1_4_0",
            ),
            ("Tes t", "tes-t", "Tes t", "Tes t"),
            ("dot. ", "dot", "dot", "dot. "),
            ("日本", "ri-ben", "日本", "日本"),
            ("a<b>:c|d?*", "a-b-c-d", "abcd", "a<b>:c|d?*"),
        ];
        for (input, on, safe, off) in cases {
            assert_eq!(path_segment(input, SlugStrategy::On), on, "{input}");
            assert_eq!(path_segment(input, SlugStrategy::Safe), safe, "{input}");
            assert_eq!(path_segment(input, SlugStrategy::Off), off, "{input}");
        }
    }

    #[test]
    fn long_texts_are_cut_and_stay_distinct() {
        // Found by the hostile-input test: a 10,000-character tag made a folder name
        // too long for the file system.
        let a = slugify(&"长".repeat(10_000));
        let b = slugify(&format!("{}短", "长".repeat(10_000)));
        assert!(a.len() <= MAX_LEN && b.len() <= MAX_LEN, "{a}");
        assert!(a.starts_with("chang-chang-"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, slugify(&"长".repeat(10_000)), "stable");
        assert!(!a.contains("--"), "{a}");
        let exact = "a".repeat(MAX_LEN);
        assert_eq!(slugify(&exact), exact);
    }
}
