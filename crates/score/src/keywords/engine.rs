//! The compiled matcher: every form of every term of every role as a normalised token
//! pattern, all in one hash table of token n-grams, so matching a résumé against all roles is
//! one pass over its tokens.
//!
//! The text is tokenized ([`token::tokenize`]) and written out as stems separated by single
//! spaces, with `|` where punctuation separates tokens: "Built A/B tests, Spark SQL" becomes
//! ` | built a b test | spark sql `. A term is the same kind of string (` a b test `), so a
//! match always falls on token boundaries and never crosses punctuation.
//!
//! Because every pattern is a whole run of tokens, the pass looks up, at each token, the runs
//! that start there — one, two, three tokens... — and stops as soon as a run is the prefix of no
//! pattern. An Aho-Corasick automaton finds the same matches, but building one over all roles
//! took about a quarter of a CLI run's instructions at start-up, and it cannot be built at
//! compile time; the table is built by build.rs for the built-in sets ([`super::compile`]).
//! Multi-word forms of two or three words also get a concatenated pattern (` finetun ` for
//! "fine-tuning"), so hyphen, space and no-space variants read the same. Each hit is then
//! checked against the form's case and context rule ([`rules::accept`]) on the text as written.

use std::ops::Range;
use std::sync::OnceLock;

use super::compile::{FormKind, Span, Tables, PREFIX_ONLY};
use super::rules::{self, Ctx, Rule};
use super::set::Category;
use super::sets::KeywordSets;
use super::token::{self, Tokens};
use crate::model::{SectionKind, SectionSpan};

/// The built-in sets, compiled by build.rs (see [`super::compile`]).
pub(super) mod builtin {
    use std::borrow::Cow;
    use std::ops::Range;

    use super::super::compile::{
        Form, FormKind, FormRef, KeyInfo, PatternInfo, RoleInfo, Span, StrTable, Tables, TermInfo,
    };
    use super::super::rules::{Ctx, Rule};
    use super::super::set::Category;

    include!(concat!(env!("OUT_DIR"), "/builtin_tables.rs"));
}

/// The compiled keyword sets. Build once per set of roles and reuse.
pub(crate) struct Engine {
    /// The sets compiled; for the built-in ones, parsed on first use (only listing roles
    /// needs them).
    sets: OnceLock<KeywordSets>,
    pub(super) tables: Tables,
    /// Total weight of each role's terms, so a role's coverage only visits the terms matched.
    pub(super) role_weights: Vec<f64>,
    /// Each role's terms, heaviest first, then by name, in term order among equals (the order of
    /// the report's lists): sorted on first use instead of sorting the lists for every résumé.
    heaviest_first: Vec<OnceLock<Vec<u32>>>,
}

/// One occurrence of a term in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Occ {
    pub term: u32,
    pub form: u16,
    /// First token.
    pub tok: u32,
    /// Tokens covered.
    pub n: u16,
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    pub section: Option<SectionKind>,
    /// In text a reader cannot see.
    pub hidden: bool,
}

/// A text matched against every term.
pub(super) struct Scan {
    pub tokens: Tokens,
    /// Normalised text (stems, `|` at barriers).
    pub norm: String,
    /// Occurrences sorted by (term, first token), overlaps within a term removed.
    pub occs: Vec<Occ>,
    /// Where each term's occurrences start in `occs`, and (last) their end: term `t`'s are
    /// `by_term[t]..by_term[t + 1]`. Half the size of a `Range<usize>` per term, which is
    /// written for all ~900 terms on every scan.
    pub by_term: Vec<u32>,
}

impl Scan {
    /// Occurrences of a term.
    pub fn of(&self, term: usize) -> &[Occ] {
        &self.occs[self.by_term[term] as usize..self.by_term[term + 1] as usize]
    }
}

/// A near form of a term: what an ATS's literal search may miss.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Near {
    pub term: u32,
    pub found: String,
    pub start: usize,
    pub section: Option<SectionKind>,
    /// The near form itself counts as the term (only its spelling differs in case), so it
    /// costs nothing; otherwise the term is not credited for it.
    pub credited: bool,
}

