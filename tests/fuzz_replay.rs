//! Replays every committed fuzz input (the seed and minimised corpora in
//! `fuzz/corpus/TARGET/`, and each crash once found, in `fuzz/regressions/TARGET/`)
//! through the functions the fuzz targets run. On the stable toolchain, in seconds: a
//! crash found once stays a regression test.

use std::path::Path;

use carrel::fuzzing::TARGETS;

fn inputs(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_corpus_and_regression_input_passes_its_target() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for (name, target) in TARGETS {
        let seeds = inputs(&fuzz.join("corpus").join(name));
        assert!(
            seeds.iter().any(|p| p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))),
            "{name}: no seed corpus committed"
        );
        let regressions = inputs(&fuzz.join("regressions").join(name));
        for input in seeds.iter().chain(&regressions) {
            let data = std::fs::read(input).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name} fails on {}", input.display());
        }
    }
}

#[test]
fn every_target_has_a_fuzz_binary() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    for (name, _) in TARGETS {
        assert!(
            fuzz.join("fuzz_targets")
                .join(format!("{name}.rs"))
                .is_file()
                && manifest.contains(&format!("name = \"{name}\"")),
            "{name}: no fuzz target"
        );
    }
}

/// The sample store's records, encoded as the cache encodes them, decode whole; the
/// same bytes cut short or with one byte changed never panic.
#[test]
fn the_cache_decoder_takes_real_chunks_and_damaged_ones() {
    let store = carrel::store::sample::load_builtin().store;
    let records = store.records.clone();
    let bytes = carrel::store::cache::encode_chunk(&records);
    assert_eq!(
        carrel::store::cache::decode_chunk_unchecked(&bytes, records.len()).map(|r| r.len()),
        Some(records.len())
    );
    for cut in (0..bytes.len()).step_by(7) {
        let _ = carrel::store::cache::decode_chunk_unchecked(&bytes[..cut], records.len());
        let mut changed = bytes.clone();
        changed[cut] ^= 0xA5;
        let _ = carrel::store::cache::decode_chunk_unchecked(&changed, records.len());
    }
}

/// Writes the cache decoder's seeds (encoded sample records) into its corpus:
/// `cargo test --test fuzz_replay -- --ignored`.
#[test]
#[ignore]
fn write_cache_decode_seeds() {
    let store = carrel::store::sample::load_builtin().store;
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/cache_decode");
    std::fs::create_dir_all(&folder).unwrap();
    for (n, chunk) in store.records.chunks(3).enumerate() {
        let mut data = vec![u8::try_from(chunk.len()).unwrap()];
        data.extend(carrel::store::cache::encode_chunk(chunk));
        std::fs::write(folder.join(format!("seed-{n:02}")), data).unwrap();
    }
}
