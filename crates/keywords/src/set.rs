//! Role keyword sets: the data files in `keywords/`, parsed and verified.

use serde::{Deserialize, Serialize};

/// Category of a keyword term.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A core technical skill ("Machine Learning", "SQL").
    HardSkill,
    /// A framework or library ("PyTorch").
    Framework,
    /// A tool or platform ("Kubernetes", "AWS").
    Tool,
    /// A method or practice ("A/B Testing").
    Method,
    /// A soft skill ("Communication").
    SoftSkill,
    /// A certification.
    Certification,
    /// A job title recruiters search.
    JobTitle,
}

impl Category {
    /// Kebab-case id as in the data files and the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::HardSkill => "hard-skill",
            Category::Framework => "framework",
            Category::Tool => "tool",
            Category::Method => "method",
            Category::SoftSkill => "soft-skill",
            Category::Certification => "certification",
            Category::JobTitle => "job-title",
        }
    }
}

/// One role's keyword set (one file in `keywords/`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KeywordSet {
    /// Role id, equal to the file stem, e.g. `ml-engineer`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One-sentence description of the role.
    pub summary: String,
    /// The seed passages or public sources the set rests on.
    pub sources: Vec<String>,
    /// Role-level advice from the career guides.
    #[serde(default)]
    pub advice: Vec<String>,
    /// The terms.
    pub terms: Vec<Term>,
}

/// One term of a keyword set.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Term {
    /// Canonical spelling as recruiters search it.
    pub term: String,
    /// Category.
    pub category: Category,
    /// Importance 1 (nice to have) to 5 (core).
    pub weight: u8,
    /// Other spellings, acronym ↔ full form.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What builds this skill for the role (required for weight 5).
    #[serde(default)]
    pub learn: Option<String>,
    /// Evidence of the skill that names something else: a technique that is a kind of it ("LoRA"
    /// for parameter-efficient fine-tuning, "YOLO" for object detection) or the title of the one
    /// who does it ("Technical Writer" for technical writing). Each counts as the term where it
    /// is written, but is never suggested: the report asks for the term and its aliases.
    #[serde(default)]
    pub implied_by: Vec<String>,
    /// Match only with this exact case (short ambiguous terms such as "R", "Go").
    #[serde(default)]
    pub case_sensitive: bool,
}
