//! Where the data lives: the data folder, and the files inside it.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data folder (like `--data-dir`).
pub const DATA_DIR_ENV: &str = "POSCARE_DATA_DIR";

/// The files of one data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataPaths {
    /// The data folder itself.
    pub dir: PathBuf,
}

impl DataPaths {
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

    /// The folder chosen by `--data-dir` (given as `explicit`), else `POSCARE_DATA_DIR`, else the default.
    pub fn resolve(explicit: Option<&Path>) -> Option<DataPaths> {
        if let Some(dir) = explicit {
            return Some(DataPaths::new(dir));
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            return Some(DataPaths::new(dir));
        }
        Self::default_dir().map(DataPaths::new)
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
