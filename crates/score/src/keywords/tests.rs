//! Unit tests of the tokenizer and matcher rules (issue 4 §2), each tricky term a case, and of
//! the keyword part's findings and scores.

use super::engine::Engine;
use super::evaluate::Outcome;
use super::set::KeywordSet;
use super::sets::KeywordSets;
use super::token::{stem, tokenize};
use crate::model::{SectionKind, SectionSpan};

const ENG: &str = r#"
id = "test-engineer"
name = "Test Engineer"
summary = "A role for tests."
sources = ["tests"]
advice = ["Keep a public GitHub with deployed projects."]

[[terms]]
term = "C++"
category = "hard-skill"
weight = 3

[[terms]]
term = "C#"
category = "hard-skill"
weight = 2
case-sensitive = true

[[terms]]
term = "F#"
category = "hard-skill"
weight = 1
case-sensitive = true

[[terms]]
term = ".NET"
category = "framework"
weight = 2
aliases = ["dotnet"]

[[terms]]
term = "Node.js"
category = "framework"
weight = 2
aliases = ["NodeJS"]

[[terms]]
term = "Next.js"
category = "framework"
weight = 1

[[terms]]
term = "CI/CD"
category = "method"
weight = 3
aliases = ["Continuous Integration / Continuous Delivery"]

[[terms]]
term = "scikit-learn"
category = "framework"
weight = 4
aliases = ["sklearn"]
learn = "Build a classical ML baseline with scikit-learn pipelines."

[[terms]]
term = "A/B Testing"
category = "method"
weight = 3

[[terms]]
term = "TCP/IP"
category = "hard-skill"
weight = 1

[[terms]]
term = "PL/SQL"
category = "hard-skill"
weight = 1

[[terms]]
term = "R&D"
category = "method"
weight = 1

[[terms]]
term = "Java"
category = "hard-skill"
weight = 2

[[terms]]
term = "JavaScript"
category = "hard-skill"
weight = 2

[[terms]]
term = "R"
category = "hard-skill"
weight = 2
case-sensitive = true

[[terms]]
term = "Go"
category = "hard-skill"
weight = 2
aliases = ["Golang"]
case-sensitive = true

[[terms]]
term = "C"
category = "hard-skill"
weight = 1
case-sensitive = true

[[terms]]
term = "Apache Spark"
category = "tool"
weight = 3
aliases = ["Spark"]

[[terms]]
term = "Spark SQL"
category = "tool"
weight = 1

[[terms]]
term = "SQL"
category = "hard-skill"
weight = 4
learn = "Write analytical SQL daily."

[[terms]]
term = "Excel"
category = "tool"
weight = 1
aliases = ["Microsoft Excel"]

[[terms]]
term = "Transformers"
category = "method"
weight = 3

[[terms]]
term = "Data Pipelines"
category = "method"
weight = 3

[[terms]]
term = "Fine-Tuning"
category = "method"
weight = 3

[[terms]]
term = "Natural Language Processing"
category = "hard-skill"
weight = 4
aliases = ["NLP"]
learn = "Ship one NLP project end to end."

[[terms]]
term = "Large Language Models"
category = "hard-skill"
weight = 4
aliases = ["LLM", "LLMs"]
learn = "Fine-tune and evaluate an open LLM."

[[terms]]
term = "PyTorch"
category = "framework"
weight = 5
learn = "Train and ship a PyTorch model."

[[terms]]
term = "TensorFlow"
category = "framework"
weight = 3

[[terms]]
term = "Kubernetes"
category = "tool"
weight = 5
aliases = ["k8s"]
learn = "Deploy a model service on a managed Kubernetes cluster."

[[terms]]
term = "Hugging Face"
category = "framework"
weight = 3
aliases = ["HuggingFace"]

[[terms]]
term = "Machine Learning"
category = "hard-skill"
weight = 5
aliases = ["ML"]
learn = "Take an ML course and build projects."

[[terms]]
term = "Docker"
category = "tool"
weight = 4
learn = "Containerise a model API."

[[terms]]
term = "MLflow"
category = "tool"
weight = 3

[[terms]]
term = "Communication"
category = "soft-skill"
weight = 2

[[terms]]
term = "AWS Certified Machine Learning - Specialty"
category = "certification"
weight = 2

[[terms]]
term = "Machine Learning Engineer"
category = "job-title"
weight = 3
aliases = ["ML Engineer"]

[[terms]]
term = "Weights & Biases"
category = "tool"
weight = 2
aliases = ["W&B"]

[[terms]]
term = "Retrieval-Augmented Generation"
category = "method"
weight = 3
aliases = ["RAG"]

[[terms]]
term = "Feast"
category = "tool"
weight = 1

[[terms]]
term = "Python"
category = "hard-skill"
weight = 5
learn = "Write Python every day."
"#;

const DATA: &str = r#"
id = "test-analyst"
name = "Test Analyst"
summary = "Another role for tests."
sources = ["tests"]

[[terms]]
term = "Python"
category = "hard-skill"
weight = 3

[[terms]]
term = "SQL"
category = "hard-skill"
weight = 5
learn = "Write analytical SQL daily."

[[terms]]
term = "Excel"
category = "tool"
weight = 4
learn = "Build a pivot-table report."

[[terms]]
term = "Tableau"
category = "tool"
weight = 4
learn = "Publish a Tableau dashboard."

[[terms]]
term = "Statistics"
category = "hard-skill"
weight = 4
learn = "Study hypothesis testing."

[[terms]]
term = "Data Analyst"
category = "job-title"
weight = 3
"#;

fn sets() -> KeywordSets {
    let eng: KeywordSet = toml::from_str(ENG).expect("fixture parses");
    let data: KeywordSet = toml::from_str(DATA).expect("fixture parses");
    KeywordSets::from_sets_unchecked(vec![eng, data])
}

fn engine() -> Engine {
    Engine::new(&sets())
}

