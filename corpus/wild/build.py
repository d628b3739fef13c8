#!/usr/bin/env python3
"""Builds the wide corpus: every producer renders its share of people.py into corpus/wild/out/docs/, and the truth
for each document is written from the same person data into corpus/wild/out/truth.json.

  python3 build.py --install          install what is missing (Debian apt, PyPI into out/venv, npm into out/node)
  python3 build.py                    render every producer (skips documents already built)
  python3 build.py --only typst-plain --force

Producers and their fixed tuning/sealed split are in producers.py. Nothing here reads ats-check's output.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
VENV = os.path.join(OUT, "venv")
NODE = os.path.join(OUT, "node")

APT = ["texlive-latex-extra", "texlive-latex-recommended", "texlive-fonts-recommended", "texlive-fonts-extra",
       "texlive-xetex", "texlive-luatex", "lmodern", "pandoc", "wkhtmltopdf", "groff", "ghostscript",
       "libreoffice-writer-nogui", "chromium", "fonts-dejavu-core", "fonts-liberation", "python3-venv",
       "python3-pip", "nodejs", "npm", "poppler-utils", "libpango-1.0-0", "libpangoft2-1.0-0", "enscript"]
# Packages whose command may come from elsewhere (a nodejs build that bundles npm): skipped when it is on PATH.
APT_COMMAND = {"nodejs": "node", "npm": "npm"}
PYPI = ["weasyprint", "reportlab", "fpdf2", "python-docx", "typst"]
NPM = ["jsonresume-theme-even", "jsonresume-theme-flat", "jsonresume-theme-kendall",
       "jsonresume-theme-macchiato", "jsonresume-theme-stackoverflow", "jsonresume-theme-onepage",
       # the dev split's themes
       "jsonresume-theme-paper", "jsonresume-theme-spartan", "jsonresume-theme-short", "jsonresume-theme-actual",
       "jsonresume-theme-elegant", "jsonresume-theme-caffeine",
       "jsonresume-theme-classy", "jsonresume-theme-modern"]


def sh(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def install():
    missing = [p for p in APT if not (p in APT_COMMAND and shutil.which(APT_COMMAND[p]))
               and subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if missing:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        sh(["apt-get", "update", "-q"], env=env)
        sh(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], env=env)
    os.makedirs(OUT, exist_ok=True)
    if not os.path.exists(os.path.join(VENV, "bin", "python")):
        sh([sys.executable, "-m", "venv", VENV])
    py = os.path.join(VENV, "bin", "python")
    want = {"weasyprint": "weasyprint", "reportlab": "reportlab", "fpdf2": "fpdf", "python-docx": "docx",
            "typst": "typst"}
    lacking = [pkg for pkg, mod in want.items()
               if subprocess.run([py, "-c", f"import {mod}"], capture_output=True).returncode != 0]
    if lacking:
        sh([py, "-m", "pip", "install", "-q", *lacking])
    os.makedirs(NODE, exist_ok=True)
    if not os.path.exists(os.path.join(NODE, "package.json")):
        with open(os.path.join(NODE, "package.json"), "w") as f:
            json.dump({"name": "wild-corpus-themes", "private": True}, f)
    lacking = [t for t in NPM if not os.path.isdir(os.path.join(NODE, "node_modules", t))]
    if lacking:
        sh(["npm", "install", "--no-audit", "--no-fund", *lacking], cwd=NODE)


def in_venv():
    return os.path.realpath(sys.prefix) == os.path.realpath(VENV)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--install", action="store_true", help="install missing producers first")
    ap.add_argument("--only", action="append", help="render only these producers (repeatable)")
    ap.add_argument("--force", action="store_true", help="re-render documents that exist")
    ap.add_argument("--list", action="store_true", help="list producers and their split, then stop")
    a = ap.parse_args()
    if a.install and not in_venv():
        install()
    if not in_venv() and os.path.exists(os.path.join(VENV, "bin", "python")):
        # The PyPI producers live in the venv: run the rest of the build there.
        args = [x for x in sys.argv[1:] if x != "--install"]
        os.execv(os.path.join(VENV, "bin", "python"), [os.path.join(VENV, "bin", "python"), __file__, *args])
    sys.path.insert(0, HERE)
    import producers
    if a.list:
        for p in producers.PRODUCERS:
            print(f"{p.name:36} {p.split:7} {p.kind}")
        return
    truth, failed = producers.build_all(OUT, only=a.only, force=a.force)
    with open(os.path.join(OUT, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
    print(f"{len(truth)} documents from {len({t['producer'] for t in truth})} producers in {OUT}")
    for name, why in failed.items():
        print(f"FAILED {name}: {why}")


if __name__ == "__main__":
    main()
