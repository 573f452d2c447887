//! Writing an export: entries read in chunks (so whoever holds the database can let others in
//! between), written through [`crate::files::AtomicFile`] (a temporary file beside the target,
//! flushed to disk and renamed). A failure or a cancel removes the temporary file: there is never
//! a half-written export, and the target was checked first ([`Target`]: never the data folder,
//! never a database, an existing file only when confirmed).

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;

use crate::files::{AtomicFile, Target, WriteError};
use crate::history::csv_file::CsvWriter;
use crate::history::entry::{ChecklistMark, Entry};
use crate::history::report::{Report, ReportHead};
use crate::i18n::Lang;
use crate::insights::{Period, Summary, Warning};

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
    /// The figures and repeat warnings of a period for the report's charts; `None` from a
    /// source without a store behind it (the report then has no charts).
    fn insights(&mut self, _period: &Period) -> Result<Option<(Summary, Vec<Warning>)>, String> {
        Ok(None)
    }
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
    /// Reading the history failed: what the store said.
    Failed(String),
    /// Writing the file failed.
    Write(WriteError),
}

/// Writes the entries of `ids` (newest first) to `target` in `format`. Returns the entries
/// written.
pub fn write_export(
    target: &Target,
    format: &Format,
    ids: &[i64],
    source: &mut dyn ExportSource,
    progress: &Progress,
) -> Result<usize, ExportError> {
    progress.total.store(ids.len(), Ordering::Relaxed);
    progress.done.store(0, Ordering::Relaxed);
    let mut file = AtomicFile::create(target).map_err(ExportError::Write)?;
    write_to(&mut file, format, ids, source, progress)?;
    file.commit().map_err(ExportError::Write)?;
    Ok(ids.len())
}

fn write_to(
    out: &mut AtomicFile,
    format: &Format,
    ids: &[i64],
    source: &mut dyn ExportSource,
    progress: &Progress,
) -> Result<(), ExportError> {
    let target = out.target().to_path_buf();
    let io = |e: std::io::Error| ExportError::Write(WriteError::from_io(&e, &target));
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
    match format {
        Format::Csv(lang) => {
            let mut w = CsvWriter::new(&mut *out, *lang).map_err(io)?;
            each_chunk(&mut |e| w.entry(e).map_err(io))?;
            w.finish().map_err(io)?;
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
            let period = Period {
                from: head.from,
                to: head.to,
                device: head.device,
            };
            if let Some((summary, warnings)) =
                source.insights(&period).map_err(ExportError::Failed)?
            {
                report.set_insights(&summary, &warnings);
            }
            out.write_all(report.finish(&marks).as_bytes())
                .map_err(io)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::{Kind, check_record};

    struct Fake(usize);

    impl ExportSource for Fake {
        fn entries(&mut self, ids: &[i64]) -> Result<Vec<Entry>, String> {
            self.0 += 1;
            Ok(ids
                .iter()
                .map(|id| check_record(*id, Kind::Done, &format!("任务{id}")))
                .collect())
        }
        fn checklist(&mut self, _: NaiveDate, _: NaiveDate) -> Result<Vec<ChecklistMark>, String> {
            Ok(Vec::new())
        }
    }

    fn target(path: &std::path::Path) -> Target {
        let data = path.parent().unwrap().join("data");
        Target::outside(path, &data, crate::files::Existing::Replace).unwrap()
    }

    #[test]
    fn writes_in_chunks_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.csv");
        let ids: Vec<i64> = (1..=4_500).collect();
        let progress = Progress::default();
        let mut fake = Fake(0);
        let n = write_export(
            &target(&path),
            &Format::Csv(Lang::En),
            &ids,
            &mut fake,
            &progress,
        )
        .unwrap();
        assert_eq!((n, fake.0), (4_500, 3));
        assert_eq!(progress.fraction(), 1.0);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 4_501);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_cancel_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.csv");
        let progress = Progress::default();
        progress.cancel.store(true, Ordering::Relaxed);
        let result = write_export(
            &target(&path),
            &Format::Csv(Lang::Zh),
            &[1, 2],
            &mut Fake(0),
            &progress,
        );
        assert_eq!(result, Err(ExportError::Cancelled));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
