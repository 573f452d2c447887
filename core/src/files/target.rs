//! Where a file may be written: the rules a target chosen by the merchant must pass.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::{WriteError, is_sqlite_file};

/// What to do when the target already exists (and is a plain file that is not a database).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Refuse with [`WriteError::Exists`], so the window can ask and the command line can say
    /// "use --force".
    Refuse,
    /// Replace it (the merchant confirmed, or gave `--force`).
    Replace,
}

/// A file path that passed the rules and may be written with [`super::AtomicFile`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    path: PathBuf,
    /// Chosen by the merchant, outside the data folder (not one of the window's state files).
    outside: bool,
}

impl Target {
    /// A file the merchant chose, outside the data folder `data_dir`. Refused: an empty name, a
    /// path inside the data folder (also through a link), an existing SQLite database anywhere,
    /// an existing folder, device or pipe, a missing folder, and an existing file unless
    /// `existing` allows replacing it.
    pub fn outside(path: &Path, data_dir: &Path, existing: Existing) -> Result<Target, WriteError> {
        if path.as_os_str().is_empty() || path.file_name().is_none() {
            return Err(WriteError::NoName);
        }
        let parent = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let parent = fs::canonicalize(parent).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => WriteError::NoFolder(parent.to_path_buf()),
            _ => WriteError::Io(super::Cause::of(&e)),
        })?;
        if !parent.is_dir() {
            return Err(WriteError::NoFolder(parent));
        }
        let full = parent.join(path.file_name().unwrap_or_default());
        // A database's log or journal (another data folder's, a copy's): written over, the
        // changes only it holds are lost, and the database still opens as if nothing happened.
        if is_database_companion(&full) {
            return Err(WriteError::IsDatabase(path.to_path_buf()));
        }
        // Through a link, the file really written may be somewhere else: check where it points.
        let resolved = fs::canonicalize(&full).unwrap_or_else(|_| full.clone());
        if inside(&full, data_dir) || inside(&resolved, data_dir) {
            return Err(WriteError::InsideDataFolder(path.to_path_buf()));
        }
        match fs::metadata(&full) {
            Ok(meta) if !meta.is_file() => return Err(WriteError::NotAFile(path.to_path_buf())),
            Ok(_) if is_sqlite_file(&full) => {
                return Err(WriteError::IsDatabase(path.to_path_buf()));
            }
            Ok(_) if existing == Existing::Refuse => {
                return Err(WriteError::Exists(path.to_path_buf()));
            }
            Ok(meta) if meta.permissions().readonly() => {
                return Err(WriteError::ReadOnlyFile(path.to_path_buf()));
            }
            _ => {}
        }
        Ok(Target {
            path: full,
            outside: true,
        })
    }

    /// One of the window's own small state files in the data folder `data_dir` (`renderer.json`,
    /// `window.port`, the zoom's correction of `window.ron` and its note: see `ui/renderer.rs`,
    /// `ui/instance.rs` and `ui/window_file.rs`), written only by the window that holds the
    /// folder's lock. `name` is a plain file name the app chose, never the database.
    pub fn window_state(data_dir: &Path, name: &str) -> Target {
        debug_assert!(
            Path::new(name).file_name() == Some(name.as_ref()) && !name.starts_with("poscare.db"),
            "{name} is not a window state file"
        );
        Target {
            path: data_dir.join(name),
            outside: false,
        }
    }

    /// The path to write.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the merchant chose this file (outside the data folder): its folder is cleared of
    /// the app's own leftovers before writing, and a folder flush that fails is an error.
    pub fn is_outside(&self) -> bool {
        self.outside
    }
}

/// Whether `dir` is another POS Care data folder or one of its folders (`backups/` beside its
/// data file): a backup written there would be offered as that shop's own after a loss.
fn in_a_data_folder(dir: &Path) -> bool {
    let resolved = resolve(dir);
    [Some(resolved.as_path()), resolved.parent()]
        .into_iter()
        .flatten()
        .any(|d| d.join("poscare.db").is_file())
}

