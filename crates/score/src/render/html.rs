//! HTML: one report as a self-contained `<section>` (and a whole page around it), for the web
//! page with or without JavaScript and for anything else that shows a report in a browser.
//! No scripts and no inline `style` attributes (a strict Content-Security-Policy allows
//! neither); everything printed is escaped, since the report quotes the résumé.
//!
//! Each finding is listed once with its fix once; a finding that points at text links to its
//! line in "What the ATS sees", which links back, so both work as plain anchors.

use std::fmt::Write;

use super::{
    count, job_asks, link_label, names_all, points, severity_word, worth_most, FixGroup, Plan, MIN_POINTS_SHOWN,
};
use crate::report::{Finding, Importance, JobMatch, Report};

/// The styles the report fragment needs, every rule scoped under `.atsr`.
pub const REPORT_CSS: &str = include_str!("report.css");

/// Lowest overall score of the "ready" band.
pub const READY_FROM: u32 = 80;
/// Lowest overall score of the "close" band (below it: "needs work").
pub const CLOSE_FROM: u32 = 60;

/// Suggestions listed before the rest are folded into a closed `<details>`.
const SUGGESTIONS_SHOWN: usize = 8;
/// Missing role keywords listed before the rest are folded away.
const MISSING_SHOWN: usize = 24;
/// Best-fitting roles listed.
const ROLE_FITS_SHOWN: usize = 3;
/// Checks named in "do these first".
const WORTH_MOST_SHOWN: usize = 3;

/// Where an overall score stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// 80–100.
    Ready,
    /// 60–79.
    Close,
    /// 0–59.
    NeedsWork,
}

impl Band {
    /// The band of an overall score.
    pub fn of(score: u32) -> Band {
        if score >= READY_FROM {
            Band::Ready
        } else if score >= CLOSE_FROM {
            Band::Close
        } else {
            Band::NeedsWork
        }
    }

    /// "ready", "close", "needs-work": the band's CSS class and id.
    pub fn id(self) -> &'static str {
        match self {
            Band::Ready => "ready",
            Band::Close => "close",
            Band::NeedsWork => "needs-work",
        }
    }

    /// The band's name as the page shows it.
    pub fn name(self) -> &'static str {
        match self {
            Band::Ready => "Ready",
            Band::Close => "Close",
            Band::NeedsWork => "Needs work",
        }
    }

    /// The scores the band covers.
    pub fn range(self) -> String {
        match self {
            Band::Ready => format!("{READY_FROM}–100"),
            Band::Close => format!("{CLOSE_FROM}–{}", READY_FROM - 1),
            Band::NeedsWork => format!("0–{}", CLOSE_FROM - 1),
        }
    }

    /// One sentence on what the band means for an applicant.
    pub fn sentence(self) -> &'static str {
        match self {
            Band::Ready => {
                "An ATS reads this résumé in order and finds most of what recruiters search for: send it, after the fixes that are true of you."
            }
            Band::Close => {
                "An ATS reads most of it, but it loses points a few fixes would win back: do the ones listed first."
            }
            Band::NeedsWork => {
                "An ATS is likely to misread it or rank it low: start with the errors, then the fixes worth the most points."
            }
        }
    }
}

/// What one part of the score measures, by part id, in one sentence.
pub fn part_measures(id: &str, report: &Report) -> String {
    match id {
        "parse-health" => "Whether an ATS can read the file: text in reading order, contact details in the body, nothing in images, tables, text boxes or headers.".to_string(),
        "content" => "What a recruiter reads once the ATS has the text: sections it recognises, contact details, dated entries, bullets that show a result.".to_string(),
        "keywords" => format!(
            "How much of what recruiters search for in {} résumés this résumé shows, weighted by importance; a term shown in use counts more than one only listed.",
            report.role.as_ref().map_or("this role's", |r| r.name.as_str())
        ),
        "job-match" => "How many of the posting's terms the résumé has, weighted by how much the posting stresses them; having about 80% of them scores 100.".to_string(),
        _ => "A part of the score.".to_string(),
    }
}

/// How a whole page is put together.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageOptions<'a> {
    /// Stylesheets to link; when empty, [`REPORT_CSS`] is inlined in a `<style>` element (a
    /// file saved on its own). A server with a strict Content-Security-Policy links them.
    pub stylesheets: &'a [&'a str],
    /// A link back to where another résumé can be checked, with its words.
    pub back: Option<(&'a str, &'a str)>,
}

