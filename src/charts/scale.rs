//! A linear value scale with round ("nice") ticks, and the tick labels it shows.

use crate::data::format::NumberStyle;

/// A linear value scale with round ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    pub decimals: u8,
    p_lo: f64,
    p_hi: f64,
}

impl Scale {
    /// Round bounds around `lo..hi` with about `target` steps.
    pub fn nice(lo: f64, hi: f64, target: usize) -> Scale {
        let (lo, hi) = if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
            if lo == 0.0 {
                (0.0, 1.0)
            } else {
                (lo.min(0.0), hi.max(0.0) + hi.abs().max(1.0) * 0.1)
            }
        } else {
            (lo, hi)
        };
        let raw = (hi - lo) / target.max(1) as f64;
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * mag)
            .find(|s| *s >= raw * (1.0 - 1e-9))
            .unwrap_or(10.0 * mag);
        // Whole-number bounds (counts such as 1, 2, 2 sessions) never get ticks like 0.5.
        let step = if lo.fract() == 0.0 && hi.fract() == 0.0 {
            step.max(1.0)
        } else {
            step
        };
        let lo = ((lo / step) + 1e-9).floor() * step;
        let hi = ((hi / step) - 1e-9).ceil() * step;
        let decimals = (0..6u8)
            .find(|d| {
                let s = step * 10f64.powi(i32::from(*d));
                (s - s.round()).abs() < 1e-6
            })
            .unwrap_or(6);
        Scale {
            lo,
            hi,
            step,
            decimals,
            p_lo: 0.0,
            p_hi: 1.0,
        }
    }

    /// Maps the scale onto pixels: `lo` to `p_lo`, `hi` to `p_hi`.
    pub fn place(&mut self, p_lo: f64, p_hi: f64) {
        self.p_lo = p_lo;
        self.p_hi = p_hi;
    }

    /// The pixel for value `v`.
    pub fn at(&self, v: f64) -> f64 {
        let t = if self.hi > self.lo {
            (v - self.lo) / (self.hi - self.lo)
        } else {
            0.0
        };
        self.p_lo + t * (self.p_hi - self.p_lo)
    }

    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round().max(0.0) as usize;
        (0..=n)
            .map(|i| {
                let v = self.lo + i as f64 * self.step;
                let v = (v * 1e9).round() / 1e9;
                if v == 0.0 {
                    0.0
                } else {
                    v
                }
            })
            .collect()
    }

    /// A tick as every number is shown (separators, real minus), `%` kept; other units
    /// go on the axis or in the subtitle, not on each tick.
    pub fn tick_label(&self, v: f64, percent: bool) -> String {
        NumberStyle::new(percent.then_some("%")).tick(v, self.decimals)
    }

    /// Every tick with its label; the top one carries `unit` when given (multi-series
    /// charts, whose value labels leave the unit out).
    pub fn tick_labels(&self, percent: bool, unit: Option<&str>) -> Vec<(f64, String)> {
        let ticks = self.ticks();
        let top = ticks.last().copied();
        ticks
            .into_iter()
            .map(|t| {
                let mut label = self.tick_label(t, percent);
                if let (Some(u), false, true) = (unit, percent, Some(t) == top) {
                    label.push_str(u);
                }
                (t, label)
            })
            .collect()
    }
}

/// About one tick per 60 px, three to six.
pub fn tick_target(len: f64) -> usize {
    ((len / 60.0).round().max(0.0) as usize).clamp(3, 6)
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
    fn nice_scales_start_at_zero_and_cover_data() {
        let s = Scale::nice(0.0, 771.4, 5);
        assert_eq!((s.lo, s.hi, s.step), (0.0, 800.0, 200.0));
        assert_eq!(s.ticks(), vec![0.0, 200.0, 400.0, 600.0, 800.0]);
        let s = Scale::nice(0.0, 41.7, 5);
        assert_eq!(s.hi, 50.0);
        let s = Scale::nice(-12.0, 30.0, 4);
        assert!(s.lo <= -12.0 && s.hi >= 30.0);
        assert!(s.ticks().contains(&0.0));
        let s = Scale::nice(0.0, 2.0, 5);
        assert_eq!(s.step, 1.0, "counts get whole ticks");
        let s = Scale::nice(0.0, 0.0, 4);
        assert_eq!((s.lo, s.hi), (0.0, 1.0));
        let s = Scale::nice(0.0, 0.35, 4);
        assert_eq!(s.decimals, 1);
        assert_eq!(s.tick_label(0.1, true), "0.1%");
    }
}
