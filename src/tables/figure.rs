//! Figures: the numbers and blank markers of value cells.

use crate::lex::{normalize_into, trim};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::char as ch;
use nom::combinator::{all_consuming, map, opt, recognize, verify};
use nom::multi::many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An exact decimal number: `mantissa × 10^-scale`.
///
/// Counts have scale 0. Money in 万元 keeps the decimals it was written
/// with, and a cell written in 元 is converted exactly (`251000元` is
/// 25.1000 万元).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Number {
    mantissa: i64,
    scale: u8,
}

impl Number {
    /// An integer.
    pub const fn int(v: i64) -> Self {
        Number { mantissa: v, scale: 0 }
    }

    /// `mantissa × 10^-scale`.
    pub const fn new(mantissa: i64, scale: u8) -> Self {
        Number { mantissa, scale }
    }

    /// The digits, without the decimal point.
    pub fn mantissa(self) -> i64 {
        self.mantissa
    }

    /// How many digits follow the decimal point.
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// The value as an integer, when it is one.
    pub fn as_i64(self) -> Option<i64> {
        let p = 10i64.checked_pow(u32::from(self.scale))?;
        (self.mantissa % p == 0).then_some(self.mantissa / p)
    }

    /// The value as a float.
    pub fn as_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    /// This number divided by 10,000 (元 to 万元), exactly, if it fits.
    pub fn from_yuan(self) -> Option<Number> {
        let scale = self.scale.checked_add(4)?;
        (scale <= 18).then_some(Number { mantissa: self.mantissa, scale })
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let p = 10u64.pow(u32::from(self.scale));
        let m = self.mantissa.unsigned_abs();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let frac = format!("{:0width$}", m % p, width = usize::from(self.scale));
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() { write!(f, "{sign}{}", m / p) } else { write!(f, "{sign}{}.{frac}", m / p) }
    }
}

impl Serialize for Number {
    /// An integer serializes as a JSON integer, a decimal as a float.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_i64() {
            Some(v) if self.scale == 0 => s.serialize_i64(v),
            _ => s.serialize_f64(self.as_f64()),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Number::deserialize(d)?;
        if let Some(i) = v.as_i64() {
            return Ok(Number::int(i));
        }
        let text = v.to_string();
        match parse_number(&text) {
            Some((n, None)) => Ok(n),
            _ => Err(serde::de::Error::custom(format!("not a decimal number: {text}"))),
        }
    }
}

/// How a blank cell was written. A blank is not a figure: the flat record
/// gives `null`, and the checks count it as 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Marker {
    /// An empty cell.
    #[serde(rename = "")]
    Empty,
    /// A dash: `—`, `——`, `–`.
    #[serde(rename = "—")]
    Dash,
    /// A hyphen-minus standing alone: `-`.
    #[serde(rename = "-")]
    Hyphen,
    /// A full-width hyphen: `－`.
    #[serde(rename = "－")]
    FullwidthHyphen,
    /// A slash: `/`, meaning not applicable.
    #[serde(rename = "/")]
    Slash,
    /// A full-width slash: `／`.
    #[serde(rename = "／")]
    FullwidthSlash,
    /// `无` or `暂无` (none).
    #[serde(rename = "无")]
    None,
    /// An underscore: `_`, `＿`.
    #[serde(rename = "_")]
    Underscore,
}

/// A unit written in a value cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Suffix {
    Yuan,
    Wan,
    Count,
}

/// What a cell's text is, read as a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Figure {
    /// A number, with the unit written after it.
    Number(Number, Option<Suffix>),
    /// A blank.
    Blank(Marker),
    /// Looks like a figure (digits and signs only) but is not one that can
    /// be read: `1,23`, `12.3.4`, a number too long for 64 bits.
    Unreadable,
}

/// The blank marker `raw` is, if it is one.
pub(crate) fn marker(raw: &str) -> Option<Marker> {
    Some(match trim(raw) {
        "" => Marker::Empty,
        "—" | "——" | "–" | "―" | "━" => Marker::Dash,
        "-" | "--" => Marker::Hyphen,
        "－" | "－－" => Marker::FullwidthHyphen,
        "/" | "\\" => Marker::Slash,
        "／" => Marker::FullwidthSlash,
        "无" | "暂无" | "無" => Marker::None,
        "_" | "＿" | "__" => Marker::Underscore,
        _ => return None,
    })
}

/// What a whole cell is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CellClass {
    /// Nothing in it.
    Empty,
    /// A page footer or page number.
    Noise,
    /// A figure or a blank marker.
    Figure(Figure),
    /// `0000000`: zeros run together (PDF layout text that lost the gaps
    /// between narrow cells), one 0 per cell — no number starts with 0.
    Zeros,
    /// Text; its normalized form is left in the buffer.
    Text,
}

