//! A table as a stream of cells.
//!
//! Line structure is the least reliable thing in scraped text: a label
//! wraps, a row's figures sit on the next line, every cell has its own
//! line, a page footer cuts a row. What survives is the order of the cells.
//! [`tokenize`] turns a table's lines into tokens — text, figures, empty
//! cells, noise — and [`runs`] groups them into runs of text followed by the
//! figures that come after it: a row label's figures are the figures that
//! follow it, up to the next text. Tables drawn with rules give a little
//! more: a row between two rules is one row however many lines it wraps
//! over, and a table under rules of dashes has its cells where its columns
//! stand.

use super::figure::{self, CellClass, Figure, Marker, Number};
use super::label;
use crate::lex::{Lexed, Line, Separator, Span, is_space};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::ops::Range;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    /// Label or header text.
    Text,
    /// A figure or a blank marker (not an empty cell).
    Figure(Figure),
    /// An empty cell: a blank, a placeholder of a spanning label, or
    /// padding; the reader decides.
    Empty,
    /// A page footer or page number inside the table.
    Noise,
}

/// The most consecutive empty cells kept: more than the widest row of the
/// template (table 四's 15 figures) with its placeholders and padding.
const MAX_EMPTY_RUN: usize = 32;

/// One cell, or one part of a cell, of a table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'a> {
    pub kind: Kind,
    /// The original text, trimmed: a slice of the decoded document (an
    /// empty cell is an empty slice where it stands), so its span is where
    /// it points.
    pub text: &'a str,
    /// 1-based line number.
    ln: u32,
    /// For text: the vocabulary's rows, groups and headers it matches
    /// ([`label::scan_label`]).
    pub bits: u64,
    /// The 0-based index of the cell on its line, for tab- and
    /// pipe-separated lines (not for parts of a cell).
    pub cell: Option<u16>,
}

impl<'a> Token<'a> {
    /// The token's figure as a count: a blank is 0; `None` when not a
    /// figure, unreadable, or not a whole number.
    pub(crate) fn count(&self) -> Option<i64> {
        match self.kind {
            Kind::Figure(Figure::Number(n, _)) => n.as_i64(),
            Kind::Figure(Figure::Blank(_)) => Some(0),
            _ => None,
        }
    }

    fn new(kind: Kind, text: &'a str, line: usize, cell: Option<u16>) -> Self {
        Token { kind, text, ln: u32::try_from(line).unwrap_or(u32::MAX), bits: 0, cell }
    }

    /// The 1-based line number.
    pub fn line(&self) -> usize {
        self.ln as usize
    }

    /// The token's span in `doc`, the decoded document it was read from.
    pub fn span(&self, doc: &str) -> Span {
        let start = (self.text.as_ptr() as usize).saturating_sub(doc.as_ptr() as usize).min(doc.len());
        Span { start, end: start + self.text.len() }
    }

    /// True for a figure or a blank marker: a value the row certainly has.
    pub fn is_definite(&self) -> bool {
        matches!(self.kind, Kind::Figure(_))
    }

    /// True for a plain number of two characters or more that is not a
    /// whole cell of a tab- or pipe-separated line: in PDF text, perhaps
    /// one-digit cells run together.
    pub(crate) fn may_be_cells_run_together(&self) -> bool {
        matches!(self.kind, Kind::Figure(Figure::Number(_, None)))
            && self.cell.is_none()
            && self.text.chars().nth(1).is_some()
    }

    /// True for a number that can only be several cells run together: two
    /// or more digits, the first a 0 (`00000`, `00011`), as no count is
    /// printed.
    pub(crate) fn is_surely_cells_run_together(&self) -> bool {
        matches!(self.kind, Kind::Figure(Figure::Number(_, None)))
            && self.text.starts_with(['0', '０'])
            && self.text.chars().nth(1).is_some()
            && self.text.chars().all(|c| figure::digit_value(c).is_some())
    }

    /// True for zeros run together in one token (`00`, `０0`), which PDF
    /// text gives for several cells.
    pub(crate) fn is_zero_run(&self) -> bool {
        matches!(self.kind, Kind::Figure(Figure::Number(n, None)) if n.mantissa() == 0)
            && self.text.chars().nth(1).is_some()
            && self.text.chars().all(|c| c == '0' || c == '０')
    }
}

/// True when the region reads like copied web-page text: every cell a
/// paragraph of its own, separated by blank lines, so that an empty cell is
/// one more pair of blank lines.
pub(crate) fn is_cell_lines(lexed: &Lexed<'_>, lines: &Range<usize>) -> bool {
    let mut nonblank = 0usize;
    let mut separated = 0usize;
    // Lines of several cells laid out by spaces (`（七）总计   142   4 …`):
    // rows a blank line apart, as some HTML-to-text tools leave them, not
    // cells.
    let mut laid_out = 0usize;
    let mut prev_nonblank = false;
    // A header cell wrapped in its paragraph (`结果` / `纠正`): two short
    // lines of words, one after the other, are one cell.
    let short_words = |t: &str| !t.bytes().any(|b| b.is_ascii_digit()) && t.chars().count() <= 8;
    let mut prev_short = false;
    for l in lexed.range(lines.clone()) {
        if l.is_blank() {
            if prev_nonblank {
                separated += 1;
            }
            prev_nonblank = false;
            prev_short = false;
            continue;
        }
        if crate::lex::has_cell_separator(l.raw) {
            return false;
        }
        let short = short_words(l.content);
        if prev_nonblank && prev_short && short {
            prev_short = false;
            continue;
        }
        prev_short = short;
        laid_out += usize::from(memchr::memmem::find(l.content.as_bytes(), b"  ").is_some());
        nonblank += 1;
        prev_nonblank = true;
    }
    nonblank >= 8 && separated * 10 >= nonblank * 8 && laid_out * 5 <= nonblank
}

/// The one cell of a line that is a cell and a separator, as some page
/// scrapers give a table's cells each on a line: `5125 |` (` |` for an
/// empty cell) or `5125` and a tab (a tab alone for an empty cell). The
/// cell's text, trimmed; `None` for other lines.
fn line_cell<'a>(line: &Line<'a>) -> Option<&'a str> {
    if let Some(body) = line.content.strip_suffix('|') {
        return (!body.contains(['|', '\t'])).then(|| crate::lex::trim(body));
    }
    let body = line.raw.trim_end_matches(['\r', ' ']).strip_suffix('\t')?;
    (!body.contains(['|', '\t'])).then(|| crate::lex::trim(body))
}

/// True when the region's table comes a cell a line (see [`line_cell`]):
/// at least eight such lines, and nine in ten of its non-blank lines.
pub(crate) fn is_bar_cell_lines(lexed: &Lexed<'_>, lines: &Range<usize>) -> bool {
    let (mut nonblank, mut cells) = (0usize, 0usize);
    for l in lexed.range(lines.clone()).filter(|l| !l.is_blank()) {
        nonblank += 1;
        cells += usize::from(line_cell(&l).is_some());
        // More lines of other kinds than a tenth of the region: not so.
        if (nonblank - cells) * 10 > lines.len() {
            return false;
        }
    }
    cells >= 8 && cells * 10 >= nonblank * 9
}

/// Cells longer than this are not remembered.
const MEMO_MAX_LEN: usize = 160;
/// The memo is emptied when it holds this many cells, to bound memory.
const MEMO_MAX_ENTRIES: usize = 16_384;

type Readings = FxHashMap<Box<str>, (Kind, u64)>;

thread_local! {
    /// Per thread: a cell's text → what it reads as (one token).
    static MEMO: RefCell<Readings> = RefCell::new(FxHashMap::default());
}

/// The cells of one table being read: a scratch buffer, and the thread's
/// memo of cell readings, borrowed once for the table (none if it is
/// borrowed already).
struct Scratch<'m> {
    buf: String,
    memo: Option<&'m mut Readings>,
}

/// What the memo holds for `text`.
fn recall(memo: &Option<&mut Readings>, text: &str) -> Option<(Kind, u64)> {
    if text.len() > MEMO_MAX_LEN {
        return None;
    }
    memo.as_ref().and_then(|m| m.get(text).copied())
}

/// Puts a cell's reading in the memo.
fn remember(memo: &mut Option<&mut Readings>, text: &str, kind: Kind, bits: u64) {
    if text.len() > MEMO_MAX_LEN {
        return;
    }
    if let Some(m) = memo.as_mut() {
        if m.len() >= MEMO_MAX_ENTRIES {
            m.clear();
        }
        m.insert(text.into(), (kind, bits));
    }
}

/// The value of digits grouped by thousands with spaces (`4 318`): a
/// first group of one to three digits, then groups of three, one space
/// (any space character) between. `None` for anything else.
fn spaced_thousands(text: &str) -> Option<i64> {
    let mut groups = text.split(is_space).filter(|g| !g.is_empty());
    let first = groups.next()?;
    let mut v: i64 = 0;
    let mut n = 0usize;
    let digits = |g: &str, v: &mut i64| -> Option<usize> {
        let mut k = 0;
        for c in g.chars() {
            *v = v.checked_mul(10)?.checked_add(i64::from(figure::digit_value(c)?))?;
            k += 1;
        }
        Some(k)
    };
    if !(1..=3).contains(&digits(first, &mut v)?) {
        return None;
    }
    for g in groups {
        if digits(g, &mut v)? != 3 {
            return None;
        }
        n += 1;
    }
    (n > 0).then_some(v)
}

/// One digit repeated in alternating widths, ASCII and full-width (`１1`,
/// `０0０`): each glyph a cell. PDF text draws full-width and ASCII digits
/// in two fonts, and cells of the two fonts may come glued; no printed
/// number mixes them, and a glyph whose neighbours are of the other width
/// is a cell of its own. (Their order as drawn need not be their order on
/// the page, which one digit repeated makes moot; other mixes, `2０0`,
/// `０0００`, are left to the readings that weigh them.) `None` for
/// anything else.
fn width_runs(text: &str) -> Option<Vec<&str>> {
    let wide = |c: char| ('０'..='９').contains(&c);
    let mut chars = text.chars();
    let first = chars.next().and_then(figure::digit_value)?;
    let mut prev = text.chars().next().is_some_and(wide);
    for c in chars {
        if figure::digit_value(c) != Some(first) || wide(c) == prev {
            return None;
        }
        prev = wide(c);
    }
    if text.chars().count() < 2 {
        return None;
    }
    let mut runs = Vec::new();
    let mut start = 0usize;
    let mut prev: Option<bool> = None;
    for (i, c) in text.char_indices() {
        if prev.is_some_and(|p| p != wide(c)) {
            runs.push(text.get(start..i)?);
            start = i;
        }
        prev = Some(wide(c));
    }
    runs.push(text.get(start..)?);
    Some(runs)
}

/// Splits a cell's text into tokens: a cell such as `0 0 0` or
/// `1.属于国家秘密 0 0 0` holds several; a cell such as `商业 企业` is one.
fn push_cell<'a>(out: &mut Vec<Token<'a>>, text: &'a str, line: usize, cell: Option<u16>, scratch: &mut Scratch<'_>) {
    let one = |kind| Token::new(kind, text, line, cell);
    // Most cells are plain digits: read at once (a run of zeros such as
    // `000` is several cells run together, left to `classify`).
    let b = text.as_bytes();
    if (1..=18).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) && (b.len() == 1 || b.iter().any(|&d| d != b'0'))
    {
        let v = b.iter().fold(0i64, |v, &d| v * 10 + i64::from(d - b'0'));
        out.push(one(Kind::Figure(Figure::Number(super::figure::Number::int(v), None))));
        return;
    }
    // Digits of two widths run together in text laid out by spaces
    // (`１1`): two cells of two fonts glued (never memoized).
    if cell.is_none() {
        if let Some(runs) = width_runs(text) {
            for run in runs {
                let f = figure::figure(run, &mut scratch.buf).unwrap_or(Figure::Unreadable);
                out.push(Token::new(Kind::Figure(f), run, line, None));
            }
            return;
        }
    }
    // Labels repeat from report to report: a cell seen before is read from
    // the memo, without normalizing it again.
    let Scratch { buf, memo } = scratch;
    if let Some((kind, bits)) = recall(memo, text) {
        out.push(Token { bits, ..one(kind) });
        return;
    }
    // A whole cell of a tab- or pipe-separated line whose digits are
    // grouped by spaces (`4 318`, `1 000 000`) is one number: cells are
    // apart by the separator, never by a space inside one. (Never in the
    // memo: elsewhere such a cell is split.)
    if cell.is_some() && text.chars().next().and_then(figure::digit_value).is_some() {
        if let Some(v) = spaced_thousands(text) {
            out.push(one(Kind::Figure(Figure::Number(super::figure::Number::int(v), None))));
            return;
        }
    }
    // The memo holds only cells read as one token: a cell split into parts
    // must be split again the next time.
    let labelled = |buf: &str| Token { bits: label::scan_label(buf), ..one(Kind::Text) };
    let whole_text = |out: &mut Vec<Token<'a>>, t: Token<'a>, memo: &mut Option<&mut Readings>| {
        remember(memo, text, Kind::Text, t.bits);
        out.push(t);
    };
    match figure::classify(text, buf) {
        CellClass::Empty => {
            out.push(one(Kind::Empty));
            return;
        }
        CellClass::Noise => {
            out.push(one(Kind::Noise));
            return;
        }
        CellClass::Zeros => {
            let t = crate::lex::trim(text);
            let zero = Kind::Figure(Figure::Number(super::figure::Number::int(0), None));
            for (k, c) in t.char_indices() {
                out.push(Token::new(zero, t.get(k..k + c.len_utf8()).unwrap_or(""), line, None));
            }
            return;
        }
        CellClass::Figure(f) => {
            remember(memo, text, Kind::Figure(f), 0);
            out.push(one(Kind::Figure(f)));
            return;
        }
        CellClass::Text if !text.contains(is_space) => {
            whole_text(out, labelled(buf), memo);
            return;
        }
        CellClass::Text => {}
    }
    let whole = labelled(buf);
    // Several parts: figures stand alone, neighbouring text parts join.
    let base = text.as_ptr() as usize;
    let mut parts: Vec<(&'a str, Option<Figure>)> = Vec::new();
    for whole in text.split(is_space).filter(|p| !p.is_empty()) {
        // (Digits of two widths run together, `１1`, are two cells: see
        // `width_runs`.)
        for part in width_runs(whole).unwrap_or_else(|| vec![whole]) {
            // (Blank markers run into figures, `／0`, stand alone too: the
            // tables that count split them, see `split_dashed_blanks`.)
            let f = figure::figure(part, buf).or_else(|| figure::is_glued_markers(part).then_some(Figure::Unreadable));
            parts.push((part, f));
        }
    }
    // (So do blank markers that end the cell after its text: `上年结转…
    // － － －` is a label and three blank cells, in text that separates
    // cells by one space; `说明 - 无` is text.)
    let blank = |f: &Option<Figure>| matches!(f, Some(Figure::Blank(m)) if *m != Marker::None);
    let blanks_end = parts.iter().rev().take_while(|(_, f)| blank(f)).count();
    // (A cell of blanks alone, `无 无`, is blank cells too.)
    let numbers = parts.iter().any(|(_, f)| matches!(f, Some(Figure::Number(..))))
        || (blanks_end > 0 && !parts.iter().rev().skip(blanks_end).any(|(_, f)| blank(f)))
        || parts.iter().all(|(_, f)| matches!(f, Some(Figure::Blank(_))));
    if !numbers {
        whole_text(out, whole, memo);
        return;
    }
    let mut text_start: Option<(usize, usize)> = None; // byte range within text
    let flush = |out: &mut Vec<Token<'a>>, r: Option<(usize, usize)>, buf: &mut String| {
        if let Some((s, e)) = r {
            let part = text.get(s..e).unwrap_or("");
            buf.clear();
            crate::lex::normalize_into(part, buf);
            out.push(Token { bits: label::scan_label(buf), ..Token::new(Kind::Text, part, line, None) });
        }
    };
    for (part, f) in parts {
        let s = part.as_ptr() as usize - base;
        let e = s + part.len();
        // (`无` right after text is the text's: `（四） 无` of `无法提供`
        // broken; after a figure, or first, it is a blank cell: `无 0`.)
        let as_figure = match f {
            Some(Figure::Blank(Marker::None)) if text_start.is_some() => None,
            other => other,
        };
        match as_figure {
            Some(f) => {
                flush(out, text_start.take(), buf);
                out.push(Token::new(Kind::Figure(f), part, line, None));
            }
            None => {
                text_start = Some(text_start.map_or((s, e), |(s0, _)| (s0, e)));
            }
        }
    }
    flush(out, text_start, buf);
}

/// Turns a table's lines into tokens.
///
/// `row_mask` holds the bits of the table's row labels: a line with neither a
/// figure nor a row label (a header line) keeps no empty cells.
pub(crate) fn tokenize<'a>(lexed: &Lexed<'a>, lines: Range<usize>, row_mask: u64) -> Vec<Token<'a>> {
    MEMO.with(|m| {
        let mut memo = m.try_borrow_mut().ok();
        let mut scratch = Scratch { buf: String::new(), memo: memo.as_deref_mut() };
        tokenize_with(lexed, lines, row_mask, &mut scratch)
    })
}

