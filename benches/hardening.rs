//! The hot spots of issue 11, each on an input of the size that used to
//! take seconds to minutes: did-you-mean for 20 000 unknown IDs, human
//! diagnostics on one long line, lint on a 50 000-server fan-out, and
//! `check` of the 50 000-leaf synthetic design (with and without writing
//! its findings as the human report). Targets: each well under
//! a second (the last under 3 s); see the README. And the refusals of
//! inputs past the limits, timed as whole runs of the binary (`check` and
//! `render`): a file past the size limit, 100 001 declarations, a 5 MiB
//! label. Target: each under 0.1 s.

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;

/// 20 000 declarations and 20 000 edges to IDs one typo away.
fn typos(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        writeln!(s, "ec2 service_{i}").unwrap();
    }
    for i in 0..n {
        writeln!(s, "service_{i} -> servce_{i}").unwrap();
    }
    s
}

/// One line of about 190 KB with 12 000 unknown IDs on it.
fn long_line() -> String {
    let mut s = String::from("ec2 a;");
    for i in 0..12_000 {
        write!(s, "a -> x{i} : \"주문\";").unwrap();
    }
    s
}

/// A client, a load balancer and 50 000 single-instance servers behind it.
fn star(n: usize) -> String {
    let mut s = String::from("client u\nalb lb\nu -> lb\n");
    for i in 0..n {
        writeln!(s, "ec2 s{i}").unwrap();
    }
    for i in 0..n {
        writeln!(s, "lb -> s{i}").unwrap();
    }
    s
}

/// Writes the inputs past the limits into a fresh folder; returns it.
fn past_the_limits() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-bench-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = std::fs::File::create(dir.join("big.cgr")).unwrap();
    big.set_len((16 << 20) + (1 << 20)).unwrap();
    let mut elements = String::new();
    for i in 0..=100_000 {
        writeln!(elements, "ec2 a{i}").unwrap();
    }
    std::fs::write(dir.join("elements.cgr"), elements).unwrap();
    let label = format!("ec2 a \"{}\"\n", "x".repeat(5 << 20));
    std::fs::write(dir.join("label.cgr"), label).unwrap();
    dir
}

/// Runs the binary on an input that it must refuse (exit status 2).
fn refuse(dir: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_cloudgram"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2), "{args:?}");
}

fn refusals(c: &mut Criterion) {
    let mut group = c.benchmark_group("refused");
    group.sample_size(20);
    let dir = past_the_limits();
    for name in ["big", "elements", "label"] {
        let file = format!("{name}.cgr");
        group.bench_function(format!("check_{name}"), |b| {
            b.iter(|| refuse(&dir, &["check", &file]))
        });
        group.bench_function(format!("render_{name}"), |b| {
            b.iter(|| refuse(&dir, &["render", &file, "-o", "out.svg"]))
        });
    }
    group.finish();
    std::fs::remove_dir_all(&dir).unwrap();
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("hardening");
    group.sample_size(10);
    let src = typos(20_000);
    group.bench_function("did_you_mean_20000", |b| {
        b.iter(|| cloudgram::compile::compile_str("t.cgr", black_box(&src)))
    });
    let file = cloudgram::source::SourceFile::new("l.cgr", long_line());
    let diagnostics = cloudgram::compile::compile(&file).diagnostics;
    group.bench_function("human_diagnostics_long_line", |b| {
        b.iter(|| cloudgram::diagnostic::human::render_all(&file, black_box(&diagnostics)))
    });
    let arch = cloudgram::compile::compile_str("s.cgr", &star(50_000))
        .arch
        .expect("compiles");
    group.bench_function("lint_star_50000", |b| {
        b.iter(|| {
            let graph = cloudgram::graph::ArchGraph::new(&arch);
            cloudgram::lint::run(black_box(&arch), &graph)
        })
    });
    let big = cloudgram::generate::synthetic(50_000, 7, cloudgram::generate::Format::Cgr);
    let file = cloudgram::source::SourceFile::new("g.cgr", big);
    group.bench_function("check_generate_50000", |b| {
        b.iter(|| cloudgram::compile::check(black_box(&file)))
    });
    // What `cloudgram check` does on it: the findings (some 150 000) also
    // written out for people, as the human report does.
    group.bench_function("check_report_generate_50000", |b| {
        b.iter(|| {
            let c = cloudgram::compile::check(black_box(&file));
            cloudgram::diagnostic::human::render_all(&file, &c.diagnostics)
        })
    });
    group.finish();
}

criterion_group!(benches, refusals, bench);
criterion_main!(benches);
