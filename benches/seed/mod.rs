//! What the History and Insights benchmarks share: the ten-year shop (design §7: about 200,000
//! history entries), and a screen drawn headless.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use poscare::i18n::Lang;
use poscare::store::{DataPaths, Store};
use poscare::ui::command::{Out, Page};
use poscare::ui::context::{Context, Shared};
use poscare::ui::renderer::RendererStart;

/// How many history entries are seeded.
pub const ROWS: usize = 200_000;

/// A data folder with 40 terminals, 5 staff, 50 tasks and [`ROWS`] history-producing records over
/// about ten years: incidents (opened and resolved), completions of every outcome, trainings and
/// backups. Bulk-loaded in one transaction; the triggers fill the history as in the app.
pub fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(DataPaths::new(dir.path())).unwrap());
    let mut conn = rusqlite::Connection::open(DataPaths::new(dir.path()).db()).unwrap();
    let tx = conn.transaction().unwrap();
    let t0 = "2016-01-01T09:00:00";
    for d in 1..=40 {
        tx.execute(
            "INSERT INTO device (id, name, kind, terminal_id, created_at, updated_at) VALUES (?1, ?2, 'terminal', ?3, ?4, ?4)",
            (d, format!("终端{d}"), format!("T{d:07}"), t0),
        )
        .unwrap();
        tx.execute(
            "INSERT INTO device_event (device_id, at, action, detail) VALUES (?1, ?2, 'added', '')",
            (d, t0),
        )
        .unwrap();
    }
    for s in 1..=5 {
        tx.execute(
            "INSERT INTO staff (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            (s, format!("员工{s}"), t0),
        )
        .unwrap();
    }
    for t in 1..=50 {
        tx.execute(
            "INSERT INTO task (id, title, category, device_id, schedule, created_at, updated_at) \
             VALUES (?1, ?2, 'check', ?3, '{\"schedule\":\"daily\",\"start\":\"2016-01-01\"}', ?4, ?4)",
            (t, format!("检查任务{t}"), t % 40 + 1, t0),
        )
        .unwrap();
    }
    tx.execute(
        "INSERT INTO training_module (id, title, created_at, updated_at) VALUES (1, '操作终端', ?1, ?1)",
        [t0],
    )
    .unwrap();
    let prompts = [
        "51 余额不足",
        "A0 校验错",
        "请稍后再试",
        "打印机缺纸",
        "通讯失败",
        "68 交易超时",
    ];
    let outcomes = ["ok", "ok", "ok", "missed", "skipped", "problem"];
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    {
        let mut incident = tx
            .prepare("INSERT INTO incident (started_at, device_id, prompt, updated_at) VALUES (?1, ?2, ?3, ?1)")
            .unwrap();
        let mut event = tx
            .prepare("INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, ?3, ?4)")
            .unwrap();
        let mut completion = tx
            .prepare(
                "INSERT OR IGNORE INTO completion (task_id, due, done_at, done_by, outcome, note, recorded_at) \
                 VALUES (?1, ?2, CASE WHEN ?4 = 'missed' THEN NULL ELSE ?3 END, ?5, ?4, '', ?3)",
            )
            .unwrap();
        let mut training = tx
            .prepare("INSERT INTO training_record (staff_id, module_id, on_date, trainer, note, recorded_at) VALUES (?1, 1, ?2, '店长', '', ?3)")
            .unwrap();
        let mut backup = tx
            .prepare("INSERT INTO backup_log (at, kind, path, bytes) VALUES (?1, 'auto', 'backups/poscare.db', 1048576)")
            .unwrap();
        let mut outage = tx
            .prepare("INSERT INTO outage (device_id, started_at, ended_at, updated_at) VALUES (?1, ?2, ?3, ?3)")
            .unwrap();
        let mut manual = tx
            .prepare("INSERT INTO backup_log (at, kind, path, bytes) VALUES (?1, 'manual', 'E:/poscare-backup.db', 1048576)")
            .unwrap();
        let mut last_incident = 0;
        for i in 0..ROWS - 40 {
            let at = start + chrono::Duration::minutes(i as i64 * 26);
            let stamp = at.format("%Y-%m-%dT%H:%M:%S").to_string();
            match i % 4 {
                0 => {
                    let prompt = prompts[i / 4 % prompts.len()];
                    incident
                        .execute((&stamp, (i / 4 % 40 + 1) as i64, prompt))
                        .unwrap();
                    last_incident = tx.last_insert_rowid();
                    event
                        .execute((last_incident, &stamp, "opened", prompt))
                        .unwrap();
                }
                1 => {
                    event
                        .execute((last_incident, &stamp, "resolved", "重新签到后正常"))
                        .unwrap();
                }
                2 => {
                    let due = at.date().format("%Y-%m-%d").to_string();
                    let outcome = outcomes[i / 4 % outcomes.len()];
                    let who = (i % 5 + 1) as i64;
                    completion
                        .execute(((i / 4 % 50 + 1) as i64, due, &stamp, outcome, who))
                        .unwrap();
                }
                _ if i % 8 == 3 => {
                    training
                        .execute((
                            (i % 5 + 1) as i64,
                            at.date().format("%Y-%m-%d").to_string(),
                            &stamp,
                        ))
                        .unwrap();
                }
                _ if i % 1600 == 7 => {
                    // About once a month the card payment is down for a while (40–115 minutes),
                    // and an outside backup is made.
                    let ended = at + chrono::Duration::minutes(40 + (i / 1600 % 4) as i64 * 25);
                    outage
                        .execute((
                            (i / 1600 % 40 + 1) as i64,
                            &stamp,
                            ended.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        ))
                        .unwrap();
                    manual.execute([&stamp]).unwrap();
                }
                _ => {
                    backup.execute([&stamp]).unwrap();
                }
            }
        }
    }
    tx.commit().unwrap();
    dir
}

/// What a screen is drawn with, headless, as the window draws it.
pub struct Headless<'a> {
    /// The egui context (bundled test font).
    pub ctx: egui::Context,
    /// The shared data.
    pub shared: &'a Shared,
    /// The store.
    pub store: &'a Arc<Mutex<Store>>,
    /// The renderer setting (none).
    pub renderer: RendererStart,
    /// The day.
    pub today: NaiveDate,
}

impl<'a> Headless<'a> {
    /// A headless window over `shared` and `store` on `today`.
    pub fn new(shared: &'a Shared, store: &'a Arc<Mutex<Store>>, today: NaiveDate) -> Self {
        let ctx = egui::Context::default();
        poscare::ui::theme::install_test_fonts(&ctx);
        Headless {
            ctx,
            shared,
            store,
            renderer: RendererStart::begin(std::path::Path::new(""), None, false),
            today,
        }
    }

    /// One frame of `screen` in a 1280×860 window, in Chinese.
    pub fn frame<P: Page>(&self, screen: &mut P) -> egui::FullOutput {
        let cx = Context {
            lang: Lang::Zh,
            today: self.today,
            now: self.today.and_hms_opt(9, 0, 0).unwrap(),
            shared: self.shared,
            store: Some(self.store),
            job: None,
            renderer: &self.renderer,
            opened: false,
        };
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 860.0),
            )),
            ..Default::default()
        };
        let mut out = Out::default();
        self.ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                screen.ui(ui, &cx, &mut out);
            });
        })
    }
}
