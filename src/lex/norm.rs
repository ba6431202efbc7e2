//! The matching form of text.
//!
//! Labels and figures are matched on normalized text: whitespace removed
//! (including U+3000 and NBSP), full-width ASCII folded (`（一）` is `(一)`,
//! `１２` is `12`), dashes and quotes unified, HTML line breaks dropped, and
//! the traditional characters of the template's vocabulary folded to the
//! simplified ones. The model keeps the original text; this form is only
//! compared.

/// Traditional characters that occur in the template's labels and headings,
/// each with its simplified form. Sorted by the traditional character.
const TRADITIONAL: &[(char, char)] = &[
    ('並', '并'),
    ('個', '个'),
    ('內', '内'),
    ('務', '务'),
    ('區', '区'),
    ('問', '问'),
    ('單', '单'),
    ('國', '国'),
    ('執', '执'),
    ('報', '报'),
    ('場', '场'),
    ('實', '实'),
    ('審', '审'),
    ('對', '对'),
    ('屬', '属'),
    ('廢', '废'),
    ('強', '强'),
    ('後', '后'),
    ('復', '复'),
    ('愛', '爱'),
    ('態', '态'),
    ('應', '应'),
    ('掃', '扫'),
    ('採', '采'),
    ('擔', '担'),
    ('據', '据'),
    ('數', '数'),
    ('會', '会'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('機', '机'),
    ('檢', '检'),
    ('權', '权'),
    ('歸', '归'),
    ('殘', '残'),
    ('決', '决'),
    ('沒', '没'),
    ('況', '况'),
    ('減', '减'),
    ('準', '准'),
    ('滿', '满'),
    ('無', '无'),
    ('爲', '为'),
    ('獨', '独'),
    ('獲', '获'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('當', '当'),
    ('發', '发'),
    ('確', '确'),
    ('稅', '税'),
    ('種', '种'),
    ('穩', '稳'),
    ('節', '节'),
    ('範', '范'),
    ('糾', '纠'),
    ('紀', '纪'),
    ('納', '纳'),
    ('紙', '纸'),
    ('組', '组'),
    ('結', '结'),
    ('統', '统'),
    ('經', '经'),
    ('維', '维'),
    ('網', '网'),
    ('縣', '县'),
    ('總', '总'),
    ('織', '织'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('與', '与'),
    ('舉', '举'),
    ('萬', '万'),
    ('處', '处'),
    ('衛', '卫'),
    ('補', '补'),
    ('製', '制'),
    ('複', '复'),
    ('規', '规'),
    ('覽', '览'),
    ('計', '计'),
    ('訊', '讯'),
    ('訪', '访'),
    ('許', '许'),
    ('訴', '诉'),
    ('詢', '询'),
    ('認', '认'),
    ('說', '说'),
    ('請', '请'),
    ('諮', '咨'),
    ('證', '证'),
    ('議', '议'),
    ('護', '护'),
    ('變', '变'),
    ('財', '财'),
    ('責', '责'),
    ('費', '费'),
    ('資', '资'),
    ('質', '质'),
    ('購', '购'),
    ('轉', '转'),
    ('辦', '办'),
    ('這', '这'),
    ('進', '进'),
    ('過', '过'),
    ('違', '违'),
    ('鄉', '乡'),
    ('錄', '录'),
    ('鎮', '镇'),
    ('門', '门'),
    ('開', '开'),
    ('閱', '阅'),
    ('關', '关'),
    ('際', '际'),
    ('險', '险'),
    ('項', '项'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('體', '体'),
];

/// One bit per character of U+4E00..=U+9FFF: set for the traditional
/// characters of [`TRADITIONAL`], so that folding the common characters
/// costs one load and a mask.
const TRAD_BITS: [u64; 328] = trad_bits();

#[allow(clippy::indexing_slicing)] // evaluated at compile time: a bad index fails the build
const fn trad_bits() -> [u64; 328] {
    let mut bits = [0u64; 328];
    let mut i = 0;
    while i < TRADITIONAL.len() {
        let c = TRADITIONAL[i].0 as u32 - 0x4E00;
        bits[(c / 64) as usize] |= 1 << (c % 64);
        i += 1;
    }
    bits
}

/// True for a traditional character of the vocabulary (folded to its
/// simplified form).
fn is_traditional(c: char) -> bool {
    let k = (c as u32).wrapping_sub(0x4E00);
    TRAD_BITS.get((k / 64) as usize).is_some_and(|w| w & (1 << (k % 64)) != 0)
}

fn simplified(c: char) -> char {
    let k = (c as u32).wrapping_sub(0x4E00);
    let set = TRAD_BITS.get((k / 64) as usize).is_some_and(|w| w & (1 << (k % 64)) != 0);
    if !set {
        return c;
    }
    match TRADITIONAL.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => TRADITIONAL.get(i).map_or(c, |&(_, s)| s),
        Err(_) => c,
    }
}

/// True for the characters that separate words but never carry meaning in a
/// label or a figure: ASCII whitespace, U+3000, NBSP and other Unicode spaces,
/// zero-width spaces and the byte-order mark.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00A0}')
}

/// The matching form of one character, or `None` when it is dropped.
pub fn fold(c: char) -> Option<char> {
    if is_space(c) {
        return None;
    }
    let c = match c {
        // Full-width ASCII: U+FF01..U+FF5E map to U+0021..U+007E.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '—' | '–' | '‐' | '‑' | '‒' | '―' | '−' | '─' | '━' => '-',
        '“' | '”' | '„' | '‟' | '「' | '」' | '『' | '』' | '〝' | '〞' | '\'' | '‘' | '’' => '"',
        '【' | '〔' => '[',
        '】' | '〕' => ']',
        '·' | '・' => '.',
        '\u{4E00}'..='\u{9FFF}' => simplified(c),
        _ => c,
    };
    // Markdown emphasis (`**规章**`, `**5**`) never carries meaning.
    (c != '*').then_some(c)
}

/// Appends the matching form of `s` to `out`.
///
/// ```
/// let mut out = String::new();
/// xxgk::lex::normalize_into("（二）部分公开 （区分处理的）", &mut out);
/// assert_eq!(out, "(二)部分公开(区分处理的)");
/// out.clear();
/// xxgk::lex::normalize_into("商业<br>企业　１２", &mut out);
/// assert_eq!(out, "商业企业12");
/// out.clear();
/// xxgk::lex::normalize_into("<span style=\"font-size:10.5pt\">规章</span><o:p></o:p> a<b", &mut out);
/// assert_eq!(out, "规章a<b");
/// ```
pub fn normalize_into(s: &str, out: &mut String) {
    out.reserve(s.len());
    let b = s.as_bytes();
    // Characters that fold to themselves are copied a run at a time.
    let mut run = 0usize;
    let mut i = 0usize;
    while let Some(&lead) = b.get(i) {
        let (len, same) = match lead {
            b'<' | b'\'' | b'*' => (1, false),
            0..=0x7F => (1, !lead.is_ascii_whitespace() && lead != 0x0B),
            // U+4000..U+9FFF: ideographs fold to themselves but for the
            // vocabulary's traditional characters.
            0xE4..=0xE9 => {
                let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                (3, !is_traditional(c))
            }
            _ => {
                let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                (c.len_utf8(), fold(c) == Some(c))
            }
        };
        if same {
            i += len;
            continue;
        }
        out.push_str(s.get(run..i).unwrap_or(""));
        let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
        let mut next = i + c.len_utf8();
        match c {
            '<' => match s.get(i..).and_then(tag_len) {
                Some(n) => next = i + n,
                None => out.push('<'),
            },
            _ => {
                if let Some(f) = fold(c) {
                    out.push(f);
                }
            }
        }
        i = next;
        run = next;
    }
    out.push_str(s.get(run..).unwrap_or(""));
}

/// The matching form of `s`, as a new string.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// The length of an HTML tag at the start of `s` (`<br>`, `<br />`,
/// `<span style="…">`, `</span>`, Word's `<o:p>`), as converters leave
/// them in a cell's text: `<`, perhaps `/`, a letter, then a name of
/// letters, digits and `:`, then `>` or attributes up to the first `>`
/// (within 256 bytes, and no `<` before it).
fn tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let name_at = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    if !b.get(name_at)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = name_at + b.get(name_at..)?.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b':').count();
    match b.get(name_end)? {
        b'>' => Some(name_end + 1),
        b' ' | b'/' | b'\t' => {
            let window = b.get(name_end..b.len().min(name_end + 256))?;
            let close = window.iter().position(|&c| c == b'>')?;
            (!window.get(..close)?.contains(&b'<')).then_some(name_end + close + 1)
        }
        _ => None,
    }
}

