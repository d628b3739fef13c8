//! From matches to the keyword part of the report: role coverage, role fit, findings, and the
//! points each finding costs.
//!
//! Scoring, on each part's 0–100 scale:
//! - A role's coverage is the share of its terms' weight the résumé earns: a term shown in use
//!   (summary, experience, projects, publications...) earns its weight, a term only in a list
//!   (Skills, Education, Certifications, the contact line) earns [`LISTED_CREDIT`] of it;
//!   certifications and job titles earn their weight wherever they are, and a hard skill in
//!   Education (a field of study) earns its weight. Hidden text earns
//!   nothing; near forms that a literal search misses earn nothing.
//! - The keyword part scores `100 × min(1, coverage / ROLE_TARGET)`: no one has every term of
//!   a broad role set (see [`ROLE_TARGET`]). The points lost are shared among the findings that
//!   explain them (missing terms, near forms, listed-only skills) in proportion to the weight
//!   each leaves unearned. Stuffing, hidden keywords, a missing portfolio link and no deployed
//!   project cost fixed points on top. The sum of `lost` is always exactly `100 − score`.

use std::collections::BTreeSet;

use ats_parse::Document;

use super::codes;
use super::compile::FormKind;
use super::engine::{Engine, Near, Scan};
use super::set::Category;
use super::signals;
use crate::checks::{Check, Scored};
use crate::model::{SectionKind, SectionSpan};
use crate::report::{Finding, KeywordMatch, Keywords, MissingKeyword, NearMiss, RoleFit, Severity};

/// Share of a term's weight earned when it appears only in a list.
pub(super) const LISTED_CREDIT: f64 = 0.6;
/// Coverage of a role's weighted terms at which the keyword part scores 100. The sets are broad
/// (45–70 terms over seven categories: several clouds, frameworks, certifications and titles
/// that no one has all of); on the shared corpus the strongest résumés for their own role cover
/// 0.34 (senior ML engineer) to 0.43 (MLOps engineer), a thin new-grad résumé 0.19.
pub(super) const ROLE_TARGET: f64 = 0.4;
/// Weight from which a term is core: reported one by one, with what builds it.
pub(super) const CORE_WEIGHT: u8 = 4;
/// A term this many times in the résumé is stuffing.
const STUFFED_TOTAL: usize = 10;
/// A term this many times on one line is stuffing.
const STUFFED_LINE: usize = 4;
/// Points (keyword part) per stuffed term, and at most.
const STUFFING_POINTS: f64 = 5.0;
const STUFFING_MAX: f64 = 15.0;
/// Points (keyword part) for keywords in hidden text.
const HIDDEN_POINTS: f64 = 20.0;
/// Points (keyword part) for no portfolio link / no deployed project, where the role needs one.
const PORTFOLIO_POINTS: f64 = 5.0;
const DEPLOYED_POINTS: f64 = 5.0;
/// Another role must beat the chosen one's coverage by this much to be suggested.
const BETTER_FIT_MARGIN: f64 = 0.10;
/// Roles listed in `role_fit`.
const ROLE_FIT_TOP: usize = 3;

/// The keyword part of a report, with its findings and scores.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// Role keyword match (empty when no role was given).
    pub keywords: crate::report::Keywords,
    /// The best-fitting roles, best first.
    pub role_fit: Vec<crate::report::RoleFit>,
    /// Match against the job posting, when one was given.
    pub job_match: Option<crate::report::JobMatch>,
    /// Findings, each with the points it costs in its part.
    pub findings: Vec<crate::checks::Scored>,
    /// 0–100, None without a role.
    pub keyword_score: Option<f64>,
    /// 0–100, None without a (usable) posting.
    pub job_match_score: Option<f64>,
    /// The role scored: the one asked for, or the best fit when it was chosen here.
    pub role: Option<usize>,
}

/// What the résumé shows of one term.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(super) struct TermAgg {
    /// Visible occurrences.
    pub count: usize,
    /// Shown in use somewhere (full credit).
    pub used: bool,
}

impl TermAgg {
    /// Weight earned, 0..=weight.
    fn credit(self, weight: u8) -> f64 {
        let w = f64::from(weight);
        if self.used {
            w
        } else if self.count > 0 {
            w * LISTED_CREDIT
        } else {
            0.0
        }
    }
}

/// A term shown in use at an occurrence in this section.
fn shown_in_use(section: Option<SectionKind>, category: Category) -> bool {
    if matches!(category, Category::Certification | Category::JobTitle) {
        return true;
    }
    // A field of study ("M.S. Statistics", "B.S. Computer Science") shows a hard skill; a
    // framework or tool in a coursework list does not.
    if section == Some(SectionKind::Education) && category == Category::HardSkill {
        return true;
    }
    match section {
        None => true,
        Some(k) => matches!(
            k,
            SectionKind::Summary
                | SectionKind::Experience
                | SectionKind::Projects
                | SectionKind::Publications
                | SectionKind::Volunteering
                | SectionKind::Awards
                | SectionKind::Other
        ),
    }
}

