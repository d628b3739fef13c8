//! A guarded quick-xml event loop shared by every DOCX part: DTDs refused, nesting depth capped,
//! the time budget checked on every event, and only the five predefined entities and character
//! references resolved.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::budget::Budget;
use crate::document::shorten;
use crate::ExtractError;

/// Pulls events from one XML part, enforcing the caps.
pub(super) struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    buf: Vec<u8>,
    depth: u32,
    max_depth: u32,
    budget: &'a Budget,
    part: &'a str,
    /// The whole input as text, when [`XmlReader::skip_element`] may be used.
    text: Option<&'a str>,
}

impl<'a> XmlReader<'a> {
    pub(super) fn new(bytes: &'a [u8], part: &'a str, budget: &'a Budget) -> Self {
        XmlReader {
            reader: Reader::from_reader(bytes),
            buf: Vec::with_capacity(1024),
            depth: 0,
            max_depth: budget.limits().max_depth,
            budget,
            part,
            text: None,
        }
    }

    /// A reader that can skip element content without tokenizing it (see
    /// [`XmlReader::skip_element`]). End-tag names are not matched against start tags here,
    /// since a skipped end tag is never seen by the parser; nesting is still counted.
    pub(super) fn skipping(text: &'a str, part: &'a str, budget: &'a Budget) -> Self {
        let mut reader = XmlReader::new(text.as_bytes(), part, budget);
        reader.reader.config_mut().check_end_names = false;
        reader.text = Some(text);
        reader
    }

    /// Right after a `Start` event for the element named `qname`, jumps past its end tag
    /// with a substring search (element content is never tokenized) and returns the byte range
    /// of the content. None, with nothing consumed, when the reader was not made with
    /// [`XmlReader::skipping`] or no end tag is found. Meant for elements that do not nest in
    /// themselves (`w:style`); a `</name>` inside a comment would end the skip early, which
    /// can only misread that element, never read out of bounds.
    pub(super) fn skip_element(&mut self, qname: &str) -> Option<Range<usize>> {
        let text = self.text?;
        let rest: &[u8] = self.reader.get_ref();
        let start = text.len().checked_sub(rest.len())?;
        let content = text.get(start..)?;
        let needle = format!("</{qname}");
        let mut from = 0;
        loop {
            let found = from + content.get(from..)?.find(&needle)?;
            let tail = content.get(found + needle.len()..)?;
            let trimmed = tail.trim_start_matches([' ', '\t', '\r', '\n']);
            if let Some(rest_after) = trimmed.strip_prefix('>') {
                let consumed = content.len() - rest_after.len();
                *self.reader.get_mut() = content.get(consumed..)?.as_bytes();
                self.depth = self.depth.saturating_sub(1);
                return Some(start..start + found);
            }
            from = found + needle.len();
        }
    }

    /// The next event; `Event::Eof` at the end. A `<!DOCTYPE` is an error (no DTD means no
    /// entity declarations to expand), and so is an element nested deeper than `max_depth`.
    pub(super) fn next(&mut self) -> Result<Event<'_>, ExtractError> {
        self.budget.tick()?;
        self.buf.clear();
        let event = match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => event,
            Err(e) => return Err(malformed(format!("{}: {e}", self.part))),
        };
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(ExtractError::LimitExceeded {
                        what: "XML nesting depth",
                        limit: u64::from(self.max_depth),
                    });
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::DocType(_) => return Err(dtd_error()),
            _ => {}
        }
        Ok(event)
    }
}

/// The error for any XML part that carries a document type declaration.
pub(super) fn dtd_error() -> ExtractError {
    ExtractError::Malformed {
        format: "DOCX",
        detail: "XML with a DTD (entity declarations are not allowed)".into(),
    }
}

/// True for a damaged optional part that can be read as empty: malformed XML, but not a DTD
/// (a DTD is refused wherever it appears: no Word part has one, so it marks a crafted file).
pub(super) fn is_recoverable(e: &ExtractError) -> bool {
    matches!(e, ExtractError::Malformed { .. }) && *e != dtd_error()
}

/// A `Malformed` DOCX error with a short detail.
pub(super) fn malformed(detail: String) -> ExtractError {
    ExtractError::Malformed {
        format: "DOCX",
        detail: shorten(&detail, 160),
    }
}

