//! The Insights part of the printed report: the same charts as the screen, as inline SVG, and
//! the faults that kept coming back in the period, each with what to do.

use std::fmt::Write as _;

use super::svg::{self, PLAIN, Series, family_color};
use super::{Summary, Warning};
use crate::i18n::{Lang, T};
use crate::incident::escape_html as esc;

/// The section's HTML: a heading, the warnings of the period, and the five charts.
pub fn section(summary: &Summary, warnings: &[Warning], lang: Lang) -> String {
    let t = |k: T| lang.t(k);
    let mut html = String::new();
    let _ = writeln!(html, "<h2>{}</h2>", esc(t(T::ReportWarnings)));
    if warnings.is_empty() {
        let _ = writeln!(html, "<p>{}</p>", esc(t(T::ReportNoWarnings)));
    } else {
        html.push_str("<ul>\n");
        for w in warnings {
            let _ = writeln!(
                html,
                "<li><b>⚠ {}</b> ({} – {})<br>{}</li>",
                esc(&w.headline(lang)),
                w.first,
                w.last,
                esc(t(w.kind.advice()))
            );
        }
        html.push_str("</ul>\n");
    }
    let _ = writeln!(html, "<h2>{}</h2>", esc(t(T::ReportInsights)));
    let months = summary.month_labels();
    let by_family: Vec<Series<'_>> = summary
        .family_series()
        .into_iter()
        .map(|(f, values)| Series {
            name: t(f.label()),
            color: family_color(f),
            values,
        })
        .collect();
    html.push_str(&svg::stacked_bars(
        t(T::ChartIncidents),
        &months,
        &by_family,
    ));
    let prompts: Vec<(String, svg::Rgb, u32)> = summary
        .prompts
        .iter()
        .map(|p| {
            (
                format!("{} · {}", p.device, p.prompt),
                family_color(p.family),
                p.count,
            )
        })
        .collect();
    if !prompts.is_empty() {
        html.push_str(&svg::horizontal_bars(t(T::ChartPrompts), &prompts));
    }
    let checklist: Vec<Series<'_>> = summary
        .checklist_series()
        .into_iter()
        .map(|(name, color, values)| Series {
            name: t(name),
            color,
            values,
        })
        .collect();
    let weeks = summary.week_labels();
    html.push_str(&svg::stacked_bars(t(T::ChartChecklist), &weeks, &checklist));
    let outages = [Series {
        name: t(T::ChartMinutes),
        color: PLAIN,
        values: summary.months.iter().map(|m| m.outage_minutes).collect(),
    }];
    html.push_str(&svg::stacked_bars(t(T::ChartOutages), &months, &outages));
    if let Some(period) = summary.period {
        html.push_str(&svg::ticks(
            t(T::ChartBackups),
            period.from,
            period.to,
            &summary.backups,
        ));
    }
    html
}
