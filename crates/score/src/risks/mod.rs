//! ATS-risk checks from the parser's layout signals: columns, tables, text boxes, header and
//! footer bands, images, tiny and hidden text, unmappable glyphs, scans, file size and length.

use ats_parse::{Document, HiddenReason};

use crate::checks::{Check, Part};
use crate::model::{SectionKind, SectionSpan};
use crate::read::contact::ContactFacts;
use crate::read::sections::classify;
use crate::read::text::quote;
use crate::report::{Finding, Severity};

/// Taleo's default attachment limit (bytes).
pub(crate) const LARGE_FILE: u64 = 1_000_000;
/// Greenhouse does not parse files over 2.5 MB (bytes).
pub(crate) const HUGE_FILE: u64 = 2_500_000;
/// Under this many words a résumé looks empty to a recruiter.
pub(crate) const SHORT_WORDS: usize = 150;
/// Some ATSs reject résumés under about this many words.
pub(crate) const REJECT_WORDS: usize = 100;
/// Over this many words (or pages) a résumé is long for any level.
pub(crate) const LONG_WORDS: usize = 1200;
/// Over this many pages a résumé is long for any level.
pub(crate) const LONG_PAGES: u32 = 3;
/// Share of unmappable glyphs above which text is garbled for an ATS.
pub(crate) const UNMAPPABLE_SHARE: f64 = 0.01;

const SCANNED_OR_EMPTY: Check = Check {
    code: "scanned-or-empty",
    name: "No text to read",
    severity: Severity::Error,
    part: Part::ParseHealth,
    what: "Checks that the file holds any text at all.",
    why: "An ATS reads the text layer; a file without one (text drawn as outlines, or only pictures) leaves an empty profile, and some ATSs reject it.",
    example: "A PDF exported with 'text as curves', or a DOCX holding a picture of the résumé.",
    fix: "Export the résumé again from your word processor as a normal PDF or DOCX so the text can be selected.",
};

const IMAGE_ONLY: Check = Check {
    code: "image-only",
    name: "Page without a text layer (scan)",
    severity: Severity::Error,
    part: Part::ParseHealth,
    what: "Finds pages that are pictures with no text layer, as a scanner or a phone camera makes them.",
    why: "ATSs do not read text in images: scanned PDFs without a text layer do not parse (SAP), so those pages are blank to the recruiter's search.",
    example: "A printed résumé scanned back to PDF.",
    fix: "Upload the PDF or DOCX exported from the document you wrote, not a scan or photo.",
};

const MULTI_COLUMN: Check = Check {
    code: "multi-column",
    name: "Text in several columns",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Finds regions where two or more blocks of text sit side by side on the same lines (sidebars, newspaper columns).",
    why: "Many ATSs read a page in content-stream order, not visual order, so columns come out interleaved or in the wrong order: a skill lands inside a job, contact details inside the summary.",
    example: "A left sidebar with contact details and skills beside the main column with experience.",
    fix: "Use one column: move the sidebar content into sections under the main flow (contact at the top, skills after experience).",
};

const TABLE_LAYOUT: Check = Check {
    code: "table-layout",
    name: "Content in a table",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Finds tables or table-like grids holding résumé content.",
    why: "Tables are among the layouts that break parsing: cells are read in an order that mixes labels and values, or skipped.",
    example: "Skills laid out in a two-column table: category | skills.",
    fix: "Write the table's content as plain lines, e.g. 'MLOps: MLflow, Kubeflow, Feast'.",
};

const TEXT_BOX: Check = Check {
    code: "text-box",
    name: "Text inside a text box or shape",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Finds text placed in text boxes or shapes.",
    why: "Text boxes and shapes are stored apart from the main text; many ATSs skip them or read them out of place.",
    example: "Name, contact line and summary in a framed box at the top of the page.",
    fix: "Move the text out of the box into the body of the document.",
};

const CONTACT_IN_HEADER_FOOTER: Check = Check {
    code: "contact-in-header-footer",
    name: "Contact details only in the page header or footer",
    severity: Severity::Error,
    part: Part::ParseHealth,
    what: "Checks whether your name, e-mail or phone appear only in the page header or footer.",
    why: "Several ATSs ignore page headers and footers, so contact details placed only there are lost and the profile has no way to reach you.",
    example: "A Word résumé whose name, e-mail and phone sit in the header band repeated on every page.",
    fix: "Put your name and contact line at the top of the page body; the header may repeat them, but not hold them alone.",
};

