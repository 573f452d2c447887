//! The command line: arguments, and the commands that run without a window (check, backup,
//! restore, today, lookup, export).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::RangedU64ValueParser;
use clap::{Parser, Subcommand};
use serde::Serialize;

mod export;
mod today;

use crate::i18n::{Lang, T};
use crate::knowledge::{self, Confidence, Entry, Index, Lookup};
use crate::store::{
    BackupKind, CheckReport, DATA_DIR_ENV, DataPaths, OpenReport, Store, check_folder, keys,
};

/// POS Care (商户 POS 维护助手): card-terminal prompt lookup, preventive maintenance and
/// records for small merchants. Without a command it opens the window.
#[derive(Debug, Parser)]
#[command(name = "poscare", version, about, long_about = None)]
pub struct Cli {
    /// Use this data folder instead of the default (for a portable copy or a test).
    #[arg(long, global = true, value_name = "DIR", env = DATA_DIR_ENV)]
    pub data_dir: Option<PathBuf>,

    /// Open the window, draw the first frame, print "first frame: N ms" on stderr and exit.
    #[arg(long)]
    pub exit_after_first_frame: bool,

    /// What to do; without a command the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the database for damage without changing it: prints OK or what is wrong (exit code 0, or 1 when damaged).
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
    },
    /// Print the day's agenda: overdue, due today and the next seven days, what was finished,
    /// and who needs training. Reads the data folder without changing it.
    Today {
        /// Print one JSON object on stdout instead of text.
        #[arg(long)]
        json: bool,
        /// The day to show (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        date: Option<chrono::NaiveDate>,
    },
    /// Export the history as CSV for Excel (UTF-8 with BOM), or with --html as a printable report
    /// of a date range (default: this month). Not while the window has the data folder open.
    Export {
        /// The file to write (replaced only once the new one is complete).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Write the printable HTML report instead of CSV.
        #[arg(long)]
        html: bool,
        /// Only entries from this day on.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: Option<chrono::NaiveDate>,
        /// Only entries up to this day.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: Option<chrono::NaiveDate>,
        /// Only one device, by its name as registered (or its number).
        #[arg(long, value_name = "NAME")]
        device: Option<String>,
        /// The language of the headings (default: the app's).
        #[arg(long, value_name = "LANG", value_parser = ["zh", "en"], ignore_case = true)]
        lang: Option<String>,
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
        /// The prompt or code as the terminal shows it; several words are joined by spaces.
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
    },
}

/// Parses `--date` as a real calendar date.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::device::parse_date(text)
        .ok_or_else(|| format!("{text:?} is not a date; write it as YYYY-MM-DD"))
}

impl Cli {
    /// The data folder these arguments choose (`--data-dir`, `POSCARE_DATA_DIR`, or the default).
    pub fn data_paths(&self) -> Result<DataPaths, String> {
        DataPaths::resolve(self.data_dir.as_deref()).ok_or_else(|| {
            "no home folder found; please choose a data folder with --data-dir".to_owned()
        })
    }
}

/// Runs a headless command, printing results on stdout and errors on stderr.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
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
        Command::Backup { to } => {
            with_paths(cli, |paths| with_store(paths, |store| backup(store, to)))
        }
        Command::Today { json, date } => with_paths(cli, |paths| today::run(&paths, *date, *json)),
        Command::Restore { file } => with_paths(cli, |paths| restore(paths, file)),
        Command::Export {
            file,
            html,
            from,
            to,
            device,
            lang,
        } => {
            let args = export::ExportArgs {
                file,
                html: *html,
                from: *from,
                to: *to,
                device: device.as_deref(),
                lang: lang.as_deref().and_then(Lang::from_code),
            };
            with_paths(cli, |paths| {
                if !paths.db().exists() {
                    eprintln!("poscare: no data yet in {}", paths.dir.display());
                    return ExitCode::FAILURE;
                }
                with_store(paths, |store| export::run(store, &args))
            })
        }
    }
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

/// The language the merchant chose in the window, or the system's.
fn app_lang(store: &Store) -> Lang {
    store
        .setting(keys::LANGUAGE)
        .ok()
        .flatten()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_else(Lang::from_os)
}

