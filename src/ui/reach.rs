//! Reaching someone who is not looking at the window: the notification-area (tray) icon with
//! its menu and the count of what is due, and desktop notifications when a reminder falls due.
//!
//! A thin adapter: *what* is due *when* is core's [`crate::reminders`], tested with the clock;
//! this module only shows it, through `tray-icon` and `notify-rust`. Where the platform has no
//! notification service (no daemon on a Linux desktop, Wine), the window asks for attention
//! instead (a flashing taskbar button), and Settings says so. Tests never touch the system:
//! they get [`Reach::recording`], which keeps what would have been shown.

use egui::{UserAttentionType, ViewportCommand};

use crate::i18n::{Lang, T};
use crate::reminders::{Reminder, Topic};

/// What the tray menu asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrayAction {
    /// Show the window.
    Open,
    /// Show Today's checklist.
    Today,
    /// Show the lookup box.
    Lookup,
    /// Back up now (to the last folder used).
    BackUp,
    /// Quit for real.
    Quit,
}

/// How reminders reach the desktop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Desktop {
    /// Through the platform's notifications.
    Notifications,
    /// No notification service answered: the window asks for attention instead.
    AttentionOnly,
    /// Tests: nothing is shown, what would be is recorded.
    Recording,
}

/// The tray icon and its menu, where the platform gave one.
struct Tray {
    icon: tray_icon::TrayIcon,
    items: Vec<(tray_icon::menu::MenuId, TrayAction)>,
    /// The tooltip shown last (set again only when it changes).
    tooltip: String,
}

/// The tray icon, the notifications and what was shown (for tests).
pub struct Reach {
    tray: Option<Tray>,
    desktop: Desktop,
    /// Titles and bodies shown (tests), newest last.
    shown: Vec<(String, String)>,
    /// Notifications are shown off the window's thread (a notification service that does not
    /// answer would otherwise freeze the window for D-Bus's timeout); one that failed says so
    /// here.
    failed: (std::sync::mpsc::Sender<()>, std::sync::mpsc::Receiver<()>),
}

impl Reach {
    /// The real thing: a tray icon (if the platform has a notification area) and the
    /// platform's notifications. Must run on the thread of the window's event loop.
    pub fn native(lang: Lang) -> Reach {
        Reach {
            tray: Tray::new(lang),
            desktop: Desktop::Notifications,
            shown: Vec::new(),
            failed: std::sync::mpsc::channel(),
        }
    }

    /// For tests: no tray, nothing shown, everything recorded.
    pub fn recording() -> Reach {
        Reach {
            tray: None,
            desktop: Desktop::Recording,
            shown: Vec::new(),
            failed: std::sync::mpsc::channel(),
        }
    }

    /// Whether there is a tray icon to keep the app reachable with the window hidden.
    pub fn has_tray(&self) -> bool {
        self.tray.is_some()
    }

    /// How reminders reach the desktop now: a notification that failed since the last call
    /// turns them to the window's request for attention.
    pub fn desktop(&mut self) -> Desktop {
        if self.failed.1.try_recv().is_ok() {
            self.desktop = Desktop::AttentionOnly;
        }
        self.desktop
    }

    /// What was shown (tests).
    pub fn shown(&self) -> &[(String, String)] {
        &self.shown
    }

    /// The tray menu's choices since the last call.
    pub fn actions(&self) -> Vec<TrayAction> {
        let Some(tray) = &self.tray else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while let Ok(event) = tray_icon::menu::MenuEvent::receiver().try_recv() {
            if let Some((_, action)) = tray.items.iter().find(|(id, _)| *id == event.id) {
                out.push(*action);
            }
        }
        // A click on the icon itself opens the window.
        while let Ok(event) = tray_icon::TrayIconEvent::receiver().try_recv() {
            if let tray_icon::TrayIconEvent::Click {
                button: tray_icon::MouseButton::Left,
                button_state: tray_icon::MouseButtonState::Up,
                ..
            } = event
            {
                out.push(TrayAction::Open);
            }
        }
        out
    }

    /// Shows how many checks are due or overdue on the icon's tooltip.
    pub fn set_due(&mut self, lang: Lang, due: usize) {
        let Some(tray) = &mut self.tray else { return };
        let tooltip = if due == 0 {
            lang.t(T::TrayNothingDue).to_owned()
        } else {
            lang.fill(T::TrayDue, &[("n", &due.to_string())])
        };
        if tooltip != tray.tooltip {
            let _ = tray.icon.set_tooltip(Some(&tooltip));
            tray.tooltip = tooltip;
        }
    }

