//! How faithful an export is, read back with our own parser: the share of the source's words
//! kept, kept in reading order, and of word pairs kept; words the export added; contact fields
//! that changed; core sections lost; the layout risks our checker still finds in the export and
//! its parse-health score.
//!
//! Words are compared without case and without the punctuation around them. The source's words
//! are its section bodies: headings are left out (the export writes standard ones by design), as
//! are page numbers and second copies of a running header or footer line (page furniture). The
//! export moves whole sections into the standard order, and header and footer lines and contact
//! details printed outside the contact block (`outline::contact_block_moves`) into the
//! contact block, the name's line first, so the source's words are put in that order before the order is compared: a
//! word counts as in order when it lies on the longest common subsequence of the two.

use std::collections::HashMap;

use ats_parse::{Document, Region};
use ats_score::{Report, SectionKind};
use serde::Serialize;

/// Share of the source's words the export must keep.
pub const MIN_WORDS_KEPT: f64 = 0.98;
/// Share of the source's words the export must keep in their reading order.
pub const MIN_WORDS_IN_ORDER: f64 = 0.98;
/// Share of the source's adjacent word pairs the export must keep.
pub const MIN_PAIRS_KEPT: f64 = 0.95;
/// Parse-health score the export must reach.
pub const MIN_PARSE_HEALTH: u32 = 95;
/// Longest word sequence whose order is compared: the comparison is quadratic, and a résumé
/// has a few thousand words at most; a longer document is reported without an order figure.
const MAX_ORDERED_WORDS: usize = 12_000;
/// Parse-health findings about how much text there is, not how it is laid out: the export
/// keeps the source's words, so it keeps their count.
const LENGTH_FINDINGS: &[&str] = &["too-short", "too-little-text"];
/// The sections every résumé is judged on: the export must keep each the source has.
const CORE_SECTIONS: &[SectionKind] = &[
    SectionKind::Summary,
    SectionKind::Experience,
    SectionKind::Education,
    SectionKind::Skills,
];

/// The figures of one round trip.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundTrip {
    /// Words in the source's section bodies.
    pub source_words: usize,
    /// Share of them found in the export (each occurrence counted once).
    pub words_kept: f64,
    /// Share of them found in the export in their reading order; None past the size compared.
    pub words_in_order: Option<f64>,
    /// Share of the source's adjacent word pairs found in the export.
    pub pairs_kept: f64,
    /// Words of the export the source does not hold anywhere (headings included), in order.
    pub invented: Vec<String>,
    /// Contact fields read differently from the export: `field: source → export`.
    pub contact_changed: Vec<String>,
    /// Core sections of the source the export's reading does not find.
    pub sections_lost: Vec<SectionKind>,
    /// Parse-health finding codes the checker reports on the export, past the length ones.
    pub layout_risks: Vec<String>,
    /// The export's parse-health score.
    pub parse_health: u32,
    /// The export's parse-health score past the points lost to length findings: the export
    /// keeps the source's words, so a short résumé stays short. The bar applies to this one.
    pub parse_health_layout: u32,
}

impl RoundTrip {
    /// What falls short of the bar, one sentence each; empty when the round trip holds.
    pub fn shortfalls(&self) -> Vec<String> {
        let mut out = Vec::new();
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        if self.words_kept < MIN_WORDS_KEPT {
            out.push(format!("words kept {} < {}", pct(self.words_kept), pct(MIN_WORDS_KEPT)));
        }
        if let Some(order) = self.words_in_order.filter(|&o| o < MIN_WORDS_IN_ORDER) {
            out.push(format!("words in order {} < {}", pct(order), pct(MIN_WORDS_IN_ORDER)));
        }
        if self.pairs_kept < MIN_PAIRS_KEPT {
            out.push(format!("pairs kept {} < {}", pct(self.pairs_kept), pct(MIN_PAIRS_KEPT)));
        }
        if !self.invented.is_empty() {
            out.push(format!("words invented: {}", self.invented.join(" ")));
        }
        out.extend(self.contact_changed.iter().map(|c| format!("contact changed: {c}")));
        if !self.sections_lost.is_empty() {
            let lost: Vec<&str> = self.sections_lost.iter().map(|k| k.as_str()).collect();
            out.push(format!("sections lost: {}", lost.join(", ")));
        }
        if !self.layout_risks.is_empty() {
            out.push(format!("layout risks: {}", self.layout_risks.join(", ")));
        }
        if self.parse_health_layout < MIN_PARSE_HEALTH {
            out.push(format!(
                "parse health past length findings {} < {MIN_PARSE_HEALTH}",
                self.parse_health_layout
            ));
        }
        out
    }

    /// True when every figure meets its bar.
    pub fn holds(&self) -> bool {
        self.shortfalls().is_empty()
    }
}

