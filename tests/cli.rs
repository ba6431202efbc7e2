//! The batch never loses a document: `xxgk extract` over a folder of bad
//! files (empty, a lone BOM, random bytes, a PNG, NUL bytes, UTF-16,
//! truncated and byte-flipped copies of a report) prints exactly one line
//! per file, in order, each a record or an error; exits 1; and the good
//! files' records are the same as when they are extracted alone.
#![cfg(feature = "cli")]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &[u8] = include_bytes!("../fixtures/huanglong-zhongyuanlu-2020.txt");
const GOOD: &[u8] = include_bytes!("../fixtures/generated/0016.txt");

fn xxgk(args: &[&str]) -> (Vec<Value>, i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk")).args(args).output().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (lines, out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("xxgk-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A deterministic stream of bytes.
fn noise(n: usize, mut x: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn bad_folder() -> PathBuf {
    let d = scratch("bad");
    let w = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    w("a-empty.txt", b"");
    w("b-bom.txt", b"\xEF\xBB\xBF");
    w("c-random.txt", &noise(4096, 7));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(512, 11));
    w("d-image.png", &png);
    w("e-nul.txt", b"\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\0\0\0\xe6\x83\x85\xe5\x86\xb5");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in std::str::from_utf8(SEED).unwrap().encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    w("f-utf16.txt", &utf16);
    w("g-good.txt", GOOD);
    w("h-truncated.txt", &SEED[..SEED.len() / 2 + 1]);
    let mut flipped = SEED.to_vec();
    for i in (7..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5A;
    }
    w("i-flipped.txt", &flipped);
    w("j-seed.txt", SEED);
    d
}

#[test]
fn one_line_per_file_in_order_and_good_records_unchanged() {
    let d = bad_folder();
    let (lines, code, stderr) = xxgk(&["extract", d.to_str().unwrap()]);
    let mut names: Vec<String> =
        std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(lines.len(), names.len(), "one line per file");
    for (line, name) in lines.iter().zip(&names) {
        assert!(line["source"].as_str().unwrap().ends_with(name.as_str()), "order: {} vs {name}", line["source"]);
        let has_record = line["record"].as_object().is_some_and(|r| !r.is_empty());
        assert!(has_record == line["error"].is_null(), "{name}: a record or an error, not both");
    }
    let by = |n: &str| lines.iter().find(|l| l["source"].as_str().unwrap().ends_with(n)).unwrap();
    // The bad ones say why.
    for n in ["a-empty.txt", "b-bom.txt", "d-image.png", "e-nul.txt"] {
        assert!(by(n)["error"].is_string(), "{n}: {}", by(n));
    }
    assert!(by("d-image.png")["error"].as_str().unwrap().contains("not a text file"));
    // UTF-16 is read.
    assert_eq!(by("f-utf16.txt")["record"]["agency"], "华龙区人民政府中原路街道办事处");
    // The good files come out as they do alone.
    for (n, path) in
        [("g-good.txt", "fixtures/generated/0016.txt"), ("j-seed.txt", "fixtures/huanglong-zhongyuanlu-2020.txt")]
    {
        let alone = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let (solo, solo_code, _) = xxgk(&["extract", alone.to_str().unwrap()]);
        assert_eq!(solo_code, 0);
        assert_eq!(by(n)["record"], solo[0]["record"], "{n}");
        assert_eq!(by(n)["diagnostics"], solo[0]["diagnostics"], "{n}");
    }
    assert_eq!(code, 1, "some documents failed");
    assert!(stderr.contains("failed"), "a summary on standard error: {stderr}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn an_unreadable_path_is_reported_not_fatal() {
    let d = scratch("paths");
    std::fs::write(d.join("a.txt"), SEED).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("b-dangling.txt")).unwrap();
    std::fs::write(d.join("c.txt"), GOOD).unwrap();
    // A linked folder is walked, as a folder given is.
    let elsewhere = scratch("linked");
    std::fs::write(elsewhere.join("e.txt"), GOOD).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&elsewhere, d.join("d-linked")).unwrap();
    let missing = d.join("no-such-file.txt");
    let (lines, code, _) = xxgk(&["extract", d.to_str().unwrap(), missing.to_str().unwrap()]);
    let sources: Vec<&str> = lines.iter().map(|l| l["source"].as_str().unwrap()).collect();
    #[cfg(unix)]
    {
        assert_eq!(sources.len(), 5);
        assert!(sources[3].ends_with("e.txt") && lines[3]["error"].is_null(), "{:?}", lines[3]);
    }
    assert!(lines.first().unwrap()["error"].is_null());
    assert!(lines.last().unwrap()["error"].as_str().unwrap().contains("no such file"));
    #[cfg(unix)]
    assert!(lines[1]["error"].as_str().unwrap().contains("cannot read"));
    assert_eq!(code, 2, "a path that does not exist is exit status 2");
    let _ = std::fs::remove_dir_all(&d);
    let _ = std::fs::remove_dir_all(&elsewhere);
}

