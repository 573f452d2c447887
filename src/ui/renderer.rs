//! Which renderer draws the window, and noticing a start that never reached its first frame.
//!
//! A graphics driver can end the process inside the default renderer (wgpu) before the window
//! shows: Wine's DX12 layer aborts there, and a broken driver on a real PC can do the same. That
//! is an abort, not an error, so nothing inside the process can catch it. So every start of the
//! window writes down which renderer it is about to try (`renderer.json` in the data folder) and
//! clears the mark once the first frame is drawn. A start that finds the mark of an unfinished
//! one knows that renderer failed, uses the other one (OpenGL instead of wgpu) and says so.
//!
//! The file also keeps the merchant's choice from Settings ("automatic" or "compatibility
//! (OpenGL)"): it belongs to the PC's graphics, not to the shop's records, so it is not in the
//! database and a restored backup does not carry it. Only the window reads or writes this file;
//! the commands (`lookup`, `today`, `check`, `export`, …) never touch it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::files::{self, Target, WriteError};
use crate::i18n::{Lang, T};

/// A renderer eframe can draw the window with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Renderer {
    /// wgpu: DirectX 12 or Vulkan on Windows, Metal on macOS, Vulkan or OpenGL on Linux.
    Wgpu,
    /// OpenGL through glow: older, and works on more drivers and virtual machines.
    Gl,
}

impl Renderer {
    /// The other renderer.
    pub fn other(self) -> Renderer {
        match self {
            Renderer::Wgpu => Renderer::Gl,
            Renderer::Gl => Renderer::Wgpu,
        }
    }

    /// Its name as the Settings screen shows it (a technical name, the same in both languages).
    pub fn name(self) -> &'static str {
        match self {
            Renderer::Wgpu => "wgpu",
            Renderer::Gl => "OpenGL",
        }
    }

    /// eframe's name for it.
    pub fn eframe(self) -> eframe::Renderer {
        match self {
            Renderer::Wgpu => eframe::Renderer::Wgpu,
            Renderer::Gl => eframe::Renderer::Glow,
        }
    }
}

/// The merchant's choice in Settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RendererSetting {
    /// wgpu, unless it failed to start on this PC (then OpenGL).
    #[default]
    Automatic,
    /// Always OpenGL.
    Compatibility,
}

impl RendererSetting {
    /// The renderer this setting asks for.
    pub fn preferred(self) -> Renderer {
        match self {
            RendererSetting::Automatic => Renderer::Wgpu,
            RendererSetting::Compatibility => Renderer::Gl,
        }
    }

    /// Its label in Settings.
    pub fn label(self) -> T {
        match self {
            RendererSetting::Automatic => T::RendererAutomatic,
            RendererSetting::Compatibility => T::RendererCompatibility,
        }
    }
}

/// A renderer that did not get the window to its first frame, and when that was noticed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The renderer.
    pub renderer: Renderer,
    /// When the failure was noticed (`YYYY-MM-DD HH:MM`, local time).
    pub at: String,
}

/// What `renderer.json` holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RendererState {
    /// The merchant's choice.
    pub setting: RendererSetting,
    /// A start with this renderer began and has not reached its first frame: yet (it is running
    /// now) or ever (it ended inside the renderer).
    pub starting: Option<Renderer>,
    /// The renderer that last failed to start on this PC; avoided until the merchant chooses
    /// again in Settings, or it starts fine when asked for on the command line.
    pub failed: Option<Failure>,
}

/// Why a start uses the renderer it uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// `--renderer` on the command line.
    CommandLine,
    /// What the setting asks for.
    Setting,
    /// The previous start with the other renderer ended before its first frame (noticed at this
    /// start, which tells the merchant).
    LastStartFailed,
    /// An earlier start with the other renderer failed; it is still avoided.
    AvoidingFailed,
    /// The other renderer reported an error at this start (no usable graphics adapter).
    OtherUnavailable,
}

/// The renderer a start uses, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The renderer.
    pub renderer: Renderer,
    /// Why.
    pub why: Why,
}