fn tokenize_with<'a>(
    lexed: &Lexed<'a>,
    lines: Range<usize>,
    row_mask: u64,
    scratch: &mut Scratch<'_>,
) -> Vec<Token<'a>> {
    // A table row holds about eight cells: reserved once, not regrown.
    let mut out: Vec<Token<'a>> = Vec::with_capacity(lines.len().saturating_mul(8).min(1 << 16));
    let cell_lines = is_cell_lines(lexed, &lines);
    let bar_lines = !cell_lines && is_bar_cell_lines(lexed, &lines);
    let last = lines.end.checked_sub(1).and_then(|i| lexed.line(i));
    let mut blank_run = 0usize;
    let mut seen_cell = false;
    // The last line (1-based) of a row of box drawing read as one.
    let mut merged_to = 0usize;
    let lines_end = lines.end;
    // A table laid out under rules of dashes (pandoc's simple tables): the
    // line (1-based) of its closing rule, and its columns.
    let mut dashed: Option<(usize, Vec<usize>)> = None;
    // Whether the line before was an ASCII grid's rule (`+---+`).
    let mut after_grid_rule = false;
    for line in lexed.range(lines) {
        if bar_lines {
            // A cell a line: an empty one (` |`, a tab alone) is an empty
            // cell.
            match line_cell(&line) {
                Some("") => {
                    out.push(Token::new(Kind::Empty, line.raw.get(..0).unwrap_or(""), line.number, None));
                    continue;
                }
                Some(text) => {
                    push_cell(&mut out, text, line.number, None, scratch);
                    continue;
                }
                None => {}
            }
        }
        if line.is_blank() {
            blank_run += 1;
            after_grid_rule = false;
            continue;
        }
        if cell_lines {
            // Between two paragraphs one blank line separates; each further
            // pair of blank lines is an empty paragraph, an empty cell.
            if seen_cell {
                for _ in 0..(blank_run.saturating_sub(1) / 2).min(MAX_EMPTY_RUN) {
                    // An empty slice where the next paragraph starts.
                    let here = line.raw.get(..0).unwrap_or("");
                    out.push(Token::new(Kind::Empty, here, line.number.saturating_sub(1), None));
                }
            }
            blank_run = 0;
            seen_cell = true;
            push_cell(&mut out, line.content, line.number, None, scratch);
            continue;
        }
        blank_run = 0;
        if line.is_table_rule() {
            after_grid_rule = crate::lex::is_grid_rule_text(line.content);
            if let Some(starts) = dash_columns(line.raw) {
                dashed = match dashed.take() {
                    // The closing rule.
                    Some((close, _)) if close == line.number => None,
                    // An opening rule: read by its columns when a rule of the
                    // same columns closes the table.
                    _ => closing_rule(lexed, line.number, lines_end, &starts).map(|close| (close, starts)),
                };
            }
            continue;
        }
        let above_grid = std::mem::take(&mut after_grid_rule);
        if let Some((_, starts)) = dashed.as_ref().filter(|(close, _)| line.number < *close) {
            // A line of such a table: its cells are what stands under each
            // column's dashes.
            let start = out.len();
            for (k, cell) in cells_by_columns(line.raw, starts).into_iter().enumerate() {
                let index = u16::try_from(k).ok();
                if cell.is_empty() {
                    out.push(Token::new(Kind::Empty, cell, line.number, index));
                } else {
                    push_cell(&mut out, cell, line.number, index, scratch);
                }
            }
            // (A line of no figure and no row label keeps no empty cell.)
            let toks = out.get(start..).unwrap_or(&[]);
            let keep = toks.iter().any(|t| t.is_definite() || (t.kind == Kind::Text && t.bits & row_mask != 0));
            if !keep {
                retain_from(&mut out, start, |_, t| t.kind != Kind::Empty);
            }
            continue;
        }
        if line.number <= merged_to {
            // A line of a row drawn over several lines, read with it.
            continue;
        }
        // The line's tokens go straight to `out`, from `start`.
        let start = out.len();
        let cells = line.cells();
        let tabbed = cells.separator() != Separator::Spaces;
        // A row drawn between rules: box drawing, or an ASCII grid's
        // `+---+` (under which a `|` row may span lines).
        if cells.separator() == Separator::Bar || (above_grid && cells.separator() == Separator::Pipe) {
            if let Some(end) = push_drawn_row(lexed, line.number - 1, lines_end, &mut out, scratch) {
                merged_to = end;
            }
        }
        let merged = out.len() != start;
        let barred = cells.separator() == Separator::Bar;
        let mut empty_run = 0usize;
        for (k, cell) in cells.enumerate().filter(|_| !merged) {
            // A position a spanning cell covers: nothing to read.
            if (cell.text.starts_with(crate::lex::PLACEHOLDER) && cell.text.len() == crate::lex::PLACEHOLDER.len_utf8())
                || (barred && crate::lex::is_rule_cell(cell.text))
            {
                empty_run = 0;
                continue;
            }
            if cell.text.is_empty() {
                // A long run of empty cells carries no more meaning than
                // the widest table has columns; keep memory bounded.
                empty_run += 1;
                if !tabbed || empty_run > MAX_EMPTY_RUN {
                    continue;
                }
            } else {
                empty_run = 0;
            }
            let index = u16::try_from(k).ok().filter(|_| tabbed);
            push_cell(&mut out, cell.text, line.number, index, scratch);
        }
        // Numbers in the cells before a tab- or pipe-separated line's first
        // text (`19 | 二、上年结转… | 5 | …`) are no figures of the table: a
        // row's cells follow its label, and no row's figures run on into
        // the next line's label. They are an index column (as a data
        // frame's export writes), read as noise.
        if tabbed {
            // (A whole cell of text: text run on into a cell's figure, as
            // a page's last cell swallowing what follows, is not a label.)
            let whole_text = |t: &Token<'_>| t.kind == Kind::Text && t.cell.is_some();
            if let Some(first_text) = out.get(start..).and_then(|l| l.iter().position(whole_text)) {
                for t in out.get_mut(start..start + first_text).unwrap_or(&mut []) {
                    if matches!(t.kind, Kind::Figure(Figure::Number(..))) {
                        t.kind = Kind::Noise;
                    }
                }
            }
        } else if let [first, label, rest @ ..] = out.get_mut(start..).unwrap_or(&mut []) {
            // Laid out with spaces (a data frame printed: `19  二、上年结转…
            // NaN  5 …`): a whole number, then a label of the vocabulary (a
            // row's, a group's, a header's), then cells.
            let index = matches!(first.kind, Kind::Figure(Figure::Number(n, None)) if n.scale() == 0);
            if index
                && label.kind == Kind::Text
                && label.bits != 0
                && rest.iter().any(|t| t.is_definite() || t.kind == Kind::Empty)
            {
                first.kind = Kind::Noise;
            }
        }
        // Empty cells before the line's last text are placeholders of
        // spanning labels; a line without figures or a row label (a header
        // line) keeps none at all.
        let line_toks = out.get(start..).unwrap_or(&[]);
        if line_toks.iter().any(|t| t.kind == Kind::Empty) {
            let last_text = line_toks.iter().rposition(|t| t.kind == Kind::Text);
            let has_figure = line_toks.iter().any(Token::is_definite);
            let has_label = line_toks.iter().any(|t| t.kind == Kind::Text && t.bits & row_mask != 0);
            let keep_empties = has_figure || has_label;
            retain_from(&mut out, start, |idx, t| {
                t.kind != Kind::Empty || (keep_empties && last_text.is_none_or(|lt| idx > lt))
            });
        }
    }
    // The empty paragraphs at the end of the table, before the next
    // heading, are the last row's empty cells.
    if cell_lines && seen_cell {
        let here = last.map_or("", |l| l.raw.get(l.raw.len()..).unwrap_or(""));
        let line = last.map_or(0, |l| l.number);
        for _ in 0..(blank_run.saturating_sub(1) / 2).min(MAX_EMPTY_RUN) {
            out.push(Token::new(Kind::Empty, here, line, None));
        }
    }
    out
}

