//! "Open POS Care when Windows starts": the value `PosCare` under the signed-in user's
//! `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`, holding the quoted path of the program.
//! The installer writes and removes the same value (packaging/windows/poscare.nsi: its
//! "开机时自动打开" box, kept across upgrades), and Settings switches it: one value, whoever set
//! it last. Only Windows has it; elsewhere [`state`] is [`Autostart::Unsupported`].

/// The key, under HKEY_CURRENT_USER.
pub const RUN_KEY: &str = r"Software\Microsoft\Windows\CurrentVersion\Run";

/// The value's name: the installer's `APPKEY`.
pub const VALUE: &str = "PosCare";

/// Whether POS Care opens when Windows starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Autostart {
    /// Not on this system (only Windows has it).
    Unsupported,
    /// It does not.
    Off,
    /// It does: `command` is what Windows runs, and `this_copy` whether that is this program
    /// (a portable copy beside an installed one may find the other one there).
    On {
        /// The value as written.
        command: String,
        /// Whether it runs this very program.
        this_copy: bool,
    },
}

/// Whether POS Care opens when Windows starts (read each time: the installer may change it).
pub fn state() -> Autostart {
    state_of(VALUE)
}

/// Makes POS Care (this program) open when Windows starts, or stops it.
pub fn set(on: bool) -> Result<(), String> {
    set_value(VALUE, on)
}

/// The command line that opens this program, as the installer writes it: its path in quotes.
fn this_command() -> Result<String, String> {
    let program = std::env::current_exe().map_err(|e| e.to_string())?;
    Ok(format!("\"{}\"", program.display()))
}

/// Whether a Run value's `command` runs `program` (quoted or not, letters in any case, as
/// Windows compares paths).
fn runs(command: &str, program: &str) -> bool {
    let path = |s: &str| s.trim().trim_matches('"').to_lowercase();
    let command = command.trim();
    let first = if let Some(rest) = command.strip_prefix('"') {
        rest.split('"').next().unwrap_or(rest)
    } else {
        command
    };
    path(first) == path(program)
}

fn state_of(value: &str) -> Autostart {
    match registry::read(value) {
        None if !registry::SUPPORTED => Autostart::Unsupported,
        None => Autostart::Off,
        Some(command) => {
            let this_copy = this_command().is_ok_and(|me| runs(&command, &me));
            Autostart::On { command, this_copy }
        }
    }
}

fn set_value(value: &str, on: bool) -> Result<(), String> {
    if !registry::SUPPORTED {
        return Err("only on Windows".to_owned());
    }
    if on {
        registry::write(value, &this_command()?)
    } else {
        registry::remove(value)
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod registry {
    use windows_sys::Win32::Foundation::{ERROR_FILE_NOT_FOUND, ERROR_SUCCESS};
    use windows_sys::Win32::System::Registry::{
        HKEY_CURRENT_USER, REG_SZ, RRF_RT_REG_SZ, RegDeleteKeyValueW, RegGetValueW, RegSetKeyValueW,
    };

    pub const SUPPORTED: bool = true;

    fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().chain(std::iter::once(0)).collect()
    }

    fn error(code: u32) -> String {
        std::io::Error::from_raw_os_error(code as i32).to_string()
    }

    /// The value's text, or `None` when there is none (or it cannot be read as text).
    pub fn read(value: &str) -> Option<String> {
        let key = wide(super::RUN_KEY);
        let name = wide(value);
        let mut buffer = vec![0u16; 1024];
        let mut bytes = u32::try_from(buffer.len() * 2).ok()?;
        // SAFETY: the strings are NUL-terminated, the buffer is as long as `bytes` says, and
        // the type pointer may be null.
        let status = unsafe {
            RegGetValueW(
                HKEY_CURRENT_USER,
                key.as_ptr(),
                name.as_ptr(),
                RRF_RT_REG_SZ,
                std::ptr::null_mut(),
                buffer.as_mut_ptr().cast(),
                &mut bytes,
            )
        };
        if status != ERROR_SUCCESS {
            return None;
        }
        let units = (bytes as usize / 2).min(buffer.len());
        let text = &buffer[..units];
        let end = text.iter().position(|&u| u == 0).unwrap_or(text.len());
        Some(String::from_utf16_lossy(&text[..end]))
    }

    pub fn write(value: &str, command: &str) -> Result<(), String> {
        let key = wide(super::RUN_KEY);
        let name = wide(value);
        let data = wide(command);
        let bytes = u32::try_from(data.len() * 2).map_err(|e| e.to_string())?;
        // SAFETY: NUL-terminated strings; `data` is `bytes` long, NUL included as REG_SZ wants.
        let status = unsafe {
            RegSetKeyValueW(
                HKEY_CURRENT_USER,
                key.as_ptr(),
                name.as_ptr(),
                REG_SZ,
                data.as_ptr().cast(),
                bytes,
            )
        };
        if status == ERROR_SUCCESS {
            Ok(())
        } else {
            Err(error(status))
        }
    }

    pub fn remove(value: &str) -> Result<(), String> {
        let key = wide(super::RUN_KEY);
        let name = wide(value);
        // SAFETY: NUL-terminated strings.
        let status = unsafe { RegDeleteKeyValueW(HKEY_CURRENT_USER, key.as_ptr(), name.as_ptr()) };
        if status == ERROR_SUCCESS || status == ERROR_FILE_NOT_FOUND {
            Ok(())
        } else {
            Err(error(status))
        }
    }
}

#[cfg(not(windows))]
mod registry {
    pub const SUPPORTED: bool = false;

    pub fn read(_value: &str) -> Option<String> {
        None
    }

    pub fn write(_value: &str, _command: &str) -> Result<(), String> {
        Err("only on Windows".to_owned())
    }

    pub fn remove(_value: &str) -> Result<(), String> {
        Err("only on Windows".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_value_names_this_program_quoted_or_not() {
        let program = r#""C:\Users\张三\AppData\Local\Programs\PosCare\poscare.exe""#;
        assert!(runs(program, program));
        assert!(runs(
            r"c:\users\张三\appdata\local\programs\poscare\POSCARE.EXE",
            program
        ));
        assert!(runs(&format!("{program} --renderer gl"), program));
        assert!(!runs(r#""D:\PosCare\poscare.exe""#, program));
    }

    #[cfg(not(windows))]
    #[test]
    fn elsewhere_it_is_not_there_and_cannot_be_set() {
        assert_eq!(state(), Autostart::Unsupported);
        assert!(set(true).is_err());
    }

    /// Under Wine in CI, and on a developer's Windows: a value of its own, never `PosCare`.
    #[cfg(windows)]
    #[test]
    fn the_switch_writes_and_removes_the_run_value() {
        let value = format!("PosCareTest{}", std::process::id());
        assert_eq!(state_of(&value), Autostart::Off);
        set_value(&value, true).unwrap();
        let Autostart::On { command, this_copy } = state_of(&value) else {
            panic!("not on: {:?}", state_of(&value));
        };
        assert!(this_copy, "{command}");
        assert!(
            command.starts_with('"') && command.ends_with(".exe\""),
            "{command}"
        );
        set_value(&value, false).unwrap();
        assert_eq!(state_of(&value), Autostart::Off);
        set_value(&value, false).unwrap();
    }
}
