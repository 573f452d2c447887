//! The print-friendly HTML report of a date range: entries per device, counts per category, and
//! each month's checklist sheet (tasks × days: who did it, what was missed). A4, black on white,
//! symbols beside every status so it reads the same printed in grey.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::history::entry::{ChecklistMark, Entry, Kind};
use crate::i18n::{Lang, T};
use crate::incident::escape_html as esc;
use crate::insights::{Summary, Warning, printed};

/// At most this many monthly sheets (the latest months of the range).
pub const MAX_SHEETS: usize = 12;

/// What the report is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportHead {
    /// The shop's name (may be empty).
    pub shop: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// When it was made, as shown.
    pub made_at: String,
    /// Its language.
    pub lang: Lang,
    /// One device, or the whole shop (for the charts and warnings).
    pub device: Option<i64>,
    /// That device's name as shown ([`crate::device::shown_name`]), said under the title: a
    /// printed report of one terminal must not pass for the whole shop's ("" for the shop).
    pub device_name: String,
}

/// One device's section.
#[derive(Default)]
struct Section {
    name: String,
    rows: String,
    count: usize,
}

/// A report being built from entries fed in chunks.
pub struct Report {
    head: ReportHead,
    /// By (no device last, name, id).
    devices: BTreeMap<(bool, String, i64), Section>,
    kinds: BTreeMap<usize, usize>,
    /// Task category code → count per task kind.
    categories: BTreeMap<String, [usize; 5]>,
    /// Backups that failed (counted among the backups' records, said apart).
    failed_backups: usize,
    /// The charts and warnings of the period (HTML), when the source has them.
    insights: Option<String>,
}