    /// Announces `reminder` (its text in `lang`): a desktop notification, or where there is
    /// none, the window's request for attention.
    pub fn announce(
        &mut self,
        ctx: &egui::Context,
        lang: Lang,
        reminder: &Reminder,
        names: &Names,
    ) {
        let (title, body) = text(lang, reminder, names);
        match self.desktop {
            Desktop::Recording => self.shown.push((title, body)),
            Desktop::Notifications => {
                let failed = self.failed.0.clone();
                let ctx = ctx.clone();
                let app = lang.t(T::AppShortName);
                std::thread::spawn(move || {
                    let shown = notify_rust::Notification::new()
                        .appname(app)
                        .summary(&title)
                        .body(&body)
                        .show();
                    if shown.is_err() {
                        // No notification service here (or it refused): this one and the next
                        // go to the taskbar.
                        let _ = failed.send(());
                        attention(&ctx);
                        ctx.request_repaint();
                    }
                });
            }
            Desktop::AttentionOnly => attention(ctx),
        }
    }
}

/// Asks the desktop to draw attention to the window (a flashing taskbar button).
fn attention(ctx: &egui::Context) {
    ctx.send_viewport_cmd(ViewportCommand::RequestUserAttention(
        UserAttentionType::Informational,
    ));
}

/// The names a reminder's text needs besides its own: people and training modules by id.
#[derive(Default)]
pub struct Names {
    /// Staff, by id.
    pub staff: Vec<(i64, String)>,
    /// Training modules, by id.
    pub modules: Vec<(i64, String)>,
}

impl Names {
    fn of(list: &[(i64, String)], id: i64) -> &str {
        list.iter()
            .find(|(i, _)| *i == id)
            .map_or("", |(_, n)| n.as_str())
    }
}

/// A reminder's title and body in `lang`.
pub fn text(lang: Lang, reminder: &Reminder, names: &Names) -> (String, String) {
    match &reminder.topic {
        Topic::Task {
            title,
            opening_check: true,
            ..
        } => (
            lang.fill(T::RemindOpeningTitle, &[("task", title)]),
            lang.t(T::RemindOpeningBody).to_owned(),
        ),
        Topic::Task {
            title,
            overdue: true,
            ..
        } => (
            lang.fill(T::RemindOverdueTitle, &[("task", title)]),
            lang.t(T::RemindTaskBody).to_owned(),
        ),
        Topic::Task { title, .. } => (
            lang.fill(T::RemindTaskTitle, &[("task", title)]),
            lang.t(T::RemindTaskBody).to_owned(),
        ),
        Topic::UsbBackup { days } => (
            lang.t(T::RemindBackupTitle).to_owned(),
            match days {
                Some(days) => lang.fill(T::RemindBackupBody, &[("days", &days.to_string())]),
                None => lang.t(T::RemindBackupNever).to_owned(),
            },
        ),
        Topic::Repeat {
            subject,
            count,
            days,
        } => (
            lang.fill(T::RemindRepeatTitle, &[("subject", subject)]),
            lang.fill(
                T::RemindRepeatBody,
                &[("count", &count.to_string()), ("days", &days.to_string())],
            ),
        ),
        Topic::Outage { minutes, .. } => (
            lang.t(T::RemindOutageTitle).to_owned(),
            lang.fill(T::RemindOutageBody, &[("minutes", &minutes.to_string())]),
        ),
        Topic::Training {
            staff_id,
            module_id,
        } => (
            lang.fill(
                T::RemindTrainingTitle,
                &[("person", Names::of(&names.staff, *staff_id))],
            ),
            lang.fill(
                T::RemindTrainingBody,
                &[("module", Names::of(&names.modules, *module_id))],
            ),
        ),
    }
}

impl Tray {
    /// The tray icon with its menu, or `None` where the platform has no notification area
    /// (or refused one: a Linux desktop without a StatusNotifier host, a headless test).
    fn new(lang: Lang) -> Option<Tray> {
        use tray_icon::menu::{Menu, MenuItem, PredefinedMenuItem};
        let icon = eframe::icon_data::from_png_bytes(crate::ui::APP_ICON).ok()?;
        let icon = tray_icon::Icon::from_rgba(icon.rgba, icon.width, icon.height).ok()?;
        let menu = Menu::new();
        let mut items = Vec::new();
        for (key, action) in [
            (T::TrayOpen, TrayAction::Open),
            (T::TrayToday, TrayAction::Today),
            (T::TrayLookup, TrayAction::Lookup),
            (T::TrayBackUp, TrayAction::BackUp),
        ] {
            let item = MenuItem::new(lang.t(key), true, None);
            items.push((item.id().clone(), action));
            menu.append(&item).ok()?;
        }
        menu.append(&PredefinedMenuItem::separator()).ok()?;
        let quit = MenuItem::new(lang.t(T::TrayQuit), true, None);
        items.push((quit.id().clone(), TrayAction::Quit));
        menu.append(&quit).ok()?;
        let tooltip = lang.t(T::AppShortName).to_owned();
        let icon = tray_icon::TrayIconBuilder::new()
            .with_menu(Box::new(menu))
            .with_tooltip(&tooltip)
            .with_icon(icon)
            .build()
            .ok()?;
        Some(Tray {
            icon,
            items,
            tooltip,
        })
    }
}
