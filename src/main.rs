//! The `poscare` binary: a command, or the window.

// Release builds on Windows open no console window; command-line use re-attaches below.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;
use std::time::Instant;

use poscare::cli;

fn main() -> ExitCode {
    let started = Instant::now();
    attach_console();
    let cli = cli::parse();
    match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => poscare::ui::run_window(&cli.window_start(), started),
    }
}

/// On Windows release builds (no console of their own), print to the console the app was started
/// from, if any, so `poscare check` and friends show their output. Output already sent somewhere
/// (a file, a pipe: `poscare today > today.txt`, or `poscare.com`, the console launcher, which
/// passes its own) stays where it was sent.
///
/// Typed at a cmd or PowerShell prompt, this program (a window program to Windows) does not keep
/// the prompt waiting, so its output can come after the prompt and its exit code is lost: the
/// console launcher `poscare.com` beside it (src/bin/poscare-console.rs) waits and keeps both.
#[cfg(all(windows, not(debug_assertions)))]
#[allow(unsafe_code)]
fn attach_console() {
    use windows_sys::Win32::Storage::FileSystem::{FILE_TYPE_DISK, FILE_TYPE_PIPE, GetFileType};
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    // SAFETY: plain Win32 calls; the handle is only asked for its type, and failure (no parent
    // console) is fine.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        let kind = if out.is_null() { 0 } else { GetFileType(out) };
        if kind != FILE_TYPE_DISK && kind != FILE_TYPE_PIPE {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

#[cfg(not(all(windows, not(debug_assertions))))]
fn attach_console() {}
