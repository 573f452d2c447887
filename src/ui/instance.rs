//! One window per data folder: starting the app again brings the running window to the front.
//!
//! The window that holds a data folder listens on a loopback port (127.0.0.1, a port the OS
//! picks) and writes `poscare-window 2 PORT TOKEN PID` into `window.port` in the folder. A second
//! start of the window on the same folder reads that file, connects, sends `show TOKEN FOLDER`
//! (FOLDER: the folder's real path, see `folder_word`), and on the answer `shown` exits
//! quietly; the running window un-minimises and takes the focus. The running window answers
//! `shown` only when both the token and the folder are its own: a copied data folder carries a
//! copy of `window.port`, token and all, and a start on the copy must open its own window, not
//! bring the original's forward. Any other outcome (no file, a file left behind by a window that
//! crashed or copied from another folder, a port now used by another program, a wrong token or
//! folder, no answer in time) means that no window of this folder is listening: the start goes
//! on as usual, and the folder's lock has the last word.
//!
//! Nothing here may hold up a start, a first frame or an exit. The second start asks on a thread
//! of its own ([`ask_running`], with short timeouts) while it opens the folder, and waits for the
//! answer only when the folder turns out to be held. The listener answers each connection on a
//! short-lived thread of its own with a deadline, so idle or trickling clients cannot keep the
//! others waiting, and a closing window never waits for the listener's threads.
//!
//! Two more requests, from this app's own commands and from its installer (see [`close_running`]
//! and [`copy_from_running`]), carry the same token and folder:
//! - `close TOKEN FOLDER`: the window answers `closing`, closes as a person closing it would
//!   (after a running backup or restore has finished; every action is already committed), and
//!   answers `closed` once it has; the installer and `poscare close` then wait for its process to
//!   end. A close request ends the app: it is never taken as "hide to the tray".
//! - `copy TOKEN FOLDER FILE` (FILE in hex, as the folder): the window writes a consistent copy
//!   of the database into the new file FILE outside the data folder (`VACUUM INTO`, on its own
//!   connection, so its exclusive lock stays) and answers `copied`, or `not-copied WHY`. A
//!   reading command (`today`, `check`, `export`, `insights`, `lookup`'s own entries) reads the
//!   copy while the window is open, and removes it.
//!
//! Only the window that has taken the folder's lock writes `window.port`; the commands only read
//! it, to ask the window for a copy or to close, so `poscare backup` on a busy folder still says
//! the folder is busy. A window left to look up prompts (data it cannot open, a read-only
//! folder, a folder a command held at its start) holds nothing and may have no room in the
//! folder: it writes the same line into this account's temporary folder, in a file named for
//! the data folder ([`aside_file`]). A second start and `close` ask both; a second start that
//! finds the aside file waits for its answer even when it could open the folder, so that the
//! window already on screen comes forward (and opens the folder itself) rather than a second.

use std::fmt::Write as _;
use std::hash::BuildHasher;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::state_file;
use crate::files::Target;

/// The file's name in the data folder.
pub const PORT_FILE: &str = "window.port";

/// The first words of the file and of nothing else, with the protocol's version (2: the request
/// names the folder).
pub const MAGIC: &str = "poscare-window 2";

/// How long a second start waits for the connection: the port is on this PC, so a window that
/// listens accepts at once.
pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(300);

/// How long a second start waits for the answer, which a running window gives as soon as it has
/// read the request. Only a start that found its folder held ever waits for it.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(2);

/// How long the running window gives a connection to send its whole request: a start sends it
/// at once, so anything slower is not a start of this app.
pub const REQUEST_DEADLINE: Duration = Duration::from_millis(500);

/// The most connections the running window answers at once; more wait in the OS's queue until
/// one is done (at most [`REQUEST_DEADLINE`] later).
const MAX_CONNECTIONS: usize = 256;

/// The longest request: `show`, the token and the folder (a Windows path may be 32,767 UTF-16
/// units, four hex digits each).
const MAX_REQUEST: usize = 256 * 1024;

/// How long a closing window tries to wake its listener's thread (see [`Listener`]'s `drop`).
const WAKE_TIMEOUT: Duration = Duration::from_millis(100);

/// The stack of a thread answering one connection: it reads one line.
const ANSWER_STACK: usize = 128 * 1024;

/// How long a closing window's answering thread waits to say `closed` (a window finishing a
/// backup first may take a while; the asking side has its own limit).
const CLOSE_WAIT: Duration = Duration::from_secs(120);

/// How long an answering thread waits for the window to write a copy (it waits for a running
/// backup or restore first).
const COPY_WAIT: Duration = Duration::from_secs(120);

/// "Show the window", "close" and "copy" requests, handed from the listener's thread to the app.
#[derive(Default)]
pub struct ShowRequests {
    pending: AtomicBool,
    ctx: Mutex<Option<egui::Context>>,
    /// A close was asked for.
    close: AtomicBool,
    /// The window has closed (its listener is gone): set once, waited for by `close` answers.
    closed: Mutex<bool>,
    closed_now: Condvar,
    /// Copies asked for and not yet written.
    copies: Mutex<Vec<CopyRequest>>,
}

/// A reading command's request for a copy of the database, waiting for the window.
pub struct CopyRequest {
    /// The new file to write (outside the data folder).
    pub target: PathBuf,
    reply: mpsc::SyncSender<Result<(), String>>,
}

/// Why a window with no data open wrote no copy: it answers "no", as a window of another folder
/// does, and the command reads the folder itself.
const NO_DATA: &str = "\u{0}no data open";

impl CopyRequest {
    /// Answers the command: the copy was written, or why not.
    pub fn answer(self, result: Result<(), String>) {
        let _ = self.reply.send(result);
    }