/// A finding waiting for its points: `raw` is weight left unearned (shared out of the
/// coverage loss), `points` a fixed cost.
enum Cost {
    Coverage(f64),
    Fixed(f64),
    Free,
}

struct Pending {
    finding: Finding,
    cost: Cost,
}

/// Turns pending findings into scored ones and the part's score: coverage-based losses share
/// `coverage_lost`, fixed costs add, and everything is scaled down if it passes 100.
fn settle(pending: Vec<Pending>, coverage_lost: f64) -> (Vec<Scored>, f64) {
    let raw_total: f64 = pending
        .iter()
        .map(|p| if let Cost::Coverage(r) = p.cost { r } else { 0.0 })
        .sum();
    let mut lost: Vec<f64> = pending
        .iter()
        .map(|p| match p.cost {
            Cost::Coverage(r) if raw_total > 0.0 => coverage_lost * r / raw_total,
            Cost::Fixed(points) => points,
            _ => 0.0,
        })
        .collect();
    let total: f64 = lost.iter().sum();
    if total > 100.0 {
        for l in &mut lost {
            *l *= 100.0 / total;
        }
    }
    let total: f64 = lost.iter().sum();
    let scored = pending
        .into_iter()
        .zip(lost)
        .map(|(p, lost)| {
            let mut finding = p.finding;
            if lost <= 0.0 && finding.severity == Severity::Warning && matches!(p.cost, Cost::Coverage(_)) {
                // Above the target coverage a gap is worth doing, not a warning.
                finding.severity = Severity::Suggestion;
            }
            Scored { finding, lost }
        })
        .collect();
    (scored, (100.0 - total).clamp(0.0, 100.0))
}

fn find(
    check: &'static Check,
    section: Option<SectionKind>,
    message: String,
    suggestion: String,
    evidence: Option<(String, usize)>,
) -> Finding {
    check.finding(section, message, suggestion, evidence)
}

fn quote_list<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::with_capacity(items.iter().map(|s| s.as_ref().len() + 2).sum::<usize>() + 4);
    push_list(&mut out, items);
    out
}

/// Appends "a, b and c" to `out` (see [`quote_list`]).
fn push_list<S: AsRef<str>>(out: &mut String, items: &[S]) {
    let n = items.len();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == n { " and " } else { ", " });
        }
        out.push_str(item.as_ref());
    }
}

/// The strings back to back, in one allocation of the right size: the findings' messages are
/// built for every term of the role, and `format!` costs several times as much.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// A term's weight (0–255) in decimal, without an allocation for the usual one digit.
fn weight_str(w: u8) -> std::borrow::Cow<'static, str> {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    match DIGITS.get(usize::from(w)) {
        Some(d) => std::borrow::Cow::Borrowed(d),
        None => std::borrow::Cow::Owned(w.to_string()),
    }
}