/// Terms of `test-engineer` found in `text` (no sections), canonical names.
fn found(text: &str) -> Vec<String> {
    let e = engine();
    let scan = e.scan(text, &[], &[]);
    let mut out: Vec<String> = scan
        .occs
        .iter()
        .map(|o| e.tables.str(e.tables.terms[o.term as usize].term).to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn has(text: &str, term: &str) -> bool {
    found(text).iter().any(|t| t == term)
}

/// Sections from upper-case heading lines; the block before the first heading is Contact.
fn sections_for(text: &str) -> Vec<SectionSpan> {
    let mut spans: Vec<SectionSpan> = Vec::new();
    let mut pos = 0;
    let mut line_no = 0;
    let mut current = SectionSpan {
        kind: SectionKind::Contact,
        heading: String::new(),
        heading_line: None,
        first_line: 0,
        end_line: 0,
        start: 0,
        end: 0,
    };
    for line in text.split('\n') {
        let kind = match line.trim() {
            "SUMMARY" => Some(SectionKind::Summary),
            "EXPERIENCE" => Some(SectionKind::Experience),
            "SKILLS" => Some(SectionKind::Skills),
            "PROJECTS" => Some(SectionKind::Projects),
            "EDUCATION" => Some(SectionKind::Education),
            _ => None,
        };
        if let Some(kind) = kind {
            current.end = pos;
            current.end_line = line_no;
            spans.push(current);
            current = SectionSpan {
                kind,
                heading: line.trim().to_string(),
                heading_line: Some(line_no),
                first_line: line_no + 1,
                end_line: 0,
                start: pos,
                end: 0,
            };
        }
        pos += line.len() + 1;
        line_no += 1;
    }
    current.end = text.len();
    current.end_line = line_no;
    spans.push(current);
    spans
}

fn doc(text: &str) -> ats_parse::Document {
    ats_parse::Document {
        text: text.to_string(),
        pages: 1,
        ..Default::default()
    }
}

/// A posting with no résumé entries to check its degree and years against.
fn posting_of(text: &str) -> super::Posting<'_> {
    super::Posting {
        text,
        education: &[],
        experience: &[],
        today: None,
    }
}

fn run(text: &str, role: Option<&str>, posting: Option<&str>) -> Outcome {
    let sets = sets();
    let e = Engine::new(&sets);
    let d = doc(text);
    let posting = posting.map(posting_of);
    e.evaluate(
        &d,
        &sections_for(text),
        role.and_then(|r| e.role_by_id(r)),
        posting.as_ref(),
    )
}

fn assert_losses_add_up(o: &Outcome) {
    use crate::checks::{lookup, Part};
    let _ = lookup;
    for (part, score) in [(Part::Keywords, o.keyword_score), (Part::JobMatch, o.job_match_score)] {
        let lost: f64 = o
            .findings
            .iter()
            .filter(|s| super::CHECKS.iter().find(|c| c.code == s.finding.code).map(|c| c.part) == Some(part))
            .map(|s| s.lost)
            .sum();
        match score {
            Some(score) => assert!(
                (100.0 - score - lost).abs() < 1e-6,
                "{part:?}: score {score} but lost {lost}"
            ),
            None => assert!(lost.abs() < 1e-9, "{part:?}: no score but {lost} points lost"),
        }
    }
    for s in &o.findings {
        assert!(s.lost >= 0.0);
        assert_eq!(s.finding.points, 0.0, "points are the orchestrator's to fill");
    }
}

#[test]
fn aggregates_and_role_coverages_equal_the_walk_over_every_term() {
    let e = Engine::builtin();
    let text = "SUMMARY\nMachine learning engineer shipping NLP and computer vision models.\n\
                EXPERIENCE\n- Built PyTorch and TensorFlow pipelines on AWS SageMaker with Docker and Kubernetes\n\
                - Ran A/B tests in SQL and Python; dashboards in Tableau and Excel\n\
                SKILLS\nPython, SQL, R, Spark, Airflow, MLflow, LangChain, RAG, Hugging Face, GCP, Azure\n\
                EDUCATION\nM.S. Statistics\n";
    let sections = sections_for(text);
    let scan = e.scan(text, &sections, &[(10, 40)]);
    let aggs = e.aggregate(&scan);
    for (t, agg) in aggs.iter().enumerate() {
        let visible: Vec<_> = scan.of(t).iter().filter(|o| !o.hidden).collect();
        assert_eq!(agg.count, visible.len(), "term {t}");
    }
    let all = e.coverages(&scan, &aggs);
    assert_eq!(all.len(), e.tables.roles.len());
    for (r, role) in e.tables.roles.iter().enumerate() {
        let walked = e.coverage(&role.terms, &aggs, &[]);
        assert_eq!(all[r].to_bits(), walked.to_bits(), "role {r}");
    }
    assert!(all.iter().filter(|c| **c > 0.0).count() >= 5, "{all:?}");
}

// ---- tokenizer ----

#[test]
fn tokens_keep_symbols_intact() {
    let lower = |s: &str| {
        let toks = tokenize(s);
        toks.iter().map(|t| toks.lower(t).to_string()).collect::<Vec<_>>()
    };
    assert_eq!(lower("C++, C#, F# and .NET"), ["c++", "c#", "f#", "and", ".net"]);
    assert_eq!(lower("Node.js / Next.js"), ["node.js", "next.js"]);
    assert_eq!(lower("R&D, Q&A, AT&T"), ["r&d", "q&a", "at&t"]);
    assert_eq!(lower("Weights & Biases"), ["weights", "and", "biases"]);
    assert_eq!(lower("ASP.NET"), ["asp.net"]);
}

#[test]
fn token_forms_are_the_lowercase_word_and_its_stem() {
    let text = "Libraries LIBRARIES Google's Modelling tests Stra\u{df}e \u{c9}COLE na\u{ef}ve \u{3a3}\u{3bf}\u{3c6}\u{3af}\u{3b1}'s \
                ODYSSEUS\u{2019}s C++ Weights & Biases pipelines running categories ties 's";
    let toks = tokenize(text);
    assert!(toks.len() >= 18);
    for t in toks.iter() {
        let raw = t.raw(text);
        let lower = if raw == "&" {
            "and".to_string()
        } else {
            raw.to_lowercase()
        };
        let lower = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("\u{2019}s"))
            .filter(|s| !s.is_empty())
            .unwrap_or(&lower);
        assert_eq!(toks.lower(t), lower, "{raw}");
        assert_eq!(toks.stem(t), stem(lower), "{raw}");
    }
    assert_eq!(toks.stem(&toks[0]), stem("library"));
    assert_eq!(toks.stem(&toks[1]), stem("library"));
}

