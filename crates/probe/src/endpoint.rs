//! Where a probe sends its requests: scheme, host, port and base path from a
//! base URL, the addresses checked beforehand, and the `Host` header.

use std::net::IpAddr;

/// Where to send requests.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub https: bool,
    pub host: String,
    pub port: u16,
    /// Prefix of every path, e.g. `/v1` from `https://relay.example/v1`.
    pub base_path: String,
    /// Addresses checked beforehand: connect only to these, skip DNS.
    pub pinned: Option<Vec<IpAddr>>,
}

impl Endpoint {
    /// From a base URL such as `https://api.anthropic.com`.
    pub fn from_url(url: &url::Url) -> Result<Self, String> {
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            s => return Err(format!("scheme `{s}` is not allowed; use http or https")),
        };
        let host = match url.host() {
            Some(url::Host::Domain(d)) => d.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            None => return Err("the URL has no host".into()),
        };
        let port = url.port_or_known_default().ok_or("the URL has no port")?;
        Ok(Self {
            https,
            host,
            port,
            base_path: url.path().trim_end_matches('/').to_string(),
            pinned: None,
        })
    }
}

/// The `Host` header: the port only when it is not the scheme's default.
pub fn host_header(ep: &Endpoint) -> String {
    let default_port = if ep.https { 443 } else { 80 };
    let host = if ep.host.contains(':') {
        format!("[{}]", ep.host)
    } else {
        ep.host.clone()
    };
    if ep.port == default_port {
        host
    } else {
        format!("{host}:{}", ep.port)
    }
}
