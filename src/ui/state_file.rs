//! Reading the window's own small files in the data folder (`renderer.json`, `window.ron` and
//! its note, `window.port`) without ever waiting on them.
//!
//! Something else may sit under one of those names: a FIFO (opening one for reading waits for a
//! writer, forever), a device (read without end), a huge file, or, on Windows, a file another
//! program holds for a moment. A start must not hang on any of them, and what they hold is only a
//! preference or a hint: so only a plain file of at most [`MAX_LEN`] bytes is read, it is opened
//! without waiting, and anything else is an error that the caller reads as "no state" (the
//! defaults).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::time::Duration;

/// The most a state file may hold. The real ones hold a few hundred bytes; a larger file is not
/// one the window wrote.
pub const MAX_LEN: u64 = 64 * 1024;

/// What is at a state file's name, seen without opening it (links followed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing.
    Nothing,
    /// A plain file of at most [`MAX_LEN`] bytes: safe to read.
    Plain,
    /// A folder.
    Folder,
    /// Neither a plain file nor a folder: a FIFO, a device or a socket.
    Special,
    /// A plain file larger than [`MAX_LEN`].
    TooLarge,
}

impl Found {
    /// Why a file of this kind is not read, for the error.
    fn refusal(self) -> io::Error {
        let why = match self {
            Found::Nothing => return io::ErrorKind::NotFound.into(),
            Found::Plain => "changed while it was being read",
            Found::Folder => "a folder, not a file",
            Found::Special => "not a plain file (a pipe or a device)",
            Found::TooLarge => "larger than 64 KiB",
        };
        io::Error::new(io::ErrorKind::InvalidData, why)
    }
}

/// Looks at what is at `path` without opening it.
pub fn look(path: &Path) -> io::Result<Found> {
    match std::fs::metadata(path) {
        Ok(meta) => Ok(kind(&meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Found::Nothing),
        Err(e) => Err(e),
    }
}

fn kind(meta: &std::fs::Metadata) -> Found {
    if meta.is_dir() {
        Found::Folder
    } else if !meta.is_file() {
        Found::Special
    } else if meta.len() > MAX_LEN {
        Found::TooLarge
    } else {
        Found::Plain
    }
}

/// The whole content of the state file at `path`: an error of kind `NotFound` when there is
/// none, `InvalidData` when it is not a plain file of at most [`MAX_LEN`] bytes.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    // Look first: a device is never even opened (opening some has effects of its own).
    match look(path)? {
        Found::Plain => {}
        other => return Err(other.refusal()),
    }
    let file = open_in_time(path)?;
    // Whatever was swapped in between the look and the open is refused here.
    match kind(&file.metadata()?) {
        Found::Plain => {}
        other => return Err(other.refusal()),
    }
    let mut bytes = Vec::new();
    file.take(MAX_LEN + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_LEN {
        // It grew while it was being read.
        return Err(Found::TooLarge.refusal());
    }
    Ok(bytes)
}

/// [`read`] as UTF-8 text.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Opens `path` for reading without waiting on it. On Windows an antivirus or the search indexer
/// may hold a file just written for a moment: tried again briefly (a quarter of a second in all),
/// so a merchant's choice is not read as the default because of it.
fn open_in_time(path: &Path) -> io::Result<File> {
    let mut tries = 0;
    loop {
        match open_without_waiting(path) {
            Err(e) if crate::files::is_in_use(&e) && tries < 4 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(25 * tries));
            }
            other => return other,
        }
    }
}

/// On Unix, with O_NONBLOCK: a FIFO swapped in after the look opens at once (and is then
/// refused) instead of waiting for a writer. A plain file reads as usual.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

/// Elsewhere no file in a folder can make an open wait (Windows has no FIFOs there).
#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Makes a FIFO at `path` (Unix), as something other than the window may.
    #[cfg(unix)]
    pub(crate) fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(status.success(), "mkfifo {}", path.display());
    }

    /// Runs `f` on a thread and returns its result, failing the test if it has not returned
    /// within ten seconds (a read that waits on a FIFO never would).
    pub(crate) fn returns<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(10))
            .expect("returned instead of waiting")
    }

    fn read_in_thread(path: &Path) -> io::Result<Vec<u8>> {
        let path = PathBuf::from(path);
        returns(move || read(&path))
    }

    #[test]
    fn a_small_plain_file_is_read_and_a_missing_one_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("renderer.json");
        assert_eq!(
            read(&path).unwrap_err().kind(),
            io::ErrorKind::NotFound,
            "none yet"
        );
        std::fs::write(&path, b"{}").unwrap();
        assert_eq!(read(&path).unwrap(), b"{}");
        assert_eq!(look(&path).unwrap(), Found::Plain);
    }

    #[test]
    fn a_huge_file_or_a_folder_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("window.ron");
        std::fs::write(&path, vec![b'x'; 10 << 20]).unwrap();
        assert_eq!(look(&path).unwrap(), Found::TooLarge);
        assert_eq!(
            read_in_thread(&path).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
        std::fs::write(&path, vec![b'x'; MAX_LEN as usize]).unwrap();
        assert_eq!(read(&path).unwrap().len() as u64, MAX_LEN, "at the limit");
        let folder = dir.path().join("window.port");
        std::fs::create_dir(&folder).unwrap();
        assert_eq!(look(&folder).unwrap(), Found::Folder);
        assert_eq!(
            read(&folder).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_also_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("window.port");
        mkfifo(&fifo);
        assert_eq!(look(&fifo).unwrap(), Found::Special);
        assert_eq!(
            read_in_thread(&fifo).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
        let link = dir.path().join("renderer.json");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        assert_eq!(
            read_in_thread(&link).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
        // Even opened directly (as if swapped in after the look), it does not wait.
        let opened = returns(move || {
            open_without_waiting(&fifo)
                .and_then(|f| f.metadata())
                .map(|m| kind(&m))
        });
        assert_eq!(opened.unwrap(), Found::Special);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused() {
        assert_eq!(look(Path::new("/dev/zero")).unwrap(), Found::Special);
        assert_eq!(
            read_in_thread(Path::new("/dev/zero")).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }
}
