//! Injected file-system faults for the fault tests. Only builds with the `testing` feature can
//! inject anything; in the app every check is an empty inline function. A rule names a file
//! operation and a fragment of the path it applies to; the operation then fails (or the process
//! "crashes" with a panic) as if the disk had said so.

use std::path::Path;
#[cfg(feature = "testing")]
use std::sync::Mutex;

/// A file operation of [`crate::files`] that a fault can hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Creating a new file.
    Create,
    /// Writing bytes into a file.
    Write,
    /// Reading bytes from a file.
    Read,
    /// Flushing a file to disk.
    Sync,
    /// Giving a finished file its name.
    Rename,
    /// Flushing a folder's entries (a new name) to disk.
    SyncFolder,
    /// Asking how much room is left on a disk ([`crate::files::room_left`]).
    Room,
}

/// What happens when a rule hits.
#[cfg(feature = "testing")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The disk is full.
    DiskFull,
    /// An input/output error (a bad sector, a USB stick pulled out).
    Io,
    /// The process dies here (a panic the test catches): whatever was not yet done stays undone.
    Crash,
    /// The operation takes this many milliseconds (a slow USB stick), then goes through.
    Slow(u64),
    /// The disk has this many bytes free ([`Op::Room`] only; it stays until [`clear`]ed).
    Free(u64),
}

#[cfg(feature = "testing")]
struct Rule {
    op: Op,
    path_contains: String,
    fault: Fault,
    /// Matching operations to let through before the rule hits.
    skip: usize,
    /// How many more times it hits.
    times: usize,
}

#[cfg(feature = "testing")]
static RULES: Mutex<Vec<Rule>> = Mutex::new(Vec::new());

#[cfg(feature = "testing")]
/// Makes `op` on any path containing `path_contains` fail with `fault`, `times` times.
pub fn inject(op: Op, path_contains: &str, fault: Fault, times: usize) {
    inject_after(op, path_contains, fault, 0, times);
}

#[cfg(feature = "testing")]
/// Like [`inject`], letting the first `skip` matching operations through.
pub fn inject_after(op: Op, path_contains: &str, fault: Fault, skip: usize, times: usize) {
    lock().push(Rule {
        op,
        path_contains: path_contains.to_owned(),
        fault,
        skip,
        times,
    });
}

#[cfg(feature = "testing")]
/// Removes every rule that mentions `path_contains`.
pub fn clear(path_contains: &str) {
    lock().retain(|r| r.path_contains != path_contains);
}

#[cfg(feature = "testing")]
fn lock() -> std::sync::MutexGuard<'static, Vec<Rule>> {
    RULES.lock().unwrap_or_else(|p| p.into_inner())
}

/// The room the fault tests give the disk holding `path`: nothing outside them.
#[cfg(not(feature = "testing"))]
#[inline(always)]
pub(super) fn room(_path: &Path) -> Option<std::io::Result<u64>> {
    None
}

/// The room the fault tests give the disk holding `path`, or the fault asking it hits.
#[cfg(feature = "testing")]
pub(super) fn room(path: &Path) -> Option<std::io::Result<u64>> {
    if let Some(Fault::Free(bytes)) = peek(Op::Room, path) {
        return Some(Ok(bytes));
    }
    hit(Op::Room, path).err().map(Err)
}

/// The fault of the first rule for `op` on `path`, without using it up.
#[cfg(feature = "testing")]
fn peek(op: Op, path: &Path) -> Option<Fault> {
    let text = path.to_string_lossy();
    lock()
        .iter()
        .find(|r| r.op == op && r.times > 0 && r.skip == 0 && text.contains(&r.path_contains))
        .map(|r| r.fault)
}

/// Called by [`crate::files`] before each operation: nothing outside the fault tests.
#[cfg(not(feature = "testing"))]
#[inline(always)]
pub(super) fn hit(_op: Op, _path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Called by [`crate::files`] before each operation.
#[cfg(feature = "testing")]
pub(super) fn hit(op: Op, path: &Path) -> std::io::Result<()> {
    let text = path.to_string_lossy();
    let fault = {
        let mut rules = lock();
        let Some(rule) = rules
            .iter_mut()
            .find(|r| r.op == op && r.times > 0 && text.contains(&r.path_contains))
        else {
            return Ok(());
        };
        if rule.skip > 0 {
            rule.skip -= 1;
            return Ok(());
        }
        rule.times -= 1;
        rule.fault
    };
    match fault {
        Fault::DiskFull => Err(std::io::Error::from(std::io::ErrorKind::StorageFull)),
        Fault::Io => Err(std::io::Error::other("injected input/output error")),
        Fault::Crash => panic!("injected crash before {op:?} of {text}"),
        Fault::Slow(ms) => {
            std::thread::sleep(std::time::Duration::from_millis(ms));
            Ok(())
        }
        Fault::Free(_) => Ok(()),
    }
}
