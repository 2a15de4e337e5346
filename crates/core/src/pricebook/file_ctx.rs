//! One pricing file being read: its name and text, and where the problems
//! found in it are collected, each with its line, column and field.

use super::error::{PricebookError, line_col};
use serde::de::DeserializeOwned;
use std::ops::Range;

/// Where errors found in one file are collected.
pub(crate) struct FileCtx<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub errors: &'a mut Vec<PricebookError>,
}

impl FileCtx<'_> {
    /// Records a problem at `span` in this file.
    pub fn err(&mut self, span: Range<usize>, field: &str, message: impl Into<String>) {
        let (line, column) = line_col(self.text, span.start);
        self.errors.push(PricebookError::Invalid {
            file: self.name.to_string(),
            line,
            column,
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// Parses the file, recording a TOML or schema error if there is one.
    pub fn parse<T: DeserializeOwned>(&mut self) -> Option<T> {
        match toml::from_str::<T>(self.text) {
            Ok(v) => Some(v),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let field = field_of(e.message(), self.text, span.start);
                self.err(span, &field, e.message().trim().to_string());
                None
            }
        }
    }
}

/// The field a TOML error is about: named in the message for unknown and
/// missing fields, else the key on the error's line.
fn field_of(message: &str, text: &str, offset: usize) -> String {
    for marker in ["unknown field `", "missing field `"] {
        if let Some(rest) = message.split(marker).nth(1)
            && let Some(name) = rest.split('`').next()
        {
            return name.to_string();
        }
    }
    let start = text[..text.floor_char_boundary(offset.min(text.len()))]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("").trim();
    if let Some((key, _)) = line.split_once('=') {
        return key.trim().to_string();
    }
    if line.starts_with('[') {
        return line.trim_matches(|c| c == '[' || c == ']').to_string();
    }
    "(document)".to_string()
}
