//! `ats-check`: a thin adapter over `ats-parse` and `ats-score`. It reads files, picks a
//! renderer and maps the outcome to an exit code: 0 report produced, 1 report produced but a
//! `--fail-under` gate was not met, 2 could not run. `export` likewise: 0 written, 1 the file
//! was read but its verdict stops the export (no readable text to export, or `--check` finds
//! the export short of its bars), 2 could not run.

mod batch;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use ats_parse::Limits;
use ats_score::{Analyzer, KeywordSets, Request};

#[derive(Parser)]
#[command(
    name = "ats-check",
    version,
    about = "Checks a résumé the way an applicant tracking system (ATS) reads it, and says what to fix.",
    long_about = "Checks a résumé the way an applicant tracking system (ATS) reads it: whether the text \
                  comes out in order, and whether it says what a recruiter for the role searches for. \
                  Works offline and stores nothing.\n\nExamples:\n  ats-check resume.pdf --role ml-engineer\n  \
                  ats-check resume.docx --role nlp-engineer --jd posting.txt\n  ats-check text resume.pdf\n  \
                  ats-check batch resumes/ --role data-scientist --output results.csv --summary cohort.md",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    analyze: AnalyzeArgs,
}

#[derive(Args)]
struct AnalyzeArgs {
    /// The résumé: PDF, DOCX, plain text or Markdown (decided by content, not name).
    #[arg(value_name = "FILE", required = true)]
    file: Option<PathBuf>,
    #[command(flatten)]
    scoring: ScoringArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Exit with 1 when the overall score is below N.
    #[arg(long, value_name = "N")]
    fail_under: Option<u32>,
}

#[derive(Args, Clone)]
struct ScoringArgs {
    /// Target role id (see `ats-check roles`); without it every role is scored and the best fits shown.
    #[arg(long, short = 'r')]
    role: Option<String>,
    /// A job posting to match against: a text, PDF or DOCX file (decided by content), or - for standard input.
    #[arg(long, value_name = "POSTING")]
    jd: Option<PathBuf>,
    /// A folder of keyword files (*.toml) that replace (same id) or extend the built-in roles.
    #[arg(long, value_name = "DIR")]
    keywords: Option<PathBuf>,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Subcommand)]
