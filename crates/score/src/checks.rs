//! The one registry of checks: every finding ats-check can report has an entry here with a
//! stable code, a name, a severity, the score part it costs, and a doc that
//! `ats-check explain CODE` prints.

use crate::report::Severity;

/// The part of the score a check's findings cost points in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// "Can an ATS read it": layout and file risks.
    ParseHealth,
    /// Sections, contact, entries and bullets.
    Content,
    /// Role keyword match.
    Keywords,
    /// Match against a job posting.
    JobMatch,
}

impl Part {
    /// Id used in `score.parts[].id`.
    pub fn id(self) -> &'static str {
        match self {
            Part::ParseHealth => "parse-health",
            Part::Content => "content",
            Part::Keywords => "keywords",
            Part::JobMatch => "job-match",
        }
    }

    /// Human name of the part.
    pub fn name(self) -> &'static str {
        match self {
            Part::ParseHealth => "Can an ATS read it",
            Part::Content => "Content and structure",
            Part::Keywords => "Role keywords",
            Part::JobMatch => "Job posting match",
        }
    }
}

/// One check.
#[derive(Debug)]
pub struct Check {
    /// Stable kebab-case code naming the problem, e.g. `multi-column`.
    pub code: &'static str,
    /// Short human name, e.g. "Text in several columns".
    pub name: &'static str,
    /// Default severity of its findings.
    pub severity: Severity,
    /// Score part its findings cost points in.
    pub part: Part,
    /// What the check looks for (one sentence).
    pub what: &'static str,
    /// Why it matters for an ATS or a recruiter, with the fact it rests on.
    pub why: &'static str,
    /// An example of the problem.
    pub example: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

/// Raised instead of every other finding when a file has some text but too little to judge
/// (the gate in `analyze`): sections, contact and keywords read from a few words would be noise.
pub(crate) const TOO_LITTLE_TEXT: Check = Check {
    code: "too-little-text",
    name: "Too little text to judge",
    severity: Severity::Error,
    part: Part::ParseHealth,
    what: "Stops the analysis when the file holds only a few dozen words or fewer, and says nothing else about it.",
    why: "With so few words an ATS fills almost nothing in, and advice about missing sections, contact details or keywords would only describe the empty file; most ATSs reject or bury such a profile.",
    example: "A PDF whose only text is the name and a page number, the rest being a picture of the résumé; or a file holding only 'hello'.",
    fix: "Upload the résumé exported from the document you wrote (PDF or DOCX with selectable text), with each job described in bullets.",
};

/// Checks whose finding, when the analysis stops at the gate, is the whole report.
pub static GATE_CHECKS: &[Check] = &[TOO_LITTLE_TEXT];

/// Every check, from every module.
pub fn all() -> impl Iterator<Item = &'static Check> {
    [
        crate::risks::CHECKS,
        GATE_CHECKS,
        crate::content::CHECKS,
        crate::keywords::CHECKS,
    ]
    .into_iter()
    .flatten()
}

/// The check with `code`, if any.
pub fn lookup(code: &str) -> Option<&'static Check> {
    all().find(|c| c.code == code)
}

/// A finding with the points it costs in its part (0–100 scale of that part). The
/// orchestrator converts part points to overall points with the published weights.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    pub finding: crate::report::Finding,
    pub lost: f64,
}

impl Check {
    /// A finding of this check with its default severity; `points` is filled in by the
    /// orchestrator from the part weights.
    pub(crate) fn finding(
        &'static self,
        section: Option<crate::model::SectionKind>,
        message: String,
        suggestion: String,
        evidence: Option<(String, usize)>,
    ) -> crate::report::Finding {
        let (evidence, offset) = match evidence {
            Some((text, at)) => (Some(text), Some(at)),
            None => (None, None),
        };
        crate::report::Finding {
            code: self.code.to_string(),
            severity: self.severity,
            section,
            message,
            suggestion,
            evidence,
            offset,
            points: 0.0,
        }
    }
}
