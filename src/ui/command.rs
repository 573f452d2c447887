//! The one list of screens, the contract every screen keeps ([`Page`]), and the commands that
//! belong to the app itself ([`AppCommand`]).
//!
//! Layers, each using only the ones below it: `context` (the shared data), `theme`, `widgets` and
//! `backup_line`; this module; the screens (one file or folder each, never importing one
//! another); `screens` (made from the list below); `dialogs`; then `app`.

use std::path::PathBuf;

use crate::i18n::{Lang, T};
use crate::store::Records;
use crate::ui::context::{Apply, Context, ThemeChoice};
use crate::ui::renderer::RendererSetting;

/// The screens of the left navigation, in its order: `field / Variant: module::Type = label`.
/// This is the one list: the [`Screen`] enum here, and the screens' state, commands, drawing and
/// dispatch in `ui::screens`, are all made from it. Adding a screen is its own file plus one line.
macro_rules! screen_list {
    ($then:ident) => {
        $then! {
            today / Today: today::TodayScreen = NavToday,
            lookup / Lookup: lookup::LookupScreen = NavLookup,
            emergency / Emergency: emergency::EmergencyScreen = NavEmergency,
            planner / Planner: planner::PlannerScreen = NavPlanner,
            staff / Staff: staff::StaffScreen = NavStaff,
            devices / Devices: devices::DevicesScreen = NavDevices,
            history / History: history::HistoryScreen = NavHistory,
            insights / Insights: insights::InsightsScreen = NavInsights,
            backups / Backups: backups::BackupsScreen = NavBackups,
            settings / Settings: settings::SettingsScreen = NavSettings,
        }
    };
}
pub(crate) use screen_list;

macro_rules! screen_enum {
    ($($field:ident / $name:ident: $module:ident::$ty:ident = $label:ident,)*) => {
        /// A screen of the left navigation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Screen {
            $(
                #[doc = concat!("The `", stringify!($module), "` screen.")]
                $name,
            )*
        }

        impl Screen {
            /// Every screen, in the navigation's order.
            pub const ALL: &'static [Screen] = &[$(Screen::$name,)*];

            /// The screen's name in the navigation.
            pub fn label(self) -> T {
                match self {
                    $(Screen::$name => T::$label,)*
                }
            }
        }
    };
}
screen_list!(screen_enum);

impl Default for Screen {
    /// The screen the app opens on.
    fn default() -> Self {
        Screen::ALL[0]
    }
}

/// What a screen can be asked to show when it is opened from elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub enum Focus {
    /// The lookup box, ready for typing (Ctrl+K).
    LookupBox,
    /// Everything that happened to one device.
    DeviceHistory(i64),
    /// The history filtered as a chart's bar or a warning asks (dates, device, kinds, text).
    HistoryFilter(crate::history::FilterDraft),
    /// The emergency plan being run (from Today).
    RunningOutage,
    /// The shop's plan taken from the starter plan with this key (a check's item found wrong
    /// points to it), or the list when the shop has no such plan.
    StarterPlan(String),
    /// The shop's name in Settings (a new shop's set-up step).
    ShopName,
    /// The lookup's list of incidents (the open ones first).
    Incidents,
    /// What was typed and not saved on the screen (see [`Page::unsaved`]): back to its form.
    Unsaved,
    /// Restoring from a backup file (a new PC's set-up: the shop moving from another one).
    Restore,
}

/// What only the app can do: navigation, its own settings, background jobs, the clipboard.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    /// Show another screen, perhaps with something in focus there.
    Go(Screen, Option<Focus>),
    /// Switch the interface language (remembered).
    SetLanguage(Lang),
    /// Switch light/dark (remembered).
    SetTheme(ThemeChoice),
    /// Set the zoom in percent (remembered).
    SetZoom(u32),
    /// Choose the renderer for the next start.
    SetRenderer(RendererSetting),
    /// Forget that wgpu failed here, so the next start tries it again.
    RetryRenderer,
    /// Write a verified backup into a folder (a background job).
    BackupNow(PathBuf),
    /// Replace the data with a backup file (a background job).
    Restore(PathBuf, Option<crate::store::BackupContents>),
    /// Check every file in the data folder's `backups/` (a background job).
    VerifyBackups,
    /// Open a folder in the OS file manager, or a file (a printable page) with its program.
    Open(PathBuf),
    /// Close the offer to restore after a loss, going on with the data as it is.
    DismissRecovery,
    /// Read the records again (after reading them failed).
    ReadAgain,
    /// The merchant confirms that today is the clock's day although it was doubted.
    ConfirmClock,
    /// The merchant says the clock is wrong: go on with the last trustworthy day.
    KeepTrustedDay,
    /// Put text on the clipboard and say so.
    Copy {
        /// The text.
        text: String,
        /// What to say.
        done: T,
    },
}