/// A category's name in a sentence: `Category::as_str` with spaces for hyphens, without the
/// `str::replace` copy per finding.
fn category_words(c: Category) -> &'static str {
    match c {
        Category::HardSkill => "hard skill",
        Category::SoftSkill => "soft skill",
        Category::JobTitle => "job title",
        c => c.as_str(),
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// `pct(LISTED_CREDIT)`, written out once (a test checks it).
const LISTED_CREDIT_PCT: &str = "60%";

/// Where to add a missing term of this category, if true, and what builds it when the set says.
/// The finding's message names the term; the fix says "it", so the report can say one fix once
/// for every term it fits.
fn where_to_add(category: Category, learn: Option<&str>) -> String {
    let (lead, learn) = match learn {
        Some(learn) => (" If you lack it, what builds it: ", learn),
        None => ("", ""),
    };
    match category {
        Category::SoftSkill => concat(&[
            "If it is true, show it in a bullet with an example of it (what you did, with whom, the result); \
             a soft skill only listed under Skills carries little weight.",
            lead,
            learn,
        ]),
        Category::Certification => concat(&[
            "If you hold it, list it under Certifications with the issuer and the year.",
            lead,
            learn,
        ]),
        Category::JobTitle => concat(&[
            "If you have held this title or done this work, write it as quoted in your headline or \
             summary: recruiters search by title. Never rename a past job you did not hold.",
            lead,
            learn,
        ]),
        _ => concat(&[
            "If you have used it, name it in an Experience or Projects bullet that says what you built with it \
             and the result; if you only know it, add it to Skills (a bullet that shows use counts more than a list).",
            lead,
            learn,
        ]),
    }
}

impl Engine {
    /// Scores `doc` for the role at index `role_idx` (see [`Engine::role_by_id`]), or for every
    /// role when None, and against `job_posting`.
    #[cfg(test)]
    pub(crate) fn evaluate(
        &self,
        doc: &Document,
        sections: &[SectionSpan],
        role_idx: Option<usize>,
        job_posting: Option<&super::Posting>,
    ) -> Outcome {
        self.evaluate_choosing(doc, sections, role_idx, false, job_posting)
    }

    /// [`Engine::evaluate`], and with `best_fit` and no role asked for, scores the role the
    /// résumé fits best (when any of its terms are there) as if it had been asked for.
    pub(crate) fn evaluate_choosing(
        &self,
        doc: &Document,
        sections: &[SectionSpan],
        role_idx: Option<usize>,
        best_fit: bool,
        job_posting: Option<&super::Posting>,
    ) -> Outcome {
        let text = doc.text.as_str();
        let hidden = signals::hidden_ranges(doc);
        let scan = self.scan(text, sections, &hidden);
        let aggs = self.aggregate(&scan);

        // Roles best first, as indices: only the top few become report strings.
        let roles = &self.tables.roles;
        let covs = self.coverages(&scan, &aggs);
        let mut order: Vec<usize> = (0..roles.len()).collect();
        order.sort_by(|&a, &b| {
            covs[b]
                .total_cmp(&covs[a])
                .then_with(|| self.tables.str(roles[a].id).cmp(self.tables.str(roles[b].id)))
        });

        // A role none of whose terms are there fits nothing: no role is scored then.
        let role_idx = role_idx.or_else(|| order.first().copied().filter(|&r| best_fit && covs[r] > 0.0));
        let mut pending: Vec<Pending> = Vec::new();
        let mut keywords = Keywords::default();
        let mut keyword_score = None;
        let with_role = role_idx.is_some();
        self.stuffing(&scan, text, with_role, &mut pending);
        self.hidden_keywords(doc, &hidden, with_role, &mut pending);
        let mut coverage_lost = 0.0;
        if let Some(r) = role_idx {
            let near = self.near_forms(&scan, text, sections, r);
            let (kw, lost) = self.role_keywords(r, &scan, &aggs, &near, text, &mut pending);
            coverage_lost = lost;
            keywords = kw;
            self.portfolio_and_deployment(r, doc, &scan, sections, &mut pending);
            self.better_fit(r, &order, &covs, keywords.coverage, &mut pending);
        }
        let (mut findings, score) = settle(pending, coverage_lost);
        if with_role {
            keyword_score = Some(score);
        }
        let (job_match, job_match_score, job_findings) = match job_posting {
            Some(posting) => self.job_part(posting, &scan, &aggs, role_idx, text, sections),
            None => (None, None, Vec::new()),
        };
        findings.extend(job_findings);
        let fits: Vec<RoleFit> = order
            .iter()
            .take(ROLE_FIT_TOP)
            .map(|&i| RoleFit {
                id: self.tables.str(roles[i].id).to_string(),
                name: self.tables.str(roles[i].name).to_string(),
                coverage: covs[i],
            })
            .collect();
        Outcome {
            keywords,
            role_fit: fits,
            job_match,
            findings,
            keyword_score,
            job_match_score,
            role: role_idx,
        }
    }

    /// Per term: visible occurrences and whether one is shown in use.
    pub(super) fn aggregate(&self, scan: &Scan) -> Vec<TermAgg> {
        // Only the occurrences are visited, not every term of every role (~900).
        let mut aggs = vec![TermAgg::default(); self.tables.terms.len()];
        for o in scan.occs.iter().filter(|o| !o.hidden) {
            let t = o.term as usize;
            let agg = &mut aggs[t];
            agg.count += 1;
            agg.used |= shown_in_use(o.section, self.tables.terms[t].category);
        }
        aggs
    }

    /// Every role's [`Engine::coverage`] (nothing withheld). Walks the matched terms only, in
    /// term order, so each role's sum adds the same non-zero credits in the same order as
    /// walking all its terms; walking all ~900 terms for 15 roles was ~5M instructions on the
    /// 61-file bench (with `aggregate`).
    pub(super) fn coverages(&self, scan: &Scan, aggs: &[TermAgg]) -> Vec<f64> {
        let roles = &self.tables.roles;
        let mut got = vec![0.0; roles.len()];
        let mut r = 0;
        let mut last: Option<usize> = None;
        // `occs` are sorted by term, and roles hold consecutive, increasing ranges of terms.
        for o in &scan.occs {
            let t = o.term as usize;
            if last == Some(t) {
                continue;
            }
            last = Some(t);
            if aggs[t].count == 0 {
                continue;
            }
            while r < roles.len() && roles[r].terms.end <= t {
                r += 1;
            }
            if roles.get(r).is_some_and(|role| role.terms.contains(&t)) {
                got[r] += aggs[t].credit(self.tables.terms[t].weight);
            }
        }
        got.iter()
            .zip(&self.role_weights)
            .map(|(&got, &total)| if total > 0.0 { got / total } else { 0.0 })
            .collect()
    }

    /// Weighted coverage of the terms in `range`; terms in `not_credited` earn nothing.
    pub(super) fn coverage(&self, range: &std::ops::Range<usize>, aggs: &[TermAgg], not_credited: &[u32]) -> f64 {
        let (mut got, mut total) = (0.0, 0.0);
        for t in range.clone() {
            let w = self.tables.terms[t].weight;
            total += f64::from(w);
            if !not_credited.contains(&(t as u32)) {
                got += aggs[t].credit(w);
            }
        }
        if total > 0.0 {
            got / total
        } else {
            0.0
        }
    }

    /// The chosen role's match, its findings (pushed), and the points the coverage loses.
    fn role_keywords(
        &self,
        r: usize,
        scan: &Scan,
        aggs: &[TermAgg],
        near: &[Near],
        text: &str,
        pending: &mut Vec<Pending>,
    ) -> (Keywords, f64) {
        let role = &self.tables.roles[r];
        let range = role.terms.clone();
        // Near forms not credited, of terms with no exact match: the term earns nothing.
        let near_only: Vec<u32> = near
            .iter()
            .filter(|n| !n.credited && aggs[n.term as usize].count == 0)
            .map(|n| n.term)
            .collect();
        let coverage = self.coverage(&range, aggs, &near_only);
        let coverage_lost = 100.0 * (1.0 - (coverage / ROLE_TARGET).min(1.0));

        // (category, (weight, term) of each missing minor term, weight left unearned)
        type Gaps<'a> = Vec<(Category, Vec<(u8, &'a str)>, f64)>;
        let mut missing_by_cat: Gaps = Vec::with_capacity(7);
        let mut listed_minor: Vec<&str> = Vec::new();
        let mut listed_minor_raw = 0.0;
        for t in range.clone() {
            let term = &self.tables.terms[t];
            let agg = aggs[t];
            let w = f64::from(term.weight);
            if agg.count > 0 {
                let occs = || scan.of(t).iter().filter(|o| !o.hidden);
                if !agg.used {
                    let Some(first) = occs().next() else { continue };
                    if term.weight >= CORE_WEIGHT {
                        let where_ = first.section.map_or("a list", |s| s.standard_heading());
                        pending.push(Pending {
                            finding: find(
                                &codes::SKILL_LISTED_NOT_USED,
                                first.section,
                                concat(&[
                                    "'",
                                    self.tables.str(term.term),
                                    "' (a core ",
                                    category_words(term.category),
                                    " of the role) appears only in ",
                                    where_,
                                    ", never in a bullet that shows it in use.",
                                ]),
                                concat(&[
                                    "If true, name it in an Experience or Projects bullet that says what you built with \
                                     it and the result: a skill shown in use counts fully, one only listed counts ",
                                    LISTED_CREDIT_PCT,
                                    ".",
                                ]),
                                Some((one_line(&text[first.start..first.end]), first.start)),
                            ),
                            cost: Cost::Coverage(w * (1.0 - LISTED_CREDIT)),
                        });
                    } else {
                        listed_minor.push(self.tables.str(term.term));
                        listed_minor_raw += w * (1.0 - LISTED_CREDIT);
                    }
                }
                // Acronym / full form: the caller collects these below.
                continue;
            }
            if near_only.contains(&(t as u32)) {
                continue;
            }
            if term.weight >= CORE_WEIGHT {
                let suggestion = where_to_add(term.category, term.learn.map(|l| self.tables.str(l)));
                pending.push(Pending {
                    finding: find(
                        &codes::MISSING_KEYWORDS,
                        None,
                        concat(&[
                            "'",
                            self.tables.str(term.term),
                            "' (",
                            category_words(term.category),
                            ", weight ",
                            &weight_str(term.weight),
                            " of 5) is not in the résumé.",
                        ]),
                        suggestion,
                        None,
                    ),
                    cost: Cost::Coverage(w),
                });
            } else {
                match missing_by_cat.iter_mut().find(|(c, _, _)| *c == term.category) {
                    Some((_, names, raw)) => {
                        names.push((term.weight, self.tables.str(term.term)));
                        *raw += w;
                    }
                    None => {
                        // Room for the rest of the role's terms: no regrowing per term.
                        let mut names = Vec::with_capacity(range.end - t);
                        names.push((term.weight, self.tables.str(term.term)));
                        missing_by_cat.push((term.category, names, w));
                    }
                }
            }
        }
        missing_by_cat.sort_by_key(|(c, _, _)| *c);
        for (cat, mut names, raw) in missing_by_cat {
            // Heaviest first (stable: file order among equals).
            names.sort_by_key(|n| std::cmp::Reverse(n.0));
            let names: Vec<&str> = names.into_iter().map(|n| n.1).collect();
            let label = category_plural(cat);
            pending.push(Pending {
                finding: find(
                    &codes::MISSING_KEYWORDS,
                    None,
                    {
                        let mut message =
                            String::with_capacity(label.len() + names.iter().map(|n| n.len() + 5).sum::<usize>() + 80);
                        message.push_str(&capitalise(label));
                        message.push_str(" of the role not in the résumé: ");
                        push_list(&mut message, &names);
                        message.push('.');
                        message
                    },
                    // The message lists the terms; the fix says what to do with them, so
                    // categories that take the same fix share it.
                    match cat {
                        Category::SoftSkill => "Show the ones that are true in bullets with an example of each.",
                        Category::Certification => "List the ones you hold under Certifications.",
                        Category::JobTitle => {
                            "Use the title that fits your work in your headline or summary, if it is true."
                        }
                        _ => "Add the ones you have used, in a bullet that shows use (counts more) or in Skills.",
                    }
                    .to_string(),
                    None,
                ),
                cost: Cost::Coverage(raw),
            });
        }
        if !listed_minor.is_empty() {
            pending.push(Pending {
                finding: find(
                    &codes::SKILL_LISTED_NOT_USED,
                    Some(SectionKind::Skills),
                    {
                        let mut message = String::from("Listed but never shown in a bullet: ");
                        push_list(&mut message, &listed_minor);
                        message.push('.');
                        message
                    },
                    concat(&[
                        "Where true, name them in the bullets where you used them; listed only, each counts ",
                        LISTED_CREDIT_PCT,
                        " of its weight.",
                    ]),
                    None,
                ),
                cost: Cost::Coverage(listed_minor_raw),
            });
        }
        let mut near_report = Vec::new();
        for n in near {
            let term = &self.tables.terms[n.term as usize];
            near_report.push(NearMiss {
                term: self.tables.str(term.term).to_string(),
                found: n.found.clone(),
            });
            let uncredited = near_only.contains(&n.term);
            let mut finding = find(
                &codes::KEYWORD_NEAR_MISS,
                n.section,
                if uncredited {
                    format!(
                        "'{}' is a near form of '{}'; a literal ATS search for '{}' may not find it.",
                        n.found,
                        self.tables.str(term.term),
                        self.tables.str(term.term)
                    )
                } else {
                    format!(
                        "'{}' is written '{}' here; recruiters search '{}'.",
                        self.tables.str(term.term),
                        n.found,
                        self.tables.str(term.term)
                    )
                },
                format!("Write it as the exact term: '{}'.", self.tables.str(term.term)),
                Some((n.found.clone(), n.start)),
            );
            if !uncredited {
                finding.severity = Severity::Suggestion;
            }
            pending.push(Pending {
                finding,
                cost: if uncredited {
                    Cost::Coverage(f64::from(term.weight))
                } else {
                    Cost::Free
                },
            });
        }
        self.acronym_findings(r, scan, aggs, pending);
        // Heaviest first, then by name, in term order among equals: the role's terms in that
        // order, filtered, are the matched and the missing terms as a stable sort orders them.
        let order = self.heaviest_first(r).iter().map(|&t| t as usize);
        let matched: Vec<KeywordMatch> = order
            .clone()
            .filter(|&t| aggs[t].count > 0)
            .map(|t| {
                let term = &self.tables.terms[t];
                let occs = || scan.of(t).iter().filter(|o| !o.hidden);
                // Sorted and unique, as a BTreeSet would give them, without its nodes.
                let mut sections: Vec<SectionKind> = occs().filter_map(|o| o.section).collect();
                sections.sort_unstable();
                sections.dedup();
                let mut forms: Vec<String> = Vec::new();
                for o in occs() {
                    if forms.len() >= 5 {
                        break;
                    }
                    let f = one_line(&text[o.start..o.end]);
                    if !forms.contains(&f) {
                        forms.push(f);
                    }
                }
                KeywordMatch {
                    term: self.tables.str(term.term).to_string(),
                    category: term.category.as_str().to_string(),
                    weight: term.weight,
                    count: aggs[t].count,
                    sections,
                    forms,
                }
            })
            .collect();
        let missing: Vec<MissingKeyword> = order
            .filter(|&t| aggs[t].count == 0 && !near_only.contains(&(t as u32)))
            .map(|t| {
                let term = &self.tables.terms[t];
                MissingKeyword {
                    term: self.tables.str(term.term).to_string(),
                    category: term.category.as_str().to_string(),
                    weight: term.weight,
                    learn: term.learn.map(|l| self.tables.str(l).to_string()),
                }
            })
            .collect();
        (
            Keywords {
                matched,
                missing,
                near: near_report,
                coverage,
            },
            coverage_lost,
        )
    }

    /// `acronym-only` / `full-form-only`: matched terms of weight 3+ with both an acronym and a
    /// full form, of which the résumé writes only one, when recruiters search the other: an
    /// acronym alone is fine when it is the term's own spelling ("SQL" needs no "Structured
    /// Query Language"), and a job title is searched spelled out ("Machine Learning Engineer"
    /// needs no "(MLE)").
    fn acronym_findings(&self, r: usize, scan: &Scan, aggs: &[TermAgg], pending: &mut Vec<Pending>) {
        let mut only_acronym: Vec<String> = Vec::new();
        let mut only_full: Vec<String> = Vec::new();
        for t in self.tables.roles[r].terms.clone() {
            let term = &self.tables.terms[t];
            if aggs[t].count == 0 || term.weight < 3 {
                continue;
            }
            let acronym = self.tables.forms_of(term).iter().find(|f| f.kind == FormKind::Acronym);
            let full = self.tables.forms_of(term).iter().find(|f| f.kind == FormKind::Full);
            let (Some(acronym), Some(full)) = (acronym, full) else {
                continue;
            };
            let kinds: BTreeSet<u8> = scan
                .of(t)
                .iter()
                .filter(|o| !o.hidden)
                .map(|o| self.tables.forms_of(term)[o.form as usize].kind as u8)
                .collect();
            let has_acr = kinds.contains(&(FormKind::Acronym as u8));
            let has_full = kinds.contains(&(FormKind::Full as u8));
            let pair = format!("{} ({})", self.tables.str(full.text), self.tables.str(acronym.text));
            let searched = self.tables.forms_of(term).first().map(|f| f.kind);
            if has_acr && !has_full && searched == Some(FormKind::Full) {
                only_acronym.push(pair);
            } else if has_full && !has_acr && term.category != Category::JobTitle {
                only_full.push(pair);
            }
        }
        if !only_acronym.is_empty() {
            pending.push(Pending {
                finding: find(
                    &codes::ACRONYM_ONLY,
                    None,
                    format!(
                        "Only the acronym is written for {}.",
                        crate::render::count(only_acronym.len(), "term", "terms")
                    ),
                    format!(
                        "Write the full form once beside the acronym: {}.",
                        quote_list(&only_acronym)
                    ),
                    None,
                ),
                cost: Cost::Free,
            });
        }
        if !only_full.is_empty() {
            pending.push(Pending {
                finding: find(
                    &codes::FULL_FORM_ONLY,
                    None,
                    format!(
                        "Only the full form is written for {}.",
                        crate::render::count(only_full.len(), "term", "terms")
                    ),
                    format!("Add the acronym once beside the full form: {}.", quote_list(&only_full)),
                    None,
                ),
                cost: Cost::Free,
            });
        }
    }

    /// `keyword-stuffing`: a known term (any role) 10+ times, or 4+ times on one line.
    fn stuffing(&self, scan: &Scan, text: &str, with_role: bool, pending: &mut Vec<Pending>) {
        // (key, token) of every visible occurrence, once per place, packed in one integer to sort
        // (an occurrence's start is its first token's).
        let mut packed: Vec<u64> = scan
            .occs
            .iter()
            .filter(|o| !o.hidden)
            .map(|o| (self.tables.terms[o.term as usize].key as u64) << 32 | u64::from(o.tok))
            .collect();
        packed.sort_unstable();
        packed.dedup();
        // (key, token, start)
        let places: Vec<(usize, u32, usize)> = packed
            .iter()
            .map(|&p| {
                let tok = p as u32;
                ((p >> 32) as usize, tok, scan.tokens[tok as usize].start)
            })
            .collect();
        // Lines are split only when some term is placed often enough to be stuffing.
        let mut lines: Vec<(usize, usize)> = Vec::new();
        let mut stuffed = 0usize;
        let mut i = 0;
        while i < places.len() {
            let key = places[i].0;
            let mut j = i;
            while j < places.len() && places[j].0 == key {
                j += 1;
            }
            let group = &places[i..j];
            // Fewer places than either threshold: not stuffing (on one line <= in total).
            if group.len() < STUFFED_TOTAL.min(STUFFED_LINE) {
                i = j;
                continue;
            }
            if lines.is_empty() {
                lines = signals::line_spans(text);
            }
            let line_of = |at: usize| lines.partition_point(|&(_, end)| end < at);
            let mut per_line: Vec<(usize, usize, usize)> = Vec::new(); // (line, count, first start)
            for &(_, _, start) in group {
                let l = line_of(start);
                match per_line.last_mut() {
                    Some(last) if last.0 == l => last.1 += 1,
                    _ => per_line.push((l, 1, start)),
                }
            }
            let densest = per_line.iter().max_by_key(|p| (p.1, std::cmp::Reverse(p.0))).copied();
            if let Some((line, on_line, _)) = densest {
                if group.len() >= STUFFED_TOTAL || on_line >= STUFFED_LINE {
                    stuffed += 1;
                    let (a, b) = lines[line];
                    let evidence = shorten(&text[a..b], 120);
                    let term = self.tables.str(self.tables.keys[key].term);
                    let points = if with_role && (stuffed as f64) * STUFFING_POINTS <= STUFFING_MAX {
                        Cost::Fixed(STUFFING_POINTS)
                    } else {
                        Cost::Free
                    };
                    pending.push(Pending {
                        finding: find(
                            &codes::KEYWORD_STUFFING,
                            scan.occs.iter().find(|o| o.start == group[0].2).and_then(|o| o.section),
                            format!(
                                "'{term}' appears {} times{}.",
                                group.len(),
                                if on_line >= 2 {
                                    format!(" ({on_line} times on one line)")
                                } else {
                                    String::new()
                                }
                            ),
                            format!(
                                "Name {term} where you used it, once or twice per job: repeating it earns nothing in a \
                                 presence search and reads as stuffing to a recruiter."
                            ),
                            Some((evidence, a)),
                        ),
                        cost: points,
                    });
                }
            }
            i = j;
        }
    }

    /// `keyword-stuffing` (error): known terms in hidden text. Matches there earn nothing.
    fn hidden_keywords(&self, doc: &Document, hidden: &[(usize, usize)], with_role: bool, pending: &mut Vec<Pending>) {
        let mut quoted: Vec<(String, Option<usize>, Vec<String>)> = Vec::new();
        for h in &doc.signals.hidden_text {
            let s = self.scan(&h.text, &[], &[]);
            let mut names: Vec<String> = Vec::new();
            for o in &s.occs {
                let name = self
                    .tables
                    .str(self.tables.keys[self.tables.terms[o.term as usize].key].term);
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
            if names.is_empty() {
                continue;
            }
            let needle = h.text.trim().trim_end_matches('\u{2026}').trim_end();
            let at = hidden
                .iter()
                .find(|&&(a, b)| doc.text[a..b].contains(needle))
                .and_then(|&(a, b)| doc.text[a..b].find(needle).map(|i| a + i));
            quoted.push((shorten(&h.text, 120), at, names));
        }
        if quoted.is_empty() {
            return;
        }
        let all: Vec<String> = quoted
            .iter()
            .flat_map(|q| q.2.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let (text, at, _) = &quoted[0];
        let mut finding = find(
            &codes::KEYWORD_STUFFING,
            None,
            format!(
                "Text a reader cannot see but an ATS reads holds keywords: {} (\"{}\"). They earn no credit here.",
                quote_list(&all[..all.len().min(8)]),
                text
            ),
            "Delete the hidden text: recruiters treat invisible keywords as cheating the ATS, and some ATSs flag it."
                .to_string(),
            at.map(|a| (text.clone(), a)),
        );
        finding.severity = Severity::Error;
        pending.push(Pending {
            finding,
            cost: if with_role {
                Cost::Fixed(HIDDEN_POINTS)
            } else {
                Cost::Free
            },
        });
    }

    /// `no-portfolio-link` and `no-deployed-project`, where the role's guides stress them.
    fn portfolio_and_deployment(
        &self,
        r: usize,
        doc: &Document,
        scan: &Scan,
        sections: &[SectionSpan],
        pending: &mut Vec<Pending>,
    ) {
        let role = &self.tables.roles[r];
        if role.portfolio && !signals::has_portfolio_link(doc, scan.tokens.urls()) {
            pending.push(Pending {
                finding: find(
                    &codes::NO_PORTFOLIO_LINK,
                    Some(SectionKind::Contact),
                    "No GitHub, Kaggle, Hugging Face or portfolio link found, in the text or as a link.".to_string(),
                    format!(
                        "Add your GitHub (or Kaggle, or portfolio site) as a plain-text URL on the contact line, e.g. \
                         github.com/yourname: for {} roles the guides call public, documented projects the strongest proof of skill.",
                        self.tables.str(role.name)
                    ),
                    None,
                ),
                cost: Cost::Fixed(PORTFOLIO_POINTS),
            });
        }
        if role.deployed && !signals::has_deployment_evidence(scan, sections) {
            pending.push(Pending {
                finding: find(
                    &codes::NO_DEPLOYED_PROJECT,
                    None,
                    "No sign that a model or app you built was deployed or used (no 'deployed', 'production', \
                     'shipped', 'launched', 'serving', 'end-to-end', 'users' or an endpoint in your experience or projects)."
                        .to_string(),
                    "If true, say where it runs and who uses it, e.g. 'Deployed the classifier as a FastAPI service on AWS, \
                     serving 2k requests a day'. If not yet, take one project end to end: data, model, evaluation, deployment."
                        .to_string(),
                    None,
                ),
                cost: Cost::Fixed(DEPLOYED_POINTS),
            });
        }
    }

    /// `better-fitting-role`: another role's coverage beats the chosen one's by the margin.
    /// `order`: every role's index, best first; `covs`: each role's coverage, by index.
    fn better_fit(&self, r: usize, order: &[usize], covs: &[f64], chosen: f64, pending: &mut Vec<Pending>) {
        let roles = &self.tables.roles;
        let role = &roles[r];
        let id = self.tables.str(role.id);
        let chosen_raw = order
            .iter()
            .find(|&&i| self.tables.str(roles[i].id) == id)
            .map_or(chosen, |&i| covs[i]);
        if let Some(&b) = order.iter().find(|&&i| self.tables.str(roles[i].id) != id) {
            let best = RoleFit {
                id: self.tables.str(roles[b].id).to_string(),
                name: self.tables.str(roles[b].name).to_string(),
                coverage: covs[b],
            };
            if best.coverage >= chosen_raw + BETTER_FIT_MARGIN {
                pending.push(Pending {
                    finding: find(
                        &codes::BETTER_FITTING_ROLE,
                        None,
                        format!(
                            "The résumé covers {} of the {} terms but {} of the {} terms.",
                            pct(best.coverage),
                            best.name,
                            pct(chosen_raw),
                            self.tables.str(role.name)
                        ),
                        format!(
                            "Consider applying as {} too (--role {}), or add the {} terms you can honestly claim.",
                            best.name,
                            best.id,
                            self.tables.str(role.name)
                        ),
                        None,
                    ),
                    cost: Cost::Free,
                });
            }
        }
    }
}

fn category_plural(c: Category) -> &'static str {
    match c {
        Category::HardSkill => "hard skills",
        Category::Framework => "frameworks and libraries",
        Category::Tool => "tools and platforms",
        Category::Method => "methods",
        Category::SoftSkill => "soft skills",
        Category::Certification => "certifications",
        Category::JobTitle => "job titles",
    }
}

