//! Where the data lives: the data folder, and the files inside it.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data folder (like `--data-dir`).
pub const DATA_DIR_ENV: &str = "POSCARE_DATA_DIR";

/// A file of this name beside the program makes the copy portable: its data lives in
/// [`PORTABLE_DATA`] beside the program (on the USB stick it was unzipped onto), not in the
/// Windows user's folder. The portable zip ships it; the installer never installs it.
pub const PORTABLE_MARKER: &str = "portable.txt";

/// The data folder of a portable copy, beside the program.
pub const PORTABLE_DATA: &str = "data";

/// The files of one data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataPaths {
    /// The data folder itself.
    pub dir: PathBuf,
}

impl DataPaths {
    /// Whether `path` (the folder or a file in it) is there; an error when the system cannot
    /// tell (no permission to look, a file where a folder should be): "cannot use the folder,
    /// because…", never "no data yet" over a shop's data that could not be seen.
    pub fn is_there(&self, path: &Path) -> Result<bool, super::OpenError> {
        path.try_exists().map_err(|e| super::OpenError::NoFolder {
            path: self.dir.clone(),
            detail: crate::files::Cause::of(&e),
        })
    }

    /// Whether the folder is not there and neither is the folder above it: most often a USB
    /// stick not plugged in. Made then, the shop would land on the PC's own disk, hidden under
    /// the stick once it is mounted; only a folder whose parent is there is ever made.
    pub fn parent_missing(&self) -> bool {
        let parent = self.dir.parent().filter(|p| !p.as_os_str().is_empty());
        !self.dir.exists() && parent.is_some_and(|p| !p.exists())
    }

    /// Whether `file` is this folder's data file or its write-ahead log, by whatever name: the
    /// same path once resolved, or (where the system tells) the same file under another name (a
    /// hard link). Such a file is no backup: restoring from it replaces the data with itself.
    pub fn is_data_file(&self, file: &Path) -> bool {
        let db = self.db();
        let ours = [db.clone(), super::verdict::companion(&db, "-wal")];
        let resolved = std::fs::canonicalize(file).ok();
        let id = super::in_place::file_id(file);
        ours.iter().any(|p| {
            (resolved.is_some() && std::fs::canonicalize(p).ok() == resolved)
                || (id.is_some() && super::in_place::file_id(p) == id)
        })
    }

    /// The data folder at `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DataPaths { dir: dir.into() }
    }

    /// The default data folder: `ProjectDirs::data_local_dir()`, i.e.
    /// `%LOCALAPPDATA%\PosCare\data` on Windows, `~/Library/Application Support/PosCare` on macOS,
    /// `~/.local/share/poscare` on Linux. `None` when the OS reports no home folder.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "PosCare").map(|d| d.data_local_dir().to_path_buf())
    }

    /// The folder chosen by `--data-dir` (given as `explicit`), else `POSCARE_DATA_DIR`, else
    /// `data` beside the program when [`PORTABLE_MARKER`] is there, else the default.
    pub fn resolve(explicit: Option<&Path>) -> Option<DataPaths> {
        let env = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty());
        let program = std::env::current_exe().ok();
        Self::resolve_from(
            explicit,
            env.as_deref().map(Path::new),
            program.as_deref().and_then(Path::parent),
        )
    }

    /// [`DataPaths::resolve`] with its inputs given: the folder named on the command line, the
    /// environment variable's value, and the folder the program is in.
    pub fn resolve_from(
        explicit: Option<&Path>,
        env: Option<&Path>,
        program_dir: Option<&Path>,
    ) -> Option<DataPaths> {
        if let Some(dir) = explicit.or(env) {
            return Some(DataPaths::new(dir));
        }
        if let Some(dir) = program_dir.and_then(Self::portable_dir) {
            return Some(DataPaths::new(dir));
        }
        Self::default_dir().map(DataPaths::new)
    }

    /// The data folder of a portable copy whose program is in `program_dir`: `data` beside it,
    /// when [`PORTABLE_MARKER`] is there (a file; a folder of that name does not count).
    pub fn portable_dir(program_dir: &Path) -> Option<PathBuf> {
        program_dir
            .join(PORTABLE_MARKER)
            .is_file()
            .then(|| program_dir.join(PORTABLE_DATA))
    }

    /// The SQLite database.
    pub fn db(&self) -> PathBuf {
        self.dir.join("poscare.db")
    }

    /// The lock file that keeps a second copy of the app out.
    pub fn lock(&self) -> PathBuf {
        self.dir.join("app.lock")
    }

    /// The automatic backups.
    pub fn backups(&self) -> PathBuf {
        self.dir.join("backups")
    }

    /// Where damaged files are moved aside to.
    pub fn damaged(&self) -> PathBuf {
        self.dir.join("damaged")
    }

    /// Where an incoming file is copied before it is checked.
    pub fn staging(&self) -> PathBuf {
        self.dir.join("staging")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_beside_the_program_keeps_the_data_beside_it() {
        let stick = tempfile::tempdir().unwrap();
        let program = stick.path().join("PosCare");
        std::fs::create_dir(&program).unwrap();
        // Without the marker: the user's folder, as an installed copy.
        let installed = DataPaths::resolve_from(None, None, Some(&program));
        assert_eq!(installed.map(|p| p.dir), DataPaths::default_dir());

        std::fs::write(program.join(PORTABLE_MARKER), "portable").unwrap();
        let portable = DataPaths::resolve_from(None, None, Some(&program)).unwrap();
        assert_eq!(portable.dir, program.join("data"));
        assert!(!portable.dir.exists(), "resolving creates nothing");

        // --data-dir and POSCARE_DATA_DIR still come first.
        let chosen = stick.path().join("chosen");
        let by_env = stick.path().join("by-env");
        let resolved = DataPaths::resolve_from(Some(&chosen), Some(&by_env), Some(&program));
        assert_eq!(resolved.unwrap().dir, chosen);
        let resolved = DataPaths::resolve_from(None, Some(&by_env), Some(&program));
        assert_eq!(resolved.unwrap().dir, by_env);
    }

    #[test]
    fn a_folder_named_like_the_marker_is_no_marker() {
        let program = tempfile::tempdir().unwrap();
        std::fs::create_dir(program.path().join(PORTABLE_MARKER)).unwrap();
        assert_eq!(DataPaths::portable_dir(program.path()), None);
    }
}