impl Choice {
    /// The message the window shows at start when the renderer changed by itself, in `lang`.
    pub fn start_message(&self, lang: Lang) -> Option<String> {
        let key = match self.why {
            Why::LastStartFailed => T::RendererFellBack,
            Why::OtherUnavailable => T::RendererUnavailable,
            Why::CommandLine | Why::Setting | Why::AvoidingFailed => return None,
        };
        Some(lang.fill(
            key,
            &[
                ("failed", self.renderer.other().name()),
                ("used", self.renderer.name()),
            ],
        ))
    }
}

impl RendererState {
    /// Chooses the renderer for a new start (`flag`: `--renderer`), noticing a previous start
    /// that never reached its first frame, and marks this start as under way. `now` is the time
    /// to record a failure with.
    pub fn begin(&mut self, flag: Option<Renderer>, now: &str) -> Choice {
        let noticed = self.starting.take().inspect(|&renderer| {
            self.failed = Some(Failure {
                renderer,
                at: now.to_owned(),
            });
        });
        let choice = match flag {
            Some(renderer) => Choice {
                renderer,
                why: Why::CommandLine,
            },
            None => {
                let preferred = self.setting.preferred();
                match &self.failed {
                    Some(f) if f.renderer == preferred => Choice {
                        renderer: preferred.other(),
                        why: if noticed == Some(preferred) {
                            Why::LastStartFailed
                        } else {
                            Why::AvoidingFailed
                        },
                    },
                    _ => Choice {
                        renderer: preferred,
                        why: Why::Setting,
                    },
                }
            }
        };
        self.starting = Some(choice.renderer);
        choice
    }

    /// `renderer` reported an error at this start (eframe could not set it up): remember the
    /// failure and mark a start with the other one.
    pub fn failed_now(&mut self, renderer: Renderer, now: &str) -> Choice {
        self.failed = Some(Failure {
            renderer,
            at: now.to_owned(),
        });
        let other = renderer.other();
        self.starting = Some(other);
        Choice {
            renderer: other,
            why: Why::OtherUnavailable,
        }
    }

    /// The window drew its first frame with `renderer`: the start is over, and a renderer that
    /// works is no longer avoided. Returns whether anything changed (and needs saving).
    pub fn first_frame(&mut self, renderer: Renderer) -> bool {
        let mut changed = self.starting.take().is_some();
        if self.failed.as_ref().is_some_and(|f| f.renderer == renderer) {
            self.failed = None;
            changed = true;
        }
        changed
    }

    /// The merchant chose a setting: it applies from the next start, and an earlier failure is
    /// forgotten so that the choice is really tried.
    pub fn choose(&mut self, setting: RendererSetting) {
        self.setting = setting;
        self.failed = None;
    }
}

/// The file holding the [`RendererState`] of one data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RendererFile {
    target: Target,
}

impl RendererFile {
    /// The file's name in the data folder.
    pub const NAME: &str = "renderer.json";

    /// The file of the data folder `dir`.
    pub fn in_folder(dir: &Path) -> RendererFile {
        RendererFile {
            target: Target::window_state(dir, Self::NAME),
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        self.target.path()
    }

    /// Reads the state. A missing file is a first start; an unreadable or garbled one, or
    /// anything that is not a small plain file (a FIFO would make the read wait forever), is
    /// reported on stderr and read as a first start too (it only holds a preference).
    pub fn load(&self) -> RendererState {
        let read = super::state_file::read(self.path())
            .and_then(|bytes| serde_json::from_slice(&bytes).map_err(std::io::Error::other));
        match read {
            Ok(state) => state,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => RendererState::default(),
            Err(e) => {
                eprintln!(
                    "poscare: {} could not be read ({e}); starting with the automatic renderer",
                    self.path().display()
                );
                RendererState::default()
            }
        }
    }

    /// Writes the state (complete or not at all).
    pub fn save(&self, state: &RendererState) -> Result<(), WriteError> {
        let json = serde_json::to_vec_pretty(state).expect("the renderer state serialises");
        files::write_file(&self.target, &json)
    }
}

/// The renderer the window was started with, and where its state is kept.
#[derive(Clone, Debug)]
pub struct RendererStart {
    /// The renderer in use and why.
    pub choice: Choice,
    /// The state as this start left it.
    pub state: RendererState,
    /// Where the state is kept; `None` when the data folder could not be opened (nothing is
    /// written then).
    pub file: Option<RendererFile>,
}

impl RendererStart {
    /// Chooses the renderer for a start of the window on the data folder `dir` (`flag`:
    /// `--renderer`) and, when `keep` (the window holds the folder), marks the start as under
    /// way in the folder's file. A window that could not open its folder writes nothing.
    pub fn begin(dir: &Path, flag: Option<Renderer>, keep: bool) -> RendererStart {
        let file = RendererFile::in_folder(dir);
        let mut state = if dir.as_os_str().is_empty() {
            RendererState::default()
        } else {
            file.load()
        };
        let choice = state.begin(flag, &now_stamp());
        let start = RendererStart {
            choice,
            state,
            file: keep.then_some(file),
        };
        start.save_or_say();
        start
    }

