//! The list page: the plans as big buttons, the starter offer, the shop's contacts and the
//! recent outages. Also the contacts and fallbacks as the plan and run pages show them.

use egui::{RichText, Ui, vec2};

use super::{AskedAt, EmergencyCommand, EmergencyScreen, Page, show_time};
use crate::device::Device;
use crate::emergency::{Contact, ContactFields, ContactRole};
use crate::i18n::{Lang, T};
use crate::ui::command::Out;
use crate::ui::context::Context;
use crate::ui::theme::palette;
use crate::ui::widgets::{TextField, error_text, form_header, muted, named_button, title};

/// The add/edit contact form.
pub(super) struct ContactForm {
    id: Option<i64>,
    fields: ContactFields,
    problem: Option<String>,
    /// Text refused by a field (too long), said under that field: at 200 % the form's top,
    /// where it was said, was two screens above the note being typed.
    refused: Option<(T, String)>,
}

impl EmergencyScreen {
    pub(super) fn list_ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        out: &mut Out<EmergencyCommand>,
    ) {
        let lang = cx.lang;
        if self.plans.is_empty() && !self.starter_answered {
            self.starter_ui(ui, lang, out);
        } else {
            self.plan_buttons_ui(ui, lang, out);
        }
        ui.add_space(16.0);
        self.contacts_section_ui(ui, lang, cx.devices(), out);
        ui.add_space(16.0);
        self.recent_ui(ui, cx);
    }

    fn starter_ui(&mut self, ui: &mut Ui, lang: Lang, out: &mut Out<EmergencyCommand>) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(lang.t(T::EmStarterOffer)).size(17.0));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let apply =
                    egui::Button::new(RichText::new(lang.t(T::EmStarterApply)).size(18.0).strong())
                        .min_size(vec2(240.0, 44.0));
                if ui.add(apply).clicked() {
                    out.push(EmergencyCommand::ApplyStarter);
                }
                if ui.button(lang.t(T::EmStarterDecline)).clicked() {
                    out.push(EmergencyCommand::DeclineStarter);
                }
            });
        });
    }

    /// The plans as big buttons a stressed cashier finds at a glance.
    fn plan_buttons_ui(&mut self, ui: &mut Ui, lang: Lang, out: &mut Out<EmergencyCommand>) {
        let shown: Vec<(i64, String, bool)> = self
            .plans
            .iter()
            .filter(|p| self.show_archived || !p.archived)
            .map(|p| (p.id, p.fields.title.clone(), p.archived))
            .collect();
        if shown.is_empty() {
            muted(ui, lang.t(T::EmNoPlans));
        }
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = vec2(12.0, 12.0);
            for (id, plan_title, archived) in shown {
                let text = if archived {
                    format!("{plan_title} {}", lang.t(T::EmArchivedMark))
                } else {
                    plan_title
                };
                let button = egui::Button::new(RichText::new(text).size(24.0).strong())
                    .min_size(vec2(300.0, 72.0));
                if ui.add(button).clicked() {
                    self.page = Page::Plan(id);
                    self.plan_form = None;
                }
            }
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(lang.t(T::EmAddPlan)).clicked() {
                self.open_plan_form(None);
            }
            if self.plans.iter().any(|p| p.archived) {
                ui.checkbox(&mut self.show_archived, lang.t(T::EmShowArchived));
            }
        });
        if self.plan_form.as_ref().is_some_and(|f| f.id().is_none()) {
            ui.add_space(8.0);
            self.plan_form_ui(ui, lang, out);
        }
    }

    /// The shop's own contacts, to add and edit, and under them what the device registry knows
    /// (a walk read "No contacts yet" with the acquirer's hotline entered on both terminals).
    fn contacts_section_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        devices: &[Device],
        out: &mut Out<EmergencyCommand>,
    ) {
        ui.separator();
        title(ui, lang.t(T::EmContactsHeading));
        muted(ui, lang.t(T::EmContactsIntro));
        // (Greyed while a contact's form is open: one form at a time, and a click that
        // changed nothing looked broken.)
        let add = egui::Button::new(lang.t(T::EmAddContact));
        if ui.add_enabled(self.contact_form.is_none(), add).clicked() {
            self.contact_form = Some(ContactForm {
                id: None,
                fields: ContactFields::default(),
                problem: None,
                refused: None,
            });
        }
        if self.contact_form.is_some() {
            self.contact_form_ui(ui, lang, out);
        }
        if self.contacts.iter().any(|c| c.archived) {
            ui.checkbox(
                &mut self.show_archived_contacts,
                lang.t(T::EmShowArchivedContacts),
            );
        }
        let shown: Vec<Contact> = self
            .contacts
            .iter()
            .filter(|c| self.show_archived_contacts || !c.archived)
            .cloned()
            .collect();
        let in_use: Vec<&Device> = devices.iter().filter(|d| d.in_use()).collect();
        let registered = crate::device::call_lines(in_use.iter().copied(), lang);
        if shown.is_empty() {
            if registered.is_empty() {
                muted(ui, lang.t(T::EmNoContacts));
            }
            registered_ui(ui, lang, registered, "list");
            return;
        }
        let mut asked = None;
        // One wrapped row each, as on the plan pages: a grid cell never wraps, and at 200 % the
        // note and the Edit and Archive buttons were past the window's right edge.
        for (i, c) in shown.iter().enumerate() {
            let fill = if i % 2 == 1 {
                ui.visuals().faint_bg_color
            } else {
                egui::Color32::TRANSPARENT
            };
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(4, 4))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.spacing_mut().item_spacing.x = 16.0;
                        contact_row_ui(ui, lang, c);
                    });
                    // The buttons on a line of their own: after a long note at 200 % the
                    // last one was squeezed and broken ("Arc", "hive").
                    ui.horizontal(|ui| {
                        let name = &c.fields.name;
                        if c.archived {
                            muted(ui, lang.t(T::EmArchivedMark));
                            let restore = lang.fill(T::EmRestoreContactName, &[("name", name)]);
                            if named_button(ui, lang.t(T::EmRestore), &restore).clicked() {
                                out.push(EmergencyCommand::SetContactArchived(c.id, false));
                            }
                            return;
                        }
                        let edit = lang.fill(T::EmEditContactName, &[("name", name)]);
                        if named_button(ui, lang.t(T::Edit), &edit).clicked() {
                            self.contact_form = Some(ContactForm {
                                id: Some(c.id),
                                fields: c.fields.clone(),
                                problem: None,
                                refused: None,
                            });
                        }
                        let archive = lang.fill(T::EmArchiveContactName, &[("name", name)]);
                        let asking = self.asking.as_ref().is_some_and(|a| {
                            matches!(a.command, EmergencyCommand::SetContactArchived(id, true) if id == c.id)
                        });
                        let button = ui.add_enabled_ui(!asking, |ui| {
                            named_button(ui, lang.t(T::EmArchive), &archive)
                        });
                        if button.inner.clicked() {
                            asked = Some((c.id, name.clone()));
                        }
                    });
                });
        }
        if let Some((id, name)) = asked {
            let question = lang.fill(T::EmContactArchiveAsk, &[("name", &name)]);
            let archive = EmergencyCommand::SetContactArchived(id, true);
            self.ask(
                AskedAt::Contacts,
                question,
                (T::EmArchiveYes, T::Cancel),
                archive,
            );
        }
        self.asked_ui(ui, lang, AskedAt::Contacts, out);
        ui.add_space(6.0);
        registered_ui(ui, lang, registered, "list");
    }

    fn contact_form_ui(&mut self, ui: &mut Ui, lang: Lang, out: &mut Out<EmergencyCommand>) {
        let Some(form) = &mut self.contact_form else {
            return;
        };
        let mut cancel = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let heading = if form.id.is_some() {
                T::EmEditContactTitle
            } else {
                T::EmNewContactTitle
            };
            let save;
            (save, cancel) = form_header(ui, lang, lang.t(heading));
            if save {
                match form.fields.clone().validate() {
                    Ok(fields) => {
                        form.problem = None;
                        out.push(EmergencyCommand::SaveContact {
                            id: form.id,
                            fields: Box::new(fields),
                        });
                    }
                    Err(p) => form.problem = Some(p.message(lang)),
                }
            }
            if let Some(problem) = &form.problem {
                error_text(ui, problem);
            }
            ui.label(lang.t(T::EmContactRole));
            ui.horizontal_wrapped(|ui| {
                for role in ContactRole::ALL {
                    ui.selectable_value(&mut form.fields.role, role, lang.t(role.label()));
                }
            });
            let f = &mut form.fields;
            for (key, value, max) in [
                (
                    T::EmContactName,
                    &mut f.name,
                    crate::emergency::contact::MAX_NAME,
                ),
                (
                    T::EmContactPhone,
                    &mut f.phone,
                    crate::emergency::contact::MAX_PHONE,
                ),
                (
                    T::EmContactNote,
                    &mut f.note,
                    crate::emergency::contact::MAX_NOTE,
                ),
            ] {
                let (response, refusal) = TextField::new(lang.t(key), value, max)
                    .width(360.0)
                    .show(ui, lang);
                if let Some(message) = refusal {
                    form.refused = Some((key, message));
                } else if response.changed() {
                    form.refused = None;
                }
                if let Some((_, message)) = form.refused.as_ref().filter(|(k, _)| *k == key) {
                    error_text(ui, message);
                }
            }
        });
        if cancel {
            self.contact_form = None;
        }
    }

    fn recent_ui(&self, ui: &mut Ui, cx: &Context<'_>) {
        let lang = cx.lang;
        ui.separator();
        title(ui, lang.t(T::EmRecentHeading));
        if self.recent.is_empty() {
            muted(ui, lang.t(T::EmNoOutages));
            return;
        }
        let pal = palette(ui);
        // One wrapped entry each, not a grid: at 200 % the plan and how it was resolved were
        // past the window's right edge.
        for o in &self.recent {
            ui.horizontal_wrapped(|ui| {
                let end = match o.ended_at {
                    Some(end) => RichText::new(show_time(end)),
                    None => RichText::new(lang.t(T::EmStillOpen)).color(pal.warn),
                };
                ui.label(format!("{} –", show_time(o.started_at)));
                ui.label(end);
                let mut what = self.plan_title(lang, o.plan_id);
                if o.drill {
                    what.push_str(lang.t(T::EmDrillMark));
                }
                if let Some(device) = o
                    .device_id
                    .and_then(|d| cx.devices().iter().find(|x| x.id == d))
                {
                    what = format!("{what} · {}", device.fields.name);
                }
                ui.label(RichText::new(what).strong());
            });
            if !o.fix.is_empty() {
                ui.indent(("em_recent_fix", o.id), |ui| {
                    let fix = lang.fill(
                        T::LabelValue,
                        &[("label", lang.t(T::EmColFix)), ("value", &o.fix)],
                    );
                    ui.add(egui::Label::new(fix).wrap());
                });
            }
            ui.add_space(4.0);
        }
    }
}

