//! A SQLite VFS for fault tests: it wraps the platform's own VFS and, for files whose path ends
//! with a given text, fails chosen reads, writes, syncs or opens with a chosen SQLite error, as a
//! bad sector, a pulled USB stick or a full disk would. Installed as the process's default VFS,
//! so the app's own code meets the faults without knowing of them. Every other file passes
//! straight through.
#![allow(unsafe_code)]

use std::ffi::{CStr, c_char, c_int, c_void};
use std::path::Path;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, Once};

use rusqlite::ffi;

/// A file operation SQLite asks of the VFS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Opening (or creating) a file.
    Open,
    /// Reading a page.
    Read,
    /// Writing a page.
    Write,
    /// Flushing to disk.
    Sync,
}

struct Rule {
    op: Op,
    path: String,
    skip: usize,
    times: usize,
    code: c_int,
    /// Only on threads other than this one (the app's background work), if set.
    elsewhere: Option<std::thread::ThreadId>,
    /// Every file inside the folder `path` (a USB stick), rather than the file `path`.
    under: bool,
}

static RULES: Mutex<Vec<Rule>> = Mutex::new(Vec::new());
static INNER: AtomicPtr<ffi::sqlite3_vfs> = AtomicPtr::new(ptr::null_mut());
static METHODS: AtomicPtr<ffi::sqlite3_io_methods> = AtomicPtr::new(ptr::null_mut());

/// SQLite's error for a failed read.
pub const READ_ERROR: c_int = ffi::SQLITE_IOERR_READ;
/// A read that came back short (as a failing stick or share can give): the page is handed to
/// SQLite filled with zeros, as the platform's VFS does at the end of a file.
pub const SHORT_READ: c_int = ffi::SQLITE_IOERR_SHORT_READ;
/// SQLite's error for a full disk.
pub const DISK_FULL: c_int = ffi::SQLITE_FULL;
/// SQLite's error for a failed write (a bad sector, a USB stick pulled out).
pub const WRITE_ERROR: c_int = ffi::SQLITE_IOERR_WRITE;

/// Makes the fault VFS the default for this test process (once).
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| unsafe { register() });
}

/// Fails `op` on the file at `path` with `code`, `times` times, after letting `skip` through.
pub fn fail(op: Op, path: &Path, skip: usize, times: usize, code: c_int) {
    add(op, path, skip, times, code, None);
}

/// Like [`fail`], for every file inside the folder `dir` (a USB stick being written, whatever
/// the names of the files on it).
pub fn fail_under(op: Op, dir: &Path, skip: usize, times: usize, code: c_int) {
    install();
    lock().push(Rule {
        op,
        path: dir.to_string_lossy().into_owned(),
        skip,
        times,
        code,
        elsewhere: None,
        under: true,
    });
}

/// Like [`fail`], but only for work on other threads than the caller's (the window's background
/// check and backups run on worker threads; opening and drawing on the test's own thread).
pub fn fail_elsewhere(op: Op, path: &Path, times: usize, code: c_int) {
    add(op, path, 0, times, code, Some(std::thread::current().id()));
}

fn add(
    op: Op,
    path: &Path,
    skip: usize,
    times: usize,
    code: c_int,
    elsewhere: Option<std::thread::ThreadId>,
) {
    install();
    lock().push(Rule {
        op,
        path: path.to_string_lossy().into_owned(),
        skip,
        times,
        code,
        elsewhere,
        under: false,
    });
}

/// How many injected faults on `path` have not happened yet.
pub fn pending(path: &Path) -> usize {
    let path = path.to_string_lossy();
    lock()
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.times)
        .sum()
}

/// Removes the rules for `path`.
pub fn clear(path: &Path) {
    let path = path.to_string_lossy().into_owned();
    lock().retain(|r| r.path != path);
}

fn lock() -> std::sync::MutexGuard<'static, Vec<Rule>> {
    RULES.lock().unwrap_or_else(|p| p.into_inner())
}

/// The error to return for `op` on `path`, if a rule says so now.
fn hit(op: Op, path: &str) -> Option<c_int> {
    let mut rules = lock();
    let here = std::thread::current().id();
    let rule = rules.iter_mut().find(|r| {
        r.op == op
            && r.times > 0
            && r.elsewhere != Some(here)
            && if r.under {
                inside(path, &r.path)
            } else {
                same_file(path, &r.path)
            }
    })?;
    if rule.skip > 0 {
        rule.skip -= 1;
        return None;
    }
    rule.times -= 1;
    Some(rule.code)
}

