//! The command line: arguments, and the commands that run without a window (check, backup,
//! restore, today, lookup, export, insights).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::RangedU64ValueParser;
use clap::{Parser, Subcommand};
use serde::Serialize;

mod export;
mod help;
mod insights;
mod today;
mod window;

pub use help::{command, parse};

use crate::i18n::{Lang, T};
use crate::knowledge::{self, Confidence, Entry, Index, Lookup};
use crate::store::{
    BackupBy, BackupError, DATA_DIR_ENV, DataPaths, FolderCheck, OpenError, OutsideBackup,
    ReadStore, Store, Verdict,
};

/// POS Care 维护助手: card-terminal prompt lookup, preventive maintenance and records for small
/// merchants. Without a command it opens the window. (The help shown is in the system's
/// language, from the string table: see `help.rs`.)
#[derive(Debug, Parser)]
#[command(name = "poscare", version, about, long_about = None)]
pub struct Cli {
    /// Use this data folder instead of the default (for a portable copy or a test).
    #[arg(long, global = true, value_name = "DIR", env = DATA_DIR_ENV)]
    pub data_dir: Option<PathBuf>,

    /// Open the window, draw the first frame, print "first frame: N ms" on stderr and exit.
    #[arg(long)]
    pub exit_after_first_frame: bool,

    /// Draw the window with this renderer, whatever Settings say (gl: OpenGL, for old or broken
    /// graphics drivers; wgpu: the default).
    #[arg(long, value_name = "RENDERER", value_enum)]
    pub renderer: Option<crate::ui::renderer::Renderer>,

    /// What to do; without a command the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the database for damage without changing anything: prints OK or what is wrong
    /// (exit code 0, or 1 when it is not OK).
    Check,
    /// Write a verified copy of the database into a folder (such as a USB stick) and print its path.
    Backup {
        /// The folder to write the backup into (created if missing).
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Replace the data with a backup file, after checking it and backing up the current data.
    /// A file that is not a good POS Care backup changes nothing.
    Restore {
        /// The backup file (for example from `poscare backup --to DIR`).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Do not ask at a terminal before replacing the data.
        #[arg(long)]
        yes: bool,
    },
    /// Print the day's agenda: overdue, due today and the next seven days, what was finished,
    /// who needs training, and the incidents still open. Reads the data folder without
    /// changing it.
    Today {
        /// Print one JSON object on stdout instead of text.
        #[arg(long)]
        json: bool,
        /// The day to show (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        date: Option<chrono::NaiveDate>,
    },
    /// Export the history as CSV for Excel (UTF-8 with BOM), or with --html as a printable report
    /// of a date range (default: this month). While the window is open it reads a copy it gives.
    /// Never into the data folder, never over a database; an existing file only with --force.
    Export {
        /// The file to write (replaced only once the new one is complete).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace FILE if it already exists.
        #[arg(long)]
        force: bool,
        /// Write the printable HTML report instead of CSV.
        #[arg(long)]
        html: bool,
        /// The days and the device.
        #[command(flatten)]
        scope: Scope,
        /// The language of the headings (default: the app's).
        #[arg(long, value_name = "LANG", value_parser = ["zh", "en"], ignore_case = true)]
        lang: Option<String>,
    },
    /// Print the warnings (a fault that keeps coming back on one terminal, and more) and the
    /// monthly figures of a period (default: the last 12 months). Reads the data folder without
    /// changing it.
    Insights {
        /// Print one JSON object on stdout instead of text.
        #[arg(long)]
        json: bool,
        /// The days and the device.
        #[command(flatten)]
        scope: Scope,
    },
    /// Look up a card-terminal prompt or code (`51`, `余额不足`, `yebz`, `insufficient funds`) and
    /// print what it means and what to do. Needs no data folder.
    Lookup {
        /// Print one JSON object on stdout instead of text.
        #[arg(long)]
        json: bool,
        /// Show at most this many results.
        #[arg(long, value_name = "N", default_value_t = 5,
              value_parser = RangedU64ValueParser::<usize>::new().range(1..))]
        limit: usize,
        /// The language of the answer (default: the system's language).
        #[arg(long, value_name = "LANG", value_parser = ["zh", "en"], ignore_case = true)]
        lang: Option<String>,
        /// The prompt or code as the terminal shows it; several words are joined by spaces. A
        /// prompt may begin with "-" ("-55 退款失败"): options go before it.
        #[arg(required = true, num_args = 1.., value_name = "QUERY", allow_hyphen_values = true,
              trailing_var_arg = true)]
        query: Vec<String>,
    },
    /// Close the POS Care window open on the data folder and wait until it has exited: a running
    /// backup is finished first; like the installer (which uses it before it replaces the
    /// program) it asks nobody, so a form typed into and not saved is not kept.
    Close {
        /// Wait at most this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        wait: u64,
    },
}

/// The days and the device a reading command covers (`export`, `insights`).
#[derive(Debug, clap::Args)]
pub struct Scope {
    /// Only from this day on.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub from: Option<chrono::NaiveDate>,
    /// Only up to this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub to: Option<chrono::NaiveDate>,
    /// Only one device, by its name as registered (or its number).
    #[arg(long, value_name = "NAME")]
    pub device: Option<String>,
}

