//! Contact details as an ATS fills them in: name, e-mail, phone, location and profile links,
//! with where each was found (body, page header/footer, text box).

use ats_parse::{Document, Line, Region};

use crate::model::{SectionKind, SectionSpan};
use crate::report::{Contact, ContactLink};

use super::text::{in_sorted_lower, is_all_caps, is_capitalised};

/// Where a contact detail was found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Places {
    pub body: bool,
    pub header_footer: bool,
    pub text_box: bool,
    pub table: bool,
}

impl Places {
    fn add(&mut self, region: Region) {
        match region {
            Region::Body => self.body = true,
            Region::Header | Region::Footer => self.header_footer = true,
            Region::TextBox => self.text_box = true,
            Region::Table => self.table = true,
        }
    }

    /// Found somewhere, but only in page header/footer bands.
    pub(crate) fn only_header_footer(self) -> bool {
        self.header_footer && !self.body && !self.text_box && !self.table
    }

    /// Found somewhere, but only in text boxes.
    pub(crate) fn only_text_box(self) -> bool {
        self.text_box && !self.body && !self.header_footer && !self.table
    }
}

/// A link found only behind a link annotation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HiddenLink {
    pub url: String,
    pub anchor: Option<String>,
    pub kind: &'static str,
}

/// Contact details plus where they sit.
#[derive(Debug, Clone, Default)]
pub(crate) struct ContactFacts {
    pub contact: Contact,
    pub name_at: Option<(String, usize)>,
    pub email_at: Option<(String, usize)>,
    pub phone_at: Option<(String, usize)>,
    pub name_places: Places,
    pub email_places: Places,
    pub phone_places: Places,
    pub hidden_links: Vec<HiddenLink>,
    /// An e-mail address that exists only behind a `mailto:` link.
    pub hidden_email: Option<String>,
    /// Lines outside the contact block that hold nothing but contact details, next to the
    /// e-mail address or phone number found there, in line order.
    pub detail_lines: Vec<usize>,
}

/// Finds e-mail addresses in `s`: byte ranges.
pub(crate) fn find_emails(s: &str) -> Vec<std::ops::Range<usize>> {
    let b = s.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    let mut out = Vec::new();
    let mut from = 0;
    for (at, _) in s.match_indices('@') {
        if at < from {
            continue;
        }
        let mut start = at;
        while start > from && local(b[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < b.len() && domain(b[end]) {
            end += 1;
        }
        // Trim punctuation that ends a sentence or wraps the address.
        while start < at && matches!(b[start], b'.' | b'-' | b'+') {
            start += 1;
        }
        while end > at + 1 && matches!(b[end - 1], b'.' | b'-') {
            end -= 1;
        }
        if start == at || end <= at + 1 {
            continue;
        }
        let dom = &s[at + 1..end];
        let Some(dot) = dom.rfind('.') else { continue };
        let tld = &dom[dot + 1..];
        if tld.len() < 2 || !tld.bytes().all(|c| c.is_ascii_alphabetic()) || dom.starts_with('.') || dom.contains("..")
        {
            continue;
        }
        out.push(start..end);
        from = end;
    }
    out
}

/// An e-mail address wrapped over lines `i` and `i + 1` by a narrow column
/// ("marisol.vega@example." / "com"): line `i` ends in an `@` word that is no address by
/// itself, the next line is one word, and the two joined make an address. Returns the address
/// and its byte offset in the document text.
fn wrapped_email(lines: &[Line], i: usize) -> Option<(String, usize)> {
    let line = &lines[i];
    let head = line.text.split_whitespace().last().filter(|w| w.contains('@'))?;
    let next = lines.get(i + 1).filter(|n| n.page == line.page)?;
    let mut tail = next.text.split_whitespace();
    let (Some(rest), None) = (tail.next(), tail.next()) else {
        return None;
    };
    if rest.contains('@') {
        return None;
    }
    // A head that is an address by itself ("…@example.co") is joined only when the tail
    // completes its top-level domain into a common longer one ("co" + "m"): a narrow column
    // broke the domain, and the longer address is the one printed.
    if !find_emails(head).is_empty() && !completes_tld(head, rest) {
        return None;
    }
    let joined = format!("{head}{rest}");
    let r = find_emails(&joined).into_iter().next()?;
    let head_at = head.as_ptr() as usize - line.text.as_ptr() as usize;
    Some((joined[r.clone()].to_string(), line.start + head_at + r.start))
}

/// Top-level domains common enough in résumé addresses that a one-line tail completing a
/// shorter one ("co" + "m") is taken as the rest of the domain.
const COMMON_TLDS: &[&str] = &["com", "edu", "gov", "info", "net", "org"];

/// `head`'s top-level domain followed by `tail` (letters only) is a common top-level domain
/// and longer than the head's.
fn completes_tld(head: &str, tail: &str) -> bool {
    let tld = head.trim_end_matches('.').rsplit('.').next().unwrap_or("");
    !tld.is_empty()
        && !tail.is_empty()
        && tail.chars().all(|c| c.is_ascii_alphabetic())
        && COMMON_TLDS
            .iter()
            .any(|t| t.len() == tld.len() + tail.len() && t.eq_ignore_ascii_case(&format!("{tld}{tail}")))
}

/// Characters that separate a phone number's digit groups besides ASCII space, `-`, `.` and
/// brackets: the hyphens and dashes word processors substitute for `-` (U+2010 hyphen, U+2011
/// non-breaking hyphen, U+2012 figure dash, U+2013 en dash, U+2212 minus) and the spaces they
/// keep numbers whole with (no-break, narrow no-break, thin). Not the em dash: it separates
/// fields ("555-0100 — Lyon").
const PHONE_SEPARATORS: &[char] = &[
    '\u{a0}', '\u{2009}', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{202f}', '\u{2212}',
];

/// Byte length of the phone separator at byte `j` of `s`, if one starts there.
fn phone_separator_len(s: &str, j: usize) -> Option<usize> {
    match s.as_bytes()[j] {
        b' ' | b'-' | b'.' | b'(' | b')' => Some(1),
        b if b.is_ascii() => None,
        _ => s
            .get(j..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| PHONE_SEPARATORS.contains(c))
            .map(char::len_utf8),
    }
}

/// Finds phone numbers in `s`: byte ranges. `strict` (outside the contact block) accepts only
/// numbers that start with `+` or `(`, or have the NNN-NNN-NNNN shape.
pub(crate) fn find_phones(s: &str, strict: bool) -> Vec<std::ops::Range<usize>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    // A phone has at least 7 digits (`accept_phone`): most lines have fewer, and walking
    // them byte by byte was most of the ~1,300 instructions a line this took.
    if b.iter().filter(|c| c.is_ascii_digit()).count() < 7 {
        return out;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts = c == b'+' || c == b'(' || c.is_ascii_digit();
        // The byte before is looked at only where a number can start.
        if !starts
            || (i > 0
                && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'/' | b'.' | b',' | b'-' | b'$' | b'#')))
        {
            i += 1;
            continue;
        }
        // Consume digits and single separators.
        let mut j = i + 1;
        let mut last_sep = false;
        while j < b.len() {
            let d = b[j];
            if d.is_ascii_digit() {
                last_sep = false;
                j += 1;
                continue;
            }
            let Some(len) = phone_separator_len(s, j) else {
                break;
            };
            if last_sep && !(d == b'(' || b[j - 1] == b')') {
                break;
            }
            last_sep = true;
            j += len;
        }
        // Trim trailing separators (keep a closing parenthesis only when one opened).
        let mut end = j;
        while let Some(c) = s[i..end].chars().next_back() {
            let sep = matches!(c, ' ' | '-' | '.' | '(' | ')') || PHONE_SEPARATORS.contains(&c);
            if !sep || (c == ')' && s[i..end].contains('(') && s[i..end - 1].ends_with(|c: char| c.is_ascii_digit())) {
                break;
            }
            end -= c.len_utf8();
        }
        let cand = &s[i..end];
        // A word right after the digits ("2021Engineer", "40%") makes them no phone; a word
        // after a space ("(805) 555-0143 name@example.com") only asks for a phone's shape.
        let word_at = |k: usize| {
            b.get(k)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'%' | b'/'))
        };
        let next = if end == j && word_at(j) {
            NextWord::Touching
        } else if word_at(j) {
            NextWord::AfterSpace
        } else {
            NextWord::None
        };
        if let Some(range) = accept_phone(cand, strict, next) {
            out.push(i + range.start..i + range.end);
            i = end.max(i + 1);
        } else {
            i = j.max(i + 1);
        }
    }
    out
}

/// Digit-group lengths that read as a phone number by themselves, with no `+` or bracketed
/// area code (NNN-NNN-NNNN, 1-NNN-NNN-NNNN): the shapes accepted outside the contact block.
const PHONE_GROUP_SHAPES: &[&[usize]] = &[&[3, 3, 4], &[1, 3, 3, 4]];

