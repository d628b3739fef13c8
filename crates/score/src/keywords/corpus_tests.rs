//! Evidence on the shared corpus (`../shared/corpus`, issue 4 §6): for each fictional résumé,
//! the share of its truth `skills` that its own role's set finds, the coverage, the best-fitting
//! roles, and the time to match. Reads the pdftotext references as text and takes the sections
//! from each source's `x_headings`, so it depends on neither the PDF parser nor the section
//! detector. Run with `-- --nocapture` to see the table.

use std::path::PathBuf;
use std::time::Instant;

use super::engine::Engine;
use super::sets::KeywordSets;
use crate::model::{SectionKind, SectionSpan};

fn corpus() -> Option<PathBuf> {
    ats_testkit::shared_corpus("keyword corpus test")
}

/// Sections from the heading wording each source used.
fn sections(text: &str, headings: &serde_json::Map<String, serde_json::Value>) -> Vec<SectionSpan> {
    let kind = |key: &str| match key {
        "summary" => SectionKind::Summary,
        "work" => SectionKind::Experience,
        "education" => SectionKind::Education,
        "skills" => SectionKind::Skills,
        "projects" => SectionKind::Projects,
        "certificates" => SectionKind::Certifications,
        "publications" => SectionKind::Publications,
        "awards" => SectionKind::Awards,
        "languages" => SectionKind::Languages,
        "interests" => SectionKind::Interests,
        "volunteer" => SectionKind::Volunteering,
        "references" => SectionKind::References,
        _ => SectionKind::Other,
    };
    let mut spans: Vec<SectionSpan> = Vec::new();
    let mut open = (SectionKind::Contact, 0usize, String::new());
    let mut pos = 0;
    for line in text.split('\n') {
        let t = line.trim();
        if let Some((k, _)) = headings
            .iter()
            .find(|(_, v)| v.as_str().is_some_and(|h| h.eq_ignore_ascii_case(t)))
        {
            spans.push(SectionSpan {
                kind: open.0,
                heading: open.2.clone(),
                heading_line: None,
                first_line: 0,
                end_line: 0,
                start: open.1,
                end: pos,
            });
            open = (kind(k), pos, t.to_string());
        }
        pos += line.len() + 1;
    }
    spans.push(SectionSpan {
        kind: open.0,
        heading: open.2,
        heading_line: None,
        first_line: 0,
        end_line: 0,
        start: open.1,
        end: text.len(),
    });
    spans
}

#[test]
fn corpus_skills_are_found_for_their_own_role() {
    let Some(dir) = corpus() else { return };
    let sets = KeywordSets::builtin();
    if sets.all().is_empty() {
        eprintln!("\n*** SKIPPED: no keyword sets embedded ***\n");
        return;
    }
    let engine = Engine::new(&sets);
    let mut sources: Vec<PathBuf> = std::fs::read_dir(dir.join("sources"))
        .expect("sources/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    sources.sort();
    let truth: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).expect("truth.json")).expect("json");
    let mut shares = Vec::new();
    let mut own_in_top3 = 0;
    println!(
        "\n{:<40} {:<26} {:>7} {:>8} {:>6} {:>9}  top roles",
        "résumé (pdftotext)", "role", "skills", "coverage", "score", "time µs"
    );
    for src in &sources {
        let source: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
        let id = source["id"].as_str().unwrap();
        let role = source["role"].as_str().unwrap().replace('_', "-");
        let txt = dir.join(format!("fictional/{id}.pdf.pdftotext.txt"));
        let Ok(text) = std::fs::read_to_string(&txt) else {
            continue;
        };
        let text = text.replace('\u{c}', "\n");
        let Some(r) = engine.role_by_id(&role) else {
            panic!("no keyword set for role {role} of {id}")
        };
        let spans = sections(&text, source["x_headings"].as_object().unwrap());
        let doc = ats_parse::Document {
            text: text.clone(),
            pages: 1,
            ..Default::default()
        };
        let t0 = Instant::now();
        let o = engine.evaluate(&doc, &spans, Some(r), None);
        let micros = t0.elapsed().as_micros();
        let skills: Vec<String> = truth
            .iter()
            .find(|e| e["file"].as_str() == Some(&format!("fictional/{id}.pdf")))
            .and_then(|e| e["expect"]["skills"].as_array())
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        // A skill counts when it is a term of the role (the set knows it) and the résumé
        // matches that term.
        let range = engine.tables.roles[r].terms.clone();
        let mut found = Vec::new();
        let mut unknown = Vec::new();
        for s in &skills {
            let scan = engine.scan(s, &[], &[]);
            let terms: Vec<usize> = scan
                .occs
                .iter()
                .map(|o| o.term as usize)
                .filter(|t| range.contains(t))
                .collect();
            if terms.iter().any(|t| {
                o.keywords
                    .matched
                    .iter()
                    .any(|m| m.term == engine.tables.str(engine.tables.terms[*t].term))
            }) {
                found.push(s.clone());
            } else {
                unknown.push(s.clone());
            }
        }
        let share = if skills.is_empty() {
            1.0
        } else {
            found.len() as f64 / skills.len() as f64
        };
        shares.push(share);
        let top: Vec<String> = o
            .role_fit
            .iter()
            .map(|f| format!("{} {:.2}", f.id, f.coverage))
            .collect();
        if o.role_fit.iter().any(|f| f.id == role) {
            own_in_top3 += 1;
        }
        println!(
            "{:<40} {:<26} {:>3}/{:<3} {:>8.2} {:>6.1} {:>9}  {}",
            id,
            role,
            found.len(),
            skills.len(),
            o.keywords.coverage,
            o.keyword_score.unwrap(),
            micros,
            top.join(", ")
        );
        if !unknown.is_empty() {
            println!("{:<40} not found: {}", "", unknown.join(", "));
        }
        let codes: Vec<String> = o
            .findings
            .iter()
            .map(|s| format!("{}({:.1})", s.finding.code, s.lost))
            .collect();
        println!("{:<40} findings: {}", "", codes.join(" "));
        for n in &o.keywords.near {
            println!("{:<40} near: {} -> {}", "", n.found, n.term);
        }
        // KW_DUMP=<id prefix> prints the whole keyword part of one résumé.
        if std::env::var("KW_DUMP").is_ok_and(|p| !p.is_empty() && id.starts_with(&p)) {
            for m in &o.keywords.matched {
                println!(
                    "  matched {} w{} x{} {:?} {:?}",
                    m.term, m.weight, m.count, m.sections, m.forms
                );
            }
            for m in &o.keywords.missing {
                println!("  missing {} w{} ({})", m.term, m.weight, m.category);
            }
            for s in &o.findings {
                let f = &s.finding;
                println!(
                    "  [{:?} {} -{:.1}] {}\n      -> {}",
                    f.severity, f.code, s.lost, f.message, f.suggestion
                );
            }
        }
    }
    assert!(!shares.is_empty(), "no pdftotext references read");
    let mean = shares.iter().sum::<f64>() / shares.len() as f64;
    println!(
        "mean share of truth skills found for the own role: {mean:.2}; own role in top 3: {own_in_top3}/{}",
        shares.len()
    );
    assert!(mean >= 0.8, "mean share {mean:.2}");
    assert!(
        own_in_top3 * 3 >= shares.len() * 2,
        "own role in the top 3 for most résumés"
    );
}
