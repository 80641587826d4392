//! `simulate` and `fail --each element` in process (compile, graph, load
//! model, analysis) on the synthetic architecture of `cloudgram generate`
//! with its entry point given 10k users (a load it nearly carries) or a
//! million (every service saturated: the heaviest reports). The issue's
//! target: both under a second at 5 000 components; the README quotes
//! these figures.

use cloudgram::generate::{Format, synthetic};
use cloudgram::graph::ArchGraph;
use cloudgram::graph::fail::Analysis;
use cloudgram::graph::simulate::{Demand, Model, simulate};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The generated design, its users stating a load.
fn design(leaves: usize, users: &str) -> String {
    let src = synthetic(leaves, 7, Format::Cgr);
    assert!(
        src.contains("\nclient users\n"),
        "the generator's entry point"
    );
    src.replacen(
        "\nclient users\n",
        &format!("\nclient users [users: {users}]\n"),
        1,
    )
}

fn compile(src: &str) -> cloudgram::model::Architecture {
    cloudgram::compile::compile_str("bench.cgr", src)
        .arch
        .expect("the generator writes valid designs")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    for (leaves, users) in [(1000, "1M"), (5000, "10k"), (5000, "1M")] {
        let src = design(leaves, users);
        let id = BenchmarkId::new(format!("{leaves}"), users);
        group.bench_with_input(id, &src, |b, src| {
            b.iter(|| {
                let arch = compile(black_box(src));
                let graph = ArchGraph::new(&arch);
                let model = Model::new(&arch, &graph);
                simulate(&model, Demand::AsWritten, 0.7).components.len()
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("fail_each_element");
    group.sample_size(10);
    for (leaves, users) in [(1000, "1M"), (5000, "10k"), (5000, "1M")] {
        let src = design(leaves, users);
        let id = BenchmarkId::new(format!("{leaves}"), users);
        group.bench_with_input(id, &src, |b, src| {
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
