//! Whether a `-wal` left beside the data file is damaged inside, not only cut short.
//!
//! SQLite reads a log up to its first frame whose checksum fails and silently drops the rest:
//! right for a write a power cut tore at the end, but when the bytes of an earlier frame went
//! bad (a failing disk), committed changes after it are dropped too, and `PRAGMA quick_check`
//! still says "ok". This module reads the log's frames as SQLite's documentation describes them
//! (a 32-byte header, then frames of a 24-byte header and one page, each checksum chained on the
//! one before) and finds a commit of this log after a frame that fails: changes that SQLite
//! would drop. The caller keeps a copy before anything reads the log.

/// How many commits of this log follow its first frame whose checksum fails; `None` when every
/// frame passes, when only the end of the log fails (a write cut short), or when the bytes are
/// not a log at all.
pub fn commits_after_a_break(wal: &[u8]) -> Option<usize> {
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(wal.get(at..at + 4)?.try_into().ok()?))
    };
    let magic = word(0)?;
    if magic & !1 != 0x377f_0682 {
        return None;
    }
    let big_endian = magic & 1 == 1;
    let page_size = word(8)? as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return None;
    }
    let salts = (word(16)?, word(20)?);
    let mut sums = checksum(&wal[..24], (0, 0), big_endian);
    if sums != (word(24)?, word(28)?) {
        return None;
    }
    let frame_size = 24 + page_size;
    let mut at = 32;
    let mut broken = false;
    let mut commits_after = 0;
    while at + frame_size <= wal.len() {
        let commit = word(at + 4)? != 0;
        let ours = (word(at + 8)?, word(at + 12)?) == salts;
        if broken {
            commits_after += usize::from(ours && commit);
        } else {
            let next = checksum(&wal[at..at + 8], sums, big_endian);
            let next = checksum(&wal[at + 24..at + frame_size], next, big_endian);
            if ours && next == (word(at + 16)?, word(at + 20)?) {
                sums = next;
            } else if ours {
                broken = true;
            } else {
                // A frame of an earlier log (the file is reused after a checkpoint): the end.
                break;
            }
        }
        at += frame_size;
    }
    (commits_after > 0).then_some(commits_after)
}

/// SQLite's log checksum of `data` (a multiple of 8 bytes), carried on from `sums`.
fn checksum(data: &[u8], (mut s0, mut s1): (u32, u32), big_endian: bool) -> (u32, u32) {
    let read = |b: &[u8]| {
        let bytes: [u8; 4] = b.try_into().unwrap_or_default();
        if big_endian {
            u32::from_be_bytes(bytes)
        } else {
            u32::from_le_bytes(bytes)
        }
    };
    for pair in data.chunks_exact(8) {
        s0 = s0.wrapping_add(read(&pair[..4])).wrapping_add(s1);
        s1 = s1.wrapping_add(read(&pair[4..])).wrapping_add(s0);
    }
    (s0, s1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log SQLite wrote itself: three commits, none merged into the file.
    fn a_log() -> (tempfile::TempDir, Vec<u8>, usize) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch("CREATE TABLE t (x TEXT)").unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        for i in 0..3 {
            conn.execute("INSERT INTO t VALUES (?1)", [format!("record {i}")])
                .unwrap();
        }
        let page: usize = conn
            .pragma_query_value(None, "page_size", |r| r.get::<_, i64>(0))
            .unwrap() as usize;
        drop(conn);
        let wal = std::fs::read(dir.path().join("t.db-wal")).unwrap();
        (dir, wal, page)
    }

    #[test]
    fn a_sound_log_and_one_cut_short_have_no_break() {
        let (_dir, wal, page) = a_log();
        assert_eq!(commits_after_a_break(&wal), None);
        // The last frame torn by a power cut: SQLite rightly drops only that.
        let mut torn = wal.clone();
        let last = torn.len() - page / 2;
        torn[last] ^= 0xFF;
        assert_eq!(commits_after_a_break(&torn), None);
        assert_eq!(commits_after_a_break(b"not a log"), None);
    }

    #[test]
    fn bad_bytes_in_an_early_frame_are_found_with_the_commits_after_them() {
        let (_dir, wal, page) = a_log();
        let frames = (wal.len() - 32) / (24 + page);
        assert!(frames >= 4, "{frames}");
        let mut bad = wal.clone();
        // Inside the page of the first frame.
        bad[32 + 24 + page / 2] ^= 0xFF;
        assert!(commits_after_a_break(&bad).is_some_and(|n| n >= 3));
    }
}
