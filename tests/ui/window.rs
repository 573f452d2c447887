//! The window itself: which renderer it uses after a start that never drew, the renderer choice
//! in Settings, and a second start bringing the running window to the front.

use crate::common;

use std::sync::Arc;

use common::{data_dir, open};
use egui_kittest::kittest::Queryable as _;
use poscare::i18n::Lang;
use poscare::store::keys;
use poscare::ui::instance::{self, Listener, ShowRequests};
use poscare::ui::renderer::{
    Renderer, RendererFile, RendererSetting, RendererStart, RendererState, Why,
};
use poscare::ui::testing::{click, harness, harness_started};

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
}
