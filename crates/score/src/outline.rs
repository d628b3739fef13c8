//! The résumé as read, laid out for writing back in the one shape every ATS reads: the contact
//! block first, then sections under standard headings in a standard order, experience entries
//! split into title, employer, location and dates, education entries into degree, school,
//! location and dates, bullets as list items, a paragraph a PDF wrapped over lines as one.
//!
//! The outline is faithful, never creative: every line of the document lands in exactly one
//! place, in its reading order inside its section, and nothing is added but the standard
//! headings. Page numbers and copies of a running header are page furniture and are left out;
//! a line no section holds goes under "Other".

use std::collections::HashMap;

use ats_parse::{Document, Format, Region};
use serde::Serialize;

use crate::model::{SectionKind, SectionSpan};
use crate::read::contact;
use crate::read::entries::{self, EducationLine, EducationStep, ExperienceStep, Item};
use crate::read::wrap::{continues_paragraph, RightEdges};

/// A résumé ready to be written out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outline {
    /// The contact block, line by line, as printed (the name first when it came first).
    /// Header and footer lines are moved here: the body is where every ATS reads them.
    pub contact: Vec<String>,
    /// Which line of `contact` holds the name, when the reader found one: the writer sets it
    /// apart, as every template does and as ATS parsers look for it. It stays where the résumé
    /// had it.
    pub name_line: Option<usize>,
    /// Sections in the standard order (summary, experience, education, skills, projects,
    /// certifications, then the rest); sections of one kind are merged.
    pub sections: Vec<OutlineSection>,
}

/// One section of the outline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlineSection {
    /// Its kind.
    pub kind: SectionKind,
    /// The heading to write: the standard one for a known kind, the résumé's own for `Other`
    /// ("Leadership" says more than "Other").
    pub heading: String,
    /// Its content in reading order.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// A plain paragraph (a line, or the lines of a paragraph a PDF wrapped, joined).
    Paragraph {
        /// Its text.
        text: String,
    },
    /// A list item.
    Bullet {
        /// Its text, without the bullet glyph.
        text: String,
    },
    /// The heading of a second section of the same kind ("Soft Skills" after "Technical
    /// Skills"), kept as a label inside the merged section.
    Label {
        /// The heading as written.
        text: String,
    },
    /// An experience or education entry's header, one field a line.
    Entry(EntryHeader),
}

/// The header of an experience or education entry: one field a line, in the order the résumé
/// gave them (an entry printed "Acme Corp — Berlin" over "Data Engineer — 2021 – 2023" keeps
/// employer first), and the words no field took last.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EntryHeader {
    /// The lines.
    pub lines: Vec<EntryLine>,
}

/// One line of an entry header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryLine {
    /// Which field it is.
    pub field: EntryField,
    /// The field as printed.
    pub text: String,
}

/// The fields of an entry header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryField {
    /// Job title.
    Title,
    /// Employer.
    Company,
    /// Location.
    Location,
    /// Dates as printed.
    Dates,
    /// Degree (education).
    Degree,
    /// School (education).
    School,
    /// Words of the header no field took (a team name, a date the reader could not read), kept
    /// rather than dropped, where they were printed among the fields.
    Rest,
}

impl EntryHeader {
    /// The header's lines as text.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|l| l.text.as_str())
    }
}

