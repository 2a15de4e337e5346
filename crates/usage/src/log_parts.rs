//! The files of one multipart upload read as one log: their imports added
//! up, each bad row named by its file, and the span checked over all.

use super::{BadRow, Import, ImportError, Limits, SHOWN_BAD_ROWS};

/// The most files one upload may hold.
pub const MAX_FILES: usize = 20;

/// `import`'s bad rows named by `file`, when it has a name.
pub fn named(mut import: Import, file: Option<&str>) -> Import {
    if let Some(f) = file {
        for b in &mut import.bad {
            b.file = Some(f.to_string());
        }
    }
    import
}

/// `total` with `part` (the next file) added; the span of both within
/// `limits.max_days`.
pub fn merge(
    mut total: Import,
    part: Import,
    file: Option<&str>,
    limits: Limits,
) -> Result<Import, super::LogError> {
    let part = named(part, file);
    total.format = part.format;
    total.rows = total.rows.saturating_add(part.rows);
    total.requests_unknown = total.requests_unknown.saturating_add(part.requests_unknown);
    total.more_bad = total.more_bad.saturating_add(part.more_bad);
    for b in part.bad {
        push_bad(&mut total, b);
    }
    total.days = match (total.days, part.days) {
        (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
        (x, y) => x.or(y),
    };
    if let Some((a, b)) = total.days {
        let days = u64::try_from(a.days_until(b)).unwrap_or(0) + 1;
        if days > limits.max_days {
            let source = ImportError::Span {
                line: 1,
                days,
                max_days: limits.max_days,
            };
            return Err(match file {
                Some(f) => super::LogError::File {
                    file: f.to_string(),
                    source,
                },
                None => super::LogError::Import(source),
            });
        }
    }
    Ok(total)
}

fn push_bad(total: &mut Import, b: BadRow) {
    if total.bad.len() < SHOWN_BAD_ROWS {
        total.bad.push(b);
    } else {
        total.more_bad = total.more_bad.saturating_add(1);
    }
}
