//! The window record eframe keeps in [`WINDOW_FILE`]: made safe for eframe to open, and its size
//! corrected for the zoom.
//!
//! eframe opens the record with no questions asked, before the window exists: a FIFO in its
//! place would make the start wait forever for a writer (and every save wait for a reader), a
//! device or a huge file would be read without end. [`record_for_eframe`] hands eframe only a
//! record that is safe to open.
//!
//! eframe saves the window's inner size in egui points, which the zoom divides: a 1366-pixel
//! window at 200 % is saved as 683 points. It restores the size before the app has set its zoom,
//! that is at 100 %, so a window used at 200 % would come back half as wide at every start, down
//! to its minimum size. Before the window opens, the saved size is multiplied back by the zoom
//! it was saved under (the zoom setting, which is saved as soon as it changes). A note of the
//! corrected size beside it ([`NOTE_FILE`]) keeps a start that ends before eframe saves again (a
//! crash, a graphics driver that aborts) from correcting the same record twice, and so from
//! doubling the window at every such start.

use std::path::{Path, PathBuf};

use super::WINDOW_FILE;
use super::state_file::{self, Found};
use crate::files::{self, Target};

/// The note of the last corrected size, beside the record in the data folder.
pub const NOTE_FILE: &str = "window.ron.corrected";

/// The path to give eframe for its window record in the data folder `dir`.
///
/// A plain file of sane size (or none yet) is used as it is. Anything else is removed when the
/// window holds the folder (`may_fix`): it is only ever the window's own record, which eframe
/// rewrites whole at every close anyway; a folder is never removed. Otherwise, or when the
/// removal fails, eframe gets a name that no file system accepts (it holds a NUL): it then
/// reads nothing and writes nothing, and the window opens at its first size. (No path at all
/// would make eframe keep its record in a folder of its own choosing instead.)
pub fn record_for_eframe(dir: &Path, may_fix: bool) -> PathBuf {
    let path = dir.join(WINDOW_FILE);
    let found = match state_file::look(&path) {
        Ok(Found::Nothing | Found::Plain) => return path,
        Ok(found) => found,
        // Cannot even look (no permission): eframe cannot open it either.
        Err(_) => return path,
    };
    if may_fix && found != Found::Folder {
        match std::fs::remove_file(&path) {
            Ok(()) => {
                eprintln!(
                    "poscare: {} was {found:?}, not the window's record; removed it",
                    path.display()
                );
                return path;
            }
            Err(e) => eprintln!("poscare: {} could not be removed: {e}", path.display()),
        }
    }
    eprintln!(
        "poscare: {} is not the window's record ({found:?}); its size and place are not kept",
        path.display()
    );
    dir.join(format!("{WINDOW_FILE}\0unusable"))
}

/// The saved size's key in eframe's window record.
const SIZE_KEY: &str = "inner_size_points:(x:";

/// The saved size in `text`, as written there (`1366.0,y:660.0`).
fn saved_size(text: &str) -> Option<&str> {
    let start = text.find(SIZE_KEY)? + SIZE_KEY.len();
    let rest = &text[start..];
    Some(&rest[..rest.find(')')?])
}

/// Multiplies the saved inner size in `text` (eframe's window record) by `zoom`; `None` when
/// there is nothing to change or the record does not look as expected (it is then left alone).
pub fn unzoomed(text: &str, zoom: f32) -> Option<String> {
    if !(zoom.is_finite() && zoom > 1.0) {
        return None;
    }
    let size = saved_size(text)?;
    let (x, y) = size.split_once(",y:")?;
    let (x, y): (f32, f32) = (x.parse().ok()?, y.parse().ok()?);
    if !(x.is_finite() && y.is_finite() && x > 0.0 && y > 0.0) {
        return None;
    }
    let (x, y) = ((x * zoom).round(), (y * zoom).round());
    Some(text.replacen(
        &format!("{SIZE_KEY}{size})"),
        &format!("{SIZE_KEY}{x:.1},y:{y:.1})"),
        1,
    ))
}

