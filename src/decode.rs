//! Layer 1: bytes to text.
//!
//! UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark,
//! and otherwise, when the bytes are not valid UTF-8, GB18030 (of which GBK
//! and GB2312 are subsets). Line endings are left as they are; the lexer
//! reads LF, CRLF and CR alike.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The encoding a document was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark (`utf-8-sig`).
    #[serde(rename = "utf-8-sig")]
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark.
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// GB18030 (GBK and GB2312 are subsets).
    #[serde(rename = "gb18030")]
    Gb18030,
    /// Big5 (traditional Chinese pages), declared by the page.
    #[serde(rename = "big5")]
    Big5,
    /// Another encoding a page declared.
    #[serde(rename = "other")]
    Other,
    /// The caller passed text, not bytes.
    #[serde(rename = "text")]
    Text,
}

/// Decoded text and the encoding it came from.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Decoded<'a> {
    /// The text, borrowed from the input when it was UTF-8 already.
    pub text: Cow<'a, str>,
    /// The encoding that was used.
    pub encoding: Encoding,
}

/// Decodes a document's bytes.
///
/// A NUL byte means the input is not text ([`ErrorKind::NotText`]). In
/// GB18030, a few malformed sequences (a file cut short) are replaced by
/// U+FFFD; more than one in a hundred bytes is [`ErrorKind::Undecodable`].
///
/// ```
/// use xxgk::decode::{decode, Encoding};
/// let gbk = [0xd7, 0xdc, 0xbc, 0xc6]; // 总计 in GBK
/// let d = decode(&gbk).unwrap();
/// assert_eq!(d.text, "总计");
/// assert_eq!(d.encoding, Encoding::Gb18030);
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = utf8_or_lossy(rest);
        return checked(text, Encoding::Utf8Bom, 3);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, encoding) = if bytes.starts_with(b"\xFF\xFE") {
            (encoding_rs::UTF_16LE, Encoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, Encoding::Utf16Be)
        };
        let (text, malformed) = enc.decode_with_bom_removal(bytes);
        if malformed {
            let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
            if bad * 100 > bytes.len() / 2 + 1 {
                return Err(Error::new(ErrorKind::Undecodable { malformed: bad }));
            }
        }
        return checked(Cow::Owned(text.into_owned()), encoding, 2);
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(Error::new(ErrorKind::NotText { offset: pos }));
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), encoding: Encoding::Utf8 }),
        Err(_) => {
            let (text, malformed) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if malformed {
                let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
                if bad * 100 > bytes.len() + 100 {
                    return Err(Error::new(ErrorKind::Undecodable { malformed: bad }));
                }
            }
            Ok(Decoded { text: Cow::Owned(text.into_owned()), encoding: Encoding::Gb18030 })
        }
    }
}

/// Decodes a web page's bytes: a byte-order mark; else UTF-8 when the bytes
/// are valid UTF-8 (whatever the page declares: scrapers re-encode pages
/// and keep the old declaration); else the charset the page declares
/// (`<meta charset="gb2312">` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=gbk">`, in its first 4 KB); else as
/// [`decode`] does (GB18030).
///
/// ```
/// use xxgk::decode::{decode_html, Encoding};
/// let (gbk, _, _) = encoding_rs::GBK.encode("<html><head><meta charset=\"gb2312\"></head><body>总计</body></html>");
/// let d = decode_html(&gbk).unwrap();
/// assert!(d.text.contains("总计"));
/// assert_eq!(d.encoding, Encoding::Gb18030);
/// // Re-encoded as UTF-8 by a scraper, the old declaration kept.
/// let d = decode_html("<meta charset=\"gb2312\"><p>总计</p>".as_bytes()).unwrap();
/// assert!(d.text.contains("总计"));
/// ```
pub fn decode_html(bytes: &[u8]) -> Result<Decoded<'_>> {
    if bytes.starts_with(b"\xEF\xBB\xBF") || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return decode(bytes);
    }
    let Some(enc) = declared_charset(bytes.get(..4096.min(bytes.len())).unwrap_or(bytes)) else {
        return decode(bytes);
    };
    // A page saved by a scraper is often re-encoded as UTF-8 with its old
    // `charset=gb2312` kept: text that is valid UTF-8 is read as UTF-8
    // (GBK text is practically never valid UTF-8).
    if enc == encoding_rs::UTF_8 || simdutf8::basic::from_utf8(bytes).is_ok() {
        return decode(bytes);
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(Error::new(ErrorKind::NotText { offset: pos }));
    }
    let (text, malformed) = enc.decode_without_bom_handling(bytes);
    if malformed {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad * 100 > bytes.len() + 100 {
            return Err(Error::new(ErrorKind::Undecodable { malformed: bad }));
        }
    }
    let encoding = if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 {
        Encoding::Gb18030
    } else if enc == encoding_rs::BIG5 {
        Encoding::Big5
    } else {
        Encoding::Other
    };
    Ok(Decoded { text: Cow::Owned(text.into_owned()), encoding })
}

/// The encoding named by the first `charset=` in the head of a page.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = lower.get(at..)?;
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')).unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(rest.get(..end)?)
}

fn utf8_or_lossy(bytes: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn checked(text: Cow<'_, str>, encoding: Encoding, prefix: usize) -> Result<Decoded<'_>> {
    if let Some(pos) = text.find('\0') {
        return Err(Error::new(ErrorKind::NotText { offset: pos + prefix }));
    }
    Ok(Decoded { text, encoding })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed() {
        let d = decode("总计\r\n".as_bytes()).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.encoding, Encoding::Utf8);
    }

    #[test]
    fn bom_is_removed_and_reported() {
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(d.text, "abc");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "总计 7".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(d.text, "总计 7");
        assert_eq!(d.encoding, Encoding::Utf16Le);
        let mut be = vec![0xFE, 0xFF];
        for u in "规章".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "规章");
    }

    #[test]
    fn gb18030_when_not_utf8() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("行政许可\t12\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "行政许可\t12\n");
        assert_eq!(d.encoding, Encoding::Gb18030);
    }

    #[test]
    fn nul_bytes_are_not_text() {
        let e = decode(b"ab\0cd").unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::NotText { offset: 2 });
    }
}