impl Scope {
    /// The days asked for: `from` and `to` as given, refused when the start is after the end.
    /// Without `--to` the period ends `today`, so a `--from` after today is refused too.
    pub fn check(&self, today: chrono::NaiveDate) -> Result<(), ScopeError> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if from > to => Err(ScopeError::Reversed { from, to }),
            (Some(from), None) if from > today => Err(ScopeError::FromAfterToday { from, today }),
            _ => Ok(()),
        }
    }
}

/// Why the days of a [`Scope`] were refused (a usage error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeError {
    /// `--from` is after `--to`.
    Reversed {
        /// The start asked for.
        from: chrono::NaiveDate,
        /// The end asked for.
        to: chrono::NaiveDate,
    },
    /// `--from` is after today, and without `--to` the period ends today.
    FromAfterToday {
        /// The start asked for.
        from: chrono::NaiveDate,
        /// Today.
        today: chrono::NaiveDate,
    },
}

impl ScopeError {
    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ScopeError::Reversed { from, to } => lang.fill(
                T::CliRangeReversed,
                &[("from", &from.to_string()), ("to", &to.to_string())],
            ),
            ScopeError::FromAfterToday { from, today } => lang.fill(
                T::CliFromAfterToday,
                &[("from", &from.to_string()), ("today", &today.to_string())],
            ),
        }
    }
}

/// Parses `--date` as a real calendar date.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::device::parse_date(text)
        .ok_or_else(|| format!("{text:?} is not a date; write it as YYYY-MM-DD"))
}

impl Cli {
    /// The data folder these arguments choose (`--data-dir`, `POSCARE_DATA_DIR`, or the default).
    pub fn data_paths(&self) -> Result<DataPaths, String> {
        let paths = DataPaths::resolve(self.data_dir.as_deref())
            .ok_or_else(|| Lang::from_os().t(T::CliNoHome).to_owned())?;
        // A folder named by hand (`--data-dir`, `POSCARE_DATA_DIR`) whose parent is not there
        // is most often a USB stick not plugged in: made there, the shop would land on the
        // PC's own disk, hidden under the stick once it is mounted. Only its last folder is
        // ever made, as for a backup.
        let named = self.data_dir.is_some()
            || std::env::var_os(crate::store::DATA_DIR_ENV).is_some_and(|v| !v.is_empty());
        if named && paths.parent_missing() {
            let path = paths.dir.display().to_string();
            return Err(Lang::from_os().fill(T::DataDirNoParent, &[("path", &path)]));
        }
        Ok(paths)
    }

    /// What the window takes from these arguments.
    pub fn window_start(&self) -> crate::ui::WindowStart {
        let paths = self.data_paths();
        // The folder named, even when it is refused (a stick not plugged in): the window keeps
        // it, says it, and tries it again, never a folder of its own choosing.
        let wanted = paths
            .is_err()
            .then(|| DataPaths::resolve(self.data_dir.as_deref()))
            .flatten();
        crate::ui::WindowStart {
            paths,
            wanted,
            renderer: self.renderer,
            exit_after_first_frame: self.exit_after_first_frame,
        }
    }
}

