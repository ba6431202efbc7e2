//! Recognising the labels of a table's rows, groups and headers.

use super::vocab::{GROUPS, GroupSpec, Match, ROWS, Role, RowKey, RowSpec, TableKind, Template};
use aho_corasick::AhoCorasick;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::one_of;
use nom::combinator::recognize;
use nom::{IResult, Parser};
use std::sync::OnceLock;

const NUMERALS: &str = "一二三四五六七八九十";

/// An ordinal at the start of a label: `(一)`, `一、`, `1.`, `1、`, `(1)`, `1)`.
fn ordinal(i: &str) -> IResult<&str, &str> {
    let cn = || take_while1(|c: char| NUMERALS.contains(c));
    let num = || take_while_m_n(1, 2, |c: char| c.is_ascii_digit());
    recognize(alt((
        (tag("("), cn(), tag(")")),
        (tag("("), num(), tag(")")),
        (cn(), tag("、"), tag("")),
        (num(), recognize(one_of(".、,)")), tag("")),
    )))
    .parse(i)
}

/// `norm` without its leading ordinal, if it has one.
///
/// ```ignore
/// assert_eq!(strip_ordinal("(三)不予公开"), "不予公开");
/// assert_eq!(strip_ordinal("1.属于国家秘密"), "属于国家秘密");
/// ```
pub(crate) fn strip_ordinal(norm: &str) -> &str {
    match ordinal(norm) {
        Ok((rest, _)) if !rest.is_empty() => rest,
        _ => norm,
    }
}

/// Labels longer than this are sentences, not labels.
const MAX_LABEL_CHARS: usize = 90;

/// How a key word must sit in a label for its target to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Anywhere,
    Start,
    Whole,
}

/// Every key word of the vocabulary in one automaton: a label is scanned
/// once, and the rows, groups and headers it matches come out as a bitset
/// (bit `i` < 41: row `i` of `ROWS`; then the groups; then one header bit
/// per table).
struct Lexicon {
    /// `None` only if the automaton could not be built (it cannot, for
    /// these few fixed words); then nothing matches.
    ac: Option<AhoCorasick>,
    /// Per pattern: the targets it matches, and how.
    meaning: Vec<Vec<(u8, Mode)>>,
    /// The rows whose label is numbered (`2.其他法律行政法规禁止公开`): the
    /// row, its number, and its label after the number, normalized (see
    /// [`cut_label`]).
    numbered: Vec<(u8, u32, String)>,
}

const GROUP_BIT: usize = 48;
const HEADER_BIT: usize = 56;
/// Markers of table 二's template: bit 60 for 2019, 61 for 2021.
const TEMPLATE_BIT: usize = 60;

fn header_bit(t: TableKind) -> u64 {
    1 << (HEADER_BIT + TableKind::ALL.iter().position(|&k| k == t).unwrap_or(0))
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut words: Vec<&'static str> = Vec::new();
        let mut meaning: Vec<Vec<(u8, Mode)>> = Vec::new();
        let mut add = |w: &'static str, target: usize, mode: Mode| {
            let i = match words.iter().position(|x| *x == w) {
                Some(i) => i,
                None => {
                    words.push(w);
                    meaning.push(Vec::new());
                    words.len() - 1
                }
            };
            if let (Some(m), Ok(t)) = (meaning.get_mut(i), u8::try_from(target)) {
                m.push((t, mode));
            }
        };
        let add_match = |m: Match, target: usize, add: &mut dyn FnMut(&'static str, usize, Mode)| match m {
            Match::Contains(ws) => ws.iter().for_each(|w| add(w, target, Mode::Anywhere)),
            Match::Prefix(p) => add(p, target, Mode::Start),
            Match::Exact(e) => add(e, target, Mode::Whole),
            Match::Unlabelled => {}
        };
        for (i, r) in ROWS.iter().enumerate() {
            add_match(r.matcher, i, &mut add);
        }
        for (i, g) in GROUPS.iter().enumerate() {
            add_match(g.matcher, GROUP_BIT + i, &mut add);
        }
        for (ti, t) in TableKind::ALL.iter().enumerate() {
            for w in HEADER_WORDS {
                add(w, HEADER_BIT + ti, Mode::Anywhere);
            }
            for c in ROWS.iter().filter(|r| r.table == *t).flat_map(|r| r.columns) {
                // A column in both templates has no marker: its label is
                // its header all the same (`处理决定数量`).
                add(if c.marker.is_empty() { c.label } else { c.marker }, HEADER_BIT + ti, Mode::Anywhere);
            }
        }
        for (k, t) in [Template::Y2019, Template::Y2021].into_iter().enumerate() {
            for m in template_markers(t) {
                add(m, TEMPLATE_BIT + k, Mode::Anywhere);
            }
        }
        let mut numbered = Vec::new();
        for (i, r) in ROWS.iter().enumerate() {
            let last = r.label.rsplit(" / ").next().unwrap_or("");
            if let (Some((n, rest)), Ok(t)) = (numbered_ordinal(last), u8::try_from(i)) {
                numbered.push((t, n, crate::lex::normalize(rest)));
            }
        }
        Lexicon { ac: AhoCorasick::new(&words).ok(), meaning, numbered }
    })
}

