//! What the system said when a file could not be read or written, kept with its kind so that the
//! message can say the common causes in plain words of the user's language ("no permission",
//! "the drive is read-only", "the name is too long") instead of "Permission denied (os error 13)"
//! inside a Chinese sentence. Anything else is shown as the system said it.

use std::io;

use crate::i18n::{Lang, T};

/// A cause the user can act on, and which trying again later does not cure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lasting {
    /// This account may not read or write there.
    NoPermission,
    /// The drive (or the USB stick) is read-only.
    ReadOnly,
    /// The path or a name in it is too long for the system.
    NameTooLong,
    /// The disk is full.
    DiskFull,
}

/// Why a file operation failed: a [`Lasting`] cause when the system's error is one, and always
/// what the system said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    lasting: Option<Lasting>,
    said: String,
}

impl Cause {
    /// From an error of the OS.
    pub fn of(e: &io::Error) -> Cause {
        Cause {
            lasting: lasting(e),
            said: e.to_string(),
        }
    }

    /// A cause known only by its text (SQLite's message, an internal reason).
    pub fn said(text: impl Into<String>) -> Cause {
        Cause {
            lasting: None,
            said: text.into(),
        }
    }

    /// A lasting cause reported by something other than the OS (SQLite's error codes).
    pub fn known(lasting: Lasting, text: impl Into<String>) -> Cause {
        Cause {
            lasting: Some(lasting),
            said: text.into(),
        }
    }

    /// The cause the user can act on, if it is one.
    pub fn lasting(&self) -> Option<Lasting> {
        self.lasting
    }

    /// The cause of a failure on this PC's own disk (the data folder's backups), in the user's
    /// language: as [`Cause::message`], but a read-only folder is no USB stick's switch.
    pub fn message_here(&self, lang: Lang) -> String {
        match self.lasting {
            Some(Lasting::ReadOnly) => lang.t(T::CauseReadOnlyHere).to_owned(),
            _ => self.message(lang),
        }
    }

    /// The cause in the user's language: plain words for a lasting cause, else what the system
    /// said.
    pub fn message(&self, lang: Lang) -> String {
        match self.lasting {
            Some(Lasting::NoPermission) => lang.t(T::CauseNoPermission).to_owned(),
            Some(Lasting::ReadOnly) => lang.t(T::CauseReadOnly).to_owned(),
            Some(Lasting::NameTooLong) => lang.t(T::CauseNameTooLong).to_owned(),
            Some(Lasting::DiskFull) => lang.t(T::CauseDiskFull).to_owned(),
            None => self.said.clone(),
        }
    }
}

fn lasting(e: &io::Error) -> Option<Lasting> {
    match e.kind() {
        io::ErrorKind::PermissionDenied => Some(Lasting::NoPermission),
        io::ErrorKind::ReadOnlyFilesystem => Some(Lasting::ReadOnly),
        io::ErrorKind::InvalidFilename => Some(Lasting::NameTooLong),
        _ if crate::files::is_disk_full(e) => Some(Lasting::DiskFull),
        // ERROR_FILENAME_EXCED_RANGE (206) on Windows: the path is longer than 260 characters.
        _ if cfg!(windows) && e.raw_os_error() == Some(206) => Some(Lasting::NameTooLong),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_causes_are_said_in_plain_words_of_each_language() {
        let denied = Cause::of(&io::Error::from(io::ErrorKind::PermissionDenied));
        assert_eq!(denied.lasting(), Some(Lasting::NoPermission));
        assert!(!denied.message(Lang::Zh).contains("os error"));
        assert!(denied.message(Lang::Zh).contains("权限"));
        assert!(denied.message(Lang::En).contains("permission"));
        let read_only = Cause::of(&io::Error::from(io::ErrorKind::ReadOnlyFilesystem));
        assert!(read_only.message(Lang::Zh).contains("只读"));
        // On this PC's own disk it is no USB stick's switch (a tester looked for one).
        for lang in Lang::ALL {
            let here = read_only.message_here(lang);
            assert!(!here.contains("U 盘") && !here.contains("USB"), "{here}");
        }
        assert!(read_only.message_here(Lang::Zh).contains("只读"));
        let long = Cause::of(&io::Error::from(io::ErrorKind::InvalidFilename));
        assert!(long.message(Lang::Zh).contains("太长"));
    }

    #[cfg(unix)]
    #[test]
    fn the_errors_of_unix_map_to_their_causes() {
        for (errno, cause) in [
            (13, Lasting::NoPermission),
            (30, Lasting::ReadOnly),
            (36, Lasting::NameTooLong),
            (28, Lasting::DiskFull),
        ] {
            let e = io::Error::from_raw_os_error(errno);
            assert_eq!(Cause::of(&e).lasting(), Some(cause), "errno {errno}");
        }
    }

    #[test]
    fn anything_else_is_shown_as_the_system_said_it() {
        let other = Cause::of(&io::Error::other("the stick went away"));
        assert_eq!(other.lasting(), None);
        assert_eq!(other.message(Lang::Zh), "the stick went away");
    }
}
