//! Layer 2: lines and cells.
//!
//! [`lex`] splits decoded text into [`Line`]s with their byte spans (LF,
//! CRLF and CR all end a line) and takes off markdown heading markers
//! (`#` … `####`), keeping their level. [`Line::cells`] splits a line into
//! [`Cell`]s: on tabs (the seed's shape), on `|` (pipe rows and markdown
//! table rows, whose `|---|` rule lines have no cells, and ASCII grids with
//! `+---+` rules), on the bars of box drawing and `｜` (tables a text
//! browser draws), or, in text laid out with spaces (`pdftotext -layout`),
//! on runs of two or more spaces. The
//! text kept is the original; [`normalize_into`] gives the form that labels
//! and figures are matched on.

mod norm;

pub use norm::{fold, is_space, normalize, normalize_into, trim};

use nom::bytes::complete::take_while;
use nom::{IResult, Parser};
use serde::{Deserialize, Serialize};

/// Stands in a table cell that a spanning cell covers (a web page's
/// `rowspan`/`colspan`): it counts as a cell position and holds nothing.
pub const PLACEHOLDER: char = '\u{E000}';

/// A byte range in the decoded text (not in the original bytes, which
/// differ for GB18030 and UTF-16 input). For a web page, the text is the
/// page text (`html::read_page`); line numbers, by contrast,
/// are those of the HTML source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The text this span covers in `text`, or `""` when it is out of range.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// One line of the decoded text.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's first byte in the decoded text.
    pub start: usize,
    /// The line without its line ending.
    pub raw: &'a str,
    /// The markdown heading level (`#` is 1), 0 for none.
    pub level: u8,
    /// The line with any heading markers and surrounding spaces removed.
    pub content: &'a str,
}

impl<'a> Line<'a> {
    /// True when the line holds nothing but spaces.
    pub fn is_blank(&self) -> bool {
        self.content.is_empty()
    }

    /// The line's span in the decoded text.
    pub fn span(&self) -> Span {
        Span { start: self.start, end: self.start + self.raw.len() }
    }

    /// The span of `part`, which must be a subslice of this line's text.
    pub fn span_of(&self, part: &str) -> Span {
        let off = (part.as_ptr() as usize).saturating_sub(self.raw.as_ptr() as usize);
        let start = self.start + off.min(self.raw.len());
        Span { start, end: start + part.len() }
    }

    /// The line's cells, by the separators it uses.
    pub fn cells(&self) -> Cells<'a> {
        Cells::new(self.raw)
    }

    /// True for a markdown table rule line such as `|---|:---:|` or
    /// `|-|-|`: pipes, colons and dashes, some of them two together (`--`,
    /// `:-`, `-:`), or two cells of a dash or more between pipes. A line of
    /// lone dashes otherwise (`- |`, `- | - |`, ` | - |` wrapped) is cells
    /// holding the blank marker `-`.
    pub fn is_table_rule(&self) -> bool {
        Line::is_rule_text(self.content)
    }
}

/// How a line separates its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Separator {
    /// Tab-separated.
    Tab,
    /// `a | b | c |` or `| a | b |`.
    Pipe,
    /// Runs of two or more spaces (text laid out in columns).
    Spaces,
    /// Vertical bars other than `|`: the box-drawing `│` and its junctions
    /// (`├` `┼` `┤` …) that `w3m -dump` and other text browsers draw
    /// tables with, or the full-width `｜`.
    Bar,
}

/// True for the vertical bars and junctions of box drawing that separate
/// cells (`│ ┃ ├ ┤ ┼ ┬ ┴ ┌ ┐ └ ┘` and their heavy and double forms), and
/// the full-width bar `｜`.
fn is_bar(c: char) -> bool {
    matches!(c, '\u{2502}' | '\u{2503}' | '\u{250C}'..='\u{254B}' | '\u{2551}'..='\u{256C}' | '｜')
}

/// True for a horizontal line of box drawing (`─ ━ ═`, dashed forms).
pub(crate) fn is_box_rule(c: char) -> bool {
    matches!(c, '\u{2500}' | '\u{2501}' | '\u{2504}' | '\u{2505}' | '\u{2508}' | '\u{2509}' | '\u{2550}')
}

