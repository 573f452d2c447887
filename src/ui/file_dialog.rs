//! The system's file dialogs ("choose a folder", "save as"), and what happens where there is
//! none: a Linux desktop without the XDG file-chooser portal, a remote session, the tests.
//!
//! A dialog that comes back with nothing faster than a person could press Cancel was never
//! shown: from then on this session knows there is no dialog, the buttons say so, and every
//! place that chose a file by dialog takes a typed path instead (a field already on the screen,
//! filled with a suggested full path where it was empty).

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::Ui;

use crate::i18n::{Lang, T};
use crate::ui::widgets::muted;

/// Faster than this, an empty answer means no dialog was shown (nobody cancels that fast).
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

/// What a dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// The path chosen.
    Path(PathBuf),
    /// The person cancelled.
    Cancelled,
    /// There is no dialog on this computer: ask for a typed path.
    Unavailable,
}

/// The file dialogs of this session: the system's, until one is found missing.
#[derive(Debug)]
pub struct FileDialogs {
    available: Cell<bool>,
}

impl FileDialogs {
    /// The system's dialogs (`native`), or none at all (the tests: a dialog would wait for a
    /// person who is not there).
    pub fn new(native: bool) -> Self {
        FileDialogs {
            available: Cell::new(native),
        }
    }

    /// Whether the system's dialogs are (still thought to be) there.
    pub fn available(&self) -> bool {
        self.available.get()
    }

    /// "Save as", suggesting `name`, with an optional filter (`("HTML", &["html"])`).
    pub fn save_file(&self, name: &str, filter: Option<(&str, &[&str])>) -> Picked {
        self.ask(|| with_filter(rfd::FileDialog::new().set_file_name(name), filter).save_file())
    }

    /// Where to save an HTML page suggested as `name`: the `typed` path when there is one, else
    /// what the "Save as" dialog gives; a folder gets `name` inside it.
    pub fn html_target(&self, typed: Option<PathBuf>, name: &str) -> Picked {
        let path = match typed {
            Some(path) => path,
            None => match self.save_file(name, Some(("HTML", &["html"]))) {
                Picked::Path(path) => path,
                other => return other,
            },
        };
        Picked::Path(if path.is_dir() {
            path.join(name)
        } else if path.extension().is_none() {
            // A name typed without an ending gets ".html": without it, the page does not
            // open with a double click.
            path.with_extension("html")
        } else {
            path
        })
    }

    /// "Open", with an optional filter.
    pub fn pick_file(&self, filter: Option<(&str, &[&str])>) -> Picked {
        self.ask(|| with_filter(rfd::FileDialog::new(), filter).pick_file())
    }

    /// "Choose a folder".
    pub fn pick_folder(&self) -> Picked {
        self.ask(|| rfd::FileDialog::new().pick_folder())
    }

    fn ask(&self, show: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if !self.available.get() {
            return Picked::Unavailable;
        }
        let asked = Instant::now();
        match show() {
            Some(path) => Picked::Path(path),
            None if asked.elapsed() < NO_DIALOG_WITHIN => {
                self.available.set(false);
                Picked::Unavailable
            }
            None => Picked::Cancelled,
        }
    }
}

/// A "Choose…" button that opens a dialog: usable while the system's dialogs are there,
/// greyed otherwise. Returns whether it was clicked. [`no_dialog_note`] goes at the end of its
/// row, so that no button moves when the note appears.
pub fn choose_button(ui: &mut Ui, lang: Lang, dialogs: &FileDialogs, label: &str) -> bool {
    ui.add_enabled(dialogs.available(), egui::Button::new(label))
        .on_disabled_hover_text(lang.t(T::NoFileDialog))
        .clicked()
}

/// Where there is no file dialog: "type the full path instead".
pub fn no_dialog_note(ui: &mut Ui, lang: Lang, dialogs: &FileDialogs) {
    if !dialogs.available() {
        muted(ui, lang.t(T::NoFileDialog));
    }
}

fn with_filter(dialog: rfd::FileDialog, filter: Option<(&str, &[&str])>) -> rfd::FileDialog {
    match filter {
        Some((name, extensions)) => dialog.add_filter(name, extensions),
        None => dialog,
    }
}

/// A full path to suggest for a file called `name` when it must be typed: in the Documents
/// folder (else the home folder), never inside the data folder `data_dir`.
pub fn suggested_path(name: &str, data_dir: &Path) -> PathBuf {
    let folder = directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .filter(|f| !f.starts_with(data_dir))
        .unwrap_or_else(|| data_dir.parent().unwrap_or(data_dir).to_path_buf());
    folder.join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_empty_answer_means_no_dialog_and_is_remembered() {
        let dialogs = FileDialogs::new(true);
        assert_eq!(dialogs.ask(|| None), Picked::Unavailable);
        assert!(!dialogs.available());
        // Never asked again this session.
        let mut asked = false;
        assert_eq!(
            dialogs.ask(|| {
                asked = true;
                Some(PathBuf::from("x"))
            }),
            Picked::Unavailable
        );
        assert!(!asked);
    }

    #[test]
    fn a_slow_empty_answer_is_a_cancel_and_a_path_is_a_path() {
        let dialogs = FileDialogs::new(true);
        let slow = || {
            std::thread::sleep(NO_DIALOG_WITHIN + Duration::from_millis(20));
            None
        };
        assert_eq!(dialogs.ask(slow), Picked::Cancelled);
        assert!(dialogs.available());
        let chosen = PathBuf::from("/media/usb");
        assert_eq!(dialogs.ask(|| Some(chosen.clone())), Picked::Path(chosen));
    }

    #[test]
    fn the_suggested_path_is_never_inside_the_data_folder() {
        let data = std::env::temp_dir().join("poscare-data");
        let path = suggested_path("sheet.html", &data);
        assert_eq!(path.file_name().unwrap(), "sheet.html");
        assert!(!path.starts_with(&data));
    }
}
