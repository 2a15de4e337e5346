//! Parsing and validating pricing files.
//!
//! [`load`] works on file texts, so the same code runs in tests, in the
//! `check` subcommand and at server start; reading the directory is the
//! server's job (`server::pricing_dir`).

use super::error::{line_col, PricebookError, PricebookErrors};
use super::schema::{RawFxFile, RawProviderFile};
use super::validate::{build_fx, build_provider, check_cross_references};
use super::{Pricebook, SourceFile};
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
        if let Some(rest) = message.split(marker).nth(1) {
            if let Some(name) = rest.split('`').next() {
                return name.to_string();
            }
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

/// Loads and validates `fx` and the provider files.
///
/// Returns every problem found, not only the first.
pub fn load(fx: &SourceFile, providers: &[SourceFile]) -> Result<Pricebook, PricebookErrors> {
    let mut errors = Vec::new();
    let fx_table = {
        let mut ctx = FileCtx {
            name: &fx.name,
            text: &fx.text,
            errors: &mut errors,
        };
        ctx.parse::<RawFxFile>()
            .map(|raw| build_fx(&mut ctx, raw))
            .unwrap_or_default()
    };

    let mut built = Vec::new();
    for file in providers {
        let mut ctx = FileCtx {
            name: &file.name,
            text: &file.text,
            errors: &mut errors,
        };
        if let Some(raw) = ctx.parse::<RawProviderFile>() {
            if let Some(b) = build_provider(&mut ctx, raw, &fx_table) {
                built.push((file, b));
            }
        }
    }
    let providers = check_cross_references(built, &mut errors);

    if errors.is_empty() {
        Ok(Pricebook {
            providers,
            fx: fx_table,
        })
    } else {
        Err(PricebookErrors(errors))
    }
}

#[cfg(test)]
mod tests;