/// The rows, groups and headers a normalized text matches, with its ordinal
/// taken off; 0 for a text too long to be a label.
pub(crate) fn scan_label(norm: &str) -> u64 {
    let label = strip_ordinal(norm);
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return 0;
    }
    let bits = scan(label);
    if bits & ((1 << GROUP_BIT) - 1) == 0 { bits | cut_label(norm) } else { bits }
}

/// A numeric ordinal at the start of `s` (`7.`, `7、`, `7,`, `7)`): its
/// number and the text after it.
fn numbered_ordinal(s: &str) -> Option<(u32, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let n = s.get(..digits)?.parse().ok()?;
    let rest = s.get(digits..)?;
    let sep = rest.chars().next().filter(|c| matches!(c, '.' | '、' | ',' | ')'))?;
    Some((n, rest.get(sep.len_utf8()..)?))
}

/// Fewest characters of a numbered label cut short that name its row.
const MIN_CUT_CHARS: usize = 4;

/// The row of a numbered label cut short where its cell wraps it on a
/// narrow page (`7.属于行政执法`, perhaps after a group label's piece:
/// `性信息7.属于行政执法`): the one row whose number is the same and whose
/// label starts with the words after it, at least [`MIN_CUT_CHARS`] of
/// them. 0 when none or several.
fn cut_label(norm: &str) -> u64 {
    let lex = lexicon();
    // The last numbered ordinal, not within a longer number.
    let at = norm
        .char_indices()
        .filter(|&(k, c)| {
            c.is_ascii_digit() && !norm.get(..k).is_some_and(|h| h.ends_with(|p: char| p.is_ascii_digit()))
        })
        .rev()
        .find_map(|(k, _)| norm.get(k..).and_then(numbered_ordinal));
    let Some((n, rest)) = at else { return 0 };
    if rest.chars().count() < MIN_CUT_CHARS {
        return 0;
    }
    let mut hits = lex.numbered.iter().filter(|(_, m, label)| *m == n && label.starts_with(rest));
    match (hits.next(), hits.next()) {
        (Some((t, _, _)), None) => 1 << t,
        _ => 0,
    }
}

/// The bits of `table`'s rows, in any template.
pub(crate) fn row_mask(table: TableKind) -> u64 {
    RowKey::all().filter(|k| k.spec().table == table).fold(0, |m, k| m | (1 << k.index()))
}

/// Is a text whose bits are `bits` a header of `table`?
pub(crate) fn is_header_bits(table: TableKind, bits: u64) -> bool {
    bits & header_bit(table) != 0
}

/// The rows, groups and headers `label` matches, as a bitset.
fn scan(label: &str) -> u64 {
    let lex = lexicon();
    let whole = label.trim_end_matches([':', '.']).len();
    let mut bits = 0u64;
    let Some(ac) = &lex.ac else { return 0 };
    // A row's label may follow its group's in one cell (`本年度办理结果
    // （二）部分公开`): a key word that must start the label may start
    // right after a group's key word that does, and an ordinal. Such key
    // words seen elsewhere wait for the end (rare: most labels have none).
    let mut group_end: Option<usize> = None;
    let mut later: Vec<(usize, u8)> = Vec::new();
    for m in ac.find_overlapping_iter(label) {
        for &(t, mode) in lex.meaning.get(m.pattern().as_usize()).map_or(&[][..], Vec::as_slice) {
            let ok = match mode {
                Mode::Anywhere => true,
                Mode::Start => m.start() == 0,
                Mode::Whole => m.start() == 0 && m.end() == whole,
            };
            if ok {
                bits |= 1 << t;
                if (GROUP_BIT..HEADER_BIT).contains(&usize::from(t)) && m.start() == 0 {
                    group_end = Some(m.end());
                }
            } else if mode == Mode::Start && usize::from(t) < GROUP_BIT {
                later.push((m.start(), t));
            }
        }
    }
    if let Some(end) = group_end {
        let rest = label.get(end..).unwrap_or("");
        let at = end + rest.len() - strip_ordinal(rest).len();
        for (start, t) in later {
            if start == at {
                bits |= 1 << t;
            }
        }
    } else if bits & ((1 << GROUP_BIT) - 1) == 0 {
        // A piece of a group's label broken over lines (PDF text) before a
        // row's ordinal and key word: `本年度办 （二）部分公开…`, `予公开
        // 5.属于三类内部事务信息`.
        for (start, t) in later {
            if group_piece_before(label, start) {
                bits |= 1 << t;
            }
        }
    }
    bits
}