/// Runs a headless command, printing results on stdout and errors on stderr.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    if let Ok(paths) = cli.data_paths()
        && paths.dir.exists()
        && !paths.dir.is_dir()
    {
        let error = OpenError::NotAFolder { path: paths.dir };
        eprintln!("poscare: {}", error.message(Lang::from_os()));
        return ExitCode::from(2);
    }
    match command {
        Command::Lookup {
            json,
            limit,
            lang,
            query,
        } => {
            // The data folder is not needed: lookup works without one and never creates it.
            let lang = lang
                .as_deref()
                .and_then(Lang::from_code)
                .unwrap_or_else(Lang::from_os);
            lookup(cli, &query.join(" "), *limit, lang, *json)
        }
        Command::Check => with_paths(cli, |paths| check(&paths)),
        Command::Close { wait } => with_paths(cli, |paths| {
            window::close(&paths, std::time::Duration::from_secs(*wait))
        }),
        Command::Backup { to } => with_paths(cli, |paths| {
            // Nothing to back up, and nothing to create: a mistyped folder must not leave a
            // "backup" of an empty database on the stick.
            let there = match paths.is_there(&paths.db()) {
                Ok(there) => there,
                Err(e) => return open_failed(&e),
            };
            if !there {
                // Lost, not new, when its backups are there: said as such (restore one).
                return match crate::store::newest_verified_backup(&paths.backups()) {
                    Some(backup) => open_failed(&OpenError::Lost {
                        path: paths.db(),
                        backup: backup.path,
                    }),
                    None => no_data_yet(&paths),
                };
            }
            match open_writing(&paths, || Store::open(paths.clone())) {
                Ok(mut store) => backup(&mut store, to),
                // Data that cannot be written can still be copied off: the rescue.
                Err(e) if e.is_unwritable() => backup_read_only(&paths, to),
                Err(e) => open_failed(&e),
            }
        }),
        Command::Today { json, date } => with_paths(cli, |paths| today::run(&paths, *date, *json)),
        Command::Insights { json, scope } => {
            let args = insights::InsightsArgs { json: *json, scope };
            with_paths(cli, |paths| {
                with_read_store(paths, |store| insights::run(store, &args))
            })
        }
        Command::Restore { file, yes } => with_paths(cli, |paths| {
            // The file is checked before anything in the data folder is touched: a bad one
            // changes nothing, not even damaged data is set aside for it. (The data file itself
            // first: while the window holds it, reading it would fail for that reason.)
            if paths.is_data_file(file) {
                let lang = Lang::from_os();
                let said = crate::store::VerifyError::IsTheData.message(lang);
                return restore_refused(file, &said);
            }
            if let Err(e) = crate::store::verify_file(file) {
                return restore_refused(file, &e.message(Lang::from_os()));
            }
            match open_writing(&paths, || Store::open_to_restore(paths.clone())) {
                Ok((mut store, set_aside)) => {
                    // What the file holds beside what it replaces, and, typed at a terminal,
                    // the question the window asks too.
                    // (Damaged data already set aside: restoring is the way back, not asked.)
                    let ask = !*yes && set_aside.is_none();
                    let Some(described) = restore_agreed(&store, file, !ask) else {
                        eprintln!("poscare: {}", Lang::from_os().t(T::CliRestoreNotAgreed));
                        return ExitCode::FAILURE;
                    };
                    restore(&mut store, file, set_aside.as_ref(), described.as_ref())
                }
                Err(e) => open_failed(&e),
            }
        }),
        Command::Export {
            file,
            force,
            html,
            scope,
            lang,
        } => {
            let args = export::ExportArgs {
                file,
                force: *force,
                html: *html,
                scope,
                lang: lang.as_deref().and_then(Lang::from_code),
            };
            with_paths(cli, |paths| {
                // (A log damaged inside: nothing is written that would look like the whole
                // history; the window keeps the log for a technician and opens what it can.)
                if crate::store::log_damaged_inside(&paths.db()) {
                    let lang = Lang::from_os();
                    let path = paths.db().display().to_string();
                    eprintln!(
                        "poscare: {}",
                        lang.fill(T::CliLogDamagedExport, &[("path", &path)])
                    );
                    return ExitCode::FAILURE;
                }
                with_read_store(paths.clone(), |store| match store {
                    Some(store) => export::run(store, &args),
                    None => no_data_yet(&paths),
                })
            })
        }
    }
}

/// "No data yet in …": exit 1.
fn no_data_yet(paths: &DataPaths) -> ExitCode {
    eprintln!(
        "poscare: {}",
        Lang::from_os().fill(
            T::CliNoDataYet,
            &[("path", &paths.dir.display().to_string())]
        )
    );
    ExitCode::FAILURE
}

/// Resolves the data folder and runs `f` on it; a usage error (exit 2) when there is none.
fn with_paths(cli: &Cli, f: impl FnOnce(DataPaths) -> ExitCode) -> ExitCode {
    match cli.data_paths() {
        Ok(paths) => f(paths),
        Err(e) => {
            eprintln!("poscare: {e}");
            ExitCode::from(2)
        }
    }
}

/// Opens the data folder for a command that writes. Held with no window listening, it is held
/// by another command (a backup, a restore): its turn is waited for, as a reading command does,
/// and it is named as such, never as "the open window".
fn open_writing<S>(
    paths: &DataPaths,
    open: impl Fn() -> Result<S, OpenError>,
) -> Result<S, OpenError> {
    match open() {
        Err(OpenError::AlreadyOpen { .. })
            if !crate::ui::instance::window_listening(&paths.dir) =>
        {
            window::after_other_command(open)
        }
        other => other,
    }
}

/// Opens the data folder for a command that reads (changing nothing in it) and runs `f` on it;
/// `None` when there is no data yet. While the window holds the folder, `f` reads a copy the
/// window writes for it.
fn with_read_store(paths: DataPaths, f: impl FnOnce(Option<&ReadStore>) -> ExitCode) -> ExitCode {
    match window::read_store(&paths) {
        // A log damaged inside: what was shown leaves out the changes after the damage (said
        // on stderr), so the command does not succeed (a tester's script kept a history cut
        // short, exit 0).
        Ok(reading) => match f(reading.store.as_ref()) {
            ExitCode::SUCCESS if reading.log_damaged => ExitCode::FAILURE,
            code => code,
        },
        Err(e) => open_failed(&e),
    }
}

/// Names, on stderr, the records a reading command left out because they break a rule (the rest
/// of the output stands; see `store::RowProblem`).
pub(crate) fn report_row_problems(store: &crate::store::Records) {
    for said in crate::store::problems_said(&store.row_problems(), Lang::from_os()) {
        eprintln!("poscare: {said}");
    }
}

