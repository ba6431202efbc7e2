//! Property tests.
//!
//! - Arbitrary reports of both templates, written in the template's layout,
//!   parse to exactly their figures, and `render` then `parse` gives them
//!   back.
//! - The flat record does not change under CRLF line endings, a BOM,
//!   GB18030 bytes, full-width digits in the tables, or extra blank lines.
//! - PDF text in reading order with rows' totals drawn late after a group
//!   label never gives a wrong figure of table 三.
//!
//! `PROPTEST_CASES` sets the number of cases (CI runs the default of 64).

use proptest::prelude::*;
use xxgk::vocab::{RowKey, TableKind, Template, Unit};

/// One generated figure: a number (as printed) or a blank marker.
#[derive(Clone, Debug)]
enum Fig {
    Num(i64, u8), // mantissa, scale
    Blank(&'static str),
}

#[derive(Clone, Debug)]
struct Doc {
    template: Template,
    agency: String,
    year: i32,
    /// One entry per cell, in the order of `cells(template)`.
    figs: Vec<Fig>,
}

/// Every (row, column) of a template, in order.
fn cells(t: Template) -> Vec<(RowKey, usize)> {
    TableKind::ALL
        .into_iter()
        .flat_map(|k| RowKey::layout(k, t))
        .flat_map(|r| (0..r.columns().len()).map(move |c| (r, c)))
        .collect()
}

fn fig_for(unit: Unit) -> BoxedStrategy<Fig> {
    let blank = prop_oneof![Just("—"), Just("-"), Just("/"), Just("无"), Just("／"), Just("－")];
    let num = match unit {
        Unit::Money => (0i64..100_000_000, 0u8..=4).prop_map(|(m, s)| Fig::Num(m, s)).boxed(),
        Unit::Change => (-500i64..500).prop_map(|v| Fig::Num(v, 0)).boxed(),
        _ => prop_oneof![4 => 0i64..5, 1 => 0i64..100_000].prop_map(|v| Fig::Num(v, 0)).boxed(),
    };
    prop_oneof![6 => num, 1 => blank.prop_map(Fig::Blank)].boxed()
}

fn doc() -> impl Strategy<Value = Doc> {
    let agencies = prop_oneof![
        Just("华龙区人民政府中原路街道办事处"),
        Just("宝鸡市眉县工业和信息化局"),
        Just("上海市人民政府办公厅"),
        Just("淮安市洪泽区人民政府")
    ];
    (prop_oneof![Just(Template::Y2019), Just(Template::Y2021)], agencies, 2019i32..2026).prop_flat_map(
        |(template, agency, year)| {
            let strategies: Vec<BoxedStrategy<Fig>> =
                cells(template).into_iter().map(|(r, c)| fig_for(r.columns()[c].unit)).collect();
            strategies.prop_map(move |figs| Doc { template, agency: agency.to_string(), year, figs })
        },
    )
}

fn printed(f: &Fig) -> String {
    match *f {
        Fig::Num(m, 0) => m.to_string(),
        Fig::Num(m, s) => {
            let p = 10i64.pow(u32::from(s));
            format!("{}.{:0w$}", m / p, m % p, w = usize::from(s))
        }
        Fig::Blank(b) => b.to_string(),
    }
}

/// The report's text, in the template's layout (tab-separated).
fn text(d: &Doc) -> String {
    let mut out =
        format!("{}{}年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度工作情况良好。\n\n", d.agency, d.year);
    let mut figs = d.figs.iter();
    let mut row_cells = |r: RowKey, out: &mut String| {
        for _ in r.columns() {
            out.push('\t');
            out.push_str(&printed(figs.next().unwrap()));
        }
        out.push('\n');
    };
    out.push_str("二、主动公开政府信息情况\n");
    let mut caption = "";
    for r in RowKey::layout(TableKind::Active, d.template) {
        let (block, label) = r.spec().label.split_once(" / ").unwrap();
        if block != caption {
            caption = block;
            out.push_str(block);
            out.push_str("\n信息内容");
            for c in r.columns() {
                out.push('\t');
                out.push_str(c.label);
            }
            out.push('\n');
        }
        out.push_str(label);
        row_cells(r, &mut out);
    }
    out.push_str("\n三、收到和处理政府信息公开申请情况\n");
    out.push_str("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n");
    out.push_str("自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n");
    for r in RowKey::layout(TableKind::Requests, d.template) {
        out.push_str(&r.spec().label.replace(" / ", "\t"));
        row_cells(r, &mut out);
    }
    out.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n");
    out.push_str("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n");
    out.push_str("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n");
    let appeals: Vec<String> = (0..15).map(|_| printed(figs.next().unwrap())).collect();
    out.push_str(&appeals.join("\t"));
    out.push_str("\n\n五、存在的主要问题及改进情况\n\n无\n\n六、其他需要报告的事项\n\n无\n");
    out
}

/// What the flat record must say for each cell.
fn expected(d: &Doc) -> Vec<(String, Option<f64>)> {
    cells(d.template)
        .into_iter()
        .zip(&d.figs)
        .map(|((r, c), f)| {
            let key = format!("{}.{}", r.as_str(), r.columns()[c].key);
            let v = match *f {
                Fig::Num(m, s) => Some(m as f64 / 10f64.powi(i32::from(s))),
                Fig::Blank(_) => None,
            };
            (key, v)
        })
        .collect()
}

fn flat(bytes: &[u8]) -> Vec<(String, Option<f64>, Option<String>)> {
    let p = xxgk::parse_bytes(bytes).unwrap();
    p.report.to_flat().iter().map(|(k, v)| (k.to_string(), v.as_f64(), v.as_str().map(str::to_string))).collect()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * y.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn fullwidth_in_tables(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.contains('\t') {
                l.chars()
                    .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c })
                    .collect()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)))]

    #[test]
    fn generated_reports_parse_to_their_figures_and_round_trip(d in doc()) {
        let t = text(&d);
        let parsed = xxgk::parse(&t).unwrap();
        let got = parsed.report.to_flat();
        prop_assert_eq!(got.get("template").and_then(|v| v.as_str()), Some(d.template.as_str()));
        prop_assert_eq!(got.get("year").and_then(|v| v.as_f64()), Some(f64::from(d.year)));
        prop_assert_eq!(got.get("agency").and_then(|v| v.as_str()), Some(d.agency.as_str()));
        for (k, want) in expected(&d) {
            let have = got.get(&k).and_then(|v| v.as_f64());
            prop_assert!(close(have, want), "{}: want {:?}, got {:?}", k, want, have);
        }
        // render, then parse: the same figures.
        let again = xxgk::parse(&xxgk::render(&parsed.report)).unwrap().report.to_flat();
        prop_assert_eq!(again.len(), got.len());
        for ((k1, v1), (k2, v2)) in got.iter().zip(again.iter()) {
            prop_assert_eq!(k1, k2);
            prop_assert!(close(v1.as_f64(), v2.as_f64()) && v1.as_str() == v2.as_str(), "{}: {:?} became {:?}", k1, v1, v2);
        }
    }

    #[test]
    fn the_flat_record_is_invariant_under_encoding_and_layout_noise(d in doc(), which in 0usize..5) {
        let t = text(&d);
        let base = flat(t.as_bytes());
        let changed: Vec<u8> = match which {
            0 => t.replace('\n', "\r\n").into_bytes(),
            1 => [&b"\xEF\xBB\xBF"[..], t.as_bytes()].concat(),
            2 => encoding_rs::GB18030.encode(&t).0.into_owned(),
            3 => fullwidth_in_tables(&t).into_bytes(),
            _ => t.replace('\n', "\n\n").into_bytes(),
        };
        let other = flat(&changed);
        prop_assert_eq!(base.len(), other.len());
        for (a, b) in base.iter().zip(&other) {
            prop_assert_eq!(&a.0, &b.0);
            prop_assert!(close(a.1, b.1) && a.2 == b.2, "{} ({}): {:?} became {:?}", a.0, which, a, b);
        }
    }
}

