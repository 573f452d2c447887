//! The data file under an open window's feet. On Linux and macOS a file can be deleted or
//! replaced while it is open (a cleaning tool, a mistaken `rm`, a sync program): SQLite goes on
//! writing into the file that no longer has a name, and everything recorded since is lost when
//! the window closes. (Windows does not let an open file be deleted.) The window looks once a
//! minute ([`Store::file_in_place`]) and, if the file is gone, writes the live data back under
//! its name and goes on with that file ([`Store::put_back`]). The same for its log (`-wal`)
//! alone: the changes it holds are copied into the data file, and a new log is started.

use std::fs;
use std::path::Path;

use super::verdict::{COMPANIONS, companion};
use super::{Records, Refusal, Store, StoreError};
use crate::files;

/// What identifies a file on its disk (device and inode), where the system says it.
pub(super) type FileId = Option<(u64, u64)>;

/// The identity of the file at `path`, if it exists and the system tells one.
pub(super) fn file_id(path: &Path) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The identities of the data file `db` and of its log (`-wal`), as a store keeps them.
pub(super) fn identities(db: &Path) -> (FileId, FileId) {
    (file_id(db), file_id(&companion(db, "-wal")))
}

/// The disk (device) holding `path`, where the system says it.
fn disk_of(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| m.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

impl Store {
    /// Whether the database file the connection writes is still the one under its name. Always
    /// `true` where the system cannot tell (Windows, where an open file is not deleted anyway).
    pub fn file_in_place(&self) -> bool {
        self.data_in_place() && self.log_in_place()
    }

    fn data_in_place(&self) -> bool {
        match self.file_id {
            Some(opened) => file_id(&self.paths.db()) == Some(opened),
            None => true,
        }
    }

    /// Whether the log (`-wal`) the connection writes is still the one under its name. Deleted
    /// alone (a cleaning tool that takes `-wal` files for leftovers), the changes not yet copied
    /// into the data file live only in the file without a name, and a crash loses them: the
    /// data file itself would still say all is well.
    fn log_in_place(&self) -> bool {
        match self.log_id {
            Some(opened) => file_id(&companion(&self.paths.db(), "-wal")) == Some(opened),
            None => true,
        }
    }

    /// Whether the data folder, or the nearest folder above it still there, is on the disk the
    /// data file was opened on. `true` where the system cannot tell.
    fn on_its_own_disk(&self) -> bool {
        let Some((disk, _)) = self.file_id else {
            return true;
        };
        let here = self
            .paths
            .dir
            .ancestors()
            .find(|p| !p.as_os_str().is_empty() && p.exists());
        match here.and_then(disk_of) {
            Some(here) => here == disk,
            None => true,
        }
    }

    /// Makes the store believe its data file was opened on another disk (tests of a stick
    /// taken out, which a test cannot do).
    #[cfg(feature = "testing")]
    pub fn pretend_opened_on_another_disk(&mut self) {
        if let Some((disk, ino)) = self.file_id {
            self.file_id = Some((disk.wrapping_add(1), ino));
        }
    }

    /// Puts the live data back under the database's name after the file (or its whole folder)
    /// was deleted or replaced while open: a consistent copy of what the connection holds (`VACUUM INTO`) under a
    /// temporary name, sealed into place (moving aside, byte for byte, whatever now stands
    /// there), then the connection is opened on it. Nothing the window recorded is lost.
    pub fn put_back(&mut self) -> Result<(), StoreError> {
        if self.data_in_place() {
            return self.put_log_back();
        }
        let db = self.paths.db();
        // Put back only on the disk the data was on: a USB stick taken out leaves its mount
        // point, an empty folder of the PC's own disk, where the shop's data would be made and
        // then hidden under the stick when it is plugged in again (a fault tester's `umount`).
        if !self.on_its_own_disk() {
            return Err(StoreError::Refused(Refusal::DataFolderGone));
        }
        // The whole folder may have gone (deleted with everything in it): it comes back too.
        if !self.paths.dir.exists() {
            fs::create_dir_all(&self.paths.dir).map_err(|e| StoreError::Other(e.to_string()))?;
        }
        let temp = self
            .paths
            .dir
            .join(format!(".poscare-put-back-{}.db", std::process::id()));
        let _ = fs::remove_file(&temp);
        self.conn
            .execute("VACUUM INTO ?1", [temp.to_string_lossy()])?;
        // The log and shared memory under the file's name are the deleted file's (the copy
        // above read through them): read into the file put back, their pages would damage it.
        // Kept, moved aside, before anything is sealed; the connection's own handles follow them.
        let stamp = super::file_stamp();
        for suffix in COMPANIONS {
            self.keep_in_damaged(
                &companion(&db, suffix),
                &format!("poscare-{stamp}-of-the-deleted-file.db{suffix}"),
            )?;
        }
        if db.exists() {
            // Another file under the name (a sync program's older copy): kept, never overwritten.
            let aside = self.paths.dir.join(format!("poscare-replaced-{stamp}.db"));
            fs::rename(&db, &aside).map_err(|e| StoreError::Other(e.to_string()))?;
        }
        files::seal(&temp, &db).map_err(|e| StoreError::Other(format!("{e:?}")))?;
        self.reconnect()
    }

    /// After the log alone went (or was replaced): the changes it held are copied into the data
    /// file, still under its name, through the connection's own handle on the log
    /// (`wal_checkpoint(TRUNCATE)`); a file now under the log's name (not this connection's) is
    /// kept aside, never read into the data; then the connection starts a new log.
    fn put_log_back(&mut self) -> Result<(), StoreError> {
        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        if busy != 0 {
            return Err(StoreError::Other(
                "the log could not be copied into the data file yet (busy)".to_owned(),
            ));
        }
        self.keep_in_damaged(
            &companion(&self.paths.db(), "-wal"),
            &format!("poscare-{}-foreign-log.db-wal", super::file_stamp()),
        )?;
        self.reconnect()
    }

    /// Moves `file`, if it is there, into `damaged/` as `name`, unchanged.
    fn keep_in_damaged(&self, file: &Path, name: &str) -> Result<(), StoreError> {
        if !file.exists() {
            return Ok(());
        }
        let aside_dir = self.paths.damaged();
        fs::create_dir_all(&aside_dir).map_err(|e| StoreError::Other(e.to_string()))?;
        fs::rename(file, aside_dir.join(name)).map_err(|e| StoreError::Other(e.to_string()))
    }

    /// Closes the connection and opens the data file again, with a log of its own. (The old
    /// connection closes first: closing deletes its log by name, which must not be the new
    /// one's.)
    fn reconnect(&mut self) -> Result<(), StoreError> {
        let db = self.paths.db();
        let placeholder = rusqlite::Connection::open_in_memory()?;
        drop(std::mem::replace(
            &mut self.records,
            Records::new(placeholder),
        ));
        let conn = super::open::reopen(&db)?;
        self.records = Records::new(conn);
        (self.file_id, self.log_id) = identities(&db);
        Ok(())
    }
}
