use std::process::ExitCode;

fn main() -> ExitCode {
    carrel::cli::main()
}