/// Corrects the window record in the data folder `dir` for `zoom_percent`, written whole (a
/// temporary file, then renamed). A record that cannot be read (none, not a plain file, too
/// large) or written is left as it is: the window then opens at eframe's size, which is no loss.
pub fn unzoom_file(dir: &Path, zoom_percent: u32) {
    let Ok(text) = state_file::read_to_string(&dir.join(WINDOW_FILE)) else {
        return;
    };
    let corrected_before = state_file::read_to_string(&dir.join(NOTE_FILE)).ok();
    if saved_size(&text).is_some_and(|size| corrected_before.as_deref() == Some(size)) {
        // Corrected by an earlier start, and not saved by eframe since.
        return;
    }
    let Some(fixed) = unzoomed(&text, zoom_percent as f32 / 100.0) else {
        return;
    };
    let note = saved_size(&fixed).unwrap_or_default();
    let written = files::write_file(&Target::window_state(dir, WINDOW_FILE), fixed.as_bytes())
        .and_then(|()| files::write_file(&Target::window_state(dir, NOTE_FILE), note.as_bytes()));
    if let Err(e) = written {
        eprintln!(
            "poscare: the window's saved size was not corrected for the zoom: {}",
            e.message(crate::i18n::Lang::En)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAVED_AT_200: &str = "{\n    \"window\": \"(normal_geometry:(outer_position_pixels:Some((x:0.0,y:0.0)),scale_factor:1.0,inner_size_points:(x:683.0,y:330.0)),fullscreen:false,maximized:false)\",\n}";

    #[test]
    fn a_size_saved_at_200_percent_comes_back_whole() {
        let fixed = unzoomed(SAVED_AT_200, 2.0).unwrap();
        assert!(
            fixed.contains("inner_size_points:(x:1366.0,y:660.0)"),
            "{fixed}"
        );
        // Everything else as it was.
        assert_eq!(
            fixed.replace("x:1366.0,y:660.0", "x:683.0,y:330.0"),
            SAVED_AT_200
        );
    }

    #[test]
    fn at_100_percent_or_on_an_unexpected_record_nothing_changes() {
        assert_eq!(unzoomed(SAVED_AT_200, 1.0), None);
        assert_eq!(unzoomed("{}", 2.0), None);
        assert_eq!(unzoomed("inner_size_points:(x:abc,y:1.0)", 2.0), None);
        assert_eq!(unzoomed("inner_size_points:(x:-5.0,y:1.0)", 2.0), None);
        assert_eq!(unzoomed(SAVED_AT_200, f32::NAN), None);
    }

    #[test]
    fn the_file_is_rewritten_whole_and_a_missing_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WINDOW_FILE);
        unzoom_file(dir.path(), 200);
        assert!(!path.exists());
        std::fs::write(&path, SAVED_AT_200).unwrap();
        unzoom_file(dir.path(), 150);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("(x:1025.0,y:495.0)"), "{text}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(NOTE_FILE)).unwrap(),
            "1025.0,y:495.0"
        );
        // A start that ends before eframe saves again does not correct it twice.
        unzoom_file(dir.path(), 150);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        // eframe saved again (at the zoom): corrected again.
        std::fs::write(&path, SAVED_AT_200).unwrap();
        unzoom_file(dir.path(), 200);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("(x:1366.0,y:660.0)")
        );
    }

    /// What eframe does with the record it is given: open it and read it whole.
    fn eframe_reads(path: PathBuf) -> Option<Vec<u8>> {
        state_file::tests::returns(move || {
            use std::io::Read;
            let mut bytes = Vec::new();
            let mut file = std::fs::File::open(path).ok()?;
            file.read_to_end(&mut bytes).ok()?;
            Some(bytes)
        })
    }

    #[test]
    fn a_huge_record_is_removed_by_the_window_holding_the_folder_and_ignored_by_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WINDOW_FILE);
        assert_eq!(record_for_eframe(dir.path(), true), path, "none yet");
        std::fs::write(&path, SAVED_AT_200).unwrap();
        assert_eq!(record_for_eframe(dir.path(), true), path, "a real record");
        assert!(path.exists());

        std::fs::write(&path, vec![b' '; 10 << 20]).unwrap();
        // The correction does not read it (and changes nothing).
        let d = dir.path().to_path_buf();
        state_file::tests::returns(move || unzoom_file(&d, 200));
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 10 << 20);
        // A window that does not hold the folder leaves it, and eframe reads nothing.
        let given = record_for_eframe(dir.path(), false);
        assert_ne!(given, path);
        assert!(path.exists());
        assert_eq!(eframe_reads(given), None);
        // The window holding the folder removes it: eframe starts afresh.
        assert_eq!(record_for_eframe(dir.path(), true), path);
        assert!(!path.exists());
    }

    #[test]
    fn a_folder_in_the_records_place_is_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WINDOW_FILE);
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("keep"), b"x").unwrap();
        let given = record_for_eframe(dir.path(), true);
        assert_ne!(given, path);
        assert!(path.join("keep").exists());
        assert_eq!(eframe_reads(given), None);
        unzoom_file(dir.path(), 200);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_as_the_record_or_its_note_does_not_hold_up_the_start() {
        use state_file::tests::{mkfifo, returns};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WINDOW_FILE);
        mkfifo(&path);
        let d = dir.path().to_path_buf();
        returns(move || unzoom_file(&d, 200));
        // Not the window's: eframe is given a name it cannot open, which it does at once.
        let given = record_for_eframe(dir.path(), false);
        assert_ne!(given, path);
        assert_eq!(eframe_reads(given), None);
        // The window holding the folder removes the FIFO (only its name: there is no data).
        assert_eq!(record_for_eframe(dir.path(), true), path);
        assert!(std::fs::symlink_metadata(&path).is_err());

        // A FIFO as the note, and as the temporary name a correction would once have used.
        std::fs::write(&path, SAVED_AT_200).unwrap();
        mkfifo(&dir.path().join(NOTE_FILE));
        mkfifo(&dir.path().join("window.ron.new"));
        let d = dir.path().to_path_buf();
        returns(move || unzoom_file(&d, 200));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("(x:1366.0,y:660.0)"),
            "corrected all the same: {text}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(NOTE_FILE)).unwrap(),
            "1366.0,y:660.0",
            "the FIFO was replaced by the note"
        );
    }
}
