//! Windows: a named event the installer sets to close this process for real.
//!
//! The installer asks an open POS Care to close through the window's door (`poscare close`), but
//! it only knows the door of the usual data folder. For a window open on another folder it finds
//! the process by its window and sets the event `Local\PosCareQuit-<process id>`; a window message
//! would not do, since closing the window only hides it to the notification area when the owner
//! chose so. The close is the same as the door's: after a running backup, never hidden.

use std::sync::Arc;

use crate::ui::instance::ShowRequests;

/// The event's name for the process `pid` (the installer builds the same name).
#[cfg_attr(not(windows), allow(dead_code))]
pub fn event_name(pid: u32) -> String {
    format!("Local\\PosCareQuit-{pid}")
}

/// Starts waiting for this process's event; a set event asks the window to close.
#[cfg(windows)]
#[allow(unsafe_code)]
pub fn watch(requests: Arc<ShowRequests>) {
    use windows_sys::Win32::Foundation::WAIT_OBJECT_0;
    use windows_sys::Win32::System::Threading::{CreateEventW, INFINITE, WaitForSingleObject};

    let name: Vec<u16> = event_name(std::process::id())
        .encode_utf16()
        .chain([0])
        .collect();
    // SAFETY: a manual-reset event, not set, with default security and a NUL-terminated name.
    let event = unsafe { CreateEventW(std::ptr::null(), 1, 0, name.as_ptr()) };
    if event.is_null() {
        eprintln!("poscare: the installer's close event could not be made; it will use the door");
        return;
    }
    // A handle is an address; the thread owns it for the life of the process.
    let event = event as usize;
    let spawned = std::thread::Builder::new()
        .name("quit-event".into())
        .spawn(move || {
            // SAFETY: the handle stays open (never closed) while this thread waits on it.
            if unsafe { WaitForSingleObject(event as _, INFINITE) } == WAIT_OBJECT_0 {
                eprintln!("poscare: the installer asked this process to close");
                requests.ask_close();
            }
        });
    if let Err(e) = spawned {
        eprintln!("poscare: the installer's close event is not watched ({e})");
    }
}

/// Elsewhere there is no installer to ask.
#[cfg(not(windows))]
pub fn watch(_requests: Arc<ShowRequests>) {}

#[cfg(test)]
mod tests {
    #[test]
    fn the_event_is_named_for_the_process() {
        assert_eq!(super::event_name(4321), "Local\\PosCareQuit-4321");
    }
}
