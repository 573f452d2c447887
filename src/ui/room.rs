//! The warning over every screen when the disk holding the data folder is nearly full: read
//! once a minute (and again after anything went wrong), shown until there is room again.
//! A room that cannot be read is no warning (nothing is claimed about the disk).

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use crate::files;
use crate::i18n::Lang;
use crate::ui::theme::palette;

/// How often the room is read while the window is open.
pub const ROOM_EVERY: Duration = Duration::from_secs(60);

/// The disk's room as last read.
#[derive(Default)]
pub struct RoomWatch {
    read_at: Option<Instant>,
    /// The bytes left when that is low (`None`: room enough, or it could not be read).
    low: Option<u64>,
}

impl RoomWatch {
    /// Reads the room of `dir`'s disk when a minute has passed since the last reading.
    pub fn tick(&mut self, dir: &Path) {
        if self.read_at.is_some_and(|at| at.elapsed() < ROOM_EVERY) {
            return;
        }
        self.read_at = Some(Instant::now());
        self.low = files::room_left(dir)
            .ok()
            .filter(|free| *free < files::LOW_ROOM);
    }

    /// Reads the room again on the next tick (a save failed: the disk may have filled).
    pub fn read_again(&mut self) {
        self.read_at = None;
    }

    /// The warning shown, if any.
    pub fn warning(&self, lang: Lang) -> Option<String> {
        self.low.and_then(|free| files::room_warning(lang, free))
    }

    /// Draws the warning across the top of the window, the folder on hover.
    pub fn ui(&self, ui: &mut Ui, lang: Lang, dir: &Path) {
        let Some(text) = self.warning(lang) else {
            return;
        };
        egui::Panel::top("room").show(ui, |ui| {
            ui.add_space(4.0);
            let colour = palette(ui).danger;
            ui.add(egui::Label::new(
                RichText::new(format!("⚠ {text}")).color(colour).strong(),
            ))
            .on_hover_text(dir.display().to_string());
            ui.add_space(4.0);
        });
    }
}
