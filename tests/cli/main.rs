//! The command line, run as the real binary: one test program for every command, so that the
//! window's libraries are linked once for all of them.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod data_safety;
mod data_safety_ii;
mod export;
mod insights;
mod lookup;
mod open_window;
mod today;
mod window;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The program under test: cargo's build of `poscare`, or another build named by `POSCARE_BIN`
/// (to show that a test fails on an older program).
fn bin() -> PathBuf {
    std::env::var_os("POSCARE_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_poscare")))
}

/// `poscare ARGS`, with no data folder taken from the test's own environment.
fn command(args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args).env_remove("POSCARE_DATA_DIR");
    c
}

/// Runs the program of `command` and waits for it. Starting it is tried again (up to three
/// times) when the system could not start the process at all (Wine under load has answered
/// "Internal error" to CreateProcess): that is the test machine's trouble, not the program's.
/// What the program does once started is never retried.
fn run(command: &mut Command) -> Output {
    let mut tries = 0;
    loop {
        match command.output() {
            Ok(out) => return out,
            Err(e) if tries < 3 => {
                tries += 1;
                eprintln!("could not start poscare ({e}); trying again");
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
            Err(e) => panic!("run poscare: {e}"),
        }
    }
}

/// Runs `poscare ARGS`.
fn poscare(args: &[&str]) -> Output {
    run(&mut command(args))
}

/// `poscare --data-dir DIR ARGS` in the language `lang` names (`LANG`: Unix only; Windows
/// takes the system's).
fn command_in_language(dir: &Path, lang: &str, args: &[&str]) -> Command {
    let mut c = command(&[]);
    c.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// Runs `poscare --data-dir DIR ARGS` in English.
fn poscare_en(dir: &Path, args: &[&str]) -> Output {
    run(&mut command_in_language(dir, "en_US.UTF-8", args))
}

/// Runs `poscare --data-dir DIR ARGS`.
fn poscare_in(dir: &Path, args: &[&str]) -> Output {
    run(command(&[]).arg("--data-dir").arg(dir).args(args))
}
