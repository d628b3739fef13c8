//! Section headings: found from text and layout cues, mapped to a [`SectionKind`] by a table of
//! the wordings résumés use. An ATS splits a résumé by its headings; a creative heading
//! ("Where I've Worked") is one it may not map, so those are flagged with the standard name.

use ats_parse::{Document, Line, Region};

use crate::model::{SectionKind, SectionSpan};

use super::text::{fold, in_sorted_lower, is_all_caps, word_count};

use SectionKind as K;

/// Heading wordings (folded: lower case, `&` → "and") → kind, and whether an ATS reads the
/// wording as that section without trouble. `false` marks creative wordings to rename.
const HEADINGS: &[(&str, SectionKind, bool)] = &[
    // Contact
    ("contact", K::Contact, true),
    ("contact details", K::Contact, true),
    ("contact information", K::Contact, true),
    ("contact info", K::Contact, true),
    ("personal details", K::Contact, true),
    ("personal information", K::Contact, true),
    ("get in touch", K::Contact, false),
    ("find me", K::Contact, false),
    ("reach me", K::Contact, false),
    // Summary
    ("summary", K::Summary, true),
    ("professional summary", K::Summary, true),
    ("career summary", K::Summary, true),
    ("executive summary", K::Summary, true),
    ("summary of qualifications", K::Summary, true),
    ("qualifications summary", K::Summary, true),
    ("profile", K::Summary, true),
    ("professional profile", K::Summary, true),
    ("career profile", K::Summary, true),
    ("personal profile", K::Summary, true),
    ("about", K::Summary, true),
    ("about me", K::Summary, true),
    ("objective", K::Summary, true),
    ("career objective", K::Summary, true),
    ("professional objective", K::Summary, true),
    ("overview", K::Summary, true),
    ("research interests", K::Summary, true),
    ("highlights", K::Summary, true),
    ("career highlights", K::Summary, true),
    ("a little about me", K::Summary, false),
    ("a bit about me", K::Summary, false),
    ("who i am", K::Summary, false),
    ("my story", K::Summary, false),
    ("hello", K::Summary, false),
    ("hi there", K::Summary, false),
    ("in brief", K::Summary, false),
    ("elevator pitch", K::Summary, false),
    // Experience
    ("experience", K::Experience, true),
    ("work", K::Experience, true),
    ("work experience", K::Experience, true),
    ("professional experience", K::Experience, true),
    ("relevant experience", K::Experience, true),
    ("employment", K::Experience, true),
    ("employment history", K::Experience, true),
    ("employment experience", K::Experience, true),
    ("work history", K::Experience, true),
    ("career history", K::Experience, true),
    ("professional history", K::Experience, true),
    ("experience history", K::Experience, true),
    ("research experience", K::Experience, true),
    ("industry experience", K::Experience, true),
    ("teaching experience", K::Experience, true),
    ("technical experience", K::Experience, true),
    ("leadership experience", K::Experience, true),
    ("internships", K::Experience, true),
    ("internship experience", K::Experience, true),
    ("internship", K::Experience, true),
    ("professional background", K::Experience, true),
    ("where i've worked", K::Experience, false),
    ("where i have worked", K::Experience, false),
    ("places i've worked", K::Experience, false),
    ("my journey", K::Experience, false),
    ("my career", K::Experience, false),
    ("the journey so far", K::Experience, false),
    ("what i've done", K::Experience, false),
    ("what i have done", K::Experience, false),
    ("career path", K::Experience, false),
    ("track record", K::Experience, false),
    ("jobs", K::Experience, false),
    // Education
    ("education", K::Education, true),
    ("education and training", K::Education, true),
    ("education and certifications", K::Education, true),
    ("academic background", K::Education, true),
    ("academic history", K::Education, true),
    ("academic qualifications", K::Education, true),
    ("educational background", K::Education, true),
    ("education history", K::Education, true),
    ("academics", K::Education, true),
    ("qualifications", K::Education, true),
    ("degrees", K::Education, true),
    ("schooling", K::Education, false),
    ("school", K::Education, false),
    ("where i studied", K::Education, false),
    ("learning", K::Education, false),
    ("studies", K::Education, false),
    // Skills
    ("skills", K::Skills, true),
    ("top skills", K::Skills, true),
    ("technical skills", K::Skills, true),
    ("key skills", K::Skills, true),
    ("core skills", K::Skills, true),
    ("core competencies", K::Skills, true),
    ("competencies", K::Skills, true),
    ("skills and tools", K::Skills, true),
    ("skills and technologies", K::Skills, true),
    ("skills and expertise", K::Skills, true),
    ("skills and abilities", K::Skills, true),
    ("skills and interests", K::Skills, true),
    ("tools and technologies", K::Skills, true),
    ("tools and platforms", K::Skills, true),
    ("technologies", K::Skills, true),
    ("technical proficiencies", K::Skills, true),
    ("areas of expertise", K::Skills, true),
    ("expertise", K::Skills, true),
    ("professional skills", K::Skills, true),
    ("computer skills", K::Skills, true),
    ("hard skills", K::Skills, true),
    ("soft skills", K::Skills, true),
    ("tech stack", K::Skills, true),
    ("tools", K::Skills, true),
    ("software", K::Skills, true),
    ("frameworks", K::Skills, true),
    ("technical expertise", K::Skills, true),
    ("my toolbox", K::Skills, false),
    ("toolbox", K::Skills, false),
    ("toolkit", K::Skills, false),
    ("my toolkit", K::Skills, false),
    ("my stack", K::Skills, false),
    ("what i know", K::Skills, false),
    ("what i'm good at", K::Skills, false),
    ("superpowers", K::Skills, false),
    ("my superpowers", K::Skills, false),
    ("things i know", K::Skills, false),
    ("arsenal", K::Skills, false),
    // Projects
    ("projects", K::Projects, true),
    ("selected projects", K::Projects, true),
    ("personal projects", K::Projects, true),
    ("academic projects", K::Projects, true),
    ("key projects", K::Projects, true),
    ("side projects", K::Projects, true),
    ("relevant projects", K::Projects, true),
    ("technical projects", K::Projects, true),
    ("research projects", K::Projects, true),
    ("open source", K::Projects, true),
    ("open source projects", K::Projects, true),
    ("open source contributions", K::Projects, true),
    ("portfolio", K::Projects, true),
    ("things i built", K::Projects, false),
    ("things i've built", K::Projects, false),
    ("stuff i built", K::Projects, false),
    ("stuff i've built", K::Projects, false),
    ("what i've built", K::Projects, false),
    ("what i built", K::Projects, false),
    ("side hustles", K::Projects, false),
    ("my work", K::Projects, false),
    // Certifications
    ("certifications", K::Certifications, true),
    ("certification", K::Certifications, true),
    ("certificates", K::Certifications, true),
    ("licenses and certifications", K::Certifications, true),
    ("licences and certifications", K::Certifications, true),
    ("certifications and licenses", K::Certifications, true),
    ("certifications and licences", K::Certifications, true),
    ("professional certifications", K::Certifications, true),
    ("licenses", K::Certifications, true),
    ("licences", K::Certifications, true),
    ("training and certifications", K::Certifications, true),
    ("courses", K::Certifications, true),
    ("courses and certifications", K::Certifications, true),
    ("badges", K::Certifications, false),
    // Awards
    ("awards", K::Awards, true),
    ("honors", K::Awards, true),
    ("honours", K::Awards, true),
    ("honors and awards", K::Awards, true),
    ("honours and awards", K::Awards, true),
    ("awards and honors", K::Awards, true),
    ("awards and honours", K::Awards, true),
    ("awards and achievements", K::Awards, true),
    ("achievements", K::Awards, true),
    ("accomplishments", K::Awards, true),
    ("key achievements", K::Awards, true),
    ("scholarships", K::Awards, true),
    ("recognition", K::Awards, true),
    ("trophy cabinet", K::Awards, false),
    ("bragging rights", K::Awards, false),
    ("wins", K::Awards, false),
    // Publications
    ("publications", K::Publications, true),
    ("selected publications", K::Publications, true),
    ("publications and talks", K::Publications, true),
    ("publications and presentations", K::Publications, true),
    ("papers", K::Publications, true),
    ("research", K::Publications, true),
    ("talks", K::Publications, true),
    ("presentations", K::Publications, true),
    ("conference presentations", K::Publications, true),
    ("patents", K::Publications, true),
    ("patents and publications", K::Publications, true),
    ("things i wrote", K::Publications, false),
    // Volunteering
    ("volunteering", K::Volunteering, true),
    ("volunteer experience", K::Volunteering, true),
    ("volunteer work", K::Volunteering, true),
    ("volunteer", K::Volunteering, true),
    ("community involvement", K::Volunteering, true),
    ("community service", K::Volunteering, true),
    ("service", K::Volunteering, true),
    ("volunteer service", K::Volunteering, true),
    ("leadership and volunteering", K::Volunteering, true),
    ("giving back", K::Volunteering, false),
    // Languages
    ("languages", K::Languages, true),
    ("language skills", K::Languages, true),
    ("spoken languages", K::Languages, true),
    ("language proficiency", K::Languages, true),
    ("languages i speak", K::Languages, false),
    // Interests
    ("interests", K::Interests, true),
    ("hobbies", K::Interests, true),
    ("hobbies and interests", K::Interests, true),
    ("interests and hobbies", K::Interests, true),
    ("personal interests", K::Interests, true),
    ("activities", K::Interests, true),
    ("extracurricular activities", K::Interests, true),
    ("outside of work", K::Interests, false),
    ("when i'm not working", K::Interests, false),
    ("fun facts", K::Interests, false),
    ("life outside work", K::Interests, false),
    // References
    ("references", K::References, true),
    ("referees", K::References, true),
    ("references available upon request", K::References, true),
    // Other
    ("additional information", K::Other, true),
    ("additional", K::Other, true),
    ("affiliations", K::Other, true),
    ("professional affiliations", K::Other, true),
    ("memberships", K::Other, true),
    ("professional memberships", K::Other, true),
    ("leadership", K::Other, true),
    ("leadership and activities", K::Other, true),
    ("miscellaneous", K::Other, true),
    ("other", K::Other, true),
];

