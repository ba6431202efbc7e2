//! Every input that once crashed, hung or blew up the parser (found by
//! fuzzing or by the pathological-input tests, kept in `fixtures/regress/`)
//! parses, or fails with an error, quickly and without a panic.
//!
//! `html-unclosed-cells.html`: 7,000 `<tr><td>1` without end tags before a
//! page's table 三. Each unclosed cell holds the rest of the page, and the
//! page-layout reading once read every cell's subtree again: 50 MB of text
//! and seconds for a 100 KB page.
//!
//! `pdf-raw-ambiguous-runs-fuzzed.txt`: a PDF report's text in reading
//! order, mutated by the fuzzer into a table 三 that holds in no order and
//! offers several ways of reading its runs of digits. Moving late figures
//! back from anywhere in the table, for each way, once took 0.7 s (release
//! build) on its 5 KB: the moves are now near ones and ones into the rows
//! where a run of broken rows starts, and the ways are weighed without the
//! costlier mendings first.
//!
//! `pdf-raw-late-figures-search-fuzzed.txt`: another such table (found by
//! fuzzing, 5.6 KB) whose search for figures drawn late tries some 10⁵
//! moves, each checking the table's rules: 0.19 s (release build), 3.8 s
//! under the fuzzer's sanitizer. Each token's count is now read once for the
//! whole search, not for every cell of every move: 0.06 s.

use std::time::{Duration, Instant};

#[test]
fn regression_inputs_parse_without_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/regress");
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(!entries.is_empty());
    for e in entries {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let t = Instant::now();
        if let Ok(parsed) = xxgk::parse_bytes(&bytes) {
            let _ = serde_json::to_string(&parsed.report.to_flat()).unwrap();
            let _ = xxgk::render(&parsed.report);
        }
        assert!(t.elapsed() < Duration::from_secs(2), "{} took {:?}", p.display(), t.elapsed());
    }
}
