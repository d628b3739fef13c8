//! Why a keyword set file was rejected.

use thiserror::Error;

/// A keyword set file that cannot be used, naming the file and the problem.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeywordError {
    /// The file is not valid TOML for a keyword set (syntax, a missing field, an unknown key or
    /// an unknown category).
    #[error("{file}: not a valid keyword set: {message}")]
    Parse {
        /// File name.
        file: String,
        /// What the TOML reader said.
        message: String,
    },
    /// The `id` differs from the file name.
    #[error("{file}: id '{id}' must equal the file name without .toml ('{stem}')")]
    IdMismatch {
        /// File name.
        file: String,
        /// The id written in the file.
        id: String,
        /// The file stem.
        stem: String,
    },
    /// Fewer terms than a useful set needs.
    #[error("{file}: {count} terms; a role needs at least {min}")]
    TooFewTerms {
        /// File name.
        file: String,
        /// Terms in the file.
        count: usize,
        /// The minimum.
        min: usize,
    },
    /// A weight outside 1..=5.
    #[error("{file}: term '{term}' has weight {weight}; weights run from 1 (nice to have) to 5 (core)")]
    WeightOutOfRange {
        /// File name.
        file: String,
        /// The term.
        term: String,
        /// Its weight.
        weight: u8,
    },
    /// The same spelling twice, compared case-insensitively (an alias equal to its own term
    /// counts), or two terms that match the same words.
    #[error("{file}: '{form}' is given twice (in term '{first}' and in term '{second}'); {detail}")]
    Duplicate {
        /// File name.
        file: String,
        /// The repeated spelling.
        form: String,
        /// The term where it first appears.
        first: String,
        /// The term where it appears again.
        second: String,
        /// How they compare.
        detail: String,
    },
    /// An empty string, one with spaces around it, or one with no letter or digit.
    #[error("{file}: {field} '{value}' is empty, has spaces around it or has no letter or digit")]
    BadString {
        /// File name.
        file: String,
        /// Which field.
        field: String,
        /// The value as written.
        value: String,
    },
    /// A core term (weight 5) without the `learn` text that says what builds the skill.
    #[error("{file}: term '{term}' has weight 5 but no `learn` text saying what builds the skill")]
    MissingLearn {
        /// File name.
        file: String,
        /// The term.
        term: String,
    },
    /// A term of one or two characters ("R", "Go") that is not marked case-sensitive.
    #[error(
        "{file}: term '{term}' is {len} characters long; set `case-sensitive = true` so it matches only as written"
    )]
    ShortTermNotCaseSensitive {
        /// File name.
        file: String,
        /// The term.
        term: String,
        /// Its length in characters.
        len: usize,
    },
    /// No source named.
    #[error("{file}: `sources` is empty; name the seed passage or public source the set rests on")]
    NoSources {
        /// File name.
        file: String,
    },
    /// Two files define the same role id.
    #[error("{file}: role '{id}' is already defined by {other}")]
    DuplicateId {
        /// File name.
        file: String,
        /// The id.
        id: String,
        /// The other file.
        other: String,
    },
}
