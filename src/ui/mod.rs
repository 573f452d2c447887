//! The window: an eframe app with one file per screen.

pub mod app;
pub mod backups;
pub mod devices;
pub mod emergency;
pub mod history;
pub mod jobs;
pub mod lookup;
pub mod notice;
pub mod plan;
pub mod planner;
pub mod settings;
pub mod staff;
#[cfg(feature = "testing")]
pub mod testing;
pub mod theme;
pub mod today;
pub mod view;
pub mod widgets;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::cli::Cli;
use crate::store::Store;
use app::{App, Boot, StartOptions};

/// The process's memory on Linux ("memory: N MiB resident, peak M MiB"), for the start-up
/// measurements; `None` elsewhere.
pub fn memory_report() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some(format!(
        "memory: {} MiB resident, peak {} MiB",
        field("VmRSS:")? / 1024,
        field("VmHWM:")? / 1024
    ))
}

/// Opens the data folder the command line chose.
pub fn boot(cli: &Cli) -> Boot {
    match cli.data_paths() {
        Ok(paths) => Boot {
            data_dir: paths.dir.clone(),
            opened: Store::open_window(paths, crate::store::Verify::Deferred),
        },
        Err(e) => Boot {
            data_dir: std::path::PathBuf::new(),
            opened: Err(crate::store::OpenError::NoFolder {
                path: Default::default(),
                detail: e,
            }),
        },
    }
}

/// Opens the window and runs until it closes. Exits non-zero when the app could not start
/// (for example, a second copy on the same data folder), after showing why.
pub fn run_window(cli: &Cli, started: Instant) -> ExitCode {
    let failed = Arc::new(AtomicBool::new(false));
    let start = StartOptions {
        started,
        exit_after_first_frame: cli.exit_after_first_frame,
        test_fonts: false,
        failed: Arc::clone(&failed),
        today: None,
    };
    let mut result = run_with(cli, start.clone(), eframe::Renderer::Wgpu);
    if let Err(e) = &result {
        // No usable wgpu adapter (old graphics driver, VM, remote desktop): try OpenGL.
        eprintln!("poscare: the wgpu renderer failed ({e}); trying OpenGL");
        result = run_with(cli, start, eframe::Renderer::Glow);
    }
    match result {
        Err(e) => {
            eprintln!("poscare: cannot open the window: {e}");
            ExitCode::from(3)
        }
        Ok(()) if failed.load(Ordering::SeqCst) => ExitCode::from(2),
        Ok(()) => ExitCode::SUCCESS,
    }
}

fn run_with(cli: &Cli, start: StartOptions, renderer: eframe::Renderer) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("商户 POS 维护助手 · POS Care")
            .with_app_id("poscare")
            .with_inner_size([1180.0, 760.0])
            .with_min_inner_size([860.0, 560.0]),
        renderer,
        // We install the system-font fallback ourselves, with the locale pinned (see theme.rs).
        system_font_fallback: false,
        ..Default::default()
    };
    let on_error = start.failed.clone();
    let result = eframe::run_native(
        "PosCare",
        options,
        Box::new(move |cc| {
            let timing = std::env::var_os("POSCARE_TIMING").is_some();
            let t0 = Instant::now();
            let boot = boot(cli);
            let t1 = Instant::now();
            let started = start.started;
            let app = App::new(cc, boot, start);
            if timing {
                eprintln!(
                    "start-up: window {} ms, open data {} ms, build app {} ms",
                    (t0 - started).as_millis(),
                    (t1 - t0).as_millis(),
                    t1.elapsed().as_millis()
                );
            }
            Ok(Box::new(app))
        }),
    );
    if result.is_err() {
        on_error.store(false, Ordering::SeqCst);
    }
    result
}
