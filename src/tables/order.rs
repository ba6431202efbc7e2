//! Tables whose figures come in reading order, away from their labels.
//!
//! PDF text extracted without `-layout` keeps a table's cells in the order
//! the PDF draws them: a row's figures may come before its label (a tall
//! label cell is centred), after the next label, or a page's rows may come
//! column by column (every 自然人 figure, then every 商业企业 figure, …).
//! What survives is the order of the figures within the table: the rows in
//! the template's order, each row's figures either together or, over a
//! block of rows, column by column (or in groups of neighbouring columns,
//! each group row by row: tried only when the table does not hold
//! otherwise, and whole blocks' rules must choose them). [`assign`]
//! recovers the rows from that
//! order alone, when the table holds exactly as many figures as its layout
//! has cells, and lets each row's own rule (总计 = the sum of the applicant
//! columns) tell how each block is laid: a reading the rules cannot choose
//! leaves the row undecided. Figures drawn out of that order are moved
//! back only where the arithmetic leaves one place for them: a figure or
//! two drawn after later rows ([`mend_late_figures`]), or rows' 总计 drawn
//! after a group label, in the rows' order ([`late_totals`]).

use super::figure::{Figure, Suffix};
use super::label;
use super::stream::{Ambiguity, Kind, Token, read_as};
use super::vocab::{ColumnSpec, RowKey, Rule, RuleKind, TableKind, Unit};
use crate::lex::normalize_into;

/// How a block of rows lays out its figures in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lay {
    /// One row, its figures in column order.
    Rows,
    /// Column by column: every row's first figure, then every second …
    Columns,
    /// Row by row without the totals, then the rows' totals.
    TotalsLast,
    /// The columns in groups of neighbours (a bit set after each column
    /// that ends a group), each group laid row by row over the block, one
    /// group after another: how PDF text draws a block of rows whose
    /// columns are apart (`自然人 商业企业` close together, the next four
    /// apart, then 总计).
    Groups(u16),
}

/// The first column of the group holding column `c` and the group's width,
/// for `cuts` (a bit after each column that ends a group) over `w` columns.
fn group_of(cuts: u16, c: usize, w: usize) -> (usize, usize) {
    let cut = |b: usize| b < 16 && cuts & (1 << b) != 0;
    let start = (0..c).rev().find(|&b| cut(b)).map_or(0, |b| b + 1);
    let end = (c..w).find(|&b| cut(b)).map_or(w, |b| b + 1);
    (start, end.saturating_sub(start))
}

/// Most rows in one table's layout whose blocks are searched.
const MAX_ROWS: usize = 64;

/// Most rows drawn whole (before the labels, or each after its own), the
/// rest of the table's columns drawn apart (see [`assign_with`]).
const MAX_WHOLE_FIRST_ROWS: usize = 4;

/// True when most of the table's figures stand on lines of their own (no
/// text, at most two figures): the text is in reading order rather than
/// laid out in rows.
pub(crate) fn looks_like_reading_order(tokens: &[Token<'_>]) -> bool {
    let (mut lines, mut sparse) = (0usize, 0usize);
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        let line = t.line();
        let mut j = i;
        let (mut figures, mut text) = (0usize, false);
        let mut prev_end: Option<usize> = None;
        while let Some(u) = tokens.get(j).filter(|u| u.line() == line) {
            // Figures run together in one cell (`0000000`, one token per
            // digit) count as one.
            let start = u.text.as_ptr() as usize;
            let glued = prev_end == Some(start) && u.is_definite();
            figures += usize::from(u.is_definite() && !glued);
            prev_end = u.is_definite().then(|| start + u.text.len());
            text |= u.kind == Kind::Text;
            j += 1;
        }
        if figures > 0 {
            lines += 1;
            sparse += usize::from(!text && figures <= 2);
        }
        i = j.max(i + 1);
    }
    lines > 0 && sparse * 2 > lines
}