impl Engine {
    /// The built-in sets, compiled at build time: nothing to compile at start-up.
    pub(crate) fn builtin() -> Engine {
        let tables = builtin::BUILTIN.clone();
        Engine {
            sets: OnceLock::new(),
            role_weights: role_weights(&tables),
            heaviest_first: tables.roles.iter().map(|_| OnceLock::new()).collect(),
            tables,
        }
    }

    /// Compiles every term of every set (a copy of the sets is kept; see [`Engine::from_sets`]).
    #[cfg(test)]
    pub(crate) fn new(sets: &KeywordSets) -> Engine {
        Engine::from_sets(sets.clone())
    }

    /// Compiles every term of every set, keeping the sets.
    pub(crate) fn from_sets(sets: KeywordSets) -> Engine {
        let tables = Tables::compile(sets.all());
        Engine {
            sets: OnceLock::from(sets),
            role_weights: role_weights(&tables),
            heaviest_first: tables.roles.iter().map(|_| OnceLock::new()).collect(),
            tables,
        }
    }

    /// The keyword sets the engine was compiled from, sorted by id.
    pub(crate) fn sets(&self) -> &KeywordSets {
        self.sets.get_or_init(KeywordSets::builtin)
    }

    /// Index of the role with this id.
    pub(crate) fn role_by_id(&self, id: &str) -> Option<usize> {
        self.tables
            .roles
            .binary_search_by(|r| self.tables.str(r.id).cmp(id))
            .ok()
    }

    /// The id and name of the role at index `i`.
    pub(crate) fn role_id_name(&self, i: usize) -> (&str, &str) {
        let r = &self.tables.roles[i];
        (self.tables.str(r.id), self.tables.str(r.name))
    }

    /// The terms of the role at index `r`, heaviest first, then by name (stable: term order among
    /// equals).
    pub(super) fn heaviest_first(&self, r: usize) -> &[u32] {
        self.heaviest_first[r].get_or_init(|| {
            let mut order: Vec<u32> = self.tables.roles[r].terms.clone().map(|t| t as u32).collect();
            order.sort_by(|&a, &b| {
                let (ta, tb) = (&self.tables.terms[a as usize], &self.tables.terms[b as usize]);
                tb.weight
                    .cmp(&ta.weight)
                    .then_with(|| self.tables.str(ta.term).cmp(self.tables.str(tb.term)))
            });
            order
        })
    }

    /// The role ids, sorted.
    pub(crate) fn role_ids(&self) -> Vec<&str> {
        self.tables.roles.iter().map(|r| self.tables.str(r.id)).collect()
    }

    /// Matches `text` against every term of every role in one pass. `sections` give each
    /// occurrence its section; occurrences starting inside `hidden` byte ranges are marked.
    pub(super) fn scan(&self, text: &str, sections: &[SectionSpan], hidden: &[(usize, usize)]) -> Scan {
        let tokens = token::tokenize(text);
        let (norm, tok_pos, tok_end) = normalise(&tokens);
        let mut occs: Vec<Occ> = Vec::new();
        for i in 0..tokens.len() {
            let start = tok_pos[i] - 1;
            for &end in &tok_end[i..] {
                let Some(pid) = self.tables.run(&norm[start..end]) else {
                    break;
                };
                if pid == PREFIX_ONLY {
                    continue;
                }
                let p = &self.tables.patterns[pid as usize];
                let n = p.n_tokens;
                let mut last: Option<(Rule, &[Span], bool)> = None;
                // Section and visibility of the place, looked up once for all the forms (of
                // every role) the pattern stands for.
                let mut place: Option<(Option<SectionKind>, bool)> = None;
                for r in self.tables.refs_of(p) {
                    let term = &self.tables.terms[r.term as usize];
                    let form = &self.tables.forms_of(term)[r.form as usize];
                    let form_tokens = self.tables.tokens_of(form);
                    // Forms sharing a pattern usually share the rule: check once.
                    let ok = match last {
                        Some((rule, toks, ok)) if rule == form.rule && (!rule.exact_case || toks == form_tokens) => ok,
                        _ => {
                            let ok = rules::accept(form.rule, form_tokens, &self.tables.text, &tokens, i, n, text);
                            last = Some((form.rule, form_tokens, ok));
                            ok
                        }
                    };
                    if !ok {
                        continue;
                    }
                    // A title is evidence of the skill it names, not the other way round: "Product
                    // Management" or a degree in "Computational Linguistics" is no job title.
                    if term.category == Category::JobTitle
                        && !ends_as_title(
                            tokens.lower(&tokens[i + n - 1]),
                            form_tokens.last().map(|&s| self.tables.str(s)),
                        )
                    {
                        continue;
                    }
                    let start = tokens[i].start;
                    let end = tokens[i + n - 1].end;
                    let (section, hidden) = *place.get_or_insert_with(|| {
                        (
                            SectionSpan::kind_at(sections, start),
                            hidden.iter().any(|&(a, b)| a <= start && start < b),
                        )
                    });
                    occs.push(Occ {
                        term: r.term,
                        form: r.form,
                        tok: i as u32,
                        n: n as u16,
                        start,
                        end,
                        section,
                        hidden,
                    });
                }
            }
        }
        let n_terms = self.tables.terms.len();
        let (occs, mut by_term) = sort_by_term(occs, n_terms);
        // One occurrence per place: drop occurrences of a term that overlap the previous one
        // ("large language models" and an alias "language models" at the same place).
        let mut kept: Vec<Occ> = Vec::with_capacity(occs.len());
        for &o in &occs {
            if let Some(prev) = kept.last() {
                if prev.term == o.term && o.tok < prev.tok + u32::from(prev.n) {
                    continue;
                }
            }
            kept.push(o);
        }
        if kept.len() != occs.len() {
            // Some dropped: count again.
            by_term.fill(0);
            for o in &kept {
                by_term[o.term as usize + 1] += 1;
            }
            prefix_sums(&mut by_term);
        }
        Scan {
            tokens,
            norm,
            occs: kept,
            by_term,
        }
    }

