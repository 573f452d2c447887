//! The window itself: which renderer it uses after a start that never drew, the renderer choice
//! in Settings, a second start bringing the running window to the front (and only the window of
//! its own folder, never held up by a port that does not answer), and a start that nothing in
//! place of the window's own files can hold up.

use crate::common;

use std::io::Read as _;
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use common::{data_dir, open};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use poscare::i18n::Lang;
use poscare::store::{DataPaths, keys};
use poscare::ui::app::App;
use poscare::ui::instance::{self, Listener, PORT_FILE, ShowRequests};
use poscare::ui::renderer::{
    Renderer, RendererFile, RendererSetting, RendererStart, RendererState, Why,
};
use poscare::ui::testing::{click, harness, harness_started};
use poscare::ui::{Ready, WINDOW_FILE, WindowStart, get_ready};

/// A data folder whose last window start ended inside wgpu, before its first frame (as under
/// Wine's DX12 layer, or with a broken graphics driver).
fn after_a_start_that_never_drew(lang: Lang) -> tempfile::TempDir {
    let dir = data_dir();
    open(dir.path())
        .set_setting(keys::LANGUAGE, lang.code())
        .unwrap();
    let file = RendererFile::in_folder(dir.path());
    let mut state = RendererState::default();
    let first = state.begin(None, "2026-12-01 08:59");
    assert_eq!(first.renderer, Renderer::Wgpu);
    file.save(&state).unwrap();
    dir
}

#[test]
fn after_a_start_that_never_drew_the_window_uses_opengl_and_says_so_in_chinese() {
    let dir = after_a_start_that_never_drew(Lang::Zh);
    let h = harness(dir.path());
    let renderer = h.state().renderer();
    assert_eq!(renderer.choice.renderer, Renderer::Gl);
    assert_eq!(renderer.choice.why, Why::LastStartFailed);
    h.get_by_label_contains("上次打开时窗口没能显示出来");
    h.get_by_label_contains("这次改用 OpenGL");
    // The first frame was drawn: the mark is gone, and wgpu is still avoided next time.
    let kept = RendererFile::in_folder(dir.path()).load();
    assert_eq!(kept.starting, None);
    assert_eq!(kept.failed.map(|f| f.renderer), Some(Renderer::Wgpu));
    let next = RendererStart::begin(dir.path(), None, false);
    assert_eq!(
        (next.choice.renderer, next.choice.why),
        (Renderer::Gl, Why::AvoidingFailed)
    );
}

#[test]
fn after_a_start_that_never_drew_settings_explain_it_in_english_and_offer_wgpu_again() {
    let dir = after_a_start_that_never_drew(Lang::En);
    let mut h = harness(dir.path());
    h.get_by_label_contains("The window did not appear last time");
    click(&mut h, "Settings");
    h.get_by_label("In use now: OpenGL");
    h.get_by_label_contains("the window did not appear with wgpu, so OpenGL is used instead");
    click(&mut h, "Try wgpu again at the next start");
    h.get_by_label_contains("Saved. It takes effect the next time POS Care opens.");
    let kept = RendererFile::in_folder(dir.path()).load();
    assert_eq!(kept.failed, None);
    let next = RendererStart::begin(dir.path(), None, false);
    assert_eq!(next.choice.renderer, Renderer::Wgpu);
}

#[test]
fn settings_offer_compatibility_mode_which_the_next_start_uses() {
    let dir = data_dir();
    open(dir.path())
        .set_setting(keys::LANGUAGE, Lang::Zh.code())
        .unwrap();
    let mut h = harness(dir.path());
    assert_eq!(h.state().renderer().choice.renderer, Renderer::Wgpu);
    click(&mut h, "设置");
    h.get_by_label("画面显示方式");
    h.get_by_label("现在使用：wgpu");
    click(&mut h, "兼容模式（OpenGL）");
    h.get_by_label_contains("已保存，下次打开本程序时生效");
    assert_eq!(
        RendererFile::in_folder(dir.path()).load().setting,
        RendererSetting::Compatibility
    );
    drop(h);
    let h = harness(dir.path());
    assert_eq!(
        (
            h.state().renderer().choice.renderer,
            h.state().renderer().choice.why
        ),
        (Renderer::Gl, Why::Setting)
    );
    assert_eq!(
        h.state().notice(),
        None,
        "a chosen renderer needs no message"
    );
}