/// One contact as a row: kind, name, phone (large), note.
fn contact_row_ui(ui: &mut Ui, lang: Lang, c: &Contact) {
    muted(ui, lang.t(c.fields.role.label()));
    ui.label(RichText::new(&c.fields.name).strong());
    ui.label(
        RichText::new(&c.fields.phone)
            .size(20.0)
            .strong()
            .monospace(),
    );
    ui.label(&c.fields.note);
}

/// The shop's contacts in use, read-only (plan and run pages); on a run, `chosen` is the
/// terminal that failed: its details come first, and when it has none the page says so, so
/// that another terminal's ID is not read out for it.
pub(super) fn contacts_ui(
    ui: &mut Ui,
    lang: Lang,
    contacts: &[Contact],
    (devices, chosen): (&[Device], Option<i64>),
    id: &str,
) {
    ui.strong(RichText::new(lang.t(T::EmContactsHeading)).size(18.0));
    let active: Vec<&Contact> = contacts.iter().filter(|c| !c.archived).collect();
    // What the device registry already knows: each terminal's acquirer, hotline and IDs, which
    // the acquirer asks for first; the chosen terminal's first.
    let mut in_use: Vec<&Device> = devices.iter().filter(|d| d.in_use()).collect();
    in_use.sort_by_key(|d| Some(d.id) != chosen);
    let registered = crate::device::call_lines(in_use.iter().copied(), lang);
    if let Some(device) = in_use.first().filter(|d| Some(d.id) == chosen)
        && device.contact_line(lang).is_none()
    {
        ui.label(
            RichText::new(lang.fill(T::EmChosenNoDetails, &[("name", &device.fields.name)]))
                .color(palette(ui).warn),
        );
    }
    if active.is_empty() && registered.is_empty() {
        muted(ui, lang.t(T::EmNoContacts));
        return;
    }
    // One wrapped row each, not a grid: a grid cell never wraps, and a long note ("报终端号和
    // 商户号") at 200 % pushed the page past the window's right edge.
    for c in active {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 16.0;
            contact_row_ui(ui, lang, c);
        });
        ui.add_space(2.0);
    }
    registered_ui(ui, lang, registered, id);
}

/// What the device registry knows to call with, per terminal ([`crate::device::call_lines`]).
fn registered_ui(ui: &mut Ui, lang: Lang, registered: Vec<(String, String)>, id: &str) {
    if registered.is_empty() {
        return;
    }
    muted(ui, lang.t(T::EmFromDevices));
    // The name, then its line wrapped under it: a grid cell never wraps, and the IDs are
    // long (a window at 200 % scrolled sideways for them and pushed the buttons out).
    for (name, line) in registered {
        ui.label(RichText::new(&name).strong());
        ui.indent((id, "device", &name), |ui| {
            ui.add(egui::Label::new(RichText::new(line).size(17.0)).wrap());
        });
        ui.add_space(4.0);
    }
}

/// The other ways to take payment (plan and run pages).
pub(super) fn fallbacks_ui(ui: &mut Ui, lang: Lang, fallbacks: &[String]) {
    if fallbacks.is_empty() {
        return;
    }
    ui.strong(RichText::new(lang.t(T::EmFallbacksHeading)).size(18.0));
    for way in fallbacks {
        ui.label(RichText::new(format!("● {way}")).size(18.0));
    }
}
