//! Fonts, text sizes, spacing and colours: everything about how the window looks, in one place.

use std::sync::Arc;

use egui::{
    Color32, FontData, FontFamily, FontId, FontInsert, FontPriority, InsertFontFamily, TextStyle,
};
use skrifa::MetadataProvider as _;

/// The bundled Simplified Chinese sans font (a subset of Noto Sans CJK SC, OFL; see
/// `assets/fonts/OFL.txt`): used by the tests, and by the app when the computer has no Chinese font.
pub static BUNDLED_CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/PosCareSansSC-Regular.otf");

/// The bundled font's name in egui.
pub const BUNDLED_CJK_NAME: &str = "PosCare Sans SC";

/// Whether the bundled font has a glyph for `c`.
pub fn bundled_font_has(c: char) -> bool {
    skrifa::FontRef::new(BUNDLED_CJK_FONT).is_ok_and(|font| font.charmap().map(c).is_some())
}

/// The app's fonts: the system's own fonts for characters egui's default fonts lack, asked with the
/// locale pinned to Simplified Chinese (so Han text never takes Japanese forms), and the bundled
/// font after them as the last resort.
pub fn install_app_fonts(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(
        egui_system_font_provider::SystemFontProvider::new().with_locale(Some("zh-Hans")),
    ));
    ctx.add_font_provider(Arc::new(|request: &egui::FallbackRequest<'_>| {
        let c = request.cluster.chars().next()?;
        bundled_font_has(c).then(|| {
            FontInsert::new(
                BUNDLED_CJK_NAME,
                FontData::from_static(BUNDLED_CJK_FONT),
                vec![],
            )
        })
    }));
}

/// The fonts for tests: egui's defaults plus the bundled font, no system fonts at all.
pub fn install_test_fonts(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        BUNDLED_CJK_NAME,
        FontData::from_static(BUNDLED_CJK_FONT),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

/// Larger text and targets than egui's defaults: the app is used standing at a counter.
pub fn apply_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::proportional(24.0)),
            (TextStyle::Body, FontId::proportional(16.0)),
            (TextStyle::Monospace, FontId::monospace(15.0)),
            (TextStyle::Button, FontId::proportional(16.0)),
            (TextStyle::Small, FontId::proportional(13.0)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
        style.spacing.interact_size.y = 30.0;
        style.spacing.text_edit_width = 320.0;
        if !style.visuals.dark_mode {
            // egui's light look draws check boxes and idle buttons with no edge, nearly white on
            // white: give them a grey one so an unticked step is plain to see.
            let edge = egui::Stroke::new(1.0, Color32::from_gray(120));
            style.visuals.widgets.inactive.bg_stroke = edge;
            style.visuals.widgets.inactive.bg_fill = Color32::from_gray(236);
        }
    });
}

/// Colours for meaning; always shown with a word or symbol too, never colour alone.
pub struct Palette {
    /// Errors and overdue.
    pub danger: Color32,
    /// Warnings and due today.
    pub warn: Color32,
    /// Done and healthy.
    pub ok: Color32,
    /// Secondary text.
    pub muted: Color32,
}

/// The palette for the current light or dark look, with enough contrast on its background.
pub fn palette(ui: &egui::Ui) -> Palette {
    if ui.visuals().dark_mode {
        Palette {
            danger: Color32::from_rgb(255, 120, 110),
            warn: Color32::from_rgb(255, 196, 80),
            ok: Color32::from_rgb(110, 220, 130),
            muted: Color32::from_gray(175),
        }
    } else {
        Palette {
            danger: Color32::from_rgb(180, 20, 20),
            warn: Color32::from_rgb(150, 90, 0),
            ok: Color32::from_rgb(20, 120, 40),
            muted: Color32::from_gray(85),
        }
    }
}
