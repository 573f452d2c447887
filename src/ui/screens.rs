//! The screens' state, their commands and their dispatch, all made from the one list in
//! [`crate::ui::command`]. Nothing here knows what a screen does: it only hands each screen its
//! frame, its commands and its turn to read again.

use crate::i18n::Lang;
use crate::store::Records;
use crate::ui::command::{AppCommand, Focus, Out, Outcome, Page, Screen, screen_list};
use crate::ui::context::{Apply, Context};
#[allow(unused_imports)]
use crate::ui::{
    backups, devices, emergency, history, insights, lookup, planner, settings, staff, today,
};

macro_rules! screens {
    ($($field:ident / $name:ident: $module:ident::$ty:ident = $label:ident,)*) => {
        /// Every screen's own state (forms, selections, what it shows).
        #[derive(Default)]
        pub struct Screens {
            $(
                #[doc = concat!("The ", stringify!($name), " screen.")]
                pub $field: $module::$ty,
            )*
        }

        /// A command from a screen (applied by that screen) or for the app.
        pub enum Command {
            /// For the app: navigation, its settings, background jobs, the clipboard.
            App(AppCommand),
            $(
                #[doc = concat!("For the ", stringify!($name), " screen.")]
                $name(<$module::$ty as Page>::Command),
            )*
        }

        impl Screens {
            /// Draws `screen`; its commands go into `pending`.
            pub fn ui(
                &mut self,
                screen: Screen,
                ui: &mut egui::Ui,
                cx: &Context<'_>,
                pending: &mut Vec<Command>,
            ) {
                match screen {
                    $(Screen::$name => {
                        let mut out = Out::default();
                        self.$field.ui(ui, cx, &mut out);
                        let (own, app) = out.take();
                        pending.extend(own.into_iter().map(Command::$name));
                        pending.extend(app.into_iter().map(Command::App));
                    })*
                }
            }

            /// Applies a screen's command by the screen it belongs to (not an app command).
            pub fn apply(&mut self, command: Command, ax: &mut Apply<'_>) -> Outcome {
                match command {
                    Command::App(_) => Outcome::Nothing,
                    $(Command::$name(c) => self.$field.apply(c, ax),)*
                }
            }

            /// The narrowest `screen` is laid out (points).
            pub fn min_width(screen: Screen) -> f32 {
                match screen {
                    $(Screen::$name => <$module::$ty as Page>::MIN_WIDTH,)*
                }
            }

            /// `screen` was opened.
            pub fn shown(&mut self, screen: Screen, focus: Option<&Focus>) {
                match screen {
                    $(Screen::$name => self.$field.shown(focus),)*
                }
            }

            /// Every screen reads what it keeps of its own again; the first failure is returned.
            pub fn reload(&mut self, store: &Records, lang: Lang) -> Result<(), String> {
                let mut result = Ok(());
                $(
                    let r = self.$field.reload(store, lang);
                    if result.is_ok() {
                        result = r;
                    }
                )*
                result
            }

            /// The screens with something typed and not saved yet, in the navigation's order.
            pub fn unsaved(&self) -> Vec<Screen> {
                let mut out = Vec::new();
                $(
                    if self.$field.unsaved() {
                        out.push(Screen::$name);
                    }
                )*
                out
            }

            /// Whether any screen has work of its own running.
            pub fn busy(&self) -> bool {
                false $(|| self.$field.busy())*
            }

            /// What any screen draws over everything.
            pub fn overlay(&mut self, ctx: &egui::Context, lang: Lang) {
                $(self.$field.overlay(ctx, lang);)*
            }
        }
    };
}
screen_list!(screens);