/// Keeps the tokens of `out` from `start` (a line's) for which `keep`
/// holds, given each one's index from `start`: compacted in place, only
/// these tokens move.
fn retain_from(out: &mut Vec<Token<'_>>, start: usize, keep: impl Fn(usize, &Token<'_>) -> bool) {
    let mut kept = start;
    for idx in 0..out.len().saturating_sub(start) {
        let Some(t) = out.get(start + idx).copied() else { break };
        if keep(idx, &t) {
            if let Some(slot) = out.get_mut(kept) {
                *slot = t;
            }
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// The display columns where the runs of a rule of dashes start (`----
/// ------- ----`, pandoc's simple tables): three runs or more, of three
/// dashes or more; `None` for other lines.
fn dash_columns(raw: &str) -> Option<Vec<usize>> {
    let t = raw.trim_end();
    if !t.trim_start().starts_with("---") || !t.bytes().all(|b| b == b'-' || b == b' ') {
        return None;
    }
    let b = t.as_bytes();
    let mut starts = Vec::new();
    let mut i = 0usize;
    while i < b.len() {
        if b.get(i) == Some(&b'-') {
            let run = b.get(i..).map_or(0, |r| r.iter().take_while(|&&c| c == b'-').count());
            if run < 3 {
                return None;
            }
            starts.push(i);
            i += run;
        } else {
            i += 1;
        }
    }
    (starts.len() >= 3).then_some(starts)
}

/// The line (1-based) of the rule of dashes with columns `starts` that
/// closes the table whose opening rule is line `open` (1-based), among the
/// lines before index `end`: the first such rule after it.
fn closing_rule(lexed: &Lexed<'_>, open: usize, end: usize, starts: &[usize]) -> Option<usize> {
    lexed.range(open..end).find(|l| dash_columns(l.raw).is_some_and(|s| s == starts)).map(|l| l.number)
}

/// The cells of `raw` under columns starting at display columns `starts`
/// (an ideograph two columns wide): each character belongs to the last
/// column that starts at or before it; each cell trimmed.
fn cells_by_columns<'a>(raw: &'a str, starts: &[usize]) -> Vec<&'a str> {
    let mut bounds = vec![0usize; starts.len() + 1];
    if let Some(last) = bounds.last_mut() {
        *last = raw.len();
    }
    let (mut col, mut k) = (0usize, 0usize);
    for (i, c) in raw.char_indices() {
        while starts.get(k + 1).is_some_and(|&s| col >= s) {
            k += 1;
            if let Some(b) = bounds.get_mut(k) {
                *b = i;
            }
        }
        col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    // Columns no character reaches start at the line's end.
    for j in k + 1..starts.len() {
        if let Some(b) = bounds.get_mut(j) {
            *b = raw.len();
        }
    }
    bounds
        .windows(2)
        .map(|w| match w {
            [a, b] => crate::lex::trim(raw.get(*a..*b).unwrap_or("")),
            _ => "",
        })
        .collect()
}

/// A row of a table drawn with rules over several lines: box drawing
/// (`w3m -dump`), or an ASCII grid (`+---+` rules, `|` cells: pandoc's plain
/// text). A cell's text wraps within its column (a label over two lines,
/// `５` over `６` for 56). Reads the row that starts at line index `at`
/// (before `end`) as one line whose cells are the columns' parts joined,
/// into `out`; returns the row's last line (1-based), or `None` when the row
/// is one line, its lines do not share their columns, or no rule stands
/// above and below it. (A text browser draws every row's rule when it draws
/// any: lines between two rules are one row. A Markdown table's rows, with
/// `|` or `｜`, have no rules between them.)
fn push_drawn_row<'a>(
    lexed: &Lexed<'a>,
    at: usize,
    end: usize,
    out: &mut Vec<Token<'a>>,
    scratch: &mut Scratch<'_>,
) -> Option<usize> {
    let first = lexed.line(at)?;
    // Drawn rows lie between rules: the line above is one.
    if !lexed.line(at.checked_sub(1)?).is_some_and(|l| crate::lex::is_drawn_rule(l.content)) {
        return None;
    }
    let sep = first.cells().separator();
    let width = first.cells().count();
    let mut rows: Vec<(usize, Vec<&'a str>)> = Vec::new();
    let mut closed = false;
    for line in (at..end).map_while(|i| lexed.line(i)) {
        let cells = line.cells();
        // A rule, or a line part rule (a spanning label beside a rule), ends
        // the row.
        if crate::lex::is_drawn_rule(line.content) {
            closed = true;
            break;
        }
        if line.is_blank() || cells.separator() != sep {
            break;
        }
        let texts: Vec<&'a str> = cells.map(|c| c.text).collect();
        if texts.len() != width {
            return None;
        }
        rows.push((line.number, texts));
    }
    if rows.len() < 2 || !closed {
        return None;
    }
    let mut joined = String::new();
    for k in 0..width {
        let parts: Vec<(usize, &'a str)> =
            rows.iter().filter_map(|(n, r)| r.get(k).filter(|t| !t.is_empty()).map(|t| (*n, *t))).collect();
        let cell = u16::try_from(k).ok();
        match parts.as_slice() {
            [] => {
                let here = rows.first().and_then(|(_, r)| r.get(k)).copied().unwrap_or("");
                out.push(Token::new(Kind::Empty, here, first.number, cell));
            }
            [(n, t)] => push_cell(out, t, *n, cell, scratch),
            [(n, t), ..] => {
                joined.clear();
                parts.iter().for_each(|(_, p)| joined.push_str(p));
                let kind = match figure::classify(&joined, &mut scratch.buf) {
                    CellClass::Figure(f) => Kind::Figure(f),
                    _ => Kind::Text,
                };
                scratch.buf.clear();
                crate::lex::normalize_into(&joined, &mut scratch.buf);
                let bits = if kind == Kind::Text { label::scan_label(&scratch.buf) } else { 0 };
                out.push(Token { bits, ..Token::new(kind, t, *n, cell) });
            }
        }
    }
    rows.last().map(|(n, _)| *n)
}

/// Text followed by the values after it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Run {
    /// Indices of the run's text tokens (empty for values before any text).
    pub texts: Vec<usize>,
    /// Indices of the value tokens (figures, blanks, empty cells) that follow.
    pub values: Vec<usize>,
}

/// Calls `f` with each run of the tokens, in order: text, then the values
/// after it. Noise is skipped. One run's buffers are reused for the next,
/// so a table of a hundred thousand rows costs no more than one.
pub(crate) fn each_run(tokens: &[Token<'_>], mut f: impl FnMut(&Run)) {
    let mut cur = Run::default();
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Noise => {}
            Kind::Text => {
                if !cur.values.is_empty() {
                    // Trailing empties stay with the values they follow.
                    f(&cur);
                    cur.texts.clear();
                    cur.values.clear();
                }
                cur.texts.push(i);
            }
            Kind::Figure(_) | Kind::Empty => cur.values.push(i),
        }
    }
    if !cur.texts.is_empty() || !cur.values.is_empty() {
        f(&cur);
    }
}

/// Every run, collected.
#[cfg(test)]
pub(crate) fn runs(tokens: &[Token<'_>]) -> Vec<Run> {
    let mut out = Vec::new();
    each_run(tokens, |r| out.push(r.clone()));
    out
}

/// The character column where `t` starts on its line, for text laid out by
/// spaces; `None` for tab- or pipe-separated lines.
pub(crate) fn column(lexed: &Lexed<'_>, t: &Token<'_>) -> Option<usize> {
    let line = lexed.line(t.line().checked_sub(1)?)?;
    if crate::lex::has_cell_separator(line.raw) {
        return None;
    }
    let at = (t.text.as_ptr() as usize).checked_sub(line.raw.as_ptr() as usize)?;
    Some(line.raw.get(..at)?.chars().count())
}

/// A table's row width and its rows' own total (true when a row's figures
/// keep it).
pub(crate) type RowTotal<'f> = (usize, &'f dyn Fn(&[i64]) -> bool);

/// PDF layout text: a number too wide for its cell wraps, its first digits
/// on a line of their own above the row and the rest below (`１９`, then the
/// row, then `６`: 196), in the same column; or over three lines, its middle
/// part on the row's line; or beside a label that wraps too (the parts
/// after the label's first and last lines, or after a group label's text).
/// Each such number becomes one figure, placed among the row's tokens (and
/// kept on the upper part's line, so that the row counts as gathered from
/// several lines and must satisfy its total). `row_mask`: the bits of the
/// table's row labels (text holding one is a row's, not a group label's).
///
/// `row_total`: the table's row width and its rows' own total, when it has
/// one: a number over three lines is not put together on a row's line that
/// holds the row's cells and its total as printed, and would break it so
/// (`75` under one row and `３` over the next are their totals, not parts
/// of a number with the total `4` of the row between).
pub(crate) fn merge_wrapped_numbers<'a>(
    lexed: &Lexed<'a>,
    tokens: &mut Vec<Token<'a>>,
    row_mask: u64,
    row_total: Option<RowTotal<'_>>,
) {
    // Only text laid out by spaces (cells apart by runs of them) says by
    // its columns where a wrapped number stands; text whose cells are one
    // space apart (pdfplumber's) does not.
    let laid_out = {
        let mut seen = 0usize;
        let mut wide = 0usize;
        let mut last = 0usize;
        for t in tokens.iter() {
            if t.line() == last {
                continue;
            }
            last = t.line();
            let Some(l) = lexed.line(last.wrapping_sub(1)) else { continue };
            if l.content.contains(' ') {
                seen += 1;
                wide += usize::from(memchr::memmem::find(l.content.as_bytes(), b"  ").is_some());
            }
        }
        seen == 0 || wide * 3 >= seen
    };
    if !laid_out {
        return;
    }
    // A line's tokens: (line, first index, count).
    let mut lines: Vec<(usize, usize, usize)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match lines.last_mut() {
            Some(l) if l.0 == t.line() => l.2 += 1,
            _ => lines.push((t.line(), i, 1)),
        }
    }
    let digits = |t: &Token<'_>| -> Option<String> {
        let mut d = String::new();
        for c in crate::lex::trim(t.text).chars() {
            let v = figure::digit_value(c)?;
            d.push(char::from_digit(v, 10)?);
        }
        (!d.is_empty()).then_some(d)
    };
    // A line of numbers only: its token indices.
    let numbers = |l: &(usize, usize, usize)| -> Option<std::ops::Range<usize>> {
        let r = l.1..l.1 + l.2;
        r.clone()
            .all(|i| tokens.get(i).is_some_and(|t| matches!(t.kind, Kind::Figure(Figure::Number(..)))))
            .then_some(r)
    };
    let is_row = |l: &(usize, usize, usize)| {
        let ts = tokens.get(l.1..l.1 + l.2).unwrap_or(&[]);
        ts.iter().any(|t| t.kind == Kind::Text) && ts.iter().any(Token::is_definite)
    };
    // Whether a line holds a row's label.
    let labelled_line = |l: &(usize, usize, usize)| {
        tokens.get(l.1..l.1 + l.2).unwrap_or(&[]).iter().any(|t| t.kind == Kind::Text && t.bits & row_mask != 0)
    };
    // A line of text then numbers: the numbers' token indices, and whether
    // the text holds a row label.
    let after_text = |l: &(usize, usize, usize)| -> Option<(std::ops::Range<usize>, bool)> {
        let r = l.1..l.1 + l.2;
        let last_text = r.clone().rev().find(|&i| tokens.get(i).is_some_and(|t| t.kind == Kind::Text))?;
        let nums = last_text + 1..r.end;
        let labelled = labelled_line(l);
        let all = |rg: std::ops::Range<usize>| {
            rg.clone().all(|i| tokens.get(i).is_some_and(|t| t.kind == Kind::Text || t.kind == Kind::Noise))
        };
        let ok = !nums.is_empty()
            && all(r.start..last_text + 1)
            && nums.clone().all(|i| tokens.get(i).is_some_and(|t| matches!(t.kind, Kind::Figure(Figure::Number(..)))));
        ok.then_some((nums, labelled))
    };
    // Every number above pairs with the one below in its column
    // (overlapping columns: a full-width digit may shift by one).
    let overlaps = |u: usize, l: usize| -> bool {
        let (Some(tu), Some(tl)) = (tokens.get(u), tokens.get(l)) else { return false };
        let (Some(cu), Some(cl)) = (column(lexed, tu), column(lexed, tl)) else { return false };
        let wu = tu.text.chars().count().max(1);
        !(cl + 1 < cu || cl > cu + wu)
    };
    let pairs_up = |us: &std::ops::Range<usize>, ls: &std::ops::Range<usize>| {
        us.len() == ls.len() && us.clone().zip(ls.clone()).all(|(u, l)| overlaps(u, l))
    };
    // Whether the figures of line `mid` stand clear of the columns of `us`
    // (they fill the row's other cells).
    // (Strictly: a row's figure in the very next character column, as
    // full-width digits stand, is clear of it.)
    let spans = |i: usize| -> Option<(usize, usize)> {
        let t = tokens.get(i)?;
        let c = column(lexed, t)?;
        Some((c, c + t.text.chars().count().max(1)))
    };
    let clear_of = |mid: &(usize, usize, usize), us: &std::ops::Range<usize>| {
        (mid.1..mid.1 + mid.2).filter(|&i| tokens.get(i).is_some_and(Token::is_definite)).all(|m| {
            us.clone().all(|u| match (spans(u), spans(m)) {
                (Some((a, b)), Some((c, d))) => b <= c || d <= a,
                _ => false,
            })
        })
    };
    // (upper, lower, insert after) token indices.
    let mut merges: Vec<(usize, usize, usize)> = Vec::new();
    // (upper, middle, lower): a number wrapped over three lines, its middle
    // part on the row's line.
    let mut triples: Vec<(usize, usize, usize)> = Vec::new();
    let mut unpaired: Vec<usize> = Vec::new();
    // Tokens already put together into a number: each part serves once.
    let mut used = vec![false; tokens.len()];
    let mark = |used: &mut Vec<bool>, parts: &[usize]| {
        for &p in parts {
            if let Some(x) = used.get_mut(p) {
                *x = true;
            }
        }
    };
    // Per line, once: its numbers alone, or its numbers after its text
    // (and whether that text holds a row label).
    type Part = (Option<std::ops::Range<usize>>, Option<(std::ops::Range<usize>, bool)>);
    let parts: Vec<Part> = lines.iter().map(|l| (numbers(l), after_text(l))).collect();
    for k in 0..lines.len() {
        let (Some(up), Some(row), Some(low)) = (lines.get(k), lines.get(k + 1), lines.get(k + 2)) else { continue };
        let (Some((up_n, up_t)), Some((row_n, row_t)), Some((low_n, low_t))) =
            (parts.get(k), parts.get(k + 1), parts.get(k + 2))
        else {
            continue;
        };
        // Most lines are rows with their labels: no upper part stands alone
        // or after a group label's text on the line above, and the line
        // between is not figures alone (a label's wrapped row).
        if up_n.is_none() && up_t.as_ref().is_none_or(|u| u.1) && row_n.is_none() {
            continue;
        }
        if low.0 - up.0 > 6 {
            continue;
        }
        // A number wrapped where a label is too: its upper part after the
        // first line of a row's label, the row's other figures on a line
        // of their own, its lower part after the label's last line (no row
        // label of its own). The parts pair up column by column, clear of
        // the row's figures, and are put together in place of the upper.
        if let (Some((us, true)), Some(_), Some((ls, false))) = (up_t.clone(), row_n, low_t.clone()) {
            let free = us.clone().chain(ls.clone()).all(|i| !used.get(i).copied().unwrap_or(true));
            if free && pairs_up(&us, &ls) && clear_of(row, &us) {
                for (u, l) in us.zip(ls) {
                    merges.push((u, l, usize::MAX));
                    mark(&mut used, &[u, l]);
                }
            }
            continue;
        }
        // Else the row's line between: the upper parts alone on their line
        // or after a group label's tail, the lower parts alone or after
        // text that is no row's label (a group label: `（四）无法提供`).
        let part = |n: &Option<std::ops::Range<usize>>, t: &Option<(std::ops::Range<usize>, bool)>| {
            n.clone().map(|r| (r, true)).or_else(|| t.clone().filter(|a| !a.1).map(|a| (a.0, false)))
        };
        let (Some((us, up_alone)), Some((ls, low_alone))) = (part(up_n, up_t), part(low_n, low_t)) else { continue };
        let both_alone = up_alone && low_alone;
        // A row of figures alone (table 四's, which has no label; blank
        // markers among them) between parts alone above and below it.
        let figures_alone = {
            let ts = tokens.get(row.1..row.1 + row.2).unwrap_or(&[]);
            ts.len() >= 2 && ts.iter().all(Token::is_definite)
        };
        let unlabelled = (row_n.as_ref().is_some_and(|r| r.len() >= 2) || figures_alone) && both_alone;
        if !is_row(row) && !unlabelled {
            continue;
        }
        if !(both_alone || row_t.as_ref().is_some_and(|r| r.1)) {
            // Parts beside text only around a row with its label.
            continue;
        }
        if us.clone().chain(ls.clone()).any(|i| used.get(i).copied().unwrap_or(true)) {
            // A part already put together with another row's.
            continue;
        }
        if !pairs_up(&us, &ls) {
            // Numbers above and below the row that do not pair up: parts
            // of wrapped numbers that cannot be put together (read alone,
            // the lower parts of two wrapped numbers can even satisfy the
            // row's total). None of them is read.
            if both_alone && !unlabelled && us.clone().any(|u| ls.clone().any(|l| overlaps(u, l))) {
                unpaired.extend(us.chain(ls));
            }
            continue;
        }
        let last_text = (row.1..row.1 + row.2).rev().find(|&i| tokens.get(i).is_some_and(|t| t.kind == Kind::Text));
        // A part on the row's own line in the pair's column: the number
        // wraps over three lines, its middle part there.
        let middle = |u: usize| {
            (row.1..row.1 + row.2).find(|&m| {
                tokens.get(m).is_some_and(|t| matches!(t.kind, Kind::Figure(Figure::Number(..))))
                    && (overlaps(u, m) || overlaps(m, u))
            })
        };
        for (u, l) in us.zip(ls) {
            match (middle(u), last_text) {
                (Some(m), _) => {
                    triples.push((u, m, l));
                    mark(&mut used, &[u, m, l]);
                }
                (None, Some(at)) => {
                    merges.push((u, l, at));
                    mark(&mut used, &[u, l]);
                }
                // No label on the row's line: in place of the upper part,
                // just before the row's figures, from its lower part's
                // line (the row then reaches the lines of both parts).
                (None, None) if unlabelled => {
                    merges.push((u, l, usize::MAX - 1));
                    mark(&mut used, &[u, l]);
                }
                (None, None) => {}
            }
        }
    }
    // A number wrapped over three lines beside a label wrapped over two: its
    // upper part on a line of its own above the label's first line, its
    // middle on the row's line of figures between the label's two lines,
    // its lower part below the label's last (`３` / `（二）部分公开…` / `９ １ …`
    // / `计其他情形）` / `３`: 393).
    let text_only = |l: &(usize, usize, usize)| {
        let ts = tokens.get(l.1..l.1 + l.2).unwrap_or(&[]);
        ts.iter().any(|t| t.kind == Kind::Text) && !ts.iter().any(Token::is_definite)
    };
    for k in 0..lines.len() {
        let (Some(up), Some(first), Some(last), Some(low)) =
            (lines.get(k), lines.get(k + 1), lines.get(k + 3), lines.get(k + 4))
        else {
            continue;
        };
        // Each part alone on its line or after a group label's text (`（六）其`
        // / `他处理`: the group label wrapped beside the row's).
        let alone_or_grouped = |p: Option<&Part>| -> Option<std::ops::Range<usize>> {
            let (n, t) = p?;
            n.clone().or_else(|| t.clone().filter(|a| !a.1).map(|a| a.0))
        };
        let (Some(us), Some(rs), Some(ls)) =
            (alone_or_grouped(parts.get(k)), alone_or_grouped(parts.get(k + 2)), alone_or_grouped(parts.get(k + 4)))
        else {
            continue;
        };
        if low.0 - up.0 > 6 || !text_only(first) || !text_only(last) || !labelled_line(first) || labelled_line(last) {
            continue;
        }
        if us.clone().chain(ls.clone()).chain(rs.clone()).any(|i| used.get(i).copied().unwrap_or(true))
            || !pairs_up(&us, &ls)
        {
            continue;
        }
        for (u, l) in us.clone().zip(ls.clone()) {
            if let Some(m) = rs.clone().find(|&m| overlaps(u, m) || overlaps(m, u)) {
                triples.push((u, m, l));
                mark(&mut used, &[u, m, l]);
            }
        }
    }
    for &i in &unpaired {
        if let Some(t) = tokens.get_mut(i) {
            t.kind = Kind::Noise;
        }
    }
    if merges.is_empty() && triples.is_empty() {
        return;
    }
    let mut drop = vec![false; tokens.len()];
    let mut after: Vec<(usize, Token<'a>)> = Vec::new();
    for &(u, l, at) in &merges {
        let (Some(tu), Some(tl)) = (tokens.get(u).copied(), tokens.get(l).copied()) else { continue };
        let (Some(a), Some(b)) = (digits(&tu), digits(&tl)) else { continue };
        let Some((n, _)) = super::figure::parse_number(&(a + &b)) else { continue };
        let merged = Token { kind: Kind::Figure(Figure::Number(n, None)), ..tu };
        if at >= usize::MAX - 1 {
            // In place of the upper part (from the lower part's line, for a
            // row without a label).
            let merged = if at == usize::MAX { merged } else { Token { kind: merged.kind, ..tl } };
            if let Some(t) = tokens.get_mut(u) {
                *t = merged;
            }
        } else {
            if let Some(x) = drop.get_mut(u) {
                *x = true;
            }
            after.push((at, merged));
        }
        if let Some(y) = drop.get_mut(l) {
            *y = true;
        }
    }
    // A row's line whose cells hold its total as printed, and would break
    // it with its numbers put together: its totals above and below it are
    // other rows' (`75` under one row, `３` over the next), not parts.
    let merged_value = |&(u, m, l): &(usize, usize, usize)| -> Option<i64> {
        let d = |i: usize| tokens.get(i).and_then(digits);
        super::figure::parse_number(&(d(u)? + &d(m)? + &d(l)?))?.0.as_i64()
    };
    if let Some((width, holds)) = row_total {
        let mut rejected: Vec<usize> = Vec::new();
        for &(_, m, _) in &triples {
            let Some(line) = tokens.get(m).map(Token::line) else { continue };
            if rejected.contains(&line) {
                continue;
            }
            let row: Vec<usize> = (0..tokens.len())
                .filter(|&i| tokens.get(i).is_some_and(|t| t.line() == line && t.is_definite()))
                .collect();
            let read = |merged: bool| -> Option<Vec<i64>> {
                row.iter()
                    .map(|&i| match triples.iter().find(|t| t.1 == i).filter(|_| merged) {
                        Some(t) => merged_value(t),
                        None => tokens.get(i)?.count(),
                    })
                    .collect()
            };
            let kept = |merged| read(merged).is_some_and(|r| r.len() == width && holds(&r));
            if kept(false) && !kept(true) {
                rejected.push(line);
            }
        }
        triples.retain(|&(_, m, _)| tokens.get(m).is_none_or(|t| !rejected.contains(&t.line())));
    }
    for &(u, m, l) in &triples {
        let (Some(tu), Some(tm), Some(tl)) = (tokens.get(u).copied(), tokens.get(m).copied(), tokens.get(l).copied())
        else {
            continue;
        };
        let (Some(a), Some(b), Some(c)) = (digits(&tu), digits(&tm), digits(&tl)) else { continue };
        let Some((n, _)) = super::figure::parse_number(&(a + &b + &c)) else { continue };
        // On the upper part's line: the row then counts as gathered from
        // several lines, and must satisfy its own total to be believed.
        if let Some(t) = tokens.get_mut(m) {
            *t = Token { kind: Kind::Figure(Figure::Number(n, None)), ..tu };
        }
        for i in [u, l] {
            if let Some(x) = drop.get_mut(i) {
                *x = true;
            }
        }
    }
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        if !drop.get(i).copied().unwrap_or(false) {
            out.push(*t);
        }
        out.extend(after.iter().filter(|(at, _)| *at == i).map(|(_, m)| *m));
    }
    *tokens = out;
}

/// How far right (in bytes of spaces) a line of `pdftotext -layout` text
/// starts when it holds only a row's figures, under their columns.
pub(crate) const MIN_INDENT: usize = 16;

/// PDF text: zeros run together inside a cell among other figures (`0 ０0
/// 0`, two cells of two fonts glued; `0 0 000 0 0`) are a zero a cell, as a
/// whole cell of them is — in a table read in reading order anywhere, in a
/// laid-out table only on lines laid out by runs of spaces or set far to
/// the right, under their columns (a line whose words stand one space
/// apart from its start is reading-order text taken for layout, where
/// splitting shifted rows).
pub(crate) fn split_zero_runs(lexed: &Lexed<'_>, tokens: &mut Vec<Token<'_>>, reading_order: bool) {
    // A line laid out by columns: a run of spaces between its words (a line
    // of words one space apart is reading order, whatever the table says).
    // (Or a line of figures set far to the right, under their columns:
    // `                    0 00 0 000` below a wrapped label.)
    let laid_out = |n: usize| {
        reading_order
            || lexed
                .line(n.wrapping_sub(1))
                .is_some_and(|l| l.raw.trim().contains("  ") || l.raw.len() - l.raw.trim_start().len() >= MIN_INDENT)
    };
    let zeros = |t: &Token<'_>| t.is_zero_run() && laid_out(t.line());
    if !tokens.iter().any(zeros) {
        return;
    }
    let mut out = Vec::with_capacity(tokens.len() + 8);
    for t in tokens.iter() {
        if !zeros(t) {
            out.push(*t);
            continue;
        }
        for (k, c) in t.text.char_indices() {
            out.push(Token { text: t.text.get(k..k + c.len_utf8()).unwrap_or(""), cell: None, ..*t });
        }
    }
    *tokens = out;
}

/// Cells of several digits glued in PDF text, on a line of a row's label
/// and fewer figures than the row's `width`: two cells given as one
/// (`275 2575` as `2752575`, by an extractor that drops small gaps), or,
/// in text laid out with `-layout` (the figures far from the label, a
/// space apart: no gap of a blank cell among them), any of them cells run
/// together (`（七）总计   4193052142472` for 419 30 5 2 14 2 472, `10 2 001
/// 013`). The numbers of plain digits are cut, no part printed with a
/// leading zero, so that the row has exactly its cells and `holds` (the
/// row's own total) is true; where one way does so, the line is cut that
/// way. Two ways, or none: nothing is cut. Elsewhere (figures a space after
/// the label, as pdfplumber joins a row) only one cell is missing and one
/// number of three digits or more may hold two.
pub(crate) fn split_glued_cells(tokens: &mut Vec<Token<'_>>, width: usize, holds: impl Fn(&[i64]) -> bool) {
    // (token, byte offsets where its second and later parts start)
    let mut found: Vec<(usize, Vec<usize>)> = Vec::new();
    for (_, r) in line_ranges(tokens) {
        if let Some(cuts) = glued_line(tokens.get(r.clone()).unwrap_or(&[]), width, &holds) {
            found.extend(cuts.into_iter().map(|(j, at)| (r.start + j, at)));
        }
    }
    if found.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(tokens.len() + width);
    let mut next = found.iter().peekable();
    for (i, t) in tokens.iter().enumerate() {
        let Some((_, at)) = next.next_if(|f| f.0 == i) else {
            out.push(*t);
            continue;
        };
        let mut from = 0usize;
        for &to in at.iter().chain(std::iter::once(&t.text.len())) {
            let text = t.text.get(from..to).unwrap_or("");
            let value = text.chars().try_fold(0i64, |v, c| Some(v * 10 + i64::from(figure::digit_value(c)?)));
            let kind = match value {
                Some(v) => Kind::Figure(Figure::Number(Number::int(v), None)),
                None => Kind::Noise,
            };
            out.push(Token { kind, text, cell: None, ..*t });
            from = to;
        }
    }
    *tokens = out;
}

