//! # xxgk
//!
//! Reads the annual reports Chinese government bodies publish on open
//! government information (政府信息公开工作年度报告) and turns them into a
//! typed [`Report`] and a flat record of every figure.
//!
//! ```
//! let text = include_str!("../fixtures/huanglong-zhongyuanlu-2020.txt");
//! let parsed = xxgk::parse(text)?;
//! let report = &parsed.report;
//! assert_eq!(report.metadata.year, Some(2020));
//! assert_eq!(report.metadata.agency.as_deref(), Some("华龙区人民政府中原路街道办事处"));
//! let cell = report.active.as_ref().unwrap().get("active.procurement", "amount").unwrap();
//! assert_eq!(cell.value.number().map(|n| n.as_f64()), Some(52.5));
//! let flat = report.to_flat();
//! assert_eq!(serde_json::to_value(&flat)?["template"], "2019");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The pipeline has one layer per job, each a module with one entry point:
//! [`decode`] (bytes to text) → [`lex`] (lines and cells) → [`outline`]
//! (title and sections) → [`tables`] (labels and figures) → [`model`] (the
//! [`Report`]) → [`checks`] (the report's own arithmetic); [`mod@render`] writes
//! a report back as canonical text. Problems short of
//! "this is not a report" are [`Diagnostic`]s; parsing goes on.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
// No panics by construction on anything derived from input: the library
// never unwraps, indexes or panics (tests may).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, clippy::unreachable)
)]

pub mod checks;
pub mod decode;
mod diagnostic;
mod error;
pub mod html;
pub mod lex;
pub mod model;
pub mod outline;
pub mod render;
pub mod tables;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use error::{Error, ErrorKind, Result};
pub use model::{FlatRecord, FlatValue, Metadata, Report, Section};
pub use outline::SectionKind;
pub use render::render;
pub use tables::vocab;
pub use tables::{Cell, ExtraRow, Marker, Number, Row, Table, TextLine, Value};

use serde::Serialize;

/// A parsed report and what a careful reader should know about it.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Parsed {
    /// The report.
    pub report: Report,
    /// Diagnostics, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a report's text.
///
/// Fails only when the text holds no section heading and no table at all
/// ([`ErrorKind::NotAReport`]); every other problem is a diagnostic.
pub fn parse(text: &str) -> Result<Parsed> {
    parse_with(text, None)
}

/// Decodes a report's bytes (UTF-8, UTF-16 with a byte-order mark, or
/// GB18030) and parses it; a web page (sniffed from its first bytes) is
/// read as [`parse_html`] does. Text that opens with a tag but is no page
/// (Markdown from a converter that keeps the page's `<div>`s) is read as
/// text when the page holds no report.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed> {
    if html::looks_like_html(bytes) {
        let page = parse_html(bytes);
        if html::is_whole_page(bytes) {
            return page;
        }
        // A fragment: a page's part, or text with tags in it. Whichever
        // reading reads more of the report.
        let text = decode::decode(bytes).and_then(|d| parse_with(&d.text, Some(d.encoding)));
        return match (page, text) {
            (Ok(p), Ok(t)) if reads(&t) > reads(&p) => Ok(t),
            (Ok(p), _) => Ok(p),
            (Err(e), t) => t.map_err(|_| e),
        };
    }
    let decoded = decode::decode(bytes)?;
    parse_with(&decoded.text, Some(decoded.encoding))
}

/// Parses a report's web page: its charset from a byte-order mark or the
/// page's `<meta>`, its tables read on their rowspan/colspan grid, its
/// other text as paragraphs. Line numbers refer to the HTML source.
///
/// ```
/// let page = "<html><body><h1>某局2021年政府信息公开工作年度报告</h1><h2>一、总体情况</h2><p>无</p>\
///     <h2>二、主动公开政府信息情况</h2><table><tr><td colspan=\"4\">第二十条第（一）项</td></tr>\
///     <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\
///     <tr><td>规章</td><td>1</td><td>0</td><td>3</td></tr></table></body></html>";
/// let parsed = xxgk::parse_html(page.as_bytes())?;
/// let flat = parsed.report.to_flat();
/// assert_eq!(flat.get("active.rules.in_force").and_then(|v| v.as_f64()), Some(3.0));
/// # Ok::<(), xxgk::Error>(())
/// ```
pub fn parse_html(bytes: &[u8]) -> Result<Parsed> {
    let decoded = decode::decode_html(bytes)?;
    let page = html::read_page(&decoded.text);
    let lexed = lex::lex_with_origins(&page.text, page.origins);
    parse_lexed(&lexed, Some(decoded.encoding))
}

/// How much of the report a reading reads: the cells of the three tables
/// that hold a figure or a blank, then the sections found, then whether
/// the title was.
fn reads(p: &Parsed) -> (usize, usize, bool) {
    let r = &p.report;
    let figures = [&r.active, &r.requests, &r.appeals]
        .into_iter()
        .flatten()
        .flat_map(|t| &t.rows)
        .flat_map(|row| &row.cells)
        .filter(|c| !matches!(c.value, tables::Value::Missing))
        .count();
    (figures, r.sections.len(), r.metadata.title.is_some())
}

fn parse_with(text: &str, encoding: Option<decode::Encoding>) -> Result<Parsed> {
    // Tables left as HTML among the lines (Markdown from a converter):
    // read on their grid, as in a page.
    if let Some(page) = html::read_text_with_tables(text) {
        let lexed = lex::lex_with_origins(&page.text, page.origins);
        return parse_lexed(&lexed, encoding);
    }
    // A page whose whitespace a scraper collapsed into one line gets its
    // lines back (see `lex::unflatten`): line numbers count those lines,
    // byte spans stay the source's.
    match lex::unflatten(text) {
        Some(lines) => parse_lexed(&lex::lex(&lines), encoding),
        None => parse_lexed(&lex::lex(text), encoding),
    }
}

fn parse_lexed(lexed: &lex::Lexed<'_>, encoding: Option<decode::Encoding>) -> Result<Parsed> {
    let outline = outline::outline(lexed);
    let mut diagnostics = Vec::new();
    let tables = tables::read(lexed, &outline, &mut diagnostics);
    if outline.sections.is_empty() && tables.active.is_none() && tables.requests.is_none() && tables.appeals.is_none() {
        return Err(Error::new(ErrorKind::NotAReport));
    }
    let report = model::build(lexed, &outline, tables, encoding.or(Some(decode::Encoding::Text)));
    diagnostics.extend(checks::check(&report));
    Ok(Parsed { report, diagnostics })
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