/// Stems that make an unknown heading map to a kind, for headings with a layout cue
/// ("Machine Learning Experience", "Programming Languages and Tools"). The first stem found
/// decides, so a qualified wording comes before its head noun ("project experience" holds
/// projects, not jobs).
static STEMS: &[(&str, SectionKind)] = &[
    ("project experience", K::Projects),
    ("projects experience", K::Projects),
    ("experience", K::Experience),
    ("employment", K::Experience),
    ("work history", K::Experience),
    ("career history", K::Experience),
    ("internship", K::Experience),
    ("education", K::Education),
    ("academic", K::Education),
    ("skill", K::Skills),
    ("competenc", K::Skills),
    ("technolog", K::Skills),
    ("expertise", K::Skills),
    ("project", K::Projects),
    ("certific", K::Certifications),
    ("licen", K::Certifications),
    ("award", K::Awards),
    ("honor", K::Awards),
    ("honour", K::Awards),
    ("achievement", K::Awards),
    ("publication", K::Publications),
    ("volunteer", K::Volunteering),
    ("language", K::Languages),
    ("interest", K::Interests),
    ("hobb", K::Interests),
    ("reference", K::References),
    ("summary", K::Summary),
    ("profile", K::Summary),
    ("objective", K::Summary),
];

/// How a candidate heading was recognised.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct HeadingMatch {
    pub kind: SectionKind,
    /// An ATS reads this wording as the section without trouble.
    pub standard: bool,
    /// The whole line is a wording in the table.
    pub exact: bool,
}

/// The heading text without decoration: surrounding punctuation, a trailing colon, and letter
/// spacing ("E X P E R I E N C E").
pub(crate) fn heading_text(line: &str) -> (String, bool) {
    let t = line.trim();
    let colon = t.ends_with(':');
    let t = strip_count(t.trim_end_matches(':').trim_end());
    let t = t.trim_matches(|c: char| !(c.is_alphanumeric() || c == ')' || c == '('));
    let t = t.trim_start_matches(['(', ')']).trim_end_matches('(');
    let tokens: Vec<&str> = t.split_whitespace().collect();
    // Letter-spaced capitals: every token one letter, words separated by wider gaps are lost,
    // so look the joined letters up as a whole.
    if tokens.len() >= 4 && tokens.iter().all(|w| w.chars().count() == 1) {
        return (tokens.concat(), colon);
    }
    (tokens.join(" "), colon)
}

/// Longest item count a heading may carry ("Work Experience (3)"): digits in brackets.
const MAX_COUNT_DIGITS: usize = 3;

/// `s` without a trailing item count in brackets ("Work Experience (3)" → "Work Experience"):
/// some templates number their sections' items, and the count says nothing about the kind.
fn strip_count(s: &str) -> &str {
    let Some(inner) = s.strip_suffix(')') else {
        return s;
    };
    let Some(open) = inner.rfind('(') else {
        return s;
    };
    let count = &inner[open + 1..];
    let before = inner[..open].trim_end();
    if (1..=MAX_COUNT_DIGITS).contains(&count.len()) && count.bytes().all(|b| b.is_ascii_digit()) && !before.is_empty()
    {
        before
    } else {
        s
    }
}

/// Most topics a heading lists ("PROGRAMS, TOOLS, SOFTWARE"): a longer list is a row of items.
const MAX_LISTED_TOPICS: usize = 4;

/// A heading that lists its topics, split by commas or slashes ("Programs, Tools, Software",
/// "Awards / Honors"): each topic looked up alone. The kind most topics name wins (the first
/// on a tie); it is exact only when every topic is a wording of the table. None when no topic
/// is known, so a comma-separated row of tools is no heading.
fn classify_list(heading: &str) -> Option<HeadingMatch> {
    let mut topics = 0;
    let mut all_exact = true;
    let mut all_standard = true;
    let mut kinds: Vec<(SectionKind, usize)> = Vec::new();
    for topic in heading.split([',', '/']).map(str::trim).filter(|t| !t.is_empty()) {
        topics += 1;
        if topics > MAX_LISTED_TOPICS {
            return None;
        }
        match classify(topic) {
            Some(m) => {
                all_exact &= m.exact;
                all_standard &= m.standard;
                match kinds.iter_mut().find(|(k, _)| *k == m.kind) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push((m.kind, 1)),
                }
            }
            None => all_exact = false,
        }
    }
    // Most topics known: "Programs, Tools, Software" is a heading, "PYTHON, SQL, TOOLS" a row.
    let known: usize = kinds.iter().map(|&(_, n)| n).sum();
    if topics < 2 || known * 2 < topics {
        return None;
    }
    let mut best: Option<(SectionKind, usize)> = None;
    for &(kind, n) in &kinds {
        if best.is_none_or(|(_, most)| n > most) {
            best = Some((kind, n));
        }
    }
    best.map(|(kind, _)| HeadingMatch {
        kind,
        standard: all_standard,
        exact: all_exact,
    })
}

/// Slots in each of the heading tables: a power of two, at most half full.
const HEADING_SLOTS: usize = 512;

/// Open-addressing tables over [`HEADINGS`] (slot = entry + 1, 0 = free), by FNV-1a of the
/// wording as written, and of the wording without its spaces (letter-spaced headings lose
/// their spaces: "workexperience"); of equal wordings the first entry is the one stored.
/// `classify` walked the table twice per candidate line, comparing char iterators with the
/// spaces filtered out: ~8,300 instructions a call, 4.9M on the 61-file bench; a lookup here is
/// a few hundred. Built at compile time: building std hash maps at run time was ~345k
/// instructions, 6% of a one-résumé run.
static EXACT_HEADINGS: [u16; HEADING_SLOTS] = heading_slots(false);
static SQUASHED_HEADINGS: [u16; HEADING_SLOTS] = heading_slots(true);

const fn heading_slots(squash: bool) -> [u16; HEADING_SLOTS] {
    assert!(HEADINGS.len() * 2 <= HEADING_SLOTS);
    let mut slots = [0u16; HEADING_SLOTS];
    let mut entry = 0;
    while entry < HEADINGS.len() {
        let wording = HEADINGS[entry].0.as_bytes();
        let mut slot = wording_hash(wording, squash) as usize & (HEADING_SLOTS - 1);
        loop {
            let stored = slots[slot] as usize;
            if stored == 0 {
                slots[slot] = entry as u16 + 1;
                break;
            }
            if same_wording(HEADINGS[stored - 1].0.as_bytes(), wording, squash) {
                break;
            }
            slot = (slot + 1) & (HEADING_SLOTS - 1);
        }
        entry += 1;
    }
    slots
}

/// The [`HEADINGS`] entry whose wording is `key`, or (`squash`) whose wording without spaces
/// is `key`, which then has none.
fn find_heading(slots: &[u16; HEADING_SLOTS], key: &str, squash: bool) -> Option<usize> {
    let key = key.as_bytes();
    let mut slot = wording_hash(key, squash) as usize & (HEADING_SLOTS - 1);
    loop {
        let stored = slots[slot] as usize;
        if stored == 0 {
            return None;
        }
        if same_wording(HEADINGS[stored - 1].0.as_bytes(), key, squash) {
            return Some(stored - 1);
        }
        slot = (slot + 1) & (HEADING_SLOTS - 1);
    }
}

/// FNV-1a of `wording`, skipping ASCII white space when `squash`. The table holds only its own
/// wordings, so a crafted heading cannot crowd a slot: flood resistance buys nothing here.
const fn wording_hash(wording: &[u8], squash: bool) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < wording.len() {
        if !(squash && wording[i].is_ascii_whitespace()) {
            hash = (hash ^ wording[i] as u64).wrapping_mul(0x0100_0000_01b3);
        }
        i += 1;
    }
    hash
}

