//! A list beside its side pane (the item opened from it, a form), or, on a narrow window (a
//! small till, the zoom turned up), one of the two at a time: the side pane in front when
//! something is open there, with a "back to the list" button above it.

use egui::Ui;

use crate::i18n::{Lang, T};

/// Below this width (points) the list and its side pane take turns.
pub const SIDE_BY_SIDE_FROM: f32 = 720.0;

/// The narrowest a screen laid out with [`list_and_side`] is drawn (points).
pub const NARROWEST: f32 = 300.0;

/// Which of the two to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The side pane.
    Side,
    /// The list.
    List,
}

/// The side pane's size: as first shown, and the least it may be dragged to.
#[derive(Clone, Copy, Debug)]
pub struct SideSize {
    /// Width when first shown (points).
    pub default: f32,
    /// Least width (points).
    pub min: f32,
}

/// Draws both panes side by side (the side pane a resizable right panel called `id`), or on a
/// narrow window the side pane alone when `side_in_front`, else the list alone. Returns true
/// when "back to the list" was clicked: the screen then puts its list in front again.
pub fn list_and_side(
    ui: &mut Ui,
    lang: Lang,
    id: &'static str,
    size: SideSize,
    side_in_front: bool,
    draw: impl FnMut(&mut Ui, Pane),
) -> bool {
    let layout = Layout {
        id,
        size,
        side_by_side_from: SIDE_BY_SIDE_FROM,
        list_keeps: 0.0,
        side_when_empty: true,
    };
    list_and_side_as(ui, lang, layout, side_in_front, draw)
}

/// How a list and its side pane share the width, for a list that needs more room than most
/// (a table of many columns).
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// The side pane's panel id.
    pub id: &'static str,
    /// The side pane's size.
    pub size: SideSize,
    /// Below this width (points) the two take turns.
    pub side_by_side_from: f32,
    /// The width the list always keeps beside the side pane (points): the side pane never
    /// grows into it, however wide its contents or however far it is dragged.
    pub list_keeps: f32,
    /// Whether the side pane is drawn with nothing open in it (a screen whose side pane is only
    /// an opened item gives its width to the list until one is opened).
    pub side_when_empty: bool,
}

/// [`list_and_side`] with a layout of its own.
pub fn list_and_side_as(
    ui: &mut Ui,
    lang: Lang,
    layout: Layout,
    side_in_front: bool,
    mut draw: impl FnMut(&mut Ui, Pane),
) -> bool {
    let available = ui.available_width();
    if available >= layout.side_by_side_from && !layout.side_when_empty && !side_in_front {
        draw(ui, Pane::List);
        false
    } else if available >= layout.side_by_side_from {
        let size = layout.size;
        egui::Panel::right(layout.id)
            .resizable(true)
            .default_size(size.default)
            .min_size(size.min)
            .max_size((available - layout.list_keeps).max(size.min))
            .show(ui, |ui| draw(ui, Pane::Side));
        draw(ui, Pane::List);
        false
    } else if side_in_front {
        let back = ui.button(format!("← {}", lang.t(T::BackToList))).clicked();
        ui.separator();
        draw(ui, Pane::Side);
        back
    } else {
        draw(ui, Pane::List);
        false
    }
}
