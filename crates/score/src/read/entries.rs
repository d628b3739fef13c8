//! Entries an ATS fills its form with: experience (title, employer, location, dates,
//! bullets) and education (degree, institution, dates), read from the lines of their
//! sections. Layouts handled: "Title, Company, City — Jan 2021 – Present", "Title — Company,
//! City (2019 – 2021)", "Company\tCity" then "Title\tDates", "Title | Company | Dates", and the
//! same split over two or three lines.

use std::borrow::Cow;

use ats_parse::{Document, Format, Line, Region};

use crate::model::{SectionKind, SectionSpan};
use crate::report::{EducationEntry, ExperienceEntry};

use super::dates::{self, DateSpan, Found};
use super::text::{fold, is_capitalised, strip_bullet, word_count};

/// One line (or a bullet with its wrapped continuation lines) of a section body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub text: String,
    /// Byte offset of `text` in `Document::text`.
    pub offset: usize,
    pub bullet: bool,
    pub line: usize,
    /// The last line it holds (past `line` when wrapped lines were joined to it).
    pub last_line: usize,
}

/// A bullet of an experience or projects section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bullet {
    pub text: String,
    pub offset: usize,
    pub section: SectionKind,
}

/// An experience entry with where it was read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedJob {
    pub entry: ExperienceEntry,
    /// The header as printed (lines joined), and its byte offset.
    pub header: String,
    pub offset: usize,
    pub dates: Option<DateSpan>,
}

/// Something date-like that could not be read, with where.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BadDate {
    pub text: String,
    pub offset: usize,
    pub section: SectionKind,
}

/// Everything read from the entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entries {
    pub jobs: Vec<ParsedJob>,
    pub education: Vec<EducationEntry>,
    pub bullets: Vec<Bullet>,
    pub bad_dates: Vec<BadDate>,
}

/// True for page furniture inside a section: "Page 2", "2 / 3", "- 2 -", a lone page number
/// (never a year such as "2020", which a wrapped date leaves on its own line).
pub(crate) fn is_page_number(text: &str) -> bool {
    // Without lower-casing a copy of every body line: only ASCII letters lower-case to the
    // letters looked at ("page", "of"), so comparing them in both cases is the same test.
    let t = text.trim();
    let paged = t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("page"));
    let t = if paged { t[4..].trim() } else { t };
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '/' | '-' | '–' | 'o' | 'f' | 'O' | 'F'))
    {
        return false;
    }
    let mut numbers = 0;
    let mut short = true;
    for n in t.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()) {
        numbers += 1;
        short &= n.len() <= 3;
    }
    (1..=2).contains(&numbers) && (paged || short)
}

/// A line that ends mid-phrase: on a range dash ("Oct 2017 –"), an open bracket, or a word
/// broken by a hyphen ("Wisconsin-").
fn dangles(text: &str) -> bool {
    let t = text.trim_end();
    let open = t.matches('(').count() > t.matches(')').count();
    let dash = t.ends_with(['–', '—']) || t.ends_with(" -") || t.ends_with(" to");
    let hyphen_break = t.ends_with('-') && t.chars().rev().nth(1).is_some_and(char::is_alphabetic);
    open || dash || hyphen_break
}

/// The line opens with an action verb ("Built", "Helped"): a new bullet, not a wrapped line.
fn opens_with_verb(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let lower = first.to_lowercase();
    super::text::is_capitalised(first)
        && (crate::content::lexicon::is_action_verb(first)
            || (lower.len() >= 5 && lower.ends_with("ed") && lower.chars().all(char::is_alphabetic)))
}

/// Font sizes within this many points are one type: a wrapped line keeps its size.
const SAME_TYPE_SIZE_PT: f32 = 0.5;

/// Most words of the plain tail a bold header line wraps onto the next line ("Portugal.").
const MAX_WRAPPED_TAIL_WORDS: usize = 3;

/// The body lines of a section as items: bullets (with PDF continuation lines merged) and
/// plain lines. Header/footer lines and page numbers are skipped.
///
/// PDF lines are visual lines, so a bullet wrapped over two lines arrives as two lines: a
/// line indented past the section's left margin (or starting in lower case) right under a
/// bullet continues it. When a PDF lost its bullet glyphs, indented lines in experience and
/// projects are bullets, and a line continues the one above only when that one ran to the
/// right edge. In experience, a header line that ran to the right edge continues on the next.
pub(crate) fn items(doc: &Document, span: &SectionSpan) -> Vec<Item> {
    let lines = &doc.lines;
    let body: Vec<usize> = (span.first_line..span.end_line.min(lines.len()))
        .filter(|&i| {
            let l = &lines[i];
            !matches!(l.region, Region::Header | Region::Footer)
                && !l.text.trim().is_empty()
                && !is_page_number(&l.text)
        })
        .collect();
    let pdf = doc.format == Format::Pdf;
    let glyph_bullet = |l: &Line| l.bullet || strip_bullet(&l.text).1;
    // Left margin of the heading and plain lines, to tell a wrapped bullet line (indented)
    // from a new header. A heading in a label rail, beside the first body line, is left of
    // the body's margin, not on it.
    let beside_body = |h: &Line| {
        body.first()
            .is_some_and(|&i| lines[i].page == h.page && (lines[i].y - h.y).abs() < h.font_size.max(1.0))
    };
    let margin = body
        .iter()
        .map(|&i| &lines[i])
        .filter(|l| !glyph_bullet(l))
        .chain(span.heading_line.and_then(|h| lines.get(h)).filter(|h| !beside_body(h)))
        .filter(|l| l.x > 0.0)
        .map(|l| l.x)
        .fold(f32::INFINITY, f32::min);
    let right = body.iter().map(|&i| lines[i].x + lines[i].width).fold(0.0f32, f32::max);
    let listy = matches!(span.kind, SectionKind::Experience | SectionKind::Projects);
    let implicit_bullets = pdf && listy && margin.is_finite() && !body.iter().any(|&i| glyph_bullet(&lines[i]));
    let mut out: Vec<Item> = Vec::new();
    let mut prev_line: Option<&Line> = None;
    for &i in &body {
        let line = &lines[i];
        let (cut, glyph) = strip_bullet(&line.text);
        let text = line.text[cut..].trim_end();
        if text.is_empty() {
            continue;
        }
        // A dash before a date continues a wrapped range ("– Feb 2021"); it is no bullet.
        let dash_date = glyph
            && !line.bullet
            && line.text.trim_start().starts_with(['–', '—', '-'])
            && dates::first_span(text).is_some_and(|d| d.range.start == 0);
        let (cut, glyph, text) = if dash_date {
            (0, false, line.text.trim_end())
        } else {
            (cut, glyph, text)
        };
        let mut bullet = line.bullet || glyph;
        if pdf && !bullet {
            let indented = line.x > 0.0 && margin.is_finite() && line.x > margin + 3.0;
            // Whether the line holds a date range, scanned only when a rule below gets to it:
            // scanning every plain line was half the cost of this function.
            let dated_once = std::cell::OnceCell::new();
            let dated = || *dated_once.get_or_init(|| dates::first_span(text).is_some_and(|d| d.is_range()));
            if let (Some(last), Some(prev)) = (out.last_mut(), prev_line) {
                let close = prev.page == line.page
                    && (line.y - prev.y).abs() <= prev.font_size.max(line.font_size).max(6.0) * 1.8;
                // The first word of this line would not have fit at the end of the previous
                // one: the previous line wrapped (half an em per character, a space between).
                let first_word = text.split_whitespace().next().map_or(0, |w| w.chars().count());
                let em = prev.font_size.max(line.font_size).max(1.0);
                let prev_full = prev.width > 0.0
                    && right > 0.0
                    && prev.x + prev.width + (first_word + 1) as f32 * 0.5 * em > right + 1.0;
                let starts_lower = text.starts_with(|c: char| c.is_lowercase());
                // A word broken at a hyphen goes on in letters: "Mensah-" over a phone number
                // is a name beside a contact column, not a broken word.
                let broken_word =
                    last.text.ends_with('-') && last.text.chars().rev().nth(1).is_some_and(char::is_alphabetic);
                let broken_word_goes_on = !broken_word || text.starts_with(char::is_alphabetic);
                let continues = if dangles(&last.text) && close && broken_word_goes_on {
                    true
                } else if implicit_bullets && last.bullet {
                    close && indented && (starts_lower || (prev_full && !opens_with_verb(text))) && !dated()
                } else if last.bullet {
                    close && (indented || starts_lower) && !dated()
                } else {
                    // A wrapped job header ("…, San" / "Francisco, CA — 2021"), in the same type:
                    // a line opening with an action verb starts a description line of its own,
                    // and a line in another size or weight starts the next header piece (a bold
                    // employer over a plain title line), unless the header broke after a comma
                    // or left a short undated tail of a bold line ("Portugal.") in plain type.
                    let tail_of_bold =
                        prev.bold && !line.bold && word_count(text) <= MAX_WRAPPED_TAIL_WORDS && !dated();
                    let same_type = (line.font_size - prev.font_size).abs() <= SAME_TYPE_SIZE_PT
                        && (prev.bold == line.bold || last.text.ends_with(',') || tail_of_bold);
                    span.kind == SectionKind::Experience
                        && close
                        && prev_full
                        && !indented
                        && same_type
                        && !opens_with_verb(text)
                };
                if continues {
                    let hyphen_break = last.text.ends_with('-') && !last.text.ends_with(" -");
                    if !hyphen_break {
                        last.text.push(' ');
                    }
                    last.text.push_str(text);
                    last.last_line = i;
                    prev_line = Some(line);
                    continue;
                }
            }
            if implicit_bullets && indented && !dated() {
                bullet = true;
            }
        }
        out.push(Item {
            text: text.to_string(),
            offset: line.start + cut,
            bullet,
            line: i,
            last_line: i,
        });
        prev_line = Some(line);
    }
    out
}