    /// Near forms of `role`'s terms in a scanned text: spellings that squash to a form but are
    /// not matched ("sci-kit learn", "Py Torch", "Nodejs"), one-letter typos of a product name
    /// in a list ("Kubernets"), and matched forms whose internal capitals differ ("Pytorch",
    /// "Tensorflow 2"): an ATS's literal search is often case- and spelling-exact.
    pub(super) fn near_forms(&self, scan: &Scan, text: &str, sections: &[SectionSpan], role: usize) -> Vec<Near> {
        let range = self.tables.roles[role].terms.clone();
        let in_role = |t: u32| range.contains(&(t as usize));
        let toks = &scan.tokens;
        let mut out: Vec<Near> = Vec::new();
        let mut seen = vec![false; self.tables.terms.len()];
        let overlaps = |term: u32, a: usize, b: usize| {
            scan.of(term as usize)
                .iter()
                .any(|o| (o.tok as usize) < b && a < o.tok as usize + o.n as usize)
        };
        // Each token's letters, digits, `+` and `#`, back to back, so the squashed run of tokens
        // `i..=j` is one slice; building it token by token for each run was ~5M instructions
        // on the 61-file bench (25k `String::extend`s), a third of this function.
        let mut squashed = String::with_capacity(text.len());
        let mut squashed_end: Vec<usize> = Vec::with_capacity(toks.len());
        for t in toks.iter() {
            if t.is_plain() {
                squashed.push_str(toks.lower(t));
            } else {
                push_squashed(&mut squashed, toks.lower(t));
            }
            squashed_end.push(squashed.len());
        }
        for i in 0..toks.len() {
            let from = if i == 0 { 0 } else { squashed_end[i - 1] };
            for n in 1..=3usize {
                let Some(t) = toks.get(i + n - 1) else { break };
                if n > 1 && t.barrier_before {
                    break;
                }
                let to = squashed_end[i + n - 1];
                let buf = &squashed[from..to];
                if buf.len() < 4 {
                    continue;
                }
                for &term in self.tables.squashed_terms(buf) {
                    if !in_role(term) || seen[term as usize] || overlaps(term, i, i + n) {
                        continue;
                    }
                    seen[term as usize] = true;
                    let start = toks[i].start;
                    out.push(Near {
                        term,
                        found: super::evaluate::one_line(&text[start..toks[i + n - 1].end]),
                        start,
                        section: SectionSpan::kind_at(sections, start),
                        credited: false,
                    });
                }
            }
        }
        // Typos: a capitalised list item one edit away from a product name of 6+ letters. The
        // role's forms that can be typo targets (plain one-word forms of 6+ letters) are picked
        // once, not for each candidate word: (term, lowercase form, its length in chars).
        let mut targets: Option<Vec<(usize, &str, usize)>> = None;
        for (i, t) in toks.iter().enumerate() {
            let t_lower = toks.lower(t);
            // Plain ASCII words (most) are measured and checked on their bytes.
            let plain = t.is_plain();
            let len = if plain { t_lower.len() } else { t_lower.chars().count() };
            if len < 6 {
                continue;
            }
            let letters = if t.is_letters() {
                true
            } else if plain {
                t_lower.bytes().all(|b| b.is_ascii_alphabetic())
            } else {
                t_lower.chars().all(char::is_alphabetic)
            };
            if !letters || self.tables.is_known_stem(toks.stem(t)) {
                continue;
            }
            let raw = t.raw(text);
            if !raw.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let section = SectionSpan::kind_at(sections, t.start);
            let standalone = t.barrier_before && toks.get(i + 1).is_none_or(|n| n.barrier_before);
            if !(standalone || section == Some(SectionKind::Skills)) || section == Some(SectionKind::Contact) {
                continue;
            }
            let targets = targets.get_or_insert_with(|| self.typo_targets(range.clone()));
            // In term order, a term's forms together: a term is reported once (`seen`).
            for &(tid, lower, flen) in targets.iter() {
                if seen[tid] || !scan.of(tid).is_empty() {
                    continue;
                }
                let hit = lower.len().abs_diff(t_lower.len()) <= 2
                    && lower.as_bytes().first() == t_lower.as_bytes().first()
                    && flen.abs_diff(len) <= 1
                    && may_be_one_edit(lower, t_lower)
                    && strsim::damerau_levenshtein(lower, t_lower) == 1;
                if hit {
                    seen[tid] = true;
                    out.push(Near {
                        term: tid as u32,
                        found: raw.to_string(),
                        start: t.start,
                        section,
                        credited: false,
                    });
                }
            }
        }
        // Matched, but with the internal capitals of a product name lost ("Pytorch").
        for tid in range {
            if seen[tid] {
                continue;
            }
            let forms = self.tables.forms_of(&self.tables.terms[tid]);
            for o in scan.of(tid) {
                if o.hidden {
                    continue;
                }
                let raw = &text[o.start..o.end];
                let form = &forms[o.form as usize];
                if form.kind == FormKind::Implied {
                    continue;
                }
                let same_letters = lowercase_equals(self.tables.str(form.lower), raw);
                let exact = forms.iter().any(|f| self.tables.str(f.text) == raw);
                let shouting = !raw.chars().any(char::is_lowercase);
                if same_letters && !exact && !shouting && has_inner_capitals(self.tables.str(form.text)) {
                    let mut found = super::evaluate::one_line(raw);
                    // Show a version written after it ("Tensorflow 2").
                    if let Some(next) = toks.get(o.tok as usize + o.n as usize) {
                        if !next.barrier_before
                            && toks
                                .lower(next)
                                .chars()
                                .all(|c| c.is_ascii_digit() || c == '.' || c == 'x')
                        {
                            found = super::evaluate::one_line(&text[o.start..next.end]);
                        }
                    }
                    out.push(Near {
                        term: tid as u32,
                        found,
                        start: o.start,
                        section: o.section,
                        credited: true,
                    });
                    break;
                }
            }
        }
        out.sort_by_key(|n| (n.start, n.term));
        out
    }