    /// Answers the command that this window has no data open (a window left to look up
    /// prompts): not a failed copy, but no window of the data to ask.
    pub fn no_data(self) {
        let _ = self.reply.send(Err(NO_DATA.to_owned()));
    }
}

impl ShowRequests {
    /// Connects the requests to the window, so that one wakes it up (a minimised window has
    /// no other reason to run a frame).
    pub fn attach(&self, ctx: &egui::Context) {
        *self.ctx.lock().unwrap_or_else(|p| p.into_inner()) = Some(ctx.clone());
        if self.pending.load(Ordering::SeqCst) {
            ctx.request_repaint();
        }
    }

    /// Another start asked to see the window.
    pub fn request(&self) {
        self.pending.store(true, Ordering::SeqCst);
        if let Some(ctx) = &*self.ctx.lock().unwrap_or_else(|p| p.into_inner()) {
            ctx.request_repaint();
        }
    }

    /// Whether the window was asked to show itself since the last call.
    pub fn take(&self) -> bool {
        self.pending.swap(false, Ordering::SeqCst)
    }

    fn wake(&self) {
        if let Some(ctx) = &*self.ctx.lock().unwrap_or_else(|p| p.into_inner()) {
            ctx.request_repaint();
        }
    }

    /// Whether the window was asked to close (by the installer or `poscare close`): the app
    /// ends, whatever it otherwise does when its window is closed.
    pub fn close_asked(&self) -> bool {
        self.close.load(Ordering::SeqCst)
    }

