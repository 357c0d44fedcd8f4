//! The command line under test: the built `carrel` with a home of its own, so that
//! only the store a test names (or the built-in sample) is seen, and no two tests
//! share a cache, a config or a desk.
#![allow(dead_code, clippy::unwrap_used)] // Each test file uses part of it.

use std::path::{Path, PathBuf};

/// The variables that place carrel's folders, all inside `home`.
pub fn home_env(home: &Path) -> [(&'static str, PathBuf); 4] {
    [
        ("HOME", home.to_path_buf()),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ]
}

/// `carrel` at home in `home`, with no `$CARREL_STORE` from the caller's shell.
pub fn carrel(home: impl AsRef<Path>) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("carrel").unwrap();
    cmd.envs(home_env(home.as_ref())).env_remove("CARREL_STORE");
    cmd
}

/// The same as a plain process, for tests that spawn and signal it.
pub fn carrel_process(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_carrel"));
    cmd.envs(home_env(home)).env_remove("CARREL_STORE");
    cmd
}
