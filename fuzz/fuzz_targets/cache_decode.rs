#![no_main]
// The property checked is in carrel::fuzzing::cache_decode, which tests/fuzz_replay.rs also runs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| carrel::fuzzing::cache_decode(data));
