//! Errors a person can act on.

use thiserror::Error;

/// Why a file could not be read. Every message says what to do about it.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExtractError {
    /// The input has no bytes (or only whitespace).
    #[error("the file is empty: export your résumé again and upload the saved PDF or DOCX")]
    Empty,
    /// The input is larger than the byte cap.
    #[error("the file is {size} bytes, over the {limit}-byte limit: remove large images or export a plain PDF/DOCX (most ATSs parse files up to 1–2.5 MB)")]
    TooLarge {
        /// Size of the input.
        size: u64,
        /// The cap.
        limit: u64,
    },
    /// A recognised format that is not supported.
    #[error("{0}")]
    Unsupported(Unsupported),
    /// A PDF that needs a password to open.
    #[error(
        "the PDF is password-protected: ATSs reject secured PDFs, so save it again without a password or permissions"
    )]
    EncryptedPdf,
    /// A DOCX encrypted with a password (an OLE container, not a ZIP).
    #[error(
        "the DOCX is password-protected: remove the password in Word (File > Info > Protect Document) and save again"
    )]
    EncryptedDocx,
    /// The file is damaged or not what it claims to be.
    #[error("the {format} file is damaged and cannot be read ({detail}): open it and save or export it again")]
    Malformed {
        /// "PDF" or "DOCX".
        format: &'static str,
        /// What was wrong, for the curious.
        detail: String,
    },
    /// A size or count cap was exceeded: the file is far outside what a résumé needs.
    #[error("the file exceeds the limit on {what} ({limit}): a résumé never needs this much, so the file is damaged or built to harm; export it again from your editor")]
    LimitExceeded {
        /// What was counted.
        what: &'static str,
        /// The cap.
        limit: u64,
    },
    /// Extraction ran past its time budget.
    #[error("reading the file took longer than {millis} ms, far longer than any résumé needs: export it again as a simple PDF or DOCX")]
    Timeout {
        /// The budget in milliseconds.
        millis: u64,
    },
}

/// Formats recognised from their bytes but not read by ats-check.
#[derive(Debug, Error, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unsupported {
    /// Word 97–2003 `.doc` (an OLE compound file).
    #[error("this is a legacy Word .doc file: open it in Word or LibreOffice and save as .docx or PDF")]
    LegacyDoc,
    /// Rich Text Format.
    #[error("this is an RTF file: open it in Word or LibreOffice and save as .docx or PDF")]
    Rtf,
    /// OpenDocument text.
    #[error("this is an OpenDocument (.odt) file: in LibreOffice use File > Save As > Word (.docx), or export as PDF")]
    Odt,
    /// A PNG image.
    #[error(
        "this is a PNG image: ATSs cannot read text in pictures; upload the PDF or DOCX your résumé was made from"
    )]
    Png,
    /// A JPEG image.
    #[error(
        "this is a JPEG image: ATSs cannot read text in pictures; upload the PDF or DOCX your résumé was made from"
    )]
    Jpeg,
    /// Another image format (GIF, WebP, TIFF, BMP).
    #[error("this is an image: ATSs cannot read text in pictures; upload the PDF or DOCX your résumé was made from")]
    Image,
    /// A ZIP archive that is not a DOCX.
    #[error("this is a ZIP archive, not a Word document: upload the .docx or PDF itself, not a compressed folder")]
    Zip,
    /// Binary data of no known résumé format.
    #[error("this is not a PDF, DOCX or text file: export your résumé as PDF or DOCX and upload that")]
    Unknown,
}
