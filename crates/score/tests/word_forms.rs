//! Skills found in any word form (issue 14, deliverable 1): verb and noun forms meet, implied
//! skills count where their implying names are written, a job title is evidence of the skill it
//! names, and advice asks for the form recruiters search. Fixtures are written here; each résumé
//! is long enough (50+ words) to pass the too-little-text gate.

use ats_score::{Analyzer, Report, Request, YearMonth};

const TODAY: YearMonth = YearMonth { year: 2026, month: 12 };

/// A résumé with the given summary, experience bullets and skills line, padded with neutral
/// sentences that name no skill of any role.
fn resume(title: &str, bullets: &[&str], skills: &str) -> String {
    let mut text = String::from(
        "Alex Morgan\nalex.morgan@example.com | +1 206 555 0100 | Seattle, WA\n\nSUMMARY\n\
         Careful professional who works closely with colleagues across several offices, keeps \
         promises to customers, writes clearly and measures every change before it ships.\n\n\
         EXPERIENCE\n",
    );
    text.push_str(title);
    text.push_str(" | Mar 2020 - Present\n");
    for b in bullets {
        text.push_str("- ");
        text.push_str(b);
        text.push('\n');
    }
    text.push_str("\nEDUCATION\nB.S. Computer Science, State University | 2014 - 2018\n\nSKILLS\n");
    text.push_str(skills);
    text.push('\n');
    text
}