#[test]
fn slashes_and_hyphens_join_without_a_barrier() {
    let toks = tokenize("CI/CD scikit-learn A/B TCP/IP PL/SQL");
    let lower: Vec<&str> = toks.iter().map(|t| toks.lower(t)).collect();
    assert_eq!(
        lower,
        ["ci", "cd", "scikit", "learn", "a", "b", "tcp", "ip", "pl", "sql"]
    );
    assert!(toks[1..].iter().all(|t| !t.barrier_before));
}

#[test]
fn punctuation_is_a_barrier_and_marks_sentences() {
    let toks = tokenize("Spark, SQL. Go to\n\u{2022} Excel");
    assert!(toks[1].barrier_before, "comma");
    assert!(toks[2].barrier_before && toks[2].sentence_start, "period");
    assert!(!toks[3].barrier_before, "space");
    assert!(toks[4].sentence_start, "bullet at line start");
}

#[test]
fn glued_sentences_and_colons_split() {
    let lower = |s: &str| {
        let toks = tokenize(s);
        toks.iter().map(|t| toks.lower(t).to_string()).collect::<Vec<_>>()
    };
    assert_eq!(lower("Python.Deployed"), ["python", "deployed"]);
    assert_eq!(lower("Skills:Python"), ["skills", "python"]);
    assert_eq!(lower("Ph.D in 3.5 years"), ["ph.d", "in", "3.5", "years"]);
    assert_eq!(lower("Google's models"), ["google", "models"]);
}

#[test]
fn urls_and_emails_are_skipped() {
    let lower = |s: &str| {
        let toks = tokenize(s);
        toks.iter().map(|t| toks.lower(t).to_string()).collect::<Vec<_>>()
    };
    assert_eq!(
        lower("github.com/jane/pytorch-demo jane@example.com https://x.io/ml Python"),
        ["python"]
    );
    assert!(!has("https://github.com/jane/pytorch-lightning", "PyTorch"));
}

#[test]
fn stems_group_plurals_verb_and_noun_forms() {
    for (a, b) in [
        ("transformer", "transformers"),
        ("pipeline", "pipelines"),
        ("test", "testing"),
        ("tests", "testing"),
        ("model", "modelling"),
        ("model", "modeling"),
        ("library", "libraries"),
        ("process", "processes"),
        ("llm", "llms"),
        ("cnn", "cnns"),
        ("database", "databases"),
        ("deployed", "deployment"),
        ("deploying", "deploy"),
        ("served", "serving"),
        ("mentored", "mentoring"),
        ("detectors", "detection"),
        ("extractor", "extraction"),
    ] {
        assert_eq!(stem(a), stem(b), "{a} / {b}");
    }
    for (a, b) in [
        ("bias", "bia"),
        ("canvas", "canva"),
        ("aws", "aw"),
        ("string", "str"),
        ("note", "not"),
        // Agent nouns that are words of their own, not the doer of a skill.
        ("factor", "fact"),
        ("actor", "act"),
        // A short word is an acronym or name more often than a form of a longer word.
        ("aws", "aw"),
    ] {
        assert_ne!(stem(a), stem(b), "{a} / {b}");
    }
}

// ---- matcher rules ----

#[test]
fn symbol_terms_match_whole() {
    assert!(has("Languages: C++, Python", "C++"));
    assert!(!has("Languages: C++, Python", "C"));
    assert!(has("Built services in C# and F#", "C#"));
    assert!(has("Built services in C# and F#", "F#"));
    assert!(!has("Built services in C# and F#", "C"));
    assert!(has("Migrated to .NET 8", ".NET"));
    assert!(has("Wrote Node.js and Next.js apps", "Node.js"));
    assert!(has("Wrote Node.js and Next.js apps", "Next.js"));
    assert!(has("Owned the CI/CD pipeline", "CI/CD"));
    assert!(has("TCP/IP networking, PL/SQL", "TCP/IP"));
    assert!(has("TCP/IP networking, PL/SQL", "PL/SQL"));
    assert!(has("Led R&D on ranking", "R&D"));
    assert!(has("Tracked runs in Weights & Biases", "Weights & Biases"));
    assert!(has("Tracked runs in W&B", "Weights & Biases"));
}

#[test]
fn sql_inside_plsql_is_still_sql_but_asp_net_is_not_dotnet() {
    // "PL/SQL" is written with a slash joiner: a search for SQL finds it, as ATS searches do.
    assert!(has("PL/SQL", "SQL"));
    assert!(!has("ASP.NET MVC", ".NET"));
}

#[test]
fn java_never_matches_javascript() {
    assert!(!has("Frontend in JavaScript and TypeScript", "Java"));
    assert!(has("Frontend in JavaScript and TypeScript", "JavaScript"));
    assert!(has("Backend in Java 17", "Java"));
    assert!(has("Java-based services", "Java"));
}

#[test]
fn r_only_as_a_standalone_capital_letter() {
    assert!(has("Languages: Python, R, SQL", "R"));
    assert!(has("Modelled churn in R and Python", "R"));
    assert!(has("Built the models in R.", "R"));
    assert!(has("Python/R", "R"));
    assert!(!has("Led R&D for ranking", "R"), "R&D");
    assert!(!has("Led R & D for ranking", "R"), "R & D");
    assert!(!has("John R. Smith", "R"), "middle initial");
    assert!(!has("John R Smith", "R"), "middle initial without a period");
    assert!(!has("Trained Faster R-CNN detectors", "R"), "R-CNN");
    assert!(!has("languages: python, r", "R"), "lowercase");
    assert!(!has("Mary R. Jones, Data Lead", "R"));
    assert!(has("Statistical modelling (R)", "R"));
}

#[test]
fn c_only_as_a_standalone_capital_letter() {
    assert!(has("Languages: C, C++, Python", "C"));
    assert!(has("Embedded C/C++ firmware", "C"));
    assert!(!has("Presented to the C-suite", "C"));
    assert!(!has("Mary C. Jones", "C"));
    assert!(!has("Mary C Jones", "C"));
    assert!(has("Embedded C programming", "C"));
    assert!(!has("Languages: c, python", "C"));
}

