//! The app's router in-process over a pricing directory, and requests to it.
//!
//! [`TestApp::shared`] is built once for the whole binary, as the server
//! builds its router once; a test that needs other pricing tables, settings
//! or another day builds its own with [`TestApp::builder`]. `get`,
//! `get_json` and `send` ask the shared app.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi::server::operator::Operator;
use llm_roi::server::site::Site;
use llm_roi::server::upload_gate::Uploads;
use llm_roi::server::{history, router, startup, state};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_prices::pricing_dir::load_dir;
use llm_roi_probe::guard::Lookup;
use llm_roi_probe::service::{Limits, ProbeService};
use llm_roi_probe::store::ProbeStore;
use llm_roi_probe::targets::ProbeTargets;
use llm_roi_probe::{build_service, build_service_with};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

/// The pricing tables the tests run over: the pricebook of 2026-11-24,
/// frozen, so that hand-computed figures hold whatever `pricing/` says now.
pub const PRICING: &str = "tests/fixtures/pricebook-2026-11-24";

/// The address the options name; in-process tests listen nowhere.
const ADDR: std::net::SocketAddr = std::net::SocketAddr::V4(std::net::SocketAddrV4::new(
    std::net::Ipv4Addr::LOCALHOST,
    3000,
));

/// The day the tests take as today.
pub fn today() -> CalendarDate {
    CalendarDate::new(2026, 11, 24).unwrap()
}

/// The variable a provider's key is read from, by provider id.
type KeyEnv = Box<dyn Fn(&str) -> String>;

/// The app's router in-process, built from a [`TestAppBuilder`], with its
/// probe service when it has one.
#[derive(Clone)]
pub struct TestApp {
    router: axum::Router,
    probe: Option<Arc<ProbeService>>,
}

/// What a [`TestApp`] is built over: the pricing directory (with its
/// `history/`), the day taken as today, the site settings, and the probe:
/// its targets, limits, name lookup, the variables its keys are read from
/// and its history store.
pub struct TestAppBuilder {
    pricing: PathBuf,
    today: CalendarDate,
    site: Site,
    probe: Option<ProbeTargets>,
    limits: Limits,
    lookup: Option<Box<dyn Lookup>>,
    key_env: Option<KeyEnv>,
    store: Option<Arc<ProbeStore>>,
    uploads: Uploads,
    operator: Operator,
}

impl TestAppBuilder {
    /// The pricing tables in `dir` (and their history in `dir/history`).
    pub fn pricing(mut self, dir: impl Into<PathBuf>) -> Self {
        self.pricing = dir.into();
        self
    }

    /// `day` taken as today.
    pub fn today(mut self, day: CalendarDate) -> Self {
        self.today = day;
        self
    }

    /// Who may spend keys (default: no token, on loopback: every caller).
    pub fn operator(mut self, operator: Operator) -> Self {
        self.operator = operator;
        self
    }

    /// These upload readers and deadline (default: the server's).
    pub fn uploads(mut self, uploads: Uploads) -> Self {
        self.uploads = uploads;
        self
    }

    /// These site settings (public URL, embed origins, render cache).
    pub fn site(mut self, site: Site) -> Self {
        self.site = site;
        self
    }

    /// A probe service for `targets` (none without this).
    pub fn probe(mut self, targets: ProbeTargets) -> Self {
        self.probe = Some(targets);
        self
    }

    /// The probe's limits (default: the server's).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The probe resolves names with `lookup` (default: the system's resolver).
    pub fn lookup(mut self, lookup: impl Lookup + 'static) -> Self {
        self.lookup = Some(Box::new(lookup));
        self
    }

    /// Each provider's key is read from the variable `key_env(id)` (default:
    /// the pricebook's `api_key_env`).
    pub fn keys_from(mut self, key_env: impl Fn(&str) -> String + 'static) -> Self {
        self.key_env = Some(Box::new(key_env));
        self
    }

    /// The probe keeps its runs in `store`.
    pub fn store(mut self, store: Arc<ProbeStore>) -> Self {
        self.store = Some(store);
        self
    }

