//! Throughput of the full parse (decode through checks, building the model)
//! beside a plain pass that only splits lines and tab cells, on the same
//! bytes in the same run, so the ratio of the two means something on a
//! noisy machine. Nothing here asserts a time.
//!
//! `cargo bench --bench parse`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn load(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if !p.ends_with("regress") {
                load(&p, out);
            }
        } else if !p.to_string_lossy().ends_with(".json") {
            out.push(std::fs::read(&p).unwrap());
        }
    }
}

/// The lower bound: split into lines and tab cells, touching every cell.
fn split_pass(docs: &[Vec<u8>]) -> usize {
    let mut cells = 0usize;
    for d in docs {
        let text = std::str::from_utf8(d).unwrap_or("");
        for line in text.split('\n') {
            for cell in line.split('\t') {
                cells += cell.len() & 1;
            }
        }
    }
    cells
}

fn full_parse(docs: &[Vec<u8>]) -> usize {
    let mut n = 0usize;
    for d in docs {
        if let Ok(p) = xxgk::parse_bytes(d) {
            n += p.diagnostics.len() + p.report.sections.len();
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let seed = vec![std::fs::read(root.join("huanglong-zhongyuanlu-2020.txt")).unwrap()];
    let mut fixtures = Vec::new();
    load(&root, &mut fixtures);
    for (name, docs) in [("seed", &seed), ("fixtures", &fixtures)] {
        let bytes: usize = docs.iter().map(Vec::len).sum();
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::new("split_lines_and_tabs", docs.len()), docs, |b, d| {
            b.iter(|| split_pass(black_box(d)))
        });
        g.bench_with_input(BenchmarkId::new("full_parse", docs.len()), docs, |b, d| {
            b.iter(|| full_parse(black_box(d)))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