/// Whether SQLite's name for a file is the rule's path (SQLite may resolve links or add `\\?\`).
fn same_file(sqlite_path: &str, rule_path: &str) -> bool {
    sqlite_path == rule_path
        || sqlite_path.ends_with(rule_path.trim_start_matches(['/', '\\']))
        || Path::new(sqlite_path)
            .canonicalize()
            .ok()
            .zip(Path::new(rule_path).canonicalize().ok())
            .is_some_and(|(a, b)| a == b)
}

/// Whether SQLite's name for a file is inside the folder `dir` (SQLite may resolve links).
fn inside(sqlite_path: &str, dir: &str) -> bool {
    let file = Path::new(sqlite_path);
    file.starts_with(dir)
        || Path::new(dir)
            .canonicalize()
            .is_ok_and(|d| file.starts_with(&d))
}

/// The file object SQLite allocates for the fault VFS: ours, then the wrapped VFS's right after.
#[repr(C)]
struct FaultFile {
    base: ffi::sqlite3_file,
    inner: *mut ffi::sqlite3_file,
    path: *mut String,
}

unsafe fn register() {
    unsafe {
        let inner = ffi::sqlite3_vfs_find(ptr::null());
        assert!(!inner.is_null(), "SQLite has a default VFS");
        INNER.store(inner, Ordering::SeqCst);
        let mut vfs: ffi::sqlite3_vfs = ptr::read(inner);
        vfs.szOsFile = (std::mem::size_of::<FaultFile>() as c_int) + (*inner).szOsFile;
        vfs.zName = c"poscare-fault".as_ptr();
        vfs.pNext = ptr::null_mut();
        vfs.xOpen = Some(x_open);
        let methods = ffi::sqlite3_io_methods {
            iVersion: 3,
            xClose: Some(x_close),
            xRead: Some(x_read),
            xWrite: Some(x_write),
            xTruncate: Some(x_truncate),
            xSync: Some(x_sync),
            xFileSize: Some(x_file_size),
            xLock: Some(x_lock),
            xUnlock: Some(x_unlock),
            xCheckReservedLock: Some(x_check_reserved_lock),
            xFileControl: Some(x_file_control),
            xSectorSize: Some(x_sector_size),
            xDeviceCharacteristics: Some(x_device_characteristics),
            xShmMap: Some(x_shm_map),
            xShmLock: Some(x_shm_lock),
            xShmBarrier: Some(x_shm_barrier),
            xShmUnmap: Some(x_shm_unmap),
            xFetch: Some(x_fetch),
            xUnfetch: Some(x_unfetch),
        };
        METHODS.store(Box::into_raw(Box::new(methods)), Ordering::SeqCst);
        let vfs = Box::into_raw(Box::new(vfs));
        assert_eq!(ffi::sqlite3_vfs_register(vfs, 1), ffi::SQLITE_OK);
    }
}

unsafe extern "C" fn x_open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    unsafe {
        let ours = file as *mut FaultFile;
        (*ours).base.pMethods = ptr::null();
        let path = if name.is_null() {
            String::new()
        } else {
            CStr::from_ptr(name).to_string_lossy().into_owned()
        };
        if let Some(code) = hit(Op::Open, &path) {
            return code;
        }
        let inner_vfs = INNER.load(Ordering::SeqCst);
        let inner =
            (file as *mut u8).add(std::mem::size_of::<FaultFile>()) as *mut ffi::sqlite3_file;
        (*inner).pMethods = ptr::null();
        let Some(open) = (*inner_vfs).xOpen else {
            return ffi::SQLITE_CANTOPEN;
        };
        let rc = open(inner_vfs, name, inner, flags, out_flags);
        if rc != ffi::SQLITE_OK {
            if let Some(close) = (*inner).pMethods.as_ref().and_then(|m| m.xClose) {
                close(inner);
            }
            return rc;
        }
        (*ours).inner = inner;
        (*ours).path = Box::into_raw(Box::new(path));
        (*ours).base.pMethods = METHODS.load(Ordering::SeqCst);
        ffi::SQLITE_OK
    }
}

/// The wrapped file and its methods.
unsafe fn inner(
    file: *mut ffi::sqlite3_file,
) -> (*mut ffi::sqlite3_file, &'static ffi::sqlite3_io_methods) {
    unsafe {
        let inner = (*(file as *mut FaultFile)).inner;
        (inner, &*(*inner).pMethods)
    }
}

unsafe fn path_of(file: *mut ffi::sqlite3_file) -> &'static str {
    unsafe { (*(*(file as *mut FaultFile)).path).as_str() }
}

