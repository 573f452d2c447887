//! Windows builds: the app icon and version information go into poscare.exe (and into
//! poscare.com, the console launcher).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/poscare.ico");
    // The target's OS, not the OS this script runs on: cross-builds from Linux get them too.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon/poscare.ico")
        // The app's one name (i18n's T::AppName, the installer's APPNAME) and the publisher the
        // installer writes into Apps & features (LICENSE's copyright holder).
        .set("ProductName", "POS Care 维护助手")
        .set("FileDescription", "POS Care 维护助手")
        .set("CompanyName", "The POS Care authors")
        .set("InternalName", "poscare")
        .set("OriginalFilename", "poscare.exe")
        .set(
            "LegalCopyright",
            "Copyright (c) 2026 The POS Care authors. MIT License",
        );
    if let Err(e) = resource.compile() {
        panic!(
            "the Windows resources (icon, version) could not be compiled: {e}; \
             cross-building needs mingw's windres (Debian: gcc-mingw-w64-x86-64)"
        );
    }
}
