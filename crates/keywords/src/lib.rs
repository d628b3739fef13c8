//! The keyword-set model (one TOML file of `keywords/` per role, [`set`]), the tokenizer that
//! reads text the way an ATS search does ([`token`]), the case and context rules of short and
//! common-word terms ([`rules`]), and the compiler of sets into the matcher's tables
//! ([`compile`]).
//!
//! Its own crate because two builds need it: ats-score's build script compiles the built-in
//! sets into static tables with it, and ats-score compiles sets read at run time
//! (`--keywords DIR`) and matches with the same code, so both give the same tables.

pub mod compile;
pub mod rules;
pub mod set;
pub mod token;
