//! The app's own leftovers in a folder the merchant writes into (a USB stick, an export folder):
//! the temporary files of a write that was killed, or whose stick was pulled, before it was
//! renamed. They are hidden (their names begin with a dot), so nobody else would ever remove
//! them. Only names the app itself makes are recognised:
//!
//! - [`super::AtomicFile`]'s `.{name}.{pid}-{n}.tmp` (exports, call sheets, printed plans);
//! - a backup's `.poscare-YYYYMMDD-HHMMSS-{kind}[-n].db.tmp`, with SQLite's `-journal`, `-wal`
//!   and `-shm` beside it, and the empty file under the backup's own name that held the name
//!   for it (a backup cut off before its copy was sealed leaves it: it holds nothing).
//!
//! Such a file is removed when it was last written more than [`LEFTOVER_AGE`] ago, or when the
//! process named in it is no longer running (where that can be told: Linux). Anything else,
//! even a similar name, stays. The data folder has its own sweep at start (`store::open`).

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How long after its last write a temporary file of ours counts as left behind. A write in
/// progress changes its file far more often; a file dated in the future is never old.
pub const LEFTOVER_AGE: Duration = Duration::from_secs(60);

/// What a name of ours tells: the process that made it, if the name carries one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ours {
    /// An [`super::AtomicFile`]'s temporary file, made by this process id.
    Atomic(u32),
    /// A backup's temporary file or one of its SQLite companions.
    Backup,
    /// A backup's own name, taken and never written (only ever removed when empty).
    BackupName,
}

/// Whether `name` is one of the app's own temporary file names (see the module's notes).
pub fn is_leftover_name(name: &str) -> bool {
    ours(name).is_some_and(|o| o != Ours::BackupName)
}

fn ours(name: &str) -> Option<Ours> {
    atomic_pid(name)
        .map(Ours::Atomic)
        .or_else(|| is_backup_temp(name).then_some(Ours::Backup))
        .or_else(|| is_backup_temp(&format!(".{name}.tmp")).then_some(Ours::BackupName))
}

