//! The window's start as the real binary makes it, up to the window itself: the test takes the
//! display away, so where a window would open the start ends with "cannot open the window"
//! (exit 3) instead. Linux only, where taking the display away is an environment variable.
#![cfg(target_os = "linux")]

use crate::common;

use std::path::Path;
use std::process::Output;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{data_dir, open};
use poscare::ui::instance::{Listener, PORT_FILE, ShowRequests};

/// Starts the window on `dir` with no display, failing if the process has not ended within
/// 30 seconds (a start that waits on a FIFO never would; it is killed then).
fn window_start(dir: &Path) -> Output {
    let mut child = super::command(&["--exit-after-first-frame", "--data-dir"])
        .arg(dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run poscare");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "the start did not end: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_start_on_a_copied_folder_is_not_already_open_and_one_on_the_original_is() {
    let original = data_dir();
    // The original's window: it holds its folder and listens.
    let _held = open(original.path());
    let show = Arc::new(ShowRequests::default());
    let _listener = Listener::start(original.path(), Arc::clone(&show)).unwrap();
    let copy = data_dir();
    std::fs::copy(original.path().join(PORT_FILE), copy.path().join(PORT_FILE)).unwrap();

    let out = window_start(copy.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("already open"), "{stderr}");
    assert!(stderr.contains("cannot open the window"), "{stderr}");
    assert!(
        !show.take(),
        "the original's window was not brought forward"
    );

    let out = window_start(original.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("already open on this data folder"),
        "{stderr}"
    );
    assert!(show.take(), "the original's window was brought forward");
}

#[test]
fn fifos_in_place_of_the_windows_own_files_do_not_hold_up_a_start() {
    let dir = data_dir();
    drop(open(dir.path()));
    for name in [
        "renderer.json",
        "window.ron",
        "window.ron.corrected",
        PORT_FILE,
    ] {
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join(name))
            .status()
            .unwrap();
        assert!(status.success());
    }
    let out = window_start(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot open the window"), "{stderr}");
    assert!(
        std::fs::metadata(dir.path().join("renderer.json"))
            .unwrap()
            .is_file(),
        "the start's mark replaced the FIFO"
    );
}
