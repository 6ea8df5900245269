//! Keeping labels apart: labels stacked along one side (donut sides, line ends) are pushed
//! apart vertically, in order, and kept within limits; scale labels that would touch are
//! thinned out.

use super::scene::Label;

/// Vertical gap kept between neighbouring labels.
pub const GAP: f64 = 2.0;

/// Given each label's wished centre and height, returns centres (same order as given) such
/// that labels keep their order by wished position, do not overlap, and stay within
/// `min..max` when they can (when they cannot, they overflow at the bottom and the caller
/// grows the canvas).
pub fn spread(wished: &[(f64, f64)], min: f64, max: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wished.len()).collect();
    order.sort_by(|&a, &b| {
        let ya = wished.get(a).map_or(0.0, |w| w.0);
        let yb = wished.get(b).map_or(0.0, |w| w.0);
        ya.total_cmp(&yb).then(a.cmp(&b))
    });
    let heights: Vec<f64> = order
        .iter()
        .map(|&i| wished.get(i).map_or(0.0, |w| w.1))
        .collect();
    let mut tops: Vec<f64> = order
        .iter()
        .zip(&heights)
        .map(|(&i, h)| wished.get(i).map_or(0.0, |w| w.0) - h / 2.0)
        .collect();
    let forward = |tops: &mut Vec<f64>| {
        let mut floor = min;
        for (t, h) in tops.iter_mut().zip(&heights) {
            *t = t.max(floor);
            floor = *t + h + GAP;
        }
    };
    forward(&mut tops);
    let mut ceiling = max;
    for (t, h) in tops.iter_mut().zip(&heights).rev() {
        *t = t.min(ceiling - h);
        ceiling = *t - GAP;
    }
    forward(&mut tops);
    let mut centres = vec![0.0; wished.len()];
    for ((&i, t), h) in order.iter().zip(&tops).zip(&heights) {
        if let Some(c) = centres.get_mut(i) {
            *c = t + h / 2.0;
        }
    }
    centres
}

/// Keeps labels in the order given, dropping any that would come within `gap` of one
/// already kept (callers put the must-have labels, e.g. the ends of a scale, first).
pub fn keep_clear(labels: Vec<Label>, gap: f64) -> Vec<Label> {
    let mut kept: Vec<Label> = Vec::with_capacity(labels.len());
    for l in labels {
        let b = l.bbox();
        if kept.iter().all(|k| !b.overlaps(&k.bbox(), -gap)) {
            kept.push(l);
        }
    }
    kept
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
    fn pushes_apart_and_keeps_within() {
        let wished = [(50.0, 20.0), (52.0, 20.0), (55.0, 20.0), (98.0, 20.0)];
        let c = spread(&wished, 0.0, 100.0);
        for w in c.windows(2) {
            assert!(w[1] - w[0] >= 20.0 + GAP - 1e-9, "{c:?}");
        }
        assert!(c[3] + 10.0 <= 100.0 + 1e-9);
        assert!(c[0] - 10.0 >= 0.0);
    }

    #[test]
    fn keeps_given_order_of_output() {
        let c = spread(&[(80.0, 10.0), (10.0, 10.0)], 0.0, 100.0);
        assert_eq!(c, vec![80.0, 10.0]);
    }
}
