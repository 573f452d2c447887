//! `poscare insights`: the warnings and the monthly figures of a period (default: the last 12
//! months), for the shop or one device, as text or JSON. Reads the data folder without changing
//! anything in it, like the other reading commands.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::i18n::{Lang, T};
use crate::insights::summary::SummaryRows;
use crate::insights::{Period, Summary, Warning, WarningKind};
use crate::store::{ReadStore, Records};

/// What to show, as given on the command line.
pub struct InsightsArgs<'a> {
    /// Print JSON.
    pub json: bool,
    /// The days (`--from`, `--to`) and the device (by id or exact name).
    pub scope: &'a super::Scope,
}

/// The days of the period: the 12 months up to `--to` (default today) unless `--from` is given.
/// A start after the end (also a `--from` after today without `--to`) is refused, in `lang`.
fn period_days(
    args: &InsightsArgs<'_>,
    today: NaiveDate,
    lang: Lang,
) -> Result<(NaiveDate, NaiveDate), String> {
    args.scope.check(today).map_err(|e| e.message(lang))?;
    let to = args.scope.to.unwrap_or(today);
    let from = match args.scope.from {
        Some(from) => from,
        None => Period::last_months(to, 12, None).from,
    };
    if from
        .checked_add_months(Months::new(12 * 50))
        .is_some_and(|far| far < to)
    {
        return Err(lang.fill(T::CliPeriodTooLong, &[("years", "50")]));
    }
    Ok((from, to))
}

/// Runs the command on the data folder (`None`: no data yet, so empty figures).
pub fn run(store: Option<&ReadStore>, args: &InsightsArgs<'_>) -> ExitCode {
    let today = store.map_or_else(|| chrono::Local::now().date_naive(), super::trusted_today);
    // What the command says is in the system's language (the figures in the shop's).
    let lang = Lang::from_os();
    let (from, to) = match period_days(args, today, lang) {
        Ok(days) => days,
        Err(e) => {
            eprintln!("poscare: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(store) = store else {
        let period = Period {
            from,
            to,
            device: None,
        };
        if args.scope.device.as_deref().is_some() {
            eprintln!("poscare: {}", Lang::from_os().t(T::CliNoDeviceNoData));
            return ExitCode::from(2);
        }
        let empty = Figures {
            summary: Summary::build(period, SummaryRows::default(), &[]),
            period_warnings: Vec::new(),
            current: Vec::new(),
            device: None,
        };
        return print(&empty, Lang::from_os(), args.json);
    };
    let device = match args
        .scope
        .device
        .as_deref()
        .map(|d| super::export::find_device(store, d, lang))
    {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(e)) => {
            eprintln!("poscare: {e}");
            return ExitCode::from(2);
        }
    };
    let period = Period { from, to, device };
    match read(store, &period, today) {
        Ok(figures) => {
            super::report_row_problems(store);
            print(&figures, store.language(), args.json)
        }
        Err(e) => {
            eprintln!("poscare: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What the command prints.
struct Figures {
    summary: Summary,
    period_warnings: Vec<Warning>,
    current: Vec<Warning>,
    device: Option<String>,
}

fn read(
    store: &Records,
    period: &Period,
    today: NaiveDate,
) -> Result<Figures, crate::store::StoreError> {
    let devices = store.devices()?;
    let plan = store.plan_snapshot(today)?;
    let current = store
        .current_warnings(today, &plan)?
        .into_iter()
        .filter(|w| !w.acknowledged)
        .filter(|w| period.device.is_none() || w.kind.device_id() == period.device)
        .collect();
    Ok(Figures {
        summary: store.insight_summary(period, &devices)?,
        period_warnings: store.period_warnings(period, &devices)?,
        current,
        // (Two devices of one name told apart, as everywhere.)
        device: period
            .device
            .map(|id| crate::device::shown_name(&devices, id)),
    })
}

#[derive(Serialize)]
struct JsonWarning<'a> {
    device: &'a str,
    family: &'static str,
    count: usize,
    days: i64,
    first: String,
    last: String,
    advice: &'static str,
}

#[derive(Serialize)]
struct JsonMonth {
    month: String,
    incidents: u32,
    outage_minutes: u32,
    on_time: u32,
    late: u32,
    missed: u32,
}

#[derive(Serialize)]
struct JsonInsights<'a> {
    warnings: Vec<JsonWarning<'a>>,
    months: Vec<JsonMonth>,
}

fn print(f: &Figures, lang: Lang, json: bool) -> ExitCode {
    let out = if json {
        let warnings = f
            .period_warnings
            .iter()
            .filter_map(|w| match w.kind {
                WarningKind::Repeat { family, .. } => Some(JsonWarning {
                    device: &w.subject,
                    family: family.code(),
                    count: w.count,
                    days: w.days(),
                    first: w.first.to_string(),
                    last: w.last.to_string(),
                    advice: lang.t(w.kind.advice()),
                }),
                _ => None,
            })
            .collect();
        let months = f
            .summary
            .months
            .iter()
            .map(|m| JsonMonth {
                month: m.label(),
                incidents: m.incidents,
                outage_minutes: m.outage_minutes,
                on_time: m.on_time,
                late: m.late,
                missed: m.missed,
            })
            .collect();
        let mut text =
            serde_json::to_string_pretty(&JsonInsights { warnings, months }).unwrap_or_default();
        text.push('\n');
        text
    } else {
        text(f, lang)
    };
    super::print_out(&out)
}

fn text(f: &Figures, lang: Lang) -> String {
    let mut out = String::new();
    let period = f.summary.period.unwrap_or(Period {
        from: NaiveDate::MIN,
        to: NaiveDate::MIN,
        device: None,
    });
    let device = f
        .device
        .as_ref()
        .map(|d| format!(" · {d}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        lang.fill(
            T::CliInsightsHeading,
            &[
                ("from", &period.from.to_string()),
                ("to", &period.to.to_string()),
                ("device", &device),
            ],
        )
    );
    for (heading, list, dates) in [
        (T::CliInsightsCurrent, &f.current, false),
        (T::CliInsightsPeriod, &f.period_warnings, true),
    ] {
        let _ = writeln!(out, "\n{}", lang.t(heading));
        if list.is_empty() {
            let _ = writeln!(out, "  {}", lang.t(T::CliInsightsNone));
        }
        for w in list {
            let span = match dates {
                true => lang.aside(&format!("{} – {}", w.first, w.last)),
                false => String::new(),
            };
            let _ = writeln!(out, "  • {}{span}", w.headline(lang));
            let _ = writeln!(out, "    {}", lang.t(w.kind.advice()));
        }
    }
    let _ = writeln!(out, "\n{}", lang.t(T::CliInsightsMonths));
    for m in &f.summary.months {
        let _ = writeln!(
            out,
            "  {}",
            lang.fill(
                T::CliInsightsMonthLine,
                &[
                    ("month", &m.label()),
                    ("incidents", &m.incidents.to_string()),
                    ("minutes", &m.outage_minutes.to_string()),
                    ("on_time", &m.on_time.to_string()),
                    ("late", &m.late.to_string()),
                    ("missed", &m.missed.to_string()),
                ],
            )
        );
    }
    out
}
