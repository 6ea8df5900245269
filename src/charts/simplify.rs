//! Series with more points than the plot has pixels: drawn through fewer points chosen
//! by largest-triangle-three-buckets (Steinarsson 2013), which keeps peaks and troughs,
//! and described by their first, last, lowest and highest values instead of every one.
//! The table and the CSV keep every value.

use super::prepare::ChartData;
use super::spec::ChartKind;
use super::words::ChartText;
use crate::data::format::NumberStyle;
use crate::render::strings::fill;

/// Whether a chart's `desc` summarises its series rather than list every value: a line
/// or area with more points than its canvas is wide.
pub fn summarised(kind: ChartKind, data: &ChartData, width: u32) -> bool {
    matches!(kind, ChartKind::Line | ChartKind::Area) && data.items.len() > width as usize
}

/// The `desc` of a long series: how many points, then per series its first, last,
/// lowest and highest value with their labels.
pub fn summary(kind: ChartKind, data: &ChartData, style: &NumberStyle, words: ChartText) -> String {
    let per_series: Vec<String> = data
        .series
        .iter()
        .enumerate()
        .filter_map(|(s, name)| {
            let present: Vec<(&str, crate::data::Number)> = data
                .items
                .iter()
                .filter_map(|i| Some((i.label.as_str(), i.present(s)?)))
                .collect();
            let (first, last) = (present.first()?, present.last()?);
            // The first of equal extremes, so the same data always say the same.
            let pick = |lower: bool| {
                present.iter().fold(*first, |best, p| {
                    let better = if lower {
                        p.1.value < best.1.value
                    } else {
                        p.1.value > best.1.value
                    };
                    if better {
                        *p
                    } else {
                        best
                    }
                })
            };
            let show =
                |(label, n): (&str, crate::data::Number)| format!("{label} {}", style.show(n));
            let template = words.get(
                "chart_series_summary",
                "{name}：首 {first}，末 {last}，最低 {min}，最高 {max}",
            );
            Some(fill(
                template,
                &[
                    ("name", name),
                    ("first", &show(*first)),
                    ("last", &show(*last)),
                    ("min", &show(pick(true))),
                    ("max", &show(pick(false))),
                ],
            ))
        })
        .collect();
    let template = words.get(
        "chart_summary",
        "{noun}，共{n}个点（逐点数值见数据表）。{series}。",
    );
    fill(
        template,
        &[
            ("noun", words.noun(kind)),
            ("n", &data.items.len().to_string()),
            ("series", &per_series.join(words.punct("list_separator"))),
        ],
    )
}

/// At most `keep` of `points` (x ascending): the first, the last, and from each bucket
/// between the point forming the largest triangle with its neighbours' picks.
pub fn lttb(points: &[(f64, f64)], keep: usize) -> Vec<(f64, f64)> {
    let n = points.len();
    if keep >= n || keep < 3 {
        return points.to_vec();
    }
    let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
        return points.to_vec();
    };
    let inner = points.get(1..n - 1).unwrap_or(&[]);
    let buckets = keep - 2;
    let size = inner.len() as f64 / buckets as f64;
    let bucket = |b: usize| {
        let lo = (b as f64 * size).floor() as usize;
        let hi = (((b + 1) as f64 * size).floor() as usize).min(inner.len());
        inner.get(lo..hi.max(lo)).unwrap_or(&[])
    };
    let mut out = Vec::with_capacity(keep);
    out.push(first);
    let mut a = first;
    for b in 0..buckets {
        // The average of the next bucket (the last point after the last bucket).
        let next = if b + 1 < buckets { bucket(b + 1) } else { &[] };
        let c = if next.is_empty() {
            last
        } else {
            let k = next.len() as f64;
            let (sx, sy) = next.iter().fold((0.0, 0.0), |(x, y), p| (x + p.0, y + p.1));
            (sx / k, sy / k)
        };
        let area = |p: &(f64, f64)| ((a.0 - c.0) * (p.1 - a.1) - (a.0 - p.0) * (c.1 - a.1)).abs();
        let picked = bucket(b)
            .iter()
            .copied()
            .fold(None::<(f64, (f64, f64))>, |best, p| {
                let s = area(&p);
                match best {
                    Some((bs, _)) if bs >= s => best,
                    _ => Some((s, p)),
                }
            });
        if let Some((_, p)) = picked {
            out.push(p);
            a = p;
        }
    }
    out.push(last);
    out
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
    fn keeps_the_ends_and_the_extremes() {
        // A slow wave with one spike and one dip far from the ends.
        let pts: Vec<(f64, f64)> = (0..2000)
            .map(|i| {
                let x = f64::from(i);
                let y = match i {
                    700 => 100.0,
                    1300 => -100.0,
                    _ => (x / 150.0).sin(),
                };
                (x, y)
            })
            .collect();
        let out = lttb(&pts, 200);
        assert_eq!(out.len(), 200);
        assert_eq!(out.first(), pts.first());
        assert_eq!(out.last(), pts.last());
        assert!(out.contains(&(700.0, 100.0)) && out.contains(&(1300.0, -100.0)));
        assert!(out.windows(2).all(|w| w[0].0 < w[1].0), "x stays in order");
        // Few points are left alone.
        assert_eq!(lttb(&pts[..50], 200), pts[..50].to_vec());
    }
}
