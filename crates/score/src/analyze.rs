//! Assembles the report: runs the section, contact, entry, bullet and ATS-risk checks and the
//! keyword engine, then scores with the published weights (`docs/scoring.md`).
//!
//! Scoring: each part (`parse-health`, `content`, and `keywords` / `job-match` when asked for)
//! starts at 100 and loses the points of its findings (per-code caps, never below 0). The
//! overall score is the weighted mean of the parts present, the weights renormalised over
//! them. A finding's `points` is what it cost on the overall scale, so
//! `100 − overall ≈ Σ finding.points` (up to rounding).

use std::collections::BTreeMap;

use ats_parse::Document;

use crate::checks::{self, Part, Scored};
use crate::content;
use crate::keywords::{Engine, Posting};
use crate::model::{SectionKind, SectionSpan};
use crate::read;
use crate::report::{
    Finding, PointsLost, Report, RoleRef, Score, ScorePart, Section, Severity, Source, Suggestion, SCHEMA_VERSION,
};
use crate::risks;

/// Version of the published weights and costs (`docs/scoring.md`).
pub(crate) const WEIGHTS_VERSION: &str = "2026.11";

/// Weight of each part in the overall score, before renormalising over the parts present.
pub(crate) const PART_WEIGHTS: [(Part, f64); 4] = [
    (Part::ParseHealth, 0.30),
    (Part::Content, 0.30),
    (Part::Keywords, 0.20),
    (Part::JobMatch, 0.20),
];

/// What one finding costs in its part (0–100 scale), by code and severity, and the most all
/// findings of the code may cost together. Mirrored in `docs/scoring.md`.
pub(crate) const COSTS: &[(&str, Severity, f64, f64)] = &[
    // Parse health.
    ("scanned-or-empty", Severity::Error, 100.0, 100.0),
    ("image-only", Severity::Error, 100.0, 100.0),
    ("multi-column", Severity::Error, 40.0, 40.0),
    ("multi-column", Severity::Warning, 25.0, 25.0),
    ("table-layout", Severity::Warning, 12.0, 20.0),
    ("text-box", Severity::Warning, 12.0, 20.0),
    ("contact-in-header-footer", Severity::Error, 30.0, 30.0),
    ("contact-in-text-box", Severity::Error, 25.0, 25.0),
    ("images", Severity::Warning, 6.0, 6.0),
    ("images", Severity::Suggestion, 2.0, 2.0),
    ("tiny-font", Severity::Warning, 8.0, 8.0),
    ("hidden-text", Severity::Error, 30.0, 30.0),
    ("unmappable-glyphs", Severity::Error, 35.0, 35.0),
    ("unmappable-glyphs", Severity::Warning, 12.0, 12.0),
    ("unmappable-glyphs", Severity::Suggestion, 2.0, 2.0),
    ("nonstandard-heading", Severity::Warning, 6.0, 18.0),
    ("link-hidden-behind-text", Severity::Warning, 4.0, 8.0),
    ("file-too-large", Severity::Error, 40.0, 40.0),
    ("file-too-large", Severity::Warning, 10.0, 10.0),
    ("too-short", Severity::Error, 30.0, 30.0),
    ("too-short", Severity::Warning, 12.0, 12.0),
    ("too-little-text", Severity::Error, 100.0, 100.0),
    // Content.
    ("missing-name", Severity::Error, 15.0, 15.0),
    ("missing-email", Severity::Error, 15.0, 15.0),
    ("missing-phone", Severity::Warning, 8.0, 8.0),
    ("missing-linkedin", Severity::Suggestion, 2.0, 2.0),
    ("missing-section", Severity::Warning, 10.0, 20.0),
    ("missing-section", Severity::Suggestion, 4.0, 4.0),
    ("unparseable-date", Severity::Warning, 4.0, 12.0),
    ("mixed-date-formats", Severity::Suggestion, 3.0, 3.0),
    ("not-reverse-chronological", Severity::Warning, 6.0, 6.0),
    ("employer-unclear", Severity::Warning, 4.0, 12.0),
    ("year-only-dates", Severity::Suggestion, 3.0, 3.0),
    ("no-quantified-impact", Severity::Suggestion, 1.5, 12.0),
    ("low-quantified-share", Severity::Warning, 8.0, 8.0),
    ("weak-opener", Severity::Warning, 2.0, 8.0),
    ("no-action-verb", Severity::Suggestion, 1.0, 5.0),
    ("buzzword", Severity::Suggestion, 1.0, 5.0),
    ("first-person", Severity::Suggestion, 1.0, 4.0),
    ("passive-voice", Severity::Suggestion, 1.0, 4.0),
    ("bullet-too-long", Severity::Suggestion, 1.0, 4.0),
    ("bullet-too-short", Severity::Suggestion, 1.0, 3.0),
    ("too-long", Severity::Warning, 6.0, 6.0),
];

