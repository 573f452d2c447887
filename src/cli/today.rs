//! `poscare today`: the day's agenda from the data folder, as text or JSON. Reads without
//! changing anything in the folder: missed occurrences are shown but recorded only by the window.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::i18n::{Lang, T};
use crate::planner::agenda::{Agenda, AgendaTask};
use crate::planner::{PlanSnapshot, describe, weekday_label};
use crate::store::DataPaths;

/// Prints the agenda of `date` (default today) for the data folder `paths`.
pub fn run(paths: &DataPaths, date: Option<NaiveDate>, json: bool) -> ExitCode {
    let day = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    // Kept to the end: while the window holds the folder, this is the copy it wrote.
    let reading = super::window::read_store(paths);
    match reading.as_ref().map(|reading| reading.store.as_ref()) {
        // No data yet: an empty agenda, and nothing created.
        Ok(None) => {
            let empty = PlanSnapshot {
                today: day,
                agenda: Agenda {
                    today: day,
                    open: true,
                    ..Agenda::default()
                },
                ..PlanSnapshot::default()
            };
            print(&empty, (&Listed::default(), 0), Lang::from_os(), json)
        }
        Ok(Some(store)) => {
            match store.plan_snapshot(date.unwrap_or_else(|| super::trusted_today(store))) {
                Ok(d) => {
                    // (References to records not there, and values read leniently, too.)
                    let _ = store.audit_rules();
                    let lang = store.language();
                    let listed = listed_incidents(store, d.today, lang);
                    // All of them, however many are listed.
                    let total = store.open_incident_count().unwrap_or(listed.open.len());
                    // After every read: an incident left out of the list is named too.
                    super::report_row_problems(store);
                    match print(&d, (&listed, total), lang, json) {
                        // (A log damaged inside: shown without the changes after the damage,
                        // which is said on stderr; not a success.)
                        ExitCode::SUCCESS if reading.as_ref().is_ok_and(|r| r.log_damaged) => {
                            ExitCode::FAILURE
                        }
                        code => code,
                    }
                }
                Err(e) => {
                    eprintln!("poscare: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => super::open_failed(e),
    }
}

#[derive(Serialize)]
struct JsonTask<'a> {
    task_id: i64,
    title: &'a str,
    category: &'static str,
    due: String,
    /// The day it was put off to, if it was ("Tomorrow instead" on Today).
    #[serde(skip_serializing_if = "Option::is_none")]
    put_off_to: Option<String>,
    schedule: String,
}

#[derive(Serialize)]
struct JsonDone<'a> {
    task_id: i64,
    title: &'a str,
    outcome: &'static str,
    done_at: String,
    done_by: &'a str,
    late: bool,
}

#[derive(Serialize)]
struct JsonTraining<'a> {
    /// (Whose it is, to list a person once however many share a name.)
    #[serde(skip)]
    staff_id: i64,
    staff: &'a str,
    module: &'a str,
    due: String,
    last: Option<String>,
    overdue: bool,
}

/// An incident not yet resolved, escalated or voided: the window's Today names them too, so a
/// fault found yesterday is not forgotten by whoever opens the shop.
#[derive(Serialize)]
struct JsonOpenIncident {
    started_at: String,
    device: String,
    prompt: String,
}

/// An incident handed on (escalated) lately, waiting for someone else's fix: the window's
/// Today names these too until they are marked resolved.
#[derive(Serialize)]
struct JsonWaitingIncident {
    started_at: String,
    handed_on_at: String,
    device: String,
    prompt: String,
    handed_to: String,
}

/// How many open incidents are listed at most (the newest).
const OPEN_LISTED: usize = 50;

/// An emergency plan being run and not ended: said first, as the window's Today does, so that
/// whoever opens the shop knows card payments are down.
#[derive(Serialize)]
struct JsonOutage {
    plan: String,
    started_at: String,
    drill: bool,
}

/// What Today names of the incidents and of an outage being handled.
#[derive(Default)]
struct Listed {
    outage: Option<crate::emergency::RunningOutage>,
    open: Vec<JsonOpenIncident>,
    waiting: Vec<JsonWaitingIncident>,
}

/// The open incidents and those waiting for a fix, newest first; none when they cannot be read
/// (the agenda still prints).
fn listed_incidents(store: &crate::store::ReadStore, today: NaiveDate, lang: Lang) -> Listed {
    let devices = store.devices().unwrap_or_default();
    // (Two devices of one name told apart, as in the window: a tester's two tills were both
    // "Till" here.)
    let device = |i: &crate::incident::Incident| {
        i.device_id
            .filter(|id| devices.iter().any(|d| d.id == *id))
            .map(|id| crate::device::shown_name(&devices, id))
            .unwrap_or_else(|| lang.t(T::HistNoDevice).to_owned())
    };
    let stamp = |at: chrono::NaiveDateTime| at.format("%Y-%m-%d %H:%M").to_string();
    let mut listed = Listed {
        outage: store.running_outage_named().ok().flatten(),
        ..Listed::default()
    };
    // The open ones come first, then the newest of the rest: those handed on within the
    // waiting days are among them.
    for i in store.recent_incidents(OPEN_LISTED * 2).unwrap_or_default() {
        if i.is_open() && listed.open.len() < OPEN_LISTED {
            listed.open.push(JsonOpenIncident {
                started_at: stamp(i.started_at),
                device: device(&i),
                prompt: i.prompt,
            });
        } else if i.is_waiting(today) && listed.waiting.len() < OPEN_LISTED {
            listed.waiting.push(JsonWaitingIncident {
                started_at: stamp(i.started_at),
                handed_on_at: i.closed_at.map(stamp).unwrap_or_default(),
                device: device(&i),
                handed_to: i.escalated_to,
                prompt: i.prompt,
            });
        }
    }
    listed
}

#[derive(Serialize)]
struct JsonDay<'a> {
    date: String,
    open: bool,
    /// The emergency plan being run, if one is.
    running_outage: Option<JsonOutage>,
    overdue: Vec<JsonTask<'a>>,
    due_today: Vec<JsonTask<'a>>,
    upcoming: Vec<JsonTask<'a>>,
    done_today: Vec<JsonDone<'a>>,
    training_due: Vec<JsonTraining<'a>>,
    open_incidents: &'a [JsonOpenIncident],
    /// How many incidents are open in all (the newest 50 are listed).
    open_incidents_total: usize,
    waiting_incidents: &'a [JsonWaitingIncident],
}