/// True when `label` up to byte `start` is a piece of a group's label (a
/// part of its key word) and an ordinal that ends at `start`.
fn group_piece_before(label: &str, start: usize) -> bool {
    let Some(head) = label.get(..start) else { return false };
    head.char_indices().any(|(k, _)| {
        let ends_at_start = label
            .get(k..)
            .and_then(|from| ordinal(from).ok())
            .is_some_and(|(rest, _)| label.len() - rest.trim_start().len() == start);
        let piece = head.get(..k).unwrap_or("").trim();
        ends_at_start
            && !piece.is_empty()
            && GROUPS.iter().any(|g| match g.matcher {
                Match::Contains(ws) => ws.iter().any(|w| w.contains(piece)),
                Match::Prefix(w) | Match::Exact(w) => w.contains(piece),
                Match::Unlabelled => false,
            })
    })
}

/// What a text token is, in a table.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Hit {
    Row(RowKey),
    Group(&'static GroupSpec),
}

/// Matches labels in the order a table prints them, with the context that
/// some labels need: `其他` is the last row of `（六）其他处理` only after
/// that group, and `总计` is the `（七）总计` row only after a result row (both
/// are column headers too).
#[derive(Debug)]
pub(crate) struct Matcher {
    table: TableKind,
    template: Option<Template>,
    /// The bits of the rows this matcher accepts.
    mask: u64,
    seen_outcome: bool,
    in_other: bool,
}

impl Matcher {
    pub(crate) fn new(table: TableKind, template: Option<Template>) -> Self {
        let mut m = Matcher { table, template, mask: 0, seen_outcome: false, in_other: false };
        m.mask = m.rows().fold(0, |acc, (k, _)| acc | (1 << k.index()));
        m
    }

    fn rows(&self) -> impl Iterator<Item = (RowKey, &'static RowSpec)> + '_ {
        RowKey::all().map(|k| (k, k.spec())).filter(move |(_, s)| {
            s.table == self.table
                && match (self.table, s.layout, self.template) {
                    // Table 三 accepts both layouts of （六）: hybrids exist.
                    (TableKind::Requests, _, _) => true,
                    (_, super::vocab::Layout::Only(t), Some(want)) => t == want,
                    _ => true,
                }
        })
    }

    /// Classifies the next label (normalized), updating the context.
    #[cfg(test)]
    pub(crate) fn classify(&mut self, norm: &str) -> Option<Hit> {
        self.classify_bits(scan_label(norm))
    }

    /// Classifies the next label, given its [`scan_label`] bits, updating
    /// the context.
    pub(crate) fn classify_bits(&mut self, bits: u64) -> Option<Hit> {
        if bits == 0 {
            return None;
        }
        let mut hit = None;
        let mut rows = bits & self.mask;
        while rows != 0 {
            let i = rows.trailing_zeros() as usize;
            rows &= rows - 1;
            let Some(k) = RowKey::from_index(i) else { continue };
            let s = k.spec();
            if let Match::Exact(_) = s.matcher {
                let ok = match s.role {
                    Role::HandledTotal => self.seen_outcome,
                    _ => self.in_other,
                };
                if !ok {
                    continue;
                }
            }
            hit = Some(Hit::Row(k));
            break;
        }
        if hit.is_none() {
            hit = GROUPS
                .iter()
                .enumerate()
                .find(|(i, g)| g.table == self.table && bits & (1 << (GROUP_BIT + i)) != 0)
                .map(|(_, g)| Hit::Group(g));
        }
        match hit {
            Some(Hit::Row(k)) => {
                let s = k.spec();
                match s.role {
                    Role::Outcome => {
                        self.seen_outcome = true;
                        self.in_other = s.key.starts_with("requests.other");
                    }
                    Role::HandledTotal => self.in_other = false,
                    _ => {}
                }
            }
            Some(Hit::Group(g)) => {
                self.in_other = g.label.contains("其他处理");
            }
            None => {}
        }
        hit
    }
}

/// Words of the tables' header rows, for finding where a table starts.
const HEADER_WORDS: &[&str] = &[
    "信息内容",
    "勾稽关系",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "未经复议",
    "复议后起诉",
    "行政复议",
    "行政诉讼",
];

/// The words that only one template's table 二 has: its column markers and
/// the key words of its rows the other template lacks.
fn template_markers(t: Template) -> Vec<&'static str> {
    let other = match t {
        Template::Y2019 => Template::Y2021,
        Template::Y2021 => Template::Y2019,
    };
    let mut markers: Vec<&'static str> = Vec::new();
    for r in ROWS.iter().filter(|r| r.table == TableKind::Active && r.layout == super::vocab::Layout::Only(t)) {
        markers.extend(r.columns.iter().map(|c| c.marker).filter(|m| !m.is_empty()));
        if RowKey::find(TableKind::Active, other, r.key).is_none() {
            if let Match::Contains(words) = r.matcher {
                markers.extend(words.iter().copied());
            }
        }
    }
    markers.sort_unstable();
    markers.dedup();
    markers
}

