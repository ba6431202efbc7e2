//! `xxgk`: extract the figures of government information disclosure annual
//! reports, one record per document.

use clap::{Parser, Subcommand, ValueEnum};

/// Batches allocate and free many small values per document; mimalloc does
/// that several times faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use serde::Serialize;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use xxgk::model::all_flat_keys;
use xxgk::{Diagnostic, FlatRecord, FlatValue};

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
    /// Files or folders (searched recursively, sorted by path; `.json`
    /// files are skipped). `-` reads one document from standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
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

/// One document's output.
#[derive(Serialize)]
struct Output<'a> {
    source: &'a str,
    record: Record,
    diagnostics: Vec<Diagnostic>,
    error: Option<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Record {
    Flat(FlatRecord),
    Empty(serde_json::Map<String, serde_json::Value>),
}

enum Input {
    File(PathBuf),
    Stdin,
    Unreadable(PathBuf, String),
}

fn collect(paths: &[PathBuf]) -> (Vec<Input>, bool) {
    let mut out = Vec::new();
    let mut bad_path = false;
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, &mut out);
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else if p.exists() {
            out.push(Input::File(p.clone()));
        } else {
            bad_path = true;
            out.push(Input::Unreadable(p.clone(), "no such file or folder".into()));
        }
    }
    (out, bad_path)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Input::Unreadable(dir.to_path_buf(), e.to_string()));
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
        if path.is_dir() {
            walk(&path, files, errors);
        } else if !name.ends_with(".json") {
            files.push(path);
        }
    }
}

fn process(input: &Input) -> (String, Result<xxgk::Parsed, String>) {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            let r = io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"));
            ("-".into(), r.and_then(|_| xxgk::parse_bytes(&bytes).map_err(|e| e.to_string())))
        }
        Input::File(p) => {
            let src = p.display().to_string();
            let r = std::fs::read(p)
                .map_err(|e| format!("cannot read {src}: {e}"))
                .and_then(|b| xxgk::parse_bytes(&b).map_err(|e| e.to_string()));
            (src, r)
        }
        Input::Unreadable(p, why) => {
            let src = p.display().to_string();
            let msg = format!("cannot read {src}: {why}");
            (src, Err(msg))
        }
    }
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
fn csv_line(fields: &[String]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(fields);
    w.into_inner().unwrap_or_default()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Command::Extract(args) = cli.command;
    let (inputs, bad_path) = collect(&args.paths);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let keys = all_flat_keys();
    if args.format == Format::Csv {
        let mut header = vec!["source".to_string()];
        header.extend(keys.iter().cloned());
        header.push("diagnostics".into());
        header.push("error".into());
        if let Err(e) = out.write_all(&csv_line(&header)) {
            eprintln!("xxgk: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    let (mut docs, mut failed) = (0usize, 0usize);
    let mut first = true;
    if args.format == Format::Json {
        let _ = out.write_all(b"[");
    }
    for input in &inputs {
        let (source, result) = process(input);
        docs += 1;
        let (record, diagnostics, error) = match result {
            Ok(p) => (Record::Flat(p.report.to_flat()), p.diagnostics, None),
            Err(e) => {
                failed += 1;
                (Record::Empty(serde_json::Map::new()), Vec::new(), Some(e))
            }
        };
        let o = Output { source: &source, record, diagnostics, error };
        let written = match args.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut out, &o).map_err(io::Error::other).and_then(|_| out.write_all(b"\n"))
            }
            Format::Json => {
                let sep: &[u8] = if first { b"\n" } else { b",\n" };
                out.write_all(sep).and_then(|_| serde_json::to_writer(&mut out, &o).map_err(io::Error::other))
            }
            Format::Csv => {
                let mut row = vec![source.clone()];
                match &o.record {
                    Record::Flat(f) => row.extend(keys.iter().map(|k| csv_value(f.get(k)))),
                    Record::Empty(_) => row.extend(keys.iter().map(|_| String::new())),
                }
                row.push(o.diagnostics.len().to_string());
                row.push(o.error.clone().unwrap_or_default());
                out.write_all(&csv_line(&row))
            }
        };
        first = false;
        if let Err(e) = written {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::from(1);
            }
            eprintln!("xxgk: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    if args.format == Format::Json {
        let _ = out.write_all(b"\n]\n");
    }
    let _ = out.flush();
    if failed > 0 {
        eprintln!("xxgk: {docs} documents, {failed} failed (see their \"error\" fields)");
    }
    if bad_path {
        ExitCode::from(2)
    } else if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
