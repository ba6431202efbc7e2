//! `xxgk`: extract the figures of government information disclosure annual
//! reports, one record per document.
//!
//! Documents are parsed in parallel (`--jobs`), a chunk at a time, and the
//! output is written in input order as each chunk completes, so memory stays
//! bounded whatever the size of the batch.

use base64::Engine;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use xxgk::model::all_flat_keys;
use xxgk::{FlatRecord, FlatValue};

/// Batches allocate and free many small values per document; mimalloc does
/// that several times faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(name = "xxgk", version, about = "Read 政府信息公开工作年度报告 into records of every figure")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract one record per document from files and folders.
    Extract(ExtractArgs),
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Files or folders (searched recursively, sorted by path; in folders,
    /// `.json`, `.md` and `.py` files — truth files, notes, scripts — are
    /// skipped). `-` reads one document from standard input.
    #[arg(required_unless_present = "stdin")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Read JSON Lines from standard input, one document per line:
    /// `{"id": …, "text": …}` or `{"id": …, "base64": …}` (raw bytes in
    /// any encoding); write one output line per input line, `source` = id.
    #[arg(long, conflicts_with = "paths")]
    stdin: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    /// One JSON object per document, one per line.
    Jsonl,
    /// A header row, then one row per document.
    Csv,
    /// One JSON array of all documents.
    Json,
}

/// Where a document comes from.
enum Input {
    File(PathBuf),
    Stdin,
    /// Raw bytes (from a `--stdin` line).
    Bytes(Vec<u8>),
    /// A path or a line that cannot be read: its error message.
    Unreadable(String),
}

struct Job {
    source: String,
    input: Input,
}

/// A document's output, rendered, with what the summary counts.
struct Done {
    bytes: Vec<u8>,
    size: usize,
    failed: bool,
    figures: usize,
    codes: Vec<&'static str>,
}

fn collect(paths: &[PathBuf]) -> (Vec<Job>, bool) {
    let mut out = Vec::new();
    let mut bad_path = false;
    for p in paths {
        let source = p.display().to_string();
        if p.as_os_str() == "-" {
            out.push(Job { source: "-".into(), input: Input::Stdin });
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, &mut out);
            files.sort();
            out.extend(files.into_iter().map(|f| Job { source: f.display().to_string(), input: Input::File(f) }));
        } else if p.exists() || p.is_symlink() {
            out.push(Job { source, input: Input::File(p.clone()) });
        } else {
            bad_path = true;
            let msg = format!("cannot read {source}: no such file or folder");
            out.push(Job { source, input: Input::Unreadable(msg) });
        }
    }
    (out, bad_path)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Job>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let source = dir.display().to_string();
            let msg = format!("cannot read {source}: {e}");
            errors.push(Job { source, input: Input::Unreadable(msg) });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        // The entry's type comes with the folder listing (no `stat` per
        // file); a symbolic link is followed, as a path given is.
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => path.is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => path.is_dir(),
        };
        if is_dir {
            walk(&path, files, errors);
        } else if ![".json", ".md", ".py"].iter().any(|ext| name.ends_with(ext)) {
            files.push(path);
        }
    }
}

