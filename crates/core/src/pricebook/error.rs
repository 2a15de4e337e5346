//! Pricebook errors: each names the file, line, column and field, and says
//! what is allowed.

use thiserror::Error;

/// One problem in the pricing files.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PricebookError {
    /// A value or key in a file is wrong.
    #[error("{file}:{line}:{column}: field `{field}`: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        field: String,
        message: String,
    },
    /// A file could not be read.
    #[error("{file}: cannot read the file: {message}")]
    Unreadable { file: String, message: String },
    /// The directory holds no provider files, or no `fx.toml`.
    #[error("{dir}: {message}")]
    Directory { dir: String, message: String },
}

/// Every problem found in one load; loading reports them all at once.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{} problem(s) in the pricing files:\n{}", .0.len(), render(.0))]
pub struct PricebookErrors(pub Vec<PricebookError>);

fn render(errors: &[PricebookError]) -> String {
    errors
        .iter()
        .map(|e| format!("  - {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let t = "a = 1\nbb = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        assert_eq!(line_col(t, 11), (2, 6));
    }
}