/// `a == b`, or, when `squash`, equal once ASCII white space is skipped in both.
const fn same_wording(a: &[u8], b: &[u8], squash: bool) -> bool {
    let (mut i, mut j) = (0, 0);
    loop {
        if squash {
            while i < a.len() && a[i].is_ascii_whitespace() {
                i += 1;
            }
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
        }
        if i == a.len() || j == b.len() {
            return i == a.len() && j == b.len();
        }
        if a[i] != b[j] {
            return false;
        }
        i += 1;
        j += 1;
    }
}

/// Maps a heading wording to a kind: the table first, then the stems.
pub(crate) fn classify(heading: &str) -> Option<HeadingMatch> {
    let key = fold(heading);
    if key.is_empty() {
        return None;
    }
    let found = find_heading(&EXACT_HEADINGS, &key, false).or_else(|| {
        if key.contains(char::is_whitespace) {
            let squashed: String = key.chars().filter(|c| !c.is_whitespace()).collect();
            find_heading(&SQUASHED_HEADINGS, &squashed, true)
        } else {
            find_heading(&SQUASHED_HEADINGS, &key, true)
        }
    });
    if let Some(i) = found {
        let (_, kind, standard) = HEADINGS[i];
        return Some(HeadingMatch {
            kind,
            standard,
            exact: true,
        });
    }
    STEMS
        .iter()
        .find(|(stem, _)| key.contains(stem))
        .map(|&(_, kind)| HeadingMatch {
            kind,
            standard: true,
            exact: false,
        })
}

/// Words that make a short line a job title or an employer, not a heading.
static NOT_HEADING_WORDS: &[&str] = &[
    "analyst",
    "architect",
    "assistant",
    "associate",
    "consultant",
    "corp",
    "designer",
    "developer",
    "director",
    "engineer",
    "gmbh",
    "inc",
    "intern",
    "lead",
    "llc",
    "ltd",
    "manager",
    "officer",
    "professor",
    "researcher",
    "scientist",
    "specialist",
    "university",
];

/// A heading style: heading level, capitals, bold, larger than body type.
type Signature = (Option<u8>, bool, bool, bool);

/// Layout cues of a line that may be a heading.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cues {
    level: Option<u8>,
    caps: bool,
    bold: bool,
    larger: bool,
    colon: bool,
}

impl Cues {
    fn any(self) -> bool {
        self.layout() || self.caps || self.colon
    }

    /// A cue from the file's layout or structure (not from the wording).
    fn layout(self) -> bool {
        self.level.is_some() || self.bold || self.larger
    }

    /// Lacks a cue that `other` has: a heading level, capitals, bold or larger type.
    fn weaker_than(self, other: Cues) -> bool {
        (other.level.is_some() && self.level.is_none())
            || (other.caps && !self.caps)
            || (other.bold && !self.bold)
            || (other.larger && !self.larger)
    }

    /// What a heading style looks like, to compare unknown headings with known ones.
    fn signature(self) -> Signature {
        (self.level, self.caps, self.bold, self.larger)
    }
}

struct Candidate {
    line: usize,
    heading: String,
    matched: Option<HeadingMatch>,
    /// The heading lists its topics with commas or slashes, and one of them is known.
    listed: bool,
    cues: Cues,
}

/// Median font size of the document's lines, weighted by characters (0 when unknown).
pub(crate) fn body_font_size(lines: &[Line]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = lines
        .iter()
        .filter(|l| l.font_size > 0.0)
        .map(|l| (l.font_size, l.text.chars().count()))
        .collect();
    if sizes.is_empty() {
        return 0.0;
    }
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let mut seen = 0;
    for (size, n) in &sizes {
        seen += n;
        if seen * 2 >= total {
            return *size;
        }
    }
    sizes[sizes.len() - 1].0
}

/// How many lines above an item title ("Highlights") an entry's dated header line may sit:
/// employer, dates, title and place each on a line of their own.
const ENTRY_HEADER_LINES: usize = 3;

/// True when a line has the shape of a heading: short, no date, no `|`, no digits (but an item
/// count), no sentence punctuation.
fn heading_shaped(text: &str) -> bool {
    let text = strip_count(text.trim_end_matches(':').trim_end());
    // The length first: most lines are longer than a heading, and counting chars is cheaper
    // than counting words (word_count here was 1.5M instructions on the 61-file bench).
    if text.chars().count() > 42 {
        return false;
    }
    let words = word_count(text);
    if words == 0 || words > 5 {
        return false;
    }
    // Commas and slashes are allowed: a heading may list its topics (`classify_list` decides).
    if text.contains(['|', '@', '•', '·', ';']) || text.contains("http") || text.contains("www.") {
        return false;
    }
    if text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    !(text.ends_with('.') || text.ends_with(','))
}

/// True when the line before `i` is a bare label ("Infrastructure", "MLOps"): short, no
/// punctuation, so line `i` continues a list of skill categories rather than opening a section.
fn after_label(lines: &[Line], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| lines.get(p)) else {
        return false;
    };
    let t = prev.text.trim();
    !prev.bullet
        && prev.heading_level.is_none()
        && (1..=3).contains(&word_count(t))
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '&' | '-' | '/' | '+' | '#'))
        && t.starts_with(|c: char| c.is_uppercase())
        && classify(t).is_none_or(|m| !m.exact)
}