const CONTACT_IN_TEXT_BOX: Check = Check {
    code: "contact-in-text-box",
    name: "Contact details only in a text box",
    severity: Severity::Error,
    part: Part::ParseHealth,
    what: "Checks whether your e-mail or phone appear only inside a text box or shape.",
    why: "Many ATSs skip text boxes, so contact details placed only there are lost.",
    example: "A banner shape at the top holding the name and contact line.",
    fix: "Move the contact line out of the text box into the body text under your name.",
};

const IMAGES: Check = Check {
    code: "images",
    name: "Images, logos or icons",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Finds pictures drawn on the pages: photos, logos, icons, skill bars.",
    why: "ATSs read no text in images; icons in front of contact details, logos and rating bars carry nothing to the parser and can garble the text around them.",
    example: "A phone icon before the number, a photo, or five dots rating each skill.",
    fix: "Remove pictures and write their meaning as text ('Phone: …', 'Python (advanced)').",
};

const TINY_FONT: Check = Check {
    code: "tiny-font",
    name: "Text under 8 pt",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Finds text set smaller than 8 points.",
    why: "Fonts under 8 pt are among the layouts that break parsing, and recruiters cannot read them comfortably.",
    example: "Skills squeezed in at 6 pt to fit one page.",
    fix: "Use at least 10 pt for body text (never under 8 pt); cut content instead of shrinking it.",
};

const HIDDEN_TEXT: Check = Check {
    code: "hidden-text",
    name: "Hidden text",
    severity: Severity::Error,
    part: Part::ParseHealth,
    what: "Finds text a reader cannot see but an ATS reads: white on white, invisible rendering, off the page or 1 pt.",
    why: "Hidden text used to stuff keywords is treated by recruiters as cheating and can get the application rejected when it shows up in the parsed profile.",
    example: "A list of keywords in white 1 pt text at the bottom of the page.",
    fix: "Remove the hidden text; put the skills you really have in a visible Skills section.",
};

const CONTROL_CHARACTERS: Check = Check {
    code: "control-characters",
    name: "Hidden control characters in words",
    severity: Severity::Error,
    part: Part::ParseHealth,
    what: "Finds NUL and bidirectional-override characters inside left-to-right text, where they hide or reorder words.",
    why: "An invisible character inside a word stops an ATS from matching it, and a right-to-left override shows words in another order than the file stores them; both are tricks that recruiters treat like hidden text.",
    example: "'Py' NUL 'thon' shown as Python, or a reversed keyword turned around on screen by U+202E.",
    fix: "Retype the affected lines in your editor, or paste them as plain text, and export again.",
};

const UNREADABLE_CONTENT: Check = Check {
    code: "unreadable-content",
    name: "Text that could not be read",
    severity: Severity::Error,
    part: Part::ParseHealth,
    what: "Finds PDF pages whose page object or content stream is damaged beyond reading.",
    why: "Whatever such a page shows is missing from what an ATS reads: some viewers repair the file and show it, so the loss goes unnoticed until the profile comes out empty.",
    example: "A page whose MediaBox holds numbers no PDF reader accepts, so the whole page object fails to parse.",
    fix: "Open the file in your editor and export it again as PDF, or print it to a new PDF.",
};

const SECURED_PDF: Check = Check {
    code: "secured-pdf",
    name: "Secured PDF",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Finds PDFs encrypted with a permissions (owner) password, which open without a password.",
    why: "Some ATSs refuse every encrypted PDF, permissions-only ones included, and others cannot copy its text, so the upload fails or comes out empty.",
    example: "A PDF saved with 'restrict editing and printing' in Acrobat or a word processor's security options.",
    fix: "Save or export the PDF again without any security or permissions settings.",
};

const UNMAPPABLE_GLYPHS: Check = Check {
    code: "unmappable-glyphs",
    name: "Characters that do not map to text",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Counts glyphs the file draws that map to no real character (icon fonts, private-use glyphs, fonts without a Unicode map).",
    why: "Unusual fonts whose glyphs do not map to Unicode come out as boxes or nothing, so words an ATS searches for are lost.",
    example: "A decorative font where 'Python' extracts as '\u{fffd}\u{fffd}\u{fffd}hon'.",
    fix: "Use a standard font (Arial, Calibri, Georgia, Liberation, DejaVu) and export the PDF with fonts embedded.",
};

const NONSTANDARD_HEADING: Check = Check {
    code: "nonstandard-heading",
    name: "Non-standard section heading",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Finds section headings with a creative wording instead of the standard name.",
    why: "An ATS files content by its section heading; non-standard headings are among the things that break parsing, so 'Where I've Worked' may not be read as experience.",
    example: "Where I've Worked / My Toolbox / Things I Built",
    fix: "Use the standard names: Summary, Experience, Education, Skills, Projects, Certifications.",
};

