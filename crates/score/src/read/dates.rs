//! Dates and date ranges as résumés print them: "Jan 2021 – Present", "01/2021 - 03/2023",
//! "2019 – 2021", "Mar. 2020 to Current", "Summer 2022", "2021-03". Normalised to `YYYY-MM` or
//! `YYYY`. Forms an ATS cannot read reliably ("Jan '21", "03/21") are reported as unparsed.

use std::ops::Range;

/// How a date was written; a résumé should use one style throughout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum DateStyle {
    /// "Jan 2021", "January 2021", "Mar. 2020".
    MonthName,
    /// "01/2021", "1.2021".
    Numeric,
    /// "2021-01".
    Iso,
    /// "2021".
    Year,
    /// "Summer 2022".
    Season,
}

impl DateStyle {
    /// How the style reads in a message.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            DateStyle::MonthName => "month name and year (\"Jan 2021\")",
            DateStyle::Numeric => "numeric month (\"01/2021\")",
            DateStyle::Iso => "year-month (\"2021-01\")",
            DateStyle::Year => "year only (\"2021\")",
            DateStyle::Season => "season (\"Summer 2021\")",
        }
    }
}

/// One date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateVal {
    pub year: u16,
    pub month: Option<u8>,
    pub style: DateStyle,
}

impl DateVal {
    /// `YYYY-MM`, or `YYYY` when the month is unknown.
    pub(crate) fn normalised(self) -> String {
        match self.month {
            Some(m) => format!("{:04}-{:02}", self.year, m),
            None => format!("{:04}", self.year),
        }
    }

    /// Months since year 0, for ordering (a year alone counts as its January for starts and
    /// its December for ends, chosen by the caller through `month_default`).
    pub(crate) fn key(self, month_default: u8) -> u32 {
        u32::from(self.year) * 12 + u32::from(self.month.unwrap_or(month_default)) - 1
    }
}

/// A date or a range of dates found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateSpan {
    pub start: Option<DateVal>,
    pub end: Option<DateVal>,
    /// The range is open ("Present", "Current").
    pub current: bool,
    /// Byte range of the dates in the scanned string.
    pub range: Range<usize>,
}

impl DateSpan {
    /// A range ("2019 – 2021", "Jan 2021 – Present") rather than one date.
    pub(crate) fn is_range(&self) -> bool {
        self.current || (self.start.is_some() && self.end.is_some() && self.start != self.end)
    }

    /// Styles of the dates written (not counting "Present").
    pub(crate) fn styles(&self) -> impl Iterator<Item = DateStyle> + '_ {
        self.start.iter().chain(self.end.iter()).map(|d| d.style)
    }
}

/// What the scanner found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// A date or range it could read.
    Span(DateSpan),
    /// Something date-like it could not read (two-digit years, day-month-year), by byte range.
    Unparsed(Range<usize>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Word(&'a str),
    Num { value: u32, digits: usize },
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    tok: Tok<'a>,
    span: Range<usize>,
    /// Whitespace directly before the token.
    spaced: bool,
}

/// Splits `s` into words, numbers and punctuation.
fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    let mut spaced = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let mut end = i + c.len_utf8();
        let tok = if c.is_ascii_digit() {
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            let digits = end - i;
            let value = if digits > 9 {
                u32::MAX
            } else {
                s[i..end].parse().unwrap_or(u32::MAX)
            };
            Tok::Num { value, digits }
        } else if c.is_alphabetic() {
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            Tok::Word(&s[i..end])
        } else {
            Tok::Punct(c)
        };
        out.push(Token {
            tok,
            span: i..end,
            spaced,
        });
        spaced = false;
    }
    out
}

