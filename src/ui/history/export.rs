//! Export of the timeline: CSV of the current filter, or the HTML report of its date range, each
//! with its own path (and file name and extension suggested), written on a worker thread that
//! locks the store per chunk, with a progress bar and a cancel button.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use egui::Ui;

use crate::files::{Existing, Target, WriteError};
use crate::history::export::{ExportError, ExportSource, Format, Progress, write_export};
use crate::history::report::ReportHead;
use crate::history::{ChecklistMark, Entry, Filter};
use crate::i18n::{Lang, T};
use crate::insights::{Period, Summary, Warning};
use crate::store::Store;
use crate::ui::context::Context;
use crate::ui::file_dialog::{Picked, no_dialog_note, suggested_path};
use crate::ui::widgets::{PATH_CHARS, TextField, error_text, ok_text};

/// A running export.
struct Job {
    which: Which,
    progress: Arc<Progress>,
    handle: JoinHandle<Result<usize, ExportError>>,
    path: PathBuf,
    /// The report's dates (the CSV has the filter's records, whatever their dates).
    period: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// The two exports: the table of the filter, and the printable report of its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Csv,
    Html,
}

impl Which {
    /// The file's extension.
    fn extension(self) -> &'static str {
        match self {
            Which::Csv => "csv",
            Which::Html => "html",
        }
    }

    /// The other export.
    fn other(self) -> Which {
        match self {
            Which::Csv => Which::Html,
            Which::Html => Which::Csv,
        }
    }

    /// The file name suggested for it, with the period it covers ("维护记录-2026-11.csv"): a
    /// month exported each month for the accountant never lands on the last one's name.
    fn file_name(self, lang: Lang, period: Option<(NaiveDate, NaiveDate)>, scope: &str) -> String {
        let stem = match self {
            Which::Csv => T::HistCsvFileName,
            Which::Html => T::HistHtmlFileName,
        };
        let period = period.map(period_name).unwrap_or_default();
        format!("{}{period}{scope}.{}", lang.t(stem), self.extension())
    }

    /// The dates it covers: the report's (this month when the filter gives none), the
    /// table's when the filter gives both ends (else it is the whole history, or from a day on).
    fn period(self, filter: &Filter, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Which::Csv => filter.from.zip(filter.to),
            Which::Html => Some(report_dates(filter, today)),
        }
    }

    /// Its path field's label, its "choose" button's full name, its export button.
    fn texts(self) -> (T, T, T) {
        match self {
            Which::Csv => (
                T::HistExportCsvPath,
                T::HistExportChooseCsv,
                T::HistExportCsv,
            ),
            Which::Html => (
                T::HistExportHtmlPath,
                T::HistExportChooseHtml,
                T::HistExportHtml,
            ),
        }
    }

    /// The "Save as" dialog's filter.
    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Which::Csv => ("CSV", &["csv"]),
            Which::Html => ("HTML", &["html"]),
        }
    }

    /// Where a typed path writes: a folder gets the suggested name, a file its own extension
    /// (none, or the other export's, is replaced), so one export never writes over the other.
    fn target(self, name: &str, typed: &Path) -> PathBuf {
        if typed.is_dir() {
            return typed.join(name);
        }
        let mut path = typed.to_path_buf();
        let other = self.other().extension();
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        if extension.is_none() || extension.as_deref() == Some(other) {
            path.set_extension(self.extension());
        }
        path
    }
}

/// One export's own path and how it last went.
#[derive(Default)]
struct Destination {
    path: String,
    /// Whether a full path was suggested (once: a path cleared stays clear).
    suggested: bool,
    /// The last outcome: (ok, message).
    message: Option<(bool, String)>,
    /// An export waiting for "replace the existing file?" to be answered.
    confirm: Option<Pending>,
    /// Whether that question was brought into view (once: in the small scrolling box of a
    /// short window at 200 % it opened below the box's edge).
    confirm_shown: bool,
    /// The message last brought into view, likewise ("exported" was below the box's edge, and
    /// the export looked as if it had done nothing).
    message_shown: Option<String>,
}

