//! `ats-check batch`: many résumés in parallel into one CSV or JSONL file and a cohort summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use ats_score::checks::Part;
use ats_score::render::count;
use ats_score::{Report, Request};

#[derive(Args)]
pub(crate) struct BatchArgs {
    /// Files or folders (walked recursively for .pdf, .docx, .txt, .md).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    scoring: super::ScoringArgs,
    /// Where to write one row per file: *.csv or *.jsonl.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// Also write a cohort summary in Markdown here.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Exit with 1 when any file scores below N (or could not be read).
    #[arg(long, value_name = "N")]
    fail_under: Option<u32>,
}

/// Deepest folder nesting walked (symlink loops and absurd trees stop here).
const MAX_WALK_DEPTH: usize = 32;
const EXTENSIONS: [&str; 4] = ["pdf", "docx", "txt", "md"];

/// One row of the output: what a spreadsheet of a cohort needs.
#[derive(Debug, Serialize)]
struct Row {
    file: String,
    score: Option<u32>,
    parse_health: Option<u32>,
    content: Option<u32>,
    keywords: Option<u32>,
    job_match: Option<u32>,
    words: Option<usize>,
    top_missing_keywords: String,
    risk_codes: String,
    error: String,
}

pub(crate) fn run(args: BatchArgs) -> Result<ExitCode> {
    let jsonl = match args.output.extension().and_then(|e| e.to_str()) {
        Some("csv") => false,
        Some("jsonl") | Some("ndjson") => true,
        _ => bail!("--output must end in .csv or .jsonl, not '{}'", args.output.display()),
    };
    let analyzer = super::analyzer(args.scoring.keywords.as_deref())?;
    if let Some(role) = args.scoring.role.as_deref() {
        analyzer.check_role(role)?;
    }
    let posting = super::read_posting(args.scoring.jd.as_deref())?;
    let mut files = Vec::new();
    for p in &args.paths {
        collect(p, 0, &mut files).with_context(|| format!("cannot read {}", p.display()))?;
    }
    files.sort();
    files.dedup();
    if files.is_empty() {
        bail!("no .pdf, .docx, .txt or .md files under {}", display_paths(&args.paths));
    }

    let progress = if std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} résumés  {elapsed} (eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let request = Request {
        role: args.scoring.role.as_deref(),
        job_posting: posting.as_deref(),
        today: Some(super::this_month()),
    };
    let results: Vec<(String, Result<Report, String>)> = files
        .par_iter()
        .map(|path| {
            let outcome = super::read_document(path)
                .and_then(|doc| analyzer.analyze(&doc, &request).map_err(anyhow::Error::from))
                .map_err(|e| format!("{e:#}"));
            progress.inc(1);
            (path.display().to_string(), outcome)
        })
        .collect();
    progress.finish_and_clear();

    let rows: Vec<Row> = results.iter().map(|(file, r)| row(file, r)).collect();
    write_rows(&args.output, &rows, jsonl)?;
    if let Some(summary) = &args.summary {
        let md = cohort_summary(&results, args.scoring.role.as_deref(), &analyzer);
        std::fs::write(summary, md).with_context(|| format!("cannot write {}", summary.display()))?;
    }
    let failed = rows.iter().filter(|r| !r.error.is_empty()).count();
    eprintln!(
        "ats-check: {} scored, {} could not be read; rows in {}",
        count(rows.len() - failed, "résumé", "résumés"),
        failed,
        args.output.display()
    );
    let below = args
        .fail_under
        .is_some_and(|n| rows.iter().any(|r| r.score.is_none_or(|s| s < n)));
    // The process ends here: freeing every report one allocation at a time was ~1% of a batch.
    std::mem::forget(results);
    Ok(if below { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn collect(path: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    if depth >= MAX_WALK_DEPTH {
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let p = entry.path();
        let ty = entry.file_type()?;
        if ty.is_dir() {
            collect(&p, depth + 1, out)?;
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// Codes that are ATS risks: the parse-health checks, plus missing contact fields.
fn risk_codes(report: &Report) -> Vec<String> {
    let mut codes: Vec<String> = report
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.code.as_str(),
                "missing-email" | "missing-phone" | "nonstandard-heading"
            ) || ats_score::checks::lookup(&f.code).is_some_and(|c| c.part == Part::ParseHealth)
        })
        .map(|f| f.code.clone())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

fn part_score(report: &Report, id: &str) -> Option<u32> {
    report.score.parts.iter().find(|p| p.id == id).map(|p| p.score)
}

fn row(file: &str, result: &Result<Report, String>) -> Row {
    match result {
        Ok(r) => Row {
            file: file.to_string(),
            score: Some(r.score.overall),
            parse_health: part_score(r, "parse-health"),
            content: part_score(r, "content"),
            keywords: part_score(r, "keywords"),
            job_match: part_score(r, "job-match"),
            words: Some(r.source.words),
            top_missing_keywords: r
                .keywords
                .missing
                .iter()
                .take(5)
                .map(|m| m.term.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            risk_codes: risk_codes(r).join(" "),
            error: String::new(),
        },
        Err(e) => Row {
            file: file.to_string(),
            score: None,
            parse_health: None,
            content: None,
            keywords: None,
            job_match: None,
            words: None,
            top_missing_keywords: String::new(),
            risk_codes: String::new(),
            error: e.clone(),
        },
    }
}

fn write_rows(path: &Path, rows: &[Row], jsonl: bool) -> Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    if jsonl {
        for r in rows {
            serde_json::to_writer(&mut out, r)?;
            out.write_all(b"\n")?;
        }
    } else {
        let mut w = csv::Writer::from_writer(&mut out);
        for r in rows {
            w.serialize(r)?;
        }
        w.flush()?;
    }
    out.flush()?;
    Ok(())
}

/// The cohort summary a career-services office reads: how many, how good, what is missing most,
/// which risks are most common, and who needs help first.
fn cohort_summary(
    results: &[(String, Result<Report, String>)],
    role: Option<&str>,
    analyzer: &ats_score::Analyzer,
) -> String {
    let reports: Vec<(&str, &Report)> = results
        .iter()
        .filter_map(|(f, r)| r.as_ref().ok().map(|r| (f.as_str(), r)))
        .collect();
    let failed: Vec<(&str, &str)> = results
        .iter()
        .filter_map(|(f, r)| r.as_ref().err().map(|e| (f.as_str(), e.as_str())))
        .collect();
    let mut out = String::new();
    let role_name = role
        .and_then(|id| analyzer.roles().iter().find(|r| r.id == id))
        .map(|r| r.name.as_str())
        .unwrap_or("no role (best fits)");
    let _ = writeln!(out, "# Cohort summary\n");
    let _ = writeln!(
        out,
        "{}: {} scored, {} could not be read. Role: {}.\n",
        count(results.len(), "résumé", "résumés"),
        reports.len(),
        failed.len(),
        role_name
    );
    if !reports.is_empty() {
        let mut scores: Vec<u32> = reports.iter().map(|(_, r)| r.score.overall).collect();
        scores.sort_unstable();
        let pct = |p: f64| scores[((scores.len() - 1) as f64 * p).round() as usize];
        let mean = scores.iter().map(|&s| s as f64).sum::<f64>() / scores.len() as f64;
        let _ = writeln!(out, "## Scores\n");
        let _ = writeln!(
            out,
            "mean {:.1} · min {} · 25th {} · median {} · 75th {} · max {}\n",
            mean,
            scores[0],
            pct(0.25),
            pct(0.5),
            pct(0.75),
            scores[scores.len() - 1]
        );
        let _ = writeln!(out, "| score | résumés |\n|---|---:|");
        for (lo, hi) in [(90, 100), (80, 89), (70, 79), (60, 69), (50, 59), (0, 49)] {
            let n = scores.iter().filter(|&&s| s >= lo && s <= hi).count();
            let _ = writeln!(out, "| {lo}–{hi} | {n} |");
        }

        let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
        let mut risks: BTreeMap<String, usize> = BTreeMap::new();
        for (_, r) in &reports {
            for m in &r.keywords.missing {
                *missing.entry(m.term.as_str()).or_default() += 1;
            }
            for code in risk_codes(r) {
                *risks.entry(code).or_default() += 1;
            }
        }
        fn top<K: Ord>(m: BTreeMap<K, usize>) -> Vec<(K, usize)> {
            let mut v: Vec<_> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        }
        let missing = top(missing);
        if !missing.is_empty() {
            let _ = writeln!(
                out,
                "\n## Keywords most often missing\n\n| keyword | résumés missing it |\n|---|---:|"
            );
            for (term, n) in missing.iter().take(15) {
                let _ = writeln!(
                    out,
                    "| {term} | {n} ({:.0}%) |",
                    *n as f64 * 100.0 / reports.len() as f64
                );
            }
        }
        let risks = top(risks);
        let _ = writeln!(out, "\n## Most common ATS risks\n");
        if risks.is_empty() {
            let _ = writeln!(out, "None found.");
        } else {
            let _ = writeln!(out, "| risk | résumés | what to tell students |\n|---|---:|---|");
            for (code, n) in &risks {
                let fix = ats_score::checks::lookup(code).map(|c| c.fix).unwrap_or("");
                let _ = writeln!(out, "| `{code}` | {n} | {} |", fix.replace('|', "/"));
            }
        }
        let mut lowest: Vec<&(&str, &Report)> = reports.iter().collect();
        lowest.sort_by_key(|(f, r)| (r.score.overall, *f));
        let _ = writeln!(
            out,
            "\n## Lowest scores (help these first)\n\n| file | score | top risk |\n|---|---:|---|"
        );
        for (f, r) in lowest.iter().take(10) {
            let top_risk = risk_codes(r).into_iter().next().unwrap_or_else(|| "—".into());
            let _ = writeln!(out, "| {} | {} | {} |", f, r.score.overall, top_risk);
        }
    }
    if !failed.is_empty() {
        let _ = writeln!(out, "\n## Could not be read\n\n| file | why |\n|---|---|");
        for (f, e) in &failed {
            let _ = writeln!(out, "| {} | {} |", f, e.replace('|', "/"));
        }
    }
    out
}
