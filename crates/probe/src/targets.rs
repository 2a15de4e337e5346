//! The probe-targets file (`--probe-targets FILE`): base-URL overrides, extra
//! TLS roots and the probe's limits.
//!
//! ```toml
//! allow_custom_targets = false   # probe URLs typed by users (checked by the guard)
//! max_pairs = 50                 # cap on pairs per run
//! custom_target_ports = [443, 80] # ports custom targets may use
//!
//! [[targets]]
//! provider = "anthropic"         # a provider id from pricing/
//! base_url = "https://127.0.0.1:9443"
//! ca_file = "test-ca.pem"        # optional: PEM roots to trust, relative to this file
//!
//! [[schedules]]                  # runs the server starts by itself (see `schedule`)
//! relay = "holysheep"
//! every = "15m"
//! pairs = 10
//! connection = "warm"
//! ```

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Pairs per run when the request names none.
pub const DEFAULT_PAIRS: usize = 20;
/// The cap on pairs per run when the file sets none.
pub const DEFAULT_MAX_PAIRS: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    #[serde(default)]
    allow_custom_targets: bool,
    max_pairs: Option<usize>,
    custom_target_ports: Option<Vec<u16>>,
    #[serde(default)]
    targets: Vec<RawTarget>,
    #[serde(default)]
    schedules: Vec<super::schedule::RawSchedule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    provider: String,
    base_url: String,
    ca_file: Option<PathBuf>,
}

/// The loaded settings.
#[derive(Debug, Clone)]
pub struct ProbeTargets {
    pub allow_custom_targets: bool,
    pub max_pairs: usize,
    /// The ports custom targets may use.
    pub custom_target_ports: Vec<u16>,
    /// Provider id → base URL to probe instead of the pricebook's.
    pub base_urls: HashMap<String, url::Url>,
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// Runs the server starts by itself (none unless the file lists some).
    pub schedules: Vec<super::schedule::Schedule>,
}

impl Default for ProbeTargets {
    fn default() -> Self {
        Self {
            allow_custom_targets: false,
            max_pairs: DEFAULT_MAX_PAIRS,
            custom_target_ports: super::guard::DEFAULT_PORTS.to_vec(),
            base_urls: HashMap::new(),
            extra_roots: Vec::new(),
            schedules: Vec::new(),
        }
    }
}

/// A problem in the probe-targets file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct TargetsError {
    pub file: String,
    pub message: String,
}

/// Reads and checks the file; `ca_file` paths are relative to it.
pub fn load(path: &Path) -> Result<ProbeTargets, TargetsError> {
    let err = |message: String| TargetsError {
        file: path.display().to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(format!("cannot read it: {e}")))?;
    let raw: RawTargets = toml::from_str(&text).map_err(|e| {
        let (line, col) =
            llm_roi_core::pricebook::error::line_col(&text, e.span().map_or(0, |s| s.start));
        err(format!("{line}:{col}: {}", e.message().trim()))
    })?;
    let max_pairs = raw.max_pairs.unwrap_or(DEFAULT_MAX_PAIRS);
    if !(1..=1000).contains(&max_pairs) {
        return Err(err(format!(
            "max_pairs must be from 1 to 1000; got {max_pairs}"
        )));
    }
    let ports = raw
        .custom_target_ports
        .unwrap_or_else(|| super::guard::DEFAULT_PORTS.to_vec());
    if ports.is_empty() || ports.contains(&0) {
        return Err(err(
            "custom_target_ports must list ports from 1 to 65535, e.g. [443, 80]".into(),
        ));
    }
    let mut targets = ProbeTargets {
        allow_custom_targets: raw.allow_custom_targets,
        max_pairs,
        custom_target_ports: ports,
        ..ProbeTargets::default()
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    for t in raw.targets {
        let url = url::Url::parse(&t.base_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .ok_or_else(|| {
                err(format!(
                    "target `{}`: base_url `{}` is not an http(s) URL",
                    t.provider, t.base_url
                ))
            })?;
        if let Some(ca) = t.ca_file {
            let file = dir.join(&ca);
            let certs = CertificateDer::pem_file_iter(&file)
                .map_err(|e| {
                    err(format!(
                        "target `{}`: ca_file {}: {e}",
                        t.provider,
                        file.display()
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| {
                    err(format!(
                        "target `{}`: ca_file {}: {e}",
                        t.provider,
                        file.display()
                    ))
                })?;
            if certs.is_empty() {
                return Err(err(format!(
                    "target `{}`: ca_file {} holds no PEM certificate",
                    t.provider,
                    file.display()
                )));
            }
            targets.extra_roots.extend(certs);
        }
        targets.base_urls.insert(t.provider, url);
    }
    for (i, s) in raw.schedules.into_iter().enumerate() {
        targets.schedules.push(
            s.check(i + 1, max_pairs, DEFAULT_PAIRS.min(max_pairs))
                .map_err(err)?,
        );
    }
    Ok(targets)
}