impl Destination {
    /// Forgets what was said about an earlier export (the filter or the path changed).
    fn forget(&mut self) {
        self.message = None;
        self.confirm = None;
    }

    /// Where there is no file dialog: a full path to edit rather than an empty box (once, so a
    /// path cleared stays clear).
    fn suggest(&mut self, cx: &Context<'_>, name: &str) {
        if !cx.shared.dialogs.available() && !std::mem::replace(&mut self.suggested, true) {
            self.path = suggested_path(name, cx.data_dir()).display().to_string();
        }
    }

    /// The path field and its "choose" button (named for its export; greyed while an export
    /// runs or where there is no dialog). A new path forgets the last message.
    fn path_ui(&mut self, ui: &mut Ui, cx: &Context<'_>, (which, name): (Which, &str), busy: bool) {
        let (lang, dialogs) = (cx.lang, &cx.shared.dialogs);
        let (label, choose_name, _) = which.texts();
        let (response, refused) = TextField::new(lang.t(label), &mut self.path, PATH_CHARS)
            .hint(lang.t(T::HistExportPathHint))
            .width(260.0)
            .show(ui, lang);
        if response.changed() {
            self.forget();
        }
        if let Some(message) = refused {
            self.message = Some((false, message));
        }
        let choose = egui::Button::new(lang.t(T::HistExportChoose));
        let choose = ui
            .add_enabled(dialogs.available() && !busy, choose)
            .on_disabled_hover_text(lang.t(T::NoFileDialog));
        choose.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, lang.t(choose_name))
        });
        if choose.clicked()
            && let Picked::Path(path) = dialogs.save_file(name, Some(which.filter()))
        {
            self.path = path.display().to_string();
            self.forget();
        }
    }

    /// "The file exists: replace it?" (true when "replace" was clicked), or how the last export
    /// went.
    fn outcome_ui(&mut self, ui: &mut Ui, lang: Lang) -> bool {
        let mut replace = false;
        if let Some(path) = self.confirm.as_ref().map(|p| p.path.clone()) {
            ui.horizontal_wrapped(|ui| {
                error_text(ui, &WriteError::Exists(path).message(lang));
                let button = ui.button(lang.t(T::ReplaceFile));
                if !self.confirm_shown {
                    self.confirm_shown = true;
                    button.scroll_to_me(None);
                }
                replace = button.clicked();
                if ui.button(lang.t(T::Cancel)).clicked() {
                    self.confirm = None;
                }
            });
        }
        if let Some((ok, text)) = &self.message {
            let said = ui
                .scope(|ui| match ok {
                    true => ok_text(ui, text),
                    false => error_text(ui, text),
                })
                .response;
            if self.message_shown.as_ref() != Some(text) {
                self.message_shown = Some(text.clone());
                said.scroll_to_me(None);
            }
        }
        replace
    }
}

/// The export bar's state: each export with its own path.
#[derive(Default)]
pub struct ExportPanel {
    csv: Destination,
    html: Destination,
    job: Option<Job>,
    /// The filter the messages are about: a new one makes them stale.
    filter: Option<Filter>,
    /// The language the messages are in: switching makes them stale (they stayed in the other).
    lang: Option<Lang>,
}

/// An export whose file already exists, waiting for the merchant's answer.
struct Pending {
    path: PathBuf,
    format: Format,
    work: Work,
}

/// What one export row asks for.
enum Asked {
    Nothing,
    Export,
    Replace,
}

/// The store, locked for each chunk only.
struct Locked(Arc<Mutex<Store>>);

impl Locked {
    fn with<R>(
        &self,
        f: impl FnOnce(&Store) -> Result<R, crate::store::StoreError>,
    ) -> Result<R, String> {
        f(&crate::ui::jobs::lock(&self.0)).map_err(|e| e.to_string())
    }
}

