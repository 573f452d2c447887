//! The five charts of the Insights screen, one function each: each draws its chart from the
//! figures read and returns the history filter of the bar clicked, if one was.

use egui::{RichText, Ui};

use crate::history::FilterDraft;
use crate::i18n::{Lang, T};
use crate::insights::svg::{PLAIN, Rgb, family_color};
use crate::insights::{Family, Summary};
use crate::ui::insights::charts::{Direction, Series, bars, color};
use crate::ui::widgets::muted;

/// A chart's accessible name ("Chart: …"), distinct from its heading.
fn chart_name(lang: Lang, chart: T) -> String {
    lang.fill(T::ChartName, &[("chart", lang.t(chart))])
}

/// A chart's heading, and the legend of its series (colour and name, never colour alone).
fn heading(ui: &mut Ui, lang: Lang, chart: T, series: &[Series]) {
    ui.add_space(6.0);
    ui.label(RichText::new(lang.t(chart)).strong());
    if series.len() > 1 {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 10.0;
            let font = egui::TextStyle::Body.resolve(ui.style());
            let text = ui.visuals().text_color();
            for s in series {
                // One label per entry, so an entry never splits across lines.
                let mut job = egui::text::LayoutJob::default();
                let format = |color| egui::TextFormat::simple(font.clone(), color);
                job.append("■ ", 0.0, format(s.color));
                job.append(&s.name, 0.0, format(text));
                ui.label(job);
            }
        });
    }
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

/// Incidents per month, stacked by fault family.
pub fn incidents(ui: &mut Ui, lang: Lang, s: &Summary) -> Option<FilterDraft> {
    let families = s.family_series().into_iter();
    let series = series(
        lang,
        families.map(|(f, values)| (f.label(), family_color(f), values)),
    );
    heading(ui, lang, T::ChartIncidents, &series);
    let name = chart_name(lang, T::ChartIncidents);
    let clicked = bars(
        ui,
        &name,
        &s.month_labels(),
        &series,
        Direction::Up,
        lang.t(T::ChartTimes),
    );
    clicked.and_then(|i| s.month_incidents(i))
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
    heading(ui, lang, T::ChartPrompts, &series);
    if s.prompts.is_empty() {
        muted(ui, lang.t(T::ChartNothing));
        return None;
    }
    let labels: Vec<String> = s
        .prompts
        .iter()
        .map(|p| format!("{} · {}", p.device, shorten(&p.prompt, 14)))
        .collect();
    let name = chart_name(lang, T::ChartPrompts);
    let clicked = bars(
        ui,
        &name,
        &labels,
        &series,
        Direction::Right,
        lang.t(T::ChartTimes),
    );
    clicked.and_then(|i| s.prompt_incidents(i))
}

/// Tasks per week: done on time, late, missed.
pub fn checklist(ui: &mut Ui, lang: Lang, s: &Summary) -> Option<FilterDraft> {
    let series = series(lang, s.checklist_series());
    heading(ui, lang, T::ChartChecklist, &series);
    let name = chart_name(lang, T::ChartChecklist);
    let clicked = bars(
        ui,
        &name,
        &s.week_labels(),
        &series,
        Direction::Up,
        lang.t(T::ChartTimes),
    );
    clicked.and_then(|i| s.week_checklist(i))
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
    heading(ui, lang, T::ChartOutages, &series);
    let name = chart_name(lang, T::ChartOutages);
    let clicked = bars(ui, &name, &s.month_labels(), &series, Direction::Up, "");
    clicked.and_then(|i| s.month_outages(i))
}

/// Outside backups per month; each bar's hover lists when they were made.
pub fn backups(ui: &mut Ui, lang: Lang, s: &Summary) -> Option<FilterDraft> {
    heading(ui, lang, T::ChartBackups, &[]);
    match s.backups.last() {
        None => muted(ui, lang.t(T::ChartNothing)),
        Some(last) => muted(
            ui,
            &lang.fill(
                T::ChartBackupCount,
                &[
                    ("n", &s.backups.len().to_string()),
                    ("last", &last.format("%Y-%m-%d %H:%M").to_string()),
                ],
            ),
        ),
    }
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
    let name = chart_name(lang, T::ChartBackups);
    let clicked = bars(
        ui,
        &name,
        &labels,
        &series,
        Direction::Up,
        lang.t(T::ChartTimes),
    );
    clicked.and_then(|i| s.month_backup_history(i))
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}
