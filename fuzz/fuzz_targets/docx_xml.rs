//! The input as `word/document.xml` inside a stored zip built in memory, so every run reaches
//! the WordprocessingML reader instead of dying in the zip parser.
#![no_main]

use std::io::{Cursor, Write};
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn wrap(xml: &[u8]) -> Vec<u8> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", options).expect("start entry");
    zip.write_all(xml).expect("write entry");
    zip.finish().expect("finish zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let limits = ats_parse::Limits {
        time_budget: Duration::from_millis(500),
        ..Default::default()
    };
    let _ = ats_parse::extract(&wrap(data), &limits);
});
