//! A JSON value read within a budget: at most [`MAX_NODES`] values and
//! [`MAX_TEXT_BYTES`] bytes of keys and strings, so that one record of a
//! JSON array (a LiteLLM `/spend/logs` answer, which may be one long
//! document) costs no more than one line of JSON Lines may.
//!
//! Usage:
//!
//! ```ignore
//! let mut budget = Budget::default();
//! let v: serde_json::Value = BoundedValue(&mut budget).deserialize(&mut de)?;
//! ```

use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Values (objects, lists, strings, numbers…) one record may hold.
pub const MAX_NODES: usize = 100_000;

/// Bytes of keys and strings one record may hold (as a line may).
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// What is left of one record's budget.
pub struct Budget {
    nodes: usize,
    text: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            nodes: MAX_NODES,
            text: MAX_TEXT_BYTES,
        }
    }
}

impl Budget {
    pub(crate) fn node<E: Error>(&mut self) -> Result<(), E> {
        self.nodes = self.nodes.checked_sub(1).ok_or_else(|| {
            E::custom(format!(
                "a record holds over {MAX_NODES} values: one record is one request"
            ))
        })?;
        Ok(())
    }

    pub(crate) fn text<E: Error>(&mut self, n: usize) -> Result<(), E> {
        self.text = self.text.checked_sub(n).ok_or_else(|| {
            E::custom(format!(
                "a record holds over {MAX_TEXT_BYTES} bytes of text: one record is one request"
            ))
        })?;
        Ok(())
    }
}

/// Reads one value, spending `budget`.
pub struct BoundedValue<'b>(pub &'b mut Budget);

impl<'de> DeserializeSeed<'de> for BoundedValue<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BoundedValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: Error>(self, v: bool) -> Result<Value, E> {
        self.0.node()?;
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<Value, E> {
        self.0.node()?;
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Value, E> {
        self.0.node()?;
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<Value, E> {
        self.0.node()?;
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Value, E> {
        self.0.node()?;
        self.0.text(v.len())?;
        Ok(Value::String(v.to_string()))
    }
    fn visit_unit<E: Error>(self) -> Result<Value, E> {
        self.0.node()?;
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.0.node()?;
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(BoundedValue(&mut *self.0))? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.0.node()?;
        let mut out = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            self.0.text(k.len())?;
            let v = map.next_value_seed(BoundedValue(&mut *self.0))?;
            out.insert(k, v);
        }
        Ok(Value::Object(out))
    }
}
