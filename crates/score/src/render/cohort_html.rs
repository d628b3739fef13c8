//! The cohort report as one self-contained HTML page: charts drawn as inline SVG, a table of
//! students that sorts on a click (a few lines of inline script; the table reads the same
//! without it), and every student's full report further down the same page. No network: no
//! external script, style sheet, font or image. Prints on A4 and Letter alike (`@media print`
//! sets margins only, never a paper size).

use std::fmt::Write;

use super::cohort::{part_score, risk_codes, CohortFile, CohortStats, FileOutcome};
use super::html::{esc, report_section, REPORT_CSS};
use crate::checks::Part;

/// Width of a chart's drawing in SVG user units; the SVG scales to its box.
const CHART_WIDTH: f64 = 640.0;
/// Height of one bar row of a horizontal bar chart, in SVG user units.
const BAR_ROW: f64 = 24.0;
/// Room left of the bars for their labels, in SVG user units (about 36 characters at 11 px).
const BAR_LABEL_WIDTH: f64 = 250.0;
/// Room right of the bars for the figure, in SVG user units.
const BAR_FIGURE_WIDTH: f64 = 90.0;
/// Height of the score histogram's plot, in SVG user units.
const HISTOGRAM_HEIGHT: f64 = 160.0;
/// Characters of a label kept in a chart; the full text is in its tooltip.
const LABEL_CHARS: usize = 38;

/// Renders the cohort as a complete HTML document. `role` is the name of the role every résumé
/// was scored for, or None when each was scored for the role it fits best.
pub fn cohort_html(files: &[CohortFile], role: Option<&str>) -> String {
    cohort_html_with_nonce(files, role, None)
}

