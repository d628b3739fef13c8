//! Every keyword set in `keywords/` parses with unknown keys rejected, passes validation, and is
//! embedded in the binary; the validator rejects each kind of bad file (issue 4, deliverable 1).

use std::path::{Path, PathBuf};

use ats_score::keywords::{validate, KeywordError, KeywordSets, MIN_TERMS};

/// The roles issue 4 asks for.
const REQUIRED: [&str; 15] = [
    "ml-engineer",
    "data-scientist",
    "ai-research-scientist",
    "nlp-engineer",
    "computer-vision-engineer",
    "reinforcement-learning-engineer",
    "mlops-engineer",
    "llm-ops-engineer",
    "prompt-engineer",
    "ai-product-manager",
    "ai-ethics-specialist",
    "ai-safety-specialist",
    "data-analyst",
    "ai-consultant",
    "ai-trainer-evaluator",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../keywords")
}

/// (file name, content) of every `*.toml` in `keywords/`, sorted by name.
fn files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).expect("keywords/ exists") {
        let path = entry.expect("readable entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            out.push((name, std::fs::read_to_string(&path).expect("readable keyword file")));
        }
    }
    out.sort();
    out
}

#[test]
fn every_file_parses_and_validates() {
    let mut errors = Vec::new();
    for (name, content) in files() {
        match KeywordSets::from_sources(&[(name.clone(), content)]) {
            Ok(sets) => {
                let stem = name.strip_suffix(".toml").unwrap();
                assert_eq!(sets.ids(), [stem], "{name} holds one role named after the file");
                // The public validator agrees with the loader.
                validate(&sets.all()[0], stem).unwrap_or_else(|e| errors.push(e.to_string()));
                assert!(sets.all()[0].terms.len() >= MIN_TERMS);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    assert!(errors.is_empty(), "invalid keyword files:\n{}", errors.join("\n"));
}

#[test]
fn builtin_embeds_every_file() {
    let on_disk: Vec<String> = files()
        .into_iter()
        .map(|(n, _)| n.trim_end_matches(".toml").to_string())
        .collect();
    let builtin = KeywordSets::builtin();
    assert_eq!(
        builtin.ids(),
        on_disk,
        "every keywords/*.toml is embedded (build.rs), and nothing else"
    );
    let all = KeywordSets::from_sources(&files()).expect("the directory loads as a whole");
    assert_eq!(builtin, all, "the embedded sets equal the files");
}

#[test]
fn at_least_the_fifteen_roles_of_issue_4() {
    let builtin = KeywordSets::builtin();
    assert!(builtin.all().len() >= 15, "{} roles", builtin.all().len());
    for id in REQUIRED {
        let set = builtin.get(id).unwrap_or_else(|| panic!("role {id} is missing"));
        assert!(!set.sources.is_empty());
    }
    let ids = builtin.ids();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted by id");
}

// ---- the validator rejects bad files ----

/// A valid set of `n` terms, as TOML, with `extra` appended to the first term.
fn set_toml(id: &str, n: usize, extra: &str) -> String {
    let mut s = format!(
        "id = \"{id}\"\nname = \"Test Role\"\nsummary = \"A role.\"\nsources = [\"seeds/000: a passage\"]\n\
         advice = [\"Ship a project.\"]\n"
    );
    for i in 0..n {
        s.push_str(&format!(
            "\n[[terms]]\nterm = \"Skill{i}\"\ncategory = \"hard-skill\"\nweight = 3\n"
        ));
        if i == 0 {
            s.push_str(extra);
        }
    }
    s
}

fn load(name: &str, content: String) -> Result<KeywordSets, KeywordError> {
    KeywordSets::from_sources(&[(name.to_string(), content)])
}

#[test]
fn a_valid_file_loads() {
    let sets = load("test-role.toml", set_toml("test-role", 40, "")).expect("valid");
    assert_eq!(sets.ids(), ["test-role"]);
}

#[test]
fn unknown_keys_are_rejected() {
    // `alias` for `aliases`, `case_sensitive` for `case-sensitive`, a top-level typo.
    for extra in ["alias = [\"S0\"]\n", "case_sensitive = true\n"] {
        let err = load("test-role.toml", set_toml("test-role", 40, extra)).unwrap_err();
        assert!(matches!(err, KeywordError::Parse { .. }), "{err}");
        assert!(err.to_string().contains("test-role.toml"), "names the file: {err}");
        assert!(err.to_string().contains("unknown field"), "{err}");
    }
    let err = load(
        "test-role.toml",
        format!("adivce = [\"x\"]\n{}", set_toml("test-role", 40, "")),
    )
    .unwrap_err();
    assert!(err.to_string().contains("adivce"), "{err}");
}

#[test]
fn unknown_category_is_rejected() {
    let toml = set_toml("test-role", 40, "").replacen("category = \"hard-skill\"", "category = \"buzzword\"", 1);
    assert!(matches!(load("test-role.toml", toml), Err(KeywordError::Parse { .. })));
}

#[test]
fn id_must_equal_the_file_stem() {
    let err = load("other-role.toml", set_toml("test-role", 40, "")).unwrap_err();
    assert!(matches!(err, KeywordError::IdMismatch { .. }), "{err}");
    assert!(err.to_string().contains("other-role"));
}

#[test]
fn too_few_terms_are_rejected() {
    let err = load("test-role.toml", set_toml("test-role", 39, "")).unwrap_err();
    assert!(matches!(err, KeywordError::TooFewTerms { count: 39, .. }), "{err}");
}

#[test]
fn weights_run_from_one_to_five() {
    for w in ["0", "6"] {
        let toml = set_toml("test-role", 40, "").replacen("weight = 3", &format!("weight = {w}"), 1);
        let err = load("test-role.toml", toml).unwrap_err();
        assert!(matches!(err, KeywordError::WeightOutOfRange { .. }), "{err}");
    }
}

#[test]
fn duplicates_are_rejected_case_insensitively() {
    // an alias equal to its own term
    let err = load("test-role.toml", set_toml("test-role", 40, "aliases = [\"skill0\"]\n")).unwrap_err();
    assert!(matches!(err, KeywordError::Duplicate { .. }), "{err}");
    // an alias equal to another term, in another case
    let err = load("test-role.toml", set_toml("test-role", 40, "aliases = [\"SKILL7\"]\n")).unwrap_err();
    assert!(matches!(err, KeywordError::Duplicate { .. }), "{err}");
    // two terms that match the same words
    let toml = set_toml("test-role", 40, "")
        .replace("term = \"Skill1\"\n", "term = \"Prompt Engineer\"\n")
        .replace("term = \"Skill2\"\n", "term = \"prompt-engineering\"\n");
    let err = load("test-role.toml", toml).unwrap_err();
    assert!(matches!(err, KeywordError::Duplicate { .. }), "{err}");
    // an alias that only differs by a hyphen from its own term is fine
    assert!(load("test-role.toml", set_toml("test-role", 40, "aliases = [\"Skill 0\"]\n")).is_ok());
}

#[test]
fn core_terms_need_learn_text() {
    let toml = set_toml("test-role", 40, "").replacen("weight = 3", "weight = 5", 1);
    let err = load("test-role.toml", toml).unwrap_err();
    assert!(matches!(err, KeywordError::MissingLearn { .. }), "{err}");
    let toml = set_toml("test-role", 40, "learn = \"Build it.\"\n").replacen("weight = 3", "weight = 5", 1);
    assert!(load("test-role.toml", toml).is_ok());
}

#[test]
fn short_terms_must_be_case_sensitive() {
    let toml = set_toml("test-role", 40, "").replacen("term = \"Skill0\"", "term = \"Go\"", 1);
    let err = load("test-role.toml", toml).unwrap_err();
    assert!(matches!(err, KeywordError::ShortTermNotCaseSensitive { .. }), "{err}");
    let toml = set_toml("test-role", 40, "case-sensitive = true\n").replacen("term = \"Skill0\"", "term = \"Go\"", 1);
    assert!(load("test-role.toml", toml).is_ok());
}

#[test]
fn strings_are_non_empty_and_trimmed_and_sources_exist() {
    let err = load(
        "test-role.toml",
        set_toml("test-role", 40, "aliases = [\" Skill zero\"]\n"),
    )
    .unwrap_err();
    assert!(matches!(err, KeywordError::BadString { .. }), "{err}");
    let err = load(
        "test-role.toml",
        set_toml("test-role", 40, "").replace("name = \"Test Role\"", "name = \"\""),
    )
    .unwrap_err();
    assert!(matches!(err, KeywordError::BadString { .. }), "{err}");
    let toml = set_toml("test-role", 40, "").replace("sources = [\"seeds/000: a passage\"]", "sources = []");
    let err = load("test-role.toml", toml).unwrap_err();
    assert!(matches!(err, KeywordError::NoSources { .. }), "{err}");
}

#[test]
fn extend_replaces_same_ids_and_adds_new_ones() {
    let mut base = KeywordSets::from_sources(&[
        ("a-role.toml".to_string(), set_toml("a-role", 40, "")),
        ("b-role.toml".to_string(), set_toml("b-role", 40, "")),
    ])
    .unwrap();
    let custom = KeywordSets::from_sources(&[
        ("b-role.toml".to_string(), set_toml("b-role", 41, "")),
        ("c-role.toml".to_string(), set_toml("c-role", 40, "")),
        ("README.md".to_string(), "# not a set".to_string()),
    ])
    .unwrap();
    base.extend(custom);
    assert_eq!(base.ids(), ["a-role", "b-role", "c-role"]);
    assert_eq!(base.get("b-role").unwrap().terms.len(), 41, "replaced");
    assert_eq!(base.get("a-role").unwrap().terms.len(), 40, "kept");
}