unsafe extern "C" fn x_close(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        let rc = m.xClose.map_or(ffi::SQLITE_OK, |x| x(f));
        drop(Box::from_raw((*(file as *mut FaultFile)).path));
        rc
    }
}

unsafe extern "C" fn x_read(
    file: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    unsafe {
        if let Some(code) = hit(Op::Read, path_of(file)) {
            if code == SHORT_READ {
                ptr::write_bytes(buf as *mut u8, 0, amount as usize);
            }
            return code;
        }
        let (f, m) = inner(file);
        m.xRead
            .map_or(ffi::SQLITE_IOERR_READ, |x| x(f, buf, amount, offset))
    }
}

unsafe extern "C" fn x_write(
    file: *mut ffi::sqlite3_file,
    buf: *const c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    unsafe {
        if let Some(code) = hit(Op::Write, path_of(file)) {
            return code;
        }
        let (f, m) = inner(file);
        m.xWrite
            .map_or(ffi::SQLITE_IOERR_WRITE, |x| x(f, buf, amount, offset))
    }
}

unsafe extern "C" fn x_truncate(file: *mut ffi::sqlite3_file, size: ffi::sqlite3_int64) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        m.xTruncate
            .map_or(ffi::SQLITE_IOERR_TRUNCATE, |x| x(f, size))
    }
}

unsafe extern "C" fn x_sync(file: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    unsafe {
        if let Some(code) = hit(Op::Sync, path_of(file)) {
            return code;
        }
        let (f, m) = inner(file);
        m.xSync.map_or(ffi::SQLITE_IOERR_FSYNC, |x| x(f, flags))
    }
}

unsafe extern "C" fn x_file_size(
    file: *mut ffi::sqlite3_file,
    size: *mut ffi::sqlite3_int64,
) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        m.xFileSize.map_or(ffi::SQLITE_IOERR_FSTAT, |x| x(f, size))
    }
}

unsafe extern "C" fn x_lock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        m.xLock.map_or(ffi::SQLITE_OK, |x| x(f, level))
    }
}

unsafe extern "C" fn x_unlock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        m.xUnlock.map_or(ffi::SQLITE_OK, |x| x(f, level))
    }
}

unsafe extern "C" fn x_check_reserved_lock(file: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        m.xCheckReservedLock.map_or(ffi::SQLITE_OK, |x| x(f, out))
    }
}

unsafe extern "C" fn x_file_control(
    file: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        m.xFileControl
            .map_or(ffi::SQLITE_NOTFOUND, |x| x(f, op, arg))
    }
}

unsafe extern "C" fn x_sector_size(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        m.xSectorSize.map_or(4096, |x| x(f))
    }
}

unsafe extern "C" fn x_device_characteristics(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        m.xDeviceCharacteristics.map_or(0, |x| x(f))
    }
}

unsafe extern "C" fn x_shm_map(
    file: *mut ffi::sqlite3_file,
    region: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        match (m.iVersion >= 2).then_some(m.xShmMap).flatten() {
            Some(x) => x(f, region, size, extend, out),
            None => ffi::SQLITE_IOERR_SHMMAP,
        }
    }
}

unsafe extern "C" fn x_shm_lock(
    file: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        match (m.iVersion >= 2).then_some(m.xShmLock).flatten() {
            Some(x) => x(f, offset, n, flags),
            None => ffi::SQLITE_IOERR_SHMLOCK,
        }
    }
}

unsafe extern "C" fn x_shm_barrier(file: *mut ffi::sqlite3_file) {
    unsafe {
        let (f, m) = inner(file);
        if let Some(x) = (m.iVersion >= 2).then_some(m.xShmBarrier).flatten() {
            x(f)
        }
    }
}

unsafe extern "C" fn x_shm_unmap(file: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    unsafe {
        let (f, m) = inner(file);
        match (m.iVersion >= 2).then_some(m.xShmUnmap).flatten() {
            Some(x) => x(f, delete),
            None => ffi::SQLITE_OK,
        }
    }
}

unsafe extern "C" fn x_fetch(
    file: *mut ffi::sqlite3_file,
    offset: ffi::sqlite3_int64,
    amount: c_int,
    out: *mut *mut c_void,
) -> c_int {
    unsafe {
        // No memory-mapped reads: every page goes through xRead, where faults can happen.
        let _ = (file, offset, amount);
        *out = ptr::null_mut();
        ffi::SQLITE_OK
    }
}

unsafe extern "C" fn x_unfetch(
    file: *mut ffi::sqlite3_file,
    offset: ffi::sqlite3_int64,
    page: *mut c_void,
) -> c_int {
    let _ = (file, offset, page);
    ffi::SQLITE_OK
}
