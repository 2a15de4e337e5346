//! [`PriceBasis`] read from its JSON without serde's buffering of
//! internally tagged enums.
//!
//! The JSON stays `{"basis": "credit", "per_list_unit": "1.055"}`: the tag
//! beside the variant's fields. Deriving `Deserialize` for such an enum makes
//! serde buffer every value into its generic `Content` tree first, which
//! costs the browser's bundle about 14 KB of code before wasm-opt; reading a
//! flat struct and checking it does not.

use super::PriceBasis;
use rust_decimal::Decimal;
use serde::Deserialize;

/// Every field any variant has; which are needed depends on `basis`.
#[derive(Deserialize)]
pub(super) struct BasisWire {
    basis: String,
    input_per_mtok: Option<Decimal>,
    output_per_mtok: Option<Decimal>,
    per_list_unit: Option<Decimal>,
}

impl TryFrom<BasisWire> for PriceBasis {
    type Error = String;

    fn try_from(w: BasisWire) -> Result<Self, String> {
        let need = |v: Option<Decimal>, field: &str| {
            v.ok_or_else(|| format!("basis `{}` needs `{field}`", w.basis))
        };
        match w.basis.as_str() {
            "list" => Ok(PriceBasis::List),
            "own" => Ok(PriceBasis::Own),
            "flat" => Ok(PriceBasis::Flat {
                input_per_mtok: need(w.input_per_mtok, "input_per_mtok")?,
                output_per_mtok: need(w.output_per_mtok, "output_per_mtok")?,
            }),
            "credit" => Ok(PriceBasis::Credit {
                per_list_unit: need(w.per_list_unit, "per_list_unit")?,
            }),
            other => Err(format!(
                "unknown basis `{other}`; expected list, own, flat or credit"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_reads_back_what_it_writes() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for basis in [
            PriceBasis::List,
            PriceBasis::Own,
            PriceBasis::Flat {
                input_per_mtok: d("1"),
                output_per_mtok: d("2.5"),
            },
            PriceBasis::Credit {
                per_list_unit: d("1.055"),
            },
        ] {
            let json = serde_json::to_string(&basis).unwrap();
            assert_eq!(serde_json::from_str::<PriceBasis>(&json).unwrap(), basis);
        }
        assert_eq!(
            serde_json::to_string(&PriceBasis::Credit {
                per_list_unit: d("1.055")
            })
            .unwrap(),
            r#"{"basis":"credit","per_list_unit":"1.055"}"#
        );
    }

    #[test]
    fn a_bad_basis_says_what_is_allowed() {
        let err = serde_json::from_str::<PriceBasis>(r#"{"basis":"flat","input_per_mtok":"1"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("basis `flat` needs `output_per_mtok`"),
            "{err}"
        );
        let err = serde_json::from_str::<PriceBasis>(r#"{"basis":"free"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected list, own, flat or credit"), "{err}");
    }
}