#[test]
fn a_second_start_on_the_same_folder_brings_the_running_window_to_the_front() {
    let dir = data_dir();
    let show = Arc::new(ShowRequests::default());
    let mut h = harness_started(dir.path(), None, Arc::clone(&show));
    let _listener = Listener::start(dir.path(), Arc::clone(&show)).unwrap();

    // What a second start does before anything else: ask the running window.
    assert!(instance::show_running(dir.path()));
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    for wanted in [
        egui::ViewportCommand::Visible(true),
        egui::ViewportCommand::Minimized(false),
        egui::ViewportCommand::Focus,
    ] {
        assert!(commands.contains(&wanted), "{wanted:?} in {commands:?}");
    }
    // Focus again on the next frame, once the window is no longer minimised.
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(commands.contains(&egui::ViewportCommand::Focus));
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        !commands.contains(&egui::ViewportCommand::Focus),
        "only when asked"
    );

    // The whole start does the same: the folder is held, the window answered, nothing opens.
    assert!(get_ready(&start_on(dir.path())).is_none(), "already open");
    assert!(show.take());
}

/// The start of the window on `dir`, as `poscare --data-dir DIR` makes it.
fn start_on(dir: &Path) -> WindowStart {
    WindowStart {
        paths: Ok(DataPaths::new(dir)),
        wanted: None,
        renderer: None,
        exit_after_first_frame: false,
    }
}

#[test]
fn a_start_on_a_copied_folder_opens_its_own_window_and_leaves_the_original_alone() {
    let original = data_dir();
    // The original's window: it holds its folder and listens.
    let _held = open(original.path());
    let show = Arc::new(ShowRequests::default());
    let _listener = Listener::start(original.path(), Arc::clone(&show)).unwrap();
    // `cp -a` while that window is open: the copy has the original's port file, token and all.
    let copy = data_dir();
    let port_file = std::fs::read_to_string(original.path().join(PORT_FILE)).unwrap();
    std::fs::write(copy.path().join(PORT_FILE), &port_file).unwrap();

    let ready =
        get_ready(&start_on(copy.path())).expect("not \"already open\": a window of its own");
    assert!(ready.boot.opened.is_ok(), "it holds the copy");
    assert!(ready.listener.is_some());
    assert!(
        !show.take(),
        "the original's window was not brought forward"
    );
    assert_ne!(
        std::fs::read_to_string(copy.path().join(PORT_FILE)).unwrap(),
        port_file,
        "the copy's port file names the copy's window now"
    );
    // A further start on the copy reaches the copy's window, not the original's.
    assert!(instance::show_running(copy.path()));
    assert!(ready.show.take());
    assert!(!show.take());
}

#[test]
fn a_port_that_never_answers_does_not_hold_up_the_start() {
    let dir = data_dir();
    drop(open(dir.path()));
    // A program that takes connections and never answers, named in a port file left behind.
    let silent = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = silent.local_addr().unwrap().port();
    std::fs::write(
        dir.path().join(PORT_FILE),
        format!("{} {port} 0123 1\n", instance::MAGIC),
    )
    .unwrap();

    let ready = get_ready(&start_on(dir.path())).expect("a window of its own");
    assert!(ready.boot.opened.is_ok());
    // The start went on while its question was still unanswered: the connection is still
    // open, the request in it, waiting for an answer nobody gives.
    let (stream, _) = silent.accept().unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = Vec::new();
    let mut chunk = [0u8; 4096];
    while !request.contains(&b'\n') {
        let n = (&stream).read(&mut chunk).unwrap();
        assert!(
            n > 0,
            "the start gave up on its question before the folder was open"
        );
        request.extend_from_slice(&chunk[..n]);
    }
    assert!(request.starts_with(b"show 0123 "));
    stream.set_nonblocking(true).unwrap();
    let waiting = (&stream).read(&mut chunk);
    assert_eq!(
        waiting.map_err(|e| e.kind()),
        Err(std::io::ErrorKind::WouldBlock),
        "the question was still waiting when the folder was open"
    );
}

/// Runs the start's preparation on `dir` on a thread, failing if it does not return within ten
/// seconds (a read that waits on a FIFO never would); returns what it made ready, summed up as
/// (the renderer chosen and why, the record eframe is given, whether it listens).
fn ready_in_time(dir: &Path) -> (Renderer, Why, Option<std::path::PathBuf>, bool) {
    let start = start_on(dir);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let summary = get_ready(&start).map(|ready: Ready| {
            assert!(ready.boot.opened.is_ok());
            (
                ready.renderer.choice.renderer,
                ready.renderer.choice.why,
                ready.record.clone(),
                ready.listener.is_some(),
            )
        });
        let _ = tx.send(summary);
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the start returned instead of waiting")
        .expect("a window of its own")
}

