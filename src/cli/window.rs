//! The commands and an open window: a reading command reads a copy the window writes for it
//! (the window keeps its exclusive hold on the data, see `ui::instance`), and `poscare close`
//! closes the window (the installer uses it before it replaces the program).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::i18n::{Lang, T};
use crate::store::verdict::{COMPANIONS, companion};
use crate::store::{DataPaths, FolderCheck, OpenError, ReadStore, check_copy, check_folder};
use crate::ui::instance::{self, Closing, NoCopy};

/// How long a reading command waits for the window's copy (the window finishes a running backup
/// or restore first).
const COPY_WAIT: Duration = Duration::from_secs(60);

/// A copy of the database that the window holding the folder wrote for this command, in a
/// folder of its own under the temporary folder; both are removed when it is dropped.
pub struct WindowCopy {
    dir: PathBuf,
    file: PathBuf,
}

impl WindowCopy {
    /// Asks the window open on the folder `paths` for a copy.
    pub fn ask(paths: &DataPaths) -> Result<WindowCopy, NoCopy> {
        let dir = fresh_temp_dir().map_err(|e| NoCopy::Failed(e.to_string()))?;
        let copy = WindowCopy {
            file: dir.join("poscare-copy.db"),
            dir,
        };
        instance::copy_from_running(&paths.dir, &copy.file, COPY_WAIT)?;
        Ok(copy)
    }

    /// The copy.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl Drop for WindowCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
        for suffix in COMPANIONS {
            let _ = std::fs::remove_file(companion(&self.file, suffix));
        }
        let _ = std::fs::remove_dir(&self.dir);
    }
}

/// A private copy of a data folder that cannot be written and holds a `-wal` (what a crash or
/// a pulled stick leaves): SQLite cannot read the log in place without writing beside it, so
/// the file and its log are copied under the temporary folder and read there. The folder
/// itself is not touched.
pub fn private_copy(paths: &DataPaths) -> std::io::Result<WindowCopy> {
    let dir = fresh_temp_dir()?;
    let copy = WindowCopy {
        file: dir.join("poscare-copy.db"),
        dir,
    };
    crate::store::copy_with_log(paths, &copy.file)?;
    Ok(copy)
}

/// Whether `err` is a folder that cannot be written holding a `-wal`: read from a private copy.
fn unwritable_with_a_log(err: &OpenError, paths: &DataPaths) -> bool {
    use crate::files::Lasting;
    use crate::store::Unchecked;
    matches!(
        err,
        OpenError::CouldNotCheck { why: Unchecked::Io(cause), .. }
            if matches!(cause.lasting(), Some(Lasting::ReadOnly | Lasting::NoPermission))
    ) && companion(&paths.db(), "-wal").exists()
}

/// A new, empty folder of this process under the temporary folder, that only this account
/// may look into (it holds a copy of the shop's data). The folders of commands killed before
/// they could remove theirs are removed first.
fn fresh_temp_dir() -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir();
    sweep_killed_copies(&base);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut last = None;
    for n in 0..100 {
        let dir = base.join(format!("poscare-{}-{stamp}-{n}", std::process::id()));
        #[cfg_attr(not(unix), allow(unused_mut))]
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary folder")))
}

/// How old a copy's folder must be to count as left behind where the system cannot tell
/// whether its command still runs.
const KILLED_COPY_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes the copies (and their folders) of commands that ended without removing them (killed
/// while reading): their process is gone (Linux tells), or the folder is a day old. Only our own
/// names are touched: `poscare-PID-STAMP-N` holding `poscare-copy.db` and its companions.
fn sweep_killed_copies(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("poscare-"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let old = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age >= KILLED_COPY_AGE)
        };
        if crate::files::process_ended(pid) || old() {
            let dir = entry.path();
            let file = dir.join("poscare-copy.db");
            let _ = std::fs::remove_file(&file);
            for suffix in COMPANIONS {
                let _ = std::fs::remove_file(companion(&file, suffix));
            }
            // (Anything else in it, not ours, keeps the folder.)
            let _ = std::fs::remove_dir(&dir);
        }
    }
}

/// The data of a folder opened for a reading command: the folder's own file, or, while the
/// window holds the folder, the copy it wrote. `store` is `None` when there is no data yet.
pub struct Reading {
    /// The data (closed before the copy is removed: fields drop in this order).
    pub store: Option<ReadStore>,
    _copy: Option<WindowCopy>,
    /// The folder's log (`-wal`) is damaged inside: what is read leaves out the changes saved
    /// after the damage (said on stderr already). The command exits with 1; `export` writes
    /// nothing that would look complete.
    pub log_damaged: bool,
}

/// Opens the folder `paths` for a reading command. A folder the window holds is read from a copy
/// the window writes; the window's refusal or silence is the error.
pub fn read_store(paths: &DataPaths) -> Result<Reading, OpenError> {
    // A mistyped folder, or the portable copy's stick not plugged in: said, never read as a
    // shop with nothing due.
    if !paths.is_there(&paths.dir)? {
        return Err(OpenError::NoSuchFolder {
            path: paths.dir.clone(),
        });
    }
    // What is read leaves out the changes after the damage: said, as `check` says it (reading
    // changes nothing, so the copy for a technician is the window's to make).
    let log_damaged = crate::store::log_damaged_inside(&paths.db());
    if log_damaged {
        let path = paths.db().display().to_string();
        eprintln!(
            "poscare: {}",
            crate::i18n::Lang::from_os().fill(T::CliLogDamagedRead, &[("path", &path)])
        );
    }
    let open = || {
        ReadStore::open(paths.clone()).map(|store| Reading {
            store,
            _copy: None,
            log_damaged,
        })
    };
    match open() {
        Err(OpenError::AlreadyOpen { .. }) => match from_window(paths) {
            Window::Copy(copy) => {
                let store = ReadStore::open_copy(paths.clone(), copy.file())?;
                Ok(Reading {
                    store,
                    _copy: Some(copy),
                    log_damaged,
                })
            }
            Window::None => after_other_command(open),
            Window::Failed(why) => Err(OpenError::WindowGaveNoCopy {
                path: paths.dir.clone(),
                why,
            }),
        },
        Err(e) if unwritable_with_a_log(&e, paths) => {
            let copy = private_copy(paths).map_err(|_| e)?;
            let store = ReadStore::open_copy(paths.clone(), copy.file())?;
            Ok(Reading {
                store,
                _copy: Some(copy),
                log_damaged,
            })
        }
        other => other,
    }
}