    /// The copies asked for since the last call, to write and answer.
    pub fn take_copies(&self) -> Vec<CopyRequest> {
        std::mem::take(&mut *self.copies.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Asks the window to close for real (the door's `close`, the installer's event).
    pub(crate) fn ask_close(&self) {
        self.close.store(true, Ordering::SeqCst);
        self.wake();
    }

    /// The window is gone: `close` answers may say `closed`.
    fn window_closed(&self) {
        *self.closed.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.closed_now.notify_all();
    }

    /// Waits at most `limit` for the window to be gone.
    fn wait_closed(&self, limit: Duration) -> bool {
        let closed = self.closed.lock().unwrap_or_else(|p| p.into_inner());
        let (closed, _) = self
            .closed_now
            .wait_timeout_while(closed, limit, |closed| !*closed)
            .unwrap_or_else(|p| p.into_inner());
        *closed
    }

    /// Queues a copy for the window and waits at most `limit` for it.
    fn ask_copy(&self, target: PathBuf, limit: Duration) -> Result<(), String> {
        let (reply, answer) = mpsc::sync_channel(1);
        self.copies
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(CopyRequest { target, reply });
        self.wake();
        answer
            .recv_timeout(limit)
            .unwrap_or_else(|_| Err("the window did not answer in time".to_owned()))
    }
}

/// The running window's end: a thread accepting "show" requests, and the port file naming it.
///
/// Dropping it stops the listening and removes the port file, and never waits for a thread: a
/// client that connected and hangs must not keep a closed window's process alive (the threads
/// end with the process, or within [`REQUEST_DEADLINE`]).
pub struct Listener {
    file: PathBuf,
    contents: String,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    requests: Arc<ShowRequests>,
    /// A window left to look up prompts: its hold on [`aside_lock`], kept while it listens.
    _aside: Option<std::fs::File>,
    /// Whether its end is the window's end (`close` answers "closed"): not for a stand-in a
    /// window drops while it goes on (see [`Listener::stand_down`]).
    ends_window: bool,
}

/// Whether this start may be the window left to look up prompts on a data folder: such windows
/// hold nothing in the folder, so starts at the same moment each opened one (a fault tester's
/// six windows from six starts). The first to take the lock file beside [`aside_file`] is it.
pub enum AsideLock {
    /// This process holds it, for as long as the file is kept open.
    Held(std::fs::File),
    /// Another process holds it: a window left to look up prompts is starting or open.
    Elsewhere,
    /// The lock file cannot be made or locked (a folder in its place): go on without it.
    Unavailable,
}

/// Takes the lock of the window left to look up prompts on `dir` ([`AsideLock`]).
pub fn aside_lock(dir: &Path) -> AsideLock {
    let path = aside_file(dir).with_extension("lock");
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    else {
        return AsideLock::Unavailable;
    };
    match file.try_lock() {
        Ok(()) => AsideLock::Held(file),
        Err(std::fs::TryLockError::WouldBlock) => AsideLock::Elsewhere,
        Err(std::fs::TryLockError::Error(_)) => AsideLock::Unavailable,
    }
}

/// Waits at most `limit` for the window left to look up prompts on `dir`, which holds
/// [`aside_lock`], to say where it listens, and asks it to come to the front: whether it did.
pub fn show_lookup_only(dir: &Path, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if read_port_at(&aside_file(dir)).is_some() && ask_running(dir).shown() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// What the threads answering connections share.
struct Serving {
    /// What every request names after its verb: `TOKEN FOLDER`.
    expected: String,
    requests: Arc<ShowRequests>,
    slots: Arc<Slots>,
}

impl Listener {
    /// Starts listening for the data folder `dir` and writes its port file. Call only while
    /// holding the folder's lock.
    pub fn start(dir: &Path, requests: Arc<ShowRequests>) -> std::io::Result<Listener> {
        Listener::start_at(dir, Target::window_state(dir, PORT_FILE), requests, None)
    }

    /// Starts listening for a window left to look up prompts on the data folder `dir`, which it
    /// does not hold: its port file goes to this account's temporary folder ([`aside_file`]), as
    /// the folder may be read-only, or held by a command that must still find it free of a
    /// window (`poscare backup` on a folder only a lookup-only window has open goes ahead).
    /// `lock`: its hold on [`aside_lock`], kept as long as it listens.
    pub fn start_aside(
        dir: &Path,
        requests: Arc<ShowRequests>,
        lock: Option<std::fs::File>,
    ) -> std::io::Result<Listener> {
        let file = aside_file(dir);
        let folder = file.parent().unwrap_or(Path::new("."));
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        Listener::start_at(dir, Target::window_state(folder, &name), requests, lock)
    }

    fn start_at(
        dir: &Path,
        target: Target,
        requests: Arc<ShowRequests>,
        aside: Option<std::fs::File>,
    ) -> std::io::Result<Listener> {
        let socket = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let addr = socket.local_addr()?;
        let token = new_token();
        let contents = format!("{MAGIC} {} {token} {}\n", addr.port(), std::process::id());
        let serving = Arc::new(Serving {
            expected: format!("{token} {}", folder_word(dir)),
            requests: Arc::clone(&requests),
            slots: Arc::default(),
        });
        let stop = Arc::new(AtomicBool::new(false));
        {
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("poscare-show".to_owned())
                .spawn(move || serve(&socket, &serving, &stop))?;
        }
        let listener = Listener {
            file: target.path().to_path_buf(),
            contents,
            addr,
            stop,
            requests,
            _aside: aside,
            ends_window: true,
        };
        // Written once the thread runs; a failure drops the listener, which stops it.
        // The token is for this account's commands only (a shared folder lets others read).
        crate::files::write_private(&target, listener.contents.as_bytes())
            .map_err(|e| std::io::Error::other(e.message(crate::i18n::Lang::En)))?;
        Ok(listener)
    }
}

impl Listener {
    /// Stops listening here while the window goes on (it listens elsewhere now): a `close`
    /// asked later is not answered "closed" before the window really is (a fault tester's
    /// `poscare close` said the app had closed while it ran on).
    pub fn stand_down(mut self) {
        self.ends_window = false;
    }
}

impl Drop for Listener {
    /// Stops the thread and removes the port file, if it is still ours.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if self.ends_window {
            self.requests.window_closed();
        }
        // Wake the thread from `accept` so that it ends and closes the port now (a test starts
        // many listeners in one process); it is not waited for.
        let _ = TcpStream::connect_timeout(&self.addr, WAKE_TIMEOUT);
        if state_file::read(&self.file).is_ok_and(|c| c == self.contents.as_bytes()) {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}

/// The listener's thread: accepts connections and hands each to a thread of its own, at most
/// [`MAX_CONNECTIONS`] at a time, until `stop`.
fn serve(socket: &TcpListener, serving: &Arc<Serving>, stop: &AtomicBool) {
    loop {
        let slot = Slots::take(&serving.slots);
        let accepted = socket.accept();
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok((stream, _)) = accepted else {
            // Out of handles, say: no busy loop while it lasts.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let serving = Arc::clone(serving);
        // If no thread can be made, the connection is closed (the closure is dropped) and the
        // start that made it goes on as if no window were open; the lock has the last word.
        let _ = std::thread::Builder::new()
            .name("poscare-answer".to_owned())
            .stack_size(ANSWER_STACK)
            .spawn(move || {
                answer(&stream, &serving);
                drop(slot);
            });
    }
}

/// A request to the running window, as read from a connection.
#[derive(Debug, PartialEq, Eq)]
enum Request {
    Show,
    Close,
    Copy(PathBuf),
}

/// Reads a request line: its verb, then the token and folder that must be `expected`, then (for
/// `copy`) the file. `None` for anything else.
fn parse_request(line: &str, expected: &str) -> Option<Request> {
    let (verb, rest) = line.split_once(' ')?;
    match verb {
        "show" if rest == expected => Some(Request::Show),
        "close" if rest == expected => Some(Request::Close),
        "copy" => {
            let file = rest.strip_prefix(expected)?.strip_prefix(' ')?;
            path_from_word(file).map(Request::Copy)
        }
        _ => None,
    }
}

/// Answers one connection: `shown`, `closing` then `closed`, or `copied` / `not-copied WHY` to
/// the right requests, `no` to anything else, or nothing to a client that has not sent a whole
/// line within [`REQUEST_DEADLINE`].
fn answer(stream: &TcpStream, serving: &Serving) {
    let deadline = Instant::now() + REQUEST_DEADLINE;
    let Some(line) = read_line(stream, deadline, MAX_REQUEST) else {
        return;
    };
    let _ = stream.set_write_timeout(Some(REQUEST_DEADLINE));
    let say = |text: &str| (&*stream).write_all(text.as_bytes()).is_ok();
    match parse_request(&line, &serving.expected) {
        Some(Request::Show) => {
            serving.requests.request();
            say("shown\n");
        }
        Some(Request::Close) => {
            serving.requests.ask_close();
            if say("closing\n") && serving.requests.wait_closed(CLOSE_WAIT) {
                say("closed\n");
            }
        }
        Some(Request::Copy(target)) => {
            let answer = match serving.requests.ask_copy(target, COPY_WAIT) {
                Ok(()) => "copied\n".to_owned(),
                Err(why) if why == NO_DATA => "no\n".to_owned(),
                Err(why) => format!("not-copied {}\n", why.replace(['\r', '\n'], " ")),
            };
            say(&answer);
        }
        None => {
            say("no\n");
        }
    }
}

/// Reads one line (without its end) of at most `max` bytes from `stream`, all of it before
/// `deadline`: a client sending a byte at a time cannot stretch it.
fn read_line(stream: &TcpStream, deadline: Instant, max: usize) -> Option<String> {
    let mut line = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return None;
        }
        stream.set_read_timeout(Some(left)).ok()?;
        let n = match (&*stream).read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        line.extend_from_slice(&chunk[..n]);
        if let Some(end) = line.iter().position(|&b| b == b'\n') {
            line.truncate(end);
            return String::from_utf8(line).ok();
        }
        if line.len() > max {
            return None;
        }
    }
}

/// How many connections are being answered, bounded by [`MAX_CONNECTIONS`].
#[derive(Default)]
struct Slots {
    busy: Mutex<usize>,
    freed: Condvar,
}

/// One connection being answered; dropping it frees its place.
struct Slot(Arc<Slots>);

impl Slots {
    /// Waits for a free place and takes it.
    fn take(slots: &Arc<Slots>) -> Slot {
        let mut busy = slots.busy.lock().unwrap_or_else(|p| p.into_inner());
        while *busy >= MAX_CONNECTIONS {
            busy = slots.freed.wait(busy).unwrap_or_else(|p| p.into_inner());
        }
        *busy += 1;
        Slot(Arc::clone(slots))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut busy = self.0.busy.lock().unwrap_or_else(|p| p.into_inner());
        *busy -= 1;
        self.0.freed.notify_one();
    }
}

/// 128 random bits as hex, from the standard library's randomly seeded hasher.
fn new_token() -> String {
    let state = std::collections::hash_map::RandomState::new();
    let a = state.hash_one(std::process::id());
    let b = std::collections::hash_map::RandomState::new().hash_one(std::time::SystemTime::now());
    format!("{a:016x}{b:016x}")
}

/// The data folder as a request names it: its real path (links and `..` resolved, on Windows
/// the letter case as on disk and any drive mapping), so that two names of one folder agree and
/// a copy never agrees with its original; written as the hex of its exact bytes (UTF-16 units on
/// Windows), so any name survives the one-line protocol, spaces, newlines and all.
fn folder_word(dir: &Path) -> String {
    let real = std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf());
    word(&real)
}

#[cfg(unix)]
fn exact_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(windows)]
fn exact_bytes(path: &Path) -> Vec<u8> {
    use std::os::windows::ffi::OsStrExt;
    path.as_os_str()
        .encode_wide()
        .flat_map(u16::to_be_bytes)
        .collect()
}

