#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = xxgk::parse_bytes(data) {
        let flat = parsed.report.to_flat();
        let _ = serde_json::to_string(&flat).expect("flat record serializes");
        let _ = serde_json::to_string(&parsed.report).expect("report serializes");
        let _ = serde_json::to_string(&parsed.diagnostics).expect("diagnostics serialize");
    }
});
