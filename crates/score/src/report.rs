//! The report: one serde type that every renderer and the web page read.
//!
//! Field names are a public contract (scripts and the web page depend on them); see
//! `docs/report.md`. Bump [`SCHEMA_VERSION`] on any incompatible change.

use serde::{Deserialize, Serialize};

use crate::model::SectionKind;

/// Version of the report's JSON shape.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything ats-check says about one résumé.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    /// Version of this shape ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// What was read.
    pub source: Source,
    /// The role scored against, when one was given.
    pub role: Option<RoleRef>,
    /// The overall score and its parts.
    pub score: Score,
    /// Code of the one finding that stopped the analysis (no text layer, or too little text to
    /// judge); when set, that finding is all the report says and every list is empty.
    #[serde(default)]
    pub blocked_by: Option<String>,
    /// Contact details as an ATS would fill them in.
    pub contact: Contact,
    /// Sections in document order, each with its findings and suggestions.
    pub sections: Vec<Section>,
    /// Work experience entries as an ATS would fill its form.
    pub experience: Vec<ExperienceEntry>,
    /// Education entries.
    pub education: Vec<EducationEntry>,
    /// Role keyword match (empty when no role was given).
    pub keywords: Keywords,
    /// Roles that fit best (all roles scored); with a role given, whether another fits better.
    pub role_fit: Vec<RoleFit>,
    /// Bullet statistics.
    pub impact: Impact,
    /// Every finding, most severe first. Findings of a section are also listed on it.
    pub findings: Vec<Finding>,
    /// Suggestions across the résumé, ordered by the points they would win back.
    pub suggestions: Vec<Suggestion>,
    /// Match against a job posting, when one was given.
    pub job_match: Option<JobMatch>,
    /// The text an ATS reads (what the ATS sees).
    pub text: String,
}

/// What was read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// `pdf`, `docx` or `text`.
    pub format: String,
    /// Pages (1 for DOCX and text).
    pub pages: u32,
    /// Words in the extracted text.
    pub words: usize,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// The application that produced the file, when known.
    pub producer: Option<String>,
}

/// A role by id and name.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RoleRef {
    /// Role id, e.g. `ml-engineer`.
    pub id: String,
    /// Display name, e.g. `Machine Learning Engineer`.
    pub name: String,
    /// True when no role was asked for and this is the role the résumé fits best (see
    /// `Request::best_fit_when_no_role`); absent (false) when the role was asked for.
    #[serde(default, skip_serializing_if = "is_false")]
    pub best_fit: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The overall score and its parts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Score {
    /// 0–100.
    pub overall: u32,
    /// Version of the published weights (see `docs/scoring.md`).
    pub weights_version: String,
    /// The parts the overall score is made of.
    pub parts: Vec<ScorePart>,
}

/// One part of the score.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScorePart {
    /// `parse-health`, `content` or `keywords` (and `job-match` when a posting was given).
    pub id: String,
    /// Human name, e.g. "Can an ATS read it".
    pub name: String,
    /// 0–100 for this part.
    pub score: u32,
    /// Weight in the overall score (the weights of the parts add up to 1).
    pub weight: f64,
    /// Points of this part lost, each tied to a finding by code.
    pub lost: Vec<PointsLost>,
}

/// Points lost to one finding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PointsLost {
    /// The finding's code.
    pub code: String,
    /// Points of the part (0–100 scale) lost.
    pub points: f64,
}

/// Contact details.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Contact {
    /// The candidate's name.
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number as printed.
    pub phone: Option<String>,
    /// City / region as printed.
    pub location: Option<String>,
    /// Profile and portfolio links.
    pub links: Vec<ContactLink>,
}

/// A profile or portfolio link.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContactLink {
    /// `linkedin`, `github`, `portfolio`, `scholar`, `kaggle`, `other`.
    pub kind: String,
    /// The URL as found.
    pub url: String,
    /// True when the URL is written in the text; false when only a link annotation holds it
    /// (an ATS that reads only text loses it).
    pub in_text: bool,
}

/// A section of the résumé.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Section {
    /// Kind the heading maps to.
    pub kind: SectionKind,
    /// The heading as written (empty for the untitled contact block at the top).
    pub heading: String,
    /// Byte offset of the section in `text`.
    pub start: usize,
    /// Byte offset of the section's end in `text`.
    pub end: usize,
    /// Words in the section.
    pub words: usize,
    /// Findings that point into this section.
    pub findings: Vec<Finding>,
    /// What to do in this section, most valuable first.
    pub suggestions: Vec<String>,
}

/// A work experience entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ExperienceEntry {
    /// Job title.
    pub title: Option<String>,
    /// Employer.
    pub company: Option<String>,
    /// Location as printed.
    pub location: Option<String>,
    /// Start date, normalised to `YYYY-MM` (or `YYYY`).
    pub start: Option<String>,
    /// End date, normalised, or None when current.
    pub end: Option<String>,
    /// The job is current ("Present").
    pub current: bool,
    /// The date text as printed.
    pub dates_text: Option<String>,
    /// Bullet texts.
    pub bullets: Vec<String>,
}

/// An education entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct EducationEntry {
    /// Degree, e.g. "M.S. Computer Science".
    pub degree: Option<String>,
    /// School.
    pub institution: Option<String>,
    /// Start date, normalised.
    pub start: Option<String>,
    /// End or expected date, normalised.
    pub end: Option<String>,
    /// The date text as printed.
    pub dates_text: Option<String>,
}

/// Role keyword match.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Keywords {
    /// Terms found, by weight.
    pub matched: Vec<KeywordMatch>,
    /// Terms not found, most important first.
    pub missing: Vec<MissingKeyword>,
    /// Terms written in a near form an ATS's literal search may miss.
    pub near: Vec<NearMiss>,
    /// Weighted share of the role's terms found, 0–1 (skills listed only count less).
    pub coverage: f64,
}

