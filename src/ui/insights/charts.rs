//! The Insights bar charts, drawn with egui's painter: bars (stacked when there are several
//! series) over round numbers; the bars' labels spaced so that none is drawn over another, over a
//! bar or past the chart's edges; a bar's numbers on hover; a click on a bar reported by its
//! index. Everything is drawn inside the space the chart takes, so nothing is clipped.

use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, pos2, vec2};

use crate::i18n::{Lang, T};
use crate::insights::svg::Rgb;
use crate::ui::insights::axis::{count_text, spaced, ticks};
use crate::ui::theme::palette;

/// The height of a chart of upright bars.
pub const HEIGHT: f32 = 190.0;
/// The height of one row of a chart of bars growing to the right.
const ROW: f32 = 24.0;
/// At most this many steps on the count axis.
const STEPS: usize = 4;
/// Space between labels, and between a label and what it names.
const GAP: f32 = 8.0;
/// The share of a bar's slot it fills.
const FILL: f32 = 0.7;

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
    /// Bars grow to the right, one per label from top to bottom, each with its number after it.
    Right,
}

/// What a chart shows: a bar per label (a label's first line names the bar under it; further
/// lines are for the hover only), the series stacked in each, and the unit of their numbers.
pub struct Bars<'a> {
    /// The chart's accessible name ("Chart: …").
    pub name: &'a str,
    /// One label per bar.
    pub labels: &'a [String],
    /// The series, stacked.
    pub series: &'a [Series],
    /// Which way the bars grow.
    pub direction: Direction,
    /// The unit of the numbers ("times"), or "".
    pub unit: &'a str,
}

/// Where a chart's bars lie: `area` cut into equal slots `pitch` long, along x or y.
#[derive(Clone, Copy)]
struct Slots {
    area: Rect,
    pitch: f32,
    across: bool,
}

impl Slots {
    /// The slot under `p`, if it is over the chart.
    fn at(self, p: Pos2) -> Option<usize> {
        if !self.area.contains(p) {
            return None;
        }
        let along = if self.across {
            p.x - self.area.left()
        } else {
            p.y - self.area.top()
        };
        Some((along / self.pitch).max(0.0) as usize)
    }
}