/// The runs of a part of a cell (never a whole cell of a tab- or
/// pipe-separated line) that is blank markers (dashes, slashes) run
/// together, with each other or with figures (`—0`, `／／／`, `0／0`): each
/// run's text and whether it is markers. `None` for anything else, and for
/// a page number between dashes (`—8—`).
fn glued_runs<'a>(t: &Token<'a>) -> Option<Vec<(&'a str, bool)>> {
    let text = t.text;
    if t.cell.is_some() || !text.contains(figure::is_glued_marker) {
        return None;
    }
    let mut runs: Vec<(&'a str, bool)> = Vec::new();
    let mut from = 0usize;
    let mut kind: Option<bool> = None;
    for (at, c) in text.char_indices() {
        let marker = if figure::is_glued_marker(c) {
            true
        } else if figure::digit_value(c).is_some() {
            false
        } else {
            return None;
        };
        if kind.is_some_and(|k| k != marker) {
            runs.push((text.get(from..at)?, !marker));
            from = at;
        }
        kind = Some(marker);
    }
    runs.push((text.get(from..)?, kind?));
    let digits: Vec<&str> = runs.iter().filter(|r| !r.1).map(|r| r.0).collect();
    let footer = matches!(runs.as_slice(), [(a, true), (_, false), (b, true)]
        if a.chars().chain(b.chars()).all(figure::is_dash));
    let one_marker = matches!(runs.as_slice(), [(m, true)] if m.chars().nth(1).is_none());
    (!footer && !one_marker && digits.iter().all(|d| d.len() <= 18)).then_some(runs)
}

/// Each line's run of `tokens`: its line (1-based) and its range in
/// `tokens` (a line's tokens follow one another).
fn line_ranges(tokens: &[Token<'_>]) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for run in tokens.chunk_by(|a, b| a.line() == b.line()) {
        out.extend(run.first().map(|t| (t.line(), at..at + run.len())));
        at += run.len();
    }
    out
}

/// Blank cells' markers run together with each other or with the figures
/// beside them, as pdftotext `-layout` prints narrow cells (`（七）总计
/// 122 —0 —1 15`, `——————` for six blank cells, `5 0 ／／／ 0 5`), in a
/// table whose cells are counts, never signed: a dash before digits is a
/// blank cell, never a minus (read as −1, `—1` once balanced a row's
/// total). Each run of markers is one blank cell where it is one marker
/// (`——`), or one a marker where that puts exactly the row's `width`
/// cells on the line and a blank a run does not.
pub(crate) fn split_dashed_blanks<'a>(tokens: &mut Vec<Token<'a>>, width: usize) {
    if !tokens.iter().any(|t| glued_runs(t).is_some()) {
        return;
    }
    let mut out = Vec::with_capacity(tokens.len() + 8);
    for toks in tokens.chunk_by(|a, b| a.line() == b.line()) {
        // The line's cells read each way.
        let (mut by_run, mut by_marker) = (0usize, 0usize);
        for t in toks {
            match glued_runs(t) {
                Some(runs) => {
                    for (run, marker) in runs {
                        let n = if marker { run.chars().count() } else { 1 };
                        by_run += if marker && figure::marker(run).is_some() { 1 } else { n };
                        by_marker += n;
                    }
                }
                None => {
                    by_run += usize::from(t.is_definite());
                    by_marker += usize::from(t.is_definite());
                }
            }
        }
        let a_marker_each = by_marker == width && by_run != width;
        for t in toks {
            let Some(runs) = glued_runs(t) else {
                out.push(*t);
                continue;
            };
            let t: Token<'a> = *t;
            let blank = |text: &'a str| {
                figure::marker(text).map(|m| Token { kind: Kind::Figure(Figure::Blank(m)), text, cell: None, ..t })
            };
            for (run, marker) in runs {
                if !marker {
                    let value = run.chars().try_fold(0i64, |v, c| Some(v * 10 + i64::from(figure::digit_value(c)?)));
                    let kind = value.map_or(Kind::Noise, |v| Kind::Figure(Figure::Number(Number::int(v), None)));
                    out.push(Token { kind, text: run, cell: None, ..t });
                    continue;
                }
                match blank(run).filter(|_| !a_marker_each) {
                    Some(one) => out.push(one),
                    None => {
                        for (at, c) in run.char_indices() {
                            out.extend(blank(run.get(at..at + c.len_utf8()).unwrap_or("")));
                        }
                    }
                }
            }
        }
    }
    *tokens = out;
}

/// Most texts between a vertical `无` and the rest of its label (a wrapped
/// label's tail, another group label's character, a label).
const MAX_TEXTS_TO_LABEL_TAIL: usize = 4;

/// `无` alone on its line, among the next texts before a figure the text
/// `法` (or `法提`, `法提供`, perhaps before a label on its line, perhaps
/// after a wrapped label's tail): the first character of the group label
/// 无法提供 drawn a character a line (`无` / `法` / `提` / `供`), not a
/// blank cell. Made text.
pub(crate) fn vertical_none_of_a_label(tokens: &mut [Token<'_>]) {
    // (A text's first part is that character or two of the label.)
    let rest_of_label = |u: &Token<'_>| {
        let first = u.text.split(crate::lex::is_space).next().unwrap_or("");
        u.kind == Kind::Text && first.starts_with('法') && "法提供".starts_with(first)
    };
    for i in 0..tokens.len() {
        let Some(t) = tokens.get(i) else { break };
        if t.kind != Kind::Figure(Figure::Blank(Marker::None)) || t.text != "无" {
            continue;
        }
        let line = t.line();
        let alone = |j: Option<usize>| j.and_then(|j| tokens.get(j)).is_none_or(|u| u.line() != line);
        let label_next = tokens
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .filter(|u| !matches!(u.kind, Kind::Noise | Kind::Empty))
            .take_while(|u| u.kind == Kind::Text)
            .take(MAX_TEXTS_TO_LABEL_TAIL)
            .any(|u| u.line() > line && rest_of_label(u));
        if alone(i.checked_sub(1)) && alone(Some(i + 1)) && label_next {
            if let Some(t) = tokens.get_mut(i) {
                t.kind = Kind::Text;
            }
        }
    }
}

/// `无` a space after text, the first of a line's cells (`用、行政机关…申
/// 无    0   无   无   无   0 无`, a label's wrapped line and a blank
/// cell): the text's (`（四） 无` of 无法提供 broken over lines), unless
/// the line's figures and blanks then come one short of the row's `width`
/// cells: then a blank cell.
pub(crate) fn split_none_after_text(tokens: &mut Vec<Token<'_>>, width: usize) {
    let tail = |t: &Token<'_>| {
        t.kind == Kind::Text && t.cell.is_none() && t.text.ends_with("无") && {
            let head = t.text.strip_suffix("无").unwrap_or("");
            head.ends_with(is_space) && !crate::lex::trim(head).is_empty()
        }
    };
    if !tokens.iter().any(tail) {
        return;
    }
    let mut out = Vec::with_capacity(tokens.len() + 4);
    let mut buf = String::new();
    for toks in tokens.chunk_by(|a, b| a.line() == b.line()) {
        let cells = toks.iter().filter(|t| t.is_definite()).count();
        // The one such text, right before the line's figures.
        let at = toks.iter().position(tail).filter(|&k| {
            cells + 1 == width
                && toks.iter().filter(|t| tail(t)).count() == 1
                && toks.get(k + 1..).is_some_and(|rest| rest.iter().all(|t| t.kind != Kind::Text))
        });
        for (k, t) in toks.iter().enumerate() {
            if Some(k) != at {
                out.push(*t);
                continue;
            }
            let cut = t.text.len() - "无".len();
            let head = crate::lex::trim(t.text.get(..cut).unwrap_or(""));
            buf.clear();
            crate::lex::normalize_into(head, &mut buf);
            out.push(Token { text: head, bits: label::scan_label(&buf), ..*t });
            let none = t.text.get(cut..).unwrap_or("");
            out.push(Token { kind: Kind::Figure(Figure::Blank(Marker::None)), text: none, bits: 0, ..*t });
        }
    }
    *tokens = out;
}

/// Text laid out by spaces (`pdftotext -layout`, text browsers) whose
/// blank cells are empty, so that a row's line shows fewer figures than its
/// `width` cells (`本年新收…  1   0   1`): each page's rows stand on one
/// grid of character columns, which the figures' right ends show together
/// (`pdftotext` keeps a page's columns, not the document's). Where a page's figures end at exactly `width`
/// columns, each met at least twice, a row's line — its label, then its
/// figures, nothing else — has each figure placed under the column it
/// ends at, the others blank, when every figure meets a column of its own
/// in order and the row keeps its own total (`holds`).
pub(crate) fn place_by_grid<'a>(
    lexed: &Lexed<'a>,
    tokens: &mut Vec<Token<'a>>,
    rows: u64,
    width: usize,
    holds: impl Fn(&[i64]) -> bool,
) {
    // Each line's tokens: (line, range in tokens).
    let lines = line_ranges(tokens);
    // Each line's page (pdftotext starts a page with a form feed), counted
    // once up to the table's last line.
    let last = lines.iter().map(|(l, _)| *l).max().unwrap_or(0);
    let pages: Vec<usize> = (0..last)
        .scan(0usize, |page, n| {
            *page += usize::from(lexed.line(n).is_some_and(|l| l.raw.contains('\u{c}')));
            Some(*page)
        })
        .collect();
    let page_of = |line: usize| pages.get(line.wrapping_sub(1)).copied().unwrap_or(0);
    let right_end = |t: &Token<'_>| column(lexed, t).map(|c| c + t.text.chars().count());
    // A row's line: a row label, then its figures only, fewer than `width`.
    let short_row = |r: &Range<usize>| -> bool {
        let toks = tokens.get(r.clone()).unwrap_or(&[]);
        let n = toks.iter().filter(|t| t.is_definite()).count();
        toks.first().is_some_and(|t| t.kind == Kind::Text && t.bits & rows != 0)
            && toks.get(1..).is_some_and(|f| !f.is_empty() && f.iter().all(Token::is_definite))
            && n < width
            && toks.iter().all(|t| t.cell.is_none())
    };
    if !lines.iter().any(|(_, r)| short_row(r)) {
        return;
    }
    // Each page's grid: the right ends of its rows' figures, clustered.
    let mut grids: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
    let mut ends: Vec<(usize, usize)> = Vec::new(); // (page, right end)
    for (line, r) in &lines {
        let toks = tokens.get(r.clone()).unwrap_or(&[]);
        let labelled = toks.first().is_some_and(|t| t.kind == Kind::Text && t.bits & rows != 0);
        if !labelled || toks.iter().filter(|t| t.is_definite()).count() > width {
            continue;
        }
        let page = page_of(*line);
        ends.extend(toks.iter().filter(|t| t.is_definite()).filter_map(right_end).map(|e| (page, e)));
    }
    ends.sort_unstable();
    for chunk in ends.chunk_by(|a, b| a.0 == b.0) {
        let Some(&(page, _)) = chunk.first() else { continue };
        // Clusters of ends a column apart at most: (first, last), counts.
        let mut clusters: Vec<(usize, usize, usize)> = Vec::new();
        for &(_, e) in chunk {
            match clusters.last_mut() {
                Some(c) if e <= c.1 + 1 && e <= c.0 + 2 => {
                    c.1 = e;
                    c.2 += 1;
                }
                _ => clusters.push((e, e, 1)),
            }
        }
        if clusters.len() == width && clusters.iter().all(|c| c.2 >= 2) {
            grids.push((page, clusters.iter().map(|c| (c.0, c.1)).collect()));
        }
    }
    if grids.is_empty() {
        return;
    }
    // Figures on a line of their own next to a row's line may be its
    // cells set higher or lower (or a wrapped number's parts): that row is
    // left to the readings that gather them.
    let mut by_line: Vec<(usize, usize)> = lines.iter().enumerate().map(|(k, (l, _))| (*l, k)).collect();
    by_line.sort_unstable();
    let loose = |line: usize| {
        let from = by_line.partition_point(|&(l, _)| l < line);
        let on_line = by_line.get(from..).unwrap_or(&[]).iter().take_while(|&&(l, _)| l == line);
        on_line.filter_map(|&(_, k)| lines.get(k)).any(|(_, r)| {
            let toks = tokens.get(r.clone()).unwrap_or(&[]);
            toks.iter().any(Token::is_definite)
                && !toks.first().is_some_and(|t| t.kind == Kind::Text && t.bits & rows != 0)
        })
    };
    let mut out: Vec<Token<'a>> = Vec::with_capacity(tokens.len() + 16);
    for (line, r) in &lines {
        let toks = tokens.get(r.clone()).unwrap_or(&[]);
        // (Grids are in page order.)
        let grid = grids.binary_search_by_key(&page_of(*line), |g| g.0).ok().and_then(|k| grids.get(k));
        let grid = grid.map(|g| g.1.as_slice());
        let alone = !loose(line.saturating_sub(1)) && !loose(line + 1);
        let placed = grid.filter(|_| alone && short_row(r)).and_then(|grid| {
            let figures = toks.get(1..)?;
            let mut at: Vec<usize> = Vec::with_capacity(figures.len());
            for t in figures {
                let e = right_end(t)?;
                at.push(grid.iter().position(|&(a, b)| (a..=b).contains(&e))?);
            }
            if !at.windows(2).all(|w| matches!(w, [a, b] if a < b)) {
                return None;
            }
            let mut row: Vec<Token<'a>> = Vec::with_capacity(width);
            let blank = Token {
                kind: Kind::Figure(Figure::Blank(Marker::Empty)),
                text: figures.first()?.text.get(..0)?,
                bits: 0,
                cell: None,
                ..*figures.first()?
            };
            let mut next = figures.iter().zip(&at).peekable();
            for c in 0..width {
                match next.next_if(|(_, k)| **k == c) {
                    Some((t, _)) => row.push(*t),
                    None => row.push(blank),
                }
            }
            let values: Option<Vec<i64>> = row.iter().map(Token::count).collect();
            values.is_some_and(|v| holds(&v)).then_some(row)
        });
        match (placed, toks.first()) {
            (Some(row), Some(label)) => {
                out.push(*label);
                out.extend(row);
            }
            _ => out.extend_from_slice(toks),
        }
    }
    *tokens = out;
}

/// Most ways of cutting one line's numbers that [`glued_line`] tries.
const MAX_GLUED_TRIES: usize = 20_000;

/// The one way of cutting the numbers of one line's tokens `toks` into the
/// row's `width` cells that `holds` (see [`split_glued_cells`]): each cut
/// token's index in `toks`, with the byte offsets of its cuts.
fn glued_line(toks: &[Token<'_>], width: usize, holds: &impl Fn(&[i64]) -> bool) -> Option<Vec<(usize, Vec<usize>)>> {
    let figures: Vec<usize> = (0..toks.len()).filter(|&j| toks.get(j).is_some_and(Token::is_definite)).collect();
    let &first = figures.first()?;
    let labelled = toks.first().is_some_and(|t| t.kind == Kind::Text && t.bits != 0);
    if !labelled || figures.len() >= width || toks.get(first..)?.iter().any(|t| t.kind == Kind::Text) {
        return None;
    }
    let start = |t: &Token<'_>| t.text.as_ptr() as usize;
    let end = |t: &Token<'_>| start(t) + t.text.len();
    // Laid out: the label's text ends well before the first figure, and
    // the figures stand a space apart.
    let label_end = toks.get(..first)?.iter().rev().find(|t| t.kind == Kind::Text).map(end);
    let laid_out = label_end.is_some_and(|e| toks.get(first).is_some_and(|f| start(f) >= e + 2))
        && figures.windows(2).all(|w| match w {
            [a, b] => toks.get(*a).zip(toks.get(*b)).is_some_and(|(a, b)| start(b) == end(a) + 1),
            _ => false,
        });
    let extra = width - figures.len();
    if !laid_out && extra != 1 {
        return None;
    }
    // The digits of a number that may be cut: ASCII, or laid out, of
    // either width (`2０0`: cells of two fonts glued, in the order they
    // stand on the line).
    let shortest = if laid_out { 2 } else { 3 };
    let glyphs = |t: &Token<'_>| -> Option<Vec<Glyph>> {
        if !t.may_be_cells_run_together() {
            return None;
        }
        // (Digits of both widths glued, `６６1`, are cells of two fonts
        // however the line is laid out: cut where the width changes.)
        let mixed =
            t.text.contains(|c: char| c.is_ascii_digit()) && t.text.contains(|c: char| ('０'..='９').contains(&c));
        let g: Vec<Glyph> = t
            .text
            .char_indices()
            .map(|(at, c)| {
                let wide = !c.is_ascii_digit();
                (laid_out || mixed || !wide).then_some(())?;
                Some(Glyph { at, digit: i64::from(figure::digit_value(c)?), wide })
            })
            .collect::<Option<_>>()?;
        (shortest..=MAX_GLUED_DIGITS).contains(&g.len()).then_some(g)
    };
    // Each figure: its count, or the digits of a number that may be cut.
    let mut parts: Vec<(usize, Option<i64>, Vec<Glyph>)> = Vec::with_capacity(figures.len());
    for &j in &figures {
        let t = toks.get(j)?;
        match glyphs(t) {
            Some(g) => parts.push((j, None, g)),
            // (A signed figure is no count: `—1` is a blank cell and a 1,
            // see `split_dashed_blanks`, never −1 in a row's total.)
            None => parts.push((j, Some(t.count().filter(|&v| v >= 0)?), Vec::new())),
        }
    }
    let mut search =
        GluedSearch { holds, width, tries: 0, row: Vec::with_capacity(width), cuts: Vec::new(), ways: Vec::new() };
    search.walk(&parts, extra);
    match search.ways.as_slice() {
        [one] if search.tries <= MAX_GLUED_TRIES => Some(one.clone()),
        _ => None,
    }
}

