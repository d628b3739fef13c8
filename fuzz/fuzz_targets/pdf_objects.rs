//! `ats_parse::extract` on a PDF assembled from the input: the input split at `\n%%\n` into object
//! bodies, numbered from 1, behind a cross-reference table that points at each and a trailer
//! naming object 1 the catalog and object 2 the Info dictionary.
//!
//! The `pdf` target's mutations shift offsets, and a table that no longer points at its objects
//! sends the file to lopdf's loader: of its corpus, few inputs reach the selective loader
//! (`crates/parse/src/pdf/load.rs`). Here every input does, with its objects where the table
//! says, so mutations explore the loader's object reading, `/Length` and `endstream` handling,
//! reference walk and page-tree check. Same caps as `pdf`
//! (`common/pdf_limits.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/pdf_limits.rs"]
mod pdf_limits;
use pdf_limits::pdf_limits;

fuzz_target!(|data: &[u8]| {
    let limits = pdf_limits();
    let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    let mut rest = data;
    while offsets.len() < 1000 {
        let end = rest.windows(4).position(|w| w == b"\n%%\n").unwrap_or(rest.len());
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        pdf.extend_from_slice(&rest[..end]);
        pdf.extend_from_slice(b"\nendobj\n");
        if end == rest.len() {
            break;
        }
        rest = &rest[end + 4..];
    }
    let start = pdf.len();
    let size = offsets.len() + 1;
    pdf.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<</Size {size}/Root 1 0 R/Info 2 0 R>>\nstartxref\n{start}\n%%EOF\n").as_bytes(),
    );
    let _ = ats_parse::extract(&pdf, &limits);
});
