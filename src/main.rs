use std::process::ExitCode;

/// mimalloc: the pipeline allocates many small strings and vectors; this
/// allocator makes big diagrams about a fifth faster than the system one.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cloudgram::cli::run()
}