/// Job-title words: a segment holding one is the title.
static TITLE_WORDS: &[&str] = &[
    "accountant",
    "administrator",
    "adviser",
    "advisor",
    "agent",
    "ambassador",
    "analyst",
    "apprentice",
    "architect",
    "assistant",
    "associate",
    "attorney",
    "auditor",
    "bookkeeper",
    "candidate",
    "ceo",
    "cfo",
    "chair",
    "chief",
    "clerk",
    "co-founder",
    "consultant",
    "contractor",
    "controller",
    "coo",
    "coordinator",
    "counsel",
    "cto",
    "designer",
    "developer",
    "director",
    "doctor",
    "editor",
    "educator",
    "engineer",
    "evangelist",
    "executive",
    "expert",
    "fellow",
    "founder",
    "freelance",
    "freelancer",
    "head",
    "instructor",
    "intern",
    "investigator",
    "journalist",
    "lead",
    "leader",
    "lecturer",
    "maintainer",
    "manager",
    "marketer",
    "mentor",
    "nurse",
    "officer",
    "operator",
    "owner",
    "pharmacist",
    "physician",
    "postdoc",
    "practitioner",
    "president",
    "principal",
    "producer",
    "professor",
    "programmer",
    "recruiter",
    "representative",
    "researcher",
    "scientist",
    "specialist",
    "staff",
    "strategist",
    "student",
    "supervisor",
    "teacher",
    "technician",
    "therapist",
    "trainee",
    "tutor",
    "volunteer",
    "vp",
    "writer",
];

/// Organisation words: a segment holding one is an employer or school, not a place.
static ORG_WORDS: &[&str] = &[
    "academy",
    "ag",
    "agency",
    "ai",
    "airlines",
    "analytics",
    "associates",
    "bank",
    "bio",
    "capital",
    "center",
    "centre",
    "cloud",
    "co",
    "college",
    "company",
    "consulting",
    "corp",
    "corporation",
    "data",
    "digital",
    "energy",
    "foundation",
    "games",
    "gmbh",
    "group",
    "health",
    "holdings",
    "hospital",
    "inc",
    "industries",
    "institut",
    "institute",
    "insurance",
    "lab",
    "labs",
    "llc",
    "llp",
    "ltd",
    "media",
    "mobility",
    "network",
    "networks",
    "partners",
    "payments",
    "pharma",
    "plc",
    "research",
    "retail",
    "robotics",
    "sa",
    "sas",
    "school",
    "sciences",
    "services",
    "software",
    "solutions",
    "studio",
    "studios",
    "systems",
    "tech",
    "technologies",
    "university",
    "ventures",
];

fn has_word(list: &[&str], s: &str) -> bool {
    fold(s).split(' ').any(|w| list.binary_search(&w).is_ok())
}

pub(crate) fn is_title(s: &str) -> bool {
    has_word(TITLE_WORDS, s)
}

fn is_org(s: &str) -> bool {
    has_word(ORG_WORDS, s)
}

/// How much a segment reads as a job title: a title word as its head noun (last word) or
/// first word counts most; an organisation word as its last word counts against.
fn title_score(s: &str) -> i32 {
    let folded = fold(s);
    let title = |w: &str| TITLE_WORDS.binary_search(&w).is_ok();
    let org = |w: &str| ORG_WORDS.binary_search(&w).is_ok() || INSTITUTION_WORDS.binary_search(&w).is_ok();
    // One pass over the words, without collecting them: only the first, second and last
    // words and whether any is a title word matter.
    let mut words = folded.split(' ').filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return 0;
    };
    let second = words.next();
    let mut any_title = title(first);
    let mut last = first;
    for w in second.into_iter().chain(words) {
        any_title = any_title || title(w);
        last = w;
    }
    let mut score = 0;
    if any_title {
        score += 1;
    }
    if title(last) || (title(first) && second == Some("of")) {
        score += 2;
    }
    if org(last) {
        score -= 2;
    }
    score
}

/// Splits a trailing "City, ST" off a segment that also holds other words ("Acme Corp
/// Seattle, WA" when a tab between them became a space).
fn split_trailing_location(seg: &str) -> Option<(String, String)> {
    const CITY_PREFIXES: &[&str] = &[
        "Abu", "Buenos", "Cape", "El", "Fort", "Hong", "Kansas", "Kuala", "La", "Las", "Los", "Mexico", "Mountain",
        "New", "Palo", "Redwood", "Rio", "Salt", "San", "Santa", "St.", "São", "Tel",
    ];
    let comma = seg.rfind(',')?;
    let before: Vec<&str> = seg[..comma].split_whitespace().collect();
    if before.len() < 2 {
        return None;
    }
    let mut city_words = 1;
    if before.len() >= 3 && CITY_PREFIXES.contains(&before[before.len() - 2]) {
        city_words = 2;
    }
    let split = before.len() - city_words;
    let city = before[split..].join(" ");
    let loc = format!("{city}{}", &seg[comma..]);
    if !super::contact::is_location(&loc) {
        return None;
    }
    let rest = before[..split].join(" ");
    Some((rest, loc))
}

/// A short capitalised segment without organisation or title words, and no heading wording
/// (an item title such as "Highlights" under a header): "Berlin", "Oakland".
fn is_place_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && super::sections::classify(s).is_none_or(|m| !m.exact)
        && words.len() <= 3
        && words
            .iter()
            .all(|w| is_capitalised(w) || matches!(*w, "am" | "an" | "de" | "sur" | "upon"))
        && !is_org(s)
        && !is_title(s)
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '\'' | '’'))
}

/// Removes the date text (with brackets and separators around it) from a header line.
fn cut_dates(line: &str, range: std::ops::Range<usize>) -> String {
    let before = line[..range.start].trim_end();
    let after = line[range.end..].trim_start();
    let before = before.strip_suffix('(').unwrap_or(before).trim_end();
    let after = after.strip_prefix(')').unwrap_or(after).trim_start();
    let seps: &[char] = &['—', '–', '-', '|', ',', '·', '•', '\t', ' ', ':', '@', '/'];
    let before = before.trim_end_matches(seps);
    let after = after.trim_start_matches(seps);
    match (before.is_empty(), after.is_empty()) {
        (true, _) => after.to_string(),
        (_, true) => before.to_string(),
        _ => format!("{before} | {after}"),
    }
}

