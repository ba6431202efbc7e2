//! Every input that once crashed, hung or blew up the parser (found by
//! fuzzing, kept in `fixtures/regress/`) parses, or fails with an error,
//! quickly and without a panic.

use std::time::{Duration, Instant};

#[test]
fn regression_inputs_parse_without_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/regress");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for e in entries {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let t = Instant::now();
        if let Ok(parsed) = xxgk::parse_bytes(&bytes) {
            let _ = serde_json::to_string(&parsed.report.to_flat()).unwrap();
            let _ = xxgk::render(&parsed.report);
        }
        assert!(t.elapsed() < Duration::from_secs(5), "{} took {:?}", p.display(), t.elapsed());
    }
}
