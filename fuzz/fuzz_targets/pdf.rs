//! `ats_parse::extract` on bytes that sniff as PDF: the input as is when it already carries a
//! `%PDF-` header, else prefixed with one so the PDF reader (not the text path) sees it.
//! Caps: `common/pdf_limits.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/pdf_limits.rs"]
mod pdf_limits;
use pdf_limits::pdf_limits;

fuzz_target!(|data: &[u8]| {
    let limits = pdf_limits();
    let head = &data[..data.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        let _ = ats_parse::extract(data, &limits);
    } else {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend_from_slice(data);
        let _ = ats_parse::extract(&bytes, &limits);
    }
});