    /// The forms of the terms in `range` a typo may stand for: plain (no case or context rule),
    /// one word, 6+ letters. (term, lowercase form, length in chars), in term order.
    fn typo_targets(&self, range: Range<usize>) -> Vec<(usize, &str, usize)> {
        let mut out = Vec::new();
        for tid in range {
            for f in self.tables.forms_of(&self.tables.terms[tid]) {
                if f.kind != FormKind::Implied
                    && f.rule.ctx == Ctx::Plain
                    && !f.rule.exact_case
                    && f.raw_tokens.len() == 1
                {
                    let lower = self.tables.str(f.lower);
                    let flen = lower.chars().count();
                    if flen >= 6 {
                        out.push((tid, lower, flen));
                    }
                }
            }
        }
        out
    }
}

/// `occs` (in the order the scan finds them: by first token, then by length, then in the
/// pattern's form order) sorted by (term, first token, longest first), equal keys in the order
/// found, as a stable sort by that key gives: a counting sort on the term, then each term's
/// occurrences at one token put longest first. A comparison sort was ~1.6M instructions on the
/// 61-file bench.
/// Also returns where each term's occurrences start, and (last) their end, as
/// [`Scan::by_term`].
fn sort_by_term(occs: Vec<Occ>, n_terms: usize) -> (Vec<Occ>, Vec<u32>) {
    // Counted one place further on than the starts, so that after the counting sort has moved
    // each term's cursor from its start to its end, `next[t]` is term t's start.
    let mut next = vec![0u32; n_terms + 2];
    for o in &occs {
        next[o.term as usize + 2] += 1;
    }
    prefix_sums(&mut next);
    let mut sorted = occs.clone();
    for o in &occs {
        let at = &mut next[o.term as usize + 1];
        sorted[*at as usize] = *o;
        *at += 1;
    }
    next.truncate(n_terms + 1);
    // Found shortest first at each token: put the longest first (stable among equal lengths).
    let mut k = 0;
    while k < sorted.len() {
        let mut e = k + 1;
        while e < sorted.len() && sorted[e].term == sorted[k].term && sorted[e].tok == sorted[k].tok {
            e += 1;
        }
        if e - k > 1 {
            sorted[k..e].sort_by_key(|o| std::cmp::Reverse(o.n));
        }
        k = e;
    }
    (sorted, next)
}

