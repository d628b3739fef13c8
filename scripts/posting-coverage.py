#!/usr/bin/env python3
"""How well each role's keyword set covers the skill terms its collected job postings share.

For every role in keywords/ this reads keywords/postings/<role>.toml (the postings found for the
role and the skill terms each asks for) and reports:

- the shared terms: terms that at least SHARED_MIN_POSTINGS of the role's postings ask for;
- the share of them the role set covers, as a term or an alias of one;
- shared terms the set lacks, and covered terms weighted below the README rule
  (keywords/README.md, "Postings": a term asked by a larger share of postings weighs more).

Spellings are compared the way the matcher reads them (README, "Why spellings matter"): case is
ignored, hyphens, slashes, underscores and spaces are the same joiner, a spaced "&" reads "and",
and plural and -ing forms are grouped by the matcher's conservative stem; a spelling also matches
its no-space form ("fine-tuning" = "finetuning").

Exits 1 when a role covers less than MIN_COVERAGE of its shared terms, has a covered term below
its rule weight, or has fewer than MIN_POSTINGS postings.

    python3 scripts/posting-coverage.py [--keywords DIR] [--verbose]
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path

# A term is "shared" when at least this many of a role's postings ask for it: one posting's
# wording is an employer's quirk, two agree on the skill.
SHARED_MIN_POSTINGS = 2
# Share of shared terms a role set must cover; the rest may be postings' local tools.
MIN_COVERAGE = 0.95
# Fewest postings a role's term list may rest on.
MIN_POSTINGS = 5


def rule_weight(asked: int, postings: int) -> int:
    """Least weight for a term asked by `asked` of `postings` postings (README, "Postings")."""
    share = asked / postings
    if share >= 0.6:
        return 4
    if share >= 0.4:
        return 3
    return 2


def stem(word: str) -> str:
    """The matcher's conservative stem (crates/keywords/src/token.rs, `stem`)."""
    if len(word) < 4 or not word.isalpha():
        return word
    n = len(word)
    if n > 4 and word.endswith("ies"):
        return word[: n - 3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        n -= 1
    if n >= 7 and word[:n].endswith("ing"):
        n -= 3
        if n >= 2 and word[n - 1] == word[n - 2] and word[n - 1] in "bdglmnprt":
            n -= 1
    if n >= 5 and word[:n].endswith("e"):
        n -= 1
    return word[:n]


def keys(spelling: str) -> set[str]:
    """The forms under which a spelling matches: its stemmed word sequence and its no-space form."""
    text = spelling.lower().replace("\u2019", "'")
    text = re.sub(r"\s&\s", " and ", text)
    words = []
    for raw in re.split(r"[\s/_-]+", text):
        word = raw.strip("()[],;:!?\"'")
        if word.endswith("'s"):
            word = word[:-2]
        if word:
            words.append(stem(word))
    return {" ".join(words), "".join(words)} if words else set()


def squashed(spelling: str) -> str:
    """The no-space form of a spelling: the one key every variant of it shares."""
    return min(keys(spelling), key=len, default="")


def load_roles(directory: Path) -> dict[str, dict]:
    roles = {}
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as f:
            role = tomllib.load(f)
        roles[role["id"]] = role
    return roles


def load_postings(directory: Path) -> dict[str, list[dict]]:
    postings = {}
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as f:
            data = tomllib.load(f)
        postings[data["role"]] = data.get("postings", [])
    return postings


def posting_terms(posting: dict) -> list[str]:
    return posting.get("required", []) + posting.get("preferred", []) + posting.get("terms", [])


def role_index(role: dict) -> dict[str, dict]:
    """Match key -> term entry of the role set, for the term and each alias."""
    index = {}
    for term in role["terms"]:
        for spelling in [term["term"], *term.get("aliases", [])]:
            for key in keys(spelling):
                index.setdefault(key, term)
    return index


def shared_terms(postings: list[dict]) -> list[tuple[str, int]]:
    """(a spelling, how many postings ask) for each term at least SHARED_MIN_POSTINGS ask for."""
    asked: dict[str, set[int]] = {}
    spelling: dict[str, str] = {}
    for i, posting in enumerate(postings):
        for term in posting_terms(posting):
            key = squashed(term)
            asked.setdefault(key, set()).add(i)
            spelling.setdefault(key, term)
    rows = [(spelling[k], len(v)) for k, v in asked.items() if len(v) >= SHARED_MIN_POSTINGS]
    return sorted(rows, key=lambda r: (-r[1], r[0].lower()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keywords", type=Path, default=Path(__file__).resolve().parent.parent / "keywords")
    parser.add_argument("--verbose", action="store_true", help="list every shared term")
    args = parser.parse_args()

    roles = load_roles(args.keywords)
    postings = load_postings(args.keywords / "postings")
    failed = False
    total_shared = total_covered = 0
    print(f"{'role':34} {'postings':>8} {'shared':>6} {'covered':>7} {'share':>6}")
    for role_id, role in roles.items():
        role_postings = postings.get(role_id, [])
        index = role_index(role)
        rows = shared_terms(role_postings)
        missing, light = [], []
        covered = 0
        for spelling, asked in rows:
            entry = next((index[k] for k in keys(spelling) if k in index), None)
            if entry is None:
                missing.append((spelling, asked))
                continue
            covered += 1
            floor = rule_weight(asked, len(role_postings))
            if entry["weight"] < floor:
                light.append((spelling, asked, entry["term"], entry["weight"], floor))
            if args.verbose:
                print(f"    {asked}x {spelling} -> {entry['term']} (weight {entry['weight']})")
        share = covered / len(rows) if rows else 1.0
        total_shared += len(rows)
        total_covered += covered
        bad = share < MIN_COVERAGE or light or len(role_postings) < MIN_POSTINGS
        failed |= bool(bad)
        mark = "  FAIL" if bad else ""
        print(f"{role_id:34} {len(role_postings):>8} {len(rows):>6} {covered:>7} {share:>6.2f}{mark}")
        for spelling, asked in missing:
            print(f"    missing: {spelling} ({asked} postings)")
        for spelling, asked, term, weight, floor in light:
            print(f"    weight: {term} is {weight}, {asked} postings ask for {spelling!r}: at least {floor}")
    overall = total_covered / total_shared if total_shared else 1.0
    print(f"{'overall':34} {sum(len(p) for p in postings.values()):>8} {total_shared:>6} {total_covered:>7} "
          f"{overall:>6.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
