//! Export of the timeline: CSV of the current filter, or the HTML report of its date range, written
//! on a worker thread that locks the store per chunk, with a progress bar and a cancel button.

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
use crate::ui::file_dialog::{Picked, choose_button, no_dialog_note};
use crate::ui::widgets::{PATH_CHARS, TextField, error_text, ok_text};

/// A running export.
struct Job {
    progress: Arc<Progress>,
    handle: JoinHandle<Result<usize, ExportError>>,
    path: PathBuf,
}

/// The export bar's state.
#[derive(Default)]
pub struct ExportPanel {
    path: String,
    job: Option<Job>,
    /// The last outcome: (ok, message).
    message: Option<(bool, String)>,
    /// An export waiting for "replace the existing file?" to be answered.
    confirm: Option<Pending>,
}

/// An export whose file already exists, waiting for the merchant's answer.
struct Pending {
    path: PathBuf,
    format: Format,
    work: Work,
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

    /// Draws the bar: the target path, the two export buttons, or the progress of a running one.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        store: Option<&Arc<Mutex<Store>>>,
        filter: &Filter,
        ids: &[i64],
    ) {
        let lang = cx.lang;
        self.poll(lang);
        if let Some(job) = &self.job {
            let p = &job.progress;
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
            return;
        }
        let (_, refused) = TextField::new(lang.t(T::HistExportPath), &mut self.path, PATH_CHARS)
            .hint(lang.t(T::HistExportPathHint))
            .width(220.0)
            .show(ui, lang);
        if let Some(message) = refused {
            self.message = Some((false, message));
        }
        let dialogs = &cx.shared.dialogs;
        let name = format!("{}.csv", lang.t(T::HistTitle));
        // No dialog: the button greys and the note says to type the path.
        if choose_button(ui, lang, dialogs, lang.t(T::HistExportChoose))
            && let Picked::Path(path) = dialogs.save_file(&name, None)
        {
            self.path = path.display().to_string();
        }
        let Some(store) = store else { return };
        if let Some(pending) = &self.confirm {
            error_text(ui, &WriteError::Exists(pending.path.clone()).message(lang));
            let replace = ui.button(lang.t(T::ReplaceFile)).clicked();
            if ui.button(lang.t(T::Cancel)).clicked() {
                self.confirm = None;
            } else if replace && let Some(p) = self.confirm.take() {
                self.run(lang, store, cx.data_dir(), p, Existing::Replace);
            }
            return;
        }
        if ui.button(lang.t(T::HistExportCsv)).clicked() {
            self.start(
                lang,
                store,
                cx.data_dir(),
                Format::Csv(lang),
                Work::Ids(ids.to_vec()),
                "csv",
            );
        }
        if ui.button(lang.t(T::HistExportHtml)).clicked() {
            let to = filter.to.unwrap_or(cx.today);
            let from = filter.from.unwrap_or_else(|| to.with_day(1).unwrap_or(to));
            let head = ReportHead {
                shop: cx.shop_name().to_owned(),
                from,
                to,
                made_at: crate::ui::widgets::show_time(chrono::Local::now().naive_local()),
                lang,
                device: filter.device,
            };
            let ranged = Filter {
                from: Some(from),
                to: Some(to),
                ..filter.clone()
            };
            self.start(
                lang,
                store,
                cx.data_dir(),
                Format::Html(head),
                Work::Filter(ranged),
                "html",
            );
        }
        no_dialog_note(ui, lang, &cx.shared.dialogs);
        match &self.message {
            Some((true, text)) => ok_text(ui, text),
            Some((false, text)) => error_text(ui, text),
            None => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn start(
        &mut self,
        lang: Lang,
        store: &Arc<Mutex<Store>>,
        data_dir: &Path,
        format: Format,
        work: Work,
        extension: &str,
    ) {
        let typed = self.path.trim();
        if typed.is_empty() || typed.chars().any(char::is_control) {
            self.message = Some((false, lang.t(T::HistErrExportPath).to_owned()));
            return;
        }
        let mut path = PathBuf::from(typed);
        if path.extension().is_none() {
            path.set_extension(extension);
        }
        let pending = Pending { path, format, work };
        self.run(lang, store, data_dir, pending, Existing::Refuse);
    }

    /// Checks the target and starts the export, or asks first when the file exists.
    fn run(
        &mut self,
        lang: Lang,
        store: &Arc<Mutex<Store>>,
        data_dir: &Path,
        pending: Pending,
        existing: Existing,
    ) {
        let target = match Target::outside(&pending.path, data_dir, existing) {
            Ok(target) => target,
            Err(WriteError::Exists(_)) => {
                self.message = None;
                self.confirm = Some(pending);
                return;
            }
            Err(e) => {
                self.message = Some((false, e.message(lang)));
                return;
            }
        };
        let Pending { path, format, work } = pending;
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
        self.message = None;
        self.job = Some(Job {
            progress,
            handle,
            path,
        });
    }

    fn poll(&mut self, lang: Lang) {
        if !self.job.as_ref().is_some_and(|j| j.handle.is_finished()) {
            return;
        }
        let Some(job) = self.job.take() else { return };
        let path = job.path.display().to_string();
        self.message = Some(match job.handle.join() {
            Ok(Ok(n)) => (
                true,
                lang.fill(T::HistExported, &[("n", &n.to_string()), ("path", &path)]),
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
        });
    }
}

/// What the worker exports: the ids already read, or the ids of a filter.
enum Work {
    Ids(Vec<i64>),
    Filter(Filter),
}