/// What follows a candidate phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextWord {
    None,
    /// A letter (or `%`, `/`) right after the last digit.
    Touching,
    /// A word after a separator.
    AfterSpace,
}

/// Fewest digits in the last group of a number followed by a word, when nothing else (a `+`,
/// a bracketed area code, the NNN-NNN-NNNN shape) says it is a phone: subscriber numbers end
/// in four digits, counts ("1 200 000 rows") in three.
const MIN_LAST_GROUP_BEFORE_WORD: usize = 4;

fn accept_phone(cand: &str, strict: bool, next: NextWord) -> Option<std::ops::Range<usize>> {
    let digits = cand.bytes().filter(u8::is_ascii_digit).count();
    if !(7..=15).contains(&digits) || next == NextWord::Touching {
        return None;
    }
    let groups: Vec<&str> = cand
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    // Year ranges "2019-2021", "2015 2017", day-month-year dates "12.03.1990" and decimals
    // are not phones.
    let is_year = |g: &&str| g.len() == 4 && (g.starts_with("19") || g.starts_with("20"));
    if groups.iter().all(is_year) {
        return None;
    }
    if let [day, month, year] = groups[..] {
        if day.len() <= 2 && month.len() <= 2 && is_year(&year) {
            return None;
        }
    }
    if cand.matches('.').count() == 1 && groups.len() == 2 {
        return None;
    }
    let plus = cand.starts_with('+');
    let paren = cand.starts_with('(');
    // A long run without a country code starting with a postcode: drop leading groups.
    let mut start = 0;
    if !plus && digits > 11 && groups.len() > 1 {
        let mut left = digits;
        let mut offset = 0;
        for g in &groups {
            if left <= 11 {
                break;
            }
            left -= g.len();
            let pos = cand[offset..].find(g).map_or(offset, |p| offset + p) + g.len();
            offset = pos;
        }
        start = offset
            + cand[offset..]
                .find(|c: char| c.is_ascii_digit() || c == '(')
                .unwrap_or(0);
        let rest = &cand[start..];
        return accept_phone(rest, strict, NextWord::None).map(|r| start + r.start..start + r.end);
    }
    let shaped = PHONE_GROUP_SHAPES
        .iter()
        .any(|shape| shape.len() == groups.len() && shape.iter().zip(&groups).all(|(&n, g)| g.len() == n));
    if strict && !(plus || paren || shaped) {
        return None;
    }
    if next == NextWord::AfterSpace
        && !(plus || paren || shaped || groups.last().is_some_and(|g| g.len() >= MIN_LAST_GROUP_BEFORE_WORD))
    {
        return None;
    }
    // A single run of digits is a phone only in the contact block and with a country code
    // or 10+ digits.
    if groups.len() == 1 && !plus && digits < 10 {
        return None;
    }
    Some(start..cand.len())
}

/// Known countries and region codes that end a "City, Country" location.
static PLACES: &[&str] = &[
    "alabama",
    "alaska",
    "albania",
    "algeria",
    "argentina",
    "arizona",
    "arkansas",
    "armenia",
    "australia",
    "austria",
    "azerbaijan",
    "bahrain",
    "bangladesh",
    "belarus",
    "belgium",
    "bolivia",
    "bosnia and herzegovina",
    "brazil",
    "british columbia",
    "bulgaria",
    "california",
    "cambodia",
    "cameroon",
    "canada",
    "chile",
    "china",
    "colombia",
    "colorado",
    "connecticut",
    "costa rica",
    "croatia",
    "cyprus",
    "czech republic",
    "czechia",
    "delaware",
    "denmark",
    "dominican republic",
    "ecuador",
    "egypt",
    "el salvador",
    "england",
    "estonia",
    "ethiopia",
    "finland",
    "florida",
    "france",
    "germany",
    "ghana",
    "greece",
    "guatemala",
    "hawaii",
    "honduras",
    "hong kong",
    "hungary",
    "iceland",
    "idaho",
    "illinois",
    "india",
    "indiana",
    "indonesia",
    "iowa",
    "iran",
    "iraq",
    "ireland",
    "israel",
    "italy",
    "jamaica",
    "japan",
    "kansas",
    "kazakhstan",
    "kentucky",
    "kenya",
    "korea",
    "kuwait",
    "latvia",
    "lebanon",
    "lithuania",
    "louisiana",
    "luxembourg",
    "maine",
    "malaysia",
    "malta",
    "manitoba",
    "maryland",
    "massachusetts",
    "mexico",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "mongolia",
    "montana",
    "montenegro",
    "morocco",
    "mozambique",
    "myanmar",
    "nebraska",
    "nepal",
    "netherlands",
    "nevada",
    "new brunswick",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new south wales",
    "new york",
    "new zealand",
    "newfoundland",
    "nicaragua",
    "nigeria",
    "north carolina",
    "north dakota",
    "north macedonia",
    "northern ireland",
    "norway",
    "nova scotia",
    "ohio",
    "oklahoma",
    "oman",
    "ontario",
    "oregon",
    "pakistan",
    "panama",
    "paraguay",
    "pennsylvania",
    "peru",
    "philippines",
    "poland",
    "portugal",
    "puerto rico",
    "qatar",
    "quebec",
    "queensland",
    "rhode island",
    "romania",
    "russia",
    "rwanda",
    "saskatchewan",
    "saudi arabia",
    "scotland",
    "senegal",
    "serbia",
    "singapore",
    "slovakia",
    "slovenia",
    "south africa",
    "south carolina",
    "south dakota",
    "south korea",
    "spain",
    "sri lanka",
    "sweden",
    "switzerland",
    "taiwan",
    "tanzania",
    "tasmania",
    "tennessee",
    "texas",
    "thailand",
    "the netherlands",
    "tunisia",
    "turkey",
    "türkiye",
    "uae",
    "uganda",
    "uk",
    "ukraine",
    "united arab emirates",
    "united kingdom",
    "united states",
    "uruguay",
    "us",
    "usa",
    "utah",
    "uzbekistan",
    "venezuela",
    "vermont",
    "vietnam",
    "wales",
    "washington",
    "west virginia",
    "western australia",
    "wisconsin",
    "wyoming",
    "zambia",
    "zimbabwe",
];

/// US states, Canadian provinces and Australian states as written after a city.
static REGION_CODES: &[&str] = &[
    "AB", "ACT", "AK", "AL", "AR", "AZ", "BC", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN",
    "KS", "KY", "LA", "MA", "MB", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NB", "NC", "ND", "NE", "NH", "NJ", "NL",
    "NM", "NS", "NSW", "NT", "NU", "NV", "NY", "OH", "OK", "ON", "OR", "PA", "PE", "QC", "QLD", "RI", "SA", "SC", "SD",
    "SK", "TAS", "TN", "TX", "UT", "VA", "VIC", "VT", "WA", "WI", "WV", "WY", "YT",
];

/// "City, ST", "City, Country", "City, ST 94103", "Remote".
pub(crate) fn is_location(seg: &str) -> bool {
    let seg = seg.trim();
    if seg.is_empty() || seg.contains(['@', '|', '/']) || seg.chars().count() > 48 {
        return false;
    }
    // "remote" compared in ASCII lower case: no other char lower-cases to its letters, so this
    // is the test on a lower-cased copy, without the copy.
    let starts_with_ci = |p: &str| seg.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if seg.eq_ignore_ascii_case("remote") || starts_with_ci("remote (") || starts_with_ci("remote,") {
        return true;
    }
    // Two or three comma-separated parts, none empty.
    let mut parts = [""; 3];
    let mut n = 0;
    for p in seg.split(',') {
        match parts.get_mut(n) {
            Some(slot) => *slot = p.trim(),
            None => return false,
        }
        n += 1;
    }
    let parts = &parts[..n];
    if n < 2 || parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    let city_ok = parts[..n - 1].iter().all(|p| {
        let mut words = p.split_whitespace();
        words.next().is_some_and(is_capitalised)
            && words.count() <= 3
            && p.chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '\'' | '’'))
    });
    let last = parts[n - 1];
    // "CA", "CA 94103", "NSW 2000".
    let mut tokens = last.split_whitespace();
    let region = tokens.next().unwrap_or("");
    let region_code = REGION_CODES.binary_search(&region).is_ok()
        && tokens.all(|t| t.chars().all(|c| c.is_ascii_alphanumeric()) && t.chars().any(|c| c.is_ascii_digit()));
    let country = in_sorted_lower(PLACES, last);
    city_ok && (region_code || country)
}

