//! The text width model and line wrapping. Plotters cannot measure text without a font
//! file, so every label is measured here, per character, in ems of a CJK-first sans font;
//! the model errs on the wide side so measured boxes contain the rendered glyphs.

use super::hyphen;

/// Line pitch of wrapped text, in multiples of the font size. Chromium gives one line of
/// Noto Sans CJK SC a 1.45 em box, so lines closer than that would have touching boxes.
pub const LINE: f64 = 1.5;
/// Height of one line's box, in multiples of the font size (a little under [`LINE`]).
pub const BOX: f64 = 1.45;
/// Bold text is modelled this much wider than regular text.
const BOLD: f64 = 1.08;

/// Width of one character in ems.
pub fn char_em(c: char) -> f64 {
    match c {
        '0'..='9' => 0.56,
        ' ' => 0.28,
        'i' | 'j' | 'l' | '|' | '!' | '\'' | '.' | ',' | ':' | ';' => 0.28,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' | '\\' => 0.38,
        'm' | 'w' => 0.84,
        'M' | 'W' => 0.92,
        'a'..='z' => 0.56,
        'A'..='Z' => 0.68,
        '%' => 0.95,
        '&' | '@' | '#' => 0.78,
        '~' | '+' | '=' | '<' | '>' | '*' | '^' | '_' | '$' => 0.6,
        '"' | '`' => 0.42,
        _ if c.is_ascii() => 0.6,
        '·' | '•' => 0.5,
        // The real minus sign of negative numbers: as wide as a digit, and never a place
        // to break a line.
        '−' => 0.56,
        _ => 1.0,
    }
}

/// Width of `text` at `font_px`.
pub fn measure(text: &str, font_px: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font_px
}

/// Width of `text` at `font_px`, bold or not.
pub fn measure_styled(text: &str, font_px: f64, bold: bool) -> f64 {
    let w = measure(text, font_px);
    if bold {
        w * BOLD
    } else {
        w
    }
}

/// Height of a block of `lines` lines at `font_px`.
pub fn block_height(lines: usize, font_px: f64) -> f64 {
    lines as f64 * LINE * font_px
}

/// Characters that may not start a line (closing punctuation).
fn no_line_start(c: char) -> bool {
    NO_LINE_START.contains(&c)
}

// Lists of characters rather than strings: `str::contains` searches for a character's
// UTF-8 bytes as a substring, and these are asked for every pair of characters wrapped.
const NO_LINE_START: &[char] = &[
    '、', '，', '。', '．', '：', '；', '！', '？', '）', '】', '》', '」', '』', '〉', '”', '’',
    '%', '‰', '·', '…', ',', '.', ';', ':', '!', '?', ')', ']', '}',
];
const NO_LINE_END: &[char] = &['（', '【', '《', '「', '『', '〈', '“', '‘', '(', '[', '{'];

/// Characters that may not end a line (opening punctuation).
fn no_line_end(c: char) -> bool {
    NO_LINE_END.contains(&c)
}

/// A character that lays out as a unit of its own (CJK and other wide characters).
fn is_wide(c: char) -> bool {
    !c.is_ascii() && char_em(c) >= 1.0
}

/// Whether a line may break between `a` and `b`.
fn may_break(a: char, b: char) -> bool {
    if no_line_start(b) || no_line_end(a) {
        return false;
    }
    // After the hyphen of a compound (`new-` / `energy`), never inside a number.
    let compound = a == '-' && b.is_ascii_alphabetic();
    a == ' ' || b == ' ' || compound || is_wide(a) || is_wide(b)
}

/// Wraps `text` into lines no wider than `max_width` at `font_px`. Chinese breaks between
/// any two characters, Latin words and numbers at spaces; closing punctuation never starts
/// a line. Only a word wider than the line is broken: hyphenated (see [`hyphen::cut`]).
pub fn wrap(text: &str, max_width: f64, font_px: f64) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    wrap_chars(&chars, max_width, font_px, |line, hyphen| {
        push_line(&mut lines, line, hyphen)
    });
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// How many lines [`wrap`] makes of `chars`, without making them.
fn line_count(chars: &[char], max_width: f64, font_px: f64) -> usize {
    let mut count = 0;
    wrap_chars(chars, max_width, font_px, |line, hyphen| {
        // What `push_line` keeps.
        if hyphen || line.iter().any(|c| !c.is_whitespace()) {
            count += 1;
        }
    });
    count.max(1)
}

