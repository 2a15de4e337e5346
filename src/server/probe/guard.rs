//! Which custom probe targets may be reached: a URL typed by a user is
//! resolved first, and refused when any address it resolves to is loopback,
//! private, link-local, CGNAT, multicast, reserved or a cloud metadata
//! address, for IPv4 and IPv6. The connection then goes to the addresses
//! checked here ([`Endpoint::pinned`]), so DNS rebinding cannot slip through;
//! redirects are never followed.

use super::measure::Endpoint;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::pin::Pin;

/// Why a custom target is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("`{0}` is not a URL: {1}")]
    NotAUrl(String, String),
    #[error("scheme `{0}` is not allowed; use https or http")]
    Scheme(String),
    #[error("user names and passwords in the URL are not allowed")]
    Credentials,
    #[error("`{0}` is a local name; give a public host")]
    LocalName(String),
    #[error("`{host}` could not be resolved: {reason}")]
    Unresolved { host: String, reason: String },
    #[error("`{host}` resolves to {ip}, a {why} address; only public addresses may be probed")]
    Forbidden {
        host: String,
        ip: IpAddr,
        why: &'static str,
    },
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

fn v4_reason(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (0, _, _) => "\"this network\" (0.0.0.0/8)",
        (127, _, _) => "loopback",
        (10, _, _) => "private (10.0.0.0/8)",
        (172, 16..=31, _) => "private (172.16.0.0/12)",
        (192, 168, _) => "private (192.168.0.0/16)",
        (169, 254, 169) if ip.octets()[3] == 254 => "cloud metadata (169.254.169.254)",
        (169, 254, _) => "link-local",
        (100, 64..=127, _) => "carrier-grade NAT (100.64.0.0/10)",
        (192, 0, 0) => "IETF protocol assignment (192.0.0.0/24)",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "documentation",
        (198, 18..=19, _) => "benchmarking (198.18.0.0/15)",
        (224..=239, _, _) => "multicast",
        (240..=255, _, _) => "reserved or broadcast",
        _ => return None,
    })
}

fn v6_reason(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_reason(v4);
    }
    let s = ip.segments();
    Some(match s {
        [0, 0, 0, 0, 0, 0, 0, 0] => "unspecified",
        [0, 0, 0, 0, 0, 0, 0, 1] => "loopback",
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => {
            return v4_reason(Ipv4Addr::from(((u32::from(s[6])) << 16) | u32::from(s[7])));
        }
        [0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x254] => "cloud metadata (fd00:ec2::254)",
        [a, ..] if a & 0xfe00 == 0xfc00 => "unique local (fc00::/7)",
        [a, ..] if a & 0xffc0 == 0xfe80 => "link-local (fe80::/10)",
        [a, ..] if a & 0xffc0 == 0xfec0 => "site-local (fec0::/10)",
        [a, ..] if a & 0xff00 == 0xff00 => "multicast",
        [0x2001, 0x0db8, ..] => "documentation (2001:db8::/32)",
        [0x2001, 0, ..] => "Teredo (2001::/32)",
        [0x2002, ..] => "6to4 (2002::/16)",
        [0, 0, 0, 0, 0, 0, _, _] => "IPv4-compatible (deprecated)",
        _ => return None,
    })
}

/// Why `ip` may not be probed, or `None` for a public address.
pub fn forbidden(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_reason(v4),
        IpAddr::V6(v6) => v6_reason(v6),
    }
}

