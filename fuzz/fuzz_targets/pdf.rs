//! `ats_parse::extract` on bytes that sniff as PDF: the input as is when it already carries a
//! `%PDF-` header, else prefixed with one so the PDF reader (not the text path) sees it.
//!
//! The caps are lower than the defaults so that an input that reaches one (a stream inflating
//! to megabytes of operators) costs milliseconds, not the hundreds the defaults allow: at the
//! defaults such inputs held the target at ~290 executions/s (~340/s with 1 MiB streams and
//! 100,000 operators). The same checks run, only
//! earlier; the default caps themselves are exercised by the hostile corpus test
//! (crates/parse/tests/hostile.rs).
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = ats_parse::Limits {
        time_budget: Duration::from_millis(500),
        max_pages: 10,
        max_stream_bytes: 256 << 10,
        max_total_inflated_bytes: 1 << 20,
        max_operators: 20_000,
        ..Default::default()
    };
    let head = &data[..data.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        let _ = ats_parse::extract(data, &limits);
    } else {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend_from_slice(data);
        let _ = ats_parse::extract(&bytes, &limits);
    }
});