#[test]
fn go_needs_case_and_context() {
    assert!(has("Languages: Go, Python", "Go"));
    assert!(has("Built Go services handling 5k rps", "Go"));
    assert!(has("Go services handling 5k rps", "Go"));
    assert!(has("Wrote the CLI in Golang", "Go"));
    assert!(!has("Go to market plan for the product", "Go"));
    assert!(!has("The go-to person for data", "Go"));
    assert!(!has("The Go-to person for data", "Go"));
    assert!(!has("Ready to Go live", "Go"));
    assert!(!has("Helped the team go beyond targets", "Go"));
    // "going" stems to "go"; the case rule still reads the word as written.
    assert!(!has("Going forward, Going live and going beyond", "Go"));
    assert!(!has("Go beyond targets", "Go"));
}

#[test]
fn spark_is_the_tool_only_capitalised() {
    assert!(has("Wrote Spark ETL jobs", "Apache Spark"));
    assert!(has("Apache Spark, Kafka", "Apache Spark"));
    assert!(has("Spark jobs processing 2 TB a day", "Apache Spark"));
    assert!(!has("Projects that spark joy", "Apache Spark"));
    assert!(!has("Spark joy in the team", "Apache Spark"));
    assert!(!has("Spark curiosity in students", "Apache Spark"));
}

#[test]
fn excel_is_the_tool_only_capitalised_and_not_the_verb() {
    assert!(has("Skills: Excel, SQL", "Excel"));
    assert!(has("Built pivot tables in Excel for finance", "Excel"));
    assert!(has("Microsoft Excel", "Excel"));
    assert!(!has("I excel at communication", "Excel"));
    assert!(!has("Excel at building teams", "Excel"));
    assert!(!has("Known to Excel in fast-paced teams", "Excel"));
}

#[test]
fn common_words_from_the_data_need_their_capitals() {
    let sets = KeywordSets::builtin();
    let e = Engine::new(&sets);
    let terms = |text: &str| -> Vec<String> {
        let scan = e.scan(text, &[], &[]);
        scan.occs
            .iter()
            .map(|o| e.tables.str(e.tables.terms[o.term as usize].term).to_string())
            .collect()
    };
    if sets.get("ai-trainer-evaluator").is_none() {
        return;
    }
    assert!(!terms("applied a markdown to slow sellers").contains(&"Markdown".to_string()));
    assert!(terms("Wrote guidelines in Markdown").contains(&"Markdown".to_string()));
    assert!(!terms("yolo").iter().any(|t| t == "YOLO"));
    assert!(terms("Trained YOLO detectors").iter().any(|t| t == "YOLO"));
    assert!(!terms("a confluence of factors").iter().any(|t| t == "Confluence"));
    assert!(!terms("Ray of light").iter().any(|t| t == "Ray"));
    assert!(!terms("my feast").iter().any(|t| t == "Feast"));
}

#[test]
fn multi_word_terms_do_not_cross_punctuation() {
    assert!(!has("Tools: Spark, SQL", "Spark SQL"));
    assert!(has("Tools: Spark SQL, Hive", "Spark SQL"));
    assert!(!has("Machine. Learning", "Machine Learning"));
}

#[test]
fn plurals_and_stems_are_grouped() {
    assert!(has("Distilled a transformer ranker", "Transformers"));
    assert!(has("Built data pipelines", "Data Pipelines"));
    assert!(has("Built a data pipeline", "Data Pipelines"));
    assert!(has("Ran A/B tests on pricing", "A/B Testing"));
    assert!(has("Trained LLMs", "Large Language Models"));
    assert!(has("large language model evaluation", "Large Language Models"));
}

#[test]
fn hyphen_space_and_no_space_variants_are_one_term() {
    assert!(has("fine-tuning of BERT", "Fine-Tuning"));
    assert!(has("fine tuning of BERT", "Fine-Tuning"));
    assert!(has("finetuning of BERT", "Fine-Tuning"));
    assert!(has("Hugging Face Transformers", "Hugging Face"));
    assert!(has("HuggingFace models", "Hugging Face"));
    assert!(has("scikit learn", "scikit-learn"));
    assert!(has("Scikit-Learn and sklearn", "scikit-learn"));
    assert!(has("Continuous Integration / Continuous Delivery", "CI/CD"));
}

#[test]
fn acronym_and_full_form_are_both_recognised() {
    assert!(has("Built NLP pipelines", "Natural Language Processing"));
    assert!(has(
        "natural language processing research",
        "Natural Language Processing"
    ));
    assert!(has("RAG chatbot", "Retrieval-Augmented Generation"));
    assert!(has("retrieval augmented generation", "Retrieval-Augmented Generation"));
    assert!(has("Ran k8s clusters", "Kubernetes"));
    assert!(
        !has("Served 5 ml of solution", "Machine Learning"),
        "ML is case-sensitive"
    );
    assert!(!has("rag doll", "Retrieval-Augmented Generation"));
}

/// The tables build.rs embedded are what compiling the embedded sets gives now: same code, same
/// files, so a stale build or a difference between build-time and run-time compilation shows here.
#[test]
fn builtin_tables_equal_run_time_compilation() {
    use super::compile::Tables;
    let sets = KeywordSets::builtin();
    let run_time = Tables::compile(sets.all()).to_rust();
    let built = super::engine::builtin::BUILTIN.to_rust();
    assert!(
        run_time == built,
        "the embedded keyword tables differ from compiling keywords/ now"
    );
    assert_eq!(Engine::builtin().tables.roles.len(), sets.all().len());
}

#[test]
fn acronym_pairs_are_classified() {
    use super::compile::FormKind;
    let e = engine();
    let t = &e.tables;
    let forms = |term: &str| t.forms_of(t.terms.iter().find(|x| t.str(x.term) == term).unwrap());
    let nlp = forms("Natural Language Processing");
    assert_eq!(nlp[0].kind, FormKind::Full);
    assert_eq!(nlp[1].kind, FormKind::Acronym);
    let cicd = forms("CI/CD");
    assert_eq!(cicd[0].kind, FormKind::Acronym);
    assert_eq!(cicd[1].kind, FormKind::Full);
    assert!(forms("Kubernetes").iter().all(|f| f.kind == FormKind::Other));
}

// ---- the keyword part ----

const RESUME: &str = "Jane Doe\njane@example.com | github.com/janedoe\n\
SUMMARY\nMachine Learning Engineer building NLP systems with PyTorch.\n\
EXPERIENCE\nML Engineer, Acme\n- Deployed a PyTorch ranking model on Kubernetes serving 40M users\n\
- Built data pipelines in Python and Spark\n\
SKILLS\nPython, SQL, Docker, PyTorch, Excel, sci-kit learn, Tensorflow 2, MLflow, Kubernets\n\
EDUCATION\nM.S. Computer Science";

