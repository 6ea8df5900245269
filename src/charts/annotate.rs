//! `[[annotate]]` in a chart spec: a callout at a data point (`x`, `y`, `text`), a
//! reference line (`y` or `x` alone), a shaded range (`x_from`, `x_to`), as written and
//! as checked against the chart's categories; what they say in the `desc`. Drawing them
//! is src/charts/callouts.rs.

use serde::Deserialize;

use super::prepare::ChartData;
use super::rules::{a_kind, list};
use super::spec::{ChartKind, ChartSpec};
use super::words::ChartText;
use crate::data::format::NumberStyle;
use crate::data::Number;
use crate::render::strings::fill;

/// An x position as written: a category label, or a bare year (`x = 2024`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum XLabel {
    Text(String),
    Whole(i64),
}

impl XLabel {
    fn as_text(&self) -> String {
        match self {
            XLabel::Text(s) => s.clone(),
            XLabel::Whole(n) => n.to_string(),
        }
    }
}

/// One `[[annotate]]` entry as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    #[serde(default)]
    pub x: Option<XLabel>,
    #[serde(default)]
    pub y: Option<f64>,
    #[serde(default)]
    pub x_from: Option<XLabel>,
    #[serde(default)]
    pub x_to: Option<XLabel>,
    pub text: String,
}

/// An annotation checked against the chart: x positions as indices of its items.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    Callout {
        at: usize,
        y: f64,
        text: String,
    },
    Level {
        y: f64,
        text: String,
    },
    Moment {
        at: usize,
        text: String,
    },
    Range {
        from: usize,
        to: usize,
        text: String,
    },
}

/// Kinds that take annotations: those with categories along one axis and values along
/// the other (stacked100 shows shares and donuts have no value axis).
fn takes_annotations(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Line
            | ChartKind::Area
            | ChartKind::Bar
            | ChartKind::Hbar
            | ChartKind::Grouped
            | ChartKind::Stacked
            | ChartKind::Waterfall
            | ChartKind::Bullet
            | ChartKind::Scatter
    )
}

/// Kinds whose `x` alone marks a moment with a line across the plot (time runs along
/// x); on bars it points a callout at the category's bar, on a scatter at the point.
pub fn x_is_a_moment(kind: ChartKind) -> bool {
    matches!(kind, ChartKind::Line | ChartKind::Area)
}

/// Checks every annotation. A message starts with `annotate[N]` (1-based), which the
/// build turns into the line of the N-th `[[annotate]]` in the spec.
pub fn check(spec: &ChartSpec, data: &ChartData) -> Result<Vec<Note>, String> {
    let mut notes = Vec::with_capacity(spec.annotations.len());
    for (i, a) in spec.annotations.iter().enumerate() {
        let key = format!("annotate[{}]", i + 1);
        if !takes_annotations(spec.kind) {
            return Err(format!(
                "{key}: {} chart takes no annotations; line, area, bar, hbar, grouped, stacked, waterfall, bullet and scatter charts do",
                a_kind(spec.kind)
            ));
        }
        if a.text.trim().is_empty() {
            return Err(format!(
                "{key}: `text` is empty; say what the reader should see"
            ));
        }
        let index = |x: &XLabel, name: &str| {
            let label = x.as_text();
            data.items
                .iter()
                .position(|it| it.label == label)
                .ok_or_else(|| {
                    format!(
                        "{key}: {name} = `{label}` is not a category of this chart; categories: {}",
                        list(data.items.iter().map(|it| it.label.as_str()))
                    )
                })
        };
        let text = a.text.clone();
        let note = match (&a.x, a.y, &a.x_from, &a.x_to) {
            (Some(x), Some(y), None, None) => Note::Callout {
                at: index(x, "x")?,
                y: finite(y, &key, spec)?,
                text,
            },
            (None, Some(y), None, None) => Note::Level {
                y: finite(y, &key, spec)?,
                text,
            },
            (Some(x), None, None, None) => Note::Moment {
                at: index(x, "x")?,
                text,
            },
            (None, None, Some(from), Some(to)) => {
                let (from, to) = (index(from, "x_from")?, index(to, "x_to")?);
                if from > to {
                    return Err(format!(
                        "{key}: x_from comes after x_to on the chart; swap them"
                    ));
                }
                Note::Range { from, to, text }
            }
            _ => {
                return Err(format!(
                    "{key}: give `x` and `y` (a callout), `y` or `x` alone (a reference line), or `x_from` and `x_to` (a shaded range)"
                ))
            }
        };
        let repeated = match note {
            Note::Callout { .. } => true,
            Note::Moment { .. } => !x_is_a_moment(spec.kind),
            _ => false,
        };
        if spec.kind == ChartKind::Scatter {
            on_scatter(&note, spec, &key)?;
        }
        if spec.facets && repeated {
            return Err(format!(
                "{key}: a callout would stand in every panel of a faceted chart; use a reference line (`y` alone) or a shaded range (`x_from`, `x_to`)"
            ));
        }
        notes.push(note);
    }
    Ok(notes)
}

