use std::process::ExitCode;

/// The system's allocator, giving the terminal back before a failed allocation aborts.
#[global_allocator]
static ALLOCATOR: carrel::room::GuardedAllocator = carrel::room::GuardedAllocator;

fn main() -> ExitCode {
    carrel::cli::main()
}