/// Cost of a finding without an entry in [`COSTS`] (a code added without a cost).
fn default_cost(severity: Severity) -> (f64, f64) {
    match severity {
        Severity::Error => (20.0, 40.0),
        Severity::Warning => (6.0, 18.0),
        Severity::Suggestion => (1.0, 5.0),
    }
}

/// Points a finding of `code` with `severity` costs, and the cap of its code.
pub(crate) fn cost(code: &str, severity: Severity) -> (f64, f64) {
    COSTS
        .iter()
        .find(|(c, s, _, _)| *c == code && *s == severity)
        .map(|&(_, _, p, cap)| (p, cap))
        .unwrap_or_else(|| default_cost(severity))
}

/// Orders findings most severe first, then by points, then by position.
fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    b.severity
        .cmp(&a.severity)
        .then(b.points.total_cmp(&a.points))
        .then(a.offset.unwrap_or(usize::MAX).cmp(&b.offset.unwrap_or(usize::MAX)))
        .then(a.code.cmp(&b.code))
        .then(a.message.cmp(&b.message))
}

/// Applies the caps and the part floor to `items`: `(finding index, cap key, lost, cap)`.
/// Findings sharing a cap key (code and severity) lose at most the cap together, scaled
/// evenly; a part never loses more than 100.
fn capped<K: Ord + Clone>(items: &mut [(usize, K, f64, f64)]) {
    let mut by_key: BTreeMap<K, (f64, f64)> = BTreeMap::new();
    for (_, key, lost, cap) in items.iter() {
        let e = by_key.entry(key.clone()).or_insert((0.0, *cap));
        e.0 += *lost;
        e.1 = e.1.max(*cap);
    }
    for (_, key, lost, _) in items.iter_mut() {
        if let Some(&(sum, cap)) = by_key.get(key) {
            if sum > cap && sum > 0.0 {
                *lost *= cap / sum;
            }
        }
    }
    let total: f64 = items.iter().map(|i| i.2).sum();
    if total > 100.0 {
        for i in items.iter_mut() {
            i.2 *= 100.0 / total;
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Under this many words there is too little text to judge: sections, contact details and
/// keywords read from a few dozen words describe the empty file, not the candidate (words).
const MIN_WORDS_TO_JUDGE: usize = 50;

/// The one finding that stops the analysis: no text layer (a scan), no text at all, or fewer
/// than [`MIN_WORDS_TO_JUDGE`] words.
fn gate(doc: &Document, words: usize) -> Option<Finding> {
    if words >= MIN_WORDS_TO_JUDGE {
        return None;
    }
    risks::text_layer_finding(doc).or_else(|| {
        Some(checks::TOO_LITTLE_TEXT.finding(
            None,
            format!(
                "Only {} of text: too little for an ATS to fill a profile or for this check to judge",
                crate::render::count(words, "word", "words")
            ),
            "Upload the résumé exported from the document you wrote, with each job described in bullets".into(),
            None,
        ))
    })
}

/// The report of a document stopped at the [`gate`]: its one finding costs every point and is
/// the only advice besides the layout findings (which cost nothing more); what was read
/// (contact, sections, entries) is still reported as read, but nothing is judged from it and no
/// keywords are scored.
fn blocked(
    doc: &Document,
    role: Option<usize>,
    engine: &Engine,
    resume: read::Resume,
    words: &read::text::LineWords,
    mut finding: Finding,
    risks: Vec<Finding>,
) -> Report {
    finding.points = 100.0;
    let part = checks::lookup(&finding.code).map_or(Part::ParseHealth, |c| c.part);
    let code = finding.code.clone();
    // How the file is laid out is still worth knowing (a sidebar, a header), but costs nothing
    // more: the gate took every point. The file's length is the gate's own finding.
    let layout = risks.into_iter().filter(|f| {
        f.code != code && f.code != "too-short" && checks::lookup(&f.code).is_some_and(|c| c.part == Part::ParseHealth)
    });
    let findings: Vec<Finding> = std::iter::once(finding)
        .chain(layout.map(|f| Finding { points: 0.0, ..f }))
        .collect();
    Report {
        schema_version: SCHEMA_VERSION,
        source: source(doc, words.total()),
        role: role_ref(role, engine),
        score: Score {
            overall: 0,
            weights_version: WEIGHTS_VERSION.to_string(),
            parts: vec![ScorePart {
                id: part.id().to_string(),
                name: part.name().to_string(),
                score: 0,
                weight: 1.0,
                lost: vec![PointsLost {
                    code: code.clone(),
                    points: 100.0,
                }],
            }],
        },
        blocked_by: Some(code),
        sections: report_sections(&resume.sections, &[], &resume.contact, words),
        contact: resume.contact.contact,
        experience: resume.entries.jobs.into_iter().map(|j| j.entry).collect(),
        education: resume.entries.education,
        keywords: Default::default(),
        role_fit: Vec::new(),
        impact: Default::default(),
        suggestions: suggestions(&findings),
        findings,
        job_match: None,
        text: doc.text.clone(),
    }
}

fn source(doc: &Document, words: usize) -> Source {
    Source {
        format: doc.format.as_str().to_string(),
        pages: doc.pages,
        words,
        bytes: doc.byte_len,
        producer: doc.metadata.producer.clone(),
    }
}

fn role_ref(role: Option<usize>, engine: &Engine) -> Option<RoleRef> {
    role.map(|r| {
        let (id, name) = engine.role_id_name(r);
        RoleRef {
            id: id.to_string(),
            name: name.to_string(),
            best_fit: false,
        }
    })
}

/// Scores `doc` against an optional role (an index from [`Engine::role_by_id`]) and job posting.
pub(crate) fn analyze(
    doc: &Document,
    role: Option<usize>,
    job_posting: Option<&str>,
    today: Option<crate::YearMonth>,
    engine: &Engine,
) -> Report {
    analyze_choosing(doc, role, false, job_posting, today, engine)
}

/// [`analyze`], and with `best_fit` and no role, scored against the role the résumé fits best.
pub(crate) fn analyze_choosing(
    doc: &Document,
    role: Option<usize>,
    best_fit: bool,
    job_posting: Option<&str>,
    today: Option<crate::YearMonth>,
    engine: &Engine,
) -> Report {
    let resume = read::read(doc);
    let words = read::text::LineWords::new(doc);
    if let Some(finding) = gate(doc, words.total()) {
        let risk = risks::evaluate(doc, &resume.sections, &resume.contact, words.total());
        return blocked(doc, role, engine, resume, &words, finding, risk);
    }
    let sections = &resume.sections;
    let content = content::evaluate(doc, &resume);
    let risk = risks::evaluate(doc, sections, &resume.contact, words.total());
    // The posting's degree and years asks are checked against the entries read above.
    let jobs: Vec<_> = match job_posting {
        Some(_) => resume.entries.jobs.iter().map(|j| j.entry.clone()).collect(),
        None => Vec::new(),
    };
    let posting = job_posting.map(|text| Posting {
        text,
        education: &resume.entries.education,
        experience: &jobs,
        today: today.map(crate::YearMonth::index),
    });
    let kw = engine.evaluate_choosing(doc, sections, role, best_fit, posting.as_ref());
    let chosen_by_fit = role.is_none() && kw.role.is_some();
    let role = kw.role;

    // Every finding with the part points it costs.
    let mut scored: Vec<Scored> = Vec::new();
    for f in risk.into_iter().chain(content.findings) {
        let (lost, _) = cost(&f.code, f.severity);
        scored.push(Scored { finding: f, lost });
    }
    let engine_start = scored.len();
    scored.extend(kw.findings);

    // Parts present and their renormalised weights.
    let present: Vec<(Part, f64)> = PART_WEIGHTS
        .iter()
        .copied()
        .filter(|(p, _)| match p {
            Part::ParseHealth | Part::Content => true,
            Part::Keywords => kw.keyword_score.is_some(),
            Part::JobMatch => kw.job_match_score.is_some(),
        })
        .collect();
    let weight_sum: f64 = present.iter().map(|(_, w)| w).sum();

    // Part and cap of each finding, looked up once: `checks::lookup` and `cost` are linear
    // searches by code, and doing them (and formatting a cap key) per part and finding was
    // ~5M instructions on the 61-file bench.
    let part_cap: Vec<(Part, f64)> = scored
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let check = checks::lookup(&s.finding.code);
            if i >= engine_start {
                (check.map_or(Part::Keywords, |c| c.part), 100.0)
            } else {
                (
                    check.map_or(Part::Content, |c| c.part),
                    cost(&s.finding.code, s.finding.severity).1,
                )
            }
        })
        .collect();

    let mut parts: Vec<ScorePart> = Vec::new();
    let mut overall = 0.0;
    for &(part, raw_weight) in &present {
        let weight = raw_weight / weight_sum;
        // Cap key: code and severity.
        let mut items: Vec<(usize, (&str, Severity), f64, f64)> = scored
            .iter()
            .zip(&part_cap)
            .enumerate()
            .filter(|(_, (_, &(p, _)))| p == part)
            .map(|(i, (s, &(_, cap)))| (i, (s.finding.code.as_str(), s.finding.severity), s.lost.max(0.0), cap))
            .collect();
        capped(&mut items);
        // The keyword engine scores its parts itself; its findings share the points it lost.
        let target = match part {
            Part::Keywords => kw.keyword_score,
            Part::JobMatch => kw.job_match_score,
            _ => None,
        };
        if let Some(score) = target {
            let want = (100.0 - score.clamp(0.0, 100.0)).max(0.0);
            let have: f64 = items.iter().map(|i| i.2).sum();
            if have > 0.0 {
                for i in items.iter_mut() {
                    i.2 *= want / have;
                }
            }
        }
        let lost_total: f64 = items.iter().map(|i| i.2).sum();
        let part_score = match target {
            Some(score) if lost_total == 0.0 => score.clamp(0.0, 100.0),
            _ => (100.0 - lost_total).max(0.0),
        };
        overall += weight * part_score;
        let settled: Vec<(usize, f64)> = items.iter().map(|&(i, _, lost, _)| (i, lost)).collect();
        let mut lost_by_code: BTreeMap<&str, f64> = BTreeMap::new();
        for &(i, lost) in &settled {
            *lost_by_code.entry(scored[i].finding.code.as_str()).or_default() += lost;
        }
        let mut lost: Vec<PointsLost> = lost_by_code
            .into_iter()
            .filter(|(_, p)| *p > 0.0)
            .map(|(code, points)| PointsLost {
                code: code.to_string(),
                points: round2(points),
            })
            .collect();
        for (i, lost) in settled {
            scored[i].lost = lost;
            scored[i].finding.points = round2(lost * weight);
        }
        lost.sort_by(|a, b| b.points.total_cmp(&a.points).then(a.code.cmp(&b.code)));
        parts.push(ScorePart {
            id: part.id().to_string(),
            name: part.name().to_string(),
            score: part_score.round().clamp(0.0, 100.0) as u32,
            weight: round2(weight * 100.0) / 100.0,
            lost,
        });
    }

    let mut findings: Vec<Finding> = scored.into_iter().map(|s| s.finding).collect();
    findings.sort_by(finding_order);

    let sections_out = report_sections(sections, &findings, &resume.contact, &words);
    let suggestions = suggestions(&findings);

    Report {
        schema_version: SCHEMA_VERSION,
        source: source(doc, words.total()),
        role: role_ref(role, engine).map(|r| RoleRef {
            best_fit: chosen_by_fit,
            ..r
        }),
        score: Score {
            overall: overall.round().clamp(0.0, 100.0) as u32,
            weights_version: WEIGHTS_VERSION.to_string(),
            parts,
        },
        blocked_by: None,
        contact: resume.contact.contact,
        sections: sections_out,
        experience: resume.entries.jobs.into_iter().map(|j| j.entry).collect(),
        education: resume.entries.education,
        keywords: kw.keywords,
        role_fit: kw.role_fit,
        impact: content.impact,
        findings,
        suggestions,
        job_match: kw.job_match,
        text: doc.text.clone(),
    }
}

/// The index of the section a finding belongs to: the span holding its offset, else the first
/// span of its section kind.
fn section_of(spans: &[SectionSpan], f: &Finding) -> Option<usize> {
    if let Some(off) = f.offset {
        if let Some(i) = spans
            .iter()
            .position(|s| s.start <= off && off < s.end.max(s.start + 1))
        {
            return Some(i);
        }
    }
    let kind = f.section?;
    spans.iter().position(|s| s.kind == kind)
}

fn report_sections(
    spans: &[SectionSpan],
    findings: &[Finding],
    facts: &read::contact::ContactFacts,
    words: &read::text::LineWords,
) -> Vec<Section> {
    let c = &facts.contact;
    let contact_found =
        c.name.is_some() || c.email.is_some() || c.phone.is_some() || c.location.is_some() || !c.links.is_empty();
    let mut out: Vec<Section> = Vec::new();
    let mut index: Vec<Option<usize>> = Vec::new();
    for s in spans {
        // The untitled top block is a contact section only when it holds contact details.
        if s.kind == SectionKind::Contact && s.heading.is_empty() && !contact_found {
            index.push(None);
            continue;
        }
        index.push(Some(out.len()));
        out.push(Section {
            kind: s.kind,
            heading: s.heading.clone(),
            start: s.start,
            end: s.end,
            words: words.in_range(s.start..s.end),
            findings: Vec::new(),
            suggestions: Vec::new(),
        });
    }
    let mut per_section: Vec<Vec<&Finding>> = vec![Vec::new(); out.len()];
    for f in findings {
        if let Some(i) = section_of(spans, f).and_then(|i| index.get(i).copied().flatten()) {
            per_section[i].push(f);
        }
    }
    for (section, list) in out.iter_mut().zip(per_section) {
        section.findings = list.iter().map(|f| (*f).clone()).collect();
        let mut by_points: Vec<&Finding> = list;
        by_points.sort_by(|a, b| b.points.total_cmp(&a.points).then_with(|| finding_order(a, b)));
        for f in by_points {
            if !section.suggestions.contains(&f.suggestion) {
                section.suggestions.push(f.suggestion.clone());
            }
        }
    }
    out
}

/// Suggestions across the résumé, ordered by the points they would win back (identical
/// suggestions merged).
fn suggestions(findings: &[Finding]) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    for f in findings {
        if let Some(s) = out.iter_mut().find(|s| s.text == f.suggestion && s.code == f.code) {
            s.points = round2(s.points + f.points);
            continue;
        }
        out.push(Suggestion {
            section: f.section,
            text: f.suggestion.clone(),
            points: f.points,
            code: f.code.clone(),
        });
    }
    // The check's severity looked up once per suggestion, not in every comparison (a linear
    // search by code).
    let mut keyed: Vec<(Severity, Suggestion)> = out
        .into_iter()
        .map(|s| (checks::lookup(&s.code).map_or(Severity::Suggestion, |c| c.severity), s))
        .collect();
    keyed.sort_by(|(sa, a), (sb, b)| b.points.total_cmp(&a.points).then(sb.cmp(sa)));
    keyed.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cost_names_a_registered_check() {
        for (code, severity, points, cap) in COSTS {
            assert!(checks::lookup(code).is_some(), "cost for unknown code {code}");
            assert!(*points > 0.0 && cap >= points, "{code} {severity:?}");
        }
        for c in crate::risks::CHECKS.iter().chain(crate::content::CHECKS) {
            assert!(
                COSTS.iter().any(|(code, s, _, _)| *code == c.code && *s == c.severity),
                "no cost for {} at its default severity",
                c.code
            );
        }
        let total: f64 = PART_WEIGHTS.iter().map(|(_, w)| w).sum();
        assert!((total - 1.0).abs() < 1e-9);
    }

    #[test]
    fn caps_scale_findings_of_a_code() {
        let mut items = vec![
            (0, "a".to_string(), 5.0, 8.0),
            (1, "a".to_string(), 5.0, 8.0),
            (2, "b".to_string(), 3.0, 3.0),
        ];
        capped(&mut items);
        assert_eq!(items.iter().map(|i| i.2).collect::<Vec<_>>(), [4.0, 4.0, 3.0]);
        let mut over = vec![(0, "x".to_string(), 100.0, 100.0), (1, "y".to_string(), 50.0, 100.0)];
        capped(&mut over);
        let sum: f64 = over.iter().map(|i| i.2).sum();
        assert!((sum - 100.0).abs() < 1e-9);
    }
}