#[test]
fn placement_counts_skills_only_less() {
    let o = run(RESUME, Some("test-engineer"), None);
    let kw = &o.keywords;
    let py = kw.matched.iter().find(|m| m.term == "PyTorch").unwrap();
    assert!(py.sections.contains(&SectionKind::Experience) && py.sections.contains(&SectionKind::Skills));
    assert_eq!(py.count, 3);
    let docker = kw.matched.iter().find(|m| m.term == "Docker").unwrap();
    assert_eq!(docker.sections, vec![SectionKind::Skills]);
    assert!(o
        .findings
        .iter()
        .any(|s| s.finding.code == "skill-listed-not-used" && s.finding.message.contains("Docker")));
    // Below the target coverage, listing only costs points; shown in use costs none.
    let thin = run(
        "Jane\nEXPERIENCE\n- Trained PyTorch models\nSKILLS\nDocker, PyTorch",
        Some("test-engineer"),
        None,
    );
    let listed = thin
        .findings
        .iter()
        .find(|s| s.finding.code == "skill-listed-not-used" && s.finding.message.contains("Docker"))
        .expect("Docker only listed");
    assert!(listed.lost > 0.0);
    assert_eq!(listed.finding.section, Some(SectionKind::Skills));
    assert_eq!(listed.finding.evidence.as_deref(), Some("Docker"));
    let shown = run(
        "Jane\nEXPERIENCE\n- Trained PyTorch models in Docker\nSKILLS\nDocker, PyTorch",
        Some("test-engineer"),
        None,
    );
    assert!(shown.keywords.coverage > thin.keywords.coverage);
    assert!(shown.keyword_score.unwrap() > thin.keyword_score.unwrap());
    assert_losses_add_up(&thin);
    assert!(!o
        .findings
        .iter()
        .any(|s| s.finding.code == "skill-listed-not-used" && s.finding.message.contains("'PyTorch'")));
    assert!(kw.coverage > 0.0 && kw.coverage < 1.0);
    assert_losses_add_up(&o);
}

#[test]
fn missing_core_terms_carry_learn_text() {
    let o = run(RESUME, Some("test-engineer"), None);
    let missing = o
        .keywords
        .missing
        .iter()
        .find(|m| m.term == "Large Language Models")
        .expect("missing LLMs");
    assert_eq!(missing.learn.as_deref(), Some("Fine-tune and evaluate an open LLM."));
    let f = o
        .findings
        .iter()
        .find(|s| s.finding.code == "missing-keywords" && s.finding.message.contains("'Large Language Models'"))
        .expect("one finding per core term");
    assert!(f.finding.suggestion.contains("Fine-tune and evaluate an open LLM."));
    assert!(f.finding.suggestion.contains("bullet") && f.finding.suggestion.contains("Skills"));
    assert!(
        f.finding.evidence.is_none() && f.finding.offset.is_none(),
        "an absence has no span"
    );
}

#[test]
fn near_forms_are_reported_with_the_exact_term() {
    let o = run(RESUME, Some("test-engineer"), None);
    let near = &o.keywords.near;
    assert!(
        near.iter()
            .any(|n| n.term == "scikit-learn" && n.found == "sci-kit learn"),
        "{near:?}"
    );
    assert!(
        near.iter().any(|n| n.term == "TensorFlow" && n.found == "Tensorflow 2"),
        "{near:?}"
    );
    assert!(
        near.iter().any(|n| n.term == "Kubernetes" && n.found == "Kubernets")
            || o.keywords.matched.iter().any(|m| m.term == "Kubernetes")
    );
    let sk = o
        .findings
        .iter()
        .find(|s| s.finding.code == "keyword-near-miss" && s.finding.message.contains("sci-kit learn"))
        .unwrap();
    let thin = run("Jane\nSKILLS\nsci-kit learn, Python", Some("test-engineer"), None);
    let lost = thin
        .findings
        .iter()
        .find(|s| s.finding.code == "keyword-near-miss")
        .map(|s| s.lost);
    assert!(
        lost.unwrap() > 0.0,
        "a split form a literal search misses costs its weight"
    );
    assert_losses_add_up(&thin);
    assert!(sk.finding.suggestion.contains("'scikit-learn'"));
    let tf = o
        .findings
        .iter()
        .find(|s| s.finding.code == "keyword-near-miss" && s.finding.message.contains("Tensorflow 2"))
        .unwrap();
    assert_eq!(tf.lost, 0.0, "case only: still credited");
    assert!(o.keywords.matched.iter().any(|m| m.term == "TensorFlow"));
    assert!(
        !o.keywords.missing.iter().any(|m| m.term == "scikit-learn"),
        "near, not missing"
    );
}

#[test]
fn typo_in_a_list_is_a_near_miss() {
    // "Kubernets" stems like "Kubernetes" and is credited; a transposition is not.
    assert!(has("Kubernets", "Kubernetes"));
    let text = "Jane\nSKILLS\nPython, Kubernetse, Dockerr";
    let o = run(text, Some("test-engineer"), None);
    assert!(
        o.keywords
            .near
            .iter()
            .any(|n| n.term == "Kubernetes" && n.found == "Kubernetse"),
        "{:?}",
        o.keywords.near
    );
    assert!(o
        .keywords
        .near
        .iter()
        .any(|n| n.term == "Docker" && n.found == "Dockerr"));
    // Not in a list, not capitalised: no guess.
    let o = run(
        "Jane\nEXPERIENCE\n- looked into dockers and decked the halls",
        Some("test-engineer"),
        None,
    );
    assert!(o.keywords.near.is_empty(), "{:?}", o.keywords.near);
}

#[test]
fn acronym_only_and_full_form_only_are_suggestions() {
    let o = run(
        "Jane\nEXPERIENCE\n- Built NLP services\n- Trained large language models",
        Some("test-engineer"),
        None,
    );
    let acr = o
        .findings
        .iter()
        .find(|s| s.finding.code == "acronym-only")
        .expect("NLP only");
    assert!(acr.finding.suggestion.contains("Natural Language Processing (NLP)"));
    assert_eq!(acr.lost, 0.0);
    let full = o
        .findings
        .iter()
        .find(|s| s.finding.code == "full-form-only")
        .expect("LLM full only");
    assert!(full.finding.suggestion.contains("Large Language Models (LLM)"));
    let o = run(
        "Jane\nEXPERIENCE\n- Natural Language Processing (NLP) services",
        Some("test-engineer"),
        None,
    );
    assert!(!o
        .findings
        .iter()
        .any(|s| s.finding.code == "acronym-only" || s.finding.code == "full-form-only"));
}

