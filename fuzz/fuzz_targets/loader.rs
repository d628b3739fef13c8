//! The selective PDF loader (`crates/parse/src/pdf/load.rs`) against lopdf's full load of the
//! same bytes: wherever the loader loads, its document must be lopdf's (header facts, trailer,
//! cross-reference table, pages, every object it holds); anything else panics with the first
//! difference. An input that starts with `%PDF-` is a whole file; any other is object bodies
//! separated by `\n%%\n`, assembled behind a correct table as `pdf_objects` does, so that
//! most inputs reach the loader's object reading. Seed with the `pdf_objects` corpus and a few
//! small PDFs.
#![no_main]

use libfuzzer_sys::fuzz_target;

use ats_parse::loader_check::{assemble, compare_with_lopdf, split_bodies};

fuzz_target!(|data: &[u8]| {
    let pdf = if data.starts_with(b"%PDF-") {
        data.to_vec()
    } else {
        assemble(&split_bodies(data), "/Root 1 0 R/Info 2 0 R")
    };
    if let Err(difference) = compare_with_lopdf(&pdf, ats_parse::Limits::default().max_objects) {
        panic!("the selective loader differs from lopdf: {difference}");
    }
});
