//! The SSRF guard (`llm-roi-probe`): which custom targets are refused, by
//! class, before and after resolving them, and which are pinned.

use llm_roi_probe::endpoint::Endpoint;
use llm_roi_probe::guard::*;
use llm_roi_probe::special_ranges::{Class, RANGES};
use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fixed name table that counts its lookups.
struct Table(HashMap<&'static str, Vec<IpAddr>>, AtomicUsize);

impl Lookup for Table {
    fn lookup<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, String>> + Send + 'a>> {
        self.1.fetch_add(1, Ordering::Relaxed);
        let r = self
            .0
            .get(host)
            .cloned()
            .ok_or_else(|| "NXDOMAIN".to_string());
        Box::pin(async move { r })
    }
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn table() -> Table {
    Table(
        HashMap::from([
            ("rebind.example.com", vec![ip("127.0.0.1")]),
            (
                "mixed.example.com",
                vec![ip("93.184.215.14"), ip("10.1.2.3")],
            ),
            ("metadata.example.com", vec![ip("169.254.169.254")]),
            ("nat64.example.com", vec![ip("64:ff9b:1::a9fe:a9fe")]),
            (
                "public.example.com",
                vec![
                    ip("93.184.215.14"),
                    ip("2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
                ],
            ),
        ]),
        AtomicUsize::new(0),
    )
}

async fn refusal(url: &str) -> Result<Endpoint, Refusal> {
    check(url, &table(), &DEFAULT_PORTS).await
}

#[tokio::test]
async fn attack_urls_are_refused_by_class_without_the_address() {
    let attacks = [
        ("http://127.0.0.1/", Class::Loopback),
        ("http://10.0.0.5/v1", Class::Private),
        ("http://172.20.1.1/", Class::Private),
        ("https://192.168.1.1/", Class::Private),
        (
            "http://169.254.169.254/latest/meta-data/",
            Class::CloudMetadata,
        ),
        ("http://100.100.100.200/", Class::CloudMetadata),
        ("http://100.64.1.1/", Class::SharedCgnat),
        ("http://[::1]/", Class::Loopback),
        ("http://[fd12:3456::1]/", Class::Private),
        ("http://[fe80::1]/", Class::LinkLocal),
        ("http://[::ffff:127.0.0.1]/", Class::Loopback),
        ("http://[::ffff:0:a00:1]/", Class::Translation),
        ("http://[fd00:ec2::254]/", Class::CloudMetadata),
        ("http://[ff02::1]/", Class::Multicast),
        ("http://224.0.0.1/", Class::Multicast),
        ("http://2130706433/", Class::Loopback),
        ("http://0x7f.1/", Class::Loopback),
        ("http://0177.0.0.1/", Class::Loopback),
        ("http://0.0.0.0/", Class::Unspecified),
        ("http://[64:ff9b::a00:1]/", Class::Translation),
        ("http://[64:ff9b:1::a9fe:a9fe]/", Class::Translation),
        ("http://[100::1]/", Class::DiscardOnly),
        ("http://[2001:2::1]/", Class::Benchmarking),
        ("http://[3fff::1]/", Class::Documentation),
        ("http://[5f00::1]/", Class::SegmentRouting),
        ("http://[2002:7f00:1::1]/", Class::Tunnel),
        (
            "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/",
            Class::Tunnel,
        ),
        ("http://rebind.example.com/", Class::Loopback),
        ("http://mixed.example.com/", Class::Private),
        ("http://metadata.example.com/", Class::CloudMetadata),
        ("http://nat64.example.com/", Class::Translation),
    ];
    for (url, class) in attacks {
        match refusal(url).await {
            Err(e @ Refusal::Forbidden { why, .. }) => {
                assert_eq!(why, class.phrase(), "{url}");
                let text = e.to_string();
                // A name's addresses are never echoed.
                if url.contains("example.com") {
                    for leaked in ["10.1.2.3", "169.254", "127.0.0", "a9fe"] {
                        assert!(!text.contains(leaked), "{url}: {text}");
                    }
                }
            }
            other => panic!("{url} was not refused as {class:?}: {other:?}"),
        }
    }
    let text = refusal("http://mixed.example.com/")
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(
        text,
        "`mixed.example.com` is or resolves to a private address; only public addresses may be probed"
    );
}

#[tokio::test]
async fn local_names_bad_schemes_and_ports_are_refused_before_any_lookup() {
    let t = table();
    for url in [
        "http://localhost/",
        "http://localhost./",
        "http://LOCALHOST../",
        "http://foo.localhost/",
        "http://printer.local./",
        "http://metadata.google.internal/",
        "http://router.home.arpa/",
        "http://intranet/",
    ] {
        let got = check(url, &t, &DEFAULT_PORTS).await;
        assert!(matches!(got, Err(Refusal::LocalName(_))), "{url}: {got:?}");
    }
    for (url, port) in [
        ("http://public.example.com:22/", 22),
        ("https://public.example.com:8443/", 8443),
    ] {
        let got = check(url, &t, &DEFAULT_PORTS).await;
        assert_eq!(
            got.err(),
            Some(Refusal::Port {
                port,
                allowed: "443, 80".into()
            }),
            "{url}"
        );
    }
    assert!(matches!(
        check("file:///etc/passwd", &t, &DEFAULT_PORTS).await,
        Err(Refusal::Scheme(_))
    ));
    assert!(matches!(
        check("gopher://example.com/", &t, &DEFAULT_PORTS).await,
        Err(Refusal::Scheme(_))
    ));
    assert!(matches!(
        check("http://user:pw@example.com/", &t, &DEFAULT_PORTS).await,
        Err(Refusal::Credentials)
    ));
    assert_eq!(
        t.1.load(Ordering::Relaxed),
        0,
        "a refused URL was looked up"
    );
    assert!(matches!(
        check("http://nx.example.com/", &t, &DEFAULT_PORTS).await,
        Err(Refusal::Unresolved { .. })
    ));
    assert!(check("https://public.example.com:8443/", &t, &[8443])
        .await
        .is_ok());
}

#[tokio::test]
async fn public_targets_are_pinned_to_the_checked_addresses() {
    let ep = refusal("https://public.example.com./v1").await.unwrap();
    assert_eq!(ep.pinned.as_ref().unwrap().len(), 2);
    assert_eq!(
        (ep.host.as_str(), ep.port, ep.base_path.as_str()),
        ("public.example.com", 443, "/v1")
    );
}

/// Every row of the table: its first and last address are refused, with
/// the class of the most specific row holding them.
#[test]
fn every_range_in_the_table_is_refused_from_first_to_last_address() {
    for r in &RANGES {
        for addr in [r.net, r.last()] {
            let got = llm_roi_probe::special_ranges::refused(addr);
            let got = got.unwrap_or_else(|| panic!("{addr} ({}) is not refused", r.source));
            assert!(
                got.prefix >= r.prefix,
                "{addr}: {} over {}",
                got.source,
                r.source
            );
            assert!(got.contains(addr), "{addr}");
        }
    }
}

#[test]
fn public_addresses_next_to_the_ranges_pass() {
    for public in [
        "1.1.1.1",
        "9.255.255.255",
        "11.0.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.0.3.0",
        "192.169.0.0",
        "198.17.255.255",
        "198.20.0.0",
        "223.255.255.255",
        "2606:4700::1111",
        "2001:4860:4860::8888",
        "2001:200::1",
        "64:ff9b:2::1",
        "2003::1",
        "3ffe:ffff::1",
        "4000::1",
        "5f01::1",
        "fbff:ffff::1",
        "::ffff:1.1.1.1",
    ] {
        assert_eq!(forbidden(ip(public)), None, "{public}");
    }
}