/// `.{name}.{pid}-{n}.tmp` → the pid.
fn atomic_pid(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (file, tag) = inner.rsplit_once('.')?;
    let (pid, n) = tag.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if file.is_empty() || !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// `.poscare-YYYYMMDD-HHMMSS-{kind}[-n].db.tmp`, optionally followed by `-journal`, `-wal` or
/// `-shm`, where the kind is lower-case letters, digits and dashes.
fn is_backup_temp(name: &str) -> bool {
    let name = ["-journal", "-wal", "-shm"]
        .iter()
        .find_map(|c| name.strip_suffix(c))
        .unwrap_or(name);
    let Some(stem) = name
        .strip_prefix(".poscare-")
        .and_then(|n| n.strip_suffix(".db.tmp"))
    else {
        return false;
    };
    let b = stem.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    b.len() > 16
        && digits(0..8)
        && b[8] == b'-'
        && digits(9..15)
        && b[15] == b'-'
        && b[16..]
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// Whether the process `pid` is known to have ended. Only Linux can tell without asking the
/// system through unsafe calls (`/proc`); elsewhere the age alone decides.
pub fn process_ended(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        // No /proc (a sandbox): nothing can be told.
        Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Removes the app's own leftovers in `dir` (see the module's notes); returns how many went.
/// Never follows a link, never removes a folder, never anything whose name is not ours; a file
/// that cannot be removed (in use, read-only stick) stays and is tried again next time.
pub fn clear_leftovers(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(kind) = name.to_str().and_then(ours) else {
            continue;
        };
        // The entry itself, not where a link points.
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.file_type().is_file() || (kind == Ours::BackupName && meta.len() > 0) {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= LEFTOVER_AGE);
        let orphan = matches!(kind, Ours::Atomic(pid) if process_ended(pid));
        if (old || orphan) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_temporary_names_are_recognised() {
        for name in [
            ".history.csv.4242-0.tmp",
            ".历史 记录.csv.1-12.tmp",
            ".report.html.99999-999.tmp",
            ".poscare-20261101-093000-manual.db.tmp",
            ".poscare-20261101-093000-manual-2.db.tmp",
            ".poscare-20261101-093000-manual.db.tmp-journal",
            ".poscare-20261101-093000-auto.db.tmp-wal",
            ".poscare-20261101-093000-before-restore.db.tmp-shm",
        ] {
            assert!(is_leftover_name(name), "{name}");
        }
        for name in [
            "history.csv",
            "history.csv.4242-0.tmp",
            ".history.csv.tmp",
            ".history.csv.42a-0.tmp",
            "..4242-0.tmp",
            ".4242-0.tmp",
            ".notes.12-3.txt",
            ".poscare-20261101-093000-manual.db",
            "poscare-20261101-093000-manual.db",
            ".poscare-20261101-093000-manual.db.tmp.bak",
            ".poscare-2026110-093000-manual.db.tmp",
            ".poscare-20261101-093000-.db.tmp",
            ".poscare-20261101-093000-Manual.db.tmp",
            ".poscare-notes.db.tmp",
            ".poscare-20261101-093000-manual.db.tmp-journal2",
        ] {
            assert!(!is_leftover_name(name), "{name}");
        }
    }

    fn age(path: &Path, secs: u64) {
        let file = fs::OpenOptions::new().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(secs))
            .unwrap();
    }

    #[test]
    fn old_leftovers_go_and_everything_else_stays() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        let me = std::process::id();
        let old = [
            ".history.csv.4242-0.tmp".to_owned(),
            ".poscare-20261101-093000-manual.db.tmp".to_owned(),
            ".poscare-20261101-093000-manual.db.tmp-journal".to_owned(),
        ];
        let kept = [
            // Ours, but fresh and from this (running) process: a write in progress.
            format!(".report.csv.{me}-0.tmp"),
            ".poscare-20261204-235900-manual.db.tmp".to_owned(),
            // Old, but not ours.
            "history.csv".to_owned(),
            ".history.csv.tmp".to_owned(),
            ".notes.12-3.txt".to_owned(),
        ];
        for name in old.iter().chain(&kept) {
            fs::write(p(name), b"x").unwrap();
        }
        for name in old.iter().chain(&kept[2..]) {
            age(&p(name), 3600);
        }
        // A folder with one of our names is not a file: it stays.
        fs::create_dir(p(".poscare-20261101-093000-auto.db.tmp")).unwrap();
        assert_eq!(clear_leftovers(dir.path()), old.len());
        for name in &old {
            assert!(!p(name).exists(), "{name}");
        }
        for name in &kept {
            assert!(p(name).exists(), "{name}");
        }
        assert!(p(".poscare-20261101-093000-auto.db.tmp").is_dir());
    }

    /// A backup cut off before its copy was sealed leaves an empty file under the backup's
    /// own name: it goes with the leftovers. A backup under that name that holds anything
    /// stays, whatever its age.
    #[test]
    fn an_empty_backup_name_goes_and_a_written_backup_stays() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        let empty = p("poscare-20261101-093000-manual.db");
        let written = p("poscare-20261102-093000-manual.db");
        let fresh = p("poscare-20261204-235900-manual.db");
        fs::write(&empty, b"").unwrap();
        fs::write(&written, b"SQLite format 3\0").unwrap();
        fs::write(&fresh, b"").unwrap();
        age(&empty, 3600);
        age(&written, 3600);
        assert_eq!(clear_leftovers(dir.path()), 1);
        assert!(!empty.exists());
        assert!(written.exists());
        assert!(fresh.exists(), "a backup being written now keeps its name");
    }

    #[test]
    fn a_file_dated_in_the_future_is_not_old() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".poscare-20261101-093000-manual.db.tmp");
        fs::write(&path, b"x").unwrap();
        let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() + Duration::from_secs(3600))
            .unwrap();
        drop(file);
        assert_eq!(clear_leftovers(dir.path()), 0);
        assert!(path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_with_our_name_is_not_followed_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("precious.csv");
        fs::write(&elsewhere, b"keep").unwrap();
        let link = dir.path().join(".history.csv.4242-0.tmp");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        assert_eq!(clear_leftovers(dir.path()), 0);
        assert!(fs::symlink_metadata(&link).is_ok());
        assert_eq!(fs::read(&elsewhere).unwrap(), b"keep");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fresh_leftover_of_an_ended_process_goes() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        let gone = dir.path().join(format!(".history.csv.{pid}-0.tmp"));
        fs::write(&gone, b"x").unwrap();
        assert_eq!(clear_leftovers(dir.path()), 1);
        assert!(!gone.exists());
    }
}