/// As [`cohort_html`], with the inline style and script marked with a CSP `nonce` (for a
/// server whose Content-Security-Policy allows inline code by nonce only). The nonce is used
/// as given: pass letters and digits.
pub fn cohort_html_with_nonce(files: &[CohortFile], role: Option<&str>, nonce: Option<&str>) -> String {
    let nonce_attr = nonce.map_or_else(String::new, |n| format!(" nonce=\"{}\"", esc(n)));
    let stats = CohortStats::new(files);
    let mut out = String::with_capacity(64 * 1024 + stats.scored.len() * 24 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = write!(out, "<title>Cohort report · ats-check</title>\n<style{nonce_attr}>\n");
    out.push_str(COHORT_CSS);
    out.push_str(REPORT_CSS);
    out.push_str("\n</style>\n</head>\n<body>\n<main class=\"cohort\">\n");
    let _ = writeln!(
        out,
        "<header id=\"top\"><h1>Cohort report</h1><p class=\"counts\">{}. {}</p></header>",
        esc(&stats.counts_line(files.len())),
        esc(&stats.role_line(role))
    );
    overview(&mut out, &stats);
    charts(&mut out, &stats);
    students_table(&mut out, files, &stats);
    unreadable_list(&mut out, files);
    reports(&mut out, files);
    let _ = write!(out, "</main>\n<script{nonce_attr}>\n");
    out.push_str(SORT_SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

fn overview(out: &mut String, stats: &CohortStats) {
    let (Some(mean), Some(median)) = (stats.mean(), stats.quantile(0.5)) else {
        out.push_str("<p>No résumé could be scored.</p>\n");
        return;
    };
    let q = |p| stats.quantile(p).unwrap_or_default();
    out.push_str("<section class=\"tiles\" aria-label=\"Scores at a glance\">\n");
    for (label, value) in [
        ("scored", stats.scored.len().to_string()),
        ("mean score", format!("{mean:.1}")),
        ("median", median.to_string()),
        ("middle half", format!("{}–{}", q(0.25), q(0.75))),
        ("lowest", q(0.0).to_string()),
        ("highest", q(1.0).to_string()),
    ] {
        let _ = writeln!(
            out,
            "<div class=\"tile\"><span class=\"value\">{}</span><span class=\"label\">{label}</span></div>",
            esc(&value)
        );
    }
    out.push_str("</section>\n");
}

fn charts(out: &mut String, stats: &CohortStats) {
    if stats.scored.is_empty() {
        return;
    }
    out.push_str("<section class=\"charts\">\n");

    out.push_str("<figure class=\"chart\"><figcaption>Score distribution</figcaption>\n");
    histogram(out, &stats.scores);
    out.push_str("</figure>\n");

    out.push_str(
        "<figure class=\"chart\"><figcaption>The parts of the score (mean of the cohort, 0–100)</figcaption>\n",
    );
    let parts: Vec<Bar> = stats
        .parts
        .iter()
        .map(|(_, name, mean, n)| Bar {
            label: name.to_string(),
            value: *mean,
            figure: format!("{mean:.0} (n={n})"),
        })
        .collect();
    bar_chart(out, "Mean score of each part", &parts, 100.0);
    out.push_str("</figure>\n");

    if !stats.missing.is_empty() {
        let several = stats.several_roles();
        out.push_str(
            "<figure class=\"chart\"><figcaption>Keywords most often missing: share of students \
             missing it, ranked by share × weight (1–5)</figcaption>\n",
        );
        let bars: Vec<Bar> = stats
            .missing
            .iter()
            .map(|m| Bar {
                label: if several {
                    format!("{} ({}, w{})", m.term, m.role, m.weight)
                } else {
                    format!("{} (w{})", m.term, m.weight)
                },
                value: m.share() * 100.0,
                figure: format!("{:.0}% · {}/{}", m.share() * 100.0, m.missing, m.of),
            })
            .collect();
        bar_chart(out, "Keywords most often missing", &bars, 100.0);
        out.push_str("</figure>\n");
    }

    out.push_str("<figure class=\"chart\"><figcaption>Most common ATS risks (résumés with it)</figcaption>\n");
    if stats.risks.is_empty() {
        out.push_str("<p>No ATS risk found in any résumé.</p>\n");
    } else {
        let bars: Vec<Bar> = stats
            .risks
            .iter()
            .map(|r| Bar {
                label: r.name.to_string(),
                value: r.students as f64,
                figure: format!(
                    "{} ({:.0}%)",
                    r.students,
                    r.students as f64 * 100.0 / stats.scored.len() as f64
                ),
            })
            .collect();
        bar_chart(out, "Most common ATS risks", &bars, stats.scored.len() as f64);
        out.push_str("<table class=\"risks\"><thead><tr><th>risk</th><th>résumés</th><th>what to tell students</th></tr></thead><tbody>\n");
        for r in &stats.risks {
            let _ = writeln!(
                out,
                "<tr><td>{} <code>{}</code></td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(r.name),
                esc(r.code),
                r.students,
                esc(r.fix)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</figure>\n");

    if !stats.best_fits.is_empty() {
        out.push_str(
            "<figure class=\"chart\"><figcaption>Best-fit roles (résumés whose keywords fit it best)</figcaption>\n",
        );
        let bars: Vec<Bar> = stats
            .best_fits
            .iter()
            .map(|(name, n)| Bar {
                label: name.to_string(),
                value: *n as f64,
                figure: n.to_string(),
            })
            .collect();
        bar_chart(out, "Best-fit roles", &bars, stats.scored.len() as f64);
        out.push_str("</figure>\n");
    }
    out.push_str("</section>\n");
}

/// One bar of a horizontal bar chart.
struct Bar {
    label: String,
    value: f64,
    /// The figure printed after the bar.
    figure: String,
}

/// Horizontal bars, one row each, scaled to `max`.
fn bar_chart(out: &mut String, title: &str, bars: &[Bar], max: f64) {
    let height = BAR_ROW * bars.len() as f64 + 8.0;
    let track = CHART_WIDTH - BAR_LABEL_WIDTH - BAR_FIGURE_WIDTH;
    let _ = writeln!(
        out,
        "<svg class=\"bars\" viewBox=\"0 0 {CHART_WIDTH} {height}\" role=\"img\" aria-label=\"{}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        esc(title),
        esc(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 4.0 + BAR_ROW * i as f64;
        let width = if max > 0.0 {
            (bar.value / max).clamp(0.0, 1.0) * track
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "<g><title>{full}: {figure}</title><text x=\"{lx}\" y=\"{ty:.1}\" class=\"label\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{bx}\" y=\"{ry:.1}\" width=\"{track:.1}\" height=\"{bh:.1}\" class=\"track\"/>\
             <rect x=\"{bx}\" y=\"{ry:.1}\" width=\"{width:.1}\" height=\"{bh:.1}\" class=\"bar\"/>\
             <text x=\"{fx:.1}\" y=\"{ty:.1}\" class=\"figure\">{figure}</text></g>",
            full = esc(&bar.label),
            label = esc(&shorten(&bar.label, LABEL_CHARS)),
            figure = esc(&bar.figure),
            lx = BAR_LABEL_WIDTH - 8.0,
            ty = y + BAR_ROW * 0.62,
            bx = BAR_LABEL_WIDTH,
            ry = y + 3.0,
            bh = BAR_ROW - 6.0,
            fx = BAR_LABEL_WIDTH + track + 6.0,
        );
    }
    out.push_str("</svg>\n");
}

/// Scores in ten bands of ten points (the last, 90–100, takes 100), as vertical bars.
fn histogram(out: &mut String, scores: &[u32]) {
    let mut bands = [0usize; 10];
    for &s in scores {
        bands[(s as usize / 10).min(9)] += 1;
    }
    let most = bands.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (top, bottom, left) = (18.0, 34.0, 8.0);
    let height = HISTOGRAM_HEIGHT + top + bottom;
    let slot = (CHART_WIDTH - 2.0 * left) / bands.len() as f64;
    let _ = writeln!(
        out,
        "<svg class=\"histogram\" viewBox=\"0 0 {CHART_WIDTH} {height}\" role=\"img\" \
         aria-label=\"Résumés per score band of ten points\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title>Résumés per score band of ten points</title>"
    );
    for (i, &n) in bands.iter().enumerate() {
        let lo = i * 10;
        let hi = if i == 9 { 100 } else { lo + 9 };
        let bar = n as f64 / most * HISTOGRAM_HEIGHT;
        let x = left + slot * i as f64;
        let y = top + HISTOGRAM_HEIGHT - bar;
        let _ = writeln!(
            out,
            "<g><title>{lo}–{hi}: {n}</title><rect x=\"{bx:.1}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{bar:.1}\" class=\"bar band{i}\"/>\
             <text x=\"{cx:.1}\" y=\"{ny:.1}\" class=\"figure\" text-anchor=\"middle\">{n}</text>\
             <text x=\"{cx:.1}\" y=\"{ly:.1}\" class=\"label\" text-anchor=\"middle\">{lo}–{hi}</text></g>",
            bx = x + 4.0,
            bw = slot - 8.0,
            cx = x + slot / 2.0,
            ny = y - 4.0,
            ly = top + HISTOGRAM_HEIGHT + 20.0,
        );
    }
    out.push_str("</svg>\n");
}

fn students_table(out: &mut String, files: &[CohortFile], stats: &CohortStats) {
    let _ = writeln!(
        out,
        "<section id=\"students\"><h2>Students</h2>\n<p class=\"hint\">{} Click a column's heading to sort by it; \
         a file name opens that student's full report below.</p>",
        esc(&count_students(stats.scored.len()))
    );
    out.push_str("<table class=\"students sortable\"><thead><tr>");
    for (i, (heading, numeric)) in [
        ("file", false),
        ("name", false),
        ("email", false),
        ("score", true),
        (Part::ParseHealth.name(), true),
        (Part::Content.name(), true),
        (Part::Keywords.name(), true),
        ("role scored", false),
        ("best fit", false),
        ("ATS risks", false),
    ]
    .iter()
    .enumerate()
    {
        let _ = write!(
            out,
            "<th scope=\"col\" data-col=\"{i}\"{}><button type=\"button\">{}</button></th>",
            if *numeric { " data-numeric" } else { "" },
            esc(heading)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, f) in files.iter().enumerate() {
        let _ = write!(out, "<tr><td><a href=\"#student-{i}\">{}</a></td>", esc(f.file));
        match f.outcome {
            FileOutcome::Scored(r) => {
                let c = &r.contact;
                let cell = |v: &Option<String>| {
                    v.as_deref()
                        .map_or_else(|| "<span class=\"none\">not found</span>".to_string(), esc)
                };
                let num = |v: Option<u32>| {
                    v.map_or_else(
                        || "<td class=\"num\" data-v=\"-1\">—</td>".to_string(),
                        |s| format!("<td class=\"num\" data-v=\"{s}\">{s}</td>"),
                    )
                };
                let risks = risk_codes(r);
                let _ = writeln!(
                    out,
                    "<td>{}</td><td>{}</td>{}{}{}{}<td>{}</td><td>{}</td><td>{}</td></tr>",
                    cell(&c.name),
                    cell(&c.email),
                    num(Some(r.score.overall)),
                    num(part_score(r, Part::ParseHealth.id())),
                    num(part_score(r, Part::Content.id())),
                    num(part_score(r, Part::Keywords.id())),
                    r.role.as_ref().map_or_else(|| "—".to_string(), |role| esc(&role.name)),
                    r.role_fit.first().map_or_else(|| "—".to_string(), |fit| esc(&fit.name)),
                    if risks.is_empty() {
                        "none".to_string()
                    } else {
                        esc(&risks.join(", "))
                    },
                );
            }
            FileOutcome::Unreadable(e) | FileOutcome::Unsupported(e) => {
                let what = if matches!(f.outcome, FileOutcome::Unsupported(_)) {
                    "unsupported format"
                } else {
                    "could not be read"
                };
                // Every row has every column, so that sorting finds a column at one index.
                let dash = "<td class=\"num\" data-v=\"-1\">—</td>";
                let _ = writeln!(
                    out,
                    "<td class=\"error\">{what}</td><td>—</td>{dash}{dash}{dash}{dash}<td>—</td><td>—</td><td class=\"error\">{}</td></tr>",
                    esc(e)
                );
            }
        }
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn count_students(scored: usize) -> String {
    format!("{} scored.", super::count(scored, "résumé", "résumés"))
}

fn unreadable_list(out: &mut String, files: &[CohortFile]) {
    let failed: Vec<(usize, &CohortFile)> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| !matches!(f.outcome, FileOutcome::Scored(_)))
        .collect();
    if failed.is_empty() {
        return;
    }
    out.push_str("<section id=\"unread\"><h2>Could not be read</h2>\n<ul class=\"unread\">\n");
    for (i, f) in failed {
        let (FileOutcome::Unreadable(e) | FileOutcome::Unsupported(e)) = f.outcome else {
            continue;
        };
        let _ = writeln!(
            out,
            "<li id=\"student-{i}\"><strong>{}</strong>: {} <a href=\"#students\">back to the table</a></li>",
            esc(f.file),
            esc(e)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn reports(out: &mut String, files: &[CohortFile]) {
    out.push_str("<section id=\"reports\"><h2>Full reports</h2>\n");
    for (i, f) in files.iter().enumerate() {
        let FileOutcome::Scored(r) = f.outcome else { continue };
        let who = r.contact.name.as_deref().unwrap_or("name not found");
        let _ = writeln!(
            out,
            "<article class=\"student\" id=\"student-{i}\"><header class=\"student-head\"><h2>{} <span class=\"who\">{}</span></h2>\
             <a class=\"back\" href=\"#students\">back to the table</a></header>",
            esc(f.file),
            esc(who)
        );
        out.push_str(&report_section(r, &format!("s{i}-")));
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

/// The first `max` characters of `s`, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// The cohort page's own styles (the student reports bring theirs, [`REPORT_CSS`]). System
/// fonts only, so that nothing is fetched.
pub const COHORT_CSS: &str = r#"
.cohort { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2430; max-width: 1100px; margin: 0 auto; padding: 24px; }
.cohort h1 { font-size: 28px; margin: 0 0 4px; }
.cohort .counts, .cohort .hint { color: #4a5567; margin: 0 0 16px; }
.cohort .tiles { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 24px; }
.cohort .tile { border: 1px solid #d5dbe5; border-radius: 8px; padding: 10px 16px; min-width: 110px; }
.cohort .tile .value { display: block; font-size: 24px; font-weight: 700; }
.cohort .tile .label { color: #4a5567; font-size: 13px; }
.cohort .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 20px; }
.cohort figure.chart { margin: 0; border: 1px solid #d5dbe5; border-radius: 8px; padding: 12px 14px; break-inside: avoid; }
.cohort figcaption { font-weight: 600; margin-bottom: 8px; }
.cohort svg { width: 100%; height: auto; display: block; }
.cohort svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1d2430; }
.cohort svg .track { fill: #eef1f6; }
.cohort svg .bar { fill: #2f6fd6; }
.cohort svg .band0, .cohort svg .band1, .cohort svg .band2, .cohort svg .band3, .cohort svg .band4 { fill: #c8473c; }
.cohort svg .band5, .cohort svg .band6 { fill: #d99a2b; }
.cohort svg .band7 { fill: #6aa84f; }
.cohort svg .band8, .cohort svg .band9 { fill: #2e8b57; }
.cohort table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
.cohort th, .cohort td { border-bottom: 1px solid #e1e6ee; padding: 5px 6px; text-align: left; vertical-align: top; }
.cohort td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cohort td.error { color: #8a2b22; }
.cohort .none { color: #8a94a6; font-style: italic; }
.cohort th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-align: left; }
.cohort th[aria-sort="ascending"] button::after { content: " ▲"; }
.cohort th[aria-sort="descending"] button::after { content: " ▼"; }
.cohort table.students thead { position: sticky; top: 0; background: #fff; }
.cohort #students, .cohort #unread, .cohort #reports { margin-top: 28px; }
.cohort article.student { border-top: 3px solid #2f6fd6; margin-top: 32px; padding-top: 8px; }
.cohort .student-head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
.cohort .student-head .who { font-weight: 400; color: #4a5567; }
.cohort :target { scroll-margin-top: 12px; }
@media print {
  @page { margin: 14mm; }
  .cohort { max-width: none; padding: 0; font-size: 11pt; }
  .cohort .charts { display: block; }
  .cohort figure.chart { margin-bottom: 12px; }
  .cohort table.students thead { position: static; display: table-header-group; }
  .cohort tr { break-inside: avoid; }
  .cohort #students, .cohort #reports { break-before: page; }
  .cohort article.student { break-before: page; border-top: 0; }
  .cohort a.back, .cohort .hint { display: none; }
  .cohort a { color: inherit; text-decoration: none; }
  .cohort th button::after { content: none !important; }
}
"#;

/// Sorts the students table by a clicked column; numbers by value, text by locale order, and a
/// second click reverses. The table is complete in the HTML without it.
const SORT_SCRIPT: &str = r#"(function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("th[data-col]").forEach(function (th) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var col = Number(th.getAttribute("data-col"));
        var numeric = th.hasAttribute("data-numeric");
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var key = function (row) {
          var cell = row.cells[col];
          if (numeric) { return Number(cell && cell.getAttribute("data-v")); }
          return cell ? cell.textContent.trim().toLowerCase() : "";
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = numeric ? x - y : x.localeCompare(y);
          return c * dir;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
"#;
