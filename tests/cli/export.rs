//! `poscare export`, run as the real binary: one terminal's history as CSV for Excel, the HTML
//! report, and clear errors that leave nothing behind.

use crate::common;
use crate::poscare_in as poscare;

use common::{data_dir, open, terminal};
use poscare::incident::NewIncident;

/// Two terminals; an incident on each, one with a note full of commas, quotes and a line break.
fn seeded() -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    let t1 = store.add_device(&terminal("收银台1号")).unwrap();
    let t2 = store.add_device(&terminal("收银台2号")).unwrap();
    for (device, prompt, note) in [
        (t1, "A0 校验错", ""),
        (t2, "51 余额不足", "顾客说, \"卡里有钱\"\n换卡后成功"),
    ] {
        store
            .add_incident(&NewIncident {
                device_id: Some(device),
                prompt: prompt.into(),
                note: note.into(),
                ..Default::default()
            })
            .unwrap();
    }
    dir
}

#[test]
fn one_terminals_history_as_csv_for_excel() {
    let dir = seeded();
    let out_dir = data_dir();
    let file = out_dir.path().join("二号机.csv");
    let out = poscare(
        dir.path(),
        &[
            "export",
            file.to_str().unwrap(),
            "--device",
            "收银台2号",
            "--lang",
            "zh",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    assert_eq!(&reader.headers().unwrap()[0], "时间");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "added, and the incident opened: {rows:?}");
    assert!(rows.iter().all(|r| &r[2] == "收银台2号"));
    assert!(
        rows.iter()
            .any(|r| &r[5] == "顾客说, \"卡里有钱\"\n换卡后成功"),
        "the note survives the round trip: {rows:?}"
    );
}

#[test]
fn the_html_report_for_a_date_range() {
    let dir = seeded();
    let out_dir = data_dir();
    let file = out_dir.path().join("report.html");
    let today = chrono::Local::now().date_naive().to_string();
    let out = poscare(
        dir.path(),
        &[
            "export",
            file.to_str().unwrap(),
            "--html",
            "--from",
            &today,
            "--to",
            &today,
            "--lang",
            "en",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&file).unwrap();
    for text in [
        "收银台1号",
        "收银台2号",
        "A0 校验错",
        "&quot;卡里有钱&quot;",
    ] {
        assert!(html.contains(text), "{text} missing");
    }
}

/// Two devices of one name: the name alone is refused with both named, never the first taken
/// (a fault tester's export left the other's records out); its terminal ID picks one.
#[test]
fn a_name_two_devices_share_is_refused_and_a_terminal_id_chooses() {
    let dir = seeded();
    {
        let mut store = open(dir.path());
        let mut twin = terminal("收银台1号");
        twin.terminal_id = "T0000002".into();
        store.add_device(&twin).unwrap();
    }
    let out_dir = data_dir();
    let file = out_dir.path().join("x.csv");
    let path = file.to_str().unwrap();
    let both = poscare(dir.path(), &["export", path, "--device", "收银台1号"]);
    assert_eq!(both.status.code(), Some(2));
    let said = String::from_utf8_lossy(&both.stderr);
    assert!(said.contains("T0000002"), "{said}");
    // The example number is one of theirs (it named #2, a third device).
    assert!(
        said.contains("如 #1）") || said.contains("such as #1)"),
        "{said}"
    );
    assert!(!file.exists());
    let one = poscare(dir.path(), &["export", path, "--device", "T0000002"]);
    assert_eq!(
        one.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert!(file.exists());
}

#[test]
fn bad_requests_say_why_and_write_nothing() {
    let dir = seeded();
    let out_dir = data_dir();
    let file = out_dir.path().join("x.csv");
    let path = file.to_str().unwrap();
    let unknown = poscare(dir.path(), &["export", path, "--device", "三号机"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("收银台1号"));
    let reversed = poscare(
        dir.path(),
        &["export", path, "--from", "2026-11-25", "--to", "2026-11-01"],
    );
    assert_eq!(reversed.status.code(), Some(2));
    let bad_date = poscare(dir.path(), &["export", path, "--from", "2026-02-30"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(!file.exists());
    let no_folder = out_dir.path().join("nowhere").join("x.csv");
    let unwritable = poscare(
        dir.path(),
        &["export", no_folder.to_str().unwrap(), "--lang", "en"],
    );
    assert_eq!(unwritable.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unwritable.stderr).contains("There is no such folder"));
    assert_eq!(
        std::fs::read_dir(out_dir.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
}

#[test]
fn an_empty_folder_is_not_created_by_an_export() {
    let dir = data_dir();
    let target = dir.path().join("data");
    let out = poscare(
        &target,
        &["export", dir.path().join("x.csv").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists());
}

/// What `export` says is in the system's language (`LANG` on Unix; Windows takes its own, which
/// is English on the test machine), whatever language the content is asked in.
#[test]
fn exports_refusals_speak_the_systems_language() {
    let dir = seeded();
    let out_dir = data_dir();
    let file = out_dir.path().join("已有.csv");
    std::fs::write(&file, "the merchant's file").unwrap();
    let zh = |args: &[&str]| {
        crate::run(&mut crate::command_in_language(
            dir.path(),
            "zh_CN.UTF-8",
            args,
        ))
    };
    let out = zh(&["export", "--lang", "zh", file.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    let exists = if cfg!(windows) {
        "already exists"
    } else {
        "已经存在"
    };
    assert!(said.contains(exists) && said.contains("--force"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "the merchant's file"
    );
    let other = out_dir.path().join("new.csv");
    let out = zh(&[
        "export",
        "--lang",
        "zh",
        "--device",
        "后门",
        other.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&out.stderr);
    let (no_such, names) = if cfg!(windows) {
        ("no device \"后门\"", "收银台1号, 收银台2号")
    } else {
        ("没有叫“后门”的设备", "收银台1号、收银台2号")
    };
    assert!(said.contains(no_such) && said.contains(names), "{said}");
    assert!(!other.exists());
}
