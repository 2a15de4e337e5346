//! Which custom probe targets may be reached: a URL typed by a user must use
//! an allowed port and a public name; it is resolved, and refused when any
//! address it resolves to is in [`super::special_ranges::RANGES`] (the IANA
//! special-purpose ranges that are not globally reachable, multicast, NAT64,
//! 6to4, Teredo and cloud metadata addresses), for IPv4 and IPv6. A refusal
//! names the class of address only, never the address a name resolved to. The connection then goes to the addresses
//! checked here ([`Endpoint::pinned`]), so DNS rebinding cannot slip through;
//! redirects are never followed.

use super::measure::Endpoint;
use super::special_ranges::refused;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;

/// The ports custom targets may use when the probe-targets file names none.
pub const DEFAULT_PORTS: [u16; 2] = [443, 80];

/// Why a custom target is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("`{0}` is not a URL: {1}")]
    NotAUrl(String, String),
    #[error("scheme `{0}` is not allowed; use https or http")]
    Scheme(String),
    #[error("user names and passwords in the URL are not allowed")]
    Credentials,
    #[error("port {port} is not allowed for custom targets; allowed: {allowed}")]
    Port { port: u16, allowed: String },
    #[error("`{0}` is a local name; give a public host")]
    LocalName(String),
    #[error("`{host}` could not be resolved")]
    Unresolved { host: String },
    #[error("`{host}` is or resolves to {why}; only public addresses may be probed")]
    Forbidden { host: String, why: &'static str },
}

/// Resolves host names (the server's resolver, or a fixed table in tests).
pub trait Lookup: Send + Sync {
    fn lookup<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, String>> + Send + 'a>>;
}

impl Lookup for hickory_resolver::TokioResolver {
    fn lookup<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, String>> + Send + 'a>> {
        Box::pin(async move {
            self.lookup_ip(host)
                .await
                .map(|l| l.iter().collect())
                .map_err(|e| e.to_string())
        })
    }
}

/// Why `ip` may not be probed, as a class ("a private address"), or `None`
/// for a public address.
pub fn forbidden(ip: IpAddr) -> Option<&'static str> {
    refused(ip).map(|r| r.class.phrase())
}

/// Whether `host` is a name that only means something locally.
fn local_name(host: &str) -> bool {
    const LOCAL_SUFFIXES: [&str; 6] = [
        ".localhost",
        ".local",
        ".internal",
        ".home.arpa",
        ".localdomain",
        ".lan",
    ];
    host == "localhost"
        || host == "localhost.localdomain"
        || !host.contains('.')
        || LOCAL_SUFFIXES.iter().any(|s| host.ends_with(s))
}

/// Checks a user's URL and returns an endpoint pinned to the checked
/// addresses. `ports` are the ports allowed; a name is looked up only after
/// every check that needs no lookup has passed.
pub async fn check(raw: &str, lookup: &dyn Lookup, ports: &[u16]) -> Result<Endpoint, Refusal> {
    // The WHATWG parser normalises decimal, octal and hex IPv4 forms
    // (http://2130706433/ is 127.0.0.1), so they are checked as addresses.
    let url = url::Url::parse(raw.trim())
        .map_err(|e| Refusal::NotAUrl(llm_roi_core::scenario::codec::quoted(raw), e.to_string()))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(Refusal::Scheme(url.scheme().to_string()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refusal::Credentials);
    }
    let mut endpoint = Endpoint::from_url(&url)
        .map_err(|e| Refusal::NotAUrl(llm_roi_core::scenario::codec::quoted(raw), e))?;
    if !ports.contains(&endpoint.port) {
        return Err(Refusal::Port {
            port: endpoint.port,
            allowed: ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    // `localhost.` is `localhost`: a name is judged without its trailing dots.
    endpoint.host = endpoint.host.trim_end_matches('.').to_string();
    let host = endpoint.host.clone();
    let ips = match url.host() {
        Some(url::Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
        Some(url::Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
        _ => {
            if local_name(&host.to_ascii_lowercase()) {
                return Err(Refusal::LocalName(host));
            }
            let ips = lookup
                .lookup(&host)
                .await
                .map_err(|_| Refusal::Unresolved { host: host.clone() })?;
            if ips.is_empty() {
                return Err(Refusal::Unresolved { host });
            }
            ips
        }
    };
    if let Some(why) = ips.iter().find_map(|ip| forbidden(*ip)) {
        return Err(Refusal::Forbidden { host, why });
    }
    endpoint.pinned = Some(ips);
    Ok(endpoint)
}