#[cfg(not(any(unix, windows)))]
fn exact_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().as_bytes().to_vec()
}

/// A path written as [`folder_word`] writes one.
fn word(path: &Path) -> String {
    let mut word = String::new();
    for byte in exact_bytes(path) {
        let _ = write!(word, "{byte:02x}");
    }
    word
}

/// The path a word names (the reverse of [`word`]); `None` for anything that is not one.
fn path_from_word(word: &str) -> Option<PathBuf> {
    if word.is_empty() || !word.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Vec<u8> = (0..word.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(word.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    path_from_bytes(bytes)
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(windows)]
fn path_from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::windows::ffi::OsStringExt;
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let wide: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
        .collect();
    Some(PathBuf::from(std::ffi::OsString::from_wide(&wide)))
}

#[cfg(not(any(unix, windows)))]
fn path_from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

/// What a port file says.
#[derive(Debug)]
struct PortFile {
    port: u16,
    token: String,
    /// The running window's process id.
    pid: u32,
}

/// Where a window left to look up prompts on the data folder `dir` says where it listens: a file
/// in this account's temporary folder named for the folder's real path (FNV-1a of
/// [`folder_word`], the same in every version and process).
pub fn aside_file(dir: &Path) -> PathBuf {
    let hash = folder_word(dir)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    std::env::temp_dir().join(format!("poscare-window-{hash:016x}.port"))
}

/// Reads the data folder's port file (the window holding it).
fn read_port_file(dir: &Path) -> Option<PortFile> {
    read_port_at(&dir.join(PORT_FILE))
}

/// Reads a port file: only a small plain file, so a FIFO in its place does not hold up the
/// start.
fn read_port_at(path: &Path) -> Option<PortFile> {
    let text = state_file::read_to_string(path).ok()?;
    let rest = text.strip_prefix(MAGIC)?;
    let mut words = rest.split_whitespace();
    Some(PortFile {
        port: words.next()?.parse().ok()?,
        token: words.next()?.to_owned(),
        pid: words.next()?.parse().ok()?,
    })
}

/// A question to the window running on a data folder, asked on a thread of its own.
pub struct Asking {
    answer: mpsc::Receiver<bool>,
    /// A window left to look up prompts said where it listens ([`aside_file`]).
    aside: bool,
}

impl Asking {
    /// Whether a window left to look up prompts on the folder may answer: it holds nothing, so
    /// a start that can open the folder must still wait for its answer, or two windows run.
    pub fn lookup_only_may_answer(&self) -> bool {
        self.aside
    }

    /// Waits for the answer (at most [`CONNECT_TIMEOUT`] and [`ANSWER_TIMEOUT`]): whether a
    /// window of this folder answered that it comes to the front.
    pub fn shown(self) -> bool {
        self.answer.recv().unwrap_or(false)
    }

    /// The answer, if it has come.
    pub fn try_answer(&self) -> Option<bool> {
        match self.answer.try_recv() {
            Ok(shown) => Some(shown),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(false),
        }
    }
}

/// Whether a window of the data folder `dir` has said where it listens (its `window.port`):
/// without one, a folder that is held is held by a command, not a window.
pub fn window_listening(dir: &Path) -> bool {
    read_port_file(dir).is_some()
}

/// Whether a window left to look up prompts on `dir` has said where it listens
/// ([`aside_file`]).
pub fn listening_aside(dir: &Path) -> bool {
    read_port_at(&aside_file(dir)).is_some()
}

/// Whether `dir`'s `window.port` is this process's own. A window that holds the data folder is
/// the only one that may listen for it: any other port file there was left by a window that
/// ended without removing it (killed, or the PC switched off) and is written over.
pub fn listening_here(dir: &Path) -> bool {
    read_port_file(dir).is_some_and(|f| f.pid == std::process::id())
}

/// Asks the window running on the data folder `dir`, if any, to come to the front, and returns
/// at once: the connection and the wait for the answer run on a thread of their own, so that a
/// port that never answers holds up nothing. The port file is read here, before this start can
/// write its own.
///
/// The window holding the folder is asked first, then a window left to look up prompts on it
/// ([`aside_file`]).
pub fn ask_running(dir: &Path) -> Asking {
    let (tx, rx) = mpsc::sync_channel(1);
    let aside_port = read_port_at(&aside_file(dir));
    let aside = aside_port.is_some();
    let files: Vec<PortFile> = [read_port_file(dir), aside_port]
        .into_iter()
        .flatten()
        .collect();
    if files.is_empty() {
        let _ = tx.send(false);
    } else {
        let word = folder_word(dir);
        for file in &files {
            allow_to_take_focus(file.pid);
        }
        // No thread, no question: the sender is dropped and the answer is "no".
        let _ = std::thread::Builder::new()
            .name("poscare-ask".to_owned())
            .spawn(move || {
                let shown = files
                    .iter()
                    .any(|file| ask(file.port, &format!("show {} {word}\n", file.token)));
                let _ = tx.send(shown);
            });
    }
    Asking { answer: rx, aside }
}

/// [`ask_running`], waiting for the answer: `true` when a window of `dir` answered that it
/// comes to the front.
pub fn show_running(dir: &Path) -> bool {
    ask_running(dir).shown()
}

/// What became of a request to close the window of a data folder ([`close_running`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    /// No window of this folder is listening (none is open, or an older POS Care's window that
    /// still holds the folder: its lock says so).
    NotOpen,
    /// The window closed and its process ended.
    Closed,
    /// A window answered that it is not this folder's, or an older POS Care's window answered
    /// `no`: it was not closed.
    Refused,
    /// The window was asked but did not close in time.
    TimedOut,
}

