//! The room left on the disk that holds the data folder, and when it is low enough to say so.
//!
//! A shop PC's system disk fills up quietly (updates, downloads, a camera's recordings); when it
//! is full, SQLite cannot write and the next incident is refused. The window warns before that:
//! [`LOW_ROOM`] is far more than POS Care needs for years, and little enough that Windows itself
//! is already short of room. A room that could not be read is not a warning (nothing is claimed).

use std::io;
use std::path::Path;

use crate::i18n::{Lang, T};

use super::faults;

/// Below this many bytes free, the window warns on every screen (500 MB).
pub const LOW_ROOM: u64 = 500 * MB;

/// Below this many bytes free, the disk is nearly full: the next record may not fit (said so,
/// not "cannot be saved": a small one still may).
pub const NO_ROOM: u64 = 16 * MB;

const MB: u64 = 1024 * 1024;
const GB: u64 = 1024 * MB;

/// The bytes this user may still write on the disk holding `dir`.
pub fn room_left(dir: &Path) -> io::Result<u64> {
    if let Some(injected) = faults::room(dir) {
        return injected;
    }
    fs4::available_space(dir)
}

/// The warning for `free` bytes left, or `None` when there is room enough.
pub fn room_warning(lang: Lang, free: u64) -> Option<String> {
    if free >= LOW_ROOM {
        None
    } else if free < NO_ROOM {
        Some(lang.t(T::RoomFull).to_owned())
    } else {
        Some(lang.fill(T::RoomLow, &[("size", &shown_size(free))]))
    }
}

/// A size as Windows' Explorer shows it: kilobytes below a megabyte (rounded up: a byte is
/// "1 KB", never "0"), whole megabytes below a gigabyte, then gigabytes with one decimal
/// ("512 KB", "180 MB", "1.4 GB").
pub fn shown_size(bytes: u64) -> String {
    if bytes < MB {
        format!("{} KB", bytes.div_ceil(1024))
    } else if bytes < GB {
        format!("{} MB", bytes / MB)
    } else {
        let tenths = bytes / (GB / 10);
        format!("{}.{} GB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_enough_says_nothing() {
        assert_eq!(room_warning(Lang::En, LOW_ROOM), None);
        assert_eq!(room_warning(Lang::Zh, 40 * GB), None);
    }

    #[test]
    fn low_room_names_what_is_left() {
        let said = room_warning(Lang::En, 180 * MB).unwrap();
        assert!(said.contains("180 MB"), "{said}");
        let said = room_warning(Lang::Zh, LOW_ROOM - 1).unwrap();
        assert!(said.contains("499 MB"), "{said}");
    }

    #[test]
    fn a_nearly_full_disk_is_said_nearly_full_not_refusing() {
        for free in [0, 5 * MB, NO_ROOM - 1] {
            let said = room_warning(Lang::En, free).unwrap();
            assert!(said.contains("nearly full"), "{said}");
            assert!(said.contains("may fail"), "{said}");
            assert!(!said.contains("cannot be saved"), "{said}");
        }
    }

    #[test]
    fn sizes_read_as_explorer_shows_them() {
        assert_eq!(shown_size(0), "0 KB");
        assert_eq!(shown_size(1), "1 KB");
        assert_eq!(shown_size(MB - 1), "1024 KB");
        assert_eq!(shown_size(MB), "1 MB");
        assert_eq!(shown_size(180 * MB + 5), "180 MB");
        assert_eq!(shown_size(GB), "1.0 GB");
        assert_eq!(shown_size(GB + GB / 2), "1.5 GB");
        assert_eq!(
            shown_size(u64::MAX),
            format!(
                "{}.{} GB",
                u64::MAX / (GB / 10) / 10,
                u64::MAX / (GB / 10) % 10
            )
        );
    }

    #[test]
    fn the_room_of_a_real_folder_can_be_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(room_left(dir.path()).is_ok());
    }
}
