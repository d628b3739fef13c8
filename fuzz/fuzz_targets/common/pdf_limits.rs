//! The caps of the PDF targets (`pdf`, `pdf_objects`), lower than the defaults so that an input
//! that reaches one (a stream inflating to megabytes of operators) costs milliseconds, not the
//! hundreds the defaults allow: at the defaults such inputs held the `pdf` target at ~290
//! executions/s (~340/s with 1 MiB streams and 100,000 operators). The same checks run, only
//! earlier; the default caps themselves are exercised by the hostile corpus test
//! (crates/parse/tests/hostile.rs).

use std::time::Duration;

pub fn pdf_limits() -> ats_parse::Limits {
    ats_parse::Limits {
        time_budget: Duration::from_millis(500),
        max_pages: 10,
        max_stream_bytes: 256 << 10,
        max_total_inflated_bytes: 1 << 20,
        max_operators: 20_000,
        ..Default::default()
    }
}
