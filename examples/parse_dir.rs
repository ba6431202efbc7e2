//! Parses every file under a folder, a number of times: a driver for
//! profilers (`cargo run --release --example parse_dir -- DIR [ROUNDS]`).

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "fixtures".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let mut docs = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.to_string_lossy().ends_with(".json") {
                docs.push(std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for d in &docs {
            if let Ok(p) = xxgk::parse_bytes(d) {
                n += p.diagnostics.len();
            }
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("{} docs, {:.1} MB/s ({n})", docs.len(), (bytes * rounds) as f64 / s / 1e6);
}