/// Timing of each phase on the shipped sample résumé, in release:
/// `cargo test --release -p ats-score --lib timing -- --ignored --nocapture`.
#[cfg(test)]
mod timing {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    fn per_run(n: u32, mut f: impl FnMut()) -> Duration {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        t.elapsed() / n
    }

    #[test]
    #[ignore = "prints timings; run in release"]
    fn phases() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/jordan-lee-ml-engineer.md");
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("SKIPPED: no sample at {}", path.display());
            return;
        };
        let doc = ats_parse::extract(&bytes, &ats_parse::Limits::default()).expect("the sample parses");
        let n = 2000;
        let r = crate::read::read(&doc);
        let none = crate::KeywordSets::from_sources(&[]).expect("no sets is valid");
        let empty = crate::keywords::Engine::new(&none);
        let engine = crate::keywords::Engine::builtin();
        let role = engine.role_by_id("ml-engineer");
        eprintln!("{} words", doc.word_count());
        eprintln!(
            "sections       {:?}",
            per_run(n, || drop(black_box(crate::read::sections::find_sections(&doc))))
        );
        eprintln!(
            "read           {:?}",
            per_run(n, || drop(black_box(crate::read::read(&doc))))
        );
        eprintln!(
            "content        {:?}",
            per_run(n, || drop(black_box(crate::content::evaluate(&doc, &r))))
        );
        eprintln!(
            "risks          {:?}",
            per_run(n, || drop(black_box(crate::risks::evaluate(
                &doc,
                &r.sections,
                &r.contact,
                doc.word_count()
            ))))
        );
        eprintln!(
            "analyze, no keyword sets     {:?}",
            per_run(n, || drop(black_box(super::analyze(&doc, None, None, None, &empty))))
        );
        eprintln!(
            "analyze, builtin, no role    {:?}",
            per_run(n, || drop(black_box(super::analyze(&doc, None, None, None, &engine))))
        );
        eprintln!(
            "analyze, builtin, ml-engineer {:?}",
            per_run(n, || drop(black_box(super::analyze(&doc, role, None, None, &engine))))
        );
    }
}
