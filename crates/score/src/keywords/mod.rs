//! Role keywords: the keyword sets in `keywords/` (one TOML file per role, embedded at build
//! time, replaceable with `--keywords DIR`), and the matcher that reads a résumé the way an ATS
//! search does.
//!
//! - [`KeywordSets`] holds the sets; [`validate`] checks one.
//! - The engine (crate-internal) compiles every term of every role into one table of token
//!   patterns (at build time for the built-in sets), so a résumé is matched against all roles
//!   in one pass.
//!   Tokens keep `C++`, `C#`, `.NET`, `Node.js`, `CI/CD`, `scikit-learn`, `A/B testing` and
//!   multi-word terms intact; "Java" never matches "JavaScript"; short and common-word terms
//!   ("R", "Go", "Spark", "Excel") have case and context rules; plurals and `-ing` forms are
//!   grouped; hyphen, space and no-space variants read the same.
//! - Each match records its section: a term shown in use counts more than one only listed.
//! - [`CHECKS`] lists the findings this part reports.
//!
//! ```
//! use ats_score::KeywordSets;
//!
//! let sets = KeywordSets::builtin();
//! for id in sets.ids() {
//!     assert!(sets.get(id).is_some());
//! }
//! ```

mod asks;
mod codes;
mod engine;
mod error;
mod evaluate;
mod posting;
mod sets;
mod signals;
mod technologies;

// The set model, tokenizer, rules and compiler live in ats-keywords, which build.rs uses too.
use ats_keywords::{compile, rules, set, token};

pub use codes::CHECKS;
pub(crate) use engine::Engine;
pub use error::KeywordError;
#[allow(unused_imports)]
pub(crate) use evaluate::Outcome;
pub(crate) use posting::Posting;
pub use set::{Category, KeywordSet, Term};
pub use sets::{validate, KeywordSets, MIN_TERMS};

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;