/// [`looks_like_reading_order`] for a table of `kind`: table 四, one row,
/// is laid out when one line holds nearly all its figures (all but two:
/// a number wrapped around the row leaves its parts on lines of their own,
/// which would outnumber the row's one line).
pub(crate) fn reads_in_order(tokens: &[Token<'_>], kind: TableKind) -> bool {
    let width = kind.width();
    if kind == TableKind::Appeals && width > 2 {
        let mut most = 0usize;
        let mut i = 0;
        while let Some(t) = tokens.get(i) {
            let line = t.line();
            let j = (i..tokens.len()).take_while(|&j| tokens.get(j).is_some_and(|u| u.line() == line)).count() + i;
            let figures = tokens.get(i..j).map_or(0, |l| l.iter().filter(|u| u.is_definite()).count());
            most = most.max(figures);
            i = j.max(i + 1);
        }
        if most + 2 >= width {
            return false;
        }
    }
    looks_like_reading_order(tokens)
}

/// For each row of `layout`, the tokens of its figures in column order, or
/// `None` where the figures' order leaves the row undecided. `None` overall
/// when the table's figures do not fill the layout exactly.
///
/// `rules` are the layout's rules; the rows' own totals decide how blocks
/// of rows are laid (row by row, or column by column). In text in reading
/// order (`reading_order`), figures drawn late are also looked for.
pub(crate) fn assign(
    tokens: &[Token<'_>],
    layout: &[RowKey],
    rules: &[Rule],
    reading_order: bool,
    web_order: bool,
) -> Option<Vec<Option<Vec<usize>>>> {
    assign_with(tokens, layout, rules, reading_order, web_order, Mending::All, false)
}

/// A table in reading order read as [`assign`] would, but with each row's
/// figures cut where the labels stand: a block whose rows' runs of figures
/// have text among them costs more, so that of the lays that hold, the one
/// whose rows the labels bound is read (where rows of zeros hold however
/// they are cut, and the usual preference for small blocks shifts every
/// row by a cell). Only a reading that decides every row and holds.
pub(crate) fn assign_by_labels(
    tokens: &[Token<'_>],
    layout: &[RowKey],
    rules: &[Rule],
) -> Option<Vec<Option<Vec<usize>>>> {
    let rows = assign_with(tokens, layout, rules, true, false, Mending::Nothing, true)?;
    (rows.iter().all(Option::is_some) && holds(tokens, &rows, rules)).then_some(rows)
}

/// How far [`assign_with`] goes for a table in reading order that does not
/// hold as it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mending {
    /// No further: the reading as it stands.
    Nothing,
    /// Figures drawn late moved back ([`mend_late_figures`],
    /// [`late_totals`]).
    LateFigures,
    /// Those, and first columns drawn in groups of neighbours (the
    /// costliest: every grouping of every block).
    All,
}

/// [`assign`], mending a table that does not hold as far as `mending` says;
/// with `labels_cut`, as [`assign_by_labels`].
fn assign_with(
    tokens: &[Token<'_>],
    layout: &[RowKey],
    rules: &[Rule],
    reading_order: bool,
    web_order: bool,
    mending: Mending,
    labels_cut: bool,
) -> Option<Vec<Option<Vec<usize>>>> {
    let values: Vec<usize> = (0..tokens.len()).filter(|&i| tokens.get(i).is_some_and(Token::is_definite)).collect();
    let widths: Vec<usize> = layout.iter().map(|k| k.columns().len()).collect();
    let cells = widths.iter().sum::<usize>();
    if reading_order && !web_order && !values.is_empty() && values.len() < cells {
        return leading_rows(tokens, layout, rules, &values, mending, labels_cut);
    }
    if values.is_empty() || values.len() != cells {
        return None;
    }
    let w = widths.first().copied().unwrap_or(0);
    let nrows = layout.len();
    let uniform = w >= 2 && (2..=MAX_ROWS).contains(&nrows) && widths.iter().all(|&x| x == w);
    if nrows == 1 && !rules.is_empty() {
        let columns = layout.first().map_or(&[][..], |k| k.columns());
        return Some(vec![one_row(tokens, &values, rules, reading_order && !web_order, columns)]);
    }
    if !uniform {
        // Rows of different widths: one after another.
        let mut out = Vec::with_capacity(nrows);
        let mut at = 0;
        for &n in &widths {
            out.push(values.get(at..at + n).map(<[usize]>::to_vec));
            at += n;
        }
        return Some(out);
    }

    // Each row's own totals.
    let own: Vec<Vec<&Rule>> = (0..nrows)
        .map(|r| {
            rules
                .iter()
                .filter(|ru| matches!(ru.kind, RuleKind::RowTotal) && ru.lhs.iter().chain(&ru.rhs).all(|p| p.0 == r))
                .collect()
        })
        .collect();
    let vals: Vec<Option<i64>> = values.iter().map(|&i| tokens.get(i).and_then(Token::count)).collect();
    // The cost of reading row `r` from the figures at `at` (value indices):
    // 1 when a rule of the row fails or cannot be checked.
    let row_cost = |r: usize, at: &dyn Fn(usize) -> usize| -> usize {
        let get = |c: usize| vals.get(at(c)).copied().flatten();
        let broken = own.get(r).is_some_and(|rs| {
            rs.iter().any(|ru| {
                let l: Option<i64> = ru.lhs.iter().map(|p| get(p.1)).sum();
                let rr: Option<i64> = ru.rhs.iter().map(|p| get(p.1)).sum();
                l.is_none() || l != rr
            })
        });
        usize::from(broken)
    };
    // A block: rows `i..i + k`, laid row by row (k = 1), column by
    // column, or row by row without their totals, which follow the block
    // (tall 总计 cells drawn last). Its figure for row `i + j`, column `c`:
    //
    // Or each row's first figure stands by its label, one per row, and
    // the other columns come after every row (drawn apart, after the next
    // heading): blocks of those columns, laid as above.
    // Told by the text: most of the first figures (one a row) have text
    // between them, text or a blank line ends them, and the others (all
    // the other columns) have hardly any text among them.
    let text_between = |k: usize| match (values.get(k - 1), values.get(k)) {
        (Some(&a), Some(&b)) => tokens.get(a + 1..b).is_some_and(|m| m.iter().any(|t| t.kind == Kind::Text)),
        _ => false,
    };
    // Where PDF text in reading order breaks its figures into blocks (a
    // blank line or text between two figures): before value `p`.
    let block_break = |p: usize| match (p.checked_sub(1).and_then(|q| values.get(q)), values.get(p)) {
        (Some(&a), Some(&b)) => {
            let line = |t: usize| tokens.get(t).map_or(0, Token::line);
            line(b) > line(a) + 1 || text_between(p)
        }
        _ => true,
    };
    // Drawn apart from value `p0` on, for the `rows` rows left.
    let apart_from = |p0: usize, rows: usize| {
        reading_order
            && w > 2
            && rows >= 2
            && 4 * (1..rows).filter(|&k| text_between(p0 + k)).count() >= 3 * (rows - 1)
            && block_break(p0 + rows)
            && 10 * (p0 + rows + 1..values.len()).filter(|&k| text_between(k)).count() <= values.len() - p0 - rows
    };
    let apart = apart_from(0, nrows);
    // Or the first few rows drawn whole (before the labels, or each after
    // its own), and the rest so: those rows read row by row (each holding
    // its own total, text only between rows), the rest as a table of its
    // own; taken only when the whole table then holds.
    if !apart && !web_order && mending != Mending::Nothing {
        for m in 1..=MAX_WHOLE_FIRST_ROWS.min(nrows.saturating_sub(2)) {
            let p0 = m * w;
            let whole = (0..m).all(|r| row_cost(r, &|c| r * w + c) == 0)
                && (1..p0).filter(|k| k % w != 0).all(|k| !text_between(k));
            if !whole || !block_break(p0) || !apart_from(p0, nrows - m) {
                continue;
            }
            let rest = without(tokens, values.get(..p0).unwrap_or(&[]));
            let later = rules_among(rules, m..nrows);
            let Some(sub) =
                layout.get(m..).and_then(|l| assign_with(&rest, l, &later, true, false, Mending::Nothing, labels_cut))
            else {
                continue;
            };
            let mut read: Vec<Option<Vec<usize>>> =
                (0..m).map(|r| values.get(r * w..(r + 1) * w).map(<[usize]>::to_vec)).collect();
            read.extend(sub);
            if read.iter().all(Option::is_some) && holds(tokens, &read, rules) {
                return Some(read);
            }
        }
    }
    let (base, wb) = if apart { (nrows, w - 1) } else { (0, w) };
    // Rows `i..i + k` drawn column by column as the text shows it: each
    // column's figures a block of their own, exactly the rows' (not as
    // many as a row's cells, which would be a row's block as well).
    let columns_shown = |i: usize, k: usize| {
        reading_order
            && !web_order
            && k >= 2
            && k != wb
            && (0..wb).all(|c| {
                let first = base + i * wb + c * k;
                block_break(first) && (first + 1..first + k).all(|p| !block_break(p))
            })
            && block_break(base + (i + k) * wb)
    };
    let index = |i: usize, k: usize, j: usize, c: usize, lay: Lay| {
        if apart && c == 0 {
            return i + j;
        }
        let c = if apart { c - 1 } else { c };
        base + match lay {
            Lay::Rows => i * wb + j * wb + c,
            Lay::Columns => i * wb + c * k + j,
            Lay::TotalsLast if c + 1 < wb => i * wb + j * (wb - 1) + c,
            Lay::TotalsLast => i * wb + k * (wb - 1) + j,
            Lay::Groups(cuts) => {
                let (start, size) = group_of(cuts, c, wb);
                i * wb + start * k + j * size + (c - start)
            }
        }
    };
    // Row by row is the usual order: another lay costs more than one
    // broken rule, so it is chosen only where it mends at least two rows
    // (and a report that breaks one rule keeps it); and the fewer rows it
    // spans the better (rows of zeros fit any lay: they must not stretch
    // a block and shift the figures after them).
    // Reading stops once the cost reaches `bound` (a cost no less is
    // returned): most lays are out after a row or two.
    let block_cost = |i: usize, k: usize, lay: Lay, bound: usize| -> usize {
        // Apart, every block is drawn column by column or not: no lay is
        // the usual one, and the arithmetic chooses; among readings that
        // hold as well, the one whose blocks the text shows (a block of
        // one row standing alone, or columns each a block of their own).
        let mut cost = match lay {
            _ if apart => {
                let shown = match lay {
                    // A row alone: one block, or a block a figure.
                    Lay::Rows => {
                        let (first, end) = (base + i * wb, base + (i + k) * wb);
                        let inside = (first + 1..end).filter(|&p| block_break(p)).count();
                        block_break(first) && block_break(end) && (inside == 0 || inside + 1 == end - first)
                    }
                    Lay::Columns => columns_shown(i, k),
                    _ => false,
                };
                usize::from(!shown)
            }
            Lay::Rows => 0,
            // Drawn column by column as the text's blocks show: as usual
            // as row by row.
            Lay::Columns if columns_shown(i, k) => 0,
            // Groups are the least usual lay: chosen only where no other
            // lay reads the block as well.
            Lay::Groups(_) => 31 + k,
            _ => 30 + k,
        };
        for j in 0..k {
            if cost >= bound {
                break;
            }
            // (Apart, the blocks the text shows weigh less than any rule.)
            cost += if apart { 20 * 32 } else { 20 } * row_cost(i + j, &|c| index(i, k, j, c, lay));
            // Cut by the labels: text among a row's figures drawn together
            // (row by row, or all but the total) is a label inside the row.
            let together = match lay {
                Lay::Rows if labels_cut && !apart => wb,
                Lay::TotalsLast if labels_cut && !apart => wb - 1,
                _ => 0,
            };
            if together > 1 {
                let first = index(i, k, j, 0, lay);
                cost += 2 * (first + 1..first + together).filter(|&p| text_between(p)).count();
            }
        }
        cost
    };
    // The rows of the best readings with blocks of rows laid as `multi`
    // allows (blocks of one row are laid row by row): each row decided
    // when every best reading gives it the same figures.
    let solve = |multi: &[Lay]| -> Vec<Option<Vec<usize>>> {
        let lays = |k: usize| if k == 1 { &[Lay::Rows][..] } else { multi };

        // Least cost to read rows 0..i (ahead) and rows i..n (behind).
        let mut costs = vec![vec![usize::MAX; nrows + 1]; nrows];
        for (i, row) in costs.iter_mut().enumerate() {
            for k in 1..=nrows - i {
                if let Some(c) = row.get_mut(k) {
                    *c = lays(k).iter().fold(usize::MAX, |best, &lay| best.min(block_cost(i, k, lay, best)));
                }
            }
        }
        let cost = |i: usize, k: usize| costs.get(i).and_then(|r| r.get(k)).copied().unwrap_or(usize::MAX);
        let mut ahead = vec![usize::MAX; nrows + 1];
        let mut behind = vec![usize::MAX; nrows + 1];
        if let Some(a) = ahead.first_mut() {
            *a = 0;
        }
        if let Some(b) = behind.last_mut() {
            *b = 0;
        }
        for i in 0..nrows {
            let Some(base) = ahead.get(i).copied().filter(|&c| c != usize::MAX) else { continue };
            for k in 1..=nrows - i {
                if let Some(a) = ahead.get_mut(i + k) {
                    *a = (*a).min(base.saturating_add(cost(i, k)));
                }
            }
        }
        for i in (0..nrows).rev() {
            let best = (1..=nrows - i)
                .map(|k| cost(i, k).saturating_add(behind.get(i + k).copied().unwrap_or(usize::MAX)))
                .min()
                .unwrap_or(usize::MAX);
            if let Some(b) = behind.get_mut(i) {
                *b = best;
            }
        }
        let best = ahead.get(nrows).copied().unwrap_or(usize::MAX);

        // Every block on some best reading: the rows it gives.
        let mut options: Vec<Vec<Vec<usize>>> = vec![Vec::new(); nrows];
        for i in 0..nrows {
            for k in 1..=nrows - i {
                let total = ahead
                    .get(i)
                    .copied()
                    .unwrap_or(usize::MAX)
                    .saturating_add(cost(i, k))
                    .saturating_add(behind.get(i + k).copied().unwrap_or(usize::MAX));
                if total != best {
                    continue;
                }
                for &lay in lays(k).iter().filter(|&&lay| block_cost(i, k, lay, usize::MAX) == cost(i, k)) {
                    for j in 0..k {
                        let cells: Vec<usize> =
                            (0..w).filter_map(|c| values.get(index(i, k, j, c, lay)).copied()).collect();
                        if let Some(o) = options.get_mut(i + j) {
                            o.push(cells);
                        }
                    }
                }
            }
        }
        // One best reading, block by block from the first row: a decided
        // row's tokens are its (rows of zeros read alike by several best
        // readings must not take one token twice and leave another).
        let mut path: Vec<Option<Vec<usize>>> = vec![None; nrows];
        let (mut i, mut acc) = (0usize, 0usize);
        while i < nrows && best != usize::MAX {
            let step = (1..=nrows - i).find_map(|k| {
                let after = behind.get(i + k).copied().unwrap_or(usize::MAX);
                if acc.saturating_add(cost(i, k)).saturating_add(after) != best {
                    return None;
                }
                lays(k).iter().copied().find(|&lay| block_cost(i, k, lay, usize::MAX) == cost(i, k)).map(|lay| (k, lay))
            });
            let Some((k, lay)) = step else { break };
            for j in 0..k {
                if let Some(p) = path.get_mut(i + j) {
                    *p = Some((0..w).filter_map(|c| values.get(index(i, k, j, c, lay)).copied()).collect());
                }
            }
            acc = acc.saturating_add(cost(i, k));
            i += k;
        }
        // A row is decided when every best reading gives it the same figures.
        let figures = |cells: &[usize]| counts(tokens, cells);
        options
            .into_iter()
            .zip(path)
            .map(|(opts, on_path)| {
                let first = opts.first()?;
                let f = figures(first);
                opts.iter().all(|o| figures(o) == f).then(|| on_path.unwrap_or_else(|| first.clone()))
            })
            .collect()
    };
    let read = solve(&[Lay::Columns, Lay::TotalsLast]);
    if apart {
        // Columns drawn apart are a reading only when the whole table holds.
        return holds(tokens, &read, rules).then_some(read);
    }
    if !reading_order || mending == Mending::Nothing || holds(tokens, &read, rules) {
        return Some(read);
    }
    // The table does not hold: perhaps blocks of rows have their columns
    // drawn in groups of neighbours (every grouping tried). That reading
    // stands in for the first (the table's reader weighs it as any other).
    let read = if mending == Mending::All && (3..=16).contains(&wb) {
        let all = (1u16 << (wb - 1)) - 1;
        let totals_last = 1u16 << (wb - 2);
        let mut multi = vec![Lay::Columns, Lay::TotalsLast];
        multi.extend((1..all).filter(|&m| m != totals_last).map(Lay::Groups));
        let grouped = solve(&multi);
        if holds(tokens, &grouped, rules) {
            return Some(grouped);
        }
        grouped
    } else {
        read
    };
    // Else perhaps one or two figures were drawn late, after later rows:
    // the one placement that makes the whole table hold.
    // Or some rows' totals were drawn late, after a group label.
    Some(
        mend_late_figures(tokens, &values, w, rules).or_else(|| late_totals(tokens, &values, w, rules)).unwrap_or(read),
    )
}

/// Most readings [`choose_reading`] tries of a table's ambiguities (eight
/// places read two ways: a page of full-width numbers drawn over lines and
/// rows straddling their labels has seven or eight).
const MAX_READINGS: usize = 256;

/// Most of those it tries with figures drawn late moved back.
const MAX_MENDED_READINGS: usize = 2;

/// Table 三 in reading order with places the text lets be read more than
/// one way (`ambiguities`: whole rows run together, [`glued_rows`]; a
/// full-width number drawn a digit a line, [`wide_digit_lines`]): the tokens
/// read the one way under which the table's figures, in order, come to
/// exactly its cells for a template and read whole, every rule holding.
/// `None` when no way reads so, or two read different figures.
///
/// [`glued_rows`]: super::stream::glued_rows
/// [`wide_digit_lines`]: super::stream::wide_digit_lines
pub(crate) fn choose_reading<'a>(tokens: &[Token<'a>], ambiguities: &[Ambiguity<'a>]) -> Option<Vec<Token<'a>>> {
    let trials = ambiguities.iter().try_fold(1usize, |n, a| n.checked_mul(a.ways.len()))?;
    if ambiguities.is_empty() || trials > MAX_READINGS {
        return None;
    }
    // Each way as it reads first; only if none reads whole, with figures
    // drawn late moved back, for a few ways at most (columns in groups are
    // never tried here: the search would multiply).
    for mending in [Mending::Nothing, Mending::LateFigures] {
        let mut found: Option<(Vec<Token<'a>>, Vec<Option<i64>>)> = None;
        let mut mended = 0usize;
        for n in 0..trials {
            // Trial `n`: one way of each, `n` read in mixed radix.
            let mut rest = n;
            let mut choices: Vec<(&Ambiguity<'a>, usize)> = Vec::with_capacity(ambiguities.len());
            for a in ambiguities {
                let k = rest % a.ways.len().max(1);
                rest /= a.ways.len().max(1);
                choices.push((a, k));
            }
            let trial = read_as(tokens, &choices);
            let have = trial.iter().filter(|t| t.is_definite()).count();
            for template in [super::vocab::Template::Y2021, super::vocab::Template::Y2019] {
                let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, template).collect();
                let rules = super::vocab::layout_rules(TableKind::Requests, template);
                if layout.iter().map(|k| k.columns().len()).sum::<usize>() != have {
                    continue;
                }
                if mending > Mending::Nothing {
                    mended += 1;
                    if mended > MAX_MENDED_READINGS {
                        return None;
                    }
                }
                let Some(rows) = assign_with(&trial, &layout, rules, true, false, mending, false) else { continue };
                if !holds(&trial, &rows, rules) {
                    continue;
                }
                let figures = figures_read(&trial, &rows);
                match &found {
                    Some((_, other)) if *other != figures => return None,
                    Some(_) => {}
                    None => found = Some((trial.clone(), figures)),
                }
            }
        }
        if let Some(f) = found {
            return Some(f.0);
        }
    }
    None
}

/// `tokens` with the figures at `figures` (token indices) set aside as
/// noise: a part of the table read on its own.
fn without<'a>(tokens: &[Token<'a>], figures: &[usize]) -> Vec<Token<'a>> {
    let mut part = tokens.to_vec();
    for &f in figures {
        if let Some(t) = part.get_mut(f) {
            t.kind = Kind::Noise;
        }
    }
    part
}

/// The rules whose cells all lie in `rows` (layout rows), for those rows
/// read as a table of their own: rows numbered from `rows.start`.
fn rules_among(rules: &[Rule], rows: std::ops::Range<usize>) -> Vec<Rule> {
    let shift = |cells: &[(usize, usize)]| cells.iter().map(|&(r, c)| (r - rows.start, c)).collect::<Vec<_>>();
    rules
        .iter()
        .filter(|ru| ru.lhs.iter().chain(&ru.rhs).all(|p| rows.contains(&p.0)))
        .map(|ru| Rule { lhs: shift(&ru.lhs), rhs: shift(&ru.rhs), ..ru.clone() })
        .collect()
}

/// [`assign_with`] for a table in reading order whose figures fall short
/// of its cells (`values`, its figure tokens, fewer than the layout has
/// cells): the last rows' figures lost, or drawn where this table's reading
/// does not reach. Its leading rows, as many as the figures fill whole,
/// are read as a table of their own, under the rules among them — only
/// when those include a rule across rows (a column's total), which a
/// reading shifted by a cell lost in the middle breaks; the rows after are
/// left undecided, and the figures beyond whole rows are not read.
fn leading_rows(
    tokens: &[Token<'_>],
    layout: &[RowKey],
    rules: &[Rule],
    values: &[usize],
    mending: Mending,
    labels_cut: bool,
) -> Option<Vec<Option<Vec<usize>>>> {
    let w = layout.first()?.columns().len();
    if w < 2 || layout.len() < 3 || layout.iter().any(|k| k.columns().len() != w) {
        return None;
    }
    let k = values.len() / w;
    if k < 2 || k >= layout.len() {
        return None;
    }
    let within = rules_among(rules, 0..k);
    if !within.iter().any(|ru| !matches!(ru.kind, RuleKind::RowTotal)) {
        return None;
    }
    let head = without(tokens, values.get(k * w..).unwrap_or(&[]));
    let mut rows = assign_with(&head, layout.get(..k)?, &within, true, false, mending, labels_cut)?;
    rows.resize(layout.len(), None);
    Some(rows)
}

/// The figures the tokens at `order` read (a blank reads 0): what two
/// orders of the same tokens are compared by.
fn counts(tokens: &[Token<'_>], order: &[usize]) -> Vec<Option<i64>> {
    order.iter().map(|&t| tokens.get(t).and_then(Token::count)).collect()
}

/// The figures a reading gives, row after row (what two readings are
/// compared by).
fn figures_read(tokens: &[Token<'_>], rows: &[Option<Vec<usize>>]) -> Vec<Option<i64>> {
    rows.iter().flatten().flatten().map(|&t| tokens.get(t).and_then(Token::count)).collect()
}

/// True when every row is decided and every rule holds.
fn holds(tokens: &[Token<'_>], rows: &[Option<Vec<usize>>], rules: &[Rule]) -> bool {
    let get = |(r, c): (usize, usize)| -> Option<i64> {
        rows.get(r)?.as_ref()?.get(c).and_then(|&t| tokens.get(t)).and_then(Token::count)
    };
    rows.iter().all(Option::is_some)
        && rules.iter().all(|ru| {
            let l: Option<i64> = ru.lhs.iter().map(|&p| get(p)).sum();
            let r: Option<i64> = ru.rhs.iter().map(|&p| get(p)).sum();
            l.is_some() && l == r
        })
}

/// Most figures moved back in one table by [`mend_late_figures`].
const MAX_MOVES: usize = 3;

/// A cell (row, column) of the rows read in `order`, `w` figures each.
fn in_order_cell<'t>(
    tokens: &'t [Token<'_>],
    order: &'t [usize],
    w: usize,
) -> impl Fn((usize, usize)) -> Option<i64> + 't {
    move |(r, c)| order.get(r * w + c).and_then(|&t| tokens.get(t)).and_then(Token::count)
}

/// Whether rule `ru` fails, or cannot be checked, on the cells `get` gives.
fn breaks(ru: &Rule, get: &impl Fn((usize, usize)) -> Option<i64>) -> bool {
    let l: Option<i64> = ru.lhs.iter().map(|&p| get(p)).sum();
    let r: Option<i64> = ru.rhs.iter().map(|&p| get(p)).sum();
    l.is_none() || l != r
}

/// Rows read in order after moving back runs of one or two figures drawn
/// late (after later rows), each by up to four rows, or from anywhere into
/// a row where a run of rows breaking their own totals starts (a figure of
/// the second row may be drawn after the twentieth): step by step, the one
/// move (by figures) that mends the most rules, until the whole table
/// holds. `None` when a step has no move that mends, or two that mend
/// equally and read differently, or the table still does not hold.
fn mend_late_figures(
    tokens: &[Token<'_>],
    values: &[usize],
    w: usize,
    rules: &[Rule],
) -> Option<Vec<Option<Vec<usize>>>> {
    let figures = |o: &[usize]| counts(tokens, o);
    // Each token's count, read once: every trial below reads many. How
    // many of `rules` fail (or cannot be checked) with the rows read in
    // order `o`, counting no further than `cap`.
    let count: Vec<Option<i64>> = tokens.iter().map(Token::count).collect();
    // Each rule's places in the order (a cell's row times `w` plus its
    // column), its two sides', and the first and last: a move that touches
    // none of them leaves the rule as it was.
    let places: Vec<(Vec<usize>, Vec<usize>)> = rules
        .iter()
        .map(|ru| {
            let at = |side: &[(usize, usize)]| side.iter().map(|&(r, c)| r * w + c).collect::<Vec<usize>>();
            (at(&ru.lhs), at(&ru.rhs))
        })
        .collect();
    let reach: Vec<(usize, usize)> = places
        .iter()
        .map(|(l, r)| {
            let all = || l.iter().chain(r).copied();
            (all().min().unwrap_or(0), all().max().unwrap_or(0))
        })
        .collect();
    // Whether rule `k` fails (or cannot be checked) with the figures
    // `read` (each place's count).
    let fails = |k: usize, read: &[Option<i64>]| {
        let Some((lhs, rhs)) = places.get(k) else { return true };
        let side = |ps: &[usize]| {
            let mut sum = 0i64;
            for &p in ps {
                sum = sum.checked_add(read.get(p).copied().flatten()?)?;
            }
            Some(sum)
        };
        match (side(lhs), side(rhs)) {
            (Some(l), Some(r)) => l != r,
            _ => true,
        }
    };
    let read_of = |o: &[usize], out: &mut Vec<Option<i64>>| {
        out.clear();
        out.extend(o.iter().map(|&t| count.get(t).copied().flatten()));
    };
    let mut order = values.to_vec();
    let mut read: Vec<Option<i64>> = Vec::with_capacity(values.len());
    read_of(&order, &mut read);
    let mut status: Vec<bool> = (0..rules.len()).map(|k| fails(k, &read)).collect();
    let mut broken = status.iter().filter(|&&b| b).count();
    let mut trial: Vec<usize> = Vec::with_capacity(values.len());
    let mut trial_read: Vec<Option<i64>> = Vec::with_capacity(values.len());
    for _ in 0..MAX_MOVES {
        if broken == 0 {
            break;
        }
        // The best moves: fewest rules left broken, and their readings.
        let mut best: Option<(usize, Vec<usize>, Vec<Option<i64>>)> = None;
        let mut tied = false;
        // Moves by up to four rows back (the usual distance), and moves
        // from farther back into a row that starts a run of rows whose own
        // totals are broken (a figure drawn far late leaves a hole there,
        // and shifts the rows after it): the first few such rows, so the
        // search stays linear in the table's size. Of moves reading the
        // same figures (a zero among zeros), the first is kept.
        let starts = broken_runs(tokens, &order, w, rules);
        for pass in 0..=starts.len() {
            for len in 1..=2usize {
                for from in 0..order.len().saturating_sub(len - 1) {
                    let near = from.saturating_sub(4 * w);
                    let far = pass
                        .checked_sub(1)
                        .and_then(|k| starts.get(k))
                        .map_or(0..0, |&r| (r * w).min(near)..(r * w + w + 1).min(near));
                    for to in if pass == 0 { near..from } else { far } {
                        // (Counting stops where the move can no longer be
                        // among the best: most moves break more. The rules
                        // the move leaves as they were are counted first.)
                        let cap = best.as_ref().map_or(broken, |x| x.0 + 1).min(broken);
                        let moved = |k: &usize| reach.get(*k).is_some_and(|&(lo, hi)| hi >= to && lo < from + len);
                        let mut b = (0..rules.len()).filter(|k| !moved(k) && status.get(*k) == Some(&true)).count();
                        if b >= cap {
                            continue;
                        }
                        trial.clear();
                        trial.extend(order.get(..to).unwrap_or(&[]));
                        trial.extend(order.get(from..from + len).unwrap_or(&[]));
                        trial.extend(order.get(to..from).unwrap_or(&[]));
                        trial.extend(order.get(from + len..).unwrap_or(&[]));
                        read_of(&trial, &mut trial_read);
                        for k in 0..rules.len() {
                            if b >= cap {
                                break;
                            }
                            if moved(&k) {
                                b += usize::from(fails(k, &trial_read));
                            }
                        }
                        if b >= cap {
                            continue;
                        }
                        let f = figures(&trial);
                        match &best {
                            Some(x) if x.0 == b => tied |= x.2 != f,
                            _ => {
                                best = Some((b, trial.clone(), f));
                                tied = false;
                            }
                        }
                    }
                }
            }
        }
        match best {
            Some((b, o, _)) if !tied => {
                broken = b;
                order = o;
                read_of(&order, &mut read);
                status = (0..rules.len()).map(|k| fails(k, &read)).collect();
            }
            _ => return None,
        }
    }
    (broken == 0).then(|| order.chunks(w).map(|c| Some(c.to_vec())).collect())
}

/// Most runs of broken rows [`mend_late_figures`] moves figures into from
/// afar.
const MAX_BROKEN_RUNS: usize = 4;

/// The rows, read in `order` (rows of `w` figures), that start a run of
/// rows whose own rule (a rule over that row alone) is broken: the first
/// [`MAX_BROKEN_RUNS`].
fn broken_runs(tokens: &[Token<'_>], order: &[usize], w: usize, rules: &[Rule]) -> Vec<usize> {
    let get = in_order_cell(tokens, order, w);
    let mut broken: Vec<usize> = rules
        .iter()
        .filter_map(|ru| {
            let row = ru.lhs.first()?.0;
            let own = ru.lhs.iter().chain(&ru.rhs).all(|p| p.0 == row);
            (own && breaks(ru, &get)).then_some(row)
        })
        .collect();
    broken.sort_unstable();
    broken.dedup();
    // A run starts where the row before holds.
    let starts = |&(k, &r): &(usize, &usize)| k == 0 || broken.get(k - 1).copied() != r.checked_sub(1);
    broken.iter().enumerate().filter(starts).map(|(_, &r)| r).take(MAX_BROKEN_RUNS).collect()
}

/// Most rows whose totals may await their place at once, in [`late_totals`].
const MAX_LATE: usize = 4;

/// Most steps of the search in [`late_totals`]: beyond, no reading.
const MAX_LATE_STEPS: usize = 200_000;

/// Most complete readings [`late_totals`] compares: beyond, no reading.
const MAX_LATE_READINGS: usize = 256;

/// A state of [`late_totals`]' search: the next row, the next figure, and
/// the totals awaited (the rows' own rules tell their values), in order.
type LateState = (usize, usize, Vec<i64>);

/// A move of [`late_totals`]' search: the row read and its figures (`None`
/// for late totals put in their rows), and the state it leads to.
type LateMove = (Option<(usize, Vec<Option<i64>>)>, LateState);

/// Rows read in order when some rows' 总计 are drawn late. Such a row shows
/// its other figures where it stands, text (the next label) right after
/// them; its total comes after later rows, in a run of such totals that
/// follows text (a group label drawn after its rows), in the rows' order.
/// A row's own rule says what its late total must be, so every other row
/// must hold its own rule and every late figure must be the total awaited.
/// Taken only when every such reading gives each row the same figures and
/// the whole table holds; `None` otherwise.
fn late_totals(tokens: &[Token<'_>], values: &[usize], w: usize, rules: &[Rule]) -> Option<Vec<Option<Vec<usize>>>> {
    let n = values.len().checked_div(w)?;
    if w < 2 || n * w != values.len() {
        return None;
    }
    let val = |p: usize| values.get(p).and_then(|&t| tokens.get(t)).and_then(Token::count);
    let own: Vec<Vec<&Rule>> = (0..n)
        .map(|r| {
            rules
                .iter()
                .filter(|ru| matches!(ru.kind, RuleKind::RowTotal) && ru.lhs.iter().chain(&ru.rhs).all(|c| c.0 == r))
                .collect()
        })
        .collect();
    // Row `r` read from the figures at `p..`, all `w` of them.
    let whole = |r: usize, p: usize| -> bool {
        own.get(r).is_some_and(|rs| {
            !rs.is_empty()
                && rs.iter().all(|ru| {
                    let l: Option<i64> = ru.lhs.iter().map(|c| val(p + c.1)).sum();
                    let rr: Option<i64> = ru.rhs.iter().map(|c| val(p + c.1)).sum();
                    l.is_some() && l == rr
                })
        })
    };
    // Row `r` without its last figure (its total): the total its rule
    // gives, when text follows the row where it stands.
    let last = w - 1;
    let short = |r: usize, p: usize| -> Option<i64> {
        let end = *values.get(p + last - 1)?;
        let next = *values.get(p + last)?;
        if !tokens.get(end + 1..next)?.iter().any(|t| t.kind == Kind::Text) {
            return None;
        }
        let rs = own.get(r)?;
        let ru = rs.first().filter(|_| rs.len() == 1)?;
        let parts = match (ru.lhs.as_slice(), ru.rhs.as_slice()) {
            ([(_, c)], parts) | (parts, [(_, c)]) if *c == last => parts,
            _ => return None,
        };
        parts.iter().map(|c| if c.1 < last { val(p + c.1) } else { None }).sum()
    };
    // Whether a run of late totals may start at figure `p`: after text.
    let after_text = |p: usize| -> bool {
        p > 0
            && match (values.get(p - 1), values.get(p)) {
                (Some(&a), Some(&b)) => tokens.get(a + 1..b).is_some_and(|m| m.iter().any(|t| t.kind == Kind::Text)),
                _ => false,
            }
    };
    // The moves from a state.
    let moves = |(r, p, q): &LateState| -> Vec<LateMove> {
        let mut out = Vec::new();
        if !q.is_empty() && after_text(*p) {
            // Deliver one or more awaited totals, in order.
            let mut k = 0;
            while let Some(&e) = q.get(k) {
                if val(p + k) != Some(e) {
                    break;
                }
                k += 1;
                out.push((None, (*r, p + k, q.get(k..).unwrap_or(&[]).to_vec())));
            }
        }
        if *r < n && p + w <= values.len() && whole(*r, *p) {
            let f = (0..w).map(|c| val(p + c)).collect();
            out.push((Some((*r, f)), (r + 1, p + w, q.clone())));
        }
        if *r < n && q.len() < MAX_LATE {
            if let Some(e) = short(*r, *p) {
                let f = (0..last).map(|c| val(p + c)).chain(std::iter::once(Some(e))).collect();
                let mut q2 = q.clone();
                q2.push(e);
                out.push((Some((*r, f)), (r + 1, p + last, q2)));
            }
        }
        out
    };
    // Which states reach the end (every row read, every figure used,
    // nothing awaited), by a search from the start.
    let mut done: std::collections::HashMap<LateState, bool> = std::collections::HashMap::new();
    let mut steps = 0usize;
    let start: LateState = (0, 0, Vec::new());
    let mut stack: Vec<(LateState, bool)> = vec![(start.clone(), false)];
    while let Some((s, expanded)) = stack.pop() {
        if done.contains_key(&s) {
            continue;
        }
        steps += 1;
        if steps > MAX_LATE_STEPS {
            return None;
        }
        let next = moves(&s);
        if expanded {
            let ok = (s.0 == n && s.1 == values.len() && s.2.is_empty())
                || next.iter().any(|(_, t)| done.get(t).copied().unwrap_or(false));
            done.insert(s, ok);
        } else {
            stack.push((s.clone(), true));
            stack.extend(next.into_iter().filter(|(_, t)| !done.contains_key(t)).map(|(_, t)| (t, false)));
        }
    }
    if !done.get(&start).copied().unwrap_or(false) {
        return None;
    }
    // Every row's figures on every complete reading: one each, or no
    // reading. And at least one row read without its total where it
    // stands (else the reading in order was already tried).
    let mut options: Vec<Option<Vec<Option<i64>>>> = vec![None; n];
    let mut seen: std::collections::HashSet<LateState> = std::collections::HashSet::new();
    let mut todo = vec![start.clone()];
    let mut any_late = false;
    let mut conflict = false;
    while let Some(s) = todo.pop() {
        if !seen.insert(s.clone()) {
            continue;
        }
        for (row, t) in moves(&s) {
            if !done.get(&t).copied().unwrap_or(false) {
                continue;
            }
            if let Some((r, f)) = row {
                any_late |= t.2.len() > s.2.len();
                match options.get_mut(r) {
                    Some(Some(g)) if *g != f => conflict = true,
                    Some(o @ None) => *o = Some(f),
                    _ => {}
                }
            }
            todo.push(t);
        }
    }
    if !any_late {
        return None;
    }
    if !conflict {
        // Every reading gives each row the same figures: one complete
        // reading, with the late totals' tokens.
        let mut rows: Vec<Option<Vec<usize>>> = vec![None; n];
        let mut waiting: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
        let mut s = start.clone();
        while !(s.0 == n && s.1 == values.len() && s.2.is_empty()) {
            let (row, t) = moves(&s).into_iter().find(|(_, t)| done.get(t).copied().unwrap_or(false))?;
            match row {
                Some((r, _)) => {
                    let taken = t.1 - s.1;
                    let cells: Vec<usize> = values.get(s.1..t.1)?.to_vec();
                    if taken < w {
                        waiting.push_back(r);
                    }
                    *rows.get_mut(r)? = Some(cells);
                }
                None => {
                    for p in s.1..t.1 {
                        let r = waiting.pop_front()?;
                        rows.get_mut(r)?.as_mut()?.push(*values.get(p)?);
                    }
                }
            }
            s = t;
        }
        if holds(tokens, &rows, rules) {
            return Some(rows);
        }
        return None;
    }
    // Readings that give some row different figures: of the complete
    // readings (at most MAX_LATE_READINGS of them), those under which the
    // whole table holds must all give the same figures.
    // The rows of the first reading that holds, and its figures.
    type Reading = (Vec<Option<Vec<usize>>>, Vec<Option<i64>>);
    let mut found: Option<Reading> = None;
    let mut readings = 0usize;
    // Depth-first over complete paths: (state, rows so far, rows awaiting
    // their totals, whether a row was short).
    type Partial = (LateState, Vec<Option<Vec<usize>>>, std::collections::VecDeque<usize>, bool);
    let mut stack: Vec<Partial> = vec![(start, vec![None; n], std::collections::VecDeque::new(), false)];
    while let Some((s, rows, waiting, any_late)) = stack.pop() {
        if s.0 == n && s.1 == values.len() && s.2.is_empty() {
            readings += 1;
            if readings > MAX_LATE_READINGS {
                return None;
            }
            if !any_late || !holds(tokens, &rows, rules) {
                continue;
            }
            let figures = figures_read(tokens, &rows);
            match &found {
                Some((_, f)) if *f != figures => return None,
                Some(_) => {}
                None => found = Some((rows, figures)),
            }
            continue;
        }
        for (row, t) in moves(&s) {
            if !done.get(&t).copied().unwrap_or(false) {
                continue;
            }
            let (mut rows, mut waiting, mut any_late) = (rows.clone(), waiting.clone(), any_late);
            match row {
                Some((r, _)) => {
                    if t.1 - s.1 < w {
                        waiting.push_back(r);
                        any_late = true;
                    }
                    *rows.get_mut(r)? = Some(values.get(s.1..t.1)?.to_vec());
                }
                None => {
                    for p in s.1..t.1 {
                        let r = waiting.pop_front()?;
                        rows.get_mut(r)?.as_mut()?.push(*values.get(p)?);
                    }
                }
            }
            stack.push((t, rows, waiting, any_late));
        }
    }
    found.map(|(rows, _)| rows)
}

/// How many of `rules` (over one row, column positions) fail when the
/// row's figures are the tokens `order`.
fn broken_rules(tokens: &[Token<'_>], order: &[usize], rules: &[Rule]) -> usize {
    let get = |c: usize| order.get(c).and_then(|&t| tokens.get(t)).and_then(Token::count);
    rules
        .iter()
        .filter(|ru| {
            let l: Option<i64> = ru.lhs.iter().map(|p| get(p.1)).sum();
            let r: Option<i64> = ru.rhs.iter().map(|p| get(p.1)).sum();
            l.is_none() || l != r
        })
        .count()
}

/// Most runs of figures whose orders are all tried in a one-row table.
const MAX_RUNS: usize = 6;

/// One row (table 四) from its figures in reading order. In order when its
/// totals hold. Else the figures may come in runs (between the header's
/// words) drawn in another order, or a 总计 (a tall cell) drawn after the
/// figures that follow it: each such reading whose totals hold is tried,
/// and the one there is taken; two that differ leave the row undecided.
/// When none holds, the order as printed (a report may break its totals)
/// in laid-out text; in reading order only when the figures come in one
/// run after the header, interrupted by nothing but a total's header (a
/// tall 总计 cell drawn late): the table drawn row by row. Otherwise a row
/// that breaks a total in every order tried does not show where its
/// figures stand (a tall 总计 may be drawn anywhere among its group's
/// figures), and a report's own error puts no figure in its place either.
fn one_row(
    tokens: &[Token<'_>],
    values: &[usize],
    rules: &[Rule],
    reading_order: bool,
    columns: &[ColumnSpec],
) -> Option<Vec<usize>> {
    let read = one_row_as_drawn(tokens, values, rules, reading_order, columns)?;
    let holds = |order: &[usize]| broken_rules(tokens, order, rules) == 0;
    // In reading order, CJK blank markers may be drawn apart from the
    // numbers (`－ 1 － － 1` for 1 － － － 1): another way of putting the
    // two together that holds as well leaves the row undecided. So may
    // full-width digits be, from ASCII ones, where the printed order had
    // to be mended to hold (`0 2 0 0 0 0 0 ２ ０ ０` for ２ ０ ０ 0 2 …):
    // the fonts explain the disorder as well as a figure drawn late.
    let mended = read != values;
    // (Full-width digits all after the ASCII ones, as printed, may be
    // their font's run drawn last: `0 0 0 2 ２` for ２ 0 0 0 2.)
    let digits = mended || wide_digits_last(tokens, values);
    if reading_order && holds(&read) && fonts_interleave(tokens, &read, digits, holds) {
        return None;
    }
    // (Nor when the printed order's fonts, put together another way
    // instead of mended, hold and read other figures: `0 0 0 1 0 0 0 1 ０ 0
    // 0 0 ０ ０ ０` for 0 0 0 ０ ０ 1 0 0 0 1 …, the full-width zeros drawn
    // apart, not a 1 drawn late.)
    if reading_order
        && mended
        && holds(&read)
        && fonts_interleave_unlike(tokens, values, true, holds, &counts(tokens, &read))
    {
        return None;
    }
    Some(read)
}

/// True when the full-width numbers among `order`'s figures all come
/// after its ASCII ones (at least one of each): the order the text shows
/// is then as well the two fonts' runs drawn one after the other.
fn wide_digits_last(tokens: &[Token<'_>], order: &[usize]) -> bool {
    let wide = |t: &Token<'_>| t.text.chars().any(|c| ('０'..='９').contains(&c));
    let numbers =
        order.iter().filter_map(|&i| tokens.get(i)).filter(|t| matches!(t.kind, Kind::Figure(Figure::Number(..))));
    let (mut narrow, mut wides, mut after) = (0usize, 0usize, false);
    for t in numbers {
        if wide(t) {
            wides += 1;
        } else {
            narrow += 1;
            after |= wides > 0;
        }
    }
    narrow > 0 && wides > 0 && !after
}

/// Most orders [`fonts_interleave`] tries: beyond, the row is in doubt.
const MAX_INTERLEAVINGS: usize = 20_000;

/// Most figures [`fonts_interleave`] puts in other orders (a row of table
/// 四 has fifteen): beyond, the row is in doubt.
const MAX_INTERLEAVED: usize = 24;

/// True when the figures at `order`, glyphs of a CJK font (blank markers
/// `／`, `－`, `无`, and with `digits` full-width digits) among ASCII
/// numbers, read in another order that keeps each font's figures in
/// theirs, `holds` and reads other figures. PDF text in reading order may
/// draw each font's glyphs as a run of their own (see [`markers_apart`],
/// [`two_fonts`]), so how the two interleave is not known.
pub(crate) fn fonts_interleave(
    tokens: &[Token<'_>],
    order: &[usize],
    digits: bool,
    holds: impl Fn(&[usize]) -> bool,
) -> bool {
    fonts_interleave_unlike(tokens, order, digits, holds, &counts(tokens, order))
}

/// [`fonts_interleave`], the other order reading figures other than
/// `read`'s (a reading made from `order` by moving figures).
fn fonts_interleave_unlike(
    tokens: &[Token<'_>],
    order: &[usize],
    digits: bool,
    holds: impl Fn(&[usize]) -> bool,
    read: &[Option<i64>],
) -> bool {
    let wide = |t: &usize| {
        tokens.get(*t).is_some_and(|t| match t.kind {
            Kind::Figure(Figure::Blank(_)) => !t.text.is_ascii(),
            Kind::Figure(Figure::Number(..)) => digits && t.text.chars().any(|c| ('０'..='９').contains(&c)),
            _ => false,
        })
    };
    let (a, b): (Vec<usize>, Vec<usize>) = order.iter().partition(|t| wide(t));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if order.len() > MAX_INTERLEAVED {
        return true;
    }
    let figures = |o: &[usize]| counts(tokens, o);
    // The places of the wide figures: every choice of `a.len()` of
    // `order.len()` places, in lexicographic order.
    let n = order.len();
    let mut pos: Vec<usize> = (0..a.len()).collect();
    let mut trial: Vec<usize> = Vec::with_capacity(n);
    for _ in 0..MAX_INTERLEAVINGS {
        trial.clear();
        let (mut ia, mut ib) = (a.iter(), b.iter());
        let mut next = pos.iter().peekable();
        for k in 0..n {
            let from = if next.next_if(|&&p| p == k).is_some() { ia.next() } else { ib.next() };
            trial.extend(from);
        }
        if holds(&trial) && figures(&trial) != read {
            return true;
        }
        // The next choice of places.
        let Some(i) = (0..pos.len()).rev().find(|&i| pos.get(i).is_some_and(|&p| p < n - a.len() + i)) else {
            return false;
        };
        let base = pos.get(i).copied().unwrap_or(0) + 1;
        for (k, p) in pos.iter_mut().enumerate().skip(i) {
            *p = base + (k - i);
        }
    }
    true
}

/// [`one_row`] as the figures are drawn, fonts aside.
fn one_row_as_drawn(
    tokens: &[Token<'_>],
    values: &[usize],
    rules: &[Rule],
    reading_order: bool,
    columns: &[ColumnSpec],
) -> Option<Vec<usize>> {
    let holds = |order: &[usize]| broken_rules(tokens, order, rules) == 0;
    let figures = |o: &[usize]| counts(tokens, o);
    let totals: Vec<usize> = rules.iter().flat_map(|r| r.lhs.iter().map(|p| p.1)).collect();
    if holds(values) {
        // In reading order, a tall 总计 cell may be drawn after every other
        // figure (行政复议's, in published reports): when the last figure
        // put in a total's place holds as well, and reads other figures,
        // which of the two the table is the text cannot say.
        let last_drawn_late = reading_order
            && totals.iter().any(|&to| {
                let mut trial = values.to_vec();
                trial.pop().is_some_and(|v| {
                    trial.insert(to.min(trial.len()), v);
                    holds(&trial) && figures(&trial) != figures(values)
                })
            });
        return (!last_drawn_late).then(|| values.to_vec());
    }
    let mut found: Option<(Vec<usize>, Vec<Option<i64>>)> = None;
    let mut ambiguous = false;
    let mut consider = |trial: &[usize]| {
        if ambiguous || !holds(trial) {
            return;
        }
        let f = figures(trial);
        match &found {
            Some((_, g)) if *g != f => ambiguous = true,
            Some(_) => {}
            None => found = Some((trial.to_vec(), f)),
        }
    };
    // Runs: figures with no text between them.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (k, &v) in values.iter().enumerate() {
        let joined = k > 0
            && values.get(k - 1).is_some_and(|&p| {
                tokens.get(p + 1..v).is_some_and(|between| between.iter().all(|t| t.kind != Kind::Text))
            });
        match runs.last_mut() {
            Some(run) if joined => run.push(v),
            _ => runs.push(vec![v]),
        }
    }
    if runs.len() <= MAX_RUNS {
        let mut perm: Vec<usize> = (0..runs.len()).collect();
        loop {
            let trial: Vec<usize> = perm.iter().filter_map(|&i| runs.get(i)).flatten().copied().collect();
            consider(&trial);
            if !next_permutation(&mut perm) {
                break;
            }
        }
    }
    // A total drawn late: a figure moved back into a total's place. A zero
    // fits any place, so a zero's move proves nothing: if one would make
    // the totals hold, the row is undecided.
    let mut doubt = false;
    // As printed, more than one total broken, and the last figure, put in
    // a total's place (a tall 总计 cell drawn last), would leave fewer: the
    // printed order is in doubt too. (Only the last: a report may break two
    // totals, and a figure from the middle moved back can mend one.)
    let printed = broken_rules(tokens, values, rules);
    let mut fewer = false;
    // A tall 总计 drawn early (right after its group's first figure, `4 11
    // 1 5 1` for 4 1 5 1 11) that, moved forward into its place, makes
    // every total hold.
    let mut drawn_early = false;
    for &to in &totals {
        for from in (to + 1..values.len()).chain(0..to) {
            let mut trial = values.to_vec();
            let v = trial.remove(from);
            trial.insert(to.min(trial.len()), v);
            if from < to {
                drawn_early |= holds(&trial) && figures(&trial) != figures(values);
            } else if tokens.get(v).and_then(Token::count) == Some(0) {
                doubt |= holds(&trial);
            } else {
                fewer |= printed > 1 && from + 1 == values.len() && broken_rules(tokens, &trial, rules) < printed;
                consider(&trial);
            }
        }
    }
    // Two neighbours drawn in each other's place (`2 0` on one line for a
    // 0 and a 2) read as printed break a total as a report's error would:
    // if swapping two neighbours makes the totals hold, the row is
    // undecided. So, where no figure drawn late mends the row, does a
    // total drawn early.
    if found.is_none() {
        doubt |= drawn_early;
        for k in 1..values.len() {
            let mut trial = values.to_vec();
            trial.swap(k - 1, k);
            doubt |= figures(&trial) != figures(values) && holds(&trial);
        }
    }
    // A total moved back over one figure only is two neighbours drawn in
    // each other's place, which proves nothing (see above): undecided.
    if let Some((moved, f)) = &found {
        let differ: Vec<usize> = (0..values.len()).filter(|&k| moved.get(k) != values.get(k)).collect();
        if let [a, b] = differ.as_slice() {
            doubt |= b - a == 1;
        }
        // Nor does a reading that holds when the printed order, with at
        // most two neighbours swapped in each group, reads other figures
        // breaking one total only: a report's own error (`1 0 0 1 0 0 0 0
        // 2 0` for 1 0 0 0 1 and 0 0 0 0 2, the second group's total
        // printed wrong, is not 1 0 0 1 2 and 0 0 0 0 0 with a 2 drawn
        // late).
        doubt |= swaps_break_one(tokens, values, rules, f);
    }
    if ambiguous || doubt || (fewer && found.is_none()) {
        return None;
    }
    if reading_order && found.is_none() && !in_one_run(tokens, values, rules, columns) {
        return None;
    }
    Some(found.map_or_else(|| values.to_vec(), |(o, _)| o))
}

/// True when the printed order `values` of a one-row table, with at most
/// one pair of neighbours swapped within each rule's cells, reads figures
/// other than `found` that break at most one of `rules`.
fn swaps_break_one(tokens: &[Token<'_>], values: &[usize], rules: &[Rule], found: &[Option<i64>]) -> bool {
    // Each rule's cells, in order: its swaps are of neighbours among them.
    let groups: Vec<Vec<usize>> = rules
        .iter()
        .map(|r| {
            let mut cells: Vec<usize> = r.lhs.iter().chain(&r.rhs).map(|p| p.1).collect();
            cells.sort_unstable();
            cells
        })
        .collect();
    if groups.len() > 3 || groups.iter().any(|g| g.len() > 8) {
        return false;
    }
    // A choice per group: no swap (0) or the swap of its cells k-1 and k.
    let choices: Vec<usize> = groups.iter().map(Vec::len).collect();
    let mut pick = vec![0usize; groups.len()];
    loop {
        let mut trial = values.to_vec();
        for (g, &k) in groups.iter().zip(&pick) {
            if let (Some(&a), Some(&b)) = (k.checked_sub(1).and_then(|j| g.get(j)), g.get(k)) {
                if a < trial.len() && b < trial.len() {
                    trial.swap(a, b);
                }
            }
        }
        let figures = counts(tokens, &trial);
        if figures != found && broken_rules(tokens, &trial, rules) <= 1 {
            return true;
        }
        // The next choice.
        let mut i = 0;
        loop {
            let Some(p) = pick.get_mut(i) else { return false };
            *p += 1;
            if *p < choices.get(i).copied().unwrap_or(0) {
                break;
            }
            *p = 0;
            i += 1;
        }
    }
}

/// True when a one-row table's figures come in one run, no text between
/// them but the header of a total column (the last part of its label, as
/// `总计`), after at least one text: drawn row by row after the header.
fn in_one_run(tokens: &[Token<'_>], values: &[usize], rules: &[Rule], columns: &[ColumnSpec]) -> bool {
    let (Some(&first), Some(&last)) = (values.first(), values.last()) else { return false };
    // The totals' header words, from the vocabulary.
    let mut totals: Vec<String> = Vec::new();
    for c in rules.iter().flat_map(|r| &r.lhs).filter_map(|p| columns.get(p.1)) {
        let mut w = String::new();
        normalize_into(c.label.rsplit(" / ").next().unwrap_or(c.label), &mut w);
        if !totals.contains(&w) {
            totals.push(w);
        }
    }
    let mut norm = String::new();
    let header = tokens.get(..first).is_some_and(|b| b.iter().any(|t| t.kind == Kind::Text));
    header
        && tokens.get(first..=last).is_some_and(|run| {
            run.iter().filter(|t| t.kind == Kind::Text).all(|t| {
                norm.clear();
                normalize_into(t.text, &mut norm);
                totals.contains(&norm)
            })
        })
}

/// Most steps the search of [`no_order_holds`] takes before it gives up.
const MAX_PARTITION_STEPS: usize = 100_000;

/// True when no order of a one-row table's figures satisfies its totals:
/// the rules are disjoint groups covering the row, each a total equal to
/// the sum of the group's other cells (table 四), and no way of splitting
/// the figures into such groups exists. Then the report breaks its own
/// arithmetic whatever the order. False when it cannot tell (other rules,
/// or a search too long).
pub(crate) fn no_order_holds(figures: &[i64], rules: &[Rule]) -> bool {
    // Each group: how many cells beside its total.
    let mut sizes: Vec<usize> = Vec::new();
    let mut cells = 0usize;
    for r in rules {
        match (r.lhs.len(), r.rhs.len()) {
            (1, n) | (n, 1) if n >= 1 => sizes.push(n),
            _ => return false,
        }
        cells += r.lhs.len() + r.rhs.len();
    }
    if sizes.is_empty() || cells != figures.len() || figures.iter().any(|&v| v < 0) {
        return false;
    }
    let mut counts: Vec<(i64, usize)> = Vec::new();
    let mut sorted = figures.to_vec();
    sorted.sort_unstable();
    for v in sorted {
        match counts.last_mut() {
            Some(last) if last.0 == v => last.1 += 1,
            _ => counts.push((v, 1)),
        }
    }
    let mut steps = 0usize;
    match split_groups(&mut counts, &sizes, &mut steps) {
        Some(found) => !found,
        None => false,
    }
}

/// Whether the figures in `counts` (value, how many) split into groups of
/// `sizes` cells plus a total each; `None` when the search runs too long.
fn split_groups(counts: &mut [(i64, usize)], sizes: &[usize], steps: &mut usize) -> Option<bool> {
    let Some((&n, rest)) = sizes.split_first() else {
        return Some(counts.iter().all(|c| c.1 == 0));
    };
    for t in 0..counts.len() {
        let Some(&(total, k)) = counts.get(t) else { continue };
        if k == 0 {
            continue;
        }
        if let Some(c) = counts.get_mut(t) {
            c.1 -= 1;
        }
        let found = pick_sum(counts, 0, n, total, rest, steps);
        if let Some(c) = counts.get_mut(t) {
            c.1 += 1;
        }
        match found {
            Some(true) => return Some(true),
            None => return None,
            Some(false) => {}
        }
    }
    Some(false)
}

/// Picks `n` figures from `counts[from..]` summing to `sum`, then splits the
/// rest into the groups `rest`.
fn pick_sum(
    counts: &mut [(i64, usize)],
    from: usize,
    n: usize,
    sum: i64,
    rest: &[usize],
    steps: &mut usize,
) -> Option<bool> {
    *steps += 1;
    if *steps > MAX_PARTITION_STEPS {
        return None;
    }
    if n == 0 {
        return if sum == 0 { split_groups(counts, rest, steps) } else { Some(false) };
    }
    for i in from..counts.len() {
        let Some(&(v, k)) = counts.get(i) else { continue };
        if k == 0 || v > sum {
            continue;
        }
        if let Some(c) = counts.get_mut(i) {
            c.1 -= 1;
        }
        let found = pick_sum(counts, i, n - 1, sum - v, rest, steps);
        if let Some(c) = counts.get_mut(i) {
            c.1 += 1;
        }
        match found {
            Some(false) => {}
            other => return other,
        }
    }
    Some(false)
}

/// The next permutation in lexicographic order; false after the last.
fn next_permutation(p: &mut [usize]) -> bool {
    let n = p.len();
    let Some(i) = (1..n).rev().find(|&i| p.get(i - 1) < p.get(i)) else { return false };
    let pivot = i - 1;
    let Some(j) = (i..n).rev().find(|&j| p.get(j) > p.get(pivot)) else { return false };
    p.swap(pivot, j);
    if let Some(tail) = p.get_mut(i..) {
        tail.reverse();
    }
    true
}

/// For a table without rules to check a reading (table 二): true when the
/// text reads row by row after all — every row of `layout` found, its
/// label directly followed by its cells, and no figure anywhere else. `rows` are the rows found: key, label token, value tokens.
pub(crate) fn rows_follow_labels(
    tokens: &[Token<'_>],
    layout: &[RowKey],
    rows: &[(RowKey, Option<usize>, &[usize])],
) -> bool {
    let mut placed = 0usize;
    for key in layout {
        let Some((_, label, values)) = rows.iter().find(|r| r.0 == *key) else { return false };
        // Its cells (figures, and empty cells that may be blanks) start
        // right after the label and fill the row.
        let figures = values.iter().filter(|&&v| tokens.get(v).is_some_and(Token::is_definite)).count();
        let width = key.columns().len();
        if values.first().copied() != label.map(|l| l + 1) || figures > width || values.len() < width {
            return false;
        }
        placed += figures;
    }
    placed == tokens.iter().filter(|t| t.is_definite()).count()
}

/// Table 二's blocks: the runs of rows of `layout` under one caption
/// (`第二十条第（X）项`).
fn blocks(layout: &[RowKey]) -> Vec<std::ops::Range<usize>> {
    let caption = |k: &RowKey| k.spec().label.split(" / ").next().unwrap_or("");
    let mut blocks: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, k) in layout.iter().enumerate() {
        match blocks.last_mut() {
            Some(b) if layout.get(b.start).is_some_and(|f| caption(f) == caption(k)) => b.end = i + 1,
            _ => blocks.push(i..i + 1),
        }
    }
    blocks
}

/// Table 二 in reading order, block by block (`第二十条第（X）项`): a
/// block's figures are those between its caption and the next, in the
/// block's row order. A block is read when it holds exactly its cells and
/// its order is plain: one row or one column, or each row's label directly
/// followed by the row's figures (row by row), or each column's header
/// directly followed by the column's figures (column by column). Other
/// blocks are left undecided. `rows` are the rows found: key, label token,
/// value tokens.
pub(crate) fn by_blocks(
    tokens: &[Token<'_>],
    layout: &[RowKey],
    rows: &[(RowKey, Option<usize>, &[usize])],
) -> Vec<Option<Vec<usize>>> {
    let mut out: Vec<Option<Vec<usize>>> = vec![None; layout.len()];
    let blocks = blocks(layout);
    // The text's blocks: the tokens after each caption (and before the
    // first, when the first caption is missing).
    let marks: Vec<usize> =
        (0..tokens.len()).filter(|&i| tokens.get(i).is_some_and(|t| t.text.contains("第二十条"))).collect();
    let mut segments: Vec<std::ops::Range<usize>> =
        marks.iter().enumerate().map(|(n, &m)| m + 1..marks.get(n + 1).copied().unwrap_or(tokens.len())).collect();
    if segments.len() + 1 == blocks.len() {
        segments.insert(0, 0..marks.first().copied().unwrap_or(tokens.len()));
    }
    if segments.len() != blocks.len() {
        return out;
    }
    let figures_in = |r: &std::ops::Range<usize>| -> Vec<usize> {
        r.clone().filter(|&i| tokens.get(i).is_some_and(Token::is_definite)).collect()
    };
    // The captions divide the figures only if every block's part holds
    // exactly its cells: figures of one block drawn in another's part (a
    // column printed late) would otherwise be read as that block's.
    let cells = |b: &std::ops::Range<usize>| {
        layout.get(b.clone()).unwrap_or(&[]).iter().map(|k| k.columns().len()).sum::<usize>()
    };
    if blocks.iter().zip(&segments).any(|(b, seg)| figures_in(seg).len() != cells(b)) {
        return out;
    }
    for (block, seg) in blocks.iter().zip(&segments) {
        let keys = layout.get(block.clone()).unwrap_or(&[]);
        let k = keys.len();
        let w = keys.first().map_or(0, |r| r.columns().len());
        let figs = figures_in(seg);
        if w == 0 || figs.len() != k * w || keys.iter().any(|r| r.columns().len() != w) {
            continue;
        }
        // Directly after token `at`, the next `n` figures (no text between).
        let follows = |at: usize, n: usize| -> Option<Vec<usize>> {
            let next: Vec<usize> = (at + 1..seg.end)
                .take_while(|&i| tokens.get(i).is_some_and(|t| t.kind != Kind::Text))
                .filter(|&i| tokens.get(i).is_some_and(Token::is_definite))
                .collect();
            (next.len() >= n).then(|| next.into_iter().take(n).collect())
        };
        let by_rows = || -> Option<Vec<Vec<usize>>> {
            keys.iter()
                .map(|key| {
                    let (_, label, _) = rows.iter().find(|r| r.0 == *key)?;
                    let l = (*label).filter(|l| seg.contains(l))?;
                    follows(l, w)
                })
                .collect()
        };
        let by_columns = || -> Option<Vec<Vec<usize>>> {
            let heads: Vec<usize> = seg
                .clone()
                .filter(|&i| {
                    tokens.get(i).is_some_and(|t| {
                        t.kind == Kind::Text
                            && label::is_header_bits(TableKind::Active, t.bits)
                            && follows(i, 1).is_some()
                    })
                })
                .collect();
            if heads.len() != w {
                return None;
            }
            let cols: Vec<Vec<usize>> = heads.iter().map(|&h| follows(h, k)).collect::<Option<_>>()?;
            Some((0..k).map(|j| cols.iter().filter_map(|c| c.get(j).copied()).collect()).collect())
        };
        let read: Option<Vec<Vec<usize>>> = if k == 1 || w == 1 {
            Some(figs.chunks(w).map(<[usize]>::to_vec).collect())
        } else {
            match (by_rows(), by_columns()) {
                (Some(r), None) => Some(r),
                (None, Some(c)) => Some(c),
                _ => None,
            }
        };
        if let Some(read) = read {
            for (slot, cells) in out.get_mut(block.clone()).unwrap_or(&mut []).iter_mut().zip(read) {
                *slot = Some(cells);
            }
        }
    }
    out
}

/// Which of the layout's columns a text names: the one column whose
/// header (its distinctive part, on normalized text) the text holds, or
/// `None` when it names none or several.
fn names_column(text: &str, columns: &[&'static ColumnSpec]) -> Option<&'static str> {
    match columns_named(text, columns).as_slice() {
        [(_, one)] => Some(one),
        _ => None,
    }
}

/// The columns a text names when it names two or more (`上一年项目数量
/// 本年增/减`, a header line of several cells), in the order it names
/// them; empty otherwise.
fn names_columns(text: &str, columns: &[&'static ColumnSpec]) -> Vec<&'static str> {
    let named = columns_named(text, columns);
    if named.len() < 2 {
        return Vec::new();
    }
    named.into_iter().map(|(_, l)| l).collect()
}

/// Each distinct column header `text` holds (its distinctive part, on
/// normalized text), with where it stands, in that order.
fn columns_named(text: &str, columns: &[&'static ColumnSpec]) -> Vec<(usize, &'static str)> {
    let mut norm = String::new();
    normalize_into(text, &mut norm);
    let mut named: Vec<(usize, &'static str)> = Vec::new();
    let mut id = String::new();
    for c in columns {
        id.clear();
        normalize_into(if c.marker.is_empty() { c.label } else { c.marker }, &mut id);
        if let Some(at) = norm.find(id.as_str()).filter(|_| !id.is_empty()) {
            if !named.iter().any(|&(_, l)| l == c.label) {
                named.push((at, c.label));
            }
        }
    }
    named.sort_unstable();
    named
}

/// True when `text` is the start of a column's whole header, or all of it
/// (`本年制发件数`, `本年收费金额（单位：万元）`), spaces and widths aside.
fn starts_a_header(text: &str, columns: &[&'static ColumnSpec]) -> bool {
    let mut norm = String::new();
    normalize_into(text, &mut norm);
    let mut label = String::new();
    columns.iter().any(|c| {
        label.clear();
        normalize_into(c.label, &mut label);
        !norm.is_empty() && label.starts_with(&norm)
    })
}

/// The block of `blocks` whose caption (`第二十条第（五）项`) `text` is.
fn caption_block(text: &str, layout: &[RowKey], blocks: &[std::ops::Range<usize>]) -> Option<usize> {
    let mut norm = String::new();
    normalize_into(text, &mut norm);
    if !norm.starts_with("第二十条") {
        return None;
    }
    let mut cap = String::new();
    blocks.iter().position(|b| {
        let Some(k) = layout.get(b.start) else { return false };
        cap.clear();
        normalize_into(k.spec().label.split(" / ").next().unwrap_or(""), &mut cap);
        !cap.is_empty() && norm == cap
    })
}

/// Table 二 in reading order, column by column: every column header
/// directly followed by that column's figures (`本年制发件数 2 5`), the
/// labels elsewhere. Each header's figures fill the one block whose column
/// of that name has exactly as many rows still empty, top to bottom; or,
/// when only one block's column of that name has rows still empty, its
/// first empty rows (a column split by a page: `本年处理决定数量 3` for
/// 行政处罚, 行政强制's figure on the next page). One run of figures after
/// a row's label instead of a header (drawn apart from it) fills the cells
/// left empty when they are exactly as many and in one row or one column,
/// or all alike (else row by row or column by column would be a guess).
/// A run after a block's caption is the first column of the block before
/// it (drawn with the next caption), exactly its rows; a header's run of
/// two or more columns' worth fills that column and the next ones of the
/// one block where they are all empty, column by column. The reading is taken
/// only when every header's block is so decided, every figure of the
/// table is placed, and every cell is filled. `None` otherwise.
pub(crate) fn by_header_groups(tokens: &[Token<'_>], layout: &[RowKey]) -> Option<Vec<Option<Vec<usize>>>> {
    let blocks = blocks(layout);
    let columns: Vec<&'static ColumnSpec> = layout.iter().flat_map(|k| k.columns().iter()).collect();
    let cells: usize = layout.iter().map(|k| k.columns().len()).sum();
    let figures = tokens.iter().filter(|t| t.is_definite()).count();
    if figures > cells || figures == 0 {
        return None;
    }
    // Short of figures (a column drawn elsewhere): only runs that fill a
    // header's column exactly are read, and only whole rows are kept.
    let short = figures < cells;
    let mut filled: Vec<Vec<Option<usize>>> = layout.iter().map(|k| vec![None; k.columns().len()]).collect();
    let mut used = 0usize;
    let mut orphans: Vec<usize> = Vec::new();
    // The columns whose header stands before figures.
    let mut headed: Vec<&'static str> = Vec::new();
    // A header line naming several columns (`上一年项目数量 本年增/减`)
    // and not yet followed by another header: its columns.
    let mut several: Vec<&'static str> = Vec::new();
    // How many runs of figures follow a header that names `name` alone.
    let runs_of = |name: &str| {
        tokens
            .iter()
            .enumerate()
            .filter(|(i, t)| {
                t.kind == Kind::Text
                    && names_column(t.text, &columns) == Some(name)
                    && tokens.get(i + 1).is_some_and(Token::is_definite)
            })
            .count()
    };
    let row_of = |t: &Token<'_>| -> Option<usize> {
        let rows = t.bits & label::row_mask(TableKind::Active);
        let mut hits = layout.iter().enumerate().filter(|(_, k)| rows & (1u64 << k.index()) != 0);
        let first = hits.next()?.0;
        hits.next().is_none().then_some(first)
    };
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != Kind::Text {
            continue;
        }
        let run: Vec<usize> = (i + 1..tokens.len())
            .take_while(|&j| tokens.get(j).is_some_and(|u| u.kind != Kind::Text))
            .filter(|&j| tokens.get(j).is_some_and(Token::is_definite))
            .collect();
        let named = names_columns(t.text, &columns);
        let header_line = !named.is_empty();
        if header_line {
            several = named;
        } else if caption_block(t.text, layout, &blocks).is_some() || names_column(t.text, &columns).is_some() {
            several.clear();
        }
        if run.is_empty() {
            continue;
        }
        // Under such a header, a run right before a row's label (after the
        // header, or after the row above's label) is that row's cells of
        // those columns, drawn before its label; a run after the header
        // and before no label, the one row whose cells of those columns
        // are all still empty.
        let after_run = i + 1 + tokens.get(i + 1..).unwrap_or(&[]).iter().take_while(|u| u.kind != Kind::Text).count();
        if !several.is_empty() && (header_line || t.bits & label::row_mask(TableKind::Active) != 0) {
            let cols_of = |r: usize| -> Option<Vec<usize>> {
                let cols = layout.get(r)?.columns();
                several.iter().map(|n| cols.iter().position(|c| c.label == *n)).collect()
            };
            let empty_in = |r: usize, cs: &[usize]| {
                cs.iter().all(|&c| filled.get(r).and_then(|f| f.get(c)).is_some_and(Option::is_none))
            };
            let target = match tokens.get(after_run).and_then(row_of) {
                Some(r) => Some(r),
                None if header_line => {
                    let open: Vec<usize> =
                        (0..layout.len()).filter(|&r| cols_of(r).is_some_and(|cs| empty_in(r, &cs))).collect();
                    match open.as_slice() {
                        [one] => Some(*one),
                        _ => None,
                    }
                }
                None => None,
            };
            if let Some(r) = target {
                let cs = cols_of(r)?;
                if cs.len() != run.len() || !empty_in(r, &cs) {
                    return None;
                }
                for (&c, &tok) in cs.iter().zip(&run) {
                    if let Some(cell) = filled.get_mut(r).and_then(|f| f.get_mut(c)) {
                        *cell = Some(tok);
                    }
                }
                used += run.len();
                continue;
            }
        }
        // After a block's caption (`第二十条第（五）项`): the first column of
        // the block before it, drawn with the next block's caption.
        if let Some(b) = caption_block(t.text, layout, &blocks) {
            let prev = b.checked_sub(1).and_then(|p| blocks.get(p))?;
            let rows: Vec<usize> =
                prev.clone().filter(|&r| filled.get(r).and_then(|f| f.first()).is_some_and(Option::is_none)).collect();
            if rows.len() != prev.len() || rows.len() != run.len() {
                return None;
            }
            for (&r, &tok) in rows.iter().zip(&run) {
                if let Some(cell) = filled.get_mut(r).and_then(|f| f.first_mut()) {
                    *cell = Some(tok);
                }
            }
            used += run.len();
            continue;
        }
        // A header broken over two lines (`本年` / `制发件数`, `本年制发` /
        // `件数`): read joined with the text right before it, when that
        // names no column alone, or when the two make a column's header
        // (or its start) and this part is no label of the vocabulary.
        let joined = || {
            let prev = i.checked_sub(1).and_then(|p| tokens.get(p)).filter(|p| p.kind == Kind::Text)?;
            let both = format!("{}{}", prev.text, t.text);
            let split_header = t.bits == 0 && starts_a_header(&both, &columns);
            (split_header || names_column(prev.text, &columns).is_none()).then_some(both)
        };
        let Some(name) = names_column(t.text, &columns).or_else(|| names_column(&joined()?, &columns)) else {
            // After a row's label: perhaps a figure drawn apart from its
            // header. After any other text, the order is not known.
            if t.bits & label::row_mask(TableKind::Active) == 0 || !orphans.is_empty() {
                return None;
            }
            orphans = run;
            continue;
        };
        headed.push(name);
        // The blocks whose column of that name has rows still empty.
        let empty_rows = |b: &std::ops::Range<usize>, c: usize| -> Vec<usize> {
            b.clone().filter(|&r| filled.get(r).and_then(|f| f.get(c)).is_some_and(Option::is_none)).collect()
        };
        let open: Vec<(usize, Vec<usize>)> = blocks
            .iter()
            .filter_map(|b| {
                let c = layout.get(b.start)?.columns().iter().position(|x| x.label == name)?;
                let rows = empty_rows(b, c);
                (rows.len() >= run.len()).then_some((c, rows))
            })
            .collect();
        let exact: Vec<&(usize, Vec<usize>)> = open.iter().filter(|(_, rows)| rows.len() == run.len()).collect();
        let (c, rows) = match (exact.as_slice(), open.as_slice()) {
            ([one], _) => *one,
            // Blocks alike (2019's 行政许可 and 行政处罚 blocks, each 处理决定
            // 数量 of two rows): the text draws them top to bottom, so the
            // first run is the upper block's — when it comes with a run
            // for each, the other right after.
            ([first, ..], _) if !short && exact.len() == runs_of(name) => *first,
            ([], [one]) if !short => one,
            ([], []) => {
                // More figures than the column's empty rows: the block's
                // next columns too, column by column, when the one block
                // whose columns from this one are all empty in the same
                // rows takes exactly as many.
                let wide: Vec<Vec<(usize, usize)>> = blocks
                    .iter()
                    .filter_map(|b| {
                        let width = layout.get(b.start)?.columns().len();
                        let c = layout.get(b.start)?.columns().iter().position(|x| x.label == name)?;
                        let rows = empty_rows(b, c);
                        let cols = run.len().checked_div(rows.len())?;
                        (cols > 1 && cols * rows.len() == run.len() && c + cols <= width)
                            .then(|| (c..c + cols).flat_map(|k| rows.iter().map(move |&r| (r, k))).collect::<Vec<_>>())
                            .filter(|cells| {
                                cells
                                    .iter()
                                    .all(|&(r, k)| filled.get(r).and_then(|f| f.get(k)).is_some_and(Option::is_none))
                            })
                    })
                    .collect();
                let [cells] = wide.as_slice() else { return None };
                for (&(r, k), &tok) in cells.iter().zip(&run) {
                    if let Some(cell) = filled.get_mut(r).and_then(|f| f.get_mut(k)) {
                        *cell = Some(tok);
                    }
                }
                used += run.len();
                continue;
            }
            _ => return None,
        };
        for (&r, &tok) in rows.iter().zip(&run) {
            if let Some(cell) = filled.get_mut(r).and_then(|f| f.get_mut(*c)) {
                *cell = Some(tok);
            }
        }
        used += run.len();
    }
    // Short of figures, every figure must stand under its header, and the
    // cells left must be of columns no header there names (drawn
    // elsewhere, header and figures): a column whose header is there but
    // whose run fell short may have given its figures to another block.
    if short {
        let left_headed = layout
            .iter()
            .zip(&filled)
            .any(|(k, row)| k.columns().iter().zip(row).any(|(c, cell)| cell.is_none() && headed.contains(&c.label)));
        if !orphans.is_empty() || left_headed {
            return None;
        }
    }
    // Figures after a row's label, not a header: the cells left, in order.
    let empty: Vec<(usize, usize)> = filled
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.iter().enumerate().filter(|(_, c)| c.is_none()).map(move |(c, _)| (r, c)))
        .collect();
    // Row by row and column by column read them alike only when the cells
    // left are in one row, or one column of one block.
    let one_row = empty.windows(2).all(|w| matches!(w, [a, b] if a.0 == b.0));
    let one_column = empty.windows(2).all(|w| matches!(w, [a, b] if a.1 == b.1))
        && blocks.iter().any(|b| empty.iter().all(|(r, _)| b.contains(r)));
    // So does any order when the figures are all alike (`0 0 0 0 0 0`).
    let kind = |i: &usize| tokens.get(*i).map(|t| t.kind);
    let alike = orphans.windows(2).all(|w| matches!(w, [a, b] if kind(a) == kind(b)));
    if !orphans.is_empty() && orphans.len() == empty.len() && (one_row || one_column || alike) {
        for (&(r, c), &tok) in empty.iter().zip(&orphans) {
            if let Some(cell) = filled.get_mut(r).and_then(|f| f.get_mut(c)) {
                *cell = Some(tok);
            }
        }
        used += orphans.len();
    } else if let Some(cells) = columns_as_paragraphs(tokens, &empty, &orphans, &blocks) {
        // Or the text shows the columns: each a paragraph of its own.
        for (&(r, c), &tok) in cells.iter().zip(&orphans) {
            if let Some(cell) = filled.get_mut(r).and_then(|f| f.get_mut(c)) {
                *cell = Some(tok);
            }
        }
        used += orphans.len();
    }
    if used != figures {
        return None;
    }
    Some(filled.into_iter().map(|row| row.into_iter().collect::<Option<Vec<usize>>>()).collect())
}

/// The cells `empty` (row, column), in the order the figures `orphans`
/// fill them, when the text draws those figures column by column: the
/// empty cells are the same two or more columns of two or more neighbouring
/// rows of one block, and the figures come as one paragraph a column (a
/// blank line between two paragraphs, one figure a line within one), each
/// exactly the rows. PDF text in reading order draws a column of cells
/// stacked one above another as one block of lines, and cells side by side
/// as blocks apart, so such paragraphs are columns, in their order; a
/// paragraph of a row's cells would hold as many figures as the columns,
/// which differ from the rows. `None` for any other shape.
fn columns_as_paragraphs(
    tokens: &[Token<'_>],
    empty: &[(usize, usize)],
    orphans: &[usize],
    blocks: &[std::ops::Range<usize>],
) -> Option<Vec<(usize, usize)>> {
    let (&(first_row, _), &(last_row, _)) = (empty.first()?, empty.last()?);
    let rows = last_row - first_row + 1;
    let cols: Vec<usize> = empty.iter().take_while(|(r, _)| *r == first_row).map(|&(_, c)| c).collect();
    // The same columns of each row, rows next to one another, in one block.
    let rectangle = empty.len() == rows * cols.len()
        && empty
            .iter()
            .enumerate()
            .all(|(k, &(r, c))| r == first_row + k / cols.len().max(1) && cols.get(k % cols.len().max(1)) == Some(&c));
    let in_block = blocks.iter().any(|b| b.contains(&first_row) && b.contains(&last_row));
    if !rectangle || !in_block || rows < 2 || cols.len() < 2 || rows == cols.len() || orphans.len() != empty.len() {
        return None;
    }
    let line = |i: usize| tokens.get(i).map(Token::line);
    // One figure a line, each paragraph exactly `rows` lines.
    let lines: Vec<usize> = orphans.iter().map(|&i| line(i)).collect::<Option<_>>()?;
    for (k, pair) in lines.windows(2).enumerate() {
        let [a, b] = pair else { return None };
        let new_paragraph = (k + 1) % rows == 0;
        let shows = if new_paragraph { *b > *a + 1 } else { *b == *a + 1 };
        if !shows {
            return None;
        }
    }
    // Column by column: the first paragraph the first column, top to bottom.
    Some(cols.iter().flat_map(|&c| (first_row..=last_row).map(move |r| (r, c))).collect())
}

/// The table read in any order when its figures are exactly as many as its
/// cells and every one is 0: every cell is 0, whichever order they come in.
/// Likewise when every figure is 0 but those only an amount of money can be
/// (a fraction, or one marked 元 or 万元), exactly one for each money column
/// (`0 0 … 0.2088`: the fees' amount). `None` otherwise.
pub(crate) fn all_zeros(tokens: &[Token<'_>], layout: &[RowKey]) -> Option<Vec<Option<Vec<usize>>>> {
    let figures: Vec<usize> = (0..tokens.len()).filter(|&i| tokens.get(i).is_some_and(Token::is_definite)).collect();
    let cells: usize = layout.iter().map(|k| k.columns().len()).sum();
    let number = |i: usize| match tokens.get(i).map(|t| t.kind) {
        Some(Kind::Figure(Figure::Number(n, suffix))) => Some((n, suffix)),
        _ => None,
    };
    let money_only = |&i: &usize| {
        number(i).is_some_and(|(n, suffix)| n.as_i64().is_none() || matches!(suffix, Some(Suffix::Yuan | Suffix::Wan)))
    };
    let (money, rest): (Vec<usize>, Vec<usize>) = figures.iter().copied().partition(|i| money_only(i));
    let money_cells = layout.iter().flat_map(|k| k.columns()).filter(|c| c.unit == Unit::Money).count();
    if cells == 0
        || figures.len() != cells
        || !rest.iter().all(|&i| number(i).is_some_and(|(n, _)| n.mantissa() == 0))
        || !(money.is_empty() || money.len() == money_cells)
    {
        return None;
    }
    let (mut zeros, mut money) = (rest.into_iter(), money.into_iter().peekable());
    let by_money = money.peek().is_some();
    Some(
        layout
            .iter()
            .map(|k| {
                k.columns()
                    .iter()
                    .map(|c| if by_money && c.unit == Unit::Money { money.next() } else { zeros.next() })
                    .collect()
            })
            .collect(),
    )
}

/// Most lines of text before them that [`leading_header_runs`] passes
/// over (the next table's caption: `申请人情况`, `（本列数据的勾稽关系…）`).
const MAX_TEXT_BEFORE_HEADERS: usize = 4;

/// The column headers of `layout` that open `tokens` (the next region's),
/// each with the figures directly after it: a table 二 whose last columns
/// were drawn after the next heading (`现行有效件数 59 416`), perhaps after
/// a few pieces of that table's caption (no row label, no figure between).
pub(crate) fn leading_header_runs<'a>(tokens: &[Token<'a>], layout: &[RowKey]) -> Vec<Token<'a>> {
    let columns: Vec<&'static ColumnSpec> = layout.iter().flat_map(|k| k.columns().iter()).collect();
    let rows = TableKind::ALL.iter().fold(0u64, |m, &k| m | label::row_mask(k));
    let mut out = Vec::new();
    let mut i = 0;
    let mut passed = 0usize;
    while let Some(t) = tokens.get(i) {
        match t.kind {
            Kind::Noise | Kind::Empty => i += 1,
            // (Text before the first header, that names no column and is
            // no row's label.)
            Kind::Text
                if out.is_empty()
                    && passed < MAX_TEXT_BEFORE_HEADERS
                    && t.bits & rows == 0
                    && names_column(t.text, &columns).is_none() =>
            {
                passed += 1;
                i += 1;
            }
            Kind::Text if names_column(t.text, &columns).is_some() => {
                let run: Vec<Token<'a>> = tokens
                    .get(i + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|u| u.kind != Kind::Text)
                    .filter(|u| u.is_definite())
                    .copied()
                    .collect();
                if run.is_empty() {
                    break;
                }
                out.push(*t);
                i += 1 + tokens.get(i + 1..).unwrap_or(&[]).iter().take_while(|u| u.kind != Kind::Text).count();
                out.extend(run);
            }
            _ => break,
        }
    }
    out
}

/// What the labels say of a reading in order: each row whose label is
/// directly followed, or preceded (values drawn before their labels), by
/// exactly its number of figures — or one fewer, a row without its total
/// drawn after the rows — either bears the reading out (the reading gives
/// the row those figures) or denies it. A run of zeros, which fits any row,
/// and a whole row's run that breaks the row's own total say nothing —
/// except against a figure from beyond the next row's label: a label
/// followed (across its wrapped tail) by exactly its cells, all blank or
/// 0, denies a reading that moves such a figure into its row. A figure drawn late shifts the rows after it, which
/// rows of zeros cannot show: the labels can.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LabelEvidence {
    /// Rows of the reading that have a label.
    pub labelled: usize,
    /// Rows whose label's run the reading gives them.
    pub borne: usize,
    /// Rows whose label is directly followed by a run the reading denies.
    pub against: usize,
    /// Rows beside whose label stands a run of one figure fewer than the
    /// row has cells (the shape of totals drawn after the rows), and rows
    /// beside whose label stands a whole row's run, zeros or not.
    pub short: usize,
    pub whole: usize,
    /// Rows in a run of two or more neighbouring labels each followed by
    /// one figure alone whose first cell the reading takes from elsewhere
    /// (that figure or not, whatever its value).
    pub lone_elsewhere: usize,
}

impl LabelEvidence {
    /// The labels confirm a reading row by row in the printed order: no
    /// row denies it, at least half the labelled rows bear it out, and the
    /// runs by the labels are mostly whole rows, not rows without their
    /// totals (whose totals come elsewhere, so that rows read whole in
    /// printed order are shifted).
    pub(crate) fn confirms(&self) -> bool {
        self.against == 0 && self.borne * 2 >= self.labelled && self.short <= self.whole
    }
}

impl LabelEvidence {
    /// `rows`: the reading's figure tokens per row of `layout`;
    /// `labels`: the rows found, with their label tokens.
    pub(crate) fn of(
        tokens: &[Token<'_>],
        layout: &[RowKey],
        rows: &[Option<Vec<usize>>],
        labels: &[(RowKey, Option<usize>)],
    ) -> LabelEvidence {
        let values = |ts: &[usize]| -> Vec<Option<(i64, u8)>> {
            ts.iter()
                .map(|&i| match tokens.get(i).map(|t| t.kind) {
                    Some(Kind::Figure(Figure::Number(n, _))) => Some((n.mantissa(), n.scale())),
                    Some(Kind::Figure(Figure::Blank(_))) => Some((0, 0)),
                    _ => None,
                })
                .collect()
        };
        let mut e = LabelEvidence::default();
        // Rows borne out by zeros before their label but denied by other
        // figures after it, and the rows whose other figures bear the
        // reading out after (true) or before (false) their label.
        let mut conflicts: Vec<usize> = Vec::new();
        let mut sides: Vec<(usize, bool)> = Vec::new();
        // The figures standing alone, text on both sides (noise and empty
        // cells aside): one drawn beside a group label spanning rows.
        let alone = |i: usize| {
            let text_at = |t: Option<&Token<'_>>| t.is_none_or(|t| t.kind == Kind::Text);
            let skip = |t: &&Token<'_>| matches!(t.kind, Kind::Noise | Kind::Empty);
            tokens.get(i).is_some_and(Token::is_definite)
                && text_at(tokens.get(..i).unwrap_or(&[]).iter().rev().find(|t| !skip(t)))
                && text_at(tokens.get(i + 1..).unwrap_or(&[]).iter().find(|t| !skip(t)))
        };
        let lone: Vec<usize> = (0..tokens.len()).filter(|&i| alone(i)).collect();
        let lone = values(&lone);
        for (r, (key, read)) in layout.iter().zip(rows).enumerate() {
            let (Some(&(_, Some(l))), Some(got)) = (labels.iter().find(|x| x.0 == *key), read.as_deref()) else {
                continue;
            };
            e.labelled += 1;
            let w = key.columns().len();
            let after = run_figures(tokens, l + 1..tokens.len(), w + 1);
            let mut before = run_figures(tokens, (0..l).rev(), w + 1);
            before.reverse();
            let got = values(got);
            // Table 三's own total: the last cell is the sum of the others.
            let holds_own = |v: &[Option<(i64, u8)>]| {
                let n = v.len();
                let sum: Option<i64> = v.get(..n.saturating_sub(1)).unwrap_or(&[]).iter().map(|x| x.map(|y| y.0)).sum();
                key.spec().table != TableKind::Requests || sum == v.last().copied().flatten().map(|y| y.0)
            };
            // The one figure after the text that ends the label's run, if
            // one alone stands there.
            // (That text may be several lines: the label's wrapped tail
            // and a group label's part, `他处理` / `用、行政…公开 0`.)
            let is_text = |i: &usize| tokens.get(*i).is_some_and(|t| t.kind == Kind::Text);
            let apart: Option<Option<(i64, u8)>> = (l + 1..tokens.len())
                .find(is_text)
                .map(|t| (t..tokens.len()).take_while(is_text).count() + t)
                .map(|t| run_figures(tokens, t..tokens.len(), 2))
                .filter(|f| f.len() == 1)
                .and_then(|f| values(&f).first().copied());
            let just_before: Option<Option<(i64, u8)>> = before.last().and_then(|&b| values(&[b]).first().copied());

            let one_out = |all: &[Option<(i64, u8)>], k: usize| -> Vec<Option<(i64, u8)>> {
                all.iter().enumerate().filter(|&(i, _)| i != k).map(|(_, x)| *x).collect()
            };
            let side = |run: &[usize]| -> Option<bool> {
                let v = values(run);
                let zeros = v.iter().all(|x| *x == Some((0, 0)));
                match w.checked_sub(v.len()) {
                    _ if zeros && v != got.get(..v.len()).unwrap_or(&[]) => None,
                    Some(0) if v != got && !holds_own(&v) => None,
                    Some(0) => Some(v == got),
                    Some(1) if w > 2 && got.get(..v.len()) == Some(v.as_slice()) => Some(true),
                    // One of the row's figures drawn apart, alone after the
                    // next text (a line of its wrapped label): no denial,
                    // nor proof.
                    Some(1)
                        if w > 2 && (0..got.len()).any(|k| one_out(&got, k) == v && got.get(k) == apart.as_ref()) =>
                    {
                        None
                    }
                    // Or the first, just before the label.
                    Some(1) if w > 2 && got.get(1..) == Some(v.as_slice()) && got.first() == just_before.as_ref() => {
                        None
                    }
                    // Or one standing alone between texts anywhere (beside
                    // a group label spanning rows, drawn where it stands).
                    Some(1)
                        if w > 2
                            && (0..got.len())
                                .any(|k| one_out(&got, k) == v && got.get(k).is_some_and(|x| lone.contains(x))) =>
                    {
                        None
                    }
                    Some(1) if w > 2 => Some(false),
                    _ => None,
                }
            };
            let (a, b) = (side(&after), side(&before));
            let zeros = |run: &[usize]| values(run).iter().all(|x| *x == Some((0, 0)));
            // The label's run read across its wrapped tail (text of no
            // row) up to the next row's label: exactly the row's cells, all
            // blank or 0, deny a reading that gives the row another figure
            // (one drawn far late, moved there among zeros that fit
            // anywhere).
            if after.len() < w {
                let rows = label::row_mask(key.spec().table);
                let mut across: Vec<usize> = Vec::with_capacity(w + 1);
                let mut next_row = tokens.len();
                for (i, t) in tokens.iter().enumerate().skip(l + 1) {
                    if t.kind == Kind::Text && t.bits & rows != 0 || across.len() > w {
                        next_row = i;
                        break;
                    }
                    if t.is_definite() {
                        across.push(i);
                    }
                }
                // (A figure from beyond the next row's label, not one drawn
                // before this label.)
                let from_beyond = read
                    .iter()
                    .flatten()
                    .any(|&i| i > next_row && tokens.get(i).and_then(Token::count).is_some_and(|v| v != 0));
                if across.len() == w && zeros(&across) && from_beyond {
                    e.against += 1;
                    continue;
                }
            }
            if a == Some(true) && !zeros(&after) {
                sides.push((r, true));
            }
            if b == Some(true) && !zeros(&before) {
                sides.push((r, false));
            }
            // The row's figures drawn just before its label, after the
            // last figure of the row before (its total, drawn late): a
            // whole row after the label is then the next row's, and denies
            // nothing.
            let closest = before.get(before.len().saturating_sub(w)..).filter(|_| before.len() > w);
            let before_label = closest.is_some_and(|run| side(run) == Some(true));
            e.short += usize::from(after.len() + 1 == w || before.len() + 1 == w);
            e.whole += usize::from(after.len() == w || before.len() == w);
            if a == Some(true) || b == Some(true) {
                e.borne += 1;
                if a == Some(false) && !zeros(&after) && b == Some(true) && zeros(&before) && !before_label {
                    conflicts.push(r);
                }
            } else if a == Some(false) && !before_label {
                e.against += 1;
            }
        }
        // Zeros fit any row: such a row is denied when the rows whose other
        // figures bear the reading out mostly have them after their labels,
        // and so does the nearest of them (the figures follow their labels
        // there), not before.
        let after_first = 2 * sides.iter().filter(|s| s.1).count() > sides.len();
        for r in conflicts.into_iter().filter(|_| after_first) {
            let nearest = |after: bool| sides.iter().filter(|s| s.1 == after).map(|s| s.0.abs_diff(r)).min();
            if nearest(true).is_some_and(|d| nearest(false).is_none_or(|e| d < e)) {
                e.borne -= 1;
                e.against += 1;
            }
        }
        e.against += split_runs(tokens, layout, rows, labels, e.short > e.whole);
        e.against += first_column_by_labels(tokens, layout, rows, labels, MIN_LABELS_ALTERNATING, false);
        e.lone_elsewhere = first_column_by_labels(tokens, layout, rows, labels, 2, true);
        e
    }
}

/// Fewest rows in a run of labels each followed by one figure alone that
/// [`first_column_by_labels`] takes as evidence.
const MIN_LABELS_ALTERNATING: usize = 4;

/// The rows a reading denies when the text draws the table's first column
/// by the labels: neighbouring rows' labels each followed by one figure
/// alone and then the next row's label (text of no row between, a wrapped
/// label's tail after the figure), the first of those labels after text
/// (no figure before it, so each figure is the label's before it, not the
/// one's after), four rows or more: those of them whose first cell the
/// reading does not read as the figure after its label. (Zeros fit any
/// row: a reading that holds by them may put a row's figure by another's
/// label.)
///
/// With `min_run` rows or more (rather than four), and `by_token`: the
/// rows whose first cell is not that very figure, even of the same value.
fn first_column_by_labels(
    tokens: &[Token<'_>],
    layout: &[RowKey],
    rows: &[Option<Vec<usize>>],
    labels: &[(RowKey, Option<usize>)],
    min_run: usize,
    by_token: bool,
) -> usize {
    let Some(table) = layout.first().map(|k| k.spec().table) else { return 0 };
    let mask = label::row_mask(table);
    let label_of = |r: usize| {
        let key = layout.get(r)?;
        labels.iter().find(|x| x.0 == *key).and_then(|x| x.1)
    };
    // The one figure after label `l`, up to the next row's label at `next`.
    let lone_after = |l: usize, next: usize| -> Option<usize> {
        let between = tokens.get(l + 1..next)?;
        if between.iter().any(|t| t.kind == Kind::Text && t.bits & mask != 0) {
            return None;
        }
        let figures: Vec<usize> = (l + 1..next).filter(|&i| tokens.get(i).is_some_and(Token::is_definite)).collect();
        let [one] = figures.as_slice() else { return None };
        // Right after the label (a wrapped tail after it, not before it).
        tokens.get(l + 1..*one)?.iter().all(|t| t.kind != Kind::Text).then_some(*one)
    };
    let count = |i: usize| tokens.get(i).and_then(Token::count);
    let figure_before = |l: usize| {
        let skip = |t: &&Token<'_>| matches!(t.kind, Kind::Noise | Kind::Empty);
        tokens.get(..l).unwrap_or(&[]).iter().rev().find(|t| !skip(t)).is_some_and(Token::is_definite)
    };
    let mut denied = 0usize;
    let mut r = 0usize;
    while r < layout.len() {
        // A run of rows from `r`: its first label with text before it.
        let Some(first) = label_of(r).filter(|&l| !figure_before(l)) else {
            r += 1;
            continue;
        };
        let mut run: Vec<(usize, usize)> = Vec::new();
        let (mut l, mut k) = (first, r);
        while let Some(next) = label_of(k + 1).filter(|&n| n > l) {
            let Some(one) = lone_after(l, next) else { break };
            run.push((k, one));
            k += 1;
            l = next;
        }
        if run.len() >= min_run {
            denied += run
                .iter()
                .filter(|&&(row, one)| {
                    let first = rows.get(row).and_then(|x| x.as_ref()).and_then(|x| x.first().copied());
                    first.is_some_and(|f| if by_token { f != one } else { count(f) != count(one) })
                })
                .count();
        }
        r = k + 1;
    }
    denied
}

/// The figures (token indices, in the order walked) of the run of tokens
/// other than text along `indices`, at most `most` of them.
fn run_figures(tokens: &[Token<'_>], indices: impl Iterator<Item = usize>, most: usize) -> Vec<usize> {
    indices
        .map_while(|i| tokens.get(i).filter(|t| t.kind != Kind::Text).map(|t| (i, t)))
        .filter(|(_, t)| t.is_definite())
        .map(|(i, _)| i)
        .take(most)
        .collect()
}

/// The runs of figures that stand between texts beside a row's label, not
/// all zeros, that `rows` (a reading's figure tokens per row of `layout`)
/// gives to no row near the label (with one more figure drawn elsewhere,
/// for a run one short): each is drawn as one row's, so a reading that
/// shifts the rows by a cell (rows of zeros hold however they are cut) is
/// denied by it. A run counts when it is a
/// whole row keeping its own total, or one figure fewer where the labels'
/// runs are mostly so (`short`: the rows' totals drawn after the rows) —
/// not a run of a block drawn column by column that happens to stand
/// between labels. A run by rows the reading leaves undecided says
/// nothing.
fn split_runs(
    tokens: &[Token<'_>],
    layout: &[RowKey],
    rows: &[Option<Vec<usize>>],
    labels: &[(RowKey, Option<usize>)],
    short: bool,
) -> usize {
    let mut seen: Vec<usize> = Vec::new();
    let mut against = 0;
    for (key, l) in labels.iter().filter_map(|&(k, l)| Some((k, l?))) {
        let Some(r) = layout.iter().position(|k| *k == key) else { continue };
        let w = key.columns().len();
        if w < 3 {
            continue;
        }
        let count = |i: &usize| tokens.get(*i).and_then(Token::count);
        let after = run_figures(tokens, l + 1..tokens.len(), w + 1);
        let mut before = run_figures(tokens, (0..l).rev(), w + 1);
        before.reverse();
        for figures in [after, before].into_iter().filter(|f| f.len() <= w) {
            let zeros = figures.iter().all(|i| count(i) == Some(0));
            let first = figures.first().copied();
            let whole_row = figures.len() == w && {
                let (total, cells) = figures.split_last().unzip();
                cells.into_iter().flatten().map(count).sum::<Option<i64>>() == total.and_then(count)
            };
            if !(whole_row || (short && figures.len() + 1 == w)) || zeros || seen.contains(&first.unwrap_or(usize::MAX))
            {
                continue;
            }
            seen.extend(first);
            // The row it stands by (this label's, or a neighbour's, as the
            // figures come after or before their labels) read as these
            // figures (the figures, not the tokens: a zero may be read from
            // another zero's place), or, for a run one short, as these and
            // one drawn elsewhere: its total after the rows, or any other
            // (a figure on a line of its label) with these very figures.
            let near: Vec<&Vec<usize>> = rows.iter().skip(r.saturating_sub(1)).take(3).flatten().collect();
            let same = |a: &[usize]| a.iter().map(count).eq(figures.iter().map(count));
            let fits = |row: &&Vec<usize>| match row.len().checked_sub(figures.len()) {
                Some(0) => same(row),
                Some(1) => same(row.get(..figures.len()).unwrap_or(&[])) || figures.iter().all(|t| row.contains(t)),
                _ => false,
            };
            if !near.is_empty() && !near.iter().any(fits) {
                against += 1;
            }
        }
    }
    against
}

/// The most rules a reading may break and still be believed, in text whose
/// figures come in reading order: one wrong figure in a report breaks up to
/// three (its row's total, its column's total, the balance); a figure out
/// of place breaks many more.
const MAX_BROKEN: usize = 3;

/// What the text says of how far a reading of a table's figures in order
/// ([`assign`]) can be trusted: every guard in one place.
#[derive(Debug, Default)]
pub(crate) struct OrderEvidence {
    /// The figures come in reading order (not laid out in rows).
    in_order: bool,
    /// The table is one row (table 四), whose other orders `assign` tried.
    one_row: bool,
    /// Figures were fetched from beyond the table as the first few of a
    /// longer run: which figures are the table's is itself a guess.
    fetched: bool,
    /// PDF text whose figures mix full-width and ASCII digits, drawn as
    /// separate runs (see [`two_fonts`]).
    two_fonts: bool,
    /// What the labels say of the reading.
    labels: LabelEvidence,
    /// The reading takes the figures in their printed order.
    printed_order: bool,
    /// The reading takes the first of the figures in their printed order.
    leading_order: bool,
}

impl OrderEvidence {
    /// The evidence on `rows`, a reading of `tokens` in order; `labelled`:
    /// the rows found with their label tokens; `web_order`: copied web-page
    /// text, which keeps the page's order (no runs by font).
    pub(crate) fn of(
        tokens: &[Token<'_>],
        layout: &[RowKey],
        rows: &[Option<Vec<usize>>],
        labelled: &[(RowKey, Option<usize>)],
        in_order: bool,
        web_order: bool,
        fetched: bool,
    ) -> OrderEvidence {
        let one_row = layout.len() == 1;
        let labels = if in_order && !one_row {
            LabelEvidence::of(tokens, layout, rows, labelled)
        } else {
            LabelEvidence::default()
        };
        let read: Vec<usize> = rows.iter().flatten().flatten().copied().collect();
        let figures: Vec<usize> =
            (0..tokens.len()).filter(|&i| tokens.get(i).is_some_and(Token::is_definite)).collect();
        OrderEvidence {
            in_order,
            one_row,
            fetched,
            two_fonts: in_order && !web_order && two_fonts(tokens),
            labels,
            printed_order: read == figures,
            leading_order: !read.is_empty() && figures.starts_with(&read),
        }
    }

    /// The labels deny the reading.
    pub(crate) fn labels_deny(&self) -> bool {
        self.labels.against > 0
    }

    /// Whether a reading of a table short of figures, its leading rows
    /// read and the rest left (see `assign`), is believed as far as it
    /// goes: row by row in the printed order, which the labels confirm, in
    /// one font, nothing fetched. (The figures missing may be anywhere in
    /// another lay; in rows of zeros only the labels tell where.)
    pub(crate) fn believes_leading_rows(&self) -> bool {
        self.leading_order && self.labels.confirms() && !self.two_fonts && !self.fetched
    }

    /// Whether a reading that leaves `unknown` cells unknown and breaks
    /// `broken` of the table's `rules` rules is believed. One that breaks
    /// none is, unless its labels deny it. One that breaks some is taken
    /// for the report's own error only when every cell is read, it breaks
    /// no more than one wrong figure would, and not every rule (a printed
    /// order that breaks every rule is a misreading); and, in reading
    /// order, only when one wrong figure explains what it breaks, the
    /// labels confirm it (no row whose label a figure alone follows, among
    /// neighbours so drawn, takes its first cell from elsewhere: zeros of
    /// a first column drawn by the labels fit a reading across them, which
    /// moves the figures after them), it reads the figures in their printed order
    /// (another lay that breaks a rule is as likely the wrong lay), in one
    /// font, with no figure fetched by guess. Table 四's one row has had its
    /// other orders tried already: it needs only `one_figure_explains`,
    /// which its caller makes true as well when no order of the figures
    /// holds (two figures drawn out of place break two totals, as two
    /// wrong figures would: only the figures themselves tell them apart).
    pub(crate) fn believes(
        &self,
        unknown: usize,
        broken: usize,
        rules: usize,
        one_figure_explains: impl FnOnce() -> bool,
    ) -> bool {
        let against = self.labels.against;
        (broken == 0 && against == 0)
            || (unknown == 0
                && broken <= MAX_BROKEN
                && !self.fetched
                && !self.two_fonts
                && against == 0
                && (!self.in_order
                    || ((self.one_row
                        || (self.labels.confirms()
                            && self.labels.borne >= MIN_BORNE_FOR_ERROR
                            && self.labels.lone_elsewhere == 0
                            && self.printed_order))
                        && one_figure_explains()))
                && broken < rules)
    }
}

/// Fewest rows whose labels bear out a reading in order that is taken to
/// break a rule by the report's own error.
const MIN_BORNE_FOR_ERROR: usize = 2;

/// True when the table's figures mix full-width and ASCII digits: in PDF
/// text the two fonts are drawn as separate runs, so their order in reading
/// order says nothing of their places (a broken rule there is as likely a
/// figure drawn late as the report's own error).
pub(crate) fn two_fonts(tokens: &[Token<'_>]) -> bool {
    let wide = |t: &Token<'_>| t.text.chars().any(|c| ('０'..='９').contains(&c));
    let figures = || tokens.iter().filter(|t| matches!(t.kind, Kind::Figure(Figure::Number(..))));
    figures().any(wide) && figures().any(|t| !wide(t))
}

/// True when `figures` are all zeros (`0`, `０`, runs of them) of one
/// count: in whatever order their fonts are drawn, they read the same.
pub(crate) fn zeros_alike(figures: &[Token<'_>]) -> bool {
    figures
        .first()
        .and_then(Token::count)
        .is_some_and(|v| figures.iter().all(|t| t.count() == Some(v) && t.text.chars().all(|c| c == '0' || c == '０')))
}

/// True when one of the figures at `row` (token indices) stands in a run
/// of figures (no text between them) that mixes full-width and ASCII
/// digits, not all alike: PDF text draws each font's glyphs as a run of its
/// own (see [`two_fonts`]), so the order within such a run, and so which
/// row or column each of its figures is, is not known. Figures of two
/// fonts in runs apart (each after its own column header, or its label)
/// keep their places.
pub(crate) fn in_a_run_of_two_fonts(tokens: &[Token<'_>], row: &[usize]) -> bool {
    let is_text = |i: usize| tokens.get(i).is_some_and(|t| t.kind == Kind::Text);
    row.iter().any(|&i| {
        let start = (0..i).rev().find(|&j| is_text(j)).map_or(0, |j| j + 1);
        let end = (i..tokens.len()).find(|&j| is_text(j)).unwrap_or(tokens.len());
        let run: Vec<Token<'_>> =
            tokens.get(start..end).unwrap_or(&[]).iter().filter(|t| t.is_definite()).copied().collect();
        two_fonts(&run) && !zeros_alike(&run)
    })
}

/// True when a row's figures in reading order are its blank markers of a
/// CJK font (`／`, `无`, `－`) all together before or after its numbers,
/// two markers or more (`／ ／ 1`): PDF text draws such markers as a run
/// of their own, so `／ 1 ／` comes out so too, and which cells the numbers
/// are is not known.
pub(crate) fn markers_apart(figures: &[Token<'_>]) -> bool {
    let marker = |t: &Token<'_>| matches!(t.kind, Kind::Figure(Figure::Blank(_))) && !t.text.is_ascii();
    let number = |t: &Token<'_>| matches!(t.kind, Kind::Figure(Figure::Number(..)));
    let markers = figures.iter().filter(|t| marker(t)).count();
    let numbers = figures.iter().filter(|t| number(t)).count();
    if markers < 2 || numbers == 0 || markers + numbers != figures.len() {
        return false;
    }
    let first = figures.iter().take_while(|t| marker(t)).count();
    let last = figures.iter().rev().take_while(|t| marker(t)).count();
    first == markers || last == markers
}

/// True when a row in two fonts (see [`two_fonts`]) still shows its order:
/// its one figure written with a sign (`+3`, `-1`) stands where the row's
/// 本年增/减 column is, and no other figure has a sign. Each font's figures
/// keep their order, so the figures before the signed one come before the
/// change and the figures after it after: the printed order is the only one.
pub(crate) fn sign_tells_order(columns: &[ColumnSpec], figures: &[Token<'_>]) -> bool {
    let signed = |t: &Token<'_>| {
        matches!(t.kind, Kind::Figure(Figure::Number(..)))
            && t.text.trim_start().starts_with(['+', '-', '＋', '－', '−'])
            && t.text.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    let change = columns.iter().position(|c| matches!(c.unit, super::vocab::Unit::Change));
    let mut at = figures.iter().enumerate().filter(|(_, t)| signed(t)).map(|(i, _)| i);
    figures.len() == columns.len() && change.is_some() && at.next() == change && at.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::super::stream::{split_zero_runs, tokenize};
    use super::super::vocab;
    use super::super::vocab::Template;
    use super::*;

    #[test]
    fn full_width_numbers_after_every_ascii_one_may_be_their_fonts_run() {
        let last = |text: &str| {
            let lexed = crate::lex::lex(text);
            let toks = super::super::stream::tokenize(&lexed, 0..lexed.len(), 0);
            let figs: Vec<usize> = (0..toks.len()).filter(|&i| toks.get(i).is_some_and(Token::is_definite)).collect();
            wide_digits_last(&toks, &figs)
        };
        assert!(last("0\n0\n0\n2\n２\n"));
        assert!(last("1\n０\n１\n"));
        // Printed among ASCII ones, or alone: the fonts kept their order.
        assert!(!last("２\n0\n0\n0\n2\n"));
        assert!(!last("0\n２\n0\n"));
        assert!(!last("２\n１\n"));
        assert!(!last("2\n1\n"));
    }

    #[test]
    fn blank_markers_all_together_may_be_a_run_of_their_own() {
        let apart = |text: &str| {
            let lexed = crate::lex::lex(text);
            let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Active));
            let figures: Vec<Token<'_>> = tokens.into_iter().filter(Token::is_definite).collect();
            markers_apart(&figures)
        };
        assert!(apart("／\n／\n1\n"));
        assert!(apart("12\n无\n无\n"));
        // Between the numbers, or one alone, or ASCII (one font with the
        // digits): the order as printed.
        assert!(!apart("／\n1\n／\n"));
        assert!(!apart("／\n1\n"));
        assert!(!apart("/\n/\n1\n"));
        assert!(!apart("／\n／\n／\n"));
    }

    /// Table 二 (2021) read by `by_header_groups`: each row's figures as text.
    fn by_headers(text: &str) -> Option<Vec<Vec<String>>> {
        by_headers_of(text, Template::Y2021)
    }

    /// Table 二 of `template` read by `by_header_groups`.
    fn by_headers_of(text: &str, template: Template) -> Option<Vec<Vec<String>>> {
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Active));
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Active, template).collect();
        let rows = by_header_groups(&tokens, &layout)?;
        let text_of = |i: &usize| tokens.get(*i).map_or(String::new(), |t| t.text.to_string());
        Some(rows.into_iter().map(|r| r.unwrap_or_default().iter().map(text_of).collect()).collect())
    }

    #[test]
    fn labels_bear_out_or_deny_a_reading() {
        let text = "一、本年新收政府信息公开申请数量\n1\n2\n0\n0\n0\n0\n3\n二、上年结转政府信息公开申请数量\n4\n0\n0\n0\n0\n0\n4\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).take(2).collect();
        let labels: Vec<(RowKey, Option<usize>)> = vec![(layout[0], Some(0)), (layout[1], Some(8))];
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        let rows = |a: &[usize], b: &[usize]| vec![Some(a.to_vec()), Some(b.to_vec())];
        // Each label's own run: borne out.
        let e = LabelEvidence::of(&tokens, &layout, &rows(&figs[0..7], &figs[7..14]), &labels);
        assert_eq!((e.labelled, e.borne, e.against), (2, 2, 0));
        // The second row shifted by one figure: denied by its label's run
        // (the run before it is the first row's, not this reading either),
        // and that run, standing between labels, split between the rows.
        let e = LabelEvidence::of(&tokens, &layout, &rows(&figs[0..7], &figs[6..13]), &labels);
        assert_eq!((e.borne, e.against), (1, 2));
        assert_eq!(split_runs(&tokens, &layout, &rows(&figs[0..7], &figs[6..13]), &labels, false), 1);
        // Values drawn before their labels: the run before bears it out.
        let e = LabelEvidence::of(&tokens, &layout, &rows(&figs[7..14], &figs[0..7]), &labels);
        assert_eq!((e.borne, e.against), (1, 1));
        // Rows of zeros (any cut holds) say nothing of where a row starts.
        let zeros = text.replace(|c: char| c.is_ascii_digit(), "0");
        let lexed = crate::lex::lex(&zeros);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        assert_eq!(split_runs(&tokens, &layout, &rows(&figs[0..7], &figs[6..13]), &labels, false), 0);
    }

    #[test]
    fn a_first_column_drawn_by_the_labels_denies_a_reading_across_them() {
        // Five rows' labels, each followed by its first figure alone (the
        // rest of their columns drawn elsewhere, here after them): `…予以公开
        // 0 / (二)部分公开… 1 / …`. A reading that gives 部分公开 the figure
        // by 予以公开's label is denied; one that gives each row its own, not.
        let text = "(一)予以公开\n0\n(二)部分公开\n1\n1.属于国家秘密\n0\n2.其他法律行政法规禁止公开\n0\n\
                    3.危及“三安全一稳定”\n0\n4.保护第三方合法权益\n结转\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).skip(2).take(6).collect();
        let texts: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].kind == Kind::Text).collect();
        let labels: Vec<(RowKey, Option<usize>)> = (0..6).map(|k| (layout[k], texts.get(k).copied())).collect();
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        let own: Vec<Option<Vec<usize>>> = (0..6).map(|k| figs.get(k).map(|&f| vec![f])).collect();
        assert_eq!(first_column_by_labels(&tokens, &layout, &own, &labels, MIN_LABELS_ALTERNATING, false), 0);
        // Each row given the figure by the label before: 部分公开 reads 0
        // for its 1, and 国家秘密 the 1.
        let shifted: Vec<Option<Vec<usize>>> =
            (0..6usize).map(|k| k.checked_sub(1).and_then(|j| figs.get(j)).map(|&f| vec![f])).collect();
        assert_eq!(first_column_by_labels(&tokens, &layout, &shifted, &labels, MIN_LABELS_ALTERNATING, false), 2);
        // By the figures themselves, not their values: the zeros moved too.
        assert_eq!(first_column_by_labels(&tokens, &layout, &shifted, &labels, 2, true), 4);
        assert_eq!(first_column_by_labels(&tokens, &layout, &own, &labels, 2, true), 0);
        // A figure before the first label: each may be the label's after it,
        // and nothing is told.
        let before = format!("5\n{text}");
        let lexed = crate::lex::lex(&before);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let texts: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].kind == Kind::Text).collect();
        let labels: Vec<(RowKey, Option<usize>)> = (0..6).map(|k| (layout[k], texts.get(k).copied())).collect();
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        let shifted: Vec<Option<Vec<usize>>> = (0..6).map(|k| figs.get(k).map(|&f| vec![f])).collect();
        assert_eq!(first_column_by_labels(&tokens, &layout, &shifted, &labels, MIN_LABELS_ALTERNATING, false), 0);
    }

    /// Table 三's first three rows of `text`: its tokens, the rows, each
    /// row with its label (the k-th text), and the figures' tokens.
    #[allow(clippy::type_complexity)]
    fn first_three_rows(text: &str) -> (Vec<Token<'_>>, Vec<RowKey>, Vec<(RowKey, Option<usize>)>, Vec<usize>) {
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).take(3).collect();
        let label_at = |k: usize| (0..tokens.len()).filter(|&i| tokens[i].kind == Kind::Text).nth(k);
        let labels: Vec<(RowKey, Option<usize>)> = (0..3).map(|k| (layout[k], label_at(k))).collect();
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        (tokens, layout, labels, figs)
    }

    #[test]
    fn a_label_one_figure_short_and_a_figure_alone_elsewhere_deny_nothing() {
        // 上年结转's run is one short (`2 0 0 0 0 2`); its missing 0 stands
        // alone beside a group label after the next row. The reading that
        // gives the row a 0 from there is not denied; one that gives it
        // another figure than any standing alone is.
        let text = "一、本年新收政府信息公开申请数量\n1\n0\n0\n0\n0\n0\n1\n二、上年结转政府信息公开申请数量\n2\n0\n0\n0\n0\n2\n\
                    （一）予以公开\n3\n0\n0\n0\n0\n0\n3\n三、本年度办理结果\n0\n（三）不予公开\n";
        let (tokens, layout, labels, figs) = first_three_rows(text);
        let lone = figs[20];
        let second: Vec<usize> = [&figs[7..12], &[lone][..], &figs[12..13]].concat();
        let rows = vec![Some(figs[0..7].to_vec()), Some(second), Some(figs[13..20].to_vec())];
        assert_eq!(LabelEvidence::of(&tokens, &layout, &rows, &labels).against, 0);
        // The same row given 予以公开's 3 instead: denied.
        let other: Vec<usize> = [&figs[7..12], &figs[13..14], &figs[12..13]].concat();
        let rows = vec![Some(figs[0..7].to_vec()), Some(other), Some(figs[13..20].to_vec())];
        assert!(LabelEvidence::of(&tokens, &layout, &rows, &labels).against > 0);
    }

    #[test]
    fn labels_after_their_rows_do_not_deny_the_rows_before_them() {
        // Each row's figures drawn before its label, the first row's total
        // after it: the whole row after 二、上年结转 is 予以公开's, and the
        // seven figures just before the label are its own.
        let text = "1\n2\n0\n0\n0\n0\n一、本年新收政府信息公开申请数量\n3\n\
                    4\n1\n0\n0\n0\n0\n5\n二、上年结转政府信息公开申请数量\n\
                    2\n0\n0\n0\n0\n0\n2\n（一）予以公开\n";
        let (tokens, layout, labels, figs) = first_three_rows(text);
        let rows: Vec<Option<Vec<usize>>> = figs.chunks(7).map(|c| Some(c.to_vec())).collect();
        let e = LabelEvidence::of(&tokens, &layout, &rows, &labels);
        assert_eq!(e.against, 0, "{e:?}");
        // Labels before their rows, the reading one row out of place: the
        // whole row after 二、上年结转 denies it, as before.
        let text = "一、本年新收政府信息公开申请数量\n1\n2\n0\n0\n0\n0\n3\n\
                    二、上年结转政府信息公开申请数量\n4\n1\n0\n0\n0\n0\n5\n\
                    （一）予以公开\n2\n0\n0\n0\n0\n0\n2\n";
        let (tokens, layout, labels, figs) = first_three_rows(text);
        let out = vec![Some(figs[0..7].to_vec()), Some(figs[14..21].to_vec()), Some(figs[7..14].to_vec())];
        assert!(LabelEvidence::of(&tokens, &layout, &out, &labels).against > 0);
    }

    #[test]
    fn a_row_whose_first_figure_is_drawn_apart_is_not_denied() {
        // 一、本年新收 followed by its figures without the first (4), which
        // stands on a line of the label's text after them.
        let text = "一、本年新收政府信息公开申请数量\n0\n0\n0\n0\n0\n4\n政府信息公开 4\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).take(1).collect();
        let labels = vec![(layout[0], Some(0))];
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        assert_eq!(figs.len(), 7);
        let first_late = vec![Some([&figs[6..], &figs[..6]].concat())];
        assert_eq!(LabelEvidence::of(&tokens, &layout, &first_late, &labels).against, 0);
        // So is one with the 4 in another place: which cell was drawn
        // apart, the labels cannot tell (the rules do).
        let other = vec![Some([&figs[..4], &figs[5..6], &figs[4..5], &figs[6..]].concat())];
        assert_eq!(LabelEvidence::of(&tokens, &layout, &other, &labels).against, 0);
        // A row of six by its label, the next label and its whole row
        // after it: a reading that puts the 1 one column early (every row
        // of zeros shifted by one) is denied, as no figure stands alone
        // after the next text to be the one drawn apart.
        let text = "二、上年结转政府信息公开申请数量\n0\n0\n0\n0\n0\n1\n（一）予以公开\n1\n0\n0\n0\n0\n0\n1\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).skip(1).take(1).collect();
        let labels = vec![(layout[0], Some(0))];
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        let shifted = vec![Some([&figs[..4], &figs[5..6], &figs[4..5], &figs[6..7]].concat())];
        let e = LabelEvidence::of(&tokens, &layout, &shifted, &labels);
        assert_eq!(
            e.against,
            1,
            "{e:?} {:?}",
            shifted[0].as_ref().map(|r| r.iter().map(|&t| tokens[t].text).collect::<Vec<_>>())
        );
    }

    #[test]
    fn labels_by_rows_without_totals_deny_a_row_by_row_reading() {
        // Labels each followed by six zeros (a row without its total), the
        // totals after the rows: read row by row, seven at a time, every
        // row is shifted; the runs of zeros cannot show it, their shape can.
        let mut text = String::new();
        for label in ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]
        {
            text.push_str(label);
            text.push_str("\n0\n0\n0\n0\n0\n0\n");
        }
        text.push_str("总计\n0\n0\n");
        let lexed = crate::lex::lex(&text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).take(2).collect();
        let labels: Vec<(RowKey, Option<usize>)> = vec![(layout[0], Some(0)), (layout[1], Some(7))];
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        let rows = vec![Some(figs[0..7].to_vec()), Some(figs[7..14].to_vec())];
        let e = LabelEvidence::of(&tokens, &layout, &rows, &labels);
        assert_eq!((e.short, e.whole, e.against), (2, 0, 0));
        assert!(!e.confirms());
    }

    /// Table 三 (2021) `text` read in order by `assign`: each row's figures.
    fn assign_figures(text: &str, layout: &[RowKey]) -> Option<Vec<Option<Vec<i64>>>> {
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let rules = super::super::vocab::layout_rules(TableKind::Requests, Template::Y2021);
        let rows = assign(&tokens, layout, rules, true, false)?;
        Some(
            rows.into_iter()
                .map(|r| r.map(|r| r.iter().filter_map(|&t| tokens.get(t).and_then(Token::count)).collect()))
                .collect(),
        )
    }

    #[test]
    fn columns_drawn_apart_are_read_by_the_texts_blocks() {
        // Each row's first figure by its label; then the other six columns
        // in blocks of rows, each column a paragraph of its own: rows 0-2,
        // row 3, rows 4-18, rows 19, 20, 21 one by one, rows 22-24 — and
        // the first figures ended by a blank line, not by text. All zeros
        // but 法律服务机构 and 总计 of 上年结转, 予以公开 and 总计 (1 1):
        // zeros and ones hold however the blocks are cut; the text shows.
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let ones = ["requests.carried_over", "requests.granted", "requests.handled_total"];
        let row = |r: usize| -> [i64; 7] {
            let v = i64::from(layout.get(r).is_some_and(|k| ones.contains(&k.as_str())));
            [0, 0, 0, 0, v, 0, v]
        };
        let mut text = String::new();
        for k in &layout {
            text.push_str(&format!("{}\n0\n", k.spec().label.rsplit(" / ").next().unwrap_or("")));
        }
        for (first, k) in [(0, 3), (3, 1), (4, 15), (19, 1), (20, 1), (21, 1), (22, 3)] {
            for c in 1..7 {
                text.push('\n');
                (first..first + k).for_each(|r| text.push_str(&format!("{}\n", row(r)[c])));
            }
        }
        let lexed = crate::lex::lex(&text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let rules = vocab::layout_rules(TableKind::Requests, Template::Y2021);
        let rows = assign(&tokens, &layout, rules, true, false).expect("read whole");
        let figures: Vec<Vec<i64>> = rows
            .iter()
            .map(|r| r.iter().flatten().filter_map(|&t| tokens.get(t).and_then(Token::count)).collect())
            .collect();
        let expected: Vec<Vec<i64>> = (0..layout.len()).map(|r| row(r).to_vec()).collect();
        assert_eq!(figures, expected);
    }

    #[test]
    fn first_rows_whole_and_the_rest_drawn_apart_are_read_so() {
        // The first three rows whole before any label (or each after its
        // own label); then each other row's label with its first figure; then the other six columns in
        // blocks (row 3, rows 4-18, rows 19-21 one by one, rows 22-24), each
        // column a paragraph. 一、本年新收 and （七）总计 2 0 0 0 0 0 2,
        // 1.本机关不掌握 too; the rest zeros.
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let twos = ["requests.received", "requests.unavailable.not_held", "requests.handled_total"];
        let row = |r: usize| -> [i64; 7] {
            let v = 2 * i64::from(layout.get(r).is_some_and(|k| twos.contains(&k.as_str())));
            [v, 0, 0, 0, 0, 0, v]
        };
        // The first rows' figures before every label, or each after its
        // own label.
        let text_with = |labelled_first: bool| {
            let mut text = String::new();
            let label = |k: &RowKey| format!("{}\n", k.spec().label.rsplit(" / ").next().unwrap_or(""));
            for (r, k) in layout.iter().enumerate().take(3) {
                if labelled_first {
                    text.push_str(&label(k));
                }
                row(r).iter().for_each(|f| text.push_str(&format!("{f}\n")));
            }
            for (r, k) in layout.iter().enumerate() {
                if r >= 3 || !labelled_first {
                    text.push_str(&label(k));
                }
                if r >= 3 {
                    text.push_str(&format!("{}\n", row(r)[0]));
                }
            }
            for (first, k) in [(3, 1), (4, 15), (19, 1), (20, 1), (21, 1), (22, 3)] {
                for c in 1..7 {
                    text.push('\n');
                    (first..first + k).for_each(|r| text.push_str(&format!("{}\n", row(r)[c])));
                }
            }
            text
        };
        let rules = vocab::layout_rules(TableKind::Requests, Template::Y2021);
        let read = |text: &str| {
            let lexed = crate::lex::lex(text);
            let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
            assign(&tokens, &layout, rules, true, false).map(|rows| {
                rows.iter()
                    .map(|r| r.iter().flatten().filter_map(|&t| tokens.get(t).and_then(Token::count)).collect())
                    .collect::<Vec<Vec<i64>>>()
            })
        };
        let expected: Vec<Vec<i64>> = (0..layout.len()).map(|r| row(r).to_vec()).collect();
        assert_eq!(read(&text_with(false)), Some(expected.clone()));
        assert_eq!(read(&text_with(true)), Some(expected));
    }

    #[test]
    fn rows_cut_where_the_labels_stand() {
        // Each row's six applicant figures drawn before its label, every
        // 总计 after the rows; all zeros but 1s in 其他 (and their totals)
        // of three rows. A first block of one row read whole (its total the
        // next row's first 0) and the rest with their totals last holds as
        // well, shifting the 1s into 法律服务机构; cut where the labels
        // stand, the rows are read as drawn.
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let ones = ["requests.carried_over", "requests.unavailable.not_held", "requests.handled_total"];
        let row = |k: &RowKey| -> [i64; 7] {
            let v = i64::from(ones.contains(&k.as_str()));
            [0, 0, 0, 0, 0, v, v]
        };
        let mut text = String::new();
        for k in &layout {
            row(k)[..6].iter().for_each(|f| text.push_str(&format!("{f}\n")));
            text.push_str(&format!("{}\n", k.spec().label));
        }
        text.push_str("总\n计\n");
        layout.iter().for_each(|k| text.push_str(&format!("{}\n", row(k)[6])));
        let lexed = crate::lex::lex(&text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let rules = super::super::vocab::layout_rules(TableKind::Requests, Template::Y2021);
        let figures = |rows: &[Option<Vec<usize>>]| -> Vec<Vec<i64>> {
            rows.iter()
                .map(|r| r.iter().flatten().filter_map(|&t| tokens.get(t).and_then(Token::count)).collect())
                .collect()
        };
        let carried_over = 1;
        let usual = assign(&tokens, &layout, rules, true, false).expect("figures fill the layout");
        assert!(holds(&tokens, &usual, rules));
        assert_eq!(figures(&usual)[carried_over], [0, 0, 0, 0, 1, 0, 1], "the shifted reading");
        let by_labels = assign_by_labels(&tokens, &layout, rules).expect("read whole");
        let expected: Vec<Vec<i64>> = layout.iter().map(|k| row(k).to_vec()).collect();
        assert_eq!(figures(&by_labels), expected);
    }

    #[test]
    fn a_table_short_of_figures_reads_its_leading_rows_only() {
        // Table 三 row by row, a label then its figures, the outcomes adding
        // up to （七）总计; 结转下年度 prints one figure of its seven.
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let row = |r: usize, k: &RowKey| -> [i64; 7] {
            match k.as_str() {
                "requests.received" | "requests.handled_total" => [3, 1, 0, 0, 0, 0, 4],
                "requests.granted" => [2, 0, 0, 0, 0, 0, 2],
                "requests.partly_granted" => [1, 1, 0, 0, 0, 0, 2],
                _ if r == layout.len() - 1 => [5, 0, 0, 0, 0, 0, 5],
                _ => [0; 7],
            }
        };
        let text_of = |lose: Option<usize>| {
            let mut text = String::new();
            let mut n = 0;
            for (r, k) in layout.iter().enumerate() {
                text.push_str(&format!("{}\n", k.spec().label));
                let printed = if r == layout.len() - 1 { 1 } else { 7 };
                for f in &row(r, k)[..printed] {
                    if Some(n) != lose {
                        text.push_str(&format!("{f}\n"));
                    }
                    n += 1;
                }
            }
            text
        };
        let rules = vocab::layout_rules(TableKind::Requests, Template::Y2021);
        let text = text_of(None);
        let lexed = crate::lex::lex(&text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let rows = assign(&tokens, &layout, rules, true, false).expect("the leading rows");
        let last = layout.len() - 1;
        assert!(rows[last].is_none(), "the row short of figures is left");
        for (r, k) in layout.iter().enumerate().take(last) {
            let got: Vec<i64> = rows[r].iter().flatten().filter_map(|&t| tokens[t].count()).collect();
            assert_eq!(got, row(r, k), "{}", k.as_str());
        }
        // Not in copied web-page text (a cell a paragraph, its empty cells
        // kept), nor where the rows read hold no column's total: the first
        // two rows alone.
        assert!(assign(&tokens, &layout, rules, true, true).is_none());
        let two: String = text.lines().take(16).map(|l| format!("{l}\n")).collect();
        let lexed = crate::lex::lex(&two);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        assert!(assign(&tokens, &layout, rules, true, false).is_none());
        // A figure lost inside (予以公开's 自然人): the rows read shift, and
        // break the rules among them.
        let text = text_of(Some(14));
        let lexed = crate::lex::lex(&text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let rows = assign(&tokens, &layout, rules, true, false).expect("the leading rows");
        assert!(!holds(&tokens, &rows, rules));
    }

    /// Table 三 (2021) in reading order, a label then its row's figures one
    /// per line; `late` rows printed without their 总计, which come after
    /// the text `（三）不予公开`, in `order`, after row `at`. Every row is
    /// zeros except 予以公开 and 办理结果总计 (1 … 1), and 一、本年新收
    /// (1 … 1), so the table holds. The rows read by `assign`, as figures.
    fn late_table(late: &[usize], order: &[usize], at: usize) -> Option<Vec<Option<Vec<i64>>>> {
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let ones = ["requests.received", "requests.granted", "requests.handled_total"];
        let row = |k: &RowKey| -> Vec<i64> {
            let v = i64::from(ones.contains(&k.as_str()));
            vec![v, 0, 0, 0, 0, 0, v]
        };
        let mut text = String::new();
        for (r, k) in layout.iter().enumerate() {
            text.push_str(k.spec().label);
            text.push('\n');
            let f = row(k);
            let shown = if late.contains(&r) { &f[..6] } else { &f[..] };
            shown.iter().for_each(|v| text.push_str(&format!("{v}\n")));
            if r == at {
                text.push_str("（三）不予公开\n");
                order.iter().filter_map(|&l| layout.get(l)).for_each(|k| text.push_str(&format!("{}\n", row(k)[6])));
            }
        }
        assign_figures(&text, &layout)
    }

    /// Table 三 (2021) in reading order, each label then its row's figures
    /// one per line (`rows`: the figures of the rows that are not zeros);
    /// `edit` changes the lines of figures before they are written.
    fn table_three_text(rows: &[(usize, [i64; 7])], edit: impl Fn(&mut Vec<Vec<String>>)) -> String {
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let mut lines: Vec<Vec<String>> = (0..layout.len())
            .map(|r| {
                let f = rows.iter().find(|x| x.0 == r).map_or([0; 7], |x| x.1);
                f.iter().map(i64::to_string).collect()
            })
            .collect();
        edit(&mut lines);
        let mut text = String::new();
        for (k, figures) in layout.iter().zip(&lines) {
            text.push_str(k.spec().label);
            text.push('\n');
            figures.iter().for_each(|v| text.push_str(&format!("{v}\n")));
        }
        text
    }

    #[test]
    fn a_figure_drawn_many_rows_late_goes_back() {
        // 上年结转 (row 1) printed without its 总计, 5, which comes after
        // the row of 其他 (row 22): twenty-one rows late.
        let rows = [
            (0, [10, 0, 0, 0, 0, 0, 10]),
            (1, [5, 0, 0, 0, 0, 0, 5]),
            (2, [15, 0, 0, 0, 0, 0, 15]),
            (23, [15, 0, 0, 0, 0, 0, 15]),
        ];
        let text = table_three_text(&rows, |l| {
            let five = l[1].pop().expect("a total");
            l[22].push(five);
        });
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let read = assign_figures(&text, &layout).expect("figures fill the layout");
        assert_eq!(read[1].as_deref(), Some(&[5, 0, 0, 0, 0, 0, 5][..]));
        assert_eq!(read[2].as_deref(), Some(&[15, 0, 0, 0, 0, 0, 15][..]));
        assert_eq!(read[22].as_deref(), Some(&[0; 7][..]));
        assert_eq!(read[23].as_deref(), Some(&[15, 0, 0, 0, 0, 0, 15][..]));
    }

    /// The table's tokens after cutting whole rows run together where the
    /// table's rules say, read by `assign`; `None` when nothing was cut.
    fn glued_read(text: &str) -> Option<Vec<Option<Vec<i64>>>> {
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let own = |d: &[i64]| d.iter().take(6).sum::<i64>() == d.get(6).copied().unwrap_or(-1);
        let glued = super::super::stream::glued_rows(&tokens, 7, own);
        let split = choose_reading(&tokens, &glued)?;
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let rules = super::super::vocab::layout_rules(TableKind::Requests, Template::Y2021);
        let rows = assign(&split, &layout, rules, true, false)?;
        Some(
            rows.into_iter()
                .map(|r| r.map(|r| r.iter().filter_map(|&t| split.get(t).and_then(Token::count)).collect()))
                .collect(),
        )
    }

    #[test]
    fn a_whole_row_run_together_is_cut_where_the_table_holds() {
        let rows = [(0, [11, 0, 0, 0, 0, 0, 11]), (2, [11, 0, 0, 0, 0, 0, 11]), (23, [11, 0, 0, 0, 0, 0, 11])];
        // 办理结果总计 printed `110000011`: 1 10 0 0 0 0 11 keeps the row's
        // total as well as 11 0 0 0 0 0 11; only the second keeps the
        // columns' totals.
        let text = table_three_text(&rows, |l| l[23] = vec!["110000011".to_string()]);
        let read = glued_read(&text).expect("cut");
        assert_eq!(read[23].as_deref(), Some(&[11, 0, 0, 0, 0, 0, 11][..]));
        assert!(read.iter().all(Option::is_some));
        // 本年新收 run together too, and the rows 本年新收 and 予以公开 both
        // `1 10 …` or both `11 0 …`: the columns hold either way. Nothing cut.
        let rows = [(0, [1, 10, 0, 0, 0, 0, 11]), (2, [1, 10, 0, 0, 0, 0, 11]), (23, [1, 10, 0, 0, 0, 0, 11])];
        let text = table_three_text(&rows, |l| {
            l[0] = vec!["110000011".to_string()];
            l[2] = vec!["110000011".to_string()];
            l[23] = vec!["110000011".to_string()];
        });
        assert_eq!(glued_read(&text), None);
        // A number that no cut makes a row (its total never holds): nothing.
        let text = table_three_text(&rows, |l| l[23] = vec!["99999999".to_string()]);
        assert_eq!(glued_read(&text), None);
    }

    #[test]
    fn totals_drawn_after_a_group_label_go_back_to_their_rows() {
        // 予以公开 (row 2, total 1) and 其他法律行政法规禁止公开 (row 5,
        // total 0) without their totals, which follow the group label
        // after 行政查询事项 (row 11).
        let rows = late_table(&[2, 5], &[2, 5], 11).expect("figures fill the layout");
        assert!(rows.iter().all(Option::is_some), "{rows:?}");
        assert_eq!(rows[2].as_deref(), Some(&[1, 0, 0, 0, 0, 0, 1][..]));
        assert_eq!(rows[5].as_deref(), Some(&[0; 7][..]));
        assert_eq!(rows[0].as_deref(), Some(&[1, 0, 0, 0, 0, 0, 1][..]));
        assert_eq!(rows[23].as_deref(), Some(&[1, 0, 0, 0, 0, 0, 1][..]));
    }

    #[test]
    fn late_totals_out_of_their_rows_order_are_not_placed() {
        // The same, the late totals in the other order (0, then 1): they
        // are not the totals the rows await, in order, and `late_totals`
        // leaves them.
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let ones = ["requests.received", "requests.granted", "requests.handled_total"];
        let mut text = String::new();
        for (r, k) in layout.iter().enumerate() {
            let v = i64::from(ones.contains(&k.as_str()));
            text.push_str(&format!("{}\n", k.spec().label));
            let shown = if [2, 5].contains(&r) { 6 } else { 7 };
            [v, 0, 0, 0, 0, 0, v].iter().take(shown).for_each(|f| text.push_str(&format!("{f}\n")));
            if r == 11 {
                text.push_str("（三）不予公开\n0\n1\n");
            }
        }
        let lexed = crate::lex::lex(&text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        let values: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        let rules = super::super::vocab::layout_rules(TableKind::Requests, Template::Y2021);
        assert!(late_totals(&tokens, &values, 7, rules).is_none());
        // The one figure that, moved back, makes the table hold is the 1,
        // nine rows back (the 0 before it fits any row of zeros): the rows
        // read so are the table's.
        let rows = late_table(&[2, 5], &[5, 2], 11).expect("figures fill the layout");
        assert_eq!(rows[2].as_deref(), Some(&[1, 0, 0, 0, 0, 0, 1][..]), "{rows:?}");
        assert!(rows.iter().all(Option::is_some));
    }

    /// Table 三 (2021) in reading order with each row's first figure by
    /// its label and the other columns after every row, column by column
    /// in two blocks (rows 0–2, then the rest). 一、本年新收, 予以公开 and
    /// 办理结果总计 read `3 1 0 0 2 0 6`, the others zeros; `edit` changes
    /// the figures drawn apart before they are printed. The rows `assign`
    /// reads, as figures.
    fn apart_table(edit: impl Fn(&mut Vec<i64>)) -> Option<Vec<Option<Vec<i64>>>> {
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let busy = ["requests.received", "requests.granted", "requests.handled_total"];
        let rows: Vec<Vec<i64>> = layout
            .iter()
            .map(|k| if busy.contains(&k.as_str()) { vec![3, 1, 0, 0, 2, 0, 6] } else { vec![0; 7] })
            .collect();
        let mut text = String::new();
        for (k, r) in layout.iter().zip(&rows) {
            text.push_str(&format!("{}\n{}\n", k.spec().label, r[0]));
        }
        text.push_str("四、结转下年度继续办理\n");
        let mut rest = Vec::new();
        for block in [0..3, 3..rows.len()] {
            for c in 1..7 {
                rest.extend(rows[block.clone()].iter().map(|r| r[c]));
            }
        }
        edit(&mut rest);
        rest.iter().for_each(|v| text.push_str(&format!("{v}\n")));
        assign_figures(&text, &layout)
    }

    #[test]
    fn columns_drawn_apart_from_the_labels_are_read_in_blocks() {
        let rows = apart_table(|_| {}).expect("the table holds");
        assert!(rows.iter().all(Option::is_some), "{rows:?}");
        for r in [0, 2, 23] {
            assert_eq!(rows[r].as_deref(), Some(&[3, 1, 0, 0, 2, 0, 6][..]), "row {r}");
        }
        assert_eq!(rows[1].as_deref(), Some(&[0; 7][..]));
        assert_eq!(rows[24].as_deref(), Some(&[0; 7][..]));
    }

    /// Table 三 (2021) in reading order, every label first, then the
    /// figures: rows 0–2 as a band whose columns are drawn in groups (自然人
    /// and 商业企业 row by row, then the next four row by row, then 总计),
    /// every other row after it, row by row. The rows `assign` reads.
    fn band_table(edit: impl Fn(&mut Vec<i64>)) -> Option<Vec<Option<Vec<i64>>>> {
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let rows: Vec<Vec<i64>> = layout
            .iter()
            .map(|k| match k.as_str() {
                "requests.received" => vec![5, 2, 0, 1, 0, 0, 8],
                "requests.carried_over" => vec![1, 0, 0, 0, 0, 0, 1],
                "requests.granted" | "requests.handled_total" => vec![4, 1, 0, 1, 0, 0, 6],
                "requests.carried_forward" => vec![2, 1, 0, 0, 0, 0, 3],
                _ => vec![0; 7],
            })
            .collect();
        let mut text = String::new();
        layout.iter().for_each(|k| text.push_str(&format!("{}\n", k.spec().label)));
        let mut figures = Vec::new();
        for group in [0..2, 2..6, 6..7] {
            rows[..3].iter().for_each(|r| figures.extend_from_slice(&r[group.clone()]));
        }
        rows[3..].iter().for_each(|r| figures.extend_from_slice(r));
        edit(&mut figures);
        figures.iter().for_each(|v| text.push_str(&format!("{v}\n")));
        assign_figures(&text, &layout)
    }

    #[test]
    fn a_band_of_rows_drawn_in_column_groups_is_read() {
        let rows = band_table(|_| {}).expect("figures fill the layout");
        assert!(rows.iter().all(Option::is_some), "{rows:?}");
        assert_eq!(rows[0].as_deref(), Some(&[5, 2, 0, 1, 0, 0, 8][..]));
        assert_eq!(rows[1].as_deref(), Some(&[1, 0, 0, 0, 0, 0, 1][..]));
        assert_eq!(rows[2].as_deref(), Some(&[4, 1, 0, 1, 0, 0, 6][..]));
        assert_eq!(rows[24].as_deref(), Some(&[2, 1, 0, 0, 0, 0, 3][..]));
    }

    #[test]
    fn table_four_laid_out_with_a_wrapped_total_is_not_reading_order() {
        // Its one row on a line, 行政复议's 总计 12 wrapped around it: two
        // lines of one figure outnumber the row's one line.
        let text = "持   正   果   结   计\n                １\n８   ０   ３   １     ４   ０   ０   ０    ４ ３   ０   ２   ０   ５\n                ２\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Appeals));
        assert!(looks_like_reading_order(&tokens));
        assert!(!reads_in_order(&tokens, TableKind::Appeals));
        // Each figure on a line of its own: in order, as before.
        let text = "持\n１\n８\n０\n３\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Appeals));
        assert!(reads_in_order(&tokens, TableKind::Appeals));
    }

    #[test]
    fn figures_that_break_table_four_in_every_order_are_told() {
        let rules = super::super::vocab::layout_rules(TableKind::Appeals, Template::Y2021);
        let zeros = |mut v: Vec<i64>| {
            v.resize(15, 0);
            v
        };
        // One figure not 0: whatever its place, its group's total breaks.
        assert!(no_order_holds(&zeros(vec![1]), rules));
        // 10 and 1 as outcomes, 5 elsewhere: no grouping holds either.
        assert!(no_order_holds(&zeros(vec![10, 1, 5]), rules));
        // 2 = 1 + 1 holds in some order (whichever it was printed in).
        assert!(!no_order_holds(&zeros(vec![1, 1, 2]), rules));
        assert!(!no_order_holds(&zeros(vec![]), rules));
        // Not the row's count of cells, or other rules: cannot tell.
        assert!(!no_order_holds(&[1, 0, 0], rules));
        let requests = super::super::vocab::layout_rules(TableKind::Requests, Template::Y2021);
        assert!(!no_order_holds(&[1; 175], requests));
    }

    /// Table 四's one row read from `text` in reading order: its figures,
    /// or `None` when undecided.
    fn appeals_in_order(text: &str) -> Option<Vec<i64>> {
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Appeals));
        let rules = super::super::vocab::layout_rules(TableKind::Appeals, Template::Y2021);
        let columns = RowKey::layout(TableKind::Appeals, Template::Y2021).next().map_or(&[][..], |k| k.columns());
        let values: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        let read = one_row(&tokens, &values, rules, true, columns)?;
        Some(read.iter().filter_map(|&i| tokens[i].count()).collect())
    }

    #[test]
    fn a_total_moved_back_over_one_figure_is_undecided() {
        // Printed `5 0 1 0 1 6 4 0 0 5` after table 四's 行政复议 figures:
        // moving the 6 back one place makes both totals hold, but so do
        // other arrangements (the report's is `5 0 0 1 6 4 0 1 0 5`): two
        // neighbours drawn in each other's place prove nothing.
        assert_eq!(appeals_in_order("行政复议\n7\n1\n1\n11\n20\n行政诉讼\n5\n0\n1\n0\n1\n6\n4\n0\n0\n5\n"), None);
        // A total drawn after every other figure is still moved back, when
        // no neighbours' swap explains the figures with one total broken.
        assert_eq!(
            appeals_in_order("行政复议\n7\n1\n1\n11\n20\n行政诉讼\n5\n0\n0\n1\n4\n0\n2\n1\n7\n6\n"),
            Some(vec![7, 1, 1, 11, 20, 5, 0, 0, 1, 6, 4, 0, 2, 1, 7])
        );
        // When the last group holds as printed, the printed order breaks
        // one total only (the report's error?): undecided.
        assert_eq!(appeals_in_order("行政复议\n7\n1\n1\n11\n20\n行政诉讼\n5\n0\n0\n1\n4\n0\n1\n0\n5\n6\n"), None);
    }

    #[test]
    fn a_moved_total_is_not_told_from_the_reports_error() {
        // Each group's total drawn before its last cell, the second group's
        // total wrong in the report (truth 1 0 0 0 1, 0 0 0 0 2, 1 0 0 0 1).
        // Moving the 2 back into the first group's total makes every total
        // hold; so does the printed order with two neighbours swapped, but
        // for the report's error: undecided.
        let text = "行政复议\n1\n0\n0\n1 0\n0\n0\n0\n2\n0\n复议后起诉\n1\n0\n0\n0\n1\n";
        assert_eq!(appeals_in_order(text), None);
    }

    #[test]
    fn one_row_broken_in_reading_order_is_undecided() {
        let text = "0\n1\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Appeals));
        let rules = super::super::vocab::layout_rules(TableKind::Appeals, Template::Y2021);
        let values: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        assert_eq!(values.len(), 15);
        // Laid out, the printed order stands (a report may break a total).
        let columns = RowKey::layout(TableKind::Appeals, Template::Y2021).next().map_or(&[][..], |k| k.columns());
        assert_eq!(one_row(&tokens, &values, rules, false, columns), Some(values.clone()));
        // In reading order it proves nothing.
        assert_eq!(one_row(&tokens, &values, rules, true, columns), None);
        // Unless the figures come in one run after the header, only a
        // total's header between them (hongze-2023's table 四, its own
        // totals broken): drawn row by row.
        let one_run = |text: &str| {
            let lexed = crate::lex::lex(text);
            let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Appeals));
            let values: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
            let read = one_row(&tokens, &values, rules, true, columns);
            read.map(|r| r.iter().filter_map(|&i| tokens[i].count()).collect::<Vec<i64>>())
        };
        let figures = "10\n1\n0\n0\n0\n0\n0\n0\n0\n0\n5\n0\n0\n0\n";
        let read = one_run(&format!("结果维持\n结果纠正\n其他结果\n尚未审结\n{figures}总计\n0\n"));
        assert_eq!(read, Some(vec![10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]));
        // Header words between the figures: the run is not one.
        let read = one_run(&format!("总计\n0\n1\n结果维持\n{figures}"));
        assert_eq!(read, None);
    }

    #[test]
    fn columns_drawn_apart_that_do_not_hold_are_not_read() {
        // 办理结果总计's 商业企业 figure printed 2: no block reading holds.
        assert_eq!(apart_table(|rest| rest[18 + 23 - 3] = 2), None);
    }

    #[test]
    fn a_sign_in_the_change_column_tells_a_two_font_rows_order() {
        let key = RowKey::layout(TableKind::Active, Template::Y2019)
            .find(|k| k.as_str() == "active.other_services")
            .expect("a 2019 row");
        let told = |text: &str| {
            let lexed = crate::lex::lex(text);
            let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Active));
            let figures: Vec<Token<'_>> = tokens.iter().filter(|t| t.is_definite()).copied().collect();
            assert!(two_fonts(&figures));
            sign_tells_order(key.columns(), &figures)
        };
        assert!(told("２５\n+3\n９９２\n"));
        assert!(told("７１\n+１\n1626\n"));
        // The sign elsewhere, two signs, or none: not told.
        assert!(!told("+3\n２５\n９９２\n"));
        assert!(!told("２５\n+3\n-９\n"));
        assert!(!told("２５\n3\n９９２\n"));
    }

    #[test]
    fn two_fonts_unsettle_a_run_not_runs_apart() {
        // `本年制发件数 ０ ３８` and `本年废止件数 0 4`: each run in one font,
        // the row 38 4 in two: its figures keep their columns.
        let text = "本年制发件数\n０\n３８\n本年废止件数\n0\n4\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), 0);
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        assert!(!in_a_run_of_two_fonts(&tokens, &[figs[1], figs[3]]));
        // `０ 11` in one run: which row each is, is not known.
        let text = "本年制发件数\n０\n11\n本年废止件数\n0\n4\n";
        let lexed = crate::lex::lex(text);
        let tokens = tokenize(&lexed, 0..lexed.len(), 0);
        let figs: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_definite()).collect();
        assert!(in_a_run_of_two_fonts(&tokens, &[figs[1], figs[3]]));
        assert!(!in_a_run_of_two_fonts(&tokens, &[figs[2]]));
        // Zeros alike in two fonts: any order reads the same.
        let lexed = crate::lex::lex("本年制发件数\n０\n0\n");
        let tokens = tokenize(&lexed, 0..lexed.len(), 0);
        assert!(!in_a_run_of_two_fonts(&tokens, &[1, 2]));
    }

    #[test]
    fn two_fonts_are_told() {
        let lexed = crate::lex::lex("1\n２\n");
        assert!(two_fonts(&tokenize(&lexed, 0..lexed.len(), 0)));
        let lexed = crate::lex::lex("1\n2\n");
        assert!(!two_fonts(&tokenize(&lexed, 0..lexed.len(), 0)));
    }

    const LABELS: &str = "规章\n行政规范性文件\n行政许可\n行政处罚\n行政强制\n行政事业性收费\n";

    #[test]
    fn table_two_orphans_alike_fill_any_block() {
        // Six figures after the last label, before any header, for the two
        // rows of three columns the headers leave: all 0, read in any order.
        let text = format!(
            "{LABELS}0\n0\n0\n0\n0\n0\n本年处理决定数量\n2\n本年处理决定数量\n0\n15\n本年收费金额(单位：万元)\n0.5\n"
        );
        let rows = by_headers(&text).expect("read");
        assert_eq!(rows, [vec!["0", "0", "0"], vec!["0", "0", "0"], vec!["2"], vec!["0"], vec!["15"], vec!["0.5"]]);
        // Not all alike: row by row and column by column differ.
        assert_eq!(by_headers(&text.replacen("0\n0\n0\n0\n0\n0\n", "0\n0\n0\n0\n3\n0\n", 1)), None);
    }

    #[test]
    fn table_two_columns_drawn_as_paragraphs_are_read_so() {
        // The first block's headers, then every label, then its six figures
        // after the last label: three paragraphs of two, one for each
        // column of its two rows (0 4 / 0 1 / 0 0), as pdftotext draws
        // cells stacked one above another.
        let head = "信息内容\n\n本年制发件数\n\n本年废止件数\n\n现行有效件数\n\n规章\n行政规范性文件\n第二十条第（五）项\n信息内容\n行政许可\n第二十条第（六）项\n信息内容\n行政处罚\n行政强制\n第二十条第（八）项\n信息内容\n行政事业性收费\n\n";
        let tail = "\n本年处理决定数量\n2,001\n本年处理决定数量\n57\n0\n本年收费金额（单位：万元）\n0元\n";
        let text = format!("{head}0\n4\n\n0\n1\n\n0\n0\n{tail}");
        let rows = by_headers(&text).expect("read");
        assert_eq!(rows, [vec!["0", "0", "0"], vec!["4", "1", "0"], vec!["2,001"], vec!["57"], vec!["0"], vec!["0元"]]);
        // Two paragraphs of three: a paragraph is never a row's cells side by
        // side, so the shape tells nothing.
        assert_eq!(by_headers(&format!("{head}0\n4\n0\n\n1\n0\n0\n{tail}")), None);
        // One paragraph: no column shown.
        assert_eq!(by_headers(&format!("{head}0\n4\n0\n1\n0\n0\n{tail}")), None);
    }

    #[test]
    fn columns_shown_by_the_texts_blocks_are_read_so() {
        // Three rows, then two more, their seven columns each a block of
        // their own (a blank line between): 0 0 0 / 0 1 1 / … Rows of
        // zeros and ones hold however they are cut; the blocks tell.
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let rules = vocab::layout_rules(TableKind::Requests, Template::Y2021);
        let mut text = String::from("一、本年新收政府信息公开申请数量\n");
        let block = |cols: [&str; 7]| cols.iter().map(|c| format!("{c}\n\n")).collect::<String>();
        // received 0…0; carried_over and granted: 法律服务机构 1, 总计 1.
        text += &block(["0\n0\n0", "0\n0\n0", "0\n0\n0", "0\n0\n0", "0\n1\n1", "0\n0\n0", "0\n1\n1"]);
        // Twenty rows of zeros, row by row, a line each.
        for _ in 0..20 {
            text += "0 0 0 0 0 0 0\n";
        }
        text += "\n";
        // handled_total (法律服务机构 1, 总计 1) and carried_forward.
        text += &block(["0\n0", "0\n0", "0\n0", "0\n0", "1\n0", "0\n0", "1\n0"]);
        let lexed = crate::lex::lex(&text);
        let mut tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Requests));
        split_zero_runs(&lexed, &mut tokens, true);
        let rows = assign(&tokens, &layout, rules, true, false).expect("read");
        let row =
            |r: usize| -> Vec<&str> { rows[r].as_deref().unwrap_or(&[]).iter().map(|&i| tokens[i].text).collect() };
        assert_eq!(row(1), ["0", "0", "0", "0", "1", "0", "1"]);
        assert_eq!(row(2), ["0", "0", "0", "0", "1", "0", "1"]);
        assert_eq!(row(23), ["0", "0", "0", "0", "1", "0", "1"]);
        assert_eq!(row(24), ["0", "0", "0", "0", "0", "0", "0"]);
    }

    #[test]
    fn table_two_column_by_column_under_its_headers() {
        let text = format!(
            "{LABELS}本年制发件数\n2\n5\n本年废止件数\n0\n24\n本年处理决定数量\n9302\n本年处理决定数量\n3256\n246\n本年收费金额(单位：万元)\n53.56\n现行有效件数\n59\n416\n"
        );
        let rows = by_headers(&text).expect("read");
        assert_eq!(rows[0], ["2", "0", "59"]);
        assert_eq!(rows[1], ["5", "24", "416"]);
        assert_eq!(rows[2], ["9302"]);
        assert_eq!((rows[3].as_slice(), rows[4].as_slice()), (&["3256".to_string()][..], &["246".to_string()][..]));
        assert_eq!(rows[5], ["53.56"]);
    }

    #[test]
    fn table_two_headers_broken_after_the_name_of_their_column() {
        // `本年制发` names the column alone; `件数`, its rest, holds no
        // label: the figures after it are that column's.
        let text = format!(
            "{LABELS}本年制发\n件数\n2\n5\n本年处理\n决定数量\n21\n本年处理决定数量\n0\n0\n本年废止件数\n0\n0\n现行有效\n件数\n0\n25\n本年收费金额（单位：万元）\n0万元\n"
        );
        let rows = by_headers(&text).expect("read");
        assert_eq!(rows[0], ["2", "0", "0"]);
        assert_eq!(rows[1], ["5", "0", "25"]);
        assert_eq!(rows[2], ["21"]);
        assert_eq!((rows[3].as_slice(), rows[5].as_slice()), (&["0".to_string()][..], &["0万元".to_string()][..]));
    }

    #[test]
    fn table_two_short_of_a_column_reads_the_rows_its_headers_fill() {
        // 现行有效件数 and its figures are drawn elsewhere: the rows that
        // lack them are left, every other row read under its header.
        let text = format!(
            "{LABELS}本年制发件数\n０\n０\n本年废止件数\n０\n１\n本年处理决定数量\n９０\n本年处理决定数量\n０\n０\n本年收费金额（单位：万元）\n０.７４万元\n"
        );
        let rows = by_headers(&text).expect("read");
        assert!(rows[0].is_empty() && rows[1].is_empty(), "{rows:?}");
        assert_eq!(rows[2], ["９０"]);
        assert_eq!((rows[3].as_slice(), rows[4].as_slice()), (&["０".to_string()][..], &["０".to_string()][..]));
        assert_eq!(rows[5], ["０.７４万元"]);
        // A run shorter than its column (`本年处理决定数量 ９０` for the
        // block of 行政处罚 and 行政强制, one figure drawn elsewhere): which
        // row it is, is not known.
        let part = text.replacen("本年处理决定数量\n０\n０\n", "本年处理决定数量\n０\n", 1).replacen(
            "本年处理决定数量\n９０\n",
            "",
            1,
        );
        assert_eq!(by_headers(&part), None);
        // A figure after a row's label, not a header: not read when short.
        let orphan = text.replacen("本年处理决定数量\n９０\n", "行政许可\n９０\n", 1);
        assert_eq!(by_headers(&orphan), None);
    }

    #[test]
    fn table_two_columns_drawn_after_the_next_tables_caption_are_its() {
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Active, Template::Y2021).collect();
        let lead = |text: &str| -> Vec<String> {
            let lexed = crate::lex::lex(text);
            let tokens = tokenize(&lexed, 0..lexed.len(), 0);
            leading_header_runs(&tokens, &layout).iter().map(|t| t.text.to_string()).collect()
        };
        // Table 三's caption, then table 二's last column and its figures.
        let next = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加\n申请人情况\n第四项之和）\n\n现行有效件数\n０\n１\n\n自\n然\n人\n１\n";
        assert_eq!(lead(next), ["现行有效件数", "０", "１"]);
        // Not past a row's label, nor past a figure.
        assert!(lead(&next.replacen("申请人情况", "一、本年新收政府信息公开申请数量", 1)).is_empty());
        assert!(lead(&next.replacen("申请人情况", "申请人情况\n5", 1)).is_empty());
    }

    #[test]
    fn table_two_of_2019_under_header_lines_of_several_columns() {
        let read = |text: &str| by_headers_of(text, Template::Y2019);
        // Each block's first columns under one header line, each row's
        // figures right before its label; the last column under its own
        // header after the rows, the blocks alike top to bottom; 行政事业性
        // 收费's figures under a header line and before no label.
        let text = "第二十条第（一）项\n信息内容\n本年新制作数量 本年新公开数量\n0\n0\n规章\n22\n22\n规范性文件\n\
                    第二十条第（五）项\n信息内容\n上一年项目数量 本年增/减\n389\n1\n行政许可\n64\n-4\n其他对外管理服务事项\n\
                    第二十条第（六）项\n信息内容\n上一年项目数量 本年增/减\n100\n6\n行政处罚\n34\n-3\n行政强制\n\n\
                    对外公开总数量\n0\n22\n处理决定数量\n4568\n655\n处理决定数量\n0\n110\n\n\
                    第二十条第（八）项\n信息内容\n行政事业性收费\n第二十条第（九）项\n信息内容\n政府集中采购\n\n\
                    上一年项目数量 本年增/减\n2\n1\n采购项目数量\n0\n\n采购总金额（单位：万元，保留4位小数）\n0\n";
        let rows = read(text).expect("read");
        assert_eq!(rows[0], ["0", "0", "0"]);
        assert_eq!(rows[1], ["22", "22", "22"]);
        assert_eq!(rows[2], ["389", "1", "4568"]);
        assert_eq!(rows[3], ["64", "-4", "655"]);
        assert_eq!(rows[4], ["100", "6", "0"]);
        assert_eq!(rows[5], ["34", "-3", "110"]);
        assert_eq!(rows[6], ["2", "1"]);
        assert_eq!(rows[7], ["0", "0"]);
        // One 处理决定数量 run for two blocks alike: which block, not known.
        assert_eq!(read(&text.replacen("处理决定数量\n0\n110\n", "", 1)), None);
        // A run before a label that does not fit the header's columns.
        assert_eq!(read(&text.replacen("64\n-4\n", "64\n", 1)), None);
    }

    #[test]
    fn table_two_headers_that_do_not_place_their_figures_read_nothing() {
        let head = "本年制发件数\n2\n5\n本年废止件数\n0\n24\n现行有效件数\n59\n416\n本年收费金额\n1\n";
        // A figure after a caption, not under a header nor after a label.
        let caption = format!("{LABELS}{head}本年处理决定数量\n9\n本年处理决定数量\n3\n第二十条第（八）项\n4\n");
        assert_eq!(by_headers(&caption), None);
        // Two runs of figures after labels: their order is not known.
        let two = format!("{LABELS}{head}本年处理决定数量\n9\n行政处罚\n3\n行政强制\n4\n");
        assert_eq!(by_headers(&two), None);
        // One figure too few.
        let short = format!("{LABELS}{head}本年处理决定数量\n9\n本年处理决定数量\n3\n");
        assert_eq!(by_headers(&short), None);
        // 规章 and 规范性文件's six figures after a label: row by row or
        // column by column? Not told.
        let block = format!(
            "{LABELS}行政事业性收费\n0\n17\n0\n0\n0\n147\n本年处理决定数量\n9\n本年处理决定数量\n3\n4\n本年收费金额\n1\n"
        );
        assert_eq!(by_headers(&block), None);
        // Figures before their headers: the first run follows a caption.
        let before = format!(
            "{LABELS}第二十条第（五）项\n2\n5\n本年制发件数\n0\n24\n本年废止件数\n59\n416\n现行有效件数\n9\n3\n4\n本年处理决定数量\n1\n本年收费金额\n"
        );
        assert_eq!(by_headers(&before), None);
    }

    #[test]
    fn table_two_first_columns_drawn_with_the_next_caption() {
        // Each block's first column after the next block's caption, 费's
        // figure after its label, then 废止 and 有效 under one header.
        let text = format!(
            "{LABELS}第二十条第（五）项\n0\n19\n第二十条第（六）项\n925\n第二十条第（八）项\n3\n4\n行政事业性收费\n1.5\n\
             本年废止件数\n0\n8\n0\n101\n现行有效件数\n本年处理决定数量\n"
        );
        let rows = by_headers(&text).expect("read");
        assert_eq!(rows[0], ["0", "0", "0"]);
        assert_eq!(rows[1], ["19", "8", "101"]);
        assert_eq!((rows[2][0].as_str(), rows[3][0].as_str(), rows[4][0].as_str()), ("925", "3", "4"));
        assert_eq!(rows[5], ["1.5"]);
        // A caption run of the wrong size for the block before it: none.
        let odd = text.replacen("第二十条第（六）项\n925\n", "第二十条第（六）项\n925\n7\n", 1);
        assert_eq!(by_headers(&odd), None);
    }

    #[test]
    fn table_two_of_zeros_reads_in_any_order() {
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Active, Template::Y2021).collect();
        let read = |text: &str| {
            let lexed = crate::lex::lex(text);
            let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Active));
            all_zeros(&tokens, &layout)
                .map(|rows| rows.iter().map(|r| r.as_ref().map_or(0, Vec::len)).collect::<Vec<_>>())
        };
        let zeros = format!("{LABELS}第二十条第（五）项\n0\n0\n行政许可\n0\n0\n0\n0\n0\n0\n0\n0\n");
        assert_eq!(read(&zeros), Some(vec![3, 3, 1, 1, 1, 1]));
        // One figure not 0, or one too few: no reading.
        assert_eq!(read(&zeros.replacen("行政许可\n0", "行政许可\n5", 1)), None);
        assert_eq!(read(&zeros.replacen("行政许可\n0\n", "行政许可\n", 1)), None);
        // Zeros but the fees' amount, a fraction: the amount is the fees'.
        let fees = zeros.replacen("行政许可\n0\n", "行政许可\n0.2088\n", 1);
        let lexed = crate::lex::lex(&fees);
        let tokens = tokenize(&lexed, 0..lexed.len(), label::row_mask(TableKind::Active));
        let rows = all_zeros(&tokens, &layout).expect("read");
        let text =
            |r: usize| -> Vec<&str> { rows[r].as_deref().unwrap_or(&[]).iter().map(|&i| tokens[i].text).collect() };
        assert_eq!((text(0), text(4), text(5)), (vec!["0", "0", "0"], vec!["0"], vec!["0.2088"]));
        // An amount that a count could be (a whole number), or two
        // fractions: no reading.
        assert_eq!(read(&zeros.replacen("行政许可\n0\n", "行政许可\n2\n", 1)), None);
        let two = fees.replacen("第二十条第（五）项\n0\n", "第二十条第（五）项\n1.5\n", 1);
        assert_eq!(read(&two), None);
    }

    #[test]
    fn table_two_header_broken_over_two_lines() {
        // `本年` / `制发件数`, `本年处理` / `决定数量`, `现行有` / `效件数`,
        // each followed by its column's figures, as pdftotext draws a
        // narrow header cell.
        let text = format!(
            "{LABELS}本年\n制发件数\n2\n5\n本年废止件数\n0\n24\n本年处理决定数量\n9302\n本年处理\n决定数量\n3256\n246\n\
             本年收费金额(单位：万元)\n现行有\n效件数\n59\n416\n行政事业性收费\n53.56\n"
        );
        let rows = by_headers(&text).expect("read");
        assert_eq!(rows[0], ["2", "0", "59"]);
        assert_eq!(rows[1], ["5", "24", "416"]);
        assert_eq!((rows[2][0].as_str(), rows[3][0].as_str(), rows[4][0].as_str()), ("9302", "3256", "246"));
        assert_eq!(rows[5], ["53.56"]);
        // Text that names a column alone is not joined to what follows it:
        // `效件数` after `本年废止件数` names nothing, and its run is no
        // column's.
        let after_whole = text.replacen("本年废止件数\n0\n24\n", "本年废止件数\n效件数\n0\n24\n", 1);
        assert_eq!(by_headers(&after_whole), None);
    }

    #[test]
    fn table_two_column_split_by_a_page_is_read_top_to_bottom() {
        let head = "本年制发件数\n2\n5\n本年废止件数\n0\n24\n现行有效件数\n59\n416\n";
        // 处罚's figure under the second 本年处理决定数量, 强制's after the
        // next page's labels (行政事业性收费 printed before it), then 收费.
        let text =
            format!("{LABELS}{head}本年处理决定数量\n9\n本年处理决定数量\n3\n行政事业性收费\n4\n本年收费金额\n1\n");
        let rows = by_headers(&text).expect("read");
        assert_eq!((rows[2].as_slice(), rows[3].as_slice()), (&["9".to_string()][..], &["3".to_string()][..]));
        assert_eq!((rows[4].as_slice(), rows[5].as_slice()), (&["4".to_string()][..], &["1".to_string()][..]));
        // Each 本年处理决定数量 with one figure: 许可, 处罚, then 强制.
        let split =
            format!("{LABELS}{head}本年收费金额\n1\n本年处理决定数量\n9\n本年处理决定数量\n3\n本年处理决定数量\n4\n");
        let rows = by_headers(&split).expect("read");
        assert_eq!(rows[4], ["4"]);
    }
}