#[test]
fn repetition_is_stuffing_not_a_bonus() {
    let once = run("Jane\nEXPERIENCE\n- Python services", Some("test-engineer"), None);
    let text = "Jane\nEXPERIENCE\n- Python services\nSKILLS\nPython, Python, Python, Python, Python";
    let o = run(text, Some("test-engineer"), None);
    let f = o
        .findings
        .iter()
        .find(|s| s.finding.code == "keyword-stuffing")
        .expect("stuffing");
    assert!(f.lost > 0.0);
    assert!(f.finding.evidence.as_deref().unwrap().contains("Python, Python"));
    assert!(
        o.keyword_score.unwrap() < once.keyword_score.unwrap() + 1e-9,
        "never a bonus"
    );
    assert_losses_add_up(&o);
}

#[test]
fn hidden_text_earns_nothing_and_is_quoted() {
    let text = "Jane\nEXPERIENCE\n- Python services\nKubernetes Docker PyTorch Machine Learning";
    let mut d = doc(text);
    d.signals.hidden_text.push(ats_parse::HiddenText {
        page: 1,
        text: "Kubernetes Docker PyTorch Machine Learning".to_string(),
        reason: ats_parse::HiddenReason::WhiteOnWhite,
    });
    let sets = sets();
    let e = Engine::new(&sets);
    let o = e.evaluate(&d, &sections_for(text), e.role_by_id("test-engineer"), None);
    assert!(!o
        .keywords
        .matched
        .iter()
        .any(|m| m.term == "Kubernetes" || m.term == "PyTorch"));
    let f = o
        .findings
        .iter()
        .find(|s| s.finding.code == "keyword-stuffing" && s.finding.severity == crate::report::Severity::Error)
        .expect("hidden keywords");
    assert!(f.finding.message.contains("Kubernetes"));
    assert_eq!(f.finding.offset, Some(text.find("Kubernetes").unwrap()));
    assert!(f.lost > 0.0);
    assert_losses_add_up(&o);
}

#[test]
fn portfolio_and_deployment_signals() {
    let plain = "Jane\njane@example.com | linkedin.com/in/jane\nEXPERIENCE\n- Trained a CNN in a notebook\nSKILLS\nModel Deployment";
    let o = run(plain, Some("test-engineer"), None);
    assert!(o.findings.iter().any(|s| s.finding.code == "no-portfolio-link"));
    assert!(o.findings.iter().any(|s| s.finding.code == "no-deployed-project"));
    let o = run(RESUME, Some("test-engineer"), None);
    assert!(!o.findings.iter().any(|s| s.finding.code == "no-portfolio-link"));
    assert!(!o.findings.iter().any(|s| s.finding.code == "no-deployed-project"));
    // A link annotation counts too.
    let mut d = doc(plain);
    d.signals.links.push(ats_parse::Link {
        page: 1,
        url: "https://github.com/jane".into(),
        text: Some("GitHub".into()),
    });
    let sets = sets();
    let e = Engine::new(&sets);
    let o = e.evaluate(&d, &sections_for(plain), e.role_by_id("test-engineer"), None);
    assert!(!o.findings.iter().any(|s| s.finding.code == "no-portfolio-link"));
    // Roles that do not stress them are not told.
    let o = run(plain, Some("test-analyst"), None);
    assert!(!o.findings.iter().any(|s| s.finding.code == "no-deployed-project"));
}

#[test]
fn role_fit_lists_the_best_roles_and_suggests_a_better_one() {
    let text =
        "Jane\nSUMMARY\nData Analyst\nEXPERIENCE\n- Built Tableau dashboards and Excel reports with SQL and Statistics";
    let o = run(text, None, None);
    assert!(o.keywords.matched.is_empty() && o.keyword_score.is_none());
    assert_eq!(o.role_fit[0].id, "test-analyst");
    assert_eq!(o.role_fit.len(), 2);
    let o = run(text, Some("test-engineer"), None);
    let f = o
        .findings
        .iter()
        .find(|s| s.finding.code == "better-fitting-role")
        .expect("analyst fits better");
    assert_eq!(f.lost, 0.0);
    assert_eq!(f.finding.severity, crate::report::Severity::Suggestion);
    assert!(f.finding.suggestion.contains("--role test-analyst"));
    assert_losses_add_up(&o);
    let o = run(RESUME, Some("test-engineer"), None);
    assert!(!o.findings.iter().any(|s| s.finding.code == "better-fitting-role"));
}

#[test]
fn job_posting_terms_rate_and_title() {
    // Terms are known terms and named technologies only: a phrase the posting repeats ("demand
    // forecasting") is not a term (it used to be, and company names and places came in the
    // same way).
    let posting = "Senior Machine Learning Engineer - Remote\n\
        We need Kubernetes, Docker and PyTorch. You will own demand forecasting models.\n\
        Demand forecasting experience with Kubernetes is a must. Work with data scientists.\n\
        Nice to have: Kafka streaming; demand forecasting at scale.";
    let o = run(RESUME, Some("test-engineer"), Some(posting));
    let jm = o.job_match.as_ref().expect("job match");
    assert_eq!(jm.title.as_deref(), Some("Senior Machine Learning Engineer"));
    assert!(jm.title_matched, "résumé has Machine Learning Engineer");
    assert!(jm.scored);
    let kube = jm.matched.iter().find(|t| t.term == "Kubernetes").expect("Kubernetes");
    assert_eq!((kube.count, kube.importance), (2, crate::report::Importance::Required));
    let kafka = jm
        .missing
        .iter()
        .find(|t| t.term == "Kafka")
        .expect("Kafka, a technology");
    assert_eq!(kafka.category, "technology");
    assert_eq!(kafka.importance, crate::report::Importance::Preferred);
    assert!(
        !jm.matched
            .iter()
            .chain(&jm.missing)
            .any(|t| t.term.to_lowercase().contains("forecasting")),
        "a repeated phrase is not a term"
    );
    assert!(jm.match_rate > 0.0 && jm.match_rate < 1.0);
    assert!(jm.missing.windows(2).all(|w| w[0].weight >= w[1].weight), "ranked");
    assert!(o
        .findings
        .iter()
        .any(|s| s.finding.code == "job-posting-gap" && s.finding.message.contains("Kafka")));
    assert_losses_add_up(&o);
}

