//! The command line: arguments, and the commands that run without a window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;
use crate::store::{
    BackupKind, CheckReport, DATA_DIR_ENV, DataPaths, OpenReport, Store, check_folder,
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
    let paths = match cli.data_paths() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("poscare: {e}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Check => check(&paths),
        Command::Backup { to } => with_store(paths, |store| backup(store, to)),
    }
}

/// Opens the data folder's store (reporting what opening did) and runs `f` on it.
fn with_store(paths: DataPaths, f: impl FnOnce(&Store) -> ExitCode) -> ExitCode {
    match Store::open(paths) {
        Ok((store, report)) => {
            report_open(&report);
            f(&store)
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

fn backup(store: &Store, to: &Path) -> ExitCode {
    match store.write_backup(to, BackupKind::Manual) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("poscare: backup failed: {e}");
            ExitCode::FAILURE
        }
    }
}
