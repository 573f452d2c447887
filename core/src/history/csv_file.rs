//! CSV of timeline entries that opens cleanly in Excel: UTF-8 with a byte-order mark (so Excel
//! reads Chinese correctly), RFC 4180 quoting (commas, quotes, line breaks), CRLF line ends, and
//! cells starting with `=`, `+`, `-` or `@` prefixed with `'` so Excel never runs them as formulas
//! (the `'` is visible in the cell; the text after it is exactly what was stored).

use std::borrow::Cow;
use std::io::Write;

use crate::history::entry::Entry;
use crate::i18n::{Lang, T};

/// The UTF-8 byte-order mark written first.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The columns, in order.
pub const COLUMNS: [T; 7] = [
    T::HistColTime,
    T::HistColKind,
    T::HistColDevice,
    T::HistColStaff,
    T::HistColSubject,
    T::HistColDetail,
    T::HistColCorrection,
];

/// `text`, with a `'` in front if a spreadsheet would take it for a formula.
pub fn defuse(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Writes the BOM, a header row in `lang`, then one row per entry.
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
    lang: Lang,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the file: BOM and header.
    pub fn new(mut out: W, lang: Lang) -> std::io::Result<Self> {
        out.write_all(BOM)?;
        let mut inner = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        inner
            .write_record(COLUMNS.iter().map(|c| lang.t(*c)))
            .map_err(os_error)?;
        Ok(CsvWriter { inner, lang })
    }

    /// Writes one entry.
    pub fn entry(&mut self, e: &Entry) -> std::io::Result<()> {
        let lang = self.lang;
        let correction = e
            .correction
            .as_ref()
            .map(|c| c.summary(lang))
            .unwrap_or_default();
        // Plain words: a spreadsheet sorts and filters the column, and symbols get in the way.
        // (A voided entry says so where the kinds are counted: filtered by kind in a
        // spreadsheet, it counted as a fault like any other.)
        let kind = if e.voided() {
            format!("{} · {}", e.kind_words(lang), lang.t(T::IncidentVoided))
        } else {
            e.kind_words(lang)
        };
        let detail = e.original_detail_in(lang);
        let when = e.when_shown();
        let devices = e.devices_shown(lang);
        let cells = [
            when.as_str(),
            kind.as_str(),
            &devices,
            &e.staff,
            &e.subject,
            &detail,
            &correction,
        ];
        self.inner
            .write_record(cells.iter().map(|c| defuse(c).into_owned()))
            .map_err(os_error)
    }

    /// Flushes and gives back the output.
    pub fn finish(self) -> std::io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

/// The error of the OS under a CSV writer's error, as it was (a full disk stays a full disk, to
/// be said in plain words); an error of the CSV itself as another error.
fn os_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::entry::{Correction, CorrectionAction, Kind};
    use proptest::prelude::*;

    fn entry(subject: &str, detail: &str) -> Entry {
        Entry {
            id: 7,
            at: "2026-10-08T10:15:00".into(),
            kind: Kind::Incident,
            action: "resolved".into(),
            device_id: Some(2),
            device: "收银台2号, \"新\"".into(),
            moved_from: None,
            also: Vec::new(),
            staff_id: None,
            staff: String::new(),
            subject: subject.into(),
            detail: detail.into(),
            source: "incident_event".into(),
            source_id: 3,
            correction: Some(Correction {
                action: CorrectionAction::Void,
                text: String::new(),
                reason: "录错了,重复".into(),
                at: "2026-10-09T09:00:00".into(),
                device_id: None,
                device: String::new(),
            }),
        }
    }

    /// A disk that fills up after `room` bytes.
    struct FillsUp {
        room: usize,
    }

    impl Write for FillsUp {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A full disk under the CSV stays a full disk (said in plain words), wherever it fills:
    /// the header, a row, or the last flush (it was "No space left on device (os error 28)").
    #[test]
    fn a_full_disk_stays_a_full_disk() {
        for room in [0, 3, 200, 9_000, 20_000] {
            let result = CsvWriter::new(FillsUp { room }, Lang::En).and_then(|mut w| {
                for _ in 0..100 {
                    w.entry(&entry(&"长".repeat(40), "细节"))?;
                }
                w.finish().map(drop)
            });
            let e = result.expect_err("the disk is full");
            assert_eq!(
                e.kind(),
                std::io::ErrorKind::StorageFull,
                "room {room}: {e}"
            );
        }
    }

    /// Writes with our code, reads back with the csv crate.
    fn round_trip(entries: &[Entry]) -> (Vec<u8>, Vec<Vec<String>>) {
        let mut w = CsvWriter::new(Vec::new(), Lang::Zh).unwrap();
        for e in entries {
            w.entry(e).unwrap();
        }
        let bytes = w.finish().unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[BOM.len()..]);
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (bytes, rows)
    }

    #[test]
    fn tricky_text_survives_and_the_file_starts_with_a_bom() {
        let subject = "A0 校验错, \"重签\"\r\n第二行\n第三行";
        let (bytes, rows) = round_trip(&[entry(subject, "=SUM(A1:A9)")]);
        assert!(bytes.starts_with(BOM));
        assert_eq!(rows[0][0], "时间");
        assert_eq!(rows[1][0], "2026-10-08 10:15");
        // Voided, and said where the kinds are counted.
        assert_eq!(
            rows[1][1], "故障 · 已解决 · 已作废",
            "plain words, no symbol"
        );
        assert_eq!(rows[1][2], "收银台2号, \"新\"");
        assert_eq!(rows[1][4], subject);
        assert_eq!(rows[1][5], "'=SUM(A1:A9)");
        assert!(rows[1][6].contains("录错了,重复"));
        assert_eq!(rows.len(), 2);
        let kept = Entry {
            correction: None,
            ..entry(subject, "")
        };
        assert_eq!(round_trip(&[kept]).1[1][1], "故障 · 已解决");
    }

    #[test]
    fn formula_starts_are_defused_and_nothing_else_changes() {
        for s in ["=1+1", "+86", "-5", "@cmd"] {
            assert_eq!(defuse(s), format!("'{s}"));
        }
        for s in ["签到", "a=b", "", "5-"] {
            assert_eq!(defuse(s), s);
        }
    }

    proptest! {
        #[test]
        fn any_text_round_trips(subject in "[a-z,\"\r\n 中文签到=+@-]{0,40}", detail in "\\PC{0,30}") {
            let (_, rows) = round_trip(&[entry(&subject, &detail)]);
            prop_assert_eq!(rows.len(), 2);
            prop_assert_eq!(&rows[1][4], &defuse(&subject).into_owned());
            prop_assert_eq!(&rows[1][5], &defuse(&detail).into_owned());
        }
    }
}
