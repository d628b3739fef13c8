//! Signals the keyword part reads from the document besides terms: where hidden text sits,
//! whether there is a portfolio link, whether any project is shown deployed.

use ats_parse::Document;

use super::engine::Scan;
use crate::model::{SectionKind, SectionSpan};

/// Byte ranges of `doc.text` that hold text a reader cannot see (`doc.signals.hidden_text`),
/// sorted and merged. The parser gives the hidden text, not its offset: a line equal to it (or
/// starting with it, when the parser shortened it with `…`) is hidden; failing that, every
/// occurrence of a hidden run of 12 or more characters is. Shorter runs that are not a line of
/// their own are not located (they could equal visible text).
pub(super) fn hidden_ranges(doc: &Document) -> Vec<(usize, usize)> {
    let hidden = &doc.signals.hidden_text;
    if hidden.is_empty() {
        return Vec::new();
    }
    let lines = line_spans(&doc.text);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for h in hidden {
        let t = h.text.trim();
        let shortened = t.ends_with('\u{2026}');
        let needle = t.trim_end_matches('\u{2026}').trim_end();
        if needle.is_empty() {
            continue;
        }
        let before = out.len();
        for &(a, b) in &lines {
            let line = doc.text[a..b].trim();
            if line == needle || (shortened && line.starts_with(needle)) {
                out.push((a, b));
            }
        }
        if out.len() == before && needle.chars().count() >= 12 {
            for (at, _) in doc.text.match_indices(needle) {
                let end = if shortened {
                    doc.text[at..].find('\n').map_or(doc.text.len(), |e| at + e)
                } else {
                    at + needle.len()
                };
                out.push((at, end));
            }
        }
    }
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (a, b) in out {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Byte spans of the lines of `text` (without the newline).
pub(super) fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            spans.push((start, i));
            start = i + 1;
        }
    }
    spans.push((start, text.len()));
    spans
}

/// A link other than LinkedIn and e-mail (GitHub, GitLab, Kaggle, Hugging Face, a personal
/// site) written in the text or held by a link annotation, or a "GitHub:"/"Kaggle:" label.
/// Any other URL counts too: better to miss this finding than to tell someone with a portfolio
/// site that they have none. `urls` are the URLs and e-mail addresses the scan of `doc.text`
/// skipped ([`super::token::Tokens::urls`]).
pub(super) fn has_portfolio_link(doc: &Document, urls: &[(usize, usize)]) -> bool {
    let is_portfolio = |url: &str| {
        let u = url.to_ascii_lowercase();
        !(u.starts_with("mailto:")
            || u.starts_with("tel:")
            || u.contains("linkedin.")
            || (u.contains('@') && !u.contains('/')))
    };
    if doc.signals.links.iter().any(|l| is_portfolio(&l.url)) {
        return true;
    }
    if urls.iter().any(|&(a, b)| doc.text.get(a..b).is_some_and(is_portfolio)) {
        return true;
    }
    let text = doc.text.as_bytes();
    // `match_indices` finds each `:` with a fast byte search, not a test per byte.
    doc.text.match_indices(':').any(|(i, _)| {
        ["github", "gitlab", "kaggle", "portfolio", "hugging face", "huggingface"]
            .iter()
            .any(|label| i >= label.len() && text[i - label.len()..i].eq_ignore_ascii_case(label.as_bytes()))
    })
}

/// Words that show a project runs somewhere and is used: deployed, in production, shipped,
/// launched, serving, released, end-to-end, live, users, a service answering queries or
/// requests, latency, an endpoint or a hosting platform. Broad on purpose: better to miss this
/// finding than to tell someone who ships that they do not.
/// Read outside lists (Skills, Education, Certifications, Contact...), so "Model Deployment"
/// in a skills list is not evidence.
pub(super) fn has_deployment_evidence(scan: &Scan, sections: &[SectionSpan]) -> bool {
    let toks = &scan.tokens;
    toks.iter().enumerate().any(|(i, t)| {
        // The words first: the section is looked up only for a token that is evidence.
        let w = toks.lower(t);
        let word = w.starts_with("deploy")
            || w.starts_with("productioni")
            || matches!(
                w,
                "production"
                    | "prod"
                    | "shipped"
                    | "ship"
                    | "ships"
                    | "shipping"
                    | "launched"
                    | "launch"
                    | "serving"
                    | "served"
                    | "released"
                    | "live"
                    | "users"
                    | "customers"
                    | "clients"
                    | "endpoint"
                    | "endpoints"
                    | "heroku"
                    | "vercel"
                    | "streamlit"
                    | "gradio"
                    | "spaces"
                    | "app"
                    | "apps"
                    | "api"
                    | "apis"
                    | "service"
                    | "services"
                    | "microservice"
                    | "microservices"
                    | "queries"
                    | "requests"
                    | "traffic"
                    | "rps"
                    | "qps"
                    | "latency"
                    | "uptime"
                    | "realtime"
                    | "online"
                    | "daily"
                    | "monthly"
            );
        let end_to_end = w == "end"
            && toks
                .get(i + 1)
                .is_some_and(|n| toks.lower(n) == "to" && !n.barrier_before)
            && toks
                .get(i + 2)
                .is_some_and(|n| toks.lower(n) == "end" && !n.barrier_before);
        if !(word || end_to_end) {
            return false;
        }
        let listed = matches!(
            SectionSpan::kind_at(sections, t.start),
            Some(
                SectionKind::Skills
                    | SectionKind::Education
                    | SectionKind::Certifications
                    | SectionKind::Contact
                    | SectionKind::Languages
                    | SectionKind::Interests
                    | SectionKind::References
            )
        );
        !listed
    })
}