    /// The renderer in use reported an error: the other one, marked as under way.
    pub fn switch_after_error(&mut self) {
        self.choice = self.state.failed_now(self.choice.renderer, &now_stamp());
        self.save_or_say();
    }

    /// Saves the state, if there is a file to save it to.
    pub fn save(&self) -> Result<(), WriteError> {
        match &self.file {
            Some(file) => file.save(&self.state),
            None => Ok(()),
        }
    }

    /// Saves the state before the window exists; a failure is said on stderr (the window still
    /// opens, but a crash inside the renderer would not be noticed next time).
    fn save_or_say(&self) {
        if let Err(e) = self.save() {
            eprintln!(
                "poscare: could not note which renderer this start uses: {}",
                e.message(Lang::En)
            );
        }
    }
}

/// The time to record a failure with.
fn now_stamp() -> String {
    crate::ui::widgets::show_time(chrono::Local::now().naive_local())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-12-01 09:00";

    #[test]
    fn a_first_start_uses_wgpu_and_marks_itself() {
        let mut state = RendererState::default();
        let choice = state.begin(None, NOW);
        assert_eq!(choice.renderer, Renderer::Wgpu);
        assert_eq!(choice.why, Why::Setting);
        assert_eq!(state.starting, Some(Renderer::Wgpu));
        assert!(choice.start_message(Lang::Zh).is_none());
    }

    #[test]
    fn a_start_that_ended_inside_wgpu_makes_the_next_use_opengl_and_say_so() {
        let mut state = RendererState::default();
        state.begin(None, NOW);
        // The process ended before its first frame: the mark stays.
        let second = state.begin(None, "2026-12-01 09:01");
        assert_eq!(second.renderer, Renderer::Gl);
        assert_eq!(second.why, Why::LastStartFailed);
        let zh = second.start_message(Lang::Zh).unwrap();
        let en = second.start_message(Lang::En).unwrap();
        assert!(zh.contains("OpenGL") && zh.contains("wgpu"), "{zh}");
        assert!(en.contains("OpenGL") && en.contains("wgpu"), "{en}");
        assert_eq!(
            state.failed,
            Some(Failure {
                renderer: Renderer::Wgpu,
                at: "2026-12-01 09:01".into()
            })
        );
        // OpenGL reaches its first frame: the failure of wgpu is still remembered.
        assert!(state.first_frame(Renderer::Gl));
        assert_eq!(state.starting, None);
        let third = state.begin(None, NOW);
        assert_eq!(third.renderer, Renderer::Gl);
        assert_eq!(third.why, Why::AvoidingFailed);
        assert!(third.start_message(Lang::En).is_none(), "said only once");
    }

    #[test]
    fn a_start_that_reached_its_first_frame_leaves_nothing_to_notice() {
        let mut state = RendererState::default();
        state.begin(None, NOW);
        assert!(state.first_frame(Renderer::Wgpu));
        assert!(!state.first_frame(Renderer::Wgpu), "nothing left to save");
        assert_eq!(state.begin(None, NOW).renderer, Renderer::Wgpu);
        assert_eq!(state.failed, None);
    }

    #[test]
    fn compatibility_always_uses_opengl_and_choosing_again_forgets_a_failure() {
        let mut state = RendererState::default();
        state.begin(None, NOW);
        state.begin(None, NOW); // wgpu failed
        state.first_frame(Renderer::Gl);
        state.choose(RendererSetting::Compatibility);
        assert_eq!(state.failed, None);
        let choice = state.begin(None, NOW);
        assert_eq!((choice.renderer, choice.why), (Renderer::Gl, Why::Setting));
        state.first_frame(Renderer::Gl);
        state.choose(RendererSetting::Automatic);
        assert_eq!(
            state.begin(None, NOW).renderer,
            Renderer::Wgpu,
            "tried again"
        );
    }

    #[test]
    fn opengl_failing_under_compatibility_falls_back_to_wgpu() {
        let mut state = RendererState {
            setting: RendererSetting::Compatibility,
            ..Default::default()
        };
        state.begin(None, NOW);
        let choice = state.begin(None, NOW);
        assert_eq!(
            (choice.renderer, choice.why),
            (Renderer::Wgpu, Why::LastStartFailed)
        );
    }

    #[test]
    fn the_command_line_wins_and_a_renderer_that_works_is_no_longer_avoided() {
        let mut state = RendererState::default();
        state.begin(None, NOW);
        state.begin(None, NOW); // wgpu failed
        state.first_frame(Renderer::Gl);
        let forced = state.begin(Some(Renderer::Wgpu), NOW);
        assert_eq!(
            (forced.renderer, forced.why),
            (Renderer::Wgpu, Why::CommandLine)
        );
        assert!(state.first_frame(Renderer::Wgpu));
        assert_eq!(state.failed, None);
        assert_eq!(state.begin(None, NOW).renderer, Renderer::Wgpu);
    }

    #[test]
    fn an_error_from_wgpu_switches_to_opengl_at_once() {
        let mut state = RendererState::default();
        state.begin(None, NOW);
        let choice = state.failed_now(Renderer::Wgpu, NOW);
        assert_eq!(
            (choice.renderer, choice.why),
            (Renderer::Gl, Why::OtherUnavailable)
        );
        assert_eq!(state.starting, Some(Renderer::Gl));
        assert!(choice.start_message(Lang::Zh).is_some());
    }

    #[test]
    fn the_file_keeps_the_state_and_a_garbled_one_reads_as_a_first_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = RendererFile::in_folder(dir.path());
        assert_eq!(file.load(), RendererState::default(), "no file yet");
        let mut state = RendererState::default();
        state.choose(RendererSetting::Compatibility);
        state.begin(None, NOW);
        file.save(&state).unwrap();
        assert_eq!(file.load(), state);
        std::fs::write(file.path(), b"{ not json").unwrap();
        assert_eq!(file.load(), RendererState::default());
    }

