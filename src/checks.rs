//! Layer 6: the report's own arithmetic.
//!
//! Every rule of FORMAT.md §3.3 (R1–R3) and §4 (T4-1) that the figures
//! break is a `sum_mismatch` diagnostic naming the rule, the figures and the
//! line. Blank cells count as 0; a rule with a missing figure is not checked.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Report;
use crate::tables::vocab::{self, RowKey, RuleKind, TableKind};
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
    // A table read by this crate has its template's layout, whose rules are
    // built once; a table built otherwise gets its own.
    let keys: Vec<RowKey> = t.rows.iter().map(|r| r.key).collect();
    let own;
    let rules: &[vocab::Rule] = if RowKey::layout(t.kind, t.template).eq(keys.iter().copied()) {
        vocab::layout_rules(t.kind, t.template)
    } else {
        own = vocab::rules(&keys);
        &own
    };
    for rule in rules {
        let sum = |cells: &[(usize, usize)]| -> Option<i64> { cells.iter().map(|&(r, c)| count(t, r, c)).sum() };
        let (Some(ls), Some(rs)) = (sum(&rule.lhs), sum(&rule.rhs)) else {
            continue;
        };
        if ls == rs {
            continue;
        }
        // Broken: now spell out the figures.
        let side = |cells: &[(usize, usize)]| -> Vec<i64> {
            cells.iter().map(|&(r, c)| count(t, r, c).unwrap_or(0)).collect()
        };
        let (l, r) = (side(&rule.lhs), side(&rule.rhs));
        let name = |&(r, c): &(usize, usize)| -> String {
            let row = t.rows.get(r);
            let col = row.and_then(|x| x.cells.get(c)).map_or("", |c| &c.column);
            format!("{}.{}", row.map_or("", |x| x.key.as_str()), col)
        };
        let terms = |cells: &[(usize, usize)], vals: &[i64]| -> String {
            cells.iter().zip(vals).map(|(p, v)| format!("{} {v}", name(p))).collect::<Vec<_>>().join(" + ")
        };
        let what = match rule.kind {
            RuleKind::RowTotal => "the row's total is not the sum of its six applicant columns",
            RuleKind::HandledTotal => "（七）总计 is not the sum of the result rows",
            RuleKind::Balance => "一 + 二 is not （七） + 四",
            RuleKind::AppealTotal => "the total is not the sum of the four outcomes",
        };
        let line = rule.lhs.first().and_then(|&(r, _)| t.rows.get(r)).and_then(|r| r.line);
        out.push(Diagnostic::new(
            Code::SumMismatch,
            line,
            format!("{}: {what}: {} = {ls}, but {} = {rs}", rule.name, terms(&rule.lhs, &l), terms(&rule.rhs, &r)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::Number;

    const CLEAN: &str = include_str!("../fixtures/generated/0016.txt");

    fn set(report: &mut Report, kind: TableKind, row: &str, col: &str, v: i64) {
        let t = match kind {
            TableKind::Requests => report.requests.as_mut(),
            _ => report.appeals.as_mut(),
        };
        let cell = t
            .and_then(|t| t.rows.iter_mut().find(|r| r.key.as_str() == row))
            .and_then(|r| r.cells.iter_mut().find(|c| c.column == col))
            .unwrap();
        cell.value = Value::Number(Number::int(v));
    }

    fn get(report: &Report, kind: TableKind, row: &str, col: &str) -> i64 {
        report.table(kind).unwrap().get(row, col).unwrap().value.number().unwrap().as_i64().unwrap()
    }

    fn names(report: &Report) -> Vec<String> {
        check(report).iter().map(|d| d.message.split(':').next().unwrap_or("").to_string()).collect()
    }

    #[test]
    fn clean_report_passes_every_rule() {
        let r = crate::parse(CLEAN).unwrap().report;
        assert!(check(&r).is_empty());
    }

    #[test]
    fn row_total_r3() {
        let mut r = crate::parse(CLEAN).unwrap().report;
        let v = get(&r, TableKind::Requests, "requests.granted", "total");
        set(&mut r, TableKind::Requests, "requests.granted", "total", v + 1);
        // R3 on the row, and R2 on the total column.
        assert_eq!(names(&r), ["requests.row_total.granted", "requests.handled_total.total"]);
        let d = &check(&r)[0];
        assert_eq!(d.code, Code::SumMismatch);
        assert!(d.message.contains(&format!("requests.granted.total {}", v + 1)), "{}", d.message);
        assert_eq!(d.line, r.requests.as_ref().unwrap().row("requests.granted").unwrap().line);
    }

    #[test]
    fn handled_total_r2_and_balance_r1() {
        let mut r = crate::parse(CLEAN).unwrap().report;
        let v = get(&r, TableKind::Requests, "requests.handled_total", "natural");
        let t = get(&r, TableKind::Requests, "requests.handled_total", "total");
        set(&mut r, TableKind::Requests, "requests.handled_total", "natural", v + 2);
        set(&mut r, TableKind::Requests, "requests.handled_total", "total", t + 2);
        assert_eq!(
            names(&r),
            [
                "requests.handled_total.natural",
                "requests.handled_total.total",
                "requests.balance.natural",
                "requests.balance.total"
            ]
        );
    }

    #[test]
    fn balance_r1_alone() {
        let mut r = crate::parse(CLEAN).unwrap().report;
        for (row, col) in [("requests.received", "legal"), ("requests.received", "total")] {
            let v = get(&r, TableKind::Requests, row, col);
            set(&mut r, TableKind::Requests, row, col, v + 3);
        }
        assert_eq!(names(&r), ["requests.balance.legal", "requests.balance.total"]);
    }

    #[test]
    fn appeal_total_t4() {
        let mut r = crate::parse(CLEAN).unwrap().report;
        set(&mut r, TableKind::Appeals, "appeals", "suit_direct.total", 1000);
        assert_eq!(names(&r), ["appeals.total.suit_direct"]);
    }

    #[test]
    fn missing_figures_are_not_checked() {
        let mut r = crate::parse(CLEAN).unwrap().report;
        let cell = r.requests.as_mut().unwrap().rows[2].cells.last_mut().unwrap();
        cell.value = Value::Missing;
        assert!(check(&r).is_empty());
    }
}