/// True for the rule of a grid table drawn in ASCII, between its rows
/// (`+-----+-----+`, `+=====+` under a header), as pandoc's plain text and
/// Python's tabulate draw tables whose cells span lines.
pub(crate) fn is_grid_rule_text(t: &str) -> bool {
    t.starts_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':' | ' '))
        && (t.contains("--") || t.contains("=="))
}

/// True for a rule that closes a row of a drawn table: an ASCII grid's
/// (`+---+`), or a line of box drawing holding a rule (`├───┼───┤`, or
/// `│（三）│───┼──┤` beside a spanning label).
pub(crate) fn is_drawn_rule(t: &str) -> bool {
    is_grid_rule_text(t) || (t.starts_with(|c| is_bar(c) || is_box_rule(c)) && t.contains(is_box_rule))
}

/// True for a cell that is a stretch of a rule of box drawing (`────`), as
/// on the line of a label that spans rows (`│（三）不予公开├────┼──┤`): no
/// cell of the table.
pub(crate) fn is_rule_cell(text: &str) -> bool {
    text.starts_with(is_box_rule) && text.chars().all(is_box_rule)
}

/// True when `raw` separates cells: by tabs, `|` or the bars of
/// [`Separator::Bar`] (a table's line, not text laid out by spaces).
pub(crate) fn has_cell_separator(raw: &str) -> bool {
    memchr::memchr2(b'\t', b'|', raw.as_bytes()).is_some() || has_bar(raw)
}

/// True when the line separates cells by [`Separator::Bar`]: it holds a
/// vertical bar of box drawing or the full-width bar.
fn has_bar(raw: &str) -> bool {
    let b = raw.as_bytes();
    // `│` is E2 94 82, `┃` E2 94 83, `║` E2 95 91, `｜` EF BD 9C: one pass
    // over the lead bytes.
    memchr::memchr2_iter(0xE2, 0xEF, b)
        .any(|i| matches!(b.get(i..i + 3), Some([0xE2, 0x94, 0x82 | 0x83] | [0xE2, 0x95, 0x91] | [0xEF, 0xBD, 0x9C])))
}

/// A cell of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Cell<'a> {
    /// The cell's text with surrounding spaces trimmed (may be empty).
    pub text: &'a str,
    /// The character column where the cell's text starts (0-based), for
    /// text laid out with spaces (0 for tab and pipe cells).
    pub column: usize,
}

/// Iterator over the cells of a line; see [`Line::cells`].
#[derive(Clone, Debug)]
pub struct Cells<'a> {
    rest: Option<&'a str>,
    line: &'a str,
    sep: Separator,
    /// Bytes of `line` whose characters have been counted, and how many.
    counted: (usize, usize),
}

impl<'a> Cells<'a> {
    fn new(raw: &'a str) -> Self {
        let b = raw.as_bytes();
        let sep = match memchr::memchr2(b'\t', b'|', b) {
            Some(i) if b.get(i) == Some(&b'\t') => Separator::Tab,
            Some(i) if b.get(i..).is_some_and(|rest| memchr::memchr(b'\t', rest).is_some()) => Separator::Tab,
            Some(_) => Separator::Pipe,
            None if has_bar(raw) => Separator::Bar,
            None => Separator::Spaces,
        };
        let mut body = raw;
        if sep == Separator::Pipe {
            // A row that starts with `|` has a border (markdown); a row that
            // starts with spaces and then `|` has an empty first cell.
            let whole = raw.trim_end_matches(is_space);
            let t = whole.strip_prefix('|').unwrap_or(whole);
            body = t.strip_suffix('|').unwrap_or(t);
            if t.is_empty() || Line::is_rule_text(trim(whole)) {
                return Cells { rest: None, line: raw, sep, counted: (0, 0) };
            }
        }
        if sep == Separator::Bar {
            // The border bars at either end open and close the row.
            let t = trim(raw);
            let t = t.strip_prefix(is_bar).unwrap_or(t);
            body = t.strip_suffix(is_bar).unwrap_or(t);
            if t.is_empty() || Line::is_rule_text(t) {
                return Cells { rest: None, line: raw, sep, counted: (0, 0) };
            }
        }
        Cells { rest: Some(body), line: raw, sep, counted: (0, 0) }
    }

    /// The separator this line uses.
    pub fn separator(&self) -> Separator {
        self.sep
    }