#[test]
fn preferred_terms_weigh_half_of_required_ones() {
    let required = run(RESUME, Some("test-engineer"), Some("Requirements:\n- Kafka\n- PyTorch"));
    let preferred = run(
        RESUME,
        Some("test-engineer"),
        Some("Requirements:\n- PyTorch\nNice to have:\n- Kafka"),
    );
    let kafka = |o: &Outcome| {
        o.job_match
            .as_ref()
            .and_then(|j| j.missing.iter().find(|t| t.term == "Kafka").cloned())
            .expect("Kafka missing")
    };
    let (r, p) = (kafka(&required), kafka(&preferred));
    assert_eq!(r.importance, crate::report::Importance::Required);
    assert_eq!(p.importance, crate::report::Importance::Preferred);
    assert!(
        (p.weight - r.weight / 2.0).abs() < 0.011,
        "{} vs {}",
        p.weight,
        r.weight
    );
    // The same gap costs less when it is only preferred.
    assert!(preferred.job_match_score > required.job_match_score);
    // A term both required and preferred is required.
    let both = run(
        RESUME,
        Some("test-engineer"),
        Some("Must have: Kafka\nBonus: Kafka Streams experience"),
    );
    assert_eq!(kafka(&both).importance, crate::report::Importance::Required);
    assert_eq!(kafka(&both).count, 2);
}

#[test]
fn company_place_benefit_and_legal_text_yield_no_terms() {
    let posting = "Northwind Traders\nAbout Northwind Traders\nNorthwind Traders is a family company in \
        Springfield, Oregon, serving Contoso Bank and Fabrikam since 1998. Northwind Traders values \
        Integrity, Excellence and Fun. Northwind Traders Northwind Traders.\n\
        Benefits:\n- Medical, Dental and Vision Insurance\n- Generous Paid Time Off\n- 401(k) Matching\n\
        - Free Lunch at our Springfield Campus\n\
        Northwind Traders is an equal opportunity employer. We do not discriminate on the basis of race, \
        religion, color, national origin, gender, sexual orientation, age, marital status, veteran status, \
        or disability status.";
    let o = run(RESUME, None, Some(posting));
    let jm = o.job_match.as_ref().expect("job match");
    assert!(
        jm.matched.is_empty() && jm.missing.is_empty(),
        "{:?} {:?}",
        jm.matched,
        jm.missing
    );
    assert!(!jm.scored);
    assert_eq!(o.job_match_score, None, "no score from nothing to match");
    let notes: Vec<&str> = o.findings.iter().map(|s| s.finding.code.as_str()).collect();
    assert_eq!(notes, ["job-posting-no-terms"], "one note, nothing else");
    assert_losses_add_up(&o);
}

#[test]
fn gibberish_posting_is_one_note_and_no_score() {
    // Fixture: pseudo-words, capitalised and repeated, as a garbled file gives.
    let mut rng = ats_testkit::xorshift(14);
    let mut below = |n: u64| (rng() % n) as usize;
    let mut posting = String::new();
    for line in 0..30 {
        for word in 0..12 {
            let len = 3 + below(7);
            let mut w: String = (0..len).map(|_| (b'a' + below(26) as u8) as char).collect();
            if word == 0 || line % 3 == 0 {
                w[..1].make_ascii_uppercase();
            }
            posting.push_str(&w);
            posting.push(' ');
        }
        posting.push_str("Zorbax Quell. Zorbax Quell.\n");
        // Short lowercase runs that spell an acronym of a term ("nlp" for NLP) come up in noise.
        posting.push_str("nlp qtv cnn.\n");
    }
    let o = run(RESUME, Some("test-engineer"), Some(&posting));
    let jm = o.job_match.as_ref().expect("job match");
    assert!(!jm.scored && jm.missing.is_empty() && jm.matched.is_empty());
    assert_eq!(jm.match_rate, 0.0);
    assert!(jm.match_rate.is_sign_positive(), "never -0");
    assert_eq!(o.job_match_score, None);
    assert_eq!(
        o.findings.iter().filter(|s| s.finding.code.starts_with("job-")).count(),
        1,
        "one note"
    );
    assert_losses_add_up(&o);
}

#[test]
fn job_posting_works_without_a_role_and_checks_the_title() {
    let posting = "Title: Data Analyst (Contract)\nSQL, Tableau and Excel daily. SQL reporting.";
    let o = run("Jane\nEXPERIENCE\n- Wrote SQL for finance", None, Some(posting));
    let jm = o.job_match.as_ref().unwrap();
    assert_eq!(jm.title.as_deref(), Some("Data Analyst"));
    assert!(!jm.title_matched);
    assert!(jm.matched.iter().any(|t| t.term == "SQL" && t.count == 2));
    assert!(jm.missing.iter().any(|t| t.term == "Tableau"));
    assert!(o.findings.iter().any(|s| s.finding.code == "job-title-mismatch"));
    assert!(o.keyword_score.is_none() && o.job_match_score.is_some());
    assert_losses_add_up(&o);
}

#[test]
fn posting_title_falls_back_to_a_named_job_title() {
    // No title line, a first line that is not a title: the job title the posting names most.
    let posting = "About the role\nWe are hiring a Machine Learning Engineer to own Kubernetes serving. \
                   The Machine Learning Engineer reports to the CTO and works with a Test Analyst.";
    let o = run(RESUME, Some("test-engineer"), Some(posting));
    let jm = o.job_match.unwrap();
    assert_eq!(jm.title.as_deref(), Some("Machine Learning Engineer"));
    assert!(jm.title_matched);
    assert!(
        !jm.matched.iter().chain(&jm.missing).any(|t| t.category == "job-title"),
        "titles are not posting terms"
    );
}

#[test]
fn outcome_is_deterministic() {
    let posting = "Title: ML Engineer\nKubernetes, Docker, PyTorch, Airflow. Feature store design; feature store \
                   ops. Kubeflow pipelines, Kubeflow pipelines. Demand forecasting and demand forecasting.";
    let first = run(RESUME, Some("test-engineer"), Some(posting));
    for _ in 0..5 {
        assert_eq!(run(RESUME, Some("test-engineer"), Some(posting)), first);
    }
}

