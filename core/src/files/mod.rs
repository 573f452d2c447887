//! The one way the app writes files: a temporary name in the target's folder, the bytes, a flush
//! to disk through a handle opened for writing (Windows needs that), the rename to the final name
//! (retried while Windows or an antivirus briefly holds the file), and a flush of the folder where
//! the OS allows it. A failure leaves the target as it was and removes the temporary file.
//!
//! Files the merchant chooses (exports, call sheets, printed plans, backups to a USB stick) go
//! through [`Target::outside`], which refuses the data folder, any existing SQLite database, and
//! anything that is not a plain file (a folder, a device, a pipe), and asks before replacing an
//! existing file. Backups, written by SQLite (`VACUUM INTO`) under a temporary name, are finished
//! with [`seal`]: the same flush and rename.
//!
//! A folder flush that fails after the rename is not ignored: the file has its name, but the disk
//! did not confirm the new name is stored, and the caller hears so ([`WriteError::Unconfirmed`],
//! [`SealError::Unconfirmed`]). Before writing into a folder the merchant chose, the app removes
//! its own leftovers there ([`clear_leftovers`]: temporary files of a write that was killed or
//! whose USB stick was pulled), and nothing else.

pub mod faults;

mod cause;
mod leftovers;
mod room;
mod target;

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

pub use cause::{Cause, Lasting};
pub use leftovers::{LEFTOVER_AGE, clear_leftovers, is_leftover_name, process_ended};
pub use room::{LOW_ROOM, NO_ROOM, room_left, room_warning, shown_size};
pub use target::{Existing, Target, inside_folder, outside_folder};

use crate::i18n::{Lang, T};

/// The first bytes of every SQLite database file.
pub const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Why a file was not written. In every case the target is as it was before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// No file name was given.
    NoName,
    /// The target is inside the data folder, which only the app itself writes.
    InsideDataFolder(PathBuf),
    /// The target is an existing SQLite database (the app's data, a backup, another program's).
    IsDatabase(PathBuf),
    /// The target exists but is not a plain file (a folder, a device, a pipe).
    NotAFile(PathBuf),
    /// The target exists and replacing it was not confirmed.
    Exists(PathBuf),
    /// The target exists and is read-only: someone protected it, and it is not replaced (a new
    /// file put in its place would not be).
    ReadOnlyFile(PathBuf),
    /// The folder does not exist.
    NoFolder(PathBuf),
    /// The folder above a folder to be made does not exist (a USB stick not plugged in).
    NoParent(PathBuf),
    /// A folder was asked for (where a backup goes), and this is a file (or a device).
    NotAFolder(PathBuf),
    /// The disk is full.
    DiskFull,
    /// Another program has the file open (Windows refuses to replace it).
    InUse(PathBuf),
    /// The system refused for another reason.
    Io(Cause),
    /// The file was written and has its name, but flushing its folder failed: the disk did not
    /// confirm that the new name is stored (the file may be gone after a power cut or when the
    /// USB stick is pulled). What the OS said.
    Unconfirmed(PathBuf, String),
}

impl WriteError {
    /// From an error of the OS while writing `path`.
    pub fn from_io(e: &io::Error, path: &Path) -> WriteError {
        if is_disk_full(e) {
            WriteError::DiskFull
        } else if is_in_use(e) {
            WriteError::InUse(path.to_path_buf())
        } else {
            WriteError::Io(Cause::of(e))
        }
    }

    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let path = |p: &Path| p.display().to_string();
        match self {
            WriteError::NoName => lang.t(T::FileErrNoName).to_owned(),
            WriteError::InsideDataFolder(p) => {
                lang.fill(T::FileErrInsideData, &[("path", &path(p))])
            }
            WriteError::IsDatabase(p) => lang.fill(T::FileErrIsDatabase, &[("path", &path(p))]),
            WriteError::NotAFile(p) => lang.fill(T::FileErrNotAFile, &[("path", &path(p))]),
            WriteError::Exists(p) => lang.fill(T::FileErrExists, &[("path", &path(p))]),
            WriteError::ReadOnlyFile(p) => lang.fill(T::FileErrReadOnlyFile, &[("path", &path(p))]),
            WriteError::NoFolder(p) => lang.fill(T::FileErrNoFolder, &[("path", &path(p))]),
            WriteError::NoParent(p) => lang.fill(T::FileErrNoParent, &[("path", &path(p))]),
            WriteError::NotAFolder(p) => lang.fill(T::FileErrNotAFolder, &[("path", &path(p))]),
            WriteError::DiskFull => lang.t(T::FileErrDiskFull).to_owned(),
            WriteError::InUse(p) => lang.fill(T::FileErrInUse, &[("path", &path(p))]),
            WriteError::Io(c) => lang.fill(T::FileErrIo, &[("detail", &c.message(lang))]),
            WriteError::Unconfirmed(p, d) => {
                lang.fill(T::FileErrUnconfirmed, &[("path", &path(p)), ("detail", d)])
            }
        }
    }
}

