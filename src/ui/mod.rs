//! The window: an eframe app with one file per screen.

pub mod app;
pub mod attention;
pub mod backup_line;
pub mod backups;
pub mod calendar;
pub mod command;
pub mod context;
pub mod devices;
pub mod dialogs;
pub mod emergency;
pub mod file_dialog;
pub mod history;
mod input_pacing;
pub mod insights;
pub mod instance;
pub mod jobs;
pub mod lookup;
pub mod panes;
pub mod phrase_wrap;
pub mod planner;
mod quit_event;
pub mod reach;
pub mod renderer;
pub mod room;
pub mod screens;
pub mod settings;
pub mod staff;
mod state_file;
#[cfg(feature = "testing")]
pub mod testing;
pub mod theme;
pub mod toast;
pub mod today;
pub mod widgets;
mod window_file;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::store::{DataPaths, OpenError, Store};
use app::{App, Boot, StartOptions};
use instance::{Listener, ShowRequests};
use renderer::RendererStart;

/// The process's memory on Linux ("memory: N MiB resident, peak M MiB"), for the start-up
/// measurements; `None` elsewhere (also under Wine, whose `/proc` is the Linux loader's).
pub fn memory_report() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
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

/// What the window is started with: its data folder and how to start.
#[derive(Clone, Debug)]
pub struct WindowStart {
    /// The data folder, or why there is none (no home folder, say).
    pub paths: Result<DataPaths, String>,
    /// When `paths` is refused, the folder that was named, if any (a USB stick not plugged in):
    /// the window says it and tries it again.
    pub wanted: Option<DataPaths>,
    /// The renderer asked for on the command line (`--renderer`), if any.
    pub renderer: Option<renderer::Renderer>,
    /// Print the first-frame time and close after the first frame (`--exit-after-first-frame`).
    pub exit_after_first_frame: bool,
}

/// Opens the data folder for the window.
fn boot(start: &WindowStart) -> Boot {
    match &start.paths {
        Ok(paths) => Boot {
            data_dir: paths.dir.clone(),
            opened: Store::open_window(paths.clone(), crate::store::Verify::Deferred),
        },
        // (Never an empty path: opened again, it was the working folder, and a window started
        // while the stick was out recorded the shop's day in whatever folder it started in.)
        Err(e) => {
            let dir = start
                .wanted
                .as_ref()
                .map(|p| p.dir.clone())
                .unwrap_or_default();
            Boot {
                data_dir: dir.clone(),
                opened: Err(crate::store::OpenError::NoFolder {
                    path: dir,
                    detail: crate::files::Cause::said(e.clone()),
                }),
            }
        }
    }
}

/// The file in the data folder where eframe keeps the window's size, position and maximised
/// state (written only by the window that holds the folder).
pub const WINDOW_FILE: &str = "window.ron";

/// How long a start waits for a data folder that another copy holds: that copy may be a window
/// still starting (it answers "show" a moment later) or a command finishing its work.
const BUSY_WAIT: Duration = Duration::from_secs(5);

