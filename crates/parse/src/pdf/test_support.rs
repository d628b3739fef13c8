//! Helpers shared by the PDF modules' tests.

use std::path::PathBuf;

/// Every PDF under `../shared/corpus` (beside the repository), sorted. When the corpus is absent
/// the list is empty and the test says loudly that it skipped; in CI (`CI=true`) that is a
/// failure, since CI always has the corpus beside the clone.
pub(crate) fn corpus_pdfs() -> Vec<PathBuf> {
    let pdfs = find_corpus_pdfs();
    if pdfs.is_empty() {
        let msg = "no PDFs under ../shared/corpus (the corpus is read beside the repository)";
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{msg}: CI=true needs the corpus checked out at ../shared/corpus");
        }
        // The stderr handle, not `eprintln!`: the harness does not capture it, so the skip shows.
        let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("\n*** SKIPPED: {msg} ***\n").as_bytes());
    }
    pdfs
}

fn find_corpus_pdfs() -> Vec<PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut pdfs = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                pdfs.push(path);
            }
        }
    }
    pdfs.sort();
    pdfs
}

/// A deterministic xorshift64 generator: the damaged and random inputs of the tests are the
/// same on every run, so a failure can be replayed.
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