/// Reads `doc` into an outline.
pub fn outline(doc: &Document) -> Outline {
    let resume = crate::read::read(doc);
    let lines = &doc.lines;
    let mut placed = vec![false; lines.len()];
    let mut out = Outline::default();
    let edges = RightEdges::of(doc);

    // Header and footer lines: each distinct text once, page numbers left out; header lines
    // open the contact block and footer lines close it.
    let mut band_seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut header_lines: Vec<String> = Vec::new();
    let mut footer_lines: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !matches!(line.region, Region::Header | Region::Footer) {
            continue;
        }
        placed[i] = true;
        let text = line.text.trim();
        if text.is_empty() || entries::is_page_number(text) || band_seen.contains(text) {
            continue;
        }
        band_seen.insert(text);
        if line.region == Region::Header {
            header_lines.push(text.to_string());
        } else {
            footer_lines.push(text.to_string());
        }
    }

    // Contact details printed outside the contact block (a text box, a sidebar's "About"):
    // moved into it, and read out of the sections they sat in.
    let moved = lines_to_contact_block(doc, &resume);
    let blanked;
    let body_doc = if moved.is_empty() {
        doc
    } else {
        blanked = without_lines(doc, &moved);
        &blanked
    };
    let mut contact_body: Vec<(usize, String)> = Vec::new();
    for &i in &moved {
        placed[i] = true;
        contact_body.push((i, lines[i].text.trim().to_string()));
    }

    // Section bodies, bucketed by kind in document order.
    let mut by_kind: Vec<OutlineSection> = Vec::new();
    for span in &resume.sections {
        if let Some(h) = span.heading_line {
            if let Some(slot) = placed.get_mut(h) {
                *slot = true;
            }
        }
        for slot in placed.iter_mut().take(span.end_line).skip(span.first_line) {
            *slot = true;
        }
        if span.kind == SectionKind::Contact {
            // A "Contact" heading is not written: the block it titles opens the résumé.
            contact_body.extend(entries::items(doc, span).into_iter().map(|it| (it.line, it.text)));
            continue;
        }
        let blocks = section_blocks(body_doc, &edges, span);
        let heading = match span.kind {
            SectionKind::Other => span.heading.clone(),
            kind => kind.standard_heading().to_string(),
        };
        // Sections of one known kind merge; an `Other` section keeps its own heading.
        let slot = by_kind
            .iter_mut()
            .find(|s| s.kind == span.kind && (span.kind != SectionKind::Other || s.heading == heading));
        match slot {
            Some(section) => {
                if !span.heading.is_empty() && span.heading != section.heading {
                    section.blocks.push(Block::Label {
                        text: span.heading.clone(),
                    });
                }
                section.blocks.extend(blocks);
            }
            None => by_kind.push(OutlineSection {
                kind: span.kind,
                heading,
                blocks,
            }),
        }
    }

    // Lines no section holds: under "Other" rather than away.
    let unplaced: Vec<Block> = lines
        .iter()
        .zip(&placed)
        .filter(|(l, placed)| !**placed && !l.text.trim().is_empty() && !entries::is_page_number(&l.text))
        .map(|(l, _)| block_of_line(&l.text, l.bullet))
        .collect();
    if !unplaced.is_empty() {
        let other = SectionKind::Other.standard_heading().to_string();
        match by_kind
            .iter_mut()
            .find(|s| s.kind == SectionKind::Other && s.heading == other)
        {
            Some(section) => section.blocks.extend(unplaced),
            None => by_kind.push(OutlineSection {
                kind: SectionKind::Other,
                heading: other,
                blocks: unplaced,
            }),
        }
    }

    // A contact link or e-mail address only a link annotation holds: written out, since an ATS
    // reads text, not annotations.
    let mut hidden: Vec<String> = Vec::new();
    if let Some(email) = &resume.contact.hidden_email {
        hidden.push(email.clone());
    }
    hidden.extend(resume.contact.hidden_links.iter().map(|l| l.url.clone()));

    out.contact = header_lines;
    contact_body.sort_by_key(|&(line, _)| line);
    out.contact.extend(contact_body.into_iter().map(|(_, text)| text));
    out.contact.extend(footer_lines);
    if let Some((name, _)) = &resume.contact.name_at {
        join_stacked_name(&mut out.contact, name);
        out.name_line = out.contact.iter().position(|l| l.contains(name.as_str()));
        let kinds: Vec<SectionKind> = by_kind.iter().map(|s| s.kind).collect();
        if let Some(line) = out.name_line.and_then(|k| out.contact.get_mut(k)) {
            drop_heading_beside_name(line, name, &kinds);
        }
        // The name opens the block: set under the e-mail and phone (a template that prints
        // them above it), it is the first line an ATS and a recruiter look for it on, and in
        // plain text nothing but its place says it is the name.
        if let Some(k) = out.name_line.filter(|&k| k > 0) {
            let line = out.contact.remove(k);
            out.contact.insert(0, line);
            out.name_line = Some(0);
        }
    }
    if !hidden.is_empty() {
        out.contact.push(hidden.join(" | "));
    }
    // The standard order: the order of `SectionKind::ALL`, a stable sort keeping document order
    // among `Other` sections.
    let rank: HashMap<SectionKind, usize> = SectionKind::ALL.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    by_kind.sort_by_key(|s| rank.get(&s.kind).copied().unwrap_or(usize::MAX));
    // A heading of the résumé's own wording over nothing ("GIS" read as a heading at the end of
    // a skills list) is words of the résumé: written under "Other" rather than dropped.
    let other = SectionKind::Other.standard_heading();
    let lone: Vec<Block> = by_kind
        .iter()
        .filter(|s| s.kind == SectionKind::Other && s.blocks.is_empty() && !s.heading.trim().is_empty())
        .filter(|s| s.heading != other)
        .map(|s| Block::Paragraph {
            text: s.heading.trim().to_string(),
        })
        .collect();
    if !lone.is_empty() {
        match by_kind
            .iter_mut()
            .find(|s| s.kind == SectionKind::Other && s.heading == other)
        {
            Some(section) => section.blocks.extend(lone),
            None => by_kind.push(OutlineSection {
                kind: SectionKind::Other,
                heading: other.to_string(),
                blocks: lone,
            }),
        }
    }
    // A known heading over nothing is no content (a sidebar's "Interests" whose items were
    // read into another section, a wrapped label read as two headings): an empty heading
    // under a standard name would only puzzle the reader of the export.
    by_kind.retain(|s| !s.blocks.is_empty());
    out.sections = by_kind;
    out
}

