use std::process::ExitCode;

fn main() -> ExitCode {
    cloudgram::cli::run()
}