/// Finds the sections of `doc` in document order. The untitled block before the first heading
/// is the `contact` section.
pub(crate) fn find_sections(doc: &Document) -> Vec<SectionSpan> {
    let lines = &doc.lines;
    let body = body_font_size(lines);
    // The last line with content outside the page header/footer: a heading needs content after it.
    let last_content = lines
        .iter()
        .rposition(|l| !matches!(l.region, Region::Header | Region::Footer) && !l.text.trim().is_empty());
    let mut candidates: Vec<Candidate> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.bullet || matches!(line.region, Region::Header | Region::Footer) {
            continue;
        }
        let raw = line.text.trim();
        if !heading_shaped(raw) {
            continue;
        }
        // A heading is followed by content.
        if last_content.is_none_or(|last| last <= i) {
            continue;
        }
        let (heading, colon) = heading_text(raw);
        if heading.is_empty() {
            continue;
        }
        // A line with commas or slashes is a heading only when it lists known topics.
        let listed = heading.contains([',', '/']);
        let matched = if listed {
            match classify_list(&heading) {
                Some(m) => Some(m),
                None => continue,
            }
        } else {
            classify(&heading)
        };
        let cues = Cues {
            level: line.heading_level,
            caps: is_all_caps(&heading, 3),
            bold: line.bold,
            larger: body > 0.0 && line.font_size >= body + 1.0,
            colon,
        };
        candidates.push(Candidate {
            line: i,
            matched,
            listed,
            heading,
            cues,
        });
    }

    // Known wordings written as a whole line.
    let exact: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.matched.is_some_and(|m| m.exact))
        .collect();
    let styled_exact = exact.iter().filter(|c| c.cues.layout()).count();
    // Headings written in capitals throughout: a Title Case line is then a label.
    let caps_exact = exact.iter().filter(|c| c.cues.caps).count();
    let caps_styled = caps_exact >= 2 && caps_exact * 5 >= exact.len() * 3;
    // The style most known headings share: a known wording in a weaker style is a label
    // ("Languages" in bold body type under "TECHNICAL SKILLS" in larger capitals).
    let dominant = {
        let mut counts: Vec<(Signature, usize)> = Vec::new();
        for c in exact.iter().filter(|c| c.cues.layout()) {
            let sig = c.cues.signature();
            match counts.iter_mut().find(|(s, _)| *s == sig) {
                Some((_, n)) => *n += 1,
                None => counts.push((sig, 1)),
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(_, n)| n)
            .filter(|&(_, n)| n >= 3 && n * 5 >= exact.len() * 3)
            .map(|(sig, _)| sig)
    };
    let weaker_than_dominant = |cues: Cues| match dominant {
        Some(sig @ (level, caps, _, larger)) => {
            cues.signature() != sig
                && ((level.is_some() && cues.level.is_none()) || (caps && !cues.caps) || (larger && !cues.larger))
        }
        None => false,
    };

    // Known headings set in larger type than the body: a known wording in body type without a
    // heading level then titles an item ("Highlights" over each job's bullets, "Software" over
    // a group of skills). Such item titles repeat in every entry and thin out the share the
    // dominant style needs, so the larger headings alone set the style here.
    let larger_exact = exact.iter().filter(|c| c.cues.larger).count();
    let below_large_headings =
        |c: &Candidate| larger_exact >= MIN_LARGER_HEADINGS && !c.cues.larger && c.cues.level.is_none();
    // A heading of the same kind set larger above `c`: the section `c` would open is open.
    let kind_open_above = |c: &Candidate, kind: SectionKind| {
        exact
            .iter()
            .any(|h| h.line < c.line && h.cues.larger && h.matched.is_some_and(|m| m.kind == kind))
    };

    // Headings are styled (capitals, bold, larger, a heading level) and this line is plainer.
    let plainer = |cues: Cues| {
        let plain = !(cues.layout() || (caps_exact >= 2 && cues.caps));
        (caps_styled && plain) || (styled_exact >= 2 && !cues.layout()) || weaker_than_dominant(cues)
    };
    // A known wording between a dated entry line and bullets, in a plainer style than the
    // headings, or right under a heading and plainer than it, titles an item ("Highlights"
    // over a job's bullets, "Open Source" under Interests): it opens no section, whatever its
    // wording. Item titles dilute the share of capitals, so any two capital headings set the
    // style here.
    // The line sits between an entry's dated header and its bullets. The header may run over
    // a few lines, the dates not the last ("Acme" / "2021 – 2023" / "Engineer" / "Highlights").
    let in_entry = |c: &Candidate| {
        let (Some(prev), Some(next)) = (c.line.checked_sub(1).and_then(|p| lines.get(p)), lines.get(c.line + 1)) else {
            return false;
        };
        let over_bullets = next.bullet || super::text::strip_bullet(&next.text).1;
        let header_above = (c.line.saturating_sub(ENTRY_HEADER_LINES)..c.line).rev().any(|k| {
            let dated = super::dates::first_span(&lines[k].text);
            lines[k].page == prev.page && dated.is_some_and(|d| d.is_range() || k + 1 < c.line)
        });
        over_bullets && header_above
    };
    // Known wordings between an entry's header and its bullets, found once.
    let entry_titles: Vec<usize> = exact.iter().filter(|c| in_entry(c)).map(|c| c.line).collect();
    let in_entry = |c: &Candidate| entry_titles.contains(&c.line);
    // A wording found between an entry's header and bullets in two entries or more titles the
    // items of each, whatever its style: a section heading is not repeated inside a section
    // ("HIGHLIGHTS" over each job's bullets in a résumé set in capitals throughout).
    let repeated_item_title = |c: &Candidate| {
        in_entry(c)
            && exact
                .iter()
                .filter(|o| o.heading.eq_ignore_ascii_case(&c.heading) && in_entry(o))
                .count()
                >= 2
    };
    let item_title = |c: &Candidate| {
        if c.line == 0 || c.line + 1 >= lines.len() {
            return false;
        }
        let under_heading = exact
            .iter()
            .any(|h| h.line + 1 == c.line && !plainer(h.cues) && (plainer(c.cues) || c.cues.weaker_than(h.cues)));
        let plain_among_caps = caps_exact >= 2 && !c.cues.caps && !c.cues.layout();
        under_heading || ((plainer(c.cues) || plain_among_caps) && in_entry(c)) || repeated_item_title(c)
    };

    // The styles of core headings that stand: a sidebar may set its headings ("LANGUAGES")
    // smaller than the main column's, and a known wording in the very style of one of them
    // is a heading of that sidebar too, however the main column's headings look.
    let core_styles: Vec<(Signature, f32)> = exact
        .iter()
        .filter(|c| {
            c.matched
                .is_some_and(|m| m.kind.is_core() && !kind_open_above(c, m.kind))
                && c.cues.layout()
                && !item_title(c)
        })
        .map(|c| (c.cues.signature(), lines[c.line].font_size))
        .collect();
    let styled_like_core = |c: &Candidate| {
        let size = lines[c.line].font_size;
        core_styles
            .iter()
            .any(|&(sig, core_size)| sig == c.cues.signature() && (size - core_size).abs() <= SAME_STYLE_SIZE_PT)
    };

    let mut heads: Vec<(usize, String, SectionKind)> = Vec::new();
    for c in exact.iter() {
        let Some(m) = c.matched else { continue };
        // A known wording: a heading unless the document styles its headings (heading levels,
        // bold, larger type, capitals) and this line is plainer: then it is a label inside a
        // section, such as "Languages".
        // Only wordings that double as labels are judged by style: a core heading (summary,
        // experience, education, skills) in a plainer style than the others is still a heading,
        // and a skills label read as a second skills section costs nothing.
        let core = m.kind.is_core();
        let plain = !(c.cues.layout() || (caps_exact >= 2 && c.cues.caps));
        let label = plain && m.kind == SectionKind::Languages && after_label(lines, c.line);
        let in_table = lines[c.line].region == Region::Table;
        let item_in_larger_style = below_large_headings(c) && (!core || kind_open_above(c, m.kind));
        let reject = item_title(c)
            || (item_in_larger_style && !styled_like_core(c))
            || (!core
                && ((styled_exact >= 2 && !c.cues.layout())
                    || (caps_styled && plain)
                    || label
                    || in_table
                    || (weaker_than_dominant(c.cues) && !styled_like_core(c))));
        if !reject {
            heads.push((c.line, c.heading.clone(), m.kind));
        }
    }
    let signatures: Vec<(Signature, f32)> = heads
        .iter()
        .filter_map(|h| candidates.iter().find(|c| c.line == h.0))
        .filter(|c| c.cues.any())
        .map(|c| (c.cues.signature(), lines[c.line].font_size))
        .collect();
    let first_known = heads.first().map(|h| h.0);
    // The known headings, in line order, to find the section an unknown line sits in.
    let known_heads: Vec<(usize, SectionKind)> = heads.iter().map(|h| (h.0, h.2)).collect();
    // Two candidates set in one style and size.
    let same_style = |a: &Candidate, b: &Candidate| {
        a.cues.signature() == b.cues.signature()
            && (lines[a.line].font_size - lines[b.line].font_size).abs() <= SAME_STYLE_SIZE_PT
    };
    // An employer or school set as a sub-heading of its section: inside a section of entries
    // whose first line is a sub-heading in the same style, and over an entry (a title, then a
    // date). A line of that shape after entries that open without one is a section of its own.
    let entry_subheading = |c: &Candidate| {
        let Some(&(head, kind)) = known_heads.iter().rev().find(|h| h.0 < c.line) else {
            return false;
        };
        if !(kind.holds_dated_entries() || kind == SectionKind::Education) || !entry_follows(lines, c.line) {
            return false;
        }
        let Some(first) = (head + 1..c.line + 1).find(|&i| !lines[i].text.trim().is_empty()) else {
            return false;
        };
        first == c.line
            || candidates
                .iter()
                .find(|f| f.line == first)
                .is_some_and(|f| same_style(f, c) && entry_follows(lines, first))
    };

    // Other lines need a layout cue in the same style as the known headings (or a heading
    // level when the document has no known heading at all), and never sit in the block before
    // the first known heading (the name and title live there).
    for c in candidates.iter().filter(|c| !c.matched.is_some_and(|m| m.exact)) {
        // The same style in the same size: a skills row set a little larger than the body
        // ("Python Go TypeScript" at 9.6 pt) is not a heading set at 10.5 pt.
        let size = lines[c.line].font_size;
        let styled_like_known = signatures
            .iter()
            .any(|&(sig, known)| sig == c.cues.signature() && (size - known).abs() <= SAME_STYLE_SIZE_PT);
        let before_first = first_known.is_some_and(|f| c.line < f);
        let folded = fold(&c.heading);
        // A title or employer word marks an entry ("Senior Analyst", "Acme Corp"), unless the
        // heading's last word, its head noun, names a section ("University Projects").
        let head_noun_is_section = folded.rsplit(' ').next().is_some_and(|w| classify(w).is_some());
        let entry_word = folded.split(' ').any(|w| NOT_HEADING_WORDS.binary_search(&w).is_ok());
        // Abbreviations, commas and the like mark entries ("B.S., MIT"), not headings; a list
        // of known topics keeps its commas.
        let looks_like_entry = (entry_word && !head_noun_is_section)
            || !c.heading.chars().all(|ch| {
                ch.is_alphabetic() || matches!(ch, ' ' | '&' | '-' | '\'' | '’' | '/') || (c.listed && ch == ',')
            });
        // A dated line right below makes an unknown line an entry header ("Acme Corp" over
        // "Engineer, 2019 – 2021"), but not a wording whose head noun names a section of
        // dated entries ("Logistics Experience").
        let names_dated_section = c.matched.is_some_and(|m| {
            m.kind.holds_dated_entries()
                && folded
                    .rsplit(' ')
                    .next()
                    .and_then(classify)
                    .is_some_and(|head| head.kind.holds_dated_entries())
        });
        let next_is_dated = !names_dated_section
            && lines
                .get(c.line + 1)
                .is_some_and(|l| super::dates::first_span(&l.text).is_some());
        let ok_style = if signatures.is_empty() {
            c.cues.level.is_some_and(|l| l >= 1)
        } else {
            styled_like_known
        };
        // Words of a few capitals each ("SQL", "US GAAP", "QGIS") are acronyms, a skill or a
        // tool listed in capitals, not the title of a section.
        let acronyms = c
            .heading
            .split_whitespace()
            .all(|w| w.chars().count() <= MAX_ACRONYM_CHARS && w.chars().all(|ch| ch.is_uppercase()));
        if c.cues.any()
            && ok_style
            && !before_first
            && c.line > 0
            && !looks_like_entry
            && !next_is_dated
            && !acronyms
            && (names_dated_section || !entry_subheading(c))
        {
            heads.push((
                c.line,
                c.heading.clone(),
                c.matched.map_or(SectionKind::Other, |m| m.kind),
            ));
        }
    }
    heads.sort_by_key(|h| h.0);
    for n in 0..heads.len() {
        let end = heads.get(n + 1).map_or(lines.len(), |h| h.0);
        let (line, ref heading, kind) = heads[n];
        if kind == SectionKind::Languages
            && fold(heading) == "languages"
            && lists_no_spoken_language(&lines[line + 1..end])
        {
            heads[n].2 = SectionKind::Skills;
        }
    }

    let mut out = spans(doc, &heads);
    split_headerless_jobs(doc, &mut out);
    out
}

