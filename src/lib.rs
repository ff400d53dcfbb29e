//! framelens measures how news articles frame events: loaded language, hedging,
//! boosters and attribution, counted word by word against editable lexicons.
//!
//! The front door is [`score::Scorer`]: compile a lexicon once, then score
//! each article with a [`score::Workspace`] of the thread's own. The
//! [`score::Scored`] view it returns holds the figures and lends the
//! evidence behind them.
//!
//! ```
//! use framelens::lexicon::{Category, Lexicon};
//! use framelens::score::{Scorer, Workspace};
//!
//! let scorer = Scorer::new(Lexicon::builtin()?);
//! let mut workspace = Workspace::default();
//! let text = "Officials said the brazen plan may reportedly fail.";
//! let scored = scorer.score(text, 0, &mut workspace);
//!
//! let figures = scored.figures();
//! assert_eq!(figures.words, 8);
//! assert_eq!(figures.counts(Category::LOADED).total, 1);
//! let words: Vec<&str> = scored.evidence().iter().map(|e| e.matched).collect();
//! assert!(words.contains(&"brazen") && words.contains(&"may"));
//! # Ok::<(), framelens::error::Error>(())
//! ```

#![deny(missing_docs)]

pub mod align;
pub mod compare;
pub mod corpus;
pub mod error;
pub mod evaluate;
pub mod evidence;
pub mod lexicon;
pub mod metrics;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod score;
pub mod similarity;
pub mod stories;
pub mod table;
pub mod terms;
pub mod text;
