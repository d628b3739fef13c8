//! A realistic two-page résumé as a PDF, built with the parser tests' lopdf writer
//! (`crates/parse/tests/support/pdfgen.rs`, declared as `crate::pdfgen` by the example): a
//! name and contact line, a summary, five jobs with four to six bullets each, projects,
//! education, skills and certifications, laid out like `ats-parse`'s `sample_pdf` example lays
//! out `samples/*.md`. The load benchmark sends it: a real résumé costs about twice the
//! one-page test fixture to read and score.
#![allow(dead_code)]

use crate::pdfgen::{build, wrap, Page, Run};

/// The résumé in the small Markdown `sample_pdf` reads: `# ` name, `## ` headings, `- ` bullets.
const RESUME: &str = "\
# Alex Morgan
Senior Machine Learning Engineer
alex.morgan@example.com | +1 (206) 555-0147 | Seattle, WA | github.com/alexmorgan-ml | linkedin.com/in/alexmorgan-ml

## Summary
Machine learning engineer with 9 years of experience building search, ranking and forecasting systems that serve millions of users. Leads small teams from problem framing to production, with a focus on reliable pipelines, careful evaluation and models that stay fast and cheap to serve.

## Experience
Senior Machine Learning Engineer, Cascade Commerce, Seattle, WA | Apr 2021 – Present
- Led a team of five that rebuilt product search ranking with a two-tower retrieval model and a gradient-boosted re-ranker, lifting conversion by 6.2% across 14M monthly sessions
- Cut p99 ranking latency from 210 ms to 48 ms by distilling a BERT cross-encoder and serving it with ONNX Runtime and Triton on Kubernetes
- Designed the offline evaluation suite (NDCG, recall at k, calibration) that now gates every ranking release and caught three regressions before launch
- Built a feature store on Spark, Delta Lake and Redis that serves 600 features to 30 models with training-serving skew under 0.5%
- Mentored four engineers and ran the weekly model review

Machine Learning Engineer, Northwind Retail, Portland, OR | Mar 2018 – Mar 2021
- Shipped demand forecasting for 1,200 stores with LightGBM and temporal fusion transformers, reducing stockouts by 17% and waste by $3.1M a year
- Moved 40 training pipelines from cron scripts to Airflow and MLflow, cutting failed nightly runs from 12 a week to fewer than one
- Introduced A/B testing with CUPED variance reduction, shortening experiments from four weeks to ten days
- Wrote the on-call runbook for model serving and halved the time to recover from incidents

Data Scientist, Bluebird Logistics, Oakland, CA | Jun 2016 – Feb 2018
- Built route-time prediction with XGBoost on GPS traces from 8,000 vehicles, improving ETA accuracy by 23%
- Automated weekly reporting with Python, SQL and Tableau, saving analysts 15 hours a week
- Partnered with operations to launch dynamic pricing for same-day delivery, adding $4M in annual revenue
- Cleaned and documented a 2 TB event warehouse in Redshift used by six teams

Software Engineer, Data Platform, Finch Analytics, San Francisco, CA | Jul 2014 – May 2016
- Developed Kafka and Spark Streaming jobs processing 2B events a day with exactly-once delivery
- Built the internal Python SDK for the experimentation platform used by 120 engineers
- Reduced cloud spend by 28% by right-sizing EMR clusters and moving cold data to S3 Glacier
- Added property-based tests to the ingestion service, finding 11 edge-case bugs

Research Assistant, Computational Linguistics Lab, University of Washington | Sep 2012 – Jun 2014
- Trained sequence labelling models for clinical notes with CRFs and early LSTMs in Theano
- Co-authored two workshop papers on named entity recognition for low-resource domains
- Maintained the lab GPU cluster and its job scheduler for 25 researchers
- Taught two sections of Introduction to Machine Learning

## Projects
- rankeval: open-source Python library for offline ranking metrics with 1,400 GitHub stars and 30 contributors
- Built a retrieval-augmented question answering assistant over internal documentation with PyTorch, FAISS and FastAPI on AWS
- Speaker at PyData Seattle 2023: Shipping ranking models without breaking search

## Education
M.S. Computer Science (Machine Learning), University of Washington, Seattle, WA | 2012 – 2014
B.S. Mathematics, University of California, Davis, CA | 2008 – 2012

## Skills
Languages: Python, SQL, Scala, Java, Bash
Machine learning: PyTorch, TensorFlow, scikit-learn, XGBoost, LightGBM, Hugging Face Transformers, ONNX
Data and MLOps: Spark, Kafka, Airflow, MLflow, Docker, Kubernetes, Triton, Terraform, AWS (SageMaker, EMR, S3), GCP BigQuery
Methods: learning to rank, recommendation, time-series forecasting, A/B testing, causal inference, NLP

## Certifications
AWS Certified Machine Learning – Specialty (2023)
Google Cloud Professional Machine Learning Engineer (2022)

## Publications
Morgan, A. and Chen, L. Low-resource clinical NER with cross-domain transfer. Workshop on Biomedical NLP, 2014
Morgan, A. Character features for noisy clinical text. Student Research Workshop, 2013
";

/// Top and bottom of the text area on a US Letter page, in points.
const TOP_Y: f32 = 750.0;
const BOTTOM_Y: f32 = 60.0;
/// Characters per line at 9.5 pt Helvetica across the 504 pt text width (6.5 in), as
/// `sample_pdf` wraps.
const BODY_CHARS: usize = 104;
const BULLET_CHARS: usize = 96;

/// The résumé as a PDF of two pages.
pub fn two_page_pdf() -> Vec<u8> {
    let mut pages = vec![Page::default()];
    let mut y = TOP_Y;
    let place = |pages: &mut Vec<Page>, y: &mut f32, run: Run, step: f32| {
        if *y < BOTTOM_Y {
            pages.push(Page::default());
            *y = TOP_Y;
        }
        let mut run = run;
        run.y = *y;
        pages.last_mut().expect("never empty").runs.push(run);
        *y -= step;
    };
    for line in RESUME.lines() {
        if let Some(name) = line.strip_prefix("# ") {
            place(&mut pages, &mut y, Run::new(54.0, 0.0, 18.0, name).bold(), 22.0);
        } else if let Some(heading) = line.strip_prefix("## ") {
            y -= 8.0;
            place(&mut pages, &mut y, Run::new(54.0, 0.0, 12.0, heading).bold(), 17.0);
        } else if let Some(item) = line.strip_prefix("- ") {
            for (i, part) in wrap(item, BULLET_CHARS).iter().enumerate() {
                if i == 0 {
                    place(&mut pages, &mut y, Run::new(60.0, 0.0, 9.5, "\u{2022}"), 0.0);
                }
                place(&mut pages, &mut y, Run::new(72.0, 0.0, 9.5, part), 12.5);
            }
        } else if line.is_empty() {
            y -= 5.0;
        } else {
            for part in wrap(line, BODY_CHARS) {
                place(&mut pages, &mut y, Run::new(54.0, 0.0, 9.5, &part), 12.5);
            }
        }
    }
    build(&pages)
}