thread_local! {
    /// Each worker reads its files into one buffer, reused.
    static READ_BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads and parses one document, and renders its output.
fn run(job: &Job, format: Format, keys: &[String]) -> Done {
    READ_BUF.with_borrow_mut(|buf| {
        buf.clear();
        let done = run_with(job, format, keys, buf);
        // A very large file's buffer is not kept for the next.
        if buf.capacity() > 16 << 20 {
            *buf = Vec::new();
        }
        done
    })
}

fn run_with(job: &Job, format: Format, keys: &[String], buf: &mut Vec<u8>) -> Done {
    let bytes: Result<&[u8], String> = match &job.input {
        // Read without a size hint (`take`): no `stat` per file; the
        // buffer is already as large as the worker's largest file.
        Input::File(p) => std::fs::File::open(p)
            .and_then(|f| f.take(u64::MAX).read_to_end(buf))
            .map(|_| buf.as_slice())
            .map_err(|e| format!("cannot read {}: {e}", job.source)),
        Input::Stdin => {
            io::stdin().read_to_end(buf).map(|_| buf.as_slice()).map_err(|e| format!("cannot read standard input: {e}"))
        }
        Input::Bytes(b) => Ok(b.as_slice()),
        Input::Unreadable(msg) => Err(msg.clone()),
    };
    let size = bytes.as_ref().map_or(0, |b| b.len());
    let result = bytes.and_then(|b| xxgk::parse_bytes(b).map_err(|e| e.to_string()));
    let mut out = Vec::with_capacity(8 << 10);
    let (failed, figures, codes) = match &result {
        Ok(p) => {
            let flat = p.report.to_flat();
            // Figures are the record's numbers (the metadata are text, or
            // the year, an integer).
            let figures = flat.iter().filter(|(_, v)| matches!(v, FlatValue::Number(_))).count();
            let codes = p.diagnostics.iter().map(|d| d.code.as_str()).collect();
            match format {
                Format::Jsonl | Format::Json => write_json(&mut out, &job.source, Some(&flat), &p.diagnostics, None),
                Format::Csv => write_csv(&mut out, &job.source, Some(&flat), p.diagnostics.len(), None, keys),
            }
            (false, figures, codes)
        }
        Err(e) => {
            match format {
                Format::Jsonl | Format::Json => write_json(&mut out, &job.source, None, &[], Some(e)),
                Format::Csv => write_csv(&mut out, &job.source, None, 0, Some(e), keys),
            }
            (true, 0, Vec::new())
        }
    };
    Done { bytes: out, size, failed, figures, codes }
}

/// One output object, written directly: the flat record's keys need no
/// escaping unless they hold a quote, a backslash or a control character
/// (checked), its values and every other string go through serde_json.
fn write_json(
    out: &mut Vec<u8>,
    source: &str,
    flat: Option<&FlatRecord>,
    diagnostics: &[xxgk::Diagnostic],
    error: Option<&str>,
) {
    out.extend_from_slice(b"{\"source\":");
    let _ = serde_json::to_writer(&mut *out, source);
    out.extend_from_slice(b",\"record\":{");
    if let Some(flat) = flat {
        for (i, (k, v)) in flat.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Branch-free over the key's bytes (most are vocabulary keys of
            // plain ASCII): no quote, backslash or control character.
            let plain = k.bytes().fold(true, |ok, b| ok & (b >= 0x20) & (b != b'"') & (b != b'\\'));
            if plain {
                out.push(b'"');
                out.extend_from_slice(k.as_bytes());
                out.extend_from_slice(b"\":");
            } else {
                let _ = serde_json::to_writer(&mut *out, k);
                out.push(b':');
            }
            match v {
                FlatValue::Null => out.extend_from_slice(b"null"),
                FlatValue::Int(n) => out.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes()),
                FlatValue::Number(n) => match n.as_i64().filter(|_| n.scale() == 0) {
                    Some(i) => out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes()),
                    None => {
                        let _ = serde_json::to_writer(&mut *out, n);
                    }
                },
                _ => {
                    let _ = serde_json::to_writer(&mut *out, v);
                }
            }
        }
    }
    out.extend_from_slice(b"},\"diagnostics\":");
    let _ = serde_json::to_writer(&mut *out, diagnostics);
    out.extend_from_slice(b",\"error\":");
    let _ = serde_json::to_writer(&mut *out, &error);
    out.push(b'}');
}

