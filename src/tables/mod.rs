//! Layer 4: the tables' labels and figures.
//!
//! Each table is read from its section as a stream of cells
//! ([`stream`](self)): a row label, matched on normalized text against the
//! one [`vocab`], opens a row; the figures that follow, up to the next
//! text, are its values. The template of table 二 is decided by its labels,
//! not the year. The values are then placed in the row's columns by
//! [`align`](self), which lets the report's own arithmetic decide what the
//! count of cells alone cannot, and leaves a figure missing, never guessed,
//! where it cannot decide.

pub(crate) mod align;
mod direct;
pub mod figure;
mod label;
mod order;
pub(crate) mod stream;
pub mod vocab;

pub use figure::{Marker, Number};

use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{Lexed, Span, normalize_into};
use crate::outline::{Outline, SectionKind};
use align::{Resolved, Slot};
use figure::Figure;
use label::{Hit, Matcher};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;
use stream::{Kind, Token};
use vocab::{RowKey, TableKind, Template};

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Value {
    /// A figure the report prints.
    Number(Number),
    /// A cell the report leaves blank, and how: empty, `—`, `/`, `无` …
    Blank(Marker),
    /// A figure the text does not hold, or that could not be read or placed
    /// with certainty; a diagnostic says why.
    Missing,
    /// A figure the text lost, pinned down by the report's own arithmetic.
    Derived(Number),
}

impl Value {
    /// The figure, for a printed or derived number.
    pub fn number(&self) -> Option<Number> {
        match *self {
            Value::Number(n) | Value::Derived(n) => Some(n),
            _ => None,
        }
    }
}

/// One cell of a table row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cell {
    /// The column's key, e.g. `natural` or `review.total`.
    pub column: Cow<'static, str>,
    /// What the cell holds.
    pub value: Value,
    /// The 1-based line the cell's text is on.
    pub line: Option<usize>,
    /// The cell's text in the decoded document.
    pub span: Option<Span>,
}

/// One row of a table, with a cell for each of its columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Row {
    /// Which row of the vocabulary.
    pub key: RowKey,
    /// The label as printed, when the row has one.
    pub label: Option<String>,
    /// The 1-based line of the label (or of the first figure).
    pub line: Option<usize>,
    /// One cell per column, in the vocabulary's order.
    pub cells: Vec<Cell>,
}

/// A row whose label is not in the template, kept as printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtraRow {
    /// Its label (empty when its figures came without one).
    pub label: String,
    /// The 1-based line it starts on.
    pub line: usize,
    /// The 1-based line its last value is on (its values may stand on
    /// lines of their own, as in PDF text).
    pub last_line: usize,
    /// The texts of its value cells.
    pub values: Vec<String>,
}

/// One of the three tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Table {
    /// Which table.
    pub kind: TableKind,
    /// The template whose layout the table follows.
    pub template: Template,
    /// Every row of that layout, in order; a row the text lacks has
    /// missing cells.
    pub rows: Vec<Row>,
    /// Rows the template does not have, in the order printed.
    pub unrecognized: Vec<ExtraRow>,
    /// The 1-based lines the table spans, first and last.
    pub lines: Option<(usize, usize)>,
    /// The lines within the table that hold no row: headers, block
    /// captions, page footers, the tails of wrapped labels. With the rows
    /// and the unrecognized rows, they account for every line of the table.
    pub other_lines: Vec<TextLine>,
}

/// A line of text, kept as printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextLine {
    /// The 1-based line number.
    pub line: usize,
    /// The line's text, trimmed.
    pub text: String,
}

impl Table {
    /// The row with this key (`requests.granted`).
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key.as_str() == key)
    }

    /// The cell of a row and column (`"requests.granted"`, `"total"`).
    pub fn get(&self, row: &str, column: &str) -> Option<&Cell> {
        self.row(row)?.cells.iter().find(|c| c.column == column)
    }
}

/// The three tables of a report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Tables {
    /// Table 二's template, when it could be decided.
    pub template: Option<Template>,
    /// Table 二.
    pub active: Option<Table>,
    /// Table 三.
    pub requests: Option<Table>,
    /// Table 四.
    pub appeals: Option<Table>,
    /// The lines of the text (not of the source) each table spans, for
    /// telling table lines from section text.
    pub(crate) extents: Vec<(usize, usize)>,
}

/// Unrecognized-row diagnostics beyond the first few of a table are
/// counted, not listed (the rows themselves are all kept in the table).
#[derive(Debug, Default)]
struct Unlisted {
    listed: usize,
    more: usize,
    lines: Option<(usize, usize)>,
}

impl Unlisted {
    const MAX_LISTED: usize = 50;

    fn note(&mut self, diags: &mut Vec<Diagnostic>, d: Diagnostic) {
        if self.listed < Self::MAX_LISTED {
            self.listed += 1;
            diags.push(d);
            return;
        }
        self.more += 1;
        if let Some(l) = d.line {
            self.lines = Some(self.lines.map_or((l, l), |(a, b)| (a.min(l), b.max(l))));
        }
    }

    fn finish(self, diags: &mut Vec<Diagnostic>, kind: TableKind) {
        if self.more > 0 {
            let (a, b) = self.lines.unwrap_or((0, 0));
            diags.push(Diagnostic::new(
                Code::UnrecognizedRow,
                self.lines.map(|l| l.0),
                format!(
                    "{} more unrecognized rows in table of section {} (lines {a} to {b}): kept in the table, not listed",
                    self.more,
                    kind.section()
                ),
            ));
        }
    }
}

/// A row found in the text, before its figures are placed.
struct RowRead<'a> {
    key: RowKey,
    label: Option<(&'a str, usize)>,
    /// The label's token.
    label_tok: Option<usize>,
    values: Vec<usize>,
}

/// Where a table's figures sit on their lines, learned from the rows whose
/// figures fill their columns exactly, all on one line of cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Positions {
    /// Column `c` is cell `offset + c` of the line (a full grid: spanning
    /// labels leave placeholder cells).
    Absolute(i64),
    /// Column `c` is cell `label + 1 + offset + c` (no placeholders).
    Relative(i64),
}

fn learn_positions(kind: TableKind, tokens: &[Token<'_>], found: &[RowRead<'_>]) -> Option<Positions> {
    let mut abs: Vec<i64> = Vec::new();
    let mut rel: Vec<i64> = Vec::new();
    // Rows whose first and last figures are printed: their figures fill the
    // columns exactly, whatever blanks lie between.
    for r in found {
        let vals: Vec<&Token<'_>> = r.values.iter().filter_map(|&v| tokens.get(v)).collect();
        let (Some(a), Some(b)) =
            (vals.iter().position(|t| t.is_definite()), vals.iter().rposition(|t| t.is_definite()))
        else {
            continue;
        };
        let core = vals.get(a..=b).unwrap_or(&[]);
        let (Some(first), Some(last)) = (core.first(), core.last()) else {
            continue;
        };
        let (Some(c0), Some(c1)) = (first.cell, last.cell) else {
            continue;
        };
        let one_line = core.iter().all(|t| t.line() == first.line() && t.cell.is_some());
        if core.len() != r.key.columns().len() || !one_line || usize::from(c1.saturating_sub(c0)) + 1 != core.len() {
            continue;
        }
        abs.push(i64::from(c0));
        if let Some(l) = r.label_tok.and_then(|i| tokens.get(i)).filter(|l| l.line() == first.line()) {
            if let Some(lc) = l.cell {
                rel.push(i64::from(c0) - i64::from(lc) - 1);
            }
        }
    }
    // The header: the first column's label, or the label column before it.
    let (word, after) = match kind {
        TableKind::Requests => ("自然人", 0),
        TableKind::Active => ("信息内容", 1),
        TableKind::Appeals => ("结果维持", 0),
    };
    let mut buf = String::new();
    // Only short header texts can be the word.
    for t in tokens.iter().filter(|t| t.kind == Kind::Text && label::is_header_bits(kind, t.bits)) {
        if let Some(c) = t.cell.filter(|_| t.text.len() <= 3 * word.len()) {
            buf.clear();
            normalize_into(t.text, &mut buf);
            if buf == word {
                abs.push(i64::from(c) + after);
                if kind == TableKind::Appeals {
                    break;
                }
                // Table 三's header line also heads its last column, 总计:
                // a second sample where no row fills its columns.
                if kind == TableKind::Requests {
                    let total = tokens.iter().filter(|u| u.kind == Kind::Text && u.line() == t.line()).find_map(|u| {
                        buf.clear();
                        normalize_into(u.text, &mut buf);
                        (buf == "总计").then_some(u.cell).flatten()
                    });
                    if let Some(tc) = total.filter(|&tc| tc > c) {
                        abs.push(i64::from(tc) + 1 - kind.width() as i64);
                    }
                }
            }
        }
    }
    // The most common offset, if four in five samples agree.
    let modal = |v: &mut Vec<i64>| -> Option<i64> {
        v.sort_unstable();
        let mut best: Option<(i64, usize)> = None;
        for run in v.chunk_by(|a, b| a == b) {
            if let Some(&x) = run.first() {
                if best.is_none_or(|(_, m)| run.len() > m) {
                    best = Some((x, run.len()));
                }
            }
        }
        best.filter(|&(_, n)| n >= 2 && n * 5 >= v.len() * 4).map(|(x, _)| x)
    };
    modal(&mut abs).map(Positions::Absolute).or_else(|| modal(&mut rel).map(Positions::Relative))
}

