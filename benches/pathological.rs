//! Pathological inputs at full size (issues 4 and 6), beside ordinary reports, in
//! MB/s: the parser must stay linear on all of them. Nothing is asserted;
//! `cargo bench --bench pathological`.

#[path = "../tests/common/pathological.rs"]
#[allow(dead_code)]
mod pathological;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("pathological");
    g.sample_size(10);
    let ordinary = pathological::SEED.to_string();
    let mut inputs = vec![("ordinary report (seed)", ordinary)];
    inputs.extend(pathological::full_size());
    for (name, text) in &inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| b.iter(|| xxgk::parse(black_box(t))));
    }
    g.finish();

    let mut g = c.benchmark_group("pathological pages");
    g.sample_size(10);
    let mut pages = vec![("ordinary page", pathological::PAGE.to_string())];
    pages.extend(pathological::html_full_size());
    for (name, page) in &pages {
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), page, |b, p| {
            b.iter(|| xxgk::parse_html(black_box(p.as_bytes())))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
