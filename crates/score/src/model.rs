//! Types shared by the checks: section kinds and where sections sit in the text.

use serde::{Deserialize, Serialize};

/// The kinds a section heading maps to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// Name and contact details (the untitled block at the top).
    Contact,
    /// Summary, profile, objective.
    Summary,
    /// Work experience.
    Experience,
    /// Education.
    Education,
    /// Skills.
    Skills,
    /// Projects.
    Projects,
    /// Certifications and licences.
    Certifications,
    /// Awards and honours.
    Awards,
    /// Publications and talks.
    Publications,
    /// Volunteering.
    Volunteering,
    /// Languages spoken.
    Languages,
    /// Interests and hobbies.
    Interests,
    /// References.
    References,
    /// Anything else.
    Other,
}

impl SectionKind {
    /// Every kind, in the usual résumé order.
    pub const ALL: [SectionKind; 14] = [
        SectionKind::Contact,
        SectionKind::Summary,
        SectionKind::Experience,
        SectionKind::Education,
        SectionKind::Skills,
        SectionKind::Projects,
        SectionKind::Certifications,
        SectionKind::Awards,
        SectionKind::Publications,
        SectionKind::Volunteering,
        SectionKind::Languages,
        SectionKind::Interests,
        SectionKind::References,
        SectionKind::Other,
    ];

    /// Lower-case id as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Contact => "contact",
            SectionKind::Summary => "summary",
            SectionKind::Experience => "experience",
            SectionKind::Education => "education",
            SectionKind::Skills => "skills",
            SectionKind::Projects => "projects",
            SectionKind::Certifications => "certifications",
            SectionKind::Awards => "awards",
            SectionKind::Publications => "publications",
            SectionKind::Volunteering => "volunteering",
            SectionKind::Languages => "languages",
            SectionKind::Interests => "interests",
            SectionKind::References => "references",
            SectionKind::Other => "other",
        }
    }

    /// The standard heading to write for this kind.
    pub fn standard_heading(self) -> &'static str {
        match self {
            SectionKind::Contact => "Contact",
            SectionKind::Summary => "Summary",
            SectionKind::Experience => "Experience",
            SectionKind::Education => "Education",
            SectionKind::Skills => "Skills",
            SectionKind::Projects => "Projects",
            SectionKind::Certifications => "Certifications",
            SectionKind::Awards => "Awards",
            SectionKind::Publications => "Publications",
            SectionKind::Volunteering => "Volunteering",
            SectionKind::Languages => "Languages",
            SectionKind::Interests => "Interests",
            SectionKind::References => "References",
            SectionKind::Other => "Other",
        }
    }
}

/// Where a section sits in the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionSpan {
    /// Its kind.
    pub kind: SectionKind,
    /// The heading as written (empty for the contact block).
    pub heading: String,
    /// Index of the heading line in `Document::lines` (None for the contact block).
    pub heading_line: Option<usize>,
    /// Index of the first body line in `Document::lines`.
    pub first_line: usize,
    /// One past the last body line.
    pub end_line: usize,
    /// Byte range of the section (heading included) in `Document::text`.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

impl SectionSpan {
    /// The section kind at byte `offset` of the text, if any section holds it.
    pub fn kind_at(spans: &[SectionSpan], offset: usize) -> Option<SectionKind> {
        spans
            .iter()
            .find(|s| s.start <= offset && offset < s.end.max(s.start + 1))
            .map(|s| s.kind)
    }
}