/// Longest word, in characters, read as an acronym in an unknown heading-shaped line.
const MAX_ACRONYM_CHARS: usize = 4;

/// Most lines between an entry's sub-heading and its date line: the title, and a place.
const MAX_LINES_BEFORE_ENTRY_DATE: usize = 2;

/// Most words of a line between a sub-heading and its dates: a title or a place is short.
const MAX_ENTRY_HEADER_WORDS: usize = 8;

/// An entry follows line `i`: a date within the next few lines, and only short plain lines
/// (a title, a place) before it.
fn entry_follows(lines: &[Line], i: usize) -> bool {
    for line in lines.iter().skip(i + 1).take(MAX_LINES_BEFORE_ENTRY_DATE + 1) {
        let t = line.text.trim();
        if line.bullet || t.is_empty() {
            return false;
        }
        if super::dates::first_span(t).is_some() {
            return true;
        }
        if word_count(t) > MAX_ENTRY_HEADER_WORDS {
            return false;
        }
    }
    false
}

/// Fewest known headings set larger than the body that make larger type the headings' style.
const MIN_LARGER_HEADINGS: usize = 3;

/// Font sizes within this many points are one heading style.
const SAME_STYLE_SIZE_PT: f32 = 0.5;

/// Spoken languages most often listed on résumés, lower case and sorted.
static SPOKEN_LANGUAGES: &[&str] = &[
    "afrikaans",
    "albanian",
    "amharic",
    "arabic",
    "armenian",
    "basque",
    "bengali",
    "bosnian",
    "bulgarian",
    "burmese",
    "cantonese",
    "catalan",
    "chinese",
    "croatian",
    "czech",
    "danish",
    "dutch",
    "english",
    "estonian",
    "farsi",
    "filipino",
    "finnish",
    "french",
    "gaelic",
    "galician",
    "georgian",
    "german",
    "greek",
    "gujarati",
    "hausa",
    "hawaiian",
    "hebrew",
    "hindi",
    "hungarian",
    "icelandic",
    "igbo",
    "indonesian",
    "irish",
    "italian",
    "japanese",
    "kannada",
    "kazakh",
    "khmer",
    "korean",
    "kurdish",
    "latin",
    "latvian",
    "lithuanian",
    "macedonian",
    "malay",
    "malayalam",
    "maltese",
    "mandarin",
    "maori",
    "marathi",
    "mongolian",
    "nepali",
    "norwegian",
    "pashto",
    "persian",
    "polish",
    "portuguese",
    "punjabi",
    "romanian",
    "russian",
    "serbian",
    "sinhala",
    "slovak",
    "slovenian",
    "somali",
    "spanish",
    "swahili",
    "swedish",
    "tagalog",
    "tamil",
    "telugu",
    "thai",
    "turkish",
    "ukrainian",
    "urdu",
    "uzbek",
    "vietnamese",
    "welsh",
    "xhosa",
    "yiddish",
    "yoruba",
    "zulu",
];

/// Words that rate a spoken language, lower case and sorted.
static LANGUAGE_LEVELS: &[&str] = &[
    "a1",
    "a2",
    "advanced",
    "b1",
    "b2",
    "basic",
    "beginner",
    "bilingual",
    "c1",
    "c2",
    "conversational",
    "elementary",
    "fluency",
    "fluent",
    "intermediate",
    "mother",
    "native",
    "proficiency",
    "proficient",
    "tongue",
];

/// A "Languages" section that names no spoken language and rates nothing lists programming
/// languages ("Python Go TypeScript"): a skills section.
fn lists_no_spoken_language(body: &[Line]) -> bool {
    let mut any = false;
    for line in body {
        for w in line
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            any = true;
            if in_sorted_lower(SPOKEN_LANGUAGES, w) || in_sorted_lower(LANGUAGE_LEVELS, w) {
                return false;
            }
        }
    }
    any
}

/// Fewest job lines that make an untitled run of jobs: one dated title line alone may be the
/// candidate's current role under the name.
const MIN_HEADERLESS_JOBS: usize = 2;

/// A line that reads as a job header by itself: a title word and a date range
/// ("QA Engineer, Acme, Portland, OR (Mar 2021 - Present)"). One date alone marks an award or
/// a degree, not a job.
fn is_job_line(line: &Line) -> bool {
    if line.bullet || super::text::strip_bullet(&line.text).1 {
        return false;
    }
    let Some(span) = super::dates::first_span(&line.text) else {
        return false;
    };
    let undated = format!("{} {}", &line.text[..span.range.start], &line.text[span.range.end..]);
    span.is_range() && span.start.is_some() && super::entries::is_title(&undated)
}

/// Jobs outside an Experience heading: when a document has no experience section, the dated
/// job lines in its untitled top block, summary or an unknown section start an untitled
/// experience section that runs to the end of the section holding them.
fn split_headerless_jobs(doc: &Document, spans: &mut Vec<SectionSpan>) {
    if spans.iter().any(|s| s.kind == SectionKind::Experience) {
        return;
    }
    let lines = &doc.lines;
    let Some((k, first_job)) = spans.iter().enumerate().find_map(|(k, s)| {
        if !matches!(s.kind, K::Contact | K::Summary | K::Other) {
            return None;
        }
        let body = s.first_line..s.end_line.min(lines.len());
        let mut jobs = body.filter(|&i| is_job_line(&lines[i]));
        let first = jobs.next()?;
        (jobs.count() + 1 >= MIN_HEADERLESS_JOBS).then_some((k, first))
    }) else {
        return;
    };
    let holder = &mut spans[k];
    let (end_line, end) = (holder.end_line, holder.end);
    let start = lines[first_job].start;
    holder.end_line = first_job;
    holder.end = lines[..first_job]
        .iter()
        .rev()
        .find(|l| l.start >= holder.start)
        .map_or(holder.start, |l| l.start + l.text.len());
    spans.insert(
        k + 1,
        SectionSpan {
            kind: K::Experience,
            heading: String::new(),
            heading_line: None,
            first_line: first_job,
            end_line,
            start,
            end,
        },
    );
}

/// The first line of an untitled summary paragraph in the top block: a sentence of ten words
/// or more after the name, with no contact details.
fn untitled_summary(lines: &[Line], block_end: usize) -> Option<usize> {
    (1..block_end).find(|&i| {
        let l = &lines[i];
        let t = l.text.trim();
        !l.bullet
            && word_count(t) >= 10
            && !t.contains(['@', '|', '•', '·'])
            && !t.contains("http")
            && t.chars().filter(char::is_ascii_digit).count() < 4
    })
}

