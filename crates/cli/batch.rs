//! `ats-check batch`: many résumés in parallel into one CSV or JSONL file and a cohort summary.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use ats_score::render::{count, part_score, risk_codes, CohortFile, FileOutcome};
use ats_score::{Report, Request};

#[derive(Args)]
pub(crate) struct BatchArgs {
    /// Files or folders (walked recursively; every file is a row, hidden files and Office lock
    /// files `~$…` excepted).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    scoring: super::ScoringArgs,
    /// Where to write one row per file: *.csv or *.jsonl.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// Also write a cohort summary here: *.html (charts, a sortable table of students and each
    /// student's full report, in one self-contained file) or *.md (Markdown).
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Exit with 1 when any file scores below N (or could not be read).
    #[arg(long, value_name = "N")]
    fail_under: Option<u32>,
}

/// Deepest folder nesting walked (symlink loops and absurd trees stop here).
const MAX_WALK_DEPTH: usize = 32;
/// Missing keywords named in a CSV or JSONL row.
const MISSING_IN_ROW: usize = 5;

/// A file found under the paths given, or a place the walk could not enter.
struct Found {
    path: PathBuf,
    /// How the row names it: relative to the folder given (with the folder's own name in front
    /// when several paths were given, so that rows from two folders stay apart).
    shown: String,
    /// Why the walk could not read this (a folder that could not be listed, a broken link).
    walk_error: Option<String>,
}

/// What came of one row.
enum Outcome {
    /// Boxed: a report is ~750 bytes, an error row a few dozen.
    Scored(Box<Report>),
    Unreadable(String),
    Unsupported(String),
}

impl Outcome {
    fn status(&self) -> &'static str {
        match self {
            Outcome::Scored(_) => "scored",
            Outcome::Unreadable(_) => "unreadable",
            Outcome::Unsupported(_) => "unsupported",
        }
    }

    fn report(&self) -> Option<&Report> {
        match self {
            Outcome::Scored(r) => Some(r),
            _ => None,
        }
    }

    fn error(&self) -> Option<&str> {
        match self {
            Outcome::Scored(_) => None,
            Outcome::Unreadable(e) | Outcome::Unsupported(e) => Some(e),
        }
    }
}

enum SummaryKind {
    Html,
    Markdown,
}

