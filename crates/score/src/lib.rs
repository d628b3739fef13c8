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
//! let report = analyzer.analyze(&doc, &Request { role: Some("ml-engineer"), ..Request::default() })?;
//! assert_eq!(report.contact.email.as_deref(), Some("jane@example.com"));
//! assert!(report.score.overall <= 100);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod checks;
pub mod keywords;
pub mod model;
pub mod outline;
pub mod render;
pub mod report;

mod analyze;
mod content;
mod read;
mod risks;

#[cfg(test)]
mod year_month_tests {
    use super::YearMonth;

    #[test]
    fn posting_errors_speak_of_a_posting() {
        use ats_parse::{ExtractError, Unsupported};
        for err in [
            ExtractError::Empty,
            ExtractError::Unsupported(Unsupported::Png),
            ExtractError::Unsupported(Unsupported::Unknown),
            ExtractError::LimitExceeded {
                what: "pages",
                limit: 50,
            },
            ExtractError::Timeout { millis: 2000 },
            ExtractError::EncryptedPdf,
        ] {
            let message = crate::posting_error(&err);
            assert!(!message.contains("résumé"), "{message}");
            assert!(!message.is_empty());
        }
    }

    #[test]
    fn unix_seconds_give_the_utc_month() {
        let ym = |year, month| YearMonth { year, month };
        assert_eq!(YearMonth::from_unix_seconds(0), ym(1970, 1));
        assert_eq!(YearMonth::from_unix_seconds(951_782_400), ym(2000, 2)); // 2000-02-29
        assert_eq!(YearMonth::from_unix_seconds(951_868_799), ym(2000, 2));
        assert_eq!(YearMonth::from_unix_seconds(951_868_800), ym(2000, 3));
        assert_eq!(YearMonth::from_unix_seconds(1_798_761_599), ym(2026, 12)); // 2026-12-31 23:59:59
        assert_eq!(YearMonth::from_unix_seconds(1_798_761_600), ym(2027, 1));
        assert_eq!(ym(2026, 12).index(), 2026 * 12 + 11);
        let _ = YearMonth::from_unix_seconds(u64::MAX);
    }
}

pub use keywords::{Category, KeywordError, KeywordSet, KeywordSets, Term};
pub use model::SectionKind;
pub use report::{Finding, Importance, Report, Severity};

use thiserror::Error;

/// What to score a document against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// Role id (`ml-engineer`, ...); None scores every role and reports the best fits.
    pub role: Option<&'a str>,
    /// Text of a job posting to match against (extract a PDF or DOCX posting with
    /// `ats_parse::extract` first, as a résumé).
    pub job_posting: Option<&'a str>,
    /// The month "Present" means in the résumé's dates, for the posting's "N+ years" check;
    /// None counts a current job up to the latest month the résumé names. A parameter rather
    /// than the clock, so the same request always gives the same report.
    pub today: Option<YearMonth>,
}

/// Why a job posting could not be read, in words about a posting: the parser's own messages
/// for an empty file, an image, an unknown format or a file past a cap speak of a résumé.
pub fn posting_error(err: &ats_parse::ExtractError) -> String {
    use ats_parse::{ExtractError, Unsupported};
    const GIVE: &str = "give the posting as text, PDF or DOCX";
    match err {
        ExtractError::Empty => format!("it is empty: {GIVE}"),
        ExtractError::Unsupported(Unsupported::Png | Unsupported::Jpeg | Unsupported::Image) => {
            format!("it is an image, and text in pictures cannot be read: {GIVE}")
        }
        ExtractError::Unsupported(Unsupported::Unknown) => format!("it is not a PDF, DOCX or text file: {GIVE}"),
        ExtractError::LimitExceeded { what, limit } => format!(
            "it exceeds the limit on {what} ({limit}), far more than a posting needs, so the file is damaged: {GIVE}"
        ),
        ExtractError::Timeout { millis } => {
            format!("reading it took longer than {millis} ms, far longer than a posting needs: {GIVE}")
        }
        other => other.to_string(),
    }
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
}

impl YearMonth {
    /// The UTC month of a Unix time (seconds since 1970-01-01); times before 1970 give January
    /// 1970.
    pub fn from_unix_seconds(secs: u64) -> YearMonth {
        // Civil date from days (Howard Hinnant's algorithm), year and month only.
        let days = (secs / 86_400) as i64 + 719_468;
        let era = days.div_euclid(146_097);
        let doe = days.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        YearMonth {
            year: year.clamp(0, i64::from(u16::MAX)) as u16,
            month: month as u8,
        }
    }

    /// Months since year 0 (January of year 0 is 0).
    pub(crate) fn index(self) -> u32 {
        u32::from(self.year) * 12 + u32::from(self.month.clamp(1, 12)) - 1
    }
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
        Ok(analyze::analyze(
            doc,
            role,
            request.job_posting,
            request.today,
            &self.engine,
        ))
    }

    /// [`Analyzer::analyze`], except that without a role the résumé is scored against the role
    /// it fits best, as if that role had been asked for (`report.role.best_fit` says so): a
    /// person who has not picked a role still sees a keyword view and a score that counts
    /// keywords. A résumé with none of any role's terms is scored with no role.
    pub fn analyze_best_fit(&self, doc: &ats_parse::Document, request: &Request) -> Result<Report, ScoreError> {
        let role = request.role.map(|id| self.role_index(id)).transpose()?;
        Ok(analyze::analyze_choosing(
            doc,
            role,
            true,
            request.job_posting,
            request.today,
            &self.engine,
        ))
    }

    fn role_index(&self, id: &str) -> Result<usize, ScoreError> {
        self.engine.role_by_id(id).ok_or_else(|| ScoreError::UnknownRole {
            role: id.to_string(),
            known: self.engine.role_ids().join(", "),
        })
    }
}
