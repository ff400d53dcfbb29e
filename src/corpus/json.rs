//! One JSONL record read straight into the fields framelens keeps, without
//! building a JSON tree: the text and id are taken as they are parsed, and
//! values that are not strings are skipped.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The fields of one record: id, text, and every other string field in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// `id`, when it is a string or an integer.
    pub id: Option<String>,
    /// `text`, when it is a string.
    pub text: Option<String>,
    /// Every other field whose value is a string, in input order.
    pub fields: Vec<(String, String)>,
}

impl Record {
    /// The name of the first field, id or text holding a NUL character.
    pub fn with_nul(&self) -> Option<&str> {
        let nul = |s: &Option<String>| s.as_deref().is_some_and(|s| s.contains('\0'));
        if nul(&self.id) {
            return Some("id");
        }
        if nul(&self.text) {
            return Some("text");
        }
        self.fields
            .iter()
            .find(|(k, v)| k.contains('\0') || v.contains('\0'))
            .map(|(k, _)| k.as_str())
    }
}

/// Why a line is not a record.
#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    /// The line is not JSON at all.
    Syntax(String),
    /// The line is JSON, but not an object.
    NotAnObject,
}

/// Parses one line of a JSONL corpus.
pub fn parse(line: &str) -> Result<Record, Problem> {
    serde_json::from_str::<Record>(line).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => Problem::NotAnObject,
        _ => Problem::Syntax(e.to_string()),
    })
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Record, D::Error> {
        deserializer.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut record = Record::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => record.id = map.next_value::<Scalar>()?.0,
                "text" => record.text = map.next_value::<Text>()?.0,
                _ => {
                    if let Some(value) = map.next_value::<Text>()?.0 {
                        record.fields.push((key, value));
                    }
                }
            }
        }
        Ok(record)
    }
}

/// A string value, or `None` for any other value (which is skipped).
struct Text(Option<String>);

/// A string or an integer as a string, or `None` for any other value.
struct Scalar(Option<String>);

struct ValueVisitor {
    integers: bool,
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.integers.then(|| v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.integers.then(|| v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer
            .deserialize_any(ValueVisitor { integers: false })
            .map(Text)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
        deserializer
            .deserialize_any(ValueVisitor { integers: true })
            .map(Scalar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_id_text_and_string_fields_in_order() {
        let r = parse(r#"{"z": "last?", "id": 7, "labels": {"a": [1, 2]}, "text": "Hi \"there\"\n", "n": 1.5, "a": "x", "t": null}"#).unwrap();
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.text.as_deref(), Some("Hi \"there\"\n"));
        assert_eq!(
            r.fields,
            [
                ("z".to_string(), "last?".to_string()),
                ("a".to_string(), "x".to_string())
            ]
        );
    }

    #[test]
    fn tells_broken_json_from_other_values() {
        assert_eq!(parse("[1, 2]"), Err(Problem::NotAnObject));
        assert_eq!(parse("42"), Err(Problem::NotAnObject));
        assert!(matches!(parse("{oops"), Err(Problem::Syntax(_))));
        assert_eq!(
            parse(r#"{"id": true, "text": 3}"#).unwrap(),
            Record::default()
        );
    }
}
