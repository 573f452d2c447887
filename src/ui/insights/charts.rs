//! The Insights charts drawn with egui_plot: bars (stacked when there are several series) with
//! their numbers on hover, fixed bounds (no panning or zooming to get lost in), and a click on a
//! bar reported by its index.

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotItem as _};

use crate::insights::svg::Rgb;

/// The height of a chart.
pub const HEIGHT: f32 = 190.0;

/// One series of a bar chart.
pub struct Series {
    /// Its name in the legend and on hover.
    pub name: String,
    /// Its colour.
    pub color: Color32,
    /// One value per bar.
    pub values: Vec<f64>,
}

/// A chart colour from the shared palette.
pub fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Which way the bars grow.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Bars stand on the x axis, one per label from left to right.
    Up,
    /// Bars grow to the right, one per label from top to bottom.
    Right,
}

/// Draws bars named by `labels` (stacked series), the chart named `name` for screen readers;
/// returns the index of the bar clicked this frame.
pub fn bars(
    ui: &mut Ui,
    name: &str,
    labels: &[String],
    series: &[Series],
    direction: Direction,
    unit: &str,
) -> Option<usize> {
    let n = labels.len();
    let total = |i: usize| -> f64 {
        series
            .iter()
            .map(|s| s.values.get(i).copied().unwrap_or(0.0))
            .sum()
    };
    let top = (0..n).map(total).fold(0.0, f64::max).max(1.0) * 1.15;
    let horizontal = direction == Direction::Right;
    // Top to bottom reads like a list: the first label gets the highest y.
    let position = |i: usize| {
        if horizontal {
            (n - 1 - i) as f64
        } else {
            i as f64
        }
    };
    let tick_labels = labels.to_vec();
    let axis = move |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        let v = mark.value;
        if (v - v.round()).abs() > 1e-6 || v < 0.0 {
            return String::new();
        }
        let i = v.round() as usize;
        let i = if horizontal {
            n.checked_sub(1 + i)
        } else {
            Some(i)
        };
        // A label's first line names the bar; further lines are for the hover only.
        i.and_then(|i| tick_labels.get(i))
            .and_then(|l| l.lines().next())
            .unwrap_or_default()
            .to_owned()
    };
    let mut plot = Plot::new(name)
        .height(if horizontal {
            (n as f32 * 22.0 + 30.0).max(90.0)
        } else {
            HEIGHT
        })
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .set_margin_fraction(egui::Vec2::ZERO);
    plot = if horizontal {
        plot.y_axis_formatter(axis).y_axis_min_width(160.0)
    } else {
        plot.x_axis_formatter(axis)
    };
    let unit = unit.to_owned();
    let response = plot.show(ui, |plot_ui| {
        let mut charts: Vec<BarChart> = Vec::new();
        for s in series {
            let bars: Vec<Bar> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    Bar::new(position(i), *v)
                        .width(0.7)
                        .fill(s.color)
                        .stroke(egui::Stroke::new(1.0, s.color))
                        .name(labels.get(i).cloned().unwrap_or_default())
                })
                .collect();
            let unit = unit.clone();
            let mut chart = BarChart::new(s.name.clone(), bars)
                .color(s.color)
                .element_formatter(Box::new(move |bar: &Bar, chart: &BarChart| {
                    format!("{}\n{}: {} {unit}", bar.name, chart.name(), bar.value)
                }));
            if horizontal {
                chart = chart.horizontal();
            }
            let below: Vec<&BarChart> = charts.iter().collect();
            let chart = chart.stack_on(&below);
            charts.push(chart);
        }
        for chart in charts {
            plot_ui.bar_chart(chart);
        }
        let (lo, hi) = (-0.5, n as f64 - 0.5);
        if horizontal {
            plot_ui.set_plot_bounds_x(0.0..=top);
            plot_ui.set_plot_bounds_y(lo..=hi);
        } else {
            plot_ui.set_plot_bounds_x(lo..=hi);
            plot_ui.set_plot_bounds_y(0.0..=top);
        }
    });
    let name = name.to_owned();
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    if !response.response.clicked() {
        return None;
    }
    let pos = response.response.interact_pointer_pos()?;
    let value = response.transform.value_from_position(pos);
    let (along, height) = if horizontal {
        (value.y, value.x)
    } else {
        (value.x, value.y)
    };
    let slot = along.round();
    if slot < 0.0 || slot >= n as f64 || (along - slot).abs() > 0.4 {
        return None;
    }
    let i = if horizontal {
        n - 1 - slot as usize
    } else {
        slot as usize
    };
    (height >= 0.0 && height <= total(i)).then_some(i)
}
