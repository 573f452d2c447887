//! The line about outside backups, shown on Today and on the Backups screen.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::i18n::{Lang, T};
use crate::planner::reminder::BackupReminder;
use crate::ui::context::BackupStatus;
use crate::ui::theme::palette;
use crate::ui::widgets::show_time;

/// The line about outside backups, on Today and on this screen: fresh in green, due or never in
/// amber with a button to the Backups screen when `go` (`true` when it was clicked).
pub fn backup_line(
    ui: &mut Ui,
    lang: Lang,
    status: &BackupStatus,
    today: NaiveDate,
    go: bool,
) -> bool {
    let pal = palette(ui);
    let (text, due) = reminder_text(lang, status, today);
    let colour = if due { pal.warn } else { pal.ok };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(text).color(colour).strong());
        go && due && ui.button(lang.t(T::TodayBackupGo)).clicked()
    })
    .inner
}

/// What the line says for `today`, and whether a backup is due (none yet, or too long ago).
pub fn reminder_text(lang: Lang, status: &BackupStatus, today: NaiveDate) -> (String, bool) {
    let when = status.last_external.map(show_time).unwrap_or_default();
    match status.reminder(today) {
        BackupReminder::Never => (lang.t(T::TodayBackupNever).to_owned(), true),
        BackupReminder::Fresh { days } => (
            lang.fill(
                T::TodayBackupOk,
                &[("when", &when), ("days", &days_text(lang, days))],
            ),
            false,
        ),
        BackupReminder::Due { days } => (
            lang.fill(
                T::TodayBackupDue,
                &[
                    ("n", &days.to_string()),
                    ("interval", &status.reminder_days.to_string()),
                ],
            ),
            true,
        ),
    }
}

/// "today", "yesterday", "N days ago", or a date after today said as such (calendar days: a
/// backup made ten minutes before midnight is yesterday's, not "1 day ago").
fn days_text(lang: Lang, days: i64) -> String {
    match days {
        0 => lang.t(T::BackupsToday).to_owned(),
        1 => lang.t(T::BackupsYesterday).to_owned(),
        d if d < 0 => lang.fill(T::BackupsDatedAhead, &[("n", &(-d).to_string())]),
        d => lang.fill(T::BackupsDaysAgo, &[("n", &d.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_dated_after_today_is_said_so_not_today() {
        assert_eq!(days_text(Lang::En, 0), "today");
        let ahead = days_text(Lang::En, -5);
        assert!(ahead.contains("5 days after today"), "{ahead}");
        assert!(days_text(Lang::Zh, -1).contains("晚 1 天"));
    }

    #[test]
    fn a_backup_of_the_day_before_is_yesterdays() {
        assert_eq!(days_text(Lang::En, 1), "yesterday");
        assert_eq!(days_text(Lang::Zh, 1), "昨天");
        assert_eq!(days_text(Lang::En, 2), "2 days ago");
    }
}
