//! Every fixture with a truth file parses to exactly the figures its truth
//! gives: no figure wrong, none missing, metadata right, and a
//! `sum_mismatch` exactly where the truth lists broken rules.

use serde_json::Value as J;
use std::path::{Path, PathBuf};

fn truth_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            truth_files(&p, out);
        } else if p.to_string_lossy().ends_with(".truth.json") {
            out.push(p);
        }
    }
}

fn document_for(truth: &Path) -> PathBuf {
    let base = truth.to_string_lossy().trim_end_matches(".truth.json").to_string();
    ["txt", "html", "htm"]
        .iter()
        .map(|ext| PathBuf::from(format!("{base}.{ext}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no document beside {}", truth.display()))
}

fn same(a: &J, b: &J) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * y.abs().max(1.0),
        _ => a == b,
    }
}

#[test]
fn every_fixture_matches_its_truth() {
    let mut truths = Vec::new();
    truth_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").as_path(), &mut truths);
    truths.sort();
    assert!(truths.len() >= 30, "expected the generated fixtures, found {}", truths.len());
    let mut failures = Vec::new();
    let mut figures = 0;
    for t in &truths {
        let truth: J = serde_json::from_slice(&std::fs::read(t).unwrap()).unwrap();
        let doc = document_for(t);
        let parsed = match xxgk::parse_bytes(&std::fs::read(&doc).unwrap()) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{}: {e}", doc.display()));
                continue;
            }
        };
        let flat = serde_json::to_value(parsed.report.to_flat()).unwrap();
        for (k, want) in truth["record"].as_object().unwrap() {
            let got = flat.get(k).unwrap_or(&J::Null);
            let ok = if want.is_null() { got.is_null() || got.as_f64() == Some(0.0) } else { same(got, want) };
            if !want.is_null() && !["title", "agency", "year", "template"].contains(&k.as_str()) {
                figures += 1;
            }
            if !ok {
                failures.push(format!("{}: {k}: want {want}, got {got}", doc.display()));
            }
        }
        let expect = truth["expect"].as_array().is_some_and(|e| !e.is_empty());
        let flagged = parsed.diagnostics.iter().any(|d| d.code == xxgk::Code::SumMismatch);
        if expect != flagged {
            failures.push(format!("{}: expected sum_mismatch {expect}, got {flagged}", doc.display()));
        }
    }
    assert!(figures > 5000, "only {figures} figures compared");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// A document reads the same whatever was read before it on the same
/// thread (the tokenizer keeps a per-thread memo of cells): every fixture
/// parsed fresh on its own thread, then all of them in reverse order on
/// one thread.
#[test]
fn results_do_not_depend_on_what_was_read_before() {
    let mut truths = Vec::new();
    truth_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").as_path(), &mut truths);
    truths.sort();
    let docs: Vec<Vec<u8>> = truths.iter().map(|t| std::fs::read(document_for(t)).unwrap()).collect();
    let read = |d: &[u8]| {
        xxgk::parse_bytes(d).map(|p| serde_json::to_string(&(p.report.to_flat(), p.diagnostics)).unwrap()).ok()
    };
    let fresh: Vec<_> = docs
        .iter()
        .map(|d| {
            let d = d.clone();
            std::thread::spawn(move || {
                xxgk::parse_bytes(&d).map(|p| serde_json::to_string(&(p.report.to_flat(), p.diagnostics)).unwrap()).ok()
            })
            .join()
            .unwrap()
        })
        .collect();
    for (i, d) in docs.iter().enumerate().rev() {
        assert_eq!(read(d), fresh[i], "{} read differently after the others", truths[i].display());
    }
}
