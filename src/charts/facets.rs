//! Small multiples (`facets = true` on a line, area or bar chart of several series): one
//! panel per series, titled with the series' name, every panel on one frame (the same
//! value scale, categories and margins, so the same value stands at the same height in
//! each). Panels flow into as many columns as the width given holds, so the narrow
//! variant stacks them; each panel is drawn by its kind's own layout.

use super::colour::{Rgb, TEXT, TICK_TEXT};
use super::frame::{self, ColumnInput, Columns, PAD, SMALL_PX};
use super::output::noun;
use super::prepare::{ChartData, Item};
use super::rules::a_kind;
use super::scene::{block, Anchor, Scene};
use super::spec::{ChartKind, ChartSpec};
use super::text::{self, block_height};
use super::{area, bar, line, Ctx};
use crate::data::format::NumberStyle;

/// Narrowest a panel gets before the panels flow onto another row.
pub const MIN_PANEL: f64 = 180.0;
/// Space between panels, across and down.
const GAP: f64 = 16.0;
const TITLE_PX: f64 = 13.0;

/// Kinds that can be split into panels.
fn facetable(kind: ChartKind) -> bool {
    matches!(kind, ChartKind::Line | ChartKind::Area | ChartKind::Bar)
}

/// Checks `facets` against the kind and the number of series; messages start with the
/// key, which the build turns into its line.
pub fn check(spec: &ChartSpec) -> Result<(), String> {
    if !spec.facets {
        return Ok(());
    }
    if !facetable(spec.kind) {
        return Err(format!(
            "facets: {} chart cannot be split into panels; line, area and bar charts can",
            a_kind(spec.kind)
        ));
    }
    if spec.y.len() < 2 {
        return Err(
            "facets: `y` names one column, which makes one panel; list a column per panel in `y`, or leave `facets` out"
                .to_string(),
        );
    }
    Ok(())
}

/// How many panels fit side by side in `width`, at most `panels`.
pub fn per_row(width: f64, panels: usize) -> usize {
    let fit = ((width + GAP) / (MIN_PANEL + GAP)).floor().max(1.0) as usize;
    fit.clamp(1, panels.max(1))
}

/// Series `s` of `data` as a chart of its own.
fn panel_data(data: &ChartData, s: usize) -> ChartData {
    let item = |i: &Item| Item {
        values: i.values.get(s).copied().into_iter().collect(),
        gaps: vec![i.gap(s)],
        ..i.clone()
    };
    ChartData {
        series: data.series.get(s).cloned().into_iter().collect(),
        items: data.items.iter().map(item).collect(),
        total: data.total.as_ref().map(item),
        highlight_series: vec![false],
        ..data.clone()
    }
}

/// The frame every panel shares: value range over all series, room for the widest end
/// or value label of any series, the panel's title above.
fn shared_frame(ctx: &Ctx, width: f64, height: f64, top: f64) -> Columns {
    let kind = ctx.spec.kind;
    let items = &ctx.data.items;
    let k = ctx.data.series.len();
    let present: Vec<f64> = items
        .iter()
        .flat_map(|i| (0..k).filter_map(|s| i.present(s)).map(|n| n.value))
        .collect();
    let min = present.iter().copied().fold(f64::INFINITY, f64::min);
    let max = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = match kind {
        ChartKind::Line => super::y_axis::line_range(min, max, ctx.spec.y_zero),
        ChartKind::Area if ctx.spec.y_zero == Some(false) => (min, max),
        _ => (min.min(0.0), max.max(0.0)),
    };
    let (lo, hi) = super::annotate::widen(&ctx.notes, lo, hi);
    let time = kind != ChartKind::Bar;
    // Lines and areas: each series' last value, right of its plot.
    let end_w = (0..k)
        .filter_map(|s| items.iter().rev().find_map(|i| i.present(s)))
        .map(|n| text::measure(&ctx.plain(n), SMALL_PX))
        .fold(0.0, f64::max);
    let labels: Vec<String> = items
        .iter()
        .flat_map(|i| (0..k).map(|s| ctx.item_plain(i, s)).collect::<Vec<_>>())
        .collect();
    let values: Vec<f64> = items
        .iter()
        .flat_map(|i| (0..k).map(|s| i.value(s)).collect::<Vec<_>>())
        .collect();
    let cats = ctx.categories();
    let input = ColumnInput {
        width,
        height,
        top,
        labels: &cats,
        lo,
        hi,
        percent: ctx.percent(),
        right_extra: if time { end_w + 8.0 } else { 0.0 },
        thin: time,
        // The unit is said once, above the panels (see `layout`).
        axis_unit: None,
        periods: ctx.data.periods.as_deref(),
        spaced_by_time: time,
        fixed: super::y_axis::fixed(ctx.spec),
        text: ctx.text,
        shared: None,
    };
    frame::columns(&input, |band| {
        // Bars too narrow for their labels go without them (the table has the numbers).
        if time || !bar::labels_fit(&labels, band) {
            (SMALL_PX * 0.7, 0.0)
        } else {
            bar::label_room(&labels, &values, band)
        }
    })
}