/// The wrapping itself: hands each line to `emit` (its characters, which may be blank,
/// and whether a hyphen ends it). A line is always a run of `chars`, so it is kept as
/// where it starts: wrapping allocates nothing (a balanced wrap wraps a label ~25 times).
fn wrap_chars(chars: &[char], max_width: f64, font_px: f64, mut emit: impl FnMut(&[char], bool)) {
    // The line so far is `chars[start..i]`.
    let mut start = 0;
    let mut width = 0.0;
    // Characters of the line after which a break is allowed, most recently.
    let mut last_break: Option<usize> = None;
    let mut prev: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        let line = chars.get(start..i).unwrap_or_default();
        if let Some(p) = prev {
            if !line.is_empty() && may_break(p, c) {
                last_break = Some(line.len());
            }
        }
        prev = Some(c);
        let w = char_em(c) * font_px;
        if width + w > max_width + 1e-9 && !line.is_empty() && c != ' ' {
            let (cut, hyphen) = match last_break {
                Some(k) if k > 0 => (k, false),
                // No break opportunity: break here unless that strands a closing mark.
                _ if no_line_start(c) && line.len() > 1 => (line.len() - 1, false),
                // A word wider than the line: hyphenated (`Manu-` / `facturing`).
                _ => {
                    // The whole word, of which the line holds a part (its start, or the
                    // middle of a word already broken once).
                    let (word, offset) = word_around(chars, start, i);
                    hyphen::cut(line, word, offset, max_width, font_px)
                }
            };
            let cut = cut.min(line.len());
            emit(line.get(..cut).unwrap_or_default(), hyphen);
            start += cut;
            while start < i && chars.get(start) == Some(&' ') {
                start += 1;
            }
            let rest = chars.get(start..i).unwrap_or_default();
            width = rest.iter().map(|&ch| char_em(ch) * font_px).sum();
            last_break = rest
                .windows(2)
                .rposition(|w| matches!(w, [a, b] if may_break(*a, *b)))
                .map(|k| k + 1);
        }
        if start == i && c == ' ' {
            start = i + 1;
            continue;
        }
        width += w;
    }
    emit(chars.get(start..).unwrap_or_default(), false);
}

/// The unbreakable run of `chars` that holds `chars[start..at]`, and where `start` falls
/// in it.
fn word_around(chars: &[char], start: usize, at: usize) -> (&[char], usize) {
    let joined = |k: usize| match (chars.get(k - 1), chars.get(k)) {
        (Some(&a), Some(&b)) => !may_break(a, b),
        _ => false,
    };
    let mut from = start;
    while from > 0 && joined(from) {
        from -= 1;
    }
    let mut to = at.max(start + 1).min(chars.len());
    while to < chars.len() && joined(to) {
        to += 1;
    }
    (chars.get(from..to).unwrap_or_default(), start - from)
}

/// Wraps a value label into at most two lines, breaking only between the number and its
/// unit (`约430` / `亿元`); `None` when it cannot fit without breaking the number.
pub fn fit_value(text: &str, max_width: f64, font_px: f64) -> Option<Vec<String>> {
    if measure(text, font_px) <= max_width {
        return Some(vec![text.to_string()]);
    }
    let i = text.rfind(|c: char| c.is_ascii_digit() || c == '%')?;
    let (number, unit) = (text.get(..=i)?, text.get(i + 1..)?.trim_start());
    let fits = !unit.is_empty()
        && measure(number, font_px) <= max_width
        && measure(unit, font_px) <= max_width;
    fits.then(|| vec![number.to_string(), unit.to_string()])
}

/// Wraps a value label like [`fit_value`], falling back to ordinary wrapping.
pub fn wrap_value(text: &str, max_width: f64, font_px: f64) -> Vec<String> {
    fit_value(text, max_width, font_px).unwrap_or_else(|| wrap(text, max_width, font_px))
}