/// Builds spans from accepted headings `(line, heading, kind)`.
fn spans(doc: &Document, heads: &[(usize, String, SectionKind)]) -> Vec<SectionSpan> {
    let lines = &doc.lines;
    let text_len = doc.text.len();
    let line_end = |i: usize| lines.get(i).map_or(text_len, |l| l.start + l.text.len());
    let mut out = Vec::new();
    let first_head = heads.first().map_or(lines.len(), |h| h.0);
    if first_head > 0 && lines[..first_head].iter().any(|l| !l.text.trim().is_empty()) {
        // A summary paragraph under the contact lines without a heading of its own.
        let summary = if heads.iter().any(|h| h.2 == SectionKind::Summary) || heads.is_empty() {
            None
        } else {
            untitled_summary(lines, first_head)
        };
        let contact_end = summary.unwrap_or(first_head);
        out.push(SectionSpan {
            kind: SectionKind::Contact,
            heading: String::new(),
            heading_line: None,
            first_line: 0,
            end_line: contact_end,
            start: 0,
            end: line_end(contact_end - 1),
        });
        if let Some(at) = summary {
            out.push(SectionSpan {
                kind: SectionKind::Summary,
                heading: String::new(),
                heading_line: None,
                first_line: at,
                end_line: first_head,
                start: lines[at].start,
                end: line_end(first_head - 1),
            });
        }
    }
    for (n, (line, heading, kind)) in heads.iter().enumerate() {
        let end_line = heads.get(n + 1).map_or(lines.len(), |h| h.0);
        out.push(SectionSpan {
            kind: *kind,
            heading: heading.clone(),
            heading_line: Some(*line),
            first_line: line + 1,
            end_line,
            start: lines[*line].start,
            end: line_end(end_line.saturating_sub(1).max(*line)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses")
    }

    fn kinds(text: &str) -> Vec<(SectionKind, String)> {
        find_sections(&doc(text))
            .into_iter()
            .map(|s| (s.kind, s.heading))
            .collect()
    }

    #[test]
    fn an_item_title_under_a_header_of_several_lines_opens_no_section() {
        // Employer, dates and title a line each, then "Highlights" over the bullets: an item's
        // title, whichever header line holds the dates.
        let text = "Ada Brook\nada@example.com\n\nSUMMARY\nAnalyst who closes books fast.\n\nEXPERIENCE\nAcme Corp\n2021-03 - Present\nController\nHighlights\n- Closed the books in five days\nBeta Bank\n2019-01\nAnalyst\nHighlights\n- Cut payment errors by 60%\n\nEDUCATION\nB.Com. Accounting, Lyon University, 2018";
        let got: Vec<SectionKind> = kinds(text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            got,
            [
                SectionKind::Contact,
                SectionKind::Summary,
                SectionKind::Experience,
                SectionKind::Education
            ]
        );
    }

    #[test]
    fn an_item_title_repeated_in_the_headings_style_opens_no_section() {
        // Everything in capitals: "HIGHLIGHTS" looks like the headings, but it stands between
        // each job's dates and bullets, twice.
        let text = "ADA BROOK\nada@example.com\n\nSUMMARY\nAnalyst who closes books fast.\n\nEXPERIENCE\nController, Acme Corp\n2021-03 - Present\nHIGHLIGHTS\n- Closed the books in five days\nAnalyst, Beta Bank\n2019-01 - 2021-02\nHIGHLIGHTS\n- Cut payment errors by 60%\n\nEDUCATION\nB.Com. Accounting, Lyon University, 2018";
        let headings: Vec<String> = kinds(text).into_iter().map(|(_, h)| h).collect();
        assert_eq!(headings, ["", "SUMMARY", "EXPERIENCE", "EDUCATION"]);
        // Once, in the same place, it may be a section of its own: left to the other rules.
        let once = "ADA BROOK\nada@example.com\n\nEXPERIENCE\nController, Acme Corp\n2021-03 - Present\nHIGHLIGHTS\n- Closed the books in five days\n\nEDUCATION\nB.Com. Accounting, Lyon University, 2018";
        assert!(kinds(once).iter().any(|(_, h)| h == "HIGHLIGHTS"));
    }

    #[test]
    fn acronyms_in_capitals_under_capital_headings_open_no_section() {
        let text = "Ada Brook\nada@example.com\n\nEXPERIENCE\nController, Acme Corp, 2021 - Present\n- Closed the books in five days\n\nSKILLS\nGIS\nQGIS\nUS GAAP\nFinancial modelling\n\nLEADERSHIP\nChair of the finance society";
        let got: Vec<(SectionKind, String)> = kinds(text);
        let headings: Vec<&str> = got.iter().map(|(_, h)| h.as_str()).collect();
        assert_eq!(headings, ["", "EXPERIENCE", "SKILLS", "LEADERSHIP"]);
    }

    #[test]
    fn table_is_folded_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (h, _, _) in HEADINGS {
            assert_eq!(fold(h), *h, "heading table entry not folded: {h}");
            // The tables drop ASCII white space when squashing; `classify` drops any.
            assert!(
                h.chars().all(|c| !c.is_whitespace() || c.is_ascii_whitespace()),
                "non-ASCII white space in heading {h:?}"
            );
            assert!(seen.insert(*h), "duplicate heading {h}");
        }
        let mut sorted = NOT_HEADING_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, NOT_HEADING_WORDS);
    }

    /// `classify` as it was: two walks of the table, the second comparing without spaces.
    fn classify_by_walking(heading: &str) -> Option<HeadingMatch> {
        let key = fold(heading);
        if key.is_empty() {
            return None;
        }
        if let Some(&(_, kind, standard)) = HEADINGS.iter().find(|(h, _, _)| *h == key) {
            return Some(HeadingMatch {
                kind,
                standard,
                exact: true,
            });
        }
        let squashed: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(&(_, kind, standard)) = HEADINGS
            .iter()
            .find(|(h, _, _)| h.chars().filter(|c| !c.is_whitespace()).eq(squashed.chars()))
        {
            return Some(HeadingMatch {
                kind,
                standard,
                exact: true,
            });
        }
        STEMS
            .iter()
            .find(|(stem, _)| key.contains(stem))
            .map(|&(_, kind)| HeadingMatch {
                kind,
                standard: true,
                exact: false,
            })
    }

    #[test]
    fn classify_agrees_with_walking_the_table() {
        let mut inputs: Vec<String> = Vec::new();
        for (h, _, _) in HEADINGS {
            inputs.push(h.to_string());
            inputs.push(h.to_uppercase());
            inputs.push(h.replace(' ', ""));
            inputs.push(h.chars().map(|c| format!("{c} ")).collect());
            inputs.push(format!("my {h}"));
            inputs.push(format!("{h}:"));
            inputs.push(h.replace(" and ", " & "));
        }
        for s in [
            "",
            " ",
            "Things I Built",
            "W O R K E X P",
            "Skillz",
            "Ëducation",
            "Intérêts",
            "—",
            "a b",
        ] {
            inputs.push(s.to_string());
        }
        for s in &inputs {
            assert_eq!(classify(s), classify_by_walking(s), "{s:?}");
        }
    }

    #[test]
    fn maps_common_variants() {
        for (h, k) in [
            ("Work Experience", K::Experience),
            ("Professional Experience", K::Experience),
            ("Employment History", K::Experience),
            ("Where I've Worked", K::Experience),
            ("Technical Skills", K::Skills),
            ("Skills & Tools", K::Skills),
            ("My Toolbox", K::Skills),
            ("A Little About Me", K::Summary),
            ("Profile", K::Summary),
            ("About", K::Summary),
            ("Schooling", K::Education),
            ("Academic Background", K::Education),
            ("Things I Built", K::Projects),
            ("Selected Projects", K::Projects),
            ("Honours and Awards", K::Awards),
            ("Licenses & Certifications", K::Certifications),
            ("E X P E R I E N C E", K::Experience),
        ] {
            let (text, _) = heading_text(h);
            assert_eq!(classify(&text).map(|m| m.kind), Some(k), "{h}");
        }
        assert!(!classify("Where I’ve Worked").unwrap().standard);
        assert!(classify("Work History").unwrap().standard);
    }

    #[test]
    fn plain_text_headings_and_contact_block() {
        let k = kinds("Jane Doe\njane@example.com\n\nSUMMARY\nEngineer.\n\nWork Experience:\nEngineer, Acme | 2020 - 2021\n- Built things\n\nEducation\nB.S. Physics, MIT");
        assert_eq!(
            k,
            vec![
                (K::Contact, String::new()),
                (K::Summary, "SUMMARY".into()),
                (K::Experience, "Work Experience".into()),
                (K::Education, "Education".into()),
            ]
        );
    }

    #[test]
    fn markdown_headings_with_unknown_wording() {
        let k = kinds("# Jane Doe\n\nML Engineer\n\n## Summary\nBuilds models.\n\n## Side Quests\nClimbing.\n\n## Experience\nEngineer, Acme — 2020 – 2021\n- Built it");
        assert_eq!(k[0].0, K::Contact);
        assert_eq!(k[2], (K::Other, "Side Quests".into()));
        assert_eq!(k[3].0, K::Experience);
        assert_eq!(k.len(), 4);
    }

    #[test]
    fn job_titles_and_labels_are_not_headings() {
        // A bold job title line and a "Languages" label inside a styled skills section.
        let k = kinds("# Jane Doe\n\n## Experience\n\nSenior Data Scientist\nAcme Corp | 2019 - 2021\n- Built it\n\n## Skills\nLanguages\nPython, SQL\n\n## Education\nB.S., MIT");
        assert_eq!(
            k.iter().map(|x| x.0).collect::<Vec<_>>(),
            [K::Contact, K::Experience, K::Skills, K::Education]
        );
    }

    #[test]
    fn core_heading_in_a_plainer_style_is_kept() {
        // Capitals throughout except one core heading: still the experience section.
        let k = kinds("Jane Doe\njane@example.com\nSUMMARY\nBuilds models.\nWhere I've Worked\nEngineer, Acme — 2020 – 2021\n- Built it\nEDUCATION\nB.S., MIT\nSKILLS\nGo");
        assert_eq!(
            k.iter().map(|x| x.0).collect::<Vec<_>>(),
            [K::Contact, K::Summary, K::Experience, K::Education, K::Skills]
        );
    }

    #[test]
    fn label_in_a_weaker_style_than_the_headings() {
        // PDF lines: headings bold and larger, a bold body-size "Languages" label under skills.
        let rows = [
            ("Jane Doe", 20.0, true),
            ("jane@example.com", 10.0, false),
            ("SUMMARY", 12.0, true),
            ("Builds models for a living, mostly ranking.", 10.0, false),
            ("EXPERIENCE", 12.0, true),
            ("Engineer, Acme — 2020 – 2021", 10.0, false),
            ("TECHNICAL SKILLS", 12.0, true),
            ("Languages", 10.0, true),
            ("Python, SQL", 10.0, false),
            ("EDUCATION", 12.0, true),
            ("B.S. Physics, MIT", 10.0, false),
        ];
        let d = styled(&rows);
        let k: Vec<SectionKind> = find_sections(&d).into_iter().map(|s| s.kind).collect();
        assert_eq!(k, [K::Contact, K::Summary, K::Experience, K::Skills, K::Education]);
    }

    fn section_kinds(text: &str) -> Vec<SectionKind> {
        kinds(text).into_iter().map(|k| k.0).collect()
    }

    fn job_count(text: &str) -> usize {
        let d = doc(text);
        super::super::entries::read(&d, &find_sections(&d)).jobs.len()
    }

    const TOP: &str = "Wilhelmina Strand\nwil.strand@example.com | (555) 010-2233\n\n";

    #[test]
    fn heading_with_an_item_count() {
        let text = format!(
            "{TOP}Career History (2)\nDispatcher, Gullwing Couriers, Apr 2019 - Present\n- Routed 90 vans a day\n\
             Clerk, Pebble Row Books, 2016 - 2019\n- Ran the stock room\n\nEducation (1)\nB.A. History, Fenmoor College, 2016\n\n\
             Skills (12)\nRouting, Excel"
        );
        assert_eq!(
            kinds(&text).into_iter().skip(1).collect::<Vec<_>>(),
            [
                (K::Experience, "Career History".to_string()),
                (K::Education, "Education".to_string()),
                (K::Skills, "Skills".to_string()),
            ]
        );
        assert_eq!(job_count(&text), 2);
        // Only a bracketed count is dropped: a year or a word in brackets stays.
        assert_eq!(strip_count("Skills (2020)"), "Skills (2020)");
        assert_eq!(strip_count("Projects (Remote)"), "Projects (Remote)");
        assert_eq!(strip_count("(3)"), "(3)");
    }

    #[test]
    fn one_word_work_and_service_headings() {
        let text = format!(
            "{TOP}Work\nCourier, Gullwing Couriers, Apr 2019 - Present\n- Delivered 80 parcels a day\n\n\
             SERVICE\nMentor, Harbor Youth Club, 2016 - 2019\n- Coached 12 teenagers\n\nEducation\nB.A. History, Fenmoor College, 2016"
        );
        assert_eq!(
            section_kinds(&text),
            [K::Contact, K::Experience, K::Volunteering, K::Education]
        );
        assert_eq!(job_count(&text), 1);
    }

    #[test]
    fn skills_heading_before_any_other() {
        let text = format!(
            "{TOP}TOP SKILLS\nForklift\nInventory audits\n\nEXPERIENCE\nWarehouse Lead, Gullwing Couriers, Jan 2020 - Present\n- Cut picking errors by 30 percent"
        );
        assert_eq!(section_kinds(&text), [K::Contact, K::Skills, K::Experience]);
    }

    #[test]
    fn heading_that_lists_its_topics() {
        let text = format!(
            "{TOP}EXPERIENCE\nAnalyst, Gullwing Couriers, Jan 2020 - Present\n- Built 9 reports\n\n\
             LANGUAGES, FRAMEWORKS, TOOLS\nKotlin, Ktor, Gradle\nAWS, GCP, AZURE\n\nAWARDS / HONORS\nCourier of the Month, 2021\n\n\
             EDUCATION\nB.S. Logistics, Fenmoor College, 2019"
        );
        assert_eq!(
            section_kinds(&text),
            [K::Contact, K::Experience, K::Skills, K::Awards, K::Education]
        );
        // Rows of items and sentences with commas stay body text.
        let text = format!(
            "{TOP}EXPERIENCE\nAnalyst, Gullwing Couriers, Jan 2020 - Present\nSHIPPED THE APP, THEN THE SITE\nCI/CD\n\nSKILLS\nKOTLIN, KTOR, GRADLE\nPYTHON, SQL, TOOLS\nGo"
        );
        assert_eq!(section_kinds(&text), [K::Contact, K::Experience, K::Skills]);
    }

    #[test]
    fn head_noun_decides_the_kind() {
        // An entry word ("university") before a section noun, and a qualifier before
        // "experience", do not make a job section.
        let text = format!(
            "{TOP}EXPERIENCE\nJunior Analyst, Gullwing Couriers, Jul 2022 - Present\n- Built 9 reports\n\n\
             UNIVERSITY RESEARCH PROJECTS\nTideTable, a harbour schedule app, Mar 2021\n- Used by 40 sailors\n\n\
             ACADEMIC PROJECT EXPERIENCE\nParcelSim, a depot simulator, Jan 2021\n- Modelled 3 depots\n\n\
             EDUCATION\nB.S. Logistics, Fenmoor University, 2022"
        );
        assert_eq!(
            section_kinds(&text),
            [K::Contact, K::Experience, K::Projects, K::Projects, K::Education]
        );
        assert_eq!(job_count(&text), 1);
        // A section word before a title word is still a job title.
        let text = format!(
            "{TOP}EXPERIENCE\nPROJECT MANAGER\nGullwing Couriers, Jan 2020 - Present\n- Ran 4 depot openings\n\nEDUCATION\nB.S. Logistics, Fenmoor College, 2019"
        );
        assert_eq!(section_kinds(&text), [K::Contact, K::Experience, K::Education]);
    }

    #[test]
    fn section_wording_before_a_dated_line() {
        let text = format!(
            "{TOP}SUMMARY\nCourier turned analyst.\n\nLOGISTICS EXPERIENCE\nAnalyst, Gullwing Couriers, Jan 2020 - Present\n- Built 9 reports\n\n\
             ACME FREIGHT\nClerk, Jun 2017 - Dec 2019\nBRIGHT HARBOR EDUCATION\nTutor, Jan 2016 - May 2017\n\nEDUCATION\nB.S. Logistics, Fenmoor College, 2017"
        );
        assert_eq!(
            section_kinds(&text),
            [K::Contact, K::Summary, K::Experience, K::Education]
        );
    }

    #[test]
    fn item_titles_are_not_headings() {
        let text = format!(
            "{TOP}EXPERIENCE\nDispatcher, Gullwing Couriers, Apr 2019 - Present\nKey Achievements\n- Cut late deliveries by 20 percent\n\
             Clerk, Pebble Row Books, Jan 2016 - Mar 2019\nOverview\n- Ran the stock room\n\nINTERESTS\nOpen Source\nMaintains a tide-table library\n\n\
             EDUCATION\nB.A. History, Fenmoor College, 2016"
        );
        assert_eq!(
            section_kinds(&text),
            [K::Contact, K::Experience, K::Interests, K::Education]
        );
        assert_eq!(job_count(&text), 2);
    }

    use crate::read::test_doc::styled;

    #[test]
    fn label_under_a_heading_in_a_larger_style() {
        // Two headings only, so no dominant style: the label is plainer than the heading above.
        let d = styled(&[
            ("Wilhelmina Strand", 20.0, true),
            ("wil.strand@example.com", 10.0, false),
            ("Experience", 12.0, true),
            ("Dispatcher, Gullwing Couriers, Apr 2019 - Present", 10.0, false),
            ("Interests", 12.0, true),
            ("Open Source", 10.0, true),
            ("Maintains a tide-table library", 10.0, false),
        ]);
        let k: Vec<SectionKind> = find_sections(&d).into_iter().map(|s| s.kind).collect();
        assert_eq!(k, [K::Contact, K::Experience, K::Interests]);
    }

    #[test]
    fn item_titles_in_body_type_under_larger_headings() {
        // Headings larger than the body; every job has a bold body-size "Highlights" over its
        // bullets, and skills are grouped under bold labels, one of them a known wording.
        let d = styled(&[
            ("Renata Voss", 24.0, true),
            ("renata@example.com", 12.0, false),
            ("About", 19.5, true),
            (
                "Plans freight for river barges and keeps the ledgers in order.",
                12.0,
                false,
            ),
            ("Work", 19.5, true),
            ("Brackenridge Barges 2021-03 — 2023-05", 12.0, true),
            ("Freight Planner", 12.0, true),
            ("Highlights", 12.0, true),
            ("• Cut empty return trips by a third across the fleet", 12.0, false),
            ("Oakhollow Locks 2019-01 — 2021-02", 12.0, true),
            ("Lock Keeper", 12.0, true),
            ("Highlights", 12.0, true),
            ("• Kept the lock log for 9,000 passages a year", 12.0, false),
            ("Skills", 19.5, true),
            ("Software", 12.0, true),
            ("• Excel, NetSuite", 12.0, false),
            ("Education", 19.5, true),
            ("Eastmoor College 2012 — 2015", 12.0, true),
        ]);
        let spans = find_sections(&d);
        let k: Vec<SectionKind> = spans.iter().map(|s| s.kind).collect();
        assert_eq!(k, [K::Contact, K::Summary, K::Experience, K::Skills, K::Education]);
        assert_eq!(super::super::entries::read(&d, &spans).jobs.len(), 2);
    }

    #[test]
    fn sidebar_headings_smaller_than_the_main_ones() {
        // Sidebar headings in bold capitals at body size, main-column headings larger.
        let long = "Plans freight for river barges and keeps the ledgers of the lock company in order.";
        let d = styled(&[
            ("Renata Voss", 15.0, true),
            ("renata@example.com", 8.5, false),
            ("CORE COMPETENCIES", 10.0, true),
            ("Python", 8.5, false),
            ("LANGUAGES", 10.0, true),
            ("Japanese (basic)", 8.5, false),
            ("PROFESSIONAL SUMMARY", 11.5, true),
            (long, 10.0, false),
            ("EMPLOYMENT", 11.5, true),
            ("Freight Planner, Brackenridge Barges, 2021 - 2023", 10.0, true),
            (long, 10.0, false),
            ("EDUCATION", 11.5, true),
            ("B.Sc. Logistics, Eastmoor College, 2012 - 2015", 10.0, true),
            (long, 10.0, false),
        ]);
        let k: Vec<SectionKind> = find_sections(&d).into_iter().map(|s| s.kind).collect();
        assert_eq!(
            k,
            [
                K::Contact,
                K::Skills,
                K::Languages,
                K::Summary,
                K::Experience,
                K::Education
            ]
        );
    }

    #[test]
    fn employers_and_schools_set_as_sub_headings_open_entries() {
        // Employers and schools in the very style of the section headings, each over a title
        // and a date line: entries of their sections, not sections of their own.
        let d = styled(&[
            ("Wilhelmina Strand", 24.0, true),
            ("wil.strand@example.com", 12.0, false),
            ("Work Experience", 14.0, true),
            ("Northwind Bank", 14.0, true),
            ("Credit Analyst", 12.0, true),
            ("2019 - Present", 12.0, false),
            ("• Rebuilt the loan book review for three branches", 12.0, false),
            ("Harrow Freight", 14.0, true),
            ("Ledger Clerk", 12.0, true),
            ("Leeds, UK", 12.0, false),
            ("2016 - 2019", 12.0, false),
            ("• Closed the month in four days instead of nine", 12.0, false),
            ("Education", 14.0, true),
            ("Fenmoor Polytechnic Campus", 14.0, true),
            ("Accounting, B.A.", 12.0, true),
            ("2012 - 2015", 12.0, false),
            ("Skills", 14.0, true),
            ("Excel, SQL, Power BI", 12.0, false),
        ]);
        let spans = find_sections(&d);
        let k: Vec<SectionKind> = spans.iter().map(|s| s.kind).collect();
        assert_eq!(k, [K::Contact, K::Experience, K::Education, K::Skills], "{spans:?}");
        let entries = super::super::entries::read(&d, &spans);
        let companies: Vec<Option<&str>> = entries.jobs.iter().map(|j| j.entry.company.as_deref()).collect();
        assert_eq!(companies, [Some("Northwind Bank"), Some("Harrow Freight")]);
        assert_eq!(entries.jobs[0].entry.title.as_deref(), Some("Credit Analyst"));
        assert_eq!(entries.education.len(), 1);
    }

    #[test]
    fn unknown_heading_after_entries_without_sub_headings_stays_a_section() {
        // The jobs open with a dated line, no sub-heading: a heading-styled unknown line over
        // an entry further down starts a section of its own.
        let d = styled(&[
            ("Wilhelmina Strand", 24.0, true),
            ("wil.strand@example.com", 12.0, false),
            ("Work Experience", 14.0, true),
            ("Credit Analyst, Northwind Bank, 2019 - Present", 12.0, true),
            ("• Rebuilt the loan book review for three branches", 12.0, false),
            ("Board Service", 14.0, true),
            ("Trustee, Harbour Library", 12.0, true),
            ("2020 - Present", 12.0, false),
            ("• Chaired the finance committee", 12.0, false),
            ("Education", 14.0, true),
            ("B.A. Accounting, Fenmoor College, 2015", 12.0, false),
        ]);
        let spans = find_sections(&d);
        let k: Vec<(SectionKind, String)> = spans.iter().map(|s| (s.kind, s.heading.clone())).collect();
        assert_eq!(
            k,
            [
                (K::Contact, String::new()),
                (K::Experience, "Work Experience".into()),
                (K::Other, "Board Service".into()),
                (K::Education, "Education".into())
            ]
        );
    }

    #[test]
    fn language_lists_are_sorted() {
        for list in [SPOKEN_LANGUAGES, LANGUAGE_LEVELS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn languages_that_are_programming_languages() {
        // A sidebar's skill groups set as headings, rows a little larger than the body text.
        let long = "Builds rate limiters and search indexes for small teams who ship every week.";
        let d = styled(&[
            ("Renata Voss", 30.0, true),
            ("renata@example.com", 9.0, false),
            ("Languages", 10.5, false),
            ("Python Go TypeScript", 9.6, false),
            ("Rust SQL", 9.6, false),
            ("Infrastructure", 10.5, false),
            ("Kubernetes Terraform", 9.6, false),
            ("Summary", 10.5, false),
            (long, 8.3, false),
            (long, 8.3, false),
            ("Experience", 10.5, false),
            ("Platform Engineer, Driftwood Labs, 2021 - 2023", 8.3, false),
            (long, 8.3, false),
            (long, 8.3, false),
        ]);
        let spans = find_sections(&d);
        assert!(spans.iter().all(|s| !s.heading.contains("Python")), "{spans:?}");
        assert_eq!(spans[1].kind, K::Skills, "{spans:?}");
        // Spoken languages, named or rated, keep their kind.
        for spoken in [
            "Japanese (basic), Icelandic (native)",
            "English, Spanish",
            "Wolof — fluent",
        ] {
            let text = format!("{TOP}EXPERIENCE\nDispatcher, Gullwing Couriers, Apr 2019 - Present\n\nLANGUAGES\n{spoken}\n\nEDUCATION\nB.A. History, Fenmoor College, 2016");
            assert!(
                section_kinds(&text).contains(&K::Languages),
                "{spoken}: {:?}",
                kinds(&text)
            );
        }
        let text = format!("{TOP}EXPERIENCE\nDispatcher, Gullwing Couriers, Apr 2019 - Present\n\nLANGUAGES\nPython, Go, Rust\n\nEDUCATION\nB.A. History, Fenmoor College, 2016");
        assert_eq!(
            section_kinds(&text),
            [K::Contact, K::Experience, K::Skills, K::Education]
        );
    }

    #[test]
    fn jobs_without_an_experience_heading() {
        let text = format!(
            "{TOP}PROFILE\nTen years of harbour logistics.\nBerth Supervisor, Port Fenmoor, Saltby (Feb 2020 - Present)\n\
             Ran berthing for 300 ships a year\nDeputy Berth Supervisor, Port Gull, Wexby (May 2015 - Jan 2020)\nKept the tide tables\n\n\
             EDUCATION\nB.S. Marine Studies, Fenmoor College, 2015"
        );
        assert_eq!(
            section_kinds(&text),
            [K::Contact, K::Summary, K::Experience, K::Education]
        );
        assert_eq!(job_count(&text), 2);
        // Near misses: single dates (awards) and dated bullets are not jobs.
        let text = format!(
            "{TOP}PROFILE\nTen years of harbour logistics.\nHarbour Master of the Year, Port Fenmoor, Dec 2021\n\
             Analyst Award, Port Gull, Oct 2018\n- Engineer on the Jan 2019 - Mar 2019 dredging\n- Manager for the 2017 - 2018 refit\n\n\
             EDUCATION\nB.S. Marine Studies, Fenmoor College, 2015"
        );
        assert_eq!(section_kinds(&text), [K::Contact, K::Summary, K::Education]);
        assert_eq!(job_count(&text), 0);
    }

    /// Random short lines of heading words, counts, commas, slashes and multi-byte text: no
    /// panic in the heading readers.
    #[test]
    fn random_heading_lines_do_not_panic() {
        const PIECES: &[&str] = &[
            "Work",
            "EXPERIENCE",
            "Skills",
            "(3)",
            "(",
            ")",
            "12",
            ",",
            "/",
            " ",
            ":",
            "é",
            "Ω",
            "University",
            "Projects",
            "2019 - 2021",
            "- ",
        ];
        let mut random = ats_testkit::xorshift(0xc0ff_ee15_600d_cafe);
        for _ in 0..300 {
            let lines = 1 + (random() % 8) as usize;
            let text: Vec<String> = (0..lines)
                .map(|_| {
                    let len = (random() % 6) as usize;
                    (0..len)
                        .map(|_| PIECES[(random() % PIECES.len() as u64) as usize])
                        .collect()
                })
                .collect();
            let text = format!("Wil Strand\n{}", text.join("\n"));
            let _ = strip_count(&text);
            let _ = classify_list(&text);
            let _ = find_sections(&doc(&text));
        }
    }

    #[test]
    fn heading_needs_following_content() {
        let k = kinds("Jane Doe\njane@example.com\nReferences");
        assert_eq!(k.iter().map(|x| x.0).collect::<Vec<_>>(), [K::Contact]);
    }
}
