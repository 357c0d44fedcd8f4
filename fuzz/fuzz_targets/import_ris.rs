#![no_main]
// The property checked is in carrel::fuzzing::import_ris, which tests/fuzz_replay.rs also runs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| carrel::fuzzing::import_ris(data));