/// Lines outside the contact block the export moves into it: lines of nothing but contact
/// details that the reader took contact details from, beside the e-mail address or phone
/// number it found outside the block, or in a text box (an ATS skips text boxes, and the
/// contact block belongs in the body). In line order.
fn lines_to_contact_block(doc: &Document, resume: &crate::read::Resume) -> Vec<usize> {
    let in_contact_span = |i: usize| {
        resume
            .sections
            .iter()
            .any(|s| s.kind == SectionKind::Contact && (s.first_line..s.end_line).contains(&i))
    };
    let mut out: Vec<usize> = resume.contact.detail_lines.clone();
    out.extend(
        doc.lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| (l.region == Region::TextBox && contact::is_detail_only(&l.text)).then_some(i)),
    );
    out.retain(|&i| {
        !in_contact_span(i)
            && doc
                .lines
                .get(i)
                .is_some_and(|l| !matches!(l.region, Region::Header | Region::Footer))
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// The lines of the body the export moves into its contact block (see `outline`), for a
/// comparison that expects them there.
pub fn contact_block_moves(doc: &Document) -> Vec<usize> {
    lines_to_contact_block(doc, &crate::read::read(doc))
}

/// `doc` with the text of `gone` lines emptied: the section walks skip empty lines, so the
/// lines moved elsewhere are not written twice. Offsets and geometry stay as they were.
fn without_lines(doc: &Document, gone: &[usize]) -> Document {
    let mut copy = doc.clone();
    for &i in gone {
        if let Some(line) = copy.lines.get_mut(i) {
            line.text.clear();
        }
    }
    copy
}

/// Lines of a name stacked in large type ("Odile" over "Ferrand", or a given name and a
/// family name with the address set between them) are joined into one: in body type, two short
/// lines no longer read as one name.
fn join_stacked_name(contact: &mut Vec<String>, name: &str) {
    /// How far apart the two halves may sit: the line between is an address set beside them.
    const MAX_LINES_APART: usize = 2;
    if contact.iter().any(|l| l.contains(name)) {
        return;
    }
    let pair = (0..contact.len()).find_map(|a| {
        (a + 1..contact.len().min(a + 1 + MAX_LINES_APART))
            .find(|&b| format!("{} {}", contact[a].trim(), contact[b].trim()).contains(name))
            .map(|b| (a, b))
    });
    if let Some((a, b)) = pair {
        let second = contact.remove(b);
        let first = &mut contact[a];
        first.push(' ');
        first.push_str(second.trim());
    }
}

/// A section heading of a column beside the name, read into the name's line ("Ada Brook
/// Professional Summary"): the export writes its own standard heading over that section, so
/// the name line keeps the name alone. Only a heading run straight into the name, of a section
/// the résumé has: after a separator ("Ada Brook | Software") the words are the name's title.
fn drop_heading_beside_name(line: &mut String, name: &str, kinds: &[SectionKind]) {
    let Some(rest) = line.trim().strip_prefix(name) else {
        return;
    };
    let rest = rest.trim();
    if !rest.starts_with(char::is_alphabetic) {
        return;
    }
    let heading = crate::read::sections::classify(rest).filter(|m| m.exact);
    if heading.is_some_and(|m| kinds.contains(&m.kind)) {
        *line = name.to_string();
    }
}

fn block_of_line(text: &str, bullet: bool) -> Block {
    let (cut, glyph) = crate::read::text::strip_bullet(text);
    if bullet || glyph {
        Block::Bullet {
            text: text[cut..].trim().to_string(),
        }
    } else {
        Block::Paragraph {
            text: text.trim().to_string(),
        }
    }
}

fn item_block(it: &Item) -> Block {
    if it.bullet {
        Block::Bullet { text: it.text.clone() }
    } else {
        Block::Paragraph { text: it.text.clone() }
    }
}

/// The blocks of one section's body: experience and education as entries, bullets and
/// paragraphs; a skills list item by item; the rest as bullets and paragraphs.
fn section_blocks(doc: &Document, edges: &RightEdges, span: &SectionSpan) -> Vec<Block> {
    match span.kind {
        SectionKind::Experience => experience_blocks(doc, edges, span),
        SectionKind::Education => education_blocks(doc, edges, span),
        // Where prose is written, a paragraph wraps; elsewhere (skills, certifications, awards,
        // languages, interests, references) a line is an item of a list, however long.
        SectionKind::Summary
        | SectionKind::Projects
        | SectionKind::Publications
        | SectionKind::Volunteering
        | SectionKind::Other => {
            let its = entries::items(doc, span);
            let mut blocks = Vec::new();
            let mut run: Vec<&Item> = Vec::new();
            for it in &its {
                if it.bullet {
                    blocks.extend(paragraphs(doc, edges, &run));
                    run.clear();
                    blocks.push(item_block(it));
                } else {
                    run.push(it);
                }
            }
            blocks.extend(paragraphs(doc, edges, &run));
            blocks
        }
        _ => entries::items(doc, span).iter().map(item_block).collect(),
    }
}

fn experience_blocks(doc: &Document, edges: &RightEdges, span: &SectionSpan) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut bad = Vec::new();
    // Plain lines in a row (a description under a job), joined where a PDF wrapped them.
    let mut run: Vec<Item> = Vec::new();
    entries::walk_experience(doc, span, &mut bad, |step| {
        if let ExperienceStep::Plain(it) = step {
            run.push(it.clone());
            return;
        }
        blocks.extend(paragraphs(doc, edges, &run.iter().collect::<Vec<_>>()));
        run.clear();
        match step {
            ExperienceStep::Plain(_) => {}
            ExperienceStep::Bullet(it) => blocks.push(item_block(it)),
            ExperienceStep::Header(job, items) => {
                let e = &job.entry;
                let source: Vec<&str> = items.iter().map(|it| it.text.as_str()).collect();
                let header = entry_header(
                    &source,
                    &[
                        (EntryField::Title, e.title.as_deref()),
                        (EntryField::Company, e.company.as_deref()),
                        (EntryField::Location, e.location.as_deref()),
                        (EntryField::Dates, e.dates_text.as_deref()),
                    ],
                );
                // A header whose title and employer the reader could not tell apart is written as
                // printed: splitting it would only scatter its words.
                let understood = header
                    .lines
                    .iter()
                    .any(|l| matches!(l.field, EntryField::Title | EntryField::Company));
                if !understood {
                    blocks.extend(items.iter().map(|it| item_block(it)));
                } else {
                    blocks.push(Block::Entry(header));
                }
            }
        }
    });
    blocks.extend(paragraphs(doc, edges, &run.iter().collect::<Vec<_>>()));
    blocks
}

/// The blocks of an education section: each entry's degree, school, location and dates a line
/// each, as the reader read them; a line under an entry that holds only its place or dates
/// joins it; any other line (coursework, a grade) is written as printed, and so is an entry
/// whose fields would not keep its words in the printed order.
fn education_blocks(doc: &Document, edges: &RightEdges, span: &SectionSpan) -> Vec<Block> {
    let its = entries::education_items(doc, edges, span);
    let mut blocks = Vec::new();
    let mut bad = Vec::new();
    // The entry being gathered: its lines, and the fields read from them.
    let mut group: Vec<&Item> = Vec::new();
    let mut fields: Vec<(EntryField, String)> = Vec::new();
    let flush = |blocks: &mut Vec<Block>, group: &mut Vec<&Item>, fields: &mut Vec<(EntryField, String)>| {
        if !group.is_empty() {
            let source: Vec<&str> = group.iter().map(|it| it.text.as_str()).collect();
            let named: Vec<(EntryField, Option<&str>)> = fields.iter().map(|(f, t)| (*f, Some(t.as_str()))).collect();
            let header = entry_header(&source, &named);
            if same_words_in_order(&source, &header) {
                blocks.push(Block::Entry(header));
            } else {
                blocks.extend(group.iter().map(|it| item_block(it)));
            }
        }
        group.clear();
        fields.clear();
    };
    entries::walk_education(&its, &mut bad, |step| match step {
        EducationStep::Entry { item, line, opens } => {
            if opens {
                flush(&mut blocks, &mut group, &mut fields);
            }
            group.push(item);
            fields.extend(education_fields(line));
        }
        EducationStep::Plain(item, line) => {
            let has_dates = fields.iter().any(|(f, _)| *f == EntryField::Dates);
            let own = education_fields(line.clone());
            let completes = !group.is_empty()
                && (line.location.is_some() || (line.dates.is_some() && !has_dates))
                && leftover_words(&[item.text.as_str()], &header_of(&own)).is_none();
            if completes {
                group.push(item);
                fields.extend(own);
            } else {
                flush(&mut blocks, &mut group, &mut fields);
                blocks.push(item_block(item));
            }
        }
    });
    flush(&mut blocks, &mut group, &mut fields);
    blocks
}

fn header_of(fields: &[(EntryField, String)]) -> EntryHeader {
    EntryHeader {
        lines: fields
            .iter()
            .map(|(field, text)| EntryLine {
                field: *field,
                text: text.clone(),
            })
            .collect(),
    }
}

/// Whether `header`'s lines hold the words of `source`, each once, in the same order.
fn same_words_in_order(source: &[&str], header: &EntryHeader) -> bool {
    let keys = |lines: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        lines
            .flat_map(str::split_whitespace)
            .map(word_key)
            .filter(|k| !k.is_empty())
            .collect()
    };
    keys(&mut source.iter().copied()) == keys(&mut header.texts())
}

