//! Prices per field with their own long-context tiers, as both databases
//! publish them, and their conversion to the pricebook's per-threshold rows.

use llm_roi_core::pricebook::{PriceTable, Tier, TokenPrices};
use rust_decimal::Decimal;

/// One price per 1M tokens, with tiers: above `start` input tokens the
/// whole request bills at `price`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldPrice {
    pub base: Decimal,
    /// Ascending by start.
    pub tiers: Vec<(u64, Decimal)>,
}

impl FieldPrice {
    pub fn flat(base: Decimal) -> Self {
        Self {
            base,
            tiers: Vec::new(),
        }
    }

    /// The price for a request whose input is above `threshold` (0: the base).
    fn above(&self, threshold: u64) -> Decimal {
        self.tiers
            .iter()
            .rev()
            .find(|(start, _)| *start <= threshold && *start > 0)
            .map_or(self.base, |(_, p)| *p)
    }
}

/// The five token prices of a model, each with its own tiers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldSet {
    pub input: Option<FieldPrice>,
    pub output: Option<FieldPrice>,
    pub cache_read: Option<FieldPrice>,
    pub cache_write_5m: Option<FieldPrice>,
    pub cache_write_1h: Option<FieldPrice>,
    /// `web_searches_kcount`: the fee per 1,000 web searches.
    pub web_search_per_k: Option<Decimal>,
}

impl FieldSet {
    fn fields(&self) -> [&Option<FieldPrice>; 5] {
        [
            &self.input,
            &self.output,
            &self.cache_read,
            &self.cache_write_5m,
            &self.cache_write_1h,
        ]
    }

    /// This set with every field `over` gives replaced.
    pub fn overridden(&self, over: &FieldSet) -> FieldSet {
        let pick = |a: &Option<FieldPrice>, b: &Option<FieldPrice>| b.clone().or_else(|| a.clone());
        FieldSet {
            input: pick(&self.input, &over.input),
            output: pick(&self.output, &over.output),
            cache_read: pick(&self.cache_read, &over.cache_read),
            cache_write_5m: pick(&self.cache_write_5m, &over.cache_write_5m),
            cache_write_1h: pick(&self.cache_write_1h, &over.cache_write_1h),
            web_search_per_k: over.web_search_per_k.or(self.web_search_per_k),
        }
    }

    /// True when input and output are priced: a model we can bill per token.
    pub fn is_priced(&self) -> bool {
        self.input.is_some() && self.output.is_some()
    }

    fn row(&self, threshold: u64) -> Option<TokenPrices> {
        let at = |f: &Option<FieldPrice>| f.as_ref().map(|p| p.above(threshold));
        Some(TokenPrices {
            input_per_mtok: at(&self.input)?,
            output_per_mtok: at(&self.output)?,
            cache_read_per_mtok: at(&self.cache_read),
            cache_write_5m_per_mtok: at(&self.cache_write_5m),
            cache_write_1h_per_mtok: at(&self.cache_write_1h),
        })
    }

    /// The per-threshold table: one row per distinct tier start of any field.
    /// `None` without an input or output price.
    pub fn table(&self) -> Option<PriceTable> {
        let mut starts: Vec<u64> = self
            .fields()
            .iter()
            .filter_map(|f| f.as_ref())
            .flat_map(|f| f.tiers.iter().map(|(s, _)| *s))
            .filter(|s| *s > 0)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let base = self.row(0)?;
        let tiers = starts
            .into_iter()
            .filter_map(|s| {
                self.row(s).map(|prices| Tier {
                    above_input_tokens: s,
                    prices,
                })
            })
            .collect();
        Some(PriceTable { base, tiers })
    }
}