/// Classifies a non-split cell with one normalization: figures of plain
/// digits take a fast path; otherwise `buf` receives the normalized text,
/// which a text cell keeps there for matching.
pub(crate) fn classify(raw: &str, buf: &mut String) -> CellClass {
    let t = trim(raw);
    // (A data frame's missing value, `NaN`, `None`, `null`, as pandas and
    // other tools export an empty cell.)
    if t.is_empty() || ["nan", "none", "null"].iter().any(|m| t.eq_ignore_ascii_case(m)) {
        return CellClass::Empty;
    }
    if t.chars().nth(1).is_some() && t.chars().all(|c| c == '0' || c == '０') {
        return CellClass::Zeros;
    }
    if t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) {
        let v = t.bytes().fold(0i64, |v, b| v * 10 + i64::from(b - b'0'));
        return CellClass::Figure(Figure::Number(Number::int(v), None));
    }
    if let Some(m) = marker(t) {
        return CellClass::Figure(Figure::Blank(m));
    }
    buf.clear();
    normalize_into(t, buf);
    // (Never digits a space apart: `—0 0 0 0 0 —` is a row's cells.)
    if footer(buf).is_ok() && !spaced_digits(t) {
        return CellClass::Noise;
    }
    // `10 214`: two figures whose columns touch (PDF text), never 10214;
    // `－ 3`, `0 —`: a blank cell's marker and a figure, a space apart,
    // never −3 or unreadable.
    if spaced_digits(t) || (t.contains(crate::lex::is_space) && blanks_and_figures_apart(t)) {
        return CellClass::Text;
    }
    match number_of(buf) {
        Some(f) => CellClass::Figure(f),
        None => CellClass::Text,
    }
}

/// The value of an ASCII or full-width digit.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
}

/// True when white space stands between two digits.
fn spaced_digits(t: &str) -> bool {
    let digit = |c: char| digit_value(c).is_some();
    let (mut after_digit, mut gap) = (false, false);
    for c in t.chars() {
        if crate::lex::is_space(c) {
            gap |= after_digit;
        } else {
            if gap && digit(c) {
                return true;
            }
            after_digit = digit(c);
            gap = false;
        }
    }
    false
}

/// True when a cell is figures and blank markers a space apart, one of
/// each at least (`－ 3`, `0 —`, `0 ——————` for blank cells' dashes run
/// together): cells, as PDF text that keeps one space
/// between them gives them, never one number (−3) or an unreadable one. A
/// sign is printed against its number (`-3`, `+4`).
fn blanks_and_figures_apart(t: &str) -> bool {
    let (mut blanks, mut figures) = (false, false);
    for part in t.split(crate::lex::is_space).filter(|p| !p.is_empty()) {
        // (Markers run into digits, `—0`, `／0`, may be blank cells run
        // into a figure: the tables say, see `stream::split_dashed_blanks`.)
        if part.chars().all(|c| digit_value(c).is_some()) {
            figures = true;
        } else if is_glued_markers(part) {
            blanks = true;
            figures |= part.chars().any(|c| digit_value(c).is_some());
        } else if matches!(marker(part), Some(m) if m != Marker::None && m != Marker::Empty) {
            blanks = true;
        } else {
            return false;
        }
    }
    blanks && figures
}

/// The dashes PDF text prints for blank cells (`—`, `－`, `-`).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '━' | '-' | '－')
}

/// A blank marker that PDF text runs into its neighbours: a dash or a
/// slash.
pub(crate) fn is_glued_marker(c: char) -> bool {
    is_dash(c) || matches!(c, '／' | '/')
}

/// True for a part of a cell that is blank markers run together with
/// each other or with figures (`—0`, `／0`, `0／0`, `——————`).
pub(crate) fn is_glued_markers(part: &str) -> bool {
    let (mut markers, mut others) = (0usize, 0usize);
    for c in part.chars() {
        if is_glued_marker(c) {
            markers += 1;
        } else if digit_value(c).is_some() {
            others += 1;
        } else {
            return false;
        }
    }
    markers > 0 && markers + others > 1
}

/// A normalized cell read as a number, or as an unreadable figure.
fn number_of(norm: &str) -> Option<Figure> {
    if let Some((n, suffix)) = parse_number(norm) {
        return Some(Figure::Number(n, suffix));
    }
    let numeric = norm.bytes().any(|b| b.is_ascii_digit())
        && norm.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '+' | '-' | '%'));
    numeric.then_some(Figure::Unreadable)
}

/// Reads a cell as a figure, using `buf` for its normalized form. `None`
/// means the cell is text.
pub(crate) fn figure(raw: &str, buf: &mut String) -> Option<Figure> {
    if let Some(m) = marker(raw) {
        return Some(Figure::Blank(m));
    }
    buf.clear();
    normalize_into(raw, buf);
    number_of(buf)
}

