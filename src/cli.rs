//! The command line: arguments, headless subcommands, exit codes. STUB: being written.

use std::process::ExitCode;

pub fn main() -> ExitCode {
    ExitCode::SUCCESS
}
