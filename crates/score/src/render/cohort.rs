//! A cohort: many résumés scored together (a career-services batch). What is common to the
//! whole group — score distribution, the parts, the keywords most often missing, the most common
//! ATS risks, the roles students fit best — computed once here and rendered as Markdown or as a
//! self-contained HTML page ([`super::cohort_html`]).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::count;
use crate::checks::{self, Part};
use crate::report::Report;

/// Missing keywords listed in a cohort summary.
const MISSING_SHOWN: usize = 15;
/// ATS risks listed in a cohort summary.
const RISKS_SHOWN: usize = 10;
/// Lowest-scoring résumés listed in the Markdown summary ("help these first").
const LOWEST_SHOWN: usize = 10;

/// One file of a cohort and what came of reading it.
#[derive(Debug, Clone, Copy)]
pub struct CohortFile<'a> {
    /// The file as the advisor knows it (relative to the folder given).
    pub file: &'a str,
    /// The report, or why there is none.
    pub outcome: FileOutcome<'a>,
}

/// What came of one file.
#[derive(Debug, Clone, Copy)]
pub enum FileOutcome<'a> {
    /// Read and scored.
    Scored(&'a Report),
    /// A résumé format that could not be read (damaged, encrypted, a folder that could not be
    /// listed, ...): the one-line error.
    Unreadable(&'a str),
    /// A format ats-check does not read (legacy .doc, RTF, ODT, an image, ...): the one-line
    /// error, which says what to upload instead.
    Unsupported(&'a str),
}

/// The codes of a report that are ATS risks: the parse-health checks, plus missing contact
/// fields and headings an ATS does not know. Sorted, each once.
pub fn risk_codes(report: &Report) -> Vec<&str> {
    let mut codes: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.code.as_str(),
                "missing-email" | "missing-phone" | "nonstandard-heading"
            ) || checks::lookup(&f.code).is_some_and(|c| c.part == Part::ParseHealth)
        })
        .map(|f| f.code.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The score of one part of a report (`parse-health`, `content`, `keywords`, `job-match`).
pub fn part_score(report: &Report, id: &str) -> Option<u32> {
    report.score.parts.iter().find(|p| p.id == id).map(|p| p.score)
}

/// A keyword that students scored for one role leave out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MissingRow<'a> {
    pub term: &'a str,
    pub role: &'a str,
    /// The term's weight in the role, 1–5.
    pub weight: u8,
    /// Students scored for the role who leave it out.
    pub missing: usize,
    /// Students scored for the role.
    pub of: usize,
}

impl MissingRow<'_> {
    pub fn share(&self) -> f64 {
        self.missing as f64 / self.of.max(1) as f64
    }
}

/// An ATS risk and how many students have it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RiskRow<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// What to tell students: the check's fix.
    pub fix: &'a str,
    pub students: usize,
}