fn csv_value(v: Option<&FlatValue>) -> String {
    match v {
        Some(FlatValue::Number(n)) => n.to_string(),
        Some(FlatValue::Int(i)) => i.to_string(),
        Some(FlatValue::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

/// One CSV record, quoted as the csv crate does.
fn csv_line(out: &mut Vec<u8>, fields: &[String]) {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(fields);
    out.extend_from_slice(&w.into_inner().unwrap_or_default());
}

fn write_csv(
    out: &mut Vec<u8>,
    source: &str,
    flat: Option<&FlatRecord>,
    diagnostics: usize,
    error: Option<&str>,
    keys: &[String],
) {
    let mut row = Vec::with_capacity(keys.len() + 3);
    row.push(source.to_string());
    // Keys are looked up in the record once, in order.
    let values: BTreeMap<&str, &FlatValue> = flat.map(|f| f.iter().collect()).unwrap_or_default();
    row.extend(keys.iter().map(|k| csv_value(values.get(k.as_str()).copied())));
    row.push(diagnostics.to_string());
    row.push(error.unwrap_or_default().to_string());
    csv_line(out, &row);
}

/// The header of `--format csv`: `source`, every flat key of both templates
/// in `SCHEMA.md` order, `diagnostics`, `error`.
fn csv_header(keys: &[String]) -> Vec<u8> {
    let mut header = vec!["source".to_string()];
    header.extend(keys.iter().cloned());
    header.push("diagnostics".into());
    header.push("error".into());
    let mut out = Vec::new();
    csv_line(&mut out, &header);
    out
}

/// A `--stdin` line.
#[derive(Deserialize)]
struct StdinDoc {
    id: serde_json::Value,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    base64: Option<String>,
}

fn stdin_job(n: usize, line: &str) -> Job {
    match serde_json::from_str::<StdinDoc>(line) {
        Ok(d) => {
            let source = match d.id {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            let input = match (d.text, d.base64) {
                (Some(t), _) => Input::Bytes(t.into_bytes()),
                (None, Some(b)) => match base64::engine::general_purpose::STANDARD.decode(b.trim()) {
                    Ok(bytes) => Input::Bytes(bytes),
                    Err(e) => Input::Unreadable(format!("line {n}: \"base64\" is not base64: {e}")),
                },
                (None, None) => Input::Unreadable(format!("line {n}: neither \"text\" nor \"base64\"")),
            };
            Job { source, input }
        }
        Err(e) => Job {
            source: format!("stdin:{n}"),
            input: Input::Unreadable(format!("line {n}: not a JSON object with an \"id\": {e}")),
        },
    }
}

/// What the end-of-run summary reports.
#[derive(Default)]
struct Totals {
    docs: usize,
    failed: usize,
    figures: usize,
    bytes: usize,
    codes: BTreeMap<&'static str, usize>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Command::Extract(args) = cli.command;
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("xxgk: cannot start {jobs} workers: {e}");
            return ExitCode::from(2);
        }
    };
    let keys = all_flat_keys();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let started = Instant::now();
    let mut totals = Totals::default();
    let mut first = true;
    let format = args.format;

    let mut emit = |done: Vec<Done>, out: &mut BufWriter<io::StdoutLock<'_>>, totals: &mut Totals| -> io::Result<()> {
        for d in done {
            if format == Format::Json {
                out.write_all(if first { b"\n" } else { b",\n" })?;
            }
            first = false;
            out.write_all(&d.bytes)?;
            if format == Format::Jsonl {
                out.write_all(b"\n")?;
            }
            totals.docs += 1;
            totals.failed += usize::from(d.failed);
            totals.figures += d.figures;
            totals.bytes += d.size;
            for c in d.codes {
                *totals.codes.entry(c).or_default() += 1;
            }
        }
        Ok(())
    };

    // One batch: parsed in parallel, written in input order.
    let mut run_batch = |batch: &[Job],
                         bar: Option<&ProgressBar>,
                         out: &mut BufWriter<io::StdoutLock<'_>>,
                         totals: &mut Totals|
     -> io::Result<()> {
        let done: Vec<Done> = pool.install(|| batch.par_iter().map(|j| run(j, format, &keys)).collect());
        if let Some(b) = bar {
            b.inc(done.len() as u64);
        }
        emit(done, out, totals)
    };

    let result = (|| -> io::Result<bool> {
        match format {
            Format::Csv => out.write_all(&csv_header(&keys))?,
            Format::Json => out.write_all(b"[")?,
            Format::Jsonl => {}
        }
        let chunk = 64 * jobs;
        let bad_path = if args.stdin {
            let bar = progress(None);
            let mut lines = io::stdin().lock().lines();
            let mut n = 0usize;
            loop {
                let mut batch = Vec::with_capacity(chunk);
                for line in lines.by_ref().take(chunk) {
                    n += 1;
                    match line {
                        Ok(l) if l.trim().is_empty() => continue,
                        Ok(l) => batch.push(stdin_job(n, &l)),
                        Err(e) => batch.push(Job {
                            source: format!("stdin:{n}"),
                            input: Input::Unreadable(format!("line {n}: {e}")),
                        }),
                    }
                }
                if batch.is_empty() {
                    break;
                }
                run_batch(&batch, bar.as_ref(), &mut out, &mut totals)?;
            }
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            false
        } else {
            let (inputs, bad_path) = collect(&args.paths);
            let bar = progress(Some(inputs.len() as u64));
            for batch in inputs.chunks(chunk) {
                run_batch(batch, bar.as_ref(), &mut out, &mut totals)?;
            }
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            bad_path
        };
        if format == Format::Json {
            out.write_all(b"\n]\n")?;
        }
        out.flush()?;
        Ok(bad_path)
    })();

    let bad_path = match result {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::from(1),
        Err(e) => {
            eprintln!("xxgk: cannot write output: {e}");
            return ExitCode::from(2);
        }
    };
    summary(&totals, started.elapsed().as_secs_f64(), jobs);
    if bad_path {
        ExitCode::from(2)
    } else if totals.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A progress bar on standard error, only when it is a terminal.
fn progress(len: Option<u64>) -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    let style = ProgressStyle::with_template("{spinner} {pos}/{len} documents  {per_sec}  eta {eta}  {wide_bar}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// The end-of-run summary on standard error.
fn summary(t: &Totals, secs: f64, jobs: usize) {
    let secs = secs.max(1e-9);
    let codes: Vec<String> = t.codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
    eprintln!(
        "xxgk: {} documents, {} failed, {} figures; diagnostics: {}; {:.2} s, {:.0} documents/s, {:.1} MB/s ({} workers)",
        t.docs,
        t.failed,
        t.figures,
        if codes.is_empty() { "none".to_string() } else { codes.join(", ") },
        secs,
        t.docs as f64 / secs,
        t.bytes as f64 / secs / 1e6,
        jobs
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_json_matches_serde() {
        let parsed = xxgk::parse(include_str!("../fixtures/huanglong-zhongyuanlu-2020.txt")).unwrap();
        let flat = parsed.report.to_flat();
        let mut mine = Vec::new();
        write_json(&mut mine, "a\"b.txt", Some(&flat), &parsed.diagnostics, None);
        let theirs = serde_json::json!({
            "source": "a\"b.txt",
            "record": flat,
            "diagnostics": parsed.diagnostics,
            "error": null,
        });
        let mine: serde_json::Value = serde_json::from_slice(&mine).unwrap();
        assert_eq!(mine, theirs);
    }
}
