//! Breaking a Latin word that is wider than its line: at a hyphenation point of the
//! word (US English patterns from the `hyphenation` crate) with a hyphen added, else
//! where it must, still with a hyphen between letters. Words that fit are never broken;
//! [`super::text::wrap`] decides that and asks here only for the cut.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use super::text::char_em;

/// The hyphen added at a break inside a word.
pub const HYPHEN: char = '-';

/// The US English dictionary, loaded once; `None` if the embedded copy cannot be read
/// (words are then broken by width alone).
fn dictionary() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

/// Character offsets inside `word` where a hyphen may break it, ascending.
fn points(word: &[char]) -> Vec<usize> {
    let letters = word.iter().all(char::is_ascii_alphabetic);
    let Some(dict) = dictionary().filter(|_| letters && word.len() > 3) else {
        return Vec::new();
    };
    let text: String = word.iter().collect();
    // Letters are ASCII here, so byte offsets are character offsets.
    dict.hyphenate(&text).breaks
}

/// Where to cut a line that holds part of a word which does not fit: `line` is what fits
/// so far, `word` the whole word, of which `line` starts at `offset`; `room` the line
/// width. Returns the cut (characters of `line` kept, at least one) and whether a hyphen
/// goes after them.
pub fn cut(line: &[char], word: &[char], offset: usize, room: f64, font_px: f64) -> (usize, bool) {
    let width = |chars: &[char]| chars.iter().map(|&c| char_em(c) * font_px).sum::<f64>();
    let hyphen_w = char_em(HYPHEN) * font_px;
    let fits = |k: usize| {
        line.get(..k)
            .is_some_and(|p| width(p) + hyphen_w <= room + 1e-9)
    };
    // A dictionary point first: `manu-` / `facturing`.
    if let Some(k) = points(word)
        .iter()
        .rev()
        .filter_map(|p| p.checked_sub(offset))
        .find(|&k| k > 0 && k < line.len() && fits(k))
    {
        return (k, true);
    }
    // No point fits: as many letters as fit beside a hyphen, leaving no letter alone on
    // either side where that can be helped.
    let letter = |i: usize| line.get(i).is_some_and(char::is_ascii_alphabetic);
    let left = word.len().saturating_sub(offset);
    let cuts = |least: usize| {
        (least.max(1)..line.len())
            .rev()
            .find(|&k| fits(k) && letter(k - 1) && letter(k) && left.saturating_sub(k) >= least)
    };
    match cuts(2).or_else(|| cuts(1)) {
        Some(k) => (k, true),
        None => (line.len().max(1), false),
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

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn the_dictionary_knows_where_words_break() {
        assert!(!points(&chars("manufacturing")).is_empty());
        // Numbers and mixed text are no words to hyphenate.
        assert!(points(&chars("2024")).is_empty());
    }

    #[test]
    fn cuts_at_a_dictionary_point_that_fits() {
        let word = chars("Manufacturing");
        // Room for about seven letters and the hyphen.
        let room = 4.5 * 10.0;
        let line: Vec<char> = word
            .iter()
            .copied()
            .scan(0.0, |w, c| {
                *w += char_em(c) * 10.0;
                (*w <= room).then_some(c)
            })
            .collect();
        let (k, hyphen) = cut(&line, &word, 0, room, 10.0);
        assert!(hyphen);
        let head: String = word[..k].iter().collect();
        assert!(
            ["Man", "Manu", "Manufac"].contains(&head.as_str()),
            "{head}"
        );
    }
}