    /// The character column of `part`; cells are visited left to right, so
    /// counting resumes where the last cell left off (linear in the line).
    fn column_of(&mut self, part: &str) -> usize {
        let off = (part.as_ptr() as usize).saturating_sub(self.line.as_ptr() as usize);
        let (from, chars) = self.counted;
        let more = self.line.get(from..off).map_or(0, |p| p.chars().count());
        self.counted = (off.max(from), chars + more);
        self.counted.1
    }
}

impl Line<'_> {
    /// See [`Line::is_table_rule`].
    fn is_rule_text(t: &str) -> bool {
        // A rule of box drawing: `├────┼────┤`, `└───┘` (U+25xx).
        if t.as_bytes().first() == Some(&0xE2) && t.starts_with(|c| is_bar(c) || is_box_rule(c)) {
            return t.chars().all(|c| is_bar(c) || is_box_rule(c) || is_space(c)) && t.contains(is_box_rule);
        }
        if is_grid_rule_text(t) {
            return true;
        }
        // (Most lines fail at their first character.)
        t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
            && (t.contains("--")
                || t.contains(":-")
                || t.contains("-:")
                || (t.starts_with('|') && t.split('|').filter(|c| c.contains('-')).count() >= 2))
    }
}

impl<'a> Iterator for Cells<'a> {
    type Item = Cell<'a>;

    fn next(&mut self) -> Option<Cell<'a>> {
        let rest = self.rest?;
        match self.sep {
            Separator::Tab | Separator::Pipe => {
                // The separator is one ASCII byte: memchr finds it.
                let sep = if self.sep == Separator::Tab { b'\t' } else { b'|' };
                // Most cells are one printable ASCII character (`0`), bare
                // or padded with one space each side (`| 0 |`): read
                // without a search.
                let b = rest.as_bytes();
                let short = match b {
                    [c, s, ..] if *s == sep && c.is_ascii_graphic() && *c != sep && *c != b'"' => Some((0, 1)),
                    [b' ', c, b' ', s, ..] if *s == sep && c.is_ascii_graphic() && *c != sep && *c != b'"' => {
                        Some((1, 3))
                    }
                    _ => None,
                };
                if let Some((at, len)) = short {
                    self.rest = rest.get(len + 1..);
                    return Some(Cell { text: rest.get(at..at + 1).unwrap_or(""), column: 0 });
                }
                let (cell, after) = match memchr::memchr(sep, rest.as_bytes()) {
                    Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i + 1..)),
                    None => (rest, None),
                };
                self.rest = after;
                // Tab and pipe cells are placed by their index; only text
                // laid out with spaces needs character columns. A cell in
                // double quotes (as a CSV writer quotes every cell) is its
                // text inside them.
                let t = trim(cell);
                let t = t.strip_prefix('"').and_then(|i| i.strip_suffix('"')).map_or(t, trim);
                Some(Cell { text: t, column: 0 })
            }
            Separator::Bar => {
                let (cell, after) = match rest.char_indices().find(|&(_, c)| is_bar(c)) {
                    Some((i, c)) => (rest.get(..i).unwrap_or(""), rest.get(i + c.len_utf8()..)),
                    None => (rest, None),
                };
                self.rest = after;
                Some(Cell { text: trim(cell), column: 0 })
            }
            Separator::Spaces => {
                let start = rest.trim_start_matches(is_space);
                if start.is_empty() {
                    self.rest = None;
                    return None;
                }
                // A cell ends at a run of spaces two columns wide: two
                // spaces, or one ideographic space (which is double width).
                let mut end = start.len();
                let mut run: Option<(usize, usize)> = None; // (start, width)
                for (i, c) in start.char_indices() {
                    if is_space(c) {
                        let w = if c == '\u{3000}' { 2 } else { 1 };
                        let (s, width) = run.map_or((i, w), |(s, width)| (s, width + w));
                        if width >= 2 {
                            end = s;
                            break;
                        }
                        run = Some((s, width));
                    } else {
                        run = None;
                    }
                }
                let (cell, after) = start.split_at(end);
                self.rest = Some(after);
                let text = trim(cell);
                Some(Cell { text, column: self.column_of(text) })
            }
        }
    }
}

