//! Which store carrel opens: `--store PATH`, else `$CARREL_STORE`, else the user's
//! store in the platform data directory, else the sample built into the binary.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use std::sync::mpsc::{self, Receiver};

use super::cache::{Begun, Expected, Opening, open_in_background};
use super::{Loaded, StoreError, load_path, load_path_cached, sample};

/// The environment variable naming a store.
pub const STORE_ENV: &str = "CARREL_STORE";

/// The platform directories carrel uses (XDG on Linux).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    pub data: PathBuf,
    pub config: PathBuf,
    pub cache: PathBuf,
}

impl AppDirs {
    /// The user's directories, when the platform has a home directory.
    pub fn discover() -> Option<Self> {
        let dirs = directories::ProjectDirs::from("", "", "carrel")?;
        Some(AppDirs {
            data: dirs.data_dir().to_path_buf(),
            config: dirs.config_dir().to_path_buf(),
            cache: dirs.cache_dir().to_path_buf(),
        })
    }

    /// Where the user's own store lives: `<data>/store` (a folder or `store.json`).
    pub fn user_store(&self) -> Option<PathBuf> {
        let folder = self.data.join("store");
        let file = self.data.join("store.json");
        [folder, file].into_iter().find(|p| p.exists())
    }
}

/// Why this store was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOrigin {
    Flag,
    Env,
    /// The `store` setting of config.toml.
    Config,
    DataDir,
    Builtin,
}

impl fmt::Display for StoreOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Flag => "from --store",
            Self::Env => "from $CARREL_STORE",
            Self::Config => "from config.toml",
            Self::DataDir => "the user's store in the data directory",
            Self::Builtin => "the sample built into carrel",
        })
    }
}

/// The store to open and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreChoice {
    /// `None` for the built-in sample.
    pub path: Option<PathBuf>,
    pub origin: StoreOrigin,
}

/// Decides which store to open. The environment is passed in so tests need not set it.
pub fn choose(flag: Option<&Path>, env: Option<OsString>, dirs: Option<&AppDirs>) -> StoreChoice {
    if let Some(path) = flag {
        return StoreChoice {
            path: Some(path.to_path_buf()),
            origin: StoreOrigin::Flag,
        };
    }
    if let Some(path) = env.filter(|v| !v.is_empty()) {
        return StoreChoice {
            path: Some(PathBuf::from(path)),
            origin: StoreOrigin::Env,
        };
    }
    if let Some(path) = dirs.and_then(AppDirs::user_store) {
        return StoreChoice {
            path: Some(path),
            origin: StoreOrigin::DataDir,
        };
    }
    StoreChoice {
        path: None,
        origin: StoreOrigin::Builtin,
    }
}

impl StoreChoice {
    /// Loads the chosen store.
    pub fn open(&self) -> Result<Loaded, StoreError> {
        match &self.path {
            Some(path) => load_path(path),
            None => Ok(sample::load_builtin()),
        }
    }

    /// Loads the chosen store through the metadata cache in `cache_dir` (see
    /// [`load_path_cached`]): texts' bodies stay on disk. The built-in sample has no
    /// files to cache and is held whole in memory.
    pub fn open_cached(&self, cache_dir: Option<&Path>) -> Result<Loaded, StoreError> {
        match &self.path {
            Some(path) => load_path_cached(path, cache_dir),
            None => Ok(sample::load_builtin()),
        }
    }

    /// Opens the chosen store on a thread of its own (see [`open_in_background`]).
    /// The built-in sample is small and already in memory: its messages are all
    /// queued at once.
    pub fn open_in_background(&self, cache_dir: Option<&Path>) -> Receiver<Opening> {
        if let Some(path) = &self.path {
            return open_in_background(path, cache_dir);
        }
        let (tx, rx) = mpsc::channel();
        let Loaded {
            store, problems, ..
        } = sample::load_builtin();
        let begun = Begun {
            records: Expected::Exactly(store.records.len()),
            archive: store.archive,
            collections: store.collections,
            problems,
            from_cache: false,
            sidecar: None,
        };
        // The receiver is in hand, so these sends cannot fail.
        let _ = tx.send(Opening::Begun(begun));
        let _ = tx.send(Opening::Records(store.records));
        let _ = tx.send(Opening::Done);
        rx
    }

    /// "/path/to/store" or "built-in sample".
    pub fn describe(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => "built-in sample".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_data_dir_beats_builtin() {
        let tmp = std::env::temp_dir().join(format!("carrel-locate-{}", std::process::id()));
        let dirs = AppDirs {
            data: tmp.join("data"),
            config: tmp.join("config"),
            cache: tmp.join("cache"),
        };
        std::fs::create_dir_all(dirs.data.join("store")).unwrap();
        let env = Some(OsString::from("/env/store"));
        let flag = Path::new("/flag/store");
        assert_eq!(
            choose(Some(flag), env.clone(), Some(&dirs)).origin,
            StoreOrigin::Flag
        );
        assert_eq!(
            choose(None, env, Some(&dirs)).path,
            Some(PathBuf::from("/env/store"))
        );
        assert_eq!(
            choose(None, Some(OsString::new()), Some(&dirs)).origin,
            StoreOrigin::DataDir
        );
        std::fs::remove_dir_all(&tmp).unwrap();
        assert_eq!(choose(None, None, Some(&dirs)).origin, StoreOrigin::Builtin);
    }
}
