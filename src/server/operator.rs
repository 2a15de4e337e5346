//! Who may spend the server's API keys: authenticated probe runs and the
//! honesty check. With `--admin-token` (or `LLM_ROI_ADMIN_TOKEN`), only a
//! request that presents it (`Authorization: Bearer <token>`, or the
//! page's token field) may; without one, a server that listens on loopback
//! only lets its local callers spend (one person running `make run` with
//! their own keys), and a server on any other address lets no request
//! spend: only the schedules of the probe-targets file do.
//!
//! Usage:
//!
//! ```ignore
//! let spend = state.operator.may_spend(bearer(&headers))?;
//! ```

use super::same_origin::FormToken;
use axum::http::HeaderMap;
use std::net::SocketAddr;
use std::sync::Arc;

/// Who may spend keys, from the flags.
#[derive(Debug, Clone)]
pub struct Operator {
    token: Option<Arc<str>>,
    loopback: bool,
    form: FormToken,
}

/// A token was presented and it is not the operator's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the operator token is wrong: send the server's --admin-token as Authorization: Bearer <token>"
)]
pub struct WrongToken;

/// Equal bytes, compared in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Operator {
    /// `token` (an empty one counts as none) on a server listening on `addr`.
    pub fn new(token: Option<&str>, addr: SocketAddr) -> Self {
        let token: Option<Arc<str>> = token.filter(|t| !t.is_empty()).map(Arc::from);
        Self {
            // Servers behind one load balancer share the operator token, so
            // a form one of them rendered is accepted by the others.
            form: token
                .as_deref()
                .map_or_else(FormToken::new, FormToken::derived),
            token,
            loopback: addr.ip().is_loopback(),
        }
    }

    /// The token the no-JS forms carry (`same_origin`).
    pub fn form_token(&self) -> &str {
        &self.form.0
    }

    /// Whether a form sent back this process's form token.
    pub fn form_token_ok(&self, sent: Option<&str>) -> bool {
        sent.is_some_and(|t| same(t.as_bytes(), self.form.0.as_bytes()))
    }

    /// What the start-up log says.
    pub fn mode(&self) -> &'static str {
        match (&self.token, self.loopback) {
            (Some(_), _) => "API keys are spent only for requests that present the operator token",
            (None, true) => "no operator token: listening on loopback only, so local callers may spend the API keys",
            (None, false) => "no operator token: no request may spend the API keys (only the scheduled probes do); set --admin-token",
        }
    }

    /// Whether a request presenting `presented` may spend keys; a wrong
    /// token is an error, none is `false` (unless loopback without a token).
    pub fn may_spend(&self, presented: Option<&str>) -> Result<bool, WrongToken> {
        match (&self.token, presented.filter(|p| !p.is_empty())) {
            (Some(t), Some(p)) if same(t.as_bytes(), p.as_bytes()) => Ok(true),
            (Some(_), Some(_)) => Err(WrongToken),
            (Some(_), None) => Ok(false),
            (None, _) => Ok(self.loopback),
        }
    }

    /// What a refused request is told it needs.
    pub fn needed(&self) -> &'static str {
        if self.token.is_some() {
            "this spends the server's API keys: send the operator token (Authorization: Bearer <token>, or the token field of the probe page)"
        } else {
            "this spends the server's API keys, and this server has no operator token: start it with --admin-token (LLM_ROI_ADMIN_TOKEN)"
        }
    }
}

/// The bearer token of `Authorization`, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_loopback_and_other_addresses() {
        let local: SocketAddr = ([127, 0, 0, 1], 3000).into();
        let public: SocketAddr = ([0, 0, 0, 0], 3000).into();
        let with = Operator::new(Some("s3cret"), public);
        assert_eq!(with.may_spend(Some("s3cret")), Ok(true));
        assert_eq!(with.may_spend(Some("s3cres")), Err(WrongToken));
        assert_eq!(with.may_spend(Some("s3cret!")), Err(WrongToken));
        assert_eq!(with.may_spend(None), Ok(false));
        assert_eq!(Operator::new(None, local).may_spend(None), Ok(true));
        assert_eq!(
            Operator::new(Some(""), public).may_spend(Some("x")),
            Ok(false)
        );
        assert!(Operator::new(None, public)
            .needed()
            .contains("--admin-token"));
        let mut h = HeaderMap::new();
        h.insert("authorization", "Bearer  s3cret ".parse().unwrap());
        assert_eq!(bearer(&h), Some("s3cret"));
    }

    #[test]
    fn servers_sharing_the_operator_token_share_the_form_token() {
        let a: SocketAddr = ([0, 0, 0, 0], 3000).into();
        let b: SocketAddr = ([0, 0, 0, 0], 3001).into();
        let one = Operator::new(Some("s3cret"), a);
        let two = Operator::new(Some("s3cret"), b);
        assert_eq!(one.form_token(), two.form_token());
        assert!(two.form_token_ok(Some(one.form_token())));
        assert_eq!(one.form_token().len(), 32);
        assert!(!one.form_token().contains("s3cret"));
        assert_ne!(
            one.form_token(),
            Operator::new(Some("other"), a).form_token()
        );
        // Without a token each process draws its own.
        assert_ne!(
            Operator::new(None, a).form_token(),
            Operator::new(None, a).form_token()
        );
    }
}
