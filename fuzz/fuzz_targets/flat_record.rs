#![no_main]
//! Splices the fuzz input into table 三 of a real report, parses the result
//! and checks invariants of the flat record.

use std::collections::HashSet;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use xxgk::vocab::{Template, flat_keys};

const SEED: &str = include_str!("../../fixtures/huanglong-zhongyuanlu-2020.txt");
const METADATA_KEYS: [&str; 4] = ["title", "agency", "year", "template"];

/// Byte range of the table-三 section in `SEED`: from its heading to the
/// next section's heading.
fn table3() -> (usize, usize) {
    let start = SEED
        .find("三、收到和处理政府信息公开申请情况")
        .expect("seed has section 三");
    let end = start
        + SEED[start..]
            .find("四、政府信息公开行政复议")
            .expect("seed has section 四");
    (start, end)
}

fn known_keys() -> &'static HashSet<String> {
    static KEYS: OnceLock<HashSet<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        flat_keys(Template::Y2019)
            .chain(flat_keys(Template::Y2021))
            .chain(METADATA_KEYS.iter().map(|s| s.to_string()))
            .collect()
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (sec_start, sec_end) = table3();
    let len = sec_end - sec_start;
    let a = usize::from(u16::from_le_bytes([data[0], data[1]])) % (len + 1);
    let b = usize::from(u16::from_le_bytes([data[2], data[3]])) % (len + 1);
    let (lo, hi) = (a.min(b), a.max(b));
    let lo = floor_char_boundary(SEED, sec_start + lo);
    let hi = floor_char_boundary(SEED, sec_start + hi);
    let insert = String::from_utf8_lossy(&data[4..]);

    let mut text = String::with_capacity(SEED.len() + insert.len());
    text.push_str(&SEED[..lo]);
    text.push_str(&insert);
    text.push_str(&SEED[hi..]);

    let Ok(parsed) = xxgk::parse(&text) else {
        return;
    };
    let flat = parsed.report.to_flat();
    let keys = known_keys();
    for (k, v) in flat.iter() {
        assert!(keys.contains(k), "flat key {k:?} is not a known key");
        if let Some(n) = v.as_f64() {
            assert!(n.is_finite(), "flat value of {k:?} is not finite: {n}");
        }
    }
});