pub(crate) fn run(args: BatchArgs) -> Result<ExitCode> {
    let jsonl = match args.output.extension().and_then(|e| e.to_str()) {
        Some("csv") => false,
        Some("jsonl") | Some("ndjson") => true,
        _ => bail!("--output must end in .csv or .jsonl, not '{}'", args.output.display()),
    };
    let summary_kind = match &args.summary {
        None => None,
        Some(path) => match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm") => Some(SummaryKind::Html),
            Some("md" | "markdown") => Some(SummaryKind::Markdown),
            _ => bail!("--summary must end in .html or .md, not '{}'", path.display()),
        },
    };
    let analyzer = super::analyzer(args.scoring.keywords.as_deref())?;
    if let Some(role) = args.scoring.role.as_deref() {
        analyzer.check_role(role)?;
    }
    let posting = super::read_posting(args.scoring.jd.as_deref())?;
    // This run's own output files are not résumés, even when written inside the folder walked.
    let own_files: Vec<PathBuf> = [Some(&args.output), args.summary.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut files = Vec::new();
    let several = args.paths.len() > 1;
    for p in &args.paths {
        collect_path(p, several, &own_files, &mut files)?;
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path && a.walk_error.is_none() && b.walk_error.is_none());
    files.sort_by(|a, b| a.shown.cmp(&b.shown));
    if files.is_empty() {
        bail!("no files under {}", display_paths(&args.paths));
    }

    let progress = if std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed} (eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let request = Request {
        role: args.scoring.role.as_deref(),
        job_posting: posting.as_deref(),
        today: Some(super::this_month()),
    };
    let results: Vec<Outcome> = files
        .par_iter()
        .map(|found| {
            let outcome = match &found.walk_error {
                Some(e) => Outcome::Unreadable(e.clone()),
                None => analyze_file(&found.path, &analyzer, &request),
            };
            progress.inc(1);
            outcome
        })
        .collect();
    progress.finish_and_clear();

    write_rows(&args.output, &files, &results, jsonl)?;
    if let (Some(path), Some(kind)) = (&args.summary, summary_kind) {
        let cohort: Vec<CohortFile> = files
            .iter()
            .zip(&results)
            .map(|(f, o)| CohortFile {
                file: &f.shown,
                outcome: match o {
                    Outcome::Scored(r) => FileOutcome::Scored(r),
                    Outcome::Unreadable(e) => FileOutcome::Unreadable(e),
                    Outcome::Unsupported(e) => FileOutcome::Unsupported(e),
                },
            })
            .collect();
        let role_name = args
            .scoring
            .role
            .as_deref()
            .and_then(|id| analyzer.roles().iter().find(|r| r.id == id))
            .map(|r| r.name.as_str());
        let text = match kind {
            SummaryKind::Html => ats_score::render::cohort_html(&cohort, role_name),
            SummaryKind::Markdown => ats_score::render::cohort_markdown(&cohort, role_name),
        };
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let tally = |status: &str| results.iter().filter(|o| o.status() == status).count();
    eprintln!(
        "ats-check: {}: {} scored, {} unreadable, {} unsupported; rows in {}",
        count(results.len(), "file", "files"),
        tally("scored"),
        tally("unreadable"),
        tally("unsupported"),
        args.output.display()
    );
    let below = args
        .fail_under
        .is_some_and(|n| results.iter().any(|o| o.report().is_none_or(|r| r.score.overall < n)));
    // The process ends here: freeing every report one allocation at a time was ~1% of a batch.
    std::mem::forget(results);
    Ok(if below { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Reads and scores one file. Without a role the keyword part scores the role the résumé fits
/// best, so every row has a keyword score and rows of different runs compare.
fn analyze_file(path: &Path, analyzer: &ats_score::Analyzer, request: &Request) -> Outcome {
    let doc = match super::read_document(path) {
        Ok(doc) => doc,
        Err(e) => {
            let message = format!("{e:#}");
            let unsupported = e.chain().any(|c| {
                matches!(
                    c.downcast_ref::<ats_parse::ExtractError>(),
                    Some(ats_parse::ExtractError::Unsupported(_))
                )
            });
            return if unsupported {
                Outcome::Unsupported(message)
            } else {
                Outcome::Unreadable(message)
            };
        }
    };
    match analyzer.analyze_best_fit(&doc, request) {
        Ok(report) => Outcome::Scored(Box::new(report)),
        Err(e) => Outcome::Unreadable(format!("{}: {e}", path.display())),
    }
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Hidden files and folders, and the lock files Office leaves beside an open document.
fn skipped(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with("~$")
}

/// A path as given on the command line: a file is a row as given; a folder is walked. A path
/// that does not exist at all is a mistake in the command, and stops the batch before it starts.
fn collect_path(arg: &Path, several: bool, own_files: &[PathBuf], out: &mut Vec<Found>) -> Result<()> {
    let meta = std::fs::metadata(arg).with_context(|| format!("cannot read {}", arg.display()))?;
    if !meta.is_dir() {
        out.push(Found {
            path: arg.to_path_buf(),
            shown: arg.display().to_string(),
            walk_error: None,
        });
        return Ok(());
    }
    let shown = match arg.file_name() {
        Some(name) if several => PathBuf::from(name),
        _ => PathBuf::new(),
    };
    walk(arg, &shown, 0, own_files, out);
    Ok(())
}

/// Every regular file under `dir` (symlinks followed, to `MAX_WALK_DEPTH`). A folder that
/// cannot be listed and a link that leads nowhere are rows with their error; the walk goes on.
fn walk(dir: &Path, shown: &Path, depth: usize, own_files: &[PathBuf], out: &mut Vec<Found>) {
    let unreadable = |path: &Path, shown: &Path, what: &str, e: &std::io::Error| Found {
        path: path.to_path_buf(),
        shown: shown.display().to_string(),
        walk_error: Some(format!("cannot read {what} {}: {e}", path.display())),
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(unreadable(dir, shown, "folder", &e));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                out.push(unreadable(dir, shown, "folder", &e));
                continue;
            }
        };
        let name = entry.file_name();
        if skipped(&name) {
            continue;
        }
        let path = entry.path();
        let shown = shown.join(&name);
        match std::fs::metadata(&path) {
            Err(e) => out.push(unreadable(&path, &shown, "file", &e)),
            Ok(meta) if meta.is_dir() => {
                if depth + 1 < MAX_WALK_DEPTH {
                    walk(&path, &shown, depth + 1, own_files, out);
                }
            }
            Ok(meta) if meta.is_file() => {
                let own = !own_files.is_empty() && std::fs::canonicalize(&path).is_ok_and(|p| own_files.contains(&p));
                if !own {
                    out.push(Found {
                        path,
                        shown: shown.display().to_string(),
                        walk_error: None,
                    });
                }
            }
            // Sockets, pipes and devices are not files anyone hands in.
            Ok(_) => {}
        }
    }
}

/// A CSV row: what a spreadsheet of a cohort needs, lists joined with "; ".
#[derive(Serialize)]
struct CsvRow<'a> {
    file: &'a str,
    status: &'static str,
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    score: Option<u32>,
    parse_health: Option<u32>,
    content: Option<u32>,
    keywords: Option<u32>,
    job_match: Option<u32>,
    role: Option<&'a str>,
    best_role: Option<&'a str>,
    words: Option<usize>,
    top_missing_keywords: String,
    risk_codes: String,
    error: Option<&'a str>,
}

/// A JSONL row: the same, with real arrays, numbers and nulls, and the runner-up role.
#[derive(Serialize)]
struct JsonRow<'a> {
    file: &'a str,
    status: &'static str,
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    score: Option<u32>,
    parse_health: Option<u32>,
    content: Option<u32>,
    keywords: Option<u32>,
    job_match: Option<u32>,
    /// The role the keyword score is for: the one given, else the best fit.
    role: Option<&'a ats_score::report::RoleRef>,
    best_role: Option<&'a ats_score::report::RoleFit>,
    runner_up: Option<&'a ats_score::report::RoleFit>,
    words: Option<usize>,
    top_missing_keywords: Vec<&'a str>,
    risk_codes: Vec<&'a str>,
    error: Option<&'a str>,
}

fn json_row<'a>(file: &'a str, outcome: &'a Outcome) -> JsonRow<'a> {
    let r = outcome.report();
    let part = |id: &str| r.and_then(|r| part_score(r, id));
    JsonRow {
        file,
        status: outcome.status(),
        name: r.and_then(|r| r.contact.name.as_deref()),
        email: r.and_then(|r| r.contact.email.as_deref()),
        phone: r.and_then(|r| r.contact.phone.as_deref()),
        score: r.map(|r| r.score.overall),
        parse_health: part("parse-health"),
        content: part("content"),
        keywords: part("keywords"),
        job_match: part("job-match"),
        role: r.and_then(|r| r.role.as_ref()),
        best_role: r.and_then(|r| r.role_fit.first()),
        runner_up: r.and_then(|r| r.role_fit.get(1)),
        words: r.map(|r| r.source.words),
        top_missing_keywords: r.map_or_else(Vec::new, |r| {
            r.keywords
                .missing
                .iter()
                .take(MISSING_IN_ROW)
                .map(|m| m.term.as_str())
                .collect()
        }),
        risk_codes: r.map_or_else(Vec::new, risk_codes),
        error: outcome.error(),
    }
}

fn csv_row<'a>(row: JsonRow<'a>) -> CsvRow<'a> {
    CsvRow {
        file: row.file,
        status: row.status,
        name: row.name,
        email: row.email,
        phone: row.phone,
        score: row.score,
        parse_health: row.parse_health,
        content: row.content,
        keywords: row.keywords,
        job_match: row.job_match,
        role: row.role.map(|r| r.name.as_str()),
        best_role: row.best_role.map(|r| r.name.as_str()),
        words: row.words,
        top_missing_keywords: row.top_missing_keywords.join("; "),
        risk_codes: row.risk_codes.join(" "),
        error: row.error,
    }
}

fn write_rows(path: &Path, files: &[Found], results: &[Outcome], jsonl: bool) -> Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let rows = files.iter().zip(results).map(|(f, o)| json_row(&f.shown, o));
    if jsonl {
        for r in rows {
            serde_json::to_writer(&mut out, &r)?;
            out.write_all(b"\n")?;
        }
    } else {
        let mut w = csv::Writer::from_writer(&mut out);
        for r in rows {
            w.serialize(csv_row(r))?;
        }
        w.flush()?;
    }
    out.flush()?;
    Ok(())
}