const STYLE: &str = "@page { size: A4; margin: 12mm; }
@page sheet { size: A4 landscape; margin: 10mm; }
body { font-family: 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif; font-size: 10pt; color: #000; background: #fff; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1.5pt solid #000; }
h3 { font-size: 11pt; margin: 10pt 0 3pt; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #555; padding: 2pt 3pt; text-align: left; vertical-align: top; }
th { background: #eee; }
.void { text-decoration: line-through; color: #555; }
.sheet { page: sheet; page-break-before: always; }
.sheet td, .sheet th { font-size: 7pt; padding: 1pt; text-align: center; }
.sheet td.task { text-align: left; white-space: nowrap; }
.muted { color: #444; }
figure.chart { margin: 6pt 0; page-break-inside: avoid; }
figure.chart figcaption { font-weight: bold; margin-bottom: 2pt; }
";

impl Report {
    /// An empty report.
    pub fn new(head: ReportHead) -> Self {
        Report {
            head,
            devices: BTreeMap::new(),
            kinds: BTreeMap::new(),
            categories: BTreeMap::new(),
            failed_backups: 0,
            insights: None,
        }
    }

    /// Adds the period's charts (inline SVG) and repeat warnings, printed after the summary.
    pub fn set_insights(&mut self, summary: &Summary, warnings: &[Warning]) {
        self.insights = Some(printed::section(summary, warnings, self.head.lang));
    }

    /// Adds one entry (entries arrive newest first; each section keeps that order): under its
    /// device, and under every other device it is filed under (a check that covered them).
    pub fn add(&mut self, e: &Entry) {
        let lang = self.head.lang;
        let (open, close) = if e.voided() {
            ("<span class=\"void\">", "</span>")
        } else {
            ("", "")
        };
        let correction = e
            .correction
            .as_ref()
            .map(|c| format!("<br><b>{}</b>", esc(&c.summary(lang))))
            .unwrap_or_default();
        let row = format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{open}{}{close}</td><td>{open}{}{close}{correction}</td></tr>",
            esc(&e.when_shown()),
            esc(&e.kind_text(lang)),
            esc(&e.staff),
            esc(&e.subject),
            esc(&e.original_detail_in(lang)),
        );
        let own = (e.device_id, e.device.as_str());
        let also = e.also.iter().map(|(id, name)| (Some(*id), name.as_str()));
        for (id, name) in std::iter::once(own).chain(also) {
            let key = (id.is_none(), name.to_owned(), id.unwrap_or(0));
            let section = self.devices.entry(key).or_insert_with(|| Section {
                name: if id.is_some() {
                    name.to_owned()
                } else {
                    lang.t(T::HistNoDevice).to_owned()
                },
                ..Default::default()
            });
            section.count += 1;
            let _ = writeln!(section.rows, "{row}");
        }
        // A voided record is shown (struck through) but counted nowhere; an incident or an
        // outage counts once, by its first line.
        if e.voided() || !e.begins_one() {
            return;
        }
        let index = Kind::ALL.iter().position(|k| *k == e.kind).unwrap_or(0);
        *self.kinds.entry(index).or_default() += 1;
        if e.failed() {
            self.failed_backups += 1;
        }
        if e.kind.is_task() {
            let counts = self.categories.entry(e.action.clone()).or_default();
            counts[index] += 1;
            // A check that found a problem was done, on time, as the figures count it: the
            // table says so beside the problem (it said "on time 0, problem 1").
            if e.kind == Kind::Problem {
                counts[0] += 1;
            }
        }
    }

    /// The finished document, with the monthly sheets built from `marks`.
    pub fn finish(self, marks: &[ChecklistMark]) -> String {
        let lang = self.head.lang;
        let t = |k: T| esc(lang.t(k));
        let mut html = String::with_capacity(
            4096 + self.devices.values().map(|s| s.rows.len()).sum::<usize>(),
        );
        let mut range = lang.fill(
            T::HistReportRange,
            &[
                ("from", &self.head.from.format("%Y-%m-%d").to_string()),
                ("to", &self.head.to.format("%Y-%m-%d").to_string()),
            ],
        );
        if self.head.device.is_some() {
            range.push_str(lang.t(T::ListSeparator));
            range.push_str(&lang.fill(T::HistReportOneDevice, &[("name", &self.head.device_name)]));
        }
        let _ = write!(
            html,
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n\
             <h1>{} {}</h1><p>{}<br><span class=\"muted\">{}</span></p>\n",
            if lang == Lang::Zh { "zh-CN" } else { "en" },
            t(T::HistReportTitle),
            esc(&self.head.shop),
            t(T::HistReportTitle),
            esc(&range),
            esc(&lang.fill(T::HistReportMade, &[("when", &self.head.made_at)])),
        );
        // Per category.
        let _ = writeln!(
            html,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th></tr>",
            t(T::HistReportByKind),
            t(T::HistColKind),
            t(T::HistReportCount)
        );
        for (index, n) in &self.kinds {
            let kind = Kind::ALL[*index];
            // Failed backups are counted apart from the good ones, never among them.
            let (n, failed) = if kind == Kind::Backup && self.failed_backups > 0 {
                let failed = lang.fill(
                    T::HistReportFailedBackups,
                    &[("n", &self.failed_backups.to_string())],
                );
                (
                    n - self.failed_backups,
                    format!(" <b>⚠ {}</b>", esc(&failed)),
                )
            } else {
                (*n, String::new())
            };
            let _ = writeln!(
                html,
                "<tr><td>{} {}</td><td>{n}{failed}</td></tr>",
                kind.symbol(),
                t(kind.label())
            );
        }
        html.push_str("</table>\n");
        if !self.categories.is_empty() {
            let task_kinds = &Kind::ALL[..5];
            let _ = write!(
                html,
                "<h3>{}</h3><table><tr><th>{}</th>",
                t(T::HistReportTasks),
                t(T::HistReportCategory)
            );
            for k in task_kinds {
                // A check that found a problem was done too (counted there): "of which", so
                // the row does not read as two checks.
                let label = match k {
                    Kind::Problem => T::HistReportOfWhichProblem,
                    _ => k.label(),
                };
                let _ = write!(html, "<th>{} {}</th>", k.symbol(), t(label));
            }
            html.push_str("</tr>\n");
            for (code, counts) in &self.categories {
                let name = crate::history::entry::action_label(lang, Kind::Done, code);
                // A row's name as a name ("Check", not the word "check" of "Done · check").
                let name = if name.is_empty() { code } else { name };
                let mut chars = name.chars();
                let name: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                let _ = write!(html, "<tr><td>{}</td>", esc(&name));
                for n in &counts[..5] {
                    let _ = write!(html, "<td>{n}</td>");
                }
                html.push_str("</tr>\n");
            }
            html.push_str("</table>\n");
        }
        if let Some(insights) = &self.insights {
            html.push_str(insights);
        }
        // Per device.
        let _ = writeln!(html, "<h2>{}</h2>", t(T::HistReportByDevice));
        if self.devices.is_empty() {
            let _ = writeln!(html, "<p>{}</p>", t(T::HistNone));
        }
        for section in self.devices.values() {
            let _ = write!(
                html,
                "<h3>{} ({})</h3><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n{}</table>\n",
                esc(&section.name),
                section.count,
                t(T::HistColTime),
                t(T::HistColKind),
                t(T::HistColStaff),
                t(T::HistColSubject),
                t(T::HistColDetail),
                section.rows,
            );
        }
        for (year, month) in months(self.head.from, self.head.to) {
            sheet(&mut html, lang, year, month, marks);
        }
        html.push_str("</body></html>\n");
        html
    }
}

/// The months of a range, the latest [`MAX_SHEETS`] of them.
fn months(from: NaiveDate, to: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let skip = out.len().saturating_sub(MAX_SHEETS);
    out.split_off(skip)
}

/// The number of days of a month.
fn days_in(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(30)
}

/// One month's checklist sheet: a row per task, a column per day.
fn sheet(html: &mut String, lang: Lang, year: i32, month: u32, marks: &[ChecklistMark]) {
    let mut tasks: BTreeMap<(String, i64), BTreeMap<u32, &ChecklistMark>> = BTreeMap::new();
    for m in marks
        .iter()
        .filter(|m| m.due.year() == year && m.due.month() == month)
    {
        tasks
            .entry((m.task.clone(), m.task_id))
            .or_default()
            .insert(m.due.day(), m);
    }
    let days = days_in(year, month);
    let title = lang.fill(
        T::HistReportSheet,
        &[("month", &format!("{year}-{month:02}"))],
    );
    let _ = write!(html, "<section class=\"sheet\"><h2>{}</h2>", esc(&title));
    if tasks.is_empty() {
        let _ = writeln!(html, "<p>{}</p></section>", esc(lang.t(T::HistNone)));
        return;
    }
    let _ = write!(
        html,
        "<table><tr><th>{}</th>",
        esc(lang.t(T::HistReportTask))
    );
    for d in 1..=days {
        let _ = write!(html, "<th>{d}</th>");
    }
    html.push_str("</tr>\n");
    for ((task, _), by_day) in &tasks {
        let _ = write!(html, "<tr><td class=\"task\">{}</td>", esc(task));
        for d in 1..=days {
            match by_day.get(&d) {
                Some(m) => {
                    let _ = write!(html, "<td>{}<br>{}</td>", m.kind.symbol(), esc(&m.staff));
                }
                None => html.push_str("<td></td>"),
            }
        }
        html.push_str("</tr>\n");
    }
    let legend: Vec<String> = Kind::ALL[..5]
        .iter()
        .map(|k| format!("{} {}", k.symbol(), lang.t(k.label())))
        .collect();
    let _ = writeln!(
        html,
        "</table><p class=\"muted\">{}</p></section>",
        esc(&legend.join("　"))
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::{Correction, CorrectionAction};

    fn head() -> ReportHead {
        ReportHead {
            shop: "小店 <一号>".into(),
            from: NaiveDate::from_ymd_opt(2026, 9, 20).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            made_at: "2026-11-01 09:00".into(),
            lang: Lang::Zh,
            device: None,
            device_name: String::new(),
        }
    }

    /// A check that found a problem counts as done on time in the table of task categories, as
    /// the figures count it, and as a problem.
    #[test]
    fn a_check_that_found_a_problem_was_done_on_time() {
        let mut r = Report::new(head());
        r.add(&crate::history::entry::check_record(
            1,
            Kind::Problem,
            "开店检查",
        ));
        let html = r.finish(&[]);
        assert!(
            html.contains(
                "<tr><td>检查</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
            ),
            "{html}"
        );
        // The problem column says it counts among those done, not beside them.
        assert!(html.contains("（其中）发现问题"), "{html}");
    }

    /// A report of one device says which under its title; the shop's says none.
    #[test]
    fn a_report_of_one_device_names_it() {
        let shop = Report::new(head()).finish(&[]);
        assert!(!shop.contains("只含设备"));
        let one = Report::new(ReportHead {
            device: Some(2),
            device_name: "Till · T002".into(),
            ..head()
        })
        .finish(&[]);
        assert!(one.contains("只含设备：Till · T002"), "{one}");
    }

    #[test]
    fn sections_per_device_escaped_text_void_marked_and_monthly_sheets() {
        let mut r = Report::new(head());
        let mut e = Entry {
            id: 1,
            at: "2026-10-08T08:40:00".into(),
            kind: Kind::Done,
            action: "check".into(),
            device_id: Some(2),
            device: "终端<2>".into(),
            moved_from: None,
            also: Vec::new(),
            staff_id: Some(1),
            staff: "王芳".into(),
            subject: "开店检查".into(),
            detail: "<script>".into(),
            source: "completion".into(),
            source_id: 1,
            correction: None,
        };
        r.add(&e);
        e.id = 2;
        e.device_id = None;
        e.correction = Some(Correction {
            action: CorrectionAction::Void,
            text: String::new(),
            reason: "重复".into(),
            at: String::new(),
            device_id: None,
            device: String::new(),
        });
        r.add(&e);
        let marks = vec![ChecklistMark {
            task_id: 1,
            task: "开店检查".into(),
            due: NaiveDate::from_ymd_opt(2026, 10, 8).unwrap(),
            kind: Kind::Missed,
            staff: String::new(),
        }];
        let html = r.finish(&marks);
        assert!(html.contains("终端&lt;2&gt;"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("小店 &lt;一号&gt;"));
        assert!(html.contains("class=\"void\""));
        // Two records of kind "done", one voided: counted once.
        assert!(
            html.contains("<tr><td>✓ 按时完成</td><td>1</td></tr>"),
            "{html}"
        );
        assert!(html.contains("2026-09") && html.contains("2026-10"));
        assert!(html.contains("<td>×<br></td>"));
        assert!(html.contains("size: A4"));
    }

    /// Two incidents, one resolved and one handed on, are two faults, not four lines.
    #[test]
    fn an_incident_counts_once_whatever_happened_to_it() {
        let mut r = Report::new(head());
        for (id, (incident, action)) in [
            (1, "opened"),
            (1, "resolved"),
            (2, "opened"),
            (2, "escalated"),
        ]
        .into_iter()
        .enumerate()
        {
            r.add(&Entry {
                id: id as i64,
                at: "2026-10-08T08:40:00".into(),
                kind: Kind::Incident,
                action: action.into(),
                source_id: incident,
                ..crate::history::entry::check_record(0, Kind::Incident, "读卡失败")
            });
        }
        let html = r.finish(&[]);
        let fault = Lang::Zh.t(Kind::Incident.label());
        assert!(html.contains(&format!("{fault}</td><td>2</td>")), "{html}");
    }

    #[test]
    fn a_failed_backup_is_marked_and_counted_apart_from_the_good_ones() {
        let mut r = Report::new(head());
        let mut e = Entry {
            id: 1,
            at: "2026-10-08T08:40:00".into(),
            kind: Kind::Backup,
            action: "manual".into(),
            device_id: None,
            device: String::new(),
            moved_from: None,
            also: Vec::new(),
            staff_id: None,
            staff: String::new(),
            subject: "E:\\poscare.db".into(),
            detail: String::new(),
            source: "backup_log".into(),
            source_id: 1,
            correction: None,
        };
        r.add(&e);
        e.id = 2;
        e.action = "failed".into();
        assert_eq!(e.severity(), 2);
        assert!(
            e.kind_text(Lang::Zh).starts_with('⚠'),
            "{}",
            e.kind_text(Lang::Zh)
        );
        r.add(&e);
        let html = r.finish(&[]);
        assert!(
            html.contains(&format!(
                "<td>{} 备份</td><td>1 <b>⚠ 另有 1 次备份失败</b></td>",
                Kind::Backup.symbol()
            )),
            "{html}"
        );
    }

    #[test]
    fn months_are_capped_to_the_latest() {
        let from = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let m = months(from, to);
        assert_eq!(m.len(), MAX_SHEETS);
        assert_eq!(m.last(), Some(&(2026, 3)));
        assert_eq!(days_in(2024, 2), 29);
    }
}