/// Says why the data folder could not be opened. Exit code 2 for a usage problem (not a folder,
/// in use by the window), 1 for the data's state (damaged, missing, newer, not checkable).
fn open_failed(e: &OpenError) -> ExitCode {
    let lang = Lang::from_os();
    eprintln!("poscare: {}", e.message(lang));
    if let OpenError::AlreadyOpen { .. } = e {
        eprintln!("poscare: {}", lang.t(T::CliBusyHint));
    }
    match e {
        OpenError::NotAFolder { .. }
        | OpenError::AlreadyOpen { .. }
        | OpenError::HeldByCommand { .. }
        | OpenError::WindowGaveNoCopy { .. }
        | OpenError::NoFolder { .. } => ExitCode::from(2),
        _ => ExitCode::FAILURE,
    }
}

fn check(paths: &DataPaths) -> ExitCode {
    match window::check(paths) {
        Ok(found) => {
            let (text, ok) = check_text(paths, &found, Lang::from_os());
            let code = print_out(&text);
            if ok { code } else { ExitCode::FAILURE }
        }
        Err(e) => open_failed(&e),
    }
}

/// What `check` prints for a verdict, and whether it is OK (exit code 0).
pub fn check_text(paths: &DataPaths, found: &FolderCheck, lang: Lang) -> (String, bool) {
    let db = paths.db().display().to_string();
    let hint = found.backup.as_ref().map(|b| {
        lang.fill(
            T::CheckBackupHint,
            &[
                ("when", &crate::ui::widgets::show_time(b.taken)),
                ("path", &b.path.display().to_string()),
            ],
        )
    });
    let (mut text, ok) = match (&found.verdict, &found.backup) {
        // The blank data started after a loss that is not yet repaired: never "OK".
        (Verdict::Sound { .. }, _) if found.pending.is_some() => (
            lang.fill(
                T::OpenRecoveryPending,
                &[
                    ("path", &db),
                    (
                        "what",
                        &found
                            .pending
                            .as_ref()
                            .map(|r| r.words(lang))
                            .unwrap_or_default(),
                    ),
                ],
            ),
            false,
        ),
        (Verdict::Sound { version }, _) if *version < crate::store::CURRENT_VERSION => (
            lang.fill(
                T::CheckOlder,
                &[
                    ("path", &db),
                    ("found", &version.to_string()),
                    ("supported", &crate::store::CURRENT_VERSION.to_string()),
                ],
            ),
            true,
        ),
        (Verdict::Sound { .. }, _) if found.log_damaged => {
            (lang.fill(T::CheckLogDamaged, &[("path", &db)]), false)
        }
        (Verdict::Sound { .. }, _) if found.edited.is_some() => {
            let part = found.edited.as_deref().unwrap_or_default();
            (
                lang.fill(T::CheckEdited, &[("path", &db), ("part", part)]),
                false,
            )
        }
        (Verdict::Sound { .. }, _) => (lang.fill(T::CheckOk, &[("path", &db)]), true),
        // A mistyped folder, or the portable copy's stick not plugged in: not "no data yet".
        (Verdict::Empty { missing: true }, None) if !paths.dir.is_dir() => (
            lang.fill(
                T::CheckNoFolder,
                &[("path", &paths.dir.display().to_string())],
            ),
            false,
        ),
        (Verdict::Empty { .. }, Some(backup)) => (
            lang.fill(
                T::CheckLost,
                &[
                    ("when", &crate::ui::widgets::show_time(backup.taken)),
                    ("path", &db),
                ],
            ),
            false,
        ),
        (Verdict::Empty { missing: true }, None) => (
            lang.fill(
                T::CheckNoData,
                &[("path", &paths.dir.display().to_string())],
            ),
            true,
        ),
        (Verdict::Empty { missing: false }, None) => {
            (lang.fill(T::CheckEmpty, &[("path", &db)]), true)
        }
        (Verdict::Newer(found), _) => (
            lang.fill(
                T::CheckNewer,
                &[
                    ("found", &found.to_string()),
                    ("supported", &crate::store::CURRENT_VERSION.to_string()),
                    ("path", &db),
                ],
            ),
            false,
        ),
        (Verdict::Foreign, _) => (lang.fill(T::CheckForeign, &[("path", &db)]), false),
        (Verdict::Damaged(detail), _) => (
            lang.fill(T::CheckDamaged, &[("path", &db), ("detail", detail)]),
            false,
        ),
        (Verdict::CouldNotCheck(why), _) => (
            lang.fill(
                T::CheckCouldNot,
                &[
                    ("why", &why.message(lang)),
                    ("later", why.later(lang)),
                    ("path", &db),
                ],
            ),
            false,
        ),
    };
    let offered = match &found.verdict {
        Verdict::Damaged(_) | Verdict::Foreign => {
            if let Some(hint) = hint {
                text.push('\n');
                text.push_str(&hint);
            }
            found.backup.as_ref()
        }
        Verdict::Empty { .. } if found.pending.is_none() => found.backup.as_ref(),
        _ => None,
    };
    // A backup offered that holds nothing (the first start's) is said to be so: restoring it
    // is starting empty.
    if offered
        .is_some_and(|b| crate::store::inspect_backup(&b.path).is_ok_and(|c| c.holds_nothing()))
    {
        text.push('\n');
        text.push_str(lang.t(T::RecoveredOfferEmpty));
    }
    if !found.broken.is_empty() {
        text.push('\n');
        text.push_str(&broken_text(&found.broken, lang));
    }
    text.push('\n');
    (text, ok)
}

