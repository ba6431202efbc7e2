//! Placing a row's figures in its columns, confirmed by the report's own
//! arithmetic.
//!
//! A row's value tokens rarely say by themselves which column each belongs
//! to: an empty cell may be a blank figure, the placeholder of a spanning
//! label, or padding; a cell may have been lost at the edge of a grid.
//! Each row therefore gets the few placements its tokens allow (empty cells
//! between two figures are always blanks; empty cells at either end may or
//! may not be cells; a lost cell may be at either end), and the table's
//! rules (row totals, the `（七）总计` row, the balance `一+二 = 七+四`, table
//! 四's totals) choose among them. A cell the rules pin down is derived; a
//! figure on which the surviving placements disagree is missing, with a
//! diagnostic. No figure is ever moved to a column it might not belong to.

use super::figure::{Figure, Marker, Number, Suffix};
use super::stream::{Kind, Token};
use super::vocab::{self, ColumnSpec, Rule, RuleKind, TableKind, Template, Unit};
use std::ops::Range;

/// Most placements tried per row, and most combinations per table.
const MAX_ROW_CANDIDATES: usize = 64;
const MAX_COMBINATIONS: usize = 4096;
/// The most figures a window over a row's run leaves out before it: a stray
/// figure or two (an index column, a page number, a wrapped number's part).
/// The figures right after a row's label are its own; figures after them
/// may be the next row's, drawn before its label, which a window leaving
/// out the row's first figures would read as this row's (its own total
/// holds for any whole row).
const MAX_LEAD_LEFT_OUT: usize = 2;

/// What a placement puts in one column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Slot {
    /// A figure read from token `usize`.
    Num(Number, usize),
    /// A blank; the token, and whether it was an empty cell.
    Blank(Marker, usize, bool),
    /// No cell: lost at the edge, or no token at all.
    Unknown,
    /// A cell whose text cannot be read as a figure of this column.
    Bad(usize),
}

impl Slot {
    /// The slot's value as a comparable key: blanks count as 0.
    fn key(self) -> Option<(i64, u8)> {
        match self {
            Slot::Num(n, _) => Some(canonical(n)),
            Slot::Blank(..) => Some((0, 0)),
            Slot::Unknown | Slot::Bad(_) => None,
        }
    }

    /// The slot's value as a count, for the rules.
    fn count(self) -> Option<i64> {
        match self {
            Slot::Num(n, _) => n.as_i64(),
            Slot::Blank(..) => Some(0),
            Slot::Unknown | Slot::Bad(_) => None,
        }
    }

    fn is_empty_cell(self) -> bool {
        matches!(self, Slot::Blank(_, _, true))
    }

    /// The token the slot was read from, if any.
    pub(crate) fn token(self) -> Option<usize> {
        match self {
            Slot::Num(_, t) | Slot::Blank(_, t, _) | Slot::Bad(t) => Some(t),
            Slot::Unknown => None,
        }
    }
}

fn canonical(n: Number) -> (i64, u8) {
    let (mut m, mut s) = (n.mantissa(), n.scale());
    while s > 0 && m % 10 == 0 {
        m /= 10;
        s -= 1;
    }
    (m, s)
}

/// Reads one token as the figure of a column.
pub(crate) fn slot(tokens: &[Token<'_>], i: usize, col: &ColumnSpec) -> Slot {
    let Some(t) = tokens.get(i) else {
        return Slot::Unknown;
    };
    match t.kind {
        Kind::Empty => Slot::Blank(Marker::Empty, i, true),
        Kind::Figure(Figure::Blank(m)) => Slot::Blank(m, i, false),
        Kind::Figure(Figure::Unreadable) => Slot::Bad(i),
        // A count or an amount is never negative (only 本年增/减 is): a
        // minus sign there is a page number's dash (`-30`), or a misreading.
        Kind::Figure(Figure::Number(n, _)) if col.unit != Unit::Change && n.mantissa() < 0 => Slot::Bad(i),
        Kind::Figure(Figure::Number(n, suffix)) => match (col.unit, suffix) {
            (Unit::Money, Some(Suffix::Yuan)) => n.from_yuan().map_or(Slot::Bad(i), |n| Slot::Num(n, i)),
            (Unit::Money, _) => Slot::Num(n, i),
            (_, Some(Suffix::Yuan | Suffix::Wan)) => Slot::Bad(i),
            (_, _) => match n.as_i64() {
                Some(v) => Slot::Num(Number::int(v), i),
                None => Slot::Bad(i),
            },
        },
        Kind::Text | Kind::Noise => Slot::Bad(i),
    }
}

/// Where a row's figures sit on their line, when the table's unambiguous
/// rows show it: column `c` is cell `base + c` of line `line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub line: usize,
    pub base: i64,
}

/// A placement's cells as the grid holds them, computed once for a search
/// that puts each placement in the grid many times.
struct Filled {
    counts: Vec<Option<i64>>,
    known: Vec<bool>,
    printed: Vec<bool>,
    /// Whether the placement puts anything in the row.
    any: bool,
}

impl Filled {
    fn of(c: &Candidate) -> Self {
        Filled {
            counts: c.slots.iter().map(|s| s.count()).collect(),
            known: c.slots.iter().map(|s| s.key().is_some()).collect(),
            printed: c.printed.clone(),
            any: c.slots.iter().any(|s| *s != Slot::Unknown),
        }
    }
}

/// A placement of a row's tokens in its columns.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub slots: Vec<Slot>,
    /// Per cell: some reading of the row with the same figures prints this
    /// cell (so a derivation of it is confirmed by the text itself).
    printed: Vec<bool>,
    /// Cells the placement assumes were lost (none, for the least among
    /// readings with the same figures).
    lost: usize,
    /// The row has the signature of a grid cut at a fixed width after an
    /// extra label cell (the seed's table 三): one empty cell, then one
    /// figure fewer than the columns, none of them empty. Its lost cell is
    /// then the 总计 at the edge, not a blank at the front.
    truncated: bool,
    /// The placement drops figures (more than the columns) or assumes a
    /// lost cell: it must then satisfy the row's own rule to be believed.
    assumed: bool,
    /// Figures placed in a column other than the one their cell position
    /// shows (0 when the table gives no positions).
    misplaced: usize,
    /// Empty cells read as blanks (fewer is preferred: an empty cell may be
    /// a placeholder, a printed figure is certain).
    blanks: usize,
    /// Generation order, the last tie-breaker.
    order: usize,
}

impl Candidate {
    /// A row of `width` cells of which nothing is known.
    fn unknown(width: usize) -> Self {
        Candidate {
            slots: vec![Slot::Unknown; width],
            printed: vec![false; width],
            lost: 0,
            truncated: false,
            assumed: false,
            misplaced: 0,
            blanks: 0,
            order: 0,
        }
    }
}

/// Marks a row's placements as read from a row that reaches its end (a
/// markdown or bar row closed by its bar): whatever its cells look like,
/// it was not cut at the grid's edge (see `Candidate::truncated`).
pub(crate) fn not_cut(cands: &mut [Candidate]) {
    for c in cands {
        c.truncated = false;
    }
}

