//! Pathological inputs (issue 4), built around the seed report so that the
//! parser reaches its tables. Shared by `tests/pathological.rs` and
//! `benches/pathological.rs`.

/// The seed report.
pub const SEED: &str = include_str!("../../fixtures/huanglong-zhongyuanlu-2020.txt");

/// `extra` inserted into table 三, before its first row.
fn in_table_three(extra: &str) -> String {
    let at = SEED.find("一、本年新收政府信息公开申请数量").unwrap_or(0);
    let mut s = String::with_capacity(SEED.len() + extra.len());
    s.push_str(&SEED[..at]);
    s.push_str(extra);
    s.push_str(&SEED[at..]);
    s
}

/// Every pathological input of about `size` bytes, by name.
pub fn inputs(size: usize) -> Vec<(&'static str, String)> {
    let row = SEED.lines().find(|l| l.contains("部分公开")).unwrap_or("").to_string() + "\n";
    let sentence = "华龙区人民政府政府信息公开工作年度报告，";
    vec![
        ("one line, no newline", sentence.repeat(size / sentence.len())),
        ("tabs in a table", in_table_three(&("\t".repeat(size) + "\n"))),
        ("pipes in a table", in_table_three(&("|".repeat(size) + "\n"))),
        ("heading lines", SEED.to_string() + &"## 一、总体情况\n".repeat(size / 22)),
        ("a table-three row repeated", in_table_three(&row.repeat(size / row.len()))),
        ("the report repeated", SEED.repeat(size / SEED.len() + 1)),
        ("#s before a heading", "#".repeat(size) + " 一、总体情况\n" + SEED),
        ("lines of empty cells", in_table_three(&"\t\t\t\n".repeat(size / 4))),
    ]
}

/// The inputs at the sizes of issue 4: a 20 MB line, 10 MB of tabs and of
/// `|`, 200,000 heading lines, a table-三 row 100,000 times, the report 2,000
/// times, 5 MB of `#` before a heading, a million lines of empty cells.
pub fn full_size() -> Vec<(&'static str, String)> {
    let row = SEED.lines().find(|l| l.contains("部分公开")).unwrap_or("").to_string() + "\n";
    let sentence = "华龙区人民政府政府信息公开工作年度报告，";
    vec![
        ("20 MB line, no newline", sentence.repeat(20_000_000 / sentence.len())),
        ("10 MB of tabs in a table", in_table_three(&("\t".repeat(10_000_000) + "\n"))),
        ("10 MB of | in a table", in_table_three(&("|".repeat(10_000_000) + "\n"))),
        ("200,000 heading lines", SEED.to_string() + &"## 一、总体情况\n".repeat(200_000)),
        ("table-三 row ×100,000", in_table_three(&row.repeat(100_000))),
        ("report ×2,000", SEED.repeat(2_000)),
        ("5 MB of # before a heading", "#".repeat(5_000_000) + " 一、总体情况\n" + SEED),
        ("1,000,000 lines of empty cells", in_table_three(&"\t\t\t\n".repeat(1_000_000))),
        ("1,000,000 figures one per line", in_table_three(&"0\n\n1\n".repeat(500_000))),
    ]
}

/// A web-page report (issue 6).
pub const PAGE: &str = include_str!("../../fixtures/html/nested-markup-2019.html");

/// `extra` inserted into the page's table 三, before its first row.
fn in_page_table(extra: &str) -> String {
    let at =
        PAGE.find("<tr").and_then(|_| PAGE.find("三、收到和处理")).and_then(|i| PAGE[i..].find("<tr").map(|j| i + j));
    let at = at.unwrap_or(0);
    let mut s = String::with_capacity(PAGE.len() + extra.len());
    s.push_str(&PAGE[..at]);
    s.push_str(extra);
    s.push_str(&PAGE[at..]);
    s
}

/// Pathological web pages of about `size` bytes, by name.
pub fn html_inputs(size: usize) -> Vec<(&'static str, String)> {
    let row =
        "<tr><td>（二）部分公开</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>\n";
    let span = "<td colspan=\"64\" rowspan=\"10000\">x</td>";
    vec![
        ("unclosed tags", PAGE.to_string() + &"<div><p><span><font>规章".repeat(size / 30)),
        ("nested divs", "<div>".repeat(size / 11) + PAGE + &"</div>".repeat(size / 11)),
        ("a long table", in_page_table(&row.repeat(size / row.len()))),
        ("unclosed cells", in_page_table(&"<tr><td>1".repeat(size / 9))),
        (
            "wide spans over empty rows",
            in_page_table(
                &(format!("<tr>{}</tr>", span.repeat(size / 2 / span.len())) + &"<tr></tr>".repeat(size / 18)),
            ),
        ),
        ("an unclosed script", format!("<html><body><script>{}", "一、总体情况<p>".repeat(size / 21))),
    ]
}

/// The web pages at the sizes of issue 6: 100,000 nested `<div>`s, a 20 MB
/// table, 10 MB of unclosed tags, and the others at 10 MB.
pub fn html_full_size() -> Vec<(&'static str, String)> {
    let mut v = html_inputs(10_000_000);
    for (name, s) in v.iter_mut() {
        match *name {
            "nested divs" => {
                *name = "100,000 nested divs";
                *s = "<div>".repeat(100_000) + PAGE + &"</div>".repeat(100_000);
            }
            "a long table" => {
                *name = "a 20 MB table";
                let row = "<tr><td>（二）部分公开</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>\n";
                *s = in_page_table(&row.repeat(20_000_000 / row.len()));
            }
            _ => {}
        }
    }
    v
}

/// Inputs made of nothing but figures, one per line as PDF reading order
/// prints them: every figure is a token, so memory is a larger (still
/// constant) multiple of the input.
pub fn dense_inputs(size: usize) -> Vec<(&'static str, String)> {
    // A row laid out by spaces with empty cells, a page each (what the
    // page grid of columns reads).
    let laid_out = "\u{c}（一）予以公开            1        0       1\n";
    vec![
        ("a figure per line (PDF reading order)", in_table_three(&"0\n\n1\n".repeat(size / 5))),
        ("laid-out rows with empty cells, a page each", in_table_three(&laid_out.repeat(size / laid_out.len()))),
    ]
}