/// True when the character starting at `b[0]` is certainly not a space:
/// printable ASCII, an ideograph (U+4000..U+9FFF), CJK punctuation other
/// than U+3000, or a full-width form (U+FF00..U+FF7F).
fn plain_char(b: &[u8]) -> bool {
    match b {
        [0x21..=0x7E, ..] | [0xE4..=0xE9, ..] | [0xEF, 0xBC | 0xBD, ..] => true,
        [0xE3, x, y, ..] => !(*x == 0x80 && *y == 0x80),
        // General punctuation (dashes, quotes) but its spaces.
        [0xE2, 0x80, y, ..] => !(*y <= 0x8D || matches!(y, 0xA8 | 0xA9 | 0xAF)),
        [0xE2, 0x81, y, ..] => *y != 0x9F,
        [0xE2, 0x82..=0xBF, ..] => true,
        _ => false,
    }
}

fn starts_plain(b: &[u8]) -> bool {
    plain_char(b)
}

/// [`plain_char`] for the last character (one byte, or three).
fn ends_plain(b: &[u8]) -> bool {
    match b {
        [.., 0x21..=0x7E] => true,
        [.., x, _, _] if *x >= 0xE0 => plain_char(b.get(b.len().saturating_sub(3)..).unwrap_or(&[])),
        _ => false,
    }
}

