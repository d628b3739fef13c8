#!/usr/bin/env bash
# Instruction counts of a release build, the machine-independent measure the speed comments in
# crates/parse cite ("over the files of scripts/icount.sh"): callgrind runs `ats-check batch` on
# one thread over 61 PDFs (the first 40 of ../shared/corpus/bench/pdf in name order and the 21
# fictional and ats-risk PDFs), then a one-résumé JSON run on the sample. Prints total instructions
# and instructions per file; `--annotate` also prints callgrind_annotate's top functions.
#
#   bash scripts/icount.sh [--annotate]
#
# Needs valgrind (Debian: apt-get install valgrind) and ../shared/corpus beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
if ! command -v valgrind >/dev/null; then
  echo "icount: valgrind is not installed (apt-get install valgrind)" >&2
  exit 2
fi
if [[ ! -d $corpus ]]; then
  echo "icount: $corpus not found" >&2
  exit 2
fi
cargo build --release --quiet
bin=target/release/ats-check
mapfile -t files < <(
  find "$corpus/bench/pdf" -name '*.pdf' | sort | head -n 40
  find "$corpus/fictional" "$corpus/ats-risk" -maxdepth 1 -name '*.pdf' | sort
)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # label, callgrind output file, files measured, command...
  local label=$1 file=$2 n=$3
  shift 3
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$file" "$@" >/dev/null 2>"$file.log"
  local total
  total=$(grep -m1 '^summary:' "$file" | awk '{print $2}')
  printf '%-28s %14s instructions  %12s per file (%d files)\n' "$label" "$total" "$((total / n))" "$n"
}

count "batch, ${#files[@]} PDFs" "$out/batch.cg" "${#files[@]}" \
  "$bin" batch "${files[@]}" --role ml-engineer --output "$out/batch.csv"
count "one résumé, JSON" "$out/single.cg" 1 \
  "$bin" samples/jordan-lee-ml-engineer.pdf --role ml-engineer --format json

if [[ ${1:-} == --annotate ]]; then
  callgrind_annotate --inclusive=yes "$out/batch.cg" 2>/dev/null | head -n 60
fi