/// A keyword found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KeywordMatch {
    /// The canonical term.
    pub term: String,
    /// Its category (`hard-skill`, `framework`, ...).
    pub category: String,
    /// Weight 1–5.
    pub weight: u8,
    /// Occurrences.
    pub count: usize,
    /// Kinds of section it appears in (`skills`, `experience`, ...).
    pub sections: Vec<SectionKind>,
    /// The forms it was written in.
    pub forms: Vec<String>,
}

/// A keyword not found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MissingKeyword {
    /// The canonical term.
    pub term: String,
    /// Its category.
    pub category: String,
    /// Weight 1–5.
    pub weight: u8,
    /// What builds this skill for the role, from the career guides, when known.
    pub learn: Option<String>,
}

/// A term written in a near form.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NearMiss {
    /// The exact term recruiters search.
    pub term: String,
    /// What the résumé says.
    pub found: String,
}

/// How well a role fits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RoleFit {
    /// Role id.
    pub id: String,
    /// Role name.
    pub name: String,
    /// Weighted coverage of that role's terms, 0–1.
    pub coverage: f64,
}

/// Bullet statistics over experience and projects.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Impact {
    /// Bullets read.
    pub bullets: usize,
    /// Bullets with a measurable result.
    pub quantified: usize,
    /// Bullets that open with an action verb.
    pub action_led: usize,
}

/// Severity, ordered: suggestion < warning < error.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth doing.
    Suggestion,
    /// Likely to cost the résumé.
    Warning,
    /// An ATS will misread or reject it.
    Error,
}

/// One thing found, with why and what to do.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Finding {
    /// Stable check code, e.g. `multi-column` (see `ats-check explain CODE`).
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// Section kind it points into, when it points into one.
    pub section: Option<SectionKind>,
    /// What was found, quoting it.
    pub message: String,
    /// What to do.
    pub suggestion: String,
    /// The text it points at, when it points at text (never a fake line for an absence).
    pub evidence: Option<String>,
    /// Byte offset of the evidence in `text`, when it points at text.
    pub offset: Option<usize>,
    /// Points the finding costs, on the 0–100 overall scale.
    pub points: f64,
}

/// A suggestion with the points it would win back.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Suggestion {
    /// Section kind it belongs to, or None for the whole résumé.
    pub section: Option<SectionKind>,
    /// What to do, specific enough to act on.
    pub text: String,
    /// Overall points it would win back.
    pub points: f64,
    /// The finding code it comes from.
    pub code: String,
}

/// Match against one job posting.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobMatch {
    /// The posting's title, when one was recognised.
    pub title: Option<String>,
    /// Whether a résumé title matches the posting's title.
    pub title_matched: bool,
    /// Weighted share of the posting's terms the résumé has, 0–1 (about 0.8 is good); 0 when
    /// the match is not scored.
    pub match_rate: f64,
    /// Posting terms found in the résumé.
    pub matched: Vec<JobTerm>,
    /// Posting terms missing from the résumé, most important first.
    pub missing: Vec<JobTerm>,
    /// False when the posting names no skill, tool or technology ats-check knows: nothing was
    /// matched and the score leaves the posting out.
    #[serde(default = "default_true")]
    pub scored: bool,
    /// The degree the posting asks for, checked against the education entries.
    #[serde(default)]
    pub degree: Vec<DegreeCheck>,
    /// The years of experience the posting asks for, checked against the experience dates.
    #[serde(default)]
    pub experience: Vec<YearsCheck>,
}

fn default_true() -> bool {
    true
}

/// Whether a posting requires something or only prefers it.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Importance {
    /// Under "Requirements", "Must have", "Qualifications", or anywhere not marked otherwise.
    #[default]
    Required,
    /// Under "Preferred", "Nice to have", "Bonus", or in a clause such as "... is a plus".
    Preferred,
}

/// A term of a job posting.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobTerm {
    /// The term.
    pub term: String,
    /// Category when it is a term of a role's set, else `technology`.
    pub category: String,
    /// Times the posting names it.
    pub count: usize,
    /// Times the résumé names it, in any of the forms ats-check knows (0 when missing).
    #[serde(default)]
    pub resume_count: usize,
    /// Importance from frequency, category and whether it is required.
    pub weight: f64,
    /// Required, or only preferred (named only where the posting says "preferred", "nice to
    /// have", "a plus"...).
    #[serde(default)]
    pub importance: Importance,
}

/// A degree the posting asks for and what the résumé shows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DegreeCheck {
    /// The lowest degree that meets the ask: `Associate's`, `Bachelor's`, `Master's` or `PhD`
    /// ("MS or PhD" asks for `Master's`).
    pub asked: String,
    /// Required or preferred.
    pub importance: Importance,
    /// The posting's words.
    pub quote: String,
    /// The highest degree found in the education entries (same names as `asked`).
    pub found: Option<String>,
    /// That degree as the résumé writes it.
    pub found_text: Option<String>,
    /// The résumé's highest degree is at least the one asked for.
    pub met: bool,
}

/// Years of experience the posting asks for and what the résumé's dates cover.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct YearsCheck {
    /// Years asked ("5+ years": 5; "3-5 years": 3).
    pub asked: u32,
    /// Required or preferred.
    pub importance: Importance,
    /// The posting's words.
    pub quote: String,
    /// Years the experience entries' dates cover, overlaps counted once, to one decimal;
    /// None when no entry has a date.
    pub found: Option<f64>,
    /// Whether the dates cover the years asked; None when there are no dates to check.
    pub met: Option<bool>,
}