/// Compares an export with its source; each document comes with the report our checker made of
/// it (any role: only contact, sections and parse-health findings are read).
pub fn compare(source: &Document, source_report: &Report, export: &Document, export_report: &Report) -> RoundTrip {
    let source_moves = ats_score::outline::contact_block_moves(source);
    let source_seq = body_words(source, source_report, &source_moves);
    let export_seq = body_words(export, export_report, &ats_score::outline::contact_block_moves(export));
    let export_all = words_of(&export.text);

    let words_kept = share(multiset_overlap(&source_seq, &export_all), source_seq.len());
    let words_in_order = (source_seq.len() <= MAX_ORDERED_WORDS && export_seq.len() <= MAX_ORDERED_WORDS)
        .then(|| share(lcs_len(&source_seq, &export_seq), source_seq.len()));
    let pairs =
        |seq: &[String]| -> Vec<(String, String)> { seq.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect() };
    let source_pairs = pairs(&source_seq);
    let pairs_kept = share(multiset_overlap(&source_pairs, &pairs(&export_seq)), source_pairs.len());

    // Words the export added: anything the source's whole text (headings included) lacks,
    // past the standard headings the export writes.
    let mut known: HashMap<&str, usize> = HashMap::new();
    let source_all = words_of(&source.text);
    for w in &source_all {
        *known.entry(w.as_str()).or_default() += 1;
    }
    let standard: Vec<String> = SectionKind::ALL
        .iter()
        .map(|k| k.standard_heading().to_lowercase())
        .collect();
    let mut invented = Vec::new();
    for w in &export_all {
        match known.get_mut(w.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ if standard.contains(w) => {}
            // A URL only a link annotation held is written out on purpose.
            _ if source
                .signals
                .links
                .iter()
                .any(|l| l.url.to_lowercase().contains(w.as_str())) => {}
            _ => invented.push(w.clone()),
        }
    }

    let health = export_report.score.parts.iter().find(|p| p.id == "parse-health");
    RoundTrip {
        source_words: source_seq.len(),
        words_kept,
        words_in_order,
        pairs_kept,
        invented,
        contact_changed: contact_changes(source_report, export_report),
        sections_lost: CORE_SECTIONS
            .iter()
            .copied()
            .filter(|k| {
                source_report
                    .sections
                    .iter()
                    .any(|s| s.kind == *k && holds_body(source, s, &source_moves))
                    && !export_report.sections.iter().any(|s| s.kind == *k)
            })
            .collect(),
        layout_risks: export_report
            .findings
            .iter()
            .filter(|f| {
                ats_score::checks::lookup(&f.code).is_some_and(|c| c.part == ats_score::checks::Part::ParseHealth)
                    && !LENGTH_FINDINGS.contains(&f.code.as_str())
            })
            .map(|f| f.code.clone())
            .collect(),
        parse_health: health.map_or(0, |p| p.score),
        parse_health_layout: health.map_or(0, |p| {
            let lost: f64 = p
                .lost
                .iter()
                .filter(|l| !LENGTH_FINDINGS.contains(&l.code.as_str()))
                .map(|l| l.points)
                .sum();
            (100.0 - lost).clamp(0.0, 100.0).round() as u32
        }),
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// A word compared without case and without the punctuation around it; None for a token with
/// no letter or digit (a bullet glyph, a separator).
fn word_key(token: &str) -> Option<String> {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    (!t.is_empty()).then(|| t.to_lowercase())
}

/// Separators between words besides white space: a header written "Engineer|Acme" and one
/// written "Engineer | Acme" hold the same words.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '•' | '·' | '–' | '—' | ',' | ';' | '(' | ')' | '[' | ']')
}

fn words_of(text: &str) -> Vec<String> {
    text.split(is_separator).filter_map(word_key).collect()
}

/// True for a page number line: "3", "2 / 3", "Page 2 of 3", "- 2 -".
fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    let t = match t.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("page") => t[4..].trim(),
        _ => t,
    };
    let mut digits = 0;
    for w in t.split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '–')) {
        if w.is_empty() || w.eq_ignore_ascii_case("of") {
            continue;
        }
        if w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()) {
            digits += 1;
        } else {
            return false;
        }
    }
    (1..=2).contains(&digits)
}

/// The section has a line of words under its heading that stays in it: a heading over nothing
/// (a label wrapped into two headings), or over contact details the export moves into its
/// contact block, is no section an ATS could fill a field from.
fn holds_body(doc: &Document, section: &ats_score::report::Section, moved: &[usize]) -> bool {
    doc.lines.iter().enumerate().any(|(i, line)| {
        line.start > section.start
            && line.start < section.end
            && moved.binary_search(&i).is_err()
            && !words_of(&line.text).is_empty()
    })
}

