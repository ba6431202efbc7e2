//! The HTML front end: a web page to the lines the text reader reads.
//!
//! A report's page is parsed with [`tl`] (linear in the input, however deep
//! or broken the markup) and walked without recursion. Text outside tables
//! (`<p>`, `<h1>`…`<h6>`, `<div>`, `<li>`) becomes one line per block;
//! scripts, styles and the `<head>` are skipped. Each data table becomes one
//! tab-separated line per `<tr>`, laid out on the table's grid by the HTML
//! table algorithm: a cell stands at its grid column, and the columns a
//! `rowspan` or `colspan` covers hold [`PLACEHOLDER`] — a position, not an
//! empty cell — so the table reader knows exactly which cells exist. A
//! table whose cells hold tables is page layout: its cells' content is read
//! in order instead. Every line remembers the line of the HTML source it
//! came from, so diagnostics point into the page.

pub use crate::lex::PLACEHOLDER;
use crate::lex::is_space;

/// Widest `colspan` and tallest `rowspan` honoured (larger ones are
/// clamped: no report table comes near, and the grid stays bounded).
const MAX_SPAN: usize = 64;
const MAX_ROWSPAN: usize = 10_000;
/// The widest grid whose spans are tracked (report tables have about a
/// dozen columns).
const MAX_COLUMNS: usize = 256;

/// True when the bytes start like an HTML document (after a byte-order
/// mark and white space): `<!DOCTYPE html`, `<html`, `<head`, `<body`,
/// `<meta`, or a table or paragraph tag near the start.
///
/// ```
/// assert!(xxgk::html::looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
/// assert!(!xxgk::html::looks_like_html("一、总体情况".as_bytes()));
/// ```
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let head = b.get(start..(start + 1024).min(b.len())).unwrap_or(&[]);
    if head.first() != Some(&b'<') {
        return false;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    ["<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div", "<p>", "<p ", "<h1", "<title"]
        .iter()
        .any(|t| lower.windows(t.len()).any(|w| w == t.as_bytes()))
}

/// True when the bytes hold a whole page's markup near their start
/// (`<!DOCTYPE html`, `<html`, `<head` or `<body` in the first 4 KiB), not
/// a fragment of one or text with tags in it.
///
/// ```
/// assert!(xxgk::html::is_whole_page(b"<!DOCTYPE html><html><body></body></html>"));
/// assert!(!xxgk::html::is_whole_page("<div class=\"article\">\n\n**一、总体情况**\n".as_bytes()));
/// ```
pub fn is_whole_page(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|t| head.windows(t.len()).any(|w| w.eq_ignore_ascii_case(t.as_bytes())))
}

/// The page as lines of text, and for each line the 1-based line of the
/// HTML source it came from.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Page {
    /// The lines, joined by `\n`.
    pub text: String,
    /// Per line of `text`: the line of the HTML source.
    pub origins: Vec<usize>,
}

impl Page {
    fn push_line(&mut self, line: &str, origin: usize) {
        self.text.push_str(line);
        self.text.push('\n');
        self.origins.push(origin);
    }
}