/// Decides table 二's template from the bits of its text tokens: which
/// template's markers more of them carry. `None` on a tie.
pub(crate) fn detect_template_bits(bits: impl Iterator<Item = u64>) -> Option<Template> {
    let (mut a, mut b) = (0usize, 0usize);
    for x in bits {
        a += usize::from(x & (1 << TEMPLATE_BIT) != 0);
        b += usize::from(x & (1 << (TEMPLATE_BIT + 1)) != 0);
    }
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => Some(Template::Y2019),
        std::cmp::Ordering::Less => Some(Template::Y2021),
        std::cmp::Ordering::Equal => None,
    }
}

/// Decides table 二's template from its labels and headers joined in one
/// normalized text (headers broken over lines join up): which template's
/// markers it holds more of. `None` on a tie.
pub(crate) fn detect_template(joined_norm: &str) -> Option<Template> {
    let score = |t: Template| template_markers(t).iter().filter(|m| joined_norm.contains(*m)).count();
    let (a, b) = (score(Template::Y2019), score(Template::Y2021));
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => Some(Template::Y2019),
        std::cmp::Ordering::Less => Some(Template::Y2021),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::normalize;

    fn row(m: &mut Matcher, label: &str) -> Option<&'static str> {
        match m.classify(&normalize(label)) {
            Some(Hit::Row(k)) => Some(k.as_str()),
            _ => None,
        }
    }

    #[test]
    fn ordinals() {
        assert_eq!(strip_ordinal("(三)不予公开"), "不予公开");
        assert_eq!(strip_ordinal("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_ordinal("2、重复申请"), "重复申请");
        assert_eq!(strip_ordinal("一、本年新收"), "本年新收");
        assert_eq!(strip_ordinal("规章"), "规章");
    }

    #[test]
    fn a_row_label_after_its_groups_in_one_cell() {
        // `部分公开` must start its label; after the group's label and an
        // ordinal, in one cell, it still does.
        let mut m = Matcher::new(TableKind::Requests, None);
        assert_eq!(row(&mut m, "三、本年度办理结果 （二）部分公开"), Some("requests.partly_granted"));
        let mut m = Matcher::new(TableKind::Requests, None);
        assert_eq!(row(&mut m, "三、本年度办理结果部分公开"), Some("requests.partly_granted"));
        // Elsewhere it does not start one.
        let mut m = Matcher::new(TableKind::Requests, None);
        assert_eq!(row(&mut m, "其中部分公开"), None);
        assert_eq!(row(&mut m, "三、本年度办理结果 其中部分公开"), None);
        // A piece of the group's label broken over lines (PDF text), then
        // the row's ordinal: the row's label starts after them.
        let mut m = Matcher::new(TableKind::Requests, None);
        assert_eq!(row(&mut m, "三、本年度办 （二）部分公开（区分处理的，只计这一"), Some("requests.partly_granted"));
        let mut m = Matcher::new(TableKind::Requests, None);
        assert_eq!(row(&mut m, "办理结果 (二)部分公开"), Some("requests.partly_granted"));
        // Other text before an ordinal is no group's.
        let mut m = Matcher::new(TableKind::Requests, None);
        assert_eq!(row(&mut m, "说明 （二）部分公开"), None);
    }

    #[test]
    fn context_decides_other_and_total() {
        let mut m = Matcher::new(TableKind::Requests, None);
        assert_eq!(row(&mut m, "其他"), None);
        assert_eq!(row(&mut m, "总计"), None);
        assert_eq!(row(&mut m, "一、本年新收政府信息公开申请数量"), Some("requests.received"));
        assert_eq!(row(&mut m, "（一）予以公开"), Some("requests.granted"));
        assert_eq!(
            row(&mut m, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Some("requests.partly_granted")
        );
        assert_eq!(row(&mut m, "3.危及\"三安全一稳定\""), Some("requests.denied.security"));
        assert_eq!(row(&mut m, "1、申请人无正当理由逾期不补"), Some("requests.other.no_correction"));
        assert_eq!(row(&mut m, "3.其他"), Some("requests.other.misc"));
        assert_eq!(row(&mut m, "（七）总计"), Some("requests.handled_total"));
        assert_eq!(row(&mut m, "四、结转下年度继续办理"), Some("requests.carried_forward"));
    }

    #[test]
    fn labels_cut_by_a_narrow_cell_are_known_by_their_first_line() {
        // Narrow pages wrap a label inside its words; its first line alone
        // names the row.
        let cases = [
            ("2．其他法律行政法", "requests.denied.prohibited"),
            ("3.危及“三", "requests.denied.security"),
            ("5．属于三类内部事", "requests.denied.internal"),
            ("6.属于四类过程", "requests.denied.deliberative"),
            ("7．属于行政执法案", "requests.denied.enforcement"),
            ("3、要求提供公开出", "requests.not_processed.publication"),
            ("4．无正当理由大量", "requests.not_processed.excessive"),
            ("5.要求行政机关确认或", "requests.not_processed.confirmation"),
            ("1.申请人无正当理由逾", "requests.other.no_correction"),
        ];
        for (text, key) in cases {
            let mut m = Matcher::new(TableKind::Requests, None);
            assert_eq!(row(&mut m, text), Some(key), "{text}");
        }
        // Cut anywhere after four words, the number naming the same row,
        // perhaps after a group label's piece.
        for (text, key) in [
            ("2.其他法律行政", "requests.denied.prohibited"),
            ("性信息 7.属于行政执法", "requests.denied.enforcement"),
            ("出版物 不予处 理 4.无正当理由大", "requests.not_processed.excessive"),
        ] {
            let mut m = Matcher::new(TableKind::Requests, None);
            assert_eq!(row(&mut m, text), Some(key), "{text}");
        }
        // Too few words, or another number: no row.
        for text in ["2.其他法", "9.属于行政执法", "27.属于行政执法", "属于行政执法"] {
            let mut m = Matcher::new(TableKind::Requests, None);
            assert_eq!(row(&mut m, text), None, "{text}");
        }
        // Table 二's too.
        for (text, key) in [("其他对外管理", "active.other_services"), ("行政事业性收", "active.fees")] {
            let mut m = Matcher::new(TableKind::Active, Some(Template::Y2019));
            assert_eq!(row(&mut m, text), Some(key), "{text}");
        }
        // The other rows that share words with them stay apart.
        let mut m = Matcher::new(TableKind::Requests, None);
        assert_eq!(row(&mut m, "4.无正当理由大量反复申请"), Some("requests.not_processed.excessive"));
        assert_eq!(
            row(&mut m, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            Some("requests.other.no_correction")
        );
    }

    #[test]
    fn traditional_and_variants() {
        let mut m = Matcher::new(TableKind::Active, Some(Template::Y2019));
        assert_eq!(row(&mut m, "規範性文件"), Some("active.normative"));
        assert_eq!(row(&mut m, "行政處罰"), Some("active.penalty"));
        assert_eq!(row(&mut m, "规章(设区的市、自治州人民政府应提供相关数据)"), Some("active.rules"));
        assert_eq!(row(&mut m, "其他主动公开文件"), None);
    }

    #[test]
    fn template_from_headers() {
        assert_eq!(
            detect_template(&normalize("信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规章")),
            Some(Template::Y2019)
        );
        assert_eq!(
            detect_template(&normalize("信息内容 本年制发件数 本年废止件数 现行有效件数")),
            Some(Template::Y2021)
        );
        assert_eq!(detect_template("规章规范性文件"), None);
    }
}