    pub fn build(self) -> TestApp {
        let mut book = match load_dir(&self.pricing) {
            Ok(b) => b,
            Err(e) => panic!("{}: pricing fails: {e}", self.pricing.display()),
        };
        if let Some(key_env) = &self.key_env {
            for p in &mut book.providers {
                p.api_key_env = Some(key_env(&p.id));
            }
        }
        let (past, problems) = history::load(&self.pricing.join("history"));
        assert!(problems.is_empty(), "{problems:?}");
        let book = state::LoadedBook::with_history(book, past).with_today(Some(self.today));
        let probe = self.probe.map(|targets| {
            let built = match self.lookup {
                Some(lookup) => {
                    build_service_with(book.pricebook.clone(), targets, self.limits, lookup)
                }
                None => build_service(book.pricebook.clone(), targets, self.limits),
            };
            let service = built.unwrap();
            if let Some(store) = self.store {
                service.attach_store(store);
            }
            service
        });
        TestApp {
            router: router::build(state::AppState::from(state::AppParts {
                leptos_options: startup::leptos_options("target/site", ADDR),
                book,
                site: self.site,
                probe: probe.clone(),
                uploads: self.uploads,
                request_timeout: std::time::Duration::from_secs(
                    llm_roi::server::request_guard::DEFAULT_REQUEST_TIMEOUT_S,
                ),
                operator: self.operator,
            })),
            probe,
        }
    }
}

impl TestApp {
    /// Over [`PRICING`], on [`today`], with the default site settings.
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            pricing: PathBuf::from(PRICING),
            today: today(),
            site: Site::default(),
            probe: None,
            limits: Limits::default(),
            lookup: None,
            key_env: None,
            store: None,
            uploads: Uploads::default(),
            operator: Operator::new(None, ADDR),
        }
    }

    /// The default app, built once for the whole binary as the server builds
    /// its router once.
    pub fn shared() -> TestApp {
        static APP: OnceLock<TestApp> = OnceLock::new();
        APP.get_or_init(|| TestApp::builder().build()).clone()
    }

    /// The probe service (for an app built with [`TestAppBuilder::probe`]).
    pub fn probe_service(&self) -> Arc<ProbeService> {
        match &self.probe {
            Some(p) => p.clone(),
            None => panic!("this app was built without .probe(targets)"),
        }
    }

    /// The router itself, for a test that drives it by hand.
    pub fn router(&self) -> axum::Router {
        self.router.clone()
    }

    /// Sends `req`; returns the whole response with its body as text.
    pub async fn send(&self, req: Request<Body>) -> (axum::http::response::Parts, String) {
        let res = self.router().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        (parts, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// GETs `uri`: the status, the content type and the body text.
    pub async fn get(&self, uri: &str) -> (StatusCode, String, String) {
        let (parts, body) = self
            .send(Request::get(uri).body(Body::empty()).unwrap())
            .await;
        (parts.status, content_type(&parts), body)
    }

    /// GETs `uri`, which must answer JSON.
    pub async fn get_json(&self, uri: &str) -> (StatusCode, serde_json::Value) {
        let (status, ctype, body) = self.get(uri).await;
        assert!(
            ctype.starts_with("application/json"),
            "{uri}: {ctype}: {body}"
        );
        (status, serde_json::from_str(&body).unwrap())
    }
}

fn content_type(parts: &axum::http::response::Parts) -> String {
    parts
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// GETs `uri` from the shared app.
pub async fn get(uri: &str) -> (StatusCode, String, String) {
    TestApp::shared().get(uri).await
}

/// GETs `uri` from the shared app, which must answer JSON.
pub async fn get_json(uri: &str) -> (StatusCode, serde_json::Value) {
    TestApp::shared().get_json(uri).await
}

/// Sends `req` to the shared app.
pub async fn send(req: Request<Body>) -> (axum::http::response::Parts, String) {
    TestApp::shared().send(req).await
}

/// A scratch copy of the test pricing tables and their `history/`, to edit in a test.
pub fn copy_pricing(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("llm-roi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("history")).unwrap();
    for (from, to) in [
        (PRICING.to_string(), dir.clone()),
        (format!("{PRICING}/history"), dir.join("history")),
    ] {
        for entry in std::fs::read_dir(from).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

/// The option `provider/model` of an estimate's JSON.
pub fn option<'a>(body: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    body["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| {
            format!(
                "{}/{}",
                o["option"]["provider"].as_str().unwrap(),
                o["option"]["model"].as_str().unwrap()
            ) == id
        })
        .unwrap_or_else(|| panic!("{id} missing"))
}

/// A usage log's rows as read, with what the read found.
pub fn read_rows(
    text: &str,
) -> (
    llm_roi_usage::Import,
    Vec<llm_roi_core::scenario::usage::UsageRow>,
) {
    let mut rows = Vec::new();
    let import = llm_roi_usage::read_usage(
        text.as_bytes(),
        llm_roi_usage::Limits::default(),
        &mut |row| {
            rows.push(row);
            Ok(())
        },
    )
    .unwrap();
    (import, rows)
}
