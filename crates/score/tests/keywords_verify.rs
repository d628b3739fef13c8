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
fn implied_by_lists_other_names_and_is_spelled_exactly() {
    // An implying name may be a term of its own: one mention is evidence of both.
    let sets = load(
        "test-role.toml",
        set_toml("test-role", 40, "implied-by = [\"Skill1\", \"Frobnicator\"]\n"),
    )
    .expect("implied-by is a known field");
    assert_eq!(sets.all()[0].terms[0].implied_by, ["Skill1", "Frobnicator"]);
    for wrong in ["implied_by = [\"Frobnicator\"]\n", "implies = [\"Frobnicator\"]\n"] {
        assert!(
            matches!(
                load("test-role.toml", set_toml("test-role", 40, wrong)),
                Err(KeywordError::Parse { .. })
            ),
            "{wrong} is rejected"
        );
    }
    let own = load(
        "test-role.toml",
        set_toml("test-role", 40, "implied-by = [\"skill0\"]\n"),
    );
    assert!(matches!(own, Err(KeywordError::Duplicate { .. })), "{own:?}");
    let blank = load("test-role.toml", set_toml("test-role", 40, "implied-by = [\" \"]\n"));
    assert!(matches!(blank, Err(KeywordError::BadString { .. })), "{blank:?}");
}

