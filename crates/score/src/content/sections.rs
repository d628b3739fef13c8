//! Section headings: found from text and layout cues, mapped to a [`SectionKind`] by a table of
//! the wordings résumés use. An ATS splits a résumé by its headings; a creative heading
//! ("Where I've Worked") is one it may not map, so those are flagged with the standard name.

use ats_parse::{Document, Line, Region};

use crate::model::{SectionKind, SectionSpan};

use super::text::{fold, is_all_caps, word_count};

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
/// ("Machine Learning Experience", "Programming Languages and Tools").
static STEMS: &[(&str, SectionKind)] = &[
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
    // Most keys hold no stem: a set of the key's byte pairs rules out nearly every stem
    // before the byte search (~1,500 instructions a call for the 27 searches).
    let pairs = BytePairs::of(key.as_bytes());
    STEMS
        .iter()
        .find(|(stem, _)| pairs.may_hold(stem.as_bytes()) && has_substring(&key, stem))
        .map(|&(_, kind)| HeadingMatch {
            kind,
            standard: true,
            exact: false,
        })
}

/// Adjacent byte pairs of a string, hashed into 1,024 bits: a needle whose first pair is
/// absent cannot occur. False positives only cost the full search.
struct BytePairs([u64; 16]);

impl BytePairs {
    fn slot(a: u8, b: u8) -> usize {
        (usize::from(a) * 31 + usize::from(b)) & 1023
    }

    fn of(s: &[u8]) -> Self {
        let mut bits = [0u64; 16];
        for w in s.windows(2) {
            let k = Self::slot(w[0], w[1]);
            bits[k >> 6] |= 1 << (k & 63);
        }
        BytePairs(bits)
    }

    /// False only when `needle` (two bytes or more) cannot be a substring.
    fn may_hold(&self, needle: &[u8]) -> bool {
        match needle {
            [a, b, ..] => {
                let k = Self::slot(*a, *b);
                self.0[k >> 6] & (1 << (k & 63)) != 0
            }
            _ => true,
        }
    }
}

/// `hay.contains(needle)` for a short `hay`: `str::contains` sets up a two-way searcher per
/// call, and `classify` tries 27 stems per heading (~2,700 instructions a call); comparing at
/// each byte that starts like the needle is a few per byte. Equal on UTF-8: a match of the
/// bytes of a whole string starts and ends on char boundaries.
fn has_substring(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    match n.first() {
        None => true,
        Some(&first) => h.windows(n.len()).any(|w| w[0] == first && w == n),
    }
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

    /// What a heading style looks like, to compare unknown headings with known ones.
    fn signature(self) -> Signature {
        (self.level, self.caps, self.bold, self.larger)
    }
}

struct Candidate {
    line: usize,
    heading: String,
    matched: Option<HeadingMatch>,
    cues: Cues,
}