/// The records that break a rule, in two groups: those that cannot be read (left out of the
/// lists) and those that name a record that is not there. The file is not damaged: still OK.
fn broken_text(broken: &[crate::store::RowProblem], lang: Lang) -> String {
    use crate::store::{BAD_VALUE, MISSING_PARENT};
    let (missing, unreadable): (Vec<_>, Vec<_>) = broken
        .iter()
        .cloned()
        .partition(|p| p.detail.starts_with(MISSING_PARENT) || p.detail.starts_with(BAD_VALUE));
    let mut groups = Vec::new();
    if !unreadable.is_empty() {
        let which = crate::store::describe_row_problems(&unreadable, lang);
        groups.push(lang.fill(T::CheckUnreadable, &[("which", &which)]));
    }
    if !missing.is_empty() {
        let which = crate::store::describe_row_problems(&missing, lang);
        groups.push(lang.fill(T::CheckDangling, &[("which", &which)]));
    }
    lang.fill(
        T::CheckBroken,
        &[
            ("n", &broken.len().to_string()),
            ("groups", &groups.join(lang.t(T::GroupSeparator))),
        ],
    )
}

/// Says on stderr that nothing was changed because `file` could not be restored from.
fn restore_refused(file: &Path, detail: &str) -> ExitCode {
    let said = Lang::from_os().fill(
        T::CliRestoreFailed,
        &[("file", &file.display().to_string()), ("detail", detail)],
    );
    eprintln!("poscare: {said}");
    ExitCode::FAILURE
}

/// Restores `file`; `set_aside` is the data file that was moved aside just before, damaged or
/// another program's (said either way).
/// Says on stderr what the backup `file` holds and what the data holds now; at a terminal
/// (without `--yes`) asks whether to go on, and returns the answer. A script (no terminal) is
/// not asked: the data it replaces is backed up first either way. `None`: not agreed; else
/// what the file was said to hold, if it could be read (the restore holds the file to it).
fn restore_agreed(
    store: &Store,
    file: &Path,
    yes: bool,
) -> Option<Option<crate::store::BackupContents>> {
    use std::io::{BufRead, IsTerminal, Write};
    let lang = Lang::from_os();
    let described = crate::store::inspect_backup(file).ok();
    if let Some(backup) = &described {
        let (now, now_newest, warnings) = match store.contents() {
            Ok(now) => (
                now.counts_text(lang),
                now.newest_text(lang),
                backup.restore_warnings(&now, lang),
            ),
            Err(e) => (e.message(lang), String::new(), Vec::new()),
        };
        // (Into a folder with no data yet nothing is replaced, nor backed up first.)
        let empty = !store.holds_records().unwrap_or(true);
        eprintln!(
            "poscare: {}",
            lang.fill(
                if empty {
                    T::CliRestoreSummaryEmpty
                } else {
                    T::CliRestoreSummary
                },
                &[
                    ("file", &file.display().to_string()),
                    ("backup", &backup.counts_text(lang)),
                    ("newest", &backup.newest_text(lang)),
                    ("now", &now),
                    ("now_newest", &now_newest),
                ],
            )
        );
        for warning in warnings {
            eprintln!("poscare: {warning}");
        }
    }
    let stdin = std::io::stdin();
    if yes || !stdin.is_terminal() {
        return Some(described);
    }
    eprint!("{} ", lang.t(T::CliRestoreAsk));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if stdin.lock().read_line(&mut answer).is_err() {
        return None;
    }
    matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "是" | "好"
    )
    .then_some(described)
}

fn restore(
    store: &mut Store,
    file: &Path,
    set_aside: Option<&crate::store::SetAside>,
    described: Option<&crate::store::BackupContents>,
) -> ExitCode {
    let lang = Lang::from_os();
    if let Some(moved) = set_aside {
        let said = lang.fill(
            if moved.foreign {
                T::CliRestoreSetAsideForeign
            } else {
                T::CliRestoreSetAside
            },
            &[("path", &moved.path.display().to_string())],
        );
        eprintln!("poscare: {said}");
    }
    match store.restore_from(file, described) {
        // With the copy of the data it replaced, if there were records to keep (not on a new PC,
        // nor after the data was lost).
        Ok(before) => {
            // A loss the window would offer to repair is dealt with: the restored data must not
            // offer it again.
            let _ = store.recovery_dealt_with();
            let said = lang.fill(
                if before.is_some() {
                    T::CliRestored
                } else {
                    T::CliRestoredNothingReplaced
                },
                &[
                    ("file", &file.display().to_string()),
                    ("backups", &store.paths().backups().display().to_string()),
                ],
            );
            print_out(&format!("{said}\n"))
        }
        Err(e) if set_aside.is_some() => {
            // (With damaged data set aside, the window offers the newest backup at its start.)
            let said = lang.fill(
                T::CliRestoreFailedAfterSetAside,
                &[
                    ("file", &file.display().to_string()),
                    ("detail", &e.restore_message(lang)),
                ],
            );
            eprintln!("poscare: {said}");
            ExitCode::FAILURE
        }
        Err(e) => restore_refused(file, &e.restore_message(lang)),
    }
}