/// Width of the widest piece of `text` that cannot be broken.
fn widest_word(text: &str, font_px: f64) -> f64 {
    let mut widest: f64 = 0.0;
    let mut current = 0.0;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if prev.is_some_and(|p| may_break(p, c)) {
            current = 0.0;
        }
        current += char_em(c) * font_px;
        widest = widest.max(current);
        prev = Some(c);
    }
    widest
}

/// Wraps like [`wrap`] into the same number of lines, but as evenly as possible, so a
/// label never ends with one stranded character (`基础设` / `施` becomes `基础` / `设施`).
pub fn wrap_balanced(text: &str, max_width: f64, font_px: f64) -> Vec<String> {
    let lines = wrap(text, max_width, font_px);
    if lines.len() < 2 {
        return lines;
    }
    // The search only counts lines: each step would otherwise build every line's text.
    let chars: Vec<char> = text.chars().collect();
    let fits = |width: f64| line_count(&chars, width, font_px) <= lines.len();
    let (mut lo, mut hi) = (widest_word(text, font_px).min(max_width), max_width);
    if fits(lo) {
        return wrap(text, lo, font_px);
    }
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    wrap(text, hi, font_px)
}

fn push_line(lines: &mut Vec<String>, line: &[char], hyphen: bool) {
    let mut s: String = line.iter().collect();
    if hyphen {
        s.push(hyphen::HYPHEN);
    }
    s.truncate(s.trim_end().len());
    if !s.is_empty() {
        lines.push(s);
    }
}