/// A whole HTML page for one report.
pub fn report_page(report: &Report, options: &PageOptions) -> String {
    let mut out = String::with_capacity(report.text.len() * 2 + 16_384);
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(
        out,
        "<title>ATS check: {}/100{}</title>",
        report.score.overall,
        esc(&super::role_suffix(report))
    );
    if options.stylesheets.is_empty() {
        let _ = writeln!(out, "<style>\n{REPORT_CSS}</style>");
    } else {
        for href in options.stylesheets {
            let _ = writeln!(out, "<link rel=\"stylesheet\" href=\"{}\">", esc(href));
        }
    }
    out.push_str("</head>\n<body class=\"atsr-body\">\n<main class=\"atsr-page\">\n");
    if let Some((href, words)) = options.back {
        let _ = writeln!(
            out,
            "<p class=\"atsr-back\"><a href=\"{}\">{}</a></p>",
            esc(href),
            esc(words)
        );
    }
    out.push_str(&report_section(report, "r-"));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// One report as an HTML `<section class="atsr">`; every id in it starts with `id_prefix`
/// (letters, digits, `-` and `_` kept), so several reports can share a page.
pub fn report_section(report: &Report, id_prefix: &str) -> String {
    let prefix: String = id_prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let r = Renderer {
        report,
        plan: Plan::new(report),
        p: &prefix,
        lines: Lines::new(&report.text),
    };
    r.render()
}

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The report text's lines, by byte range.
struct Lines {
    /// Start offset of each line; a line ends where the next starts (less its newline).
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            starts,
            len: text.len(),
        }
    }

    /// The line (0-based) holding byte `offset`, when it is in the text.
    fn of(&self, offset: usize) -> Option<usize> {
        if offset >= self.len {
            return None;
        }
        Some(self.starts.partition_point(|&s| s <= offset).saturating_sub(1))
    }

    fn range(&self, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.len, |&next| next.saturating_sub(1));
        (start, end.max(start))
    }
}

struct Renderer<'a> {
    report: &'a Report,
    plan: Plan<'a>,
    p: &'a str,
    lines: Lines,
}