/// Splits a header piece by strong separators: " | ", tab, " — ", " – ", " - ", " · ",
/// " • ", " @ ", and " at " after a job title ("Data Analyst at Acme").
///
/// The parts are slices of `s`: splitting into a new `Vec<String>` per separator (11 of them)
/// cost ~25,000 instructions a header, 3.4M on the 61-file bench. A separator absent from `s`
/// is absent from every part, so it is skipped after one search.
fn strong_split(s: &str) -> Vec<&str> {
    let mut parts = vec![s];
    let mut next: Vec<&str> = Vec::new();
    for sep in [" | ", "\t", " — ", " – ", " - ", " · ", " • ", " @ ", "|", " —", "— "] {
        if !s.contains(sep) {
            // Splitting on an absent separator only trims each part and drops empty ones.
            parts.retain_mut(|p| {
                *p = p.trim();
                !p.is_empty()
            });
            continue;
        }
        next.clear();
        next.extend(
            parts
                .iter()
                .flat_map(|p| p.split(sep).map(str::trim))
                .filter(|p| !p.is_empty()),
        );
        std::mem::swap(&mut parts, &mut next);
    }
    let mut out = Vec::with_capacity(parts.len() + 1);
    for p in parts {
        match p.find(" at ") {
            Some(i) if title_score(&p[..i]) >= 1 => {
                out.extend([p[..i].trim(), p[i + 4..].trim()].into_iter().filter(|x| !x.is_empty()));
            }
            _ => out.push(p),
        }
    }
    out
}

/// Splits a trailing location off comma-separated parts: "San Francisco, CA" (region code or
/// country), or a last place-like part when at least `min_parts` parts are left before it.
fn take_location(parts: &mut Vec<&str>, min_before: usize) -> Option<String> {
    if parts.len() >= 2 {
        // A header may end its last field with a full stop ("…, Reykjavík, Iceland."), which
        // is no part of the place.
        let last = parts[parts.len() - 1];
        let last = last.strip_suffix('.').unwrap_or(last);
        let tail2 = format!("{}, {last}", parts[parts.len() - 2]);
        if parts.len() >= 2 + min_before.min(1)
            && super::contact::is_location(&tail2)
            && !is_org(parts[parts.len() - 2])
        {
            parts.truncate(parts.len() - 2);
            return Some(tail2);
        }
    }
    if parts.len() > min_before {
        if let Some(last) = parts.last() {
            if is_place_like(last) || last.eq_ignore_ascii_case("remote") {
                return parts.pop().map(str::to_string);
            }
        }
    }
    None
}

/// The comma-separated parts of `s`, trimmed, empty ones dropped.
fn comma_parts(s: &str) -> Vec<&str> {
    s.split(',').map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Reads title, company and location from header pieces with the dates already cut out.
/// Segments and parts are slices of the pieces (a `Cow` where a trailing location was split
/// off and the rest re-joined): the result is cleaned and copied once at the end.
fn fields(pieces: &[String]) -> (Option<String>, Option<String>, Option<String>) {
    let mut segs: Vec<Cow<str>> = pieces
        .iter()
        .flat_map(|p| strong_split(p))
        .filter(|s| !s.trim_matches(|c: char| !c.is_alphanumeric()).is_empty())
        .map(Cow::Borrowed)
        .collect();
    let mut title: Option<Cow<str>> = None;
    let mut company: Option<Cow<str>> = None;
    let mut location: Option<Cow<str>> = None;
    // A whole segment that is a location, or ends with one ("Acme Corp Seattle, WA").
    if segs.len() > 1 {
        let whole = segs
            .iter()
            .position(|s| super::contact::is_location(s) && !is_org(s) && title_score(s) <= 0);
        // Beside a title and nothing else, a long "place" is the employer before its place
        // ("Tamarack Freight Austin, TX" over "Audit Associate"): the header names both.
        let employer_before_place = whole.filter(|_| segs.len() == 2).and_then(|k| {
            let split = split_trailing_location(&segs[k])?;
            (title_score(&segs[1 - k]) >= 1 && !split.0.is_empty()).then_some((k, split))
        });
        if let Some((k, (rest, loc))) = employer_before_place {
            location = Some(Cow::Owned(loc));
            segs[k] = Cow::Owned(rest);
        } else if let Some(k) = whole {
            location = Some(segs.remove(k));
        } else if let Some((k, (rest, loc))) = segs
            .iter()
            .enumerate()
            .find_map(|(k, s)| split_trailing_location(s).map(|x| (k, x)))
        {
            location = Some(Cow::Owned(loc));
            segs[k] = Cow::Owned(rest);
        }
    }
    if segs.len() >= 2 {
        let best = segs
            .iter()
            .enumerate()
            .map(|(k, s)| (title_score(s), k))
            .filter(|(score, _)| *score >= 1)
            .max_by_key(|&(score, k)| (score, std::cmp::Reverse(k)));
        if let Some((_, k)) = best {
            title = Some(segs.remove(k));
        }
        let mut rest = segs;
        if !rest.is_empty() {
            let first = rest.remove(0);
            let mut parts = comma_parts(&first);
            if location.is_none() {
                location = take_location(&mut parts, 1).map(Cow::Owned);
            }
            company = Some(Cow::Owned(parts.join(", ")));
        }
        if title.is_none() {
            title = rest.into_iter().next();
        } else if location.is_none() {
            if let Some(r) = rest.into_iter().next() {
                if is_place_like(&r) || super::contact::is_location(&r) {
                    location = Some(r);
                }
            }
        }
    } else if let Some(only) = segs.first() {
        // One segment: "Title, Company, City, ST".
        let mut parts = comma_parts(only);
        if location.is_none() {
            location = take_location(&mut parts, 2).map(Cow::Owned);
        }
        match parts.len() {
            0 => {}
            1 => {
                if title_score(parts[0]) >= 1 {
                    title = Some(Cow::Owned(parts[0].to_string()));
                } else {
                    company = Some(Cow::Owned(parts[0].to_string()));
                }
            }
            _ => {
                // The title comes first when it reads more like one than the last part does.
                let first = title_score(parts[0]);
                let last = title_score(parts[parts.len() - 1]);
                if first >= 1 && first >= last {
                    company = parts.pop().map(|p| Cow::Owned(p.to_string()));
                } else {
                    company = Some(Cow::Owned(parts.remove(0).to_string()));
                }
                title = Some(Cow::Owned(parts.join(", ")));
            }
        }
    }
    let clean = |s: Option<Cow<str>>| {
        s.map(|x| {
            x.trim_matches(|c: char| matches!(c, ',' | '|' | '—' | '–' | '-' | ' ' | '(' | ')' | '*' | '_'))
                .to_string()
        })
        .filter(|x| !x.is_empty())
    };
    (clean(title), clean(company), clean(location))
}

/// Most words of an undated line that a header draws from the lines around its dated one.
const MAX_HEADER_LINE_WORDS: usize = 8;

/// A line set this many points larger than the body is heavier than it, as bold type is.
const HEAVIER_THAN_BODY_PT: f32 = 1.0;

/// A plain line reads as a description, not a header piece: it opens with an action verb,
/// ends a sentence or is long, and does not end on a job title ("Managed Services Engineer").
fn reads_as_description(text: &str) -> bool {
    let t = text.trim();
    (opens_with_verb(t) || t.ends_with('.') || word_count(t) > MAX_HEADER_LINE_WORDS) && title_score(t) < 2
}

/// Lines of a run that go together: an entry header, or the description under one.
#[derive(Debug, PartialEq)]
struct LineGroup {
    lines: Vec<usize>,
    /// A description under a header set heavier than it: never a header itself.
    description: bool,
}

/// Groups the plain lines of a run into entry headers: each group holds one dated line and
/// the short undated lines around it. Where the header is set heavier (bold or larger) than
/// the plain lines under it, `heavy` marks the boundary: a plain description line above a
/// header with a heavy line ends the previous entry, however short, and the plain
/// description lines under a header with a heavy line are its description, not more of it.
fn header_groups(run: &[&Item], scans: &[Vec<Found>], heavy: &[bool]) -> Vec<LineGroup> {
    let dated: Vec<bool> = scans
        .iter()
        .map(|found| {
            found.iter().any(|f| match f {
                Found::Span(d) => d.start.is_some(),
                Found::Unparsed(_) => true,
            })
        })
        .collect();
    // A plain line that reads as a description: beside a header with a heavy line, it is no
    // part of that header.
    let plain_description = |k: usize| !heavy[k] && reads_as_description(&run[k].text);
    let mut groups: Vec<LineGroup> = Vec::new();
    let push = |group: Vec<usize>, groups: &mut Vec<LineGroup>| {
        // The description starts at the first plain description line after the dates, under
        // a header with a heavy line.
        let mut split = None;
        if let Some(d) = group.iter().position(|&k| dated[k]) {
            let mut heavy_above = group[..=d].iter().any(|&h| heavy[h]);
            for (p, &k) in group.iter().enumerate().skip(d + 1) {
                if heavy_above && !dated[k] && plain_description(k) {
                    split = Some(p);
                    break;
                }
                heavy_above |= heavy[k];
            }
        }
        match split {
            Some(p) => {
                let mut lines = group;
                let tail = lines.split_off(p);
                groups.push(LineGroup {
                    lines,
                    description: false,
                });
                groups.push(LineGroup {
                    lines: tail,
                    description: true,
                });
            }
            None => groups.push(LineGroup {
                lines: group,
                description: false,
            }),
        }
    };
    let mut current: Vec<usize> = Vec::new();
    let mut current_dated = false;
    for k in 0..run.len() {
        if dated[k] && current_dated {
            // Undated lines after the previous dated line belong to this header when short.
            let mut moved: Vec<usize> = Vec::new();
            let mut header_heavy = heavy[k];
            while let Some(&last) = current.last() {
                if dated[last]
                    || word_count(&run[last].text) > MAX_HEADER_LINE_WORDS
                    || (header_heavy && plain_description(last))
                {
                    break;
                }
                header_heavy |= heavy[last];
                moved.push(last);
                current.pop();
            }
            push(std::mem::take(&mut current), &mut groups);
            moved.reverse();
            current = moved;
            current_dated = false;
        }
        current.push(k);
        current_dated |= dated[k];
    }
    if !current.is_empty() {
        push(current, &mut groups);
    }
    groups
}

/// True for a header group that starts an entry: it holds dates, or is a short line just
/// before bullets.
fn is_header(run: &[&Item], scans: &[Vec<Found>], group: &LineGroup, before_bullets: bool) -> bool {
    if group.description {
        return false;
    }
    let dated = group.lines.iter().any(|&k| !scans[k].is_empty());
    dated || (before_bullets && group.lines.iter().all(|&k| word_count(&run[k].text) <= 12))
}

fn job_from(run: &[&Item], scans: &[Vec<Found>], group: &[usize], bad: &mut Vec<BadDate>) -> ParsedJob {
    let mut span: Option<DateSpan> = None;
    let mut dates_text: Option<String> = None;
    let mut pieces: Vec<String> = Vec::new();
    let mut header = String::new();
    for &k in group {
        let it = run[k];
        if !header.is_empty() {
            header.push_str(" / ");
        }
        header.push_str(&it.text);
        let mut text = it.text.clone();
        for f in scans[k].iter().cloned() {
            match f {
                Found::Span(d) if span.is_none() && d.start.is_some() => {
                    text = cut_dates(&it.text, d.range.clone());
                    dates_text = it.text.get(d.range.clone()).map(str::to_string);
                    span = Some(d);
                }
                Found::Unparsed(r) => {
                    bad.push(BadDate {
                        text: it.text[r.clone()].to_string(),
                        offset: it.offset + r.start,
                        section: SectionKind::Experience,
                    });
                    if span.is_none() {
                        text = cut_dates(&it.text, r);
                    }
                }
                Found::Span(_) => {}
            }
        }
        if !text.trim().is_empty() {
            pieces.push(text);
        }
    }
    let (title, company, location) = fields(&pieces);
    let entry = ExperienceEntry {
        title,
        company,
        location,
        start: span.as_ref().and_then(|d| d.start).map(|d| d.normalised()),
        end: span
            .as_ref()
            .filter(|d| !d.current)
            .and_then(|d| d.end)
            .map(|d| d.normalised()),
        current: span.as_ref().is_some_and(|d| d.current),
        dates_text,
        bullets: Vec::new(),
    };
    ParsedJob {
        entry,
        header,
        offset: run[group[0]].offset,
        dates: span,
    }
}

/// Degree words (compared without dots, case-sensitive for the short forms).
static DEGREES_LONG: &[&str] = &[
    "abitur",
    "associate of",
    "associate's",
    "baccalaureate",
    "baccalauréat",
    "bachelor",
    "bachelor's",
    "bachelors",
    "certificate",
    "diplom",
    "diploma",
    "doctor of",
    "doctorate",
    "ged",
    "high school",
    "laurea",
    "licence",
    "licentiate",
    "magister",
    "master",
    "master's",
    "masters",
    "postgraduate",
];
const DEGREES_SHORT: &[&str] = &[
    "AA", "AS", "BA", "BArch", "BBA", "BComm", "BCom", "BE", "BEng", "BFA", "BS", "BSc", "BTech", "DPhil", "EdD", "JD",
    "LLB", "LLM", "MA", "MBA", "MD", "ME", "MEng", "MFA", "MPH", "MPhil", "MS", "MSc", "MTech", "PhD",
];

/// A long degree form ("bachelor", "high school") as a whole word of `lower`. Tried at each
/// word start (a char not after a letter), not searched for form by form (23 substring
/// searchers a line, ~1M instructions on the 61-file bench). The same matches: every form
/// starts with a letter, and no form overlaps itself, so a search finds every occurrence.
fn has_long_degree(lower: &str) -> bool {
    let mut prev_letter = false;
    for (i, c) in lower.char_indices() {
        let at_start = !prev_letter;
        prev_letter = c.is_alphabetic();
        if !at_start || !prev_letter {
            continue;
        }
        let rest = &lower[i..];
        if DEGREES_LONG
            .iter()
            .any(|d| rest.starts_with(d) && !rest[d.len()..].chars().next().is_some_and(char::is_alphabetic))
        {
            return true;
        }
    }
    false
}

fn has_degree(s: &str) -> bool {
    if has_long_degree(&s.to_lowercase()) {
        return true;
    }
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '|' | '—' | '–'))
        .filter(|t| !t.is_empty())
        .collect();
    tokens.iter().enumerate().any(|(k, t)| {
        let dotted = t.contains('.');
        let bare: String = t.chars().filter(|c| *c != '.').collect();
        if !DEGREES_SHORT.contains(&bare.as_str()) {
            return false;
        }
        // "M.S." and "Ph.D." are degrees anywhere; bare two-letter forms ("MA", "MS") only
        // before a field ("MS in", "MS Computer Science"), so "Boston, MA" is not one.
        dotted
            || bare.len() > 2
            || tokens
                .get(k + 1)
                .is_some_and(|n| *n == "in" || *n == "of" || is_capitalised(n))
    })
}

