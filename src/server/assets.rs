//! The built site's static files, served precompressed.
//!
//! `llm-roi compress-assets` (run by `make build`) writes `FILE.br`
//! (brotli, quality 11) and `FILE.gz` (gzip, level 9) beside each
//! compressible file of the site root, once per build, so that the server
//! sends the smallest form the client accepts without compressing per
//! request. [`service`] serves `/pkg/*` that way: `.br`, then `.gz`, then
//! the file itself (which the router's compression layer then compresses
//! on the fly, as in a development build with no precompressed files).
//! Hashed names are cached for a year, others revalidated.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The extensions worth compressing.
const COMPRESSIBLE: [&str; 7] = ["wasm", "js", "css", "svg", "html", "json", "txt"];

/// A problem compressing the site's files.
#[derive(Debug, thiserror::Error)]
pub enum AssetsError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> AssetsError + '_ {
    move |source| AssetsError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// One compressed file: its path and its sizes (raw, brotli, gzip).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compressed {
    pub path: PathBuf,
    pub raw_bytes: usize,
    pub br_bytes: usize,
    pub gz_bytes: usize,
}

fn compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// `raw` compressed with brotli at quality 11 (also the pricebook asset's).
pub fn brotli(raw: &[u8]) -> Result<Vec<u8>, std::io::Error> {
    brotli_at(raw, 11)
}

/// `raw` compressed with brotli at `quality` (0 to 11), window 4 MiB.
pub fn brotli_at(raw: &[u8], quality: u32) -> Result<Vec<u8>, std::io::Error> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        w.write_all(raw)?;
        w.flush()?;
    }
    Ok(out)
}

fn gzip(raw: &[u8]) -> Result<Vec<u8>, std::io::Error> {
    gzip_at(raw, 9)
}

/// `raw` compressed with gzip at `level` (0 to 9).
pub fn gzip_at(raw: &[u8], level: u32) -> Result<Vec<u8>, std::io::Error> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    w.write_all(raw)?;
    w.finish()
}

/// Writes `.br` and `.gz` beside every compressible file under `dir`.
pub fn compress_dir(dir: &Path) -> Result<Vec<Compressed>, AssetsError> {
    let mut done = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)
            .map_err(io(&d))?
            .map(|e| e.map(|e| e.path()).map_err(io(&d)))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for path in entries {
            if path.is_dir() {
                pending.push(path);
            } else if compressible(&path) {
                let raw = std::fs::read(&path).map_err(io(&path))?;
                let (br, gz) = (
                    brotli(&raw).map_err(io(&path))?,
                    gzip(&raw).map_err(io(&path))?,
                );
                for (ext, bytes) in [("br", &br), ("gz", &gz)] {
                    let mut name = path.clone().into_os_string();
                    name.push(format!(".{ext}"));
                    let out = PathBuf::from(name);
                    std::fs::write(&out, bytes).map_err(io(&out))?;
                }
                done.push(Compressed {
                    path,
                    raw_bytes: raw.len(),
                    br_bytes: br.len(),
                    gz_bytes: gz.len(),
                });
            }
        }
    }
    Ok(done)
}

/// Whether a bundle file's name carries a content hash, as scripts/build.sh
/// (or cargo-leptos) writes it: `llm-roi-calculator.<hash>.wasm` or
/// `llm-roi.<hash>.css`, with a hash of at least 16 characters.
pub fn hashed(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1].len() >= 16
        && parts[1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// How long a file may be reused: a year for a hashed name (a new build has
/// new names), else revalidate every time (`Last-Modified` gives `304`).
pub fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if hashed(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The middleware that adds [`cache_control`] to a `/pkg` answer.
pub async fn caching(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let value = cache_control(req.uri().path());
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED {
        res.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static(value),
        );
    }
    res
}

/// Serves `dir` with its precompressed files when the client accepts them.
pub fn service(dir: &Path) -> axum::Router {
    let serve = tower_http::services::ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip();
    axum::Router::new()
        .fallback_service(serve)
        .layer(axum::middleware::from_fn(caching))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn each_compressible_file_gets_a_brotli_and_a_gzip_twin_that_decode_to_it() {
        let dir = std::env::temp_dir().join(format!("llm-roi-assets-{}", std::process::id()));
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        let js = "export function f() { return 1; }\n".repeat(200);
        std::fs::write(pkg.join("app.js"), &js).unwrap();
        std::fs::write(pkg.join("logo.png"), [0_u8, 1, 2]).unwrap();
        let done = compress_dir(&dir).unwrap();
        assert_eq!(done.len(), 1);
        assert!(done[0].br_bytes < done[0].gz_bytes && done[0].gz_bytes < js.len() / 10);
        let mut br = Vec::new();
        brotli_decompressor::Decompressor::new(
            &std::fs::read(pkg.join("app.js.br")).unwrap()[..],
            4096,
        )
        .read_to_end(&mut br)
        .unwrap();
        assert_eq!(br, js.as_bytes());
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&std::fs::read(pkg.join("app.js.gz")).unwrap()[..])
            .read_to_end(&mut gz)
            .unwrap();
        assert_eq!(gz, js.as_bytes());
        assert!(!pkg.join("logo.png.br").exists());
        assert!(hashed("llm-roi.Y4p3GqZ1dK0bX8aE.wasm"));
        assert!(!hashed("llm-roi.wasm") && !hashed("llm-roi_bg.wasm.d.ts"));
        assert_eq!(
            cache_control("/pkg/llm-roi.Y4p3GqZ1dK0bX8aE.js"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("/pkg/llm-roi.js"), "no-cache");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
