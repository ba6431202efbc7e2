//! The canonical renderer: parsing what it writes gives back every figure,
//! for every fixture.

use std::path::{Path, PathBuf};

fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.to_string_lossy().to_string();
        if p.is_dir() {
            documents(&p, out);
        } else if name.ends_with(".txt") {
            out.push(p);
        }
    }
}

#[test]
fn render_then_parse_gives_back_the_figures() {
    let mut docs = Vec::new();
    documents(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut docs);
    assert!(docs.len() > 60);
    let mut failures = Vec::new();
    for d in &docs {
        let first = xxgk::parse_bytes(&std::fs::read(d).unwrap()).unwrap();
        let text = xxgk::render(&first.report);
        let again = xxgk::parse(&text).unwrap();
        let (a, b) = (first.report.to_flat(), again.report.to_flat());
        for ((k1, v1), (k2, v2)) in a.iter().zip(b.iter()) {
            if k1 != k2 || v1.as_f64() != v2.as_f64() || v1.as_str() != v2.as_str() {
                failures.push(format!("{}: {k1} {v1:?} became {k2} {v2:?}", d.display()));
            }
        }
        if a.len() != b.len() {
            failures.push(format!("{}: {} keys became {}", d.display(), a.len(), b.len()));
        }
        // Rendering is a fixed point after one round.
        assert_eq!(
            xxgk::render(&again.report),
            xxgk::render(&xxgk::parse(&xxgk::render(&again.report)).unwrap().report)
        );
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}