/// Title, heading and organisation words that rule a line out as a person's name.
static NOT_NAME_WORDS: &[&str] = &[
    "about",
    "address",
    "analyst",
    "analytics",
    "architect",
    "assistant",
    "associate",
    "avenue",
    "certifications",
    "city",
    "college",
    "consultant",
    "contact",
    "curriculum",
    "cv",
    "data",
    "designer",
    "developer",
    "director",
    "education",
    "email",
    "engineer",
    "engineering",
    "experience",
    "graduate",
    "inc",
    "intern",
    "lead",
    "learning",
    "ltd",
    "machine",
    "manager",
    "new",
    "objective",
    "officer",
    "phone",
    "portfolio",
    "product",
    "profile",
    "projects",
    "researcher",
    "resume",
    "road",
    "résumé",
    "scientist",
    "senior",
    "skills",
    "software",
    "specialist",
    "street",
    "summary",
    "technical",
    "university",
    "vitae",
];

/// Name particles written in lower case.
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von", "y",
];
const PREFIXES: &[&str] = &["Dr.", "Dr", "Prof.", "Prof", "Mr.", "Ms.", "Mrs.", "Mx."];
const SUFFIXES: &[&str] = &[
    "PhD", "Ph.D.", "MBA", "MD", "M.D.", "Jr.", "Jr", "Sr.", "II", "III", "IV", "CPA", "PE", "PMP",
];

/// True when `s` reads as a person's name: 2–4 capitalised words (accents, hyphens,
/// apostrophes, initials), an optional title ("Dr.") and suffix ("PhD").
pub(crate) fn is_name(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty()
        || s.chars().count() > 48
        || s.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '@' | '|' | ':' | '/' | '(' | ')'))
    {
        return false;
    }
    let mut words: Vec<&str> = s.split_whitespace().map(|w| w.trim_end_matches(',')).collect();
    if words.first().is_some_and(|w| PREFIXES.contains(w)) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| SUFFIXES.contains(w)) {
        words.pop();
    }
    let real: Vec<&str> = words.iter().copied().filter(|w| !PARTICLES.contains(w)).collect();
    if !(2..=4).contains(&real.len()) || s.matches(',').count() > 1 {
        return false;
    }
    // One bare letter is a middle initial ("John Q Public"); more are letter-spaced text
    // ("M A R A").
    if real.iter().filter(|w| w.chars().count() == 1).count() > 1 {
        return false;
    }
    // "SMITH, Jane" is a name too; "Austin, TX" and "Lyon, France Jane Doe" are not.
    if s.contains(',') && (is_location(s) || after_leading_location(s).is_some()) {
        return false;
    }
    let all_caps = is_all_caps(s, 2);
    real.iter().all(|w| {
        let lower = w.to_lowercase();
        let letters_ok = w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        let initial = w.len() <= 3 && w.ends_with('.');
        let shape = if all_caps {
            true
        } else {
            is_capitalised(w) && (initial || w.chars().skip(1).any(char::is_lowercase) || w.chars().count() == 1)
        };
        letters_ok && shape && NOT_NAME_WORDS.binary_search(&lower.as_str()).is_err()
    })
}

/// How much larger than the body text a line must be to be the name's slot: names are set
/// large, and a line this much larger near the top is the name even when a body-size line
/// above or below it reads like one (a skills row "Python Kafka Airflow").
const NAME_SIZE_RATIO: f32 = 1.3;

/// Font sizes within this many points are one size: a name split over two lines in one style.
const SAME_SIZE_PT: f32 = 0.5;

/// Lines of the contact block searched for the name.
const NAME_SEARCH_LINES: usize = 12;
/// How many lines under a one-word first line contact details may start for it to be a name:
/// a job title and a label ("Email") may come between.
const MONONYM_DETAIL_LINES: usize = 3;

/// Lines at the top of the document searched for a name as well, when they are not inside a
/// titled section.
const NAME_TOP_LINES: usize = 4;

/// The name-shaped part of a line: its first or second segment, before a dash ("Jane Doe —
/// Data Scientist").
fn name_in_line(text: &str) -> Option<(usize, &str)> {
    let offset = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
    segments(text).take(2).find_map(|(at, seg)| {
        let cand = seg.split(" — ").next().unwrap_or(seg).trim();
        let cand = cand.split(" - ").next().unwrap_or(cand).trim();
        if is_name(cand) {
            return Some((at, cand));
        }
        // The name after a location on its baseline ("Lyon, France Jane Doe").
        if let Some(rest) = after_leading_location(cand).filter(|r| is_name(r)) {
            return Some((offset(rest), rest));
        }
        // The name, a comma, then a job title ("Jane Doe, Data Scientist").
        let (name, title) = cand.split_once(", ")?;
        (is_name(name) && super::entries::is_title(title)).then_some((offset(cand), name.trim()))
    })
}

/// Most words after the comma of a "City, Country" that opens a line ("New South Wales").
const MAX_REGION_WORDS: usize = 3;

/// The rest of `text` after a location that opens it ("Lyon, France Jane Doe" → "Jane Doe"),
/// when it does.
fn after_leading_location(text: &str) -> Option<&str> {
    let comma = text.find(',')?;
    text[comma + 1..]
        .split_whitespace()
        .take(MAX_REGION_WORDS)
        .find_map(|word| {
            let end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
            let rest = text[end..].trim();
            (is_location(&text[..end]) && !rest.is_empty()).then_some(rest)
        })
}

/// Most words in a person's name (title and suffix aside), as `is_name` counts them.
const MAX_NAME_WORDS: usize = 4;

/// The longest run of two to four leading words of `text` that reads as a name, stopping
/// before a word with a comma (a "City, ST" after the name), when more words follow.
fn name_prefix(text: &str) -> Option<&str> {
    name_prefixes(text).next()
}

/// Every run of leading words of `text` (trimmed) that reads as a name with more words after
/// it, longest first, stopping before a word with a comma.
fn name_prefixes(text: &str) -> impl Iterator<Item = &str> {
    let text = text.trim();
    let mut ends: Vec<usize> = Vec::new();
    for (at, word) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        if word.contains(',') || ends.len() == MAX_NAME_WORDS {
            break;
        }
        ends.push(at + word.len());
    }
    ends.into_iter()
        .rev()
        .map(move |end| &text[..end])
        .filter(move |cand| cand.len() < text.len() && is_name(cand))
}

/// One word that may be a whole name ("Ysolde", "YSOLDE"): letters (hyphen, apostrophe
/// inside), capitalised or in capitals, not a title or heading word ("Resume", "Profile").
fn is_mononym(s: &str) -> bool {
    let w = s.trim();
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && w.chars().next().is_some_and(char::is_uppercase)
        && (w.chars().skip(1).all(|c| !c.is_uppercase()) || is_all_caps(w, 2))
        && NOT_NAME_WORDS.binary_search(&w.to_lowercase().as_str()).is_err()
        && super::sections::classify(w).is_none_or(|m| !m.exact)
}

/// The line carries an e-mail address, a phone number or a profile link.
pub(crate) fn has_contact_detail(text: &str) -> bool {
    !find_emails(text).is_empty()
        || !find_phones(text, false).is_empty()
        || text.split_whitespace().any(|t| url_in(t, false).is_some())
}