static INSTITUTION_WORDS: &[&str] = &[
    "academy",
    "college",
    "conservatoire",
    "conservatory",
    "ecole",
    "hochschule",
    "institut",
    "institute",
    "politecnico",
    "polytechnic",
    "polytechnique",
    "school",
    "universidad",
    "universidade",
    "universitat",
    "universite",
    "universiteit",
    "university",
    "università",
    "universität",
    "université",
    "école",
];

fn has_institution(s: &str) -> bool {
    fold(s).split(' ').any(|w| INSTITUTION_WORDS.binary_search(&w).is_ok())
}

fn is_education_noise(s: &str) -> bool {
    let l = s.trim().to_lowercase();
    [
        "gpa",
        "grade",
        "cgpa",
        "honours",
        "honors",
        "thesis",
        "minor",
        "major",
        "relevant coursework",
        "coursework",
        "courses",
        "dean",
        "cum laude",
        "magna",
        "summa",
        "first class",
        "distinction",
    ]
    .iter()
    .any(|p| l.starts_with(p))
}

/// What one line of an education section says: its degree, school, location and dates, each
/// as printed. The reader fills entries from it; the export writes the fields a line each.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EducationLine {
    pub degree: Option<String>,
    pub institution: Option<String>,
    /// "City, ST" or "City, Country" among the parts neither degree nor school took.
    pub location: Option<String>,
    /// The first date span and its text as printed.
    pub dates: Option<(DateSpan, String)>,
}

impl EducationLine {
    /// The line names a degree or a school: it opens an entry or adds to one.
    pub fn is_entry(&self) -> bool {
        self.degree.is_some() || self.institution.is_some()
    }
}