fn place_of(pos: Option<Positions>, tokens: &[Token<'_>], r: &RowRead<'_>) -> Option<align::Place> {
    let label = r.label_tok.and_then(|i| tokens.get(i));
    let first = r.values.iter().filter_map(|&v| tokens.get(v)).find(|t| t.is_definite());
    match pos? {
        Positions::Absolute(o) => {
            let line = label.or(first)?.line();
            Some(align::Place { line, base: o })
        }
        Positions::Relative(o) => {
            let l = label?;
            Some(align::Place { line: l.line(), base: i64::from(l.cell?) + 1 + o })
        }
    }
}

/// Reads the three tables from the sections the outline found.
pub fn read(lexed: &Lexed<'_>, outline: &Outline, diags: &mut Vec<Diagnostic>) -> Tables {
    let mut tables = Tables::default();
    // Each table's region, and whether it was found by its own labels
    // rather than under its section's heading.
    let mut reads: Vec<(TableKind, Range<usize>, bool)> = Vec::new();
    let not_found = |kind: TableKind| {
        Diagnostic::new(
            Code::MissingSection,
            None,
            format!("section {} not found: its table cannot be read", section_heading(kind)),
        )
    };
    for kind in TableKind::ALL {
        let section = SectionKind::ALL.get(kind.section() - 1).copied();
        match section.and_then(|s| outline.section(s)) {
            Some(s) => reads.push((kind, s.body.clone(), false)),
            // (A scraper that keeps tables but drops headings.)
            None => match anchored_region(lexed, outline, kind) {
                Some(region) => reads.push((kind, region, true)),
                None => diags.push(not_found(kind)),
            },
        }
    }
    // Table 二 decides the template; table 三's （六） rows may differ. In
    // reading order a table's last figures may come after the next
    // heading: the next table then starts after them.
    let mut skip = Taken::default();
    for (kind, region, anchored) in &reads {
        let next =
            outline.sections.iter().map(|s| s.body.clone()).filter(|b| b.start >= region.end).min_by_key(|b| b.start);
        let spill = Spill { skip, next, rest: region.end..lexed.len() };
        let mut taken = Taken::default();
        let (first_diag, first_extent) = (diags.len(), tables.extents.len());
        let mut t =
            read_table(lexed, *kind, region.clone(), tables.template, diags, &mut tables.extents, spill, &mut taken);
        skip = taken;
        // Where the table was found by its own labels, if it was: in a text
        // without its section's heading, or away from its section (a Word
        // file read paragraphs first, then tables).
        let mut found_at = anchored.then_some(region.start);
        let mut failed: Vec<Diagnostic> = Vec::new();
        if !anchored && t.is_none() {
            if let Some(elsewhere) = anchored_region(lexed, outline, *kind).filter(|r| !region.contains(&r.start)) {
                failed = diags.split_off(first_diag);
                tables.extents.truncate(first_extent);
                let spill = Spill { skip: Taken::default(), next: None, rest: elsewhere.end..lexed.len() };
                let mut none = Taken::default();
                t = read_table(
                    lexed,
                    *kind,
                    elsewhere.clone(),
                    tables.template,
                    diags,
                    &mut tables.extents,
                    spill,
                    &mut none,
                );
                found_at = Some(elsewhere.start);
            }
        }
        if let Some(start) = found_at {
            // Found by its labels, a table must read: words of the template
            // in a text about it are not its table.
            let reads_any = t
                .as_ref()
                .is_some_and(|t| t.rows.iter().flat_map(|r| &r.cells).any(|c| !matches!(c.value, Value::Missing)));
            if reads_any {
                let why = if *anchored { "not found" } else { "holds no table" };
                diags.insert(
                    first_diag,
                    Diagnostic::new(
                        Code::MissingSection,
                        Some(lexed.source_line(start + 1)),
                        format!(
                            "section {} {why}: its table is read where its own labels start",
                            section_heading(*kind)
                        ),
                    ),
                );
            } else {
                diags.truncate(first_diag);
                tables.extents.truncate(first_extent);
                if *anchored {
                    diags.push(not_found(*kind));
                } else {
                    diags.append(&mut failed);
                }
                t = None;
                skip = Taken::default();
            }
        }
        match kind {
            TableKind::Active => {
                tables.template = t.as_ref().map(|t| t.template);
                tables.active = t;
            }
            TableKind::Requests => tables.requests = t,
            TableKind::Appeals => tables.appeals = t,
        }
    }
    if tables.template.is_none() {
        tables.template = tables.requests.as_ref().map(|t| t.template);
    }
    tables
}

/// True when `rows`, a reading in order of a table whose figures fall
/// short of its cells, reads its leading rows and leaves the rest
/// undecided, and the `unknown` cells are exactly those of the rows left.
fn leading_rows_only(tokens: &[Token<'_>], layout: &[RowKey], rows: &[Option<Vec<usize>>], unknown: usize) -> bool {
    let cells: usize = layout.iter().map(|k| k.columns().len()).sum();
    let left: usize = layout.iter().zip(rows).filter(|(_, r)| r.is_none()).map(|(k, _)| k.columns().len()).sum();
    tokens.iter().filter(|t| t.is_definite()).count() < cells
        && rows.first().is_some_and(Option::is_some)
        && rows.iter().skip_while(|r| r.is_some()).all(Option::is_none)
        && left == unknown
}

/// The first figure with a unit of money (`0万元`) that `rows` (each
/// row's figure tokens, by column) give to a column of counts: a reading
/// that puts figures in the wrong places (in PDF text a cell in a CJK font
/// is drawn after its row's, and moves the figures after it), which no
/// rule of table 二 would show.
fn money_in_counts<'t, 'a>(
    tokens: &'t [Token<'a>],
    layout: &[RowKey],
    rows: &[Option<Vec<usize>>],
) -> Option<&'t Token<'a>> {
    let money = |t: &&Token<'_>| {
        matches!(t.kind, Kind::Figure(Figure::Number(_, Some(figure::Suffix::Yuan | figure::Suffix::Wan))))
    };
    layout.iter().zip(rows).find_map(|(k, row)| {
        k.columns()
            .iter()
            .zip(row.iter().flatten())
            .filter(|(c, _)| c.unit != vocab::Unit::Money)
            .find_map(|(_, &i)| tokens.get(i).filter(money))
    })
}

/// Whether every figure kept aside (`extra`'s values) is a derived cell's
/// value (`derived`), each derived cell explaining one: the figures of a
/// row kept aside one by one, or all of them joined into one number (a
/// number drawn a glyph a line). True when nothing is kept aside or
/// derived.
fn stray_figures_explained(
    tokens: &[Token<'_>],
    extra: &[(ExtraRow, Vec<usize>)],
    derived: &[Vec<Option<i64>>],
) -> bool {
    let mut left: Vec<i64> = derived.iter().flatten().flatten().copied().collect();
    if left.is_empty() {
        return true;
    }
    let take = |v: i64, left: &mut Vec<i64>| match left.iter().position(|&d| d == v) {
        Some(i) => {
            left.swap_remove(i);
            true
        }
        None => false,
    };
    for (_, values) in extra {
        let figures: Vec<&Token<'_>> =
            values.iter().filter_map(|&v| tokens.get(v)).filter(|t| t.is_definite()).collect();
        if figures.is_empty() {
            continue;
        }
        let mut one_by_one = left.clone();
        if figures.iter().all(|t| t.count().is_some_and(|v| take(v, &mut one_by_one))) {
            left = one_by_one;
            continue;
        }
        let joined: Option<i64> = figures
            .iter()
            .map(|t| t.count().filter(|v| (0..10).contains(v)))
            .try_fold(0i64, |acc, d| acc.checked_mul(10)?.checked_add(d?));
        if !joined.is_some_and(|v| take(v, &mut left)) {
            return false;
        }
    }
    true
}

/// The last line (1-based) of the drawn row whose line `line` is: the lines
/// after it of the same cells, up to a rule of box drawing or an ASCII grid
/// (`+---+`); `line` itself when no such rule closes them.
fn drawn_row_end(lexed: &Lexed<'_>, line: usize) -> usize {
    let Some(first) = lexed.line(line.wrapping_sub(1)) else { return line };
    let sep = first.cells().separator();
    if !matches!(sep, crate::lex::Separator::Pipe | crate::lex::Separator::Bar) {
        return line;
    }
    let mut end = line;
    for l in (line..lexed.len()).map_while(|i| lexed.line(i)) {
        if crate::lex::is_drawn_rule(l.content) {
            return end;
        }
        if l.is_blank() || l.cells().separator() != sep {
            break;
        }
        end = l.number;
    }
    line
}

/// The template's heading of the section that holds table `kind`.
fn section_heading(kind: TableKind) -> &'static str {
    SectionKind::ALL.get(kind.section() - 1).map_or("", |s| s.heading())
}