/// The fields of one education line, in no particular order (the header orders them).
fn education_fields(line: EducationLine) -> Vec<(EntryField, String)> {
    [
        (EntryField::Degree, line.degree),
        (EntryField::School, line.institution),
        (EntryField::Location, line.location),
        (EntryField::Dates, line.dates.map(|(_, text)| text)),
    ]
    .into_iter()
    .filter_map(|(f, t)| Some((f, t?)))
    .collect()
}

/// Plain lines in a row, as paragraphs: in a PDF, a line that continues the paragraph of the
/// one above is joined to it (see [`continues_paragraph`]); elsewhere each is a paragraph, since
/// DOCX and text paragraphs are paragraphs already.
fn paragraphs(doc: &Document, edges: &RightEdges, run: &[&Item]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut prev: Option<&Item> = None;
    for it in run {
        if let (Some(Block::Paragraph { text }), Some(p)) = (out.last_mut(), prev) {
            if doc.format == Format::Pdf && continues_paragraph(doc, edges, p, it) {
                text.push(' ');
                text.push_str(it.text.trim());
                prev = Some(it);
                continue;
            }
        }
        out.push(item_block(it));
        prev = Some(it);
    }
    out
}

/// The header lines of an entry: each field found, and each run of words no field took, in
/// the order they were printed (a field the reader re-joined from pieces goes by its first
/// word). Words no field took stay where they stood: moved after the fields, words printed
/// between them ("B.Com. Accounting" before a job's dates) would leave their reading order.
fn entry_header(source: &[&str], fields: &[(EntryField, Option<&str>)]) -> EntryHeader {
    let printed = source.join("\n");
    let mut lines: Vec<(usize, EntryLine)> = fields
        .iter()
        .filter_map(|&(field, text)| {
            let text = text?;
            let first_word = text.split_whitespace().next().unwrap_or(text);
            let at = printed
                .find(text)
                .or_else(|| printed.find(first_word))
                .unwrap_or(usize::MAX);
            Some((
                at,
                EntryLine {
                    field,
                    text: text.to_string(),
                },
            ))
        })
        .collect();
    let named = EntryHeader {
        lines: lines.iter().map(|(_, l)| l.clone()).collect(),
    };
    lines.extend(rest_runs(&printed, &named).into_iter().map(|(at, text)| {
        (
            at,
            EntryLine {
                field: EntryField::Rest,
                text,
            },
        )
    }));
    // A stable sort: a field the header does not hold (never the case for the reader's own)
    // keeps its place after the rest.
    lines.sort_by_key(|(at, _)| *at);
    EntryHeader {
        lines: lines.into_iter().map(|(_, l)| l).collect(),
    }
}

/// A word compared without case and without the punctuation around it.
fn word_key(token: &str) -> String {
    token.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// The words of `printed` (the header as printed) that no line of `header` holds, as runs of
/// neighbouring words with the byte offset each starts at; separators around a run trimmed.
fn rest_runs(printed: &str, header: &EntryHeader) -> Vec<(usize, String)> {
    let mut fields: HashMap<String, usize> = HashMap::new();
    for line in header.texts() {
        for token in line.split_whitespace() {
            let key = word_key(token);
            if !key.is_empty() {
                *fields.entry(key).or_default() += 1;
            }
        }
    }
    let mut runs: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    for token in printed.split_whitespace() {
        let key = word_key(token);
        if key.is_empty() {
            // A mark ("|", "&", "✓") neither ends a run nor starts one; inside one it stays, and
            // a separator at its end is trimmed below.
            if let (true, Some((_, run))) = (open, runs.last_mut()) {
                run.push(' ');
                run.push_str(token);
            }
            continue;
        }
        match fields.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                open = false;
            }
            _ => {
                match runs.last_mut() {
                    Some((_, run)) if open => {
                        run.push(' ');
                        run.push_str(token);
                    }
                    _ => {
                        let at = token.as_ptr() as usize - printed.as_ptr() as usize;
                        runs.push((at, token.to_string()));
                    }
                }
                open = true;
            }
        }
    }
    runs.into_iter()
        .filter_map(|(at, run)| {
            // Separators around the run go; a hyphen ending a broken word ("Lon-") stays.
            let run = run.trim_matches(|c: char| matches!(c, ',' | '|' | '—' | '–' | ' ' | ';' | ':'));
            (!run.is_empty()).then(|| (at, run.to_string()))
        })
        .collect()
}

