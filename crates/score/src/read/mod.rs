//! The reading stage: turns a [`Document`] into a résumé model (its sections, contact
//! details, experience and education entries with their dates, and bullets) as an ATS fills
//! its form. The content checks, the ATS-risk checks, the keyword engine and the report read
//! this model; nothing here judges the résumé.

pub(crate) mod contact;
pub(crate) mod dates;
pub(crate) mod entries;
pub(crate) mod sections;
#[cfg(test)]
pub(crate) mod test_doc;
pub(crate) mod text;
pub(crate) mod wrap;

use ats_parse::Document;

use crate::model::SectionSpan;

use self::contact::ContactFacts;
use self::entries::Entries;

/// A résumé as read from its document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resume {
    /// The sections in document order; the untitled block at the top is `contact`.
    pub sections: Vec<SectionSpan>,
    /// Contact details and where each was found.
    pub contact: ContactFacts,
    /// Jobs, degrees, bullets, and dates that could not be read.
    pub entries: Entries,
}

/// Reads `doc`: sections first, then the contact details and entries inside them.
pub(crate) fn read(doc: &Document) -> Resume {
    let sections = sections::find_sections(doc);
    let contact = contact::extract(doc, &sections);
    let entries = entries::read(doc, &sections);
    Resume {
        sections,
        contact,
        entries,
    }
}