/// Asks the window open on the data folder `dir` to close, and waits at most `limit` for it to
/// close and for its process to end (so that its program file can be replaced). The window
/// holding the folder is asked, and then a window left to look up prompts on it
/// ([`aside_file`]): both are closed, or the first outcome that is not "closed" is told.
pub fn close_running(dir: &Path, limit: Duration) -> Closing {
    let deadline = Instant::now() + limit;
    let holder = close_at(&dir.join(PORT_FILE), dir, limit);
    let rest = deadline.saturating_duration_since(Instant::now());
    let aside = close_at(&aside_file(dir), dir, rest);
    match (holder, aside) {
        (Closing::NotOpen, other) | (other, Closing::NotOpen) => other,
        (Closing::Closed, other) | (other, _) => other,
    }
}

/// Asks the window whose port file is `path` to close ([`close_running`]).
fn close_at(path: &Path, dir: &Path, limit: Duration) -> Closing {
    let deadline = Instant::now() + limit;
    let Some(file) = read_port_at(path) else {
        return Closing::NotOpen;
    };
    let request = format!("close {} {}\n", file.token, folder_word(dir));
    let Some(stream) = send(file.port, &request) else {
        return Closing::NotOpen;
    };
    let answer_by = (Instant::now() + ANSWER_TIMEOUT).min(deadline);
    match read_line(&stream, answer_by, 64).as_deref() {
        Some("closing") => {}
        Some(_) => return Closing::Refused,
        // Nothing answers on the port a window left behind, and its process is gone: another
        // program has the port now, and no window is open (a fault tester's "did not close
        // within 30 seconds" after two, with none open).
        None if process_gone(file.pid) => return Closing::NotOpen,
        None => return Closing::TimedOut,
    }
    // `closed`, or the connection ending with the process: either way the window is gone.
    match read_line(&stream, deadline, 64) {
        Some(answer) if answer != "closed" => return Closing::Refused,
        _ if Instant::now() >= deadline => return Closing::TimedOut,
        _ => {}
    }
    if wait_for_process(file.pid, deadline.saturating_duration_since(Instant::now())) {
        Closing::Closed
    } else {
        Closing::TimedOut
    }
}

/// Why the window open on a data folder did not write a copy ([`copy_from_running`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoCopy {
    /// No window of this folder is listening (or an older POS Care's, which cannot copy).
    NotOpen,
    /// The window could not write it, or not in time: why.
    Failed(String),
}

/// Asks the window open on the data folder `dir` to write a consistent copy of its database into
/// the new file `target` (outside the data folder), and waits at most `limit` for it. The window
/// is found by its port file, or else by the one in the temporary folder ([`aside_file`]).
pub fn copy_from_running(dir: &Path, target: &Path, limit: Duration) -> Result<(), NoCopy> {
    // (A window that holds the folder but could not write its port file there, a full disk,
    // listens aside; a lookup-only window there answers "no", which is "not open".)
    let file = read_port_file(dir)
        .or_else(|| read_port_at(&aside_file(dir)))
        .ok_or(NoCopy::NotOpen)?;
    let target = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    let request = format!(
        "copy {} {} {}\n",
        file.token,
        folder_word(dir),
        word(&target)
    );
    let stream = send(file.port, &request).ok_or(NoCopy::NotOpen)?;
    match read_line(&stream, Instant::now() + limit, 64 * 1024).as_deref() {
        Some("copied") => Ok(()),
        Some("no") => Err(NoCopy::NotOpen),
        Some(other) => Err(NoCopy::Failed(
            other
                .strip_prefix("not-copied ")
                .unwrap_or(other)
                .to_owned(),
        )),
        None => Err(NoCopy::Failed("no answer in time".to_owned())),
    }
}