/// Opens the data folder's store (reporting what opening did) and runs `f` on it.
fn with_store(paths: DataPaths, f: impl FnOnce(&mut Store) -> ExitCode) -> ExitCode {
    match Store::open(paths) {
        Ok((mut store, report)) => {
            report_open(&report);
            f(&mut store)
        }
        Err(e) => {
            eprintln!("poscare: {}", e.message(Lang::En));
            ExitCode::from(2)
        }
    }
}

fn report_open(report: &OpenReport) {
    if let Some(moved) = &report.moved_aside {
        eprintln!(
            "poscare: the data file was damaged and has been moved, unchanged, to {}; a new empty one was started",
            moved.display()
        );
    }
    if let Some(from) = report.migrated_from {
        eprintln!("poscare: the data was upgraded from version {from} (a backup was taken first)");
    }
}

fn check(paths: &DataPaths) -> ExitCode {
    match check_folder(paths) {
        Ok(CheckReport::Empty) => {
            println!("OK: no data yet in {}", paths.dir.display());
            ExitCode::SUCCESS
        }
        Ok(CheckReport::Healthy) => {
            println!("OK: {}", paths.db().display());
            ExitCode::SUCCESS
        }
        Ok(CheckReport::Problems(problems)) => {
            println!("DAMAGED: {}", paths.db().display());
            for p in problems {
                println!("  {p}");
            }
            println!(
                "Start the app to move the damaged file aside and restore the newest good backup."
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("poscare: {}", e.message(Lang::En));
            ExitCode::from(2)
        }
    }
}

fn restore(paths: DataPaths, file: &Path) -> ExitCode {
    match Store::open(paths) {
        Ok((mut store, report)) => {
            report_open(&report);
            match store.restore_from(file) {
                Ok(()) => {
                    println!(
                        "restored from {}; the data it replaced was backed up into {}",
                        file.display(),
                        store.paths().backups().display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!(
                        "poscare: nothing was changed: {}: {}",
                        file.display(),
                        e.restore_message(Lang::En)
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("poscare: {}", e.message(Lang::En));
            ExitCode::from(2)
        }
    }
}

/// Writes a verified backup into `to` and, as in the window, records the planner's open backup
/// tasks as done. The backup itself is what matters: a failure to record the tasks is reported
/// but does not fail the command.
fn backup(store: &mut Store, to: &Path) -> ExitCode {
    match store.write_backup(to, BackupKind::Manual) {
        Ok(path) => {
            println!("{}", path.display());
            let note = crate::planner::reminder::backup_note(app_lang(store), &path);
            let at = chrono::Local::now().naive_local();
            match store.complete_backup_tasks(at, None, &note) {
                Ok(0) => {}
                Ok(n) => eprintln!("poscare: {n} backup task(s) in the plan marked done"),
                Err(e) => eprintln!("poscare: the backup task could not be marked done: {e}"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("poscare: backup failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The merchant's own entries, searched beside the built-in ones. Reads the data folder only if
/// it already holds a database (`lookup` never creates one); while the window has the folder
/// open, the built-in entries alone are searched and stderr says so.
fn own_entries(cli: &Cli) -> Vec<Entry> {
    let Ok(paths) = cli.data_paths() else {
        return Vec::new();
    };
    if !paths.db().exists() {
        return Vec::new();
    }
    match Store::open(paths) {
        Ok((store, _)) => store
            .own_entries()
            .map(|own| own.iter().map(|(id, d)| d.to_entry(*id)).collect())
            .unwrap_or_default(),
        Err(e) => {
            eprintln!(
                "poscare: your own entries are not searched: {}",
                e.message(Lang::En)
            );
            Vec::new()
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
}

fn lookup(cli: &Cli, query: &str, limit: usize, lang: Lang, json: bool) -> ExitCode {
    let index = knowledge::index_with(own_entries(cli));
    let found = index.lookup(query, limit);
    let out = if json {
        lookup_json(&index, query, &found, lang)
    } else {
        lookup_text(&index, &found, lang)
    };
    print_out(&out)
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
                score: (f64::from(h.score) * 100.0).round() / 100.0,
                matched_by: h.matched_by.code(),
            }
        })
        .collect();
    let doc = JsonLookup {
        query,
        results,
        unknown_code: found.unknown_code.as_deref(),
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
    let Some(best) = hits.first() else {
        if found.unknown_code.is_none() {
            out.push_str(lang.t(T::CliNoMatch));
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
                labelled(lang.t(T::DetailFault), lang.t(e.fault().label()))
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
fn print_out(out: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("poscare: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
