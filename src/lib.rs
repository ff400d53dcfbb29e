//! framelens measures how news articles frame events: loaded language, hedging,
//! boosters and attribution, counted word by word against editable lexicons.

pub mod compare;
pub mod corpus;
pub mod error;
pub mod evaluate;
pub mod evidence;
pub mod lexicon;
pub mod metrics;
pub mod output;
pub mod report;
pub mod score;
pub mod terms;
pub mod text;