/// A digit of a number [`glued_line`] may cut: its byte offset, value, and
/// whether it is full-width.
#[derive(Clone, Copy)]
struct Glyph {
    at: usize,
    digit: i64,
    wide: bool,
}

/// The search of [`glued_line`]: the row so far, the cuts so far, and the
/// ways found (two are enough to give up).
struct GluedSearch<'h, H> {
    holds: &'h H,
    width: usize,
    tries: usize,
    row: Vec<i64>,
    cuts: Vec<(usize, Vec<usize>)>,
    ways: Vec<Vec<(usize, Vec<usize>)>>,
}

impl<H: Fn(&[i64]) -> bool> GluedSearch<'_, H> {
    /// Places the figures `rest` with `extra` cells still to make; depth at
    /// most the row's figures.
    fn walk(&mut self, rest: &[(usize, Option<i64>, Vec<Glyph>)], extra: usize) {
        if self.ways.len() > 1 || self.tries > MAX_GLUED_TRIES {
            return;
        }
        let Some(((j, count, digits), rest)) = rest.split_first() else {
            self.tries += 1;
            if extra == 0 && self.row.len() == self.width && (self.holds)(&self.row) {
                self.ways.push(self.cuts.clone());
            }
            return;
        };
        if let Some(v) = *count {
            self.row.push(v);
            self.walk(rest, extra);
            self.row.pop();
            return;
        }
        // Every choice of `k` cuts among the number's inner places, in
        // order, for `k` up to the cells still to make; where the digits
        // change width, two cells of two fonts meet: a cut.
        let len = digits.len();
        let font_changes = digits.windows(2).filter(|w| matches!(w, [a, b] if a.wide != b.wide)).count();
        for k in font_changes..=extra.min(len.saturating_sub(1)) {
            let mut at: Vec<usize> = (1..=k).collect();
            loop {
                let mark = self.row.len();
                let mut from = 0usize;
                let mut ok = true;
                for &to in at.iter().chain(std::iter::once(&len)) {
                    let part = digits.get(from..to).unwrap_or(&[]);
                    let one_font = part.windows(2).all(|w| matches!(w, [a, b] if a.wide == b.wide));
                    if (part.len() > 1 && part.first().is_some_and(|g| g.digit == 0)) || !one_font {
                        ok = false;
                        break;
                    }
                    self.row.push(part.iter().fold(0i64, |v, g| v * 10 + g.digit));
                    from = to;
                }
                if ok {
                    if k > 0 {
                        let bytes = at.iter().filter_map(|&c| digits.get(c).map(|g| g.at)).collect();
                        self.cuts.push((*j, bytes));
                    }
                    self.walk(rest, extra - k);
                    if k > 0 {
                        self.cuts.pop();
                    }
                }
                self.row.truncate(mark);
                if !next_cuts(&mut at, len) {
                    break;
                }
                if self.ways.len() > 1 || self.tries > MAX_GLUED_TRIES {
                    return;
                }
            }
        }
    }
}

/// The next choice of cuts among a number's `len - 1` inner places, in
/// order (`cuts`, increasing): the last cut that can move on moves, the
/// ones after it follow it. False when every choice has been made.
fn next_cuts(cuts: &mut [usize], len: usize) -> bool {
    let k = cuts.len();
    let Some(m) = (0..k).rev().find(|&m| cuts.get(m).is_some_and(|&c| c < len - (k - m))) else { return false };
    let from = cuts.get(m).copied().unwrap_or(len) + 1;
    for (n, c) in cuts.iter_mut().enumerate().skip(m) {
        *c = from + (n - m);
    }
    true
}

/// Most digits of a whole row run together that [`glued_rows`] splits:
/// its splits grow fast with its length.
const MAX_GLUED_DIGITS: usize = 18;

/// Most splits of one number [`glued_rows`] offers.
const MAX_GLUED_SPLITS: usize = 16;

/// Whole rows run together, each on a line of its own, in text in reading
/// order (`810109192` for 81 0 1 0 9 1 92: cells of several digits whose
/// gaps the extractor lost): each such number, with every way of cutting
/// it into `width` figures, none printed with a leading zero, that makes
/// `holds` (the row's own total) true — as the byte offsets where its
/// figures start. Which cut, if any, is the row's is for the table's rules
/// to say; a number cut more ways than [`MAX_GLUED_SPLITS`] is left out.
pub(crate) fn glued_rows<'a>(tokens: &[Token<'a>], width: usize, holds: impl Fn(&[i64]) -> bool) -> Vec<Ambiguity<'a>> {
    let mut out = Vec::new();
    if width < 2 {
        return out;
    }
    for (i, t) in tokens.iter().enumerate() {
        let len = t.text.len();
        if !t.may_be_cells_run_together()
            || !(width + 1..=MAX_GLUED_DIGITS).contains(&len)
            || !t.text.bytes().all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let alone = |j: Option<usize>| j.and_then(|j| tokens.get(j)).is_none_or(|u| u.line() != t.line());
        if !alone(i.checked_sub(1)) || !alone(Some(i + 1)) {
            continue;
        }
        // Every choice of `width - 1` cuts among the `len - 1` places, in
        // order: `cuts` is the current one.
        let bytes = t.text.as_bytes();
        let mut cuts: Vec<usize> = (1..width).collect();
        let mut splits: Vec<Vec<usize>> = Vec::new();
        let mut row: Vec<i64> = Vec::with_capacity(width);
        loop {
            row.clear();
            let mut ok = true;
            for k in 0..width {
                let a = if k == 0 { 0 } else { cuts.get(k - 1).copied().unwrap_or(len) };
                let b = cuts.get(k).copied().unwrap_or(len);
                let part = bytes.get(a..b).unwrap_or(&[]);
                if part.len() > 1 && part.first() == Some(&b'0') {
                    ok = false;
                    break;
                }
                row.push(part.iter().fold(0i64, |v, &d| v * 10 + i64::from(d - b'0')));
            }
            if ok && holds(&row) {
                let mut starts = vec![0];
                starts.extend(&cuts);
                splits.push(starts);
            }
            if !next_cuts(&mut cuts, len) {
                break;
            }
        }
        if !splits.is_empty() && splits.len() <= MAX_GLUED_SPLITS {
            let ways = splits
                .iter()
                .map(|starts| {
                    starts
                        .iter()
                        .enumerate()
                        .map(|(k, &a)| {
                            let b = starts.get(k + 1).copied().unwrap_or(len);
                            let text = t.text.get(a..b).unwrap_or("");
                            let kind = match text.parse::<i64>() {
                                Ok(v) => Kind::Figure(Figure::Number(Number::int(v), None)),
                                Err(_) => Kind::Noise,
                            };
                            Token { kind, text, cell: None, ..*t }
                        })
                        .collect()
                })
                .collect();
            out.push(Ambiguity { at: i..i + 1, ways });
        }
    }
    out
}

/// Cells of one digit run together inside a row, in text in reading order
/// (`３０ 0 ０ 0 0 ３` for 3 0 0 0 0 0 3; `0 0 0 0 0 11` for … 0 1 1): a
/// number of two or more digits of one font, not all zeros, among the
/// figures between two texts (a row's run after its label), where one
/// figure a digit makes the run exactly `width` figures that `holds` (the
/// row's own total). Each such number, read as printed or a digit a cell:
/// which, if either, is for the table's rules to say.
pub(crate) fn glued_cells<'a>(
    tokens: &[Token<'a>],
    width: usize,
    holds: impl Fn(&[i64]) -> bool,
) -> Vec<Ambiguity<'a>> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < tokens.len() {
        // A run: the figures from `i` up to the next text.
        let end = tokens
            .get(i..)
            .map_or(tokens.len(), |r| i + r.iter().position(|t| t.kind == Kind::Text).unwrap_or(r.len()));
        if end == i {
            i += 1;
            continue;
        }
        let run: Vec<usize> = (i..end).filter(|&j| tokens.get(j).is_some_and(Token::is_definite)).collect();
        let bounded = i > 0 && end < tokens.len();
        for &j in run.iter().filter(|_| bounded && run.len() < width) {
            let Some(t) = tokens.get(j).filter(|t| t.may_be_cells_run_together()) else { continue };
            let Some(digits) = run_digits(t.text) else { continue };
            if run.len() - 1 + digits.len() != width || digits.iter().all(|&d| d == 0) {
                continue;
            }
            let mut row: Vec<i64> = Vec::with_capacity(width);
            for &k in &run {
                if k == j {
                    row.extend(&digits);
                } else if let Some(v) = tokens.get(k).and_then(Token::count) {
                    row.push(v);
                }
            }
            if row.len() != width || !holds(&row) {
                continue;
            }
            let split: Vec<Token<'a>> = t
                .text
                .char_indices()
                .zip(&digits)
                .map(|((at, c), &d)| Token {
                    kind: Kind::Figure(Figure::Number(Number::int(d), None)),
                    text: t.text.get(at..at + c.len_utf8()).unwrap_or(""),
                    ..*t
                })
                .collect();
            out.push(Ambiguity { at: j..j + 1, ways: vec![vec![*t], split] });
        }
        i = end;
    }
    out
}

/// A place in a table's tokens that the text lets be read more than one
/// way: the tokens `at`, and each way, the tokens standing for them.
#[derive(Clone, Debug)]
pub(crate) struct Ambiguity<'a> {
    pub at: Range<usize>,
    pub ways: Vec<Vec<Token<'a>>>,
}

/// Most lines of a full-width number drawn over lines that
/// [`wide_digit_lines`] puts together.
const MAX_WIDE_LINES: usize = 4;

/// Most digits a line of such a number holds.
const MAX_WIDE_LINE_DIGITS: usize = 4;

/// Full-width numbers a line each, on lines that follow one another (no
/// blank line between, as pdftotext leaves between cells in reading order):
/// a full-width number wider than its cell drawn over lines (`１` / `６`
/// for 16, `１０` / `１` for 101), or cells of their own. Each run, with
/// every way of putting neighbouring lines together (as printed among
/// them) that reads numbers as printed: no number of several lines starts
/// with a 0.
pub(crate) fn wide_digit_lines<'a>(tokens: &[Token<'a>]) -> Vec<Ambiguity<'a>> {
    let alone_wide = |i: usize| -> bool {
        let Some(t) = tokens.get(i) else { return false };
        let digits = t.text.chars().count();
        let wide = (1..=MAX_WIDE_LINE_DIGITS).contains(&digits) && t.text.chars().all(|c| ('０'..='９').contains(&c));
        let apart = |j: Option<usize>| j.and_then(|j| tokens.get(j)).is_none_or(|u| u.line() != t.line());
        wide && matches!(t.kind, Kind::Figure(Figure::Number(..))) && apart(i.checked_sub(1)) && apart(Some(i + 1))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !alone_wide(i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while alone_wide(end)
            && tokens.get(end).map(Token::line) == tokens.get(end - 1).map(|t| t.line() + 1)
            && end - i < MAX_WIDE_LINES
        {
            end += 1;
        }
        if end - i >= 2 {
            // Each way: which of the gaps between the lines are joined.
            let gaps = end - i - 1;
            let ways: Vec<Vec<Token<'a>>> = (0..1u32 << gaps)
                .filter_map(|joins| {
                    let mut way: Vec<Token<'a>> = Vec::new();
                    let mut value: i64 = 0;
                    let mut first: Option<usize> = None;
                    for (k, t) in tokens.get(i..end).unwrap_or(&[]).iter().enumerate() {
                        for c in t.text.chars() {
                            value = value * 10 + figure::digit_value(c).map_or(0, i64::from);
                        }
                        let start = *first.get_or_insert(k);
                        if joins & (1 << k) == 0 {
                            // The number ends here: one line as printed, or
                            // several at their first line's place (never a
                            // number printed with a leading 0).
                            match tokens.get(i + start) {
                                Some(s) if start == k => way.push(*s),
                                Some(s) if s.text.starts_with('０') => return None,
                                Some(s) => {
                                    way.push(Token {
                                        kind: Kind::Figure(Figure::Number(Number::int(value), None)),
                                        ..*s
                                    });
                                }
                                None => {}
                            }
                            value = 0;
                            first = None;
                        }
                    }
                    Some(way)
                })
                .collect();
            // (A run that reads only as printed is no ambiguity.)
            if ways.len() > 1 {
                out.push(Ambiguity { at: i..end, ways });
            }
        }
        i = end;
    }
    out
}

/// Rows whose figures straddle their label in reading order: a run of
/// figures right after the text before (`0 0 0 1 25`), then the label with
/// the rest of the row's figures on its own line (`1.本机关不掌握相关政府信息
/// 24 0`), `width` figures in all. pdftotext writes the figures that share
/// the label's line after it, and those a little above it before, so the
/// row may be the label's line first (24 0 0 0 0 1 25). Each such place,
/// with the way as printed and the way label, its line's figures, then the
/// run before; the table's rules choose (`order::choose_reading`).
pub(crate) fn label_line_straddles<'a>(tokens: &[Token<'a>], width: usize, row_mask: u64) -> Vec<Ambiguity<'a>> {
    let figure = |t: &Token<'_>| matches!(t.kind, Kind::Figure(_));
    let mut out = Vec::new();
    for (li, label) in tokens.iter().enumerate() {
        if label.kind != Kind::Text || label.bits & row_mask == 0 {
            continue;
        }
        // The figures on the label's line, after it, ending the line.
        let after = tokens.get(li + 1..).unwrap_or(&[]);
        let k = after.iter().take_while(|t| figure(t) && t.line() == label.line()).count();
        if k == 0 || after.get(k).is_some_and(|t| t.line() == label.line()) {
            continue;
        }
        // The run right before the label, on lines of its own, after text.
        let m = tokens.get(..li).unwrap_or(&[]).iter().rev().take_while(|t| figure(t)).count();
        let start = li - m;
        if m == 0 || k + m != width || start == 0 || tokens.get(start - 1).is_none_or(|t| t.kind != Kind::Text) {
            continue;
        }
        let (Some(before), Some(on_line)) = (tokens.get(start..li), tokens.get(li + 1..li + 1 + k)) else { continue };
        if before.iter().any(|t| t.line() == label.line()) {
            continue;
        }
        let printed: Vec<Token<'a>> = tokens.get(start..li + 1 + k).unwrap_or(&[]).to_vec();
        let mut straddled = vec![*label];
        straddled.extend_from_slice(on_line);
        straddled.extend_from_slice(before);
        out.push(Ambiguity { at: start..li + 1 + k, ways: vec![printed, straddled] });
    }
    out
}

/// `tokens` with each of `choices` (an ambiguity and the way taken) read
/// that way.
pub(crate) fn read_as<'a>(tokens: &[Token<'a>], choices: &[(&Ambiguity<'a>, usize)]) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(tokens.len() + 16);
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        match choices.iter().find(|c| c.0.at.start == i) {
            Some((a, way)) if a.at.end > i => {
                out.extend(a.ways.get(*way).map_or(&[][..], Vec::as_slice));
                i = a.at.end;
            }
            _ => {
                out.push(*t);
                i += 1;
            }
        }
    }
    out
}

/// The digits of a run of one-digit cells glued (`000005`), of one font:
/// `None` for other text, or for digits of two fonts glued (`０0`), drawn
/// as separate runs whose order is not known.
fn run_digits(text: &str) -> Option<Vec<i64>> {
    let digits = text.chars().map(|c| figure::digit_value(c).map(i64::from)).collect::<Option<Vec<i64>>>()?;
    let wide = text.chars().filter(|c| !c.is_ascii_digit()).count();
    (wide == 0 || wide == digits.len()).then_some(digits)
}

