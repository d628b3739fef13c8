//! Embeds every `keywords/*.toml` of the workspace: generates `$OUT_DIR/builtin_keywords.rs`
//! with one `include_str!` per file, so adding a role file needs no code change.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../../keywords");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = manifest.join("../../keywords");
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") && !name.starts_with('.') && path.is_file() {
                let path = path.canonicalize().unwrap_or(path);
                files.push((name, path));
            }
        }
    }
    files.sort();
    let mut out = String::from("/// (file name, content) of every embedded keyword set, sorted by name.\n");
    out.push_str("static BUILTIN: &[(&str, &str)] = &[\n");
    for (name, path) in &files {
        let path = path.to_str().expect("keyword file paths are UTF-8");
        writeln!(out, "    ({name:?}, include_str!({path:?})),").expect("writing to a String");
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_keywords.rs");
    std::fs::write(&target, out).expect("write builtin_keywords.rs");
}