/// Checks a user's URL and returns an endpoint pinned to the checked addresses.
pub async fn check(raw: &str, lookup: &dyn Lookup) -> Result<Endpoint, Refusal> {
    // The WHATWG parser normalises decimal, octal and hex IPv4 forms
    // (http://2130706433/ is 127.0.0.1), so they are checked as addresses.
    let url = url::Url::parse(raw.trim())
        .map_err(|e| Refusal::NotAUrl(raw.to_string(), e.to_string()))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(Refusal::Scheme(url.scheme().to_string()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refusal::Credentials);
    }
    let mut endpoint =
        Endpoint::from_url(&url).map_err(|e| Refusal::NotAUrl(raw.to_string(), e))?;
    let host = endpoint.host.clone();
    let ips = match url.host() {
        Some(url::Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
        Some(url::Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
        _ => {
            let lower = host.to_ascii_lowercase();
            if lower == "localhost"
                || lower.ends_with(".localhost")
                || lower.ends_with(".local")
                || lower.ends_with(".internal")
            {
                return Err(Refusal::LocalName(host));
            }
            let ips = lookup
                .lookup(&host)
                .await
                .map_err(|reason| Refusal::Unresolved {
                    host: host.clone(),
                    reason,
                })?;
            if ips.is_empty() {
                return Err(Refusal::Unresolved {
                    host,
                    reason: "no addresses".into(),
                });
            }
            ips
        }
    };
    for ip in &ips {
        if let Some(why) = forbidden(*ip) {
            return Err(Refusal::Forbidden { host, ip: *ip, why });
        }
    }
    endpoint.pinned = Some(ips);
    Ok(endpoint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Table(HashMap<&'static str, Vec<IpAddr>>);

    impl Lookup for Table {
        fn lookup<'a>(
            &'a self,
            host: &'a str,
        ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, String>> + Send + 'a>> {
            let r = self
                .0
                .get(host)
                .cloned()
                .ok_or_else(|| "NXDOMAIN".to_string());
            Box::pin(async move { r })
        }
    }

    fn table() -> Table {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        Table(HashMap::from([
            ("rebind.example.com", vec![ip("127.0.0.1")]),
            (
                "mixed.example.com",
                vec![ip("93.184.215.14"), ip("10.1.2.3")],
            ),
            ("metadata.example.com", vec![ip("169.254.169.254")]),
            (
                "public.example.com",
                vec![
                    ip("93.184.215.14"),
                    ip("2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
                ],
            ),
        ]))
    }

    #[tokio::test]
    async fn attack_urls_are_refused() {
        let t = table();
        let attacks = [
            ("http://127.0.0.1/", "loopback"),
            ("http://10.0.0.5:8080/v1", "private (10.0.0.0/8)"),
            ("http://172.20.1.1/", "private (172.16.0.0/12)"),
            ("https://192.168.1.1/", "private (192.168.0.0/16)"),
            (
                "http://169.254.169.254/latest/meta-data/",
                "cloud metadata (169.254.169.254)",
            ),
            (
                "http://100.100.100.200/",
                "carrier-grade NAT (100.64.0.0/10)",
            ),
            ("http://[::1]:3000/", "loopback"),
            ("http://[fd12:3456::1]/", "unique local (fc00::/7)"),
            ("http://[fe80::1]/", "link-local (fe80::/10)"),
            ("http://[::ffff:127.0.0.1]/", "loopback"),
            ("http://[fd00:ec2::254]/", "cloud metadata (fd00:ec2::254)"),
            ("http://[ff02::1]/", "multicast"),
            ("http://224.0.0.1/", "multicast"),
            ("http://2130706433/", "loopback"),
            ("http://0x7f.1/", "loopback"),
            ("http://0177.0.0.1/", "loopback"),
            ("http://0.0.0.0/", "\"this network\" (0.0.0.0/8)"),
            ("http://rebind.example.com/", "loopback"),
            ("http://mixed.example.com/", "private (10.0.0.0/8)"),
            (
                "http://metadata.example.com/",
                "cloud metadata (169.254.169.254)",
            ),
            ("http://[64:ff9b::a00:1]/", "private (10.0.0.0/8)"),
        ];
        for (url, why) in attacks {
            match check(url, &t).await {
                Err(Refusal::Forbidden { why: got, .. }) => assert_eq!(got, why, "{url}"),
                other => panic!("{url} was not refused as {why}: {other:?}"),
            }
        }
        for url in [
            "http://localhost:3000/",
            "http://foo.localhost/",
            "http://printer.local/",
            "http://metadata.google.internal/",
        ] {
            assert!(
                matches!(check(url, &t).await, Err(Refusal::LocalName(_))),
                "{url}"
            );
        }
        assert!(matches!(
            check("file:///etc/passwd", &t).await,
            Err(Refusal::Scheme(_))
        ));
        assert!(matches!(
            check("gopher://example.com/", &t).await,
            Err(Refusal::Scheme(_))
        ));
        assert!(matches!(
            check("http://user:pw@example.com/", &t).await,
            Err(Refusal::Credentials)
        ));
        assert!(matches!(
            check("http://nx.example.com/", &t).await,
            Err(Refusal::Unresolved { .. })
        ));
    }

    #[tokio::test]
    async fn public_targets_are_pinned_to_the_checked_addresses() {
        let ep = check("https://public.example.com/v1", &table())
            .await
            .unwrap();
        assert_eq!(ep.pinned.as_ref().unwrap().len(), 2);
        assert_eq!(
            (ep.host.as_str(), ep.port, ep.base_path.as_str()),
            ("public.example.com", 443, "/v1")
        );
    }
}
