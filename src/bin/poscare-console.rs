//! `poscare.com`, the console launcher shipped beside `poscare.exe` on Windows (scripts/dist.sh
//! copies this program under that name).
//!
//! `poscare.exe` is a window program to Windows (it opens no console window of its own), so a
//! cmd or PowerShell prompt does not wait for it: typed there, `poscare today` prints after the
//! prompt is back and its exit code is lost. This small console program runs `poscare.exe`
//! beside it with the same arguments and the same input and output, waits for it, and exits with
//! its exit code. Typed as `poscare …` in the program's folder (or with that folder on PATH),
//! Windows picks `poscare.com` before `poscare.exe`, so the prompt waits.

use std::process::{Command, ExitCode};

use poscare_core::i18n::{Lang, T};

fn main() -> ExitCode {
    let program = match std::env::current_exe() {
        Ok(me) => me.with_file_name(format!("poscare{}", std::env::consts::EXE_SUFFIX)),
        Err(e) => return failed("poscare", &e),
    };
    match Command::new(&program)
        .args(std::env::args_os().skip(1))
        .status()
    {
        // The whole exit code, as the program gave it.
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(e) => failed(&program.display().to_string(), &e),
    }
}

fn failed(program: &str, e: &std::io::Error) -> ExitCode {
    eprintln!(
        "poscare: {}",
        Lang::from_os().fill(
            T::CliConsoleLauncherFailed,
            &[("path", program), ("detail", &e.to_string())]
        )
    );
    ExitCode::from(3)
}
