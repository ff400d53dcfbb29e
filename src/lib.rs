//! framelens measures how news articles frame events: loaded language, hedging,
//! boosters and attribution, counted word by word against editable lexicons.

pub mod error;
pub mod lexicon;
pub mod text;
