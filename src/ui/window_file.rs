//! The window's size as eframe keeps it in [`super::WINDOW_FILE`], corrected for the zoom.
//!
//! eframe saves the window's inner size in egui points, which the zoom divides: a 1366-pixel
//! window at 200 % is saved as 683 points. It restores the size before the app has set its zoom,
//! that is at 100 %, so a window used at 200 % would come back half as wide at every start, down
//! to its minimum size. Before the window opens, the saved size is multiplied back by the zoom
//! it was saved under (the zoom setting, which is saved as soon as it changes). A note of the
//! corrected size beside it keeps a start that ends before eframe saves again (a crash) from
//! correcting the same record twice.

use std::path::Path;

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

/// Corrects the window record at `path` for `zoom` percent, written whole (a temporary file,
/// then renamed). A record that cannot be read or written is left as it is: the window then
/// opens at eframe's size, which is no loss.
pub fn unzoom_file(path: &Path, zoom_percent: u32) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let note = path.with_extension("ron.corrected");
    let corrected_before = std::fs::read_to_string(&note).ok();
    if saved_size(&text).is_some_and(|size| corrected_before.as_deref() == Some(size)) {
        // Corrected by an earlier start, and not saved by eframe since.
        return;
    }
    let Some(fixed) = unzoomed(&text, zoom_percent as f32 / 100.0) else {
        return;
    };
    let temp = path.with_extension("ron.new");
    let written = std::fs::write(&temp, &fixed)
        .and_then(|()| crate::files::rename(&temp, path))
        .and_then(|()| std::fs::write(&note, saved_size(&fixed).unwrap_or_default()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        eprintln!("poscare: the window's saved size was not corrected for the zoom: {e}");
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
        let path = dir.path().join("window.ron");
        unzoom_file(&path, 200);
        assert!(!path.exists());
        std::fs::write(&path, SAVED_AT_200).unwrap();
        unzoom_file(&path, 150);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("(x:1025.0,y:495.0)"), "{text}");
        // A start that ends before eframe saves again does not correct it twice.
        unzoom_file(&path, 150);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        // eframe saved again (at the zoom): corrected again.
        std::fs::write(&path, SAVED_AT_200).unwrap();
        unzoom_file(&path, 200);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("(x:1366.0,y:660.0)")
        );
    }
}
