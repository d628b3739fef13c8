//! Content checks over the résumé as read (`crate::read`): contact details, sections,
//! experience and education entries, and bullets.

pub(crate) mod bullets;
pub(crate) mod lexicon;
pub(crate) mod quantify;

use std::collections::BTreeSet;

use ats_parse::Document;

use crate::checks::{Check, Part};
use crate::model::{SectionKind, SectionSpan};
use crate::report::{Finding, Impact, Severity};

use crate::read::contact::ContactFacts;
use crate::read::dates::{self, DateStyle};
use crate::read::entries;
use crate::read::text::{self, quote};
use crate::read::Resume;

/// Longest quote of a bullet or line in a message.
const QUOTE: usize = 90;

const MISSING_NAME: Check = Check {
    code: "missing-name",
    name: "No name found",
    severity: Severity::Error,
    part: Part::Content,
    what: "Looks for your name at the top of the résumé, as its own line of two to four words.",
    why: "An ATS fills the candidate's name from the first lines of the text; some parsers fail the whole parse when they cannot find one, and a profile without a name is easy to lose.",
    example: "A résumé that opens with a logo and 'Curriculum Vitae' and writes the name only in the page header.",
    fix: "Put your full name alone on the first line of the page body, in plain text (not in a header, text box or image).",
};

const MISSING_EMAIL: Check = Check {
    code: "missing-email",
    name: "No e-mail address",
    severity: Severity::Error,
    part: Part::Content,
    what: "Looks for an e-mail address written in the text.",
    why: "Recruiters reply by e-mail and the ATS fills its e-mail field from the text; some parsers fail outright when a résumé has neither a phone number nor an e-mail address. An address only behind a link is lost by text-only parsers.",
    example: "A contact line with a phone number and city but no e-mail, or an 'Email me' link whose address is not written out.",
    fix: "Write your e-mail address in full in the contact line under your name, e.g. 'jane.doe@example.com'.",
};

const MISSING_PHONE: Check = Check {
    code: "missing-phone",
    name: "No phone number",
    severity: Severity::Warning,
    part: Part::Content,
    what: "Looks for a phone number in the contact details (international formats included).",
    why: "The ATS fills its phone field from the text and recruiters often call to screen; a parse can fail outright without any phone or e-mail.",
    example: "A contact line with only an e-mail address and a LinkedIn URL.",
    fix: "Add a phone number with its country code when you apply abroad, e.g. '+44 20 7946 0958'.",
};

const MISSING_LINKEDIN: Check = Check {
    code: "missing-linkedin",
    name: "No LinkedIn profile",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Looks for a LinkedIn URL among the contact details.",
    why: "ATS forms have a LinkedIn field that is filled from a plain-text URL, and recruiters check the profile.",
    example: "A contact line with e-mail and phone but no linkedin.com/in/ address.",
    fix: "Add your profile URL as plain text, e.g. 'linkedin.com/in/janedoe'.",
};

const MISSING_SECTION: Check = Check {
    code: "missing-section",
    name: "A core section is missing",
    severity: Severity::Warning,
    part: Part::Content,
    what: "Looks for the sections an ATS expects: experience, education and skills.",
    why: "An ATS splits a résumé by its headings and fills its form section by section; without a recognisable heading, jobs, degrees or skills are not filed where a recruiter searches.",
    example: "Jobs listed under the name with no 'Experience' heading above them.",
    fix: "Add the section with a standard heading ('Experience', 'Education', 'Skills') on its own line.",
};

const UNPARSEABLE_DATE: Check = Check {
    code: "unparseable-date",
    name: "A date an ATS cannot read",
    severity: Severity::Warning,
    part: Part::Content,
    what: "Finds dates in experience and education entries written in a form parsers misread, such as two-digit years or day-month-year.",
    why: "An ATS computes your experience and gaps from the dates it reads; dates parse best as 'Mon YYYY' or 'MM/YYYY'. 'Jan '21' or '03/21' can be read as the wrong year or not at all.",
    example: "Data Analyst, Acme — Jan '21 – Mar '23",
    fix: "Write each date as month and four-digit year, e.g. 'Jan 2021 – Mar 2023'.",
};

