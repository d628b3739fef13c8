//! The keyword checks: codes, names and the docs `ats-check explain CODE` prints.

use crate::checks::{Check, Part};
use crate::report::Severity;

pub(super) const MISSING_KEYWORDS: Check = Check {
    code: "missing-keywords",
    name: "Role keywords missing",
    severity: Severity::Warning,
    part: Part::Keywords,
    what: "Finds the terms of the chosen role's keyword set that the résumé never names: one finding per core \
           term (weight 4 or 5), one per category for the rest.",
    why: "Recruiters find candidates by searching the ATS for skills, tools and titles; hard skills weigh most, \
          then soft skills, title and education. Many ATS searches are literal: a skill the résumé does not name \
          is a skill the search does not find.",
    example: "A Machine Learning Engineer résumé that never names Docker, Kubernetes or a cloud platform.",
    fix: "Add the terms you can honestly claim: in a bullet that shows what you did with them (counts more), or in \
          Skills. For a core term you lack, the suggestion says what builds it.",
};

pub(super) const KEYWORD_NEAR_MISS: Check = Check {
    code: "keyword-near-miss",
    name: "Keyword written in a near form",
    severity: Severity::Warning,
    part: Part::Keywords,
    what: "Finds role terms written in a form close to, but not the same as, the form recruiters search: split or \
           joined differently (\"sci-kit learn\", \"Py Torch\", \"Nodejs\"), one letter off in a list \
           (\"Kubernets\"), or with a product name's capitals lost (\"Pytorch\", \"Tensorflow 2\").",
    why: "Many ATS searches are literal, so Jobscan advises the exact form of a keyword; a near form may not be \
          found. Split or misspelt forms earn no credit here; a lost capital costs nothing but is worth fixing.",
    example: "Skills: Python, sci-kit learn, Pytorch",
    fix: "Write it as the exact term: \"scikit-learn\", \"PyTorch\".",
};

pub(super) const ACRONYM_ONLY: Check = Check {
    code: "acronym-only",
    name: "Only the acronym is written",
    severity: Severity::Suggestion,
    part: Part::Keywords,
    what: "Finds role terms that appear only as an acronym (\"NLP\", \"RAG\") and never in full.",
    why: "Recruiters search either form; writing both the acronym and the full form once helps either search \
          find the résumé.",
    example: "Built NLP pipelines (never \"natural language processing\").",
    fix: "Write the full form once with the acronym beside it: \"Natural Language Processing (NLP)\"; use either \
          after that.",
};

pub(super) const FULL_FORM_ONLY: Check = Check {
    code: "full-form-only",
    name: "Only the full form is written",
    severity: Severity::Suggestion,
    part: Part::Keywords,
    what: "Finds role terms that appear only in full (\"large language models\") and never as the acronym \
           recruiters also search (\"LLM\").",
    why: "Recruiters search either form; writing both the acronym and the full form once helps either search \
          find the résumé.",
    example: "Fine-tuned large language models for support triage (never \"LLM\").",
    fix: "Add the acronym once beside the full form: \"Large Language Models (LLMs)\".",
};

pub(super) const KEYWORD_STUFFING: Check = Check {
    code: "keyword-stuffing",
    name: "Keyword stuffing",
    severity: Severity::Warning,
    part: Part::Keywords,
    what: "Finds a term repeated many times (10 or more in the résumé, or 4 or more on one line), and keywords in \
           text a reader cannot see (white, invisible, off-page or 1 pt text; reported as an error). Repetition \
           earns nothing and hidden keywords earn no credit here.",
    why: "Greenhouse- and Lever-style searches check whether a term is present, so repeating it does not help; \
          recruiters who notice repeated or hidden keywords treat it as an attempt to cheat the ATS.",
    example: "Skills: Python, Python (advanced), Python scripting, Python, Python — or a white-on-white line of \
              keywords at the bottom of the page.",
    fix: "Name each skill where you used it, once or twice per job; delete hidden text.",
};