/// Connects to the loopback `port` and sends `request`.
fn send(port: u16, request: &str) -> Option<TcpStream> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let stream = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT).ok()?;
    stream.set_write_timeout(Some(ANSWER_TIMEOUT)).ok()?;
    (&stream).write_all(request.as_bytes()).ok()?;
    Some(stream)
}

/// Waits at most `limit` for the process `pid` to end: whether it has. On Windows a process's
/// program file stays in use until then; elsewhere the window's answer is enough.
#[cfg(windows)]
#[allow(unsafe_code)]
fn wait_for_process(pid: u32, limit: Duration) -> bool {
    use windows_sys::Win32::Foundation::{CloseHandle, WAIT_OBJECT_0};
    use windows_sys::Win32::System::Threading::{
        OpenProcess, PROCESS_SYNCHRONIZE, WaitForSingleObject,
    };
    let millis = u32::try_from(limit.as_millis()).unwrap_or(u32::MAX - 1);
    // SAFETY: plain Win32 calls; the handle is checked and closed here.
    unsafe {
        let process = OpenProcess(PROCESS_SYNCHRONIZE, 0, pid);
        if process.is_null() {
            // No such process any more.
            return true;
        }
        let ended = WaitForSingleObject(process, millis) == WAIT_OBJECT_0;
        CloseHandle(process);
        ended
    }
}

/// Where a process can be seen to run (Linux's `/proc`), waits at most `limit` for `pid` to
/// end; elsewhere it is taken as ended (the window's "closed" answer came as it went).
#[cfg(not(windows))]
fn wait_for_process(pid: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if process_gone(pid) || !Path::new("/proc/self").exists() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether the process `pid` has certainly ended (where that can be told: Windows, Linux).
#[cfg(windows)]
fn process_gone(pid: u32) -> bool {
    wait_for_process(pid, Duration::ZERO)
}

#[cfg(not(windows))]
fn process_gone(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Sends `request` to the loopback `port`: whether the answer is `shown`.
fn ask(port: u16, request: &str) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(stream) = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) else {
        return false;
    };
    let _ = stream.set_write_timeout(Some(ANSWER_TIMEOUT));
    if (&stream).write_all(request.as_bytes()).is_err() {
        return false;
    }
    let deadline = Instant::now() + ANSWER_TIMEOUT;
    read_line(&stream, deadline, 64).is_some_and(|answer| answer == "shown")
}

/// Windows lets only the process the user is working with bring a window to the front. This
/// start is that process: pass the right on to the running window.
#[cfg(windows)]
#[allow(unsafe_code)]
fn allow_to_take_focus(pid: u32) {
    use windows_sys::Win32::UI::WindowsAndMessaging::AllowSetForegroundWindow;
    // SAFETY: a plain Win32 call with an integer argument; failure only means Windows may flash
    // the taskbar button instead of raising the window.
    unsafe {
        AllowSetForegroundWindow(pid);
    }
}

