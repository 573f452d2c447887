//! The five charts of the Insights screen, one function each: each draws its chart from the
//! figures read (or, when the period gives it nothing to draw, a plain sentence saying so) and
//! returns the history filter of the bar clicked, if one was.

use egui::{RichText, TextWrapMode, Ui};

use crate::history::FilterDraft;
use crate::i18n::{Lang, T};
use crate::insights::svg::{PLAIN, Rgb, family_color};
use crate::insights::{Chart, Family, Summary};
use crate::ui::insights::charts::{Bars, Direction, Series, color};
use crate::ui::phrase_wrap::phrase_label;
use crate::ui::widgets::muted;

/// A chart's heading, and the legend of its series (colour and name, never colour alone). Both
/// wrap between phrases and entries, never inside a word.
fn heading(ui: &mut Ui, lang: Lang, title: T, series: &[Series]) {
    ui.add_space(6.0);
    phrase_label(ui, lang.t(title), |t| RichText::new(t).strong());
    if series.len() > 1 {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 12.0;
            let font = egui::TextStyle::Body.resolve(ui.style());
            let text = ui.visuals().text_color();
            for s in series {
                // One unwrapped label per entry: one that does not fit the line moves down whole.
                let mut job = egui::text::LayoutJob::default();
                let format = |color| egui::TextFormat::simple(font.clone(), color);
                job.append("■ ", 0.0, format(s.color));
                job.append(&s.name, 0.0, format(text));
                ui.add(egui::Label::new(job).wrap_mode(TextWrapMode::Extend));
            }
        });
    }
}

/// Draws `chart`: its heading and legend, then its bars, or the sentence saying it has
/// nothing to draw. Returns the bar clicked.
fn draw(ui: &mut Ui, lang: Lang, s: &Summary, chart: Chart, bars: Bars<'_>) -> Option<usize> {
    let title = chart.title(s);
    if chart.is_empty(s) {
        heading(ui, lang, title, &[]);
        let colour = crate::ui::theme::palette(ui).muted;
        phrase_label(ui, lang.t(chart.empty_text()), |t| {
            RichText::new(t).color(colour)
        });
        return None;
    }
    heading(ui, lang, title, bars.series);
    bars.show(ui, lang)
}

/// A chart's accessible name ("Chart: …"), distinct from its heading.
fn chart_name(lang: Lang, s: &Summary, chart: Chart) -> String {
    lang.fill(T::ChartName, &[("chart", lang.t(chart.title(s)))])
}

/// The screen's series from the figures' (name, colour, one value per bar).
fn series(lang: Lang, parts: impl IntoIterator<Item = (T, Rgb, Vec<u32>)>) -> Vec<Series> {
    parts
        .into_iter()
        .map(|(name, c, values)| Series {
            name: lang.t(name).to_owned(),
            color: color(c),
            values: values.into_iter().map(f64::from).collect(),
        })
        .collect()
}

/// Incidents per month, stacked by fault family (only the families that occur).
pub fn incidents(ui: &mut Ui, lang: Lang, s: &Summary) -> Option<FilterDraft> {
    let families = s
        .family_series()
        .into_iter()
        .filter(|(_, values)| values.iter().any(|v| *v > 0));
    let series = series(
        lang,
        families.map(|(f, values)| (f.label(), family_color(f), values)),
    );
    let bars = Bars {
        name: &chart_name(lang, s, Chart::Incidents),
        labels: &s.month_labels(),
        series: &series,
        direction: Direction::Up,
        unit: lang.t(T::ChartTimes),
    };
    draw(ui, lang, s, Chart::Incidents, bars).and_then(|i| s.month_incidents(i))
}

/// The prompts seen most in the last 90 days, per terminal, coloured by family.
pub fn prompts(ui: &mut Ui, lang: Lang, s: &Summary) -> Option<FilterDraft> {
    // One series per family present, so each bar keeps its family's colour.
    let present = Family::ALL
        .into_iter()
        .filter(|f| s.prompts.iter().any(|p| p.family == *f));
    let series = series(
        lang,
        present.map(|f| {
            let values = s
                .prompts
                .iter()
                .map(|p| if p.family == f { p.count } else { 0 });
            (f.label(), family_color(f), values.collect())
        }),
    );
    // Shortened to fit on the chart; whole on hover.
    let labels: Vec<String> = s
        .prompts
        .iter()
        .map(|p| format!("{} · {}", p.device, p.prompt))
        .collect();
    let bars = Bars {
        name: &chart_name(lang, s, Chart::Prompts),
        labels: &labels,
        series: &series,
        direction: Direction::Right,
        unit: lang.t(T::ChartTimes),
    };
    draw(ui, lang, s, Chart::Prompts, bars).and_then(|i| s.prompt_incidents(i))
}

/// Tasks per week (per month over a long period): done on time, late, missed.
pub fn checklist(ui: &mut Ui, lang: Lang, s: &Summary) -> Option<FilterDraft> {
    let series = series(lang, s.checklist_series());
    let bars = Bars {
        name: &chart_name(lang, s, Chart::Checklist),
        labels: &s.checklist_labels(),
        series: &series,
        direction: Direction::Up,
        unit: lang.t(T::ChartTimes),
    };
    draw(ui, lang, s, Chart::Checklist, bars).and_then(|i| s.checklist_history(i))
}

/// Outage minutes per month.
pub fn outages(ui: &mut Ui, lang: Lang, s: &Summary) -> Option<FilterDraft> {
    let series = [Series {
        name: lang.t(T::ChartMinutes).to_owned(),
        color: color(PLAIN),
        values: s
            .months
            .iter()
            .map(|m| f64::from(m.outage_minutes))
            .collect(),
    }];
    let bars = Bars {
        name: &chart_name(lang, s, Chart::Outages),
        labels: &s.month_labels(),
        series: &series,
        direction: Direction::Up,
        unit: "",
    };
    draw(ui, lang, s, Chart::Outages, bars).and_then(|i| s.month_outages(i))
}

/// Outside backups per month (how many, and the last); each bar's hover lists when they were
/// made.
pub fn backups(ui: &mut Ui, lang: Lang, s: &Summary) -> Option<FilterDraft> {
    let per_month: Vec<Vec<chrono::NaiveDateTime>> =
        (0..s.months.len()).map(|i| s.month_backups(i)).collect();
    let labels: Vec<String> = s
        .months
        .iter()
        .zip(&per_month)
        .map(|(m, times)| {
            let times: Vec<String> = times
                .iter()
                .map(|t| t.format("%m-%d %H:%M").to_string())
                .collect();
            match times.is_empty() {
                true => m.label(),
                false => format!("{}\n{}", m.label(), times.join("\n")),
            }
        })
        .collect();
    let series = [Series {
        name: lang.t(T::ChartBackups).to_owned(),
        color: color(PLAIN),
        values: per_month.iter().map(|t| t.len() as f64).collect(),
    }];
    let bars = Bars {
        name: &chart_name(lang, s, Chart::Backups),
        labels: &labels,
        series: &series,
        direction: Direction::Up,
        unit: lang.t(T::ChartTimes),
    };
    let clicked = match s.backups.last() {
        None => draw(ui, lang, s, Chart::Backups, bars),
        Some(last) => {
            heading(ui, lang, Chart::Backups.title(s), &[]);
            let count = lang.fill(
                T::ChartBackupCount,
                &[
                    ("n", &s.backups.len().to_string()),
                    ("last", &last.format("%Y-%m-%d %H:%M").to_string()),
                ],
            );
            muted(ui, &count);
            bars.show(ui, lang)
        }
    };
    clicked.and_then(|i| s.month_backup_history(i))
}