pub(super) const SKILL_LISTED_NOT_USED: Check = Check {
    code: "skill-listed-not-used",
    name: "Skill listed but never shown in use",
    severity: Severity::Warning,
    part: Part::Keywords,
    what: "Finds role terms that appear only in a list (Skills, Education, the contact line) and never in an \
           experience, project or summary sentence. Such a term earns 60% of its weight.",
    why: "Where a keyword appears matters: recruiters and ranking ATSs give more weight to a skill shown in the \
          work (\"Served the model on Kubernetes\") than to one in a list.",
    example: "Skills: PyTorch — but no bullet mentions PyTorch.",
    fix: "If true, name the skill in a bullet that says what you built with it and the result.",
};

pub(super) const NO_PORTFOLIO_LINK: Check = Check {
    code: "no-portfolio-link",
    name: "No portfolio link",
    severity: Severity::Warning,
    part: Part::Keywords,
    what: "For roles whose guides stress public work (engineering, science, analysis, research), finds no link \
           other than LinkedIn and e-mail: no GitHub, GitLab, Kaggle, Hugging Face or personal site, in the text \
           or in a link annotation.",
    why: "The career guides call a public GitHub the résumé's most important proof of work: employers hire on \
          shipped, documented projects. An ATS records a portfolio URL written as plain text.",
    example: "Jane Doe | jane@example.com | linkedin.com/in/janedoe",
    fix: "Add your GitHub (or Kaggle, or portfolio site) as a plain-text URL on the contact line, e.g. \
          github.com/janedoe, and keep two or three projects there documented.",
};

pub(super) const NO_DEPLOYED_PROJECT: Check = Check {
    code: "no-deployed-project",
    name: "No deployed project",
    severity: Severity::Warning,
    part: Part::Keywords,
    what: "For engineering roles, finds no sign that any model or app was deployed or used: no \"deployed\", \
           \"production\", \"shipped\", \"launched\", \"serving\", \"end-to-end\", \"users\", endpoint or hosting \
           platform outside the lists.",
    why: "The guides say employers hire people who ship: an end-to-end project that runs somewhere (an API, a web \
          app, a dashboard) counts more than notebooks and courses.",
    example: "Projects: trained a CNN on CIFAR-10 in a Jupyter notebook.",
    fix: "If true, say where it runs and who uses it: \"Deployed the classifier as a FastAPI service on AWS, \
          serving 2k requests a day\". If not yet, deploy one project end to end.",
};

pub(super) const BETTER_FITTING_ROLE: Check = Check {
    code: "better-fitting-role",
    name: "Another role fits better",
    severity: Severity::Suggestion,
    part: Part::Keywords,
    what: "With a role chosen, finds another role whose keyword set the résumé covers at least 10 points better. \
           Costs nothing.",
    why: "An ATS search is run per job: a résumé that reads as another role is found by that role's searches, not \
          this one's.",
    example: "Checked as Machine Learning Engineer (38% coverage) but covers 61% of Data Scientist terms.",
    fix: "Apply to the better-fitting role too, or add the chosen role's terms you can honestly claim.",
};

pub(super) const JOB_POSTING_GAP: Check = Check {
    code: "job-posting-gap",
    name: "Job posting terms missing",
    severity: Severity::Warning,
    part: Part::JobMatch,
    what: "Finds the job posting's terms (known skills, tools and methods of every role's keyword set, and named \
           technologies: languages, frameworks, databases, cloud services) that the résumé does not name, weighted by \
           their kind, how often the posting names them, and whether it requires them (full weight) or only prefers \
           them (half). Company names, places, benefits and equal-opportunity text are never terms.",
    why: "Recruiters search for the posting's own words; Jobscan calls a match rate of about 80% good. Many ATS \
          searches are literal, so use the posting's form of a term.",
    example: "The posting names Airflow three times; the résumé never does.",
    fix: "Add the missing terms you can honestly claim, in the posting's words, to a bullet that shows use or to \
          Skills.",
};

