//! Nothing is lost silently: every non-blank line of every fixture ends up
//! in the model — in the preamble or the title, as a section heading, in a
//! section's text, or in a table (a row, an unrecognized row, or one of the
//! table's other lines: headers, captions, footers).

use std::path::{Path, PathBuf};

fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.to_string_lossy().to_string();
        if p.is_dir() {
            // Fuzz findings are checked for panics, not for content.
            if !name.ends_with("regress") {
                documents(&p, out);
            }
        } else if !name.ends_with(".json") && !name.ends_with(".py") && !name.ends_with(".md") {
            out.push(p);
        }
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !xxgk::lex::is_space(*c)).collect()
}

/// Checks one document; returns the lines the model does not hold.
fn lost_lines(bytes: &[u8]) -> Vec<String> {
    let Ok(parsed) = xxgk::parse_bytes(bytes) else {
        return Vec::new();
    };
    let r = &parsed.report;
    // A web page's lines are its text blocks and table rows; the model's
    // line numbers are those of the HTML source.
    // (A fragment of a page is read as a page or as text, whichever reads
    // more: the page's reading when the report is the page's.)
    let as_page = xxgk::html::looks_like_html(bytes) && xxgk::parse_html(bytes).is_ok_and(|p| p.report == *r);
    let (text, origins) = if as_page {
        let page = xxgk::html::read_page(&xxgk::decode::decode_html(bytes).unwrap().text);
        (page.text, Some(page.origins))
    } else {
        let text = xxgk::decode::decode(bytes).unwrap().text.into_owned();
        match xxgk::html::read_text_with_tables(&text) {
            // Tables left as HTML among the lines.
            Some(page) => (page.text, Some(page.origins)),
            // A text of one line joined by spaces is read with its lines back.
            None => (xxgk::lex::unflatten(&text).unwrap_or(text), None),
        }
    };
    let lexed = match origins {
        Some(o) => xxgk::lex::lex_with_origins(&text, o),
        None => xxgk::lex::lex(&text),
    };
    let title = squeeze(r.metadata.title.as_deref().unwrap_or(""));
    let preamble = squeeze(&r.preamble);
    let mut lost = Vec::new();
    for line in lexed.lines().filter(|l| !l.is_blank()) {
        let n = lexed.source_line(line.number);
        let c = squeeze(line.content);
        let held = if r.preamble_lines.is_some_and(|(a, b)| (a..=b).contains(&n)) {
            preamble.contains(&c) || title.contains(&c)
        } else if let Some(s) = r.sections.iter().find(|s| (s.lines.0..=s.lines.1).contains(&n)) {
            if s.lines.0 == n {
                squeeze(&s.heading) == c
            } else if let Some(t) = [&r.active, &r.requests, &r.appeals]
                .into_iter()
                .flatten()
                .find(|t| t.lines.is_some_and(|(a, b)| (a..=b).contains(&n)))
            {
                t.rows.iter().any(|row| row.line == Some(n) || row.cells.iter().any(|x| x.line == Some(n)))
                    || t.unrecognized.iter().any(|e| (e.line..=e.last_line).contains(&n))
                    || t.other_lines.iter().any(|o| o.line == n && squeeze(&o.text) == c)
            } else {
                // Text outside the tables, or figures a table took from
                // beyond its lines (drawn after the next heading).
                squeeze(&s.text).contains(&c)
                    || [&r.active, &r.requests, &r.appeals]
                        .into_iter()
                        .flatten()
                        .any(|t| t.rows.iter().any(|row| row.cells.iter().any(|x| x.line == Some(n))))
            }
        } else {
            false
        };
        if !held {
            lost.push(format!("line {n}: {}", line.content));
        }
    }
    lost
}

#[test]
fn every_line_of_every_fixture_is_in_the_model() {
    let mut docs = Vec::new();
    documents(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut docs);
    assert!(docs.len() > 60);
    let mut failures = Vec::new();
    for d in &docs {
        for l in lost_lines(&std::fs::read(d).unwrap()) {
            failures.push(format!("{}: {l}", d.display()));
        }
    }
    assert!(failures.is_empty(), "{} lines not in the model:\n{}", failures.len(), failures.join("\n"));
}

/// The same over the shared evaluation corpora, when they are beside the
/// repository (they are not part of it).
#[test]
fn every_line_of_the_shared_corpora_is_in_the_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut checked = 0;
    let mut failures = Vec::new();
    for corpus in ["corpus", "corpus-lines", "corpus-html"] {
        let dir = root.join(corpus);
        if !dir.is_dir() {
            continue;
        }
        let mut docs = Vec::new();
        documents(&dir, &mut docs);
        for d in &docs {
            checked += 1;
            for l in lost_lines(&std::fs::read(d).unwrap()) {
                failures.push(format!("{}: {l}", d.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} lines not in the model (of {checked} documents):\n{}",
        failures.len(),
        failures.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// No printed figure is read twice: the cells of a report that point at
/// the text point at different places (two rows of zeros read alike by
/// several orders once shared a token, leaving another's line as text).
#[test]
fn no_figure_of_any_fixture_is_read_twice() {
    let mut docs = Vec::new();
    documents(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut docs);
    let mut failures = Vec::new();
    for d in &docs {
        let Ok(parsed) = xxgk::parse_bytes(&std::fs::read(d).unwrap()) else { continue };
        let r = &parsed.report;
        let mut spans: Vec<(usize, usize)> = [&r.active, &r.requests, &r.appeals]
            .into_iter()
            .flatten()
            .flat_map(|t| t.rows.iter().flat_map(|row| &row.cells))
            .filter(|c| matches!(c.value, xxgk::Value::Number(_) | xxgk::Value::Blank(_)))
            .filter_map(|c| c.span.map(|s| (s.start, s.end)))
            // (An empty cell has no extent: several may stand at one place.)
            .filter(|(a, b)| a < b)
            .collect();
        spans.sort_unstable();
        if let Some(w) = spans.windows(2).find(|w| w[0] == w[1]) {
            failures.push(format!("{}: bytes {:?} read twice", d.display(), w[0]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