/// A table 三 (2021) whose every rule holds: the result rows' figures from
/// `cells` (mostly 0), 办理结果总计 their sums, 上年结转 and 结转下年度 from
/// `carry`, 本年新收 what balances them. One row of seven per layout row.
#[allow(clippy::needless_range_loop)] // column by column across rows reads plainest
fn balanced_requests(cells: &[u8], carry: (u8, u8)) -> Vec<Vec<i64>> {
    let n = RowKey::layout(TableKind::Requests, Template::Y2021).count();
    let mut rows = vec![vec![0i64; 7]; n];
    for (r, row) in rows.iter_mut().enumerate().take(n - 2).skip(2) {
        for (c, v) in row.iter_mut().enumerate().take(6) {
            *v = i64::from((cells.get(r * 6 + c).copied().unwrap_or(0) % 7).saturating_sub(4));
        }
    }
    for c in 0..6 {
        rows[n - 2][c] = (2..n - 2).map(|r| rows[r][c]).sum();
    }
    rows[1][0] = i64::from(carry.0 % 3);
    rows[n - 1][0] = i64::from(carry.1 % 3);
    for c in 0..6 {
        rows[0][c] = rows[n - 2][c] + rows[n - 1][c] - rows[1][c];
        if rows[0][c] < 0 {
            rows[1][c] += rows[0][c];
            rows[0][c] = 0;
        }
    }
    for row in &mut rows {
        row[6] = row[..6].iter().sum();
    }
    rows
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)))]

    /// PDF text in reading order (a label, then its row's figures one a
    /// line) with some rows' 总计 drawn after a group label further on:
    /// every figure of table 三 xxgk reports is the table's own, in its
    /// place; what it cannot place is null.
    #[test]
    fn totals_drawn_late_never_give_wrong_figures(
        cells in proptest::collection::vec(any::<u8>(), 150),
        carry in (any::<u8>(), any::<u8>()),
        late in proptest::collection::btree_set(2usize..20, 0..4),
        after in 0usize..5,
    ) {
        let base = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pdf/raw-2021.txt")).unwrap();
        let (start, end) = (base.find("三、收到和处理").unwrap(), base.find("四、政府信息公开行政复议").unwrap());
        let rows = balanced_requests(&cells, carry);
        let layout: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
        let late: Vec<usize> = late.into_iter().collect();
        let at = late.last().map_or(0, |l| (l + after).min(layout.len() - 1));
        let mut table = String::from("三、收到和处理政府信息公开申请情况\n");
        for (r, k) in layout.iter().enumerate() {
            table.push_str(k.spec().label.rsplit(" / ").next().unwrap_or(""));
            table.push('\n');
            let shown = if late.contains(&r) { &rows[r][..6] } else { &rows[r][..] };
            shown.iter().for_each(|v| table.push_str(&format!("{v}\n")));
            if r == at && !late.is_empty() {
                table.push_str("（三）不予公开\n");
                late.iter().for_each(|&l| table.push_str(&format!("{}\n", rows[l][6])));
            }
        }
        let text = format!("{}{}{}", &base[..start], table, &base[end..]);
        let flat = xxgk::parse(&text).unwrap().report.to_flat();
        for (r, k) in layout.iter().enumerate() {
            for (c, col) in k.columns().iter().enumerate() {
                let key = format!("{}.{}", k.as_str(), col.key);
                if let Some(v) = flat.get(&key).and_then(|v| v.as_f64()) {
                    prop_assert_eq!(v, rows[r][c] as f64, "{} in\n{}", key, table);
                }
            }
        }
    }
}

