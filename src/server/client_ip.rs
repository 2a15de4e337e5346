//! Who a request comes from, for the per-client rate of probe starts: the
//! peer's address, or behind a proxy listed in `--trusted-proxies`, the
//! nearest address of `X-Forwarded-For` that is not a trusted proxy. A
//! header from any other peer is ignored, so a client cannot pick its own
//! bucket. (The probe counts IPv6 clients per /64.)
//!
//! Usage:
//!
//! ```ignore
//! let proxies = TrustedProxies::parse("10.0.0.0/8, ::1")?;
//! let ip = proxies.client(peer_ip, &headers);
//! ```

use axum::http::HeaderMap;
use std::net::IpAddr;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

/// A `--trusted-proxies` entry that is not an address or a CIDR range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--trusted-proxies: `{0}` is not an address or a range; give addresses or CIDR ranges such as 10.0.0.0/8 or fd00::/8, separated by commas")]
pub struct BadProxy(pub String);

fn contains((net, prefix): (IpAddr, u8), ip: IpAddr) -> bool {
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

impl TrustedProxies {
    /// Addresses and CIDR ranges separated by commas or spaces.
    pub fn parse(text: &str) -> Result<Self, BadProxy> {
        let mut out = Vec::new();
        for item in text
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let bad = || BadProxy(item.to_string());
            let (addr, prefix) = item.split_once('/').unwrap_or((item, ""));
            let ip: IpAddr = addr.parse().map_err(|_| bad())?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let prefix = if prefix.is_empty() {
                max
            } else {
                prefix
                    .parse::<u8>()
                    .ok()
                    .filter(|p| *p <= max)
                    .ok_or_else(bad)?
            };
            out.push((ip, prefix));
        }
        Ok(Self(out))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|r| contains(*r, ip.to_canonical()))
    }

    /// The client behind `peer`: `peer` itself unless it is a trusted proxy.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let chain: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        chain
            .iter()
            .rev()
            .find(|ip| !self.trusts(**ip))
            .or(chain.first())
            .copied()
            .unwrap_or(peer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_peer_s_forwarded_for_is_read() {
        let p = TrustedProxies::parse("10.0.0.0/8, ::1").unwrap();
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "198.51.100.7, 10.1.2.3".parse().unwrap());
        assert_eq!(p.client(ip("10.9.9.9"), &h), ip("198.51.100.7"));
        assert_eq!(p.client(ip("::1"), &h), ip("198.51.100.7"));
        assert_eq!(p.client(ip("203.0.113.5"), &h), ip("203.0.113.5"));
        assert_eq!(p.client(ip("10.9.9.9"), &HeaderMap::new()), ip("10.9.9.9"));
        assert_eq!(
            TrustedProxies::default().client(ip("10.9.9.9"), &h),
            ip("10.9.9.9")
        );
        for bad in ["10.0.0.0/33", "proxy.internal", "::1/129"] {
            assert_eq!(TrustedProxies::parse(bad), Err(BadProxy(bad.into())));
        }
    }
}
