//! Per-route rules in one table: the format a route answers errors in,
//! whether its answers are kept in the render cache, whether they get a
//! body `ETag`, whether another site may frame them, whether they compute
//! from a scenario query, and how large a request body they read. The middlewares (`request_guard`,
//! `render_cache`, `etag`, `headers`) read [`rules`]; a new route is one row.
//!
//! Usage (the unit tests below hold the same rules):
//!
//! ```ignore
//! use llm_roi::server::route_rules::{rules, Format};
//! let r = rules("/chart/cost.narrow.svg");
//! assert_eq!(r.format, Format::Svg);
//! assert!(r.render_cached && r.scenario && !r.body_etag);
//! ```

/// The format a route answers in, also for the answers the router gives
/// before or instead of its handler (414, 500).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Svg,
    Html,
}

/// Which paths a row covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paths {
    /// This path alone.
    Exact(&'static str),
    /// Every path that starts with the first text and ends with the second.
    Family(&'static str, &'static str),
}

impl Paths {
    fn covers(self, path: &str) -> bool {
        match self {
            Self::Exact(p) => path == p,
            Self::Family(start, end) => {
                path.len() >= start.len() + end.len()
                    && path.starts_with(start)
                    && path.ends_with(end)
            }
        }
    }
}

/// One route's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteRules {
    pub paths: Paths,
    pub format: Format,
    /// Answers are kept in the render cache (`render_cache`): only routes
    /// whose answer depends on the query, the pricebook and the history's
    /// stamp alone, never on the probe's live budget.
    pub render_cached: bool,
    /// Answers get a weak `ETag` of their body (`etag`); charts tag
    /// themselves from the scenario instead.
    pub body_etag: bool,
    /// The site and `--embed-origins` may frame it (`headers`); every other
    /// route is framed by nobody.
    pub frameable: bool,
    /// It computes from a scenario query (the routes the query limits and
    /// the overflow tests are sent to).
    pub scenario: bool,
    /// The largest request body read (`request_guard`): a larger
    /// `Content-Length` is refused with 413 before the handler runs, and a
    /// body without one fails the read once past it.
    pub max_body_bytes: usize,
    /// The handler keeps its own deadline (an upload's `--upload-timeout`,
    /// the honesty check's per-request timeouts), so `--request-timeout`
    /// does not cut it short; every other route's answer must start within
    /// it.
    pub own_deadline: bool,
    /// Its state-changing requests send JSON (`same_origin` refuses another
    /// `Content-Type` with 415).
    pub json_body: bool,
}

/// The body limit of JSON, forms and server functions.
pub const FORM_BODY_BYTES: usize = 64 * 1024;

/// The body limit of a usage-log upload (the import reads at most this).
pub const UPLOAD_BODY_BYTES: usize = 50 * 1024 * 1024;

const fn row(paths: Paths, format: Format) -> RouteRules {
    RouteRules {
        paths,
        format,
        render_cached: false,
        body_etag: false,
        frameable: false,
        scenario: false,
        max_body_bytes: FORM_BODY_BYTES,
        own_deadline: false,
        json_body: false,
    }
}

/// The table, first match wins; a path no row covers gets [`OTHER`].
pub const ROUTES: [RouteRules; 20] = [
    RouteRules {
        body_etag: true,
        scenario: true,
        ..row(Paths::Exact("/"), Format::Html)
    },
    RouteRules {
        render_cached: true,
        body_etag: true,
        scenario: true,
        ..row(Paths::Exact("/report"), Format::Html)
    },
    RouteRules {
        render_cached: true,
        body_etag: true,
        frameable: true,
        scenario: true,
        ..row(Paths::Exact("/embed"), Format::Html)
    },
    RouteRules {
        body_etag: true,
        ..row(Paths::Exact("/probe"), Format::Html)
    },
    RouteRules {
        own_deadline: true,
        ..row(Paths::Exact("/probe/honesty"), Format::Html)
    },
    RouteRules {
        own_deadline: true,
        ..row(Paths::Exact("/probe/audit"), Format::Html)
    },
    RouteRules {
        render_cached: true,
        body_etag: true,
        scenario: true,
        ..row(Paths::Exact("/report.csv"), Format::Csv)
    },
    row(Paths::Family("/probe/", ".csv"), Format::Csv),
    RouteRules {
        body_etag: true,
        ..row(Paths::Exact("/oembed"), Format::Json)
    },
    RouteRules {
        render_cached: true,
        body_etag: true,
        scenario: true,
        ..row(Paths::Exact("/api/v1/estimate"), Format::Json)
    },
    RouteRules {
        body_etag: true,
        ..row(Paths::Exact("/api/v1/pricebook"), Format::Json)
    },
    // Immutable: its address is its fingerprint, so no ETag is needed.
    row(Paths::Family("/api/v1/pricebook/", ".json"), Format::Json),
    RouteRules {
        max_body_bytes: UPLOAD_BODY_BYTES,
        own_deadline: true,
        ..row(Paths::Exact("/api/v1/workloads"), Format::Json)
    },
    RouteRules {
        max_body_bytes: UPLOAD_BODY_BYTES,
        own_deadline: true,
        ..row(Paths::Exact("/api/v1/reconcile"), Format::Json)
    },
    RouteRules {
        own_deadline: true,
        json_body: true,
        ..row(Paths::Exact("/api/v1/probe/honesty"), Format::Json)
    },
    RouteRules {
        own_deadline: true,
        json_body: true,
        ..row(Paths::Exact("/api/v1/probe/audit"), Format::Json)
    },
    RouteRules {
        json_body: true,
        ..row(Paths::Family("/api/v1/probe/runs", ""), Format::Json)
    },
    row(Paths::Family("/api/", ""), Format::Json),
    RouteRules {
        render_cached: true,
        scenario: true,
        ..row(Paths::Family("/chart/", ".svg"), Format::Svg)
    },
    row(Paths::Family("/chart/", ""), Format::Svg),
];