/// Reads one education line; dates it could not read go to `bad`.
pub(crate) fn education_line(it: &Item, bad: &mut Vec<BadDate>) -> EducationLine {
    let mut text = it.text.clone();
    let mut span: Option<DateSpan> = None;
    for f in dates::scan(&it.text) {
        match f {
            Found::Span(d) if span.is_none() => {
                text = cut_dates(&it.text, d.range.clone());
                span = Some(d);
            }
            Found::Unparsed(r) => bad.push(BadDate {
                text: it.text[r].to_string(),
                offset: it.offset,
                section: SectionKind::Education,
            }),
            Found::Span(_) => {}
        }
    }
    let segs: Vec<String> = text
        .split([',', '|', '—', '–', '\t', '·', '•'])
        .map(|x| x.trim().to_string())
        .filter(|s| !s.is_empty() && !is_education_noise(s))
        .collect();
    let degree_at = segs.iter().position(|s| has_degree(s));
    let degree = degree_at.map(|k| segs[k].clone());
    // Which parts the school took (a campus after a system name is a second one).
    let mut school_parts: Vec<usize> = Vec::new();
    let institution = segs
        .iter()
        .position(|s| has_institution(s) && Some(s) != degree.as_ref())
        .map(|k| {
            // A campus after a system name: "University of California, Davis" (but not the
            // city of "Duke University, Durham, NC").
            let campus = segs.get(k + 1).filter(|c| {
                segs[k].starts_with("University of")
                    && is_place_like(c)
                    && !has_degree(c)
                    && segs.get(k + 2).is_none_or(|after| {
                        // "Seattle, WA." ends a sentence: the full stop is no part of the place.
                        !super::contact::is_location(&format!("{c}, {}", after.trim_end_matches('.')))
                    })
            });
            school_parts.push(k);
            match campus {
                Some(c) => {
                    school_parts.push(k + 1);
                    format!("{}, {c}", segs[k])
                }
                None => segs[k].clone(),
            }
        })
        .or_else(|| {
            // "MSc in Management, London School…": the part after the degree.
            let k = degree_at? + 1;
            let s = segs
                .get(k)
                .filter(|s| !super::contact::is_location(s) && !is_place_like(s) || has_institution(s))?;
            school_parts.push(k);
            Some(s.clone())
        });
    // A location: two neighbouring parts left over that read as "City, ST" or "City, Country"
    // (a full stop after it aside), a city run into the school's part ("Calder University
    // Madison, WI" where a tab became a space), or a last place-like part after the school.
    let mut institution = institution;
    let free = |k: usize| Some(k) != degree_at && !school_parts.contains(&k);
    let pair = |k: usize| format!("{}, {}", segs[k], segs[k + 1]);
    let location = (0..segs.len().saturating_sub(1))
        .filter(|&k| free(k) && free(k + 1))
        .map(pair)
        .find(|p| super::contact::is_location(p.trim_end_matches('.')))
        .or_else(|| {
            let k = *school_parts.last()?;
            let next = segs.get(k + 1).filter(|_| free(k + 1))?;
            let (school, city) = split_trailing_location(&format!("{}, {next}", segs[k]))?;
            if school_parts.len() == 1 {
                institution = Some(school);
            }
            Some(city)
        })
        .or_else(|| {
            let k = segs.len().checked_sub(1)?;
            let after_school = school_parts.last().is_some_and(|&s| k > s) && degree_at.is_none_or(|d| k > d);
            (after_school && free(k) && is_place_like(segs[k].trim_end_matches('.'))).then(|| segs[k].clone())
        });
    EducationLine {
        degree,
        institution,
        location,
        dates: span.map(|d| {
            let printed = it.text.get(d.range.clone()).unwrap_or_default().to_string();
            (d, printed)
        }),
    }
}

/// The items of an education section, with an entry line a narrow PDF column wrapped joined
/// again ("B.Sc. Computer Science, Kingsbridge" over "Polytechnic, Manchester, UK"): when the
/// layout says the line carries on the one above, and the two read as one leave no more words
/// outside a field and find no fewer fields than read apart. Lines stacked on purpose ("B.Sc.
/// Computer Science" over "Kingsbridge Polytechnic") read as two fields apart and one joined,
/// so they stay apart.
pub(crate) fn education_items(doc: &Document, edges: &super::wrap::RightEdges, span: &SectionSpan) -> Vec<Item> {
    let its = items(doc, span);
    if doc.format != Format::Pdf || its.len() < 2 {
        return its;
    }
    let mut out: Vec<Item> = Vec::with_capacity(its.len());
    for it in its {
        if let Some(prev) = out.last_mut() {
            if !prev.bullet && !it.bullet && super::wrap::continues_paragraph(doc, edges, prev, &it) {
                let joined = Item {
                    text: format!("{} {}", prev.text, it.text.trim()),
                    last_line: it.last_line,
                    ..prev.clone()
                };
                let (fields_joined, loose_joined) = education_fit(&joined);
                let (fields_a, loose_a) = education_fit(prev);
                let (fields_b, loose_b) = education_fit(&it);
                if loose_joined <= loose_a + loose_b && fields_joined >= fields_a + fields_b {
                    *prev = joined;
                    continue;
                }
            }
        }
        out.push(it);
    }
    out
}