/// The words of the section bodies in the export's order: the contact group (header and
/// footer lines, each distinct line once, the untitled top block, and the lines `moved` into
/// it by `outline::contact_block_moves`, the name's line first), then sections by the
/// standard order of their kinds, each in reading order.
fn body_words(doc: &Document, report: &Report, moved: &[usize]) -> Vec<String> {
    let rank = |kind: SectionKind| SectionKind::ALL.iter().position(|k| *k == kind).unwrap_or(usize::MAX);
    let other = rank(SectionKind::Other);
    let mut band_seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    // (group, band order, line index, line)
    let mut keyed: Vec<(usize, u8, usize, &str)> = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let text = line.text.trim();
        if text.is_empty() || is_page_number(text) {
            continue;
        }
        if moved.binary_search(&i).is_ok() {
            keyed.push((0, 1, i, text));
            continue;
        }
        if matches!(line.region, Region::Header | Region::Footer) {
            if band_seen.contains(text) {
                continue;
            }
            band_seen.insert(text);
            let band = if line.region == Region::Header { 0 } else { 2 };
            keyed.push((0, band, i, text));
            continue;
        }
        let section = report
            .sections
            .iter()
            .find(|s| s.start <= line.start && line.start < s.end.max(s.start + 1));
        match section {
            // The heading line itself: the export writes a standard heading instead.
            Some(s) if !s.heading.is_empty() && s.start == line.start => {}
            Some(s) => keyed.push((rank(s.kind), 1, i, text)),
            None => keyed.push((other, 1, i, text)),
        }
    }
    keyed.sort_by_key(|&(group, band, i, _)| (group, band, i));
    // The export opens its contact block with the name's line.
    if let Some(name) = report.contact.name.as_deref().map(str::to_lowercase) {
        let at = keyed
            .iter()
            .take_while(|&&(group, ..)| group == 0)
            .position(|&(.., text)| text.to_lowercase().contains(&name));
        if let Some(at) = at {
            let line = keyed.remove(at);
            keyed.insert(0, line);
        }
    }
    keyed.iter().flat_map(|&(_, _, _, text)| words_of(text)).collect()
}

/// How many items of `a` are found in `b`, each item of `b` used once.
fn multiset_overlap<T: std::hash::Hash + Eq>(a: &[T], b: &[T]) -> usize {
    let mut counts: HashMap<&T, usize> = HashMap::new();
    for x in b {
        *counts.entry(x).or_default() += 1;
    }
    a.iter()
        .filter(|x| match counts.get_mut(x) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// Length of the longest common subsequence, in two rows.
fn lcs_len(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

fn contact_changes(source: &Report, export: &Report) -> Vec<String> {
    let (a, b) = (&source.contact, &export.contact);
    let digits = |p: &Option<String>| {
        p.as_ref()
            .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
    };
    let mut out = Vec::new();
    let mut check = |field: &str, x: &Option<String>, y: &Option<String>| {
        if x != y {
            out.push(format!("{field}: {x:?} → {y:?}"));
        }
    };
    check("name", &a.name, &b.name);
    check(
        "email",
        &a.email.as_ref().map(|e| e.to_lowercase()),
        &b.email.as_ref().map(|e| e.to_lowercase()),
    );
    check("phone", &digits(&a.phone), &digits(&b.phone));
    check("location", &a.location, &b.location);
    let urls = |links: &[ats_score::report::ContactLink]| {
        let mut v: Vec<String> = links
            .iter()
            .map(|l| {
                l.url
                    .trim_end_matches('/')
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .trim_start_matches("www.")
                    .to_lowercase()
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let (x, y) = (urls(&a.links), urls(&b.links));
    if x != y {
        out.push(format!("links: {x:?} → {y:?}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_furniture() {
        for t in ["3", "2 / 3", "Page 2 of 3", "- 2 -", "page 4"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2021", "Python 3", "Page Layout", "2019 - 2021"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn order_is_the_longest_common_subsequence() {
        let seq = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(lcs_len(&seq("a b c d"), &seq("a c b d")), 3);
        assert_eq!(lcs_len(&seq("a b c"), &seq("a b c")), 3);
        assert_eq!(lcs_len(&seq("a b"), &[]), 0);
        assert_eq!(multiset_overlap(&seq("a a b"), &seq("a b b")), 2);
    }

    #[test]
    fn words_ignore_case_and_surrounding_punctuation() {
        assert_eq!(
            words_of("• Engineer|Acme (2021–2023), C++; e-mail: Jane@Example.com"),
            ["engineer", "acme", "2021", "2023", "c", "e-mail", "jane@example.com"]
        );
    }
}