/// The rules of a path no row covers: an HTML answer, nothing else.
pub const OTHER: RouteRules = row(Paths::Family("", ""), Format::Html);

/// The rules of `path`.
pub fn rules(path: &str) -> RouteRules {
    ROUTES
        .iter()
        .copied()
        .find(|r| r.paths.covers(path))
        .unwrap_or(OTHER)
}

/// The scenario routes, as paths to request (a chart family by its three
/// charts): what the query limits and the overflow tests are sent to.
pub fn scenario_paths() -> Vec<String> {
    ROUTES
        .iter()
        .filter(|r| r.scenario)
        .flat_map(|r| match r.paths {
            Paths::Exact(p) => vec![p.to_string()],
            Paths::Family(start, end) => ["cost", "savings", "rollout"]
                .iter()
                .map(|name| format!("{start}{name}{end}"))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_family_has_its_format() {
        for (path, format) in [
            ("/api/v1/estimate", Format::Json),
            ("/api/v1/probe/runs/x/events", Format::Json),
            ("/oembed", Format::Json),
            ("/report.csv", Format::Csv),
            ("/probe/history.csv", Format::Csv),
            ("/chart/savings.svg", Format::Svg),
            ("/chart/nope", Format::Svg),
            ("/report", Format::Html),
            ("/nowhere", Format::Html),
        ] {
            assert_eq!(rules(path).format, format, "{path}");
        }
    }

    #[test]
    fn only_pages_and_answers_of_a_query_alone_are_cached_and_only_embed_is_framed() {
        let cached: Vec<&str> = ["/", "/report", "/embed", "/probe", "/report.csv"]
            .into_iter()
            .chain(["/api/v1/estimate", "/api/v1/pricebook", "/chart/cost.svg"])
            .filter(|p| rules(p).render_cached)
            .collect();
        assert_eq!(
            cached,
            [
                "/report",
                "/embed",
                "/report.csv",
                "/api/v1/estimate",
                "/chart/cost.svg"
            ]
        );
        let framed: Vec<&str> = ["/", "/report", "/embed", "/probe", "/oembed"]
            .into_iter()
            .filter(|p| rules(p).frameable)
            .collect();
        assert_eq!(framed, ["/embed"]);
    }

    #[test]
    fn the_scenario_routes_are_the_pages_the_exports_and_the_three_charts() {
        assert_eq!(
            scenario_paths(),
            [
                "/",
                "/report",
                "/embed",
                "/report.csv",
                "/api/v1/estimate",
                "/chart/cost.svg",
                "/chart/savings.svg",
                "/chart/rollout.svg"
            ]
        );
        assert_eq!(rules("/api/v1/workloads").max_body_bytes, UPLOAD_BODY_BYTES);
        for path in [
            "/api/fn/probe_start",
            "/probe/honesty",
            "/probe/audit",
            "/",
            "/api/v1/probe/runs",
        ] {
            assert_eq!(rules(path).max_body_bytes, FORM_BODY_BYTES, "{path}");
        }
        let own: Vec<&str> = [
            "/api/v1/workloads",
            "/api/v1/probe/honesty",
            "/probe/honesty",
            "/api/v1/probe/audit",
            "/probe/audit",
        ]
        .into_iter()
        .chain(["/api/v1/probe/runs", "/report", "/api/fn/probe_start"])
        .filter(|p| rules(p).own_deadline)
        .collect();
        assert_eq!(
            own,
            [
                "/api/v1/workloads",
                "/api/v1/probe/honesty",
                "/probe/honesty",
                "/api/v1/probe/audit",
                "/probe/audit"
            ]
        );
        let narrow = rules("/chart/cost.narrow.svg");
        assert_eq!(narrow.format, Format::Svg);
        assert!(narrow.render_cached && narrow.scenario && !narrow.body_etag);
    }
}