pub fn layout(ctx: &Ctx) -> Scene {
    let k = ctx.data.series.len().max(1);
    let across = per_row(ctx.width, k);
    let width = ((ctx.width - GAP * (across - 1) as f64) / across as f64).floor();
    let height = (width * 0.75).clamp(180.0, ctx.height.max(180.0));
    // Every panel's title takes the height of the tallest, so the plots line up.
    let titles: Vec<Vec<String>> = ctx
        .data
        .series
        .iter()
        .map(|name| text::wrap(name, (width - 2.0 * PAD) / 1.08, TITLE_PX))
        .collect();
    let title_lines = titles.iter().map(Vec::len).max().unwrap_or(1);
    let top = PAD + block_height(title_lines, TITLE_PX) + 6.0;
    // The unit once for every panel, rather than on each panel's top tick, where it
    // would take a third of a narrow panel's width.
    let mut scene = Scene::new(ctx.width, 0.0);
    let head = match ctx.axis_unit() {
        Some(unit) => {
            let said = text::wrap(&format!("单位：{unit}"), ctx.width - 2.0 * PAD, SMALL_PX);
            let h = block_height(said.len(), SMALL_PX);
            scene.texts(
                block(&said, PAD, PAD, Anchor::Start, SMALL_PX)
                    .into_iter()
                    .map(|l| l.fill(TICK_TEXT)),
            );
            h + PAD
        }
        None => 0.0,
    };
    let shared = shared_frame(ctx, width, height, top);
    // Highlighting picks out panels: a highlighted series keeps its colour, the rest
    // turn grey, as they would in one chart.
    let colours: Vec<Rgb> = (0..k).map(|s| ctx.series_colour(s)).collect();
    let panels: Vec<Scene> = (0..k)
        .map(|s| {
            let data = panel_data(ctx.data, s);
            let panel = Ctx {
                data: &data,
                palette: colours.get(s).copied().into_iter().collect(),
                width,
                height,
                notes: ctx.notes.clone(),
                shared: Some(&shared),
                ..*ctx
            };
            let mut scene = match ctx.spec.kind {
                ChartKind::Line => line::layout(&panel),
                ChartKind::Area => area::layout(&panel),
                _ => bar::layout(&panel),
            };
            let bold = ctx.data.highlight_series.get(s).copied().unwrap_or(false);
            let title = titles.get(s).cloned().unwrap_or_default();
            scene.texts(
                block(&title, PAD, PAD, Anchor::Start, TITLE_PX)
                    .into_iter()
                    .map(|l| l.bold(bold).fill(TEXT)),
            );
            scene
        })
        .collect();
    let mut y = head;
    for row in panels.chunks(across) {
        let row_height = row.iter().map(|p| p.height).fold(0.0, f64::max);
        for (c, panel) in row.iter().enumerate() {
            scene.add_at(panel, c as f64 * (width + GAP), y);
        }
        y += row_height + GAP;
    }
    scene.height = (y - GAP).max(1.0);
    scene
}

/// The `desc`: the kind, that each series has a panel on one scale, then every value
/// (or, for series longer than the plot is wide, their summary).
pub fn describe(
    kind: ChartKind,
    data: &ChartData,
    style: &NumberStyle,
    decimals: u8,
    width: u32,
    text: super::words::ChartText,
) -> String {
    // Bars of several series read like grouped ones, row by row.
    let as_one = if kind == ChartKind::Bar {
        ChartKind::Grouped
    } else {
        kind
    };
    let body = if super::simplify::summarised(kind, data, width) {
        super::simplify::summary(kind, data, style, text)
    } else {
        super::output::describe(as_one, data, style, decimals, text)
    };
    let rest = body.strip_prefix(text.noun(as_one)).unwrap_or(&body);
    let rest = rest.trim_start_matches(['。', '，', '.', ',', ' ']);
    format!(
        "分面{}，每个系列一幅小图（{}），纵轴刻度相同。{rest}",
        noun(kind),
        data.series.join("、")
    )
}
