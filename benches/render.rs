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

criterion_group!(benches, bench, layout_only, largest);
criterion_main!(benches);