/// How a screen's command ended, for the app to show and to know what to re-read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was written.
    Nothing,
    /// Written: the shared data is read again; nothing to say.
    Changed,
    /// Written: the shared data is read again, and this is said.
    Done(String),
    /// Not done (nothing was changed): this is said.
    Failed(String),
}

impl Outcome {
    /// `Done(message)` for `Ok(())`, `Failed` with the storage message otherwise.
    pub fn of_write(result: Result<(), crate::store::StoreError>, lang: Lang, done: T) -> Self {
        match result {
            Ok(()) => Outcome::Done(lang.t(done).to_owned()),
            Err(e) => Outcome::failed_write(&e, lang),
        }
    }

    /// `Changed` (nothing to say) for `Ok(())`, `Failed` with the storage message otherwise.
    pub fn of_change(result: Result<(), crate::store::StoreError>, lang: Lang) -> Self {
        match result {
            Ok(()) => Outcome::Changed,
            Err(e) => Outcome::failed_write(&e, lang),
        }
    }

    /// The message for a write that the store refused or could not make.
    pub fn failed_write(e: &crate::store::StoreError, lang: Lang) -> Self {
        Outcome::Failed(write_failed(e, lang))
    }
}

/// "Could not save: …" in the user's language.
pub fn write_failed(e: &crate::store::StoreError, lang: Lang) -> String {
    lang.fill(T::ErrStorage, &[("detail", &e.message(lang))])
}

/// What a screen's drawing produces: its own commands, and commands for the app.
pub struct Out<C> {
    commands: Vec<C>,
    app: Vec<AppCommand>,
}

impl<C> Default for Out<C> {
    fn default() -> Self {
        Out {
            commands: Vec::new(),
            app: Vec::new(),
        }
    }
}

impl<C> Out<C> {
    /// One of the screen's own commands, applied by the screen after the frame's layout.
    pub fn push(&mut self, command: C) {
        self.commands.push(command);
    }

    /// A command for the app.
    pub fn app(&mut self, command: AppCommand) {
        self.app.push(command);
    }

    /// Both lists, emptied.
    pub fn take(&mut self) -> (Vec<C>, Vec<AppCommand>) {
        (
            std::mem::take(&mut self.commands),
            std::mem::take(&mut self.app),
        )
    }
}

/// The contract every screen keeps: it draws from the shared read-only [`Context`], pushes its
/// own commands, and applies them against the store after the frame's layout.
pub trait Page: Default {
    /// The screen's own commands.
    type Command;

    /// The narrowest the screen is laid out (points): a narrower window scrolls it sideways.
    /// Screens whose list and side pane take turns on a narrow window
    /// ([`crate::ui::panes`]) go narrower.
    const MIN_WIDTH: f32 = 760.0;

    /// Draws the screen for one frame.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Context<'_>, out: &mut Out<Self::Command>);

    /// Applies one of its commands (one store transaction, at most).
    fn apply(&mut self, command: Self::Command, ax: &mut Apply<'_>) -> Outcome;

    /// The screen was opened, perhaps to show something in particular.
    fn shown(&mut self, _focus: Option<&Focus>) {}

    /// What the screen keeps of its own from the store is read again (after any write);
    /// `Err` is the message to show.
    fn reload(&mut self, _store: &Records, _lang: Lang) -> Result<(), String> {
        Ok(())
    }

    /// Work of its own still running (an export).
    fn busy(&self) -> bool {
        false
    }

    /// Something typed into one of its forms and not saved yet (a device half filled in, a
    /// note for an incident not recorded): closing the window asks first.
    fn unsaved(&self) -> bool {
        false
    }

    /// Drawn over everything, whichever screen is shown (the customer notice).
    fn overlay(&mut self, _ctx: &egui::Context, _lang: Lang) {}
}