/// The words of `source` (the header lines) that no field of `header` holds, in order; None
/// when every word was placed.
fn leftover_words(source: &[&str], header: &EntryHeader) -> Option<String> {
    let runs = rest_runs(&source.join("\n"), header);
    (!runs.is_empty()).then(|| runs.into_iter().map(|(_, r)| r).collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use ats_parse::Line;

    use super::*;

    fn outline_of(text: &str) -> Outline {
        let doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
        outline(&doc)
    }

    fn entries(o: &Outline) -> Vec<Vec<(EntryField, String)>> {
        o.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Entry(e) => Some(e.lines.iter().map(|l| (l.field, l.text.clone())).collect()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn sections_merge_by_kind_in_the_standard_order() {
        let o = outline_of(
            "Ada Brook\nada@example.com\n\nTECHNICAL SKILLS\nRust, Go\n\nEXPERIENCE\nEngineer, Acme, 2020 - 2022\n- Shipped the parser\n\nSOFT SKILLS\nMentoring\n\nLEADERSHIP\nChess club captain\n\nSUMMARY\nBuilds parsers.\n",
        );
        assert_eq!(o.contact, ["Ada Brook", "ada@example.com"]);
        assert_eq!(o.name_line, Some(0));
        let heads: Vec<&str> = o.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(heads, ["Summary", "Experience", "Skills", "LEADERSHIP"]);
        let skills = &o.sections[2].blocks;
        assert!(skills.contains(&Block::Label {
            text: "SOFT SKILLS".into()
        }));
        assert!(skills.contains(&Block::Paragraph {
            text: "Mentoring".into()
        }));
    }

    #[test]
    fn entry_fields_keep_the_printed_order_and_every_word() {
        let o = outline_of(
            "Ada Brook\nada@example.com\n\nEXPERIENCE\nAcme Corp | Platform Team | Senior Engineer | 2020 - 2022\n- Shipped the parser\n",
        );
        let e = entries(&o);
        assert_eq!(e.len(), 1, "{o:?}");
        let texts: Vec<&str> = e[0].iter().map(|(_, t)| t.as_str()).collect();
        let all = texts.join(" ");
        for w in ["Acme", "Corp", "Platform", "Team", "Senior", "Engineer", "2020", "2022"] {
            assert!(all.contains(w), "{w} lost: {texts:?}");
        }
        let title = e[0].iter().position(|(f, _)| *f == EntryField::Title);
        let company = e[0].iter().position(|(f, _)| *f == EntryField::Company);
        assert!(company < title, "employer printed first stays first: {texts:?}");
        // The team name no field took stays between the employer and the title, as printed.
        assert_eq!(texts, ["Acme Corp", "Platform Team", "Senior Engineer", "2020 - 2022"]);
    }

    #[test]
    fn leftover_words_keep_their_order_without_trailing_separators() {
        let header = EntryHeader {
            lines: vec![EntryLine {
                field: EntryField::Title,
                text: "Engineer".into(),
            }],
        };
        assert_eq!(
            leftover_words(&["Engineer, Platform Team,", "Berlin |"], &header).as_deref(),
            Some("Platform Team, Berlin")
        );
        assert_eq!(leftover_words(&["Engineer"], &header), None);
        // A mark between two such words is theirs.
        assert_eq!(
            leftover_words(&["Engineer | Research & Development ✓"], &header).as_deref(),
            Some("Research & Development ✓")
        );
    }

    /// Every paragraph-level text of a section.
    fn section_texts(o: &Outline, kind: SectionKind) -> Vec<String> {
        o.sections
            .iter()
            .filter(|s| s.kind == kind)
            .flat_map(|s| &s.blocks)
            .map(|b| match b {
                Block::Paragraph { text } | Block::Bullet { text } | Block::Label { text } => text.clone(),
                Block::Entry(e) => e.texts().collect::<Vec<_>>().join(" / "),
            })
            .collect()
    }

    #[test]
    fn contact_details_printed_under_about_move_to_the_contact_block() {
        let o = outline_of(
            "ADA BROOK\nData Engineer\n\nAbout\nI build data platforms.\nLyon, France\nada.brook@example.co\nm\n+33 6 12 34 56 78\nhttps://adabrook.dev\n\nExperience\nData Engineer, Acme Corp, 2021 - Present\n- Built a pipeline for 40 teams\n\nEducation\nMSc Data Science, Lyon University, 2020\n\nSkills\nPython, SQL",
        );
        assert_eq!(
            o.contact,
            [
                "ADA BROOK",
                "Data Engineer",
                "Lyon, France",
                "ada.brook@example.co",
                "m",
                "+33 6 12 34 56 78",
                "https://adabrook.dev"
            ]
        );
        assert_eq!(section_texts(&o, SectionKind::Summary), ["I build data platforms."]);
    }

    #[test]
    fn contact_details_in_a_text_box_move_to_the_contact_block() {
        let text = "Ada Brook\nData Engineer\n\nSummary\nI build data platforms.\nada@example.com | +33 6 12 34 56 78\n\nExperience\nData Engineer, Acme Corp, 2021 - Present\n- Built a pipeline for 40 teams\n\nSkills\nPython, SQL";
        let mut doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
        let boxed = doc
            .lines
            .iter()
            .position(|l| l.text.contains('@'))
            .expect("the e-mail line");
        doc.lines[boxed].region = Region::TextBox;
        let o = outline(&doc);
        assert_eq!(
            o.contact,
            ["Ada Brook", "Data Engineer", "ada@example.com | +33 6 12 34 56 78"]
        );
        assert_eq!(section_texts(&o, SectionKind::Summary), ["I build data platforms."]);
        // A text box of anything else stays in its section (the e-mail line beside it moves
        // as a line of contact details).
        let mut doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
        let boxed = doc
            .lines
            .iter()
            .position(|l| l.text.starts_with("I build"))
            .expect("the summary line");
        doc.lines[boxed].region = Region::TextBox;
        let o = outline(&doc);
        assert_eq!(section_texts(&o, SectionKind::Summary), ["I build data platforms."]);
        assert_eq!(o.contact.len(), 3);
    }

    #[test]
    fn a_heading_of_its_own_wording_over_nothing_is_kept_under_other() {
        let doc = ats_parse::extract(
            b"Ada Brook\nada@example.com\n\nEXPERIENCE\nController, Acme Corp, 2021 - Present\n- Closed the books in five days\n\nFIELDWORK NOTES\n\nVOLUNTEERING\nTreasurer, Lyon Food Bank, 2019 - 2021",
            &ats_parse::Limits::default(),
        )
        .expect("text parses");
        let spans = crate::read::read(&doc).sections;
        let lone = spans
            .iter()
            .find(|s| s.heading == "FIELDWORK NOTES")
            .expect("read as a heading");
        assert_eq!(
            (lone.kind, lone.first_line, lone.end_line),
            (SectionKind::Other, lone.end_line, lone.end_line)
        );
        let o = outline(&doc);
        assert_eq!(section_texts(&o, SectionKind::Other), ["FIELDWORK NOTES"]);
    }

    #[test]
    fn a_name_broken_at_its_hyphen_is_not_joined_to_the_phone_beside_it() {
        // Reading by baseline puts the right-aligned contact lines between the halves of a
        // large name wrapped at its hyphen: "Brook-" is no word broken onto a phone number.
        let rows: [(&str, f32, f32); 8] = [
            ("Ada Brook-", 20.0, 50.0),
            ("+44 20 7946 0000", 9.0, 420.0),
            ("ada@example.com", 9.0, 430.0),
            ("Lane", 20.0, 50.0),
            ("Experience", 12.0, 50.0),
            ("Engineer, Acme Corp, 2021 - Present", 10.0, 50.0),
            ("Built a pipeline for 40 teams", 10.0, 60.0),
            ("Skills", 12.0, 50.0),
        ];
        let doc =
            crate::read::test_doc::pdf_doc(
                rows.into_iter()
                    .enumerate()
                    .map(|(n, (text, size, x))| ats_parse::Line {
                        text: text.into(),
                        x,
                        y: 60.0 + 14.0 * n as f32,
                        width: text.len() as f32 * size * 0.5,
                        font_size: size,
                        ..ats_parse::Line::default()
                    }),
            );
        let o = outline(&doc);
        assert!(o.contact.iter().any(|l| l == "+44 20 7946 0000"), "{:?}", o.contact);
    }

    #[test]
    fn a_stacked_name_is_joined_and_a_heading_run_into_it_dropped() {
        let mut contact = vec![
            "Odile".to_string(),
            "Lyon, France".into(),
            "Ferrand".into(),
            "o@example.com".into(),
        ];
        join_stacked_name(&mut contact, "Odile Ferrand");
        assert_eq!(contact, ["Odile Ferrand", "Lyon, France", "o@example.com"]);

        let kinds = [SectionKind::Summary];
        let mut line = "Ada Brook Professional Summary".to_string();
        drop_heading_beside_name(&mut line, "Ada Brook", &kinds);
        assert_eq!(line, "Ada Brook");
        // After a separator the words are the name's title; a heading of no section stays.
        for kept in ["Ada Brook | Software", "Ada Brook Skills"] {
            let mut line = kept.to_string();
            drop_heading_beside_name(&mut line, "Ada Brook", &kinds);
            assert_eq!(line, kept);
        }
    }

    /// A PDF-like document from `(text, x, baseline, size, bold)` lines on one page, each as
    /// wide as its characters at half an em.
    fn pdf_of(lines: &[(&str, f32, f32, f32, bool)], format: Format) -> Document {
        let mut d = crate::read::test_doc::pdf_doc(lines.iter().map(|&(t, x, y, size, bold)| Line {
            text: t.to_string(),
            x,
            y,
            width: t.chars().count() as f32 * 0.5 * size,
            font_size: size,
            bold,
            ..Line::default()
        }));
        d.format = format;
        d
    }

    fn section<'a>(o: &'a Outline, heading: &str) -> &'a [Block] {
        o.sections
            .iter()
            .find(|s| s.heading == heading)
            .map_or(&[], |s| s.blocks.as_slice())
    }

    fn wrapped_resume() -> Vec<(&'static str, f32, f32, f32, bool)> {
        // 10 pt body on a 14 pt pitch; full lines run to x = 72 + 80 chars * 5 pt = 472.
        vec![
            ("Ada Brook", 72.0, 60.0, 20.0, true),
            ("ada@example.com | +1 415 555 0100", 72.0, 84.0, 10.0, false),
            ("SUMMARY", 72.0, 116.0, 12.0, true),
            (
                "Platform engineer with nine years of building data systems that teams can trust",
                72.0,
                132.0,
                10.0,
                false,
            ),
            (
                "and operate, from the first schema to the on-call runbook and the dashboards that",
                72.0,
                146.0,
                10.0,
                false,
            ),
            ("show it works.", 72.0, 160.0, 10.0, false),
            ("EXPERIENCE", 72.0, 192.0, 12.0, true),
            ("Staff Engineer, Acme Analytics, 2020 - 2023", 72.0, 208.0, 10.0, true),
            ("- Moved nightly batch scoring to Airflow", 80.0, 222.0, 10.0, false),
            // A description after the bullets, wrapped; its second line starts in lower case.
            (
                "Led the data platform group of six engineers across ingestion, storage and the",
                72.0,
                236.0,
                10.0,
                false,
            ),
            ("query layer for the analytics product.", 72.0, 250.0, 10.0, false),
            ("SKILLS", 72.0, 282.0, 12.0, true),
            (
                "Languages: Python, Rust, Go, SQL, Bash, TypeScript, Scala, Java, Kotlin, C, Lua",
                72.0,
                298.0,
                10.0,
                false,
            ),
            (
                "Tools: Airflow, dbt, Spark, Kafka, Postgres, Terraform, Kubernetes, Grafana",
                72.0,
                312.0,
                10.0,
                false,
            ),
        ]
    }

    #[test]
    fn a_paragraph_a_pdf_wrapped_is_one_paragraph_and_lists_stay_lines() {
        let o = outline(&pdf_of(&wrapped_resume(), Format::Pdf));
        assert_eq!(
            section(&o, "Summary"),
            [Block::Paragraph {
                text: "Platform engineer with nine years of building data systems that teams can trust and operate, from the first schema to the on-call runbook and the dashboards that show it works.".into()
            }],
            "{o:#?}"
        );
        let experience = section(&o, "Experience");
        assert!(
            experience.contains(&Block::Paragraph {
                text: "Led the data platform group of six engineers across ingestion, storage and the query layer for the analytics product.".into()
            }),
            "{experience:#?}"
        );
        assert!(matches!(experience.first(), Some(Block::Entry(_))), "{experience:#?}");
        // Skills lines run to the edge too, but a list's lines are items.
        assert_eq!(section(&o, "Skills").len(), 2, "{o:#?}");
    }

    #[test]
    fn lines_with_a_gap_an_indent_a_short_end_or_another_weight_are_not_joined() {
        let base = wrapped_resume();
        let summary = |o: &Outline| section(o, "Summary").len();
        // A paragraph gap (a line and a half more) after the first line.
        let mut gap = base.clone();
        for l in gap.iter_mut().skip(4) {
            l.2 += 14.0;
        }
        assert_eq!(summary(&outline(&pdf_of(&gap, Format::Pdf))), 2);
        // The second line indented: a new paragraph.
        let mut indent = base.clone();
        indent[4].1 += 12.0;
        assert_eq!(summary(&outline(&pdf_of(&indent, Format::Pdf))), 2);
        // The first line ends well short of the right edge (and the next starts a sentence).
        let mut short = base.clone();
        short[3].0 = "Platform engineer with nine years.";
        short[4].0 = "Operates everything from the first schema to the on-call runbook and dashboards that";
        assert_eq!(summary(&outline(&pdf_of(&short, Format::Pdf))), 2);
        // A bold line is a label, not a continuation.
        let mut label = base.clone();
        label[5].4 = true;
        assert_eq!(summary(&outline(&pdf_of(&label, Format::Pdf))), 2);
        // An address a narrow column wrapped is contact, not prose.
        let mut address = base.clone();
        address[3].0 = "ada.brook@examp";
        address[4].0 = "le.com";
        let o = outline(&pdf_of(&address, Format::Pdf));
        assert_eq!(
            section(&o, "Summary").first(),
            Some(&Block::Paragraph {
                text: "ada.brook@examp".into()
            }),
            "{o:#?}"
        );
        // Items of a dated list that run to the edge (the last line, in lower case, still
        // continues the second).
        let mut dated = base.clone();
        dated[3].0 = "2019: Tidewater, an open-source rate limiter for Go services in a day";
        dated[4].0 = "2020: Lantern, a static-site search index built in Rust for docs";
        assert_eq!(summary(&outline(&pdf_of(&dated, Format::Pdf))), 2);
        // A two-word item of a narrow list ends near the edge, yet is no wrapped line.
        let narrow = [
            ("Ada Brook", 72.0, 60.0, 16.0, true),
            ("ada@example.com", 72.0, 84.0, 10.0, false),
            ("SUMMARY", 72.0, 116.0, 12.0, true),
            ("Financial modelling", 72.0, 132.0, 10.0, false),
            ("Budgeting", 72.0, 146.0, 10.0, false),
        ];
        assert_eq!(summary(&outline(&pdf_of(&narrow, Format::Pdf))), 2);
        // DOCX lines are paragraphs already.
        assert_eq!(summary(&outline(&pdf_of(&base, Format::Docx))), 3);
    }

    #[test]
    fn education_entries_are_written_a_field_a_line_in_the_printed_order() {
        let o = outline_of(
            "Ada Brook\nada@example.com\n\nEDUCATION\nM.Sc. Data Science, University of Edinburgh, Edinburgh, UK, 2019 - 2020\nCalder State University\nB.S. Computer Science\nMadison, WI\n2014 - 2018\nRelevant coursework: Algorithms, Databases\n",
        );
        let e = entries(&o);
        assert_eq!(
            e,
            [
                vec![
                    (EntryField::Degree, "M.Sc. Data Science".to_string()),
                    (EntryField::School, "University of Edinburgh".into()),
                    (EntryField::Location, "Edinburgh, UK".into()),
                    (EntryField::Dates, "2019 - 2020".into()),
                ],
                vec![
                    (EntryField::School, "Calder State University".into()),
                    (EntryField::Degree, "B.S. Computer Science".into()),
                    (EntryField::Location, "Madison, WI".into()),
                    (EntryField::Dates, "2014 - 2018".into()),
                ],
            ],
            "{o:#?}"
        );
        // A line that is no part of an entry stays as printed.
        assert!(section(&o, "Education").contains(&Block::Paragraph {
            text: "Relevant coursework: Algorithms, Databases".into()
        }));
    }

    #[test]
    fn words_no_field_took_stay_where_they_were_printed() {
        // "Honors Program" is no field: it stays between the school and the degree.
        let o = outline_of("Ada Brook\nada@example.com\n\nEDUCATION\nHarbor University, Honors Program, B.A. Economics, 2015, GPA 3.9\n");
        assert_eq!(
            entries(&o),
            [vec![
                (EntryField::School, "Harbor University".to_string()),
                (EntryField::Rest, "Honors Program".into()),
                (EntryField::Degree, "B.A. Economics".into()),
                (EntryField::Dates, "2015".into()),
                (EntryField::Rest, "GPA 3.9".into()),
            ]],
            "{o:#?}"
        );
        // So in a job's header: a degree read into it before the dates stays before them.
        let header = entry_header(
            &[
                "Studio Lead",
                "B.Com. Accounting 2012 – 2015",
                "Calder State University, Dublin, Ireland",
            ],
            &[
                (EntryField::Title, Some("Studio Lead")),
                (EntryField::Dates, Some("2012 – 2015")),
                (EntryField::Location, Some("Dublin, Ireland")),
            ],
        );
        let texts: Vec<&str> = header.texts().collect();
        assert_eq!(
            texts,
            [
                "Studio Lead",
                "B.Com. Accounting",
                "2012 – 2015",
                "Calder State University",
                "Dublin, Ireland"
            ]
        );
    }

    #[test]
    fn an_education_line_a_narrow_column_wrapped_is_read_whole_and_stacked_lines_stay_apart() {
        // A narrow left column (its widest line ends at x = 72 + 37 chars * 5 pt = 257) under a
        // contact line set across both columns, which is no line of the left one.
        let mut doc = pdf_of(
            &[
                ("Ada Brook", 72.0, 60.0, 16.0, true),
                (
                    "ada@example.com | +1 415 555 0100 | Manchester, UK",
                    72.0,
                    80.0,
                    10.0,
                    false,
                ),
                ("EDUCATION", 72.0, 110.0, 12.0, true),
                ("B.Sc. Computer Science, Kingsbridge", 72.0, 126.0, 10.0, false),
                ("Polytechnic, Manchester, UK", 72.0, 140.0, 10.0, false),
                ("2012 - 2015", 72.0, 154.0, 10.0, false),
                ("M.Sc. Computer Science and Statistics", 72.0, 182.0, 10.0, false),
                ("Lakeshore Institute", 72.0, 196.0, 10.0, false),
                ("2009 - 2011", 72.0, 210.0, 10.0, false),
                ("Python, SQL, Airflow", 300.0, 126.0, 10.0, false),
            ],
            Format::Pdf,
        );
        if let Some(right) = doc.lines.last_mut() {
            right.column = 1;
        }
        let o = outline(&doc);
        assert_eq!(
            entries(&o),
            [
                vec![
                    (EntryField::Degree, "B.Sc. Computer Science".to_string()),
                    (EntryField::School, "Kingsbridge Polytechnic".into()),
                    (EntryField::Location, "Manchester, UK".into()),
                    (EntryField::Dates, "2012 - 2015".into()),
                ],
                vec![
                    (EntryField::Degree, "M.Sc. Computer Science and Statistics".to_string()),
                    (EntryField::School, "Lakeshore Institute".into()),
                    (EntryField::Dates, "2009 - 2011".into()),
                ],
            ],
            "{o:#?}"
        );
        // The report reads the same school.
        let read = crate::read::read(&doc);
        let schools: Vec<Option<&str>> = read
            .entries
            .education
            .iter()
            .map(|e| e.institution.as_deref())
            .collect();
        assert_eq!(schools, [Some("Kingsbridge Polytechnic"), Some("Lakeshore Institute")]);
    }

    #[test]
    fn hostile_pdf_geometry_neither_panics_nor_loses_a_word() {
        let words = |s: &str| s.split_whitespace().count();
        let mut lines: Vec<(&str, f32, f32, f32, bool)> = vec![
            ("Ada Brook", 72.0, 60.0, 16.0, true),
            ("SUMMARY", 72.0, 90.0, 12.0, true),
        ];
        let odd = [f32::NAN, f32::INFINITY, -1.0, 0.0, 1e30];
        for k in 0..2000 {
            let v = odd[k % odd.len()];
            let text = if k % 3 == 0 {
                "and it goes on, Zoë 数据 ✓"
            } else {
                "B.Sc. Computer Science, Kingsbridge"
            };
            lines.push((
                text,
                if k % 2 == 0 { v } else { 72.0 },
                100.0 + k as f32 * 12.0,
                v.abs().min(10.0),
                false,
            ));
        }
        lines.push(("EDUCATION", 72.0, 30000.0, 12.0, true));
        lines.extend(lines.clone().into_iter().skip(2).take(50).map(|mut l| {
            l.2 += 30000.0;
            l
        }));
        let doc = pdf_of(&lines, Format::Pdf);
        let o = outline(&doc);
        let written: usize = o.contact.iter().map(|l| words(l)).sum::<usize>()
            + o.sections
                .iter()
                .flat_map(|s| &s.blocks)
                .map(|b| match b {
                    Block::Entry(e) => e.texts().map(words).sum(),
                    Block::Paragraph { text } | Block::Bullet { text } | Block::Label { text } => words(text),
                })
                .sum::<usize>();
        // Every word but the headings' (the export writes standard ones) is written once.
        let headings: usize = crate::read::read(&doc)
            .sections
            .iter()
            .filter_map(|s| s.heading_line.and_then(|h| doc.lines.get(h)))
            .map(|l| words(&l.text))
            .sum();
        assert!(headings >= 2);
        assert_eq!(written + headings, words(&doc.text));
    }

    #[test]
    fn every_line_lands_somewhere_and_hostile_text_does_not_panic() {
        let long = "EXPERIENCE\nEngineer, Acme, 2020 - 2022\n- did a thing\n".repeat(200);
        for text in [
            "",
            "\n\n\n",
            "EXPERIENCE\n",
            "- \n•\n–\n",
            "Zoë 数据 ✓\nEXPERIENCE\n\u{200B}\n2021 –\n",
            long.as_str(),
        ] {
            // Empty input is refused before any outline; the rest must outline without panic.
            let Ok(doc) = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()) else {
                continue;
            };
            let o = outline(&doc);
            let written: usize = o.contact.len()
                + o.sections
                    .iter()
                    .flat_map(|s| &s.blocks)
                    .map(|b| match b {
                        Block::Entry(e) => e.lines.len(),
                        _ => 1,
                    })
                    .sum::<usize>();
            let words = |s: &str| {
                s.split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count()
            };
            assert!(written > 0 || words(&doc.text) == 0, "{text:?} lost everything");
        }
    }
}
