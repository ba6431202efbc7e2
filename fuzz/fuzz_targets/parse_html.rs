#![no_main]

use libfuzzer_sys::fuzz_target;

// The web-page path: the page's grid and blocks, then the whole parse.
fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let page = xxgk::html::read_page(&text);
    // One source line per page line, each a line of the source.
    assert_eq!(page.origins.len(), page.text.lines().count());
    let source_lines = text.split('\n').count();
    assert!(page.origins.iter().all(|&o| o >= 1 && o <= source_lines));
    if let Ok(parsed) = xxgk::parse_html(data) {
        let _ = serde_json::to_string(&parsed.report.to_flat()).expect("flat record serializes");
        let _ = serde_json::to_string(&parsed.diagnostics).expect("diagnostics serialize");
    }
});