#[test]
fn empty_posting_has_no_score() {
    let o = run(RESUME, None, Some("   \n  "));
    assert!(o.job_match.is_some());
    assert!(o.job_match_score.is_none());
    assert_losses_add_up(&o);
}

#[test]
fn checks_are_unique_documented_and_cover_every_finding() {
    let mut codes: Vec<&str> = super::CHECKS.iter().map(|c| c.code).collect();
    codes.sort();
    let n = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), n, "codes are unique");
    for c in super::CHECKS {
        assert!(
            c.code.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'),
            "{} is kebab-case",
            c.code
        );
        for doc in [c.name, c.what, c.why, c.example, c.fix] {
            assert!(!doc.trim().is_empty(), "{} is documented", c.code);
        }
    }
    let posting = "Title: Data Analyst\nSQL, Tableau and Excel daily. SQL reporting.";
    for o in [
        run(RESUME, Some("test-engineer"), Some(posting)),
        run(
            "Jane\nEXPERIENCE\n- Built NLP services",
            Some("test-engineer"),
            Some(posting),
        ),
    ] {
        for s in &o.findings {
            assert!(
                codes.contains(&s.finding.code.as_str()),
                "{} is registered",
                s.finding.code
            );
        }
    }
}

/// Minimum and median time of `f` over `n` calls: the minimum is robust to a loaded machine.
fn min_median(n: usize, f: &dyn Fn()) -> (std::time::Duration, std::time::Duration) {
    let mut times: Vec<std::time::Duration> = (0..n)
        .map(|_| {
            let t0 = std::time::Instant::now();
            f();
            t0.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[n / 2])
}

/// Timing on the builtin sets: one role + role fit over all roles on a one-page résumé (the
/// corpus's senior ML engineer, ~300 words, and the same text doubled, ~600 words), with and
/// without a job posting. Prints minimum / median per call.
/// `cargo test -p ats-score --release --lib keyword_timing -- --ignored --nocapture`
#[test]
#[ignore]
fn keyword_timing() {
    let sets = KeywordSets::builtin();
    let t0 = std::time::Instant::now();
    let e = Engine::new(&sets);
    println!(
        "engine build at run time {:?} ({} roles, {} terms)",
        t0.elapsed(),
        sets.all().len(),
        e.tables.terms.len()
    );
    let Some(r) = e.role_by_id("ml-engineer") else {
        return;
    };
    let one = std::fs::read_to_string(
        ats_testkit::corpus_path().join("fictional/priya-raman-senior-ml-engineer.pdf.pdftotext.txt"),
    )
    .unwrap_or_else(|_| RESUME.to_string());
    let posting = posting_of(
        "Senior Machine Learning Engineer\nWe use PyTorch, Kubernetes, Airflow and AWS. Feature store \
         experience. Feature store design. Demand forecasting, demand forecasting, demand forecasting.",
    );
    let posting = &posting;
    for text in [one.clone(), format!("{one}\n{one}")] {
        let d = doc(&text);
        let spans = sections_for(&text);
        let scan = e.scan(&text, &spans, &[]);
        let aggs = e.aggregate(&scan);
        type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
        let steps: Vec<Step> = vec![
            ("tokenize", Box::new(|| drop(std::hint::black_box(tokenize(&text))))),
            (
                "scan",
                Box::new(|| drop(std::hint::black_box(e.scan(&text, &spans, &[])))),
            ),
            (
                "near",
                Box::new(|| drop(std::hint::black_box(e.near_forms(&scan, &text, &spans, r)))),
            ),
            ("aggregate", Box::new(|| drop(std::hint::black_box(e.aggregate(&scan))))),
            (
                "posting",
                Box::new(|| {
                    drop(std::hint::black_box(e.job_part(
                        posting,
                        &scan,
                        &aggs,
                        Some(r),
                        &text,
                        &spans,
                    )))
                }),
            ),
            (
                "evaluate",
                Box::new(|| drop(std::hint::black_box(e.evaluate(&d, &spans, Some(r), None)))),
            ),
            (
                "evaluate+jd",
                Box::new(|| drop(std::hint::black_box(e.evaluate(&d, &spans, Some(r), Some(posting))))),
            ),
        ];
        println!("{} words:", text.split_whitespace().count());
        for (label, f) in &steps {
            let (min, median) = min_median(300, f.as_ref());
            println!("  {label:<12} min {min:>10.1?}  median {median:>10.1?}");
        }
    }
}

#[test]
fn a_posting_repeating_a_term_and_a_degree_thousands_of_times_is_read_in_one_pass() {
    // Hostile input: places are deduplicated once, degree words found by binary search.
    let posting = "Kubernetes and Kafka, MS or PhD. ".repeat(20_000);
    let t0 = std::time::Instant::now();
    let o = run(RESUME, Some("test-engineer"), Some(&posting));
    let jm = o.job_match.expect("job match");
    let kube = jm.matched.iter().find(|t| t.term == "Kubernetes").expect("Kubernetes");
    assert_eq!(kube.count, 20_000);
    assert_eq!(
        jm.missing.iter().find(|t| t.term == "Kafka").map(|t| t.count),
        Some(20_000)
    );
    assert!(t0.elapsed() < std::time::Duration::from_secs(20), "{:?}", t0.elapsed());
}

#[test]
fn stems_of_any_letters_never_panic() {
    let long = "ational".repeat(2000);
    for w in [
        "ΣΟΦΊΑ",
        "σοφίες",
        "straße",
        "naïvetés",
        "ﬁnetuning",
        "ｓｔｅｍｍｉｎｇ",
        "i̇stanbul",
        "ǅemal",
        "yyyyyyy",
        "ying",
        "eeeeeed",
        "ssssss",
        "ies",
        "ied",
        "sses",
        long.as_str(),
    ] {
        let lower = w.to_lowercase();
        let s = stem(&lower);
        assert!(s.len() <= lower.len() + 1, "{w} -> {s}");
        let toks = tokenize(w);
        for t in toks.iter() {
            assert!(!toks.stem(t).is_empty() || toks.lower(t).is_empty(), "{w}");
        }
    }
}