const MIXED_DATE_FORMATS: Check = Check {
    code: "mixed-date-formats",
    name: "Dates written in several styles",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Compares the date styles of the experience entries.",
    why: "Parsers handle one consistent style best, and recruiters read inconsistency as carelessness. 'Mon YYYY' or 'MM/YYYY' parse best.",
    example: "'Jan 2021 – Present' for one job and '2018 – 2020' or '03/2017 – 12/2017' for others.",
    fix: "Use one style for every date, e.g. 'Jan 2021 – Present'.",
};

const NOT_REVERSE_CHRONOLOGICAL: Check = Check {
    code: "not-reverse-chronological",
    name: "Jobs not in reverse-chronological order",
    severity: Severity::Warning,
    part: Part::Content,
    what: "Checks that each job starts no later than the one listed above it.",
    why: "ATSs and recruiters expect the most recent job first; the first entry is often taken as your current title and employer.",
    example: "An internship from 2018 listed above the current job from 2021.",
    fix: "List jobs from the most recent to the oldest.",
};

const EMPLOYER_UNCLEAR: Check = Check {
    code: "employer-unclear",
    name: "Employer cannot be told apart",
    severity: Severity::Warning,
    part: Part::Content,
    what: "Checks that each experience entry names an employer separately from the job title and description.",
    why: "Employer names that run into the title or description come back as 'UNSPECIFIED' in some ATSs (SuccessFactors), so the job is filed without a company.",
    example: "'Machine Learning Engineer — 2021 – Present' with the company only mentioned inside a bullet.",
    fix: "Write each job header as 'Title, Company, City — Mon YYYY – Mon YYYY' (or title and company on two lines).",
};

const YEAR_ONLY_DATES: Check = Check {
    code: "year-only-dates",
    name: "Job dates with years only",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Finds experience entries dated with years only.",
    why: "An ATS reads '2019' as 1 January (or 31 December at the end), so '2019 – 2020' may count as 24 months or as a few weeks; months make tenure and gaps exact.",
    example: "Data Engineer, Kestrel Labs — 2019 – 2020",
    fix: "Add months: 'Jul 2019 – May 2020'.",
};

const NO_QUANTIFIED_IMPACT: Check = Check {
    code: "no-quantified-impact",
    name: "Bullet without a measurable result",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Finds experience and project bullets with no figure: no percentage, money, count with a unit, before → after, time window, rank or multiplier (years, versions and phone numbers do not count).",
    why: "Recruiters look for results they can compare; bullets with a figure ('cut latency 35%', 'team of 5', 'saved $250K') are the ones that show impact.",
    example: "Maintained Airflow DAGs for reporting",
    fix: "Add the scale or result: how many, how much, how fast, compared with what ('Maintained 40 Airflow DAGs feeding 12 weekly reports').",
};

const LOW_QUANTIFIED_SHARE: Check = Check {
    code: "low-quantified-share",
    name: "Few bullets show results",
    severity: Severity::Warning,
    part: Part::Content,
    what: "Measures the share of experience bullets that carry a figure.",
    why: "Checkers and recruiters judge impact by how many bullets state a measurable result; a résumé of duties reads as a job description.",
    example: "Six experience bullets, one with a number.",
    fix: "Give at least half of your experience bullets a figure: percentages, money, counts, before → after, time saved.",
};

const WEAK_OPENER: Check = Check {
    code: "weak-opener",
    name: "Bullet opens with a weak phrase",
    severity: Severity::Warning,
    part: Part::Content,
    what: "Finds bullets that open with 'Responsible for', 'Duties included', 'Worked on', 'Helped', 'Assisted', 'Participated in' or 'Tasked with'.",
    why: "These openers describe duties, not what you achieved, and hide your own contribution.",
    example: "Responsible for the data pipeline",
    fix: "Start with an action verb that says what you did: 'Rebuilt the data pipeline, cutting run time from 4 h to 40 min'.",
};