/// The figures of a cohort every renderer shows.
pub(crate) struct CohortStats<'a> {
    /// (index into the files, report) of every scored file.
    pub scored: Vec<(usize, &'a Report)>,
    pub unreadable: usize,
    pub unsupported: usize,
    /// Overall scores, ascending.
    pub scores: Vec<u32>,
    /// (part id, part name, mean score, students with the part), in the report's part order.
    pub parts: Vec<(&'a str, &'a str, f64, usize)>,
    /// Most worth telling first: see [`missing_order`].
    pub missing: Vec<MissingRow<'a>>,
    /// Most students first, then by code.
    pub risks: Vec<RiskRow<'a>>,
    /// (role name, students whose best fit it is), most first, then by name.
    pub best_fits: Vec<(&'a str, usize)>,
    /// Names of the roles the keyword part scored, each once, by name.
    pub roles_scored: Vec<&'a str>,
}

/// Keywords most worth teaching first: the share of students missing it times its weight (the
/// keyword points the cohort loses to it), then the larger share, the heavier term, the larger
/// group, and finally the term and role, so that the order is total and stable.
fn missing_order(a: &MissingRow, b: &MissingRow) -> std::cmp::Ordering {
    let value = |r: &MissingRow| r.share() * f64::from(r.weight);
    value(b)
        .total_cmp(&value(a))
        .then(b.share().total_cmp(&a.share()))
        .then(b.weight.cmp(&a.weight))
        .then(b.of.cmp(&a.of))
        .then(a.term.cmp(b.term))
        .then(a.role.cmp(b.role))
}

impl<'a> CohortStats<'a> {
    pub fn new(files: &'a [CohortFile<'a>]) -> Self {
        let mut scored = Vec::new();
        let (mut unreadable, mut unsupported) = (0, 0);
        for (i, f) in files.iter().enumerate() {
            match f.outcome {
                FileOutcome::Scored(r) => scored.push((i, r)),
                FileOutcome::Unreadable(_) => unreadable += 1,
                FileOutcome::Unsupported(_) => unsupported += 1,
            }
        }
        let mut scores: Vec<u32> = scored.iter().map(|(_, r)| r.score.overall).collect();
        scores.sort_unstable();

        let mut parts: Vec<(&str, &str, f64, usize)> = Vec::new();
        for (_, r) in &scored {
            for p in &r.score.parts {
                match parts.iter_mut().find(|(id, ..)| *id == p.id) {
                    Some(entry) => {
                        entry.2 += f64::from(p.score);
                        entry.3 += 1;
                    }
                    None => parts.push((&p.id, &p.name, f64::from(p.score), 1)),
                }
            }
        }
        // A blocked report has only its one part: order by the usual part order.
        let rank = |id: &str| {
            [Part::ParseHealth, Part::Content, Part::Keywords, Part::JobMatch]
                .iter()
                .position(|p| p.id() == id)
                .unwrap_or(usize::MAX)
        };
        parts.sort_by_key(|p| rank(p.0));
        for p in &mut parts {
            p.2 /= p.3.max(1) as f64;
        }

        // Missing keywords per role scored: a share means something only within one role.
        let mut per_role: BTreeMap<&str, usize> = BTreeMap::new();
        let mut missing: BTreeMap<(&str, &str), (u8, usize)> = BTreeMap::new();
        let mut risks: BTreeMap<&str, usize> = BTreeMap::new();
        let mut best_fits: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, r) in &scored {
            if let Some(role) = r.role.as_ref().filter(|_| part_score(r, Part::Keywords.id()).is_some()) {
                *per_role.entry(&role.name).or_default() += 1;
                for m in &r.keywords.missing {
                    let e = missing.entry((&role.name, &m.term)).or_insert((m.weight, 0));
                    e.1 += 1;
                }
            }
            for code in risk_codes(r) {
                *risks.entry(code).or_default() += 1;
            }
            if let Some(fit) = r.role_fit.first() {
                *best_fits.entry(&fit.name).or_default() += 1;
            }
        }
        let mut missing: Vec<MissingRow> = missing
            .into_iter()
            .map(|((role, term), (weight, n))| MissingRow {
                term,
                role,
                weight,
                missing: n,
                of: per_role.get(role).copied().unwrap_or(n),
            })
            .collect();
        missing.sort_by(missing_order);
        missing.truncate(MISSING_SHOWN);

        let mut risks: Vec<RiskRow> = risks
            .into_iter()
            .map(|(code, students)| {
                let check = checks::lookup(code);
                RiskRow {
                    code,
                    name: check.map_or(code, |c| c.name),
                    fix: check.map_or("", |c| c.fix),
                    students,
                }
            })
            .collect();
        risks.sort_by(|a, b| b.students.cmp(&a.students).then(a.code.cmp(b.code)));
        risks.truncate(RISKS_SHOWN);

        let mut best_fits: Vec<(&str, usize)> = best_fits.into_iter().collect();
        best_fits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));

        CohortStats {
            scored,
            unreadable,
            unsupported,
            scores,
            parts,
            missing,
            risks,
            best_fits,
            roles_scored: per_role.into_keys().collect(),
        }
    }

    pub fn mean(&self) -> Option<f64> {
        (!self.scores.is_empty())
            .then(|| self.scores.iter().map(|&s| f64::from(s)).sum::<f64>() / self.scores.len() as f64)
    }

    /// The score at quantile `q` (0–1) by nearest rank, or None without scores.
    pub fn quantile(&self, q: f64) -> Option<u32> {
        let last = self.scores.len().checked_sub(1)?;
        self.scores
            .get((last as f64 * q.clamp(0.0, 1.0)).round() as usize)
            .copied()
    }

    /// "300 files: 296 scored, 1 could not be read, 3 in a format ats-check does not read."
    pub fn counts_line(&self, files: usize) -> String {
        format!(
            "{}: {} scored, {} could not be read, {} in a format ats-check does not read",
            count(files, "file", "files"),
            self.scored.len(),
            self.unreadable,
            self.unsupported
        )
    }

    /// What the keyword part was scored against, in words.
    pub fn role_line(&self, role: Option<&str>) -> String {
        let by_fit = self
            .scored
            .iter()
            .any(|(_, r)| r.role.as_ref().is_some_and(|role| role.best_fit));
        match role {
            Some(name) => format!("Role: {name}."),
            None if by_fit => "Role: each résumé scored for the role it fits best.".to_string(),
            None => "Role: none, so keywords are not scored; each résumé's best fits are named.".to_string(),
        }
    }

    /// Whether the missing-keyword rows come from more than one role (so the role is shown).
    pub fn several_roles(&self) -> bool {
        self.roles_scored.len() > 1
    }
}