/// Running totals, in place.
fn prefix_sums(v: &mut [u32]) {
    let mut sum = 0u32;
    for x in v {
        sum += *x;
        *x = sum;
    }
}

/// Total weight of each role's terms.
fn role_weights(tables: &Tables) -> Vec<f64> {
    tables
        .roles
        .iter()
        .map(|r| tables.terms[r.terms.clone()].iter().map(|t| f64::from(t.weight)).sum())
        .collect()
}

/// Whether the last word of a match, `written` (lowercase), is the last word of a job title
/// as the title writes it, or its plural ("Engineers"), and not another form of its stem
/// ("Management" for "Manager"). A concatenated match ("productmanager") ends with it.
fn ends_as_title(written: &str, title_word: Option<&str>) -> bool {
    let Some(title_word) = title_word else {
        return true;
    };
    let title_word = title_word.to_lowercase();
    written.ends_with(&title_word) || written.strip_suffix('s').is_some_and(|w| w.ends_with(&title_word))
}

/// The normalised text: stems separated by single spaces, `|` at barriers. Returns it with the
/// start of each token's stem and the end of the space after it.
fn normalise(tokens: &Tokens) -> (String, Vec<usize>, Vec<usize>) {
    let mut norm = String::with_capacity(tokens.iter().map(|t| tokens.stem(t).len() + 3).sum::<usize>() + 2);
    let mut pos = Vec::with_capacity(tokens.len());
    let mut ends = Vec::with_capacity(tokens.len());
    norm.push(' ');
    for t in tokens {
        if t.barrier_before {
            norm.push_str("| ");
        }
        pos.push(norm.len());
        norm.push_str(tokens.stem(t));
        norm.push(' ');
        ends.push(norm.len());
    }
    (norm, pos, ends)
}

/// Appends the letters, digits, `+` and `#` of `s` (see [`token::squash`]).
fn push_squashed(out: &mut String, s: &str) {
    let keep = |c: char| c.is_alphanumeric() || c == '+' || c == '#';
    if s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'#') {
        out.push_str(s);
    } else {
        out.extend(s.chars().filter(|&c| keep(c)));
    }
}

/// False only when `strsim::damerau_levenshtein(a, b)` cannot be 1, checked before running it
/// (most candidate words are far from every target): one substitution, insertion, deletion or
/// swap of neighbours leaves a common prefix and suffix that together miss at most two
/// characters of the longer string. Bytes are characters only in ASCII; otherwise true.
fn may_be_one_edit(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return true;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    prefix + suffix + 2 >= a.len().max(b.len())
}