/// True when a line's normalized text `t` opens table `kind` (its first
/// header or row), as a table's own words do, not a sentence about it.
fn opens_table(kind: TableKind, t: &str) -> bool {
    let t = t.trim_start_matches(['|', '│', '｜', '#', '*', '-', ' ']);
    let short = |n: usize| t.chars().nth(n).is_none();
    // A sentence, or text quoting a table's words, opens none.
    if t.contains(['。', '`']) {
        return false;
    }
    match kind {
        TableKind::Active => (t.contains("第二十条第(一)项") && short(40)) || (t.starts_with("信息内容") && short(60)),
        TableKind::Requests => {
            (t.contains("申请人情况") && short(60))
                || t.starts_with("(本列数据的勾稽关系")
                || ((t.starts_with("一、本年新收政府信息公开申请数量")
                    || t.starts_with("本年新收政府信息公开申请数量"))
                    && short(60))
        }
        TableKind::Appeals => {
            !t.contains(',')
                && ((t.starts_with("行政复议") && short(40)) || (t.contains("未经复议直接起诉") && short(80)))
        }
    }
}

/// Where table `kind` stands when its section's heading was not found (a
/// page scraped without its headings): from the first line that opens it
/// (see [`opens_table`]) up to the next line that opens another table, the
/// next section heading, or the end. `None` when no line opens it.
fn anchored_region(lexed: &Lexed<'_>, outline: &Outline, kind: TableKind) -> Option<Range<usize>> {
    let headings: Vec<usize> = outline.sections.iter().map(|s| s.heading).collect();
    let mut buf = String::new();
    let mut opened = |i: usize, k: TableKind| {
        let Some(line) = lexed.line(i) else { return false };
        // (Each table's words hold 条, 信息内容, 申请 or 复议.)
        if !["条", "信息内容", "申请", "复议"].iter().any(|w| line.content.contains(w)) || headings.contains(&i)
        {
            return false;
        }
        buf.clear();
        normalize_into(line.content, &mut buf);
        if opens_table(k, &buf) {
            return true;
        }
        // A line of cells (merged cells repeated, as python-docx gives
        // them: `行政复议⇥行政复议⇥…`): its first cell.
        if !crate::lex::has_cell_separator(line.raw) {
            return false;
        }
        let first = line.cells().map(|c| c.text).find(|t| !t.is_empty()).unwrap_or("");
        buf.clear();
        normalize_into(first, &mut buf);
        opens_table(k, &buf)
    };
    let start = (0..lexed.len()).find(|&i| opened(i, kind))?;
    let others: Vec<TableKind> = TableKind::ALL.into_iter().filter(|&k| k != kind).collect();
    let end = (start + 1..lexed.len())
        .find(|&i| headings.contains(&i) || others.iter().any(|&k| opened(i, k)))
        .unwrap_or(lexed.len());
    Some(start..end)
}

/// Reads one table, then turns its line numbers (and those of its
/// diagnostics) from lines of the text into lines of the source, which
/// differ for a web page.
#[allow(clippy::too_many_arguments)]
fn read_table(
    lexed: &Lexed<'_>,
    kind: TableKind,
    region: Range<usize>,
    template: Option<Template>,
    diags: &mut Vec<Diagnostic>,
    extents: &mut Vec<(usize, usize)>,
    spill: Spill,
    taken: &mut Taken,
) -> Option<Table> {
    let first_diag = diags.len();
    let mut table = read_table_lines(lexed, kind, region, template, diags, spill, taken);
    let src = |n: usize| lexed.source_line(n);
    for d in diags.iter_mut().skip(first_diag) {
        d.line = d.line.map(src);
    }
    if let Some(t) = table.as_mut() {
        extents.extend(t.lines);
        // Cells taken from beyond the table's lines (figures drawn after
        // the next heading) are the table's lines too.
        let within = |l: usize| t.lines.is_some_and(|(a, b)| (a..=b).contains(&l));
        let outside: Vec<usize> =
            t.rows.iter().flat_map(|r| &r.cells).filter_map(|c| c.line).filter(|&l| !within(l)).collect();
        extents.extend(outside.into_iter().map(|l| (l, l)));
        t.lines = t.lines.map(|(a, b)| (src(a), src(b)));
        for r in &mut t.rows {
            r.line = r.line.map(src);
            for c in &mut r.cells {
                c.line = c.line.map(src);
            }
        }
        for e in &mut t.unrecognized {
            e.line = src(e.line);
            e.last_line = src(e.last_line);
        }
        for o in &mut t.other_lines {
            o.line = src(o.line);
        }
    }
    table
}

/// A row whose first line of values holds exactly its `width` cells
/// (figures and blank markers) and whose values go on over other lines, a
/// blank line or more below: that line's values alone. Figures on a line
/// of their own, apart from a full row, are the next row's (the upper
/// parts of its wrapped numbers, `１７ １ １８` over `/ / ３/`).
fn complete_first_line(tokens: &[Token<'_>], values: &[usize], width: usize) -> Option<Vec<usize>> {
    let line = tokens.get(*values.first()?)?.line();
    let (mut full, mut below, mut near) = (0usize, false, false);
    for t in values.iter().filter_map(|&v| tokens.get(v)).filter(|t| t.is_definite()) {
        match t.line() {
            l if l == line => full += 1,
            l if l > line + 1 => below = true,
            // (Figures on the very next line are the lower parts of this
            // row's own wrapped numbers: a cell's lines follow one another.)
            _ => near = true,
        }
    }
    (below && !near && full == width)
        .then(|| values.iter().copied().filter(|&v| tokens.get(v).is_some_and(|t| t.line() == line)).collect())
}

/// A row's figures in PDF layout text gathered from its line and from a
/// line of their own above or below (a cell whose content sits higher or
/// lower): ordered by their character column, which is where they stand
/// under the header. `None` when the row is on one line, or its lines are
/// not laid out by spaces.
fn by_column_position(lexed: &Lexed<'_>, tokens: &[Token<'_>], values: &[usize]) -> Option<Vec<usize>> {
    // The common case, a row on one line, costs one pass.
    let first_line = tokens.get(*values.first()?)?.line();
    if values.iter().all(|&v| tokens.get(v).is_some_and(|t| t.line() == first_line)) {
        return None;
    }
    let figs: Vec<usize> = values.iter().copied().filter(|&v| tokens.get(v).is_some_and(Token::is_definite)).collect();
    if figs.len() != values.len() {
        return None;
    }
    let mut lines: Vec<usize> = figs.iter().filter_map(|&v| tokens.get(v)).map(Token::line).collect();
    lines.dedup();
    if lines.len() < 2 {
        return None;
    }
    let column = |v: usize| stream::column(lexed, tokens.get(v)?);
    let mut keyed: Vec<(usize, usize)> = figs.iter().map(|&v| Some((column(v)?, v))).collect::<Option<_>>()?;
    keyed.sort_by_key(|&(c, _)| c);
    // Two figures in one column: not a layout this can order.
    if keyed.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
        return None;
    }
    Some(keyed.into_iter().map(|(_, v)| v).collect())
}

/// See the call in `read_table_lines`: rows of `layout` whose figures
/// (in `resolved`) all come after their label, with a run of at least all
/// but one of the row's cells right before the label, not all zeros, of
/// which no row took any, are left undecided.
fn unclaimed_run_before_label(tokens: &[Token<'_>], layout: &[RowKey], found: &[RowRead<'_>], resolved: &mut Resolved) {
    let mut used = vec![false; tokens.len()];
    for t in resolved.slots.iter().flatten().copied().flatten().filter_map(Slot::token) {
        if let Some(u) = used.get_mut(t) {
            *u = true;
        }
    }
    let is_used = |i: usize| used.get(i).copied().unwrap_or(false);
    for (r, key) in layout.iter().enumerate() {
        let Some(l) = found.iter().find(|x| x.key == *key).and_then(|x| x.label_tok) else { continue };
        let w = key.columns().len();
        let Some(row) = resolved.slots.get(r) else { continue };
        let after = row.iter().copied().flatten().all(|s| s.token().is_none_or(|t| t > l));
        if !after || row.iter().copied().flatten().all(|s| s.token().is_none()) {
            continue;
        }
        // The figures right before the label that no row took: back to the
        // last text, or to a figure a row took (no more than one past the
        // row's cells, which is already too many).
        let run: Vec<usize> = (0..l)
            .rev()
            .map_while(|i| tokens.get(i).filter(|t| t.kind != Kind::Text && !is_used(i)).map(|t| (i, t)))
            .filter(|(_, t)| t.is_definite())
            .map(|(i, _)| i)
            .take(w + 1)
            .collect();
        let zeros = run.iter().all(|&i| tokens.get(i).and_then(Token::count) == Some(0));
        // (A run right after another row's label is that row's, read or
        // not.)
        let first = run.last().copied().unwrap_or(l);
        let after_label = (0..first)
            .rev()
            .filter_map(|i| tokens.get(i))
            .find(|t| !matches!(t.kind, Kind::Noise | Kind::Empty))
            .is_some_and(|t| t.kind == Kind::Text && t.bits & label::row_mask(TableKind::Requests) != 0);
        if run.len() + 1 >= w && run.len() <= w && !zeros && !after_label {
            if let Some(row) = resolved.slots.get_mut(r) {
                row.iter_mut().for_each(|c| *c = None);
            }
        }
    }
}