/// `check`'s verdict on the folder `paths`, on a copy from the window while it holds the folder.
pub fn check(paths: &DataPaths) -> Result<FolderCheck, OpenError> {
    match check_folder(paths) {
        Err(OpenError::AlreadyOpen { .. }) => match from_window(paths) {
            Window::Copy(copy) => Ok(check_copy(paths, copy.file())),
            Window::None => after_other_command(|| check_folder(paths)),
            Window::Failed(why) => Err(OpenError::WindowGaveNoCopy {
                path: paths.dir.clone(),
                why,
            }),
        },
        other => other,
    }
}

/// What the window holding a folder gave a reading command.
enum Window {
    /// Its copy of the data.
    Copy(WindowCopy),
    /// No window answered: the folder is held by another command.
    None,
    /// A window answered but gave no copy: why.
    Failed(String),
}

fn from_window(paths: &DataPaths) -> Window {
    match WindowCopy::ask(paths) {
        Ok(copy) => Window::Copy(copy),
        Err(NoCopy::NotOpen) => Window::None,
        Err(NoCopy::Failed(why)) => Window::Failed(why),
    }
}

/// How long a reading command waits for another command that holds the folder (a check, a
/// backup) to finish.
const COMMAND_WAIT: Duration = Duration::from_secs(15);

/// Opens again, for up to [`COMMAND_WAIT`], a folder that another command holds (no window
/// answered): two reading commands at once, or one during a backup, take turns. Still held
/// after that, the error says another command, not a window.
pub(super) fn after_other_command<R>(
    open: impl Fn() -> Result<R, OpenError>,
) -> Result<R, OpenError> {
    let until = std::time::Instant::now() + COMMAND_WAIT;
    loop {
        // Each try already waits up to a second for the folder's lock.
        match open() {
            Err(OpenError::AlreadyOpen { .. }) if std::time::Instant::now() < until => {}
            Err(OpenError::AlreadyOpen { path }) => {
                return Err(OpenError::HeldByCommand { path });
            }
            other => return other,
        }
    }
}

/// `poscare close`: closes the window open on the folder `paths` and waits for it (exit 0 when
/// it closed or none was open, 1 otherwise).
pub fn close(paths: &DataPaths, wait: Duration) -> ExitCode {
    let lang = Lang::from_os();
    match instance::close_running(&paths.dir, wait) {
        // No window answers, yet something holds the folder: a window that could not write
        // where it listens (a full disk when it started), or a command still running. Said,
        // never "no window is open" over a window that is.
        Closing::NotOpen if crate::store::folder_in_use(paths) => {
            eprintln!(
                "poscare: {}",
                lang.fill(
                    T::CliCloseHeldSilent,
                    &[("path", &paths.dir.display().to_string())]
                )
            );
            ExitCode::FAILURE
        }
        Closing::NotOpen => {
            println!(
                "{}",
                lang.fill(
                    T::CliCloseNotOpen,
                    &[("path", &paths.dir.display().to_string())]
                )
            );
            ExitCode::SUCCESS
        }
        Closing::Closed => {
            println!("{}", lang.t(T::CliClosed));
            ExitCode::SUCCESS
        }
        Closing::Refused => {
            eprintln!("poscare: {}", lang.t(T::CliCloseRefused));
            ExitCode::FAILURE
        }
        Closing::TimedOut => {
            eprintln!(
                "poscare: {}",
                lang.fill(
                    T::CliCloseTimedOut,
                    &[("seconds", &wait.as_secs().to_string())]
                )
            );
            ExitCode::FAILURE
        }
    }
}

// (Both tests are for Unix's files and processes.)
#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A copy left by a command killed while reading is removed by the next one (Linux tells
    /// that its process is gone); a folder of ours holding something else, and anything not
    /// ours, stay.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_killed_commands_copy_is_removed_and_nothing_else() {
        let base = tempfile::tempdir().unwrap();
        // No process has this id (above the kernel's pid limit).
        let killed = base.path().join("poscare-4194305-1-0");
        std::fs::create_dir(&killed).unwrap();
        std::fs::write(killed.join("poscare-copy.db"), b"the shop's data").unwrap();
        let other = base.path().join("poscare-4194306-1-0");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("notes.txt"), b"not ours").unwrap();
        let foreign = base.path().join("poscare-data");
        std::fs::create_dir(&foreign).unwrap();
        sweep_killed_copies(base.path());
        assert!(!killed.exists());
        assert!(other.join("notes.txt").exists());
        assert!(foreign.exists());
    }

    /// The folder a copy is written into is this account's alone.
    #[cfg(unix)]
    #[test]
    fn a_copys_folder_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = fresh_temp_dir().unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        std::fs::remove_dir(&dir).unwrap();
        assert_eq!(mode, 0o700);
    }
}