/// The window's own files in the data folder (`window.ron.corrected` is the note beside the
/// record).
const OWN_FILES: [&str; 4] = [
    RendererFile::NAME,
    WINDOW_FILE,
    "window.ron.corrected",
    PORT_FILE,
];

#[test]
fn huge_files_in_place_of_the_windows_own_files_read_as_defaults() {
    let dir = data_dir();
    open(dir.path()).set_setting(keys::ZOOM, "150").unwrap();
    for name in OWN_FILES {
        // Each begins like a real one; only its size gives it away.
        let mut junk = match name {
            RendererFile::NAME => br#"{"setting": "compatibility"}"#.to_vec(),
            PORT_FILE => format!("{} 1 0123 1\n", instance::MAGIC).into_bytes(),
            _ => b"{}".to_vec(),
        };
        junk.resize(10 << 20, b' ');
        std::fs::write(dir.path().join(name), junk).unwrap();
    }
    let (renderer, why, record, listens) = ready_in_time(dir.path());
    assert_eq!((renderer, why), (Renderer::Wgpu, Why::Setting));
    assert_eq!(record, Some(dir.path().join(WINDOW_FILE)));
    assert!(listens);
    assert!(
        !dir.path().join(WINDOW_FILE).exists(),
        "the junk record was removed, for eframe to start afresh"
    );
    assert!(
        std::fs::metadata(dir.path().join(RendererFile::NAME))
            .unwrap()
            .len()
            < 1024
    );
}

#[cfg(unix)]
#[test]
fn fifos_in_place_of_the_windows_own_files_do_not_hold_up_the_start() {
    let dir = data_dir();
    open(dir.path()).set_setting(keys::ZOOM, "150").unwrap();
    for name in OWN_FILES {
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join(name))
            .status()
            .unwrap();
        assert!(status.success());
    }
    let (renderer, why, record, listens) = ready_in_time(dir.path());
    assert_eq!((renderer, why), (Renderer::Wgpu, Why::Setting));
    assert_eq!(record, Some(dir.path().join(WINDOW_FILE)));
    assert!(listens);
    // The window's own files are plain files again, or gone for eframe to write afresh.
    assert!(
        std::fs::metadata(dir.path().join(RendererFile::NAME))
            .unwrap()
            .is_file()
    );
    assert!(std::fs::symlink_metadata(dir.path().join(WINDOW_FILE)).is_err());
}

/// A window that could not use its data folder at start (a backup command held it) and gets it
/// on "Try again" says where it listens, as a window that started with it: a second start
/// reaches it, and `close` and the reading commands find it (they said "no window is open").
#[test]
fn a_window_that_gets_its_folder_later_can_be_found() {
    use poscare::i18n::T;
    let dir = data_dir();
    let held = open(dir.path());
    let mut h = poscare::ui::testing::harness(dir.path());
    let lang = h.state().lang();
    h.get_by_label_contains(lang.t(T::FatalTitle));
    // Held by a command, not a window: it does not say to switch to a window that is not there.
    let said = lang.t(T::WindowHeldByCommand);
    h.get_by_label_contains(said.split('\n').next().unwrap());
    assert!(!instance::window_listening(dir.path()));
    drop(held);
    h.get_by_label(lang.t(T::TryAgain)).click();
    h.run();
    h.get_by_label_contains(lang.t(T::DataFolderUsable));
    assert!(
        instance::window_listening(dir.path()),
        "window.port written"
    );
    assert!(
        instance::show_running(dir.path()),
        "a second start reaches it"
    );
    drop(h);
    assert!(
        !dir.path().join(PORT_FILE).exists(),
        "closed, it takes its port file away"
    );
}