/// Width of the widest line.
pub fn widest(lines: &[String], font_px: f64, bold: bool) -> f64 {
    lines
        .iter()
        .map(|l| measure_styled(l, font_px, bold))
        .fold(0.0, f64::max)
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

    #[test]
    fn punctuation_keeps_its_side_of_a_break() {
        // Between two ideographs a line may break; not before closing punctuation, not
        // after opening punctuation, whichever script the mark belongs to.
        assert!(may_break('投', '资'));
        for close in "、，。）》”%…,.;:!?)".chars() {
            assert!(!may_break('资', close), "{close}");
        }
        for open in "（《“([".chars() {
            assert!(!may_break(open, '投'), "{open}");
        }
        // Ten em of text at 10 px a line: `。` stays with the word before it.
        assert_eq!(
            wrap("一二三四五六七八九十。", 100.0, 10.0),
            ["一二三四五六七八九", "十。"]
        );
    }

    #[test]
    fn widths() {
        assert_eq!(measure("基础设施", 10.0), 40.0);
        assert!((measure("771.4", 10.0) - (4.0 * 5.6 + 2.8)).abs() < 1e-9);
        assert!(measure("WWW", 12.0) > measure("iii", 12.0) * 2.0);
    }

    #[test]
    fn wraps_chinese_anywhere() {
        let lines = wrap("重庆两江新区产业园区", 50.0, 10.0);
        assert_eq!(lines, vec!["重庆两江新", "区产业园区"]);
        for l in &lines {
            assert!(measure(l, 10.0) <= 50.0);
        }
    }

    #[test]
    fn keeps_numbers_whole() {
        assert_eq!(wrap("约430亿元", 30.0, 10.0), vec!["约430", "亿元"]);
        assert_eq!(wrap("hello world", 40.0, 10.0), vec!["hello", "world"]);
    }

    #[test]
    fn no_comma_at_line_start() {
        let lines = wrap("重庆市，两江新区、产业园区。", 30.0, 10.0);
        for l in &lines {
            let first = l.chars().next().unwrap();
            assert!(!"、，。".contains(first), "{lines:?}");
        }
        assert_eq!(lines.concat(), "重庆市，两江新区、产业园区。");
    }

    #[test]
    fn long_word_is_broken() {
        let lines = wrap("abcdefghijklmnop", 30.0, 10.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat().replace('-', ""), "abcdefghijklmnop");
    }

    /// Lines of `text` wrapped at `max` px: every line fits, and the words come back
    /// whole once the hyphens added at breaks are taken out.
    fn wrapped_english(text: &str, max: f64) -> Vec<String> {
        let lines = wrap(text, max, 12.0);
        for l in &lines {
            assert!(
                measure(l, 12.0) <= max + 1e-9,
                "{l} wider than {max}: {lines:?}"
            );
        }
        let joined = lines
            .iter()
            .map(|l| l.strip_suffix('-').map_or(format!("{l} "), str::to_string))
            .collect::<String>();
        assert_eq!(joined.trim_end(), text, "{lines:?}");
        lines
    }

    #[test]
    fn english_wraps_between_words() {
        let text = "Fixed-asset investment in manufacturing and infrastructure";
        for max in [90.0, 120.0, 160.0, 240.0] {
            let lines = wrapped_english(text, max);
            // Every word is narrower than these lines: none is broken.
            assert!(lines.iter().all(|l| !l.ends_with('-')), "{max}: {lines:?}");
            let words: Vec<&str> = text.split(' ').collect();
            for l in &lines {
                assert!(l.split(' ').all(|w| words.contains(&w)), "{max}: {l}");
            }
        }
    }

    #[test]
    fn a_word_broken_twice_breaks_at_its_syllables() {
        // `in-tel-li-gent`: the second break is found in the whole word, not in its tail.
        let lines = wrapped_english("Intelligent", 26.0);
        assert!(lines.len() >= 3, "{lines:?}");
        let syllables = [
            "In-", "Intel-", "tel-", "li-", "telli-", "gent", "ligent", "intel-",
        ];
        for l in &lines {
            assert!(syllables.contains(&l.as_str()), "`{l}` in {lines:?}");
        }
    }

    #[test]
    fn a_compound_breaks_at_its_own_hyphen() {
        let lines = wrap("Digital-intelligence convergence", 80.0, 12.0);
        assert_eq!(lines, vec!["Digital-", "intelligence", "convergence"]);
        // Minus signs and ranges of numbers stay whole.
        assert_eq!(wrap("-5 2021-2022", 60.0, 12.0), vec!["-5", "2021-2022"]);
    }

    #[test]
    fn only_a_word_longer_than_the_line_is_hyphenated() {
        // 45 px holds `Manufac-` but not `Manufacturing` (about 85 px at 12 px).
        let lines = wrapped_english("Manufacturing output", 60.0);
        assert!(lines[0].ends_with('-'), "{lines:?}");
        // Broken at a syllable: never `Manuf` / `acturin` / `g`.
        assert!(
            !lines.iter().any(|l| l == "g" || l.starts_with("acturin")),
            "{lines:?}"
        );
        assert_eq!(lines.last().unwrap(), "output");
        // A hyphen is added only between letters: numbers stay whole or break bare.
        let nums = wrap("12345678901234567890", 60.0, 12.0);
        assert!(nums.iter().all(|l| !l.ends_with('-')), "{nums:?}");
    }

    #[test]
    fn values_break_before_the_unit() {
        assert_eq!(wrap_value("约430亿元", 40.0, 10.0), vec!["约430", "亿元"]);
        assert_eq!(wrap_value("40.3%", 30.0, 10.0), vec!["40.3%"]);
        assert_eq!(wrap_value("771.4亿元", 100.0, 10.0), vec!["771.4亿元"]);
    }

    #[test]
    fn balanced_lines() {
        assert_eq!(wrap_balanced("基础设施", 35.0, 10.0), vec!["基础", "设施"]);
        let lines = wrap_balanced("长江上游生态环境保护与修复工程", 140.0, 10.0);
        assert_eq!(lines, vec!["长江上游生态环境", "保护与修复工程"]);
        assert_eq!(fit_value("1,234.5亿元", 30.0, 12.0), None);
        assert_eq!(
            fit_value("1,234.5亿元", 50.0, 12.0),
            Some(vec!["1,234.5".to_string(), "亿元".to_string()])
        );
    }

    #[test]
    fn empty_text() {
        assert_eq!(wrap("", 30.0, 10.0), vec![String::new()]);
    }

    #[test]
    fn counting_lines_agrees_with_wrapping() {
        let texts = [
            "基础设施投资同比增长",
            "Manufacturing investment in new-energy vehicles grew",
            "a  b   c\u{3000}",
            "  ",
            "",
            "（含新能源汽车）。。，",
        ];
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            for width in [5.0, 12.0, 24.0, 37.5, 60.0, 200.0] {
                let lines = wrap(text, width, 12.0);
                assert_eq!(
                    line_count(&chars, width, 12.0),
                    lines.len(),
                    "{text:?} at {width}: {lines:?}"
                );
            }
        }
    }
}