/// The result of [`lex`]: the text and where its lines start.
///
/// Each line's bounds are found once, when lexing (a text of a million
/// short lines costs twenty-four bytes a line); [`Lexed::line`] builds a
/// [`Line`] from them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Lexed<'a> {
    /// The decoded text.
    pub text: &'a str,
    bounds: Vec<Bounds>,
    /// For text made from another source (a web page): per line, the
    /// 1-based line of that source.
    origins: Option<Vec<usize>>,
}

impl<'a> Lexed<'a> {
    /// How many lines, blank ones included.
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// The 1-based line of the original source for line `number` of the
    /// text: the same number, unless the text was made from a web page.
    pub fn source_line(&self, number: usize) -> usize {
        match &self.origins {
            Some(o) => number.checked_sub(1).and_then(|i| o.get(i)).copied().unwrap_or(number),
            None => number,
        }
    }

    /// The line at 0-based index `i`.
    pub fn line(&self, i: usize) -> Option<Line<'a>> {
        let b = self.bounds.get(i)?;
        let start = b.start;
        if b.level == Bounds::UNKNOWN {
            // A line too long for the bounds' widths: measured again.
            let next = self.bounds.get(i + 1).map_or(self.text.len(), |n| n.start);
            let seg = self.text.get(start..next)?;
            let raw = seg.strip_suffix("\r\n").or_else(|| seg.strip_suffix('\n')).or_else(|| seg.strip_suffix('\r'));
            return Some(make_line(i + 1, start, raw.unwrap_or(seg)));
        }
        let raw = self.text.get(start..start + b.raw as usize)?;
        let from = b.content as usize;
        let content = raw.get(from..from + b.content_len as usize)?;
        Some(Line { number: i + 1, start, raw, level: b.level, content })
    }

    /// Every line, in order.
    pub fn lines(&self) -> impl Iterator<Item = Line<'a>> + '_ {
        (0..self.len()).filter_map(|i| self.line(i))
    }

    /// The lines at 0-based indices `range`.
    pub fn range(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = Line<'a>> + '_ {
        range.filter_map(|i| self.line(i))
    }
}

/// Splits text into lines, each with its heading level and content.
///
/// ```
/// let lexed = xxgk::lex::lex("# 标题\r\n\r\n正文\r最后");
/// assert_eq!(lexed.len(), 4);
/// let first = lexed.line(0).unwrap();
/// assert_eq!((first.level, first.content), (1, "标题"));
/// let last = lexed.line(3).unwrap();
/// assert_eq!((last.number, last.content), (4, "最后"));
/// ```
pub fn lex(text: &str) -> Lexed<'_> {
    let mut bounds = Vec::with_capacity(text.len() / 40 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let rest = bytes.get(start..).unwrap_or(&[]);
        let (len, eol) = match memchr2(b'\n', b'\r', rest) {
            Some(i) => {
                let crlf = rest.get(i) == Some(&b'\r') && rest.get(i + 1) == Some(&b'\n');
                (i, if crlf { 2 } else { 1 })
            }
            None => (rest.len(), 0),
        };
        bounds.push(Bounds::of(text, start, len));
        start += len + eol;
    }
    Lexed { text, bounds, origins: None }
}

/// Where a line's raw text and its content lie: the line from `start`,
/// `raw` bytes long; its content `content` bytes into it, `content_len`
/// long; its heading level. A line too long for these widths keeps
/// `UNKNOWN` as its level, and is measured again when asked for.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    start: usize,
    raw: u32,
    content: u32,
    content_len: u32,
    level: u8,
}

impl Bounds {
    /// The level of a line whose bounds were not kept.
    const UNKNOWN: u8 = u8::MAX;

    fn of(text: &str, start: usize, len: usize) -> Bounds {
        let unknown = Bounds { start, raw: 0, content: 0, content_len: 0, level: Bounds::UNKNOWN };
        let (Ok(raw_len), Some(raw)) = (u32::try_from(len), text.get(start..start + len)) else {
            return unknown;
        };
        let line = make_line(0, start, raw);
        let offset = (line.content.as_ptr() as usize).wrapping_sub(raw.as_ptr() as usize);
        match (u32::try_from(offset), u32::try_from(line.content.len())) {
            (Ok(content), Ok(content_len)) if line.level != Bounds::UNKNOWN => {
                Bounds { start, raw: raw_len, content, content_len, level: line.level }
            }
            _ => unknown,
        }
    }
}