/// The name: (text as printed, byte offset, region). First the largest line near the top when
/// it is set larger than the body, joined with a large line right under it when the two make a
/// name ("Odile" / "Ferrand", in one size or two); then the first name-shaped line of the
/// contact block and of the top lines outside titled sections. A one-word line counts when it
/// opens the document (or is the large line) right above contact details.
fn find_name(doc: &Document, sections: &[SectionSpan], contact_lines: &[usize]) -> Option<(String, usize, Region)> {
    let lines = &doc.lines;
    let in_titled_section = |i: usize| {
        sections.iter().any(|s| {
            s.heading_line.is_some() && s.kind != SectionKind::Contact && (s.first_line..s.end_line).contains(&i)
        })
    };
    // A section heading is never the name ("Career History" under a name kept in the page header).
    let is_heading = |i: usize| sections.iter().any(|s| s.heading_line == Some(i));
    let mut order: Vec<usize> = contact_lines
        .iter()
        .copied()
        .filter(|&i| !is_heading(i))
        .take(NAME_SEARCH_LINES)
        .collect();
    for i in 0..lines.len().min(NAME_TOP_LINES) {
        if !in_titled_section(i) && !is_heading(i) && !order.contains(&i) {
            order.push(i);
        }
    }
    let first_content = lines.iter().position(|l| !l.text.trim().is_empty());
    let next_content = |i: usize| lines[i + 1..].iter().find(|l| !l.text.trim().is_empty());
    let mononym_at = |i: usize| {
        let t = lines[i].text.trim();
        is_mononym(t) && next_content(i).is_some_and(|n| has_contact_detail(&n.text))
    };
    // Only contact details (or nothing) come before line `i`: it opens the résumé's own text.
    let opens_document = |i: usize| {
        lines[..i]
            .iter()
            .all(|l| l.text.trim().is_empty() || has_contact_detail(&l.text))
    };
    let trimmed_at = |line: &Line| line.start + (line.text.len() - line.text.trim_start().len());

    // The largest type near the top, when set larger than the body.
    let body = super::sections::body_font_size(lines);
    let largest = order.iter().map(|&i| lines[i].font_size).fold(0.0f32, f32::max);
    if body > 0.0 && largest >= body * NAME_SIZE_RATIO {
        let big: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| (lines[i].font_size - largest).abs() <= SAME_SIZE_PT && !lines[i].text.trim().is_empty())
            .collect();
        for &i in &big {
            let line = &lines[i];
            if let Some((at, cand)) = name_in_line(&line.text) {
                return Some((cand.to_string(), line.start + at, line.region));
            }
            // The name then other text on its baseline ("Jane Doe Lyon, France"): the longest
            // run of leading words, up to a comma, that reads as a name.
            if let Some(cand) = name_prefix(&line.text) {
                let at = line.start + (line.text.len() - line.text.trim_start().len());
                return Some((cand.to_string(), at, line.region));
            }
            // A name stacked over two large lines ("Odile" / "Ferrand"), of one size or two,
            // perhaps with smaller lines between them in reading order (right-aligned contact
            // details whose baselines fall between the name's two lines).
            if let Some(j) = second_name_line(lines, &order, i, body) {
                let joined = format!("{} {}", line.text.trim(), lines[j].text.trim());
                if is_name(&joined) {
                    return Some((joined, trimmed_at(line), line.region));
                }
            }
            // One word set large above everything but contact details is a one-word name, even
            // with a job title rather than contact details under it.
            if mononym_at(i) || (is_mononym(&line.text) && opens_document(i)) {
                return Some((line.text.trim().to_string(), trimmed_at(line), line.region));
            }
        }
    }

    for &i in &order {
        let line = &lines[i];
        if let Some((at, cand)) = name_in_line(&line.text) {
            return Some((cand.to_string(), line.start + at, line.region));
        }
        // The name run into its contact details on one line ("Ada Brook  ada@example.com |
        // (555) 010-2233"), as a page header written as one paragraph reads, or into the first
        // heading of a column beside it on its baseline ("Ada Brook Professional Summary").
        if opens_document(i) {
            let seg = segments(&line.text).next().map_or("", |(_, seg)| seg.trim());
            // Longest name before contact details; before a heading, the split that leaves the
            // whole heading ("Professional Summary", not "Summary").
            let found = if has_contact_detail(&line.text) {
                name_prefix(seg)
            } else {
                name_prefixes(seg)
                    .filter(|cand| super::sections::classify(seg[cand.len()..].trim()).is_some_and(|m| m.exact))
                    .last()
            };
            if let Some(cand) = found {
                return Some((cand.to_string(), trimmed_at(line), line.region));
            }
        }
        // One word opening the text, contact details in the lines under it before any heading
        // (its job title, or a label, may come first): the one-word name of a plain résumé.
        let details_below = || {
            lines[i + 1..]
                .iter()
                .enumerate()
                .take_while(|&(k, _)| !is_heading(i + 1 + k))
                .take(MONONYM_DETAIL_LINES)
                .any(|(_, l)| has_contact_detail(&l.text))
        };
        if Some(i) == first_content && (mononym_at(i) || (is_mononym(&line.text) && details_below())) {
            let t = line.text.trim();
            return Some((
                t.to_string(),
                line.start + (line.text.len() - line.text.trim_start().len()),
                line.region,
            ));
        }
    }
    None
}

/// Most smaller lines between the two lines of a name stacked over two lines: right-aligned
/// contact details on the name's band are read between them, one or two of them.
const MAX_LINES_INSIDE_STACKED_NAME: usize = 2;

/// How far below the first line of a stacked name its second line may sit, in the first
/// line's font size: one line of its type with ordinary leading.
const STACKED_NAME_GAP_EM: f32 = 1.6;

/// The second line of a name stacked over two large lines whose first line is `i`: the next
/// line of `order` set large, on the same page right below, with only smaller lines between.
fn second_name_line(lines: &[Line], order: &[usize], i: usize, body: f32) -> Option<usize> {
    let first = &lines[i];
    let large = |l: &Line| l.font_size >= body * NAME_SIZE_RATIO;
    let j = (i + 1..lines.len())
        .take(MAX_LINES_INSIDE_STACKED_NAME + 1)
        .find(|&j| large(&lines[j]))?;
    let second = &lines[j];
    let below = second.y - first.y;
    let close =
        j == i + 1 || (second.page == first.page && below > 0.0 && below <= first.font_size * STACKED_NAME_GAP_EM);
    (order.contains(&j) && close).then_some(j)
}

/// A name printed in capitals as a reader writes it ("MARA QUIST" → "Mara Quist",
/// "JEAN-LUC DE LA CROIX" → "Jean-Luc de la Croix"); any other name is kept as printed.
fn title_case_caps(name: &str) -> String {
    if !is_all_caps(name, 2) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for (n, word) in name.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if n > 0 && PARTICLES.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        if let Some(suffix) = SUFFIXES.iter().chain(PREFIXES).find(|s| s.eq_ignore_ascii_case(word)) {
            out.push_str(suffix);
            continue;
        }
        // Capital after the start and after a hyphen or apostrophe ("O'Neil", "Jean-Luc").
        let mut upper_next = true;
        for c in lower.chars() {
            if upper_next {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            upper_next = matches!(c, '-' | '\'' | '’');
        }
    }
    out
}

/// How many lines from an e-mail address or phone number outside the contact block a line of
/// contact details is looked for: a city, e-mail, phone and site stacked in a sidebar.
const DETAIL_REACH_LINES: usize = 3;

/// Words that label a contact detail ("Email:", "Location:").
static DETAIL_LABELS: &[&str] = &[
    "address",
    "cell",
    "e-mail",
    "email",
    "github",
    "home",
    "linkedin",
    "location",
    "mail",
    "mobile",
    "phone",
    "portfolio",
    "tel",
    "telephone",
    "web",
    "website",
];

/// A segment of a contact line that is a label alone ("Email", "Phone:").
fn is_detail_label(seg: &str) -> bool {
    let word = seg.trim().trim_end_matches(':').trim();
    DETAIL_LABELS.iter().any(|l| l.eq_ignore_ascii_case(word))
}

/// `text` with its e-mail addresses, phone numbers and URLs replaced by a separator, so that a
/// location printed beside them with nothing between (the icons that separated them dropped:
/// "Manchester, UK +44 7700 900456") is a segment of its own.
fn without_details(text: &str) -> String {
    let mut cuts: Vec<std::ops::Range<usize>> = find_emails(text);
    cuts.extend(find_phones(text, false));
    let mut at = 0;
    for token in text.split_whitespace() {
        let start = text[at..].find(token).map_or(at, |k| at + k);
        at = start + token.len();
        if url_in(token, true).is_some() {
            cuts.push(start..at);
        }
    }
    if cuts.is_empty() {
        return text.to_string();
    }
    cuts.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for r in cuts {
        if r.start < from {
            continue;
        }
        out.push_str(&text[from..r.start]);
        out.push_str(" | ");
        from = r.end;
    }
    out.push_str(&text[from..]);
    out
}

/// The location a contact segment holds: the segment itself, past a label ("Location: Lyon,
/// France") and without the empty parts a template leaves when a field is blank
/// ("Manchester, UK, ,").
fn location_in(seg: &str) -> Option<&str> {
    let seg = seg.trim().trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    if is_location(seg) {
        return Some(seg);
    }
    let (label, rest) = seg.split_once(':')?;
    let rest = rest.trim();
    (is_detail_label(label) && is_location(rest)).then_some(rest)
}

/// The line holds contact details and nothing else: e-mail addresses, phone numbers, URLs, a
/// location and the labels before them.
pub(crate) fn is_detail_only(text: &str) -> bool {
    let free = without_details(text);
    let mut details = free.len() != text.len();
    for (_, seg) in segments(&free) {
        let seg = seg.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
        if seg.is_empty() || is_detail_label(seg) {
            continue;
        }
        if location_in(seg).is_none() {
            return false;
        }
        details = true;
    }
    details
}

/// Splits a contact line into its parts ("a | b • c").
fn segments(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '|' | '•' | '·' | '\t' | '◆' | '⋅' | '∙' | '/' | ';') {
            out.push((start, &line[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &line[start..]));
    out.into_iter()
        .map(|(at, seg)| {
            let t = seg.trim().trim_matches('\\').trim();
            // `t` is a slice of `seg`: its offset is where it starts, which is where `find`
            // finds it unless an earlier copy overlaps the trimmed lead-in (only possible when
            // `t` starts with a backslash, as the lead-in is white space and backslashes).
            let lead = if t.starts_with('\\') || t.is_empty() {
                seg.find(t).unwrap_or(0)
            } else {
                t.as_ptr() as usize - seg.as_ptr() as usize
            };
            (at + lead, t)
        })
        .filter(|(_, t)| !t.is_empty())
}

/// The kind of a profile URL.
pub(crate) fn link_kind(url: &str) -> &'static str {
    let u = url.to_lowercase();
    if u.contains("linkedin.com") {
        "linkedin"
    } else if u.contains("github.com") {
        "github"
    } else if u.contains("scholar.google") {
        "scholar"
    } else if u.contains("kaggle.com") {
        "kaggle"
    } else {
        "portfolio"
    }
}

