//! Layer 3: the title, the preamble and the six sections.
//!
//! A section heading is recognised by its number *and* its text
//! (`三、收到和处理政府信息公开申请情况`), never by the number alone: table
//! 三's rows also start `一、` … `四、`, and 总体情况 often has sub-headings
//! `一、` `二、` of its own. Headings must come in the order 一 → 六; a
//! heading text that comes out of order is body text. Markdown markers
//! (`#` … `####`) are ignored: reports use them at any level.

use crate::lex::{Lexed, normalize_into};
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::one_of;
use nom::combinator::{map, opt};
use nom::{IResult, Parser};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The six sections of the template, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SectionKind {
    /// 一、总体情况.
    #[doc(alias = "总体情况")]
    General,
    /// 二、主动公开政府信息情况 (holds table 二).
    #[doc(alias = "主动公开政府信息情况")]
    Active,
    /// 三、收到和处理政府信息公开申请情况 (holds table 三).
    #[doc(alias = "收到和处理政府信息公开申请情况")]
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况 (holds table 四).
    #[doc(alias = "行政复议、行政诉讼情况")]
    Appeals,
    /// 五、存在的主要问题及改进情况.
    #[doc(alias = "存在的主要问题及改进情况")]
    Problems,
    /// 六、其他需要报告的事项.
    #[doc(alias = "其他需要报告的事项")]
    Other,
}

impl SectionKind {
    /// All six, in order.
    pub const ALL: [SectionKind; 6] = [
        SectionKind::General,
        SectionKind::Active,
        SectionKind::Requests,
        SectionKind::Appeals,
        SectionKind::Problems,
        SectionKind::Other,
    ];

    /// The section's number, 1 to 6.
    pub fn number(self) -> usize {
        self as usize + 1
    }

    /// The template's heading.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKind::General => "一、总体情况",
            SectionKind::Active => "二、主动公开政府信息情况",
            SectionKind::Requests => "三、收到和处理政府信息公开申请情况",
            SectionKind::Appeals => "四、政府信息公开行政复议、行政诉讼情况",
            SectionKind::Problems => "五、存在的主要问题及改进情况",
            SectionKind::Other => "六、其他需要报告的事项",
        }
    }

    /// Recognises the heading text (normalized, after its number).
    fn of_text(t: &str) -> Option<SectionKind> {
        let t = t.trim_end_matches([':', '。', '.']);
        if t.chars().count() > 32 {
            return None;
        }
        let has = |p: &str| memchr::memmem::find(t.as_bytes(), p.as_bytes()).is_some();
        let kind = if ["总体情况", "概述", "总体概述", "基本情况"].contains(&t) {
            SectionKind::General
        } else if has("主动公开政府信息") {
            SectionKind::Active
        } else if has("收到和处理政府信息公开申请") {
            SectionKind::Requests
        } else if has("行政复议") && has("行政诉讼") {
            SectionKind::Appeals
        } else if has("问题") && has("改进") {
            SectionKind::Problems
        } else if has("其他需要报告") {
            SectionKind::Other
        } else {
            return None;
        };
        Some(kind)
    }
}

/// A section as lines of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SectionSpan {
    /// Which section.
    pub kind: SectionKind,
    /// Index (0-based, into [`Lexed::lines`]) of its heading line.
    pub heading: usize,
    /// Indices of the lines after the heading, up to the next heading.
    pub body: Range<usize>,
}

/// The structure of a report's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Outline {
    /// Indices of the title's lines (one, or two when it is split).
    pub title: Option<Range<usize>>,
    /// Indices of the lines before the first section other than the title.
    pub preamble: Range<usize>,
    /// The sections found, in order.
    pub sections: Vec<SectionSpan>,
}

