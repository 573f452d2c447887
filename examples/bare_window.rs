//! A bare eframe window, for comparing start-up time and memory with POS Care:
//! `cargo run --release --example bare_window` prints "first frame: N ms" and the memory, then exits.

use std::time::Instant;

struct Bare {
    started: Instant,
    frames: u32,
}

impl eframe::App for Bare {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if self.frames >= 1 {
            eprintln!("first frame: {} ms", self.started.elapsed().as_millis());
            if let Some(memory) = poscare::ui::memory_report() {
                eprintln!("{memory}");
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("bare eframe window");
        });
        if self.frames == 0 {
            ui.ctx().request_repaint();
        }
        self.frames += 1;
    }
}

fn main() -> eframe::Result {
    let started = Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1180.0, 760.0]),
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(move |_cc| Ok(Box::new(Bare { started, frames: 0 }))),
    )
}