fn digits(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit()).parse(i)
}

/// `1234` or `1,234,567` (groups of three after a comma).
fn integer(i: &str) -> IResult<&str, &str> {
    recognize((digits, many0(preceded(ch(','), take_while_m_n(3, 3, |c: char| c.is_ascii_digit()))))).parse(i)
}

fn sign(i: &str) -> IResult<&str, bool> {
    alt((
        map(alt((tag("+"), tag("增"), tag("增加"))), |_| false),
        map(alt((tag("-"), tag("减少"), tag("减"))), |_| true),
    ))
    .parse(i)
}

fn suffix(i: &str) -> IResult<&str, Suffix> {
    alt((
        map(tag("万元"), |_| Suffix::Wan),
        map(tag("元"), |_| Suffix::Yuan),
        map(alt((tag("件"), tag("个"), tag("项"), tag("条"), tag("次"))), |_| Suffix::Count),
    ))
    .parse(i)
}

type Parts<'a> = (Option<bool>, &'a str, Option<&'a str>, Option<Suffix>);

fn number_parts(i: &str) -> IResult<&str, Parts<'_>> {
    all_consuming((opt(sign), integer, opt(preceded(ch('.'), digits)), opt(suffix))).parse(i)
}

/// Parses a normalized number: sign, digits with optional thousands
/// separators, optional decimals, optional unit.
pub(crate) fn parse_number(s: &str) -> Option<(Number, Option<Suffix>)> {
    let (_, (neg, int, frac, suffix)) = number_parts(s).ok()?;
    let frac = frac.unwrap_or("");
    let scale = u8::try_from(frac.len()).ok().filter(|&s| s <= 12)?;
    let mut m: i64 = 0;
    for b in int.bytes().chain(frac.bytes()).filter(u8::is_ascii_digit) {
        m = m.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    if neg == Some(true) {
        m = -m;
    }
    Some((Number::new(m, scale), suffix))
}

/// True for a page footer or page number standing alone: `第 3 页`,
/// `第3页 共8页`, `— 3 —`, `-4-`, `- 5 -`, `3/8`.
#[cfg(test)]
pub(crate) fn is_page_footer(raw: &str, buf: &mut String) -> bool {
    buf.clear();
    normalize_into(raw, buf);
    footer(buf).is_ok()
}

fn footer(i: &str) -> IResult<&str, ()> {
    let page = (tag("第"), digits, tag("页"));
    let of = (opt(ch('/')), tag("共"), digits, tag("页"));
    let dashes = || take_while1(|c: char| c == '-');
    // (No page is numbered 0: `————0 ——` is blank cells and a 0.)
    let dashed = (dashes(), verify(digits, |d: &str| !d.starts_with('0')), dashes());
    let ratio = (digits, ch('/'), digits);
    all_consuming(alt((map((page, opt(of)), |_| ()), map(dashed, |_| ()), map(ratio, |_| ()))))
        .parse(i)
        .map(|(r, _)| (r, ()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> Option<Figure> {
        figure(s, &mut String::new())
    }

    fn num(s: &str) -> Number {
        match fig(s) {
            Some(Figure::Number(n, _)) => n,
            other => panic!("{s:?} read as {other:?}"),
        }
    }

    #[test]
    fn a_data_frames_missing_values_are_empty_cells() {
        let mut buf = String::new();
        for s in ["NaN", "nan", " None ", "null", ""] {
            assert!(matches!(classify(s, &mut buf), CellClass::Empty), "{s}");
        }
        assert!(matches!(classify("Nancy", &mut buf), CellClass::Text));
    }

    #[test]
    fn integers_signs_and_separators() {
        assert_eq!(num("0"), Number::int(0));
        assert_eq!(num(" 447228 "), Number::int(447228));
        assert_eq!(num("+19"), Number::int(19));
        assert_eq!(num("-8"), Number::int(-8));
        assert_eq!(num("减4"), Number::int(-4));
        assert_eq!(num("1,234"), Number::int(1234));
        assert_eq!(num("1，234，567"), Number::int(1234567));
        assert_eq!(num("１２３"), Number::int(123));
        assert_eq!(num("－3"), Number::int(-3));
        assert_eq!(num("\u{3000}12\u{a0}"), Number::int(12));
    }

    #[test]
    fn decimals_and_units() {
        assert_eq!(num("52.5"), Number::new(525, 1));
        assert_eq!(num("0.0000"), Number::new(0, 4));
        assert_eq!(fig("251000元"), Some(Figure::Number(Number::int(251000), Some(Suffix::Yuan))));
        assert_eq!(fig("25.1万元"), Some(Figure::Number(Number::new(251, 1), Some(Suffix::Wan))));
        assert_eq!(Number::int(251000).from_yuan().unwrap().as_f64(), 25.1);
        assert_eq!(Number::new(2510000, 4).to_string(), "251");
        assert_eq!(Number::new(251, 1).to_string(), "25.1");
    }

    #[test]
    fn blanks_keep_their_marker() {
        assert_eq!(fig(""), Some(Figure::Blank(Marker::Empty)));
        assert_eq!(fig(" — "), Some(Figure::Blank(Marker::Dash)));
        assert_eq!(fig("-"), Some(Figure::Blank(Marker::Hyphen)));
        assert_eq!(fig("－"), Some(Figure::Blank(Marker::FullwidthHyphen)));
        assert_eq!(fig("／"), Some(Figure::Blank(Marker::FullwidthSlash)));
        assert_eq!(fig("无"), Some(Figure::Blank(Marker::None)));
        assert_eq!(fig("_"), Some(Figure::Blank(Marker::Underscore)));
    }

    #[test]
    fn text_and_unreadable() {
        assert_eq!(fig("规章"), None);
        assert_eq!(fig("1.属于国家秘密"), None);
        assert_eq!(fig("1,23"), Some(Figure::Unreadable));
        // Two figures whose columns touch are not one number.
        assert_eq!(classify("10 214", &mut String::new()), CellClass::Text);
        assert_eq!(classify("０ ０", &mut String::new()), CellClass::Text);
        // Nor is a blank's dash a space before the next cell's figure a
        // negative number, nor a figure a space before a dash unreadable; a
        // sign against its number is one.
        assert_eq!(classify("－ 3", &mut String::new()), CellClass::Text);
        assert_eq!(classify("— 12", &mut String::new()), CellClass::Text);
        assert_eq!(classify("0 —", &mut String::new()), CellClass::Text);
        assert_eq!(classify("0 － 0", &mut String::new()), CellClass::Text);
        assert_eq!(classify("-3", &mut String::new()), CellClass::Figure(Figure::Number(Number::int(-3), None)));
        assert_eq!(classify("0000000", &mut String::new()), CellClass::Zeros);
        assert_eq!(classify("００", &mut String::new()), CellClass::Zeros);
        assert_eq!(classify("0", &mut String::new()), CellClass::Figure(Figure::Number(Number::int(0), None)));
        assert_eq!(classify(" 214 ", &mut String::new()), CellClass::Figure(Figure::Number(Number::int(214), None)));
        assert_eq!(fig("12.3.4"), Some(Figure::Unreadable));
        assert_eq!(fig("99999999999999999999"), Some(Figure::Unreadable));
    }

    #[test]
    fn page_footers() {
        let b = &mut String::new();
        for s in ["第 3 页", "第3页 共8页", "— 3 —", "－ 3 －", "- 3 -", "-4-", "3/8"] {
            assert!(is_page_footer(s, b), "{s}");
        }
        for s in ["3", "-8", "第二十条第（五）项", "—", "————0 ——", "-0-"] {
            assert!(!is_page_footer(s, b), "{s}");
        }
        // Digits a space apart are cells, whatever dashes stand around them.
        assert_eq!(classify("—0 0 0 0 0 —", b), CellClass::Text);
        assert_eq!(classify("— 3 —", b), CellClass::Noise);
        // Dashes run into figures, among figures: cells, not one number.
        assert_eq!(classify("1 —0 —0 —1", b), CellClass::Text);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)))]

            /// Every integer `str::parse` reads, we read the same.
            #[test]
            fn integers_agree_with_str_parse(s in "[+-]?[0-9]{1,18}") {
                let want: i64 = s.parse().unwrap();
                let got = parse_number(&s).map(|(n, _)| n);
                prop_assert_eq!(got.and_then(Number::as_i64), Some(want));
            }

            /// Decimals agree with `str::parse::<f64>`.
            #[test]
            fn decimals_agree_with_str_parse(s in "-?[0-9]{1,12}\\.[0-9]{1,6}") {
                let want: f64 = s.parse().unwrap();
                let got = parse_number(&s).map(|(n, _)| n.as_f64()).unwrap();
                prop_assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "{} read as {}", s, got);
            }

            /// Anything we read as a plain number (no separators, no unit),
            /// `str::parse::<f64>` reads too, to the same value.
            #[test]
            fn we_accept_nothing_str_parse_rejects(s in "[-+0-9.]{1,12}") {
                if let Some((n, None)) = parse_number(&s) {
                    let want: f64 = s.parse().unwrap();
                    prop_assert!((n.as_f64() - want).abs() <= 1e-9 * want.abs().max(1.0));
                }
            }

            /// Numbers too long for 64 bits are unreadable, never wrapped.
            #[test]
            fn overflow_is_unreadable(s in "[1-9][0-9]{19,30}") {
                prop_assert_eq!(figure(&s, &mut String::new()), Some(Figure::Unreadable));
            }
        }
    }
}