/// How well a line reads as an education entry: how many fields it fills, and how many of its
/// words no field holds.
fn education_fit(it: &Item) -> (usize, usize) {
    let line = education_line(it, &mut Vec::new());
    let fields: Vec<&str> = [
        line.degree.as_deref(),
        line.institution.as_deref(),
        line.location.as_deref(),
        line.dates.as_ref().map(|(_, t)| t.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let key = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let mut held: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for w in fields.iter().flat_map(|f| f.split_whitespace()) {
        *held.entry(key(w)).or_default() += 1;
    }
    let loose = it
        .text
        .split_whitespace()
        .map(key)
        .filter(|k| !k.is_empty())
        .filter(|k| match held.get_mut(k) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .count();
    (fields.len(), loose)
}

/// One piece of an education section, in document order.
pub(crate) enum EducationStep<'a> {
    /// A line naming a degree or school; `opens` when it starts a new entry.
    Entry {
        item: &'a Item,
        line: EducationLine,
        opens: bool,
    },
    /// Any other line (dates or a place under an entry, coursework, a grade).
    Plain(&'a Item, EducationLine),
}

/// Walks the items of an education section as the reader sees them. The reader and the export
/// both walk it, so an exported entry has the very fields the report shows.
pub(crate) fn walk_education<'a>(items: &'a [Item], bad: &mut Vec<BadDate>, mut visit: impl FnMut(EducationStep<'a>)) {
    // What the entry being read has so far: a degree, a school.
    let mut current: Option<(bool, bool)> = None;
    for it in items {
        let line = education_line(it, bad);
        if !line.is_entry() {
            visit(EducationStep::Plain(it, line));
            continue;
        }
        let opens = match current {
            None => true,
            Some((has_degree, has_school)) => {
                (line.degree.is_some() && has_degree) || (line.institution.is_some() && has_school)
            }
        };
        let (has_degree, has_school) = if opens {
            (false, false)
        } else {
            current.unwrap_or_default()
        };
        current = Some((
            has_degree || line.degree.is_some(),
            has_school || line.institution.is_some(),
        ));
        visit(EducationStep::Entry { item: it, line, opens });
    }
}

fn education_from(items: &[Item], bad: &mut Vec<BadDate>) -> Vec<EducationEntry> {
    let mut out: Vec<EducationEntry> = Vec::new();
    let mut current: Option<EducationEntry> = None;
    walk_education(items, bad, |step| match step {
        EducationStep::Plain(it, line) => {
            if let (Some(cur), Some((d, _))) = (current.as_mut(), line.dates) {
                if cur.dates_text.is_none() {
                    set_dates(cur, &d, &it.text);
                }
            }
        }
        EducationStep::Entry { item, line, opens } => {
            if opens {
                if let Some(done) = current.take() {
                    out.push(done);
                }
                current = Some(EducationEntry::default());
            }
            if let Some(cur) = current.as_mut() {
                if cur.degree.is_none() {
                    cur.degree = line.degree;
                }
                if cur.institution.is_none() {
                    cur.institution = line.institution;
                }
                if let Some((d, _)) = line.dates {
                    if cur.dates_text.is_none() {
                        set_dates(cur, &d, &item.text);
                    }
                }
            }
        }
    });
    if let Some(done) = current {
        out.push(done);
    }
    out
}

fn set_dates(e: &mut EducationEntry, d: &DateSpan, text: &str) {
    e.dates_text = text.get(d.range.clone()).map(str::to_string);
    if d.is_range() {
        e.start = d.start.map(|x| x.normalised());
        e.end = if d.current { None } else { d.end.map(|x| x.normalised()) };
    } else {
        // One date on an education line is when it ends (or is expected to).
        e.end = d.end.or(d.start).map(|x| x.normalised());
    }
}

/// Reads the entries of every experience, education and projects section.
pub(crate) fn read(doc: &Document, sections: &[SectionSpan]) -> Entries {
    let mut out = Entries::default();
    // Where PDF lines end, found once, when an education section asks.
    let edges = std::cell::OnceCell::new();
    for span in sections {
        match span.kind {
            SectionKind::Experience => read_experience(doc, span, &mut out),
            SectionKind::Education => {
                let its = if doc.format == Format::Pdf {
                    education_items(doc, edges.get_or_init(|| super::wrap::RightEdges::of(doc)), span)
                } else {
                    items(doc, span)
                };
                let mut entries = education_from(&its, &mut out.bad_dates);
                out.education.append(&mut entries);
            }
            SectionKind::Projects => {
                for it in items(doc, span).into_iter().filter(|it| it.bullet) {
                    out.bullets.push(Bullet {
                        text: it.text,
                        offset: it.offset,
                        section: SectionKind::Projects,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

fn read_experience(doc: &Document, span: &SectionSpan, out: &mut Entries) {
    let mut current: Option<usize> = None;
    let Entries {
        jobs,
        bullets,
        bad_dates,
        ..
    } = out;
    walk_experience(doc, span, bad_dates, |step| match step {
        ExperienceStep::Bullet(it) => {
            bullets.push(Bullet {
                text: it.text.clone(),
                offset: it.offset,
                section: SectionKind::Experience,
            });
            if let Some(j) = current {
                jobs[j].entry.bullets.push(it.text.clone());
            }
        }
        ExperienceStep::Header(job, _) => {
            jobs.push(*job);
            current = Some(jobs.len() - 1);
        }
        ExperienceStep::Plain(_) => {}
    });
}

/// One piece of an experience section, in document order.
pub(crate) enum ExperienceStep<'a> {
    /// A bullet (with its wrapped lines).
    Bullet(&'a Item),
    /// An entry header read into its fields, with the lines it was read from.
    Header(Box<ParsedJob>, Vec<&'a Item>),
    /// A plain line that heads no entry (a description under a job, a stray line).
    Plain(&'a Item),
}

/// Walks the items of an experience section as the reader sees them: bullets, entry headers
/// (grouped lines around a dated one) and plain lines. The reader and the export both walk it,
/// so an exported job has the very fields the report shows.
pub(crate) fn walk_experience(
    doc: &Document,
    span: &SectionSpan,
    bad: &mut Vec<BadDate>,
    mut visit: impl FnMut(ExperienceStep<'_>),
) {
    let its = items(doc, span);
    // The section's own body size: the reader weighs its header lines against its text.
    let first = span.first_line.min(doc.lines.len());
    let body_size = super::sections::body_font_size(&doc.lines[first..span.end_line.clamp(first, doc.lines.len())]);
    let heavy = |it: &Item| {
        let line = &doc.lines[it.line];
        line.bold || (body_size > 0.0 && line.font_size >= body_size + HEAVIER_THAN_BODY_PT)
    };
    let mut k = 0;
    while k < its.len() {
        if its[k].bullet {
            visit(ExperienceStep::Bullet(&its[k]));
            k += 1;
            continue;
        }
        // A run of plain lines.
        let start = k;
        while k < its.len() && !its[k].bullet {
            k += 1;
        }
        let run: Vec<&Item> = its[start..k].iter().collect();
        let before_bullets = k < its.len();
        let scans: Vec<Vec<Found>> = run.iter().map(|it| dates::scan(&it.text)).collect();
        let weights: Vec<bool> = run.iter().map(|it| heavy(it)).collect();
        let groups = header_groups(&run, &scans, &weights);
        let last = groups.len().saturating_sub(1);
        for (g, group) in groups.iter().enumerate() {
            if is_header(&run, &scans, group, before_bullets && g == last) {
                let job = job_from(&run, &scans, &group.lines, bad);
                visit(ExperienceStep::Header(
                    Box::new(job),
                    group.lines.iter().map(|&i| run[i]).collect(),
                ));
            } else {
                for &i in &group.lines {
                    visit(ExperienceStep::Plain(run[i]));
                }
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

    fn jobs(text: &str) -> Vec<ExperienceEntry> {
        let d = doc(text);
        let s = super::super::sections::find_sections(&d);
        read(&d, &s).jobs.into_iter().map(|j| j.entry).collect()
    }

    type Fields = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        bool,
    );

    fn job(t: Option<&str>, c: Option<&str>, l: Option<&str>, s: Option<&str>, e: Option<&str>, cur: bool) -> Fields {
        let o = |x: Option<&str>| x.map(str::to_string);
        (o(t), o(c), o(l), o(s), o(e), cur)
    }

    fn fields_of(e: &ExperienceEntry) -> Fields {
        (
            e.title.clone(),
            e.company.clone(),
            e.location.clone(),
            e.start.clone(),
            e.end.clone(),
            e.current,
        )
    }

    /// `strong_split` as it was: a new `Vec<String>` per separator.
    fn strong_split_owned(s: &str) -> Vec<String> {
        let mut parts = vec![s.to_string()];
        for sep in [" | ", "\t", " — ", " – ", " - ", " · ", " • ", " @ ", "|", " —", "— "] {
            parts = parts
                .into_iter()
                .flat_map(|p| p.split(sep).map(|x| x.trim().to_string()).collect::<Vec<_>>())
                .filter(|p| !p.is_empty())
                .collect();
        }
        parts
            .into_iter()
            .flat_map(|p| match p.find(" at ") {
                Some(i) if title_score(&p[..i]) >= 1 => vec![p[..i].trim().to_string(), p[i + 4..].trim().to_string()],
                _ => vec![p],
            })
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// `is_page_number` as it was: on a lower-cased copy.
    fn is_page_number_lowered(text: &str) -> bool {
        let t = text.trim().to_lowercase();
        let paged = t.starts_with("page");
        let t = t.strip_prefix("page").unwrap_or(&t).trim();
        let numbers: Vec<&str> = t
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .collect();
        !numbers.is_empty()
            && numbers.len() <= 2
            && (paged || numbers.iter().all(|n| n.len() <= 3))
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '/' | '-' | '–' | 'o' | 'f'))
    }

    #[test]
    fn page_numbers_match_lowered_test() {
        for s in [
            "",
            " ",
            "2",
            "12",
            "2020",
            "Page 2",
            "PAGE 2 OF 3",
            "page 12 of 1000",
            "Page",
            "Pages 2",
            "2 / 3",
            "- 2 -",
            "2 – 3",
            "1 2 3",
            "Page 2020",
            "Pagé 2",
            "P\u{e1}ge 2",
            "2 of 3",
            "2 OF 3",
            "2 Of 3",
            "\u{212a}2",
            "\u{a0}Page\u{a0}3\u{a0}",
            "Built 2 things",
            "1-800",
            "1/2/3",
            "0f 2",
            "oo 1",
        ] {
            assert_eq!(is_page_number(s), is_page_number_lowered(s), "{s:?}");
        }
    }

    #[test]
    fn strong_split_matches_owned_split() {
        for s in [
            "",
            "  ",
            "Data Analyst at Acme",
            "Data Analyst at ",
            "Engineer | Acme Corp | Remote",
            "Engineer\tAcme — Berlin – 2020 - 2021",
            " — Acme · Berlin • x @ y|z —w— v",
            "Senior Engineer at Acme | Lead at Beta",
            "Lead at | at at",
            "|||",
            "a -  - b",
            "Research Scientist, Helix AI Research, Berlin",
            "\u{a0}Engineer\u{a0}| Acme\u{2003}",
        ] {
            assert_eq!(strong_split(s), strong_split_owned(s), "{s:?}");
        }
    }

    #[test]
    fn lists_are_sorted() {
        for list in [TITLE_WORDS, ORG_WORDS, DEGREES_LONG, INSTITUTION_WORDS] {
            let mut s = list.to_vec();
            s.sort_unstable();
            assert_eq!(s, list);
        }
    }

    #[test]
    fn header_layouts() {
        let cases = [
            (
                "Senior Machine Learning Engineer, Lumenfield Analytics, San Francisco, CA — Mar 2021 – Present",
                job(
                    Some("Senior Machine Learning Engineer"),
                    Some("Lumenfield Analytics"),
                    Some("San Francisco, CA"),
                    Some("2021-03"),
                    None,
                    true,
                ),
            ),
            (
                "Research Scientist, Helix AI Research, Berlin — Oct 2021 – Present",
                job(
                    Some("Research Scientist"),
                    Some("Helix AI Research"),
                    Some("Berlin"),
                    Some("2021-10"),
                    None,
                    true,
                ),
            ),
            (
                "Senior Product Manager, AI Platform, Northgate Software, London — Jan 2021 – Present",
                job(
                    Some("Senior Product Manager, AI Platform"),
                    Some("Northgate Software"),
                    Some("London"),
                    Some("2021-01"),
                    None,
                    true,
                ),
            ),
            (
                "Teaching Assistant, Intro to Machine Learning, Duke University, Durham, NC — Aug 2023 – May 2024",
                job(
                    Some("Teaching Assistant, Intro to Machine Learning"),
                    Some("Duke University"),
                    Some("Durham, NC"),
                    Some("2023-08"),
                    Some("2024-05"),
                    false,
                ),
            ),
            (
                "Data Scientist — Brightwell Insurance, Chicago, IL (Jan 2022 – Present)",
                job(
                    Some("Data Scientist"),
                    Some("Brightwell Insurance"),
                    Some("Chicago, IL"),
                    Some("2022-01"),
                    None,
                    true,
                ),
            ),
            (
                "ML Engineer | Acme Corp | 01/2021 - 03/2023",
                job(
                    Some("ML Engineer"),
                    Some("Acme Corp"),
                    None,
                    Some("2021-01"),
                    Some("2023-03"),
                    false,
                ),
            ),
            (
                "Controller, Fenmoor Ferries, Bergen, Norway. Mar 2019 – Jan 2022",
                job(
                    Some("Controller"),
                    Some("Fenmoor Ferries"),
                    Some("Bergen, Norway"),
                    Some("2019-03"),
                    Some("2022-01"),
                    false,
                ),
            ),
            (
                "Data Analyst at Harbor Retail Group, 2019 – 2021",
                job(
                    Some("Data Analyst"),
                    Some("Harbor Retail Group"),
                    None,
                    Some("2019"),
                    Some("2021"),
                    false,
                ),
            ),
        ];
        for (line, want) in cases {
            let got = jobs(&format!(
                "Jane Doe\n\nExperience\n{line}\n- Built a thing that works well"
            ));
            assert_eq!(got.len(), 1, "{line}");
            assert_eq!(fields_of(&got[0]), want, "{line}");
            assert_eq!(got[0].bullets, ["Built a thing that works well"]);
        }
    }

    #[test]
    fn two_line_headers() {
        let got = jobs("Jane Doe\n\nExperience\nAcme Corp\tSeattle, WA\nSoftware Engineer\tJan 2020 – Present\n- Built it all\nBeta Labs\tAustin, TX\nData Analyst\tSummer 2019\n- Counted things");
        assert_eq!(got.len(), 2);
        assert_eq!(
            fields_of(&got[0]),
            job(
                Some("Software Engineer"),
                Some("Acme Corp"),
                Some("Seattle, WA"),
                Some("2020-01"),
                None,
                true
            )
        );
        assert_eq!(
            fields_of(&got[1]),
            job(
                Some("Data Analyst"),
                Some("Beta Labs"),
                Some("Austin, TX"),
                Some("2019-06"),
                Some("2019-06"),
                false
            )
        );
    }

    use crate::read::test_doc::styled;

    /// The steps of the experience section of `d`: "H" + header lines joined by " / " for a
    /// header, "P" + text for a plain line, "B" + text for a bullet.
    fn steps(d: &Document) -> Vec<String> {
        let sections = super::super::sections::find_sections(d);
        let span = sections
            .iter()
            .find(|s| s.kind == SectionKind::Experience)
            .expect("an experience section");
        let mut out = Vec::new();
        walk_experience(d, span, &mut Vec::new(), |step| match step {
            ExperienceStep::Header(_, items) => out.push(format!(
                "H {}",
                items.iter().map(|it| it.text.as_str()).collect::<Vec<_>>().join(" / ")
            )),
            ExperienceStep::Plain(it) => out.push(format!("P {}", it.text)),
            ExperienceStep::Bullet(it) => out.push(format!("B {}", it.text)),
        });
        out
    }

    #[test]
    fn stacked_headers_set_heavier_than_glyphless_descriptions() {
        // Employer (bold) over dates over title, descriptions in plain lines without bullet
        // glyphs: the short last description of a job stays with it, the bold employer opens
        // the next header, and descriptions are no part of a header.
        let d = styled(&[
            ("Wilhelmina Strand", 20.0, true),
            ("wil.strand@example.com", 10.0, false),
            ("Experience", 12.0, true),
            ("Acme Labs", 11.0, true),
            ("2021 - 2023", 10.0, false),
            ("Engineer", 10.0, false),
            ("Built the freight tracker used by every depot", 10.0, false),
            ("Wrote a runbook", 10.0, false),
            ("Beta Corp", 11.0, true),
            ("2019 - 2021", 10.0, false),
            ("Analyst", 10.0, false),
            ("Cut costs", 10.0, false),
            ("Education", 12.0, true),
            ("B.A. History, Fenmoor College, 2016", 10.0, false),
        ]);
        assert_eq!(
            steps(&d),
            [
                "H Acme Labs / 2021 - 2023 / Engineer",
                "P Built the freight tracker used by every depot",
                "P Wrote a runbook",
                "H Beta Corp / 2019 - 2021 / Analyst",
                "P Cut costs",
            ]
        );
        let sections = super::super::sections::find_sections(&d);
        let jobs = read(&d, &sections).jobs;
        let got: Vec<(Option<&str>, Option<&str>)> = jobs
            .iter()
            .map(|j| (j.entry.company.as_deref(), j.entry.title.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("Acme Labs"), Some("Engineer")),
                (Some("Beta Corp"), Some("Analyst"))
            ]
        );
    }

    #[test]
    fn weight_keeps_plain_header_pieces_on_their_header() {
        // A plain employer over a bold title and dates is still the header's; a plain place
        // under a bold header is too; a title opening with a verb-like word is no description.
        let d = styled(&[
            ("Wilhelmina Strand", 20.0, true),
            ("wil.strand@example.com", 10.0, false),
            ("Experience", 12.0, true),
            ("Harbour Works", 11.0, true),
            ("2021 - 2023", 10.0, true),
            ("Leeds, UK", 10.0, false),
            ("Managed Services Engineer", 10.0, false),
            ("Built the dock scheduler", 10.0, false),
            ("Quayside Ltd", 10.0, false),
            ("Lead Analyst", 10.0, true),
            ("2019 - 2021", 10.0, true),
            ("Cut costs", 10.0, false),
        ]);
        assert_eq!(
            steps(&d),
            [
                "H Harbour Works / 2021 - 2023 / Leeds, UK / Managed Services Engineer",
                "P Built the dock scheduler",
                "H Quayside Ltd / Lead Analyst / 2019 - 2021",
                "P Cut costs",
            ]
        );
    }

    #[test]
    fn an_item_title_under_a_header_is_no_place() {
        // "Highlights" over a job's bullets, read with the header lines around the dates.
        let pieces: Vec<String> = ["Logistics Analyst", "Brackenridge Barges", "Highlights"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        let (title, company, location) = fields(&pieces);
        assert_eq!(title.as_deref(), Some("Logistics Analyst"));
        assert_eq!(company.as_deref(), Some("Brackenridge Barges"));
        assert_eq!(location, None);
        let pieces = vec![
            "Logistics Analyst".to_string(),
            "Brackenridge Barges".into(),
            "Bergen".into(),
        ];
        assert_eq!(fields(&pieces).2.as_deref(), Some("Bergen"));
    }

    #[test]
    fn employer_and_place_over_a_title_line() {
        // The employer's line ends on its place, the title line carries the dates: a header
        // naming a title and one "place" of three words names the employer before the place.
        let got = jobs("Jane Doe\n\nExperience\nTamarack Freight Austin, TX\nAudit Associate, Feb 2023 – Jul 2024\n- Led the ledger migration");
        assert_eq!(got.len(), 1);
        assert_eq!(
            fields_of(&got[0]),
            job(
                Some("Audit Associate"),
                Some("Tamarack Freight"),
                Some("Austin, TX"),
                Some("2023-02"),
                Some("2024-07"),
                false
            )
        );
    }

    #[test]
    fn a_full_plain_line_wraps_into_the_next_only_when_it_opens_no_description() {
        // Lines placed on a page (text, x, baseline, width), 10 pt: the first description line
        // runs to the right edge, the next opens with an action verb and is a line of its own;
        // a header that runs to the edge still continues on the next line.
        // A bold employer line that runs to the edge (its place flush right) is no wrap of
        // the plain title line under it; a bold header's short plain tail is.
        const LONG: &str = "Replaced a nightly batch job with streaming updates, freeing a third of load";
        let rows: &[(&str, f32, f32, f32, bool)] = &[
            ("Experience", 40.0, 100.0, 60.0, true),
            ("Senior Engineer, Acme Corp, San", 40.0, 120.0, 500.0, false),
            ("Francisco, CA, 2021 - 2023", 40.0, 134.0, 150.0, false),
            (LONG, 40.0, 148.0, 500.0, false),
            ("Introduced contract tests for every service", 40.0, 162.0, 250.0, false),
            ("Northwind Bank Leeds, UK", 40.0, 180.0, 500.0, true),
            ("Credit Analyst Mar 2018 - Feb 2021", 40.0, 194.0, 500.0, false),
            (
                "Ledger Clerk, Harbour Ferries, Bergen, Mar 2016 - Jan 2018",
                40.0,
                212.0,
                500.0,
                true,
            ),
            ("Norway.", 40.0, 226.0, 40.0, false),
        ];
        let d = crate::read::test_doc::pdf_doc(rows.iter().map(|&(t, x, y, width, bold)| Line {
            text: t.into(),
            x,
            y,
            width,
            font_size: 10.0,
            bold,
            ..Line::default()
        }));
        let span = SectionSpan {
            kind: SectionKind::Experience,
            heading: "Experience".into(),
            heading_line: Some(0),
            first_line: 1,
            end_line: rows.len(),
            start: 0,
            end: d.text.len(),
        };
        let texts: Vec<String> = items(&d, &span).into_iter().map(|it| it.text).collect();
        assert_eq!(
            texts,
            [
                "Senior Engineer, Acme Corp, San Francisco, CA, 2021 - 2023",
                "Replaced a nightly batch job with streaming updates, freeing a third of load",
                "Introduced contract tests for every service",
                "Northwind Bank Leeds, UK",
                "Credit Analyst Mar 2018 - Feb 2021",
                "Ledger Clerk, Harbour Ferries, Bergen, Mar 2016 - Jan 2018 Norway.",
            ]
        );
    }

    #[test]
    fn a_heading_in_a_label_rail_sets_no_margin() {
        // "Work" left of the body, on the first job's row: the job lines at the body's own
        // margin are header lines, the indented ones bullets.
        let rows: &[(&str, f32, f32, f32)] = &[
            ("Work", 120.0, 390.0, 16.0),
            ("Staff Engineer", 196.0, 389.0, 16.0),
            ("Silverpine Software", 196.0, 408.0, 10.0),
            ("Apr 2024 - Present", 196.0, 424.0, 10.0),
            ("Rebuilt the billing service in Go", 206.0, 446.0, 10.0),
        ];
        let d = crate::read::test_doc::pdf_doc(rows.iter().map(|&(t, x, y, font_size)| Line {
            text: t.into(),
            x,
            y,
            width: 6.0 * t.len() as f32,
            font_size,
            ..Line::default()
        }));
        let span = SectionSpan {
            kind: SectionKind::Experience,
            heading: "Work".into(),
            heading_line: Some(0),
            first_line: 1,
            end_line: rows.len(),
            start: 0,
            end: d.text.len(),
        };
        let bullets: Vec<bool> = items(&d, &span).into_iter().map(|it| it.bullet).collect();
        assert_eq!(bullets, [false, false, false, true]);
    }

    #[test]
    fn long_degree_forms_match_as_whole_words_anywhere() {
        // The search per form this replaced.
        let by_search = |s: &str| {
            let lower = s.to_lowercase();
            DEGREES_LONG.iter().any(|d| {
                lower.match_indices(d).any(|(i, _)| {
                    let before = lower[..i].chars().next_back();
                    let after = lower[i + d.len()..].chars().next();
                    !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
                })
            })
        };
        for s in [
            "Bachelor of Science, Computer Science",
            "B.Sc. (Hons) — Bachelors",
            "Masters' programme",
            "Master's in Data Science",
            "Webmaster of the lab site",
            "Postgraduate Diploma in AI",
            "Diplomat corps",
            "Licence professionnelle, Baccalauréat",
            "ÉCOLE — DIPLÔME / diploma",
            "Associate of Arts",
            "associate professor",
            "High-School graduate",
            "highschool",
            "GED",
            "Doctorate",
            "Doctor of Philosophy",
            "Doctors of Philosophy",
            "scrum master",
            "Remastered",
            "",
        ] {
            assert_eq!(has_long_degree(&s.to_lowercase()), by_search(s), "{s:?}");
        }
        for d in DEGREES_LONG {
            let chars: Vec<char> = d.chars().collect();
            assert!(chars[0].is_alphabetic(), "{d}");
            assert!(
                (1..chars.len()).all(|k| chars[..k] != chars[chars.len() - k..]),
                "{d} overlaps itself"
            );
        }
    }

    #[test]
    fn education_lines() {
        let d = doc("Jane\n\nEducation\nM.S. in Computer Science, University of Texas at Austin (2013–2015)\nB.S. in Computer Science, Duke University (2021–2025), GPA 3.8/4.0\nMSc in Management, London School of Economics (2014–2015)\nM.S. Computer Science\nStanford University, 2015\nHarvard University, Cambridge, MA\nB.S. Mathematics, University of California, Davis | 2013 – 2017");
        let s = super::super::sections::find_sections(&d);
        let e = read(&d, &s).education;
        let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = e
            .iter()
            .map(|x| (x.degree.as_deref(), x.institution.as_deref(), x.end.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("M.S. in Computer Science"),
                    Some("University of Texas at Austin"),
                    Some("2015")
                ),
                (Some("B.S. in Computer Science"), Some("Duke University"), Some("2025")),
                (
                    Some("MSc in Management"),
                    Some("London School of Economics"),
                    Some("2015")
                ),
                (Some("M.S. Computer Science"), Some("Stanford University"), Some("2015")),
                (None, Some("Harvard University"), None),
                (
                    Some("B.S. Mathematics"),
                    Some("University of California, Davis"),
                    Some("2017")
                ),
            ]
        );
    }

    #[test]
    fn an_education_line_says_where_and_a_city_after_a_system_name_with_a_full_stop_is_no_campus() {
        let line = |text: &str| {
            let it = Item {
                text: text.to_string(),
                offset: 0,
                bullet: false,
                line: 0,
                last_line: 0,
            };
            education_line(&it, &mut Vec::new())
        };
        let l = line("B.Com. Accounting, University of Eastmoor, Seattle, WA. 2014 – 2017");
        assert_eq!(l.institution.as_deref(), Some("University of Eastmoor"));
        assert_eq!(l.location.as_deref(), Some("Seattle, WA."));
        assert_eq!(l.dates.map(|(_, t)| t).as_deref(), Some("2014 – 2017"));
        // A city run into the school's part (a tab became a space) is the location.
        let l = line("Calder State University Madison, WI");
        assert_eq!(l.institution.as_deref(), Some("Calder State University"));
        assert_eq!(l.location.as_deref(), Some("Madison, WI"));
        // A last place-like part after the school; a field of study after the degree is not one.
        assert_eq!(
            line("M.Sc. Finance, Lakeshore Institute, Toronto").location.as_deref(),
            Some("Toronto")
        );
        assert_eq!(line("B.S., Computer Science, MIT").location, None);
    }

    #[test]
    fn unreadable_dates_are_kept() {
        let d = doc("Jane\n\nExperience\nEngineer, Acme — Jan '21 – Present\n- Built it all today");
        let s = super::super::sections::find_sections(&d);
        let r = read(&d, &s);
        assert_eq!(r.bad_dates.len(), 1);
        assert_eq!(r.jobs.len(), 1);
        assert_eq!(r.jobs[0].entry.company.as_deref(), Some("Acme"));
    }
}