impl Outline {
    /// The section of `kind`, if it was found.
    pub fn section(&self, kind: SectionKind) -> Option<&SectionSpan> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

/// A section number `一、` … `六、` (the separator may also be `.` or a space).
fn section_number(i: &str) -> IResult<&str, usize> {
    let (rest, n) = chinese_number(i)?;
    let (rest, _) = alt((tag("、"), tag("."), tag(","), tag(" "))).parse(rest)?;
    Ok((rest, n))
}

fn chinese_number(i: &str) -> IResult<&str, usize> {
    map(one_of("一二三四五六"), |c| "一二三四五六".chars().position(|x| x == c).unwrap_or(0) + 1).parse(i)
}

/// A section's number written another way (normalized): `第二部分`,
/// `(二)`, `2.` or `2、`. Such forms also number subsections, so the
/// number must agree with the heading's text.
fn other_number(i: &str) -> IResult<&str, usize> {
    let arabic = map(one_of("123456"), |c| c.to_digit(10).map_or(0, |d| d as usize));
    alt((
        map((tag("第"), chinese_number, tag("部分")), |(_, n, _)| n),
        map((tag("("), chinese_number, tag(")")), |(_, n, _)| n),
        map((arabic, alt((tag("、"), tag(".")))), |(n, _)| n),
    ))
    .parse(i)
}

/// Recognises a section heading in a line's normalized content.
///
/// ```
/// use xxgk::outline::{heading, SectionKind};
/// assert_eq!(heading("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"), Some(SectionKind::Appeals));
/// assert_eq!(heading("四、结转下年度继续办理"), None);
/// assert_eq!(heading("一、加强组织领导,层层落实责任"), None);
/// assert_eq!(heading("五、政府信息公开工作存在的主要问题及改进情况"), Some(SectionKind::Problems));
/// // Other numberings, when the number agrees with the text.
/// assert_eq!(heading("第二部分主动公开政府信息情况"), Some(SectionKind::Active));
/// assert_eq!(heading("(三)收到和处理政府信息公开申请情况"), Some(SectionKind::Requests));
/// assert_eq!(heading("6.其他需要报告的事项"), Some(SectionKind::Other));
/// assert_eq!(heading("(一)主动公开政府信息情况"), None);
/// ```
pub fn heading(norm: &str) -> Option<SectionKind> {
    if let Ok((rest, n)) = other_number(norm) {
        return SectionKind::of_text(rest).filter(|k| k.number() == n);
    }
    let (rest, n) = match opt(section_number).parse(norm) {
        Ok((rest, n)) => (rest, n),
        Err(_) => (norm, None),
    };
    let kind = SectionKind::of_text(rest)?;
    match n {
        // The number may disagree with the text when a report renumbers;
        // the text decides. Without a number, the text must stand alone.
        Some(_) => Some(kind),
        None if rest.chars().count() <= 24 && !rest.contains(',') => Some(kind),
        None => None,
    }
}

/// Cheap test before normalizing: could this line be a heading?
fn may_be_heading(content: &str) -> bool {
    let n = content.len();
    n > 0 && n <= 160 && !content.ends_with('。')
}

/// Cheap test before normalizing, exact: whether the line holds, in any
/// order, two characters of each key phrase [`SectionKind::of_text`] looks
/// for (or their traditional forms, which normalization folds), or one of
/// 总体情况's and 概述's last characters. A line without them names no
/// section (most table rows).
fn may_name_a_section(content: &str) -> bool {
    let mut seen = 0u16;
    for c in content.chars() {
        seen |= match c {
            '主' => 1,
            '动' => 1 << 1,
            '收' => 1 << 2,
            '到' => 1 << 3,
            '复' | '復' | '複' => 1 << 4,
            '讼' => 1 << 5,
            '问' | '問' => 1 << 6,
            '改' => 1 << 7,
            '其' => 1 << 8,
            '需' => 1 << 9,
            '况' | '況' | '述' => 1 << 10,
            _ => 0,
        };
    }
    let all = |m: u16| seen & m == m;
    all(0b11) || all(0b1100) || all(0b11_0000) || all(0b1100_0000) || all(0b11_0000_0000) || all(1 << 10)
}

/// Finds the title, the preamble and the sections.
pub fn outline(lexed: &Lexed<'_>) -> Outline {
    let mut buf = String::new();
    let mut headings: Vec<(usize, SectionKind)> = Vec::new();
    for (i, line) in lexed.lines().enumerate() {
        if !may_be_heading(line.content) {
            continue;
        }
        let first = line.content.chars().next().unwrap_or(' ');
        if !matches!(
            first,
            '一' | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '总'
                | '主'
                | '收'
                | '政'
                | '行'
                | '因'
                | '存'
                | '其'
                | '概'
                | '基'
                | '第'
                | '('
                | '（'
                | '1'..='6'
                | '１'..='６'
        ) {
            continue;
        }
        // (Numbered another way: `第X部分`, `(X)`, `N.` or `N、` opening
        // text alone — not a table row such as `（一）予以公开 | 11 | …`.)
        if matches!(first, '第' | '(' | '（' | '1'..='6' | '１'..='６') {
            let mut cs = line.content.chars().skip(1);
            let numbered = match first {
                '第' => cs.next().is_some_and(|c| "一二三四五六".contains(c)) && cs.next() == Some('部'),
                '(' | '（' => {
                    cs.next().is_some_and(|c| "一二三四五六".contains(c)) && matches!(cs.next(), Some(')' | '）'))
                }
                _ => matches!(cs.next(), Some('.' | '、' | '．')),
            };
            if !numbered || crate::lex::has_cell_separator(line.content) {
                continue;
            }
        }
        if !may_name_a_section(line.content) {
            continue;
        }
        buf.clear();
        normalize_into(line.content, &mut buf);
        if let Some(kind) = heading(&buf) {
            if headings.last().is_none_or(|&(_, k)| kind > k) {
                headings.push((i, kind));
            }
        }
    }
    let n = lexed.len();
    let sections: Vec<SectionSpan> = headings
        .iter()
        .enumerate()
        .map(|(j, &(i, kind))| {
            let end = headings.get(j + 1).map_or(n, |&(next, _)| next);
            SectionSpan { kind, heading: i, body: i + 1..end }
        })
        .collect();
    let front_end = sections.first().map_or(n, |s| s.heading);
    let title = find_title(lexed, 0..front_end, &mut buf);
    Outline { title, preamble: 0..front_end, sections }
}

/// Report names that end a title.
pub(crate) const REPORT_NAMES: &[&str] =
    &["政府信息公开工作年度报告", "政府信息公开工作报告", "政府信息公开年度报告", "信息公开工作年度报告", "年度报告"];

fn find_title(lexed: &Lexed<'_>, range: Range<usize>, buf: &mut String) -> Option<Range<usize>> {
    let mut prev: Option<usize> = None; // previous non-blank line index
    for (i, line) in range.clone().filter_map(|i| Some((i, lexed.line(i)?))) {
        if line.is_blank() {
            continue;
        }
        buf.clear();
        normalize_into(line.content, buf);
        let t = buf.as_str();
        let sentence = t.contains('。')
            || t.contains(['，', ','])
            || t.starts_with("本报告")
            || t.contains("索引号")
            || t.contains(':');
        let short = t.chars().count() <= 80;
        if !sentence && short && t.contains("报告") && t.contains("信息公开") {
            // A title whose agency stands on the line before it.
            if bare(t) || prev.is_some_and(|p| agency_wrapped(lexed, p, i, t)) {
                if let Some(p) = prev {
                    return Some(p..i + 1);
                }
            }
            return Some(i..i + 1);
        }
        // A title split after "…政府信息", before "工作年度报告", inside
        // the last word (a PDF line wrapped at "…年度报" / "告"), or inside
        // any word (a PDF line wrapped at "…政府信" / "息公开工作报告").
        if !sentence && short && !t.contains("报告") {
            if let Some(next) = next_non_blank(lexed, i + 1, range.end) {
                let mut tail = String::new();
                normalize_into(lexed.line(next).map_or("", |l| l.content), &mut tail);
                let ends = tail.ends_with("报告") || (t.ends_with('报') && tail == "告");
                let joined = format!("{t}{tail}");
                // (Wrapped inside 政府信息公开 itself: `…2023年政` / `府信息…`.)
                let phrase = "政府信息公开";
                let straddles = joined.find(phrase).is_some_and(|p| p < t.len() && p + phrase.len() > t.len());
                let names = t.contains("政府信息") || (joined.contains(phrase) && t.contains("政府")) || straddles;
                if names && ends && tail.chars().count() <= 20 {
                    // (Its agency, too, may stand on the line before.)
                    let before = prev.filter(|&p| bare(&joined) || agency_wrapped(lexed, p, i, &joined));
                    return Some(before.unwrap_or(i)..next + 1);
                }
            }
        }
        prev = (!sentence && t.chars().count() <= 30).then_some(i);
    }
    None
}

/// Words an agency's name ends with.
const AGENCY_ENDINGS: &[&str] = &["人民政府", "办事处", "委员会", "办公室", "办公厅", "管理局"];

/// True when line `p`, right above line `i` (normalized `title`), holds
/// the start of the title's agency, wrapped inside the word that ends it:
/// `…高堡镇人民政` / `府2020年…`, `…街道办事` / `处2019年…`.
fn agency_wrapped(lexed: &Lexed<'_>, p: usize, i: usize, title: &str) -> bool {
    if p + 1 != i {
        return false;
    }
    // At most two characters before the year.
    let head = title.split(|c: char| c.is_ascii_digit()).next().unwrap_or("");
    if head.is_empty() || head.chars().count() > 2 || head.len() == title.len() {
        return false;
    }
    let mut above = String::new();
    normalize_into(lexed.line(p).map_or("", |l| l.content), &mut above);
    let joined = format!("{above}{head}");
    AGENCY_ENDINGS.iter().any(|w| joined.ends_with(w) && w.len() > head.len() && !above.ends_with(w))
}

/// A title without its agency: the year, then the report's name.
fn bare(title: &str) -> bool {
    REPORT_NAMES
        .iter()
        .any(|r| title.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || c == '度').starts_with(r))
}

