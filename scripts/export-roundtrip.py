#!/usr/bin/env python3
"""Round trip of `ats-check export` over folders of résumés: each file is exported (DOCX by default), the
export is read back by the same binary (`export --check`), and the figures are printed per file, then a
summary: words kept, words kept in reading order, word pairs kept, words invented, contact fields changed,
core sections lost, layout risks found in the export and its parse-health score.

  python3 scripts/export-roundtrip.py --bin target/release/ats-check DIR_OR_FILE... [--ext docx|md|txt]
      [--truth TRUTH.json [--split tuning|sealed|dev|all]] [--json OUT.json] [--worst N]

With --truth, only the files a truth.json lists are taken (paths relative to the truth file's folder), and
with --split only those of that half (the wide corpus's sealed half is measured, never tuned on: run it with
--quiet to see the summary alone).
A file with no readable text (a scan without a text layer, empty pages) is refused by the export
(`{"refused": "no-text"}`): that is the right answer for it, so it is listed apart as "refused (no text)"
and counted neither as an error nor as falling short; the figures are over the files with text.
Exit status 1 when any file falls short of the bars (98% words, 98% in order, 95% pairs, no invented word,
same contact, every core section, no layout risk, parse health at least 95) or is not exported for
another reason.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

SUFFIXES = (".pdf", ".docx", ".txt", ".md")


def files_of(paths, truth, split):
    if truth:
        base = os.path.dirname(os.path.abspath(truth))
        with open(truth) as f:
            return sorted(os.path.join(base, e["file"]) for e in json.load(f)
                          if split == "all" or e.get("split", split) == split)
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                out.extend(os.path.join(root, n) for n in names
                           if n.lower().endswith(SUFFIXES) and not n.endswith(".pdftotext.txt"))
        else:
            out.append(p)
    return sorted(out)


def run(binary, path, ext, tmp):
    out = os.path.join(tmp, "export." + ext)
    proc = subprocess.run([binary, "export", path, "--output", out, "--check"],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]}
    return json.loads(proc.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--bin", required=True)
    ap.add_argument("--ext", default="docx", choices=["docx", "md", "txt"])
    ap.add_argument("--truth")
    ap.add_argument("--json")
    ap.add_argument("--split", default="all", choices=["tuning", "sealed", "dev", "all"])
    ap.add_argument("--quiet", action="store_true", help="the summary alone, no per-file lines")
    ap.add_argument("--worst", type=int, default=10)
    args = ap.parse_args()
    files = files_of(args.paths, args.truth, args.split)
    if not files:
        sys.exit("no files")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            r = run(args.bin, path, args.ext, tmp)
            results[path] = r
            name = os.path.relpath(path)
            if args.quiet:
                continue
            if "error" in r:
                print(f"{name}: not exported: {r['error'][0]}")
                continue
            if "refused" in r:
                print(f"{name}: refused ({r['refused']}): {r['message']}")
                continue
            order = r["words_in_order"]
            print(f"{name}: words {r['source_words']} kept {r['words_kept']:.3f} "
                  f"order {'-' if order is None else format(order, '.3f')} pairs {r['pairs_kept']:.3f} "
                  f"health {r['parse_health']}" + ("" if not r["shortfalls"] else "  ! " + "; ".join(r["shortfalls"])))
    refused = {p: r for p, r in results.items() if "refused" in r}
    with_text = {p: r for p, r in results.items() if "refused" not in r}
    ok = [r for r in with_text.values() if "error" not in r]
    errors = len(with_text) - len(ok)
    total = sum(r["source_words"] for r in ok) or 1

    def weighted(key):
        return sum((r[key] if r[key] is not None else 0) * r["source_words"] for r in ok) / total

    print()
    print(f"files {len(results)}  exported {len(ok)}  refused (no text) {len(refused)}  errors {errors}")
    if ok:
        print(f"words kept     mean {sum(r['words_kept'] for r in ok) / len(ok):.4f}  "
              f"word-weighted {weighted('words_kept'):.4f}  min {min(r['words_kept'] for r in ok):.4f}")
        orders = [r["words_in_order"] for r in ok if r["words_in_order"] is not None]
        if orders:
            print(f"words in order mean {sum(orders) / len(orders):.4f}  min {min(orders):.4f}")
        print(f"pairs kept     mean {sum(r['pairs_kept'] for r in ok) / len(ok):.4f}  "
              f"word-weighted {weighted('pairs_kept'):.4f}  min {min(r['pairs_kept'] for r in ok):.4f}")
        print(f"invented words {sum(len(r['invented']) for r in ok)} in {sum(1 for r in ok if r['invented'])} files")
        print(f"contact changed in {sum(1 for r in ok if r['contact_changed'])} files")
        print(f"core sections lost in {sum(1 for r in ok if r['sections_lost'])} files")
        print(f"layout risks in {sum(1 for r in ok if r['layout_risks'])} files; "
              f"parse health min {min(r['parse_health'] for r in ok)}")
        short = [(p, r) for p, r in with_text.items() if "error" in r or r["shortfalls"]]
        print(f"round trip holds on {len(with_text) - len(short)} of {len(with_text)} files with text"
              + (f"; {len(refused)} refused (no text)" if refused else ""))
        if args.quiet:
            args.worst = 0
        if args.worst:
            print("worst files:")
        for p, r in sorted(((p, r) for p, r in with_text.items() if "error" not in r),
                           key=lambda pr: (min(pr[1]["words_kept"], pr[1]["words_in_order"] or 1.0),
                                           pr[1]["pairs_kept"]))[: args.worst]:
            print(f"  {os.path.relpath(p)}: kept {r['words_kept']:.3f} order {r['words_in_order']} "
                  f"pairs {r['pairs_kept']:.3f} {'; '.join(r['shortfalls'])}")
    if refused:
        print("refused (no text), as they should be:")
        for p in refused:
            print(f"  {os.path.relpath(p)}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    sys.exit(1 if errors or any(r.get("shortfalls") for r in ok) else 0)


if __name__ == "__main__":
    main()
