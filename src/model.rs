//! Layer 5: the owned document model and its flat record.

use crate::decode::Encoding;
use crate::lex::{Lexed, is_space, normalize_into};
use crate::outline::{Outline, REPORT_NAMES, SectionKind};
use crate::tables::vocab::{RowKey, TableKind, Template, flat_keys};
use crate::tables::{Table, Tables, Value};
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::char as ch;
use nom::{IResult, Parser};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;

/// What the report says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Metadata {
    /// The title, whitespace removed and a split title joined.
    pub title: Option<String>,
    /// The reporting body: the title without its year and report name.
    pub agency: Option<String>,
    /// The reporting year, from the title or else the statistics period.
    pub year: Option<i32>,
    /// The template table 二 follows, decided by its labels.
    pub template: Option<Template>,
    /// The encoding the bytes were decoded from.
    pub encoding: Option<Encoding>,
}

/// One of the six sections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Section {
    /// Which section.
    pub kind: SectionKind,
    /// The heading as printed (markdown markers removed).
    pub heading: String,
    /// The 1-based lines the section spans, heading to last line.
    pub lines: (usize, usize),
    /// The section's text outside its table, one paragraph per line.
    pub text: String,
}

/// A parsed report: metadata, sections and the three tables.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Title, agency, year, template, encoding.
    pub metadata: Metadata,
    /// The text before the first section other than the title: site
    /// chrome and the introduction.
    pub preamble: String,
    /// The 1-based lines before the first section (title included), first
    /// and last.
    pub preamble_lines: Option<(usize, usize)>,
    /// The sections found, in order.
    pub sections: Vec<Section>,
    /// Table 二, 主动公开政府信息情况.
    pub active: Option<Table>,
    /// Table 三, 收到和处理政府信息公开申请情况.
    pub requests: Option<Table>,
    /// Table 四, 行政复议、行政诉讼情况.
    pub appeals: Option<Table>,
}

impl Report {
    /// The section of `kind`, if the report has it.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// The table of `kind`, if it was read.
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        match kind {
            TableKind::Active => self.active.as_ref(),
            TableKind::Requests => self.requests.as_ref(),
            TableKind::Appeals => self.appeals.as_ref(),
        }
    }

    /// The flat record of `SCHEMA.md`: metadata, then every figure of the
    /// report's template under its stable key. A blank or missing figure is
    /// null; a derived figure is given.
    pub fn to_flat(&self) -> FlatRecord {
        let m = &self.metadata;
        let mut out: Vec<(Cow<'static, str>, FlatValue)> = vec![
            (Cow::Borrowed("title"), m.title.clone().map_or(FlatValue::Null, FlatValue::Text)),
            (Cow::Borrowed("agency"), m.agency.clone().map_or(FlatValue::Null, FlatValue::Text)),
            (Cow::Borrowed("year"), m.year.map_or(FlatValue::Null, |y| FlatValue::Int(i64::from(y)))),
            (
                Cow::Borrowed("template"),
                m.template.map_or(FlatValue::Null, |t| FlatValue::Text(t.as_str().to_string())),
            ),
        ];
        let Some(template) = m.template.or_else(|| self.requests.as_ref().map(|t| t.template)) else {
            return FlatRecord(out);
        };
        for kind in TableKind::ALL {
            match self.table(kind) {
                Some(t) => {
                    for row in &t.rows {
                        for (c, cell) in row.cells.iter().enumerate() {
                            let v = match cell.value {
                                Value::Number(n) | Value::Derived(n) => FlatValue::Number(n),
                                _ => FlatValue::Null,
                            };
                            // The vocabulary's own key, unless the cell is not
                            // where the vocabulary puts its column.
                            let key = match row.key.cell_key(c) {
                                Some(k) if row.key.columns().get(c).is_some_and(|s| s.key == cell.column) => {
                                    Cow::Borrowed(k)
                                }
                                _ => Cow::Owned(format!("{}.{}", row.key.as_str(), cell.column)),
                            };
                            out.push((key, v));
                        }
                    }
                }
                None => {
                    for r in RowKey::layout(kind, template) {
                        for c in 0..r.columns().len() {
                            if let Some(k) = r.cell_key(c) {
                                out.push((Cow::Borrowed(k), FlatValue::Null));
                            }
                        }
                    }
                }
            }
        }
        FlatRecord(out)
    }
}