pub(super) const JOB_TITLE_MISMATCH: Check = Check {
    code: "job-title-mismatch",
    name: "Job title not in the résumé",
    severity: Severity::Warning,
    part: Part::JobMatch,
    what: "Finds that the posting's title (its first short line, a \"Title:\" line, or a known job title it names) \
           does not appear in the résumé, ignoring seniority words.",
    why: "After hard skills, the job title is among what recruiters search first; a résumé that uses the posting's \
          title is found by that search.",
    example: "Posting: \"Senior MLOps Engineer\"; résumé titles: \"Platform Engineer\", \"DevOps Engineer\".",
    fix: "If it describes your work, use the posting's title in your headline or summary (\"MLOps Engineer with 5 \
          years...\"); never rename a past job title you did not hold.",
};

pub(super) const JOB_POSTING_NO_TERMS: Check = Check {
    code: "job-posting-no-terms",
    name: "Job posting has no recognisable terms",
    severity: Severity::Suggestion,
    part: Part::JobMatch,
    what: "Finds a job posting that names no skill, tool, method or technology ats-check knows: the match is not \
           scored and the overall score leaves the posting out. Costs nothing.",
    why: "A match rate against a posting with nothing to match would be made up; a wrong file, an image-only PDF or \
          a posting that is all company text gives nothing a recruiter would search for.",
    example: "A posting that is only the company's story, its benefits and an equal-opportunity statement.",
    fix: "Give the posting itself (text, or a PDF or DOCX with a text layer), including its requirements.",
};

pub(super) const DEGREE_REQUIREMENT: Check = Check {
    code: "degree-requirement",
    name: "Degree below the one the posting asks for",
    severity: Severity::Warning,
    part: Part::JobMatch,
    what: "Reads the degree a job posting asks for (\"BS/MS/PhD in Computer Science\", \"MS or PhD\", \"Bachelor's \
           degree\"; the lowest level named is the one that meets it) and compares it with the highest degree in the \
           résumé's education entries. A required degree costs points; a preferred one (\"PhD preferred\"), or one \
           the posting accepts equivalent experience for, is a suggestion.",
    why: "Recruiters and ATS knock-out questions screen on the degree before anything else; a degree the ATS cannot \
          read from Education counts as missing.",
    example: "Posting: \"MS required\"; résumé education: \"B.S. Computer Science, State University\".",
    fix: "If you hold the degree, write it under Education with degree, field, school and year; if not, lead with \
          the experience that stands in for it. Never claim a degree you do not hold.",
};

pub(super) const EXPERIENCE_YEARS: Check = Check {
    code: "experience-years",
    name: "Fewer years of experience than the posting asks for",
    severity: Severity::Warning,
    part: Part::JobMatch,
    what: "Reads the years of experience a job posting asks for (\"5+ years of experience\", \"at least 3 years\", \
           \"3-5 years\": the lower bound) and compares them with the months the résumé's experience entries span, \
           overlapping jobs counted once and a current job up to today.",
    why: "Years of experience are a common ATS knock-out question and recruiter screen; they are counted from the \
          dates of the jobs.",
    example: "Posting: \"5+ years of experience\"; résumé: two jobs from Jun 2022 to today.",
    fix: "List every relevant job, contract or research position with start and end dates; if you have fewer years, \
          show depth with measured results.",
};

/// Every check the keyword part reports.
pub static CHECKS: &[Check] = &[
    MISSING_KEYWORDS,
    KEYWORD_NEAR_MISS,
    ACRONYM_ONLY,
    FULL_FORM_ONLY,
    KEYWORD_STUFFING,
    SKILL_LISTED_NOT_USED,
    NO_PORTFOLIO_LINK,
    NO_DEPLOYED_PROJECT,
    BETTER_FITTING_ROLE,
    JOB_POSTING_GAP,
    JOB_TITLE_MISMATCH,
    JOB_POSTING_NO_TERMS,
    DEGREE_REQUIREMENT,
    EXPERIENCE_YEARS,
];