impl Renderer<'_> {
    fn render(&self) -> String {
        let r = self.report;
        let p = self.p;
        let mut out = String::with_capacity(r.text.len() * 2 + 16_384);
        let band = Band::of(r.score.overall);
        // `data-words`: the page offers no export of a file with no word to export.
        let _ = writeln!(
            out,
            "<section class=\"atsr\" id=\"{p}report\" data-score=\"{}\" data-band=\"{}\" data-words=\"{}\" aria-labelledby=\"{p}title\">",
            r.score.overall,
            band.id(),
            r.source.words
        );
        let _ = writeln!(
            out,
            "<h2 class=\"atsr-title\" id=\"{p}title\" tabindex=\"-1\">Your report{}</h2>",
            esc(&super::role_suffix(r))
        );
        self.score_card(&mut out);
        self.parse_health(&mut out);
        if r.blocked_by.is_some() {
            let _ = writeln!(
                out,
                "<p class=\"atsr-note\">Nothing else is judged until the file has text an ATS can read.</p>"
            );
            self.how(&mut out);
            out.push_str("</section>\n");
            return out;
        }
        self.fix_first(&mut out);
        self.keywords(&mut out);
        self.job(&mut out);
        self.filled_in(&mut out);
        self.sections(&mut out);
        self.ats_text(&mut out);
        self.how(&mut out);
        let _ = writeln!(
            out,
            "<p class=\"atsr-counts\">{}</p>",
            esc(&counts_sentence(&r.findings))
        );
        out.push_str("</section>\n");
        out
    }

    fn score_card(&self, out: &mut String) {
        let r = self.report;
        let p = self.p;
        let band = Band::of(r.score.overall);
        let _ = writeln!(out, "<div class=\"atsr-card atsr-score\" id=\"{p}score\">");
        let _ = writeln!(
            out,
            "<p class=\"atsr-overall band-{}\"><span class=\"atsr-number\" data-testid=\"score-overall\">{}</span><span class=\"atsr-outof\"> / 100</span> <span class=\"atsr-band\">{}</span></p>",
            band.id(),
            r.score.overall,
            band.name()
        );
        let _ = writeln!(out, "<p class=\"atsr-band-sentence\">{}</p>", esc(band.sentence()));
        let src = &r.source;
        let mut facts = vec![
            src.format.to_uppercase(),
            count(src.pages as usize, "page", "pages"),
            count(src.words, "word", "words"),
        ];
        if let Some(producer) = &src.producer {
            facts.push(format!("made with {producer}"));
        }
        let _ = writeln!(
            out,
            "<p class=\"atsr-muted atsr-source\">{}</p>",
            esc(&facts.join(" · "))
        );
        let _ = writeln!(out, "<ul class=\"atsr-bands\" aria-label=\"Score bands\">");
        for b in [Band::Ready, Band::Close, Band::NeedsWork] {
            let current = if b == band { " aria-current=\"true\"" } else { "" };
            let _ = writeln!(
                out,
                "<li class=\"band-{}{}\"{current}><strong>{}</strong> <span class=\"atsr-range\">{}</span> {}</li>",
                b.id(),
                if b == band { " current" } else { "" },
                b.name(),
                b.range(),
                esc(b.sentence())
            );
        }
        out.push_str("</ul>\n");
        let _ = writeln!(out, "<ul class=\"atsr-parts\" data-testid=\"score-parts\">");
        for part in &r.score.parts {
            let _ = writeln!(
                out,
                "<li class=\"atsr-part\" data-part=\"{}\"><span class=\"atsr-part-name\">{}</span> <meter min=\"0\" max=\"100\" low=\"{CLOSE_FROM}\" high=\"{READY_FROM}\" optimum=\"100\" value=\"{}\" aria-hidden=\"true\"></meter> <span class=\"atsr-part-score\">{}</span><span class=\"atsr-muted\">/100, weight {:.0}%</span><p class=\"atsr-measures\">{}</p></li>",
                esc(&part.id),
                esc(&part.name),
                part.score,
                part.score,
                part.weight * 100.0,
                esc(&part_measures(&part.id, r))
            );
        }
        out.push_str("</ul>\n");
        let _ = writeln!(
            out,
            "<p><a class=\"atsr-how-link\" href=\"#{p}how\">How the score is computed</a></p>\n</div>"
        );
    }

    fn parse_health(&self, out: &mut String) {
        let p = self.p;
        let _ = writeln!(
            out,
            "<div class=\"atsr-card\" id=\"{p}parse-health\" data-testid=\"parse-health\">\n<h3>Can an ATS read it?</h3>"
        );
        if self.plan.parse_health.is_empty() {
            out.push_str("<p class=\"atsr-ok\">No layout risks found: the text reads in order and the contact details are in the body.</p>\n");
        }
        self.groups(out, &self.plan.parse_health);
        if self.report.blocked_by.is_none() {
            let _ = writeln!(
                out,
                "<p><a href=\"#{p}ats-text\">See the text an ATS reads, with each finding marked on its line</a></p>"
            );
        }
        out.push_str("</div>\n");
    }

    fn fix_first(&self, out: &mut String) {
        let r = self.report;
        let p = self.p;
        let _ = writeln!(
            out,
            "<div class=\"atsr-card\" id=\"{p}fix-first\">\n<h3>What to fix first</h3>"
        );
        let top = worth_most(r, WORTH_MOST_SHOWN);
        if !top.is_empty() {
            let items: Vec<String> = top
                .iter()
                .map(|(name, pts)| format!("{} (+{})", esc(name), esc(&points(*pts))))
                .collect();
            let _ = writeln!(out, "<p class=\"atsr-muted\">Worth the most: {}.</p>", items.join(", "));
        }
        if r.suggestions.is_empty() {
            out.push_str("<p class=\"atsr-ok\">Nothing to fix: no suggestions for this résumé.</p>\n");
        } else {
            let item = |s: &crate::report::Suggestion| {
                let gain = if s.points >= MIN_POINTS_SHOWN {
                    format!(" <span class=\"atsr-gain\">+{}</span>", esc(&points(s.points)))
                } else {
                    String::new()
                };
                format!("<li>{}{gain}</li>\n", esc(&s.text))
            };
            out.push_str("<ol class=\"atsr-suggestions\" data-testid=\"suggestions\">\n");
            for s in r.suggestions.iter().take(SUGGESTIONS_SHOWN) {
                out.push_str(&item(s));
            }
            out.push_str("</ol>\n");
            let rest = r.suggestions.len().saturating_sub(SUGGESTIONS_SHOWN);
            if rest > 0 {
                let _ = writeln!(
                    out,
                    "<details class=\"atsr-more\"><summary>{rest} more {}</summary>\n<ol class=\"atsr-suggestions\" start=\"{}\">",
                    if rest == 1 { "suggestion" } else { "suggestions" },
                    SUGGESTIONS_SHOWN + 1
                );
                for s in r.suggestions.iter().skip(SUGGESTIONS_SHOWN) {
                    out.push_str(&item(s));
                }
                out.push_str("</ol></details>\n");
            }
        }
        out.push_str("</div>\n");
    }

    fn keywords(&self, out: &mut String) {
        let r = self.report;
        let p = self.p;
        let k = &r.keywords;
        let _ = writeln!(
            out,
            "<div class=\"atsr-card\" id=\"{p}keywords\" data-testid=\"keywords\">"
        );
        match &r.role {
            Some(role) => {
                let _ = writeln!(out, "<h3>Role keywords: {}</h3>", esc(&role.name));
                if role.best_fit {
                    let _ = writeln!(
                        out,
                        "<p class=\"atsr-note\">No role was chosen, so the résumé is scored against the role it fits best. Choose a role to score it against that one.</p>"
                    );
                }
                let total = k.matched.len() + k.missing.len() + k.near.len();
                let _ = writeln!(
                    out,
                    "<p class=\"atsr-muted\">{} of the {} recruiters search for in {} résumés are in this one, most important first.</p>",
                    k.matched.len(),
                    count(total, "term", "terms"),
                    esc(&role.name)
                );
                self.chips(
                    out,
                    "Found",
                    "chips-matched",
                    "matched",
                    k.matched.iter().map(|m| m.term.as_str()),
                    usize::MAX,
                );
                if !k.missing.is_empty() && !names_all(&self.plan.role, k.missing.iter().map(|m| m.term.as_str())) {
                    self.chips(
                        out,
                        "Missing",
                        "chips-missing",
                        "missing",
                        k.missing.iter().map(|m| m.term.as_str()),
                        MISSING_SHOWN,
                    );
                } else if !k.missing.is_empty() {
                    // The findings below name every missing term, each once.
                    let _ = writeln!(
                        out,
                        "<h4>Missing <span class=\"atsr-muted\">({})</span></h4>",
                        k.missing.len()
                    );
                }
                if !k.near.is_empty() {
                    out.push_str("<h4>Written in a form a literal search may miss</h4>\n<ul class=\"atsr-plain\">\n");
                    for n in &k.near {
                        let _ = writeln!(
                            out,
                            "<li>Your résumé says <q>{}</q>; recruiters search <strong>{}</strong>.</li>",
                            esc(&n.found),
                            esc(&n.term)
                        );
                    }
                    out.push_str("</ul>\n");
                }
                self.groups(out, &self.plan.role);
            }
            None => {
                out.push_str("<h3>Role keywords</h3>\n");
                out.push_str("<p class=\"atsr-muted\">No role was chosen. Choose one to see which of its keywords the résumé has and misses.</p>\n");
            }
        }
        let fits: Vec<_> = r.role_fit.iter().take(ROLE_FITS_SHOWN).collect();
        if !fits.is_empty() {
            out.push_str("<h4>Roles this résumé fits best</h4>\n<ul class=\"atsr-fits\" data-testid=\"role-fit\">\n");
            for f in fits {
                let pct = (f.coverage.clamp(0.0, 1.0) * 100.0).round();
                let _ = writeln!(
                    out,
                    "<li{}><span class=\"atsr-fit-name\">{}</span> <meter min=\"0\" max=\"100\" value=\"{pct:.0}\" aria-hidden=\"true\"></meter> <span>{pct:.0}% of its weighted keywords</span></li>",
                    if r.role.as_ref().is_some_and(|x| x.id == f.id) { " class=\"current\"" } else { "" },
                    esc(&f.name)
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</div>\n");
    }

    fn chips<'t>(
        &self,
        out: &mut String,
        heading: &str,
        id: &str,
        kind: &str,
        terms: impl Iterator<Item = &'t str>,
        shown: usize,
    ) {
        let p = self.p;
        let terms: Vec<&str> = terms.collect();
        let _ = writeln!(
            out,
            "<h4>{heading} <span class=\"atsr-muted\">({})</span></h4>",
            terms.len()
        );
        if terms.is_empty() {
            out.push_str("<p class=\"atsr-muted\">None.</p>\n");
            return;
        }
        let chip = |t: &str| format!("<li class=\"atsr-chip chip-{kind}\">{}</li>", esc(t));
        let _ = write!(out, "<ul class=\"atsr-chips\" id=\"{p}{id}\">");
        for t in terms.iter().take(shown) {
            out.push_str(&chip(t));
        }
        out.push_str("</ul>\n");
        if terms.len() > shown {
            let _ = write!(
                out,
                "<details class=\"atsr-more\"><summary>{} more</summary><ul class=\"atsr-chips\">",
                count(terms.len() - shown, "term", "terms")
            );
            for t in terms.iter().skip(shown) {
                out.push_str(&chip(t));
            }
            out.push_str("</ul></details>\n");
        }
    }

    fn job(&self, out: &mut String) {
        let Some(j) = &self.report.job_match else {
            return;
        };
        let p = self.p;
        let _ = writeln!(
            out,
            "<div class=\"atsr-card\" id=\"{p}job-match\" data-testid=\"job-match\">\n<h3>Job posting match</h3>"
        );
        if !j.scored {
            out.push_str("<p class=\"atsr-note\">The posting names no skill, tool or technology ats-check knows, so it was not matched and the score leaves it out.</p>\n");
        } else {
            let total = j.matched.len() + j.missing.len();
            let _ = writeln!(
                out,
                "<p class=\"atsr-muted\">The résumé has {} of the posting's {} terms{}.</p>",
                j.matched.len(),
                total,
                match (&j.title, j.title_matched) {
                    (Some(t), true) => format!("; it names the posting's title, <q>{}</q>", esc(t)),
                    (Some(t), false) => format!(
                        "; it does not name the posting's title, <q>{}</q> (add it if it is true of you)",
                        esc(t)
                    ),
                    (None, _) => String::new(),
                }
            );
            job_table(out, p, j);
            let asks = job_asks(j);
            if !asks.is_empty() {
                out.push_str("<ul class=\"atsr-plain\">\n");
                for a in asks {
                    let _ = writeln!(out, "<li>{}</li>", esc(&capitalise(&a)));
                }
                out.push_str("</ul>\n");
            }
        }
        self.groups(out, &self.plan.job);
        out.push_str("</div>\n");
    }

    fn filled_in(&self, out: &mut String) {
        let r = self.report;
        let p = self.p;
        let c = &r.contact;
        let _ = writeln!(
            out,
            "<div class=\"atsr-card\" id=\"{p}filled-in\" data-testid=\"ats-preview\">\n<h3>What an ATS fills in</h3>\n<p class=\"atsr-muted\">The application form an ATS would pre-fill from this file; an empty field is one it could not find.</p>\n<dl class=\"atsr-kv\">"
        );
        let kv = |out: &mut String, key: &str, value: Option<&str>| {
            let _ = writeln!(
                out,
                "<dt>{}</dt><dd{}>{}</dd>",
                esc(key),
                if value.is_none() { " class=\"atsr-missing\"" } else { "" },
                esc(value.unwrap_or("not found"))
            );
        };
        kv(out, "Name", c.name.as_deref());
        kv(out, "Email", c.email.as_deref());
        kv(out, "Phone", c.phone.as_deref());
        kv(out, "Location", c.location.as_deref());
        for l in &c.links {
            let shown = if l.in_text {
                l.url.clone()
            } else {
                format!("{} (only as a link, not in the text)", l.url)
            };
            kv(out, link_label(&l.kind), Some(&shown));
        }
        out.push_str("</dl>\n");
        self.groups(out, &self.plan.contact);
        let _ = writeln!(out, "<h4>Experience ({})</h4>", r.experience.len());
        if r.experience.is_empty() {
            out.push_str("<p class=\"atsr-missing\">No experience entries found.</p>\n");
        }
        for e in &r.experience {
            out.push_str("<dl class=\"atsr-kv atsr-entry\">\n");
            kv(out, "Title", e.title.as_deref());
            kv(out, "Company", e.company.as_deref());
            let d = dates(e.start.as_deref(), e.end.as_deref(), e.current, e.dates_text.as_deref());
            kv(out, "Dates", d.as_deref());
            if e.location.is_some() {
                kv(out, "Location", e.location.as_deref());
            }
            kv(out, "Bullets", Some(&e.bullets.len().to_string()));
            out.push_str("</dl>\n");
        }
        let _ = writeln!(out, "<h4>Education ({})</h4>", r.education.len());
        if r.education.is_empty() {
            out.push_str("<p class=\"atsr-missing\">No education entries found.</p>\n");
        }
        for e in &r.education {
            out.push_str("<dl class=\"atsr-kv atsr-entry\">\n");
            kv(out, "Degree", e.degree.as_deref());
            kv(out, "School", e.institution.as_deref());
            let d = dates(e.start.as_deref(), e.end.as_deref(), false, e.dates_text.as_deref());
            kv(out, "Dates", d.as_deref());
            out.push_str("</dl>\n");
        }
        let i = &r.impact;
        if i.bullets > 0 {
            let _ = writeln!(
                out,
                "<p class=\"atsr-muted\">{}: {} with a measurable result, {} open with an action verb.</p>",
                count(i.bullets, "bullet", "bullets"),
                i.quantified,
                i.action_led
            );
        }
        out.push_str("</div>\n");
    }

    fn sections(&self, out: &mut String) {
        let r = self.report;
        let p = self.p;
        let _ = writeln!(
            out,
            "<div class=\"atsr-block\" id=\"{p}sections\">\n<h3>Section by section</h3>\n<div class=\"atsr-sections\" data-testid=\"sections\">"
        );
        for (s, groups) in r.sections.iter().zip(&self.plan.sections) {
            let heading = if s.heading.is_empty() {
                s.kind.standard_heading().to_string()
            } else {
                s.heading.clone()
            };
            // The kind an ATS files the section under, when the heading does not say it.
            let kind = if heading.eq_ignore_ascii_case(s.kind.standard_heading()) {
                String::new()
            } else {
                format!("read as {} · ", s.kind.standard_heading())
            };
            let _ = writeln!(
                out,
                "<article class=\"atsr-card atsr-section\" data-kind=\"{}\">\n<h4 class=\"atsr-section-heading\">{}</h4>\n<p class=\"atsr-muted\">{}{}</p>",
                esc(s.kind.as_str()),
                esc(&heading),
                esc(&kind),
                count(s.words, "word", "words")
            );
            if groups.is_empty() {
                out.push_str("<p class=\"atsr-ok\">Nothing to fix here.</p>\n");
            }
            self.groups(out, groups);
            out.push_str("</article>\n");
        }
        out.push_str("</div>\n");
        if !self.plan.whole.is_empty() {
            out.push_str("<div class=\"atsr-card\">\n<h4>Across the whole résumé</h4>\n");
            self.groups(out, &self.plan.whole);
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }

    /// Findings grouped by fix: each finding once, its fix once.
    fn groups(&self, out: &mut String, groups: &[FixGroup]) {
        if groups.is_empty() {
            return;
        }
        out.push_str("<ul class=\"atsr-findings\">\n");
        for g in groups {
            out.push_str("<li class=\"atsr-group\">\n<ul class=\"atsr-group-findings\">\n");
            for f in &g.findings {
                self.finding(out, f);
            }
            out.push_str("</ul>\n");
            if !g.fix.is_empty() {
                let _ = writeln!(
                    out,
                    "<p class=\"atsr-fix\"><strong>{}</strong> {}</p>",
                    if g.findings.len() == 1 {
                        "Fix:".to_string()
                    } else {
                        format!("Fix for these {}:", g.findings.len())
                    },
                    esc(g.fix)
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }

    fn finding(&self, out: &mut String, f: &Finding) {
        let p = self.p;
        let index = self.index_of(f);
        let sev = severity_word(f.severity);
        let cost = if f.points >= MIN_POINTS_SHOWN {
            format!(" <span class=\"atsr-cost\">−{}</span>", esc(&points(f.points)))
        } else {
            String::new()
        };
        let line = self.line_of(f).map_or(String::new(), |l| {
            format!(
                " <a class=\"atsr-to-line\" href=\"#{p}line-{}\">see line {}</a>",
                l + 1,
                l + 1
            )
        });
        let _ = writeln!(
            out,
            "<li class=\"atsr-finding sev-{sev}\" id=\"{p}f-{index}\" data-code=\"{}\"><span class=\"atsr-sev\">{sev}</span> {}{cost}{line}</li>",
            esc(&f.code),
            esc(&f.message)
        );
    }

    /// The finding's place in `report.findings`: its id.
    fn index_of(&self, f: &Finding) -> usize {
        self.report
            .findings
            .iter()
            .position(|x| std::ptr::eq(x, f))
            .or_else(|| self.report.findings.iter().position(|x| x == f))
            .unwrap_or(0)
    }

    /// The line (0-based) a finding points at, when it points at text.
    fn line_of(&self, f: &Finding) -> Option<usize> {
        f.evidence.as_ref()?;
        self.lines.of(f.offset?)
    }

    fn ats_text(&self, out: &mut String) {
        let r = self.report;
        let p = self.p;
        // Per line, the findings on it with the byte range to mark.
        let mut marks: Vec<Vec<(usize, usize, usize, &Finding)>> = vec![Vec::new(); self.lines.starts.len()];
        for (i, f) in r.findings.iter().enumerate() {
            let (Some(line), Some(offset)) = (self.line_of(f), f.offset) else {
                continue;
            };
            let (_, end) = self.lines.range(line);
            let len = f.evidence.as_ref().map_or(0, |e| e.len());
            let stop = offset.saturating_add(len).min(end);
            marks[line].push((offset, stop, i, f));
        }
        let _ = writeln!(
            out,
            "<div class=\"atsr-card\" id=\"{p}ats-text\" data-testid=\"ats-text\">\n<h3>What the ATS sees</h3>\n<p class=\"atsr-muted\">The text an ATS extracts from the file, line by line in the order it reads it. Findings are marked on their lines: follow a line's mark to its finding, or a finding's “see line” to its line.</p>"
        );
        if r.text.is_empty() {
            out.push_str("<p class=\"atsr-missing\">No text could be read.</p>\n</div>\n");
            return;
        }
        out.push_str("<ol class=\"atsr-lines\">\n");
        for (n, line_marks) in marks.iter_mut().enumerate() {
            let (start, end) = self.lines.range(n);
            line_marks.sort_by_key(|m| (m.0, m.2));
            let has = !line_marks.is_empty();
            let _ = write!(
                out,
                "<li id=\"{p}line-{}\"{}><code>",
                n + 1,
                if has { " class=\"atsr-flagged\"" } else { "" }
            );
            let mut at = start;
            for &(from, to, _, _) in line_marks.iter() {
                // Overlapping or misplaced spans are not marked twice; the link below still is.
                if from < at || to <= from {
                    continue;
                }
                let (Some(before), Some(marked)) = (r.text.get(at..from), r.text.get(from..to)) else {
                    continue;
                };
                out.push_str(&esc(before));
                let _ = write!(out, "<mark>{}</mark>", esc(marked));
                at = to;
            }
            out.push_str(&esc(r.text.get(at..end).unwrap_or("")));
            out.push_str("</code>");
            for &(_, _, i, f) in line_marks.iter() {
                let sev = severity_word(f.severity);
                let _ = write!(
                    out,
                    " <a class=\"atsr-to-finding sev-{sev}\" href=\"#{p}f-{i}\" title=\"{}\">{sev}</a>",
                    esc(&f.message)
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</div>\n");
    }

    fn how(&self, out: &mut String) {
        let r = self.report;
        let p = self.p;
        let _ = writeln!(
            out,
            "<div class=\"atsr-card atsr-how\" id=\"{p}how\">\n<h3>How the score is computed</h3>\n<p>Each part starts at 100 and loses points for each finding of its checks (capped per kind of finding, never below 0). The overall score is the parts' weighted average:</p>\n<ul class=\"atsr-plain\">"
        );
        for part in &r.score.parts {
            let _ = writeln!(out, "<li>{} × {:.1}%</li>", esc(&part.name), part.weight * 100.0);
        }
        let _ = writeln!(
            out,
            "</ul>\n<p>A finding's points are what it costs on that overall scale, so fixing it wins them back. A part that does not apply (no role, no job posting) is left out, and the weights of the others grow to fill its share. The same file, role and posting always get the same score (weights version {}).</p>\n<p><a href=\"#{p}score\">Back to the score</a></p>\n</div>",
            esc(&r.score.weights_version)
        );
    }
}

/// The job posting's terms with their count in the posting and in the résumé.
fn job_table(out: &mut String, p: &str, j: &JobMatch) {
    let _ = writeln!(
        out,
        "<table class=\"atsr-terms\" id=\"{p}job-terms\">\n<caption>Each term of the posting, most important first</caption>\n<thead><tr><th scope=\"col\">Term</th><th scope=\"col\">In the posting</th><th scope=\"col\">In your résumé</th></tr></thead>\n<tbody>"
    );
    let mut rows: Vec<(&crate::report::JobTerm, bool)> = j
        .matched
        .iter()
        .map(|t| (t, true))
        .chain(j.missing.iter().map(|t| (t, false)))
        .collect();
    rows.sort_by(|a, b| b.0.weight.total_cmp(&a.0.weight).then(a.0.term.cmp(&b.0.term)));
    for (t, found) in rows {
        let preferred = if t.importance == Importance::Preferred {
            " <span class=\"atsr-muted\">(preferred)</span>"
        } else {
            ""
        };
        let in_resume = if found {
            // A term found only in another form counts as found even when its literal count is 0.
            t.resume_count.max(1).to_string()
        } else {
            "0 <span class=\"atsr-missing-word\">missing</span>".to_string()
        };
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><th scope=\"row\">{}{preferred}</th><td>{}</td><td>{in_resume}</td></tr>",
            if found { "found" } else { "missing" },
            esc(&t.term),
            t.count
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// "2021-01 – present", "until 2020", or the date text as printed.
fn dates(start: Option<&str>, end: Option<&str>, current: bool, printed: Option<&str>) -> Option<String> {
    let end = if current { Some("present") } else { end };
    match (start, end) {
        (Some(s), Some(e)) => Some(format!("{s} – {e}")),
        (None, Some(e)) => Some(format!("until {e}")),
        (Some(s), None) => Some(format!("from {s} (end date not found)")),
        (None, None) => printed.map(str::to_string),
    }
}

/// "1 error, 2 warnings and 9 suggestions", counting only what there is: "No findings." when
/// there is nothing.
fn counts_sentence(findings: &[Finding]) -> String {
    use crate::report::Severity;
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    let parts: Vec<String> = [
        (n(Severity::Error), "error", "errors"),
        (n(Severity::Warning), "warning", "warnings"),
        (n(Severity::Suggestion), "suggestion", "suggestions"),
    ]
    .into_iter()
    .filter(|(k, _, _)| *k > 0)
    .map(|(k, one, many)| count(k, one, many))
    .collect();
    match parts.as_slice() {
        [] => "No findings.".to_string(),
        [one] => format!("{one} in all."),
        [init @ .., last] => format!("{} and {last} in all.", init.join(", ")),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{0}b\nc"), "a\u{FFFD}b\nc");
    }

    #[test]
    fn bands_cover_every_score_once() {
        assert_eq!(Band::of(100), Band::Ready);
        assert_eq!(Band::of(READY_FROM), Band::Ready);
        assert_eq!(Band::of(READY_FROM - 1), Band::Close);
        assert_eq!(Band::of(CLOSE_FROM), Band::Close);
        assert_eq!(Band::of(CLOSE_FROM - 1), Band::NeedsWork);
        assert_eq!(Band::of(0), Band::NeedsWork);
        assert_eq!(Band::Close.range(), "60–79");
    }

    #[test]
    fn lines_find_their_offsets() {
        let l = Lines::new("ab\ncd\n\nef");
        assert_eq!(l.of(0), Some(0));
        assert_eq!(l.of(2), Some(0));
        assert_eq!(l.of(3), Some(1));
        assert_eq!(l.of(6), Some(2));
        assert_eq!(l.of(7), Some(3));
        assert_eq!(l.of(9), None);
        assert_eq!(l.range(1), (3, 5));
        assert_eq!(l.range(2), (6, 6));
        assert_eq!(l.range(3), (7, 9));
    }

    #[test]
    fn counts_name_only_what_there_is() {
        assert_eq!(counts_sentence(&[]), "No findings.");
    }
}