const NO_ACTION_VERB: Check = Check {
    code: "no-action-verb",
    name: "Bullet does not start with an action verb",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Checks that experience and project bullets open with an action verb (led, built, reduced, shipped…).",
    why: "Recruiters skim the first word of each bullet; an action verb says at once what you did.",
    example: "Thesis on representation learning for control",
    fix: "Open with the verb: 'Wrote a thesis on…', 'Built…', 'Led…'.",
};

const BUZZWORD: Check = Check {
    code: "buzzword",
    name: "Buzzword or cliché",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Finds clichés such as 'team player', 'detail-oriented', 'results-driven', 'go-getter', 'synergy', 'think outside the box', 'passionate'.",
    why: "Recruiters skip these words because every résumé uses them; they take space that evidence could use.",
    example: "Results-driven team player passionate about data.",
    fix: "Replace the claim with evidence: what you did and what it changed.",
};

const FIRST_PERSON: Check = Check {
    code: "first-person",
    name: "First-person pronoun",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Finds 'I', 'me' and 'my' in the summary and bullets.",
    why: "Résumé convention drops the pronoun; it costs space and reads as informal.",
    example: "I built my team's first feature store.",
    fix: "Drop the pronoun and start with the verb: 'Built the team's first feature store'.",
};

const PASSIVE_VOICE: Check = Check {
    code: "passive-voice",
    name: "Passive voice",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Finds passive constructions such as 'was developed' or 'were built by' in bullets.",
    why: "Passive voice hides who did the work; a recruiter wants to see what you did.",
    example: "A new ranking model was developed and deployed.",
    fix: "Make yourself the subject: 'Developed and deployed a new ranking model'.",
};

const BULLET_TOO_LONG: Check = Check {
    code: "bullet-too-long",
    name: "Bullet too long",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Finds bullets over 35 words (more than about two lines).",
    why: "Recruiters skim; a bullet that runs over two lines is read as a paragraph and its result gets lost.",
    example: "A 50-word bullet that lists every tool used in a project.",
    fix: "Keep one result per bullet in one or two lines; split the rest into a second bullet.",
};

const BULLET_TOO_SHORT: Check = Check {
    code: "bullet-too-short",
    name: "Bullet too short",
    severity: Severity::Suggestion,
    part: Part::Content,
    what: "Finds bullets of fewer than 5 words.",
    why: "A fragment says what you touched, not what you did or achieved.",
    example: "Python scripting",
    fix: "Say what you did and what it changed: 'Wrote Python scripts that cut report preparation from 2 days to 2 hours'.",
};

/// The content checks.
pub static CHECKS: &[Check] = &[
    MISSING_NAME,
    MISSING_EMAIL,
    MISSING_PHONE,
    MISSING_LINKEDIN,
    MISSING_SECTION,
    UNPARSEABLE_DATE,
    MIXED_DATE_FORMATS,
    NOT_REVERSE_CHRONOLOGICAL,
    EMPLOYER_UNCLEAR,
    YEAR_ONLY_DATES,
    NO_QUANTIFIED_IMPACT,
    LOW_QUANTIFIED_SHARE,
    WEAK_OPENER,
    NO_ACTION_VERB,
    BUZZWORD,
    FIRST_PERSON,
    PASSIVE_VOICE,
    BULLET_TOO_LONG,
    BULLET_TOO_SHORT,
];

/// Share of experience bullets with a figure under which `low-quantified-share` is reported.
pub(crate) const MIN_QUANTIFIED_SHARE: f64 = 0.4;

/// What the content checks found.
#[derive(Debug, Clone, Default)]
pub(crate) struct ContentOutcome {
    pub impact: Impact,
    pub findings: Vec<Finding>,
}

fn at(text: &str, offset: usize) -> Option<(String, usize)> {
    Some((text.to_string(), offset))
}

/// Runs the content checks over `resume`, read from `doc`.
pub(crate) fn evaluate(doc: &Document, resume: &Resume) -> ContentOutcome {
    let mut out = ContentOutcome::default();
    let has_text = doc.text.chars().any(char::is_alphanumeric);
    contact_findings(&resume.contact, has_text, &mut out.findings);
    if has_text {
        section_findings(&resume.sections, &mut out.findings);
    }
    entry_findings(&resume.entries, &mut out.findings);
    bullet_findings(doc, &resume.sections, &resume.entries.bullets, &mut out);
    out
}

