//! Paths into a JSON value: following serde's error paths to the value to remove.

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Key(String),
    Index(usize),
}

/// serde_path_to_error's path as far as it can be followed in a `Value`.
pub(super) fn segments(path: &serde_path_to_error::Path) -> Vec<Seg> {
    let mut out = Vec::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push(Seg::Index(*index)),
            Segment::Map { key } => out.push(Seg::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => break,
        }
    }
    out
}

/// `people[2].alt`, as the problem's field.
pub(super) fn display(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Seg::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

fn get<'v>(value: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(value, |node, seg| match seg {
        Seg::Key(key) => node.get(key),
        Seg::Index(index) => node.get(index),
    })
}

pub(super) fn remove(value: &mut Value, path: &[Seg]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    let mut node = value;
    for seg in parent {
        let next = match seg {
            Seg::Key(key) => node.get_mut(key),
            Seg::Index(index) => node.get_mut(index),
        };
        match next {
            Some(next) => node = next,
            None => return false,
        }
    }
    match (last, node) {
        (Seg::Key(key), Value::Object(map)) => map.remove(key).is_some(),
        (Seg::Index(index), Value::Array(items)) if *index < items.len() => {
            items.remove(*index);
            true
        }
        _ => false,
    }
}

/// Narrows an error reported on an object to the member that causes it. serde's
/// internally tagged enums (the locator) report errors on the whole object; trying
/// each member's removal finds `provenance.locator.fond` instead.
pub(super) fn culprit<T: DeserializeOwned>(value: &Value, path: Vec<Seg>) -> Vec<Seg> {
    let Some(Value::Object(map)) = get(value, &path) else {
        return path;
    };
    for key in map.keys() {
        let mut candidate = path.clone();
        candidate.push(Seg::Key(key.clone()));
        let mut trial = value.clone();
        remove(&mut trial, &candidate);
        let still_here = match serde_path_to_error::deserialize::<_, T>(&trial) {
            Ok(_) => false,
            Err(error) => segments(error.path()) == path,
        };
        if !still_here {
            return candidate;
        }
    }
    path
}
