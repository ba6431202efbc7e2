//! Linear time and bounded memory on pathological inputs: each input is
//! parsed at two sizes, and the larger (4×) must not take more than ten
//! times as long (quadratic would take sixteen), with peak memory a small
//! multiple of the input. Kept small so that CI stays fast; the bench
//! `benches/pathological.rs` runs them at full size.

mod common;

use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};
use std::alloc::System;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The fastest of three parses, and the peak memory of one.
fn measure(text: &str, html: bool) -> (Duration, usize) {
    let parse = |t: &str| if html { xxgk::parse_html(t.as_bytes()) } else { xxgk::parse(t) };
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let _ = std::hint::black_box(parse(std::hint::black_box(text)));
        best = best.min(t.elapsed());
    }
    GLOBAL.reset_peak_memory();
    let _ = std::hint::black_box(parse(text));
    (best, GLOBAL.get_peak_memory())
}

#[test]
fn pathological_inputs_parse_in_linear_time_and_bounded_memory() {
    check_scaling(common::pathological::inputs(200_000), common::pathological::inputs(800_000), false, 16);
}

/// Figures one per line: each is a token of the table stream (its text,
/// line, kind and label bits) and a value kept in the model, so the peak is
/// ~70× the input; linear all the same.
#[test]
fn figure_dense_inputs_parse_in_linear_time_and_bounded_memory() {
    check_scaling(common::pathological::dense_inputs(200_000), common::pathological::dense_inputs(800_000), false, 96);
}

/// Web pages: the HTML parser (tl) keeps a 168-byte node per tag and per
/// text run, so a page of nothing but 3-byte tags peaks at up to ~140× its
/// size (a report's page: ~30×); still a constant multiple.
#[test]
fn pathological_pages_parse_in_linear_time_and_bounded_memory() {
    check_scaling(common::pathological::html_inputs(200_000), common::pathological::html_inputs(800_000), true, 160);
}

/// The allocator's peak is process-wide: one measurement at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn check_scaling(small: Vec<(&str, String)>, large: Vec<(&str, String)>, html: bool, per_byte: usize) {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut report = Vec::new();
    for ((name, s), (_, l)) in small.iter().zip(&large) {
        let (ts, _) = measure(s, html);
        let (tl, peak) = measure(l, html);
        let ratio = tl.as_secs_f64() / ts.as_secs_f64().max(1e-6);
        report.push(format!(
            "{name}: {} B in {:?}, {} B in {:?} (×{ratio:.1}), peak {} B (×{:.1})",
            s.len(),
            ts,
            l.len(),
            tl,
            peak,
            peak as f64 / l.len() as f64
        ));
        assert!(ratio < 10.0 || tl < Duration::from_millis(50), "superlinear: {}", report.join("\n"));
        assert!(peak < per_byte * l.len() + (8 << 20), "memory: {}", report.join("\n"));
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn numbers_too_long_are_unreadable_cells_not_overflows() {
    let text =
        common::pathological::SEED.replacen("政府集中采购\t19", "政府集中采购\t123456789012345678901234567890", 1);
    let parsed = xxgk::parse(&text).unwrap();
    let cell = parsed.report.active.as_ref().unwrap().get("active.procurement", "projects").unwrap();
    assert_eq!(cell.value, xxgk::Value::Missing);
    assert!(
        parsed.diagnostics.iter().any(|d| d.code == xxgk::Code::UnreadableCell && d.message.contains("cannot read"))
    );
}