/// The text a general reference stands for: the five predefined entities and character
/// references. Any other entity (which could only come from a DTD) is dropped.
pub(super) fn resolve_ref(r: &BytesRef<'_>) -> Option<char> {
    match &**r {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => r.resolve_char_ref().ok().flatten(),
    }
}

/// Splits `prefix:local` into its parts; the prefix is empty when there is none.
pub(super) fn split_name(name: &str) -> (&str, &str) {
    match name.split_once(':') {
        Some((prefix, local)) => (prefix, local),
        None => ("", name),
    }
}

/// The value of the first attribute whose local name is `local` (prefix ignored), with the
/// predefined entities and character references resolved.
pub(super) fn attr<'e>(e: &'e BytesStart<'_>, local: &str) -> Option<Cow<'e, str>> {
    for a in e.attributes().with_checks(false) {
        let Ok(a) = a else { break };
        if split_name(a.key.0).1 == local {
            return a.normalized_value(XmlVersion::Implicit1_0).ok();
        }
    }
    None
}

/// An OOXML on/off property: present with no `w:val`, or with a value other than
/// `0`/`false`/`off`, means on.
pub(super) fn on_off(e: &BytesStart<'_>) -> bool {
    match attr(e, "val") {
        None => true,
        Some(v) => !matches!(&*v, "0" | "false" | "off" | "none"),
    }
}

/// Namespaces whose elements the reader looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// WordprocessingML main.
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// WordprocessingML drawing (`wp:extent`).
    Wp,
    /// DrawingML main (`a:blip`).
    A,
    /// DrawingML picture (`pic:pic`).
    Pic,
    /// VML (`v:shape`, `v:imagedata`).
    V,
    /// Anything else.
    Other,
}

const KNOWN_NAMESPACES: &[(&str, Ns)] = &[
    ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", Ns::W),
    ("http://purl.oclc.org/ooxml/wordprocessingml/main", Ns::W),
    ("http://schemas.openxmlformats.org/markup-compatibility/2006", Ns::Mc),
    (
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        Ns::Wp,
    ),
    ("http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", Ns::Wp),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", Ns::A),
    ("http://purl.oclc.org/ooxml/drawingml/main", Ns::A),
    ("http://schemas.openxmlformats.org/drawingml/2006/picture", Ns::Pic),
    ("http://purl.oclc.org/ooxml/drawingml/picture", Ns::Pic),
    ("urn:schemas-microsoft-com:vml", Ns::V),
];

/// Prefix → namespace. Starts from the prefixes every producer uses and learns the root
/// element's declarations, so a document that binds WordprocessingML to another prefix (or to
/// the default namespace) still reads. Declarations on inner elements are not tracked: for
/// those the conventional prefixes apply.
pub(super) struct Prefixes {
    map: Vec<(String, Ns)>,
}

impl Prefixes {
    pub(super) fn conventional() -> Self {
        let map = [
            ("w", Ns::W),
            ("mc", Ns::Mc),
            ("wp", Ns::Wp),
            ("a", Ns::A),
            ("pic", Ns::Pic),
            ("v", Ns::V),
        ];
        Prefixes {
            map: map.iter().map(|(p, ns)| ((*p).to_string(), *ns)).collect(),
        }
    }

    /// Learns the `xmlns` declarations of the root element.
    pub(super) fn learn(&mut self, root: &BytesStart<'_>) {
        for a in root.attributes().with_checks(false) {
            let Ok(a) = a else { break };
            let key = a.key.0;
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            let ns = KNOWN_NAMESPACES
                .iter()
                .find(|(uri, _)| *uri == &*a.value)
                .map_or(Ns::Other, |(_, ns)| *ns);
            match self.map.iter_mut().find(|(p, _)| p == prefix) {
                Some(entry) => entry.1 = ns,
                None if ns != Ns::Other => self.map.push((prefix.to_string(), ns)),
                None => {}
            }
        }
    }

    pub(super) fn ns(&self, prefix: &str) -> Ns {
        self.map
            .iter()
            .find(|(p, _)| p == prefix)
            .map_or(Ns::Other, |(_, ns)| *ns)
    }
}
