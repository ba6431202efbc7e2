//! Times each layer over a folder of reports:
//! `cargo run --release --example layers -- DIR`.

use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "fixtures".into());
    let mut docs = Vec::new();
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_file() && !p.to_string_lossy().ends_with(".json") {
            docs.push(std::fs::read(&p).unwrap_or_default());
        }
    }
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let mut t = [Duration::ZERO; 7];
    let names = ["decode", "lex", "outline", "tables", "model", "checks", "flat+json"];
    for d in &docs {
        let s = Instant::now();
        let Ok(dec) = xxgk::decode::decode(d) else { continue };
        t[0] += s.elapsed();
        let s = Instant::now();
        let lexed = xxgk::lex::lex(&dec.text);
        t[1] += s.elapsed();
        let s = Instant::now();
        let outline = xxgk::outline::outline(&lexed);
        t[2] += s.elapsed();
        let s = Instant::now();
        let mut diags = Vec::new();
        let tables = xxgk::tables::read(&lexed, &outline, &mut diags);
        t[3] += s.elapsed();
        let s = Instant::now();
        let report = xxgk::model::build(&lexed, &outline, tables, Some(dec.encoding));
        t[4] += s.elapsed();
        let s = Instant::now();
        let c = xxgk::checks::check(&report);
        t[5] += s.elapsed();
        let s = Instant::now();
        let j = serde_json::to_string(&report.to_flat()).unwrap_or_default();
        t[6] += s.elapsed();
        std::hint::black_box((c, j));
    }
    let total: Duration = t[..6].iter().sum();
    for (n, d) in names.iter().zip(t) {
        println!("{n:10} {:8.1} ms  {:7.1} MB/s", d.as_secs_f64() * 1e3, bytes as f64 / d.as_secs_f64() / 1e6);
    }
    println!(
        "parse total {:8.1} ms  {:7.1} MB/s over {} docs, {} MB",
        total.as_secs_f64() * 1e3,
        bytes as f64 / total.as_secs_f64() / 1e6,
        docs.len(),
        bytes / 1_000_000
    );
}
