#![no_main]
// The property checked is in carrel::fuzzing::edtf, which tests/fuzz_replay.rs also runs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| carrel::fuzzing::edtf(data));
