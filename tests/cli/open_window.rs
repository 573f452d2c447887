//! The commands while the window holds the data folder: the reading ones read a copy the window
//! writes for them, the writing ones say what to do, and `close` closes the window. The "window"
//! here is this test: it holds the folder (the store's lock) and serves the requests as the
//! app's `serve_requests` does.

use crate::common;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use common::{data_dir, open, terminal};
use poscare::store::Store;
use poscare::ui::instance::{Listener, PORT_FILE, ShowRequests};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A window holding `store`'s folder: it answers copies and a close until it is closed or
/// `stop` is set. Its port file names a process that has ended, as the window's own would once
/// it has closed (the test process does not end; `close` waits for the window's process).
fn window(dir: &Path, store: Store, stop: Arc<AtomicBool>) -> JoinHandle<()> {
    window_answering(dir, store, stop, |store, target| {
        store.copy_for_reading(target)
    })
}

/// A window as [`window`], that answers each copy with `answer`.
fn window_answering(
    dir: &Path,
    store: Store,
    stop: Arc<AtomicBool>,
    answer: impl Fn(&Store, &Path) -> Result<(), String> + Send + 'static,
) -> JoinHandle<()> {
    let requests = Arc::new(ShowRequests::default());
    let listener = Listener::start(dir, Arc::clone(&requests)).unwrap();
    let ended_pid = {
        let mut child = crate::command(&["--version"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    };
    let file = dir.join(PORT_FILE);
    let line = std::fs::read_to_string(&file).unwrap();
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let pid = ended_pid.to_string();
    *words.last_mut().unwrap() = &pid;
    std::fs::write(&file, format!("{}\n", words.join(" "))).unwrap();
    std::thread::spawn(move || {
        let mut listener = Some(listener);
        while listener.is_some() && !stop.load(Ordering::SeqCst) {
            for copy in requests.take_copies() {
                let target = copy.target.clone();
                copy.answer(answer(&store, &target));
            }
            if requests.close_asked() {
                listener = None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    })
}

#[test]
fn the_reading_commands_work_while_the_window_is_open_and_leave_nothing_behind() {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("收银台 1")).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let window = window(dir.path(), store, Arc::clone(&stop));
    let files_before = common::snapshot(dir.path());

    let check = crate::poscare_en(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(
        text(&check.stdout).starts_with("OK"),
        "{}",
        text(&check.stdout)
    );

    let today = crate::poscare_in(dir.path(), &["today", "--json"]);
    assert!(today.status.success(), "{}", text(&today.stderr));
    serde_json::from_slice::<serde_json::Value>(&today.stdout).expect("one JSON object");

    let insights = crate::poscare_in(dir.path(), &["insights", "--json"]);
    assert!(insights.status.success(), "{}", text(&insights.stderr));

    let out = data_dir();
    let csv = out.path().join("history.csv");
    let export = crate::poscare_in(dir.path(), &["export", csv.to_str().unwrap()]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert!(csv.exists());

    let devices = crate::poscare_in(
        dir.path(),
        &[
            "export",
            "--device",
            "收银台 1",
            out.path().join("one.csv").to_str().unwrap(),
        ],
    );
    assert!(
        devices.status.success(),
        "read from the copy: {}",
        text(&devices.stderr)
    );

    assert_eq!(
        common::snapshot(dir.path()),
        files_before,
        "nothing changed in the data folder"
    );
    let leftovers: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("poscare-") && e.path().join("poscare-copy.db").exists()
        })
        .collect();
    assert!(leftovers.is_empty(), "a copy was left in the temp folder");
    stop.store(true, Ordering::SeqCst);
    window.join().unwrap();
}

#[test]
fn a_writing_command_says_what_to_do_and_close_closes_the_window() {
    let dir = data_dir();
    let store = open(dir.path());
    let stop = Arc::new(AtomicBool::new(false));
    let window = window(dir.path(), store, Arc::clone(&stop));

    let usb = data_dir();
    let backup = crate::poscare_en(
        dir.path(),
        &["backup", "--to", usb.path().to_str().unwrap()],
    );
    assert_eq!(backup.status.code(), Some(2));
    let said = text(&backup.stderr);
    assert!(said.contains("already running"), "{said}");
    assert!(said.contains("poscare close"), "{said}");

    let close = crate::poscare_en(dir.path(), &["close", "--wait", "20"]);
    assert!(close.status.success(), "{}", text(&close.stderr));
    assert!(
        text(&close.stdout).contains("POS Care has closed"),
        "{}",
        text(&close.stdout)
    );
    window.join().unwrap();

    let again = crate::poscare_in(dir.path(), &["close"]);
    assert!(again.status.success());
    assert!(text(&again.stdout).contains(&dir.path().display().to_string()));
}

/// A window that could not say where it listens (its port file could not be written: a full
/// disk when it started) still holds the folder: `close` says so and what to do, never "no
/// window is open".
#[test]
fn close_names_a_holder_that_does_not_answer() {
    let dir = data_dir();
    let _held = open(dir.path());
    let close = crate::poscare_en(dir.path(), &["close", "--wait", "2"]);
    assert_eq!(close.status.code(), Some(1));
    let said = text(&close.stderr);
    assert!(said.contains("did not answer"), "{said}");
    assert!(
        !text(&close.stdout).contains("No POS Care window"),
        "{}",
        text(&close.stdout)
    );
}

/// A window that answers but gives no copy (busy, or its disk full): the command says so, and
/// says to try again or close the window; it does not say that the reading commands work while
/// the window is open (a tester's hung window got both, one after the other).
#[test]
fn a_window_that_gives_no_copy_is_named_as_such() {
    let dir = data_dir();
    let store = open(dir.path());
    let stop = Arc::new(AtomicBool::new(false));
    let window = window_answering(dir.path(), store, Arc::clone(&stop), |_, _| {
        Err("the disk is full".to_owned())
    });
    let today = crate::poscare_en(dir.path(), &["today"]);
    let said = text(&today.stderr);
    assert_eq!(today.status.code(), Some(2), "{said}");
    assert!(
        said.contains("gave this command no copy of the data (the disk is full)"),
        "{said}"
    );
    assert!(said.contains("poscare close"), "{said}");
    assert!(
        !said.contains("read a copy the window gives them"),
        "{said}"
    );
    stop.store(true, Ordering::SeqCst);
    window.join().unwrap();
}
