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
//! took about a quarter of a CLI run's instructions at start-up; the table takes a few percent. Multi-word forms of two
//! or three words also get a concatenated pattern (` finetun ` for "fine-tuning"), so hyphen,
//! space and no-space variants read the same. Each hit is then checked against the form's case
//! and context rule ([`rules::accept`]) on the text as written.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::rules::{self, Ctx, Rule};
use super::set::{Category, KeywordSet};
use super::sets::KeywordSets;
use super::token::{self, Token};
use crate::model::{SectionKind, SectionSpan};

/// Words skipped when reading the initials of a full form ("Reinforcement Learning from Human
/// Feedback" -> RLHF).
const INITIALS_SKIP: &[&str] = &["and", "of", "the", "for", "from", "to", "in", "on", "with", "a", "an"];

/// The compiled keyword sets. Build once per set of roles and reuse.
pub(crate) struct Engine {
    pub(super) sets: KeywordSets,
    pub(super) roles: Vec<RoleInfo>,
    pub(super) terms: Vec<TermInfo>,
    pub(super) keys: Vec<KeyInfo>,
    patterns: Vec<PatternInfo>,
    /// Every pattern and every token-prefix of one -> the pattern it completes, if any.
    runs: HashMap<Box<str>, Option<u32>, Fnv>,
    /// Squashed form (letters and digits only) -> terms with a plain form that squashes to it.
    squashed: HashMap<String, Vec<u32>, Fnv>,
    /// Stems of every one-word form: a known word is not a typo of another.
    known_stems: HashSet<String>,
}

/// One role as compiled.
pub(super) struct RoleInfo {
    pub id: String,
    pub name: String,
    /// Indices into `Engine::terms`.
    pub terms: Range<usize>,
    /// The guides stress a public portfolio (GitHub, Kaggle) for this role.
    pub portfolio: bool,
    /// The guides stress a deployed, end-to-end project for this role.
    pub deployed: bool,
}

/// One term of one role as compiled.
pub(super) struct TermInfo {
    pub term: String,
    pub category: Category,
    pub weight: u8,
    pub learn: Option<String>,
    /// The same term across roles (by lowercase spelling).
    pub key: usize,
    pub forms: Vec<Form>,
}

/// A term across roles.
pub(super) struct KeyInfo {
    pub term: String,
    pub category: Category,
}

/// One spelling of a term.
pub(super) struct Form {
    pub text: String,
    /// `text` in lowercase.
    pub lower: String,
    pub raw_tokens: Vec<String>,
    pub rule: Rule,
    pub kind: FormKind,
}

/// Whether a form is the acronym or the full form of its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FormKind {
    Acronym,
    Full,
    Other,
}

struct PatternInfo {
    n_tokens: usize,
    refs: Vec<FormRef>,
}

#[derive(Clone, Copy)]
struct FormRef {
    term: u32,
    form: u16,
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
    pub tokens: Vec<Token>,
    /// Normalised text (stems, `|` at barriers).
    pub norm: String,
    /// Occurrences sorted by (term, first token), overlaps within a term removed.
    pub occs: Vec<Occ>,
    /// Range of `occs` per term.
    pub by_term: Vec<Range<usize>>,
}