/// Median font size of the document's lines, weighted by characters (0 when unknown).
fn body_font_size(lines: &[Line]) -> f32 {
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

/// True when a line has the shape of a heading: short, no date, no `|`, no digits, no
/// sentence punctuation.
fn heading_shaped(text: &str) -> bool {
    // The length first: most lines are longer than a heading, and counting chars is cheaper
    // than counting words (word_count here was 1.5M instructions on the 61-file bench).
    if text.chars().count() > 42 {
        return false;
    }
    let words = word_count(text);
    if words == 0 || words > 5 {
        return false;
    }
    if text.contains(['|', '@', '/', '•', '·', ';']) || text.contains("http") || text.contains("www.") {
        return false;
    }
    if text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let body = text.trim_end_matches(':').trim_end();
    !(body.ends_with('.') || body.ends_with(',')) && text.matches(',').count() <= 1
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
        let cues = Cues {
            level: line.heading_level,
            caps: is_all_caps(&heading, 3),
            bold: line.bold,
            larger: body > 0.0 && line.font_size >= body + 1.0,
            colon,
        };
        candidates.push(Candidate {
            line: i,
            matched: classify(&heading),
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

    let mut heads: Vec<(usize, String, SectionKind)> = Vec::new();
    for c in exact.iter() {
        let Some(m) = c.matched else { continue };
        // A known wording: a heading unless the document styles its headings (heading levels,
        // bold, larger type, capitals) and this line is plainer: then it is a label inside a
        // section, such as "Languages".
        // Only wordings that double as labels are judged by style: a core heading (summary,
        // experience, education, skills) in a plainer style than the others is still a heading,
        // and a skills label read as a second skills section costs nothing.
        let core = matches!(
            m.kind,
            SectionKind::Contact
                | SectionKind::Summary
                | SectionKind::Experience
                | SectionKind::Education
                | SectionKind::Skills
        );
        let plain = !(c.cues.layout() || (caps_exact >= 2 && c.cues.caps));
        let label = plain && m.kind == SectionKind::Languages && after_label(lines, c.line);
        let in_table = lines[c.line].region == Region::Table;
        let reject = !core
            && ((styled_exact >= 2 && !c.cues.layout())
                || (caps_styled && plain)
                || label
                || in_table
                || weaker_than_dominant(c.cues));
        if !reject {
            heads.push((c.line, c.heading.clone(), m.kind));
        }
    }
    let signatures: Vec<_> = heads
        .iter()
        .filter_map(|h| candidates.iter().find(|c| c.line == h.0))
        .filter(|c| c.cues.any())
        .map(|c| c.cues.signature())
        .collect();
    let first_known = heads.first().map(|h| h.0);

    // Other lines need a layout cue in the same style as the known headings (or a heading
    // level when the document has no known heading at all), and never sit in the block before
    // the first known heading (the name and title live there).
    for c in candidates.iter().filter(|c| !c.matched.is_some_and(|m| m.exact)) {
        let styled_like_known = signatures.contains(&c.cues.signature());
        let before_first = first_known.is_some_and(|f| c.line < f);
        let folded = fold(&c.heading);
        // Abbreviations, commas and the like mark entries ("B.S., MIT"), not headings.
        let looks_like_entry = folded.split(' ').any(|w| NOT_HEADING_WORDS.binary_search(&w).is_ok())
            || !c
                .heading
                .chars()
                .all(|ch| ch.is_alphabetic() || matches!(ch, ' ' | '&' | '-' | '\'' | '’' | '/'));
        let next_is_dated = lines
            .get(c.line + 1)
            .is_some_and(|l| super::dates::first_span(&l.text).is_some());
        let ok_style = if signatures.is_empty() {
            c.cues.level.is_some_and(|l| l >= 1)
        } else {
            styled_like_known
        };
        if c.cues.any() && ok_style && !before_first && c.line > 0 && !looks_like_entry && !next_is_dated {
            heads.push((
                c.line,
                c.heading.clone(),
                c.matched.map_or(SectionKind::Other, |m| m.kind),
            ));
        }
    }
    heads.sort_by_key(|h| h.0);

    spans(doc, &heads)
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
    fn byte_pairs_never_rule_out_a_substring() {
        for (h, _, _) in HEADINGS {
            let key = fold(h);
            let pairs = BytePairs::of(key.as_bytes());
            for (stem, _) in STEMS {
                if key.contains(stem) {
                    assert!(pairs.may_hold(stem.as_bytes()), "{key:?} / {stem:?}");
                }
            }
            for i in 0..key.len() {
                for j in i..=key.len() {
                    if let Some(sub) = key.get(i..j) {
                        assert!(pairs.may_hold(sub.as_bytes()), "{key:?} / {sub:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn has_substring_is_contains() {
        let hays = [
            "",
            "a",
            "skills",
            "work experience",
            "licences",
            "ééa",
            "aé",
            "hobbies and interests",
        ];
        let needles = [
            "",
            "a",
            "é",
            "skill",
            "experience",
            "licen",
            "hobb",
            "s",
            "interest",
            "xyz",
            "ééa!",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(has_substring(h, n), h.contains(n), "{h:?} / {n:?}");
            }
        }
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
        let mut d = Document {
            format: ats_parse::Format::Pdf,
            pages: 1,
            ..Document::default()
        };
        for (t, size, bold) in rows {
            let start = d.text.len() + usize::from(!d.text.is_empty());
            if !d.text.is_empty() {
                d.text.push('\n');
            }
            d.text.push_str(t);
            d.lines.push(Line {
                text: t.into(),
                start,
                page: 1,
                font_size: size,
                bold,
                ..Line::default()
            });
        }
        let k: Vec<SectionKind> = find_sections(&d).into_iter().map(|s| s.kind).collect();
        assert_eq!(k, [K::Contact, K::Summary, K::Experience, K::Skills, K::Education]);
    }

    #[test]
    fn heading_needs_following_content() {
        let k = kinds("Jane Doe\njane@example.com\nReferences");
        assert_eq!(k.iter().map(|x| x.0).collect::<Vec<_>>(), [K::Contact]);
    }
}