#[test]
fn formats_and_exit_status() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/huanglong-zhongyuanlu-2020.txt");
    let (lines, code, _) = xxgk(&["extract", seed.to_str().unwrap()]);
    assert_eq!((lines.len(), code), (1, 0));
    assert_eq!(lines[0]["record"]["active.procurement.amount"], 52.5);
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["extract", "--format", "json", seed.to_str().unwrap()])
        .output()
        .unwrap();
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1);
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["extract", "--format", "csv", seed.to_str().unwrap()])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(header[..5], ["source", "title", "agency", "year", "template"]);
    assert_eq!(header[header.len() - 2..], ["diagnostics", "error"]);
    let usage = Command::new(env!("CARGO_BIN_EXE_xxgk")).args(["extract", "--format", "xml", "x"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn stdin_json_lines_give_one_output_line_each_in_order() {
    use std::io::Write;
    let seed = std::str::from_utf8(SEED).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(seed);
    let b64 = base64_encode(&gbk);
    let input = format!(
        "{}\n{}\n{}\n{}\n",
        serde_json::json!({"id": "doc-1", "text": seed}),
        serde_json::json!({"id": 2, "base64": b64}),
        "not json",
        serde_json::json!({"id": "empty", "text": ""}),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["extract", "--stdin", "--jobs", "2"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["source"], "doc-1");
    assert_eq!(lines[0]["record"]["active.procurement.projects"], 19);
    assert_eq!(lines[1]["source"], "2");
    assert_eq!(lines[1]["record"]["agency"], "华龙区人民政府中原路街道办事处");
    assert!(lines[2]["error"].as_str().unwrap().contains("line 3"));
    assert!(lines[3]["error"].is_string());
    assert_eq!(out.status.code(), Some(1));
    // Not a terminal: no progress bar, only the summary.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("4 documents, 2 failed"), "{stderr}");
}

/// Standard base64, for the test's input (the binary decodes it).
fn base64_encode(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                s.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[test]
fn csv_header_is_stable() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/huanglong-zhongyuanlu-2020.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["extract", "--format", "csv", seed.to_str().unwrap()])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let header = csv.lines().next().unwrap().replace(',', "\n");
    insta::assert_snapshot!("csv_header", header);
}

#[test]
fn jobs_do_not_change_the_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/generated");
    let run = |jobs: &str| {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["extract", "--jobs", jobs, dir.to_str().unwrap()])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("7"));
    assert_eq!(String::from_utf8(one).unwrap().lines().count(), 32);
}

/// A folder mixing text reports and web pages gives one record each; a page
/// is known by its bytes, not its name (one is saved as `.txt`).
#[test]
fn a_folder_of_text_and_pages_gives_one_record_each() {
    let d = scratch("mixed");
    let fixture = |p: &str| std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(p)).unwrap();
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    std::fs::write(d.join("b.html"), fixture("html/shanghai-colspan-2019.html")).unwrap();
    std::fs::write(d.join("c-saved-page.txt"), fixture("html/layout-table-gbk-2021.html")).unwrap();
    std::fs::write(d.join("d.htm"), fixture("html/mutation-gb18030.html")).unwrap();
    let (lines, code, _) = xxgk(&["extract", d.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 4);
    for (line, truth) in lines.iter().zip([
        "generated/0016.truth.json",
        "html/shanghai-colspan-2019.truth.json",
        "html/layout-table-gbk-2021.truth.json",
        "html/mutation-gb18030.truth.json",
    ]) {
        let truth: Value = serde_json::from_slice(&fixture(truth)).unwrap();
        for (k, v) in truth["record"].as_object().unwrap() {
            assert_eq!(&line["record"][k], v, "{} {k}", line["source"]);
        }
    }
}
