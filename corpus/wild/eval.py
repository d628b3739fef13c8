#!/usr/bin/env python3
"""Measures an ats-check binary on the wide corpus (out/truth.json, built by build.py), per producer and overall,
the tuning and sealed halves apart.

  python3 eval.py --bin ../../target/release/ats-check [--split tuning|sealed|dev|all] [--verbose] [--json OUT.json]

Rates: email, phone (last 10 digits), name, section kinds (share of expected kinds found), jobs counted exactly,
multi-column recall (multi-column files flagged) and the share of single-column files flagged, layout findings
exactly as expected (layout_clean), and word and word-pair recall of `ats-check text` against pdftotext (PDFs only).
How the text comparison is made fair is written beside `text_rates`. The sealed half is measured, never tuned on.
"""
import argparse
import collections
import html
import importlib.util
import json
import os
import re
import subprocess
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_EVAL = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "tools", "eval-corpus.py"))


def load_shared():
    """The shared evaluator's definitions (words, pairs, matching rules), so both corpora are judged alike."""
    if not os.path.exists(SHARED_EVAL):
        return None
    spec = importlib.util.spec_from_file_location("eval_corpus", SHARED_EVAL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Fallback:
    """The same definitions as ../shared/tools/eval-corpus.py, for a checkout without it."""
    WORD = re.compile(r"\w+", re.UNICODE)
    LAYOUT_CODES = {"multi-column", "table-layout", "text-box", "contact-in-header-footer", "contact-in-text-box",
                    "images", "tiny-font", "hidden-text", "unmappable-glyphs", "image-only", "scanned-or-empty"}

    @classmethod
    def words(cls, text):
        return collections.Counter(w.lower() for w in cls.WORD.findall(text))

    @classmethod
    def bigrams(cls, text):
        w = [x.lower() for x in cls.WORD.findall(text)]
        return collections.Counter(zip(w, w[1:]))

    @staticmethod
    def recall(ours, ref):
        total = sum(ref.values())
        if not total:
            return None
        return sum(min(ours[w], c) for w, c in ref.items()) / total

    @staticmethod
    def norm_space(s):
        return re.sub(r"\s+", " ", s).strip().lower()

    @staticmethod
    def digits(s):
        return re.sub(r"\D", "", s or "")[-10:]

    @staticmethod
    def finding_codes(report):
        codes = set()
        for f in (report or {}).get("findings", []) or []:
            if isinstance(f, dict) and f.get("code"):
                codes.add(str(f["code"]).lower())
        for s in (report or {}).get("sections", []) or []:
            for f in (s.get("findings", []) if isinstance(s, dict) else []) or []:
                if isinstance(f, dict) and f.get("code"):
                    codes.add(str(f["code"]).lower())
        return codes

    @staticmethod
    def has_code(codes, name):
        return any(c == name or c.endswith(("/" + name, "." + name, ":" + name)) for c in codes)

    @staticmethod
    def section_kinds(report):
        return {str(s["kind"]).lower() for s in (report or {}).get("sections", []) or []
                if isinstance(s, dict) and s.get("kind")}


# Three or more one-letter tokens in a row, each one space apart: a letter-spaced word as pdftotext splits it.
LETTER_SPACED = re.compile(r"(?<!\S)(?:\w ){2,}\w(?!\S)", re.UNICODE)


def join_letter_spaced(text):
    """Joins letter-spaced words in a pdftotext reference; wider gaps (two or more spaces) still part words."""
    return LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


# A hyphen (or U+2010, U+2011, a soft hyphen) between two letters, perhaps at a line's end. pdftotext deletes such a
# hyphen where a line ends in it ("twelve-" / "year-olds" -> "twelveyear-olds", "beatriz.santos-" / "pereira@" ->
# "beatriz.santospereira@"), which is right for a word TeX hyphenated and wrong for a compound, an e-mail or a URL;
# ats-check keeps it and joins the lines. Which is right needs a dictionary, so the hyphen is taken out on both
# sides alike: "fault-tolerant" counts as "faulttolerant" in both texts. Digits are left alone, so a date range that
# loses its dash ("2019-2021" -> "20192021") is still a lost word, and so is a hyphen followed by a space.
LETTER_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011\u00ad]\n?(?=[^\W\d_])", re.UNICODE)


def join_letter_hyphens(text):
    return LETTER_HYPHEN.sub("", text)


# The Latin ligature characters (U+FB00-FB06: ff, fi, fl, ffi, ffl, long s t, st). pdftotext prints them as one
# character where a font's ToUnicode says so (XeTeX's and LuaTeX's OpenType fonts: "oﬀice"), and "\w+" then reads
# "oﬀice" as a word other than "office"; ats-check spells them out. Spelt out on both sides: they are the same letters.
LIGATURES = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


def spell_out_ligatures(text):
    return text.translate(LIGATURES)


