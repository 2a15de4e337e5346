//! Where the site is published and who may frame its embed view.
//!
//! - `--public-url` (`LLM_ROI_PUBLIC_URL`): the origin that absolute links
//!   (report links, OpenGraph tags, oEmbed answers, iframe snippets) use.
//!   Without it, the request's `Host` header is used, over `http`.
//! - `--embed-origins` (`LLM_ROI_EMBED_ORIGINS`): the origins whose pages may
//!   frame `/embed`, e.g. `https://wiki.example.com`. The site itself may
//!   always frame it (`'self'`); every other route may not be framed at all.

use super::client_ip::{BadProxy, TrustedProxies};
use axum::http::HeaderMap;

/// A setting that cannot be used, naming the flag and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteError {
    #[error(
        "--public-url {value:?}: {reason}; give an origin such as https://llm-roi.example.com"
    )]
    PublicUrl { value: String, reason: &'static str },
    #[error("--embed-origins: {value:?} is not allowed: {reason}; give origins such as https://wiki.example.com (scheme, host and optional port; a host may start with *.), separated by spaces or commas, or * for any")]
    EmbedOrigin { value: String, reason: &'static str },
    #[error(transparent)]
    Proxy(#[from] BadProxy),
}

/// The site's public origin, framing policy and the proxies before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `scheme://host[:port]`, no trailing slash.
    pub public_url: Option<String>,
    /// Sources allowed to frame `/embed`, besides `'self'`.
    pub embed_origins: Vec<String>,
    /// The origin used when there is neither a public URL nor a usable `Host`.
    pub fallback_origin: String,
    /// The render cache's size in MB (0: no cache).
    pub render_cache_mb: u64,
    /// The proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: TrustedProxies,
}

impl Default for Site {
    fn default() -> Self {
        Self {
            public_url: None,
            embed_origins: Vec::new(),
            fallback_origin: "http://127.0.0.1:3000".into(),
            trusted_proxies: TrustedProxies::default(),
            render_cache_mb: super::render_cache::DEFAULT_MB,
        }
    }
}

fn host_ok(host: &str) -> bool {
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
}

/// Splits `scheme://host[:port]`, refusing paths, queries and credentials.
fn origin_parts(v: &str) -> Result<(&str, &str), &'static str> {
    let (scheme, rest) = v
        .split_once("://")
        .ok_or("it has no scheme (http:// or https://)")?;
    if scheme != "http" && scheme != "https" {
        return Err("the scheme must be http or https");
    }
    let host = rest.strip_suffix('/').unwrap_or(rest);
    if host.contains(['/', '?', '#', '@']) {
        return Err("an origin has no path, query, fragment or user name");
    }
    let bare = host.strip_prefix("*.").unwrap_or(host);
    if !host_ok(bare) {
        return Err("the host has characters a host name cannot have");
    }
    Ok((scheme, host))
}

/// Reads `--public-url`.
pub fn parse_public_url(v: &str) -> Result<String, SiteError> {
    let bad = |reason| SiteError::PublicUrl {
        value: v.into(),
        reason,
    };
    let (scheme, host) = origin_parts(v.trim()).map_err(bad)?;
    if host.starts_with("*.") {
        return Err(bad("a public URL cannot have a wildcard host"));
    }
    Ok(format!("{scheme}://{host}"))
}

/// Reads `--embed-origins`: origins separated by spaces or commas; `'self'`
/// is allowed and implied, `*` allows any.
pub fn parse_embed_origins(v: &str) -> Result<Vec<String>, SiteError> {
    let mut out: Vec<String> = Vec::new();
    for item in v.split([' ', ',']).filter(|s| !s.is_empty()) {
        let origin =
            match item {
                "'self'" | "self" => continue,
                "*" => "*".to_string(),
                "'none'" => return Err(SiteError::EmbedOrigin {
                    value: item.into(),
                    reason:
                        "the site itself may always frame /embed; give no origins to allow only it",
                }),
                _ => {
                    let (scheme, host) =
                        origin_parts(item).map_err(|reason| SiteError::EmbedOrigin {
                            value: item.into(),
                            reason,
                        })?;
                    format!("{scheme}://{host}")
                }
            };
        if !out.contains(&origin) {
            out.push(origin);
        }
    }
    Ok(out)
}

impl Site {
    /// The CSP source list of the pages allowed to frame `/embed`.
    pub fn frame_ancestors(&self) -> String {
        std::iter::once("'self'".to_string())
            .chain(self.embed_origins.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The origin absolute links use: the public URL, else `http://` and the
    /// request's `Host`, else the fallback.
    pub fn origin(&self, headers: &HeaderMap) -> String {
        if let Some(u) = &self.public_url {
            return u.clone();
        }
        headers
            .get(axum::http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| host_ok(h))
            .map_or_else(|| self.fallback_origin.clone(), |h| format!("http://{h}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_and_refused_with_the_flag_named() {
        assert_eq!(
            parse_embed_origins("'self' https://wiki.example.com, http://127.0.0.1:3101/").unwrap(),
            ["https://wiki.example.com", "http://127.0.0.1:3101"]
        );
        assert_eq!(
            parse_embed_origins("https://*.example.com").unwrap(),
            ["https://*.example.com"]
        );
        assert_eq!(parse_embed_origins("").unwrap(), Vec::<String>::new());
        for bad in [
            "wiki.example.com",
            "ftp://x",
            "https://x/path",
            "https://a b",
            "'none'",
        ] {
            let e = parse_embed_origins(bad).unwrap_err().to_string();
            assert!(e.starts_with("--embed-origins:"), "{e}");
        }
        let e = parse_public_url("https://x.example/app")
            .unwrap_err()
            .to_string();
        assert!(e.contains("--public-url") && e.contains("no path"), "{e}");
        assert_eq!(
            parse_public_url("https://x.example/").unwrap(),
            "https://x.example"
        );
    }

    #[test]
    fn the_origin_comes_from_the_setting_then_the_host() {
        let mut headers = HeaderMap::new();
        let site = Site::default();
        assert_eq!(site.origin(&headers), "http://127.0.0.1:3000");
        headers.insert("host", "localhost:8080".parse().unwrap());
        assert_eq!(site.origin(&headers), "http://localhost:8080");
        headers.insert("host", "evil\"><script>".parse().unwrap());
        assert_eq!(site.origin(&headers), "http://127.0.0.1:3000");
        let site = Site {
            public_url: Some("https://roi.example.com".into()),
            ..Site::default()
        };
        assert_eq!(site.origin(&headers), "https://roi.example.com");
        assert_eq!(Site::default().frame_ancestors(), "'self'");
    }
}
