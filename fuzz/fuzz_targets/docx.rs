//! `ats_parse::extract` on raw bytes (seeded with DOCX files: the zip and OPC paths).
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = ats_parse::Limits {
        time_budget: Duration::from_millis(500),
        ..Default::default()
    };
    let _ = ats_parse::extract(data, &limits);
});