/// See the call in `read_table_lines`: rows of `layout` whose label stands
/// right after another row's label (no figure between) and whose figures
/// (in `resolved`) are followed by a whole row's cells glued into one
/// string of digits (`356043048`, read as text or as a figure no row took)
/// are left undecided.
fn glued_row_after_figures(tokens: &[Token<'_>], layout: &[RowKey], found: &[RowRead<'_>], resolved: &mut Resolved) {
    let mask = label::row_mask(TableKind::Requests);
    for (r, key) in layout.iter().enumerate() {
        let Some(l) = found.iter().find(|x| x.key == *key).and_then(|x| x.label_tok) else { continue };
        let w = key.columns().len();
        let Some(row) = resolved.slots.get_mut(r) else { continue };
        let Some(last) = row.iter().copied().flatten().filter_map(Slot::token).max() else { continue };
        // Another row's label right before this one's.
        let after_label = (0..l)
            .rev()
            .map_while(|i| tokens.get(i).filter(|t| !t.is_definite()))
            .any(|t| t.kind == Kind::Text && t.bits & mask != 0);
        // A whole row's digits glued, right after the figures.
        let glued = tokens
            .iter()
            .skip(last + 1)
            .find(|t| !matches!(t.kind, Kind::Noise | Kind::Empty))
            .filter(|t| t.kind == Kind::Text || is_number(t))
            .is_some_and(|t| {
                let d = crate::lex::trim(t.text);
                d.chars().count() >= w && d.chars().all(|c| figure::digit_value(c).is_some())
            });
        if after_label && glued {
            row.iter_mut().for_each(|c| *c = None);
        }
    }
}

/// A printed number (not a blank marker such as `无`, which after a table is
/// as likely text).
fn is_number(t: &Token<'_>) -> bool {
    matches!(t.kind, Kind::Figure(figure::Figure::Number(..)))
}

/// Figures a table in reading order took from the next table's region:
/// the first `lead` of them, or the last `tail`.
#[derive(Clone, Copy, Debug, Default)]
struct Taken {
    lead: usize,
    tail: usize,
}

/// Figures of reading-order text that cross a section heading: how many
/// figures at the start of this table's region the table before took, and
/// the region after this one, where this table's last figures may be.
struct Spill {
    skip: Taken,
    next: Option<Range<usize>>,
    /// All lines after this table's region.
    rest: Range<usize>,
}

