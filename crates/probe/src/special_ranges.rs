//! The address ranges a custom probe target may not resolve to, in one
//! table, with the registry entry each follows.
//!
//! The table follows the IANA IPv4 and IPv6 Special-Purpose Address
//! Registries (<https://www.iana.org/assignments/iana-ipv4-special-registry>,
//! <https://www.iana.org/assignments/iana-ipv6-special-registry>): every
//! entry whose "Globally Reachable" is False or N/A is here. Blocks whose
//! sub-entries are mostly not reachable are refused whole (192.0.0.0/24 and
//! 2001::/23, which hold a few anycast addresses no LLM API serves). Beside
//! the registry: multicast (RFC 5771, RFC 4291), the deprecated site-local
//! and IPv4-compatible IPv6 forms, the IPv4-translated form of SIIT,
//! the NAT64 prefixes (a NAT64 reaches whatever IPv4 address they embed),
//! and the cloud metadata addresses, named apart from their ranges.
//!
//! A lookup takes the longest matching prefix, so a metadata address is
//! named as such inside link-local or unique-local space. IPv4-mapped IPv6
//! addresses (`::ffff:a.b.c.d`) are checked as the IPv4 address they carry.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What kind of address a refused one is: the only thing a refusal says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Unspecified,
    Loopback,
    Private,
    SharedCgnat,
    LinkLocal,
    CloudMetadata,
    ProtocolAssignment,
    Documentation,
    Benchmarking,
    Multicast,
    Reserved,
    Broadcast,
    Translation,
    Tunnel,
    DiscardOnly,
    SegmentRouting,
    Deprecated,
}

impl Class {
    /// "a private address", as a refusal says it.
    pub fn phrase(self) -> &'static str {
        match self {
            Self::Unspecified => "an unspecified (\"this network\") address",
            Self::Loopback => "a loopback address",
            Self::Private => "a private address",
            Self::SharedCgnat => "a shared (carrier-grade NAT) address",
            Self::LinkLocal => "a link-local address",
            Self::CloudMetadata => "a cloud metadata address",
            Self::ProtocolAssignment => "an IETF protocol assignment",
            Self::Documentation => "a documentation address",
            Self::Benchmarking => "a benchmarking address",
            Self::Multicast => "a multicast address",
            Self::Reserved => "a reserved address",
            Self::Broadcast => "the broadcast address",
            Self::Translation => "an IPv4/IPv6 translation (NAT64) address",
            Self::Tunnel => "a tunnel (6to4 or Teredo) address",
            Self::DiscardOnly => "a discard-only address",
            Self::SegmentRouting => "a segment-routing address",
            Self::Deprecated => "a deprecated IPv6 form",
        }
    }
}

/// One refused range: its first address, prefix length, class and source.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub net: IpAddr,
    pub prefix: u8,
    pub class: Class,
    /// The registry entry or RFC the range comes from.
    pub source: &'static str,
}

const fn v4(a: u8, b: u8, c: u8, d: u8, prefix: u8, class: Class, source: &'static str) -> Range {
    Range {
        net: IpAddr::V4(Ipv4Addr::new(a, b, c, d)),
        prefix,
        class,
        source,
    }
}

const fn v6(s: [u16; 8], prefix: u8, class: Class, source: &'static str) -> Range {
    Range {
        net: IpAddr::V6(Ipv6Addr::new(
            s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7],
        )),
        prefix,
        class,
        source,
    }
}

use Class::*;

