//! Extraction quality on `../shared/corpus` (when present): recall against each PDF's
//! `pdftotext` reference, every `must_contain` phrase, every layout risk as a signal, and no
//! false columns. Skips loudly outside CI when the corpus is missing; fails in CI.

use std::collections::HashMap;
use std::path::PathBuf;

use unicode_normalization::UnicodeNormalization;

fn corpus() -> Option<PathBuf> {
    ats_testkit::shared_corpus("corpus extraction checks")
}

/// Lower-cased `\w+` tokens, as the evaluation script counts them.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn recall<T: std::hash::Hash + Eq + Clone>(ours: &[T], reference: &[T]) -> f64 {
    let mut have: HashMap<T, usize> = HashMap::new();
    for w in ours {
        *have.entry(w.clone()).or_default() += 1;
    }
    let mut hit = 0;
    for w in reference {
        if let Some(n) = have.get_mut(w) {
            if *n > 0 {
                *n -= 1;
                hit += 1;
            }
        }
    }
    hit as f64 / reference.len().max(1) as f64
}

fn normalise(s: &str) -> String {
    let s: String = s
        .nfkc()
        .map(|c| {
            if matches!(c, '\u{ad}' | '\u{2010}' | '\u{2011}') {
                '-'
            } else {
                c
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[test]
fn corpus_pdfs_read_like_pdftotext_and_show_their_layout_risks() {
    let Some(dir) = corpus() else { return };
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).expect("truth.json")).expect("json");
    let mut word_recalls = Vec::new();
    let mut pair_recalls = Vec::new();
    let mut failures = Vec::new();
    for entry in truth.as_array().expect("array") {
        let file = entry["file"].as_str().expect("file");
        if !file.ends_with(".pdf") {
            continue;
        }
        let bytes = std::fs::read(dir.join(file)).expect("corpus file");
        let doc = ats_parse::extract(&bytes, &ats_parse::Limits::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let reference = std::fs::read_to_string(dir.join(format!("{file}.pdftotext.txt"))).unwrap_or_default();
        let (ours, theirs) = (words(&doc.text), words(&reference));
        if !theirs.is_empty() {
            let w = recall(&ours, &theirs);
            let pairs = |v: &[String]| v.windows(2).map(|p| (p[0].clone(), p[1].clone())).collect::<Vec<_>>();
            let p = recall(&pairs(&ours), &pairs(&theirs));
            eprintln!("{file}: word recall {w:.4}, word-pair recall {p:.4}");
            if w < 0.97 {
                failures.push(format!("{file}: word recall {w:.3} < 0.97"));
            }
            word_recalls.push(w);
            pair_recalls.push(p);
        }
        let text = normalise(&doc.text);
        for phrase in entry["expect"]["must_contain"].as_array().into_iter().flatten() {
            let phrase = phrase.as_str().unwrap_or_default();
            // A hyphen at a line break may stand where the source had none ("Wisconsin-\nMadison").
            let alt = normalise(phrase).replace('-', "- ");
            if !text.contains(&normalise(phrase)) && !text.contains(&alt) {
                failures.push(format!("{file}: missing {phrase:?}"));
            }
        }
        let risks: Vec<&str> = entry["expect"]["layout_risks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .collect();
        let s = &doc.signals;
        for risk in &risks {
            let seen = match *risk {
                "multi-column" => !s.columns.is_empty(),
                "table-layout" => !s.tables.is_empty(),
                "contact-in-header-footer" => !s.header_footer.is_empty(),
                "text-box" => !s.text_boxes.is_empty(),
                "image-only" => !s.image_only_pages.is_empty(),
                _ => true,
            };
            if !seen {
                failures.push(format!("{file}: layout risk {risk} not detected"));
            }
        }
        if !risks.contains(&"multi-column") && !s.columns.is_empty() {
            failures.push(format!("{file}: false multi-column"));
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    eprintln!(
        "PDFs: {}; word recall mean {:.4}; word-pair recall mean {:.4}",
        word_recalls.len(),
        mean(&word_recalls),
        mean(&pair_recalls)
    );
    if mean(&word_recalls) < 0.995 {
        failures.push(format!("mean word recall {:.4} < 0.995", mean(&word_recalls)));
    }
    if mean(&pair_recalls) < 0.98 {
        failures.push(format!("mean word-pair recall {:.4} < 0.98", mean(&pair_recalls)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