/// Normalization one character at a time, as `xxgk::lex::normalize_into`
/// is specified: `<br>` tags dropped, every other character folded.
fn normalize_by_chars(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        // A tag: `<`, perhaps `/`, a name opening with a letter (letters,
        // digits, `:`), then `>`, or a space, tab or `/` and the rest up to
        // the first `>` within 256 bytes with no `<` before it.
        if c == '<' {
            let after = rest[1..].strip_prefix('/').unwrap_or(&rest[1..]);
            if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let name = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == ':')).unwrap_or(after.len());
                let tail = &after[name..];
                let skip = if tail.starts_with('>') {
                    Some(1)
                } else if tail.starts_with([' ', '\t', '/']) {
                    let window = &tail.as_bytes()[..tail.len().min(256)];
                    window.iter().position(|&b| b == b'>').filter(|&k| !window[..k].contains(&b'<')).map(|k| k + 1)
                } else {
                    None
                };
                if let Some(k) = skip {
                    rest = &tail[k..];
                    continue;
                }
            }
        }
        if let Some(f) = xxgk::lex::fold(c) {
            out.push(f);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

proptest! {
    /// The normalizer (fast paths for ASCII and tags) agrees with folding
    /// one character at a time, on text mixing ASCII, tags, spaces, full-width
    /// and traditional characters.
    #[test]
    fn normalization_folds_every_character(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<br>".to_string()), Just("<BR />".to_string()), Just("<br/".to_string()), Just("<b>".to_string()),
                Just("<span style=\"a:b\">".to_string()), Just("</span>".to_string()), Just("<o:p>".to_string()),
                Just("<a".to_string()), Just("< b>".to_string()), Just("<1>".to_string()),
                Just("'".to_string()), Just("\u{3000}".to_string()), Just("\u{a0}".to_string()), Just("\t".to_string()),
                Just("１２".to_string()), Just("總計".to_string()), Just("—".to_string()), Just("（二）".to_string()),
                "[ -~]{0,6}", "\\PC{0,4}",
            ],
            0..12,
        )
    ) {
        let s: String = parts.concat();
        let mut fast = String::new();
        xxgk::lex::normalize_into(&s, &mut fast);
        prop_assert_eq!(fast, normalize_by_chars(&s));
    }
}

proptest! {
    /// Trimming (fast paths for cells that start and end with printable
    /// ASCII, ideographs, CJK punctuation or full-width forms) agrees with
    /// trimming every space character one at a time.
    #[test]
    fn trim_drops_exactly_the_spaces_at_either_end(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("\u{3000}".to_string()), Just("\u{a0}".to_string()), Just("\u{feff}".to_string()),
                Just("\u{200b}".to_string()), Just(" ".to_string()), Just("\t".to_string()), Just("、".to_string()),
                Just("（二）".to_string()), Just("總".to_string()), Just("é".to_string()), Just("𠀀".to_string()),
                Just("—".to_string()), Just("\u{2000}".to_string()), Just("\u{200a}".to_string()),
                Just("\u{2028}".to_string()), Just("\u{202f}".to_string()), Just("\u{205f}".to_string()),
                Just("\u{1680}".to_string()), Just("\u{85}".to_string()), Just("\u{200d}".to_string()),
                "[ -~]{0,3}", "\\PC{0,3}",
            ],
            0..8,
        )
    ) {
        let s: String = parts.concat();
        prop_assert_eq!(xxgk::lex::trim(&s), s.trim_matches(xxgk::lex::is_space));
    }
}
