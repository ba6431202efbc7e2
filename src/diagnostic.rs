//! Diagnostics: what a careful reader should know about a parsed report.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; every figure is still what the report prints.
    Info,
    /// A figure is missing, derived, or the report contradicts itself.
    Warning,
}

/// The stable identifier of a kind of diagnostic (`SCHEMA.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Code {
    /// A figure was derived from the report's own arithmetic rather than read.
    Derived,
    /// A cell, or a row's cells, could not be read; the figures are null.
    UnreadableCell,
    /// A table row whose label is not in the template; kept, never mapped.
    UnrecognizedRow,
    /// A section or a table was not found.
    MissingSection,
    /// A rule of the report's own arithmetic is broken by the printed figures.
    SumMismatch,
}

impl Code {
    /// The code as it appears in output, e.g. `sum_mismatch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Derived => "derived",
            Code::UnreadableCell => "unreadable_cell",
            Code::UnrecognizedRow => "unrecognized_row",
            Code::MissingSection => "missing_section",
            Code::SumMismatch => "sum_mismatch",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about a report: a code, a message and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What kind of finding it is.
    pub code: Code,
    /// What, in words: lowercase English naming the rule, row or cell, with
    /// the report's own labels where they help.
    pub message: String,
    /// The 1-based line of the decoded text it is about, where there is one.
    pub line: Option<usize>,
}

impl Diagnostic {
    pub(crate) fn new(code: Code, line: Option<usize>, message: impl Into<String>) -> Self {
        let severity = match code {
            Code::Derived | Code::UnrecognizedRow => Severity::Info,
            _ => Severity::Warning,
        };
        Diagnostic { severity, code, message: message.into(), line }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}: {} at line {l}", self.code, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}
