//! Layer 6: the report's own arithmetic.
//!
//! Every rule of FORMAT.md §3.3 (R1–R3) and §4 (T4-1) that the figures
//! break is a `sum_mismatch` diagnostic naming the rule, the figures and the
//! line. Blank cells count as 0; a rule with a missing figure is not checked.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Report;
use crate::tables::vocab::{RowKey, RuleKind, TableKind, rules};
use crate::tables::{Table, Value};

/// Checks every rule of the report's tables.
///
/// ```
/// let parsed = xxgk::parse(include_str!("../fixtures/huanglong-zhongyuanlu-2020.txt")).unwrap();
/// assert!(xxgk::checks::check(&parsed.report).is_empty());
/// ```
pub fn check(report: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for kind in [TableKind::Requests, TableKind::Appeals] {
        if let Some(t) = report.table(kind) {
            check_table(t, &mut out);
        }
    }
    out
}

fn count(t: &Table, r: usize, c: usize) -> Option<i64> {
    let cell = t.rows.get(r)?.cells.get(c)?;
    match cell.value {
        Value::Number(n) | Value::Derived(n) => n.as_i64(),
        Value::Blank(_) => Some(0),
        Value::Missing => None,
    }
}

fn check_table(t: &Table, out: &mut Vec<Diagnostic>) {
    let keys: Vec<RowKey> = t.rows.iter().map(|r| r.key).collect();
    for rule in rules(&keys) {
        let side = |cells: &[(usize, usize)]| -> Option<Vec<i64>> {
            cells.iter().map(|&(r, c)| count(t, r, c)).collect()
        };
        let (Some(l), Some(r)) = (side(&rule.lhs), side(&rule.rhs)) else {
            continue;
        };
        let (ls, rs): (i64, i64) = (l.iter().sum(), r.iter().sum());
        if ls == rs {
            continue;
        }
        let name = |&(r, c): &(usize, usize)| -> String {
            let row = t.rows.get(r);
            let col = row.and_then(|x| x.cells.get(c)).map_or("", |c| &c.column);
            format!("{}.{}", row.map_or("", |x| x.key.as_str()), col)
        };
        let terms = |cells: &[(usize, usize)], vals: &[i64]| -> String {
            cells
                .iter()
                .zip(vals)
                .map(|(p, v)| format!("{} {v}", name(p)))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let what = match rule.kind {
            RuleKind::RowTotal => "the row's total is not the sum of its six applicant columns",
            RuleKind::HandledTotal => "（七）总计 is not the sum of the result rows",
            RuleKind::Balance => "一 + 二 is not （七） + 四",
            RuleKind::AppealTotal => "the total is not the sum of the four outcomes",
        };
        let line = rule
            .lhs
            .first()
            .and_then(|&(r, _)| t.rows.get(r))
            .and_then(|r| r.line);
        out.push(Diagnostic::new(
            Code::SumMismatch,
            line,
            format!(
                "{}: {what}: {} = {ls}, but {} = {rs}",
                rule.name,
                terms(&rule.lhs, &l),
                terms(&rule.rhs, &r)
            ),
        ));
    }
}