fn analyze(resume: &str, role: &str) -> Report {
    let doc = ats_parse::extract(resume.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
    let r = Analyzer::builtin()
        .analyze(
            &doc,
            &Request {
                role: Some(role),
                job_posting: None,
                today: Some(TODAY),
            },
        )
        .expect("known role");
    assert!(
        r.blocked_by.is_none(),
        "the fixture passes the gate: {:?}",
        r.blocked_by
    );
    r
}

fn missing(r: &Report, term: &str) -> bool {
    r.keywords.missing.iter().any(|m| m.term == term)
}

fn matched_in(r: &Report, term: &str) -> Option<Vec<String>> {
    r.keywords.matched.iter().find(|m| m.term == term).map(|m| {
        m.sections
            .iter()
            .map(|s| {
                serde_json::to_value(s)
                    .unwrap()
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    })
}

/// Whether a finding says `term` appears only in a list.
fn said_listed_only(r: &Report, term: &str) -> bool {
    r.findings
        .iter()
        .any(|f| f.code == "skill-listed-not-used" && (f.message.contains(term) || f.suggestion.contains(term)))
}

#[test]
fn a_deployed_model_is_model_deployment() {
    let r = analyze(
        &resume(
            "Machine Learning Engineer, Contoso",
            &[
                "Deployed the churn model as a REST service with PyTorch and FastAPI on AWS, cutting latency 30%",
                "Built the feature pipeline in Python and SQL that feeds four teams",
            ],
            "Python, SQL, PyTorch, AWS",
        ),
        "ml-engineer",
    );
    assert!(!missing(&r, "Model Deployment"), "{:?}", r.keywords.missing);
    assert_eq!(matched_in(&r, "Model Deployment").unwrap(), ["experience"]);
}

#[test]
fn serving_a_model_with_a_serving_runtime_is_model_serving_and_serving_food_is_not() {
    let r = analyze(
        &resume(
            "Machine Learning Engineer, Contoso",
            &[
                "Trained a ranking model in PyTorch and exported it, serving it with ONNX Runtime at 5k requests a second",
                "Built the feature pipeline in Python and SQL that feeds four teams",
            ],
            "Python, SQL, PyTorch",
        ),
        "ml-engineer",
    );
    assert!(!missing(&r, "Model Serving"), "{:?}", r.keywords.missing);

    let r = analyze(
        &resume(
            "Shift Supervisor, Harbor Diner",
            &[
                "Served 300 guests a night, serving food and drinks across twelve tables with four waiters",
                "Trained new staff on the till and kept the weekly stock count within budget",
            ],
            "Customer service, cash handling",
        ),
        "ml-engineer",
    );
    assert!(missing(&r, "Model Serving"), "serving food is not model serving");
}

#[test]
fn trained_object_detectors_are_object_detection_in_the_work() {
    let r = analyze(
        &resume(
            "Computer Vision Engineer, Contoso",
            &[
                "Trained YOLOv8 object detectors for shelf images, raising mAP from 0.61 to 0.74",
                "Built the labelling pipeline in Python that feeds four teams",
            ],
            "Python, PyTorch, Object Detection",
        ),
        "computer-vision-engineer",
    );
    assert!(!said_listed_only(&r, "Object Detection"), "{:?}", r.findings);
    assert!(matched_in(&r, "Object Detection")
        .unwrap()
        .contains(&"experience".to_string()));
}

#[test]
fn an_implying_technique_is_evidence_of_the_skill() {
    let r = analyze(
        &resume(
            "NLP Engineer, Contoso",
            &[
                "Fine-tuned Llama 2 with LoRA on 40k support tickets, raising answer accuracy 12 points",
                "Built the evaluation harness in Python that four teams now use",
            ],
            "Python, PyTorch, Hugging Face Transformers",
        ),
        "nlp-engineer",
    );
    assert!(
        !missing(&r, "Parameter-Efficient Fine-Tuning"),
        "{:?}",
        r.keywords.missing
    );
    // LoRA is a term of its own as well.
    assert!(matched_in(&r, "LoRA").is_some());

    let r = analyze(
        &resume(
            "Computer Vision Engineer, Contoso",
            &[
                "Fine-tuned YOLO and Faster R-CNN on 20k warehouse photos, reaching 0.72 mAP",
                "Built the labelling pipeline in Python that feeds four teams",
            ],
            "Python, PyTorch",
        ),
        "computer-vision-engineer",
    );
    assert!(!missing(&r, "Object Detection"), "{:?}", r.keywords.missing);
    // Never asked for by an implying name.
    assert!(!r.findings.iter().any(|f| f.suggestion.contains("Faster R-CNN")));
}

#[test]
fn a_job_title_is_evidence_of_the_skill_it_names() {
    let r = analyze(
        &resume(
            "Technical Writer, Contoso",
            &[
                "Wrote the API reference and 40 how-to guides for the model platform, read by 10k developers a month",
                "Cut support tickets about setup by a third with a rewritten quick-start",
            ],
            "Technical Writing, Markdown, Git",
        ),
        "prompt-engineer",
    );
    assert!(!said_listed_only(&r, "Technical Writing"), "{:?}", r.findings);
    assert!(matched_in(&r, "Technical Writing")
        .unwrap()
        .contains(&"experience".to_string()));
}

#[test]
fn a_skill_named_in_a_degree_is_not_a_job_title() {
    let mut text = resume(
        "NLP Engineer, Contoso",
        &[
            "Built named-entity recognition for French and German contracts with spaCy and PyTorch",
            "Cut review time by a third for the legal team of forty",
        ],
        "Python, spaCy, PyTorch",
    );
    text = text.replace("B.S. Computer Science", "Master in Computational Linguistics");
    let r = analyze(&text, "nlp-engineer");
    assert!(matched_in(&r, "Computational Linguistics").is_some());
    assert!(
        matched_in(&r, "Computational Linguist").is_none(),
        "a degree names a field, not the title"
    );
}

#[test]
fn a_leader_shows_leadership_and_lead_the_metal_does_not() {
    let r = analyze(
        &resume(
            "Senior Product Manager, Contoso",
            &[
                "Named Product Leader of the Year for the launch of the assistant used by 2M people",
                "Ran discovery with 40 customers and set the roadmap for three teams",
            ],
            "Roadmapping, user research",
        ),
        "ai-product-manager",
    );
    assert!(!missing(&r, "Leadership"), "{:?}", r.keywords.missing);

    let r = analyze(
        &resume(
            "Environmental Technician, Harbor Labs",
            &[
                "Measured lead in drinking water at 300 homes and reported levels to the city",
                "Sampled soil near the old smelter and kept the chain of custody for every sample",
            ],
            "Field sampling, lab safety",
        ),
        "ai-product-manager",
    );
    assert!(missing(&r, "Leadership"), "lead the metal is not leadership");
}

#[test]
fn mentored_is_mentoring() {
    let r = analyze(
        &resume(
            "Senior Machine Learning Engineer, Contoso",
            &[
                "Mentored 4 engineers through their first production launches, two now lead projects",
                "Built the feature pipeline in Python and SQL that feeds four teams",
            ],
            "Python, SQL, PyTorch",
        ),
        "ml-engineer",
    );
    assert!(!missing(&r, "Mentoring"), "{:?}", r.keywords.missing);
}

#[test]
fn a_short_acronym_alone_in_skills_counts() {
    let r = analyze(
        &resume(
            "NLP Engineer, Contoso",
            &[
                "Built named-entity recognition for French and German contracts, cutting review time by a third",
                "Ran the annotation guidelines for a team of six linguists",
            ],
            "BERT",
        ),
        "nlp-engineer",
    );
    assert!(!missing(&r, "BERT"), "{:?}", r.keywords.missing);
}

#[test]
fn advice_asks_for_the_form_recruiters_search() {
    let r = analyze(
        &resume(
            "Machine Learning Engineer, Contoso",
            &[
                "Wrote SQL for the nightly churn features and deployed the model with PyTorch on AWS",
                "Built the feature pipeline in Python that feeds four teams, cutting latency 30%",
            ],
            "Python, SQL, PyTorch, AWS",
        ),
        "ml-engineer",
    );
    for f in &r.findings {
        assert!(
            !f.suggestion.contains("Structured Query Language") && !f.suggestion.contains("(MLE)"),
            "an expansion nobody searches for: {}",
            f.suggestion
        );
    }

    // The searched form is the full one here: writing only the acronym still gets the advice.
    let r = analyze(
        &resume(
            "NLP Engineer, Contoso",
            &[
                "Built NLP pipelines for French and German contracts with spaCy, cutting review time by a third",
                "Ran the annotation guidelines for a team of six linguists",
            ],
            "Python, NLP, spaCy",
        ),
        "nlp-engineer",
    );
    assert!(
        r.findings
            .iter()
            .any(|f| f.code == "acronym-only" && f.suggestion.contains("Natural Language Processing (NLP)")),
        "{:?}",
        r.findings.iter().map(|f| &f.suggestion).collect::<Vec<_>>()
    );
}