impl Bars<'_> {
    fn total(&self, i: usize) -> f64 {
        self.series
            .iter()
            .map(|s| s.values.get(i).copied().unwrap_or(0.0))
            .sum()
    }

    /// Draws the chart; returns the index of the bar clicked this frame (never an empty one).
    pub fn show(&self, ui: &mut Ui, lang: Lang) -> Option<usize> {
        let n = self.labels.len();
        if n == 0 {
            return None;
        }
        let font = egui::TextStyle::Small.resolve(ui.style());
        let (response, slots) = match self.direction {
            Direction::Up => self.columns(ui, &font),
            Direction::Right => self.rows(ui, &font),
        };
        let name = self.name.to_owned();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
        let at = |pos: Option<Pos2>| pos.and_then(|p| slots.at(p)).filter(|&i| i < n);
        if let Some(i) = at(response.hover_pos()) {
            response
                .clone()
                .on_hover_ui_at_pointer(|ui| self.hover(ui, lang, i));
        }
        let clicked = response
            .clicked()
            .then(|| at(response.interact_pointer_pos()))
            .flatten();
        clicked.filter(|&i| self.total(i) > 0.0)
    }

    /// Upright bars over a count axis; the bar labels under them, spaced.
    fn columns(&self, ui: &mut Ui, font: &FontId) -> (egui::Response, Slots) {
        let n = self.labels.len();
        let pal = palette(ui);
        let totals: Vec<f64> = (0..n).map(|i| self.total(i)).collect();
        let marks = ticks(totals.iter().copied().fold(0.0, f64::max), STEPS);
        let top = marks.last().copied().unwrap_or(1.0);
        let text = |ui: &Ui, s: String| ui.painter().layout_no_wrap(s, font.clone(), pal.muted);
        let mark_texts: Vec<Arc<Galley>> = marks.iter().map(|m| text(ui, count_text(*m))).collect();
        let axis_width = mark_texts.iter().map(|g| g.size().x).fold(0.0, f32::max) + GAP;
        let line = text(ui, "0".into()).size().y;
        let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), HEIGHT), Sense::hover());
        let plot = Rect::from_min_max(
            pos2(rect.left() + axis_width, rect.top() + line / 2.0),
            pos2(rect.right() - 1.0, rect.bottom() - line - GAP / 2.0),
        );
        let id = ui.make_persistent_id(self.name);
        let response = ui.interact(plot, id, Sense::click());
        let painter = ui.painter_at(rect);
        let grid = Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color);
        let y_of = move |v: f64| plot.bottom() - plot.height() * (v / top) as f32;
        for (mark, galley) in marks.iter().zip(mark_texts) {
            let y = y_of(*mark);
            painter.hline(plot.x_range(), y, grid);
            let at = pos2(
                plot.left() - GAP / 2.0 - galley.size().x,
                y - galley.size().y / 2.0,
            );
            painter.galley(at, galley, pal.muted);
        }
        let slot = plot.width() / n as f32;
        let slots = Slots {
            area: plot,
            pitch: slot,
            across: true,
        };
        let hovered = response.hover_pos().and_then(|p| slots.at(p));
        for i in 0..n {
            let left = plot.left() + slot * i as f32;
            if hovered == Some(i) {
                let column = Rect::from_x_y_ranges(left..=left + slot, plot.y_range());
                painter.rect_filled(column, 0.0, ui.visuals().widgets.hovered.weak_bg_fill);
            }
            let width = (slot * FILL).max(1.0);
            let x = left + (slot - width) / 2.0;
            let mut base = 0.0;
            for s in self.series {
                let v = s.values.get(i).copied().unwrap_or(0.0);
                if v <= 0.0 {
                    continue;
                }
                let bar = Rect::from_x_y_ranges(x..=x + width, y_of(base + v)..=y_of(base));
                painter.rect_filled(bar, 0.0, s.color);
                base += v;
            }
        }
        let names: Vec<Arc<Galley>> = self
            .labels
            .iter()
            .map(|l| text(ui, l.lines().next().unwrap_or_default().to_owned()))
            .collect();
        let centres: Vec<f32> = (0..n)
            .map(|i| plot.left() + slot * (i as f32 + 0.5))
            .collect();
        let widths: Vec<f32> = names.iter().map(|g| g.size().x).collect();
        for (i, left) in spaced(&centres, &widths, (rect.left(), rect.right()), GAP) {
            painter.galley(
                pos2(left, plot.bottom() + GAP / 2.0),
                names[i].clone(),
                pal.muted,
            );
        }
        (response, slots)
    }

    /// Bars growing to the right, one row each: its label before it (shortened with "…" when
    /// long) and its number after it.
    fn rows(&self, ui: &mut Ui, font: &FontId) -> (egui::Response, Slots) {
        let n = self.labels.len();
        let pal = palette(ui);
        let text_colour = ui.visuals().text_color();
        let totals: Vec<f64> = (0..n).map(|i| self.total(i)).collect();
        let most = totals.iter().copied().fold(0.0, f64::max).max(1.0);
        let (rect, _) =
            ui.allocate_exact_size(vec2(ui.available_width(), n as f32 * ROW), Sense::hover());
        let numbers: Vec<Arc<Galley>> = totals
            .iter()
            .map(|t| {
                ui.painter()
                    .layout_no_wrap(count_text(*t), font.clone(), text_colour)
            })
            .collect();
        let number_width = numbers.iter().map(|g| g.size().x).fold(0.0, f32::max) + GAP;
        let widest = self
            .labels
            .iter()
            .map(|l| {
                let first = l.lines().next().unwrap_or_default().to_owned();
                ui.painter()
                    .layout_no_wrap(first, font.clone(), text_colour)
                    .size()
                    .x
            })
            .fold(0.0, f32::max);
        let label_width = widest.min(rect.width() * 0.45);
        let bars = Rect::from_min_max(
            pos2(rect.left() + label_width + GAP, rect.top()),
            pos2(rect.right() - number_width, rect.bottom()),
        );
        let id = ui.make_persistent_id(self.name);
        let response = ui.interact(rect, id, Sense::click());
        let painter = ui.painter_at(rect);
        let slots = Slots {
            area: rect,
            pitch: ROW,
            across: false,
        };
        let hovered = response.hover_pos().and_then(|p| slots.at(p));
        for (i, number) in numbers.into_iter().enumerate() {
            let top = rect.top() + ROW * i as f32;
            let row = Rect::from_x_y_ranges(rect.x_range(), top..=top + ROW);
            if hovered == Some(i) {
                painter.rect_filled(row, 0.0, ui.visuals().widgets.hovered.weak_bg_fill);
            }
            let first = self.labels[i].lines().next().unwrap_or_default();
            let label = ui
                .painter()
                .layout_job(one_line(first, font, text_colour, label_width));
            let y = row.center().y - label.size().y / 2.0;
            painter.galley(pos2(rect.left(), y), label, text_colour);
            let height = ROW * FILL;
            let mut x = bars.left();
            for s in self.series {
                let v = s.values.get(i).copied().unwrap_or(0.0);
                if v <= 0.0 {
                    continue;
                }
                let w = (bars.width() * (v / most) as f32).max(1.0);
                let bar = Rect::from_x_y_ranges(
                    x..=x + w,
                    row.center().y - height / 2.0..=row.center().y + height / 2.0,
                );
                painter.rect_filled(bar, 0.0, s.color);
                x += w;
            }
            let at = pos2(x + GAP / 2.0, row.center().y - number.size().y / 2.0);
            painter.galley(at, number, pal.muted);
        }
        (response, slots)
    }

    /// What the bar at `i` stands for, with its numbers.
    fn hover(&self, ui: &mut Ui, lang: Lang, i: usize) {
        ui.label(egui::RichText::new(&self.labels[i]).strong());
        // "3 times", or a bare number when the numbers have no unit.
        let amount = |value: f64| {
            let value = count_text(value);
            format!("{value} {}", self.unit).trim_end().to_owned()
        };
        let shown: Vec<&Series> = self
            .series
            .iter()
            .filter(|s| s.values.get(i).is_some_and(|v| *v > 0.0))
            .collect();
        for s in &shown {
            let value = amount(s.values[i]);
            let args = [("label", s.name.as_str()), ("value", value.as_str())];
            ui.label(lang.fill(T::LabelValue, &args));
        }
        if shown.len() > 1 {
            let value = amount(self.total(i));
            ui.label(lang.fill(T::ChartHoverTotal, &[("value", value.as_str())]));
        }
    }
}

/// `text` on one line at most `width` wide, cut with "…" when longer.
fn one_line(text: &str, font: &FontId, colour: Color32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font.clone(), colour);
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    job
}
