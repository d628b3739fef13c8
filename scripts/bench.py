#!/usr/bin/env python3
"""Speed benchmark for ats-check against pdftotext (a benchmark, not a test).

  cargo build --release && cargo build --release -p ats-parse --example extract
  python3 scripts/bench.py [--corpus ../shared/corpus] [--runs 5]

Measures, on ../shared/corpus/bench (PDF + DOCX) and the corpus PDFs:
  * batch: `ats-check batch` over every file vs running pdftotext once per PDF (extraction only
    for pdftotext, full analysis for us), best of --runs;
  * single: one `ats-check FILE --role ml-engineer --format json` process vs one pdftotext
    process, median over the corpus PDFs;
  * in-process extraction: median ms per document (examples/extract --time) and peak RSS of a
    batch run.
"""
import argparse, glob, os, resource, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target/release/ats-check")
EXTRACT = os.path.join(ROOT, "target/release/examples/extract")


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "../shared/corpus"))
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    if not os.path.exists(BIN) or not os.path.exists(EXTRACT):
        sys.exit("build first: cargo build --release && cargo build --release -p ats-parse --example extract")
    bench_pdfs = sorted(glob.glob(os.path.join(a.corpus, "bench/pdf/*.pdf")))
    bench_docx = sorted(glob.glob(os.path.join(a.corpus, "bench/docx/*.docx")))
    corpus_pdfs = sorted(glob.glob(os.path.join(a.corpus, "fictional/*.pdf")) + glob.glob(os.path.join(a.corpus, "ats-risk/*.pdf")))
    pdfs = bench_pdfs + corpus_pdfs
    if not pdfs:
        sys.exit(f"no PDFs under {a.corpus}")
    have_pdftotext = shutil.which("pdftotext") is not None
    out = {"pdfs": len(pdfs), "docx": len(bench_docx)}

    with tempfile.TemporaryDirectory() as d:
        csv_path = os.path.join(d, "rows.csv")
        batch = [BIN, "batch", *pdfs, "--role", "ml-engineer", "--output", csv_path]
        best = min(timed(batch) for _ in range(a.runs))
        out["batch_pdf_seconds"] = round(best, 3)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        batch_all = [BIN, "batch", *pdfs, *bench_docx, "--role", "ml-engineer", "--output", csv_path]
        out["batch_all_seconds"] = round(min(timed(batch_all) for _ in range(a.runs)), 3)
        out["batch_peak_rss_mb"] = round(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1)
        if have_pdftotext:
            ref = min(sum(timed(["pdftotext", "-enc", "UTF-8", p, os.devnull]) for p in pdfs) for _ in range(max(1, a.runs // 2)))
            out["pdftotext_per_file_seconds"] = round(ref, 3)
            out["batch_speedup_vs_pdftotext"] = round(ref / best, 1)

    singles, refs = [], []
    for p in corpus_pdfs:
        singles.append(statistics.median(timed([BIN, p, "--role", "ml-engineer", "--format", "json"]) for _ in range(a.runs)))
        if have_pdftotext:
            refs.append(statistics.median(timed(["pdftotext", "-enc", "UTF-8", p, os.devnull]) for _ in range(a.runs)))
    out["single_run_ms_median"] = round(statistics.median(singles) * 1000, 2)
    if refs:
        out["pdftotext_run_ms_median"] = round(statistics.median(refs) * 1000, 2)
        out["single_run_ratio_vs_pdftotext"] = round(statistics.median(singles) / statistics.median(refs), 2)

    r = subprocess.run([EXTRACT, "--time", "20", *bench_pdfs[:60]], capture_output=True, text=True)
    ms = [float(line.split()[0]) for line in r.stdout.splitlines() if line.strip()]
    if ms:
        out["extract_pdf_ms_median_in_process"] = round(statistics.median(ms), 3)
    r = subprocess.run([EXTRACT, "--time", "20", *bench_docx[:60]], capture_output=True, text=True)
    ms = [float(line.split()[0]) for line in r.stdout.splitlines() if line.strip()]
    if ms:
        out["extract_docx_ms_median_in_process"] = round(statistics.median(ms), 3)
    for k, v in out.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