const TLDS: &[&str] = &[
    "ai", "app", "co", "com", "design", "dev", "info", "io", "me", "net", "org", "page", "site", "tech", "xyz",
];

/// A URL-looking token: with a scheme, `www.`, or a known profile/portfolio domain.
fn url_in(token: &str, in_contact: bool) -> Option<String> {
    // Every URL form below holds a dot.
    if !token.contains('.') {
        return None;
    }
    let t = token.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | ',' | ';' | '"' | '\'' | '.' | '\\'));
    if t.contains('@') || t.len() < 5 {
        return None;
    }
    let lower = t.to_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return Some(t.to_string());
    }
    if [
        "linkedin.com/",
        "github.com/",
        "scholar.google.",
        "kaggle.com/",
        "github.io",
    ]
    .iter()
    .any(|d| lower.contains(d))
    {
        return Some(t.to_string());
    }
    if in_contact {
        let host = lower.split('/').next().unwrap_or("");
        let mut labels = host.rsplit('.');
        let tld = labels.next().unwrap_or("");
        let name = labels.next().unwrap_or("");
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && TLDS.contains(&tld) {
            return Some(t.to_string());
        }
    }
    None
}

/// `example.com/in/jane` for comparing a link target with the text.
fn url_key(url: &str) -> String {
    let u = url.trim().to_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_string()
}