/// The cohort summary in Markdown: how many, how good, what is missing most, which risks are
/// most common and what to tell students, the roles students fit, and who needs help first.
/// `role` is the name of the role every résumé was scored for, or None when each was scored for
/// its best fit.
pub fn cohort_markdown(files: &[CohortFile], role: Option<&str>) -> String {
    let stats = CohortStats::new(files);
    let mut out = String::new();
    let _ = writeln!(out, "# Cohort summary\n");
    let _ = writeln!(out, "{}. {}\n", stats.counts_line(files.len()), stats.role_line(role));
    if let (Some(mean), Some(min), Some(max)) = (stats.mean(), stats.quantile(0.0), stats.quantile(1.0)) {
        let q = |p| stats.quantile(p).unwrap_or_default();
        let _ = writeln!(out, "## Scores\n");
        let _ = writeln!(
            out,
            "mean {mean:.1} · min {min} · 25th {} · median {} · 75th {} · max {max}\n",
            q(0.25),
            q(0.5),
            q(0.75),
        );
        let _ = writeln!(out, "| score | résumés |\n|---|---:|");
        for (lo, hi) in [(90, 100), (80, 89), (70, 79), (60, 69), (50, 59), (0, 49)] {
            let n = stats.scores.iter().filter(|&&s| s >= lo && s <= hi).count();
            let _ = writeln!(out, "| {lo}–{hi} | {n} |");
        }
        let _ = writeln!(out, "\n| part | mean |\n|---|---:|");
        for (_, name, mean, _) in &stats.parts {
            let _ = writeln!(out, "| {name} | {mean:.1} |");
        }
    }
    if !stats.missing.is_empty() {
        let several = stats.several_roles();
        let _ = writeln!(
            out,
            "\n## Keywords most often missing\n\nRanked by the share of students missing it times its weight (1–5) in the role.\n"
        );
        let _ = writeln!(
            out,
            "| keyword |{} weight | students missing it |\n|---|{}---:|---:|",
            if several { " role |" } else { "" },
            if several { "---|" } else { "" }
        );
        for m in &stats.missing {
            let role = if several {
                format!(" {} |", m.role)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "| {} |{role} {} | {} of {} ({:.0}%) |",
                md_cell(m.term),
                m.weight,
                m.missing,
                m.of,
                m.share() * 100.0
            );
        }
    }
    if !stats.scored.is_empty() {
        let _ = writeln!(out, "\n## Most common ATS risks\n");
        if stats.risks.is_empty() {
            let _ = writeln!(out, "None found.");
        } else {
            let _ = writeln!(out, "| risk | résumés | what to tell students |\n|---|---:|---|");
            for r in &stats.risks {
                let _ = writeln!(out, "| `{}` | {} | {} |", r.code, r.students, md_cell(r.fix));
            }
        }
        if !stats.best_fits.is_empty() {
            let _ = writeln!(out, "\n## Best-fit roles\n\n| role | résumés |\n|---|---:|");
            for (name, n) in &stats.best_fits {
                let _ = writeln!(out, "| {name} | {n} |");
            }
        }
        let mut lowest = stats.scored.clone();
        lowest.sort_by_key(|(i, r)| (r.score.overall, files[*i].file));
        let _ = writeln!(
            out,
            "\n## Lowest scores (help these first)\n\n| file | score | top risk |\n|---|---:|---|"
        );
        for (i, r) in lowest.iter().take(LOWEST_SHOWN) {
            let top_risk = risk_codes(r).first().copied().unwrap_or("—");
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md_cell(files[*i].file),
                r.score.overall,
                top_risk
            );
        }
    }
    let failed: Vec<(&str, &str)> = files
        .iter()
        .filter_map(|f| match f.outcome {
            FileOutcome::Scored(_) => None,
            FileOutcome::Unreadable(e) | FileOutcome::Unsupported(e) => Some((f.file, e)),
        })
        .collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\n## Could not be read\n\n| file | why |\n|---|---|");
        for (f, e) in failed {
            let _ = writeln!(out, "| {} | {} |", md_cell(f), md_cell(e));
        }
    }
    out
}

/// Text for a Markdown table cell: a pipe or a line break would end the cell.
fn md_cell(s: &str) -> String {
    s.replace('|', "/").replace(['\n', '\r'], " ")
}