/// The one placement of a row's figures read in reading order (exactly
/// one per column, wherever they stood): nothing assumed.
pub(crate) fn in_order(tokens: &[Token<'_>], values: &[usize], cols: &[ColumnSpec]) -> Vec<Candidate> {
    let mut c = candidates(tokens, values, cols, None);
    for x in &mut c {
        // A token that cannot be a figure of its column (a figure glued to
        // a page number, `-84`) may hold no figure or one: the order past
        // it is as uncertain as a lost cell.
        x.assumed = x.lost > 0 || x.slots.iter().any(|s| matches!(s, Slot::Bad(_)));
    }
    c
}

/// The placements of `values` (indices into `tokens`) in `cols`.
pub(crate) fn candidates(
    tokens: &[Token<'_>],
    values: &[usize],
    cols: &[ColumnSpec],
    place: Option<Place>,
) -> Vec<Candidate> {
    let mut out = placements(tokens, values, cols, place);
    let on_line = |i: usize| tokens.get(i).map(Token::line);
    if values.windows(2).all(|w| matches!(w, [a, b] if on_line(*a) == on_line(*b))) {
        return out;
    }
    // A row over several lines: an empty cell where one line ends or the
    // next begins may be no cell at all, but where a line was wrapped
    // (`… | 0 | 2 | 0` / ` | 0 | 1 | 0 | 3 |`). The readings without such
    // cells are liberties too: where they and the others disagree, the
    // figures are not certain.
    let boundary = |k: usize| {
        let here = values.get(k).and_then(|&i| on_line(i));
        let before = k.checked_sub(1).and_then(|j| values.get(j)).and_then(|&i| on_line(i));
        let after = values.get(k + 1).and_then(|&i| on_line(i));
        (before.is_some() && before != here) || (after.is_some() && after != here)
    };
    let empty = |k: usize| values.get(k).and_then(|&i| tokens.get(i)).is_some_and(|t| t.kind == Kind::Empty);
    let kept: Vec<usize> =
        (0..values.len()).filter(|&k| !(empty(k) && boundary(k))).filter_map(|k| values.get(k).copied()).collect();
    if kept.len() < values.len() && kept.iter().any(|&i| tokens.get(i).is_some_and(Token::is_definite)) {
        let base = out.len();
        out.extend(
            placements(tokens, &kept, cols, place)
                .into_iter()
                .filter(|c| c.slots.iter().any(|s| *s != Slot::Unknown))
                .enumerate()
                .map(|(k, c)| Candidate { assumed: true, order: base + k, ..c }),
        );
    }
    out
}

/// The placements of `values` in `cols`, as they stand (see [`candidates`]).
fn placements(tokens: &[Token<'_>], values: &[usize], cols: &[ColumnSpec], place: Option<Place>) -> Vec<Candidate> {
    let n = cols.len();
    let is_definite = |k: usize| values.get(k).and_then(|&i| tokens.get(i)).is_some_and(Token::is_definite);
    // The first and last figure (positions in `values`) and how many.
    let (mut first, mut last, mut count) = (None, None, 0usize);
    for k in (0..values.len()).filter(|&k| is_definite(k)) {
        first.get_or_insert(k);
        last = Some(k);
        count += 1;
    }
    // Table 三's and 四's rows only: with two or three columns the pattern
    // is as likely a blank first cell.
    let truncated = match (first, last) {
        (Some(first), Some(last)) => n >= 5 && first == 1 && last - first + 1 == count && count + 1 == n,
        _ => false,
    };
    // Figures gathered from a line of figures and a line of their own (a
    // figure set above or below its row in PDF layout text, a wrapped
    // number) are a liberty too: believed only if the row's rule holds.
    let split = {
        let lines = || (0..values.len()).filter(|&k| is_definite(k)).filter_map(|k| tokens.get(*values.get(k)?));
        let mut prev: Option<usize> = None;
        let (mut changes, mut sorted) = (0usize, true);
        for l in lines().map(Token::line) {
            if let Some(p) = prev {
                sorted &= p <= l;
                changes += usize::from(p != l);
            }
            prev = Some(l);
        }
        let distinct = if sorted {
            changes + usize::from(prev.is_some())
        } else {
            let mut l: Vec<usize> = lines().map(Token::line).collect();
            l.sort_unstable();
            l.dedup();
            l.len()
        };
        distinct >= 2 && distinct < count
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut windows = false;
    // A reading that leaves a cell of the row unused where its lost
    // column stands (an empty cell at that column's place is a blank) did
    // not lose that cell.
    let unused_at = |seq: &[Option<usize>], c: usize| -> bool {
        place.is_some_and(|p| {
            let want = p.base + c as i64;
            values.iter().any(|&v| {
                tokens.get(v).is_some_and(|t| t.line() == p.line && t.cell.map(i64::from) == Some(want))
                    && !seq.contains(&Some(v))
            })
        })
    };
    let emit = |seq: &[Option<usize>], windows: bool, out: &mut Vec<Candidate>| {
        if seq.iter().enumerate().any(|(c, t)| t.is_none() && unused_at(seq, c)) {
            return;
        }
        let slots: Vec<Slot> =
            seq.iter().zip(cols).map(|(t, col)| t.map_or(Slot::Unknown, |i| slot(tokens, i, col))).collect();
        let blanks = slots.iter().filter(|s| s.is_empty_cell()).count();
        let printed = slots.iter().map(|s| s.key().is_some()).collect();
        let lost = seq.iter().filter(|t| t.is_none()).count();
        let misplaced = place.map_or(0, |p| {
            seq.iter()
                .enumerate()
                .filter_map(|(c, t)| Some((c, tokens.get((*t)?)?)))
                .filter(|(c, t)| t.line() == p.line && t.cell.is_some_and(|x| i64::from(x) != p.base + *c as i64))
                .count()
        });
        let order = out.len();
        out.push(Candidate {
            assumed: lost > 0 || windows || split,
            misplaced,
            slots,
            printed,
            lost,
            truncated,
            blanks,
            order,
        });
    };
    let mut seq: Vec<Option<usize>> = Vec::with_capacity(n + 2);
    match (first, last) {
        (Some(first), Some(last)) => {
            let lead = first;
            let trail = values.len() - 1 - last;
            let core: &[usize] = values.get(first..=last).unwrap_or(&[]);
            let c = core.len();
            // Cells run together (`00000`) stand for an unknown number of
            // figures: which of them a window would leave out is not known.
            let runs = core.iter().any(|&i| tokens.get(i).is_some_and(Token::is_surely_cells_run_together));
            if c > n && runs {
                // No window: the row is not read.
            } else if c > n {
                windows = true;
                // More figures than columns: each window of the core.
                for s in 0..=(c - n).min(MAX_LEAD_LEFT_OUT) {
                    seq.clear();
                    seq.extend(core.get(s..s + n).unwrap_or(&[]).iter().map(|&i| Some(i)));
                    emit(&seq, windows, &mut out);
                }
            } else {
                // Fewest lost cells first: every exact fit (some empty
                // cells at the ends read as blanks), then one lost cell at
                // either edge or between two cells, then two at the edges.
                'outer: for u in 0..=(n - c).min(2) {
                    let ends = n - c - u;
                    for lb in (0..=ends.min(lead)).rev() {
                        let tb = ends - lb;
                        if tb > trail {
                            continue;
                        }
                        let body: &[usize] = values.get(first - lb..=last + tb).unwrap_or(&[]);
                        seq.clear();
                        if u == 0 {
                            seq.extend(body.iter().map(|&i| Some(i)));
                            emit(&seq, windows, &mut out);
                        } else {
                            // A lost cell: at the right edge (a grid cut at a
                            // fixed width) or at the left.
                            seq.extend(body.iter().map(|&i| Some(i)));
                            seq.extend(std::iter::repeat_n(None, u));
                            emit(&seq, windows, &mut out);
                            seq.clear();
                            seq.extend(std::iter::repeat_n(None, u));
                            seq.extend(body.iter().map(|&i| Some(i)));
                            emit(&seq, windows, &mut out);
                            // One cell lost between two others (an empty
                            // cell that vanished, in text that keeps no
                            // empty cells): the rules must place it.
                            if u == 1 && values.len() == c {
                                for at in 1..body.len() {
                                    seq.clear();
                                    seq.extend(body.iter().map(|&i| Some(i)));
                                    seq.insert(at, None);
                                    emit(&seq, windows, &mut out);
                                }
                            }
                        }
                        if out.len() >= MAX_ROW_CANDIDATES {
                            break 'outer;
                        }
                    }
                }
            }
        }
        _ => {
            // No figure at all: the empty cells are blanks, if there are
            // enough of them to fill the row.
            if values.len() >= n && n > 0 {
                seq.extend(values.get(..n).unwrap_or(&[]).iter().map(|&i| Some(i)));
                emit(&seq, windows, &mut out);
            }
        }
    }
    if out.is_empty() {
        out.push(Candidate::unknown(n));
    }
    out
}

/// The value of every cell of a table, during the search.
#[derive(Clone, Debug)]
struct Grid {
    width: usize,
    /// The table row of the grid's first row (a one-row grid reads one row
    /// of the table on its own).
    base: usize,
    /// Counts, for the rules (`None`: unknown, or not a count).
    vals: Vec<Option<i64>>,
    /// Cells whose content is known: read, blank or derived.
    known: Vec<bool>,
    derived: Vec<bool>,
    /// Cells some equivalent reading prints.
    printed: Vec<bool>,
    /// Rows the text has (a label or figures): only their cells are derived.
    present: Vec<bool>,
    /// Per cell: the rules that hold and confirm it (scratch for `settle`).
    support: Vec<u8>,
    /// Per rule: its cells without a count (scratch for `settle`).
    unknown: Vec<usize>,
}

impl Grid {
    fn new(width: usize, rows: usize) -> Self {
        let n = width * rows;
        Grid {
            width,
            base: 0,
            vals: vec![None; n],
            known: vec![false; n],
            derived: vec![false; n],
            printed: vec![false; n],
            present: vec![false; rows],
            support: Vec::new(),
            unknown: Vec::new(),
        }
    }

    /// Empties the grid for the next reading, keeping its memory.
    fn reset(&mut self) {
        self.vals.iter_mut().for_each(|v| *v = None);
        self.known.iter_mut().for_each(|v| *v = false);
        self.derived.iter_mut().for_each(|v| *v = false);
        self.printed.iter_mut().for_each(|v| *v = false);
        self.present.iter_mut().for_each(|v| *v = false);
    }

    /// The index of table cell `(r, c)` in the grid (out of range when the
    /// grid does not hold row `r`).
    fn idx(&self, r: usize, c: usize) -> usize {
        r.wrapping_sub(self.base).wrapping_mul(self.width).wrapping_add(c)
    }

    fn put(&mut self, r: usize, c: usize, s: Slot, printed: bool) {
        let i = self.idx(r, c);
        if s != Slot::Unknown {
            if let Some(p) = self.present.get_mut(r.wrapping_sub(self.base)) {
                *p = true;
            }
        }
        if let Some(p) = self.printed.get_mut(i) {
            *p = printed;
        }
        if let Some(v) = self.vals.get_mut(i) {
            *v = s.count();
        }
        if let Some(k) = self.known.get_mut(i) {
            *k = s.key().is_some();
        }
    }

    /// Puts a placement in row `r`.
    fn put_row(&mut self, r: usize, c: &Filled) {
        let at = r.wrapping_sub(self.base).wrapping_mul(self.width);
        let cells = at..at.saturating_add(c.counts.len());
        if let Some(v) = self.vals.get_mut(cells.clone()) {
            v.copy_from_slice(&c.counts);
        }
        if let Some(k) = self.known.get_mut(cells.clone()) {
            k.copy_from_slice(&c.known);
        }
        if let Some(p) = self.printed.get_mut(cells) {
            if p.len() == c.printed.len() {
                p.copy_from_slice(&c.printed);
            }
        }
        if c.any {
            if let Some(p) = self.present.get_mut(r.wrapping_sub(self.base)) {
                *p = true;
            }
        }
    }

    fn at(&self, i: usize) -> Option<i64> {
        self.vals.get(i).copied().flatten()
    }

    fn known_at(&self, i: usize) -> bool {
        self.known.get(i).copied().unwrap_or(false)
    }

    fn present_at(&self, i: usize) -> bool {
        self.present.get(i / self.width.max(1)).copied().unwrap_or(false)
    }

    fn set_at(&mut self, i: usize, v: i64) {
        if let Some(x) = self.vals.get_mut(i) {
            *x = Some(v);
        }
        if let Some(d) = self.derived.get_mut(i) {
            *d = true;
        }
        if let Some(k) = self.known.get_mut(i) {
            *k = true;
        }
    }

    fn get(&self, (r, c): (usize, usize)) -> Option<i64> {
        self.vals.get(self.idx(r, c)).copied().flatten()
    }
}

/// Fills in every cell that a rule with exactly one unknown pins down (when
/// the result is not negative), then returns the reading's cost: the rules
/// its figures break, plus the cells it leaves unknown, plus the derived
/// cells no second rule confirms. A lost cell that only the rule it was
/// derived from vouches for costs as much as a broken rule, so that a
/// reading cannot "repair" a report by inventing a lost cell.
///
/// Only cells of rows in `rows` are counted.
fn settle(grid: &mut Grid, rules: &Rules, rows: Range<usize>) -> usize {
    // Per rule, how many of its cells hold no count.
    let mut unknown = std::mem::take(&mut grid.unknown);
    unknown.clear();
    unknown.extend(rules.list.iter().map(|r| r.cells.iter().filter(|&&i| grid.at(i).is_none()).count()));
    // Nothing to derive when every cell holds a count.
    let mut changed = unknown.contains(&1);
    let mut rounds = 0;
    while changed && rounds < 64 {
        changed = false;
        rounds += 1;
        // Only what SCHEMA.md sanctions is derived: a row's total from its
        // columns, the 总计 row from the rows above it, table 四's totals;
        // never a row the text does not have, and never through the
        // balance rule (which would rebuild whole rows).
        for (k, rule) in rules.list.iter().enumerate() {
            if !rule.derives || unknown.get(k) != Some(&1) {
                continue;
            }
            let Some(at) = rule.cells.iter().rposition(|&i| grid.at(i).is_none()) else { continue };
            let (on_left, i) = (at < rule.split, rule.cells.get(at).copied().unwrap_or(usize::MAX));
            if !grid.known_at(i) && grid.present_at(i) {
                let (l, r) = rule.sides(grid);
                let v = if on_left { r - l } else { l - r };
                if v >= 0 {
                    grid.set_at(i, v);
                    changed = true;
                    for &q in rules.holding(i) {
                        if let Some(n) = unknown.get_mut(q) {
                            *n = n.saturating_sub(1);
                        }
                    }
                }
            }
        }
    }
    grid.unknown = unknown;
    let mut cost = 0;
    // Support is only needed to confirm derived cells.
    let any_derived = grid.derived.iter().any(|&d| d);
    if any_derived {
        grid.support.clear();
        grid.support.resize(grid.vals.len(), 0);
    }
    for rule in &rules.list {
        let (lhs, rhs) = rule.cells.split_at(rule.split.min(rule.cells.len()));
        let l: Option<i64> = lhs.iter().map(|&q| grid.at(q)).sum();
        let r: Option<i64> = rhs.iter().map(|&q| grid.at(q)).sum();
        match (l, r) {
            (Some(a), Some(b)) if a != b => {
                cost += 1;
                // A derived cell in a broken rule is not charged again as
                // unconfirmed: the broken rule is already counted (a
                // report's own error in a column of derived totals would
                // otherwise cost once per total, more than shifting a
                // figure to hide it).
                if any_derived {
                    for &i in &rule.cells {
                        if let Some(x) = grid.support.get_mut(i) {
                            *x = x.saturating_add(2);
                        }
                    }
                }
            }
            // A rule of derived cells alone confirms none of them: they
            // were made to hold together.
            (Some(_), Some(_))
                if any_derived && rule.cells.iter().any(|&i| !grid.derived.get(i).copied().unwrap_or(false)) =>
            {
                for &i in &rule.cells {
                    if let Some(x) = grid.support.get_mut(i) {
                        *x = x.saturating_add(1);
                    }
                }
            }
            (Some(_), Some(_)) => {}
            // One unknown left that the rule could not fill: its result
            // would be negative, which a count cannot be.
            _ if rule.cells.iter().filter(|&&i| grid.at(i).is_none() && !grid.known_at(i)).count() == 1 => cost += 1,
            _ => {}
        }
    }
    let first = grid.idx(rows.start, 0).min(grid.vals.len());
    let last = grid.idx(rows.end, 0).min(grid.vals.len());
    let all_known = grid.known.get(first..last).is_some_and(|k| k.iter().all(|&x| x));
    if all_known && !any_derived {
        return cost;
    }
    for i in first..last {
        let known = grid.known.get(i).copied().unwrap_or(false);
        let derived = grid.derived.get(i).copied().unwrap_or(false);
        let printed = grid.printed.get(i).copied().unwrap_or(false);
        let support = if any_derived { grid.support.get(i).copied().unwrap_or(0) } else { 0 };
        if !known || (derived && !printed && support < 2) {
            cost += 1;
        }
    }
    cost
}

/// A rule over a grid's cells by their index in the grid (an index out of
/// the grid's range is a cell it does not hold).
struct Flat {
    /// Whether the rule may fill in a cell (the balance rule never does).
    derives: bool,
    /// The left side's cells, then the right side's.
    cells: Vec<usize>,
    /// Where the right side starts in `cells`.
    split: usize,
}

/// A table's rules over a grid, and for each cell the rules that hold it.
struct Rules {
    list: Vec<Flat>,
    /// `by_cell[starts[i]..starts[i + 1]]`: the rules holding cell `i`.
    starts: Vec<usize>,
    by_cell: Vec<usize>,
}

impl Rules {
    fn compile(rules: &[&Rule], grid: &Grid) -> Rules {
        let list: Vec<Flat> = rules
            .iter()
            .map(|ru| Flat {
                derives: !matches!(ru.kind, RuleKind::Balance),
                cells: ru.lhs.iter().chain(&ru.rhs).map(|&(r, c)| grid.idx(r, c)).collect(),
                split: ru.lhs.len(),
            })
            .collect();
        let n = grid.vals.len();
        let mut counts = vec![0usize; n + 1];
        for f in &list {
            for &i in f.cells.iter().filter(|&&i| i < n) {
                if let Some(c) = counts.get_mut(i + 1) {
                    *c += 1;
                }
            }
        }
        for i in 0..n {
            let before = counts.get(i).copied().unwrap_or(0);
            if let Some(c) = counts.get_mut(i + 1) {
                *c += before;
            }
        }
        let starts = counts.clone();
        let mut next = counts;
        let mut by_cell = vec![0usize; starts.last().copied().unwrap_or(0)];
        for (k, f) in list.iter().enumerate() {
            for &i in f.cells.iter().filter(|&&i| i < n) {
                if let Some(at) = next.get_mut(i) {
                    if let Some(slot) = by_cell.get_mut(*at) {
                        *slot = k;
                    }
                    *at += 1;
                }
            }
        }
        Rules { list, starts, by_cell }
    }

    /// The compiled rules of a template's table, when `rules` are those
    /// rules (compiled once: every report's tables share them) and the grid
    /// is the table's.
    fn of_layout(rules: &[Rule], grid: &Grid) -> Option<&'static Rules> {
        type Compiled = Vec<(&'static [Rule], usize, usize, Rules)>;
        static CACHE: std::sync::OnceLock<Compiled> = std::sync::OnceLock::new();
        let all = CACHE.get_or_init(|| {
            TableKind::ALL
                .iter()
                .flat_map(|&t| [Template::Y2019, Template::Y2021].map(move |tpl| (t, tpl)))
                .map(|(t, tpl)| {
                    let layout: Vec<_> = vocab::RowKey::layout(t, tpl).collect();
                    let width = layout.iter().map(|k| k.columns().len()).max().unwrap_or(0);
                    let grid = Grid::new(width, layout.len());
                    let static_rules = vocab::layout_rules(t, tpl);
                    let compiled = Rules::compile(&static_rules.iter().collect::<Vec<_>>(), &grid);
                    (static_rules, width, layout.len(), compiled)
                })
                .collect()
        });
        let rows = grid.vals.len().checked_div(grid.width).unwrap_or(0);
        all.iter()
            .find(|(r, w, n, _)| std::ptr::eq(*r, rules) && *w == grid.width && *n == rows && grid.base == 0)
            .map(|(.., c)| c)
    }

    /// The rules that hold cell `i`.
    fn holding(&self, i: usize) -> &[usize] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.by_cell.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl Flat {
    /// The sums of the known cells on either side.
    fn sides(&self, grid: &Grid) -> (i64, i64) {
        let (lhs, rhs) = self.cells.split_at(self.split.min(self.cells.len()));
        let sum = |side: &[usize]| side.iter().filter_map(|&i| grid.at(i)).sum::<i64>();
        (sum(lhs), sum(rhs))
    }
}

/// How good a whole reading is: its cost, then the lost cells it assumes,
/// then the figures it places against their cell positions. Less is better.
type Key = (usize, usize, usize);

/// Blanks read from empty cells, derived cells, generation order: less is
/// preferred among readings of equal cost.
type Preference = (usize, usize, Vec<usize>);

/// A row's cell values once derived cells are filled in.
type Settled = Vec<Option<(i64, u8)>>;

/// How a table's rows came out.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    /// Per row, per column: the slot chosen, or `None` where the placements
    /// disagree.
    pub slots: Vec<Vec<Option<Slot>>>,
    /// Per row, per column: the derived value, where the cell was derived.
    pub derived: Vec<Vec<Option<i64>>>,
}

impl Resolved {
    /// How well the table was read: cells left unknown, and rules the
    /// reading breaks ((0, 0) for a table read whole and consistent).
    pub(crate) fn quality(&self, rules: &[Rule]) -> (usize, usize) {
        let value = |(r, c): (usize, usize)| -> Option<i64> {
            if let Some(v) = self.derived.get(r).and_then(|d| d.get(c)).copied().flatten() {
                return Some(v);
            }
            self.slots.get(r).and_then(|s| s.get(c)).copied().flatten().and_then(Slot::count)
        };
        let unknown = self
            .slots
            .iter()
            .zip(&self.derived)
            .flat_map(|(s, d)| s.iter().zip(d))
            .filter(|(s, d)| d.is_none() && !matches!(s, Some(Slot::Num(..) | Slot::Blank(..))))
            .count();
        let broken = rules
            .iter()
            .filter(|ru| {
                let l: Option<i64> = ru.lhs.iter().map(|&p| value(p)).sum();
                let r: Option<i64> = ru.rhs.iter().map(|&p| value(p)).sum();
                matches!((l, r), (Some(a), Some(b)) if a != b)
            })
            .count();
        (unknown, broken)
    }
}

impl Resolved {
    /// True when the rules the reading breaks are what one wrong figure in
    /// the report would break: they share a cell, every rule holding that
    /// cell is broken, and one change of that cell mends them all. (A
    /// figure read out of place breaks rules that no one cell explains.)
    pub(crate) fn one_figure_explains(&self, rules: &[Rule]) -> bool {
        let value = |(r, c): (usize, usize)| -> Option<i64> {
            if let Some(v) = self.derived.get(r).and_then(|d| d.get(c)).copied().flatten() {
                return Some(v);
            }
            self.slots.get(r).and_then(|s| s.get(c)).copied().flatten().and_then(Slot::count)
        };
        let side = |cells: &[(usize, usize)]| -> Option<i64> { cells.iter().map(|&p| value(p)).sum() };
        let broken: Vec<&Rule> =
            rules.iter().filter(|ru| matches!((side(&ru.lhs), side(&ru.rhs)), (Some(a), Some(b)) if a != b)).collect();
        let Some(first) = broken.first() else { return true };
        first.lhs.iter().chain(&first.rhs).any(|&cell| {
            // The change of `cell` that mends each rule holding it.
            let mut delta: Option<i64> = None;
            rules.iter().filter(|ru| ru.lhs.contains(&cell) || ru.rhs.contains(&cell)).all(|ru| {
                let (Some(l), Some(r)) = (side(&ru.lhs), side(&ru.rhs)) else { return false };
                let d = if ru.lhs.contains(&cell) { r - l } else { l - r };
                d != 0 && *delta.get_or_insert(d) == d
            }) && broken.iter().all(|ru| ru.lhs.contains(&cell) || ru.rhs.contains(&cell))
        })
    }
}

/// Evaluates one combination of placements over the whole table.
/// `filled` holds the candidates' cells computed beforehand, or is empty.
fn evaluate(rows: &[Vec<Candidate>], filled: &[Vec<Filled>], pick: &[usize], rules: &Rules, g: &mut Grid) -> Key {
    let nrows = rows.len();
    g.reset();
    for (r, &k) in pick.iter().enumerate() {
        if let Some(f) = filled.get(r).and_then(|fs| fs.get(k)) {
            g.put_row(r, f);
        } else if let Some(c) = rows.get(r).and_then(|cs| cs.get(k)) {
            for (col, s) in c.slots.iter().enumerate() {
                g.put(r, col, *s, c.printed.get(col).copied().unwrap_or(false));
            }
        }
    }
    let cost = settle(g, rules, 0..nrows);
    // A row cut at the grid's edge (see `Candidate::truncated`) is as
    // likely read with its lost cell as without: neither counts.
    let (lost, misplaced) = pick
        .iter()
        .enumerate()
        .filter_map(|(r, &k)| rows.get(r).and_then(|c| c.get(k)))
        .filter(|c| !c.truncated)
        .fold((0, 0), |(l, m), c| (l + c.lost, m + c.misplaced));
    (cost, lost, misplaced)
}

/// Chooses a placement for every row. `rows[r]` are row `r`'s candidates,
/// each with `width` slots; `rules` are over these row positions.
///
/// The readings of least cost are kept; a cell on which they disagree is
/// left undecided (`None`).
pub(crate) fn resolve(rows: Vec<Vec<Candidate>>, width: usize, rules: &[Rule]) -> Resolved {
    let nrows = rows.len();
    // Row by row: one candidate per distinct reading of the figures (the
    // preferred), and only those within one of the row's best local cost,
    // on one grid of one row, reused.
    let mut g = Grid::new(width, 1);
    let rows: Vec<Vec<Candidate>> = rows
        .into_iter()
        .enumerate()
        .map(|(r, cands)| {
            if cands.len() <= 1 {
                return cands;
            }
            // The row's own rules, on a grid of this one row.
            let local: Vec<&Rule> = rules.iter().filter(|ru| ru.lhs.iter().chain(&ru.rhs).all(|p| p.0 == r)).collect();
            g.base = r;
            let local = Rules::compile(&local, &g);
            let mut scored: Vec<(usize, usize, Settled, Candidate)> = cands
                .into_iter()
                .map(|c| {
                    g.reset();
                    for (k, s) in c.slots.iter().enumerate() {
                        g.put(r, k, *s, false);
                    }
                    let cost = settle(&mut g, &local, r..r + 1);
                    let settled: Settled = (0..width)
                        .map(|k| {
                            let i = k;
                            if g.derived.get(i).copied().unwrap_or(false) {
                                g.vals.get(i).copied().flatten().map(|v| (v, 0))
                            } else {
                                c.slots.get(k).and_then(|s| s.key())
                            }
                        })
                        .collect();
                    let derived = g.derived.iter().filter(|&&d| d).count();
                    (cost, derived, settled, c)
                })
                .collect();
            // Readings of the same figures differ only in provenance: keep
            // the one that assumes no lost cell (unless the row looks cut
            // at the edge), then reads the most printed figures (fewest
            // blanks inferred from empty cells, then fewest derived), noting
            // which cells any of them prints, at the group's best cost.
            scored.sort_by_key(|x| {
                let (lost, misplaced) = if x.3.truncated { (0, 0) } else { (x.3.lost, x.3.misplaced) };
                (lost, misplaced, x.3.blanks, x.1, x.3.order)
            });
            let mut kept: Vec<(usize, Settled, Candidate)> = Vec::new();
            for (cost, _, settled, c) in scored {
                match kept.iter_mut().find(|(_, v, _)| *v == settled) {
                    Some(g) => {
                        g.0 = g.0.min(cost);
                        g.2.lost = g.2.lost.min(c.lost);
                        g.2.misplaced = g.2.misplaced.min(c.misplaced);
                        // The same figures read without liberties: they do
                        // not rest on the lost cell assumed.
                        g.2.assumed &= c.assumed;
                        // Only a reading that assumes no lost cell can vouch
                        // that a cell is printed.
                        if c.lost == 0 {
                            for (p, s) in g.2.printed.iter_mut().zip(&c.slots) {
                                *p |= s.key().is_some();
                            }
                        }
                    }
                    None => kept.push((cost, settled, c)),
                }
            }
            let best = kept.iter().map(|x| x.0).min().unwrap_or(0);
            kept.sort_by_key(|x| (x.0, x.2.blanks, x.2.order));
            kept.into_iter().filter(|x| x.0 <= best + 1).map(|(_, _, c)| c).collect()
        })
        .map(|mut c: Vec<Candidate>| {
            if c.is_empty() {
                c.push(Candidate::unknown(width));
            }
            c
        })
        .collect();
    // The common case: every row read whole, one reading each, every cell
    // a figure or a blank, no liberty taken. The reading is as it reads:
    // nothing to derive, nothing to choose.
    let whole = |cs: &Vec<Candidate>| match cs.as_slice() {
        [c] => !c.assumed && c.slots.iter().all(|s| matches!(s, Slot::Num(..) | Slot::Blank(..))),
        _ => false,
    };
    if rows.iter().all(whole) {
        let slots = rows
            .iter()
            .map(|cs| {
                let c = cs.first();
                (0..width).map(|k| Some(c.and_then(|c| c.slots.get(k)).copied().unwrap_or(Slot::Unknown))).collect()
            })
            .collect();
        return Resolved { slots, derived: vec![vec![None; width]; nrows] };
    }
    let mut grid = Grid::new(width, nrows);
    let owned;
    let all: &Rules = match Rules::of_layout(rules, &grid) {
        Some(r) => r,
        None => {
            owned = Rules::compile(&rules.iter().collect::<Vec<_>>(), &grid);
            &owned
        }
    };
    let combos: usize = rows.iter().map(Vec::len).try_fold(1usize, |a, n| a.checked_mul(n)).unwrap_or(usize::MAX);
    // Many readings to try: each placement's cells computed once.
    let filled: Vec<Vec<Filled>> =
        if combos > 1 { rows.iter().map(|cs| cs.iter().map(Filled::of).collect()).collect() } else { Vec::new() };

    // The readings of least cost: whether they agree on each cell, and the
    // preferred one (fewest blanks from empty cells, then fewest derived
    // cells, then generation order), whose provenance is reported.
    let mut best_cost: Key = (usize::MAX, usize::MAX, usize::MAX);
    let mut agree: Vec<Option<Option<(i64, u8)>>> = Vec::new();
    let mut preferred: Option<(Vec<usize>, Grid, Preference)> = None;
    let cell_key = |pick: &[usize], g: &Grid, i: usize| -> Option<(i64, u8)> {
        let (r, c) = (i / width, i % width);
        if g.derived.get(i).copied().unwrap_or(false) {
            return g.vals.get(i).copied().flatten().map(|v| (v, 0));
        }
        rows.get(r)
            .and_then(|cs| cs.get(pick.get(r).copied().unwrap_or(0)))
            .and_then(|k| k.slots.get(c))
            .and_then(|s| s.key())
    };
    // Returns the least cost so far.
    let mut consider = |pick: &[usize], cost: Key, g: &Grid| -> usize {
        if cost > best_cost {
            return best_cost.0;
        }
        let keys = (0..nrows * width).map(|i| cell_key(pick, g, i));
        if cost < best_cost {
            best_cost = cost;
            agree = keys.map(Some).collect();
            preferred = None;
        } else {
            for (have, new) in agree.iter_mut().zip(keys) {
                if have.is_some_and(|k| k != new) {
                    *have = None;
                }
            }
        }
        let blanks =
            pick.iter().enumerate().map(|(r, &k)| rows.get(r).and_then(|c| c.get(k)).map_or(0, |c| c.blanks)).sum();
        let derived = g.derived.iter().filter(|&&d| d).count();
        let order =
            pick.iter().enumerate().map(|(r, &k)| rows.get(r).and_then(|c| c.get(k)).map_or(0, |c| c.order)).collect();
        let pref = (blanks, derived, order);
        if preferred.as_ref().is_none_or(|p| pref < p.2) {
            preferred = Some((pick.to_vec(), g.clone(), pref));
        }
        best_cost.0
    };
    if combos == 1 {
        // One reading only (the common case): every cell is as it reads.
        let pick = vec![0usize; nrows];
        let _ = evaluate(&rows, &filled, &pick, all, &mut grid);
        agree = vec![Some(None); nrows * width];
        preferred = Some((pick, grid.clone(), (0, 0, Vec::new())));
    } else if combos <= MAX_COMBINATIONS {
        // A row's own rule that a placement breaks with every cell known
        // stays broken in any reading of the table (settling fills only
        // unknown cells): their count bounds a reading's cost from below,
        // and a reading bound to cost more than the best so far is skipped.
        let hard: Vec<Vec<usize>> = rows
            .iter()
            .enumerate()
            .map(|(r, cs)| {
                let own: Vec<&Rule> =
                    rules.iter().filter(|ru| ru.lhs.iter().chain(&ru.rhs).all(|p| p.0 == r)).collect();
                cs.iter()
                    .map(|c| {
                        let side = |cells: &[(usize, usize)]| -> Option<i64> {
                            cells.iter().map(|p| c.slots.get(p.1).and_then(|s| s.count())).sum()
                        };
                        own.iter()
                            .filter(|ru| matches!((side(&ru.lhs), side(&ru.rhs)), (Some(a), Some(b)) if a != b))
                            .count()
                    })
                    .collect()
            })
            .collect();
        let mut pick = vec![0usize; nrows];
        let mut best = usize::MAX;
        loop {
            let bound: usize =
                pick.iter().enumerate().map(|(r, &k)| hard.get(r).and_then(|h| h.get(k)).copied().unwrap_or(0)).sum();
            if bound <= best {
                let cost = evaluate(&rows, &filled, &pick, all, &mut grid);
                best = consider(&pick, cost, &grid);
            }
            if !next_combination(&mut pick, &rows) {
                break;
            }
        }
    } else {
        // Too many to try them all: improve one row at a time, from each
        // row's preferred reading, from every row read with its lost cells,
        // and from every row read without; then accept every single change
        // that is as good. (Derived totals are confirmed only when the
        // whole 总计 column is known, so single changes alone can stall.)
        let by_lost = |most: bool| -> Vec<usize> {
            rows.iter()
                .map(|cs| {
                    let it = cs.iter().enumerate();
                    let best = if most {
                        it.max_by_key(|(i, c)| (c.lost, std::cmp::Reverse(*i)))
                    } else {
                        it.min_by_key(|(i, c)| (c.lost, *i))
                    };
                    best.map_or(0, |(i, _)| i)
                })
                .collect()
        };
        let mut pick = vec![0usize; nrows];
        let mut cost = evaluate(&rows, &filled, &pick, all, &mut grid);
        for start in [vec![0usize; nrows], by_lost(true), by_lost(false)] {
            let (p, c) = descend(&rows, &filled, start, width, all);
            if c < cost {
                pick = p;
                cost = c;
            }
        }
        let c = evaluate(&rows, &filled, &pick, all, &mut grid);
        let g = &grid;
        consider(&pick, c, g);
        for r in 0..nrows {
            for k in 0..rows.get(r).map_or(0, Vec::len) {
                let mut alt = pick.clone();
                if alt.get(r) == Some(&k) {
                    continue;
                }
                if let Some(p) = alt.get_mut(r) {
                    *p = k;
                }
                let c = evaluate(&rows, &filled, &alt, all, &mut grid);
                let g = &grid;
                consider(&alt, c, g);
            }
        }
    }

    let mut out = Resolved { slots: Vec::with_capacity(nrows), derived: Vec::with_capacity(nrows) };
    // A row read by taking liberties (dropping figures, assuming a lost
    // cell) is believed only if its own rule then holds.
    let unconfirmed = |r: usize| -> bool {
        let Some((pick, g, _)) = &preferred else {
            return false;
        };
        let assumed = rows.get(r).and_then(|cs| cs.get(pick.get(r).copied().unwrap_or(0))).is_some_and(|c| c.assumed);
        let broken = |ru: &&Rule| {
            let l: Option<i64> = ru.lhs.iter().map(|&q| g.get(q)).sum();
            let rr: Option<i64> = ru.rhs.iter().map(|&q| g.get(q)).sum();
            l.is_none() || rr.is_none() || l != rr
        };
        let own = |ru: &&Rule| ru.lhs.iter().chain(&ru.rhs).all(|p| p.0 == r);
        // A cell derived in such a row (its own rule then holds by
        // construction) must be borne out by another rule it is in, and
        // contradicted by none.
        let derived_unborne = (0..width).any(|c| {
            if !g.derived.get(r * width + c).copied().unwrap_or(false) {
                return false;
            }
            let mut confirmed = false;
            for ru in rules.iter().filter(|ru| !own(ru) && ru.lhs.iter().chain(&ru.rhs).any(|&p| p == (r, c))) {
                let l: Option<i64> = ru.lhs.iter().map(|&q| g.get(q)).sum();
                let rr: Option<i64> = ru.rhs.iter().map(|&q| g.get(q)).sum();
                match (l, rr) {
                    (Some(a), Some(b)) if a != b => return true,
                    (Some(_), Some(_)) => {
                        // (Not by derived cells alone.)
                        confirmed |= ru
                            .lhs
                            .iter()
                            .chain(&ru.rhs)
                            .any(|&(qr, qc)| !g.derived.get(qr * width + qc).copied().unwrap_or(false));
                    }
                    _ => {}
                }
            }
            !confirmed
        });
        assumed && (rules.iter().filter(own).any(|ru| broken(&ru)) || derived_unborne)
    };
    for r in 0..nrows {
        let mut row_slots = Vec::with_capacity(width);
        let mut row_derived = Vec::with_capacity(width);
        let doubtful = unconfirmed(r);
        for c in 0..width {
            let i = r * width + c;
            let certain = !doubtful && agree.get(i).is_some_and(Option::is_some);
            match &preferred {
                Some((pick, g, _)) if certain => {
                    if g.derived.get(i).copied().unwrap_or(false) {
                        row_slots.push(Some(Slot::Unknown));
                        row_derived.push(g.vals.get(i).copied().flatten());
                    } else {
                        let slot = rows
                            .get(r)
                            .and_then(|cs| cs.get(pick.get(r).copied().unwrap_or(0)))
                            .and_then(|k| k.slots.get(c));
                        row_slots.push(Some(slot.copied().unwrap_or(Slot::Unknown)));
                        row_derived.push(None);
                    }
                }
                _ => {
                    row_slots.push(None);
                    row_derived.push(None);
                }
            }
        }
        out.slots.push(row_slots);
        out.derived.push(row_derived);
    }
    // A derived cell is not certain when a second rule, in which it is the
    // only derived cell and every other cell is printed, would give it a
    // different value: two rules disagree about it. (A broken rule that
    // holds several derived cells says nothing about any one of them.)
    let mut undo: Vec<(usize, usize)> = Vec::new();
    let any_derived = out.derived.iter().flatten().any(Option::is_some);
    for rule in rules.iter().filter(|_| any_derived) {
        let cells: Vec<(usize, usize)> = rule.lhs.iter().chain(&rule.rhs).copied().collect();
        let derived_at = |(r, c): (usize, usize)| out.derived.get(r).and_then(|d| d.get(c)).copied().flatten();
        let printed_at =
            |(r, c): (usize, usize)| out.slots.get(r).and_then(|s| s.get(c)).copied().flatten().and_then(|s| s.count());
        let val = |p: (usize, usize)| derived_at(p).or_else(|| printed_at(p));
        let derived: Vec<(usize, usize)> = cells.iter().copied().filter(|&p| derived_at(p).is_some()).collect();
        let (Some(l), Some(rr)) = (
            rule.lhs.iter().map(|&p| val(p)).sum::<Option<i64>>(),
            rule.rhs.iter().map(|&p| val(p)).sum::<Option<i64>>(),
        ) else {
            continue;
        };
        if l != rr {
            if let [only] = derived.as_slice() {
                undo.push(*only);
            }
        }
    }
    for (r, c) in undo {
        if let Some(d) = out.derived.get_mut(r).and_then(|d| d.get_mut(c)) {
            *d = None;
        }
        if let Some(s) = out.slots.get_mut(r).and_then(|s| s.get_mut(c)) {
            *s = None;
        }
    }
    out
}

/// Improves `pick` one row at a time while the reading gets better.
fn descend(
    rows: &[Vec<Candidate>],
    filled: &[Vec<Filled>],
    mut pick: Vec<usize>,
    width: usize,
    all: &Rules,
) -> (Vec<usize>, Key) {
    let mut grid = Grid::new(width, rows.len());
    let mut cost = evaluate(rows, filled, &pick, all, &mut grid);
    for _ in 0..8 {
        let mut improved = false;
        for r in 0..rows.len() {
            for k in 0..rows.get(r).map_or(0, Vec::len) {
                let old = pick.get(r).copied().unwrap_or(0);
                if k == old {
                    continue;
                }
                if let Some(p) = pick.get_mut(r) {
                    *p = k;
                }
                let c = evaluate(rows, filled, &pick, all, &mut grid);
                if c < cost {
                    cost = c;
                    improved = true;
                } else if let Some(p) = pick.get_mut(r) {
                    *p = old;
                }
            }
        }
        if !improved {
            break;
        }
    }
    (pick, cost)
}

/// Advances `pick` to the next combination; false after the last.
fn next_combination(pick: &mut [usize], rows: &[Vec<Candidate>]) -> bool {
    for (r, p) in pick.iter_mut().enumerate() {
        *p += 1;
        if *p < rows.get(r).map_or(1, Vec::len) {
            return true;
        }
        *p = 0;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::stream::{runs, tokenize};
    use super::super::vocab::{self, APPLICANTS, RowKey, TableKind, Template};
    use super::*;
    use crate::lex::lex;

    /// The rules compiled once per template table are those of the table's
    /// grid, with every cell's rules listed; other grids compile afresh.
    #[test]
    fn template_rules_are_compiled_once_and_alike() {
        for kind in TableKind::ALL {
            for tpl in [Template::Y2019, Template::Y2021] {
                let layout: Vec<RowKey> = RowKey::layout(kind, tpl).collect();
                let width = layout.iter().map(|k| k.columns().len()).max().unwrap_or(0);
                let grid = Grid::new(width, layout.len());
                let rules = vocab::layout_rules(kind, tpl);
                let cached = Rules::of_layout(rules, &grid).expect("a template table's rules are cached");
                let fresh = Rules::compile(&rules.iter().collect::<Vec<_>>(), &grid);
                assert_eq!(cached.list.len(), rules.len());
                for (a, b) in cached.list.iter().zip(&fresh.list) {
                    assert_eq!((&a.cells, a.split, a.derives), (&b.cells, b.split, b.derives));
                }
                for i in 0..grid.vals.len() {
                    let holding: Vec<usize> = (0..rules.len()).filter(|&k| cached.list[k].cells.contains(&i)).collect();
                    let mut listed = cached.holding(i).to_vec();
                    listed.dedup();
                    assert_eq!(listed, holding, "{kind:?} {tpl:?} cell {i}");
                }
                // Another grid, or rules that are not the template's, are not cached.
                assert!(Rules::of_layout(rules, &Grid::new(width + 1, layout.len())).is_none());
                // (An empty copy of an empty set is the same slice, and alike.)
                let copy: Vec<Rule> = rules.to_vec();
                assert!(rules.is_empty() || Rules::of_layout(copy.as_slice(), &grid).is_none());
            }
        }
    }

    fn read_row(line: &str) -> (Vec<Token<'_>>, Vec<usize>) {
        let lexed = lex(line);
        let toks = tokenize(&lexed, 0..1, u64::MAX);
        let r = runs(&toks);
        let v = r.last().map(|r| r.values.clone()).unwrap_or_default();
        (toks, v)
    }

    fn counts(c: &Candidate) -> Vec<Option<i64>> {
        c.slots.iter().map(|s| s.count()).collect()
    }

    #[test]
    fn interior_empty_cells_are_blanks() {
        let (t, v) = read_row("规章\t5\t\t3");
        let cols = RowKey::find(TableKind::Active, Template::Y2019, "active.rules").unwrap().columns();
        let c = candidates(&t, &v, cols, None);
        assert_eq!(counts(&c[0]), [Some(5), Some(0), Some(3)]);
        assert!(c.iter().all(|c| c.slots[1] != Slot::Unknown || c.slots.contains(&Slot::Unknown)));
    }

    #[test]
    fn an_empty_cell_where_a_line_was_wrapped_may_be_no_cell() {
        // `… 2.重复申请 | 0 | 2 | 0` wrapped, ` | 0 | 1 | 0 | 3 |` next:
        // the wrap's empty first cell read as a blank made eight cells, and
        // a window of seven read 2 for 自然人.
        let lexed = lex("2.重复申请 | 0 | 2 | 0\n | 0 | 1 | 0 | 3 |");
        let t = tokenize(&lexed, 0..lexed.len(), u64::MAX);
        let v = runs(&t).last().map(|r| r.values.clone()).unwrap_or_default();
        let c = candidates(&t, &v, APPLICANTS, None);
        let without = [Some(0), Some(2), Some(0), Some(0), Some(1), Some(0), Some(3)];
        assert!(c.iter().any(|c| c.assumed && counts(c) == without), "{:?}", c.iter().map(counts).collect::<Vec<_>>());
        // On one line, nothing is added.
        let (t, v) = read_row("2.重复申请 | 0 | 2 | 0 |  | 0 | 1 | 0 | 3 |");
        assert!(candidates(&t, &v, APPLICANTS, None).iter().all(|c| counts(c) != without));
    }

    #[test]
    fn no_window_over_cells_run_together() {
        // `00000 0` (six cells in two) then seven figures: nine, of which
        // a window of seven would drop the run, the row's own cells.
        let row = |text: &str| {
            let lexed = lex(text);
            let t = tokenize(&lexed, 0..lexed.len(), u64::MAX);
            let v = runs(&t).last().map(|r| r.values.clone()).unwrap_or_default();
            assert_eq!(v.len(), 9);
            candidates(&t, &v, APPLICANTS, None).iter().map(counts).collect::<Vec<_>>()
        };
        // (Only the reading of nothing, every cell unknown.)
        assert!(row("（六）其他处理\n00000 0\n27 2 0 0 2 1 32").iter().flatten().all(Option::is_none));
        // Without the run, the windows are read.
        assert!(row("（六）其他处理\n3 0\n27 2 0 0 2 1 32").iter().any(|c| c[0] == Some(27)));
    }

    #[test]
    fn windows_leave_out_at_most_two_figures_after_the_label() {
        // Six of the row's figures (its total drawn later), then the next
        // row's seven drawn before its label: a window past the six would
        // read the next row's, whose own total holds.
        let windows = |text: &str| {
            let lexed = lex(text);
            let t = tokenize(&lexed, 0..lexed.len(), u64::MAX);
            let v = runs(&t).last().map(|r| r.values.clone()).unwrap_or_default();
            candidates(&t, &v, APPLICANTS, None).iter().map(counts).collect::<Vec<_>>()
        };
        let next_row = [9, 0, 1, 0, 1, 0, 11].map(Some);
        let run = windows("二、上年结转政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n9\n0\n1\n0\n1\n0 11");
        assert!(!run.is_empty() && run.iter().all(|c| *c != next_row), "{run:?}");
        // A stray figure or two before the row's own are left out.
        let stray = windows("二、上年结转政府信息公开申请数量\n3\n9\n0\n1\n0\n1\n0 11");
        assert!(stray.iter().any(|c| *c == next_row), "{stray:?}");
    }

    #[test]
    fn an_empty_cell_where_the_columns_stand_is_not_lost() {
        // `| | | 2.重复申请 | 1 | | | | | | |`: the row's cells fill the grid
        // (the table's figures start at cell 3), its total an empty cell.
        let (t, v) = read_row("\t\t2.重复申请\t1\t\t\t\t\t\t");
        let place = Place { line: 1, base: 3 };
        let c = candidates(&t, &v, APPLICANTS, Some(place));
        // (Readings shifted right, their first cells lost, stay: the
        // positions count them misplaced.)
        assert!(c.iter().all(|c| c.slots[6] != Slot::Unknown), "{:?}", c.iter().map(counts).collect::<Vec<_>>());
        assert_eq!(counts(&c[0]), [Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0)]);
        // Without the grid's positions a lost total is one reading.
        let c = candidates(&t, &v, APPLICANTS, None);
        assert!(c.iter().any(|c| c.lost == 1 && c.slots[6] == Slot::Unknown));
        // A row cut at the grid's edge (its cells one place to the right)
        // still reads with its total lost.
        let (t, v) = read_row("\t\t1.本机关不掌握相关政府信息\t\t10\t0\t0\t0\t0\t1");
        let c = candidates(&t, &v, APPLICANTS, Some(place));
        assert!(
            c.iter().any(|c| c.lost == 1 && counts(c)[..6] == [Some(10), Some(0), Some(0), Some(0), Some(0), Some(1)])
        );
    }

    #[test]
    fn truncated_row_has_its_total_derived() {
        // The seed: one empty cell and six zeros, the 总计 lost.
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2019).collect();
        let rules = vocab::rules(&layout);
        let mut rows = Vec::new();
        let mut keep = Vec::new();
        for (i, _) in layout.iter().enumerate() {
            let line = if i == 4 {
                "1.属于国家秘密\t\t0\t0\t0\t0\t0\t0".to_string()
            } else {
                "x\t0\t0\t0\t0\t0\t0\t0".to_string()
            };
            keep.push(line);
        }
        for line in &keep {
            let (t, v) = read_row(line);
            rows.push(candidates(&t, &v, APPLICANTS, None));
        }
        let res = resolve(rows, 7, &rules);
        assert_eq!(res.derived[4][6], Some(0));
        assert_eq!(res.slots[4][0].and_then(|s| s.count()), Some(0));
    }

    /// Resolves table 三 from one line per row of its 2021 layout.
    fn table3(lines: &[String]) -> Resolved {
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        assert_eq!(lines.len(), layout.len());
        let rows = lines
            .iter()
            .map(|l| {
                let (t, v) = read_row(l);
                candidates(&t, &v, APPLICANTS, None)
            })
            .collect();
        resolve(rows, 7, &vocab::rules(&layout))
    }

    fn value(res: &Resolved, r: usize, c: usize) -> Option<i64> {
        res.derived[r][c].or_else(|| res.slots[r][c].and_then(|s| s.count()))
    }

    fn appeals(line: &str) -> Resolved {
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Appeals, Template::Y2021).collect();
        let (t, v) = read_row(line);
        let c = candidates(&t, &v, layout[0].columns(), None);
        resolve(vec![c], 15, &vocab::rules(&layout))
    }

    #[test]
    fn a_broken_rule_is_not_repaired_by_an_invented_cell() {
        // The report prints a 复议后起诉 total of 10 over four blank outcomes:
        // a broken rule, not a cue to shift the 10 into 尚未审结.
        let res = appeals(&format!("x{}\t10", "\t".repeat(14)));
        assert_eq!(res.slots[0][13].map(|s| s.count()), Some(Some(0)));
        assert_eq!(value(&res, 0, 14), Some(10));
        assert_eq!(res.derived[0][14], None);
    }

    #[test]
    fn a_cell_absent_from_the_middle_is_placed_by_the_column_rules() {
        // Every row reads 1 0 0 0 0 0 1 except 予以公开, which lost its
        // commercial cell (3): the column rules show which one it was.
        let mut lines: Vec<String> = (0..25).map(|_| "x\t1\t0\t0\t0\t0\t0\t1".to_string()).collect();
        let outcome = 2..23; // granted … other.misc
        let n = outcome.len() as i64;
        lines[2] = "x\t1\t0\t0\t0\t0\t1".to_string(); // commercial lost
        lines[0] = format!("x\t{n}\t0\t0\t0\t0\t0\t{n}");
        lines[23] = format!("x\t{n}\t0\t0\t0\t0\t0\t{n}");
        lines[24] = "x\t1\t0\t0\t0\t0\t0\t1".to_string();
        let res = table3(&lines);
        assert_eq!(value(&res, 2, 1), Some(0));
        assert_eq!(res.derived[2][1], Some(0));
        assert_eq!(value(&res, 2, 6), Some(1));
    }

    #[test]
    fn readings_of_equal_cost_that_disagree_leave_the_cells_null() {
        // A row of table 二 (no rules) that lost one of its three cells:
        // nothing says which, so nothing is placed.
        let (t, v) = read_row("规章\t5\t3");
        let cols = RowKey::find(TableKind::Active, Template::Y2019, "active.rules").unwrap().columns();
        let res = resolve(vec![candidates(&t, &v, cols, None)], 3, &[]);
        assert_eq!(res.slots[0], [None, None, None]);
    }
}
