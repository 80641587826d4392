//! `simulate` and `fail --each element` in process (compile, graph, load
//! model, analysis) on the synthetic architecture of `cloudgram generate`
//! with its entry point given a million users. The target: both
//! under a second at 5 000 components; the README quotes these figures.

use cloudgram::generate::{Format, synthetic};
use cloudgram::graph::ArchGraph;
use cloudgram::graph::fail::Analysis;
use cloudgram::graph::simulate::{Demand, Model, simulate};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The generated design, its users stating a load.
fn design(leaves: usize) -> String {
    let src = synthetic(leaves, 7, Format::Cgr);
    assert!(
        src.contains("\nclient users\n"),
        "the generator's entry point"
    );
    src.replacen("\nclient users\n", "\nclient users [users: 1M]\n", 1)
}

fn compile(src: &str) -> cloudgram::model::Architecture {
    cloudgram::compile::compile_str("bench.cgr", src)
        .arch
        .expect("the generator writes valid designs")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    for leaves in [1000, 5000] {
        let src = design(leaves);
        group.bench_with_input(BenchmarkId::from_parameter(leaves), &src, |b, src| {
            b.iter(|| {
                let arch = compile(black_box(src));
                let graph = ArchGraph::new(&arch);
                let model = Model::new(&arch, &graph);
                simulate(&model, Demand::Users(2e6), 0.7).components.len()
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("fail_each_element");
    group.sample_size(10);
    for leaves in [1000, 5000] {
        let src = design(leaves);
        group.bench_with_input(BenchmarkId::from_parameter(leaves), &src, |b, src| {
            b.iter(|| {
                let arch = compile(black_box(src));
                let graph = ArchGraph::new(&arch);
                let model = Model::new(&arch, &graph);
                Analysis::new(&model, Demand::AsWritten)
                    .each_element()
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