fn contact_findings(f: &ContactFacts, has_text: bool, findings: &mut Vec<Finding>) {
    let c = &f.contact;
    let section = Some(SectionKind::Contact);
    if c.name.is_none() && has_text {
        findings.push(MISSING_NAME.finding(
            section,
            "No name found in the first lines of the résumé".into(),
            "Put your full name alone on the first line, in the page body".into(),
            None,
        ));
    }
    if c.email.is_none() {
        let (message, suggestion) = match &f.hidden_email {
            Some(addr) => (
                format!("The e-mail address '{addr}' sits only behind a link: the text has no e-mail address"),
                format!("Write '{addr}' in the contact line as plain text"),
            ),
            None => (
                "No e-mail address in the text".into(),
                "Add your e-mail address to the contact line under your name".into(),
            ),
        };
        findings.push(MISSING_EMAIL.finding(section, message, suggestion, None));
    }
    if c.phone.is_none() {
        findings.push(MISSING_PHONE.finding(
            section,
            "No phone number in the text".into(),
            "Add a phone number (with country code if you apply abroad) to the contact line".into(),
            None,
        ));
    }
    if has_text && !c.links.iter().any(|l| l.kind == "linkedin") {
        findings.push(MISSING_LINKEDIN.finding(
            section,
            "No LinkedIn URL among the contact details".into(),
            "Add your LinkedIn URL as plain text, e.g. 'linkedin.com/in/your-name'".into(),
            None,
        ));
    }
}

fn section_findings(sections: &[SectionSpan], findings: &mut Vec<Finding>) {
    // A section read without a heading of its own (jobs under the contact block) is one an
    // ATS that splits by headings does not find: still reported, with what was read.
    let titled: BTreeSet<SectionKind> = sections
        .iter()
        .filter(|s| s.heading_line.is_some())
        .map(|s| s.kind)
        .collect();
    let untitled: BTreeSet<SectionKind> = sections.iter().map(|s| s.kind).collect();
    for (kind, severity) in [
        (SectionKind::Experience, Severity::Warning),
        (SectionKind::Skills, Severity::Warning),
        (SectionKind::Education, Severity::Suggestion),
    ] {
        if titled.contains(&kind) {
            continue;
        }
        let std = kind.standard_heading();
        let message = if untitled.contains(&kind) {
            format!(
                "Entries read as {} have no '{std}' heading above them: an ATS that splits by headings may not file them",
                kind.as_str()
            )
        } else {
            format!("No '{std}' section found: no heading an ATS maps to {}", kind.as_str())
        };
        let mut f = MISSING_SECTION.finding(
            None,
            message,
            format!(
                "Add {} '{std}' section with that heading on its own line",
                if std.starts_with(['A', 'E', 'I', 'O', 'U']) {
                    "an"
                } else {
                    "a"
                }
            ),
            None,
        );
        f.severity = severity;
        findings.push(f);
    }
}