fn capitalise(s: &str) -> String {
    if let Some(first) = s.as_bytes().first().filter(|b| b.is_ascii()) {
        // The usual case (category labels): no `char` iteration.
        let mut out = String::with_capacity(s.len());
        out.push(char::from(first.to_ascii_uppercase()));
        out.push_str(&s[1..]);
        return out;
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `s` with every run of whitespace (line breaks included) as one space.
pub(super) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// At most `max` characters on one line, with `…` when cut.
pub(super) fn shorten(s: &str, max: usize) -> String {
    let s = &one_line(s);
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
    }
}

/// Settles job-posting findings (used by the posting module).
pub(super) fn settle_job(items: Vec<(Finding, f64, bool)>, gap_lost: f64) -> (Vec<Scored>, f64) {
    let pending = items
        .into_iter()
        .map(|(finding, amount, fixed)| Pending {
            finding,
            cost: if fixed {
                Cost::Fixed(amount)
            } else {
                Cost::Coverage(amount)
            },
        })
        .collect();
    settle(pending, gap_lost)
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn lists_read_as_joined_before() {
        let items: Vec<String> = ["PyTorch", "SQL", "AWS", "Docker", "MLflow", "Spark"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for n in 0..=items.len() {
            let items = &items[..n];
            let joined = match n {
                0 => String::new(),
                1 => items[0].clone(),
                n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
            };
            assert_eq!(quote_list(items), joined);
        }
    }

    #[test]
    fn written_numbers_and_percentages_read_as_formatted() {
        assert_eq!(LISTED_CREDIT_PCT, pct(LISTED_CREDIT));
        for w in [0u8, 1, 5, 9, 10, 255] {
            assert_eq!(weight_str(w), w.to_string());
        }
        for s in ["hard skills", "frameworks and libraries", "émigré", ""] {
            let mut c = s.chars();
            let want: String = match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            };
            assert_eq!(capitalise(s), want);
        }
    }

    #[test]
    fn category_words_replace_hyphens() {
        for c in [
            Category::HardSkill,
            Category::Framework,
            Category::Tool,
            Category::Method,
            Category::SoftSkill,
            Category::Certification,
            Category::JobTitle,
        ] {
            assert_eq!(category_words(c), c.as_str().replace('-', " "));
        }
    }
}
