//! `poscare export FILE`: the history (all of it, or a date range and one device) as CSV that
//! opens cleanly in Excel, or with `--html` as the printable report. Written to a temporary file
//! and renamed, so a failure leaves no half file. Reads the data folder without changing it, and
//! never writes into it or over a database; an existing file is replaced only with `--force`.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::files::{Existing, Target, WriteError};
use crate::history::export::{ExportError, ExportSource, Format, Progress, write_export};
use crate::history::report::ReportHead;
use crate::history::{ChecklistMark, Entry, Filter};
use crate::i18n::{Lang, T};
use crate::insights::{Period, Summary, Warning};
use crate::store::{ReadStore, Records, keys};

/// What to export, as given on the command line.
pub struct ExportArgs<'a> {
    /// The file to write.
    pub file: &'a Path,
    /// Replace the file if it exists.
    pub force: bool,
    /// The HTML report instead of CSV.
    pub html: bool,
    /// The days (`--from`, `--to`) and the device (by id or exact name).
    pub scope: &'a super::Scope,
    /// The language of headings (default: the app's).
    pub lang: Option<Lang>,
}

/// The store read directly: the command holds the data folder alone.
struct Direct<'a>(&'a Records, Lang);

impl ExportSource for Direct<'_> {
    fn entries(&mut self, ids: &[i64]) -> Result<Vec<Entry>, String> {
        self.0.history_entries(ids).map_err(|e| e.message(self.1))
    }

    fn checklist(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ChecklistMark>, String> {
        self.0
            .checklist_marks(from, to)
            .map_err(|e| e.message(self.1))
    }

    fn insights(&mut self, period: &Period) -> Result<Option<(Summary, Vec<Warning>)>, String> {
        self.0
            .insights_report(period)
            .map(Some)
            .map_err(|e| e.message(self.1))
    }
}

/// Runs the export on an opened store.
pub fn run(store: &ReadStore, args: &ExportArgs<'_>) -> ExitCode {
    // The content in the shop's language (or `--lang`); what the command says, in the system's.
    let lang = args.lang.unwrap_or_else(|| store.language());
    let say = Lang::from_os();
    let today = super::trusted_today(store);
    // Days that hold nothing by construction are a mistake, not an empty export.
    if let Err(e) = args.scope.check(today) {
        eprintln!("poscare: {}", e.message(say));
        return ExitCode::from(2);
    }
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let target = match Target::outside(args.file, &store.paths().dir, existing) {
        Ok(target) => target,
        Err(WriteError::Exists(path)) => {
            eprintln!(
                "poscare: {}",
                say.fill(T::CliExportExists, &[("path", &path.display().to_string())])
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("poscare: {}", e.message(say));
            return ExitCode::FAILURE;
        }
    };
    let device = match args
        .scope
        .device
        .as_deref()
        .map(|d| find_device(store, d, say))
    {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(message)) => {
            eprintln!("poscare: {message}");
            return ExitCode::from(2);
        }
    };
    let mut filter = Filter {
        from: args.scope.from,
        to: args.scope.to,
        device,
        ..Default::default()
    };
    let format = if args.html {
        let to = args.scope.to.unwrap_or(today);
        let from = args.scope.from.unwrap_or_else(|| first_of_month(to));
        filter.from = Some(from);
        filter.to = Some(to);
        Format::Html(ReportHead {
            shop: store
                .setting(keys::SHOP_NAME)
                .ok()
                .flatten()
                .unwrap_or_default(),
            from,
            to,
            made_at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
            lang,
            device,
            device_name: device
                .and_then(|id| Some(crate::device::shown_name(&store.devices().ok()?, id)))
                .unwrap_or_default(),
        })
    } else {
        Format::Csv(lang)
    };
    let ids = match store.history_ids(&filter) {
        Ok(ids) => ids,
        Err(e) => {
            eprintln!(
                "poscare: {}",
                say.fill(T::ErrRead, &[("detail", &e.message(say))])
            );
            return ExitCode::FAILURE;
        }
    };
    let progress = Progress::default();
    match write_export(&target, &format, &ids, &mut Direct(store, lang), &progress) {
        Ok(n) => {
            let said = say.fill(
                T::CliExported,
                &[
                    ("file", &args.file.display().to_string()),
                    ("n", &n.to_string()),
                ],
            );
            super::print_out(&format!("{said}\n"))
        }
        Err(ExportError::Failed(detail)) => {
            eprintln!(
                "poscare: {}",
                say.fill(
                    T::CliCouldNotWrite,
                    &[
                        ("file", &args.file.display().to_string()),
                        ("detail", &detail)
                    ]
                )
            );
            ExitCode::FAILURE
        }
        // Written and named, but the disk did not confirm it: the message says so.
        Err(ExportError::Write(e @ WriteError::Unconfirmed(..))) => {
            eprintln!("poscare: {}", e.message(say));
            ExitCode::FAILURE
        }
        Err(ExportError::Write(e)) => {
            // (Without the message's own full stop before "; nothing was written".)
            let detail = e.message(say);
            let detail = detail.trim_end_matches(['.', '。']);
            eprintln!(
                "poscare: {}",
                say.fill(T::CliNothingWritten, &[("detail", detail)])
            );
            ExitCode::FAILURE
        }
        Err(ExportError::Cancelled) => ExitCode::FAILURE,
    }
}

/// The first day of `day`'s month.
fn first_of_month(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(
        chrono::Datelike::year(&day),
        chrono::Datelike::month(&day),
        1,
    )
    .unwrap_or(day)
}

/// A device named on the command line (see `device::named_on_command_line`), or why none is.
pub(super) fn find_device(store: &Records, wanted: &str, lang: Lang) -> Result<i64, String> {
    let devices = store.devices().map_err(|e| e.message(lang))?;
    let all: Vec<&crate::device::Device> = devices.iter().collect();
    let names = |some: &[&crate::device::Device], numbered: bool| {
        some.iter()
            .map(|d| {
                let name = crate::device::choice_name(d, &all);
                // (Of several a value fits, each with its number, which picks it whatever
                // else it shares: "Till · T001 (#1)".)
                if numbered {
                    format!("{name} (#{})", d.id)
                } else {
                    name
                }
            })
            .collect::<Vec<_>>()
            .join(lang.t(T::ListSeparator))
    };
    let wanted = wanted.trim();
    match crate::device::named_on_command_line(&devices, wanted) {
        Ok(device) => Ok(device.id),
        // (The example number is one of theirs: "#2" was a third device's.)
        Err(several) if !several.is_empty() => Err(lang.fill(
            T::CliSeveralDevices,
            &[
                ("wanted", wanted),
                ("names", &names(&several, true)),
                ("number", &several[0].id.to_string()),
            ],
        )),
        Err(_) if devices.is_empty() => {
            Err(lang.fill(T::CliNoSuchDeviceNone, &[("wanted", wanted)]))
        }
        Err(_) => Err(lang.fill(
            T::CliNoSuchDevice,
            &[("wanted", wanted), ("names", &names(&all, false))],
        )),
    }
}
