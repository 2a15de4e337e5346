//! The two arms of a run: the relay and the official endpoint it resells,
//! each with its request, from a relay id or a custom target URL.

use super::*;

/// The relay's and the official endpoint's connection and request.
pub(super) struct Arms {
    pub(super) relay: Endpoint,
    pub(super) direct: Endpoint,
    pub(super) relay_req: ProbeRequest,
    pub(super) direct_req: ProbeRequest,
}

impl ProbeService {
    pub(super) fn endpoint_of(
        &self,
        provider_id: &str,
    ) -> Result<(Endpoint, ApiStyle, Option<String>), StartError> {
        let p = self
            .book
            .provider(provider_id)
            .ok_or_else(|| StartError::BadRequest(format!("unknown provider `{provider_id}`")))?;
        let url = match self.targets.base_urls.get(provider_id) {
            Some(u) => u.clone(),
            None => url::Url::parse(&p.base_url)
                .map_err(|e| StartError::BadRequest(format!("{provider_id}: base_url: {e}")))?,
        };
        let ep = Endpoint::from_url(&url)
            .map_err(|e| StartError::BadRequest(format!("{provider_id}: {e}")))?;
        let key = p
            .api_key_env
            .as_deref()
            .and_then(|v| std::env::var(v).ok())
            .filter(|k| !k.is_empty());
        Ok((ep, p.api_style, key))
    }

    /// A relay, its model of its upstream's, the upstream's id and that
    /// model's id there.
    pub(super) fn relay_route(
        &self,
        relay_id: &str,
    ) -> Result<(&Provider, &Model, String, String), StartError> {
        let relay = self
            .book
            .provider(relay_id)
            .filter(|p| p.kind == ProviderKind::Relay)
            .ok_or_else(|| {
                let relays: Vec<&str> = self
                    .book
                    .providers
                    .iter()
                    .filter(|p| p.kind == ProviderKind::Relay)
                    .map(|p| p.id.as_str())
                    .collect();
                StartError::BadRequest(format!("`relay` must be one of: {}", relays.join(", ")))
            })?;
        let upstream_id = relay.upstream.clone().unwrap_or_default();
        let model = relay
            .models
            .iter()
            .find(|m| {
                m.upstream
                    .as_ref()
                    .is_some_and(|u| u.provider == upstream_id)
            })
            .ok_or_else(|| {
                StartError::BadRequest(format!("`{relay_id}` serves no model of `{upstream_id}`"))
            })?;
        let upstream_model = model
            .upstream
            .as_ref()
            .map(|u| u.model.clone())
            .unwrap_or_default();
        Ok((relay, model, upstream_id, upstream_model))
    }

    pub(super) async fn arms(
        &self,
        req: &StartRequest,
    ) -> Result<(Arms, String, String, Option<u32>, bool), StartError> {
        match (&req.relay, &req.target_url) {
            (Some(relay_id), None) => {
                let (relay, model, upstream_id, upstream_model) = self.relay_route(relay_id)?;
                let (rep, rstyle, rkey) = self.endpoint_of(relay_id)?;
                let (dep, dstyle, dkey) = self.endpoint_of(&upstream_id)?;
                let auth = req.may_spend && rkey.is_some() && dkey.is_some();
                let (rkey, dkey) = if auth { (rkey, dkey) } else { (None, None) };
                let arms = Arms {
                    relay_req: probe_request(&rep, rstyle, &model.id, rkey.as_deref()),
                    direct_req: probe_request(&dep, dstyle, &upstream_model, dkey.as_deref()),
                    relay: rep,
                    direct: dep,
                };
                Ok((
                    arms,
                    relay.id.clone(),
                    upstream_id,
                    relay.claim.as_ref().map(|c| c.claimed_overhead_ms),
                    auth,
                ))
            }
            (None, Some(url)) => {
                if !self.targets.allow_custom_targets {
                    return Err(StartError::CustomTargetsOff);
                }
                let rep = check(url, self.lookup.as_ref(), &self.targets.custom_target_ports)
                    .await
                    .map_err(|e: Refusal| StartError::Refused(e.to_string()))?;
                let upstream_id = req.upstream.clone().unwrap_or_else(|| "anthropic".into());
                let (dep, dstyle, _) = self.endpoint_of(&upstream_id)?;
                let model = self
                    .book
                    .provider(&upstream_id)
                    .and_then(|p| {
                        p.models
                            .iter()
                            .find(|m| m.flagship_small)
                            .or(p.models.first())
                    })
                    .map(|m| m.id.clone())
                    .unwrap_or_default();
                let arms = Arms {
                    relay_req: probe_request(&rep, dstyle, &model, None),
                    direct_req: probe_request(&dep, dstyle, &model, None),
                    relay: rep,
                    direct: dep,
                };
                Ok((arms, "custom".into(), upstream_id, None, false))
            }
            _ => Err(StartError::BadRequest(
                "give either `relay` (a relay's provider id) or `target_url`".into(),
            )),
        }
    }
}