const LINK_HIDDEN_BEHIND_TEXT: Check = Check {
    code: "link-hidden-behind-text",
    name: "Link hidden behind text",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Finds profile links whose address is only in a link annotation, not written in the text.",
    why: "LinkedIn, GitHub and portfolio URLs are filled from the text; a link hidden behind a word like 'LinkedIn' is lost when only the text is read.",
    example: "The word 'GitHub' linked to https://github.com/janedoe with the URL not written anywhere.",
    fix: "Write the URL itself in the contact line, e.g. 'github.com/janedoe'.",
};

const FILE_TOO_LARGE: Check = Check {
    code: "file-too-large",
    name: "File too large",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Checks the file size against ATS limits.",
    why: "Taleo's default attachment limit is 1 MB, and Greenhouse accepts larger uploads but does not parse files over 2.5 MB.",
    example: "A 3 MB PDF with an embedded photo and fonts.",
    fix: "Remove images and export again (PDF: 'reduce file size' or standard quality); a text résumé is usually under 200 KB.",
};

const TOO_SHORT: Check = Check {
    code: "too-short",
    name: "Too few words",
    severity: Severity::Warning,
    part: Part::ParseHealth,
    what: "Counts the words an ATS reads.",
    why: "Some ATSs reject résumés under about 100 words, and most candidates need about 350–1000 words to show their experience.",
    example: "A one-page design résumé whose text is mostly in images, leaving 80 readable words.",
    fix: "Make sure the content is text (not images) and describe each job with two to five bullets.",
};

const TOO_LONG: Check = Check {
    code: "too-long",
    name: "Too long",
    severity: Severity::Warning,
    part: Part::Content,
    what: "Counts words and pages.",
    why: "About 350–1000 words fit most candidates: one page early in a career, two when senior. Beyond that recruiters skim past the end.",
    example: "A four-page résumé listing every course and tool.",
    fix: "Cut to the last 10–15 years and the results that matter for the job; aim for one or two pages.",
};

/// The ATS-risk checks.
pub static CHECKS: &[Check] = &[
    SCANNED_OR_EMPTY,
    IMAGE_ONLY,
    MULTI_COLUMN,
    TABLE_LAYOUT,
    TEXT_BOX,
    CONTACT_IN_HEADER_FOOTER,
    CONTACT_IN_TEXT_BOX,
    IMAGES,
    TINY_FONT,
    HIDDEN_TEXT,
    CONTROL_CHARACTERS,
    UNREADABLE_CONTENT,
    SECURED_PDF,
    UNMAPPABLE_GLYPHS,
    NONSTANDARD_HEADING,
    LINK_HIDDEN_BEHIND_TEXT,
    FILE_TOO_LARGE,
    TOO_SHORT,
    TOO_LONG,
];

/// Where `needle` sits in the text, for evidence.
fn locate(doc: &Document, needle: &str) -> Option<(String, usize)> {
    let n = needle.trim().trim_end_matches('…').trim();
    if n.len() < 3 {
        return None;
    }
    doc.text.find(n).map(|at| (n.to_string(), at))
}

