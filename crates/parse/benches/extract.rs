//! `ats_parse::extract` on a one-page PDF and DOCX: the shared bench corpus when it is there,
//! else the repo's own sample PDF (and no DOCX).
//!
//! `cargo bench -p ats-parse --bench extract -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::{Path, PathBuf};

use ats_parse::{extract, Limits};
use criterion::{criterion_group, criterion_main, Criterion};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

fn bench_extract(c: &mut Criterion) {
    let root = repo_root();
    let shared = root.join("../shared/corpus/bench");
    let limits = Limits::default();

    let (pdf_name, pdf) = match read(&shared.join("pdf/bench-000-ml_engineer.pdf")) {
        Some(bytes) => ("bench-000-ml_engineer.pdf", bytes),
        None => {
            let path = root.join("samples/jordan-lee-ml-engineer.pdf");
            let bytes = read(&path).unwrap_or_else(|| panic!("missing {}", path.display()));
            ("jordan-lee-ml-engineer.pdf", bytes)
        }
    };
    extract(&pdf, &limits).expect("the bench PDF extracts");
    c.bench_function(&format!("extract/pdf/{pdf_name}"), |b| {
        b.iter(|| extract(black_box(&pdf), &limits))
    });

    match read(&shared.join("docx/bench-000-ml_engineer.docx")) {
        Some(docx) => {
            extract(&docx, &limits).expect("the bench DOCX extracts");
            c.bench_function("extract/docx/bench-000-ml_engineer.docx", |b| {
                b.iter(|| extract(black_box(&docx), &limits))
            });
        }
        None => println!("note: ../shared/corpus/bench/docx/bench-000-ml_engineer.docx not found; DOCX bench skipped"),
    }
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
