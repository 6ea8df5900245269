//! Chinese typesetting in the Markdown output: the tokens a line must never split, i.e.
//! a number with its unit or percent sign (`2,020.3亿元`, `41.7%`, `549个`) and a date or
//! period (`2026年1—5月`, `6月30日`). Browsers may break between a digit and an
//! ideograph, so such a token is wrapped in `<span class="nobr">` (CSS: nowrap).

use std::sync::LazyLock;

use regex::Regex;

/// Units and measure words that follow a figure in Chinese reports, longest first so
/// `亿元` wins over `亿`.
const UNITS: &str = "个百分点|百分点|万亿元|亿美元|万美元|亿元|万元|千元|万人次|万人|万平方米|平方米|平方公里|公里|千米|万吨|个月|%|％|‰|倍|个|家|项|场|年|月|日|天|元|亿|万|人|次|座|条|张|所|名|户|台|辆|期|届|轮|批|吨|米|岁|位|件|本|篇|份|套|间|栋|宗";

static TOKEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let number = r"\d[\d,]*(?:\.\d+)?";
    let range = r"[—–~～-]";
    let date = format!(
        r"(?:\d{{4}}年)?\d{{1,2}}(?:{range}\d{{1,2}})?月(?:\d{{1,2}}(?:{range}\d{{1,2}})?日)?"
    );
    let figure = format!(r"[−-]?{number}(?:{range}{number})?(?:{UNITS})");
    Regex::new(&format!("{date}|{figure}")).ok()
});

/// One stretch of a text: free to break, or to keep on one line.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Free(&'a str),
    Whole(&'a str),
}

/// Splits `text` into stretches, the unbreakable tokens as [`Piece::Whole`].
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let Some(re) = TOKEN.as_ref() else {
        return vec![Piece::Free(text)];
    };
    let mut out = Vec::new();
    let mut last = 0;
    for m in re.find_iter(text) {
        if m.start() > last {
            out.push(Piece::Free(text.get(last..m.start()).unwrap_or("")));
        }
        out.push(Piece::Whole(m.as_str()));
        last = m.end();
    }
    if last < text.len() || out.is_empty() {
        out.push(Piece::Free(text.get(last..).unwrap_or("")));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn wholes(text: &str) -> Vec<&str> {
        pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Whole(w) => Some(w),
                Piece::Free(_) => None,
            })
            .collect()
    }

    #[test]
    fn dates_and_periods_stay_whole() {
        assert_eq!(
            wholes("2026年1—5月完成投资，6月30日发布"),
            ["2026年1—5月", "6月30日"]
        );
        assert_eq!(wholes("前5个月"), ["5个月"]);
    }

    #[test]
    fn figures_keep_their_unit() {
        assert_eq!(
            wholes("完成2,020.3亿元，占41.7%，对接549个项目，下降−0.5个百分点"),
            ["2,020.3亿元", "41.7%", "549个", "−0.5个百分点"]
        );
    }

    #[test]
    fn text_without_tokens_is_one_free_piece() {
        assert_eq!(pieces("科技创新"), [Piece::Free("科技创新")]);
        assert_eq!(pieces(""), [Piece::Free("")]);
        assert_eq!(pieces("“33618”体系"), [Piece::Free("“33618”体系")]);
        // Digits other than ASCII ones are digits too.
        assert_eq!(wholes("增长１２%"), ["１２%"]);
    }

    #[test]
    fn pieces_put_back_together_are_the_text() {
        let text = "约2000亿元；2026年6月26日。";
        let joined: String = pieces(text)
            .iter()
            .map(|p| match p {
                Piece::Free(s) | Piece::Whole(s) => *s,
            })
            .collect();
        assert_eq!(joined, text);
    }
}