/// Trims the characters [`is_space`] accepts from both ends of `s`.
pub fn trim(s: &str) -> &str {
    // Most cells start and end with a printable character: look at the
    // first and last bytes before walking characters.
    let b = s.as_bytes();
    if b.is_empty() || (starts_plain(b) && ends_plain(b)) {
        return s;
    }
    // Cells padded with ASCII spaces (` 0 `, ` 总计 `): those first.
    let start = b.iter().take_while(|&&c| c == b' ').count();
    let end = b.len() - b.iter().rev().take_while(|&&c| c == b' ').count();
    match b.get(start..end) {
        Some([]) | None => return s.get(..0).unwrap_or(""),
        Some(inner) if starts_plain(inner) && ends_plain(inner) => return s.get(start..end).unwrap_or(""),
        _ => {}
    }
    s.trim_matches(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_widths_spaces_and_dashes() {
        assert_eq!(normalize("（七）总计"), "(七)总计");
        assert_eq!(normalize("１，２３４．５"), "1,234.5");
        assert_eq!(normalize("\u{3000}0\u{a0}"), "0");
        assert_eq!(normalize("— 3 —"), "-3-");
        assert_eq!(normalize("－8"), "-8");
        assert_eq!(normalize("危及“三安全一稳定”"), "危及\"三安全一稳定\"");
        assert_eq!(normalize("商业 企业"), "商业企业");
    }

    #[test]
    fn folds_traditional_characters_of_the_vocabulary() {
        assert_eq!(normalize("規範性文件"), "规范性文件");
        assert_eq!(normalize("行政處罰"), "行政处罚");
        assert_eq!(normalize("總計"), "总计");
        assert_eq!(normalize("自然人"), "自然人");
    }

    #[test]
    fn traditional_table_is_sorted_and_proper() {
        for w in TRADITIONAL.windows(2) {
            assert!(w[0].0 < w[1].0, "{:?} before {:?}", w[0], w[1]);
        }
        for &(t, s) in TRADITIONAL {
            assert_ne!(t, s);
        }
    }
}