#[test]
fn a_job_title_may_read_as_the_skill_it_names_but_two_skills_may_not() {
    let title = "\n[[terms]]\nterm = \"Skill Manager\"\ncategory = \"job-title\"\nweight = 2\n\n[[terms]]\n\
                 term = \"Skill Management\"\ncategory = \"method\"\nweight = 3\n";
    let mut toml = set_toml("test-role", 40, "");
    toml.push_str(title);
    load("test-role.toml", toml).expect("a title is evidence of the skill it names");
    let mut toml = set_toml("test-role", 40, "");
    toml.push_str(&title.replace("job-title", "hard-skill"));
    assert!(matches!(
        load("test-role.toml", toml),
        Err(KeywordError::Duplicate { .. })
    ));
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

// ---- the postings each role rests on (keywords/README.md, "Postings") ----

/// Fewest postings a role's set may rest on.
const MIN_POSTINGS: usize = 5;
/// A term is shared when at least this many of a role's postings ask for it: one posting's
/// wording is an employer's quirk, two agree on the skill.
const SHARED_MIN_POSTINGS: usize = 2;
/// Share of a role's shared posting terms its set must cover.
const MIN_COVERAGE: f64 = 0.95;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PostingsFile {
    role: String,
    postings: Vec<Posting>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Posting {
    url: String,
    employer: String,
    title: String,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    preferred: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
}

impl Posting {
    fn all_terms(&self) -> impl Iterator<Item = &String> {
        self.required.iter().chain(&self.preferred).chain(&self.terms)
    }
}

/// (file name, parsed content) of every `keywords/postings/*.toml`.
fn postings_files() -> Vec<(String, PostingsFile)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir().join("postings")).expect("keywords/postings/ exists") {
        let path = entry.expect("readable entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            let text = std::fs::read_to_string(&path).expect("readable postings file");
            let parsed = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            out.push((name, parsed));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The matcher's conservative stem (plural and `-ing` forms), as `scripts/posting-coverage.py`
/// applies it, so the test and the script agree on what a set covers.
fn stem(word: &str) -> String {
    if word.chars().count() < 4 || !word.chars().all(char::is_alphabetic) {
        return word.to_string();
    }
    let w: Vec<char> = word.chars().collect();
    let ends = |n: usize, s: &str| w[..n].iter().collect::<String>().ends_with(s);
    let mut n = w.len();
    if n > 4 && ends(n, "ies") {
        return w[..n - 3].iter().collect::<String>() + "y";
    }
    if ends(n, "s") && !["ss", "us", "is", "as"].iter().any(|s| ends(n, s)) {
        n -= 1;
    }
    if n >= 7 && ends(n, "ing") {
        n -= 3;
        if n >= 2 && w[n - 1] == w[n - 2] && "bdglmnprt".contains(w[n - 1]) {
            n -= 1;
        }
    }
    if n >= 5 && ends(n, "e") {
        n -= 1;
    }
    w[..n].iter().collect()
}

/// The no-space key of a spelling: case ignored, a spaced `&` read as "and", hyphens, slashes,
/// underscores and spaces as one joiner, each word stemmed. Variants of a term share it.
fn match_key(spelling: &str) -> String {
    spelling
        .to_lowercase()
        .replace(" & ", " and ")
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '_'))
        .map(|w| w.trim_matches(|c: char| "()[],;:!?\"'".contains(c)))
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect()
}

#[test]
fn every_role_rests_on_cited_postings() {
    let builtin = KeywordSets::builtin();
    let files = postings_files();
    let mut problems = Vec::new();
    for id in builtin.ids() {
        let Some((name, file)) = files.iter().find(|(_, f)| f.role == id) else {
            problems.push(format!("{id}: no keywords/postings/{id}.toml"));
            continue;
        };
        if name.trim_end_matches(".toml") != id {
            problems.push(format!("{name} holds role {id}: name the file after the role"));
        }
        if file.postings.len() < MIN_POSTINGS {
            problems.push(format!(
                "{id}: {} postings, at least {MIN_POSTINGS}",
                file.postings.len()
            ));
        }
        let set = builtin.get(id).unwrap();
        let mut urls = std::collections::HashSet::new();
        for p in &file.postings {
            if !p.url.starts_with("https://") || p.employer.trim().is_empty() || p.title.trim().is_empty() {
                problems.push(format!(
                    "{id}: posting {:?} lacks an https URL, employer or title",
                    p.url
                ));
            }
            if p.all_terms().next().is_none() {
                problems.push(format!("{id}: posting {} lists no terms", p.url));
            }
            if !urls.insert(p.url.as_str()) {
                problems.push(format!("{id}: posting {} is listed twice", p.url));
            }
            let cited = set
                .sources
                .iter()
                .any(|s| s.starts_with("posting: ") && s.contains(&p.employer) && s.ends_with(&p.url));
            if !cited {
                problems.push(format!(
                    "{id}: sources do not cite `posting: {}, ..., {}`",
                    p.employer, p.url
                ));
            }
        }
    }
    for (name, file) in &files {
        if builtin.get(&file.role).is_none() {
            problems.push(format!("{name}: no role {}", file.role));
        }
    }
    assert!(problems.is_empty(), "postings:\n{}", problems.join("\n"));
}

#[test]
fn every_role_covers_the_terms_its_postings_share() {
    let builtin = KeywordSets::builtin();
    let mut problems = Vec::new();
    for (_, file) in postings_files() {
        let Some(set) = builtin.get(&file.role) else { continue };
        let covered: std::collections::HashSet<String> = set
            .terms
            .iter()
            .flat_map(|t| std::iter::once(&t.term).chain(&t.aliases))
            .map(|s| match_key(s))
            .collect();
        let mut asked: std::collections::BTreeMap<String, (String, std::collections::HashSet<usize>)> =
            Default::default();
        for (i, p) in file.postings.iter().enumerate() {
            for term in p.all_terms() {
                asked
                    .entry(match_key(term))
                    .or_insert_with(|| (term.clone(), Default::default()))
                    .1
                    .insert(i);
            }
        }
        let shared: Vec<&String> = asked
            .iter()
            .filter(|(_, (_, by))| by.len() >= SHARED_MIN_POSTINGS)
            .map(|(key, _)| key)
            .collect();
        let missing: Vec<&str> = shared
            .iter()
            .filter(|k| !covered.contains(k.as_str()))
            .map(|k| asked[k.as_str()].0.as_str())
            .collect();
        let share = 1.0 - missing.len() as f64 / shared.len().max(1) as f64;
        if share < MIN_COVERAGE {
            problems.push(format!(
                "{}: covers {share:.2} of its shared posting terms; missing {missing:?}",
                file.role
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn match_keys_group_the_variants_the_matcher_groups() {
    assert_eq!(match_key("Fine-Tuning"), match_key("fine tuning"));
    assert_eq!(match_key("Model Cards"), match_key("model card"));
    assert_eq!(match_key("Trust & Safety"), match_key("trust and safety"));
    assert_eq!(match_key("CI/CD"), match_key("ci cd"));
    assert_eq!(match_key("Libraries"), match_key("library"));
    assert_ne!(
        match_key("KPIs"),
        match_key("KPI"),
        "the matcher keeps -is words whole, like 'analysis'"
    );
    assert_ne!(match_key("Java"), match_key("JavaScript"));
}
