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

use ats_parse::loader_check::{assemble, split_bodies};

fuzz_target!(|data: &[u8]| {
    let pdf = assemble(&split_bodies(data), "/Root 1 0 R/Info 2 0 R");
    let _ = ats_parse::extract(&pdf, &pdf_limits());
});