/// Splits text made from another source (a web page) into lines, with the
/// source line of each: see [`Lexed::source_line`].
pub fn lex_with_origins(text: &str, origins: Vec<usize>) -> Lexed<'_> {
    let mut lexed = lex(text);
    lexed.origins = Some(origins);
    lexed
}

/// Lines of a text whose whitespace a scraper collapsed: when one line
/// holds more than half the text, runs to over 500 characters and has 30
/// runs of spaces or more (a whole page joined by spaces: `… 二、主动公开
/// 政府信息情况 第二十条第（一）项 信息内容 … 规章 0 0 3 …`), the same
/// text with a line break in place of the first space of each of that
/// line's runs, padded with spaces to the space's width so that every byte
/// offset stays. `None` for other texts (nearly all: a paragraph has few
/// spaces).
///
/// ```
/// let page = format!("某局2021年政府信息公开工作年度报告 {}", "一、总体情况 无 ".repeat(60));
/// let text = xxgk::lex::unflatten(&page).expect("one long line");
/// assert!(text.starts_with("某局2021年政府信息公开工作年度报告\n一、总体情况\n无\n"));
/// assert_eq!(text.len(), page.len());
/// ```
pub fn unflatten(text: &str) -> Option<String> {
    // A line over half the text holds its middle byte: only that line is
    // looked at.
    let bytes = text.as_bytes();
    let mid = bytes.len() / 2;
    let start = memchr::memrchr(b'\n', bytes.get(..mid)?).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', bytes.get(mid..)?).map_or(bytes.len(), |i| mid + i);
    let long = start..end;
    let line = text.get(long.clone())?;
    if line.len() * 2 <= text.len() || line.chars().nth(500).is_none() {
        return None;
    }
    let runs = line.split(is_space).filter(|p| !p.is_empty()).count().saturating_sub(1);
    if runs < 30 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..long.start)?);
    let mut in_run = false;
    for c in line.chars() {
        if is_space(c) && c != '\r' {
            if !in_run {
                out.push('\n');
                (1..c.len_utf8()).for_each(|_| out.push(' '));
            } else {
                out.push(c);
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out.push_str(text.get(long.end..)?);
    Some(out)
}

fn memchr2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr2(a, b, hay)
}

fn heading_marker(input: &str) -> IResult<&str, usize> {
    let (rest, hashes) = take_while(|c| c == '#').parse(input)?;
    Ok((rest, hashes.len()))
}

fn make_line(number: usize, start: usize, raw: &str) -> Line<'_> {
    let t = trim(raw);
    if !t.starts_with(['#', '*', '_']) {
        return Line { number, start, raw, level: 0, content: t };
    }
    let (level, content) = match heading_marker(t) {
        Ok((rest, n)) if (1..=6).contains(&n) && (rest.is_empty() || rest.starts_with(is_space)) => {
            (n as u8, trim(rest))
        }
        _ => (0, t),
    };
    Line { number, start, raw, level, content: unemphasized(content) }
}

