use clap::Parser;

fn main() -> std::process::ExitCode {
    asynclings::cli::run(asynclings::cli::Cli::parse())
}
