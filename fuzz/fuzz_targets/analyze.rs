//! Extraction then scoring against the `ml-engineer` keyword set: whatever extract accepts,
//! the analyzer must score without panicking.
#![no_main]

use std::sync::LazyLock;
use std::time::Duration;

use ats_score::{Analyzer, Request};
use libfuzzer_sys::fuzz_target;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::builtin);

fuzz_target!(|data: &[u8]| {
    let limits = ats_parse::Limits {
        time_budget: Duration::from_millis(500),
        ..Default::default()
    };
    if let Ok(doc) = ats_parse::extract(data, &limits) {
        let request = Request {
            role: Some("ml-engineer"),
            job_posting: None,
            today: None,
        };
        let _ = ANALYZER.analyze(&doc, &request);
    }
});
