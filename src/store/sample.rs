//! The sample store built into the binary: the store carrel opens when the user has
//! none, so that a first run shows real documents rather than an empty room.
//!
//! The files live in `assets/sample/` and are embedded whole; `tests/sample.rs`
//! checks that none is forgotten and that they load without a single problem.

use super::{Loaded, StoreError};

/// Every file of `assets/sample/`, as (path relative to the store, contents).
pub const SAMPLE_FILES: &[(&str, &str)] = &[
    (
        "archive.json",
        include_str!("../../assets/sample/archive.json"),
    ),
    (
        "collections.json",
        include_str!("../../assets/sample/collections.json"),
    ),
    (
        "records/1935-03-19-politburo-decision-on-xinjiang.json",
        include_str!("../../assets/sample/records/1935-03-19-politburo-decision-on-xinjiang.json"),
    ),
    (
        "records/1935-09-29-politburo-decisions-on-xinjiang.json",
        include_str!("../../assets/sample/records/1935-09-29-politburo-decisions-on-xinjiang.json"),
    ),
    (
        "records/1935-10-03-relations-with-36th-division.json",
        include_str!("../../assets/sample/records/1935-10-03-relations-with-36th-division.json"),
    ),
    (
        "records/1936-03-29-maintenance-of-peoples-from-xinjiang.json",
        include_str!(
            "../../assets/sample/records/1936-03-29-maintenance-of-peoples-from-xinjiang.json"
        ),
    ),
    (
        "records/1937-09-22-civil-air-fleet-to-xinjiang.json",
        include_str!("../../assets/sample/records/1937-09-22-civil-air-fleet-to-xinjiang.json"),
    ),
    (
        "records/1940-03-14-cipher-unit-consulate-urumqi.json",
        include_str!("../../assets/sample/records/1940-03-14-cipher-unit-consulate-urumqi.json"),
    ),
    (
        "records/1941-04-19-politburo-minutes-on-xinjiang.json",
        include_str!("../../assets/sample/records/1941-04-19-politburo-minutes-on-xinjiang.json"),
    ),
    (
        "records/1943-06-10-spiritual-directorate-of-muslims.json",
        include_str!(
            "../../assets/sample/records/1943-06-10-spiritual-directorate-of-muslims.json"
        ),
    ),
    (
        "records/1945-09-05-beria-to-stalin-molotov-malenkov.json",
        include_str!(
            "../../assets/sample/records/1945-09-05-beria-to-stalin-molotov-malenkov.json"
        ),
    ),
    (
        "records/1945-10-05-beria-to-molotov.json",
        include_str!("../../assets/sample/records/1945-10-05-beria-to-molotov.json"),
    ),
    (
        "records/1945-11-03-yegnarov-and-langvang-to-beria.json",
        include_str!("../../assets/sample/records/1945-11-03-yegnarov-and-langvang-to-beria.json"),
    ),
];

/// Loads the embedded sample store.
///
/// The sample is tested to load cleanly, so failure here would be a build defect;
/// an empty store is still better than a crash on the user's first run.
pub fn load_builtin() -> Loaded {
    load_sample_files().unwrap_or_default()
}

fn load_sample_files() -> Result<Loaded, StoreError> {
    super::load::load_files(SAMPLE_FILES)
}
