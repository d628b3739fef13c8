//! Writes the hostile corpus of issue 7 §2 into a directory, built entirely in code:
//! `cargo run --release -p ats-parse --example hostile_corpus -- [DIR]` (default
//! `target/hostile`). The bombs are full size: a FlateDecode content stream that inflates to
//! 1 GiB and a DOCX whose `word/document.xml` inflates to 2 GiB (streamed through the zip
//! writer 1 MiB at a time). Prints one line per file: name, bytes, expected outcomes.
#[path = "../tests/support/hostile.rs"]
mod hostile;
#[path = "../tests/support/pdfgen.rs"]
mod pdfgen;

use std::path::PathBuf;

use hostile::Scale;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/hostile".into()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(2);
    }
    let fail = |what: &str, e: &dyn std::fmt::Display| -> ! {
        eprintln!("{what}: {e}");
        std::process::exit(1)
    };
    for case in hostile::cases(Scale::FULL) {
        let path = dir.join(&case.name);
        std::fs::write(&path, &case.bytes).unwrap_or_else(|e| fail(&path.display().to_string(), &e));
        println!("{}\t{}\t{}", case.name, case.bytes.len(), case.expect.join("|"));
    }
    let name = format!("docx-bomb-{}.docx", hostile::human(Scale::FULL.docx_bomb));
    let path = dir.join(&name);
    let file = std::fs::File::create(&path).unwrap_or_else(|e| fail(&path.display().to_string(), &e));
    let file = hostile::docx_bomb(std::io::BufWriter::new(file), Scale::FULL.docx_bomb)
        .unwrap_or_else(|e| fail(&path.display().to_string(), &e));
    drop(file);
    let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("{name}\t{len}\tLimitExceeded");
}
