//! What a request's `Accept-Encoding` allows, for the answers we compress
//! ourselves (the pricebook asset, the render cache's copies); everything
//! else is compressed per answer by tower-http's `CompressionLayer`.
//!
//! Usage:
//!
//! ```ignore
//! match accept_encoding::preferred(req.headers()) {
//!     Some(Coding::Brotli) => { /* send the .br copy */ }
//!     Some(Coding::Gzip) => { /* send the .gz copy */ }
//!     None => { /* identity */ }
//! }
//! ```

use axum::http::{header, HeaderMap, HeaderValue};

/// A content coding we keep copies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
}

impl Coding {
    /// Its name in `Content-Encoding`.
    pub fn header_value(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        })
    }
}

/// True when `Accept-Encoding` lists `coding` (e.g. `br`) with a non-zero
/// weight. A `*` is not read as a coding: such a client gets identity.
pub fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            parts
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case(coding))
                && parts.all(|p| match p.replace(' ', "").strip_prefix("q=") {
                    Some(q) => q.parse::<f32>().is_ok_and(|q| q > 0.0),
                    None => true,
                })
        })
}

/// Brotli when accepted, else gzip when accepted, else none (identity).
pub fn preferred(headers: &HeaderMap) -> Option<Coding> {
    if accepts(headers, "br") {
        Some(Coding::Brotli)
    } else if accepts(headers, "gzip") {
        Some(Coding::Gzip)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        h
    }

    #[test]
    fn a_coding_is_accepted_only_when_listed_with_a_weight_above_zero() {
        assert!(accepts(&with("gzip, deflate, br, zstd"), "br"));
        assert!(accepts(&with("br;q=0.5"), "br"));
        assert!(accepts(&with("BR"), "br"));
        assert!(!accepts(&with("gzip"), "br"));
        assert!(!accepts(&with("br;q=0"), "br"));
        assert!(!accepts(&with("br; q=0.0"), "br"));
        assert!(!accepts(&with("brotli"), "br"));
        assert!(!accepts(&HeaderMap::new(), "br"));
    }

    #[test]
    fn brotli_is_preferred_then_gzip_then_identity() {
        assert_eq!(preferred(&with("gzip, br")), Some(Coding::Brotli));
        assert_eq!(preferred(&with("gzip, br;q=0")), Some(Coding::Gzip));
        assert_eq!(preferred(&with("identity")), None);
        assert_eq!(preferred(&with("*")), None);
        assert_eq!(preferred(&HeaderMap::new()), None);
    }
}