fn read_table_lines(
    lexed: &Lexed<'_>,
    kind: TableKind,
    region: Range<usize>,
    template: Option<Template>,
    diags: &mut Vec<Diagnostic>,
    spill: Spill,
    taken: &mut Taken,
) -> Option<Table> {
    // The section heading's line: the line before the region (1-based).
    let heading_line = Some(region.start).filter(|&l| l > 0);
    // Copied web-page text (a cell per paragraph) keeps the page's order;
    // only PDF text (pdftotext marks its pages with form feeds, and may
    // also leave a blank line between lines) draws figures in runs by font.
    // So does a table of a cell a line, each ending with a bar (`5125 |`).
    let web_order = stream::is_bar_cell_lines(lexed, &region)
        || (stream::is_cell_lines(lexed, &region) && !lexed.lines().any(|l| l.raw.contains('\u{c}')));
    let mut tokens = stream::tokenize(lexed, region, label::row_mask(kind));
    if kind == TableKind::Requests {
        stream::vertical_none_of_a_label(&mut tokens);
    }
    // Rows on lines of cells, each with its figures: nothing to repair,
    // nothing to search (see `direct`).
    let plain = direct::allowed()
        && !web_order
        && spill.skip.lead == 0
        && spill.skip.tail == 0
        && direct::is_plain(&tokens, kind);
    let reading_order = !plain && order::reads_in_order(&tokens, kind);
    // Table 三's rows' own total (either template's: the six applicant
    // columns add up to 总计), which the repairs of PDF text must keep.
    let own_total = (kind == TableKind::Requests)
        .then(|| vocab::layout_rules(kind, Template::Y2021))
        .and_then(|rules| rules.iter().find(|r| matches!(r.kind, vocab::RuleKind::RowTotal)))
        .filter(|own| own.lhs.iter().chain(&own.rhs).all(|p| Some(p.0) == own.lhs.first().map(|f| f.0)));
    let row_width = own_total.map_or(0, |own| own.lhs.len() + own.rhs.len());
    let side = |cells: &[(usize, usize)], d: &[i64]| -> i64 { cells.iter().filter_map(|&(_, c)| d.get(c)).sum() };
    let holds = |d: &[i64]| own_total.is_some_and(|own| side(&own.lhs, d) == side(&own.rhs, d));
    // The repairs of PDF text.
    if !plain {
        // Tables 三 and 四 hold counts, never signed: dashes run into a
        // figure are blank cells.
        let counts = match kind {
            TableKind::Requests => Some(vocab::APPLICANTS.len()),
            TableKind::Appeals => Some(vocab::APPEALS.len()),
            _ => None,
        };
        if let Some(width) = counts {
            stream::split_dashed_blanks(&mut tokens, width);
            stream::split_none_after_text(&mut tokens, width);
        }
        if !reading_order {
            let row_total: Option<stream::RowTotal<'_>> = own_total.map(|_| (row_width, &holds as _));
            stream::merge_wrapped_numbers(lexed, &mut tokens, label::row_mask(kind), row_total);
        }
        stream::split_zero_runs(lexed, &mut tokens, reading_order);
    }
    if own_total.is_some() && !plain {
        // A row of one-digit cells run together (`1000001`, `5 000005`), or
        // of wider cells glued: split when it holds as the row's own total.
        // (A line laid out: its figures start far to the right.)
        let indented = |n: usize| {
            lexed.line(n.wrapping_sub(1)).is_some_and(|l| l.raw.len() - l.raw.trim_start().len() >= stream::MIN_INDENT)
        };
        stream::split_digit_runs(&mut tokens, row_width, reading_order, indented, holds);
        stream::split_glued_cells(&mut tokens, row_width, holds);
        if !reading_order {
            // Empty blank cells in text laid out by spaces: the figures
            // placed by the page's grid of columns.
            stream::place_by_grid(lexed, &mut tokens, label::row_mask(kind), row_width, holds);
        }
        if reading_order {
            // Whole rows run together, cells of several digits
            // (`810109192`), and full-width numbers drawn a digit a line
            // (`１` / `６`): read as the table's rules say.
            let mut ambiguous = stream::glued_rows(&tokens, row_width, holds);
            ambiguous.extend(stream::wide_digit_lines(&tokens));
            // (Rows straddling their label, where no other place is.)
            let straddles: Vec<_> = stream::label_line_straddles(&tokens, row_width, label::row_mask(kind))
                .into_iter()
                .filter(|s| !ambiguous.iter().any(|a| a.at.start < s.at.end && s.at.start < a.at.end))
                .collect();
            ambiguous.extend(straddles);
            ambiguous.sort_by_key(|a| a.at.start);
            if let Some(read) = order::choose_reading(&tokens, &ambiguous) {
                tokens = read;
            } else {
                // Else with cells of one digit run together inside rows
                // too, kept apart from those places.
                let glued: Vec<_> = stream::glued_cells(&tokens, row_width, holds)
                    .into_iter()
                    .filter(|g| !ambiguous.iter().any(|a| a.at.start < g.at.end && g.at.start < a.at.end))
                    .collect();
                if !glued.is_empty() {
                    ambiguous.extend(glued);
                    ambiguous.sort_by_key(|a| a.at.start);
                    if let Some(read) = order::choose_reading(&tokens, &ambiguous) {
                        tokens = read;
                    }
                }
            }
        }
    }
    // Figures the table before took are not this table's.
    for t in tokens.iter_mut().filter(|t| t.is_definite()).take(spill.skip.lead) {
        t.kind = Kind::Noise;
    }
    for t in tokens.iter_mut().rev().filter(|t| t.is_definite()).take(spill.skip.tail) {
        t.kind = Kind::Noise;
    }
    // In reading order, figures right after another table's column header
    // (`现行有效件数 59 416` opening table 三) and before this table's first
    // row are that table's, drawn late: not this table's.
    if !plain && order::reads_in_order(&tokens, kind) {
        let own_rows = label::row_mask(kind);
        let first_row = tokens.iter().position(|t| t.kind == Kind::Text && t.bits & own_rows != 0);
        let other_header = |bits: u64| {
            !label::is_header_bits(kind, bits)
                && TableKind::ALL.iter().any(|&other| other != kind && label::is_header_bits(other, bits))
        };
        // (So are figures that open the region right before another
        // table's column header: that table's column drawn late, then the
        // header of its next.)
        let first_text = tokens.iter().take(first_row.unwrap_or(0)).find(|t| t.kind == Kind::Text);
        let mut foreign = first_text.is_some_and(|t| other_header(t.bits));
        // The text before, normalized: a header broken over two lines
        // (`现行有效` / `件数`) is read joined.
        let (mut prev, mut joined) = (String::new(), String::new());
        for t in tokens.iter_mut().take(first_row.unwrap_or(0)) {
            match t.kind {
                Kind::Text => {
                    joined.clear();
                    joined.push_str(&prev);
                    prev.clear();
                    normalize_into(t.text, &mut prev);
                    joined.push_str(&prev);
                    foreign = other_header(t.bits)
                        || (!label::is_header_bits(kind, t.bits) && other_header(label::scan_label(&joined)));
                }
                Kind::Figure(_) if foreign => t.kind = Kind::Noise,
                // Table 三 and 四 count: money or a fraction before their
                // first row is table 二's (a 收费金额 drawn late).
                Kind::Figure(Figure::Number(n, suffix))
                    if kind != TableKind::Active && (n.scale() > 0 || suffix.is_some()) =>
                {
                    t.kind = Kind::Noise;
                }
                _ => {}
            }
        }
    }

    // The template, from table 二's own labels.
    let template = match kind {
        TableKind::Active => {
            let texts = || tokens.iter().filter(|t| t.kind == Kind::Text);
            match label::detect_template_bits(texts().map(|t| t.bits)) {
                Some(t) => Some(t),
                None => {
                    // Headers broken over lines: join the text and look again.
                    let mut joined = String::new();
                    texts().for_each(|t| normalize_into(t.text, &mut joined));
                    match label::detect_template(&joined) {
                        Some(t) => Some(t),
                        None if texts().next().is_some() => template,
                        None => None,
                    }
                }
            }
        }
        _ => template,
    };

    let mut matcher = Matcher::new(kind, template.filter(|_| kind == TableKind::Active));
    let mut found: Vec<RowRead> = Vec::new();
    // Rows kept aside, each with whether it holds figures, and their
    // diagnostics: a reading in order (below) may map those figures.
    let mut extra: Vec<(ExtraRow, Vec<usize>)> = Vec::new();
    let mut aside: Vec<Diagnostic> = Vec::new();
    let mut first_line: Option<usize> = None;
    let mut last_line: Option<usize> = None;
    let mut appeals_values: Option<(usize, Vec<usize>)> = None;
    let mut unlisted = Unlisted::default();
    stream::each_run(&tokens, |run| {
        let mut row: Option<(RowKey, usize)> = None;
        for &ti in &run.texts {
            let Some(t) = tokens.get(ti) else { continue };
            let hit = matcher.classify_bits(t.bits);
            if hit.is_some() || label::is_header_bits(kind, t.bits) {
                first_line.get_or_insert(t.line());
            }
            if let Some(Hit::Row(k)) = hit {
                // A label wrapped around its row's figures: its tail right
                // after them (`5.要求行政机关确认或` / figures / `重新出具已获取信息`)
                // names the row just read, not a second printing of it.
                let tail = run.texts.first() == Some(&ti)
                    && found.last().is_some_and(|r: &RowRead<'_>| r.key == k && !r.values.is_empty());
                if !tail {
                    row = Some((k, ti));
                }
            }
        }
        let definite = run.values.iter().filter(|&&v| tokens.get(v).is_some_and(Token::is_definite)).count();
        if kind == TableKind::Appeals {
            // The one row has no label: the run with the most figures (but
            // not a run of many times as many, which is not this row).
            let width = kind.width();
            // In reading order, a run of more figures than the row has
            // cells mixes in another table's: the row is not in it.
            let fits = definite > 0 && definite <= 2 * width && (!reading_order || definite <= width);
            if fits && appeals_values.as_ref().is_none_or(|(n, _)| definite > *n) {
                if let Some((_, old)) = appeals_values.take() {
                    extra.push(extra_row(&tokens, &[], &old));
                }
                appeals_values = Some((definite, run.values.clone()));
            } else if definite > 0 {
                extra.push(extra_row(&tokens, &run.texts, &run.values));
            }
            if definite > 0 {
                first_line.get_or_insert(run.values.first().and_then(|&v| tokens.get(v)).map_or(0, |t| t.line()));
                last_line = run.values.last().and_then(|&v| tokens.get(v)).map(|t| t.line());
            }
            return;
        }
        match row {
            Some((k, ti)) => {
                if found.iter().any(|r| r.key == k) {
                    extra.push(extra_row(&tokens, &run.texts, &run.values));
                    // Its lines are the table's too.
                    if let Some(l) =
                        run.values.last().or(run.texts.last()).and_then(|&v| tokens.get(v)).map(|t| t.line())
                    {
                        last_line = Some(last_line.map_or(l, |x| x.max(l)));
                    }
                    unlisted.note(
                        &mut aside,
                        Diagnostic::new(
                            Code::UnrecognizedRow,
                            tokens.get(ti).map(|t| t.line()),
                            format!("row {} printed twice: the second is kept as an unrecognized row", k.as_str()),
                        ),
                    );
                    return;
                }
                let label_tok = tokens.get(ti);
                found.push(RowRead {
                    key: k,
                    label: label_tok.map(|t| (t.text, t.line())),
                    label_tok: Some(ti),
                    values: run.values.clone(),
                });
                if let Some(l) = run.values.iter().rev().find_map(|&v| tokens.get(v)).map(|t| t.line()) {
                    last_line = Some(l);
                } else if let Some(t) = label_tok {
                    last_line = Some(last_line.map_or(t.line(), |l| l.max(t.line())));
                }
            }
            None if definite > 0 && first_line.is_some() => {
                let e = extra_row(&tokens, &run.texts, &run.values);
                unlisted.note(
                    &mut aside,
                    Diagnostic::new(
                        Code::UnrecognizedRow,
                        Some(e.0.line),
                        format!("row {:?} is not in the template: kept, its figures not mapped to any key", e.0.label),
                    ),
                );
                if let Some(l) = run.values.iter().rev().find_map(|&v| tokens.get(v)).map(|t| t.line()) {
                    last_line = Some(last_line.map_or(l, |x| x.max(l)));
                }
                extra.push(e);
            }
            None => {}
        }
    });

    unlisted.finish(&mut aside, kind);

    // The layout: table 二 by its template; table 三's （六） by what it prints.
    let layout_template = match kind {
        TableKind::Active => match template {
            Some(t) if !found.is_empty() => t,
            _ => {
                diags.push(Diagnostic::new(
                    Code::MissingSection,
                    heading_line,
                    "table of section 2 not found in its text (published as an image?)",
                ));
                return None;
            }
        },
        TableKind::Requests => {
            let has = |key: &str| found.iter().any(|r| r.key.as_str() == key);
            if ["requests.other.no_correction", "requests.other.unpaid_fee", "requests.other.misc"]
                .iter()
                .any(|k| has(k))
            {
                Template::Y2021
            } else if has("requests.other") {
                Template::Y2019
            } else {
                template.unwrap_or(Template::Y2021)
            }
        }
        TableKind::Appeals => Template::Y2021,
    };
    let layout: Vec<RowKey> = RowKey::layout(kind, layout_template).collect();
    if kind == TableKind::Appeals {
        if let (Some(k), Some((_, values))) = (layout.first(), appeals_values) {
            found.push(RowRead { key: *k, label: None, label_tok: None, values });
        }
    }
    if found.is_empty() {
        diags.push(Diagnostic::new(
            Code::MissingSection,
            heading_line,
            format!("table of section {} not found in its text (published as an image?)", kind.section()),
        ));
        return None;
    }
    // A row of the other （六） layout, with figures, is a conflict: keep it aside.
    for r in found.iter().filter(|r| !layout.contains(&r.key)) {
        if r.values.iter().any(|&v| tokens.get(v).is_some_and(Token::is_definite)) {
            let e = extra_row(&tokens, &[], &r.values);
            aside.push(Diagnostic::new(
                Code::UnrecognizedRow,
                r.label.as_ref().map(|l| l.1),
                format!("row {} does not fit the table's layout: kept, not mapped", r.key.as_str()),
            ));
            extra.push(e);
        }
    }

    // Place every row's figures.
    let width = layout.iter().map(|k| k.columns().len()).max().unwrap_or(0);
    let rules = if kind == TableKind::Active { &[][..] } else { vocab::layout_rules(kind, layout_template) };
    let direct = if plain { direct::place(&tokens, &layout, &found, width) } else { None };
    let placed_directly = direct.is_some();
    let mut resolved = match direct {
        Some(r) => r,
        None => {
            let positions = match learn_positions(kind, &tokens, &found) {
                None if kind == TableKind::Appeals => Some(Positions::Absolute(0)),
                p => p,
            };
            let cands: Vec<Vec<align::Candidate>> = layout
                .iter()
                .map(|k| match found.iter().find(|r| r.key == *k) {
                    Some(r) => {
                        // (Copied web-page text, a cell a paragraph, keeps
                        // the page's order; where its lines start says
                        // nothing: a text browser centres cells.)
                        let first_line =
                            if web_order { None } else { complete_first_line(&tokens, &r.values, k.columns().len()) };
                        let by_column = if web_order || first_line.is_some() {
                            None
                        } else {
                            by_column_position(lexed, &tokens, &r.values)
                        };
                        let values = first_line.or_else(|| by_column.clone());
                        let mut cands = align::candidates(
                            &tokens,
                            values.as_deref().unwrap_or(&r.values),
                            k.columns(),
                            place_of(positions, &tokens, r),
                        );
                        // A row of table 二 (no rule to check it) gathered
                        // from lines of its own by their character columns,
                        // which put its figures in another order than
                        // printed: the printed order is as likely (lines of
                        // `-layout` text are laid out each on its own, so
                        // their columns need not line up).
                        if rules.is_empty() && by_column.as_ref().is_some_and(|v| *v != r.values) {
                            cands.extend(align::candidates(
                                &tokens,
                                &r.values,
                                k.columns(),
                                place_of(positions, &tokens, r),
                            ));
                        }
                        // A row whose line ends with its closing bar (`… | 0
                        // |`) reaches its end: it was not cut.
                        let last = r.values.iter().rev().filter_map(|&v| tokens.get(v)).find(|t| t.is_definite());
                        let closed = last
                            .and_then(|t| lexed.line(t.line().checked_sub(1)?))
                            .is_some_and(|l| l.raw.trim_end().ends_with(['|', '｜', '│']));
                        if closed {
                            align::not_cut(&mut cands);
                        }
                        cands
                    }
                    None => align::candidates(&tokens, &[], k.columns(), None),
                })
                .collect();
            align::resolve(cands, width, rules)
        }
    };

    // Text in reading order (PDF text without layout): the figures in the
    // template's order, wherever the labels fall. Read that way when it
    // reads the table at least as well (better, for text laid out in rows).
    let mut in_order = !plain && order::reads_in_order(&tokens, kind);
    let mut ordered: Option<Vec<Option<Vec<usize>>>> = None;
    // Whether the reading in order believed reads only the leading rows of
    // a table short of figures (see `order::assign`), leaving the rest.
    let mut short_of_figures = false;
    // In reading order, figures missing from the region may be beyond it.
    let need: usize = layout.iter().map(|k| k.columns().len()).sum();
    let have = tokens.iter().filter(|t| t.is_definite()).count();
    let fetched = if in_order && have < need && !rules.is_empty() {
        fetch_missing(lexed, kind, layout.len(), &spill, need - have, &mut tokens, taken)
    } else if have == 0 && !web_order && !rules.is_empty() && !found.is_empty() {
        // Labels and no figure at all: every figure may be drawn after the
        // next heading (a page of labels, then the next page's figures),
        // read in order when those figures are.
        let mut with = tokens.clone();
        let mut took = Taken::default();
        let more = fetch_missing(lexed, kind, layout.len(), &spill, need, &mut with, &mut took);
        if with.iter().any(Token::is_definite) && order::reads_in_order(&with, kind) {
            tokens = with;
            *taken = took;
            in_order = true;
            more
        } else {
            false
        }
    } else {
        false
    };
    if rules.is_empty() {
        // No rule can check a reading in order (table 二): in reading order,
        // only a table that reads row by row after all is believed.
        let read: Vec<(RowKey, Option<usize>, &[usize])> =
            found.iter().map(|r| (r.key, r.label_tok, r.values.as_slice())).collect();
        if in_order && !web_order && !order::rows_follow_labels(&tokens, &layout, &read) {
            let mut blocks =
                table_two_in_order(lexed, &spill, &layout, &read, need.saturating_sub(have), &mut tokens, taken);
            // A sum of money given to a column of counts: nothing is read.
            if let Some(t) = money_in_counts(&tokens, &layout, &blocks) {
                diags.push(Diagnostic::new(
                    Code::UnreadableCell,
                    Some(t.line()),
                    format!(
                        "active: in reading order a sum of money ({}) falls in a column of counts: the figures' \
                         places are not known",
                        t.text
                    ),
                ));
                blocks.iter_mut().for_each(|b| *b = None);
            }
            let cands = layout
                .iter()
                .zip(&blocks)
                .map(|(k, v)| align::in_order(&tokens, v.as_deref().unwrap_or(&[]), k.columns()))
                .collect();
            resolved = align::resolve(cands, width, rules);
            ordered = Some(blocks);
        }
        if in_order {
            // A row whose figures mix full-width and ASCII digits in one
            // run (no text between), or CJK blank markers and numbers (`／
            // 13 23` for 13 ／ 23): the two fonts are drawn as separate runs,
            // so the row's order is not known, and no rule of table 二 can
            // tell it. Left undecided, unless its figures are all alike (`０
            // ０ 0`): then every order reads the same. (Runs apart, each
            // after its column's header, keep their places.)
            for (r, key) in layout.iter().enumerate() {
                let indices: Vec<usize> = match &ordered {
                    Some(rows) => rows.get(r).cloned().flatten().unwrap_or_default(),
                    None => found.iter().find(|x| x.key == *key).map(|x| x.values.clone()).unwrap_or_default(),
                };
                let figures: Vec<Token<'_>> = indices.iter().filter_map(|&i| tokens.get(i).copied()).collect();
                if !web_order
                    && !order::zeros_alike(&figures)
                    && ((order::in_a_run_of_two_fonts(&tokens, &indices)
                        && !order::sign_tells_order(key.columns(), &figures))
                        || order::markers_apart(&figures)
                        || order::fonts_interleave(&figures, &(0..figures.len()).collect::<Vec<_>>(), false, |_| true))
                {
                    if let Some(row) = resolved.slots.get_mut(r) {
                        row.iter_mut().for_each(|c| *c = None);
                    }
                }
            }
        }
    } else if !placed_directly {
        // (A table placed directly is read whole and laid out: nothing
        // below applies to it.)
        let (unknown, broken) = resolved.quality(rules);
        let mut believed = false;
        // Laid-out text read whole (a report's own broken rule aside) would
        // read the same in order: only reading-order text, or cells left
        // unknown, are worth the search.
        if in_order || unknown > 0 {
            // A reading in order (each row's figure tokens) placed.
            let place_rows = |rows: &[Option<Vec<usize>>]| {
                let cands = layout
                    .iter()
                    .zip(rows)
                    .map(|(k, v)| align::in_order(&tokens, v.as_deref().unwrap_or(&[]), k.columns()))
                    .collect();
                align::resolve(cands, width, rules)
            };
            if let Some(rows) = order::assign(&tokens, &layout, rules, in_order, web_order) {
                let alt = place_rows(&rows);
                let (u, b) = alt.quality(rules);
                // How far the order can be trusted (see `order::OrderEvidence`).
                let labelled: Vec<(RowKey, Option<usize>)> = found.iter().map(|r| (r.key, r.label_tok)).collect();
                let evidence =
                    order::OrderEvidence::of(&tokens, &layout, &rows, &labelled, in_order, web_order, fetched);
                // Laid-out text: the first reading placed each figure by
                // its row and cell, the order only by the figures' printed
                // order; rules the order breaks that the first reading
                // keeps are the order's misreading (a figure set on a line
                // below its row), not the report's error.
                // (Table 四 in reading order: its figures breaking what one
                // wrong figure would not are the report's error only when
                // no order of them holds.)
                let report_errs = || {
                    alt.one_figure_explains(rules)
                        || (kind == TableKind::Appeals && {
                            let figures: Option<Vec<i64>> =
                                tokens.iter().filter(|t| t.is_definite()).map(Token::count).collect();
                            figures.is_some_and(|f| order::no_order_holds(&f, rules))
                        })
                };
                let leading = in_order
                    && u > 0
                    && b == 0
                    && leading_rows_only(&tokens, &layout, &rows, u)
                    && evidence.believes_leading_rows();
                let plausible = evidence.believes(u, b, rules.len(), report_errs)
                    && (in_order || b <= broken)
                    // In reading order, rows the order leaves undecided
                    // leave the column totals unchecked: the whole table
                    // must be read for any of it to be believed — but for
                    // a table short of figures, whose leading rows were
                    // read under a column's total among them (see
                    // `order::assign`): those rows, every one of their
                    // cells, and nothing after them.
                    && (!in_order || u == 0 || leading);
                if plausible && (u + b < unknown + broken || (in_order && u + b == unknown + broken)) {
                    short_of_figures = leading;
                    resolved = alt;
                    ordered = Some(rows);
                    believed = true;
                } else if in_order && !web_order && evidence.labels_deny() {
                    // Denied by its labels: the reading whose rows the
                    // labels bound, if it holds whole and they bear it.
                    if let Some(rows) = order::assign_by_labels(&tokens, &layout, rules) {
                        let alt = place_rows(&rows);
                        let evidence =
                            order::OrderEvidence::of(&tokens, &layout, &rows, &labelled, in_order, web_order, fetched);
                        if alt.quality(rules) == (0, 0) && evidence.believes(0, 0, rules.len(), || false) {
                            resolved = alt;
                            ordered = Some(rows);
                            believed = true;
                        }
                    }
                }
            }
        }
        // (Copied web-page text keeps the page's order, a row's cells right
        // after its label, its empty cells kept: every cell read there and
        // a rule broken is the report's own error, as in a grid.)
        if in_order && !believed && (unknown > 0 || (broken > 0 && !web_order)) {
            // Reading order, and the rows read label by label leave cells
            // unknown or break the arithmetic: a row's figures may come
            // before its label, and whole rows may have shifted, which their
            // own totals cannot show. Nothing is believed.
            let cands = layout.iter().map(|k| align::candidates(&tokens, &[], k.columns(), None)).collect();
            resolved = align::resolve(cands, width, rules);
            ordered = Some(vec![None; layout.len()]);
        }
    }
    // Table 四's one row left unread in reading order, whose figures break
    // its totals in every order: the report's arithmetic fails, wherever
    // they stand.
    // (Not in two fonts, whose runs may split or join figures; nor when
    // some of the figures were the first few of a longer run after the
    // next heading, where which figures are the table's is itself a guess:
    // another table's figures drawn late in its place, and the rest of its
    // own after the heading, satisfy no order either.)
    if kind == TableKind::Appeals
        && in_order
        && !fetched
        && !web_order
        && !order::two_fonts(&tokens)
        && resolved.quality(rules).0 == width
    {
        let figures: Option<Vec<i64>> = tokens.iter().filter(|t| t.is_definite()).map(Token::count).collect();
        if figures.is_some_and(|f| order::no_order_holds(&f, rules)) {
            let list = tokens.iter().filter(|t| t.is_definite()).map(|t| t.text).collect::<Vec<_>>().join(", ");
            let names = rules.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ");
            diags.push(Diagnostic::new(
                Code::SumMismatch,
                heading_line,
                format!(
                    "appeals: its figures ({list}) satisfy {names} in no order: the report breaks them; the \
                     cells are left null, their order not being certain"
                ),
            ));
        }
    }
    if !ordered.as_ref().is_some_and(|o| o.iter().any(Option::is_some)) {
        // The figures after the heading were not read here after all.
        *taken = Taken::default();
    }
    if let Some(rows) = &ordered {
        // Rows kept aside whose figures the reading in order mapped are
        // not kept aside any more (nor said to be).
        let mapped: Vec<usize> = {
            let mut m: Vec<usize> = rows.iter().flatten().flatten().copied().collect();
            m.sort_unstable();
            m
        };
        let is_mapped = |t: &usize| mapped.binary_search(t).is_ok();
        let (gone, kept): (Vec<_>, Vec<_>) = extra.drain(..).partition(|(_, values)| {
            let mut figures = values.iter().filter(|&&v| tokens.get(v).is_some_and(Token::is_definite)).peekable();
            figures.peek().is_some() && figures.all(is_mapped)
        });
        extra = kept;
        let gone_lines: Vec<usize> = gone.iter().map(|(e, _)| e.line).collect();
        let kept_lines: Vec<usize> = extra.iter().map(|(e, _)| e.line).collect();
        aside.retain(|d| {
            d.code != Code::UnrecognizedRow
                || d.line.is_none_or(|l| !gone_lines.contains(&l) || kept_lines.contains(&l))
        });
    }
    diags.append(&mut aside);
    // The lines the rows kept aside hold: their labels' and their values'.
    let mut extra_lines: Vec<usize> = extra
        .iter()
        .flat_map(|(e, values)| {
            std::iter::once(e.line).chain(values.iter().filter_map(|&v| tokens.get(v)).map(Token::line))
        })
        .collect();
    extra_lines.dedup();
    // In reading order, a cell the text lost is not derived while a figure
    // of the table's lines stands kept aside that no derived cell explains:
    // the lost cell may be that figure, drawn apart from its row (a tall
    // cell), printed otherwise than the arithmetic says (`… 0 0 0 0 0 0`,
    // then `1` after the group labels: the row's 总计, the report's own
    // error). Left null. (A kept-aside figure equal to a derived cell, or
    // kept-aside digits that read as one when joined, a number drawn a
    // glyph a line, bear the derivation out.)
    if in_order && !stray_figures_explained(&tokens, &extra, &resolved.derived) {
        for (r, row) in resolved.derived.iter_mut().enumerate() {
            for (c, d) in row.iter_mut().enumerate() {
                if d.take().is_some() {
                    if let Some(slot) = resolved.slots.get_mut(r).and_then(|s| s.get_mut(c)) {
                        *slot = None;
                    }
                }
            }
        }
    }
    // PDF text: a row read from the figures after its label, right before
    // which stands a run of a whole row's figures (its cells, or all but
    // one), not all zeros, that no row took: those may as well be the
    // row's own, drawn before its label (the figures after it the next
    // row's). Undecided.
    // (Text laid out by spaces keeps rows on their lines: a run before a
    // label there is a figure set higher, or a wrapped number's part.)
    let laid_out =
        || tokens.iter().any(|t| lexed.line(t.line().wrapping_sub(1)).is_some_and(|l| l.content.contains("  ")));
    if !plain && !web_order && kind == TableKind::Requests && !laid_out() {
        unclaimed_run_before_label(&tokens, &layout, &found, &mut resolved);
        // A row's label right after another's, the figures after them then
        // a whole row glued into one string of digits: the figures may be
        // the first label's, the glued row this one's.
        glued_row_after_figures(&tokens, &layout, &found, &mut resolved);
    }
    let extra: Vec<ExtraRow> = extra.into_iter().map(|(e, _)| e).collect();

    let mut rows = Vec::with_capacity(layout.len());
    for (r, key) in layout.iter().enumerate() {
        let read = found.iter().find(|x| x.key == *key);
        // In order, a row's figures are its own, found with or without its
        // label; or the order leaves the row undecided.
        let in_order_row = ordered.as_ref().map(|o| o.get(r).cloned().flatten());
        let first_value = match &in_order_row {
            Some(v) => v.as_ref().and_then(|v| v.first().copied()),
            None => read.and_then(|x| x.values.first().copied()),
        };
        let row_line = read
            .and_then(|x| x.label.as_ref().map(|l| l.1))
            .or_else(|| first_value.and_then(|v| tokens.get(v)).map(|t| t.line()));
        let undecided = matches!(in_order_row, Some(None));
        if undecided && short_of_figures {
            diags.push(Diagnostic::new(
                Code::UnreadableCell,
                row_line,
                format!(
                    "{}: the table's figures in reading order fall short of its cells, and this row's are not \
                     among those read row by row before: left null",
                    key.as_str()
                ),
            ));
        } else if undecided {
            diags.push(Diagnostic::new(
                Code::UnreadableCell,
                row_line,
                format!(
                    "{}: the figures come in reading order, and the order does not tell this row's figures \
                     (row by row or column by column): left null",
                    key.as_str()
                ),
            ));
        } else if read.is_none() && !matches!(in_order_row, Some(Some(_))) {
            diags.push(Diagnostic::new(
                Code::UnreadableCell,
                None,
                format!("row {} ({}) not found: its figures are missing", key.as_str(), key.spec().label),
            ));
        }
        let mut cells = Vec::with_capacity(key.columns().len());
        let mut uncertain: Vec<&str> = Vec::new();
        for (c, col) in key.columns().iter().enumerate() {
            let slot = resolved.slots.get(r).and_then(|s| s.get(c)).copied().flatten();
            let derived = resolved.derived.get(r).and_then(|d| d.get(c)).copied().flatten();
            let (value, tok) = match (slot, derived) {
                (_, Some(v)) => (Value::Derived(Number::int(v)), None),
                (Some(Slot::Num(n, t)), None) => (Value::Number(n), Some(t)),
                (Some(Slot::Blank(m, t, _)), None) => (Value::Blank(m), Some(t)),
                (Some(Slot::Bad(t)), None) => {
                    let tk = tokens.get(t);
                    diags.push(Diagnostic::new(
                        Code::UnreadableCell,
                        tk.map(|t| t.line()),
                        format!(
                            "{}.{}: cannot read {:?} as a figure",
                            key.as_str(),
                            col.key,
                            tk.map_or("", |t| t.text)
                        ),
                    ));
                    (Value::Missing, Some(t))
                }
                (Some(Slot::Unknown), None) => {
                    if read.is_some() && !undecided {
                        diags.push(Diagnostic::new(
                            Code::UnreadableCell,
                            row_line,
                            format!("{}.{}: the text holds no figure for this cell", key.as_str(), col.key),
                        ));
                    }
                    (Value::Missing, None)
                }
                (None, None) => {
                    uncertain.push(col.key);
                    (Value::Missing, None)
                }
            };
            if let Value::Derived(n) = value {
                diags.push(Diagnostic::new(
                    Code::Derived,
                    row_line,
                    format!(
                        "{}.{} derived as {n} from the report's own arithmetic: the text lost the cell",
                        key.as_str(),
                        col.key
                    ),
                ));
            }
            let t = tok.and_then(|t| tokens.get(t));
            cells.push(Cell {
                column: Cow::Borrowed(col.key),
                value,
                line: t.map(|t| t.line()).or(row_line),
                span: t.map(|t| t.span(lexed.text)),
            });
        }
        if !uncertain.is_empty() {
            diags.push(Diagnostic::new(
                Code::UnreadableCell,
                row_line,
                format!(
                    "{}: cannot place the row's figures with certainty, so {} left null",
                    key.as_str(),
                    uncertain.join(", ")
                ),
            ));
        }
        rows.push(Row { key: *key, label: read.and_then(|x| x.label.map(|l| l.0.to_string())), line: row_line, cells });
    }
    // A last row drawn over several lines between rules (its label's tail
    // on the lines below its figures) ends at its rule.
    let last_line = last_line.map(|l| drawn_row_end(lexed, l));
    let lines = match (first_line, last_line) {
        (Some(a), Some(b)) => Some((a.min(b), b.max(a))),
        (None, Some(b)) => Some((b, b)),
        _ => None,
    };
    // Every line of the table that no row or unrecognized row holds.
    let other_lines = lines.map_or_else(Vec::new, |(a, b)| {
        let mut used = vec![false; b - a + 1];
        let mut mark = |n: usize| {
            if let Some(u) = n.checked_sub(a).and_then(|i| used.get_mut(i)) {
                *u = true;
            }
        };
        for r in &rows {
            r.line.into_iter().chain(r.cells.iter().filter_map(|c| c.line)).for_each(&mut mark);
        }
        extra_lines.iter().copied().for_each(&mut mark);
        (a..=b)
            .filter(|&n| !used.get(n - a).copied().unwrap_or(false))
            .filter_map(|n| lexed.line(n.wrapping_sub(1)))
            .filter(|l| !l.is_blank())
            .map(|l| TextLine { line: l.number, text: l.content.to_string() })
            .collect()
    });
    Some(Table { kind, template: layout_template, rows, unrecognized: extra, lines, other_lines })
}

/// Table 二 in reading order that does not read row by row: column by
/// column, each header followed by its figures (its last columns perhaps
/// after the next heading, then added to `tokens` and counted in `taken`);
/// else, when every figure is 0 and there are exactly as many as cells,
/// every cell is 0 whatever the order; else block by block, where a block's
/// figures show their order. `read`:
/// the rows found with their labels and figures; `missing`: how many
/// figures the region lacks.
fn table_two_in_order<'a>(
    lexed: &'a Lexed<'_>,
    spill: &Spill,
    layout: &[RowKey],
    read: &[(RowKey, Option<usize>, &[usize])],
    missing: usize,
    tokens: &mut Vec<Token<'a>>,
    taken: &mut Taken,
) -> Vec<Option<Vec<usize>>> {
    let mut with_next = tokens.clone();
    if missing > 0 {
        if let Some(next) = spill.next.clone() {
            let lead = order::leading_header_runs(&stream::tokenize(lexed, next, 0), layout);
            if lead.iter().filter(|t| t.is_definite()).count() == missing {
                with_next.extend(lead);
            }
        }
    }
    match order::by_header_groups(&with_next, layout) {
        Some(rows) => {
            if with_next.len() > tokens.len() {
                taken.lead = missing;
            }
            *tokens = with_next;
            rows
        }
        None => order::all_zeros(tokens, layout).unwrap_or_else(|| order::by_blocks(tokens, layout, read)),
    }
}

