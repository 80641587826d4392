//! `cloudgram import`: turn what already exists elsewhere (Terraform) into
//! a design, written to standard output or, in one rename, to `-o FILE`.

use super::io::{WriteError, reason, say};
use super::{EXIT_INVALID, EXIT_OK};
use crate::import::terraform;
use std::path::Path;

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  cloudgram import terraform infra/ -o design.cgr && cloudgram check design.cgr"
)]
pub struct Args {
    /// Where the design comes from.
    #[command(subcommand)]
    pub from: From,
}

/// The formats `import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum From {
    /// Import a Terraform configuration (AWS): a directory of `.tf` files,
    /// or the JSON of `terraform show -json` (a plan or a state).
    ///
    /// The VPC, its zones and subnets become containers; load balancers,
    /// instances, auto scaling groups, ECS, EKS, Lambda, RDS, Aurora,
    /// ElastiCache, DynamoDB, S3, SQS, SNS, API Gateway, CloudFront,
    /// Route 53, WAF, VPN and Direct Connect become components; listeners
    /// and target groups, security-group rules (0.0.0.0/0 as the internet),
    /// integrations and event sources become edges with protocol and port.
    /// Each element carries a comment naming its resource address;
    /// resources with no element are listed at the end, and values known
    /// only after apply are marked, never guessed. Local modules are
    /// followed; variables take their defaults and terraform.tfvars.
    ///
    /// The output is a formatted design, written to standard output or to
    /// `-o FILE` in one rename (never over the input). A file that is not
    /// HCL or not Terraform JSON, a missing directory or an unreadable
    /// module exits with status 2 and writes nothing.
    #[command(
        after_help = "Examples:\n  cloudgram import terraform infra/ -o shop.cgr      # a directory of .tf files\n  terraform show -json plan.out > plan.json\n  cloudgram import terraform plan.json > shop.cgr    # a plan or a state\n  cloudgram check shop.cgr && cloudgram render shop.cgr -f png"
    )]
    Terraform {
        /// A directory of `.tf` files (or one `.tf` file), or a JSON file
        /// written by `terraform show -json`.
        #[arg(value_name = "PATH")]
        path: String,
        /// Write the design here instead of standard output (`-` is
        /// standard output).
        #[arg(short, long, value_name = "OUT")]
        output: Option<String>,
    },
}

/// Runs `import`; returns the exit status (0, or 2 when nothing could be written).
pub fn run(args: &Args) -> u8 {
    match &args.from {
        From::Terraform { path, output } => {
            let text = match terraform::import(Path::new(path)) {
                Ok(text) => text,
                Err(e) => {
                    say!("{e}");
                    return EXIT_INVALID;
                }
            };
            match output.as_deref() {
                None | Some("-") => {
                    super::io::stdout(text.as_bytes());
                    EXIT_OK
                }
                Some(out) => {
                    match super::io::write_file(
                        Path::new(out),
                        text.as_bytes(),
                        Some(Path::new(path)),
                    ) {
                        Ok(()) => {
                            say!("{}", crate::msg!("cli-wrote", target = out));
                            EXIT_OK
                        }
                        Err(WriteError::IsInput) => {
                            say!("error: {}", crate::msg!("import-is-input", target = out));
                            EXIT_INVALID
                        }
                        Err(WriteError::Io(e)) => {
                            say!(
                                "error: {}",
                                crate::msg!(
                                    "import-cannot-write",
                                    target = out,
                                    reason = reason(&e)
                                )
                            );
                            EXIT_INVALID
                        }
                    }
                }
            }
        }
    }
}
