//! Lays out the functions a `carrel grep` runs side by side in the release binary, so
//! starting one touches a few dozen pages of code instead of a hundred scattered over
//! 15 MB: each 64 KB of code first touched is a page fault, a seventh of a grep's time
//! on the project's machine (see assets/docs/build.md). The list is
//! `assets/link/hot-functions.txt`, written by `.ci/hot-functions`; a function not in
//! the binary (renamed, or built by another compiler) is passed over by the linker.
//!
//! Only where the linker is the one that reads such a list: rust-lld, rustc's own
//! linker for x86-64 Linux since Rust 1.90, unless the build names another.

use std::env;
use std::path::Path;
use std::process::Command;

const HOT_FUNCTIONS: &str = "assets/link/hot-functions.txt";

fn main() {
    println!("cargo:rerun-if-changed={HOT_FUNCTIONS}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    // The profile first: asking rustc its version is not worth it for a debug build.
    if env::var("PROFILE").as_deref() != Ok("release") || !linked_by_rust_lld() {
        return;
    }
    let Ok(dir) = env::var("CARGO_MANIFEST_DIR") else {
        return;
    };
    let list = Path::new(&dir).join(HOT_FUNCTIONS);
    if list.is_file() {
        println!(
            "cargo:rustc-link-arg-bin=carrel=-Wl,--symbol-ordering-file={}",
            list.display()
        );
        println!("cargo:rustc-link-arg-bin=carrel=-Wl,--no-warn-symbol-ordering");
    }
}

/// Whether rustc links this build with rust-lld: the target is x86-64 Linux with glibc,
/// rustc is 1.90 or later, and neither a linker nor linker features are set.
fn linked_by_rust_lld() -> bool {
    if env::var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu") {
        return false;
    }
    if env::var_os("RUSTC_LINKER").is_some() {
        return false;
    }
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if flags.contains("linker") || flags.contains("link-self-contained") {
        return false;
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(output) = Command::new(rustc).arg("-vV").output() else {
        return false;
    };
    let version = String::from_utf8_lossy(&output.stdout);
    let release = version
        .lines()
        .find_map(|line| line.strip_prefix("release: "))
        .unwrap_or_default();
    let mut parts = release.split(['.', '-']).map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => major > 1 || (major == 1 && minor >= 90),
        _ => false,
    }
}
