//! Writing an export: entries read in chunks (so whoever holds the database can let others in
//! between), written to a temporary file beside the target, flushed to disk and renamed. A
//! failure or a cancel removes the temporary file: there is never a half-written export.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;

use crate::history::csv_file::CsvWriter;
use crate::history::entry::{ChecklistMark, Entry};
use crate::history::report::{Report, ReportHead};
use crate::i18n::Lang;

/// Entries read per chunk.
pub const CHUNK: usize = 2_000;

/// What to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// CSV in this language.
    Csv(Lang),
    /// The HTML report.
    Html(ReportHead),
}

/// Where the entries come from (the database, locked per call).
pub trait ExportSource {
    /// The entries of `ids`, in that order.
    fn entries(&mut self, ids: &[i64]) -> Result<Vec<Entry>, String>;
    /// The checklist marks of tasks due in the range.
    fn checklist(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ChecklistMark>, String>;
}

/// Progress shared with the window: entries written out of the total, and a cancel flag.
#[derive(Debug, Default)]
pub struct Progress {
    /// Entries written.
    pub done: AtomicUsize,
    /// Entries to write.
    pub total: AtomicUsize,
    /// Set to stop; the partial file is removed.
    pub cancel: AtomicBool,
}

impl Progress {
    /// Done as a fraction (0–1).
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed).max(1);
        self.done.load(Ordering::Relaxed) as f32 / total as f32
    }
}

/// Why an export did not finish. The target was left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// Cancelled by the user.
    Cancelled,
    /// Reading or writing failed: what the system said.
    Failed(String),
}

/// The temporary file an export to `path` is written to first.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.part", std::process::id()))
}

/// Writes the entries of `ids` (newest first) to `path` in `format`. Returns the entries written.
pub fn write_export(
    path: &Path,
    format: &Format,
    ids: &[i64],
    source: &mut dyn ExportSource,
    progress: &Progress,
) -> Result<usize, ExportError> {
    progress.total.store(ids.len(), Ordering::Relaxed);
    progress.done.store(0, Ordering::Relaxed);
    let temp = temp_path(path);
    let result = write_to(&temp, format, ids, source, progress).and_then(|()| {
        fs::rename(&temp, path).map_err(|e| ExportError::Failed(e.to_string()))?;
        sync_folder(path);
        Ok(ids.len())
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn write_to(
    temp: &Path,
    format: &Format,
    ids: &[i64],
    source: &mut dyn ExportSource,
    progress: &Progress,
) -> Result<(), ExportError> {
    let io = |e: std::io::Error| ExportError::Failed(e.to_string());
    let file = File::create(temp).map_err(io)?;
    let out = BufWriter::with_capacity(1 << 16, file);
    let mut each_chunk = |f: &mut dyn FnMut(&Entry) -> Result<(), ExportError>| {
        for chunk in ids.chunks(CHUNK) {
            if progress.cancel.load(Ordering::Relaxed) {
                return Err(ExportError::Cancelled);
            }
            for e in &source.entries(chunk).map_err(ExportError::Failed)? {
                f(e)?;
            }
            progress.done.fetch_add(chunk.len(), Ordering::Relaxed);
        }
        Ok(())
    };
    let out = match format {
        Format::Csv(lang) => {
            let mut w = CsvWriter::new(out, *lang).map_err(io)?;
            each_chunk(&mut |e| w.entry(e).map_err(io))?;
            w.finish().map_err(io)?
        }
        Format::Html(head) => {
            let mut report = Report::new(head.clone());
            each_chunk(&mut |e| {
                report.add(e);
                Ok(())
            })?;
            let marks = source
                .checklist(head.from, head.to)
                .map_err(ExportError::Failed)?;
            let mut out = out;
            out.write_all(report.finish(&marks).as_bytes())
                .map_err(io)?;
            out
        }
    };
    let file = out.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)
}

/// Flushes the folder's new name to disk (where the OS has such a call).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::Kind;

    struct Fake(usize);

    impl ExportSource for Fake {
        fn entries(&mut self, ids: &[i64]) -> Result<Vec<Entry>, String> {
            self.0 += 1;
            Ok(ids
                .iter()
                .map(|id| Entry {
                    id: *id,
                    at: "2026-10-08T08:40:00".into(),
                    kind: Kind::Done,
                    action: "check".into(),
                    device_id: None,
                    device: String::new(),
                    staff_id: None,
                    staff: String::new(),
                    subject: format!("任务{id}"),
                    detail: String::new(),
                    source: "completion".into(),
                    source_id: *id,
                    correction: None,
                })
                .collect())
        }
        fn checklist(&mut self, _: NaiveDate, _: NaiveDate) -> Result<Vec<ChecklistMark>, String> {
            Ok(Vec::new())
        }
    }

    #[test]
    fn writes_in_chunks_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.csv");
        let ids: Vec<i64> = (1..=4_500).collect();
        let progress = Progress::default();
        let mut fake = Fake(0);
        let n = write_export(&path, &Format::Csv(Lang::En), &ids, &mut fake, &progress).unwrap();
        assert_eq!((n, fake.0), (4_500, 3));
        assert_eq!(progress.fraction(), 1.0);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 4_501);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_cancel_or_a_missing_folder_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.csv");
        let progress = Progress::default();
        progress.cancel.store(true, Ordering::Relaxed);
        let result = write_export(
            &path,
            &Format::Csv(Lang::Zh),
            &[1, 2],
            &mut Fake(0),
            &progress,
        );
        assert_eq!(result, Err(ExportError::Cancelled));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        let missing = dir.path().join("no/such/folder/h.csv");
        let result = write_export(
            &missing,
            &Format::Csv(Lang::Zh),
            &[1],
            &mut Fake(0),
            &Progress::default(),
        );
        assert!(matches!(result, Err(ExportError::Failed(_))));
        // A target that cannot be replaced (a folder): the written temp file is removed.
        let folder = dir.path().join("taken.csv");
        fs::create_dir(&folder).unwrap();
        let result = write_export(
            &folder,
            &Format::Csv(Lang::Zh),
            &[1],
            &mut Fake(0),
            &Progress::default(),
        );
        assert!(matches!(result, Err(ExportError::Failed(_))));
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the folder"
        );
    }
}
