//! The canonical text of a report.
//!
//! [`render`] writes a [`Report`] back as tab-separated text in the template's
//! own layout — title, preamble, the six sections, and each table with its
//! block captions, headers and every row of the vocabulary with one cell per
//! column — the shape the parser reads most surely. Users who clean scraped
//! reports can keep this form; `parse(render(r))` gives back `r`'s figures.

use crate::model::Report;
use crate::outline::SectionKind;
use crate::tables::vocab::{RowKey, TableKind};
use crate::tables::{Marker, Table, Value};
use std::fmt::Write;

/// Writes the canonical tab-separated text of a report.
///
/// Figures are written as printed (money in 万元); a derived figure is
/// written as a figure; a blank keeps its marker, an empty blank becomes
/// `—`; a missing figure is an empty cell, and table 四 with no figure read
/// at all is left out. Rows the template lacks are kept after the table's
/// rows (when the table is written).
///
/// ```
/// let parsed = xxgk::parse(include_str!("../fixtures/huanglong-zhongyuanlu-2020.txt"))?;
/// let text = xxgk::render(&parsed.report);
/// assert!(text.contains("政府集中采购\t19\t52.5\n"));
/// let again = xxgk::parse(&text)?;
/// assert_eq!(again.report.to_flat(), parsed.report.to_flat());
/// # Ok::<(), xxgk::Error>(())
/// ```
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    if let Some(t) = &report.metadata.title {
        line(&mut out, t);
    }
    for l in report.preamble.lines() {
        line(&mut out, l);
    }
    for kind in SectionKind::ALL {
        let section = report.section(kind);
        line(&mut out, section.map_or(kind.heading(), |s| s.heading.as_str()));
        let table = match kind {
            SectionKind::Active => report.table(TableKind::Active),
            SectionKind::Requests => report.table(TableKind::Requests),
            SectionKind::Appeals => report.table(TableKind::Appeals),
            _ => None,
        };
        if let Some(s) = section {
            for l in s.text.lines() {
                line(&mut out, l);
            }
        }
        // Table 四 of which nothing could be read is left out, as if absent
        // (with the rows it kept aside): its one row has no label, so a row
        // of empty cells would not read back, and figures kept aside might.
        // (The other tables' rows keep their labels, which name the template.)
        let readable = |t: &&Table| {
            t.kind != TableKind::Appeals || t.rows.iter().flat_map(|r| &r.cells).any(|c| c.value != Value::Missing)
        };
        if let Some(t) = table.filter(readable) {
            table_text(&mut out, t);
        }
    }
    out
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn cell(out: &mut String, v: &Value) {
    out.push('\t');
    match v {
        Value::Number(n) | Value::Derived(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Blank(Marker::Empty) => out.push('—'),
        Value::Blank(m) => {
            // The marker's own text, as serde spells it.
            let s = serde_json::to_value(m).ok();
            out.push_str(s.as_ref().and_then(|v| v.as_str()).unwrap_or("—"));
        }
        Value::Missing => {}
    }
}

fn table_text(out: &mut String, t: &Table) {
    match t.kind {
        TableKind::Active => {
            let mut caption = "";
            for row in &t.rows {
                let spec = row.key.spec();
                let (block, label) = spec.label.split_once(" / ").unwrap_or(("", spec.label));
                if !block.is_empty() && block != caption {
                    caption = block;
                    line(out, block);
                    out.push_str("信息内容");
                    for c in row.key.columns() {
                        out.push('\t');
                        out.push_str(c.label);
                    }
                    out.push('\n');
                }
                out.push_str(label);
                for c in &row.cells {
                    cell(out, &c.value);
                }
                out.push('\n');
            }
        }
        TableKind::Requests => {
            line(out, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况");
            line(out, "\t自然人\t法人或其他组织\t\t\t\t\t总计");
            line(out, "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t");
            for row in &t.rows {
                out.push_str(&canonical_label(row.key));
                for c in &row.cells {
                    cell(out, &c.value);
                }
                out.push('\n');
            }
        }
        TableKind::Appeals => {
            line(out, "行政复议\t\t\t\t\t行政诉讼");
            line(out, "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉");
            line(
                out,
                "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
            );
            for row in &t.rows {
                let mut first = true;
                for c in &row.cells {
                    if first {
                        // No leading tab before the first figure.
                        let mut s = String::new();
                        cell(&mut s, &c.value);
                        out.push_str(s.trim_start_matches('\t'));
                        first = false;
                    } else {
                        cell(out, &c.value);
                    }
                }
                out.push('\n');
            }
        }
    }
    for e in &t.unrecognized {
        out.push_str(&e.label);
        for v in &e.values {
            out.push('\t');
            out.push_str(v);
        }
        out.push('\n');
    }
}

/// A table 三 row's label with its group labels, as one cell each.
fn canonical_label(key: RowKey) -> String {
    key.spec().label.replace(" / ", "\t")
}