enum Command {
    /// Print the text an ATS reads from the file, in reading order.
    Text {
        /// The résumé.
        file: PathBuf,
        /// `text` (default) or `json` (lines with page, position, font hints, and layout signals).
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    /// List the roles with keyword sets.
    Roles {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
        /// A folder of keyword files that replace or extend the built-in roles.
        #[arg(long, value_name = "DIR")]
        keywords: Option<PathBuf>,
    },
    /// Explain a check: what it looks for, why it matters for an ATS, an example, the fix.
    Explain {
        /// The check's code, e.g. multi-column (omit to list every code).
        code: Option<String>,
    },
    /// Write an ATS-safe version of the résumé: one column, the contact block in the body,
    /// standard headings in the standard order, each job's title, employer, location and dates
    /// on lines of their own, bullets as list items. The words are the résumé's own, as read.
    ///
    /// The format follows OUT's extension: .docx (Word), .md (Markdown) or .txt.
    ///
    /// A file with no readable text (a scan without a text layer, empty pages) has nothing to
    /// export: it is refused with exit code 1 and nothing is written; save the résumé from the
    /// document you wrote, or run OCR on the scan first.
    Export {
        /// The résumé.
        file: PathBuf,
        /// Where to write the export (.docx, .md or .txt).
        #[arg(long, short = 'o', value_name = "OUT")]
        output: PathBuf,
        /// Read the export back with this checker and print how faithful it is (JSON: words
        /// kept, in order, word pairs, contact, sections, layout risks); exit 1 when it falls
        /// short. A file with no readable text is not exported (exit 1, with or without
        /// --check); --check prints `{"refused": "no-text", "message": ...}` for it.
        #[arg(long)]
        check: bool,
    },
    /// Score many résumés into a CSV or JSONL file, one row per file (folders are walked).
    Batch(batch::BatchArgs),
    /// Serve the web page and HTTP API.
    ///
    /// Each upload is analysed in a worker process (`ats-check worker`, one per core) limited
    /// to 512 MiB of memory and 60 s of CPU, with no core dumps and no file writes; a worker
    /// that crashes or runs past the time budget is killed and replaced, and only that upload
    /// fails (HTTP 422).
    ///
    /// Up to 256 uploads per core wait for a worker; past that, and past the memory held for
    /// uploads, an upload is answered 503 from its headers. A connection has 10 s to send a
    /// request head and is closed after 5 s with no request; at most 10,000 are served (the
    /// open-file limit is raised to its hard limit), plus 64 that answer only /healthz.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Analyse uploads on threads of the server process instead of in worker processes:
        /// about 0.1 ms less CPU per upload, but a file that crashes the parser stops the whole
        /// server. For trusted input only.
        #[arg(long)]
        in_process: bool,
    },
    /// Analysis worker for `serve`: reads requests on stdin, writes reports on stdout.
    #[command(hide = true)]
    Worker,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum TextFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version are successes; usage errors exit 2 like every other failure.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("ats-check: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Text { file, format }) => {
            let doc = read_document(&file)?;
            let mut out = std::io::stdout().lock();
            match format {
                TextFormat::Text => writeln!(out, "{}", doc.text)?,
                TextFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Roles { format, keywords }) => {
            let analyzer = analyzer(keywords.as_deref())?;
            let mut out = std::io::stdout().lock();
            match format {
                TextFormat::Json => {
                    let roles: Vec<serde_json::Value> = analyzer
                        .roles()
                        .iter()
                        .map(|r| serde_json::json!({"id": r.id, "name": r.name, "terms": r.terms.len()}))
                        .collect();
                    writeln!(out, "{}", serde_json::to_string_pretty(&roles)?)?;
                }
                TextFormat::Text => {
                    for r in analyzer.roles() {
                        writeln!(out, "{:<34} {:<40} {:>3} terms", r.id, r.name, r.terms.len())?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Explain { code }) => {
            let mut out = std::io::stdout().lock();
            match code {
                None => {
                    for c in ats_score::checks::all() {
                        writeln!(
                            out,
                            "{:<28} {:<11} {}",
                            c.code,
                            ats_score::render::severity_word(c.severity),
                            c.name
                        )?;
                    }
                }
                Some(code) => {
                    let Some(check) = ats_score::checks::lookup(&code) else {
                        bail!("no check is called '{code}': `ats-check explain` lists every code");
                    };
                    write!(out, "{}", ats_score::render::explain(check))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { file, output, check }) => export(&file, &output, check),
        Some(Command::Batch(args)) => batch::run(args),
        Some(Command::Serve { addr, in_process }) => {
            // Two malloc arenas instead of glibc's up to 8 per core: under the flood benchmark
            // this cut the peak RSS (server and client) from 116-152 MB to 107-125 MB with
            // workers, and from 201-227 MB to 136-169 MB in process (docs/api.md, "Flood in
            // workers mode"). Before the runtime starts its threads.
            ats_web::cap_malloc_arenas(2);
            let runtime = tokio::runtime::Runtime::new().context("could not start the server runtime")?;
            let isolation = if in_process {
                ats_web::Isolation::InProcess
            } else {
                let program =
                    std::env::current_exe().context("could not find this program to start analysis workers")?;
                ats_web::Isolation::Workers(ats_web::WorkerConfig::new(program, ["worker"]))
            };
            let config = ats_web::ServerConfig {
                addr,
                isolation,
                ..ats_web::ServerConfig::default()
            };
            runtime
                .block_on(ats_web::serve(config))
                .with_context(|| format!("could not serve on {addr}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Worker) => {
            let stdout = std::io::stdout().lock();
            ats_web::run_worker(
                std::io::stdin().lock(),
                std::io::BufWriter::with_capacity(64 << 10, stdout),
                &Analyzer::builtin(),
                &Limits::default(),
            )
            .context("analysis worker")?;
            Ok(ExitCode::SUCCESS)
        }
        None => analyze_one(cli.analyze),
    }
}

fn analyze_one(args: AnalyzeArgs) -> Result<ExitCode> {
    let Some(file) = args.file else {
        bail!("give a résumé file: ats-check FILE --role ROLE (see --help)");
    };
    let analyzer = analyzer(args.scoring.keywords.as_deref())?;
    let posting = read_posting(args.scoring.jd.as_deref())?;
    let doc = read_document(&file)?;
    let report = analyzer.analyze(
        &doc,
        &Request {
            role: args.scoring.role.as_deref(),
            job_posting: posting.as_deref(),
            today: Some(this_month()),
        },
    )?;
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            // Room for a typical report (40-60 KB) from the start: growing serde_json's buffer
            // from its default 128 bytes was ~64k instructions of a 5.5M one-résumé run.
            let mut json = Vec::with_capacity(96 << 10);
            serde_json::to_writer_pretty(&mut json, &report)?;
            json.push(b'\n');
            out.write_all(&json)?;
        }
        OutputFormat::Markdown => writeln!(out, "{}", ats_score::render::markdown(&report).trim_end())?,
        OutputFormat::Text => {
            let options = ats_score::render::TextOptions {
                color: use_color(),
                width: 96,
            };
            writeln!(out, "{}", ats_score::render::text(&report, &options).trim_end())?;
        }
    }
    // The process ends now: freeing the compiled keyword sets one allocation at a time would
    // cost more than the analysis itself, and the OS reclaims it all at exit.
    std::mem::forget(analyzer);
    Ok(gate(report.score.overall, args.fail_under))
}

/// `ats-check export`: writes the outline of `file` to `output` in the format its extension
/// names; with `check`, reads the written bytes back and prints the round-trip figures.
fn export(file: &Path, output: &Path, check: bool) -> Result<ExitCode> {
    let name = output.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let Some(format) = ats_export::Format::from_file_name(&name) else {
        bail!(
            "{}: name the output .docx, .md or .txt: the format follows its extension",
            output.display()
        );
    };
    let doc = read_document(file)?;
    let outline = match ats_export::outline_of(&doc) {
        Ok(outline) => outline,
        // A verdict on the file, as `--fail-under` and `--check` give one, not a failure to
        // run: exit 1, and nothing is written. `--check` says it in its JSON too, so that a
        // script running it over a folder counts the file as refused, not as an error.
        Err(refused @ ats_export::ExportError::NoText { .. }) => {
            if check {
                let json = serde_json::json!({"refused": "no-text", "message": refused.to_string()});
                writeln!(std::io::stdout().lock(), "{json}")?;
            }
            eprintln!("ats-check: {}: {refused}", file.display());
            return Ok(ExitCode::from(1));
        }
        Err(other) => return Err(other.into()),
    };
    let bytes = ats_export::write(&outline, format)?;
    std::fs::write(output, &bytes).with_context(|| format!("cannot write {}", output.display()))?;
    if !check {
        return Ok(ExitCode::SUCCESS);
    }
    let exported =
        ats_parse::extract(&bytes, &Limits::default()).with_context(|| format!("reading back {}", output.display()))?;
    let analyzer = Analyzer::builtin();
    let request = Request {
        today: Some(this_month()),
        ..Request::default()
    };
    let source_report = analyzer.analyze(&doc, &request)?;
    let export_report = analyzer.analyze(&exported, &request)?;
    let figures = ats_export::roundtrip::compare(&doc, &source_report, &exported, &export_report);
    let mut json = serde_json::to_value(&figures)?;
    json["shortfalls"] = serde_json::json!(figures.shortfalls());
    writeln!(std::io::stdout().lock(), "{json}")?;
    Ok(if figures.holds() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Exit 1 when a `--fail-under` gate is set and not met.
fn gate(score: u32, fail_under: Option<u32>) -> ExitCode {
    match fail_under {
        Some(n) if score < n => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Reads and extracts one file; errors name the file and say what to do.
pub(crate) fn read_document(path: &Path) -> Result<ats_parse::Document> {
    let bytes = read_capped(path, Limits::default().max_input_bytes)?;
    ats_parse::extract(&bytes, &Limits::default()).with_context(|| format!("{}", path.display()))
}

/// Reads a file, refusing before reading when it is over `cap` bytes.
pub(crate) fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    // The size, when the file system knows it, refuses an oversized file unread and sizes the
    // buffer so the file comes in a few reads instead of a dozen doubling ones.
    let known_size = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
    if let Some(size) = known_size.filter(|&size| size > cap) {
        bail!(
            "{}: {}",
            path.display(),
            ats_parse::ExtractError::TooLarge { size, limit: cap }
        );
    }
    let mut bytes = Vec::with_capacity(known_size.map_or(0, |size| size as usize + 1));
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > cap {
        bail!(
            "{}: {}",
            path.display(),
            ats_parse::ExtractError::TooLarge {
                size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(cap + 1),
                limit: cap
            }
        );
    }
    Ok(bytes)
}

/// The current month (UTC): what "Present" means in the résumé's dates.
pub(crate) fn this_month() -> ats_score::YearMonth {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    ats_score::YearMonth::from_unix_seconds(secs)
}

/// Reads a job posting (a file, or `-` for standard input) through the same parser as a
/// résumé: PDF, DOCX or text, told apart by content. Errors name the posting.
pub(crate) fn read_posting(path: Option<&Path>) -> Result<Option<String>> {
    let Some(path) = path else { return Ok(None) };
    let limits = Limits::default();
    let (name, bytes) = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(limits.max_input_bytes + 1)
            .read_to_end(&mut bytes)
            .context("cannot read the job posting from standard input")?;
        if bytes.len() as u64 > limits.max_input_bytes {
            bail!(
                "the job posting on standard input: {}",
                ats_parse::ExtractError::TooLarge {
                    size: bytes.len() as u64,
                    limit: limits.max_input_bytes
                }
            );
        }
        ("on standard input".to_string(), bytes)
    } else {
        let bytes = read_capped(path, limits.max_input_bytes).context("the job posting (--jd)")?;
        (path.display().to_string(), bytes)
    };
    let doc = ats_parse::extract(&bytes, &limits)
        .map_err(|e| anyhow::anyhow!("the job posting {name} (--jd): {}", ats_score::posting_error(&e)))?;
    if doc.text.trim().is_empty() {
        bail!("the job posting {name} (--jd) has no text to read: give the posting as text, or as a PDF or DOCX with a text layer");
    }
    Ok(Some(doc.text))
}

pub(crate) fn analyzer(keywords: Option<&Path>) -> Result<Analyzer> {
    let Some(dir) = keywords else {
        // Compiled at build time: nothing to do at start-up.
        return Ok(Analyzer::builtin());
    };
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read keyword folder {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            files.push((name, text));
        }
    }
    if files.is_empty() {
        bail!("no *.toml keyword files in {}", dir.display());
    }
    files.sort();
    let mut sets = KeywordSets::builtin();
    sets.extend(KeywordSets::from_sources(&files)?);
    Ok(Analyzer::new(sets))
}
