//! Public price databases, read and compared with `pricing/`.
//!
//! - [`genai`] reads genai-prices' JSON (the schema of its repository's
//!   `prices/data.json`, plus the package's `price_variants`);
//! - [`litellm`] reads LiteLLM's `model_prices_and_context_window.json`;
//! - [`write`] updates `pricing/<provider>.toml` from a database and keeps
//!   every hand-written line it does not own;
//! - [`diff`] lists where our tables and a database disagree.
//!
//! Both readers give a [`Database`]: per provider, per model, the prices in
//! force on the import date as the pricebook's own types.
//!
//! Usage:
//! ```text
//! llm-roi prices import --from genai-prices pricing/sources/genai-prices-0.2.3.json --today 2026-12-01
//! llm-roi prices diff --against litellm pricing/sources/litellm-1.110.2.json --today 2026-12-01
//! ```

pub mod diff;
pub mod field;
pub mod fx_import;
pub mod genai;
pub mod litellm;
pub mod pricing_dir;
pub mod write;

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::{Lifecycle, ModelPrices};

/// Which database a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    GenaiPrices,
    Litellm,
}

impl Source {
    /// Reads `genai-prices` or `litellm`.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "genai-prices" => Some(Self::GenaiPrices),
            "litellm" => Some(Self::Litellm),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::GenaiPrices => "genai-prices",
            Self::Litellm => "litellm",
        }
    }
}

/// A database's providers, read as of one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Database {
    /// e.g. "genai-prices 0.2.3".
    pub via: String,
    pub providers: Vec<DbProvider>,
}

/// One provider of a database, under our provider id.
#[derive(Debug, Clone, PartialEq)]
pub struct DbProvider {
    pub id: String,
    /// The provider's public price page, as the database gives it.
    pub pricing_url: Option<String>,
    pub models: Vec<DbModel>,
}

/// One model, with the prices in force on the import date.
#[derive(Debug, Clone, PartialEq)]
pub struct DbModel {
    pub id: String,
    pub name: Option<String>,
    /// Other ids the database matches exactly (dated snapshots).
    pub aliases: Vec<String>,
    pub prices: ModelPrices,
    pub lifecycle: Lifecycle,
    /// The last day the database says it confirmed the price.
    pub checked: Option<CalendarDate>,
    /// A text model: priced per token, not audio, image, embedding or speech.
    pub text: bool,
}

impl Database {
    pub fn provider(&self, id: &str) -> Option<&DbProvider> {
        self.providers.iter().find(|p| p.id == id)
    }
}

impl DbProvider {
    /// The model with this id or alias.
    pub fn model(&self, id: &str) -> Option<&DbModel> {
        self.models
            .iter()
            .find(|m| m.id == id || m.aliases.iter().any(|a| a == id))
    }
}

/// Why a database file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{file}: not JSON: {message}")]
    NotJson { file: String, message: String },
    #[error("{file}: {path}: {message}")]
    Field {
        file: String,
        path: String,
        message: String,
    },
}

/// A database file's JSON.
fn parse_json(file: &str, text: &str) -> Result<serde_json::Value, DbError> {
    serde_json::from_str(text).map_err(|e| DbError::NotJson {
        file: file.to_string(),
        message: e.to_string(),
    })
}

/// Ids of non-text models: audio, images, embeddings, speech, realtime.
pub fn is_text_model_id(id: &str) -> bool {
    const NOT_TEXT: [&str; 14] = [
        "audio",
        "image",
        "embedding",
        "tts",
        "transcribe",
        "realtime",
        "whisper",
        "dall-e",
        "moderation",
        "live",
        "search",
        "computer-use",
        "sora",
        "veo",
    ];
    !NOT_TEXT.iter().any(|w| id.contains(w))
}