impl ExportSource for Locked {
    fn entries(&mut self, ids: &[i64]) -> Result<Vec<Entry>, String> {
        self.with(|s| s.history_entries(ids))
    }

    fn checklist(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ChecklistMark>, String> {
        self.with(|s| s.checklist_marks(from, to))
    }

    fn insights(&mut self, period: &Period) -> Result<Option<(Summary, Vec<Warning>)>, String> {
        self.with(|s| s.insights_report(period)).map(Some)
    }
}

impl ExportPanel {
    /// Whether an export is running.
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    fn destination(&mut self, which: Which) -> &mut Destination {
        match which {
            Which::Csv => &mut self.csv,
            Which::Html => &mut self.html,
        }
    }

    /// Draws the two exports, each with its path, its "choose" button, its export button and
    /// what it last said; the running one shows its progress. With the filter's fields refused
    /// (`refused` says why), an export says so and writes nothing.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        store: Option<&Arc<Mutex<Store>>>,
        (filter, refused): (&Filter, Option<String>),
        ids: &[i64],
    ) {
        let lang = cx.lang;
        self.poll(lang);
        if self.filter.as_ref() != Some(filter) || self.lang != Some(lang) {
            self.filter = Some(filter.clone());
            self.lang = Some(lang);
            self.csv.forget();
            self.html.forget();
        }
        let scope = scope_name(cx, filter);
        let names = [Which::Csv, Which::Html]
            .map(|which| which.file_name(lang, which.period(filter, cx.today), &scope));
        let mut asked = [Asked::Nothing, Asked::Nothing];
        for (i, which) in [Which::Csv, Which::Html].into_iter().enumerate() {
            asked[i] = self.row_ui(ui, cx, (which, &names[i]));
        }
        for (i, which) in [Which::Csv, Which::Html].into_iter().enumerate() {
            if self.destination(which).outcome_ui(ui, lang) {
                asked[i] = Asked::Replace;
            }
        }
        for ((which, asked), name) in [Which::Csv, Which::Html].into_iter().zip(asked).zip(&names) {
            match asked {
                Asked::Nothing => {}
                Asked::Export if refused.is_some() => {
                    let problem = refused.as_deref().unwrap_or_default();
                    self.destination(which).message = Some((
                        false,
                        lang.fill(T::HistErrExportFilter, &[("problem", problem)]),
                    ));
                }
                Asked::Export => {
                    if let Some(store) = store {
                        let (format, work) = export_work(cx, which, filter, ids);
                        let pending = (format, work, name.as_str());
                        self.start(lang, store, cx.data_dir(), which, pending);
                    }
                }
                Asked::Replace => {
                    if let (Some(store), Some(pending)) =
                        (store, self.destination(which).confirm.take())
                    {
                        self.run(
                            lang,
                            store,
                            cx.data_dir(),
                            which,
                            pending,
                            Existing::Replace,
                        );
                    }
                }
            }
        }
        no_dialog_note(ui, lang, &cx.shared.dialogs);
    }

    /// One export's row: its path, "choose", and export (or its progress). Its message, or the
    /// question whether to replace the file, comes under both rows: a line appearing between
    /// them would move the second row from under the mouse.
    fn row_ui(&mut self, ui: &mut Ui, cx: &Context<'_>, (which, name): (Which, &str)) -> Asked {
        let lang = cx.lang;
        let busy = self.job.is_some();
        let running = self
            .job
            .as_ref()
            .filter(|j| j.which == which)
            .map(|j| Arc::clone(&j.progress));
        let to = self.destination(which);
        to.suggest(cx, name);
        let mut asked = Asked::Nothing;
        ui.horizontal_wrapped(|ui| {
            to.path_ui(ui, cx, (which, name), busy);
            match &running {
                Some(progress) => progress_ui(ui, lang, progress),
                None => {
                    let export = egui::Button::new(lang.t(which.texts().2));
                    if ui
                        .add_enabled(!busy && to.confirm.is_none(), export)
                        .clicked()
                    {
                        asked = Asked::Export;
                    }
                }
            }
        });
        asked
    }

