//! The common case, read as it stands.
//!
//! Most tables come as tab- or pipe-separated lines, each row a label and
//! then exactly its figures. Such a table needs none of the repairs that
//! PDF text needs (numbers wrapped over lines, cells run together, figures
//! in reading order) and no search over placements: every row has one
//! reading. [`is_plain`] says whether a table's tokens are such a table —
//! precisely when each of those repairs would leave them unchanged — and
//! [`place`] reads each row as it stands, as the search would. Anything
//! else goes the full way.

use super::RowRead;
use super::align::{self, Resolved, Slot};
use super::stream::{Kind, Token};
use super::vocab::{RowKey, TableKind};

#[cfg(test)]
thread_local! {
    /// Tests turn the direct reading off to compare it with the full one.
    static FULL_WAY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the direct reading may be used (always, outside tests).
pub(crate) fn allowed() -> bool {
    #[cfg(test)]
    return !FULL_WAY.with(std::cell::Cell::get);
    #[cfg(not(test))]
    true
}

/// True when the tokens of a table of `kind` hold nothing for the repairs
/// of PDF text to change, and do not read as reading order: every figure is
/// a whole cell of a tab- or pipe-separated line (whose character columns
/// the layout repairs do not use); no cell is a run of zeros; every line
/// with figures has text (table 四's one line has all its figures but two
/// at most). (Whole cells are never split as cells run together.)
pub(crate) fn is_plain(tokens: &[Token<'_>], kind: TableKind) -> bool {
    let width = kind.width();
    let mut figure_lines = 0usize;
    let mut i = 0usize;
    while let Some(first) = tokens.get(i) {
        let line = first.line();
        let (mut figures, mut text) = (0usize, false);
        while let Some(t) = tokens.get(i).filter(|t| t.line() == line) {
            match t.kind {
                Kind::Text => text = true,
                // A page footer is skipped by every reading.
                Kind::Empty | Kind::Noise => {}
                Kind::Figure(_) => {
                    if t.cell.is_none() || t.is_zero_run() {
                        return false;
                    }
                    figures += 1;
                }
            }
            i += 1;
        }
        if figures == 0 {
            continue;
        }
        figure_lines += 1;
        let fits = match kind {
            // (Whole cells are never split as cells run together.)
            TableKind::Active | TableKind::Requests => text,
            // Table 四 is laid out when one line holds all its figures but two.
            TableKind::Appeals => figures + 2 >= width && figure_lines == 1,
        };
        if !fits {
            return false;
        }
    }
    true
}

/// Every row of `layout` read as it stands: its cells from its first
/// figure to its last (empty cells before and after are not its) exactly
/// its columns, on one line, each a figure of its column, a blank marker or
/// an empty cell (a blank). `None` when any row is not
/// found or does not read so.
pub(crate) fn place(tokens: &[Token<'_>], layout: &[RowKey], found: &[RowRead<'_>], width: usize) -> Option<Resolved> {
    let mut slots = Vec::with_capacity(layout.len());
    for key in layout {
        let row = found.iter().find(|r| r.key == *key)?;
        let cols = key.columns();
        let values = row.values.as_slice();
        let is_empty = |&i: &usize| tokens.get(i).is_some_and(|t| t.kind == Kind::Empty);
        let start = values.iter().position(|i| !is_empty(i))?;
        let end = values.iter().rposition(|i| !is_empty(i))?;
        let core = values.get(start..=end)?;
        if core.len() != cols.len() {
            return None;
        }
        let line = tokens.get(*core.first()?)?.line();
        let mut out: Vec<Option<Slot>> = Vec::with_capacity(width);
        for (&i, col) in core.iter().zip(cols) {
            // (Empty cells between figures are blanks.)
            if tokens.get(i)?.line() != line {
                return None;
            }
            let s = align::slot(tokens, i, col);
            if !matches!(s, Slot::Num(..) | Slot::Blank(..)) {
                return None;
            }
            out.push(Some(s));
        }
        out.resize(width.max(out.len()), Some(Slot::Unknown));
        slots.push(out);
    }
    // Nothing derived: no row of derived cells at all.
    Some(Resolved { slots, derived: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::super::{label, stream};
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::outline::SectionKind;
    use crate::{decode, lex, outline, tables};

    /// The tables read directly where plain, and read the full way.
    fn read_both(bytes: &[u8]) -> [(tables::Tables, Vec<Diagnostic>); 2] {
        let text = decode::decode(bytes).map(|d| d.text.into_owned()).unwrap_or_default();
        let lexed = lex::lex(&text);
        let outline = outline::outline(&lexed);
        let read = |full: bool| {
            FULL_WAY.with(|f| f.set(full));
            let mut diags = Vec::new();
            let t = tables::read(&lexed, &outline, &mut diags);
            FULL_WAY.with(|f| f.set(false));
            (t, diags)
        };
        [read(false), read(true)]
    }

    /// Every fixture reads the same with the direct reading as without it.
    #[test]
    fn direct_reading_is_the_full_reading() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut stack = vec![root];
        let mut files = 0;
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    let [direct, full] = read_both(&std::fs::read(&p).unwrap());
                    assert_eq!(direct, full, "{}", p.display());
                    files += 1;
                }
            }
        }
        assert!(files > 100, "{files} fixtures");
    }

    fn tokens_of(text: &str, kind: TableKind) -> Vec<Token<'_>> {
        let lexed = lex::lex(text);
        stream::tokenize(&lexed, 0..lexed.len(), label::row_mask(kind))
    }

    #[test]
    fn plain_tables() {
        // A clean generated report: all three tables plain.
        let clean = include_str!("../../fixtures/generated/0000.txt");
        let lexed = lex::lex(clean);
        let outline = outline::outline(&lexed);
        for (section, kind) in [
            (SectionKind::Active, TableKind::Active),
            (SectionKind::Requests, TableKind::Requests),
            (SectionKind::Appeals, TableKind::Appeals),
        ] {
            let region = outline.section(section).unwrap().body.clone();
            let tokens = stream::tokenize(&lexed, region, label::row_mask(kind));
            assert!(is_plain(&tokens, kind), "{kind:?}");
        }
        let figures = "1\t0\t1\t2\t4\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0";
        assert!(is_plain(
            &tokens_of(&format!("行政复议\t行政诉讼\n{figures}\n"), TableKind::Appeals),
            TableKind::Appeals
        ));
        let (a, b) = figures.split_at(13);
        let two_lines = format!("行政复议\n{a}\n{b}\n");
        assert!(!is_plain(&tokens_of(&two_lines, TableKind::Appeals), TableKind::Appeals), "figures on two lines");
        let row = "（一）予以公开\t15\t2\t0\t0\t0\t0\t17\n";
        assert!(is_plain(&tokens_of(row, TableKind::Requests), TableKind::Requests));
        let zeros = row.replace("\t0\t0\t", "\t00\t0\t");
        assert!(!is_plain(&tokens_of(&zeros, TableKind::Requests), TableKind::Requests), "a run of zeros");
        // A cell short: plain (no repair splits a whole cell), left to the
        // search to place.
        let short = row.replace("\t17", "");
        assert!(is_plain(&tokens_of(&short, TableKind::Requests), TableKind::Requests));
        let spaced = row.replace('\t', "  ");
        assert!(!is_plain(&tokens_of(&spaced, TableKind::Requests), TableKind::Requests), "laid out by spaces");
    }
}
