//! A store folder the reader may not read is refused with the reason, not opened as a
//! store of nothing. Permissions do not bind root, so carrel runs here as `nobody`
//! (through util-linux's `setpriv`) when the tests run as root; as any other user
//! it runs as that user.

#![allow(clippy::unwrap_used)]

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

/// carrel as an unprivileged user, with a home of its own.
fn carrel_unprivileged(home: &std::path::Path) -> Command {
    let root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_carrel"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_carrel"))
    };
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("CARREL_STORE");
    command
}

#[test]
fn a_folder_without_read_permission_is_refused_with_the_reason() {
    let home = tempfile::tempdir().unwrap();
    // Everyone may enter the home (so `nobody` can use it), but not the store.
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let store = home.path().join("store");
    std::fs::create_dir_all(store.join("records")).unwrap();
    std::fs::write(
        store.join("archive.json"),
        r#"{"schema_version": 1, "id": "x", "title": "X"}"#,
    )
    .unwrap();
    std::fs::write(
        store.join("records/a.jsonl"),
        r#"{"id": "a", "title": "A"}"#.to_string() + "\n",
    )
    .unwrap();
    for (folder, mode) in [(store.clone(), 0o000), (store.join("records"), 0o000)] {
        std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(
            store.join("records"),
            std::fs::Permissions::from_mode(0o755),
        )
        .unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(mode)).unwrap();
        for command in ["list", "check"] {
            let out = carrel_unprivileged(home.path())
                .args([command, "--store", store.to_str().unwrap()])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{command} {}: {stderr}",
                folder.display()
            );
            assert!(
                stderr.contains("Permission denied") && stderr.contains(folder.to_str().unwrap()),
                "{command} {}: {stderr}",
                folder.display()
            );
        }
    }
    // Let the temporary folder be removed.
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        store.join("records"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
}
