//! The error for input that is not a report at all.
//!
//! Everything short of that is a [`Diagnostic`](crate::Diagnostic): parsing
//! goes on and the figures around a problem still come out.

use std::fmt;

/// What went wrong, for callers that want to match on it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not text: they hold NUL bytes (a binary file, or
    /// UTF-16 without a byte-order mark).
    NotText {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The bytes are neither UTF-8, UTF-16 with a byte-order mark, nor
    /// GB18030: too many byte sequences could not be decoded.
    Undecodable {
        /// How many byte sequences were malformed.
        malformed: usize,
    },
    /// The text decodes but holds no section heading and no table of the
    /// report template.
    NotAReport,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::NotText { offset } => {
                write!(f, "not a text file: NUL byte at byte {offset}")
            }
            ErrorKind::Undecodable { malformed } => {
                write!(f, "cannot decode as UTF-8, UTF-16 or GB18030: {malformed} malformed byte sequences")
            }
            ErrorKind::NotAReport => {
                write!(f, "not a government information disclosure report: no section heading and no table found")
            }
        }
    }
}

/// The error returned when the input cannot be read as a report at all.
///
/// ```
/// let err = xxgk::parse_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
/// assert!(matches!(err.kind(), xxgk::ErrorKind::NotText { .. }));
/// assert_eq!(err.to_string(), "not a text file: NUL byte at byte 8");
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[error(transparent)]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone, thiserror::Error)]
#[error("{kind}")]
struct Inner {
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(Inner { kind }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