impl Scan {
    /// Occurrences of a term.
    pub fn of(&self, term: usize) -> &[Occ] {
        &self.occs[self.by_term[term].clone()]
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
    /// Compiles every term of every set (a copy of the sets is kept; see [`Engine::from_sets`]).
    pub(crate) fn new(sets: &KeywordSets) -> Engine {
        Engine::from_sets(sets.clone())
    }

    /// Compiles every term of every set, keeping the sets.
    pub(crate) fn from_sets(sets: KeywordSets) -> Engine {
        let mut roles = Vec::with_capacity(sets.all().len());
        let mut terms: Vec<TermInfo> = Vec::new();
        let mut keys: Vec<KeyInfo> = Vec::new();
        let mut key_ids: HashMap<String, usize> = HashMap::new();
        let mut pattern_ids: HashMap<String, usize, Fnv> = HashMap::default();
        let mut compiled: HashMap<(&str, bool), std::rc::Rc<Option<CompiledForm>>, Fnv> = HashMap::default();
        let mut pattern_strs: Vec<String> = Vec::new();
        let mut patterns: Vec<PatternInfo> = Vec::new();
        let mut squashed: HashMap<String, Vec<u32>, Fnv> = HashMap::default();
        let mut known_stems: HashSet<String> = HashSet::new();

        let mut add_pattern = |pat: &str, n_tokens: usize, r: FormRef| {
            let id = match pattern_ids.get(pat) {
                Some(&id) => id,
                None => {
                    pattern_strs.push(pat.to_string());
                    patterns.push(PatternInfo {
                        n_tokens,
                        refs: Vec::new(),
                    });
                    pattern_ids.insert(pat.to_string(), patterns.len() - 1);
                    patterns.len() - 1
                }
            };
            patterns[id].refs.push(r);
        };

        for set in sets.all() {
            let begin = terms.len();
            for t in &set.terms {
                let tid = terms.len() as u32;
                let lower_key = t.term.to_lowercase();
                let key = *key_ids.entry(lower_key).or_insert_with(|| {
                    keys.push(KeyInfo {
                        term: t.term.clone(),
                        category: t.category,
                    });
                    keys.len() - 1
                });
                let mut forms: Vec<Form> = Vec::new();
                for text in std::iter::once(&t.term).chain(&t.aliases) {
                    if forms.len() >= u16::MAX as usize {
                        break;
                    }
                    // Many terms recur across roles (Python, SQL, PyTorch...): compile each
                    // distinct form once.
                    let key = (text.as_str(), t.case_sensitive);
                    let c = match compiled.get(&key) {
                        Some(c) => c.clone(),
                        None => {
                            let c = std::rc::Rc::new(compile_form(text, t.case_sensitive));
                            compiled.insert(key, c.clone());
                            c
                        }
                    };
                    let Some(c) = c.as_ref() else { continue };
                    let fi = forms.len() as u16;
                    for (pat, n) in &c.patterns {
                        add_pattern(pat, *n, FormRef { term: tid, form: fi });
                    }
                    if let Some(stem) = &c.single_stem {
                        known_stems.insert(stem.clone());
                    }
                    if let Some(sq) = &c.squashed {
                        let v = squashed.entry(sq.clone()).or_default();
                        if !v.contains(&tid) {
                            v.push(tid);
                        }
                    }
                    forms.push(Form {
                        text: text.clone(),
                        lower: c.lower.clone(),
                        raw_tokens: c.raw_tokens.clone(),
                        rule: c.rule,
                        kind: FormKind::Other,
                    });
                }
                classify_acronyms(&mut forms);
                terms.push(TermInfo {
                    term: t.term.clone(),
                    category: t.category,
                    weight: t.weight,
                    learn: t.learn.clone(),
                    key,
                    forms,
                });
            }
            roles.push(RoleInfo {
                id: set.id.clone(),
                name: set.name.clone(),
                terms: begin..terms.len(),
                portfolio: stresses_portfolio(set),
                deployed: stresses_deployment(set),
            });
        }

        let mut runs: HashMap<Box<str>, Option<u32>, Fnv> = HashMap::default();
        runs.reserve(pattern_strs.len() * 2);
        for (id, pat) in pattern_strs.iter().enumerate() {
            // Prefixes end after each token (a "|" barrier belongs to the token after it).
            let mut prefix = String::with_capacity(pat.len());
            prefix.push(' ');
            for word in pat.split(' ').filter(|w| !w.is_empty()) {
                prefix.push_str(word);
                prefix.push(' ');
                if word != "|" {
                    runs.entry(prefix.as_str().into()).or_insert(None);
                }
            }
            runs.insert(pat.as_str().into(), Some(id as u32));
        }
        Engine {
            sets,
            roles,
            terms,
            keys,
            patterns,
            runs,
            squashed,
            known_stems,
        }
    }

    /// The keyword sets the engine was compiled from, sorted by id.
    pub(crate) fn sets(&self) -> &KeywordSets {
        &self.sets
    }

    /// Index of `set` among the compiled roles, when it is the same set.
    pub(super) fn role_index(&self, set: &KeywordSet) -> Option<usize> {
        let i = self.sets.all().binary_search_by(|s| s.id.as_str().cmp(&set.id)).ok()?;
        (self.sets.all()[i] == *set).then_some(i)
    }

    /// Matches `text` against every term of every role in one pass. `sections` give each
    /// occurrence its section; occurrences starting inside `hidden` byte ranges are marked.
    pub(super) fn scan(&self, text: &str, sections: &[SectionSpan], hidden: &[(usize, usize)]) -> Scan {
        let tokens = token::tokenize(text);
        let (norm, tok_pos) = normalise(&tokens);
        let mut occs: Vec<Occ> = Vec::new();
        for i in 0..tokens.len() {
            let start = tok_pos[i] - 1;
            for j in i..tokens.len() {
                let end = tok_pos[j] + tokens[j].stem.len() + 1;
                let Some(entry) = self.runs.get(&norm[start..end]) else {
                    break;
                };
                let Some(pid) = *entry else { continue };
                let p = &self.patterns[pid as usize];
                let n = p.n_tokens;
                let mut last: Option<(Rule, &[String], bool)> = None;
                for r in &p.refs {
                    let form = &self.terms[r.term as usize].forms[r.form as usize];
                    // Forms sharing a pattern usually share the rule: check once.
                    let ok = match last {
                        Some((rule, toks, ok))
                            if rule == form.rule && (!rule.exact_case || toks == form.raw_tokens.as_slice()) =>
                        {
                            ok
                        }
                        _ => {
                            let ok = rules::accept(form.rule, &form.raw_tokens, &tokens, i, n, text);
                            last = Some((form.rule, &form.raw_tokens, ok));
                            ok
                        }
                    };
                    if !ok {
                        continue;
                    }
                    let start = tokens[i].start;
                    let end = tokens[i + n - 1].end;
                    occs.push(Occ {
                        term: r.term,
                        form: r.form,
                        tok: i as u32,
                        n: n as u16,
                        start,
                        end,
                        section: SectionSpan::kind_at(sections, start),
                        hidden: hidden.iter().any(|&(a, b)| a <= start && start < b),
                    });
                }
            }
        }
        occs.sort_by_key(|o| (o.term, o.tok, std::cmp::Reverse(o.n)));
        // One occurrence per place: drop occurrences of a term that overlap the previous one
        // ("large language models" and an alias "language models" at the same place).
        let mut kept: Vec<Occ> = Vec::with_capacity(occs.len());
        for o in occs {
            if let Some(prev) = kept.last() {
                if prev.term == o.term && o.tok < prev.tok + u32::from(prev.n) {
                    continue;
                }
            }
            kept.push(o);
        }
        let mut by_term = vec![0..0; self.terms.len()];
        let mut idx = 0;
        while idx < kept.len() {
            let t = kept[idx].term as usize;
            let begin = idx;
            while idx < kept.len() && kept[idx].term as usize == t {
                idx += 1;
            }
            by_term[t] = begin..idx;
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
        let range = self.roles[role].terms.clone();
        let in_role = |t: u32| range.contains(&(t as usize));
        let toks = &scan.tokens;
        let mut out: Vec<Near> = Vec::new();
        let mut seen = vec![false; self.terms.len()];
        let overlaps = |term: u32, a: usize, b: usize| {
            scan.of(term as usize)
                .iter()
                .any(|o| (o.tok as usize) < b && a < o.tok as usize + o.n as usize)
        };
        let mut buf = String::new();
        for i in 0..toks.len() {
            buf.clear();
            for n in 1..=3usize {
                let Some(t) = toks.get(i + n - 1) else { break };
                if n > 1 && t.barrier_before {
                    break;
                }
                buf.extend(
                    t.lower
                        .chars()
                        .filter(|c| c.is_alphanumeric() || *c == '+' || *c == '#'),
                );
                if buf.len() < 4 {
                    continue;
                }
                let Some(cands) = self.squashed.get(&buf) else {
                    continue;
                };
                for &term in cands {
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
        // Typos: a capitalised list item one edit away from a product name of 6+ letters.
        for (i, t) in toks.iter().enumerate() {
            let len = t.lower.chars().count();
            if len < 6 || !t.lower.chars().all(char::is_alphabetic) || self.known_stems.contains(&t.stem) {
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
            for tid in range.clone() {
                let term = &self.terms[tid];
                if seen[tid] || !scan.of(tid).is_empty() {
                    continue;
                }
                let hit = term.forms.iter().any(|f| {
                    f.rule.ctx == Ctx::Plain
                        && !f.rule.exact_case
                        && f.raw_tokens.len() == 1
                        && f.lower.len().abs_diff(t.lower.len()) <= 2
                        && f.lower.as_bytes().first() == t.lower.as_bytes().first()
                        && {
                            let flen = f.lower.chars().count();
                            flen >= 6 && flen.abs_diff(len) <= 1 && strsim::damerau_levenshtein(&f.lower, &t.lower) == 1
                        }
                });
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
            let term = &self.terms[tid];
            for o in scan.of(tid) {
                if o.hidden {
                    continue;
                }
                let raw = &text[o.start..o.end];
                let form = &term.forms[o.form as usize];
                let same_letters = form.lower == raw.to_lowercase();
                let exact = term.forms.iter().any(|f| f.text == raw);
                let shouting = !raw.chars().any(char::is_lowercase);
                if same_letters && !exact && !shouting && has_inner_capitals(&form.text) {
                    let mut found = super::evaluate::one_line(raw);
                    // Show a version written after it ("Tensorflow 2").
                    if let Some(next) = toks.get(o.tok as usize + o.n as usize) {
                        if !next.barrier_before
                            && next.lower.chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'x')
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
}

/// FNV-1a: the squashed-form map is looked up once per word n-gram of a résumé; SipHash's
/// flood resistance is not needed for keys that come from the keyword files.
#[derive(Default)]
struct FnvHasher(u64);

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Fnv = BuildHasherDefault<FnvHasher>;

/// The normalised text: stems separated by single spaces, `|` at barriers. Returns it with the
/// start of each token's stem.
/// What one written form of a term compiles to, independent of the term and role it serves.
struct CompiledForm {
    /// Token patterns and how many tokens each covers.
    patterns: Vec<(String, usize)>,
    /// The stem of a one-word form.
    single_stem: Option<String>,
    /// Letters and digits only, for near-miss detection, when the form may be squashed.
    squashed: Option<String>,
    lower: String,
    raw_tokens: Vec<String>,
    rule: Rule,
}

/// Compiles one form; None when it has no tokens.
fn compile_form(text: &str, case_sensitive: bool) -> Option<CompiledForm> {
    let toks = token::tokenize(text);
    if toks.is_empty() {
        return None;
    }
    let rule = rules::rule_for(text, case_sensitive);
    let mut patterns = Vec::new();
    let stems: Vec<&str> = toks.iter().map(|k| k.stem.as_str()).collect();
    patterns.push((format!(" {} ", stems.join(" ")), toks.len()));
    if toks[1..].iter().any(|k| k.barrier_before) {
        // "Continuous Integration / Continuous Delivery": also as written, with the spaced
        // slash that the text reads as a barrier.
        let mut pat = String::from(" ");
        for (j, k) in toks.iter().enumerate() {
            if j > 0 && k.barrier_before {
                pat.push_str("| ");
            }
            pat.push_str(&k.stem);
            pat.push(' ');
        }
        patterns.push((pat, toks.len()));
    }
    let alnum = toks.iter().all(|k| k.lower.chars().all(char::is_alphanumeric));
    if (2..=3).contains(&toks.len()) && alnum && !rule.exact_case {
        let concat: String = toks.iter().map(|k| k.lower.as_str()).collect();
        patterns.push((format!(" {} ", token::stem(&concat)), 1));
    }
    let sq = token::squash(text);
    Some(CompiledForm {
        patterns,
        single_stem: (toks.len() == 1).then(|| toks[0].stem.clone()),
        squashed: (rule.ctx == Ctx::Plain && !rule.exact_case && sq.chars().count() >= 4).then_some(sq),
        lower: text.to_lowercase(),
        raw_tokens: toks.iter().map(|k| k.raw(text).to_string()).collect(),
        rule,
    })
}

fn normalise(tokens: &[Token]) -> (String, Vec<usize>) {
    let mut norm = String::with_capacity(tokens.iter().map(|t| t.stem.len() + 3).sum::<usize>() + 2);
    let mut pos = Vec::with_capacity(tokens.len());
    norm.push(' ');
    for t in tokens {
        if t.barrier_before {
            norm.push_str("| ");
        }
        pos.push(norm.len());
        norm.push_str(&t.stem);
        norm.push(' ');
    }
    (norm, pos)
}

/// A word with a capital after its first letter and some lowercase: PyTorch, TensorFlow,
/// MLflow, GitHub, LangChain.
fn has_inner_capitals(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let mut cs = w.chars();
        cs.next().is_some() && cs.clone().any(char::is_uppercase) && w.chars().any(char::is_lowercase)
    })
}

/// Marks an acronym form and a full form of the same term: the acronym's capitals (lowercased)
/// equal the initials of the full form's words ("NLP" / "Natural Language Processing", "RLHF"
/// / "Reinforcement Learning from Human Feedback", "LoRA" / "Low-Rank Adaptation", "CI/CD" /
/// "Continuous Integration / Continuous Delivery").
fn classify_acronyms(forms: &mut [Form]) {
    let initials: Vec<Option<String>> = forms
        .iter()
        .map(|f| {
            let words: Vec<&String> = f
                .raw_tokens
                .iter()
                .filter(|w| !INITIALS_SKIP.contains(&w.to_lowercase().as_str()) && w.as_str() != "&")
                .collect();
            (words.len() >= 2 && words.iter().all(|w| w.chars().all(char::is_alphabetic))).then(|| {
                words
                    .iter()
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_lowercase)
                    .collect()
            })
        })
        .collect();
    for a in 0..forms.len() {
        let text = &forms[a].text;
        if text.contains(char::is_whitespace) {
            continue;
        }
        let compact: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
        let caps: String = compact
            .chars()
            .filter(|c| c.is_uppercase())
            .flat_map(char::to_lowercase)
            .collect();
        if !(2..=7).contains(&compact.chars().count()) || caps.chars().count() < 2 {
            continue;
        }
        for f in 0..forms.len() {
            if f != a && initials[f].as_deref() == Some(caps.as_str()) {
                forms[a].kind = FormKind::Acronym;
                forms[f].kind = FormKind::Full;
            }
        }
    }
}

/// The role's guides stress a public portfolio (GitHub, Kaggle): said in its summary or advice,
/// or a technical role (engineer, scientist, analyst, researcher).
fn stresses_portfolio(set: &KeywordSet) -> bool {
    let said = set.advice.iter().chain(std::iter::once(&set.summary)).any(|s| {
        let s = s.to_lowercase();
        s.contains("github") || s.contains("portfolio") || s.contains("kaggle")
    });
    let id = set.id.to_lowercase();
    said || ["engineer", "scientist", "analyst", "research"]
        .iter()
        .any(|w| id.contains(w))
}

/// The role's guides stress a deployed project: an engineering role, or its advice says
/// "deploy".
fn stresses_deployment(set: &KeywordSet) -> bool {
    set.id.contains("engineer") || set.advice.iter().any(|s| s.to_lowercase().contains("deploy"))
}
