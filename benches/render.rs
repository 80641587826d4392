//! The whole pipeline (parse, lower, lay out, draw SVG) on the synthetic
//! architecture of `cloudgram generate` at three sizes, and at the largest
//! it makes. The README's
//! performance table (with process start, against Graphviz dot) is made with
//! hyperfine; this benchmark tracks the in-process time.

use cloudgram::generate::{Format, synthetic};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn render(src: &str) -> String {
    let c = cloudgram::compile::compile_str("bench.cgr", src);
    let scene = cloudgram::layout::layout(&c.arch.expect("the generator writes valid designs"));
    cloudgram::render::svg::render(&scene)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    for leaves in [10, 1000, 5000] {
        let src = synthetic(leaves, 7, Format::Cgr);
        group.throughput(Throughput::Elements(leaves as u64));
        group.bench_with_input(BenchmarkId::from_parameter(leaves), &src, |b, src| {
            b.iter(|| render(black_box(src)))
        });
    }
    group.finish();
}

fn layout_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for leaves in [1000, 5000] {
        let src = synthetic(leaves, 7, Format::Cgr);
        let arch = cloudgram::compile::compile_str("bench.cgr", &src)
            .arch
            .unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(leaves), &arch, |b, arch| {
            b.iter(|| cloudgram::layout::layout(black_box(arch)))
        });
    }
    group.finish();
}

/// The largest design `generate` makes (50 000 leaves): the figure issue 11
/// sets a bound on (check and render under 3 s). Ten samples, the fewest
/// criterion takes; each one is a whole render.
fn largest(c: &mut Criterion) {
    let mut group = c.benchmark_group("render-largest");
    group.sample_size(10);
    let leaves = cloudgram::limits::MAX_GENERATE_LEAVES;
    let src = synthetic(leaves, 7, Format::Cgr);
    group.throughput(Throughput::Elements(leaves as u64));
    group.bench_with_input(BenchmarkId::from_parameter(leaves), &src, |b, src| {
        b.iter(|| render(black_box(src)))
    });
    group.finish();
}

/// Every one of `n` clients calls every one of `n` servers in one edge
/// statement, each edge captioned with the same 1 000-character label: a
/// design within the limits whose hubs are as big as they come (n = 20: 400
/// edges, the one-grid engine with its bundling budget; n = 100: 10 000
/// edges, past the one grid's edge limit). Issue 11 bounds any render
/// within the limits by 5 s.
fn dense_hubs(c: &mut Criterion) {
    let mut group = c.benchmark_group("render-dense-hubs");
    group.sample_size(10);
    for n in [20, 100] {
        let mut src = String::new();
        for side in ["a", "b"] {
            for i in 0..n {
                src.push_str(&format!("service {side}{i}\n"));
            }
        }
        let ends = |side: &str| {
            (0..n)
                .map(|i| format!("{side}{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        src.push_str(&format!(
            "{} -> {} : \"{}\"\n",
            ends("a"),
            ends("b"),
            "x".repeat(1000)
        ));
        group.throughput(Throughput::Elements((n * n) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n * n), &src, |b, src| {
            b.iter(|| render(black_box(src)))
        });
    }
    group.finish();
}

/// Two of the examples, whose time goes mostly to the finishing passes
/// (straightening, bundling, lanes: the detour search) rather than to the
/// layer grid.
fn examples(c: &mut Criterion) {
    let mut group = c.benchmark_group("render-examples");
    group.sample_size(10);
    for (name, src) in [
        ("three-tier", include_str!("../examples/three-tier.cgr")),
        (
            "microservices",
            include_str!("../examples/microservices.cgr"),
        ),
    ] {
        group.bench_with_input(BenchmarkId::from_parameter(name), src, |b, src| {
            b.iter(|| render(black_box(src)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, layout_only, largest, dense_hubs, examples);
criterion_main!(benches);