/// Whether the size `label` ("125%") is the one Settings shows as chosen.
fn zoom_shown(h: &Harness<'static, App>, label: &str) -> bool {
    h.get_by_label(label).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

#[test]
fn ctrl_plus_and_minus_step_through_the_sizes_settings_offers_and_are_kept() {
    let dir = data_dir();
    open(dir.path())
        .set_setting(keys::LANGUAGE, Lang::En.code())
        .unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "Settings");
    assert!(zoom_shown(&h, "100%"));
    for _ in 0..2 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
        poscare::ui::testing::settle(&mut h);
    }
    assert!(zoom_shown(&h, "150%"), "two steps up from 100 %");
    assert!(!zoom_shown(&h, "100%"));
    assert_eq!(h.ctx.zoom_factor(), 1.5);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    poscare::ui::testing::settle(&mut h);
    assert!(zoom_shown(&h, "125%"));
    drop(h);
    assert_eq!(open(dir.path()).zoom_percent(), 125, "kept as if chosen");
    let mut h = harness(dir.path());
    click(&mut h, "Settings");
    assert!(zoom_shown(&h, "125%"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    poscare::ui::testing::settle(&mut h);
    assert!(zoom_shown(&h, "100%"));
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}

/// `poscare close` on `dir` asks the window `ready` stands for to close; it closes (`ready` is
/// dropped as the window's end drops it), and the command says so.
fn closed_by_command(dir: &std::path::Path, ready: Ready) {
    // `close` waits for the window's process to end (Windows, and Linux through /proc), and
    // here that is the test's own: the port file says it ended (pid 0), as the window's would
    // once it has. (So the file is no longer the window's own to remove.)
    for file in [dir.join(PORT_FILE), instance::aside_file(dir)] {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let mut words: Vec<&str> = text.split_whitespace().collect();
            words.pop();
            std::fs::write(&file, format!("{} 0\n", words.join(" "))).unwrap();
        }
    }
    let closing = std::thread::spawn({
        let dir = dir.to_path_buf();
        move || instance::close_running(&dir, Duration::from_secs(10))
    });
    while !ready.show.close_asked() {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(ready);
    assert_eq!(closing.join().unwrap(), instance::Closing::Closed);
}

#[test]
fn a_window_left_to_look_up_prompts_can_be_found_and_closed() {
    // Data of a newer version (a shop went back to an older installer): the window opens only
    // to look up prompts, and holds nothing.
    let dir = data_dir();
    drop(open(dir.path()));
    let db = dir.path().join("poscare.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", poscare::store::CURRENT_VERSION + 1)
        .unwrap();
    let ready = get_ready(&start_on(dir.path())).expect("a window of its own");
    assert!(ready.boot.opened.is_err(), "the data is refused");
    assert!(ready.listener.is_some(), "the window says where it listens");
    assert!(
        !instance::window_listening(dir.path()) && instance::listening_aside(dir.path()),
        "aside, not in the folder, which it does not hold"
    );
    // A second start brings it to the front rather than opening another.
    assert!(get_ready(&start_on(dir.path())).is_none());
    assert!(ready.show.take());
    // `close` (and the installer) find it.
    closed_by_command(dir.path(), ready);
}

/// Starts at the same moment on data no window can open: the first to take the lock is the
/// window left to look up prompts, and a start that finds it taken waits for that window to say
/// where it listens and brings it forward (a fault tester's six starts opened six windows).
#[test]
fn starts_at_the_same_moment_open_one_window_left_to_look_up_prompts() {
    let dir = data_dir();
    drop(open(dir.path()));
    rusqlite::Connection::open(dir.path().join("poscare.db"))
        .unwrap()
        .pragma_update(None, "user_version", poscare::store::CURRENT_VERSION + 1)
        .unwrap();
    // The first start has the lock and is still getting ready: no port file yet.
    let instance::AsideLock::Held(lock) = instance::aside_lock(dir.path()) else {
        panic!("the lock is free");
    };
    let second = std::thread::spawn({
        let start = start_on(dir.path());
        move || get_ready(&start).is_none()
    });
    std::thread::sleep(Duration::from_millis(300));
    let show = Arc::new(ShowRequests::default());
    let first = Listener::start_aside(dir.path(), Arc::clone(&show), Some(lock)).unwrap();
    assert!(second.join().unwrap(), "the second start gave way");
    assert!(show.take(), "and brought the first forward");
    drop(first);
    // Once that window is gone, the lock is free for the next.
    assert!(matches!(
        instance::aside_lock(dir.path()),
        instance::AsideLock::Held(_)
    ));
}

#[test]
fn a_window_that_waited_for_a_command_can_be_found_and_gets_the_folder_first() {
    let dir = data_dir();
    // A command (a backup) holds the folder for longer than a start waits.
    let held = open(dir.path());
    let ready = get_ready(&start_on(dir.path())).expect("no window to bring forward");
    assert!(ready.boot.opened.is_err());
    assert!(
        !instance::window_listening(dir.path()),
        "the command holds the folder, not this window: commands must still wait for it"
    );
    assert!(ready.listener.is_some() && instance::listening_aside(dir.path()));
    // The command is done: a second start finds the folder free, yet brings the window on
    // screen forward (which opens the folder itself) rather than opening a second window.
    drop(held);
    assert!(get_ready(&start_on(dir.path())).is_none());
    assert!(ready.show.take());
    closed_by_command(dir.path(), ready);
}