ICON_FONT = re.compile(r"fontawesome", re.IGNORECASE)
PDFFONTS_ROW = re.compile(r"^(\S+)\s+.*?\s+(\S+)\s+(?:yes|no)\s+(?:yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$")
FONTSPEC = re.compile(r'<fontspec id="(\d+)"[^>]*family="([^"]*)"')
TEXT_CHUNK = re.compile(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>')


def codes_as_text(path):
    """What pdftotext prints for glyphs the PDF gives no text: strings drawn in a font with CID codes (Identity-H/V)
    and no ToUnicode CMap, for which poppler prints each CID as if it were a character code. XeTeX embeds
    FontAwesome so (an envelope icon prints as "a", a bullet as "f", a phone as "Ȳ"); those letters are not on the
    page, so they are no words of the reference (ats-check reads such glyphs as icons). A Counter of the strings."""
    _, fonts, _ = run(["pdffonts", path])
    textless = set()
    for line in fonts.splitlines()[2:]:
        row = PDFFONTS_ROW.match(line)
        if row and row.group(3) == "no" and row.group(2).startswith("Identity"):
            textless.add(row.group(1))
    # An icon font whose ToUnicode gives each glyph's NAME (LuaTeX's fontawesome5: "MOBILE-ALT", "Envelope"): the
    # names are not on the page either (ats-check reads an icon font's glyph as a picture).
    for line in fonts.splitlines()[2:]:
        name = line.split(" ", 1)[0]
        if ICON_FONT.search(name.split("+", 1)[-1]):
            textless.add(name)
    if not textless:
        return collections.Counter()
    tags = {name.split("+", 1)[0] for name in textless if "+" in name}
    _, xml, _ = run(["pdftohtml", "-xml", "-i", "-q", "-stdout", path])
    ids = set()
    for fid, family in FONTSPEC.findall(xml):
        tag = family.split("+", 1)[0] if "+" in family else None
        if family in textless or (tag and tag in tags) or any(n.startswith(family) for n in textless):
            ids.add(fid)
    out = collections.Counter()
    for fid, chunk in TEXT_CHUNK.findall(xml):
        text = html.unescape(re.sub(r"<[^>]+>", "", chunk)).strip()
        if fid in ids and text:
            out[text] += 1
    return out


def drop_codes_as_text(text, noise):
    """Takes the strings of `codes_as_text` out of a pdftotext text, each as often as it was drawn, where it stands
    as a word of its own (the first ones in reading order)."""
    if not noise:
        return text
    left = collections.Counter(noise)

    def keep(match):
        token = match.group(0)
        if left[token] > 0:
            left[token] -= 1
            return ""
        return token
    return re.sub(r"(?<!\S)\S+(?!\S)", keep, text)


def text_rates(m, ours, default, layout, noise=None):
    """Word and word-pair recall of our text against pdftotext.

    Both pdftotext texts have letter-spaced words joined (pdftotext prints "M A R I S O L" as seven words) and, like
    ours, letter hyphens taken out (see LETTER_HYPHEN) and ligatures spelt out (see LIGATURES); what pdftotext prints
    for glyphs that have no text is taken out of them (see codes_as_text). Words are counted against pdftotext's default reading.

    A pair is two words next to each other, so it depends on reading order, and pdftotext's order is a guess wherever
    two blocks share baselines: by default it reads a label rail or a right-aligned date column as a block of its own
    (all the titles, then all the dates), with -layout it reads row by row (title, then its date); a sidebar comes
    first in one mode and is interleaved line by line in the other. Neither is the truth, and ats-check reads rails
    row by row and sidebars as a whole, so a pair counts in the reference only when pdftotext's two readings agree on
    it (the multiset intersection): the words inside a line always, the pairs across line ends and block ends wherever
    nothing beside them makes the order doubtful. What the reference drops there is order only, never a word (words
    are counted apart), and whether a sidebar or rail is read as such is measured by the layout rates. `pairs_raw`
    is kept beside it: the share of pdftotext's default-reading pairs, rail and sidebar order included.
    """
    ours = join_letter_hyphens(spell_out_ligatures(ours))
    default = join_letter_hyphens(spell_out_ligatures(join_letter_spaced(drop_codes_as_text(default, noise))))
    layout = join_letter_hyphens(spell_out_ligatures(join_letter_spaced(drop_codes_as_text(layout, noise))))
    ours_pairs = m.bigrams(ours)
    default_pairs = m.bigrams(default)
    return {
        "words": m.recall(m.words(ours), m.words(default)),
        "pairs": m.recall(ours_pairs, default_pairs & m.bigrams(layout)),
        "pairs_raw": m.recall(ours_pairs, default_pairs),
    }


def run(cmd, timeout=60):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", "timeout"


METRICS = ["email", "phone", "name", "sections", "jobs", "multi_column_recall", "single_column_flagged",
           "layout_clean", "words", "pairs", "pairs_raw"]


class Tally:
    def __init__(self):
        self.n = collections.Counter()
        self.sum = collections.Counter()
        self.misses = collections.defaultdict(list)

    def add(self, key, value, miss="", bad=None):
        self.n[key] += 1
        self.sum[key] += value
        if miss and (value < 1 if bad is None else bad):
            self.misses[key].append(miss)

    def rate(self, key):
        return self.sum[key] / self.n[key] if self.n[key] else None


def evaluate(binary, root, entry, m, tallies):
    path = os.path.join(root, entry["file"])
    exp = entry["expect"]
    label = entry["file"].split("/", 1)[-1]
    rc, out, err = run([binary, path, "--role", "ml-engineer", "--format", "json"])
    try:
        report = json.loads(out) if rc in (0, 1) else None
    except ValueError:
        report = None
    if rc is None or (rc or 0) < 0 or "panicked at" in err:
        for t in tallies:
            t.misses["crash"].append(label)
    contact = (report or {}).get("contact") or {}

    def add(key, value, miss="", bad=None):
        for t in tallies:
            t.add(key, value, miss, bad)

    got = (contact.get("email") or "").lower()
    add("email", got == exp["email"].lower(), f"{label}: {got!r}")
    got = contact.get("phone") or ""
    add("phone", m.digits(got) == m.digits(exp["phone"]) and m.digits(got) != "", f"{label}: {got!r}")
    got = contact.get("name") or ""
    add("name", m.norm_space(got) == m.norm_space(exp["name"]), f"{label}: {got!r}")
    kinds = m.section_kinds(report)
    for k in exp["sections"]:
        add("sections", k in kinds, f"{label}: {k}")
    jobs = (report or {}).get("experience")
    n = len(jobs) if isinstance(jobs, list) else -1
    add("jobs", n == exp["experience_count"], f"{label}: {n} vs {exp['experience_count']}")
    codes = m.finding_codes(report)
    flagged = m.has_code(codes, "multi-column")
    if "multi-column" in exp["layout_risks"]:
        add("multi_column_recall", flagged, label)
    else:
        add("single_column_flagged", flagged, label, bad=flagged)
    expected = set(exp["layout_risks"])
    false = sorted(c for c in m.LAYOUT_CODES if m.has_code(codes, c) and c not in expected)
    missing = sorted(c for c in expected if not m.has_code(codes, c))
    add("layout_clean", not false and not missing,
        f"{label}: " + ", ".join([f"+{c}" for c in false] + [f"-{c}" for c in missing]))
    if path.endswith(".pdf"):
        rc, text, _ = run([binary, "text", path])
        _, default, _ = run(["pdftotext", "-enc", "UTF-8", path, "-"])
        _, layout, _ = run(["pdftotext", "-layout", "-enc", "UTF-8", path, "-"])
        for key, r in text_rates(m, text if rc == 0 else "", default, layout, codes_as_text(path)).items():
            if r is not None:
                add(key, r, f"{label}: {r:.3f}")


def fmt(v):
    return "  -  " if v is None else f"{v:5.3f}"


def table(title, rows):
    short = {"multi_column_recall": "mc_rec", "single_column_flagged": "1col_fl", "layout_clean": "layout",
             "sections": "sect", "pairs_raw": "prs_raw"}
    head = f"{title:36} {'n':>3} " + " ".join(f"{short.get(k, k):>7}" for k in METRICS)
    print(head)
    print("-" * len(head))
    for name, n, t in rows:
        print(f"{name:36} {n:3d} " + " ".join(f"{fmt(t.rate(k)):>7}" for k in METRICS))
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", default=os.path.join(HERE, "out"))
    ap.add_argument("--split", default="all", choices=["tuning", "sealed", "dev", "all"])
    ap.add_argument("--verbose", action="store_true",
                    help="list misses (tuning half and dev split only unless --split sealed)")
    ap.add_argument("--json", help="write the rates to this file too")
    a = ap.parse_args()
    m = load_shared() or Fallback
    truth = json.load(open(os.path.join(a.corpus, "truth.json"), encoding="utf-8"))
    # The dev split (producers in neither half, for finding classes) is listed with "all" once it is built.
    present = {e["split"] for e in truth}
    splits = [s for s in ("tuning", "sealed", "dev") if s in present] if a.split == "all" else [a.split]
    result = {}
    for split in splits:
        per = collections.OrderedDict()
        overall = Tally()
        for entry in truth:
            if entry["split"] != split:
                continue
            t = per.setdefault(entry["producer"], Tally())
            evaluate(a.bin, a.corpus, entry, m, [t, overall])
        rows = [(name, sum(1 for e in truth if e["producer"] == name), t) for name, t in per.items()]
        rows.append((f"OVERALL ({split})", sum(1 for e in truth if e["split"] == split), overall))
        table(f"{split} {'split' if split == 'dev' else 'half'}: producer", rows)
        result[split] = {name: {k: t.rate(k) for k in METRICS} for name, _, t in rows}
        if a.verbose and (split in ("tuning", "dev") or a.split == "sealed"):
            for key, misses in overall.misses.items():
                print(f"  {key} misses ({len(misses)}):")
                for x in misses[:40]:
                    print(f"    {x}")
            print()
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