    fn start(
        &mut self,
        lang: Lang,
        store: &Arc<Mutex<Store>>,
        data_dir: &Path,
        which: Which,
        (format, work, name): (Format, Work, &str),
    ) {
        let to = self.destination(which);
        let typed = to.path.trim();
        if typed.is_empty() || typed.chars().any(char::is_control) {
            to.message = Some((false, lang.t(T::HistErrExportPath).to_owned()));
            return;
        }
        let path = which.target(name, Path::new(typed));
        let pending = Pending { path, format, work };
        self.run(lang, store, data_dir, which, pending, Existing::Refuse);
    }

    /// Checks the target and starts the export, or asks first when the file exists.
    fn run(
        &mut self,
        lang: Lang,
        store: &Arc<Mutex<Store>>,
        data_dir: &Path,
        which: Which,
        pending: Pending,
        existing: Existing,
    ) {
        let to = self.destination(which);
        let target = match Target::outside(&pending.path, data_dir, existing) {
            Ok(target) => target,
            Err(WriteError::Exists(_)) => {
                to.message = None;
                to.confirm = Some(pending);
                to.confirm_shown = false;
                return;
            }
            Err(e) => {
                to.message = Some((false, e.message(lang)));
                return;
            }
        };
        to.message = None;
        let Pending { path, format, work } = pending;
        let period = match &format {
            Format::Html(head) => Some((head.from, head.to)),
            Format::Csv(_) => None,
        };
        let progress = Arc::new(Progress::default());
        let mut source = Locked(Arc::clone(store));
        let p = Arc::clone(&progress);
        let handle = std::thread::spawn(move || {
            let ids = match work {
                Work::Ids(ids) => ids,
                Work::Filter(f) => source
                    .with(|s| s.history_ids(&f))
                    .map_err(ExportError::Failed)?,
            };
            write_export(&target, &format, &ids, &mut source, &p)
        });
        self.job = Some(Job {
            which,
            progress,
            handle,
            path,
            period,
        });
    }

    fn poll(&mut self, lang: Lang) {
        if !self.job.as_ref().is_some_and(|j| j.handle.is_finished()) {
            return;
        }
        let Some(job) = self.job.take() else { return };
        let path = job.path.display().to_string();
        let message = match job.handle.join() {
            Ok(Ok(n)) => (
                true,
                match job.period {
                    // The report says which dates it covers: a record outside them is not in it.
                    Some((from, to)) => lang.fill(
                        T::HistExportedPeriod,
                        &[
                            ("n", &n.to_string()),
                            ("path", &path),
                            ("from", &from.format("%Y-%m-%d").to_string()),
                            ("to", &to.format("%Y-%m-%d").to_string()),
                        ],
                    ),
                    None => lang.fill(T::HistExported, &[("n", &n.to_string()), ("path", &path)]),
                },
            ),
            Ok(Err(ExportError::Cancelled)) => (false, lang.t(T::HistExportCancelled).to_owned()),
            Ok(Err(ExportError::Failed(detail))) => (
                false,
                lang.fill(T::HistExportFailed, &[("path", &path), ("detail", &detail)]),
            ),
            // Written and named, but the disk did not confirm it: not "no partial file".
            Ok(Err(ExportError::Write(e @ WriteError::Unconfirmed(..)))) => {
                (false, e.message(lang))
            }
            Ok(Err(ExportError::Write(e))) => (
                false,
                lang.fill(
                    T::HistExportFailed,
                    &[("path", &path), ("detail", &e.message(lang))],
                ),
            ),
            Err(_) => (
                false,
                lang.fill(T::HistExportFailed, &[("path", &path), ("detail", "")]),
            ),
        };
        self.destination(job.which).message = Some(message);
    }
}