fn next_non_blank(lexed: &Lexed<'_>, from: usize, end: usize) -> Option<usize> {
    (from..end).find(|&j| lexed.line(j).is_some_and(|l| !l.is_blank()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::lex;

    #[test]
    fn seed_like_outline() {
        let text = "\n# 某街道办事处2020年政府信息公开工作年度报告\n\n## 一、总体情况\n\n### 某街道办事处2020年政府信息公开工作年度报告\n\n#### 一、加强组织领导\n\n文字\n\n## 二、主动公开政府信息情况\n\n### 三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量\t0\n四、结转下年度继续办理\t0\n#### 四、政府信息公开行政复议、行政诉讼情况\n\n#### 五、存在的主要问题及改进情况\n\n无\n\n#### 六、其他需要报告的事项\n\n无\n";
        let lexed = lex(text);
        let o = outline(&lexed);
        assert_eq!(o.title, Some(1..2));
        let kinds: Vec<_> = o.sections.iter().map(|s| (s.kind, s.heading + 1)).collect();
        assert_eq!(
            kinds,
            [
                (SectionKind::General, 4),
                (SectionKind::Active, 12),
                (SectionKind::Requests, 14),
                (SectionKind::Appeals, 18),
                (SectionKind::Problems, 20),
                (SectionKind::Other, 24),
            ]
        );
    }

    #[test]
    fn only_lines_that_may_name_a_section_are_normalized() {
        for kind in SectionKind::ALL {
            assert!(may_name_a_section(kind.heading()), "{kind:?}");
        }
        for line in
            ["概述", "四、政府信息公開行政復議、行政訴訟情況", "五、存在的主要問題及改進情況", "二、主 动 公 开"]
        {
            assert!(may_name_a_section(line), "{line}");
        }
        for row in ["一、本年新收政府信息公开申请数量\t1\t0", "三、本年度办理结果\t（一）予以公开", "行政许可\t0"]
        {
            assert!(!may_name_a_section(row), "{row}");
            let mut norm = String::new();
            normalize_into(row, &mut norm);
            assert_eq!(heading(&norm), None);
        }
    }

    proptest::proptest! {
        /// The test before normalizing never turns away a heading.
        #[test]
        fn a_heading_always_may_name_a_section(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("主动公开政府信息".to_string()),
                    proptest::strategy::Just("收到和處理政府信息公開申請".to_string()),
                    proptest::strategy::Just("行政複議".to_string()),
                    proptest::strategy::Just("行政訴讼".to_string()),
                    proptest::strategy::Just("問題".to_string()),
                    proptest::strategy::Just("改進".to_string()),
                    proptest::strategy::Just("其他需要報告".to_string()),
                    proptest::strategy::Just("总体情況".to_string()),
                    proptest::strategy::Just("概述".to_string()),
                    proptest::strategy::Just("基本情况".to_string()),
                    proptest::strategy::Just("四、".to_string()),
                    proptest::strategy::Just("\u{3000}".to_string()),
                    proptest::strategy::Just("<br>".to_string()),
                    proptest::strategy::Just("。".to_string()),
                    "[ -~]{0,3}",
                    "\\PC{0,2}",
                ],
                0..6,
            )
        ) {
            let line: String = parts.concat();
            let mut norm = String::new();
            normalize_into(&line, &mut norm);
            if heading(&norm).is_some() {
                proptest::prop_assert!(may_name_a_section(&line), "{line:?}");
            }
        }
    }

    #[test]
    fn title_wrapped_inside_its_last_word() {
        let lexed = lex("泉州市人民政府2023年度政府信息公开工作年度报\n告\n\n一、总体情况\n");
        assert_eq!(outline(&lexed).title, Some(0..2));
        // Over three lines on a narrow page: the agency, the year and name
        // wrapped inside the last word.
        let text =
            "当前位置：首页 > 政务公开\n\n湖州市德清县纸坊镇人民政府\n2023年政府信息公开工作年度报\n告\n一、总体情况\n";
        assert_eq!(outline(&lex(text)).title, Some(2..5));
        // Wrapped inside 政府 itself.
        let text = "当前位置：首页 > 政务公开\n\n昆明市工业和信息化局2023年政\n府信息公开工作年度报告\n本报告是根据《条例》编制。\n一、总体情况\n";
        assert_eq!(outline(&lex(text)).title, Some(2..4));
    }

    #[test]
    fn title_wrapped_inside_a_word_and_not_a_preamble_line() {
        // PDF text: the title wraps at "…政府信" / "息公开工作报告"; a wrapped
        // line of the preamble naming the report format is not a title.
        let text = "当前位置：首页 > 政务公开 > 政府信息公开年报\n\n硚口区人民政府建设路街道办事处2022年度政府信\n息公开工作报告\n本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府\n信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求，由硚口区人民政府建设路街道办事\n一、总体情况\n";
        assert_eq!(outline(&lex(text)).title, Some(2..4));
        let without = "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府\n信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求，由某区人民政府编制\n一、总体情况\n";
        assert_eq!(outline(&lex(without)).title, None);
    }

    #[test]
    fn title_wrapped_inside_its_agency() {
        // A narrow page wraps the agency's name inside its last word.
        let text = "当前位置：首页 > 政务公开\n\n玉溪市峨山彝族自治县高堡镇人民政\n府2020年政府信息公开工作年度报告\n一、总体情况\n";
        assert_eq!(outline(&lex(text)).title, Some(2..4));
        let text = "当前位置：首页\n\n硚口区人民政府新华路街道办事\n处2019年政府信息公开工作年度\n报告\n一、总体情况\n";
        assert_eq!(outline(&lex(text)).title, Some(2..5));
        // A line above that no word joins to the title is not its agency.
        let text = "通知公告\n某局2020年政府信息公开工作年度报告\n一、总体情况\n";
        assert_eq!(outline(&lex(text)).title, Some(1..2));
    }

    #[test]
    fn split_title_and_no_title() {
        let lexed = lex("某区人民政府\n2020年政府信息公开工作年度报告\n一、总体情况\n");
        assert_eq!(outline(&lexed).title, Some(0..2));
        let lexed = lex("一、总体情况\n文字\n");
        assert_eq!(outline(&lexed).title, None);
    }
}