/// Writes a verified backup into `to` and, as in the window, records it in the data (the date
/// of the last outside backup, its log line, the planner's open backup tasks done).
fn backup(store: &mut Store, to: &Path) -> ExitCode {
    let by = BackupBy {
        at: chrono::Local::now().naive_local(),
        done_by: None,
        lang: store.language(),
    };
    let said = backup_said(&store.back_up_outside(to, &by), by.at, Lang::from_os());
    eprint!("{}", said.err);
    if !said.out.is_empty() {
        let printed = print_out(&said.out);
        if printed != ExitCode::SUCCESS {
            return printed;
        }
    }
    ExitCode::from(said.code)
}

/// `backup --to` from data that cannot be written (a write-protected USB stick): a verified
/// copy, recorded nowhere, which is said (exit 1, as for any backup not recorded).
fn backup_read_only(paths: &DataPaths, to: &Path) -> ExitCode {
    let lang = Lang::from_os();
    // (Read from a private copy when the folder holds a log it cannot write beside.)
    let reading = match window::read_store(paths) {
        Ok(reading) => reading,
        Err(e) => return open_failed(&e),
    };
    let Some(store) = &reading.store else {
        return no_data_yet(paths);
    };
    let now = chrono::Local::now().naive_local();
    match store.back_up_read_only(to, now) {
        Ok(path) => {
            eprintln!("poscare: {}", lang.t(T::BackupNotRecordedReadOnly));
            let printed = print_out(&format!("{}\n", path.display()));
            if printed != ExitCode::SUCCESS {
                return printed;
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            let said = backup_said(&Err(e), now, lang);
            eprint!("{}", said.err);
            ExitCode::from(said.code)
        }
    }
}

/// Today as a reading command takes it: the clock's, unless the data says the clock cannot be
/// trusted, when it is said on stderr (as `backup` says it) and the last trustworthy day is
/// used, as the window does.
pub(crate) fn trusted_today(store: &ReadStore) -> chrono::NaiveDate {
    let now = chrono::Local::now().naive_local();
    let Ok(judgement) = store.judge_clock(store.paths(), now) else {
        return now.date();
    };
    let day = judgement.trusted_now(now).date();
    if let Some(message) = judgement.message(now, Lang::from_os()) {
        // (Which day it goes by, and where the date is confirmed: the agenda of another day
        // came without a word.)
        let lang = Lang::from_os();
        let used = lang.fill(
            T::CliClockDayUsed,
            &[("day", &day.format("%Y-%m-%d").to_string())],
        );
        eprintln!("poscare: {message} {used}");
    }
    day
}

/// What a command prints on stdout and stderr, and its exit code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    /// For stdout.
    pub out: String,
    /// For stderr.
    pub err: String,
    /// The exit code.
    pub code: u8,
}

/// What `backup --to` says about a backup to an outside folder: the file's path (exit 0) when
/// it was written and recorded; when the copy was written but could not be recorded in the
/// data, that it was not recorded (exit 1: the reminder and the plan do not know of it); when
/// it failed, why (exit 1).
pub fn backup_said(
    result: &Result<OutsideBackup, BackupError>,
    at: chrono::NaiveDateTime,
    lang: Lang,
) -> Said {
    let line = |text: String| format!("poscare: {text}\n");
    match result {
        Ok(backup) => {
            let path = backup.path.display().to_string();
            if let Some(clock) = backup.unrecorded {
                // The copy is good; nothing was recorded, and the merchant must know why.
                let why = clock.message(at, lang).map(line).unwrap_or_default();
                return Said {
                    out: format!("{path}\n"),
                    err: why + &line(lang.t(T::BackupNotRecordedClock).to_owned()),
                    code: 1,
                };
            }
            let path = backup.path.display().to_string();
            match &backup.recorded {
                Ok(n) => Said {
                    out: format!("{path}\n"),
                    err: match n {
                        0 => String::new(),
                        n => line(lang.fill(T::BackupTasksDone, &[("n", &n.to_string())])),
                    },
                    code: 0,
                },
                Err(e) => Said {
                    out: String::new(),
                    err: line(lang.fill(
                        T::BackupNotRecorded,
                        &[
                            ("path", &path),
                            ("detail", Lang::bracketed(&e.message(lang))),
                        ],
                    )),
                    code: 1,
                },
            }
        }
        Err(e) => Said {
            out: String::new(),
            err: line(lang.fill(T::BackupFailed, &[("detail", &e.message(lang))])),
            code: 1,
        },
    }
}

