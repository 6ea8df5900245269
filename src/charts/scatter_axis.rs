//! A numeric axis of a scatter chart, linear (nice ticks, zero not forced) or
//! logarithmic (ticks at powers of ten, with 2 and 5 between when few decades show),
//! mapped onto a span of pixels.

use crate::data::format::NumberStyle;

use super::scale::Scale;

/// One axis: where values fall in pixels, and its labelled ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    log: bool,
    /// Bounds in axis space (log10 of the value on a log axis).
    lo: f64,
    hi: f64,
    p_lo: f64,
    p_hi: f64,
    pub ticks: Vec<(f64, String)>,
}

impl Axis {
    /// An axis covering `values` with about `target` ticks; tick text as `style` writes
    /// ticks (digits, `%` kept). A log axis expects values above zero (checked earlier).
    pub fn new(values: &[f64], log: bool, target: usize, style: &NumberStyle) -> Axis {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (min, max) = if min.is_finite() && max.is_finite() {
            (min, max)
        } else {
            (1.0, 1.0)
        };
        if log {
            let lo = min.log10().floor();
            let hi = max.log10().ceil().max(lo + 1.0);
            let steps: &[f64] = if hi - lo <= 2.0 {
                &[1.0, 2.0, 5.0]
            } else {
                &[1.0]
            };
            let mut ticks = Vec::new();
            let mut k = lo;
            while k <= hi {
                for m in steps {
                    let v = m * 10f64.powf(k);
                    if v <= 10f64.powf(hi) * (1.0 + 1e-9) {
                        let decimals = (-k).max(0.0) as u8;
                        ticks.push((v, style.tick(v, decimals)));
                    }
                }
                k += 1.0;
            }
            return Axis {
                log,
                lo,
                hi,
                p_lo: 0.0,
                p_hi: 1.0,
                ticks,
            };
        }
        let scale = Scale::nice(min, max, target);
        let ticks = scale
            .ticks()
            .into_iter()
            .map(|t| (t, style.tick(t, scale.decimals)))
            .collect();
        Axis {
            log,
            lo: scale.lo,
            hi: scale.hi,
            p_lo: 0.0,
            p_hi: 1.0,
            ticks,
        }
    }

    /// Maps the axis onto pixels: its low end to `p_lo`, its high end to `p_hi`.
    pub fn place(&mut self, p_lo: f64, p_hi: f64) {
        self.p_lo = p_lo;
        self.p_hi = p_hi;
    }

    /// The pixel for value `v`.
    pub fn at(&self, v: f64) -> f64 {
        let t = if self.log { v.log10() } else { v };
        let f = if self.hi > self.lo {
            (t - self.lo) / (self.hi - self.lo)
        } else {
            0.0
        };
        self.p_lo + f * (self.p_hi - self.p_lo)
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

    #[test]
    fn log_ticks_are_powers_of_ten_and_map_evenly() {
        let mut a = Axis::new(&[3.0, 4_500.0], true, 5, &NumberStyle::new(None));
        let values: Vec<f64> = a.ticks.iter().map(|t| t.0).collect();
        assert_eq!(values, vec![1.0, 10.0, 100.0, 1_000.0, 10_000.0]);
        assert_eq!(a.ticks[4].1, "10,000");
        a.place(0.0, 400.0);
        assert!((a.at(10.0) - 100.0).abs() < 1e-9);
        assert!((a.at(1_000.0) - 300.0).abs() < 1e-9);
        let b = Axis::new(&[0.2, 3.0], true, 5, &NumberStyle::new(None));
        let labels: Vec<&str> = b.ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels, vec!["0.1", "0.2", "0.5", "1", "2", "5", "10"]);
    }

    #[test]
    fn linear_axes_need_not_start_at_zero() {
        let a = Axis::new(&[41.0, 83.0], false, 5, &NumberStyle::new(None));
        assert!(a.ticks[0].0 > 0.0 && a.ticks[0].0 <= 41.0);
        assert!(a.ticks.last().unwrap().0 >= 83.0);
    }
}
