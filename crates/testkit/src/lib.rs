//! What the workspace's tests share, in one place: a seeded random generator, and the shared
//! corpus (`../shared/corpus` beside the repository) with the rule for when it is missing.
//! A dev-dependency only: no library or binary of the workspace links it.

use std::path::{Path, PathBuf};

/// A xorshift64 sequence from `seed` (which must not be 0): randomized tests draw the same
/// numbers on every run, so a failure can be replayed.
pub fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// `../shared/corpus` beside the repository, where it is read from whichever crate asks.
pub fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// The shared corpus when it is there (it holds `truth.json`). Without it the test that asked
/// (`what`) says loudly that it skipped and gets `None`; in CI (`CI=true`) that is a failure,
/// since CI always lays the corpus beside the clone.
pub fn shared_corpus(what: &str) -> Option<PathBuf> {
    let dir = corpus_path();
    if dir.join("truth.json").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "{what}: ../shared/corpus is missing at {}; CI=true needs the corpus checked out beside the repository",
            dir.display()
        );
    }
    // Written to the stderr handle, which the test harness does not capture (`eprintln!` it
    // does), so the skip shows in a plain `cargo test`.
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("\n*** SKIPPED: {what}: no corpus at {} ***\n", dir.display()).as_bytes(),
    );
    None
}

/// Every file under the shared corpus whose extension is `extension`, sorted; empty (after
/// [`shared_corpus`]'s message, or its panic in CI) when the corpus is missing.
pub fn corpus_files(what: &str, extension: &str) -> Vec<PathBuf> {
    let Some(root) = shared_corpus(what) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xorshift_repeats_from_a_seed_and_differs_between_seeds() {
        let (mut a, mut b, mut c) = (xorshift(7), xorshift(7), xorshift(8));
        let first: Vec<u64> = (0..4).map(|_| a()).collect();
        assert_eq!(first, (0..4).map(|_| b()).collect::<Vec<_>>());
        assert_ne!(first, (0..4).map(|_| c()).collect::<Vec<_>>());
        // The first step of 1: 1 ^ 1<<13 = 0x2001, ^ >>7 (0x40) = 0x2041, ^ <<17.
        assert_eq!(xorshift(1)(), 0x2041 ^ (0x2041 << 17));
    }

    #[test]
    fn corpus_files_are_sorted_and_of_the_extension() {
        let files = corpus_files("testkit listing", "pdf");
        assert!(files.windows(2).all(|w| w[0] < w[1]));
        assert!(files.iter().all(|f| f.extension().is_some_and(|e| e == "pdf")));
        if shared_corpus("testkit listing").is_some() {
            assert!(!files.is_empty(), "the corpus holds PDFs");
        }
    }
}
