//! Scores a résumé extracted by `ats-parse`: sections, contact details, experience and
//! education entries, bullets, ATS layout risks and role keywords, into one explainable
//! [`Report`]. Deterministic: the same document and options always give the same report, and
//! every point lost is tied to a [`report::Finding`] with its reason.
//!
//! ```
//! use ats_score::{Analyzer, Request};
//!
//! let doc = ats_parse::extract(
//!     b"Jane Doe\njane@example.com | +1 415 555 0100\n\nEXPERIENCE\nML Engineer, Acme | 2021 - Present\n\
//!       - Cut inference latency 35% by quantizing models with PyTorch\n\
//!       - Moved nightly batch scoring from cron scripts to Airflow with retries and alerts\n\
//!       - Built a feature store that three product teams query every day\n\
//!       - Wrote the on-call runbook for the serving cluster and trained four engineers\n\n\
//!       EDUCATION\nB.S. Computer Science, University of Texas at Austin, 2020",
//!     &ats_parse::Limits::default(),
//! )?;
//! let analyzer = Analyzer::builtin();
//! let report = analyzer.analyze(&doc, &Request { role: Some("ml-engineer"), job_posting: None })?;
//! assert_eq!(report.contact.email.as_deref(), Some("jane@example.com"));
//! assert!(report.score.overall <= 100);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod checks;
pub mod keywords;
pub mod model;
pub mod render;
pub mod report;

mod analyze;
mod content;
mod risks;
#[cfg(test)]
mod test_support;

pub use keywords::{Category, KeywordError, KeywordSet, KeywordSets, Term};
pub use model::SectionKind;
pub use report::{Finding, Report, Severity};

use thiserror::Error;

/// What to score a document against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// Role id (`ml-engineer`, ...); None scores every role and reports the best fits.
    pub role: Option<&'a str>,
    /// Text of a job posting to match against.
    pub job_posting: Option<&'a str>,
}

/// Why a document could not be scored.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScoreError {
    /// The role id is not one of the keyword sets.
    #[error("unknown role '{role}': choose one of {known}")]
    UnknownRole {
        /// What was asked for.
        role: String,
        /// The known ids, comma separated.
        known: String,
    },
}

/// Holds the keyword sets, compiled once, and scores documents against them. Build one and
/// reuse it: a batch or a server scores every résumé with the same analyzer.
pub struct Analyzer {
    /// The compiled sets; the sets themselves are read through it.
    engine: keywords::Engine,
}

impl Analyzer {
    /// An analyzer over the given keyword sets.
    pub fn new(sets: KeywordSets) -> Self {
        Analyzer {
            engine: keywords::Engine::from_sets(sets),
        }
    }

    /// An analyzer over the keyword sets embedded in the binary, compiled at build time: cheap
    /// to create.
    pub fn builtin() -> Self {
        Analyzer {
            engine: keywords::Engine::builtin(),
        }
    }

    /// The keyword sets, sorted by id.
    pub fn roles(&self) -> &[KeywordSet] {
        self.engine.sets().all()
    }

    /// Checks that `id` is one of the roles; the error names the known ones.
    pub fn check_role(&self, id: &str) -> Result<(), ScoreError> {
        self.role_index(id).map(|_| ())
    }

    /// Scores `doc`. Fails only for an unknown role.
    pub fn analyze(&self, doc: &ats_parse::Document, request: &Request) -> Result<Report, ScoreError> {
        let role = request.role.map(|id| self.role_index(id)).transpose()?;
        Ok(analyze::analyze(doc, role, request.job_posting, &self.engine))
    }

    fn role_index(&self, id: &str) -> Result<usize, ScoreError> {
        self.engine.role_by_id(id).ok_or_else(|| ScoreError::UnknownRole {
            role: id.to_string(),
            known: self.engine.role_ids().join(", "),
        })
    }
}