fn pages(list: &[u32]) -> String {
    let v: Vec<String> = list.iter().map(u32::to_string).collect();
    match v.len() {
        0 => String::new(),
        1 => format!("page {}", v[0]),
        _ => format!("pages {}", v.join(", ")),
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The finding for a file with no text at all, or with pages that are pictures (scans).
pub(crate) fn text_layer_finding(doc: &Document) -> Option<Finding> {
    let has_text = doc.text.chars().any(char::is_alphanumeric);
    if !doc.signals.image_only_pages.is_empty() {
        let p = pages(&doc.signals.image_only_pages);
        Some(IMAGE_ONLY.finding(
            None,
            if has_text {
                format!("No text layer on {p}: an ATS reads nothing there")
            } else {
                format!("No text layer on {p}: the file is a scan or picture, an ATS reads nothing")
            },
            "Upload the PDF or DOCX exported from your word processor, not a scan".into(),
            None,
        ))
    } else if !has_text {
        Some(SCANNED_OR_EMPTY.finding(
            None,
            "The file has no text an ATS can read".into(),
            "Export the résumé again as a normal PDF or DOCX whose text can be selected".into(),
            None,
        ))
    } else {
        None
    }
}

/// Runs the ATS-risk checks; `words` is the word count of the text.
pub(crate) fn evaluate(doc: &Document, sections: &[SectionSpan], facts: &ContactFacts, words: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    let s = &doc.signals;
    let has_text = doc.text.chars().any(char::is_alphanumeric);

    if let Some(f) = text_layer_finding(doc) {
        out.push(f);
    }

    // Columns: one finding, error when the file's order scrambles the text.
    if !s.columns.is_empty() {
        let scrambled = s.columns.iter().any(|c| c.content_order_differs);
        let first = &s.columns[0];
        let samples: Vec<String> = first
            .samples
            .iter()
            .take(3)
            .map(|x| format!("'{}'", quote(x, 30)))
            .collect();
        let mut page_list: Vec<u32> = s.columns.iter().map(|c| c.page).collect();
        page_list.dedup();
        let mut f = MULTI_COLUMN.finding(
            None,
            format!(
                "{} columns side by side on {}{}{}",
                first.columns,
                pages(&page_list),
                if samples.is_empty() { String::new() } else { format!(" ({})", samples.join(" beside ")) },
                if scrambled { ": the file stores them out of visual order, so an ATS reads the text scrambled" } else { "" }
            ),
            "Rebuild the layout as one column: sidebar content (contact, skills, education) goes into sections of the main flow".into(),
            first.samples.first().and_then(|x| locate(doc, x)),
        );
        if scrambled {
            f.severity = Severity::Error;
        }
        out.push(f);
    }
    for t in &s.tables {
        out.push(TABLE_LAYOUT.finding(
            None,
            format!(
                "A table of {} rows × {} columns on page {}: '{}'",
                t.rows,
                t.cols,
                t.page,
                quote(&t.sample, 50)
            ),
            format!(
                "Write the table starting '{}' as plain lines (label: items)",
                quote(&t.sample, 30)
            ),
            locate(doc, &t.sample),
        ));
    }
    for b in &s.text_boxes {
        out.push(TEXT_BOX.finding(
            None,
            format!("Text in a text box on page {}: '{}'", b.page, quote(&b.text, 60)),
            format!("Move '{}' out of the text box into the body", quote(&b.text, 40)),
            locate(doc, &b.text),
        ));
    }

    // Contact details only in the header/footer or a text box.
    let c = &facts.contact;
    let mut hf: Vec<String> = Vec::new();
    let mut tb: Vec<String> = Vec::new();
    if let Some(e) = &c.email {
        if facts.email_places.only_header_footer() {
            hf.push(format!("e-mail '{e}'"));
        }
        if facts.email_places.only_text_box() {
            tb.push(format!("e-mail '{e}'"));
        }
    }
    if let Some(p) = &c.phone {
        if facts.phone_places.only_header_footer() {
            hf.push(format!("phone '{p}'"));
        }
        if facts.phone_places.only_text_box() {
            tb.push(format!("phone '{p}'"));
        }
    }
    if let Some(n) = &c.name {
        if facts.name_places.only_header_footer() && !hf.is_empty() {
            hf.insert(0, format!("name '{n}'"));
        }
    }
    if !hf.is_empty() {
        out.push(CONTACT_IN_HEADER_FOOTER.finding(
            Some(SectionKind::Contact),
            format!(
                "Your {} appear only in the page header/footer, which many ATSs skip",
                hf.join(", ")
            ),
            "Put your name and contact line at the top of the page body, not only in the header".into(),
            facts.email_at.clone().or_else(|| facts.phone_at.clone()),
        ));
    }
    if !tb.is_empty() {
        out.push(CONTACT_IN_TEXT_BOX.finding(
            Some(SectionKind::Contact),
            format!(
                "Your {} appear only inside a text box, which many ATSs skip",
                tb.join(", ")
            ),
            "Move your contact line out of the text box into the body text under your name".into(),
            facts.email_at.clone().or_else(|| facts.phone_at.clone()),
        ));
    }
    for l in &facts.hidden_links {
        let anchor = l.anchor.as_deref().map(str::trim).filter(|a| !a.is_empty());
        out.push(LINK_HIDDEN_BEHIND_TEXT.finding(
            Some(SectionKind::Contact),
            match anchor {
                Some(a) => format!("'{a}' links to {} but the address is not written in the text", l.url),
                None => format!("A link to {} is not written in the text", l.url),
            },
            format!(
                    "Write the {} URL as text: '{}'",
                    l.kind,
                    l.url
                        .trim_start_matches("https://")
                        .trim_start_matches("http://")
                        .trim_end_matches('/')
                ),
            anchor.and_then(|a| locate(doc, a)),
        ));
    }

    // Images (a scanned page's picture is reported as `image-only`).
    let images: Vec<&ats_parse::ImageInfo> = s
        .images
        .iter()
        .filter(|i| !s.image_only_pages.contains(&i.page))
        .collect();
    if !images.is_empty() {
        let largest = images.iter().map(|i| i.page_share).fold(0.0f32, f32::max);
        let mut f = IMAGES.finding(
            None,
            format!(
                "{} image{} on the pages{}",
                images.len(),
                if images.len() == 1 { "" } else { "s" },
                if largest > 0.0 {
                    format!(" (the largest covers {:.0}% of its page)", largest * 100.0)
                } else {
                    String::new()
                }
            ),
            "Remove images, icons and rating graphics; write their meaning as text".into(),
            None,
        );
        if largest < 0.05 && has_text {
            f.severity = Severity::Suggestion;
        }
        out.push(f);
    }

    // Tiny and hidden text.
    let tiny: Vec<&ats_parse::TextSpan> = s
        .tiny_text
        .iter()
        .filter(|t| t.text.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect();
    if let Some(first) = tiny.first() {
        let size = if first.font_size > 0.0 {
            format!(" at {:.1} pt", first.font_size)
        } else {
            String::new()
        };
        out.push(TINY_FONT.finding(
            None,
            format!(
                "{} run{} of text under 8 pt, e.g. '{}'{size} on page {}",
                tiny.len(),
                if tiny.len() == 1 { "" } else { "s" },
                quote(&first.text, 50),
                first.page
            ),
            format!("Set '{}' at 10 pt or more", quote(&first.text, 30)),
            locate(doc, &first.text),
        ));
    }
    if let Some(first) = s.hidden_text.first() {
        let reason = match first.reason {
            HiddenReason::Invisible => "invisible",
            HiddenReason::WhiteOnWhite => "white on white",
            HiddenReason::OffPage => "outside the page",
            HiddenReason::Microscopic => "1 pt or smaller",
        };
        out.push(HIDDEN_TEXT.finding(
            None,
            format!(
                "Hidden text ({reason}) on page {}: '{}'{}",
                first.page,
                quote(&first.text, 60),
                if s.hidden_text.len() > 1 {
                    format!(" and {} more", s.hidden_text.len() - 1)
                } else {
                    String::new()
                }
            ),
            "Remove the hidden text; list real skills visibly in the Skills section".into(),
            locate(doc, &first.text),
        ));
    }
    if let Some(first) = s.control_characters.first() {
        out.push(CONTROL_CHARACTERS.finding(
            None,
            format!(
                "Invisible control characters hide or reorder words on page {}: '{}'{}",
                first.page,
                quote(&first.text, 60),
                if s.control_characters.len() > 1 {
                    format!(" and {} more line(s)", s.control_characters.len() - 1)
                } else {
                    String::new()
                }
            ),
            "Retype the affected lines (or paste them as plain text) and export again".into(),
            locate(doc, &first.text),
        ));
    }
    if !s.unreadable_pages.is_empty() {
        out.push(UNREADABLE_CONTENT.finding(
            None,
            format!(
                "The content of {} could not be read: its text is missing from what an ATS reads",
                pages(&s.unreadable_pages)
            ),
            "Export the résumé again as PDF from your editor, or print it to a new PDF".into(),
            None,
        ));
    }
    if s.secured {
        out.push(SECURED_PDF.finding(
            None,
            "The PDF is encrypted with a permissions password: some ATSs refuse secured PDFs".into(),
            "Save the PDF again without security or permissions settings".into(),
            None,
        ));
    }
    let share = s.unmappable_share();
    if share > UNMAPPABLE_SHARE || !s.unmappable_samples.is_empty() {
        let samples: Vec<String> = s
            .unmappable_samples
            .iter()
            .take(2)
            .map(|x| format!("'{}'", quote(x, 30)))
            .collect();
        let mut f = UNMAPPABLE_GLYPHS.finding(
            None,
            format!(
                "{} of {} characters ({:.1}%) do not map to text{}",
                s.unmappable_glyphs,
                s.glyphs,
                share * 100.0,
                if samples.is_empty() {
                    String::new()
                } else {
                    format!(", e.g. {}", samples.join(", "))
                }
            ),
            "Use a standard font and export again; replace icon-font symbols with words".into(),
            s.unmappable_samples.first().and_then(|x| locate(doc, x)),
        );
        if share > 0.05 {
            f.severity = Severity::Error;
        } else if share <= UNMAPPABLE_SHARE {
            // A few stray symbols (often bullet glyphs of a symbol font): worth knowing, rarely harmful.
            f.severity = Severity::Suggestion;
        }
        out.push(f);
    }

    // Headings.
    for span in sections.iter().filter(|s| !s.heading.is_empty()) {
        if let Some(m) = classify(&span.heading) {
            if !m.standard {
                let std = m.kind.standard_heading();
                out.push(
                    NONSTANDARD_HEADING.finding(
                        Some(m.kind),
                        format!(
                            "The heading '{}' is not a standard section name: an ATS may not file what follows as {}",
                            span.heading,
                            m.kind.as_str()
                        ),
                        format!("Rename '{}' to '{std}'", span.heading),
                        Some((
                            span.heading.clone(),
                            doc.lines
                                .get(span.heading_line.unwrap_or(0))
                                .map_or(span.start, |l| l.start + l.text.find(&span.heading).unwrap_or(0)),
                        )),
                    ),
                );
            }
        }
    }

    // File size and length.
    if doc.byte_len > HUGE_FILE {
        let mut f = FILE_TOO_LARGE.finding(
            None,
            format!(
                "The file is {}: Greenhouse does not parse files over 2.5 MB",
                mb(doc.byte_len)
            ),
            "Remove images and export again to bring the file under 1 MB".into(),
            None,
        );
        f.severity = Severity::Error;
        out.push(f);
    } else if doc.byte_len > LARGE_FILE {
        out.push(FILE_TOO_LARGE.finding(
            None,
            format!(
                "The file is {}: over Taleo's default 1 MB attachment limit",
                mb(doc.byte_len)
            ),
            "Remove images or export at standard quality to bring the file under 1 MB".into(),
            None,
        ));
    }
    if has_text && words < SHORT_WORDS {
        let mut f = TOO_SHORT.finding(
            None,
            format!(
                "Only {} of text{}",
                crate::render::count(words, "word", "words"),
                if words < REJECT_WORDS {
                    ": some ATSs reject résumés under about 100 words"
                } else {
                    ""
                }
            ),
            "Describe each job with two to five result bullets; most résumés run 350–1000 words".into(),
            None,
        );
        if words < REJECT_WORDS {
            f.severity = Severity::Error;
        }
        out.push(f);
    }
    if words > LONG_WORDS || doc.pages > LONG_PAGES {
        out.push(TOO_LONG.finding(
            None,
            format!(
                "{words} words on {} page{}: recruiters skim past the end",
                doc.pages,
                if doc.pages == 1 { "" } else { "s" }
            ),
            "Cut to the last 10–15 years and the results that matter; aim for one or two pages (350–1000 words)".into(),
            None,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use ats_parse::{
        ColumnRegion, Document, Format, HiddenReason, HiddenText, ImageInfo, Line, Link, Region, TableInfo,
        TextBoxInfo, TextSpan,
    };

    use super::*;

    /// A document from `(text, region)` lines, offsets filled in as the parser does.
    fn doc(lines: &[(&str, Region)]) -> Document {
        let mut d = Document {
            format: Format::Pdf,
            pages: 1,
            ..Document::default()
        };
        let mut text = String::new();
        for (t, region) in lines {
            if !text.is_empty() {
                text.push('\n');
            }
            d.lines.push(Line {
                text: t.to_string(),
                start: text.len(),
                page: 1,
                region: *region,
                ..Line::default()
            });
            text.push_str(t);
        }
        d.text = text;
        d.byte_len = 40_000;
        d
    }

    fn body(words: usize) -> Vec<String> {
        let mut v = vec![
            "Jane Doe".to_string(),
            "jane@example.com | +1 415 555 0100 | Austin, TX".to_string(),
            "Experience".to_string(),
            "Engineer, Acme — Jan 2020 – Present".to_string(),
        ];
        let filler = "Built reliable data pipelines for analytics teams across the company";
        let mut n = 0;
        while n < words {
            v.push(format!("- {filler}"));
            n += 10;
        }
        v
    }

    fn plain(words: usize) -> Document {
        let owned = body(words);
        let lines: Vec<(&str, Region)> = owned.iter().map(|s| (s.as_str(), Region::Body)).collect();
        doc(&lines)
    }

    fn run(d: &Document) -> Vec<Finding> {
        let resume = crate::read::read(d);
        evaluate(d, &resume.sections, &resume.contact, d.word_count())
    }

    fn codes(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|x| x.code.as_str()).collect()
    }

    #[test]
    fn control_characters_unreadable_pages_and_secured_pdfs_are_findings() {
        let mut d = plain(400);
        d.signals.control_characters.push(TextSpan {
            page: 1,
            text: "Skills: Python, Kubernetes".into(),
            font_size: 10.0,
            band: None,
            repeated: false,
        });
        d.signals.unreadable_pages = vec![2];
        d.signals.secured = true;
        let f = run(&d);
        let find = |code: &str| {
            f.iter()
                .find(|x| x.code == code)
                .unwrap_or_else(|| panic!("{code}: {:?}", codes(&f)))
        };
        let control = find("control-characters");
        assert_eq!(control.severity, Severity::Error);
        assert!(
            control.message.contains("'Skills: Python, Kubernetes'"),
            "{}",
            control.message
        );
        assert!(find("unreadable-content").message.contains("page 2"));
        assert_eq!(find("secured-pdf").severity, Severity::Warning);
    }

    #[test]
    fn clean_document_has_no_risk() {
        assert!(run(&plain(400)).is_empty(), "{:?}", run(&plain(400)));
    }

    #[test]
    fn multi_column_error_only_when_order_differs() {
        let mut d = plain(400);
        d.signals.columns.push(ColumnRegion {
            page: 1,
            columns: 2,
            top: 0.0,
            bottom: 500.0,
            content_order_differs: false,
            samples: vec!["Jane Doe".into(), "Experience".into()],
        });
        let f = run(&d);
        let mc = f.iter().find(|x| x.code == "multi-column").expect("multi-column");
        assert_eq!(mc.severity, Severity::Warning);
        assert!(mc.message.contains("'Jane Doe' beside 'Experience'"), "{}", mc.message);
        assert_eq!(mc.offset, Some(0));
        d.signals.columns[0].content_order_differs = true;
        let f = run(&d);
        assert_eq!(
            f.iter().find(|x| x.code == "multi-column").map(|x| x.severity),
            Some(Severity::Error)
        );
    }

    #[test]
    fn tables_text_boxes_images_tiny_hidden() {
        let mut d = plain(400);
        d.signals.tables.push(TableInfo {
            page: 1,
            rows: 3,
            cols: 2,
            sample: "MLOps | MLflow, Kubeflow".into(),
        });
        d.signals.text_boxes.push(TextBoxInfo {
            page: 1,
            text: "Summary in a box".into(),
        });
        d.signals.images.push(ImageInfo {
            page: 1,
            width: 20.0,
            height: 20.0,
            page_share: 0.01,
        });
        d.signals.tiny_text.push(TextSpan {
            page: 1,
            text: "Python, SQL, Spark".into(),
            font_size: 6.0,
            band: None,
            repeated: false,
        });
        d.signals.tiny_text.push(TextSpan {
            page: 1,
            text: "2".into(),
            font_size: 6.0,
            band: None,
            repeated: false,
        });
        d.signals.hidden_text.push(HiddenText {
            page: 1,
            text: "kubernetes docker".into(),
            reason: HiddenReason::WhiteOnWhite,
        });
        let f = run(&d);
        assert_eq!(
            codes(&f),
            ["table-layout", "text-box", "images", "tiny-font", "hidden-text"]
        );
        assert!(f[0].message.contains("3 rows × 2 columns") && f[0].message.contains("MLOps | MLflow"));
        assert_eq!(f[2].severity, Severity::Suggestion, "a small icon");
        assert!(
            f[3].message.contains("1 run of text under 8 pt") && f[3].message.contains("6.0 pt"),
            "page numbers are not counted: {}",
            f[3].message
        );
        assert!(f[4].message.contains("white on white") && f[4].message.contains("kubernetes docker"));
    }

    #[test]
    fn scans_and_empty_files() {
        let mut d = doc(&[]);
        d.signals.image_only_pages = vec![1, 2];
        d.signals.images.push(ImageInfo {
            page: 1,
            width: 600.0,
            height: 800.0,
            page_share: 1.0,
        });
        let f = run(&d);
        assert_eq!(
            codes(&f),
            ["image-only"],
            "the scan's own picture is not also an `images` finding"
        );
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.contains("No text layer on pages 1, 2"));
        let f = run(&doc(&[]));
        assert_eq!(codes(&f), ["scanned-or-empty"]);
    }

    #[test]
    fn unmappable_glyphs_by_share() {
        let mut d = plain(400);
        d.signals.glyphs = 1000;
        d.signals.unmappable_glyphs = 5;
        d.signals.unmappable_samples = vec!["Pyth\u{fffd}n".into()];
        assert_eq!(run(&d).first().map(|f| f.severity), Some(Severity::Suggestion));
        d.signals.unmappable_glyphs = 30;
        assert_eq!(run(&d).first().map(|f| f.severity), Some(Severity::Warning));
        d.signals.unmappable_glyphs = 200;
        let f = run(&d);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(
            f[0].message.contains("200 of 1000 characters (20.0%)"),
            "{}",
            f[0].message
        );
        d.signals.unmappable_glyphs = 0;
        d.signals.unmappable_samples.clear();
        assert!(run(&d).is_empty());
    }

    #[test]
    fn contact_only_in_header_or_text_box() {
        let owned = body(400);
        let mut lines: Vec<(&str, Region)> = owned.iter().map(|s| (s.as_str(), Region::Body)).collect();
        lines[0].1 = Region::Header;
        lines[1].1 = Region::Header;
        let f = run(&doc(&lines));
        let c = f
            .iter()
            .find(|x| x.code == "contact-in-header-footer")
            .expect("header contact");
        assert!(
            c.message.contains("name 'Jane Doe'")
                && c.message.contains("e-mail 'jane@example.com'")
                && c.message.contains("phone '+1 415 555 0100'"),
            "{}",
            c.message
        );
        lines[0].1 = Region::TextBox;
        lines[1].1 = Region::TextBox;
        let f = run(&doc(&lines));
        assert_eq!(codes(&f), ["contact-in-text-box"]);
        // Repeated in a footer but also in the body: fine.
        let mut both = lines.clone();
        both[0].1 = Region::Body;
        both[1].1 = Region::Body;
        both.push(("jane@example.com | +1 415 555 0100", Region::Footer));
        assert!(run(&doc(&both)).is_empty());
    }

    #[test]
    fn header_text_signal_counts_for_docx_headers() {
        // A DOCX header part reported only as a signal, the body without contact details.
        let owned = body(400);
        let lines: Vec<(&str, Region)> = owned.iter().skip(2).map(|s| (s.as_str(), Region::Body)).collect();
        let mut d = doc(&lines);
        d.signals.header_footer.push(TextSpan {
            page: 1,
            text: "jane@example.com | +1 415 555 0100".into(),
            font_size: 10.0,
            band: None,
            repeated: false,
        });
        let f = run(&d);
        assert!(codes(&f).contains(&"contact-in-header-footer"), "{f:?}");
    }

    #[test]
    fn hidden_links() {
        let mut d = plain(400);
        d.signals.links.push(Link {
            page: 1,
            url: "https://www.linkedin.com/in/janedoe/".into(),
            text: Some("LinkedIn".into()),
        });
        d.signals.links.push(Link {
            page: 1,
            url: "https://github.com/acme/tool".into(),
            text: Some("the tool".into()),
        });
        let f = run(&d);
        assert_eq!(
            codes(&f),
            ["link-hidden-behind-text"],
            "a project repository link is not a profile link"
        );
        assert!(f[0]
            .message
            .contains("'LinkedIn' links to https://www.linkedin.com/in/janedoe/"));
        assert_eq!(
            f[0].suggestion,
            "Write the linkedin URL as text: 'www.linkedin.com/in/janedoe'"
        );
        // Written out in the text as well: nothing to report.
        let mut owned = body(400);
        owned[1].push_str(" | linkedin.com/in/janedoe");
        let lines: Vec<(&str, Region)> = owned.iter().map(|s| (s.as_str(), Region::Body)).collect();
        let mut d = doc(&lines);
        d.signals.links.push(Link {
            page: 1,
            url: "https://www.linkedin.com/in/janedoe/".into(),
            text: Some("LinkedIn".into()),
        });
        assert!(run(&d).is_empty());
    }

    #[test]
    fn file_size_and_length() {
        let mut d = plain(400);
        d.byte_len = 1_200_000;
        assert_eq!(
            run(&d)
                .iter()
                .map(|f| (f.code.as_str(), f.severity))
                .collect::<Vec<_>>(),
            [("file-too-large", Severity::Warning)]
        );
        d.byte_len = 3_000_000;
        let f = run(&d);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.contains("3.0 MB") && f[0].message.contains("Greenhouse"));
        let short = run(&plain(110));
        assert_eq!(
            short.iter().map(|f| (f.code.as_str(), f.severity)).collect::<Vec<_>>(),
            [("too-short", Severity::Warning)]
        );
        let tiny = run(&plain(40));
        assert_eq!(
            tiny.iter().map(|f| (f.code.as_str(), f.severity)).collect::<Vec<_>>(),
            [("too-short", Severity::Error)]
        );
        let long = run(&plain(1300));
        assert_eq!(codes(&long), ["too-long"]);
        let mut pages = plain(400);
        pages.pages = 4;
        assert_eq!(codes(&run(&pages)), ["too-long"]);
    }

    #[test]
    fn nonstandard_headings_name_the_standard_one() {
        let owned = [
            "Jane Doe",
            "jane@example.com",
            "Where I've Worked",
            "Engineer, Acme — 2020 – 2021",
            "My Toolbox",
            "Python, SQL",
            "Work Experience",
            "Analyst, Beta — 2018 – 2020",
        ];
        let lines: Vec<(&str, Region)> = owned.iter().map(|s| (*s, Region::Body)).collect();
        let f: Vec<Finding> = run(&doc(&lines))
            .into_iter()
            .filter(|f| f.code == "nonstandard-heading")
            .collect();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].suggestion, "Rename 'Where I've Worked' to 'Experience'");
        assert_eq!(f[0].evidence.as_deref(), Some("Where I've Worked"));
        assert_eq!(f[0].section, Some(SectionKind::Experience));
        assert_eq!(f[1].suggestion, "Rename 'My Toolbox' to 'Skills'");
    }
}