fn entry_findings(e: &entries::Entries, findings: &mut Vec<Finding>) {
    for bad in &e.bad_dates {
        findings.push(UNPARSEABLE_DATE.finding(
            Some(bad.section),
            format!("The date '{}' may not be read correctly by an ATS", bad.text),
            format!("Rewrite '{}' as month and four-digit year, e.g. 'Jan 2021'", bad.text),
            at(&bad.text, bad.offset),
        ));
    }
    let section = Some(SectionKind::Experience);
    for job in &e.jobs {
        let company_unclear = match &job.entry.company {
            None => true,
            Some(c) => text::word_count(c) > 8,
        };
        if company_unclear {
            findings.push(EMPLOYER_UNCLEAR.finding(
                section,
                format!("No employer can be told apart in: '{}'", quote(&job.header, QUOTE)),
                format!(
                    "Name the employer on its own in '{}', e.g. 'Title, Company, City — Jan 2021 – Present'",
                    quote(&job.header, 60)
                ),
                at(&job.header, job.offset),
            ));
        }
    }
    // Date styles across jobs (years alone are `year-only-dates`, not a style mix).
    let dated: Vec<&entries::ParsedJob> = e.jobs.iter().filter(|j| j.dates.is_some()).collect();
    let mut styles: Vec<(DateStyle, &entries::ParsedJob)> = Vec::new();
    for j in &dated {
        if let Some(d) = &j.dates {
            for s in d.styles().filter(|s| *s != DateStyle::Year) {
                if !styles.iter().any(|(x, _)| *x == s) {
                    styles.push((s, j));
                }
            }
        }
    }
    if styles.len() > 1 {
        let odd_job = styles[styles.len() - 1].1;
        let list: Vec<&str> = styles.iter().map(|(s, _)| s.describe()).collect();
        let dates_text = odd_job
            .entry
            .dates_text
            .clone()
            .unwrap_or_else(|| odd_job.header.clone());
        findings.push(MIXED_DATE_FORMATS.finding(
            section,
            format!("Job dates mix {} (e.g. '{}')", list.join(" and "), dates_text),
            format!(
                "Write every job date in one style; change '{}' to match the others (e.g. 'Jan 2021')",
                dates_text
            ),
            at(&odd_job.header, odd_job.offset),
        ));
    }
    // Year-only job dates.
    if let Some(j) = dated.iter().find(|j| {
        j.dates
            .as_ref()
            .is_some_and(|d| d.styles().count() > 0 && d.styles().all(|s| s == DateStyle::Year))
    }) {
        let t = j.entry.dates_text.clone().unwrap_or_default();
        findings.push(YEAR_ONLY_DATES.finding(
            section,
            format!("Job dates give years only: '{t}' reads as 1 January to an ATS"),
            format!("Add months to '{t}', e.g. 'Jul 2019 – May 2021'"),
            at(&j.header, j.offset),
        ));
    }
    // Reverse-chronological order: a job clearly more recent than the one above it.
    for w in dated.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (Some(da), Some(db)) = (&a.dates, &b.dates) else {
            continue;
        };
        let end = |d: &dates::DateSpan| {
            if d.current {
                u32::MAX
            } else {
                d.end.or(d.start).map_or(0, |x| x.key(12))
            }
        };
        let start = |d: &dates::DateSpan| d.start.map_or(0, |x| x.key(1));
        if end(db) > end(da) && start(db) > start(da) {
            let t = b.entry.dates_text.clone().unwrap_or_default();
            findings.push(NOT_REVERSE_CHRONOLOGICAL.finding(
                section,
                format!(
                    "'{}' ({t}) is more recent than the job listed above it",
                    quote(&b.header, 60)
                ),
                format!(
                    "Move '{}' above '{}': list jobs from the most recent",
                    quote(&b.header, 50),
                    quote(&a.header, 50)
                ),
                at(&b.header, b.offset),
            ));
            break;
        }
    }
}

