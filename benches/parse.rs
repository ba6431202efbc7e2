//! Throughput of the full parse (decode through checks, building the model)
//! beside a plain pass that only splits lines and tab cells, on the same
//! bytes in the same run, so the ratio of the two means something on a
//! noisy machine; then each layer on its own. Nothing here asserts a time.
//!
//! The reports are those under `$XXGK_BENCH_DIR` (for example ~50 MB from
//! `python3 ../shared/tools/genreports.py --seed 9 --bench-size 50 --out
//! target/bench50`), else the fixtures; web pages, the same way, those under
//! `$XXGK_BENCH_HTML_DIR` (`--shapes html`), else the fixtures' pages. The
//! text reports and the pages are each measured in MB/s and in files/s.
//!
//! `cargo bench --bench parse`

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

/// The documents under `dir`: web pages when `html`, else text reports.
fn load(dir: &Path, html: bool, out: &mut Vec<Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        let name = p.to_string_lossy();
        if p.is_dir() {
            if !p.ends_with("regress") {
                load(&p, html, out);
            }
        } else if !name.ends_with(".json") && !name.ends_with(".py") && !name.ends_with(".md") {
            let bytes = std::fs::read(&p).unwrap();
            if xxgk::html::looks_like_html(&bytes) == html {
                out.push(bytes);
            }
        }
    }
}

/// The lower bound: check the bytes are UTF-8, then find every line and
/// every tab cell, both with memchr (the fastest plain way: splitting lines
/// byte by byte runs at about two thirds of its speed).
fn split_pass(docs: &[Vec<u8>]) -> usize {
    let mut cells = 0usize;
    for d in docs {
        let bytes = simdutf8::basic::from_utf8(d).unwrap_or("").as_bytes();
        let mut start = 0usize;
        for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
            let line = bytes.get(start..end).unwrap_or(&[]);
            cells += memchr::memchr_iter(b'\t', line).count() + 1;
            start = end + 1;
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
    let dir = std::env::var_os("XXGK_BENCH_DIR").map_or(root.clone(), Into::into);
    let seed = vec![std::fs::read(root.join("huanglong-zhongyuanlu-2020.txt")).unwrap()];
    let mut docs = Vec::new();
    load(&dir, false, &mut docs);
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let html_dir = std::env::var_os("XXGK_BENCH_HTML_DIR").map_or(root.join("html"), Into::into);
    let mut pages = Vec::new();
    load(&html_dir, true, &mut pages);

    // The full parse beside the split pass (for pages: split the HTML
    // source the same way), in MB/s; then the full parse in files/s.
    for (name, set) in [("seed", &seed), ("reports", &docs), ("pages", &pages)] {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(set.iter().map(|d| d.len() as u64).sum()));
        g.bench_with_input(BenchmarkId::new("split_lines_and_tabs", set.len()), set, |b, d| {
            b.iter(|| split_pass(black_box(d)))
        });
        g.bench_with_input(BenchmarkId::new("full_parse", set.len()), set, |b, d| b.iter(|| full_parse(black_box(d))));
        g.throughput(Throughput::Elements(set.len() as u64));
        g.bench_with_input(BenchmarkId::new("full_parse_files", set.len()), set, |b, d| {
            b.iter(|| full_parse(black_box(d)))
        });
        g.finish();
    }
    let texts_of_pages: Vec<String> =
        pages.iter().filter_map(|d| xxgk::decode::decode_html(d).ok().map(|x| x.text.into_owned())).collect();
    let mut g = c.benchmark_group("html_front_end");
    g.throughput(Throughput::Bytes(pages.iter().map(|d| d.len() as u64).sum()));
    g.bench_function("read_page", |b| {
        b.iter(|| texts_of_pages.iter().map(|t| xxgk::html::read_page(t).text.len()).sum::<usize>())
    });
    g.finish();

    // Each layer on its own, on the same reports.
    let texts: Vec<String> =
        docs.iter().filter_map(|d| xxgk::decode::decode(d).ok().map(|x| x.text.into_owned())).collect();
    let lexed: Vec<_> = texts.iter().map(|t| xxgk::lex::lex(t)).collect();
    let outlines: Vec<_> = lexed.iter().map(xxgk::outline::outline).collect();
    let tables: Vec<_> = lexed.iter().zip(&outlines).map(|(l, o)| xxgk::tables::read(l, o, &mut Vec::new())).collect();
    let reports: Vec<_> =
        lexed.iter().zip(&outlines).zip(&tables).map(|((l, o), t)| xxgk::model::build(l, o, t.clone(), None)).collect();
    let flats: Vec<_> = reports.iter().map(|r| r.to_flat()).collect();
    let mut g = c.benchmark_group("layers");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("decode", |b| b.iter(|| docs.iter().filter_map(|d| xxgk::decode::decode(d).ok()).count()));
    g.bench_function("lex", |b| b.iter(|| texts.iter().map(|t| xxgk::lex::lex(t).len()).sum::<usize>()));
    g.bench_function("outline", |b| {
        b.iter(|| lexed.iter().map(|l| xxgk::outline::outline(l).sections.len()).sum::<usize>())
    });
    g.bench_function("tables", |b| {
        b.iter(|| {
            lexed
                .iter()
                .zip(&outlines)
                .filter(|(l, o)| xxgk::tables::read(l, o, &mut Vec::new()).template.is_some())
                .count()
        })
    });
    g.bench_function("model", |b| {
        b.iter_batched(
            || tables.clone(),
            |ts| {
                lexed
                    .iter()
                    .zip(&outlines)
                    .zip(ts)
                    .map(|((l, o), t)| xxgk::model::build(l, o, t, None).sections.len())
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("checks", |b| b.iter(|| reports.iter().map(|r| xxgk::checks::check(r).len()).sum::<usize>()));
    g.bench_function("flat_record", |b| b.iter(|| reports.iter().map(|r| r.to_flat().len()).sum::<usize>()));
    g.bench_function("json_out", |b| {
        b.iter(|| flats.iter().map(|f| serde_json::to_vec(f).map_or(0, |v| v.len())).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