/// A row's cells run together into one number in PDF text (`1000001` on a
/// line of its own in reading order, for a row of seven one-digit cells;
/// `5 000005` after a page break in laid-out text): split into one figure
/// per digit when the line's figures, the number's digits counted one a
/// cell, are exactly `width`, and read so satisfy `holds` (the row's own
/// total). In reading order only a whole row run together is split (and
/// not zeros alone): there a shorter run may be cells of two rows glued,
/// and making the count come out even would only shift rows.
pub(crate) fn split_digit_runs<'a>(
    tokens: &mut Vec<Token<'a>>,
    width: usize,
    reading_order: bool,
    indented: impl Fn(usize) -> bool,
    holds: impl Fn(&[i64]) -> bool,
) {
    // Whether token `i`, on the line of tokens `first..=last` holding
    // `count` figures, is such a run, to be split.
    let splits = |i: usize, first: usize, last: usize, count: usize| -> bool {
        let Some(t) = tokens.get(i) else { return false };
        // Cheap tests first: most numbers are not runs. A whole cell of a
        // tab- or pipe-separated line is one cell, whatever its digits.
        if !t.may_be_cells_run_together() {
            return false;
        }
        let chars = t.text.chars().count();
        if chars < 2 || count + chars != width + 1 {
            return false;
        }
        let Some(digits) = run_digits(t.text) else { return false };
        // The line's figures, this one as its digits, in order; no text
        // after the first of them.
        let figures = (first..=last).filter(|&j| tokens.get(j).is_some_and(Token::is_definite));
        let Some(start) = figures.clone().next() else { return false };
        if tokens.get(start..=last).is_some_and(|run| run.iter().any(|u| u.kind == Kind::Text)) {
            return false;
        }
        // A line of three figures whose middle one is every cell but the
        // first and the last run together (`2 00000 2`: the narrow cells
        // between two wide ones, glued), the first and last apart: one row,
        // split wherever the line stands.
        let inner = count == 3
            && digits.len() + 2 == width
            && figures.clone().next() != Some(i)
            && figures.clone().next_back() != Some(i);
        if !inner && reading_order && (digits.len() != width || digits.iter().all(|&d| d == 0)) {
            return false;
        }
        // Laid out, the figures stand after their row's label on its line,
        // or far to the right on a line of their own (inside a wrapped
        // label); figures at the start of a line, as in reading order, are
        // a whole row alone or nothing.
        let labelled = tokens.get(first..start).is_some_and(|run| run.iter().any(|u| u.kind == Kind::Text));
        if !inner && !labelled && !indented(t.line()) && (digits.len() != width || digits.iter().all(|&d| d == 0)) {
            return false;
        }
        let mut row: Vec<i64> = Vec::with_capacity(width);
        for j in figures {
            if j == i {
                row.extend(&digits);
            } else if let Some(v) = tokens.get(j).and_then(Token::count) {
                row.push(v);
            } else {
                return false;
            }
        }
        row.len() == width && holds(&row)
    };
    // Laid out, after the row's label on its line: several runs (`0 0000
    // 00` after a page break, one-digit cells whose spaces are lost), the
    // runs to split being the one set of them that, split, gives the row
    // exactly its cells and its total. Two sets that read differently: none.
    let several = |first: usize, last: usize, count: usize| -> Vec<usize> {
        // Splitting only adds cells: a line with the row's cells or more
        // has nothing to split.
        if count >= width || count < 2 {
            return Vec::new();
        }
        let figs: Vec<usize> = (first..=last).filter(|&j| tokens.get(j).is_some_and(Token::is_definite)).collect();
        let Some(&start) = figs.first() else { return Vec::new() };
        let text_in = |r: std::ops::Range<usize>| tokens.get(r).is_some_and(|s| s.iter().any(|u| u.kind == Kind::Text));
        if text_in(start..last + 1) || !text_in(first..start) {
            return Vec::new();
        }
        // The runs: numbers of two or more digits of one font.
        let runs: Vec<(usize, Vec<i64>)> = figs
            .iter()
            .filter_map(|&j| {
                let t = tokens.get(j)?;
                if !t.may_be_cells_run_together() {
                    return None;
                }
                Some((j, run_digits(t.text)?))
            })
            .collect();
        if !(2..=6).contains(&runs.len()) {
            return Vec::new();
        }
        let mut found: Option<(u32, Vec<i64>)> = None;
        for mask in 1u32..(1 << runs.len()) {
            let mut row: Vec<i64> = Vec::with_capacity(width);
            for &j in &figs {
                match runs.iter().enumerate().find(|(_, r)| r.0 == j) {
                    Some((k, r)) if mask & (1 << k) != 0 => row.extend(&r.1),
                    _ => match tokens.get(j).and_then(Token::count) {
                        Some(v) => row.push(v),
                        None => return Vec::new(),
                    },
                }
            }
            if row.len() == width && holds(&row) {
                match &found {
                    Some((_, other)) if *other != row => return Vec::new(),
                    Some(_) => {}
                    None => found = Some((mask, row)),
                }
            }
        }
        found.map_or_else(Vec::new, |(mask, _)| {
            runs.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0).map(|(_, r)| r.0).collect()
        })
    };
    let mut split: Vec<usize> = Vec::new();
    let mut first = 0;
    while let Some(line) = tokens.get(first).map(Token::line) {
        let last = (first..tokens.len()).take_while(|&j| tokens.get(j).is_some_and(|u| u.line() == line)).last();
        let last = last.unwrap_or(first);
        let count = tokens.get(first..=last).map_or(0, |run| run.iter().filter(|u| u.is_definite()).count());
        let before = split.len();
        split.extend((first..=last).filter(|&i| splits(i, first, last, count)));
        if split.len() == before && !reading_order {
            split.extend(several(first, last, count));
        }
        first = last + 1;
    }
    if split.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(tokens.len() + split.len() * width);
    for (i, t) in tokens.iter().enumerate() {
        if split.binary_search(&i).is_err() {
            out.push(*t);
            continue;
        }
        for (k, c) in t.text.char_indices() {
            let Some(d) = figure::digit_value(c) else { continue };
            let text = t.text.get(k..k + c.len_utf8()).unwrap_or("");
            out.push(Token {
                kind: Kind::Figure(Figure::Number(Number::int(i64::from(d)), None)),
                text,
                cell: None,
                ..*t
            });
        }
    }
    *tokens = out;
}

#[cfg(test)]
mod tests {

