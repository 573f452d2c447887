//! What other processes ask of the open window through `ui::instance`, besides "show": to close
//! (the installer before it replaces the program, `poscare close`) and to write a copy of the
//! data for a reading command (`poscare today` while the window is open). Both wait while a
//! background job (a backup, a restore) holds the data.

use super::App;

impl App {
    /// Serves the requests waiting for the window (called every frame; eframe runs frames for a
    /// minimised or hidden window too when it is woken).
    pub(super) fn serve_requests(&mut self, ctx: &egui::Context) {
        let requests = std::sync::Arc::clone(&self.options.show);
        if self.job.is_some() {
            // Served once the job is done (a running job repaints until then).
            return;
        }
        for copy in requests.take_copies() {
            let result = match &self.store {
                Some(store) => store
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .copy_for_reading(&copy.target),
                None => {
                    copy.no_data();
                    continue;
                }
            };
            eprintln!(
                "poscare: a command asked for a copy of the data: {}",
                match &result {
                    Ok(()) => "written".to_owned(),
                    Err(why) => why.clone(),
                }
            );
            copy.answer(result);
        }
        if requests.close_asked() {
            eprintln!("poscare: asked to close (installer or `poscare close`); closing");
            // Closing for real: never hidden to the notification area instead.
            self.quitting = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}