fn bullet_findings(doc: &Document, sections: &[SectionSpan], bullets: &[entries::Bullet], out: &mut ContentOutcome) {
    let mut exp_total = 0usize;
    let mut exp_quantified = 0usize;
    for b in bullets {
        let facts = bullets::analyze(&b.text);
        let q = quote(&b.text, QUOTE);
        let evidence = at(&b.text, b.offset);
        let section = Some(b.section);
        out.impact.bullets += 1;
        if facts.figure.is_some() {
            out.impact.quantified += 1;
        }
        if facts.action_led {
            out.impact.action_led += 1;
        }
        if b.section == SectionKind::Experience {
            exp_total += 1;
            exp_quantified += usize::from(facts.figure.is_some());
        }
        let f = &mut out.findings;
        if facts.figure.is_none() && facts.words >= bullets::MIN_WORDS {
            f.push(NO_QUANTIFIED_IMPACT.finding(
                section,
                format!("No measurable result in: '{q}'"),
                format!("Add a figure to: '{q}'"),
                evidence.clone(),
            ));
        }
        if let Some(op) = &facts.weak_opener {
            f.push(WEAK_OPENER.finding(
                section,
                format!("Opens with '{op}': '{q}'"),
                format!("Replace '{op}' with an action verb that says what you did: '{q}'"),
                evidence.clone(),
            ));
        } else if let Some(w) = &facts.first_word {
            // Project bullets written "Name: what it does" are fine without a verb; a bullet
            // opening with "I" is reported as first-person.
            let project_named = b.section == SectionKind::Projects && bullets::after_name_prefix(&b.text) != b.text;
            let pronoun = facts.first_person.as_ref().is_some_and(|(_, at)| *at == 0);
            if !project_named && !pronoun && facts.words >= 3 {
                f.push(NO_ACTION_VERB.finding(
                    section,
                    format!("Opens with '{w}', not an action verb: '{q}'"),
                    format!("Start with an action verb (built, led, reduced…): '{q}'"),
                    evidence.clone(),
                ));
            }
        }
        for (word, off) in &facts.buzzwords {
            f.push(BUZZWORD.finding(
                section,
                format!("Cliché '{word}' in: '{q}'"),
                format!("Replace '{word}' with evidence of it in: '{q}'"),
                Some((word.clone(), b.offset + off)),
            ));
        }
        if let Some((word, off)) = &facts.first_person {
            f.push(FIRST_PERSON.finding(
                section,
                format!("First-person '{word}' in: '{q}'"),
                format!("Drop '{word}' and lead with the verb: '{q}'"),
                Some((word.clone(), b.offset + off)),
            ));
        }
        if let Some((phrase, _)) = &facts.passive {
            f.push(PASSIVE_VOICE.finding(
                section,
                format!("Passive '{phrase}' in: '{q}'"),
                format!("Say who did it, starting with the verb: '{q}'"),
                evidence.clone(),
            ));
        }
        if facts.words > bullets::MAX_WORDS {
            f.push(BULLET_TOO_LONG.finding(
                section,
                format!("{} words in one bullet: '{}'", facts.words, quote(&b.text, 60)),
                format!(
                    "Split or tighten to under {} words: '{}'",
                    bullets::MAX_WORDS,
                    quote(&b.text, 60)
                ),
                evidence.clone(),
            ));
        } else if facts.words < bullets::MIN_WORDS {
            f.push(BULLET_TOO_SHORT.finding(
                section,
                format!(
                    "Only {} word{}: '{q}'",
                    facts.words,
                    if facts.words == 1 { "" } else { "s" }
                ),
                format!("Say what you did and what it changed: '{q}'"),
                evidence.clone(),
            ));
        }
    }
    if exp_total >= 3 {
        let share = exp_quantified as f64 / exp_total as f64;
        if share < MIN_QUANTIFIED_SHARE {
            out.findings.push(LOW_QUANTIFIED_SHARE.finding(
                Some(SectionKind::Experience),
                format!(
                    "{exp_quantified} of {exp_total} experience bullets ({:.0}%) show a measurable result",
                    share * 100.0
                ),
                format!(
                    "Give at least {} of your {exp_total} experience bullets a figure",
                    (exp_total as f64 * 0.5).ceil() as usize
                ),
                None,
            ));
        }
    }
    // Clichés and pronouns in the summary.
    for span in sections.iter().filter(|s| s.kind == SectionKind::Summary) {
        for line in doc.lines.get(span.first_line..span.end_line).unwrap_or_default() {
            let q = quote(&line.text, QUOTE);
            for (word, off) in bullets::buzzwords(&line.text) {
                out.findings.push(BUZZWORD.finding(
                    Some(SectionKind::Summary),
                    format!("Cliché '{word}' in the summary: '{q}'"),
                    format!("Replace '{word}' in the summary with evidence: a result or a figure"),
                    Some((word.clone(), line.start + off)),
                ));
            }
            if let Some((word, off)) = bullets::first_person(&line.text) {
                out.findings.push(FIRST_PERSON.finding(
                    Some(SectionKind::Summary),
                    format!("First-person '{word}' in the summary: '{q}'"),
                    format!("Drop '{word}' from the summary: write 'Engineer with…' rather than 'I am an engineer…'"),
                    Some((word, line.start + off)),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses")
    }

    fn run(text: &str) -> (Document, ContentOutcome, Resume) {
        let d = doc(text);
        let r = crate::read::read(&d);
        let o = evaluate(&d, &r);
        (d, o, r)
    }

    fn of<'a>(o: &'a ContentOutcome, code: &str) -> Vec<&'a Finding> {
        o.findings.iter().filter(|f| f.code == code).collect()
    }

    const HEAD: &str = "Jane Doe\njane@example.com | +1 415 555 0100 | linkedin.com/in/janedoe\n\n";

    #[test]
    fn contact_findings() {
        let (_, o, _) = run("Experience\nEngineer, Acme — Jan 2020 – Present\n- Built the billing service used by 40 teams\n\nSkills\nGo\n\nEducation\nB.S., MIT");
        let got: Vec<&str> = o.findings.iter().map(|f| f.code.as_str()).collect();
        assert!(
            ["missing-name", "missing-email", "missing-phone", "missing-linkedin"]
                .iter()
                .all(|c| got.contains(c)),
            "{got:?}"
        );
        assert!(
            o.findings
                .iter()
                .filter(|f| f.code.starts_with("missing-") && f.code != "missing-section")
                .all(|f| f.evidence.is_none() && f.offset.is_none()),
            "absences point at no text"
        );
        let (_, o, _) = run(&format!("{HEAD}Experience\nEngineer, Acme — Jan 2020 – Present\n- Built the billing service used by 40 teams\n\nSkills\nGo\n\nEducation\nB.S., MIT"));
        assert!(o.findings.is_empty(), "{:?}", o.findings);
    }

    #[test]
    fn hidden_email_is_named() {
        let mut d = doc("Jane Doe\n+1 415 555 0100\n\nExperience\nEngineer, Acme — 2020 – 2021\n- Built the billing service used by 40 teams");
        d.signals.links.push(ats_parse::Link {
            page: 1,
            url: "mailto:jane@example.com".into(),
            text: Some("Email me".into()),
        });
        let o = evaluate(&d, &crate::read::read(&d));
        let f = of(&o, "missing-email");
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("'jane@example.com' sits only behind a link"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn missing_core_sections() {
        let (_, o, _) = run(&format!(
            "{HEAD}Summary\nEngineer with ten years of experience building payment systems.\n"
        ));
        let f = of(&o, "missing-section");
        let msgs: Vec<(&str, Severity)> = f.iter().map(|f| (f.message.as_str(), f.severity)).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].0.starts_with("No 'Experience' section") && msgs[0].1 == Severity::Warning);
        assert!(msgs[2].0.starts_with("No 'Education' section") && msgs[2].1 == Severity::Suggestion);
    }

    #[test]
    fn untitled_jobs_are_read_but_still_lack_a_heading() {
        let (_, o, r) = run(&format!(
            "{HEAD}Dispatch Supervisor, Gullwing Couriers, Apr 2019 - Present\n- Routed 90 vans a day\n\
             Clerk, Pebble Row Books, Jan 2016 - Mar 2019\n- Ran the stock room for 3 shops\n\nSkills\nRouting\n\nEducation\nB.A., Fenmoor College"
        ));
        assert_eq!(r.entries.jobs.len(), 2);
        let f = of(&o, "missing-section");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0]
            .message
            .starts_with("Entries read as experience have no 'Experience' heading"));
    }

    #[test]
    fn entry_findings() {
        let (d, o, r) = run(&format!(
            "{HEAD}Experience\nData Analyst, Beta Corp — Mar 2016 – Jun 2018\n- Built 12 dashboards for the sales team\n\
             Engineer, Acme — Jan '21 – Present\n- Built the billing service used by 40 teams\n\
             Machine Learning Engineer — 03/2018 – 12/2020\n- Shipped 3 ranking models to production\n\
             Intern, Gamma Labs — 2014 – 2015\n- Labelled 20,000 images for the vision team\n\nSkills\nGo\n\nEducation\nB.S., MIT"
        ));
        let bad = of(&o, "unparseable-date");
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].evidence.as_deref(), Some("Jan '21 – Present"));
        let at = bad[0].offset.unwrap();
        assert!(d.text[at..].starts_with("Jan '21"));
        let employer = of(&o, "employer-unclear");
        assert_eq!(employer.len(), 1, "{employer:?}");
        assert!(employer[0]
            .message
            .contains("Machine Learning Engineer — 03/2018 – 12/2020"));
        let mixed = of(&o, "mixed-date-formats");
        assert_eq!(mixed.len(), 1);
        assert!(
            mixed[0].message.contains("month name") && mixed[0].message.contains("numeric month"),
            "{}",
            mixed[0].message
        );
        assert_eq!(of(&o, "year-only-dates").len(), 1);
        let order = of(&o, "not-reverse-chronological");
        assert_eq!(order.len(), 1);
        assert!(
            order[0]
                .message
                .starts_with("'Machine Learning Engineer — 03/2018 – 12/2020'"),
            "{}",
            order[0].message
        );
        assert_eq!(r.entries.jobs.len(), 4);
        assert_eq!(r.entries.jobs[2].entry.start.as_deref(), Some("2018-03"));
        assert!(of(&o, "year-only-dates")[0].message.contains("'2014 – 2015'"));
    }

    #[test]
    fn ordered_jobs_are_fine() {
        let (_, o, _) = run(&format!(
            "{HEAD}Experience\nEngineer, Acme — Jan 2021 – Present\n- Built the billing service used by 40 teams\n\
             Analyst, Beta Corp — Mar 2018 – Dec 2020\n- Built 12 dashboards for the sales team\n\nSkills\nGo\n\nEducation\nB.S., MIT (2014 – 2018)"
        ));
        assert!(o.findings.is_empty(), "{:?}", o.findings);
    }

    #[test]
    fn bullet_findings_point_at_their_bullet() {
        let (d, o, _) = run(&format!(
            "{HEAD}Summary\nA results-driven team player; I love data.\n\nExperience\nEngineer, Acme — Jan 2021 – Present\n\
             - Responsible for the data pipeline and its nightly jobs\n\
             - Maintained Airflow DAGs for reporting\n\
             - The ranking model was developed in PyTorch by me\n\
             - Python\n\
             - Built a detail-oriented review process that catches schema changes before they reach production and keeps every \
               downstream dashboard, report, alert and export consistent for analysts, engineers and finance partners alike, \
               even during the busiest weeks of the quarterly close\n\
             - Dashboards and alerts for the analytics team\n\nSkills\nGo\n\nEducation\nB.S., MIT"
        ));
        let codes = |c: &str| of(&o, c).len();
        assert_eq!(codes("weak-opener"), 1);
        assert_eq!(codes("passive-voice"), 1);
        assert_eq!(codes("first-person"), 2, "one in a bullet, one in the summary");
        assert_eq!(codes("buzzword"), 3, "two in the summary, one in a bullet");
        assert_eq!(codes("bullet-too-short"), 1);
        assert_eq!(codes("bullet-too-long"), 1);
        assert_eq!(codes("no-action-verb"), 2, "'The ranking…' and 'Dashboards…'");
        assert_eq!(codes("no-quantified-impact"), 5, "every bullet of five words or more");
        assert_eq!(codes("low-quantified-share"), 1);
        let weak = of(&o, "weak-opener")[0];
        assert_eq!(
            weak.message,
            "Opens with 'Responsible for': 'Responsible for the data pipeline and its nightly jobs'"
        );
        for f in o.findings.iter().filter(|f| f.evidence.is_some()) {
            let (e, at) = (f.evidence.as_deref().unwrap(), f.offset.unwrap());
            assert!(d.text[at..].starts_with(e), "{}: {e:?} not at {at}", f.code);
        }
        let suggestion = &of(&o, "no-quantified-impact")[1].suggestion;
        assert_eq!(suggestion, "Add a figure to: 'Maintained Airflow DAGs for reporting'");
        assert_eq!(
            o.impact,
            Impact {
                bullets: 6,
                quantified: 0,
                action_led: 2
            }
        );
    }

    #[test]
    fn project_bullets_named_first_need_no_verb() {
        let (_, o, _) = run(&format!("{HEAD}Projects\n- tinyrank: open-source ranking metrics with 1.2k GitHub stars\n\nExperience\nEngineer, Acme — 2020 – 2021\n- Built 3 services"));
        assert!(of(&o, "no-action-verb").is_empty());
        assert_eq!(o.impact.quantified, 2);
    }
}
