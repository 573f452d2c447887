//! The `poscare` binary: a command, or the window.

// Release builds on Windows open no console window; command-line use re-attaches below.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use poscare::cli::{self, Cli};

fn main() -> ExitCode {
    let started = Instant::now();
    attach_console();
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => poscare::ui::run_window(&cli.window_start(), started),
    }
}

/// On Windows release builds (no console of their own), print to the console the app was started
/// from, if any, so `poscare check` and friends show their output.
#[cfg(all(windows, not(debug_assertions)))]
#[allow(unsafe_code)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: plain Win32 call with a constant argument; failure (no parent console) is fine.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(all(windows, not(debug_assertions))))]
fn attach_console() {}