/// In reading order, the figures a table misses (`missing`) taken from
/// beyond its region, added to `tokens` for the reading in order only: the
/// next region's first run of figures, right after its heading (enough of
/// them) or after some header text (exactly as many), whose count goes to
/// `taken`; or table 三's 总计 column under its own header in the next
/// region, one figure for each of its `rows` when each misses one; or
/// figures alone on lines after the report's text (a table's last page
/// printed after it), exactly as many, so none is in doubt. True when they
/// were the first few of a longer run: then which figures are the table's
/// is itself a guess, and a reading that breaks a rule is not believed (it
/// may hold a neighbour's figures).
fn fetch_missing<'a>(
    lexed: &'a Lexed<'_>,
    kind: TableKind,
    rows: usize,
    spill: &Spill,
    missing: usize,
    tokens: &mut Vec<Token<'a>>,
    taken: &mut Taken,
) -> bool {
    let (lead, after_text): (Vec<Token<'_>>, bool) = spill.next.clone().map_or_else(
        || (Vec::new(), false),
        |next| {
            let more = stream::tokenize(lexed, next, 0);
            let start = more.iter().position(is_number).unwrap_or(more.len());
            let after_text = more.get(..start).is_some_and(|m| m.iter().any(|t| t.kind == Kind::Text));
            let run = more
                .get(start..)
                .unwrap_or(&[])
                .iter()
                .take_while(|t| t.kind != Kind::Text && (is_number(t) || !t.is_definite()))
                .filter(|t| is_number(t))
                .copied()
                .collect();
            (run, after_text)
        },
    );
    if lead.len() == missing || (!after_text && lead.len() > missing) {
        tokens.extend(lead.iter().take(missing).copied());
        taken.lead = missing;
        return lead.len() > missing;
    }
    // Or table 三's last row cut at a page's end, the rest of it drawn at
    // the very end of the next region, after that table's own figures: as
    // many figures as missing, fewer than a row, each a paragraph of its
    // own (a blank line before it, and after it a blank line or the
    // region's end), only text after them, the region's own figures before
    // them not so drawn. A guess, so `fetched`: the
    // table must then hold every rule, the last row's own total and its
    // columns' totals (结转 = 新收 + 上年结转 − 总计) among them.
    if kind == TableKind::Requests && missing < kind.width() {
        if let Some(next) = spill.next.clone() {
            let more = stream::tokenize(lexed, next, 0);
            let figures: Vec<usize> =
                (0..more.len()).filter(|&i| more.get(i).is_some_and(Token::is_definite)).collect();
            let blank = |n: usize| lexed.line(n.wrapping_sub(1)).is_none_or(|l| l.is_blank());
            let alone = |i: usize| {
                more.get(i).is_some_and(|t| {
                    is_number(t)
                        && more.iter().filter(|u| u.line() == t.line()).count() == 1
                        && blank(t.line().saturating_sub(1))
                        && blank(t.line() + 1)
                })
            };
            let cut = figures.len().saturating_sub(missing);
            let tail = figures.get(cut..).unwrap_or(&[]);
            // (The region's own last figure not a paragraph alone: else
            // which of its figures are the row's is not shown.)
            let own = cut.checked_sub(1).and_then(|k| figures.get(k)).is_some_and(|&i| !alone(i));
            if own && tail.len() == missing && tail.iter().all(|&i| alone(i)) {
                tokens.extend(tail.iter().filter_map(|&i| more.get(i)).copied());
                taken.tail = missing;
                return true;
            }
        }
    }
    // Or table 三's 总计 column, one figure a row missing, drawn in
    // the next region under its own header (`总` / `计`, beside table 四's
    // columns): the run right after that header, exactly as many; the
    // rows' figures then read with their totals after them.
    let column = kind == TableKind::Requests && missing > 0 && missing == rows;
    if let Some(next) = spill.next.clone().filter(|_| column) {
        let more = stream::tokenize(lexed, next, 0);
        // The header as printed, or broken over two lines (`总` / `计`).
        let (mut prev, mut this) = (String::new(), String::new());
        for (i, t) in more.iter().enumerate() {
            std::mem::swap(&mut prev, &mut this);
            this.clear();
            if t.kind != Kind::Text {
                continue;
            }
            normalize_into(t.text, &mut this);
            this.retain(|c| !crate::lex::is_space(c));
            let header = this == "总计" || (prev == "总" && this == "计");
            if !header || more.get(i + 1).is_some_and(|u| u.kind == Kind::Text) {
                continue;
            }
            let run: Vec<Token<'a>> =
                more.get(i + 1..).unwrap_or(&[]).iter().take_while(|u| u.kind != Kind::Text).copied().collect();
            if run.iter().filter(|u| u.is_definite()).count() == missing
                && run.iter().all(|u| is_number(u) || !u.is_definite())
            {
                tokens.extend(run.into_iter().filter(Token::is_definite));
                return false;
            }
        }
    }
    let later = stream::tokenize(lexed, spill.rest.clone(), 0);
    let text_lines: Vec<usize> =
        later.iter().filter(|t| t.kind == Kind::Text || (t.is_definite() && !is_number(t))).map(Token::line).collect();
    let alone: Vec<Token<'_>> =
        later.iter().filter(|t| is_number(t) && text_lines.binary_search(&t.line()).is_err()).copied().collect();
    if alone.len() == missing {
        tokens.extend(alone);
    }
    false
}

/// A row kept aside, and its value cells' tokens.
fn extra_row(tokens: &[Token<'_>], texts: &[usize], values: &[usize]) -> (ExtraRow, Vec<usize>) {
    let label: Vec<&str> = texts.iter().filter_map(|&i| tokens.get(i)).map(|t| t.text).collect();
    let line = texts.first().or(values.first()).and_then(|&i| tokens.get(i)).map_or(0, |t| t.line());
    let last_line = values.last().and_then(|&i| tokens.get(i)).map_or(line, |t| t.line().max(line));
    let row = ExtraRow {
        label: label.join(" "),
        line,
        last_line,
        values: values.iter().filter_map(|&i| tokens.get(i)).map(|t| t.text.to_string()).collect(),
    };
    (row, values.to_vec())
}