/// A running export's progress bar and its cancel button.
fn progress_ui(ui: &mut Ui, lang: Lang, p: &Progress) {
    let text = lang.fill(
        T::HistExporting,
        &[
            ("done", &p.done.load(Ordering::Relaxed).to_string()),
            ("total", &p.total.load(Ordering::Relaxed).to_string()),
        ],
    );
    ui.add(
        egui::ProgressBar::new(p.fraction())
            .desired_width(220.0)
            .text(text),
    );
    if ui.button(lang.t(T::HistExportCancel)).clicked() {
        p.cancel.store(true, Ordering::Relaxed);
    }
    ui.ctx().request_repaint_after(Duration::from_millis(100));
}

/// What an export writes: the CSV of the ids read, or the report of the filter's dates (this
/// month when none are given).
fn export_work(cx: &Context<'_>, which: Which, filter: &Filter, ids: &[i64]) -> (Format, Work) {
    let lang = cx.lang;
    match which {
        Which::Csv => (Format::Csv(lang), Work::Ids(ids.to_vec())),
        Which::Html => {
            let (from, to) = report_dates(filter, cx.today);
            let head = ReportHead {
                shop: cx.shop_name().to_owned(),
                from,
                to,
                made_at: crate::ui::widgets::show_time(chrono::Local::now().naive_local()),
                lang,
                device: filter.device,
                device_name: filter
                    .device
                    .map(|id| crate::device::shown_name(cx.devices(), id))
                    .unwrap_or_default(),
            };
            let ranged = Filter {
                from: Some(from),
                to: Some(to),
                ..filter.clone()
            };
            (Format::Html(head), Work::Filter(ranged))
        }
    }
}

/// The report's dates: the filter's, its end (today without one) back to the first of that
/// month without a start.
fn report_dates(filter: &Filter, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let to = filter.to.unwrap_or(today);
    let from = filter.from.unwrap_or_else(|| to.with_day(1).unwrap_or(to));
    (from, to)
}

/// What a filter narrows an export to, as a file name's end: the device's name ("-收银台1号"),
/// and "-筛选" / "-filtered" for anything else chosen (a person, kinds, a search). One device's
/// month was offered to replace the whole shop's, for the accountant, under one name.
fn scope_name(cx: &Context<'_>, filter: &Filter) -> String {
    let mut out = String::new();
    if let Some(id) = filter.device {
        let name: String = crate::device::shown_name(cx.devices(), id)
            .chars()
            .map(|c| {
                if c.is_control() || "\\/:*?\"<>|".contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .take(40)
            .collect();
        let name = name.trim().trim_matches('.');
        if !name.is_empty() {
            out.push('-');
            out.push_str(name);
        }
    }
    if filter.staff.is_some() || !filter.kinds.is_empty() || !filter.text.trim().is_empty() {
        out.push('-');
        out.push_str(cx.lang.t(T::HistFileFiltered));
    }
    out
}

/// A period as a file name's end: "-2026-11" for a whole month, "-2026-11-03" for a day,
/// "-2026-11-03_2026-12-02" for any other run of days.
fn period_name((from, to): (NaiveDate, NaiveDate)) -> String {
    let whole_month = from.day() == 1
        && (from.year(), from.month()) == (to.year(), to.month())
        && to.succ_opt().is_none_or(|next| next.month() != to.month());
    if whole_month {
        from.format("-%Y-%m").to_string()
    } else if from == to {
        from.format("-%Y-%m-%d").to_string()
    } else {
        format!("-{}_{}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d"))
    }
}

/// What the worker exports: the ids already read, or the ids of a filter.
enum Work {
    Ids(Vec<i64>),
    Filter(Filter),
}