/// The month a lowercase word names.
fn month_of(lower: &str) -> Option<u8> {
    Some(match lower {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" | "mai" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

/// The month a lowercase season word starts in.
fn season_of(lower: &str) -> Option<u8> {
    match lower {
        "spring" => Some(3),
        "summer" => Some(6),
        "fall" | "autumn" => Some(9),
        "winter" => Some(1),
        _ => None,
    }
}

/// A lowercase word for an ongoing end.
fn is_present(lower: &str) -> bool {
    matches!(lower, "present" | "current" | "now" | "today" | "ongoing" | "currently")
}

fn is_year(tok: &Tok) -> Option<u16> {
    match *tok {
        Tok::Num { value, digits: 4 } if (1940..=2099).contains(&value) => u16::try_from(value).ok(),
        _ => None,
    }
}

/// One parsed element at a token index.
enum Elem {
    Date(DateVal),
    /// A month name without a year ("Jan – Mar 2021").
    Month(u8),
    Present,
    Bad,
}

/// Reads a date element at `i`; returns it and the index after it.
fn element(t: &[Token], i: usize) -> Option<(Elem, usize)> {
    let tok = &t.get(i)?.tok;
    let next = |k: usize| t.get(i + k).map(|x| &x.tok);
    let adjacent = |k: usize| t.get(i + k).is_some_and(|x| !x.spaced);
    match *tok {
        // Lowercased once for the three word lists. ASCII is enough: every word of them is
        // ASCII, and no other letter lower-cases to one of theirs.
        Tok::Word(w) => {
            let lower = w.to_ascii_lowercase();
            let lower = lower.as_str();
            if is_present(lower) {
                return Some((Elem::Present, i + 1));
            }
            if w.eq_ignore_ascii_case("to") && matches!(next(1), Some(Tok::Word(d)) if d.eq_ignore_ascii_case("date")) {
                return Some((Elem::Present, i + 2));
            }
            if let Some(m) = month_of(lower) {
                // Optional "." or "," after the month.
                let mut j = i + 1;
                if matches!(t.get(j).map(|x| &x.tok), Some(Tok::Punct('.' | ','))) {
                    j += 1;
                }
                if let Some(y) = t.get(j).and_then(|x| is_year(&x.tok)) {
                    let style = DateStyle::MonthName;
                    return Some((
                        Elem::Date(DateVal {
                            year: y,
                            month: Some(m),
                            style,
                        }),
                        j + 1,
                    ));
                }
                // "Jan '21", "Jan 21": a two-digit year.
                let mut k = j;
                if matches!(t.get(k).map(|x| &x.tok), Some(Tok::Punct('\'' | '’'))) {
                    k += 1;
                }
                if matches!(t.get(k).map(|x| &x.tok), Some(Tok::Num { digits: 2, .. })) {
                    return Some((Elem::Bad, k + 1));
                }
                // "May" is also a verb: only a month when a range follows.
                return Some((Elem::Month(m), i + 1));
            }
            if let Some(m) = season_of(lower) {
                if let Some(y) = next(1).and_then(is_year) {
                    let style = DateStyle::Season;
                    return Some((
                        Elem::Date(DateVal {
                            year: y,
                            month: Some(m),
                            style,
                        }),
                        i + 2,
                    ));
                }
                let mut k = i + 1;
                if matches!(next(1), Some(Tok::Punct('\'' | '’'))) {
                    k += 1;
                }
                if matches!(t.get(k).map(|x| &x.tok), Some(Tok::Num { digits: 2, .. })) {
                    return Some((Elem::Bad, k + 1));
                }
                return None;
            }
            None
        }
        Tok::Num { value, digits } => {
            // Part of a decimal or a fraction ("3.8/4.0", "1,5"): not a date.
            let glued_before =
                i > 0 && !t[i].spaced && matches!(t[i - 1].tok, Tok::Punct('.' | ',' | '/') | Tok::Num { .. });
            if glued_before {
                return None;
            }
            // 01/2021, 1.2021, 01-2021 (no spaces) and 01/21 (unreadable).
            if (1..=2).contains(&digits)
                && (1..=12).contains(&value)
                && matches!(next(1), Some(Tok::Punct('/' | '.' | '-')))
                && adjacent(1)
                && adjacent(2)
            {
                if let Some(y) = next(2).and_then(is_year) {
                    let month = u8::try_from(value).ok();
                    return Some((
                        Elem::Date(DateVal {
                            year: y,
                            month,
                            style: DateStyle::Numeric,
                        }),
                        i + 3,
                    ));
                }
                if let Some(Tok::Num { digits: d2, .. }) = next(2) {
                    // 03/21 or 12/03/2021: ambiguous for a parser ("3/4" is a fraction).
                    let three_part = next(3).is_some_and(|p| Some(p) == next(1))
                        && adjacent(3)
                        && adjacent(4)
                        && matches!(next(4), Some(Tok::Num { digits: 2 | 4, .. }));
                    if *d2 == 2 || (*d2 == 1 && three_part) {
                        let mut end = i + 3;
                        if matches!(next(3), Some(Tok::Punct('/' | '.' | '-'))) && adjacent(3) {
                            if let Some(Tok::Num { .. }) = next(4) {
                                end = i + 5;
                            }
                        }
                        return Some((Elem::Bad, end));
                    }
                }
                return None;
            }
            if let Some(y) = is_year(tok) {
                // 2021-03 (ISO), not 2019-2021.
                if matches!(next(1), Some(Tok::Punct('-' | '/' | '.'))) && adjacent(1) && adjacent(2) {
                    if let Some(&Tok::Num { value: m, digits: 2 }) = next(2) {
                        if (1..=12).contains(&m) {
                            let month = u8::try_from(m).ok();
                            return Some((
                                Elem::Date(DateVal {
                                    year: y,
                                    month,
                                    style: DateStyle::Iso,
                                }),
                                i + 3,
                            ));
                        }
                        // "2019-21": a two-digit end year.
                        return Some((Elem::Bad, i + 3));
                    }
                }
                return Some((
                    Elem::Date(DateVal {
                        year: y,
                        month: None,
                        style: DateStyle::Year,
                    }),
                    i + 1,
                ));
            }
            // '21 after an apostrophe is handled with its month; a lone '21 is not a date here.
            None
        }
        Tok::Punct('\'' | '’') => {
            if let Some(Tok::Num { digits: 2, .. }) = next(1) {
                if adjacent(1) {
                    return Some((Elem::Bad, i + 2));
                }
            }
            None
        }
        Tok::Punct(_) => None,
    }
}

fn is_range_separator(t: &Tok) -> bool {
    match *t {
        Tok::Punct(c) => matches!(c, '-' | '–' | '—' | '~' | '→' | '‒' | '―' | '−'),
        Tok::Word(w) => matches!(
            w.to_lowercase().as_str(),
            "to" | "until" | "till" | "through" | "thru" | "bis" | "à"
        ),
        _ => false,
    }
}

/// Finds the dates and date ranges in `s`, left to right.
pub(crate) fn scan(s: &str) -> Vec<Found> {
    // Every date and every unreadable date holds a number (a year, or the two digits of
    // "Jan '21"): a line without a digit has none. Most lines have none, and tokenizing them
    // was most of the ~13M instructions dates cost on the 61-file bench.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let t = tokenize(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let Some((first, after)) = element(&t, i) else {
            i += 1;
            continue;
        };
        let since = i > 0 && matches!(t[i - 1].tok, Tok::Word(w) if w.eq_ignore_ascii_case("since"));
        let start_byte = t[i].span.start;
        // A separator ("–", "to", "->") and a second element make a range.
        let arrow = matches!(t.get(after).map(|x| &x.tok), Some(Tok::Punct('-')))
            && matches!(t.get(after + 1).map(|x| &x.tok), Some(Tok::Punct('>')));
        let second = if arrow {
            element(&t, after + 2)
        } else if after < t.len() && is_range_separator(&t[after].tok) {
            element(&t, after + 1)
        } else {
            None
        };
        let end_tok = |k: usize| t[k - 1].span.end;
        match (first, second) {
            (Elem::Bad, Some((_, end))) => {
                out.push(Found::Unparsed(start_byte..end_tok(end)));
                i = end;
            }
            (Elem::Bad, None) => {
                out.push(Found::Unparsed(start_byte..end_tok(after)));
                i = after;
            }
            (Elem::Present, _) => {
                i = after;
            }
            (Elem::Date(a), Some((Elem::Date(b), end))) => {
                out.push(Found::Span(DateSpan {
                    start: Some(a),
                    end: Some(b),
                    current: false,
                    range: start_byte..end_tok(end),
                }));
                i = end;
            }
            (Elem::Date(a), Some((Elem::Present, end))) => {
                out.push(Found::Span(DateSpan {
                    start: Some(a),
                    end: None,
                    current: true,
                    range: start_byte..end_tok(end),
                }));
                i = end;
            }
            (Elem::Date(_), Some((Elem::Bad, end))) | (Elem::Month(_), Some((Elem::Bad, end))) => {
                out.push(Found::Unparsed(start_byte..end_tok(end)));
                i = end;
            }
            (Elem::Month(m), Some((Elem::Date(b), end))) => {
                // "Jan – Mar 2021": the year of the end.
                let a = DateVal {
                    year: b.year,
                    month: Some(m),
                    style: b.style,
                };
                out.push(Found::Span(DateSpan {
                    start: Some(a),
                    end: Some(b),
                    current: false,
                    range: start_byte..end_tok(end),
                }));
                i = end;
            }
            (Elem::Date(a), _) if since => {
                // "Since 2020": an open range.
                out.push(Found::Span(DateSpan {
                    start: Some(a),
                    end: None,
                    current: true,
                    range: start_byte..end_tok(after),
                }));
                i = after;
            }
            (Elem::Date(a), _) => {
                out.push(Found::Span(DateSpan {
                    start: Some(a),
                    end: Some(a),
                    current: false,
                    range: start_byte..end_tok(after),
                }));
                i = after;
            }
            (Elem::Month(_), _) => {
                i = after;
            }
        }
    }
    out
}

/// The first readable date or range in `s`.
pub(crate) fn first_span(s: &str) -> Option<DateSpan> {
    scan(s).into_iter().find_map(|f| match f {
        Found::Span(d) => Some(d),
        Found::Unparsed(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> (Option<String>, Option<String>, bool) {
        let d = first_span(s).unwrap_or_else(|| panic!("no date in {s:?}"));
        (
            d.start.map(DateVal::normalised),
            d.end.map(DateVal::normalised),
            d.current,
        )
    }

    #[test]
    fn reads_common_forms() {
        assert_eq!(norm("Jan 2021 – Present"), (Some("2021-01".into()), None, true));
        assert_eq!(
            norm("01/2021 - 03/2023"),
            (Some("2021-01".into()), Some("2023-03".into()), false)
        );
        assert_eq!(norm("2019 – 2021"), (Some("2019".into()), Some("2021".into()), false));
        assert_eq!(norm("Mar. 2020 to Current"), (Some("2020-03".into()), None, true));
        assert_eq!(
            norm("Summer 2022"),
            (Some("2022-06".into()), Some("2022-06".into()), false)
        );
        assert_eq!(
            norm("2021-03 – 2022-11"),
            (Some("2021-03".into()), Some("2022-11".into()), false)
        );
        assert_eq!(norm("(2013–2015)"), (Some("2013".into()), Some("2015".into()), false));
        assert_eq!(
            norm("September 2019 - June 2020"),
            (Some("2019-09".into()), Some("2020-06".into()), false)
        );
        assert_eq!(
            norm("Jan – Mar 2021"),
            (Some("2021-01".into()), Some("2021-03".into()), false)
        );
        assert_eq!(norm("2020 -> now"), (Some("2020".into()), None, true));
        assert_eq!(norm("Since Mar 2022"), (Some("2022-03".into()), None, true));
        assert_eq!(
            norm("Jan. 2020 – Mar. 2021"),
            (Some("2020-01".into()), Some("2021-03".into()), false)
        );
        assert_eq!(norm("06/2019 – present"), (Some("2019-06".into()), None, true));
    }

    #[test]
    fn range_byte_span_covers_the_dates() {
        let s = "Engineer, Acme — Mar 2021 – Present";
        let d = first_span(s).unwrap();
        assert_eq!(&s[d.range.clone()], "Mar 2021 – Present");
        assert!(d.is_range());
    }

    #[test]
    fn reports_unreadable_dates() {
        assert!(matches!(scan("Jan '21 – Present")[0], Found::Unparsed(_)));
        assert!(matches!(scan("03/21 - 05/22")[0], Found::Unparsed(_)));
        assert!(matches!(scan("2019-21")[0], Found::Unparsed(_)));
    }

    #[test]
    fn ignores_numbers_that_are_not_dates() {
        assert!(first_span("Cut latency 35% for 300 zones").is_none());
        assert!(first_span("May the team grow").is_none());
        assert!(first_span("GPA 3.8/4.0").is_none());
        assert!(scan("GPA 3.8/4.0, top 3/4 of the class").is_empty());
    }

    /// The tokenizer as it was: `char_indices` and `str::parse`.
    #[test]
    fn date_words_match_lowercased_words() {
        // The lists as they were compared, on `str::to_lowercase`.
        let old_month = |l: &str| {
            [
                "jan",
                "january",
                "feb",
                "february",
                "mar",
                "march",
                "apr",
                "april",
                "may",
                "jun",
                "june",
                "jul",
                "july",
                "aug",
                "august",
                "sep",
                "sept",
                "september",
                "oct",
                "october",
                "nov",
                "november",
                "dec",
                "december",
                "mai",
            ]
            .contains(&l)
        };
        let old_season = |l: &str| ["spring", "summer", "fall", "autumn", "winter"].contains(&l);
        let old_present = |l: &str| ["present", "current", "now", "today", "ongoing", "currently"].contains(&l);
        let old_sep = |l: &str| ["to", "until", "till", "through", "thru", "bis", "à"].contains(&l);
        for w in [
            "Jan",
            "JANUARY",
            "Feb",
            "dec",
            "Oct",
            "Sept",
            "SEPTEMBER",
            "Septembers",
            "May",
            "Mai",
            "Summer",
            "AUTUMN",
            "Present",
            "Currently",
            "CURRENTLY",
            "Now",
            "To",
            "Until",
            "THRU",
            "Bis",
            "à",
            "À",
            "a",
            "Jän",
            "Mär",
            "\u{212a}",
            "Ma\u{130}",
            "Toda\u{178}",
            "Straße",
            "x",
        ] {
            let lower = w.to_lowercase();
            let ascii = w.to_ascii_lowercase();
            assert_eq!(month_of(&ascii).is_some(), old_month(&lower), "{w}");
            assert_eq!(season_of(&ascii).is_some(), old_season(&lower), "{w}");
            assert_eq!(is_present(&ascii), old_present(&lower), "{w}");
            assert_eq!(is_range_separator(&Tok::Word(w)), old_sep(&lower), "{w}");
        }
    }
}