#[cfg(not(windows))]
fn allow_to_take_focus(_pid: u32) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state_file::tests::returns;

    /// A stand-in the window drops while it goes on (it listens in its folder now) does not
    /// mark the window closed: a `close` asked later waits for the window's real end (a tester's
    /// `poscare close` said the app had closed while it ran on).
    #[test]
    fn a_stand_in_put_down_leaves_the_window_open() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let stand_in = Listener::start_aside(dir.path(), Arc::clone(&requests), None).unwrap();
        assert!(listening_aside(dir.path()));
        stand_in.stand_down();
        assert!(!listening_aside(dir.path()), "its port file goes");
        assert!(
            !requests.wait_closed(Duration::ZERO),
            "the window is not closed"
        );
        let listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        drop(listener);
        assert!(
            requests.wait_closed(Duration::ZERO),
            "its own end is the window's"
        );
    }

    #[test]
    fn a_second_start_reaches_the_running_window_which_is_asked_to_show() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(PORT_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(
                mode & 0o077,
                0,
                "the token is this account's alone: {mode:o}"
            );
        }
        assert!(!requests.take());
        assert!(show_running(dir.path()));
        assert!(requests.take(), "the running window was asked to show");
        assert!(!requests.take(), "once per request");
        assert!(show_running(dir.path()), "and again");
        assert!(requests.take());
        drop(listener);
        assert!(
            !dir.path().join(PORT_FILE).exists(),
            "a window that closes takes its port file with it"
        );
        assert!(!show_running(dir.path()));
    }

    #[test]
    fn another_name_of_the_same_folder_reaches_its_window() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let _listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        let other_name = dir.path().join("sub").join("..");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(show_running(&other_name));
        assert!(requests.take());
    }

    #[test]
    fn a_copied_folder_does_not_reach_the_window_of_the_original() {
        let original = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let _listener = Listener::start(original.path(), Arc::clone(&requests)).unwrap();
        // `cp -a` while the original's window is open: the port file, token and all.
        let copy = tempfile::tempdir().unwrap();
        std::fs::copy(original.path().join(PORT_FILE), copy.path().join(PORT_FILE)).unwrap();
        assert!(!show_running(copy.path()), "the copy has no window open");
        assert!(!requests.take(), "the original's window was not disturbed");
        assert!(show_running(original.path()), "the original still has");
        assert!(requests.take());
    }

    #[test]
    fn no_window_means_no_answer() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!show_running(dir.path()), "no port file");
        std::fs::write(dir.path().join(PORT_FILE), "something else entirely").unwrap();
        assert!(!show_running(dir.path()), "not our file");
    }

    #[test]
    fn a_port_file_of_the_first_version_is_not_an_answer() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let _listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        let text = std::fs::read_to_string(dir.path().join(PORT_FILE)).unwrap();
        let old = text.replacen("poscare-window 2", "poscare-window 1", 1);
        std::fs::write(dir.path().join(PORT_FILE), old).unwrap();
        assert!(!show_running(dir.path()));
        assert!(!requests.take());
    }

    #[test]
    fn a_port_file_left_by_a_crashed_window_is_not_an_answer() {
        let dir = tempfile::tempdir().unwrap();
        // A port that nothing listens on any more.
        let port = {
            let socket = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
            socket.local_addr().unwrap().port()
        };
        std::fs::write(
            dir.path().join(PORT_FILE),
            format!("{MAGIC} {port} 0123 {}\n", std::process::id()),
        )
        .unwrap();
        assert!(!show_running(dir.path()));
    }

    #[test]
    fn another_program_on_the_port_or_a_wrong_token_is_not_an_answer() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let _listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        let file = read_port_file(dir.path()).unwrap();
        let (token, pid) = (file.token, file.pid);
        std::fs::write(
            dir.path().join(PORT_FILE),
            format!("{MAGIC} {} {token}0 {pid}\n", file.port),
        )
        .unwrap();
        assert!(!show_running(dir.path()), "wrong token");
        assert!(!requests.take(), "the window was not disturbed");

        // A program that answers something else.
        let other = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let other_port = other.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (stream, _) = other.accept().unwrap();
            let _ = (&stream).write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
        });
        std::fs::write(
            dir.path().join(PORT_FILE),
            format!("{MAGIC} {other_port} {token} {pid}\n"),
        )
        .unwrap();
        assert!(!show_running(dir.path()));
        server.join().unwrap();
    }

    /// A port file naming `port`, as a window would write it.
    fn port_file_naming(dir: &Path, port: u16) {
        std::fs::write(
            dir.join(PORT_FILE),
            format!("{MAGIC} {port} 0123 {}\n", std::process::id()),
        )
        .unwrap();
    }

    #[test]
    fn a_port_that_never_answers_is_asked_on_a_thread_with_short_timeouts() {
        // The timeouts a start's question runs with: short, for a port on this PC.
        assert!(CONNECT_TIMEOUT <= Duration::from_millis(300));
        assert!(ANSWER_TIMEOUT <= Duration::from_secs(2));
        let dir = tempfile::tempdir().unwrap();
        // Listening (the OS accepts the connection) but never answering.
        let silent = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        port_file_naming(dir.path(), silent.local_addr().unwrap().port());
        let asking = ask_running(dir.path());
        // Back at once, the question still open: nothing waits for it.
        assert_eq!(asking.try_answer(), None);
        assert!(!returns(move || asking.shown()), "no answer in time is no");
    }

    /// A port file whose process has ended, its port now another program's that never
    /// answers: no window is open, not "did not close in time".
    #[test]
    fn a_port_left_by_an_ended_window_that_another_program_holds_is_no_window() {
        let dir = tempfile::tempdir().unwrap();
        let silent = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let mut ended = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid = ended.id();
        ended.wait().unwrap();
        let port = silent.local_addr().unwrap().port();
        std::fs::write(
            dir.path().join(PORT_FILE),
            format!("{MAGIC} {port} 0123 {pid}\n"),
        )
        .unwrap();
        assert_eq!(
            close_running(dir.path(), Duration::from_secs(10)),
            Closing::NotOpen
        );
        // A process still running there is a window that did not answer in time.
        port_file_naming(dir.path(), port);
        assert_eq!(
            close_running(dir.path(), Duration::from_secs(10)),
            Closing::TimedOut
        );
    }

    #[test]
    fn idle_connections_do_not_keep_a_second_start_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        // More idle connections than the OS queues for a listener (128).
        let idle: Vec<TcpStream> = (0..130)
            .map(|_| TcpStream::connect(listener.addr).unwrap())
            .collect();
        assert!(show_running(dir.path()), "served while they idle");
        assert!(requests.take());
        // And the idle ones are let go once their time is up.
        let mut first = &idle[0];
        first
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        assert_eq!(
            first.read(&mut [0u8; 8]).unwrap(),
            0,
            "closed by the window"
        );
    }

    /// A client sending a byte every 100 ms and never a whole line; the thread ends when the
    /// window cuts the connection off.
    fn trickle(addr: SocketAddr) -> std::thread::JoinHandle<()> {
        let stream = TcpStream::connect(addr).unwrap();
        let thread = std::thread::spawn(move || {
            while (&stream).write_all(b"s").is_ok() {
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        // Under way before anything else happens.
        std::thread::sleep(Duration::from_millis(50));
        thread
    }

    #[test]
    fn a_trickling_client_is_cut_off_and_does_not_hold_up_the_closing_window() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        let trickler = trickle(listener.addr);
        assert!(show_running(dir.path()), "others are served meanwhile");
        returns(move || trickler.join().unwrap());
        // The window closes while another trickle goes on: it does not wait for it, and the
        // trickle is cut off all the same.
        let trickler = trickle(listener.addr);
        returns(move || drop(listener));
        assert!(!dir.path().join(PORT_FILE).exists());
        returns(move || trickler.join().unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_as_the_port_file_is_no_answer_and_does_not_hold_up_a_close() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(PORT_FILE);
        crate::ui::state_file::tests::mkfifo(&fifo);
        let d = dir.path().to_path_buf();
        assert!(!returns(move || show_running(&d)));
        // A window whose port file was replaced by a FIFO closes all the same, leaving it.
        let requests = Arc::new(ShowRequests::default());
        let listener = Listener::start(dir.path(), requests).unwrap();
        std::fs::remove_file(&fifo).unwrap();
        crate::ui::state_file::tests::mkfifo(&fifo);
        returns(move || drop(listener));
        assert!(fifo.exists());
    }

    #[test]
    fn a_huge_port_file_is_not_read_even_when_it_begins_like_a_real_one() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let _listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        let mut text = std::fs::read(dir.path().join(PORT_FILE)).unwrap();
        text.resize(10 << 20, b' ');
        std::fs::write(dir.path().join(PORT_FILE), text).unwrap();
        let d = dir.path().to_path_buf();
        assert!(!returns(move || show_running(&d)));
        assert!(!requests.take());
    }

    /// The window's side of `close` and `copy`, as `App::serve_requests` does it: the listener's
    /// requests served on another thread until `done`.
    fn window_serving(
        requests: Arc<ShowRequests>,
        listener: Listener,
        data: PathBuf,
    ) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            let mut listener = Some(listener);
            while listener.is_some() {
                for copy in requests.take_copies() {
                    let result = if copy.target.starts_with(&data) {
                        Err("inside the data folder".to_owned())
                    } else {
                        std::fs::write(&copy.target, b"copy").map_err(|e| e.to_string())
                    };
                    copy.answer(result);
                }
                if requests.close_asked() {
                    // The window closes: its listener goes.
                    listener = None;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    }

    /// The port file of the window in `dir` as it is once its process has ended (the test
    /// process, which is the "window" here, does not end; on Windows the asking side waits for
    /// the window's process).
    fn as_if_its_process_ended(dir: &Path) {
        let file = read_port_file(dir).unwrap();
        std::fs::write(
            dir.join(PORT_FILE),
            format!("{MAGIC} {} {} 0\n", file.port, file.token),
        )
        .unwrap();
    }

    #[test]
    fn a_close_request_closes_the_window_and_is_answered_when_it_has() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            close_running(dir.path(), Duration::from_secs(5)),
            Closing::NotOpen
        );
        let requests = Arc::new(ShowRequests::default());
        let listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        as_if_its_process_ended(dir.path());
        let window = window_serving(Arc::clone(&requests), listener, dir.path().to_path_buf());
        assert_eq!(
            close_running(dir.path(), Duration::from_secs(10)),
            Closing::Closed
        );
        window.join().unwrap();
        assert!(requests.close_asked());
        assert_eq!(
            close_running(dir.path(), Duration::from_secs(5)),
            Closing::NotOpen
        );
    }

    #[test]
    fn a_close_request_of_another_folder_or_token_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let _listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        let copy = tempfile::tempdir().unwrap();
        std::fs::copy(dir.path().join(PORT_FILE), copy.path().join(PORT_FILE)).unwrap();
        assert_eq!(
            close_running(copy.path(), Duration::from_secs(5)),
            Closing::Refused
        );
        assert!(!requests.close_asked(), "the original's window stays open");
    }

    #[test]
    fn a_window_that_is_asked_but_does_not_close_is_waited_for_only_so_long() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let _listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        let started = Instant::now();
        assert_eq!(
            close_running(dir.path(), Duration::from_millis(500)),
            Closing::TimedOut
        );
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(requests.close_asked());
    }

    #[test]
    fn a_copy_is_written_where_the_command_asks_and_nowhere_else() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("拷贝 copy.db");
        let limit = Duration::from_secs(10);
        assert_eq!(
            copy_from_running(outside.path(), &target, limit),
            Err(NoCopy::NotOpen),
            "no window there"
        );
        as_if_its_process_ended(dir.path());
        let window = window_serving(Arc::clone(&requests), listener, dir.path().to_path_buf());
        copy_from_running(dir.path(), &target, limit).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"copy");
        let inside = dir.path().join("copy.db");
        assert!(matches!(
            copy_from_running(dir.path(), &inside, limit),
            Err(NoCopy::Failed(why)) if why.contains("inside")
        ));
        assert_eq!(
            close_running(dir.path(), limit),
            Closing::Closed,
            "and the window still closes"
        );
        window.join().unwrap();
    }

    #[test]
    fn paths_survive_the_one_line_protocol() {
        for path in ["/tmp/a b/拷贝\n.db", "C:\\Users\\张三\\x.db", "x"] {
            let path = Path::new(path);
            assert_eq!(path_from_word(&word(path)).as_deref(), Some(path));
        }
        assert_eq!(path_from_word("zz"), None);
        assert_eq!(path_from_word("abc"), None);
        assert_eq!(path_from_word(""), None);
    }

    #[test]
    fn requests_are_read_only_with_the_right_token_and_folder() {
        let expected = "0123 abcd";
        assert_eq!(
            parse_request("show 0123 abcd", expected),
            Some(Request::Show)
        );
        assert_eq!(
            parse_request("close 0123 abcd", expected),
            Some(Request::Close)
        );
        assert_eq!(
            parse_request(
                &format!("copy 0123 abcd {}", word(Path::new("x"))),
                expected
            ),
            Some(Request::Copy(PathBuf::from("x")))
        );
        for wrong in [
            "show 0123 abcde",
            "close 0124 abcd",
            "copy 0123 abcd",
            "copy 0123 abcd7",
            "copy 0123 abcdd 78",
            "quit 0123 abcd",
            "",
        ] {
            assert_eq!(parse_request(wrong, expected), None, "{wrong:?}");
        }
    }

    #[test]
    fn a_request_before_the_window_exists_waits_for_it() {
        let requests = ShowRequests::default();
        requests.request();
        let ctx = egui::Context::default();
        requests.attach(&ctx);
        assert!(requests.take());
    }
}