    /// One line of table 三 tokenized, then mended by `repair`: its figures
    /// and blanks, each with what it counts.
    fn requests_line(line: &str, repair: impl for<'t> FnOnce(&mut Vec<Token<'t>>)) -> Vec<(String, Option<i64>)> {
        let lexed = lex(line);
        let rows = super::super::label::row_mask(super::super::vocab::TableKind::Requests);
        let mut toks = tokenize(&lexed, 0..lexed.len(), rows);
        repair(&mut toks);
        toks.iter().filter(|t| t.is_definite()).map(|t| (t.text.to_string(), t.count())).collect()
    }

    /// The texts of [`requests_line`].
    #[test]
    fn digits_of_two_widths_are_two_cells() {
        assert_eq!(width_runs("１1"), Some(vec!["１", "1"]));
        assert_eq!(width_runs("０0０"), Some(vec!["０", "0", "０"]));
        assert_eq!(width_runs("12"), None);
        assert_eq!(width_runs("１２"), None);
        assert_eq!(width_runs("1,２"), None);
        assert_eq!(width_runs("0"), None);
        // Mixes whose order as drawn matters, or whose runs may be numbers.
        assert_eq!(width_runs("2０0"), None);
        assert_eq!(width_runs("０0００"), None);
        assert_eq!(width_runs("１１1"), None);
        // In text laid out by spaces: the row's seven cells.
        let lexed = lex("四、结转下年度继续办理             ０0 0 ０0 １1");
        let toks = tokenize(&lexed, 0..1, u64::MAX);
        let counts: Vec<i64> = toks.iter().filter_map(Token::count).collect();
        assert_eq!(counts, [0, 0, 0, 0, 0, 1, 1]);
    }

    #[test]
    fn a_vertical_none_before_the_rest_of_its_label_is_text() {
        let blanks = |text: &str| {
            let lexed = lex(text);
            let mut toks = tokenize(&lexed, 0..lexed.len(), label::row_mask(super::super::vocab::TableKind::Requests));
            vertical_none_of_a_label(&mut toks);
            toks.iter().filter(|t| t.is_definite()).map(|t| t.text.to_string()).collect::<Vec<_>>()
        };
        // 无法提供 drawn a character a line, a wrapped label's tail between.
        assert_eq!(blanks("1.本机关不掌握相关政府信\n40 7\n无\n息\n法\n3 0\n提\n供"), ["40", "7", "3", "0"]);
        // A blank cell before a label is a blank cell.
        assert_eq!(blanks("0 0\n无\n2.没有现成信息需要另行制作\n3 0"), ["0", "0", "无", "3", "0"]);
        // And before a header naming 法人或其他组织.
        assert_eq!(blanks("无\n法人或其他组织\n1"), ["无", "1"]);
    }

    fn requests_texts(line: &str, repair: impl for<'t> FnOnce(&mut Vec<Token<'t>>)) -> Vec<String> {
        requests_line(line, repair).into_iter().map(|(t, _)| t).collect()
    }

    /// Table 三's laid-out `text` after `split_digit_runs` (rows of seven,
    /// each holding its own total; `indented`: lines far to the right): the
    /// figures of line `n`, as printed.
    fn laid_out_runs_split(text: &str, indented: impl Fn(usize) -> bool) -> impl Fn(usize) -> Vec<String> {
        let lexed = crate::lex::lex(text);
        let mut toks =
            tokenize(&lexed, 1..lexed.len(), super::super::label::row_mask(super::super::vocab::TableKind::Requests));
        split_digit_runs(&mut toks, 7, false, indented, |d| {
            d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1)
        });
        let figures: Vec<(usize, String)> =
            toks.iter().filter(|t| t.is_definite()).map(|t| (t.line(), t.text.to_string())).collect();
        move |n| figures.iter().filter(|f| f.0 == n).map(|f| f.1.clone()).collect()
    }

    #[test]
    fn a_blank_a_space_before_a_figure_is_a_blank_cell() {
        use super::super::{label, vocab::TableKind};
        let read = |line: &str| {
            let lexed = lex(line);
            let toks = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
            toks.iter().filter(|t| t.kind != Kind::Text).map(|t| (t.text.to_string(), t.kind)).collect::<Vec<_>>()
        };
        let blank = |m| Kind::Figure(Figure::Blank(m));
        let n = |v| Kind::Figure(Figure::Number(Number::int(v), None));
        // pdftotext -layout keeps one space between the last two cells:
        // `无 0` and `－ 3` are a blank cell and a figure (never text, never
        // −3).
        let row = read("4．保护第三方合法权益        无    无    无   0   无   无 0");
        assert_eq!(row.len(), 7);
        assert_eq!(row.get(5), Some(&("无".to_string(), blank(Marker::None))));
        assert_eq!(row.get(6), Some(&("0".to_string(), n(0))));
        let row = read("（一）予以公开          2   －   －   －   1   － 3");
        assert_eq!(row.get(5), Some(&("－".to_string(), blank(Marker::FullwidthHyphen))));
        assert_eq!(row.get(6), Some(&("3".to_string(), n(3))));
        let row = read("3、危及三安全一稳定         无 无 无 无     无   0 无");
        assert_eq!(row.len(), 7);
        assert!(row.iter().take(5).all(|(_, k)| *k == blank(Marker::None)));
        // `无` right after text is the text's (`（四） 无` of 无法提供).
        assert_eq!(read("（四） 无 2.没有现成信息需要另行制作 0 0").len(), 2);
    }

    #[test]
    fn a_box_drawn_row_over_several_lines_is_one_row() {
        use super::super::{label, vocab::TableKind};
        // `w3m -dump` at 80 columns: a label and numbers wrap within their
        // cells, between two rules.
        let text = "├──────────────────┼───┼────┼──┤\n\
                    │（二）部分公开（区│８ │０  │１│\n\
                    │分处理的）        │   │    │２│\n\
                    ├──────────────────┼───┼────┼──┤\n\
                    │（七）总计        │５ │７  │０│\n\
                    │                  │７ │    │  │\n\
                    └──────────────────┴───┴────┴──┘\n";
        let lexed = crate::lex::lex(text);
        let toks = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let read: Vec<(Kind, &str, usize)> = toks.iter().map(|t| (t.kind, t.text, t.line())).collect();
        let n = |v| Kind::Figure(Figure::Number(Number::int(v), None));
        assert_eq!(
            read,
            [
                (Kind::Text, "（二）部分公开（区", 2),
                (n(8), "８", 2),
                (n(0), "０", 2),
                (n(12), "１", 2),
                (Kind::Text, "（七）总计", 5),
                (n(57), "５", 5),
                (n(7), "７", 5),
                (n(0), "０", 5),
            ]
        );
        // The label is read whole: the row's, not the start of another.
        let whole = toks.first().map_or(0, |t| t.bits);
        assert_eq!(whole, label::scan_label("(二)部分公开(区分处理的)"));
        // One line of cells is read as it stands.
        let one = crate::lex::lex("│（七）总计│５ │７ │\n");
        let toks = tokenize(&one, 0..1, label::row_mask(TableKind::Requests));
        assert_eq!(toks.iter().map(|t| t.text).collect::<Vec<_>>(), ["（七）总计", "５", "７"]);
    }

    /// The ambiguities `find` sees in `text`'s tokens: where, and each way's
    /// figures.
    fn ways_in(
        text: &str,
        find: impl for<'t> Fn(&[Token<'t>]) -> Vec<Ambiguity<'t>>,
    ) -> Vec<(Range<usize>, Vec<Vec<i64>>)> {
        let lexed = crate::lex::lex(text);
        let toks = tokenize(&lexed, 0..lexed.len(), 0);
        find(&toks)
            .into_iter()
            .map(|a| (a.at.clone(), a.ways.iter().map(|w| w.iter().filter_map(Token::count).collect()).collect()))
            .collect()
    }

    #[test]
    fn a_row_straddling_its_label_offers_the_labels_line_first() {
        let ways = |text: &str| {
            ways_in(text, |t| label_line_straddles(t, 7, label::row_mask(super::super::vocab::TableKind::Requests)))
        };
        // `0 0 0 1 25` above the label, `24 0` on its line: as printed, or
        // 24 0 0 0 0 1 25.
        let text = "8.属于行政查询事项\n理结果\n0\n0\n0\n1 25\n1.本机关不掌握相关政府信息 24 0\n（四）无法\n";
        assert_eq!(ways(text), vec![(2..10, vec![vec![0, 0, 0, 1, 25, 24, 0], vec![24, 0, 0, 0, 0, 1, 25]])]);
        // Not when the figures do not make a row, nor when nothing stands
        // on the label's line.
        assert!(ways(&text.replace("1 25\n", "1\n")).is_empty());
        assert!(ways(&text.replace(" 24 0\n", "\n24\n0\n")).is_empty());
    }

    #[test]
    fn full_width_digits_a_line_each_offer_every_way_of_joining() {
        let ways = |text: &str| ways_in(text, wide_digit_lines);
        // pdftotext draws a full-width 16 a glyph a line: 1 and 6, or 16.
        assert_eq!(ways("一、本年新收\n\n2\n\n１\n６\n\n0\n"), vec![(2..4, vec![vec![1, 6], vec![16]])]);
        // Three lines: every way of joining neighbours.
        assert_eq!(ways("x\n１\n２\n３\n"), vec![(1..4, vec![vec![1, 2, 3], vec![12, 3], vec![1, 23], vec![123]])]);
        // A blank line between (cells apart), ASCII digits, or a digit
        // beside another figure on its line: nothing to join.
        assert!(ways("x\n１\n\n６\n").is_empty());
        assert!(ways("x\n1\n6\n").is_empty());
        assert!(ways("x\n１ 0\n６\n").is_empty());
        // Lines of several digits: a 101 drawn `１０` / `１`.
        assert_eq!(ways("x\n１０\n１\n"), vec![(1..3, vec![vec![10, 1], vec![101]])]);
        // No number of several lines starts with a 0: `０` / `５` reads
        // only as printed, and `１` / `０` / `５` never as 1 and 05.
        assert!(ways("x\n０\n５\n").is_empty());
        assert!(ways("x\n０\n０\n０\n").is_empty());
        assert_eq!(ways("x\n１\n０\n５\n"), vec![(1..4, vec![vec![1, 0, 5], vec![10, 5], vec![105]])]);
    }

    #[test]
    fn a_whole_row_run_together_offers_the_cuts_that_keep_its_total() {
        let own = |d: &[i64]| d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1);
        let figures = |text: &str| ways_in(text, |toks| glued_rows(toks, 7, own));
        // pdftotext's `810109192`: one cut keeps the total.
        assert_eq!(figures("（七）总计\n810109192\n"), vec![(1..2, vec![vec![81, 0, 1, 0, 9, 1, 92]])]);
        // Two cuts do (no part with a leading zero: `1 10 0 0 0 0 11`,
        // `11 0 0 0 0 0 11`); the table's rules choose.
        assert_eq!(
            figures("x\n110000011\n"),
            vec![(1..2, vec![vec![1, 10, 0, 0, 0, 0, 11], vec![11, 0, 0, 0, 0, 0, 11]])]
        );
        // Not alone on its line, too short, or no cut keeps a total: none.
        assert!(figures("x\n810109192 5\n").is_empty());
        assert!(figures("x\n1000001\n").is_empty());
        assert!(figures("x\n99999999\n").is_empty());
    }

    #[test]
    fn cells_glued_inside_a_row_offer_the_number_and_its_digits() {
        let own = |d: &[i64]| d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1);
        let figures = |text: &str| ways_in(text, |toks| glued_cells(toks, 7, own));
        // Between two labels, `11` a digit a cell makes the row's seven
        // cells and keeps its total: 11, or 1 and 1.
        assert_eq!(figures("（七）总计\n0 0 0 0 0 11\n四、结转\n"), vec![(6..7, vec![vec![11], vec![1, 1]])]);
        // Full-width digits of one font likewise.
        assert_eq!(figures("x\n３０ 0 ０ 0 0 ３\ny\n"), vec![(1..2, vec![vec![30], vec![3, 0]])]);
        // Not bounded by text, the total broken, two fonts glued, zeros
        // alone (split as such already), or too many cells: none.
        assert!(figures("x\n0 0 0 0 0 11\n").is_empty());
        assert!(figures("x\n0 0 0 0 0 12\ny\n").is_empty());
        assert!(figures("x\n２0 0 0 0 0 2\ny\n").is_empty());
        assert!(figures("x\n0 0 0 0 0 00\ny\n").is_empty());
        assert!(figures("x\n0 0 0 0 0 0 11\ny\n").is_empty());
    }

    #[test]
    fn figures_of_a_row_with_empty_cells_stand_under_the_pages_columns() {
        use super::super::{label, vocab::TableKind};
        // A row's line: its label, then each figure ending at its column.
        let row = |label: &str, cells: &[(usize, &str)]| {
            let mut line = label.to_string();
            for &(end, v) in cells {
                let at = end - v.chars().count();
                let pad = at.saturating_sub(line.chars().count()).max(2);
                line.push_str(&" ".repeat(pad));
                line.push_str(v);
            }
            line
        };
        let cols = [40, 44, 48, 52, 56, 60, 64];
        let full = |label: &str| row(label, &cols.map(|c| (c, "0")));
        let short = |total: &str| row("二、上年结转政府信息公开申请数量", &[(40, "1"), (56, "0"), (64, total)]);
        let table = |lines: &[String]| {
            let mut all =
                vec!["三、收到和处理政府信息公开申请情况".to_string(), full("一、本年新收政府信息公开申请数量")];
            all.extend_from_slice(lines);
            all.push(full("（一）予以公开"));
            all.join("\n")
        };
        let mask = label::row_mask(TableKind::Requests);
        let total = |d: &[i64]| d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1);
        let read = |text: &str| {
            let lexed = lex(text);
            let mut toks = tokenize(&lexed, 1..lexed.len(), mask);
            place_by_grid(&lexed, &mut toks, mask, 7, total);
            toks.iter().filter(|t| t.is_definite() && t.line() == 3).map(|t| t.text.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(read(&table(&[short("1")])), ["1", "", "", "", "0", "", "1"]);
        // A row that breaks its own total so placed is left as printed.
        assert_eq!(read(&table(&[short("2")])), ["1", "0", "2"]);
        // Figures on a line of their own next to the row (a cell set lower,
        // a wrapped number's part): left to the readings that gather them.
        assert_eq!(read(&table(&[short("1"), row("", &[(48, "5")])])), ["1", "0", "1"]);
    }

    #[test]
    fn none_after_a_wrapped_label_is_a_blank_cell_only_where_the_row_needs_it() {
        let split = |line: &str| requests_texts(line, |toks| split_none_after_text(toks, 7));
        assert_eq!(
            split("        用、行政机关不再处理其政府信息公开申 无    0   无   无   无   0 无"),
            ["无", "0", "无", "无", "无", "0", "无"]
        );
        // The row has its cells without it: 无 stays the text's.
        assert_eq!(split("（四） 无    0   0   0   0   0   0   0").len(), 7);
        // Nor is it split off a text followed by more text.
        assert_eq!(split("（四） 无 法提供    0   0   0   0   0   0").len(), 6);
    }

    #[test]
    fn dashes_run_into_figures_are_blank_cells() {
        let split = |line: &str| requests_line(line, |toks| split_dashed_blanks(toks, 7));
        let texts = |line: &str| requests_texts(line, |toks| split_dashed_blanks(toks, 7));
        // `—1` is a blank cell and a 1, never −1.
        assert_eq!(
            split("（七）总计                                   122 —0 —1 15"),
            [("122", Some(122)), ("—", Some(0)), ("0", Some(0)), ("—", Some(0)), ("1", Some(1)), ("15", Some(15))]
                .map(|(t, v)| (t.to_string(), v))
        );
        // A dash a blank cell where that gives the row its seven cells.
        assert_eq!(
            texts("四、结转下年度继续办理                             0 ——————"),
            ["0", "—", "—", "—", "—", "—", "—"]
        );
        assert_eq!(
            texts("       1.属于国家秘密                         ————0 ——"),
            ["—", "—", "—", "—", "0", "—", "—"]
        );
        assert_eq!(texts("3.其他     —— 0 0 0 0 0"), ["—", "—", "0", "0", "0", "0", "0"]);
        // Else `——` is one blank cell's marker.
        assert_eq!(texts("3.其他     —— 0 0 0 0 0 0"), ["——", "0", "0", "0", "0", "0", "0"]);
        assert_eq!(texts("3.其他     ——1 0 0 0 0 1"), ["——", "1", "0", "0", "0", "0", "1"]);
        assert_eq!(texts("3.其他     ——1 0 0 1"), ["——", "1", "0", "0", "1"]);
        // Slashes too, before, after or between figures.
        assert_eq!(texts("(七) 总计          5 0 ／／／ 0 5"), ["5", "0", "／", "／", "／", "0", "5"]);
        assert_eq!(texts("3.其他          0 ／0 ／0 0 ／"), ["0", "／", "0", "／", "0", "0", "／"]);
        assert_eq!(texts("2.重复申请    7 0 0／0 0 7"), ["7", "0", "0", "／", "0", "0", "7"]);
        // A page number between dashes is none of them.
        assert_eq!(texts("                    —8—"), Vec::<String>::new());
        // A whole tab cell is never split.
        assert_eq!(texts("3.其他\t—1\t0"), ["—1", "0"]);
    }

    #[test]
    fn glued_cells_split_only_where_the_rows_total_allows() {
        let total = |d: &[i64]| d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1);
        let split = |line: &str| requests_texts(line, |toks| split_glued_cells(toks, 7, total));
        // pdfplumber: `275 2575` glued; only 275 | 2575 keeps the total.
        assert_eq!(
            split("一、本年新收政府信息公开申请数量 2121 88 0 14 77 2752575"),
            ["2121", "88", "0", "14", "77", "275", "2575"]
        );
        // No split of `880` (88 | 0, 8 | 80) keeps the total: none is made.
        assert_eq!(split("（一）予以公开 100 0 0 0 12 880").len(), 6);
        // A row with all its cells, or two short, is left as it stands.
        assert_eq!(split("（一）予以公开 1 0 0 0 0 0 1").len(), 7);
        assert_eq!(split("（一）予以公开 2 0 0 0 170").len(), 5);
        // Laid out (`pdftotext -layout`), far from the label, a space
        // apart: any of the figures may be cells run together.
        assert_eq!(
            split("（七）总计                                        4193052142472"),
            ["419", "30", "5", "2", "14", "2", "472"]
        );
        assert_eq!(
            split("四、结转下年度继续办理                                  10 2 001 013"),
            ["10", "2", "0", "0", "1", "0", "13"]
        );
        assert_eq!(
            split("（七）总计                              2001 0 1 1 23"),
            ["20", "0", "1", "0", "1", "1", "23"]
        );
        // Digits of two widths glued are cells of two fonts: cut where the
        // width changes.
        assert_eq!(split("6．属于四类过程性信息                  2０0 0 0 0 2"), ["2", "０", "0", "0", "0", "0", "2"]);
        assert_eq!(split("6．属于四类过程性信息 2０0 0 0 0 2").len(), 5);
        // So wherever the row stands, cells a gap apart: `６６1` is 66 | 1
        // (6 | 61 would join two fonts in one cell).
        assert_eq!(
            split("一、本年新收政府信息公开申请数量          ６６1           ０ 0  ８      ０ 75"),
            ["６６", "1", "０", "0", "８", "０", "75"]
        );
        // Three ways keep the total (2 2 20 …, 2 22 …, 22 2 …): none is
        // taken.
        assert_eq!(split("（七）总计                         222000024"), ["222000024"]);
        // A gap among the figures is a blank cell's: then only one cell may
        // be missing for a number to be cut (`10` as 1 0 would hold here).
        assert_eq!(split("（一）予以公开                    10     1 0 0 0 2").len(), 6);
        assert_eq!(split("（一）予以公开                    10 1 0 0 0 2"), ["1", "0", "1", "0", "0", "0", "2"]);
    }

    #[test]
    fn a_table_under_rules_of_dashes_is_read_by_its_columns() {
        // pandoc's simple table: a blank cell is spaces under its dashes;
        // columns count an ideograph two wide.
        let text = "  ---------- ------ ------ ------\n\
                    \x20 规章       0             3\n\
                    \x20 规范性文件 16     16     16\n\
                    \x20 ---------- ------ ------ ------\n";
        let lexed = lex(text);
        let toks = tokenize(&lexed, 0..lexed.len(), u64::MAX);
        let read: Vec<(&str, Option<u16>, bool)> =
            toks.iter().map(|t| (t.text, t.cell, t.kind == Kind::Empty)).collect();
        assert_eq!(
            read,
            [
                ("规章", Some(0), false),
                ("0", Some(1), false),
                ("", Some(2), true),
                ("3", Some(3), false),
                ("规范性文件", Some(0), false),
                ("16", Some(1), false),
                ("16", Some(2), false),
                ("16", Some(3), false),
            ]
        );
        assert_eq!(dash_columns("  ---- --- ----"), Some(vec![2, 7, 11]));
        assert_eq!(dash_columns("---- ----"), None, "two columns");
        assert_eq!(dash_columns("-- ---- ----"), None, "a short run");
        assert_eq!(cells_by_columns("ab  规章 c", &[0, 4, 9]), ["ab", "规章", "c"]);
        // Without a closing rule, lines are read as laid out.
        let open = "  ---------- ------ ------\n  规章       0      3\n";
        let lexed = lex(open);
        assert!(tokenize(&lexed, 0..lexed.len(), u64::MAX).iter().all(|t| t.cell.is_none()));
    }

    #[test]
    fn rows_laid_out_by_spaces_a_blank_line_apart_are_no_cell_lines() {
        let cells: String = (0..10).map(|i| format!("  第{i}格  \n\n")).collect();
        let lexed = lex(&cells);
        assert!(is_cell_lines(&lexed, &(0..lexed.len())));
        let rows: String = (0..10).map(|i| format!("  （七）总计   14{i}   4   0\n   \n")).collect();
        let lexed = lex(&rows);
        assert!(!is_cell_lines(&lexed, &(0..lexed.len())));
    }

    #[test]
    fn header_cells_wrapped_in_their_paragraphs_are_cell_lines() {
        // Table 四 copied from a page whose headers wrap in their cells
        // (`结果` / `纠正`, `尚未` / `审结`): each wrapped header is one cell.
        let text = "行政复议\n\n结果\n维持\n\n结果\n纠正\n\n其他\n结果\n\n尚未\n审结\n\n总计\n\n\
                    未经复议\n直接起诉\n\n2\n\n\n\n4\n\n\n\n6\n\n1\n\n3\n";
        let lexed = lex(text);
        assert!(is_cell_lines(&lexed, &(0..lexed.len())));
        // Lines of figures one after another (PDF text) still count each.
        let figures: String = (0..12).map(|i| format!("{i}\n{i}\n\n")).collect();
        let lexed = lex(&figures);
        assert!(!is_cell_lines(&lexed, &(0..lexed.len())));
    }

    #[test]
    fn an_ascii_grid_row_over_several_lines_is_one_row_and_markdown_rows_are_not() {
        use super::super::{label, vocab::TableKind};
        let read = |text: &str| {
            let lexed = crate::lex::lex(text);
            let toks = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
            toks.iter().map(|t| (t.text.to_string(), t.count(), t.line())).collect::<Vec<_>>()
        };
        // pandoc's plain text: a label wrapped between two `+---+` rules.
        let grid = "+----------+----+----+\n\
                    | 一、本年新 | 1  | 1  |\n\
                    | 收申请数量 |    |    |\n\
                    +==========+====+====+\n";
        let t = |s: &str, n: Option<i64>, l: usize| (s.to_string(), n, l);
        assert_eq!(read(grid), [t("一、本年新", None, 2), t("1", Some(1), 2), t("1", Some(1), 2)]);
        // Markdown rows, one a line, no rule between them: each its own.
        let markdown = "| a | b |\n|---|---|\n| 规章 | 1 |\n| 规章 | 2 |\n";
        let rows = read(markdown);
        assert_eq!(rows.iter().filter_map(|r| r.1).collect::<Vec<_>>(), [1, 2]);
        // A grid row left open (no rule under it) is read line by line.
        let open = "+----+----+\n| 规章 | 1 |\n| 规章 | 2 |\n";
        assert_eq!(read(open).iter().filter_map(|r| r.1).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn laid_out_cells_run_together_after_a_label_are_split() {
        // After a page break, the last six cells of each row run together.
        let text = "三、收到和处理政府信息公开申请情况\n\
                    二、上年结转政府信息公开申请数量     0 000000\n\
                    （一）予以公开     5 000005\n\
                    （二）部分公开     2 001004\n\
                    1.属于国家秘密     ０ ０0００00\n\
                    6 000000\n\
                    4 000004\n";
        // Line 7 stands far to the right (inside a wrapped label).
        let line = laid_out_runs_split(text, |n| n == 7);
        assert_eq!(line(2).len(), 7);
        assert_eq!(line(3), ["5", "0", "0", "0", "0", "0", "5"]);
        // 2 + 0 + 0 + 1 + 0 + 0 ≠ 4: kept whole.
        assert_eq!(line(4), ["2", "001004"]);
        // Two fonts glued: their order is not known.
        assert_eq!(line(5).len(), 2);
        // No label on the line, at its start: not laid out after all.
        assert_eq!(line(6), ["6", "000000"]);
        assert_eq!(line(7), ["4", "0", "0", "0", "0", "0", "4"]);
    }

    #[test]
    fn a_whole_tab_cell_is_never_split() {
        // A grid cut at a fixed width: an empty cell, then six cells, the
        // total lost. `10` then `1` hold as 1 + 0 + 0 + 0 + 0 + 0 = 1, but
        // each is a cell of its own.
        let text = "三、收到和处理政府信息公开申请情况\n\t\t1.本机关不掌握相关政府信息\t\t10\t0\t0\t0\t0\t1\n\
                    1.本机关不掌握相关政府信息     10 0 0 0 0 1\n";
        let line = laid_out_runs_split(text, |_| false);
        assert_eq!(line(2), ["10", "0", "0", "0", "0", "1"]);
        // The same laid out by spaces: split where the total holds.
        assert_eq!(line(3), ["1", "0", "0", "0", "0", "0", "1"]);
    }

    #[test]
    fn several_runs_after_a_label_are_split_when_one_way_holds() {
        // One-digit cells whose spaces are lost, in several runs.
        let text = "三、收到和处理政府信息公开申请情况\n\
                    3.要求提供公开出版物                        0 0000 00\n\
                    3.其他                               0 0003 03\n\
                    2.重复申请                           1 0000 02\n\
                    0 0000 00\n";
        let line = laid_out_runs_split(text, |_| false);
        assert_eq!(line(2), ["0", "0", "0", "0", "0", "0", "0"]);
        assert_eq!(line(3), ["0", "0", "0", "0", "3", "0", "3"]);
        // 1 + 0 + 0 + 0 + 0 + 0 ≠ 2: kept as printed.
        assert_eq!(line(4), ["1", "0000", "02"]);
        // No label on the line: not split.
        assert_eq!(line(5).len(), 3);
    }

    #[test]
    fn zeros_run_together_inside_a_laid_out_cell_are_a_zero_a_cell() {
        let text = "三、收到和处理政府信息公开申请情况\n\
                    3.其他            ０    6   0 ０0 0       6\n\
                    0 0 000 0 0\n";
        let lexed = crate::lex::lex(text);
        let mut toks =
            tokenize(&lexed, 1..lexed.len(), super::super::label::row_mask(super::super::vocab::TableKind::Requests));
        split_zero_runs(&lexed, &mut toks, false);
        let line = |n: usize| -> Vec<&str> {
            toks.iter().filter(|t| t.is_definite() && t.line() == n).map(|t| t.text).collect()
        };
        assert_eq!(line(2), ["０", "6", "0", "０", "0", "0", "6"]);
        // Words one space apart in a table taken for laid out: not split.
        assert_eq!(line(3), ["0", "0", "000", "0", "0"]);
        // In a table read in reading order, split.
        let mut toks =
            tokenize(&lexed, 1..lexed.len(), super::super::label::row_mask(super::super::vocab::TableKind::Requests));
        split_zero_runs(&lexed, &mut toks, true);
        let count = toks.iter().filter(|t| t.is_definite() && t.line() == 3).count();
        assert_eq!(count, 7);
        // A line of figures set far to the right, under their columns, is
        // laid out, its words one space apart or not.
        let text = format!(
            "三、收到和处理政府信息公开申请情况\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n{}0 00 0 000\n",
            " ".repeat(40)
        );
        let lexed = crate::lex::lex(&text);
        let mut toks = tokenize(&lexed, 1..lexed.len(), 0);
        split_zero_runs(&lexed, &mut toks, false);
        assert_eq!(toks.iter().filter(|t| t.is_definite() && t.line() == 3).count(), 7);
    }

    #[test]
    fn a_row_run_together_is_split_only_when_its_total_holds() {
        let text = "三、收到和处理政府信息公开申请情况\n1000001\n1000002\n0000101\n2000002 5\n12345678\n";
        let lexed = crate::lex::lex(text);
        let mut toks = tokenize(&lexed, 1..lexed.len(), 0);
        split_digit_runs(
            &mut toks,
            7,
            true,
            |_| false,
            |d| d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1),
        );
        let figs: Vec<&str> = toks.iter().filter(|t| t.is_definite()).map(|t| t.text).collect();
        // Split: 1000001 and 0000101 (their totals hold); kept whole: 1000002
        // (1 ≠ 2), 2000002 (another figure on its line), 12345678 (eight digits).
        assert_eq!(
            figs,
            [
                "1", "0", "0", "0", "0", "0", "1", "1000002", "0", "0", "0", "0", "1", "0", "1", "2000002", "5",
                "12345678"
            ]
        );
        let second = toks.iter().filter(|t| t.is_definite()).nth(6).map(|t| (t.kind, t.line()));
        assert_eq!(second, Some((Kind::Figure(Figure::Number(Number::int(1), None)), 2)));
    }

    #[test]
    fn digits_grouped_by_spaces_in_a_tab_cell_are_one_number() {
        assert_eq!(spaced_thousands("4 318"), Some(4318));
        assert_eq!(spaced_thousands("1 000\u{a0}000"), Some(1_000_000));
        assert_eq!(spaced_thousands("１ ５０３"), Some(1503));
        for s in ["0 0 0", "12 34", "4318", "1234 567", "4 318 5", "a 318"] {
            assert_eq!(spaced_thousands(s), None, "{s}");
        }
        let lexed = crate::lex::lex("行政许可\t4 318\n行政许可 4 318\n");
        let toks = tokenize(&lexed, 0..lexed.len(), u64::MAX);
        let figs: Vec<(usize, &str)> = toks.iter().filter(|t| t.is_definite()).map(|t| (t.line(), t.text)).collect();
        // One figure in the tab cell; two where cells are apart by spaces.
        assert_eq!(figs, [(1, "4 318"), (2, "4"), (2, "318")]);
    }

    #[test]
    fn an_index_column_is_no_figure() {
        let kinds = |text: &str| -> Vec<Kind> {
            let lexed = crate::lex::lex(text);
            tokenize(&lexed, 0..lexed.len(), u64::MAX).iter().map(|t| t.kind).collect()
        };
        let n = |v: i64| Kind::Figure(Figure::Number(Number::int(v), None));
        // A number before the row's label on its line: an index, noise.
        let k = kinds("19\t二、上年结转政府信息公开申请数量\t5\t0\n7 | 规章 | 1 |");
        assert_eq!(k[0], Kind::Noise);
        assert_eq!((k[2], k[3]), (n(5), n(0)));
        assert_eq!((k[4], k[6]), (Kind::Noise, n(1)));
        // Figures before text run on into the last cell (a page's cell that
        // swallowed what follows) stay figures.
        let k = kinds("2\t0\t0 五、存在的主要问题");
        assert_eq!(&k[..3], &[n(2), n(0), n(0)]);
        // A printed data frame: laid out with spaces, then a label of the
        // vocabulary (here a group's) and cells.
        let k = kinds("19  三、本年度办理结果     NaN       5\n5  说明文字  3");
        assert_eq!((k[0], k[2], k[3]), (Kind::Noise, Kind::Empty, n(5)));
        // Before other text, a number stays a figure.
        assert_eq!(k[4], n(5));
    }

    #[test]
    fn blank_markers_after_a_label_in_one_cell_are_cells() {
        // Cells separated by one space: a label then blank markers only.
        let lexed = crate::lex::lex("二、上年结转政府信息公开申请数量 － － － 5\n规章 － －\n说明 - 无\n");
        let toks = tokenize(&lexed, 0..lexed.len(), u64::MAX);
        let kinds: Vec<(usize, bool)> = toks.iter().map(|t| (t.line(), t.is_definite())).collect();
        assert_eq!(
            kinds,
            [(1, false), (1, true), (1, true), (1, true), (1, true), (2, false), (2, true), (2, true), (3, false)]
        );
    }

    #[test]
    fn the_narrow_cells_between_two_wide_ones_run_together_are_split() {
        // A line `natural, the five 法人或其他组织 cells glued, total`, in
        // reading order or laid out, at the line's start: split when the
        // total holds (zeros too); not when it does not, nor for a run of
        // another length, nor with a fourth figure on the line.
        for reading_order in [true, false] {
            let text = "三、收到和处理政府信息公开申请情况\n2 00000 2\n1 00011 3\n0 00000 0\n1 00011 4\n2 0000 2\n2 00000 2 5\n";
            let lexed = crate::lex::lex(text);
            let mut toks = tokenize(&lexed, 1..lexed.len(), 0);
            split_digit_runs(
                &mut toks,
                7,
                reading_order,
                |_| false,
                |d| d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1),
            );
            let line = |n: usize| -> Vec<&str> {
                toks.iter().filter(|t| t.is_definite() && t.line() == n).map(|t| t.text).collect()
            };
            assert_eq!(line(2), ["2", "0", "0", "0", "0", "0", "2"]);
            assert_eq!(line(3), ["1", "0", "0", "0", "1", "1", "3"]);
            assert_eq!(line(4).len(), 7);
            assert_eq!(line(5), ["1", "00011", "4"]);
            assert_eq!(line(6), ["2", "0000", "2"]);
            assert_eq!(line(7), ["2", "00000", "2", "5"]);
        }
    }

    #[test]
    fn a_number_wrapped_around_its_row_is_one_figure() {
        let text = "三、收到和处理政府信息公开申请情况\n                                    １９\n       一、本年新收政府信息公开申请数量                     44   2     0      3    0   245\n                                     ６\n";
        let lexed = crate::lex::lex(text);
        let mut toks = tokenize(&lexed, 1..lexed.len(), 0);
        merge_wrapped_numbers(&lexed, &mut toks, 0, None);
        let figs: Vec<&str> = toks.iter().filter(|t| t.is_definite()).map(|t| t.text).collect();
        assert_eq!(figs, ["１９", "44", "2", "0", "3", "0", "245"]);
        let first = toks.iter().find(|t| t.is_definite()).map(|t| t.kind);
        assert_eq!(first, Some(Kind::Figure(Figure::Number(super::super::figure::Number::int(196), None))));
    }

    #[test]
    fn totals_above_and_below_a_row_that_holds_are_not_one_number() {
        // pdftotext -layout: 本年新收's total `75` set below its row, 予以公开's
        // total 31 wrapped (`３` above, `１` below), and 上年结转 between them
        // with all its cells, its total `4` in the same column.
        let text = "          一、本年新收政府信息公开申请数量           ６３     1   1     0     10   0\n                                                                     75\n\n\n          二、上年结转政府信息公开申请数量           ４      0   0     0     ０    0   4\n\n\n三、本年度                                                                ３\n                 （一）予以公开             ２３     1   0     0     7    0\n 办理结果                                                                １\n";
        use super::super::{label, vocab::TableKind};
        let total = |d: &[i64]| d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1);
        let read = |row_total: Option<RowTotal<'_>>| {
            let lexed = crate::lex::lex(text);
            let mut toks = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
            merge_wrapped_numbers(&lexed, &mut toks, label::row_mask(TableKind::Requests), row_total);
            toks.iter().filter(|t| t.is_definite()).map(|t| (t.line(), t.count())).collect::<Vec<_>>()
        };
        let line = |figs: &[(usize, Option<i64>)], n| figs.iter().filter(|f| f.0 == n).map(|f| f.1).collect::<Vec<_>>();
        // Put together, `75` `4` `３` would make 上年结转's total 7543.
        assert!(read(None).contains(&(2, Some(7543))));
        let figs = read(Some((7, &total)));
        assert!(!figs.iter().any(|f| f.1 == Some(7543)));
        assert_eq!(line(&figs, 2), [Some(75)]);
        assert_eq!(line(&figs, 5), [4, 0, 0, 0, 0, 0, 4].map(Some));
    }

    #[test]
    fn numbers_wrapped_around_table_fours_row_of_figures_and_blanks() {
        // Table 四's one row, blank cells `-` among its figures, its two
        // group totals wrapped (`２` over `０`: 20; `１` over `０`: 10).
        let text = "                        ２                               １\n ２     1     15     2         ６   3   １        -                2       -     １     -    ３\n                        ０                               ０\n";
        let lexed = crate::lex::lex(text);
        let mut toks = tokenize(&lexed, 0..lexed.len(), 0);
        merge_wrapped_numbers(&lexed, &mut toks, 0, None);
        let figs: Vec<(usize, Option<i64>)> =
            toks.iter().filter(|t| t.is_definite()).map(|t| (t.line(), t.count())).collect();
        assert_eq!(figs.len(), 15);
        // Put together, each from its lower part's line: the row reaches
        // the lines of both parts.
        assert!(figs.contains(&(3, Some(20))) && figs.contains(&(3, Some(10))), "{figs:?}");
    }

    #[test]
    fn a_number_wrapped_beside_a_label_wrapped_over_two_lines_is_one_figure() {
        // Upper parts above the label's first line, the row's figures on a
        // line of their own, lower parts below the label's last line.
        let text = "三、收到和处理政府信息公开申请情况\n                       ３                      ３\n（二）部分公开（区分处理的，只计这一情形，不\n                       ９    １   ３   ０   ０   ０ ９\n        计其他情形）\n                       ３                      ７\n";
        let lexed = crate::lex::lex(text);
        let mask = super::super::label::row_mask(super::super::vocab::TableKind::Requests);
        let mut toks = tokenize(&lexed, 1..lexed.len(), mask);
        merge_wrapped_numbers(&lexed, &mut toks, mask, None);
        let counts: Vec<Option<i64>> = toks.iter().filter(|t| t.is_definite()).map(Token::count).collect();
        assert_eq!(counts, [Some(393), Some(1), Some(3), Some(0), Some(0), Some(0), Some(397)]);
    }

    /// The numbers wrapped around a row, as figures: (text of the upper part, value).
    fn wrapped(text: &str) -> Vec<(String, Option<i64>)> {
        let lexed = crate::lex::lex(text);
        let mut toks = tokenize(&lexed, 1..lexed.len(), 0);
        merge_wrapped_numbers(&lexed, &mut toks, 0, None);
        toks.iter()
            .filter(|t| t.is_definite())
            .map(|t| {
                let v = match t.kind {
                    Kind::Figure(Figure::Number(n, _)) => n.as_i64(),
                    _ => None,
                };
                (t.text.to_string(), v)
            })
            .collect()
    }

    #[test]
    fn two_numbers_wrapped_around_one_row_are_two_figures() {
        let row = "        一、本年新收政府信息公开申请数量              ６   ０   ０   ０   ０\n";
        let both = format!(
            "三、收到和处理政府信息公开申请情况\n                                 １                        １\n{row}                                 ３                        ９\n"
        );
        let values: Vec<Option<i64>> = wrapped(&both).into_iter().map(|x| x.1).collect();
        assert_eq!(values, [Some(13), Some(19), Some(6), Some(0), Some(0), Some(0), Some(0)]);
        // Parts that do not pair up (two above, one below) are not read at
        // all: their lower parts alone (3 + 6 = 9) would satisfy the total.
        let unpaired = format!(
            "三、收到和处理政府信息公开申请情况\n                                 １                        １\n{row}                                 ３\n"
        );
        let texts: Vec<String> = wrapped(&unpaired).into_iter().map(|x| x.0).collect();
        assert_eq!(texts, ["６", "０", "０", "０", "０"]);
    }

    use super::*;
    use crate::lex::lex;
    /// The figures of a table 三 region `body` after its wrapped numbers are
    /// merged, in token order.
    fn merged_values(body: &str) -> Vec<Option<i64>> {
        let text = format!("三、收到和处理政府信息公开申请情况\n{body}");
        let lexed = crate::lex::lex(&text);
        let mask = label::row_mask(super::super::vocab::TableKind::Requests);
        let mut toks = tokenize(&lexed, 1..lexed.len(), mask);
        merge_wrapped_numbers(&lexed, &mut toks, mask, None);
        toks.iter()
            .filter(|t| t.is_definite())
            .map(|t| match t.kind {
                Kind::Figure(Figure::Number(n, _)) => n.as_i64(),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn numbers_wrapped_beside_a_wrapped_label_are_one_figure() {
        // 21 as `２` after the label's first line and `１` after its last,
        // the row's other figures on a line between.
        let body = "           1.申请人无正当理由逾期不补正、行政机 ２                       ２\n                                   ０   ０   ０   ０   ０\n           关不再处理其政府信息公开申请      １                       １\n";
        let v = merged_values(body);
        assert_eq!(v, [Some(21), Some(21), Some(0), Some(0), Some(0), Some(0), Some(0)]);
        // 52 as `５` after a group label's tail and `２` alone below the
        // row: both go after the row's label.
        let body = "（三）不\n 予公开                      ５                       ５\n          5.属于三类内部事务信息        ０   ０   ０   ０   ０\n                          ２                       ２\n";
        let v = merged_values(body);
        assert_eq!(v, [Some(52), Some(52), Some(0), Some(0), Some(0), Some(0), Some(0)]);
        // 13 as `１` and `３` around full-width zeros run together, the
        // first zero in the very next character column: clear of it.
        let body = "\u{c}         1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开 １       １\n                                           ０００００\n                        申请               ３       ３\n";
        let v = merged_values(body);
        assert_eq!(v, [Some(13), Some(13), Some(0), Some(0), Some(0), Some(0), Some(0)]);
    }

    #[test]
    fn each_part_of_a_wrapped_number_serves_one_row() {
        // 109 and 114 over three lines, their lower parts after a group
        // label (`三、本年度 (四)无`); 43 and 48 with their upper parts after
        // the group label's tail and their lower parts below the row; the
        // next row (补正后…) has all its cells, and the parts above it are
        // 43's and 48's, the parts below it the next number's: not its own.
        let body = "                               １                 １\n            本机关不掌握相关政府信息       ０ ２  ０  １   １   １ １\n三、本年度 (四)无                     ９                 ４\n办理结果  法提供                      ４                 ４\n            没有现成信息需要另行制作         ５  ０  ０   ０   ０\n                               ３                 ８\n            补正后申请内容仍不明确        ０ ０  ０  ０   ０   １ １\n                               ２                 ２\n";
        let v: Vec<i64> = merged_values(body).into_iter().map(|x| x.unwrap_or(-1)).collect();
        assert_eq!(&v[..7], [109, 2, 0, 1, 1, 1, 114]);
        assert_eq!(&v[7..14], [43, 48, 5, 0, 0, 0, 0]);
        assert_eq!(&v[14..21], [0, 0, 0, 0, 0, 1, 1]);
    }

    #[test]
    fn a_number_wrapped_over_three_lines_is_one_figure() {
        // 222 as `２` above, `２` on the row's line and `２` below.
        let body = "                          ２                     ２\n             2.重复申请       ２   ０   ０   ０   ０   ０ ２\n                          ２                     ２\n";
        let v = merged_values(body);
        assert_eq!(v, [Some(222), Some(0), Some(0), Some(0), Some(0), Some(0), Some(222)]);
    }

    #[test]
    fn a_number_wrapped_over_three_lines_beside_two_wrapped_labels_is_one_figure() {
        // 374 as `３` after the group label's first line (`（六）其`), `７`
        // after its tail (`他处理`) on the row's line of figures between the
        // row label's two lines, and `４` alone below them.
        let body = lines(&[
            "     （六）其                      ３                     ３",
            "          1.申请人无正当理由逾期不补正、行政",
            "     他处理                       ７ ０     ０   ０   ０   ０ ７",
            "          机关不再处理其政府信息公开申请",
            "                               ４                     ４",
        ]);
        let v = merged_values(&body);
        assert_eq!(v, [Some(374), Some(0), Some(0), Some(0), Some(0), Some(0), Some(374)]);
        // The row's line of figures after a row's label (not a group
        // label's tail) is no middle part of such a number.
        let other = body.replace("他处理", "2.重复申请");
        assert!(!merged_values(&other).contains(&Some(374)));
    }

    /// Lines joined, each ending in a newline.
    fn lines(ls: &[&str]) -> String {
        ls.iter().map(|l| format!("{l}\n")).collect()
    }

    fn kinds(text: &str) -> Vec<String> {
        let lexed = lex(text);
        let n = lexed.len();
        let mask = label::row_mask(super::super::vocab::TableKind::Active)
            | label::row_mask(super::super::vocab::TableKind::Requests);
        tokenize(&lexed, 0..n, mask)
            .iter()
            .map(|t| match t.kind {
                Kind::Text => format!("T:{}", t.text),
                Kind::Figure(_) => format!("F:{}", t.text),
                Kind::Empty => "E".to_string(),
                Kind::Noise => format!("N:{}", t.text),
            })
            .collect()
    }

    #[test]
    fn grid_placeholders_go_header_empties_go() {
        assert_eq!(
            kinds("信息内容\t本年新制作数量\t\t\n规章\t\t0\t\t"),
            ["T:信息内容", "T:本年新制作数量", "T:规章", "E", "F:0", "E", "E"]
        );
        assert_eq!(kinds("\t\t1.属于国家秘密\t\t0\t0"), ["T:1.属于国家秘密", "E", "F:0", "F:0"]);
    }

    #[test]
    fn cells_with_several_parts() {
        assert_eq!(kinds("1.属于国家秘密 0 0 3"), ["T:1.属于国家秘密", "F:0", "F:0", "F:3"]);
        assert_eq!(kinds("商业 企业\t科研 机构"), ["T:商业 企业", "T:科研 机构"]);
        assert_eq!(kinds("第 3 页"), ["N:第 3 页"]);
        assert_eq!(
            kinds("本            2.其他法律行政法规禁止公开     30          1"),
            ["T:本", "T:2.其他法律行政法规禁止公开", "F:30", "F:1"]
        );
    }

    #[test]
    fn cell_lines_empty_paragraphs_are_empty_cells() {
        let text = "规章\n\n\n\n0\n\n0\n\n规范性文件\n\n1\n\n2\n\n3\n\n行政许可\n\n4\n";
        assert_eq!(
            kinds(text),
            ["T:规章", "E", "F:0", "F:0", "T:规范性文件", "F:1", "F:2", "F:3", "T:行政许可", "F:4"]
        );
    }

    #[test]
    fn runs_split_at_text_after_values() {
        let lexed = lex("一、本年新收\t\t0\t1\t\n二、上年结转\t2\n");
        let toks = tokenize(&lexed, 0..2, u64::MAX);
        let r = runs(&toks);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].values.len(), 4);
        assert_eq!(r[1].values.len(), 1);
    }
}