/// `raw.to_lowercase() == lower`, without building the lowercase copy when `raw` is ASCII.
fn lowercase_equals(lower: &str, raw: &str) -> bool {
    if raw.is_ascii() {
        lower.len() == raw.len() && lower.bytes().zip(raw.bytes()).all(|(l, r)| l == r.to_ascii_lowercase())
    } else {
        lower == raw.to_lowercase()
    }
}

/// A word with a capital after its first letter and some lowercase: PyTorch, TensorFlow,
/// MLflow, GitHub, LangChain.
fn has_inner_capitals(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let mut cs = w.chars();
        cs.next().is_some() && cs.clone().any(char::is_uppercase) && w.chars().any(char::is_lowercase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_equals_matches_to_lowercase() {
        for (lower, raw) in [
            ("pytorch", "PyTorch"),
            ("pytorch", "Pytorch "),
            ("pytorch", "PyTorc"),
            ("scikit-learn", "Scikit-Learn"),
            ("straße", "STRAßE"),
            ("σς", "ΣΣ"),
            ("", ""),
        ] {
            assert_eq!(
                lowercase_equals(lower, raw),
                lower == raw.to_lowercase(),
                "{lower:?} / {raw:?}"
            );
        }
    }

    #[test]
    fn sort_by_term_is_the_stable_sort() {
        // Occurrences as the scan finds them: first token never decreasing.
        let mut random = ats_testkit::xorshift(0x2545_f491_4f6c_dd1d);
        let mut next = |m: u64| random() % m;
        for round in 0..200 {
            let n_terms = 1 + next(12) as usize;
            let mut tok = 0u32;
            let occs: Vec<Occ> = (0..next(60))
                .map(|k| {
                    tok += next(2) as u32;
                    Occ {
                        term: next(n_terms as u64) as u32,
                        form: k as u16,
                        tok,
                        n: 1 + next(3) as u16,
                        start: k as usize,
                        end: k as usize + 1,
                        section: None,
                        hidden: false,
                    }
                })
                .collect();
            let mut want = occs.clone();
            want.sort_by_key(|o| (o.term, o.tok, std::cmp::Reverse(o.n)));
            let (sorted, by_term) = sort_by_term(occs, n_terms);
            assert_eq!(sorted, want, "round {round}");
            assert_eq!(by_term.len(), n_terms + 1);
            for t in 0..n_terms {
                let of = &sorted[by_term[t] as usize..by_term[t + 1] as usize];
                assert!(of.iter().all(|o| o.term as usize == t), "round {round} term {t}");
                assert_eq!(of.len(), sorted.iter().filter(|o| o.term as usize == t).count());
            }
        }
    }

    #[test]
    fn one_edit_prefilter_never_rejects_one_edit() {
        let mut random = ats_testkit::xorshift(0x1234_5678_9abc_def1);
        let mut next = |m: usize| (random() % m as u64) as usize;
        let letters = b"abcde";
        for _ in 0..50_000 {
            let a: String = (0..1 + next(8)).map(|_| char::from(letters[next(5)])).collect();
            // Often one edit away, sometimes more.
            let mut b: Vec<u8> = a.clone().into_bytes();
            for _ in 0..1 + next(2) {
                let k = next(b.len() + 1);
                match next(4) {
                    0 if k < b.len() => b[k] = letters[next(5)],
                    1 => b.insert(k, letters[next(5)]),
                    2 if k < b.len() => {
                        b.remove(k);
                    }
                    _ if k + 1 < b.len() => b.swap(k, k + 1),
                    _ => {}
                }
            }
            let b = String::from_utf8(b).unwrap_or_default();
            if strsim::damerau_levenshtein(&a, &b) == 1 {
                assert!(may_be_one_edit(&a, &b), "{a:?} {b:?}");
            }
        }
        assert!(!may_be_one_edit("kubernetes", "terraform"));
        assert!(may_be_one_edit("kubernetes", "kubernets"));
        assert!(may_be_one_edit("pytorhc", "pytorch"));
    }

    #[test]
    fn squashed_pieces_match_squash() {
        for s in [
            "c++",
            "scikit-learn",
            "node.js",
            "ci/cd",
            "naïve",
            "c#",
            "a b",
            "x_y",
            "façade-2",
        ] {
            let mut out = String::from("pre");
            push_squashed(&mut out, s);
            assert_eq!(out, format!("pre{}", token::squash(s)), "{s}");
        }
    }
}