/// Every refused range.
#[rustfmt::skip]
pub const RANGES: [Range; 44] = [
    // IPv4 Special-Purpose Address Registry.
    v4(0, 0, 0, 0, 8, Unspecified, "IANA v4: \"This network\", RFC 791"),
    v4(0, 0, 0, 0, 32, Unspecified, "IANA v4: \"This host on this network\", RFC 1122"),
    v4(10, 0, 0, 0, 8, Private, "IANA v4: Private-Use, RFC 1918"),
    v4(100, 64, 0, 0, 10, SharedCgnat, "IANA v4: Shared Address Space, RFC 6598"),
    v4(127, 0, 0, 0, 8, Loopback, "IANA v4: Loopback, RFC 1122"),
    v4(169, 254, 0, 0, 16, LinkLocal, "IANA v4: Link Local, RFC 3927"),
    v4(172, 16, 0, 0, 12, Private, "IANA v4: Private-Use, RFC 1918"),
    v4(192, 0, 0, 0, 24, ProtocolAssignment, "IANA v4: IETF Protocol Assignments, RFC 6890"),
    v4(192, 0, 0, 0, 29, ProtocolAssignment, "IANA v4: IPv4 Service Continuity Prefix, RFC 7335"),
    v4(192, 0, 0, 8, 32, ProtocolAssignment, "IANA v4: IPv4 dummy address, RFC 7600"),
    v4(192, 0, 0, 170, 31, Translation, "IANA v4: NAT64/DNS64 Discovery, RFC 7050"),
    v4(192, 0, 2, 0, 24, Documentation, "IANA v4: Documentation (TEST-NET-1), RFC 5737"),
    v4(192, 88, 99, 0, 24, Tunnel, "IANA v4: Deprecated (6to4 Relay Anycast), RFC 7526"),
    v4(192, 168, 0, 0, 16, Private, "IANA v4: Private-Use, RFC 1918"),
    v4(198, 18, 0, 0, 15, Benchmarking, "IANA v4: Benchmarking, RFC 2544"),
    v4(198, 51, 100, 0, 24, Documentation, "IANA v4: Documentation (TEST-NET-2), RFC 5737"),
    v4(203, 0, 113, 0, 24, Documentation, "IANA v4: Documentation (TEST-NET-3), RFC 5737"),
    v4(240, 0, 0, 0, 4, Reserved, "IANA v4: Reserved, RFC 1112"),
    v4(255, 255, 255, 255, 32, Broadcast, "IANA v4: Limited Broadcast, RFC 919"),
    // Beside the registry, IPv4.
    v4(224, 0, 0, 0, 4, Multicast, "IPv4 multicast, RFC 5771"),
    v4(169, 254, 169, 254, 32, CloudMetadata, "cloud metadata (AWS, GCP, Azure, OpenStack)"),
    v4(169, 254, 170, 2, 32, CloudMetadata, "cloud metadata (AWS ECS task credentials)"),
    v4(100, 100, 100, 200, 32, CloudMetadata, "cloud metadata (Alibaba Cloud)"),
    // IPv6 Special-Purpose Address Registry.
    v6([0, 0, 0, 0, 0, 0, 0, 1], 128, Loopback, "IANA v6: Loopback Address, RFC 4291"),
    v6([0, 0, 0, 0, 0, 0, 0, 0], 128, Unspecified, "IANA v6: Unspecified Address, RFC 4291"),
    v6([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96, Translation, "IANA v6: IPv4-IPv6 Translat., RFC 6052"),
    v6([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48, Translation, "IANA v6: IPv4-IPv6 Translat. (local-use), RFC 8215"),
    v6([0x100, 0, 0, 0, 0, 0, 0, 0], 64, DiscardOnly, "IANA v6: Discard-Only Address Block, RFC 6666"),
    v6([0x100, 0, 0, 1, 0, 0, 0, 0], 64, Documentation, "IANA v6: Dummy IPv6 Prefix, RFC 9780"),
    v6([0x2001, 0, 0, 0, 0, 0, 0, 0], 23, ProtocolAssignment, "IANA v6: IETF Protocol Assignments, RFC 2928"),
    v6([0x2001, 0, 0, 0, 0, 0, 0, 0], 32, Tunnel, "IANA v6: TEREDO, RFC 4380"),
    v6([0x2001, 2, 0, 0, 0, 0, 0, 0], 48, Benchmarking, "IANA v6: Benchmarking, RFC 5180"),
    v6([0x2001, 0x10, 0, 0, 0, 0, 0, 0], 28, Deprecated, "IANA v6: Deprecated (previously ORCHID), RFC 4843"),
    v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, Documentation, "IANA v6: Documentation, RFC 3849"),
    v6([0x2002, 0, 0, 0, 0, 0, 0, 0], 16, Tunnel, "IANA v6: 6to4, RFC 3056"),
    v6([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20, Documentation, "IANA v6: Documentation, RFC 9637"),
    v6([0x5f00, 0, 0, 0, 0, 0, 0, 0], 16, SegmentRouting, "IANA v6: Segment Routing (SRv6) SIDs, RFC 9602"),
    v6([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, Private, "IANA v6: Unique-Local, RFC 4193"),
    v6([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, LinkLocal, "IANA v6: Link-Local Unicast, RFC 4291"),
    // Beside the registry, IPv6.
    v6([0xff00, 0, 0, 0, 0, 0, 0, 0], 8, Multicast, "IPv6 multicast, RFC 4291"),
    v6([0xfec0, 0, 0, 0, 0, 0, 0, 0], 10, Deprecated, "site-local (deprecated), RFC 3879"),
    v6([0, 0, 0, 0, 0, 0, 0, 0], 96, Deprecated, "IPv4-compatible (deprecated), RFC 4291"),
    v6([0, 0, 0, 0, 0xffff, 0, 0, 0], 96, Translation, "IPv4-translated (SIIT), RFC 2765"),
    v6([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254], 128, CloudMetadata, "cloud metadata (AWS IPv6)"),
];

fn bits(ip: IpAddr) -> (u128, u8) {
    match ip {
        IpAddr::V4(a) => (u128::from(u32::from(a)), 32),
        IpAddr::V6(a) => (u128::from(a), 128),
    }
}

impl Range {
    /// Whether `ip` is in this range (same family only).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ((net, width), (addr, addr_width)) = (bits(self.net), bits(ip));
        if width != addr_width {
            return false;
        }
        let host_bits = u32::from(width - self.prefix.min(width));
        let mask = u128::MAX.checked_shl(host_bits).unwrap_or(0);
        net & mask == addr & mask
    }

    /// The range's last address.
    pub fn last(&self) -> IpAddr {
        let (net, width) = bits(self.net);
        let host_bits = u32::from(width - self.prefix.min(width));
        let host_mask = 1_u128.checked_shl(host_bits).map_or(u128::MAX, |b| b - 1);
        match self.net {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::from((net | host_mask) as u32)),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::from(net | host_mask)),
        }
    }
}

/// The most specific refused range holding `ip`, or `None` for an address
/// that may be probed. An IPv4-mapped IPv6 address is judged by its IPv4.
pub fn refused(ip: IpAddr) -> Option<&'static Range> {
    if let IpAddr::V6(v6) = ip {
        if let Some(v4) = v6.to_ipv4_mapped() {
            return refused(IpAddr::V4(v4));
        }
    }
    RANGES
        .iter()
        .filter(|r| r.contains(ip))
        .max_by_key(|r| r.prefix)
}
