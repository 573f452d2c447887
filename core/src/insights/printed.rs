//! The Insights part of the printed report: the same charts as the screen, as inline SVG, and
//! the faults that kept coming back in the period, each with what to do.

use std::fmt::Write as _;

use super::svg::{self, PLAIN, Series, family_color};
use super::{Chart, Summary, Warning};
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
    for chart in Chart::ALL {
        let title = t(chart.title(summary));
        if chart.is_empty(summary) {
            // A sentence, never a bare grid.
            let _ = writeln!(
                html,
                "<figure class=\"chart\"><figcaption>{}</figcaption><p>{}</p></figure>",
                esc(title),
                esc(t(chart.empty_text()))
            );
        } else {
            html.push_str(&chart_svg(summary, chart, title, lang));
        }
    }
    html
}

/// One chart with something to draw, as SVG.
fn chart_svg(summary: &Summary, chart: Chart, title: &str, lang: Lang) -> String {
    let t = |k: T| lang.t(k);
    let months = summary.month_labels();
    match chart {
        Chart::Incidents => {
            let by_family: Vec<Series<'_>> = summary
                .family_series()
                .into_iter()
                .map(|(f, values)| Series {
                    name: t(f.label()),
                    color: family_color(f),
                    values,
                })
                .collect();
            svg::stacked_bars(title, &months, &by_family)
        }
        Chart::Prompts => {
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
            svg::horizontal_bars(title, &prompts)
        }
        Chart::Checklist => {
            let checklist: Vec<Series<'_>> = summary
                .checklist_series()
                .into_iter()
                .map(|(name, color, values)| Series {
                    name: t(name),
                    color,
                    values,
                })
                .collect();
            svg::stacked_bars(title, &summary.checklist_labels(), &checklist)
        }
        Chart::Outages => {
            let outages = [Series {
                name: t(T::ChartMinutes),
                color: PLAIN,
                values: summary.months.iter().map(|m| m.outage_minutes).collect(),
            }];
            svg::stacked_bars(title, &months, &outages)
        }
        Chart::Backups => match summary.period {
            Some(period) => svg::ticks(title, period.from, period.to, &summary.backups),
            None => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::summary::{Period, SummaryRows};
    use chrono::NaiveDate;

    fn period() -> Period {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Period {
            from: day("2026-01-01"),
            to: day("2026-03-31"),
            device: None,
        }
    }

    #[test]
    fn an_empty_chart_is_printed_as_a_sentence_not_a_bare_grid() {
        let empty = Summary::build(period(), SummaryRows::default(), &[]);
        for lang in Lang::ALL {
            let html = section(&empty, &[], lang);
            assert!(!html.contains("<svg"), "{lang:?}: a bare grid printed");
            for chart in Chart::ALL {
                let sentence = esc(lang.t(chart.empty_text()));
                assert!(html.contains(&sentence), "{lang:?}: {sentence} missing");
            }
        }
        let zh = section(&empty, &[], Lang::Zh);
        assert!(zh.contains("<p>这段时间没有故障记录。</p>"), "{zh}");

        // Outages only: that chart is drawn, the other four say they have nothing.
        let rows = SummaryRows {
            outages: vec![("2026-02".into(), 25)],
            ..SummaryRows::default()
        };
        let some = Summary::build(period(), rows, &[]);
        let html = section(&some, &[], Lang::En);
        assert_eq!(html.matches("<svg").count(), 1, "{html}");
        assert!(!html.contains(&esc(Lang::En.t(T::ChartNoOutages))));
        assert!(html.contains(&esc(Lang::En.t(T::ChartNoIncidents))));
    }
}