/// Opens the window and runs until it closes. A window already open on the same data folder is
/// brought to the front instead, and this start exits quietly (code 0). Exits non-zero when the
/// app could not start (for example, a command holds the data folder), after showing why.
pub fn run_window(cli: &WindowStart, started: Instant) -> ExitCode {
    let timing = std::env::var_os("POSCARE_TIMING").is_some();
    let t0 = Instant::now();
    let Some(ready) = get_ready(cli) else {
        eprintln!(
            "poscare: {}",
            crate::i18n::Lang::from_os().t(crate::i18n::T::CliBroughtToFront)
        );
        return ExitCode::SUCCESS;
    };
    let open_ms = t0.elapsed().as_millis();
    let Ready {
        boot,
        // Lives as long as the window; dropping it removes the port file.
        listener: _listener,
        show,
        mut renderer,
        record,
    } = ready;
    let failed = Arc::new(AtomicBool::new(false));
    let listen_again = boot.opened.is_ok() && _listener.is_none();
    let mut start = StartOptions {
        started,
        exit_after_first_frame: cli.exit_after_first_frame,
        test_fonts: false,
        native_dialogs: true,
        native_reach: true,
        failed: Arc::clone(&failed),
        today: None,
        renderer: renderer.clone(),
        show,
        listen_again,
    };
    let mut slot = Some(boot);
    let mut result = run_with(cli, &mut slot, start.clone(), &record, timing, open_ms);
    if let Err(e) = &result {
        // An error, not an abort (no usable adapter: old graphics driver, VM, remote desktop):
        // the other renderer, at once.
        let tried = renderer.choice.renderer;
        eprintln!(
            "poscare: the {} renderer failed ({e}); trying {}",
            tried.name(),
            tried.other().name()
        );
        renderer.switch_after_error();
        start.renderer = renderer;
        result = run_with(cli, &mut slot, start, &record, timing, open_ms);
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

/// How long a start waits for a window left to look up prompts, started at the same moment on
/// the same folder, to say where it listens.
const LOOKUP_ONLY_WAIT: Duration = Duration::from_secs(5);

/// What a start has made ready before the window exists.
pub struct Ready {
    /// The data folder, opened (or why not).
    pub boot: Boot,
    /// Answers a second start while the window is open; dropping it removes the port file.
    /// `None` when the window does not hold its folder (or could not listen).
    pub listener: Option<Listener>,
    /// The "show the window" requests the listener hands on.
    pub show: Arc<ShowRequests>,
    /// The renderer to start with, marked as under way in `renderer.json`.
    pub renderer: RendererStart,
    /// The window record eframe is given (see `window_file::record_for_eframe`); `None`
    /// without a data folder.
    pub record: Option<PathBuf>,
}

/// Everything a start does before the window exists (public for the tests): asks a window open
/// on the folder to come to the front (`None` when one did), opens the folder, starts listening
/// for later starts, chooses the renderer and makes the window record safe for eframe and
/// corrected for the zoom. It reads every file the window keeps; none of them may hold it up.
pub fn get_ready(cli: &WindowStart) -> Option<Ready> {
    let boot = open_for_window(cli)?;
    let show = Arc::new(ShowRequests::default());
    let holds_folder = boot.opened.is_ok();
    quit_event::watch(Arc::clone(&show));
    // A window left to look up prompts (data it cannot open: too new, failed to upgrade,
    // damaged beyond repair, a read-only folder, a folder a command holds) holds nothing: it
    // says where it listens aside, or `poscare close` and the installer take it for closed
    // while it runs, and a second start opens a second window.
    // Of starts at the same moment, the first to take the lock is that window; the others
    // bring it to the front and end.
    let aside = match &boot.opened {
        Err(_) if !boot.data_dir.as_os_str().is_empty() => {
            match instance::aside_lock(&boot.data_dir) {
                instance::AsideLock::Held(lock) => Some(lock),
                instance::AsideLock::Elsewhere
                    if instance::show_lookup_only(&boot.data_dir, LOOKUP_ONLY_WAIT) =>
                {
                    return None;
                }
                instance::AsideLock::Elsewhere | instance::AsideLock::Unavailable => None,
            }
        }
        _ => None,
    };
    let listener = (!boot.data_dir.as_os_str().is_empty())
        .then(|| match &boot.opened {
            Ok(_) => Listener::start(&boot.data_dir, Arc::clone(&show)),
            Err(_) => Listener::start_aside(&boot.data_dir, Arc::clone(&show), aside),
        })
        .and_then(|listener| {
            listener
                .inspect_err(|e| {
                    // (A window holding its folder tries again, and meanwhile says so in the
                    // temporary folder: `listen_again`.)
                    eprintln!("poscare: this window could not say where it listens ({e})")
                })
                .ok()
        });
    let renderer = RendererStart::begin(&boot.data_dir, cli.renderer, holds_folder);
    let data_dir = &boot.data_dir;
    // eframe opens its record before the window exists: only one that is safe to open.
    let record = (!data_dir.as_os_str().is_empty())
        .then(|| window_file::record_for_eframe(data_dir, holds_folder));
    if let Ok((store, _)) = &boot.opened {
        // eframe restores the saved size before the app sets its zoom: correct it for the zoom.
        window_file::unzoom_file(data_dir, store.zoom_percent());
    }
    Some(Ready {
        boot,
        listener,
        show,
        renderer,
        record,
    })
}

/// Opens the data folder for the window, or `None` when a window already open on it was brought
/// to the front instead.
///
/// The running window, if any, is asked on a thread of its own while the folder is opened, and
/// its answer is waited for only when the folder turns out to be held (or its data cannot be
/// opened, see below): a window that holds it
/// has answered long before, and a port that never answers must not hold up a start that can
/// open its folder. A folder that another copy holds is asked again for a few seconds.
fn open_for_window(cli: &WindowStart) -> Option<Boot> {
    let dir = cli.paths.as_ref().ok().map(|p| p.dir.clone());
    let mut asking = dir.as_deref().map(instance::ask_running);
    // A window left to look up prompts on the folder holds nothing: asked first, it comes
    // forward and opens the folder itself if it now can.
    if asking
        .as_ref()
        .is_some_and(instance::Asking::lookup_only_may_answer)
        && asking.take().is_some_and(instance::Asking::shown)
    {
        return None;
    }
    let mut opened = boot(cli);
    let deadline = Instant::now() + BUSY_WAIT;
    while matches!(opened.opened, Err(OpenError::AlreadyOpen { .. })) {
        if asking.take().is_some_and(instance::Asking::shown) {
            return None;
        }
        if Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        asking = Some(instance::ask_running(&opened.data_dir));
        opened = boot(cli);
    }
    // Data that no window can open (too new, failed to upgrade): a window left to look up
    // prompts may have started on it since (it was asked above when it had already).
    if let Err(e) = &opened.opened
        && !e.held_elsewhere_or_no_folder()
        && asking.take().is_some_and(instance::Asking::shown)
    {
        return None;
    }
    Some(opened)
}

/// The window: its title, icon, and first size. The first start opens maximised (so a small
/// screen with a taskbar shows all of it); later starts get back the size, position and
/// maximised state eframe kept in [`WINDOW_FILE`].
fn viewport() -> egui::ViewportBuilder {
    let builder = egui::ViewportBuilder::default()
        // One name in both languages, the same as the shortcuts' and the installer's.
        .with_title(crate::i18n::Lang::Zh.t(crate::i18n::T::AppName))
        .with_app_id("poscare")
        // When the window is restored from maximised: fits a 1366×768 screen with a taskbar.
        .with_inner_size([1200.0, 660.0])
        .with_min_inner_size([860.0, 560.0])
        .with_maximized(true);
    match eframe::icon_data::from_png_bytes(APP_ICON) {
        Ok(icon) => builder.with_icon(Arc::new(icon)),
        Err(e) => {
            eprintln!("poscare: the window icon could not be read: {e}");
            builder
        }
    }
}

/// The app's icon (assets/icon/draw.sh draws it), shown on the window and the taskbar.
pub const APP_ICON: &[u8] = include_bytes!("../../assets/icon/poscare.png");

fn run_with(
    cli: &WindowStart,
    slot: &mut Option<Boot>,
    start: StartOptions,
    record: &Option<PathBuf>,
    timing: bool,
    open_ms: u128,
) -> eframe::Result {
    let holds_folder = start.renderer.file.is_some();
    let options = eframe::NativeOptions {
        viewport: viewport(),
        renderer: start.renderer.choice.renderer.eframe(),
        // We install the system-font fallback ourselves, with the locale pinned (see theme.rs).
        system_font_fallback: false,
        // Size, position and maximised state, kept beside the data by the window holding it.
        persist_window: holds_folder,
        persistence_path: record.clone(),
        ..Default::default()
    };
    eframe::run_native(
        "PosCare",
        options,
        Box::new(move |cc| {
            let started = start.started;
            let t0 = Instant::now();
            // The folder opened before the window; again only if a first try used it up.
            let boot = slot.take().unwrap_or_else(|| boot(cli));
            let app = App::new(cc, boot, start);
            if timing {
                eprintln!(
                    "start-up: open data {open_ms} ms, window {} ms, build app {} ms",
                    (t0 - started).as_millis(),
                    t0.elapsed().as_millis()
                );
            }
            Ok(Box::new(app))
        }),
    )
}