/// The merchant's own entries, searched beside the built-in ones. Reads the data folder only if
/// it already holds a database, changing nothing in it (`lookup` never creates one). When the
/// folder cannot be read (the window has it open, or it needs recovering) the built-in entries
/// alone are searched, stderr says why, and the second value is the exit code to end with.
fn own_entries(cli: &Cli) -> (Vec<Entry>, ExitCode) {
    let Ok(paths) = cli.data_paths() else {
        return (Vec::new(), ExitCode::SUCCESS);
    };
    // No data folder (yet): the built-in entries, and nothing to say.
    if !paths.dir.exists() {
        return (Vec::new(), ExitCode::SUCCESS);
    }
    match window::read_store(&paths) {
        Ok(window::Reading {
            store: Some(store), ..
        }) => (
            store
                .own_entries()
                .map(|own| own.iter().map(|(id, d)| d.to_entry(*id)).collect())
                .unwrap_or_default(),
            ExitCode::SUCCESS,
        ),
        Ok(_) => (Vec::new(), ExitCode::SUCCESS),
        Err(e) => {
            let lang = Lang::from_os();
            eprintln!(
                "poscare: {}",
                lang.fill(T::CliOwnEntriesSkipped, &[("why", &e.message(lang))])
            );
            let code = if e.needs_recovery() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
            (Vec::new(), code)
        }
    }
}

/// One result of `lookup --json`.
#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    codes: &'a [String],
    title: &'a str,
    category: &'static str,
    confidence: &'static str,
    retry: &'static str,
    score: f64,
    matched_by: &'static str,
}

/// The whole output of `lookup --json`.
#[derive(Serialize)]
struct JsonLookup<'a> {
    query: &'a str,
    results: Vec<JsonHit<'a>>,
    /// A code written as one that no entry has.
    #[serde(skip_serializing_if = "Option::is_none")]
    unknown_code: Option<&'a str>,
    /// The words of the query that say the money may already have moved.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    money_words: &'a [String],
    /// A code whose usual meaning the words beside it contradict.
    #[serde(skip_serializing_if = "Option::is_none")]
    overruled_code: Option<JsonCode<'a>>,
}

/// A code and the entry it usually means.
#[derive(Serialize)]
struct JsonCode<'a> {
    code: &'a str,
    usual: &'a str,
}

fn lookup(cli: &Cli, query: &str, limit: usize, lang: Lang, json: bool) -> ExitCode {
    let (own, code) = own_entries(cli);
    let index = knowledge::index_with(own);
    let found = index.lookup(query, limit);
    let out = if json {
        lookup_json(&index, query, &found, lang)
    } else {
        lookup_text(&index, &found, lang)
    };
    let printed = print_out(&out);
    if printed == ExitCode::SUCCESS {
        code
    } else {
        printed
    }
}

fn lookup_json(index: &Index, query: &str, found: &Lookup, lang: Lang) -> String {
    let results = found
        .hits
        .iter()
        .map(|h| {
            let e = &index.entries()[h.entry];
            JsonHit {
                id: &e.id,
                codes: &e.codes,
                title: &e.text(lang).title,
                category: e.category.code(),
                confidence: e.confidence.code(),
                retry: e.retry.code(),
                score: h.shown_score(),
                matched_by: h.matched_by.code(),
            }
        })
        .collect();
    let doc = JsonLookup {
        query,
        results,
        unknown_code: found.unknown_code.as_deref(),
        money_words: &found.money_words,
        overruled_code: found.overruled_code.as_ref().map(|(code, e)| JsonCode {
            code,
            usual: &index.entries()[*e].id,
        }),
    };
    let mut out = serde_json::to_string(&doc).expect("lookup JSON serialises");
    out.push('\n');
    out
}