/// A value of the flat record.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlatValue {
    /// No figure: blank, missing, or no title.
    Null,
    /// A figure.
    Number(crate::tables::Number),
    /// An integer (the year).
    Int(i64),
    /// Text (title, agency, template).
    Text(String),
}

impl Serialize for FlatValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FlatValue::Null => s.serialize_none(),
            FlatValue::Number(n) => n.serialize(s),
            FlatValue::Int(i) => s.serialize_i64(*i),
            FlatValue::Text(t) => s.serialize_str(t),
        }
    }
}

/// The flat record: keys in `SCHEMA.md` order, each with its value.
///
/// ```
/// let parsed = xxgk::parse(include_str!("../fixtures/huanglong-zhongyuanlu-2020.txt")).unwrap();
/// let flat = parsed.report.to_flat();
/// assert_eq!(flat.get("active.procurement.projects").and_then(|v| v.as_f64()), Some(19.0));
/// assert_eq!(flat.get("agency").and_then(|v| v.as_str()), Some("华龙区人民政府中原路街道办事处"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatRecord(Vec<(Cow<'static, str>, FlatValue)>);

impl FlatValue {
    /// The value as a float, for a figure or the year.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            FlatValue::Number(n) => Some(n.as_f64()),
            FlatValue::Int(i) => Some(*i as f64),
            _ => None,
        }
    }

    /// The value as text, for the title, agency and template.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FlatValue::Text(t) => Some(t),
            _ => None,
        }
    }
}

impl FlatRecord {
    /// The value of `key`, if the record has the key.
    pub fn get(&self, key: &str) -> Option<&FlatValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Every key and value, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FlatValue)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// How many keys the record has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the record has no keys.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for FlatRecord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Every flat key a record can have, both templates, in `SCHEMA.md` order
/// (metadata first): the CSV header.
pub fn all_flat_keys() -> Vec<String> {
    let mut keys: Vec<String> = ["title", "agency", "year", "template"].iter().map(|s| s.to_string()).collect();
    for t in [Template::Y2019, Template::Y2021] {
        for k in flat_keys(t) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// Builds the report from the layers below.
pub fn build(lexed: &Lexed<'_>, outline: &Outline, tables: Tables, encoding: Option<Encoding>) -> Report {
    let line_text = |i: usize| lexed.line(i).map_or("", |l| l.content);
    let title = outline
        .title
        .as_ref()
        .map(|r| r.clone().map(line_text).flat_map(|t| t.chars()).filter(|&c| !is_space(c)).collect::<String>());
    let mut buf = String::new();
    let mut year = title.as_deref().and_then(|t| {
        buf.clear();
        normalize_into(t, &mut buf);
        find_year(&buf)
    });
    if year.is_none() {
        year = statistics_year(lexed, outline);
    }
    let agency = title.as_deref().and_then(agency_of);
    let table_lines: Vec<(usize, usize)> = tables.extents.clone();
    let in_table = |n: usize| table_lines.iter().any(|&(a, b)| (a..=b).contains(&n));

    let mut preamble = String::new();
    for i in outline.preamble.clone() {
        if outline.title.as_ref().is_some_and(|r| r.contains(&i)) {
            continue;
        }
        push_line(&mut preamble, line_text(i));
    }
    let sections = outline
        .sections
        .iter()
        .map(|s| {
            let mut text = String::new();
            for i in s.body.clone() {
                let n = i + 1;
                if !in_table(n) {
                    push_line(&mut text, line_text(i));
                }
            }
            Section {
                kind: s.kind,
                heading: line_text(s.heading).to_string(),
                lines: (lexed.source_line(s.heading + 1), lexed.source_line(s.body.end.max(s.heading + 1))),
                text,
            }
        })
        .collect();
    Report {
        metadata: Metadata { title, agency, year, template: tables.template, encoding },
        preamble,
        preamble_lines: (outline.preamble.end > outline.preamble.start)
            .then(|| (lexed.source_line(outline.preamble.start + 1), lexed.source_line(outline.preamble.end))),
        sections,
        active: tables.active,
        requests: tables.requests,
        appeals: tables.appeals,
    }
}

fn push_line(out: &mut String, line: &str) {
    if line.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(line);
}

/// A year: four digits from 1990 to 2099, then `年`.
fn year_at(i: &str) -> IResult<&str, i32> {
    let (rest, d) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    let (rest, _) = ch('年').parse(rest)?;
    let y: i32 = d.parse().unwrap_or(0);
    if (1990..2100).contains(&y) {
        Ok((rest, y))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)))
    }
}

