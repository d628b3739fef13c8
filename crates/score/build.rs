//! Embeds every `keywords/*.toml` of the workspace, so adding a role file needs no code change:
//!
//! - `$OUT_DIR/builtin_keywords.rs`: one `include_str!` per file, converted to JSON here
//!   (parsing the 15 TOML files took about a sixth of a one-résumé CLI run; the same data read as
//!   JSON costs a fraction of that). Read only when the sets themselves are needed.
//! - `$OUT_DIR/builtin_tables.rs`: the sets compiled into the matcher's tables by the keyword
//!   compiler (`ats_keywords::compile`, a build-dependency), as statics: compiling them at
//!   start-up was about 70% of a one-résumé CLI run.
//! - `$OUT_DIR/action_verbs.rs`: `src/content/action_verbs.txt` as a static array, so checking a
//!   bullet's first word needs no list built at start-up.
//!
//! The TOML files stay the source; `--keywords DIR` still reads TOML and compiles at run time.

use ats_keywords::{compile, set};
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../../keywords");
    println!("cargo:rerun-if-changed=src/content/action_verbs.txt");
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
    let mut sets: Vec<set::KeywordSet> = Vec::with_capacity(files.len());
    let mut out = String::from("/// (file name, content as JSON) of every embedded keyword set, sorted by name.\n");
    out.push_str("static BUILTIN: &[(&str, &str)] = &[\n");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, path) in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read keywords/{name}: {e}"));
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("keywords/{name} is not valid TOML: {e}"));
        let set: set::KeywordSet =
            toml::from_str(&text).unwrap_or_else(|e| panic!("keywords/{name} is not a keyword set: {e}"));
        sets.push(set);
        let json_path = out_dir.join(format!("{name}.json"));
        std::fs::write(
            &json_path,
            serde_json::to_string(&table).expect("TOML values serialize to JSON"),
        )
        .expect("write the JSON form of a keyword file");
        let json_path = json_path.to_str().expect("OUT_DIR is UTF-8");
        writeln!(out, "    ({name:?}, include_str!({json_path:?})),").expect("writing to a String");
    }
    out.push_str("];\n");
    let target = out_dir.join("builtin_keywords.rs");
    std::fs::write(&target, out).expect("write builtin_keywords.rs");
    // The same order as `KeywordSets::builtin`.
    sets.sort_by(|a, b| a.id.cmp(&b.id));
    let tables = compile::Tables::compile(&sets);
    std::fs::write(out_dir.join("builtin_tables.rs"), tables.to_rust()).expect("write builtin_tables.rs");

    let verbs = std::fs::read_to_string(manifest.join("src/content/action_verbs.txt")).expect("read action_verbs.txt");
    let mut out = String::from("/// The lines of action_verbs.txt (sorted and unique: a test checks the file).\n");
    out.push_str("static ACTION_VERBS: &[&str] = &[\n");
    for line in verbs
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        writeln!(out, "    {line:?},").expect("writing to a String");
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("action_verbs.rs"), out).expect("write action_verbs.rs");
}
