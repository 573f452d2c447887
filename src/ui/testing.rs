//! The one kittest harness factory: every UI test builds the real [`App`] through [`harness`].

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use egui_kittest::Harness;

use crate::store::{DataPaths, Store};
use crate::ui::app::{App, Boot, StartOptions};
use crate::ui::instance::ShowRequests;
use crate::ui::renderer::RendererStart;

/// The window size the tests use.
pub const TEST_SIZE: egui::Vec2 = egui::vec2(1280.0, 860.0);

/// The room on every test's disk unless the test says otherwise (40 GB).
pub const TEST_ROOM: u64 = 40 << 30;

/// A harness running the real app on `data_dir`, with the bundled font only (no system fonts),
/// so a missing glyph fails the test instead of depending on the machine.
pub fn harness(data_dir: &Path) -> Harness<'static, App> {
    harness_on(data_dir, None)
}

/// Like [`harness`], with the app's "today" fixed to `today` (for the planner's dates).
pub fn harness_on(data_dir: &Path, today: Option<chrono::NaiveDate>) -> Harness<'static, App> {
    harness_started(data_dir, today, Arc::new(ShowRequests::default()))
}

/// Like [`harness_on`], with the app listening to `show` for "show the window" requests.
/// Every harness starts as the window does: the renderer is chosen from the data folder's
/// `renderer.json` and the start is marked there until the first frame.
pub fn harness_started(
    data_dir: &Path,
    today: Option<chrono::NaiveDate>,
    show: Arc<ShowRequests>,
) -> Harness<'static, App> {
    harness_sized(data_dir, today, show, TEST_SIZE)
}

/// Like [`harness_started`], in a window of `size` points (the layout tests). A `today` given
/// is the app's clock and is believed: it is confirmed in the data folder first, as a merchant
/// would confirm it (see [`harness_with_clock`] for a clock the app may doubt).
pub fn harness_sized(
    data_dir: &Path,
    today: Option<chrono::NaiveDate>,
    show: Arc<ShowRequests>,
    size: egui::Vec2,
) -> Harness<'static, App> {
    if let Some(day) = today {
        let mut store = Store::open(DataPaths::new(data_dir)).expect("the test's data folder");
        let noon = day.and_hms_opt(12, 0, 0).expect("noon");
        store.confirm_clock(noon).expect("confirm the test's day");
    }
    start(data_dir, today, show, size, false)
}

/// A harness whose clock says `today`, which the app judges against the data folder as it
/// would a PC's clock (a year ahead, behind the newest record): the clock's question shows.
pub fn harness_with_clock(data_dir: &Path, today: chrono::NaiveDate) -> Harness<'static, App> {
    start(
        data_dir,
        Some(today),
        Arc::new(ShowRequests::default()),
        TEST_SIZE,
        false,
    )
}

/// A harness whose window could not say where it listens when it started (`window.port` not
/// written: a full disk), so that it tries again (`StartOptions::listen_again`).
pub fn harness_listening_again(data_dir: &Path) -> Harness<'static, App> {
    start(
        data_dir,
        None,
        Arc::new(ShowRequests::default()),
        TEST_SIZE,
        true,
    )
}

/// The window as `poscare` started with `start` opens it (its data folder refused, say).
pub fn harness_started_as(start: &crate::ui::WindowStart) -> Harness<'static, App> {
    let ready = crate::ui::get_ready(start).expect("no other window open");
    from_boot(
        ready.boot,
        None,
        Arc::new(ShowRequests::default()),
        TEST_SIZE,
        false,
    )
}

fn start(
    data_dir: &Path,
    today: Option<chrono::NaiveDate>,
    show: Arc<ShowRequests>,
    size: egui::Vec2,
    listen_again: bool,
) -> Harness<'static, App> {
    let paths = DataPaths::new(data_dir);
    let boot = Boot {
        data_dir: paths.dir.clone(),
        opened: Store::open_window(paths, crate::store::Verify::Deferred),
    };
    from_boot(boot, today, show, size, listen_again)
}