/// Whether an OS error means the disk is full.
pub fn is_disk_full(e: &io::Error) -> bool {
    // ENOSPC on Unix; ERROR_DISK_FULL (112) and ERROR_HANDLE_DISK_FULL (39) on Windows.
    e.kind() == io::ErrorKind::StorageFull
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(39 | 112)))
}

/// Whether an OS error means another program holds the file (Windows sharing rules).
pub fn is_in_use(e: &io::Error) -> bool {
    // ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33).
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

use faults::{Op as FaultOp, hit as fault};

/// A file being written under a temporary name; [`AtomicFile::commit`] gives it the target's
/// name. Dropped without a commit (an error, a cancel), the temporary file is removed.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    out: Option<BufWriter<File>>,
    /// A file the merchant chose (not one of the window's own state files in the data folder):
    /// a folder flush that fails is an error.
    outside: bool,
}

impl AtomicFile {
    /// Starts writing `target` (checked already: see [`Target`]). In a folder the merchant chose,
    /// the app's own leftovers of earlier interrupted writes are removed first.
    pub fn create(target: &Target) -> Result<AtomicFile, WriteError> {
        let outside = target.is_outside();
        let target = target.path().to_path_buf();
        let (dir, name) = split(&target)?;
        if outside {
            clear_leftovers(dir);
        }
        for n in 0..1000u32 {
            let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
            let opened = fault(FaultOp::Create, &temp)
                .and_then(|()| OpenOptions::new().write(true).create_new(true).open(&temp));
            match opened {
                Ok(file) => {
                    return Ok(AtomicFile {
                        target,
                        temp,
                        out: Some(BufWriter::with_capacity(1 << 16, file)),
                        outside,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(WriteError::NoFolder(dir.to_path_buf()));
                }
                Err(e) => return Err(WriteError::from_io(&e, &target)),
            }
        }
        Err(WriteError::Io(Cause::said("no free temporary name")))
    }

    /// The file's final name.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes everything to disk and gives the file its final name. When the folder cannot be
    /// flushed afterwards, a file the merchant chose has its name but the error says the disk did
    /// not confirm it ([`WriteError::Unconfirmed`]); the window's own state files are kept as
    /// they are.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let target = self.target.clone();
        let io_err = |e: io::Error| WriteError::from_io(&e, &target);
        let out = self
            .out
            .take()
            .ok_or(WriteError::Io(Cause::said("already closed")))?;
        let file = out.into_inner().map_err(|e| io_err(e.into_error()))?;
        fault(FaultOp::Sync, &self.temp).map_err(io_err)?;
        file.sync_all().map_err(io_err)?;
        drop(file);
        rename(&self.temp, &self.target).map_err(io_err)?;
        // Renamed: nothing left to clean up.
        self.temp = PathBuf::new();
        match try_sync_dir(folder_of(&self.target)) {
            Err(e) if self.outside => Err(WriteError::Unconfirmed(target, e.to_string())),
            _ => Ok(()),
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        fault(FaultOp::Write, &self.temp)?;
        match &mut self.out {
            Some(out) => out.write(buf),
            None => Err(io::Error::other("already closed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        drop(self.out.take());
        if !self.temp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` as the whole new content of `target`.
pub fn write_file(target: &Target, bytes: &[u8]) -> Result<(), WriteError> {
    let mut file = AtomicFile::create(target)?;
    file.write_all(bytes)
        .map_err(|e| WriteError::from_io(&e, target.path()))?;
    file.commit()
}

/// Writes `bytes` as the whole new content of `target`, readable by this account only (on Unix
/// the temporary file is narrowed before anything is written, so the contents are never open to
/// others, not even for a moment; on Windows the profile folder already is this user's).
pub fn write_private(target: &Target, bytes: &[u8]) -> Result<(), WriteError> {
    let mut file = AtomicFile::create(target)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Some(out) = &file.out {
            out.get_ref()
                .set_permissions(fs::Permissions::from_mode(0o600))
                .map_err(|e| WriteError::from_io(&e, target.path()))?;
        }
    }
    file.write_all(bytes)
        .map_err(|e| WriteError::from_io(&e, target.path()))?;
    file.commit()
}

/// The folder and file name of `path`.
fn split(path: &Path) -> Result<(&Path, String), WriteError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or(WriteError::NoName)?;
    Ok((folder_of(path), name))
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Why [`seal`] did not finish.
#[derive(Debug)]
pub enum SealError {
    /// Flushing or renaming the temporary file failed: the target does not carry it.
    Failed(io::Error),
    /// The file has its final name, but flushing the folder failed: the disk did not confirm
    /// that the name is stored.
    Unconfirmed(io::Error),
}

/// For a file another writer made (SQLite's `VACUUM INTO`) under the temporary name `temp`:
/// flushes it to disk and renames it to `target`, then flushes the folder (where the OS can).
pub fn seal(temp: &Path, target: &Path) -> Result<(), SealError> {
    sync_file(temp).map_err(SealError::Failed)?;
    rename(temp, target).map_err(SealError::Failed)?;
    try_sync_dir(folder_of(target)).map_err(SealError::Unconfirmed)
}

/// Flushes a closed file to disk. The handle is opened for writing: Windows refuses to flush a
/// read-only handle ("Access denied").
pub fn sync_file(path: &Path) -> io::Result<()> {
    fault(FaultOp::Sync, path)?;
    OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Renames `from` to `to`, replacing `to`. On Windows an antivirus or the search indexer may
/// hold either file for a moment: the rename is retried for about a second, as SQLite does.
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    fault(FaultOp::Rename, to)?;
    let mut tries = 0;
    loop {
        match fs::rename(from, to) {
            Err(e) if is_in_use(&e) && tries < 10 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(25 * tries));
            }
            other => return other,
        }
    }
}

/// Flushes a folder's entries (new names) to disk where it can be done, ignoring a failure (for
/// the data folder's own housekeeping; files the merchant is told about use [`try_sync_dir`]).
pub fn sync_dir(dir: &Path) {
    let _ = try_sync_dir(dir);
}

/// Flushes a folder's entries (new names) to disk. Where the OS or the file system has no such
/// flush, it is skipped and counts as done: on Windows (a folder cannot be opened for
/// flushing), a folder this user may not open for reading, and a file system that does not
/// support it (`EINVAL`). Any other error (an I/O error: the USB stick was pulled) is returned.
pub fn try_sync_dir(dir: &Path) -> io::Result<()> {
    fault(FaultOp::SyncFolder, dir)?;
    #[cfg(unix)]
    {
        let folder = match File::open(dir) {
            Ok(folder) => folder,
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Ok(()),
            Err(e) => return Err(e),
        };
        match folder.sync_all() {
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
                ) =>
            {
                Ok(())
            }
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Reads up to `n` bytes from the start of `path`.
pub fn read_head(path: &Path, n: usize) -> io::Result<Vec<u8>> {
    fault(FaultOp::Read, path)?;
    let mut head = Vec::with_capacity(n);
    File::open(path)?.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Reads all of `path`, to tell a file the disk cannot read (a bad sector: an I/O error) from
/// one whose bytes read fine. The bytes are not kept.
pub fn read_through(path: &Path) -> io::Result<u64> {
    fault(FaultOp::Read, path)?;
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => total += n as u64,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Whether `path` is a SQLite database file (by its first bytes).
pub fn is_sqlite_file(path: &Path) -> bool {
    read_head(path, SQLITE_HEADER.len()).is_ok_and(|h| h.as_slice() == SQLITE_HEADER)
}

/// Which side of a copy failed.
#[derive(Debug)]
pub enum CopyError {
    /// The source is not a plain file (a folder, a device, a pipe).
    NotAFile,
    /// Reading the source failed.
    Source(io::Error),
    /// Writing the copy failed.
    Destination(io::Error),
}

/// Copies the plain file `from` to the new file `to` (which must not exist), flushed to disk.
/// Tells reading problems (the source's fault) from writing problems (the destination's disk).
/// A failed copy is removed.
pub fn copy_new(from: &Path, to: &Path) -> Result<u64, CopyError> {
    let meta = fs::metadata(from).map_err(CopyError::Source)?;
    if !meta.is_file() {
        return Err(CopyError::NotAFile);
    }
    let mut source = File::open(from).map_err(CopyError::Source)?;
    // The source may have turned into something else between the check and the open.
    if !source.metadata().map_err(CopyError::Source)?.is_file() {
        return Err(CopyError::NotAFile);
    }
    fault(FaultOp::Create, to).map_err(CopyError::Destination)?;
    let mut dest = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)
        .map_err(CopyError::Destination)?;
    let result = (|| {
        let mut buf = vec![0u8; 1 << 16];
        let mut total = 0u64;
        loop {
            fault(FaultOp::Read, from).map_err(CopyError::Source)?;
            let n = match source.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(CopyError::Source(e)),
            };
            fault(FaultOp::Write, to).map_err(CopyError::Destination)?;
            dest.write_all(&buf[..n]).map_err(CopyError::Destination)?;
            total += n as u64;
        }
        fault(FaultOp::Sync, to).map_err(CopyError::Destination)?;
        dest.sync_all().map_err(CopyError::Destination)?;
        Ok(total)
    })();
    drop(dest);
    if result.is_err() {
        let _ = fs::remove_file(to);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_replaces_the_old_one_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("表格 1.csv");
        fs::write(&path, "old").unwrap();
        let target = Target::outside(&path, &dir.path().join("data"), Existing::Replace).unwrap();
        write_file(&target, "新内容".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "新内容");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unfinished_file_is_removed_and_the_old_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        fs::write(&path, "old").unwrap();
        let target = Target::outside(&path, &dir.path().join("data"), Existing::Replace).unwrap();
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A private file is never readable by others: the temporary copy is narrowed before its
    /// contents are written (seen while a slow write holds it open).
    #[cfg(unix)]
    #[test]
    fn a_private_file_is_owner_only_before_its_contents_are_written() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_path_buf();
        let path = folder.join("window.port");
        faults::inject(
            FaultOp::Write,
            ".window.port.",
            faults::Fault::Slow(1500),
            1,
        );
        let writer = {
            let folder = folder.clone();
            std::thread::spawn(move || {
                write_private(&Target::window_state(&folder, "window.port"), b"token")
            })
        };
        let temp = loop {
            let found = fs::read_dir(&folder)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "tmp"));
            if let Some(temp) = found {
                break temp;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        };
        // Well inside the slow write.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let mode = fs::metadata(&temp).unwrap().permissions().mode() & 0o777;
        writer.join().unwrap().unwrap();
        faults::clear(".window.port.");
        assert_eq!(
            mode, 0o600,
            "the temporary copy was {mode:o} while being written"
        );
        assert_eq!(fs::read(&path).unwrap(), b"token");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    /// Windows refuses to rename a file another program holds without delete sharing (an
    /// antivirus scanning it, the search indexer): the rename waits for it to be let go.
    #[cfg(windows)]
    #[test]
    fn a_rename_waits_while_another_program_holds_the_file() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("a.db"), dir.path().join("b.db"));
        fs::write(&from, b"data").unwrap();
        // FILE_SHARE_READ only: no delete (rename) sharing, as a scanner opens it.
        let held = OpenOptions::new()
            .read(true)
            .share_mode(1)
            .open(&from)
            .unwrap();
        assert!(
            fs::rename(&from, &to).is_err(),
            "Windows refuses while it is held"
        );
        let release = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            drop(held);
        });
        rename(&from, &to).unwrap();
        release.join().unwrap();
        assert_eq!(fs::read(&to).unwrap(), b"data");
    }

    #[cfg(feature = "testing")]
    #[test]
    fn a_folder_flush_that_fails_is_said_for_a_chosen_file_and_not_for_the_windows_own() {
        use faults::{Fault, clear, inject};
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().to_string_lossy().into_owned();
        let data = dir.path().join("data");
        fs::create_dir(&data).unwrap();
        inject(FaultOp::SyncFolder, &key, Fault::Io, 2);
        let path = dir.path().join("report.csv");
        let target = Target::outside(&path, &data, Existing::Replace).unwrap();
        let result = write_file(&target, b"new");
        let own = write_file(&Target::window_state(&data, "renderer.json"), b"{}");
        clear(&key);
        let err = result.unwrap_err();
        assert!(matches!(err, WriteError::Unconfirmed(..)), "{err:?}");
        assert!(err.message(Lang::En).contains("did not confirm"));
        assert!(err.message(Lang::Zh).contains("没有确认"));
        assert_eq!(fs::read(&path).unwrap(), b"new", "the file has its name");
        assert!(own.is_ok(), "the window's own state file: {own:?}");
    }

    #[test]
    fn a_copy_tells_a_missing_source_from_a_missing_destination_folder() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("from.db");
        assert!(matches!(
            copy_new(&from, &dir.path().join("to.db")),
            Err(CopyError::Source(_))
        ));
        fs::write(&from, b"12345").unwrap();
        assert!(matches!(
            copy_new(&from, &dir.path().join("no/such/to.db")),
            Err(CopyError::Destination(_))
        ));
        assert!(matches!(
            copy_new(dir.path(), &dir.path().join("to.db")),
            Err(CopyError::NotAFile)
        ));
        assert_eq!(copy_new(&from, &dir.path().join("to.db")).unwrap(), 5);
    }
}