/// The text output: what was found (or that nothing was, or which code is unknown), then each
/// result with its kind, fault, retry advice and every step, labelled from the string table.
fn lookup_text(index: &Index, found: &Lookup, lang: Lang) -> String {
    let mut out = String::new();
    let hits = &found.hits;
    if let Some(code) = &found.unknown_code {
        let key = if hits.is_empty() {
            T::LookupUnknownCode
        } else {
            T::LookupUnknownCodeText
        };
        out.push_str(&lang.fill(key, &[("code", code)]));
        out.push('\n');
    }
    if !found.money_words.is_empty() {
        let words = found.money_words.join(lang.t(T::ListSeparator));
        out.push_str(&format!(
            "!! {}\n",
            lang.fill(T::LookupMoneyWords, &[("words", &words)])
        ));
    }
    if let Some((code, e)) = &found.overruled_code {
        let title = &index.entries()[*e].text(lang).title;
        out.push_str(&lang.fill(T::LookupCodeOverruled, &[("code", code), ("title", title)]));
        out.push('\n');
    }
    let Some(best) = hits.first() else {
        if found.unknown_code.is_none() {
            out.push_str(lang.t(T::CliNoMatch));
            out.push('\n');
        }
        // (The unknown-code message says so already.)
        if found.money_words.is_empty() && found.unknown_code.is_none() {
            // (No step follows: it says what to do itself.)
            out.push_str(lang.t(T::LookupCheckLastAlone));
            out.push('\n');
        }
        return out;
    };
    if !best.is_confident() {
        out.push_str(lang.t(T::CliNearest));
        out.push('\n');
    }
    for (n, h) in hits.iter().enumerate() {
        let e = &index.entries()[h.entry];
        let text = e.text(lang);
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!("{}. [{}] {}", n + 1, e.id, text.title));
        if !e.codes.is_empty() {
            out.push_str(&format!("  ({})", e.codes.join(", ")));
        }
        out.push('\n');
        // A label and its value: Chinese labels end in "：" and need no space after it.
        let labelled = |label: &str, value: &str| {
            let gap = if label.ends_with('：') { "" } else { " " };
            format!("{label}{gap}{value}")
        };
        let mut lines = vec![
            format!("   {}", lang.t(e.category.label())),
            format!(
                "   {}",
                labelled(lang.t(T::DetailFault), lang.t(e.fault_label()))
            ),
        ];
        // "!! " takes the indent's place, so the warning stands out at the start of its line.
        let mark = if e.retry.guards_against_charging_twice() {
            "!! "
        } else {
            "   "
        };
        lines.push(format!(
            "{mark}{}",
            labelled(lang.t(T::DetailRetry), lang.t(e.retry_label()))
        ));
        if e.confidence == Confidence::Unconfirmed {
            lines.push(format!("   {}", lang.t(T::Unconfirmed)));
        }
        let colon = if lang == Lang::Zh { "：" } else { ":" };
        lines.push(format!("   {}{colon}", lang.t(T::DetailSteps)));
        for (i, step) in text.steps.iter().enumerate() {
            lines.push(format!("   {}) {step}", i + 1));
        }
        let source = knowledge::sources::line(e, lang);
        if !source.is_empty() {
            lines.push(format!(
                "   {}",
                lang.fill(T::DetailSource, &[("sources", &source)])
            ));
        }
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

/// Writes `out` to stdout; a closed pipe (`poscare lookup 51 | head -1`) is not an error.
pub(crate) fn print_out(out: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "poscare: {}",
                Lang::from_os().fill(T::CliCannotPrint, &[("detail", &e.to_string())])
            );
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Unchecked;

    fn said(verdict: Verdict) -> (String, bool) {
        let shop = tempfile::tempdir().unwrap();
        said_in(&shop.path().join("data"), verdict, true)
    }

    fn said_in(dir: &Path, verdict: Verdict, exists: bool) -> (String, bool) {
        if exists {
            std::fs::create_dir_all(dir).unwrap();
        }
        let found = FolderCheck {
            verdict,
            backup: None,
            pending: None,
            broken: Vec::new(),
            log_damaged: false,
            edited: None,
        };
        check_text(&DataPaths::new(dir), &found, Lang::En)
    }

    #[test]
    fn check_says_what_each_state_is_and_only_that() {
        let (text, ok) = said(Verdict::CouldNotCheck(Unchecked::DiskFull));
        assert!(
            !ok && text.starts_with("COULD NOT CHECK: the disk is full"),
            "{text}"
        );
        assert!(!text.contains("DAMAGED"), "{text}");
        let (text, ok) = said(Verdict::CouldNotCheck(Unchecked::Io(
            crate::files::Cause::said("read error"),
        )));
        assert!(
            !ok && text.contains("COULD NOT CHECK") && text.contains("read error"),
            "{text}"
        );
        let (text, ok) = said(Verdict::Newer(9));
        assert!(!ok && text.starts_with("NEWER VERSION"), "{text}");
        let (text, ok) = said(Verdict::Empty { missing: false });
        assert!(
            ok && text.starts_with("OK: the data file is empty"),
            "{text}"
        );
        let (text, ok) = said(Verdict::Empty { missing: true });
        assert!(ok && text.starts_with("OK: no data yet"), "{text}");
        let (text, ok) = said(Verdict::Damaged("page 3: bad".into()));
        assert!(
            !ok && text.starts_with("DAMAGED") && text.contains("page 3: bad"),
            "{text}"
        );
        let (text, ok) = said(Verdict::Foreign);
        assert!(!ok && text.starts_with("NOT POS CARE DATA"), "{text}");
        let (text, ok) = said(Verdict::Sound {
            version: crate::store::CURRENT_VERSION,
        });
        assert!(
            ok && text.starts_with("OK: ") && !text.contains("older"),
            "{text}"
        );
        let (text, ok) = said(Verdict::Sound { version: 5 });
        assert!(ok && text.starts_with("OK: "), "{text}");
        assert!(text.contains("data version 5") && text.contains("Open the POS Care window once"));
    }

    #[test]
    fn check_tells_a_folder_that_is_not_there_from_one_with_no_data_yet() {
        let shop = tempfile::tempdir().unwrap();
        let missing = shop.path().join("nothere");
        let (text, ok) = said_in(&missing, Verdict::Empty { missing: true }, false);
        assert!(!ok && text.starts_with("NO SUCH DATA FOLDER"), "{text}");
        assert!(!missing.exists(), "check made nothing");
    }

    #[test]
    fn a_lasting_cause_is_said_plainly_without_try_again_later() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let cause = crate::files::Cause::of(&denied);
        let (text, ok) = said(Verdict::CouldNotCheck(Unchecked::Io(cause)));
        assert!(!ok && text.contains("no permission"), "{text}");
        assert!(
            !text.contains("try again later") && !text.contains("os error"),
            "{text}"
        );
        let (text, _) = said(Verdict::CouldNotCheck(Unchecked::Busy));
        assert!(text.contains("try again later"), "{text}");
    }
}
