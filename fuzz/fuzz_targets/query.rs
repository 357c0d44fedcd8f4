#![no_main]
// The property checked is in carrel::fuzzing::query, which tests/fuzz_replay.rs also runs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| carrel::fuzzing::query(data));