/// A scatter's x is a number, not a category: it takes a reference line at a `y`, and
/// a callout at a point named by `x` (its label).
fn on_scatter(note: &Note, spec: &ChartSpec, key: &str) -> Result<(), String> {
    match note {
        Note::Level { y, .. } if spec.y_log && *y <= 0.0 => Err(format!(
            "{key}: y = {y} cannot be drawn on a log axis; give a value above zero"
        )),
        Note::Level { .. } | Note::Moment { .. } => Ok(()),
        _ => Err(format!(
            "{key}: on a scatter chart give `y` alone (a reference line) or `x` alone naming a point (a callout)"
        )),
    }
}

fn finite(y: f64, key: &str, spec: &ChartSpec) -> Result<f64, String> {
    if !y.is_finite() {
        return Err(format!("{key}: y must be a finite number"));
    }
    // Fixed ends are never widened: a note beyond them would be cut off.
    if let Some(lo) = spec.y_min.filter(|lo| y < *lo) {
        return Err(format!("{key}: y = {y} is below y_min = {lo}"));
    }
    if let Some(hi) = spec.y_max.filter(|hi| y > *hi) {
        return Err(format!("{key}: y = {y} is above y_max = {hi}"));
    }
    Ok(y)
}

/// The value range widened to every annotation's `y`, so none falls off the axis.
pub fn widen(notes: &[Note], lo: f64, hi: f64) -> (f64, f64) {
    notes.iter().fold((lo, hi), |(lo, hi), n| match n {
        Note::Callout { y, .. } | Note::Level { y, .. } => (lo.min(*y), hi.max(*y)),
        _ => (lo, hi),
    })
}

/// What the annotations say, for the `desc` (empty when there are none).
pub fn describe(
    kind: ChartKind,
    notes: &[Note],
    data: &ChartData,
    style: &NumberStyle,
    words: ChartText,
) -> String {
    let label = |i: &usize| data.items.get(*i).map_or("", |it| it.label.as_str());
    let value = |y: &f64| style.show(Number::written(*y));
    let say =
        |key: &str, chinese: &str, values: &[(&str, &str)]| fill(words.get(key, chinese), values);
    let said: Vec<String> = notes
        .iter()
        .map(|n| match n {
            Note::Callout { at, y, text } => say(
                "annotation_callout",
                "{label}（{value}）：{text}",
                &[("label", label(at)), ("value", &value(y)), ("text", text)],
            ),
            Note::Level { y, text } => say(
                "annotation_level",
                "参考线 {value}：{text}",
                &[("value", &value(y)), ("text", text)],
            ),
            Note::Moment { at, text } if x_is_a_moment(kind) => say(
                "annotation_moment",
                "{label}处的竖线：{text}",
                &[("label", label(at)), ("text", text)],
            ),
            Note::Moment { at, text } => say(
                "annotation_at",
                "{label}：{text}",
                &[("label", label(at)), ("text", text)],
            ),
            Note::Range { from, to, text } => say(
                "annotation_range",
                "{from}—{to}的阴影区间：{text}",
                &[("from", label(from)), ("to", label(to)), ("text", text)],
            ),
        })
        .collect();
    if said.is_empty() {
        String::new()
    } else {
        let list = said.join(words.punct("list_separator"));
        say("annotations", "标注：{list}。", &[("list", &list)])
    }
}