/// Byte offset → 1-based line of the source.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        LineIndex(starts)
    }

    fn line(&self, offset: usize) -> usize {
        match self.0.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

fn tag_name(t: &tl::HTMLTag<'_>) -> String {
    t.name().as_utf8_str().trim_end_matches('/').to_ascii_lowercase()
}

fn attr_usize(t: &tl::HTMLTag<'_>, name: &str, max: usize) -> usize {
    t.attributes()
        .get(name)
        .flatten()
        .and_then(|v| v.as_utf8_str().trim().parse::<usize>().ok())
        .map_or(1, |v| v.clamp(1, max))
}

/// Whether a tag's content is not page text. A self-closed `<x/>` holds
/// nothing: the parser hangs what follows it under it, which is read.
fn skipped(name: &str, t: &tl::HTMLTag<'_>) -> bool {
    SKIP.contains(&name) && !t.name().as_bytes().ends_with(b"/")
}

/// Elements whose content is not the report: code, the document head,
/// embedded objects, navigation and form controls.
const SKIP: &[&str] = &[
    "script", "style", "head", "noscript", "template", "iframe", "svg", "object", "nav", "aside", "menu", "select",
    "button", "textarea",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "center",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "caption",
    "form",
    "body",
    "html",
    "hr",
];

/// Reads a page: text blocks and tables, in document order.
///
/// ```
/// let page = xxgk::html::read_page("<p>一、总体情况</p>\n<table><tr><td rowspan=\"2\">a</td><td>1</td></tr>\n<tr><td>2</td></tr></table>");
/// assert_eq!(page.text, "一、总体情况\na\t1\n\u{E000}\t2\n");
/// assert_eq!(page.origins, [1, 2, 3]);
/// ```
pub fn read_page(src: &str) -> Page {
    let mut page = Page::default();
    let fixed = open_self_closed(src);
    let src: &str = &fixed;
    let Ok(dom) = tl::parse(src, tl::ParserOptions::default()) else { return page };
    let parser = dom.parser();
    let lines = LineIndex::new(src);
    let mut block = String::new();
    let mut block_origin = 0usize;
    let flush = |page: &mut Page, block: &mut String, origin: usize| {
        let t = collapse(block);
        if !t.is_empty() {
            page.push_line(&t, origin.max(1));
        }
        block.clear();
    };
    // An explicit stack: (node, entered?). Leaving a block flushes it.
    let mut stack: Vec<(tl::NodeHandle, bool)> = dom.children().iter().rev().map(|&h| (h, false)).collect();
    while let Some((h, left)) = stack.pop() {
        let Some(node) = h.get(parser) else { continue };
        match node {
            tl::Node::Raw(b) => {
                if block.is_empty() {
                    block_origin = lines.line(offset_of(src, b.as_bytes()));
                }
                block.push_str(&decode_entities(&b.as_utf8_str()));
            }
            tl::Node::Comment(_) => {}
            tl::Node::Tag(t) => {
                let name = tag_name(t);
                if skipped(&name, t) {
                    continue;
                }
                let origin = lines.line(t.boundaries(parser).0);
                if name == "table" {
                    flush(&mut page, &mut block, block_origin);
                    read_table(t, parser, &lines, &mut page, &mut stack);
                    continue;
                }
                if name == "br" {
                    // `<br/>` may hold what follows it (see `skipped`).
                    flush(&mut page, &mut block, block_origin);
                    push_children(&mut stack, t, |h| (h, false));
                    continue;
                }
                let is_block = BLOCKS.contains(&name.as_str()) || name == "tr" || name == "td" || name == "th";
                if left {
                    if is_block {
                        flush(&mut page, &mut block, block_origin);
                    }
                    continue;
                }
                if is_block {
                    flush(&mut page, &mut block, block_origin);
                    block_origin = origin;
                    stack.push((h, true));
                }
                push_children(&mut stack, t, |h| (h, false));
            }
        }
    }
    flush(&mut page, &mut block, block_origin);
    page
}

/// Text that holds HTML tables among lines of text — Markdown from a
/// converter that keeps a table it cannot draw as HTML (`pandoc -t gfm`),
/// or text a scraper pasted a table's markup into: its lines as they
/// stand, and each `<table>…</table>` read as [`read_page`] reads a page's
/// table. `None` when the text holds no table tag.
///
/// ```
/// let text = "二、主动公开政府信息情况\n<table>\n<tr><td>规章</td><td>1</td></tr>\n</table>\n三、收到";
/// let page = xxgk::html::read_text_with_tables(text).unwrap();
/// assert_eq!(page.text, "二、主动公开政府信息情况\n规章\t1\n三、收到\n");
/// assert_eq!(page.origins, [1, 3, 5]);
/// ```
pub fn read_text_with_tables(src: &str) -> Option<Page> {
    let b = src.as_bytes();
    let open = |from: usize| -> Option<usize> {
        let rest = b.get(from..)?;
        memchr::memchr_iter(b'<', rest).map(|i| from + i).find(|&i| {
            b.get(i + 1..i + 6).is_some_and(|t| t.eq_ignore_ascii_case(b"table"))
                && b.get(i + 6).is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    };
    let first = open(0)?;
    let lines = LineIndex::new(src);
    let mut page = Page::default();
    // Lines of text from `from` up to `to` (a byte offset inside a line
    // keeps that line's part).
    let push_text = |page: &mut Page, from: usize, to: usize| {
        let Some(part) = src.get(from..to) else { return };
        let mut at = from;
        for line in part.split_inclusive('\n') {
            let t = line.trim_end_matches(['\n', '\r']);
            if !t.trim().is_empty() {
                page.push_line(t, lines.line(at));
            }
            at += line.len();
        }
    };
    let mut pos = 0usize;
    let mut next = Some(first);
    while let Some(start) = next {
        // The table's end: its `</table>`, counting tables inside it.
        let mut depth = 0usize;
        let mut end = src.len();
        for i in memchr::memchr_iter(b'<', b.get(start..).unwrap_or(&[])).map(|i| start + i) {
            let tag = |name: &[u8], at: usize| {
                b.get(at..at + name.len()).is_some_and(|t| t.eq_ignore_ascii_case(name))
                    && b.get(at + name.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
            };
            if tag(b"table", i + 1) {
                depth += 1;
            } else if tag(b"/table", i + 1) {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    end = memchr::memchr(b'>', b.get(i..).unwrap_or(&[])).map_or(src.len(), |k| i + k + 1);
                    break;
                }
            }
        }
        push_text(&mut page, pos, start);
        // The table read on its own, its lines counted from the source's.
        let base = lines.line(start).saturating_sub(1);
        let table = read_page(src.get(start..end).unwrap_or(""));
        for (line, origin) in table.text.lines().zip(&table.origins) {
            page.push_line(line, base + origin);
        }
        pos = end;
        next = open(end);
    }
    push_text(&mut page, pos, src.len());
    Some(page)
}

/// Rewrites each `<name/>` as `<name >`: the parser takes `name/` for a
/// tag name and hangs the rest of the page under it. The rewrite keeps
/// every byte offset, so source lines stay right.
fn open_self_closed(src: &str) -> std::borrow::Cow<'_, str> {
    let bytes = src.as_bytes();
    let mut at: Vec<usize> = Vec::new();
    for end in memchr::memmem::find_iter(bytes, b"/>") {
        // Back over the name to its `<`; names are short.
        let mut i = end;
        while i > 0 && end - i < 16 && bytes.get(i - 1).is_some_and(u8::is_ascii_alphanumeric) {
            i -= 1;
        }
        if i < end && i > 0 && bytes.get(i - 1) == Some(&b'<') {
            at.push(end);
        }
    }
    if at.is_empty() {
        return std::borrow::Cow::Borrowed(src);
    }
    let mut out = bytes.to_vec();
    for i in at {
        if let Some(b) = out.get_mut(i) {
            *b = b' ';
        }
    }
    // Only an ASCII '/' became an ASCII space.
    String::from_utf8(out).map_or(std::borrow::Cow::Borrowed(src), std::borrow::Cow::Owned)
}

/// Pushes a tag's children on a walk's stack so that they pop in document
/// order.
fn push_children<T>(stack: &mut Vec<T>, t: &tl::HTMLTag<'_>, f: impl Fn(tl::NodeHandle) -> T) {
    let n = stack.len();
    stack.extend(t.children().top().iter().map(|&h| f(h)));
    if let Some(seg) = stack.get_mut(n..) {
        seg.reverse();
    }
}

/// The byte offset of `part` in `src` (a subslice), else 0.
fn offset_of(src: &str, part: &[u8]) -> usize {
    let o = (part.as_ptr() as usize).wrapping_sub(src.as_ptr() as usize);
    if o <= src.len() { o } else { 0 }
}

fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('&') { html_escape::decode_html_entities(s) } else { std::borrow::Cow::Borrowed(s) }
}

/// Collapses runs of white space (not NBSP or U+3000, which may be a
/// cell's only content) into one space, and trims.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// One cell of a table: its text, spans and source line.
struct RawCell {
    text: String,
    rowspan: usize,
    colspan: usize,
    origin: usize,
}

/// Reads a `<table>`: a data table becomes grid rows; a layout table (cells
/// holding tables) has its cells' content pushed back on the walk.
fn read_table(
    t: &tl::HTMLTag<'_>,
    parser: &tl::Parser<'_>,
    lines: &LineIndex,
    page: &mut Page,
    walk: &mut Vec<(tl::NodeHandle, bool)>,
) {
    // Rows and their cells, in document order, not entering nested tables.
    // A walk entry says whether it lies inside a cell already seen (an
    // unclosed `<td>` holds the rest of the table).
    let mut rows: Vec<(usize, Vec<RawCell>)> = Vec::new();
    let mut cells_of_layout: Vec<tl::NodeHandle> = Vec::new();
    let mut nested = false;
    let mut stack: Vec<(tl::NodeHandle, bool)> = Vec::new();
    push_children(&mut stack, t, |h| (h, false));
    while let Some((h, inside)) = stack.pop() {
        let Some(tl::Node::Tag(tag)) = h.get(parser) else { continue };
        let name = tag_name(tag);
        match name.as_str() {
            "table" => {
                // A table directly in a table (outside any cell): read it
                // as the page goes on.
                nested = true;
                if !inside {
                    cells_of_layout.push(h);
                }
            }
            "tr" => {
                rows.push((lines.line(tag.boundaries(parser).0), Vec::new()));
                push_children(&mut stack, tag, |h| (h, inside));
            }
            "td" | "th" => {
                let (text, inner_table) = cell_text(tag, parser, &mut stack);
                nested |= inner_table;
                // A layout's cells are read again as the page: only the
                // outermost, so that nothing is read twice.
                if !inside {
                    cells_of_layout.push(h);
                }
                let cell = RawCell {
                    text,
                    rowspan: attr_usize(tag, "rowspan", MAX_ROWSPAN),
                    colspan: attr_usize(tag, "colspan", MAX_SPAN),
                    origin: lines.line(tag.boundaries(parser).0),
                };
                match rows.last_mut() {
                    Some((_, cells)) => cells.push(cell),
                    None => rows.push((cell.origin, vec![cell])),
                }
            }
            _ if skipped(&name, tag) => {}
            _ => push_children(&mut stack, tag, |h| (h, inside)),
        }
    }
    if nested {
        // Page layout: read each cell's content as part of the page.
        for &h in cells_of_layout.iter().rev() {
            walk.push((h, false));
        }
        return;
    }
    // The HTML table algorithm: per column, how many more rows a rowspan
    // covers.
    let mut covered: Vec<usize> = Vec::new();
    let mut line = String::new();
    for (origin, cells) in rows {
        line.clear();
        let mut col = 0usize;
        let mut first = true;
        let mut put = |line: &mut String, s: &str| {
            if !first {
                line.push('\t');
            }
            first = false;
            line.push_str(s);
        };
        let mut placeholder = [0u8; 4];
        let ph: &str = PLACEHOLDER.encode_utf8(&mut placeholder);
        for cell in cells {
            while covered.get(col).is_some_and(|&n| n > 0) {
                put(&mut line, ph);
                col += 1;
            }
            put(&mut line, &cell.text);
            // Past the grid's width a cell spans nothing: each row's walk
            // over the grid stays bounded, whatever the spans say.
            let span = if col + cell.colspan <= MAX_COLUMNS { cell.colspan } else { 1 };
            if col >= MAX_COLUMNS {
                col += 1;
                continue;
            }
            for k in 0..span {
                if covered.len() <= col + k {
                    covered.resize(col + k + 1, 0);
                }
                if let Some(c) = covered.get_mut(col + k) {
                    *c = cell.rowspan;
                }
                if k > 0 {
                    put(&mut line, ph);
                }
            }
            col += span;
        }
        // Spans from above that reach past this row's last cell.
        while col < covered.len() {
            if covered.get(col).is_some_and(|&n| n > 0) {
                put(&mut line, ph);
            } else {
                put(&mut line, "");
            }
            col += 1;
        }
        for c in covered.iter_mut() {
            *c = c.saturating_sub(1);
        }
        // Positions after the last cell carry nothing; empty cells do (a
        // blank). A row of nothing but empty cells is no row.
        let mut trimmed: &str = &line;
        while let Some(t) = trimmed.strip_suffix(PLACEHOLDER) {
            trimmed = t.strip_suffix('\t').unwrap_or(t);
        }
        if trimmed.chars().any(|c| c != '\t' && c != PLACEHOLDER) {
            page.push_line(trimmed, origin);
        }
    }
}

/// A cell's text: its subtree's text, with `<br>` and blocks as spaces,
/// not entering nested tables (reported) or cells opened inside it (an
/// unclosed `<td>`: they are pushed on `rest` to be read as cells).
fn cell_text(tag: &tl::HTMLTag<'_>, parser: &tl::Parser<'_>, rest: &mut Vec<(tl::NodeHandle, bool)>) -> (String, bool) {
    let mut text = String::new();
    let mut nested = false;
    let mut stack: Vec<tl::NodeHandle> = Vec::new();
    push_children(&mut stack, tag, |h| h);
    let mut later: Vec<tl::NodeHandle> = Vec::new();
    while let Some(h) = stack.pop() {
        match h.get(parser) {
            Some(tl::Node::Raw(b)) => {
                text.push_str(&decode_entities(&b.as_utf8_str()));
            }
            Some(tl::Node::Tag(t)) => {
                let name = tag_name(t);
                match name.as_str() {
                    "table" => nested = true,
                    "td" | "th" | "tr" => later.push(h),
                    "br" | "p" | "div" => {
                        text.push(' ');
                        push_children(&mut stack, t, |h| h);
                    }
                    _ if skipped(&name, t) => {}
                    _ => push_children(&mut stack, t, |h| h),
                }
            }
            _ => {}
        }
    }
    rest.extend(later.into_iter().rev().map(|h| (h, true)));
    let t = collapse(&text);
    let t = t.trim_matches(|c: char| is_space(c) && c != '\u{3000}');
    (t.to_string(), nested)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_hold_positions_not_cells() {
        let p = read_page(
            "<table><tr><td colspan=\"2\">申请人</td><td>总计</td></tr><tr><td>a</td><td></td><td>3</td></tr></table>",
        );
        assert_eq!(p.text, "申请人\t\u{E000}\t总计\na\t\t3\n");
    }

    #[test]
    fn br_and_nested_markup_in_cells() {
        let p =
            read_page("<table><tr><td><p><span>商业</span><br/>企业</p></td><td>&nbsp;</td><td>1</td></tr></table>");
        assert_eq!(p.text, "商业 企业\t\t1\n");
        let p = read_page("<table><tr><td>规章</td><td>&nbsp;</td><td>&nbsp;</td></tr></table>");
        assert_eq!(p.text, "规章\t\t\n");
    }

    #[test]
    fn self_closed_tags_hold_nothing() {
        // The parser hangs what follows `<br/>` under it.
        let p =
            read_page("<table><tr><td>a<br/>b</td><td>2</td></tr><tr><td>c</td><td>3</td></tr></table><p>x<br/>y</p>");
        assert_eq!(p.text, "a b\t2\nc\t3\nx\ny\n");
        let p = read_page("<body><script src=\"a.js\"/><p>正文</p></body>");
        assert_eq!(p.text, "正文\n");
    }

    #[test]
    fn layout_tables_are_read_through() {
        let p = read_page(
            "<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>",
        );
        assert_eq!(p.text, "一、总体情况\n规章\t1\n");
    }

    #[test]
    fn scripts_and_head_are_skipped() {
        let p =
            read_page("<html><head><title>x</title><script>var a=1;</script></head><body><p>正文</p></body></html>");
        assert_eq!(p.text, "正文\n");
    }

    #[test]
    fn a_table_in_a_table_outside_cells_is_read() {
        let p = read_page("<table><table><tr><td>规章</td><td>1</td></tr></table></table>");
        assert_eq!(p.text, "规章\t1\n");
    }

    #[test]
    fn spans_past_the_grid_width_are_not_tracked() {
        let wide = "<td colspan=\"64\" rowspan=\"10000\">x</td>".repeat(8);
        let p = read_page(&format!("<table><tr>{wide}</tr>{}</table>", "<tr><td>1</td></tr>".repeat(3)));
        let rows: Vec<&str> = p.text.lines().collect();
        assert_eq!(rows.len(), 4);
        // Four spans fill the 256 tracked columns; the rest span nothing.
        assert_eq!(rows[1].split('\t').count(), 257);
        assert!(rows[1].ends_with("\t1"));
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let html = "<div>".repeat(200_000) + "x" + &"</div>".repeat(200_000);
        assert_eq!(read_page(&html).text, "x\n");
    }
}
