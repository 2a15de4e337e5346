//! The price and FX importers (`llm-roi-prices`): genai-prices, LiteLLM
//! and the ECB's rates read, written into pricing/ and diffed.

mod field;
mod fx;
mod genai;
mod litellm;
mod write;