/// The first year in normalized text.
fn find_year(s: &str) -> Option<i32> {
    let mut prev_digit = false;
    for (i, c) in s.char_indices() {
        if !prev_digit && c.is_ascii_digit() {
            if let Ok((_, y)) = year_at(s.get(i..).unwrap_or("")) {
                return Some(y);
            }
        }
        prev_digit = c.is_ascii_digit();
    }
    None
}

/// The year of the statistics period sentence (`统计期限为2024年1月1日至…`).
fn statistics_year(lexed: &Lexed<'_>, outline: &Outline) -> Option<i32> {
    let end = outline.sections.get(1).map_or(lexed.len(), |s| s.heading);
    let mut buf = String::new();
    for line in lexed.range(0..end) {
        if let Some(p) = line.content.find("统计") {
            buf.clear();
            normalize_into(line.content.get(p..).unwrap_or(""), &mut buf);
            if let Some(y) = find_year(&buf) {
                return Some(y);
            }
        }
    }
    None
}

/// The agency: the title without its year and the name of the report.
fn agency_of(title: &str) -> Option<String> {
    let mut t = title.to_string();
    // Take out the year (`2020年`, `2022年度`), wherever it is.
    let mut buf = String::new();
    normalize_into(title, &mut buf);
    if let Some(y) = find_year(&buf) {
        for pat in [format!("{y}年度"), format!("{y}年")] {
            if let Some(p) = t.find(&pat) {
                t.replace_range(p..p + pat.len(), "");
                break;
            }
        }
    }
    for name in REPORT_NAMES {
        if let Some(p) = t.rfind(name) {
            t.truncate(p);
            break;
        }
    }
    let t = t.trim_matches(|c: char| is_space(c) || "《》\"“”:：-—".contains(c)).to_string();
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies() {
        assert_eq!(
            agency_of("华龙区人民政府中原路街道办事处2020年政府信息公开工作年度报告").as_deref(),
            Some("华龙区人民政府中原路街道办事处")
        );
        assert_eq!(
            agency_of("2019年上海市人民政府办公厅政府信息公开工作年度报告").as_deref(),
            Some("上海市人民政府办公厅")
        );
        assert_eq!(
            agency_of("宝鸡市眉县工业和信息化局2021年度政府信息公开工作报告").as_deref(),
            Some("宝鸡市眉县工业和信息化局")
        );
        assert_eq!(agency_of("华宁县人民政府2020年度政府信息公开工作年度报告").as_deref(), Some("华宁县人民政府"));
        assert_eq!(agency_of("某局政府信息公开年度报告").as_deref(), Some("某局"));
    }

    #[test]
    fn years() {
        assert_eq!(find_year("某局2022年度政府信息公开工作报告"), Some(2022));
        assert_eq!(find_year("电话6930100"), None);
        assert_eq!(find_year("12020年"), None);
    }
}
