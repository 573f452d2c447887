//! Reading a period's figures off the window's thread. Ten years of records take a while to
//! aggregate, so a worker reads them part by part ([`Period::parts`]), holding the store for one
//! part at a time: the window keeps drawing, and a command that needs the store waits for one
//! part at most. A newer request supersedes an older one, which stops at its next part; only the
//! newest request's figures are handed back. `POSCARE_TIMING=1` prints each read's time on
//! stderr.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::device::Device;
use crate::insights::summary::SummaryRows;
use crate::insights::{Period, Summary};
use crate::store::{Store, StoreError};
use crate::ui::jobs::lock;

/// What a read is for: the period, and the generation of the data (a write starts a new one).
pub type Key = (Period, u64);

/// What a worker hands back: `None` when it was superseded.
type Outcome = Option<Result<Summary, StoreError>>;

/// One worker.
struct Reading {
    key: Key,
    cancel: Arc<AtomicBool>,
    handle: JoinHandle<Outcome>,
}

/// The figures being read.
#[derive(Default)]
pub struct Loader {
    /// The newest request.
    current: Option<Reading>,
    /// Superseded ones, finishing the part they are reading.
    stopping: Vec<Reading>,
}

impl Loader {
    /// Reads the figures of `key`'s period on a worker (superseding any read under way); the
    /// window is asked to repaint when they are ready.
    pub fn request(
        &mut self,
        key: Key,
        store: Arc<Mutex<Store>>,
        devices: Vec<Device>,
        ctx: egui::Context,
    ) {
        if let Some(old) = self.current.take() {
            old.cancel.store(true, Ordering::Relaxed);
            self.stopping.push(old);
        }
        self.stopping.retain(|r| !r.handle.is_finished());
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        let timing = std::env::var_os("POSCARE_TIMING").is_some();
        let handle = std::thread::spawn(move || {
            let outcome = read(&store, key.0, &devices, &stop, timing);
            ctx.request_repaint();
            outcome
        });
        self.current = Some(Reading {
            key,
            cancel,
            handle,
        });
    }

    /// The newest request's figures, once they are ready (taken).
    pub fn poll(&mut self) -> Option<(Key, Result<Summary, StoreError>)> {
        if !self.current.as_ref()?.handle.is_finished() {
            return None;
        }
        let reading = self.current.take()?;
        match reading.handle.join() {
            Ok(Some(result)) => Some((reading.key, result)),
            // Superseded (never: only older ones are), or the worker panicked: nothing to show.
            _ => None,
        }
    }

    /// Whether a worker is still running (the newest, or one finishing a superseded part).
    pub fn busy(&self) -> bool {
        self.current
            .iter()
            .chain(&self.stopping)
            .any(|r| !r.handle.is_finished())
    }
}

impl Drop for Loader {
    /// Stops every worker and waits for it (one part at most), so none holds the store after
    /// the window is gone.
    fn drop(&mut self) {
        for reading in self
            .current
            .take()
            .into_iter()
            .chain(self.stopping.drain(..))
        {
            reading.cancel.store(true, Ordering::Relaxed);
            let _ = reading.handle.join();
        }
    }
}

/// Reads `period` part by part, letting go of the store between parts; `None` when `cancel`
/// was set on the way.
fn read(
    store: &Mutex<Store>,
    period: Period,
    devices: &[Device],
    cancel: &AtomicBool,
    timing: bool,
) -> Outcome {
    let started = Instant::now();
    let parts = period.parts();
    let mut rows = SummaryRows::default();
    let mut longest = Duration::ZERO;
    for part in &parts {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let store = lock(store);
        let held = Instant::now();
        let read = store.insight_part(&period, *part);
        longest = longest.max(held.elapsed());
        drop(store);
        match read {
            Ok(part_rows) => rows.append(part_rows),
            Err(e) => return Some(Err(e)),
        }
    }
    let summary = Summary::build(period, rows, devices);
    if timing {
        eprintln!(
            "insights: {} to {}: {} parts in {} ms, the store held at most {} ms at a time",
            period.from,
            period.to,
            parts.len(),
            started.elapsed().as_millis(),
            longest.as_millis()
        );
    }
    Some(Ok(summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DataPaths;
    use chrono::NaiveDate;

    fn wait(loader: &Loader) {
        while loader.busy() {
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn only_the_newest_request_is_handed_back_and_none_outlives_the_loader() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Mutex::new(Store::open(DataPaths::new(dir.path())).unwrap()));
        let ctx = egui::Context::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let decade = (Period::last_months(today, 120, None), 0);
        let year = (Period::last_months(today, 12, None), 0);
        let mut loader = Loader::default();

        // The older read finished first, but was not taken before the newer was asked for.
        loader.request(decade, store.clone(), Vec::new(), ctx.clone());
        wait(&loader);
        loader.request(year, store.clone(), Vec::new(), ctx.clone());
        wait(&loader);
        let (key, summary) = loader.poll().expect("the newest figures");
        assert_eq!(key, year);
        assert_eq!(summary.unwrap().months.len(), 12);
        assert!(
            loader.poll().is_none(),
            "the older ones are never handed back"
        );

        // Two at once: the newest wins; dropping the loader leaves no worker holding the store.
        loader.request(decade, store.clone(), Vec::new(), ctx.clone());
        loader.request(year, store.clone(), Vec::new(), ctx.clone());
        loader.request(decade, store.clone(), Vec::new(), ctx);
        drop(loader);
        assert_eq!(Arc::strong_count(&store), 1);
    }
}