fn print(d: &PlanSnapshot, (listed, total): (&Listed, usize), lang: Lang, json: bool) -> ExitCode {
    let title = |id: i64| {
        d.tasks
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.fields.title.as_str())
            .unwrap_or("")
    };
    let person = |id: Option<i64>| {
        id.and_then(|id| d.staff.iter().find(|s| s.id == id))
            .map(|s| s.name.as_str())
            .unwrap_or("")
    };
    let module = |id: i64| {
        d.modules
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.title.as_str())
            .unwrap_or("")
    };
    let task = |a: &'_ AgendaTask| JsonTask {
        task_id: a.task.id,
        title: title(a.task.id),
        category: a.task.fields.category.code(),
        due: a.due.to_string(),
        put_off_to: a.until.map(|u| u.to_string()),
        schedule: describe(&a.task.fields.schedule, lang),
    };
    let out = JsonDay {
        date: d.agenda.today.to_string(),
        open: d.agenda.open,
        running_outage: listed.outage.as_ref().map(|o| JsonOutage {
            plan: o.plan.clone(),
            started_at: o.started_at.format("%Y-%m-%d %H:%M").to_string(),
            drill: o.drill,
        }),
        overdue: d.agenda.overdue.iter().map(task).collect(),
        due_today: d.agenda.due_today.iter().map(task).collect(),
        upcoming: d.agenda.upcoming.iter().map(task).collect(),
        done_today: d
            .done_today
            .iter()
            .map(|c| JsonDone {
                task_id: c.task_id,
                title: title(c.task_id),
                outcome: c.outcome.code(),
                done_at: c
                    .done_at
                    .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
                    .unwrap_or_default(),
                done_by: person(c.done_by),
                late: c.late(),
            })
            .collect(),
        training_due: d
            .training_due
            .iter()
            .map(|t| JsonTraining {
                staff_id: t.staff_id,
                staff: person(Some(t.staff_id)),
                module: module(t.module_id),
                due: t.due.to_string(),
                last: t.last.map(|l| l.to_string()),
                overdue: t.due < d.agenda.today,
            })
            .collect(),
        open_incidents: &listed.open,
        open_incidents_total: total.max(listed.open.len()),
        waiting_incidents: &listed.waiting,
    };
    let incidents = &listed.open;
    if json {
        let mut text = serde_json::to_string(&out).unwrap_or_else(|_| "{}".to_owned());
        text.push('\n');
        return super::print_out(&text);
    }
    let mut text = String::new();
    let weekday = lang.t(weekday_label(d.agenda.today.weekday()));
    let open = lang.t(if d.agenda.open {
        T::ShopOpenToday
    } else {
        T::ShopClosedToday
    });
    let _ = writeln!(text, "{} {weekday} · {open}", out.date);
    if let Some(o) = &listed.outage {
        let _ = writeln!(text, "{}", o.said(lang));
    }
    for (mark, key, list) in [
        ("⚠", T::TodayOverdue, &out.overdue),
        ("●", T::TodayDue, &out.due_today),
        ("○", T::TodayUpcoming, &out.upcoming),
    ] {
        let _ = writeln!(text, "{} ({})", lang.t(key), list.len());
        for t in list {
            let (due, from) = match &t.put_off_to {
                Some(until) => {
                    let from = lang.fill(T::TodayPutOffFrom, &[("date", &t.due)]);
                    (until.as_str(), format!(" ({from})"))
                }
                None => (t.due.as_str(), String::new()),
            };
            let _ = writeln!(text, "  {mark} {due} {}{from} — {}", t.title, t.schedule);
        }
    }
    let _ = writeln!(
        text,
        "{} ({})",
        lang.t(T::TodayFinished),
        out.done_today.len()
    );
    for c in &out.done_today {
        // In words, with who did it (the JSON keeps the stored code).
        let outcome = crate::planner::Outcome::from_code(c.outcome)
            .map(|o| lang.t(o.label()))
            .unwrap_or(c.outcome);
        let by = if c.done_by.is_empty() {
            String::new()
        } else {
            format!(" · {}", c.done_by)
        };
        // (Late as the window says it, not only in the JSON.)
        let late = if c.late {
            format!(" · {}", lang.t(T::PlanStatusDoneLate))
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "  ✓ {} {} — {outcome}{by}{late}",
            c.done_at.get(11..16).unwrap_or(""),
            c.title,
        );
    }
    // One line per person, their modules on it, as the window's Today lists them.
    let people = crate::planner::agenda::by_person(&out.training_due, |t| t.staff_id);
    let _ = writeln!(text, "{} ({})", lang.t(T::TodayTraining), people.len());
    for list in people {
        let staff = list[0].staff;
        let mark = if list.iter().any(|t| t.overdue) {
            "⚠"
        } else {
            "○"
        };
        let modules: Vec<&str> = list.iter().map(|t| t.module).collect();
        let due = list.iter().map(|t| t.due.as_str()).min().unwrap_or("");
        let _ = writeln!(
            text,
            "  {mark} {staff} — {} — {due}",
            modules.join(lang.t(T::ListSeparator))
        );
    }
    if !incidents.is_empty() {
        let _ = writeln!(
            text,
            "{} ({})",
            lang.t(T::TodayOpenHeading),
            total.max(incidents.len())
        );
        for i in incidents {
            let _ = writeln!(text, "  ⚠ {} {} · {}", i.started_at, i.device, i.prompt);
        }
        if total > incidents.len() {
            let older = (total - incidents.len()).to_string();
            let _ = writeln!(text, "  {}", lang.fill(T::CliOlderOpen, &[("n", &older)]));
        }
    }
    if !listed.waiting.is_empty() {
        let heading = lang.t(T::TodayWaitingHeading);
        let _ = writeln!(text, "{heading} ({})", listed.waiting.len());
        for i in &listed.waiting {
            let _ = writeln!(
                text,
                "  → {} {} · {} — {}",
                i.handed_on_at, i.device, i.prompt, i.handed_to
            );
        }
    }
    super::print_out(&text)
}
