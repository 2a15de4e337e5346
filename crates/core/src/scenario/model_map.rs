//! A user's mapping of the model names a log uses to priced models: a
//! fine-tune (`ft:gpt-4.1-mini:acme::abc123`) or a deployment name
//! (`prod-chat`) pointed at the model it bills as. Given as `map=` on an
//! import (`from=to,from=to`) or as a TOML file (`"from" = "to"` lines,
//! `llm-roi estimate --model-map FILE`).
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::scenario::model_map::ModelMap;
//!
//! let map = ModelMap::parse_pairs("ft:gpt-4.1-mini:acme::abc=gpt-4.1-mini,prod-chat=claude-haiku-4-5").unwrap();
//! assert_eq!(map.target("prod-chat"), Some("claude-haiku-4-5"));
//! assert_eq!(map.target("claude-haiku-4-5"), None);
//! ```

use std::collections::BTreeMap;

/// The most names a map may hold.
pub const MAX_MAPPED: usize = 100;

/// The longest name, in bytes.
pub const MAX_NAME_BYTES: usize = 200;

/// Log names to pricebook model ids or aliases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelMap(BTreeMap<String, String>);

/// What is wrong with a map, and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelMapError {
    #[error(
        "map: `{0}` is not from=to (e.g. ft:gpt-4.1-mini:acme::abc=gpt-4.1-mini; pairs separated by commas)"
    )]
    Pair(String),
    #[error("map: over {MAX_MAPPED} names; map the models the log uses")]
    TooMany,
    #[error("map: a name of over {MAX_NAME_BYTES} bytes")]
    TooLong,
    #[error("map: `{from}` is mapped twice")]
    Twice { from: String },
    #[error("--model-map: {0} (write one \"from\" = \"to\" line per model)")]
    Toml(String),
}

impl ModelMap {
    /// `from=to,from=to` (an import's `map=`); empty text is no map.
    pub fn parse_pairs(text: &str) -> Result<Self, ModelMapError> {
        let mut map = Self::default();
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (from, to) = pair
                .rsplit_once('=')
                .filter(|(f, t)| !f.trim().is_empty() && !t.trim().is_empty())
                .ok_or_else(|| ModelMapError::Pair(pair.chars().take(80).collect()))?;
            map.insert(from.trim(), to.trim())?;
        }
        Ok(map)
    }

    /// A TOML file of `"from" = "to"` lines.
    pub fn parse_toml(text: &str) -> Result<Self, ModelMapError> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| ModelMapError::Toml(e.message().to_string()))?;
        let mut map = Self::default();
        for (from, to) in &table {
            let to = to.as_str().ok_or_else(|| {
                ModelMapError::Toml(format!("`{from}` must map to a model id in quotes"))
            })?;
            map.insert(from, to)?;
        }
        Ok(map)
    }

    fn insert(&mut self, from: &str, to: &str) -> Result<(), ModelMapError> {
        if from.len() > MAX_NAME_BYTES || to.len() > MAX_NAME_BYTES {
            return Err(ModelMapError::TooLong);
        }
        if self.0.len() >= MAX_MAPPED {
            return Err(ModelMapError::TooMany);
        }
        if self.0.insert(from.to_string(), to.to_string()).is_some() {
            return Err(ModelMapError::Twice {
                from: from.to_string(),
            });
        }
        Ok(())
    }

    /// The model `name` is mapped to, if it is.
    pub fn target(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// Each mapping, by the log's name.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(a, b)| (a.as_str(), b.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_maps_say_what_is_allowed() {
        assert_eq!(ModelMap::parse_pairs("").unwrap(), ModelMap::default());
        assert!(matches!(
            ModelMap::parse_pairs("a"),
            Err(ModelMapError::Pair(_))
        ));
        assert!(matches!(
            ModelMap::parse_pairs("a=b,a=c"),
            Err(ModelMapError::Twice { .. })
        ));
        let many: Vec<String> = (0..=MAX_MAPPED).map(|i| format!("m{i}=x")).collect();
        assert_eq!(
            ModelMap::parse_pairs(&many.join(",")),
            Err(ModelMapError::TooMany)
        );
        let long = format!("{}=x", "a".repeat(MAX_NAME_BYTES + 1));
        assert_eq!(ModelMap::parse_pairs(&long), Err(ModelMapError::TooLong));
        let map = ModelMap::parse_toml("\"ft:gpt-4o:acme::x\" = \"gpt-4o\"\n").unwrap();
        assert_eq!(map.target("ft:gpt-4o:acme::x"), Some("gpt-4o"));
        let e = ModelMap::parse_toml("a = 3\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("`a` must map to a model id in quotes"),
            "{e}"
        );
    }
}