/// Extracts the contact details of `doc`.
pub(crate) fn extract(doc: &Document, sections: &[SectionSpan]) -> ContactFacts {
    let lines = &doc.lines;
    let mut facts = ContactFacts::default();
    // Lines where contact details belong: the untitled top block, a "Contact" section, and
    // page header/footer and text-box lines anywhere.
    let mut contact_lines: Vec<usize> = Vec::new();
    for s in sections.iter().filter(|s| s.kind == SectionKind::Contact) {
        contact_lines.extend(s.first_line..s.end_line);
    }
    for (i, l) in lines.iter().enumerate() {
        if matches!(l.region, Region::Header | Region::Footer | Region::TextBox) && !contact_lines.contains(&i) {
            contact_lines.push(i);
        }
    }
    if sections.is_empty() {
        contact_lines.extend(0..lines.len().min(8));
    }
    contact_lines.sort_unstable();
    contact_lines.dedup();
    let mut is_contact = vec![false; lines.len()];
    for &i in &contact_lines {
        if let Some(slot) = is_contact.get_mut(i) {
            *slot = true;
        }
    }
    let in_contact = |i: usize| is_contact.get(i).copied().unwrap_or(false);
    let references: Vec<(usize, usize)> = sections
        .iter()
        .filter(|s| s.kind == SectionKind::References)
        .map(|s| (s.first_line, s.end_line))
        .collect();
    let in_references = |i: usize| references.iter().any(|&(a, b)| (a..b).contains(&i));

    // E-mail and phone: contact lines first, then the rest (not references).
    let order: Vec<usize> = contact_lines
        .iter()
        .copied()
        .chain((0..lines.len()).filter(|&i| !in_contact(i) && !in_references(i)))
        .collect();
    // Lines that are the rest of an e-mail address wrapped onto them ("ple.com"): no link.
    let mut email_tails: Vec<usize> = Vec::new();
    for &i in &order {
        let line = &lines[i];
        let wrapped = wrapped_email(lines, i);
        if wrapped.is_some() {
            email_tails.push(i + 1);
        }
        for r in find_emails(&line.text) {
            let mut email = line.text[r.clone()].to_string();
            // The address ends the line and its domain goes on on the next ("…@example.co" /
            // "m"): the longer one is the address printed.
            if r.end == line.text.trim_end().len() {
                if let Some((joined, _)) = wrapped.clone().filter(|(j, _)| j.len() > email.len()) {
                    email = joined;
                }
            }
            if facts.email_at.is_none() {
                facts.email_at = Some((email.clone(), line.start + r.start));
                facts.contact.email = Some(email.clone());
            }
            if facts
                .contact
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(&email))
            {
                facts.email_places.add(line.region);
            }
        }
        if facts.email_at.is_none() {
            if let Some((email, at)) = wrapped {
                facts.email_at = Some((email.clone(), at));
                facts.contact.email = Some(email);
                facts.email_places.add(line.region);
            }
        }
        let strict = !in_contact(i);
        for r in find_phones(&line.text, strict) {
            let phone = line.text[r.clone()].to_string();
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            if facts.phone_at.is_none() {
                facts.phone_at = Some((phone.clone(), line.start + r.start));
                facts.contact.phone = Some(phone.clone());
            }
            let same = facts
                .contact
                .phone
                .as_deref()
                .is_some_and(|p| p.chars().filter(char::is_ascii_digit).eq(digits.chars()));
            if same {
                facts.phone_places.add(line.region);
            }
        }
    }
    // Header/footer and text-box text the parser reports as signals (a DOCX header part).
    for span in &doc.signals.header_footer {
        if let Some(e) = &facts.contact.email {
            if span.text.to_lowercase().contains(&e.to_lowercase()) {
                facts.email_places.header_footer = true;
            }
        }
        if facts.contact.email.is_none() {
            if let Some(r) = find_emails(&span.text).into_iter().next() {
                facts.contact.email = Some(span.text[r].to_string());
                facts.email_places.header_footer = true;
            }
        }
        if facts.contact.phone.is_none() {
            if let Some(r) = find_phones(&span.text, false).into_iter().next() {
                facts.contact.phone = Some(span.text[r].to_string());
                facts.phone_places.header_footer = true;
            }
        }
    }
    for tb in &doc.signals.text_boxes {
        if let Some(e) = &facts.contact.email {
            if tb.text.to_lowercase().contains(&e.to_lowercase()) && facts.email_places == Places::default() {
                facts.email_places.text_box = true;
            }
        }
    }

    if let Some((name, at, region)) = find_name(doc, sections, &contact_lines) {
        for l in lines {
            if l.text.contains(&name) {
                facts.name_places.add(l.region);
            }
        }
        facts.name_places.add(region);
        facts.contact.name = Some(title_case_caps(&name));
        facts.name_at = Some((name, at));
    }

    // Lines of nothing but contact details near the e-mail address or phone number when these
    // sit outside the contact block (a sidebar's "About" holding city, e-mail and phone): they
    // are contact lines too, for the location and links read below.
    let anchors = [&facts.email_at, &facts.phone_at]
        .into_iter()
        .flatten()
        .filter_map(|(_, at)| lines.iter().rposition(|l| l.start <= *at))
        .filter(|&i| !in_contact(i));
    for anchor in anchors.collect::<Vec<_>>() {
        let near = anchor.saturating_sub(DETAIL_REACH_LINES)..(anchor + DETAIL_REACH_LINES + 1).min(lines.len());
        for j in near {
            let same_page = lines[j].page == lines[anchor].page;
            if same_page
                && !in_contact(j)
                && !email_tails.contains(&j)
                && !facts.detail_lines.contains(&j)
                && is_detail_only(&lines[j].text)
            {
                facts.detail_lines.push(j);
            }
        }
    }
    // The rest of an address wrapped onto the next line goes with it.
    let tails: Vec<usize> = facts
        .detail_lines
        .iter()
        .map(|&d| d + 1)
        .filter(|t| email_tails.contains(t) && !facts.detail_lines.contains(t))
        .collect();
    facts.detail_lines.extend(tails);
    facts.detail_lines.sort_unstable();
    let in_contact = |i: usize| in_contact(i) || facts.detail_lines.binary_search(&i).is_ok();

    // Location and links from the contact lines.
    let mut seen_urls: Vec<String> = Vec::new();
    for &i in contact_lines.iter().chain(&facts.detail_lines) {
        if facts.contact.location.is_some() {
            break;
        }
        let line = &lines[i];
        let free = without_details(&line.text);
        let place = segments(&free).find_map(|(_, seg)| location_in(seg).map(str::to_string));
        facts.contact.location = place;
    }
    for (i, line) in lines.iter().enumerate() {
        // Every URL form holds a dot (`url_in`).
        if !line.text.contains('.') || email_tails.contains(&i) {
            continue;
        }
        let contact = in_contact(i);
        for token in line.text.split_whitespace() {
            if let Some(url) = url_in(token, contact) {
                let kind = link_kind(&url);
                // Outside the contact block, only profile links are contact details.
                if !contact && kind == "portfolio" {
                    continue;
                }
                // A repository link in a project is not a profile link.
                if !contact && kind == "github" && url_key(&url).matches('/').count() > 1 {
                    continue;
                }
                let key = url_key(&url);
                if !seen_urls.contains(&key) {
                    seen_urls.push(key);
                    facts.contact.links.push(ContactLink {
                        kind: kind.to_string(),
                        url,
                        in_text: true,
                    });
                }
            }
        }
    }
    // Link annotations: URLs an ATS reading only text never sees.
    let text_lower = if doc.signals.links.is_empty() {
        String::new()
    } else {
        doc.text.to_lowercase()
    };
    for link in &doc.signals.links {
        let url = link.url.trim();
        let lower = url.to_lowercase();
        let mailto = url.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("mailto:"));
        if mailto {
            let addr = url.get(7..).unwrap_or("").split('?').next().unwrap_or("").trim();
            if !addr.is_empty() && !text_lower.contains(&addr.to_lowercase()) && facts.hidden_email.is_none() {
                facts.hidden_email = Some(addr.to_string());
            }
            continue;
        }
        if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")) {
            continue;
        }
        let key = url_key(url);
        if key.is_empty() || seen_urls.contains(&key) {
            continue;
        }
        let kind = link_kind(url);
        let anchor_in_contact = link.text.as_deref().is_some_and(|t| {
            let t = t.trim();
            !t.is_empty() && contact_lines.iter().any(|&i| lines[i].text.contains(t))
        });
        // A profile link: LinkedIn, Scholar, Kaggle, a GitHub account (not a repository), or
        // any link whose words sit in the contact block.
        let repository = kind == "github" && key.matches('/').count() > 1;
        let profile = (kind != "portfolio" && !repository) || anchor_in_contact;
        if !profile {
            continue;
        }
        seen_urls.push(key.clone());
        let in_text = text_lower.contains(&key);
        facts.contact.links.push(ContactLink {
            kind: kind.to_string(),
            url: url.to_string(),
            in_text,
        });
        if !in_text {
            facts.hidden_links.push(HiddenLink {
                url: url.to_string(),
                anchor: link.text.clone(),
                kind,
            });
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(s: &str) -> Option<&str> {
        find_phones(s, false).into_iter().next().map(|r| &s[r])
    }

    #[test]
    fn lists_are_sorted() {
        for list in [PLACES, NOT_NAME_WORDS, REGION_CODES] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list);
        }
    }

    #[test]
    fn phones_in_international_formats() {
        for p in [
            "+1 (415) 555-0142",
            "(312) 555-0187",
            "+33 6 12 34 56 78",
            "206-555-0119",
            "+49 30 901820",
            "+44 20 7946 0958",
            "+1-526-555-0125",
            "522.555.0155",
            "+1 512 555 0163",
        ] {
            let line = format!("jane@example.com | {p} | Lyon, France");
            assert_eq!(phone(&line), Some(p), "{line}");
        }
    }

    #[test]
    fn phones_with_unicode_dashes_and_spaces() {
        for p in [
            "(555) 014\u{2013}2290",
            "555\u{2010}014\u{2010}2290",
            "555\u{2011}014\u{2011}2290",
            "+44\u{a0}161\u{a0}496\u{a0}0734",
            "+49\u{2212}89\u{2212}4471\u{2212}2093",
            "+91 98450 31177",
            "+91-98450-31177",
            "+49 89 4471 2093",
            "+49.89.4471.2093",
            "+44 (0) 161 496 0734",
            "0161 496 0734",
        ] {
            for line in [p.to_string(), format!("wren.oakes@example.com | {p} | Leeds, UK")] {
                assert_eq!(phone(&line), Some(p), "{line}");
            }
        }
        // The en dash of a year range is still no phone.
        assert_eq!(phone("(2013\u{2013}2015)"), None);
        assert_eq!(phone("2011 \u{2013} 2019"), None);
    }

    #[test]
    fn phone_followed_by_a_space_and_a_word() {
        for (line, p) in [
            ("(555) 014-2290 wren.oakes@example.com", "(555) 014-2290"),
            ("+44 161 496 0734 Leeds", "+44 161 496 0734"),
            ("555-014-2290 linkedin.com/in/wren", "555-014-2290"),
            ("0161 496 0734 mobile", "0161 496 0734"),
        ] {
            assert_eq!(phone(line), Some(p), "{line}");
        }
        // Counts and dates before a word are not phones, nor digits touching a word.
        for s in [
            "1 200 000 rows",
            "Grew from 250 000 to 1 100 000 users",
            "5550142290kg",
            "415 555 014 units",
            "Born 12.03.1990 in Leeds",
            "03-11-2019 start",
        ] {
            assert_eq!(phone(s), None, "{s}");
        }
    }

    /// Random lines of digits, separators (multi-byte ones included), letters and brackets:
    /// no panic, and every range found starts and ends on a char boundary.
    #[test]
    fn random_lines_give_phones_on_char_boundaries() {
        const PIECES: &[&str] = &[
            "0", "5", "7", "19", "2021", " ", "-", ".", "(", ")", "+", "\u{2013}", "\u{2010}", "\u{a0}", "\u{2014}",
            "é", "a", "Lyon", "@", "/", "%", ",", ":", "com", "www.", "France", "|",
        ];
        let mut random = ats_testkit::xorshift(0x05ee_d1e5_50dd_ba11);
        for _ in 0..5_000 {
            let len = (random() % 24) as usize;
            let line: String = (0..len)
                .map(|_| PIECES[(random() % PIECES.len() as u64) as usize])
                .collect();
            for strict in [false, true] {
                for r in find_phones(&line, strict) {
                    assert!(line.get(r.clone()).is_some(), "{line:?} {r:?}");
                }
            }
            let _ = name_prefix(&line);
            let _ = title_case_caps(&line);
            let _ = is_mononym(&line);
            // Cutting the details out keeps every other character, in order.
            let free = without_details(&line);
            let kept: String = free.split(" | ").collect();
            assert!(
                line.chars().filter(|c| *c != ' ').count() >= kept.chars().filter(|c| *c != ' ').count(),
                "{line:?} → {free:?}"
            );
            let _ = is_detail_only(&line);
            let _ = location_in(&line);
        }
    }

    #[test]
    fn dates_and_numbers_are_not_phones() {
        for s in [
            "2019 – 2021",
            "2019-2021",
            "01/2021 - 03/2023",
            "(2013–2015)",
            "GPA 3.8/4.0",
            "50,000 queries",
            "v2.1.3",
            "saving $1,250,000",
        ] {
            assert_eq!(phone(s), None, "{s}");
        }
        assert!(find_phones("call 4155550142 now", true).is_empty());
    }

    #[test]
    fn emails() {
        let s = "Mail: priya.raman@example.com, or (m.o+cv@example.org).";
        let found: Vec<&str> = find_emails(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(found, ["priya.raman@example.com", "m.o+cv@example.org"]);
        assert!(find_emails("@handle and a@b").is_empty());
    }

    #[test]
    fn names() {
        for n in [
            "Priya Raman",
            "Élodie Fournier",
            "Dr. Lukas Schäfer",
            "Mary-Jane O’Brien",
            "Jean de la Fontaine",
            "ZOË MÜLLER",
            "John Q. Public",
            "Ana Lucía Núñez Vega",
        ] {
            assert!(is_name(n), "{n}");
        }
        for n in [
            "Senior Machine Learning Engineer",
            "San Francisco, CA",
            "Professional Experience",
            "priya raman",
            "Data Scientist",
            "Curriculum Vitae",
            "Jane",
            "Call 555 0100",
        ] {
            assert!(!is_name(n), "{n}");
        }
    }

    fn name_of(d: &Document) -> Option<String> {
        let sections = super::super::sections::find_sections(d);
        extract(d, &sections).contact.name
    }

    fn text_name(text: &str) -> Option<String> {
        name_of(&ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses"))
    }

    /// A hand-built PDF-like document: (text, font size) per line, top to bottom.
    fn sized(rows: &[(&str, f32)]) -> Document {
        crate::read::test_doc::pdf_doc(rows.iter().enumerate().map(|(n, &(t, size))| ats_parse::Line {
            text: t.into(),
            x: 40.0,
            y: 60.0 + 16.0 * n as f32,
            font_size: size,
            bold: size > 11.0,
            ..ats_parse::Line::default()
        }))
    }

    const BODY: [(&str, f32); 4] = [
        ("EXPERIENCE", 12.0),
        ("Ferry Pilot, Skerry Air, Mar 2019 - Present", 10.0),
        (
            "- Flew 1,400 island crossings without an incident in eleven winters",
            10.0,
        ),
        ("- Trained 6 new pilots on the northern routes and their weather", 10.0),
    ];

    #[test]
    fn one_word_name_above_contact_details() {
        let rest = "thessaly@example.com | (555) 010-4455\n\nEXPERIENCE\nCartographer, Skerry Air, Jan 2020 - Present\n- Drew 40 charts";
        assert_eq!(text_name(&format!("Thessaly\n{rest}")).as_deref(), Some("Thessaly"));
        // A document title above the name, or alone, is no name.
        assert_eq!(
            text_name(&format!("RESUME\nOrla Brennick\n{rest}")).as_deref(),
            Some("Orla Brennick")
        );
        for title in ["Resume", "CV", "Portfolio", "Profile", "Summary", "Experience"] {
            assert_eq!(text_name(&format!("{title}\n{rest}")), None, "{title}");
        }
        // Its job title and a label may stand between it and the details.
        assert_eq!(
            text_name("Thessaly\nCartographer\nEmail\nthessaly@example.com\n\nEXPERIENCE\nCartographer, Skerry Air, Jan 2020 - Present\n- Drew 40 charts").as_deref(),
            Some("Thessaly")
        );
        // One word that is not followed by contact details is a title, not a name.
        assert_eq!(text_name("Cartographer\nCharts for Skerry Air since 2019\n\nEXPERIENCE\nCartographer, Skerry Air, Jan 2020 - Present"), None);
    }

    #[test]
    fn the_large_line_at_the_top_is_the_name() {
        let mut rows = vec![
            ("CASIMIR VANTERPOOL", 22.0),
            ("casimir@example.com | (555) 010-7781", 10.0),
            ("SKILLS", 12.0),
            ("Rust Kotlin Haskell", 10.0),
        ];
        rows.extend(BODY);
        // In capitals, reported as a reader writes it.
        assert_eq!(name_of(&sized(&rows)).as_deref(), Some("Casimir Vanterpool"));
        // Letter-spaced and not collapsed: no name, and never the skills row below.
        rows[0] = ("C A S I M I R V A N T E R P O O L", 22.0);
        assert_eq!(name_of(&sized(&rows)), None);
        // A body-size line that reads like a name does not beat the large one.
        rows[0] = ("Zoë Okonjo-Reyes", 22.0);
        rows.insert(0, ("Harbour Lane Press", 9.0));
        assert_eq!(name_of(&sized(&rows)).as_deref(), Some("Zoë Okonjo-Reyes"));
    }

    #[test]
    fn name_stacked_over_two_large_lines() {
        for second in [36.0, 24.0] {
            let mut rows = vec![
                ("Leontyne", 36.0),
                ("Barraclough", second),
                ("(555) 010-3391", 10.0),
                ("leontyne@example.com", 10.0),
            ];
            rows.extend(BODY);
            assert_eq!(
                name_of(&sized(&rows)).as_deref(),
                Some("Leontyne Barraclough"),
                "{second}"
            );
        }
    }

    #[test]
    fn name_with_other_text_on_its_line() {
        let mut rows = vec![
            ("Anneliese Okafor Bergen, Norway", 26.0),
            ("anneliese@example.com | +47 512 34 567", 10.0),
        ];
        rows.extend(BODY);
        assert_eq!(name_of(&sized(&rows)).as_deref(), Some("Anneliese Okafor"));
    }

    #[test]
    fn name_stacked_around_right_aligned_contact_lines() {
        // The right-aligned location's baseline falls between the name's two lines, so reading
        // order puts it between them.
        let mut rows = vec![
            ("Evander", 34.0),
            ("Tromsø, Norway", 10.0),
            ("Quillfeather-Moss", 34.0),
            ("evander@example.com | +47 512 34 567", 10.0),
        ];
        rows.extend(BODY);
        assert_eq!(name_of(&sized(&rows)).as_deref(), Some("Evander Quillfeather-Moss"));
        // A large line far below is no second line of the name.
        let mut d = sized(&rows);
        d.lines[2].y += 200.0;
        d.lines[2].text = "Moss".into();
        assert_ne!(name_of(&d).as_deref(), Some("Evander Moss"));
    }

    #[test]
    fn one_word_name_set_large_under_contact_lines() {
        // Contact lines first, then the one-word name in large type and a job title under it.
        let mut rows = vec![
            ("ysolde@example.com Tacoma, WA", 10.0),
            ("(555) 010-4471 linkedin.com/in/ysolde", 10.0),
            ("Ysolde", 24.0),
            ("Data Engineer", 20.0),
        ];
        rows.extend(BODY);
        assert_eq!(name_of(&sized(&rows)).as_deref(), Some("Ysolde"));
        // A large one-word title under a body line that is no contact detail is not a name.
        rows[1] = ("Pilots wanted on the northern routes", 10.0);
        rows[2] = ("Wanderer", 24.0);
        assert_ne!(name_of(&sized(&rows)).as_deref(), Some("Wanderer"));
    }

    #[test]
    fn name_run_into_contact_details_on_one_line() {
        // A page header written as one paragraph: the name, then the contact details.
        let rest = "\n\nCareer History\nDispatcher, Gullwing Couriers, Apr 2019 - Present\n- Routed 90 vans a day";
        for (top, name) in [
            (
                "Wilhelmina Strand   wil.strand@example.com | (555) 010-2233",
                "Wilhelmina Strand",
            ),
            (
                "Lars van der Berg lars.vdb@example.com | +44 7700 900456",
                "Lars van der Berg",
            ),
        ] {
            assert_eq!(text_name(&format!("{top}{rest}")).as_deref(), Some(name), "{top}");
        }
        // The first heading of a column beside the name, read on the name's baseline.
        assert_eq!(
            text_name("Wilhelmina Strand Professional Summary\nwil.strand@example.com\nRoutes vans for a living.\n\nEXPERIENCE\nDispatcher, Gullwing Couriers, Apr 2019 - Present").as_deref(),
            Some("Wilhelmina Strand")
        );
        // No name on the line: the heading below is never taken for one.
        assert_eq!(
            text_name(&format!("wil.strand@example.com | (555) 010-2233{rest}")),
            None
        );
    }

    #[test]
    fn email_wrapped_by_a_narrow_column() {
        for (first, second) in [("hana.kowal@examp", "le.com"), ("marisol.vega@example.", "com")] {
            let mut rows = vec![
                ("Hana Kowal", 24.0),
                ("Chicago, IL", 9.0),
                (first, 9.0),
                (second, 9.0),
                ("(206) 555-0143", 9.0),
            ];
            rows.extend(BODY);
            let d = sized(&rows);
            let facts = extract(&d, &super::super::sections::find_sections(&d));
            let want = format!("{first}{second}");
            assert_eq!(facts.contact.email.as_deref(), Some(want.as_str()));
            let (_, at) = facts.email_at.expect("offset");
            assert!(d.text[at..].starts_with(first));
        }
        // A whole address followed by a one-word line is kept as it is.
        let mut rows = vec![("Hana Kowal", 24.0), ("hana@example.com", 9.0), ("Chicago", 9.0)];
        rows.extend(BODY);
        let d = sized(&rows);
        let facts = extract(&d, &super::super::sections::find_sections(&d));
        assert_eq!(facts.contact.email.as_deref(), Some("hana@example.com"));
    }

    #[test]
    fn email_whose_domain_a_narrow_column_broke_after_a_shorter_domain() {
        // "….co" is an address by itself, but "co" + "m" is the common domain printed.
        let mut rows = vec![
            ("Ada Brook", 24.0),
            ("ADA.BROOK@EXAMPLE.CO", 7.0),
            ("M", 7.0),
            ("+44 20 7946 0000", 7.0),
        ];
        rows.extend(BODY);
        let d = sized(&rows);
        let facts = extract(&d, &super::super::sections::find_sections(&d));
        assert_eq!(facts.contact.email.as_deref(), Some("ADA.BROOK@EXAMPLE.COM"));
        // The rest of an address wrapped onto a line of its own is no link ("ple.com").
        let mut rows = vec![("Hana Kowal", 24.0), ("hana.kowal@exam", 9.0), ("ple.com", 9.0)];
        rows.extend(BODY);
        let d = sized(&rows);
        let facts = extract(&d, &super::super::sections::find_sections(&d));
        assert_eq!(facts.contact.email.as_deref(), Some("hana.kowal@example.com"));
        assert!(facts.contact.links.is_empty(), "{:?}", facts.contact.links);
        // The same address whole in the contact block and wrapped in a sidebar beside the
        // phone: the wrapped copy's tail is no link either.
        let mut rows = vec![
            ("Hana Kowal", 24.0),
            ("hana.kowal@example.com", 9.0),
            ("SUMMARY", 12.0),
            ("Chicago, IL", 9.0),
            ("hana.kowal@examp", 9.0),
            ("le.com", 9.0),
            ("(206) 555-0143", 9.0),
        ];
        rows.extend(BODY);
        let d = sized(&rows);
        let facts = extract(&d, &super::super::sections::find_sections(&d));
        assert!(facts.contact.links.is_empty(), "{:?}", facts.contact.links);
        // A whole address over a line that completes no domain stays as it is.
        let mut rows = vec![("Ada Brook", 24.0), ("ada@example.co", 9.0), ("UK", 9.0)];
        rows.extend(BODY);
        let d = sized(&rows);
        let facts = extract(&d, &super::super::sections::find_sections(&d));
        assert_eq!(facts.contact.email.as_deref(), Some("ada@example.co"));
    }

    #[test]
    fn location_printed_in_the_shapes_templates_give_it() {
        let location = |rows: &[(&str, f32)]| {
            let mut rows = rows.to_vec();
            rows.extend(BODY);
            let d = sized(&rows);
            extract(&d, &super::super::sections::find_sections(&d)).contact.location
        };
        // Behind a label.
        let got = location(&[
            ("Ada Brook", 24.0),
            ("Location: Lyon, France", 9.0),
            ("ada@example.com", 9.0),
        ]);
        assert_eq!(got.as_deref(), Some("Lyon, France"));
        // With the empty parts a template leaves for blank fields.
        let got = location(&[
            ("Ada Brook", 24.0),
            ("Manchester, UK, ,", 9.0),
            ("ada@example.com", 9.0),
        ]);
        assert_eq!(got.as_deref(), Some("Manchester, UK"));
        // In one row with the phone and e-mail, the icons that separated them dropped.
        let got = location(&[
            ("Ada Brook", 24.0),
            (
                "Manchester, UK +44 7700 900456 ada@example.com Japanese, Icelandic",
                9.0,
            ),
        ]);
        assert_eq!(got.as_deref(), Some("Manchester, UK"));
        // Under an "About" heading in a sidebar, beside the e-mail and phone found there.
        let got = location(&[
            ("Ada Brook", 24.0),
            ("ABOUT", 12.0),
            ("Reliable engineer who ships.", 9.0),
            ("LYON, FRANCE", 9.0),
            ("ada@example.com", 9.0),
            ("+33 6 12 34 56 78", 9.0),
        ]);
        assert_eq!(got.as_deref(), Some("LYON, FRANCE"));
        // A city in a job line far from any contact detail is no location.
        let got = location(&[("Ada Brook", 24.0), ("ada@example.com", 9.0)]);
        assert_eq!(got, None);
    }

    #[test]
    fn lines_of_contact_details_alone() {
        for t in [
            "ada@example.com",
            "Phone: +44 20 7946 0000",
            "Lyon, France | ada@example.com",
            "LinkedIn: linkedin.com/in/adabrook",
            "Manchester, UK, ,",
        ] {
            assert!(is_detail_only(t), "{t}");
        }
        for t in [
            "Reach me at ada@example.com any time",
            "Python, SQL",
            "Engineer, Acme Corp, Lyon, France",
            "",
            "Email",
        ] {
            assert!(!is_detail_only(t), "{t}");
        }
    }

    #[test]
    fn name_beside_a_location_or_a_title() {
        let rest = "\nwil.strand@example.com | +33 6 12 34 57 57\n\nEXPERIENCE\nDispatcher, Gullwing Couriers, Apr 2019 - Present\n- Routed 90 vans a day";
        for (top, name) in [
            ("Lyon, France Wilhelmina Strand", Some("Wilhelmina Strand")),
            ("Portland, OR Wilhelmina Strand", Some("Wilhelmina Strand")),
            ("Wilhelmina Strand, Data Scientist", Some("Wilhelmina Strand")),
            ("Strand, Wilhelmina", Some("Strand, Wilhelmina")),
            ("Lyon, France", None),
        ] {
            assert_eq!(text_name(&format!("{top}{rest}")).as_deref(), name, "{top}");
        }
        assert!(!is_name("Lyon, France Wilhelmina Strand"));
        // The large name with a location set on its baseline before it.
        let mut rows = vec![
            ("Reykjavík, Iceland Ottoline Brask", 30.0),
            ("ottoline@example.com | +354 555 0123", 10.0),
        ];
        rows.extend(BODY);
        assert_eq!(name_of(&sized(&rows)).as_deref(), Some("Ottoline Brask"));
    }

    #[test]
    fn names_in_capitals_are_title_cased() {
        for (caps, name) in [
            ("JEAN-LUC DE LA CROIX", "Jean-Luc de la Croix"),
            ("SIOBHAN O'NEIL", "Siobhan O'Neil"),
            ("ÉLODIE MARTÍNEZ", "Élodie Martínez"),
            ("DR. ANA VEGA PHD", "Dr. Ana Vega PhD"),
            ("Mary-Jane O’Brien", "Mary-Jane O’Brien"),
            ("Ana DE Vega", "Ana DE Vega"),
        ] {
            assert_eq!(title_case_caps(caps), name);
        }
        assert!(!is_name("M A R A"));
        assert!(is_name("John Q Public"));
    }

    #[test]
    fn locations() {
        for l in [
            "San Francisco, CA",
            "Lyon, France",
            "London, UK",
            "Austin, TX 78701",
            "Remote",
        ] {
            assert!(is_location(l), "{l}");
        }
        for l in ["Python, SQL", "Priya Raman", "Acme Corp, Inc"] {
            assert!(!is_location(l), "{l}");
        }
    }

    #[test]
    fn contact_block_details() {
        let doc = ats_parse::extract(
            "Priya Raman\nSenior ML Engineer\npriya.raman@example.com | +1 (415) 555-0142 | San Francisco, CA | linkedin.com/in/priya | https://priya.dev\n\nExperience\nEngineer, Acme — 2019 – 2021".as_bytes(),
            &ats_parse::Limits::default(),
        )
        .unwrap();
        let sections = super::super::sections::find_sections(&doc);
        let f = extract(&doc, &sections);
        assert_eq!(f.contact.name.as_deref(), Some("Priya Raman"));
        assert_eq!(f.contact.email.as_deref(), Some("priya.raman@example.com"));
        assert_eq!(f.contact.phone.as_deref(), Some("+1 (415) 555-0142"));
        assert_eq!(f.contact.location.as_deref(), Some("San Francisco, CA"));
        let kinds: Vec<&str> = f.contact.links.iter().map(|l| l.kind.as_str()).collect();
        assert_eq!(kinds, ["linkedin", "portfolio"]);
        assert!(f.email_places.body && !f.email_places.header_footer);
    }

    /// `is_location` as it was: on a lower-cased copy, with vectors of parts and words.
    fn is_location_lowered(seg: &str) -> bool {
        let seg = seg.trim();
        if seg.is_empty() || seg.contains(['@', '|', '/']) || seg.chars().count() > 48 {
            return false;
        }
        let lower = seg.to_lowercase();
        if lower == "remote" || lower.starts_with("remote (") || lower.starts_with("remote,") {
            return true;
        }
        let parts: Vec<&str> = seg.split(',').map(str::trim).collect();
        if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return false;
        }
        let city_ok = parts[..parts.len() - 1].iter().all(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            !words.is_empty()
                && words.len() <= 4
                && is_capitalised(words[0])
                && p.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '\'' | '’'))
        });
        let last = parts[parts.len() - 1];
        let mut tokens = last.split_whitespace();
        let region = tokens.next().unwrap_or("");
        let rest: Vec<&str> = tokens.collect();
        let region_code = REGION_CODES.binary_search(&region).is_ok()
            && rest
                .iter()
                .all(|t| t.chars().all(|c| c.is_ascii_alphanumeric()) && t.chars().any(|c| c.is_ascii_digit()));
        let country = PLACES.binary_search(&last.to_lowercase().as_str()).is_ok();
        city_ok && (region_code || country)
    }

    #[test]
    fn is_location_matches_lowered_test() {
        for s in [
            "",
            "Remote",
            "REMOTE",
            "remote (US)",
            "Remote, EU",
            "Remotely",
            "San Francisco, CA",
            "San Francisco, CA 94103",
            "Sydney, NSW 2000",
            "Berlin, Germany",
            "Berlin, GERMANY",
            "Istanbul, Türkiye",
            "Istanbul, TÜRKIYE",
            "Zürich, Switzerland",
            "Paris, Île-de-France, France",
            "A, B, C, D",
            "Austin, TX, USA",
            "austin, TX",
            "New York City Metro Area, NY",
            "New York, New York",
            "Acme Corp, Seattle, WA",
            ", CA",
            "Boston,, MA",
            "Jane Doe, PhD",
            "London, UK | remote",
            "Cambridge, MA 02139-4307",
            "São Paulo, Brazil",
            "Hong Kong, Hong Kong",
            "Seoul, South Korea",
            "St. John's, NL",
            "Tel Aviv, Israel",
        ] {
            assert_eq!(is_location(s), is_location_lowered(s), "{s:?}");
        }
    }

    #[test]
    fn segment_offsets_are_where_find_puts_them() {
        for line in [
            "Jane | jane@x.io • +1 415 ",
            " \\ a \\ b | \\\\ c\\ ",
            "\\ \\ \\ x | \\ x",
            "",
            " | | ",
        ] {
            for (at, t) in segments(line) {
                assert_eq!(line.get(at..at + t.len()), Some(t), "{line:?}");
            }
        }
    }
}