    #[test]
    fn a_huge_file_reads_as_a_first_start_and_is_replaced_by_a_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = RendererFile::in_folder(dir.path());
        let mut huge = b"{\"setting\": \"compatibility\"}".to_vec();
        huge.resize(10 << 20, b' ');
        std::fs::write(file.path(), &huge).unwrap();
        let path = dir.path().to_path_buf();
        let start =
            crate::ui::state_file::tests::returns(move || RendererStart::begin(&path, None, true));
        assert_eq!(start.state.setting, RendererSetting::Automatic);
        assert!(std::fs::metadata(file.path()).unwrap().len() < 1024);
        assert_eq!(
            file.load().starting,
            Some(Renderer::Wgpu),
            "marked as usual"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_file_does_not_hold_up_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = RendererFile::in_folder(dir.path());
        crate::ui::state_file::tests::mkfifo(file.path());
        let path = dir.path().to_path_buf();
        let start =
            crate::ui::state_file::tests::returns(move || RendererStart::begin(&path, None, true));
        assert_eq!(start.choice.renderer, Renderer::Wgpu);
        // The start's mark replaced the FIFO with a plain file.
        assert!(std::fs::metadata(file.path()).unwrap().is_file());
        assert_eq!(file.load().starting, Some(Renderer::Wgpu));
    }
}
