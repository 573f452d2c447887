//! One window per data folder: starting the app again brings the running window to the front.
//!
//! The window that holds a data folder listens on a loopback port (127.0.0.1, a port the OS
//! picks) and writes `poscare-window 1 PORT TOKEN PID` into `window.port` in the folder. A second
//! start of the window on the same folder reads that file, connects, sends `show TOKEN`, and on
//! the answer `shown` exits quietly; the running window un-minimises and takes the focus. Any
//! other outcome (no file, a file left behind by a copy that crashed, a port now used by another
//! program, a wrong token, no answer within a few seconds) means that no window of this folder
//! is listening: the start goes on as usual, and the folder's lock has the last word.
//!
//! Only the window writes `window.port` (after it has taken the folder's lock); the commands
//! never read or write it, so `poscare backup` on a busy folder still says the folder is busy.

use std::hash::BuildHasher;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::files::Target;

/// The file's name in the data folder.
pub const PORT_FILE: &str = "window.port";

/// The first words of the file and of nothing else, with the protocol's version.
const MAGIC: &str = "poscare-window 1";

/// How long a second start waits for the connection and for the answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const ANSWER_TIMEOUT: Duration = Duration::from_secs(3);

/// "Show the window" requests, handed from the listener's thread to the app.
#[derive(Default)]
pub struct ShowRequests {
    pending: AtomicBool,
    ctx: Mutex<Option<egui::Context>>,
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
}

/// The running window's end: a thread answering "show" requests, and the port file naming it.
pub struct Listener {
    file: PathBuf,
    contents: String,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Listener {
    /// Starts listening for the data folder `dir` and writes its port file. Call only while
    /// holding the folder's lock.
    pub fn start(dir: &Path, requests: Arc<ShowRequests>) -> std::io::Result<Listener> {
        let socket = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let addr = socket.local_addr()?;
        let token = new_token();
        let contents = format!("{MAGIC} {} {token} {}\n", addr.port(), std::process::id());
        let target = Target::window_state(dir, PORT_FILE);
        crate::files::write_file(&target, contents.as_bytes())
            .map_err(|e| std::io::Error::other(e.message(crate::i18n::Lang::En)))?;
        let file = target.path().to_path_buf();
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("poscare-show".to_owned())
                .spawn(move || {
                    for stream in socket.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        if let Ok(stream) = stream {
                            answer(stream, &token, &requests);
                        }
                    }
                })?
        };
        Ok(Listener {
            file,
            contents,
            addr,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Listener {
    /// Stops the thread and removes the port file, if it is still ours.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the thread from `accept`.
        let _ = TcpStream::connect_timeout(&self.addr, CONNECT_TIMEOUT);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if std::fs::read_to_string(&self.file).is_ok_and(|c| c == self.contents) {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}

/// Answers one connection: `shown` to the right request, `no` to anything else.
fn answer(stream: TcpStream, token: &str, requests: &ShowRequests) {
    let _ = stream.set_read_timeout(Some(ANSWER_TIMEOUT));
    let _ = stream.set_write_timeout(Some(ANSWER_TIMEOUT));
    let mut line = String::new();
    // At most one short line: a stranger on the port cannot make the thread read forever.
    let mut reader = BufReader::new(Read::take(&stream, 256));
    let asked = reader.read_line(&mut line).is_ok() && line.trim_end() == format!("show {token}");
    if asked {
        requests.request();
    }
    let _ = (&stream).write_all(if asked { b"shown\n" } else { b"no\n" });
}

/// 128 random bits as hex, from the standard library's randomly seeded hasher.
fn new_token() -> String {
    let state = std::collections::hash_map::RandomState::new();
    let a = state.hash_one(std::process::id());
    let b = std::collections::hash_map::RandomState::new().hash_one(std::time::SystemTime::now());
    format!("{a:016x}{b:016x}")
}

/// What a port file says: the port, the token and the running window's process id.
fn read_port_file(dir: &Path) -> Option<(u16, String, u32)> {
    let text = std::fs::read_to_string(dir.join(PORT_FILE)).ok()?;
    let rest = text.strip_prefix(MAGIC)?;
    let mut words = rest.split_whitespace();
    let port = words.next()?.parse().ok()?;
    let token = words.next()?.to_owned();
    let pid = words.next()?.parse().ok()?;
    Some((port, token, pid))
}

/// Asks the window running on the data folder `dir`, if any, to come to the front. `true` when
/// it answered that it did.
pub fn show_running(dir: &Path) -> bool {
    let Some((port, token, pid)) = read_port_file(dir) else {
        return false;
    };
    allow_to_take_focus(pid);
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(stream) = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(ANSWER_TIMEOUT));
    let _ = stream.set_write_timeout(Some(ANSWER_TIMEOUT));
    if (&stream)
        .write_all(format!("show {token}\n").as_bytes())
        .is_err()
    {
        return false;
    }
    let mut answer = String::new();
    let mut reader = BufReader::new(Read::take(&stream, 64));
    reader.read_line(&mut answer).is_ok() && answer.trim_end() == "shown"
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

    #[test]
    fn a_second_start_reaches_the_running_window_which_is_asked_to_show() {
        let dir = tempfile::tempdir().unwrap();
        let requests = Arc::new(ShowRequests::default());
        let listener = Listener::start(dir.path(), Arc::clone(&requests)).unwrap();
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
    fn no_window_means_no_answer() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!show_running(dir.path()), "no port file");
        std::fs::write(dir.path().join(PORT_FILE), "something else entirely").unwrap();
        assert!(!show_running(dir.path()), "not our file");
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
        let (port, token, pid) = read_port_file(dir.path()).unwrap();
        std::fs::write(
            dir.path().join(PORT_FILE),
            format!("{MAGIC} {port} {token}0 {pid}\n"),
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

    #[test]
    fn a_request_before_the_window_exists_waits_for_it() {
        let requests = ShowRequests::default();
        requests.request();
        let ctx = egui::Context::default();
        requests.attach(&ctx);
        assert!(requests.take());
    }
}