fn from_boot(
    boot: Boot,
    today: Option<chrono::NaiveDate>,
    show: Arc<ShowRequests>,
    size: egui::Vec2,
    listen_again: bool,
) -> Harness<'static, App> {
    let data_dir = boot.data_dir.clone();
    // Every test's disk has room, however full the machine's is: a test of a full disk injects
    // its own room for the folder first, and that rule is the one found.
    let plenty = crate::files::faults::Fault::Free(TEST_ROOM);
    let folder = data_dir.to_string_lossy();
    crate::files::faults::inject(crate::files::faults::Op::Room, &folder, plenty, 1);
    let renderer = RendererStart::begin(&data_dir, None, boot.opened.is_ok());
    let options = StartOptions {
        started: Instant::now(),
        exit_after_first_frame: false,
        test_fonts: true,
        // No system file dialog in a test: it would wait for a person who is not there.
        native_dialogs: false,
        // No tray icon or desktop notification in a test: what would be shown is recorded.
        native_reach: false,
        failed: Arc::new(AtomicBool::new(false)),
        today,
        renderer,
        show,
        listen_again,
    };
    let mut harness = Harness::builder()
        .with_size(size)
        // A background job finishing (check, backup, index) repaints a few times.
        .with_max_steps(32)
        .build_eframe(move |cc| App::new(cc, boot, options));
    settle(&mut harness);
    harness
}

/// Runs frames until the app is idle and no background work (check, backup, index) is under way.
pub fn settle(harness: &mut Harness<'static, App>) {
    let deadline = Instant::now() + std::time::Duration::from_secs(30);
    harness.step();
    while harness.state().busy() {
        assert!(Instant::now() < deadline, "background work did not finish");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.run();
}

/// Clicks the mouse at `at` (a row of a table, where no widget of its own has a name).
pub fn click_at(harness: &mut Harness<'static, App>, at: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(at));
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    settle(harness);
}

/// Turns the mouse wheel down (twelve notches) with the pointer at `at`, as a person reading on.
pub fn wheel_down_at(harness: &mut Harness<'static, App>, at: egui::Pos2) {
    wheel_at(harness, at, -120.0);
}

/// Turns the mouse wheel up (twelve notches) with the pointer at `at`, back to the top.
pub fn wheel_up_at(harness: &mut Harness<'static, App>, at: egui::Pos2) {
    wheel_at(harness, at, 120.0);
}

fn wheel_at(harness: &mut Harness<'static, App>, at: egui::Pos2, notch: f32) {
    for _ in 0..12 {
        harness.event(egui::Event::PointerMoved(at));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, notch),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        settle(harness);
    }
}

/// Closes the window as its × does, checks that the closing waits for what `screen` holds
/// unsaved, and goes back to it.
pub fn close_is_held_for(harness: &mut Harness<'static, App>, screen: crate::ui::command::Screen) {
    use egui_kittest::kittest::Queryable as _;
    close_window(harness);
    harness.run();
    assert_eq!(harness.state().unsaved_close(), Some(&[screen][..]));
    let back = harness.state().lang().t(crate::i18n::T::UnsavedGoBack);
    harness.get_by_label(back).click();
    harness.run();
}

/// Asks the window to close, as its × (or Alt+F4) does, and draws the one frame that answers.
pub fn close_window(harness: &mut Harness<'static, App>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
}

/// Scrolls to the widget labelled `label`, clicks it as a person would, and waits until the app
/// is idle, including any background job the click started (a backup or restore can take longer
/// than the harness's frame budget on a slow machine).
pub fn click(harness: &mut Harness<'static, App>, label: &str) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label(label).scroll_to_me();
    settle(harness);
    harness.get_by_label(label).click();
    settle(harness);
}

/// A click of the mouse at `pos`, as a person's hand makes it (moved there, pressed, released),
/// taken in one frame: for a click that lands the moment after another (a double-click's second).
pub fn press_at(harness: &mut Harness<'static, App>, pos: egui::Pos2) {
    harness
        .input_mut()
        .events
        .push(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        harness.input_mut().events.push(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
    }
    harness.step();
}

/// Scrolls to the field labelled `label` and focuses it.
pub fn focus(harness: &mut Harness<'static, App>, label: &str) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label(label).scroll_to_me();
    settle(harness);
    harness.get_by_label(label).focus();
    settle(harness);
}

/// Replaces the text of the field labelled `label` with `text`.
pub fn type_into(harness: &mut Harness<'static, App>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable as _;
    focus(harness, label);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    settle(harness);
    harness.get_by_label(label).type_text(text);
    settle(harness);
}

/// Types `text` into the focused field the way a Chinese IME does: a pre-edit of `pinyin`, then
/// the committed characters.
pub fn ime_type(harness: &mut Harness<'static, App>, pinyin: &str, text: &str) {
    harness.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: pinyin.to_owned(),
        active_range_chars: None,
    }));
    harness.run();
    harness.event(egui::Event::Ime(egui::ImeEvent::Commit(text.to_owned())));
    harness.run();
}