/// Whether `path` is named as SQLite names a database's log or journal (`…-wal`, `…-journal`,
/// `…-shm`): never a file an export or a copy may be written as.
fn is_database_companion(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    ["-wal", "-journal", "-shm"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// A folder the merchant chose to write into (a backup to a USB stick): created if missing and
/// the folder above it exists ([`WriteError::NoParent`] when it does not: the stick is not
/// plugged in), refused when it is (or is inside) the data folder `data_dir`, and refused before
/// anything is created when it, or a folder on the way to it, is a file or a device
/// ([`WriteError::NotAFolder`]). Returns the folder.
pub fn outside_folder(dir: &Path, data_dir: &Path) -> Result<PathBuf, WriteError> {
    if dir.as_os_str().is_empty() {
        return Err(WriteError::NoName);
    }
    if inside(&resolve(dir), data_dir) || in_a_data_folder(dir) {
        return Err(WriteError::InsideDataFolder(dir.to_path_buf()));
    }
    let not_a_folder = || WriteError::NotAFolder(dir.to_path_buf());
    // The path itself, or the nearest part of it that exists, must be a folder: `--to FILE`
    // (or `/dev/null`) is refused as such, not as "File exists".
    if let Some(meta) = dir
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find_map(|p| fs::metadata(p).ok())
        && !meta.is_dir()
    {
        return Err(not_a_folder());
    }
    // Only the last folder is made: a folder above it that is missing is a USB stick not
    // plugged in (its mount point gone), and making the path would put the backup on the PC's
    // own disk and record it as done.
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() && !parent.is_dir() {
        return Err(WriteError::NoParent(parent.to_path_buf()));
    }
    match fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
        Err(e) => {
            return Err(match e.kind() {
                std::io::ErrorKind::AlreadyExists | std::io::ErrorKind::NotADirectory => {
                    not_a_folder()
                }
                _ => WriteError::from_io(&e, dir),
            });
        }
    }
    let real = fs::canonicalize(dir).map_err(|e| WriteError::Io(super::Cause::of(&e)))?;
    if inside(&real, data_dir) {
        return Err(WriteError::InsideDataFolder(dir.to_path_buf()));
    }
    if !real.is_dir() {
        return Err(not_a_folder());
    }
    Ok(dir.to_path_buf())
}

/// Whether `path` is the folder `data_dir` or inside it, both in their real, resolved form (for
/// a file written where another process asks, such as a copy for a reading command).
pub fn inside_folder(path: &Path, data_dir: &Path) -> bool {
    inside(&resolve(path), data_dir)
}

/// Whether `path` is the data folder or inside it: both compared in their real, resolved form,
/// and by identity, for the data folder reached by another name that no link resolves (a bind
/// mount, a network share of this PC's own disk). Only folders are opened to compare.
fn inside(path: &Path, data_dir: &Path) -> bool {
    if path.starts_with(resolve(data_dir)) {
        return true;
    }
    let Ok(data) = same_file::Handle::from_path(data_dir) else {
        return false;
    };
    path.ancestors()
        .filter(|a| !a.as_os_str().is_empty() && a.is_dir())
        .any(|a| same_file::Handle::from_path(a).is_ok_and(|h| h == data))
}

/// `path` with its longest existing beginning resolved (links, `..`, the real letter case on
/// Windows) and the rest appended as written.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(Component::Normal(name))) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The data folder reached through a bind mount (another name no link resolves): an export
    /// or a backup there is refused as inside the data folder. Needs mounting (root on Linux);
    /// said and passed over where the system does not allow it.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_data_folder_under_another_name_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        let alias = root.path().join("alias");
        fs::create_dir_all(data.join("backups")).unwrap();
        fs::create_dir_all(&alias).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["--bind"])
            .arg(&data)
            .arg(&alias)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("no bind mount here (not root?): the alias case is not tried");
            return;
        }
        let refused = (
            Target::outside(&alias.join("x.csv"), &data, Existing::Replace),
            outside_folder(&alias.join("usb"), &data),
            outside_folder(&alias, &data),
        );
        let _ = std::process::Command::new("umount").arg(&alias).status();
        assert!(
            matches!(refused.0, Err(WriteError::InsideDataFolder(_))),
            "{:?}",
            refused.0
        );
        assert!(
            matches!(refused.1, Err(WriteError::InsideDataFolder(_))),
            "{:?}",
            refused.1
        );
        assert!(
            matches!(refused.2, Err(WriteError::InsideDataFolder(_))),
            "{:?}",
            refused.2
        );
        assert!(
            !data.join("usb").exists(),
            "nothing made in the data folder"
        );
    }

    #[test]
    fn the_data_folder_and_databases_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        fs::create_dir_all(data.join("backups")).unwrap();
        fs::write(data.join("poscare.db"), b"SQLite format 3\0rest").unwrap();
        for inside_path in [
            data.join("poscare.db"),
            data.join("history.csv"),
            data.join("backups/x.csv"),
            data.join("backups/../history.csv"),
        ] {
            assert!(
                matches!(
                    Target::outside(&inside_path, &data, Existing::Replace),
                    Err(WriteError::InsideDataFolder(_))
                ),
                "{}",
                inside_path.display()
            );
        }
        let elsewhere = root.path().join("old.db");
        fs::write(&elsewhere, b"SQLite format 3\0rest").unwrap();
        assert!(matches!(
            Target::outside(&elsewhere, &data, Existing::Replace),
            Err(WriteError::IsDatabase(_))
        ));
        // Its log or journal (committed changes only they hold), there or not yet.
        for name in ["old.db-wal", "old.db-journal", "copy.db-WAL", "x-shm"] {
            let log = root.path().join(name);
            assert!(
                matches!(
                    Target::outside(&log, &data, Existing::Replace),
                    Err(WriteError::IsDatabase(_))
                ),
                "{name}"
            );
        }
        assert!(matches!(
            outside_folder(&data.join("usb"), &data),
            Err(WriteError::InsideDataFolder(_))
        ));
        // Another shop's data folder, or its backups beside its data file.
        let other = root.path().join("other-shop");
        fs::create_dir_all(other.join("backups")).unwrap();
        fs::write(other.join("poscare.db"), b"SQLite format 3\0").unwrap();
        for into in [other.clone(), other.join("backups")] {
            assert!(
                matches!(
                    outside_folder(&into, &data),
                    Err(WriteError::InsideDataFolder(_))
                ),
                "{}",
                into.display()
            );
        }
        assert!(
            !data.join("usb").exists(),
            "a refused folder is not created"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_into_the_data_folder_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        fs::create_dir_all(&data).unwrap();
        fs::write(data.join("poscare.db"), b"x").unwrap();
        let link = root.path().join("report.csv");
        std::os::unix::fs::symlink(data.join("poscare.db"), &link).unwrap();
        assert!(matches!(
            Target::outside(&link, &data, Existing::Replace),
            Err(WriteError::InsideDataFolder(_))
        ));
        let folder_link = root.path().join("usb");
        std::os::unix::fs::symlink(&data, &folder_link).unwrap();
        assert!(matches!(
            Target::outside(&folder_link.join("a.csv"), &data, Existing::Replace),
            Err(WriteError::InsideDataFolder(_))
        ));
    }

    #[test]
    fn an_existing_file_needs_a_yes_and_a_folder_is_not_a_file() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        let file = root.path().join("历史 记录.csv");
        fs::write(&file, "a,b").unwrap();
        assert_eq!(
            Target::outside(&file, &data, Existing::Refuse),
            Err(WriteError::Exists(file.clone()))
        );
        assert!(Target::outside(&file, &data, Existing::Replace).is_ok());
        // A file made read-only is protected: not replaced, even when replacing was allowed.
        let mut ro = fs::metadata(&file).unwrap().permissions();
        ro.set_readonly(true);
        fs::set_permissions(&file, ro).unwrap();
        assert_eq!(
            Target::outside(&file, &data, Existing::Replace),
            Err(WriteError::ReadOnlyFile(file.clone()))
        );
        assert!(matches!(
            Target::outside(root.path(), &data, Existing::Replace),
            Err(WriteError::NotAFile(_))
        ));
        assert!(matches!(
            Target::outside(&root.path().join("missing/a.csv"), &data, Existing::Replace),
            Err(WriteError::NoFolder(_))
        ));
        assert!(
            Target::outside(&root.path().join("new.csv"), &data, Existing::Refuse).is_ok(),
            "a new file needs no confirmation"
        );
    }

    #[test]
    fn a_file_is_not_a_folder_to_write_into_and_stays_as_it_was() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        let file = root.path().join("U盘");
        fs::write(&file, "the merchant's file").unwrap();
        for dir in [file.clone(), file.join("backups")] {
            assert_eq!(
                outside_folder(&dir, &data),
                Err(WriteError::NotAFolder(dir.clone()))
            );
        }
        assert_eq!(fs::read_to_string(&file).unwrap(), "the merchant's file");
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 1);
        #[cfg(unix)]
        assert_eq!(
            outside_folder(Path::new("/dev/null"), &data),
            Err(WriteError::NotAFolder("/dev/null".into()))
        );
        assert!(outside_folder(&root.path().join("usb"), &data).is_ok());
        assert!(outside_folder(&root.path().join("usb/new"), &data).is_ok());
    }

    #[test]
    fn only_the_last_folder_is_made_so_a_missing_stick_is_not_replaced_by_the_pcs_disk() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        // The stick's mount point is gone: its folder must not be made on the PC's own disk.
        let stick = root.path().join("media/STICK");
        let dir = stick.join("备份");
        assert_eq!(
            outside_folder(&dir, &data),
            Err(WriteError::NoParent(stick.clone()))
        );
        assert!(!root.path().join("media").exists(), "nothing was made");
        let said = outside_folder(&dir, &data).unwrap_err().message(Lang::Zh);
        assert!(said.contains("U 盘插好了吗"), "{said}");
        // Plugged in, the last folder is made.
        fs::create_dir_all(&stick).unwrap();
        assert_eq!(outside_folder(&dir, &data), Ok(dir.clone()));
        assert!(dir.is_dir());
        // An existing folder is used as it is.
        assert_eq!(outside_folder(&dir, &data), Ok(dir.clone()));
    }
}