/// A line's text without the markdown emphasis around all of it
/// (`**一、总体情况**`, `__…__`, `*…*`), as converters write a bold
/// heading.
fn unemphasized(mut t: &str) -> &str {
    for mark in ["**", "__", "*", "_"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|r| r.strip_suffix(mark)) {
            if !trim(inner).is_empty() {
                t = trim(inner);
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<&str> {
        lex(line).line(0).unwrap().cells().map(|c| c.text).collect()
    }

    #[test]
    fn tab_cells_keep_empty_ones() {
        assert_eq!(texts("规章\t0\t\t0\t"), ["规章", "0", "", "0", ""]);
    }

    #[test]
    fn box_drawn_rows_split_at_their_bars() {
        assert_eq!(texts("│（一）予以公开 │ 61 │ 1 │ － │"), ["（一）予以公开", "61", "1", "－"]);
        assert_eq!(texts("｜规章｜0｜｜5｜"), ["规章", "0", "", "5"]);
        // A spanning label beside a rule: the rule's stretches are cells of
        // their own, which the tables layer skips.
        assert_eq!(texts("│        │(三) ├─────┼───┤"), ["", "(三)", "─────", "───"]);
        assert!(is_rule_cell("─────") && !is_rule_cell("(三)") && !is_rule_cell(""));
        for rule in ["├───────┼──────┤", "┌──┬──┐", "└───┴───┘", "╞═══╪═══╡"]
        {
            let l = lex(rule);
            assert!(l.line(0).unwrap().is_table_rule(), "{rule}");
        }
        assert!(!lex("│ 规章 │").line(0).unwrap().is_table_rule());
        for rule in ["+-----+----+", "+=====+====+", "+:---+---:+"] {
            assert!(lex(rule).line(0).unwrap().is_table_rule(), "{rule}");
        }
        assert!(!lex("+5").line(0).unwrap().is_table_rule() && !lex("+ - +").line(0).unwrap().is_table_rule());
        assert_eq!(texts("│──│──│"), Vec::<&str>::new());
        assert_eq!(lex("│a│b│").line(0).unwrap().cells().separator(), Separator::Bar);
        // Text laid out by spaces stays so.
        assert_eq!(lex("规章  0  5").line(0).unwrap().cells().separator(), Separator::Spaces);
        assert!(has_cell_separator("a│b") && has_cell_separator("a\tb") && !has_cell_separator("a  b"));
    }

    #[test]
    fn one_character_cells_read_as_any_cell() {
        // (Read without a search: the same cells as the general way.)
        assert_eq!(texts("规章\t0\t5\t\t7"), ["规章", "0", "5", "", "7"]);
        assert_eq!(texts("| 规章 | 0 | 5 |  | 7 |"), ["规章", "0", "5", "", "7"]);
        assert_eq!(texts("| a |b| \" | 1 |"), ["a", "b", "\"", "1"]);
        assert_eq!(texts("x\t\"\t\"1\"\t 2\t3 \t"), ["x", "\"", "1", "2", "3", ""]);
    }

    #[test]
    fn emphasis_around_a_line_is_not_its_text() {
        let l = lex("**一、总体情况**\n  __二、主动公开政府信息情况__ \n## **三、收到**\n*\n**注**：见下\n");
        let content: Vec<&str> = l.lines().map(|x| x.content).collect();
        assert_eq!(content, ["一、总体情况", "二、主动公开政府信息情况", "三、收到", "*", "**注**：见下"]);
        assert_eq!(normalize("**规章**"), "规章");
    }

    #[test]
    fn quoted_cells_are_their_text() {
        assert_eq!(texts("\"规章\"\t\"0\"\t\"\"\t \"3\" "), ["规章", "0", "", "3"]);
        assert_eq!(texts("\"\t3"), ["\"", "3"]);
    }

    #[test]
    fn pipe_and_markdown_rows() {
        assert_eq!(texts("规章 | 0 |  | 3 |"), ["规章", "0", "", "3"]);
        assert_eq!(texts("| 规章 | 0 | 3 |"), ["规章", "0", "3"]);
        assert_eq!(texts(" |  | 10 |"), ["", "", "10"]);
        assert!(texts("|---|---|---|").is_empty());
        assert!(lex("|---|:---:|").line(0).unwrap().is_table_rule());
        assert!(lex("| :-: | -: |").line(0).unwrap().is_table_rule());
        assert!(lex("|-|-|").line(0).unwrap().is_table_rule());
        // Lone dashes are the blank marker `-` in cells, not a rule.
        for row in ["- |", "- | - |", "| - |", " | - |"] {
            assert!(!lex(row).line(0).unwrap().is_table_rule(), "{row}");
            assert!(texts(row).contains(&"-"), "{row}");
        }
    }

    #[test]
    fn layout_columns_split_on_two_spaces() {
        let l = lex("  行政许可          447228   商业 企业");
        let cells: Vec<_> = l.line(0).unwrap().cells().collect();
        assert_eq!(cells.iter().map(|c| c.text).collect::<Vec<_>>(), ["行政许可", "447228", "商业 企业"]);
        assert_eq!(cells[1].column, 16);
    }

    #[test]
    fn heading_levels() {
        let l = lex("#### 四、政府信息公开行政复议、行政诉讼情况\n#标签\n");
        assert_eq!(l.line(0).unwrap().level, 4);
        assert_eq!(l.line(1).unwrap().level, 0);
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "a\r\nb\tc\n";
        let l = lex(text);
        let line = l.line(1).unwrap();
        assert_eq!(line.span().slice(text), "b\tc");
        let c = line.cells().nth(1).unwrap();
        assert_eq!(line.span_of(c.text).slice(text), "c");
    }
}
