//! Writes the whole parsed model (report and diagnostics) of every file under
//! the given folders as one JSON line each, in sorted path order: for
//! checking that a change meant for speed changes nothing
//! (`cargo run --release --example dump -- DIR... > before.jsonl`).

fn main() {
    let mut files = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    while let Some(d) = stack.pop() {
        if d.is_file() {
            files.push(d);
            continue;
        }
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.to_string_lossy().ends_with(".json") {
                files.push(p);
            }
        }
    }
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        let out = match xxgk::parse_bytes(&bytes) {
            Ok(p) => serde_json::to_string(&p).unwrap_or_default(),
            Err(e) => format!("error {e}"),
        };
        println!("{}\t{out}", f.display());
    }
}
