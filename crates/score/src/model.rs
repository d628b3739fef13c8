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

/// What the code knows of a section kind, in one place: a new kind is added to the enum, to
/// [`SectionKind::ALL`] and to the match of [`SectionKind::info`] (which the compiler holds to
/// every kind), and nowhere else but the heading wordings that map to it.
#[derive(Debug, Clone, Copy)]
struct KindInfo {
    /// Lower-case id, as in the JSON report.
    id: &'static str,
    /// The standard heading to write.
    heading: &'static str,
    /// A skill named here is shown in use (full keyword credit), not only listed.
    shows_use: bool,
    /// Its sections list dated entries, so a dated line right under its heading is expected.
    /// Not education: school and employer names end in its words ("Harbor Education").
    holds_dated_entries: bool,
    /// Every résumé has one: a heading of it in a plainer style than the others is still a
    /// heading.
    core: bool,
}

impl SectionKind {
    /// Every kind, in the usual résumé order (a test checks it holds each kind once).
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

    const fn info(self) -> KindInfo {
        match self {
            SectionKind::Contact => KindInfo {
                id: "contact",
                heading: "Contact",
                shows_use: false,
                holds_dated_entries: false,
                core: true,
            },
            SectionKind::Summary => KindInfo {
                id: "summary",
                heading: "Summary",
                shows_use: true,
                holds_dated_entries: false,
                core: true,
            },
            SectionKind::Experience => KindInfo {
                id: "experience",
                heading: "Experience",
                shows_use: true,
                holds_dated_entries: true,
                core: true,
            },
            SectionKind::Education => KindInfo {
                id: "education",
                heading: "Education",
                shows_use: false,
                holds_dated_entries: false,
                core: true,
            },
            SectionKind::Skills => KindInfo {
                id: "skills",
                heading: "Skills",
                shows_use: false,
                holds_dated_entries: false,
                core: true,
            },
            SectionKind::Projects => KindInfo {
                id: "projects",
                heading: "Projects",
                shows_use: true,
                holds_dated_entries: true,
                core: false,
            },
            SectionKind::Certifications => KindInfo {
                id: "certifications",
                heading: "Certifications",
                shows_use: false,
                holds_dated_entries: true,
                core: false,
            },
            SectionKind::Awards => KindInfo {
                id: "awards",
                heading: "Awards",
                shows_use: true,
                holds_dated_entries: true,
                core: false,
            },
            SectionKind::Publications => KindInfo {
                id: "publications",
                heading: "Publications",
                shows_use: true,
                holds_dated_entries: true,
                core: false,
            },
            SectionKind::Volunteering => KindInfo {
                id: "volunteering",
                heading: "Volunteering",
                shows_use: true,
                holds_dated_entries: true,
                core: false,
            },
            SectionKind::Languages => KindInfo {
                id: "languages",
                heading: "Languages",
                shows_use: false,
                holds_dated_entries: false,
                core: false,
            },
            SectionKind::Interests => KindInfo {
                id: "interests",
                heading: "Interests",
                shows_use: false,
                holds_dated_entries: false,
                core: false,
            },
            SectionKind::References => KindInfo {
                id: "references",
                heading: "References",
                shows_use: false,
                holds_dated_entries: false,
                core: false,
            },
            SectionKind::Other => KindInfo {
                id: "other",
                heading: "Other",
                shows_use: true,
                holds_dated_entries: false,
                core: false,
            },
        }
    }

    /// Lower-case id as in the JSON report.
    pub fn as_str(self) -> &'static str {
        self.info().id
    }

    /// The standard heading to write for this kind.
    pub fn standard_heading(self) -> &'static str {
        self.info().heading
    }

    /// Whether a skill named in this kind of section is shown in use, not only listed.
    pub(crate) fn shows_use(self) -> bool {
        self.info().shows_use
    }

    /// Whether this kind of section lists dated entries (jobs, projects, awards...).
    pub(crate) fn holds_dated_entries(self) -> bool {
        self.info().holds_dated_entries
    }

    /// Whether every résumé has a section of this kind.
    pub(crate) fn is_core(self) -> bool {
        self.info().core
    }
}

#[cfg(test)]
mod kind_tests {
    use super::SectionKind;

    #[test]
    fn all_holds_every_kind_once_in_declaration_order() {
        // `Other` is declared last, so its discriminant counts the kinds.
        assert_eq!(SectionKind::ALL.len(), SectionKind::Other as usize + 1);
        for (i, kind) in SectionKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i, "{kind:?}");
        }
    }

    #[test]
    fn ids_are_the_serde_names_and_headings_are_distinct() {
        for kind in SectionKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
        }
        let mut headings: Vec<&str> = SectionKind::ALL.iter().map(|k| k.standard_heading()).collect();
        headings.sort_unstable();
        headings.dedup();
        assert_eq!(headings.len(), SectionKind::ALL.len());
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
