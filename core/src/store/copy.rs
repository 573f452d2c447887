//! A reading command while the window is open: the window holds the folder (its lock, and
//! SQLite's exclusive lock on the file, which no other process may read through), so it writes a
//! consistent copy of the database (`VACUUM INTO`) where the command asks, and the command reads
//! the copy. Nothing in the data folder changes; the command removes the copy when it is done.

use std::path::Path;

use super::open::FolderCheck;
use super::verdict::{self, Depth, Verdict, companion};
use super::{CURRENT_VERSION, DataPaths, OpenError, ReadStore, Records, Store, describe_sqlite};
use crate::files;

impl Store {
    /// Writes a consistent copy of the database into the new file `target`, for a reading
    /// command (`ui::instance`'s `copy` request). Refused inside the data folder and over an
    /// existing file; the live data is only read.
    pub fn copy_for_reading(&self, target: &Path) -> Result<(), String> {
        let folder = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .ok_or_else(|| "no folder".to_owned())?;
        if files::inside_folder(folder, &self.paths.dir) {
            return Err("inside the data folder".to_owned());
        }
        if std::fs::symlink_metadata(target).is_ok() {
            return Err("the file exists".to_owned());
        }
        let name = target
            .to_str()
            .ok_or_else(|| "the file name cannot be used".to_owned())?;
        self.records
            .conn
            .execute("VACUUM INTO ?1", [name])
            .map(|_| ())
            .map_err(|e| describe_sqlite(&e))
    }
}

/// Copies the database of the folder `paths` with its `-wal` to the new file `copy` (outside
/// the folder) and folds the log into the copy: what a folder that cannot be written (a
/// write-protected stick after a crash) holds, read there as a file of its own. The folder is
/// only read.
pub fn copy_with_log(paths: &DataPaths, copy: &Path) -> std::io::Result<()> {
    let db = paths.db();
    std::fs::copy(&db, copy)?;
    std::fs::copy(companion(&db, "-wal"), companion(copy, "-wal"))?;
    let conn = rusqlite::Connection::open(copy).map_err(std::io::Error::other)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(std::io::Error::other)?;
    conn.pragma_update(None, "journal_mode", "DELETE")
        .map_err(std::io::Error::other)?;
    Ok(())
}

impl ReadStore {
    /// Opens `copy`, a copy of the database of the folder `paths` that the window holding the
    /// folder wrote for this command (see [`Store::copy_for_reading`]), as [`ReadStore::open`]
    /// opens the folder's own file: read only, changing nothing. Errors name the folder's own
    /// database file, which is the one they are about.
    pub fn open_copy(paths: DataPaths, copy: &Path) -> Result<Option<ReadStore>, OpenError> {
        let db = paths.db();
        let version = match verdict::examine(copy, Depth::Quick) {
            Verdict::Sound { version } => version,
            Verdict::Empty { .. } => return Ok(None),
            Verdict::Newer(found) => return Err(OpenError::TooNew { path: db, found }),
            Verdict::Foreign => return Err(OpenError::Foreign { path: db }),
            Verdict::Damaged(detail) => return Err(OpenError::Damaged { path: db, detail }),
            Verdict::CouldNotCheck(why) => return Err(OpenError::CouldNotCheck { path: db, why }),
        };
        if version < CURRENT_VERSION {
            return Err(OpenError::NeedsUpgrade {
                path: db,
                found: version,
            });
        }
        if let Some(reason) = super::open::RecoveryReason::pending_in(copy) {
            return Err(OpenError::RecoveryPending { path: db, reason });
        }
        let conn = verdict::open_untouched(copy).map_err(|e| OpenError::Sqlite {
            path: db.clone(),
            detail: describe_sqlite(&e),
        })?;
        Ok(Some(ReadStore {
            records: Records::new(conn),
            paths,
            _lock: None,
        }))
    }
}

/// [`super::check_folder`] for a folder the window holds, on the copy it wrote: the full check
/// of the data as the window has it, and the newest verified backup when it is not sound.
pub fn check_copy(paths: &DataPaths, copy: &Path) -> FolderCheck {
    FolderCheck::of(copy, &paths.backups())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_for_a_command_reads_like_the_folder_and_changes_nothing_there() {
        let data = tempfile::tempdir().unwrap();
        let paths = DataPaths::new(data.path());
        let store = Store::open(paths.clone()).unwrap();
        store
            .put_setting(super::super::keys::SHOP_NAME, "张三便利店")
            .unwrap();
        let outside = tempfile::tempdir().unwrap();
        let copy = outside.path().join("copy.db");
        store.copy_for_reading(&copy).unwrap();
        let read = ReadStore::open_copy(paths.clone(), &copy).unwrap().unwrap();
        assert_eq!(
            read.setting(super::super::keys::SHOP_NAME)
                .unwrap()
                .as_deref(),
            Some("张三便利店")
        );
        assert_eq!(read.paths(), &paths, "the folder is still the folder");
        assert!(matches!(
            check_copy(&paths, &copy).verdict,
            Verdict::Sound { .. }
        ));
        drop(read);

        assert!(store.copy_for_reading(&copy).is_err(), "never over a file");
        let inside = data.path().join("copy.db");
        assert!(
            store.copy_for_reading(&inside).is_err(),
            "never into the data folder"
        );
        assert!(!inside.exists());
    }
}
