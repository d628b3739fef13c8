//! Compiles keyword sets into the matcher's tables ([`Tables`]): every form of every term as
//! token patterns, their prefixes, near-miss keys and known stems, in flat arrays.
//!
//! ats-score's `build.rs` compiles the built-in sets with this module and embeds them
//! as static tables ([`Tables::to_rust`]), because compiling them at start-up was about 70% of a
//! one-résumé CLI run (~35M instructions: ~2,200 forms, each tokenized and allocating several
//! strings). Sets read with `--keywords DIR` are compiled at run time by the same code, so both
//! paths give the same tables. Arrays are `Cow`s: borrowed from the binary for the built-in
//! tables, owned for run-time ones. Strings are [`Span`]s of one text (`Tables::text`), not
//! `&str`s: each pointer in a static costs a relocation and a copied page when the program
//! starts, and 23,000 of them took a fifth of a `--version` run.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use crate::rules::{self, Ctx, Rule};
use crate::set::{Category, KeywordSet};
use crate::token;

/// The tables' text: static for the built-in sets, owned for sets read at run time.
pub type Str = Cow<'static, str>;
/// An array of the tables, static or owned like [`Str`].
pub type List<T> = Cow<'static, [T]>;

/// Value of a [`Tables::runs`] entry that is only the prefix of longer patterns.
pub const PREFIX_ONLY: u32 = u32::MAX;

/// Words skipped when reading the initials of a full form ("Reinforcement Learning from Human
/// Feedback" -> RLHF).
const INITIALS_SKIP: &[&str] = &["and", "of", "the", "for", "from", "to", "in", "on", "with", "a", "an"];

/// A string of the tables: a byte range of [`Tables::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// Every set compiled, in flat arrays that index each other.
#[derive(Clone, Debug)]
pub struct Tables {
    /// Every string of the tables, each stored once.
    pub text: Str,
    /// Roles in set order (sorted by id).
    pub roles: List<RoleInfo>,
    /// Terms, role after role.
    pub terms: List<TermInfo>,
    /// Terms across roles (by lowercase spelling).
    pub keys: List<KeyInfo>,
    /// Forms, term after term.
    pub forms: List<Form>,
    /// Tokens of each form as written, form after form.
    pub raw_tokens: List<Span>,
    /// Distinct token patterns.
    pub patterns: List<PatternInfo>,
    /// The forms each pattern stands for, pattern after pattern.
    pub refs: List<FormRef>,
    /// Every pattern and every token-prefix of one -> the pattern it completes, or
    /// [`PREFIX_ONLY`].
    pub runs: StrTable<u32>,
    /// Squashed form (letters and digits only) -> range of `squashed_terms`: the terms with a
    /// plain form that squashes to it.
    pub squashed: StrTable<Range<u32>>,
    pub squashed_terms: List<u32>,
    /// Stems of every one-word form: a known word is not a typo of another.
    pub known_stems: StrTable<()>,
}

/// One role as compiled.
#[derive(Clone, Debug)]
pub struct RoleInfo {
    pub id: Span,
    pub name: Span,
    /// Indices into `Tables::terms`.
    pub terms: Range<usize>,
    /// The guides stress a public portfolio (GitHub, Kaggle) for this role.
    pub portfolio: bool,
    /// The guides stress a deployed, end-to-end project for this role.
    pub deployed: bool,
}

/// One term of one role as compiled.
#[derive(Clone, Debug)]
pub struct TermInfo {
    pub term: Span,
    pub category: Category,
    pub weight: u8,
    pub learn: Option<Span>,
    /// The same term across roles (index into `Tables::keys`).
    pub key: usize,
    /// Indices into `Tables::forms`.
    pub forms: Range<u32>,
}

/// A term across roles.
#[derive(Clone, Debug)]
pub struct KeyInfo {
    pub term: Span,
    pub category: Category,
}

/// One spelling of a term.
#[derive(Clone, Debug)]
pub struct Form {
    pub text: Span,
    /// `text` in lowercase.
    pub lower: Span,
    /// Indices into `Tables::raw_tokens`.
    pub raw_tokens: Range<u32>,
    pub rule: Rule,
    pub kind: FormKind,
}

/// Whether a form is the acronym or the full form of its term, or a form of something that
/// implies it (`implied-by`), never suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Acronym,
    Full,
    Other,
    Implied,
}

/// One token pattern.
#[derive(Clone, Debug)]
pub struct PatternInfo {
    pub n_tokens: usize,
    /// Indices into `Tables::refs`.
    pub refs: Range<u32>,
}

/// A form of a term: the term's index and the form's index among the term's forms.
#[derive(Clone, Copy, Debug)]
pub struct FormRef {
    pub term: u32,
    pub form: u16,
}

impl Tables {
    /// The string a span stands for.
    #[inline]
    pub fn str(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// The pattern a run of tokens completes ([`PREFIX_ONLY`] when it only starts longer
    /// ones), or None when no pattern starts with it.
    #[inline]
    pub fn run(&self, run: &str) -> Option<u32> {
        self.runs.get(&self.text, run).copied()
    }

    /// The terms with a plain form that squashes to `squashed`.
    #[inline]
    pub fn squashed_terms(&self, squashed: &str) -> &[u32] {
        self.squashed
            .get(&self.text, squashed)
            .map_or(&[], |r| &self.squashed_terms[r.start as usize..r.end as usize])
    }

    /// Whether `stem` is the stem of a one-word form.
    #[inline]
    pub fn is_known_stem(&self, stem: &str) -> bool {
        self.known_stems.get(&self.text, stem).is_some()
    }

    /// The forms of a term.
    #[inline]
    pub fn forms_of(&self, term: &TermInfo) -> &[Form] {
        &self.forms[term.forms.start as usize..term.forms.end as usize]
    }

    /// A form's tokens as written.
    #[inline]
    pub fn tokens_of(&self, form: &Form) -> &[Span] {
        &self.raw_tokens[form.raw_tokens.start as usize..form.raw_tokens.end as usize]
    }

    /// The forms a pattern stands for.
    #[inline]
    pub fn refs_of(&self, pattern: &PatternInfo) -> &[FormRef] {
        &self.refs[pattern.refs.start as usize..pattern.refs.end as usize]
    }

    /// Compiles every term of every set.
    pub fn compile(sets: &[KeywordSet]) -> Tables {
        let mut roles: Vec<RoleInfo> = Vec::with_capacity(sets.len());
        let mut terms: Vec<TermInfo> = Vec::new();
        let mut keys: Vec<KeyInfo> = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        let mut raw_tokens: Vec<Span> = Vec::new();
        let mut text = Interner::default();
        let mut key_ids: HashMap<String, usize> = HashMap::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        // Many terms recur across roles (Python, SQL, PyTorch...): compile each distinct form once.
        let mut compiled: HashMap<(&str, bool), Option<CompiledForm>> = HashMap::new();
        let mut pattern_strs: Vec<String> = Vec::new();
        let mut pattern_refs: Vec<(usize, Vec<FormRef>)> = Vec::new();
        let mut squashed: Vec<(String, Vec<u32>)> = Vec::new();
        let mut squashed_ids: HashMap<String, usize> = HashMap::new();
        let mut known_stems: HashSet<String> = HashSet::new();

        for set in sets {
            let begin = terms.len();
            for t in &set.terms {
                let tid = terms.len() as u32;
                let key = *key_ids.entry(t.term.to_lowercase()).or_insert_with(|| {
                    keys.push(KeyInfo {
                        term: text.intern(&t.term),
                        category: t.category,
                    });
                    keys.len() - 1
                });
                let first_form = forms.len();
                let n_own = 1 + t.aliases.len();
                for (k, form_text) in std::iter::once(&t.term)
                    .chain(&t.aliases)
                    .chain(&t.implied_by)
                    .enumerate()
                {
                    let implied = k >= n_own;
                    if forms.len() - first_form >= u16::MAX as usize {
                        break;
                    }
                    let c = compiled
                        .entry((form_text.as_str(), t.case_sensitive))
                        .or_insert_with(|| compile_form(form_text, t.case_sensitive));
                    let Some(c) = c.as_ref() else { continue };
                    let r = FormRef {
                        term: tid,
                        form: (forms.len() - first_form) as u16,
                    };
                    for (pat, n) in &c.patterns {
                        let id = *pattern_ids.entry(pat.clone()).or_insert_with(|| {
                            pattern_strs.push(pat.clone());
                            pattern_refs.push((*n, Vec::new()));
                            pattern_refs.len() - 1
                        });
                        pattern_refs[id].1.push(r);
                    }
                    if let Some(stem) = &c.single_stem {
                        known_stems.insert(stem.clone());
                    }
                    // A near spelling of an implying name is not a near spelling of the term.
                    if let Some(sq) = c.squashed.as_ref().filter(|_| !implied) {
                        let id = *squashed_ids.entry(sq.clone()).or_insert_with(|| {
                            squashed.push((sq.clone(), Vec::new()));
                            squashed.len() - 1
                        });
                        if !squashed[id].1.contains(&tid) {
                            squashed[id].1.push(tid);
                        }
                    }
                    let tok_begin = raw_tokens.len() as u32;
                    raw_tokens.extend(c.raw_tokens.iter().map(|s| text.intern(s)));
                    forms.push(Form {
                        text: text.intern(form_text),
                        lower: text.intern(&c.lower),
                        raw_tokens: tok_begin..raw_tokens.len() as u32,
                        rule: c.rule,
                        kind: if implied { FormKind::Implied } else { FormKind::Other },
                    });
                }
                let own_end = forms[first_form..]
                    .iter()
                    .position(|f| f.kind == FormKind::Implied)
                    .map_or(forms.len(), |p| first_form + p);
                classify_acronyms(&mut forms[first_form..own_end], &raw_tokens, &text.text);
                terms.push(TermInfo {
                    term: text.intern(&t.term),
                    category: t.category,
                    weight: t.weight,
                    learn: t.learn.as_deref().map(|l| text.intern(l)),
                    key,
                    forms: first_form as u32..forms.len() as u32,
                });
            }
            roles.push(RoleInfo {
                id: text.intern(&set.id),
                name: text.intern(&set.name),
                terms: begin..terms.len(),
                portfolio: stresses_portfolio(set),
                deployed: stresses_deployment(set),
            });
        }

        let mut runs: HashMap<String, u32> = HashMap::with_capacity(pattern_strs.len() * 2);
        for (id, pat) in pattern_strs.iter().enumerate() {
            // Prefixes end after each token (a "|" barrier belongs to the token after it).
            let mut prefix = String::with_capacity(pat.len());
            prefix.push(' ');
            for word in pat.split(' ').filter(|w| !w.is_empty()) {
                prefix.push_str(word);
                prefix.push(' ');
                if word != "|" {
                    runs.entry(prefix.clone()).or_insert(PREFIX_ONLY);
                }
            }
            runs.insert(pat.clone(), id as u32);
        }
        let mut refs: Vec<FormRef> = Vec::new();
        let patterns: Vec<PatternInfo> = pattern_refs
            .into_iter()
            .map(|(n_tokens, r)| {
                let begin = refs.len() as u32;
                refs.extend(r);
                PatternInfo {
                    n_tokens,
                    refs: begin..refs.len() as u32,
                }
            })
            .collect();
        let mut squashed_terms: Vec<u32> = Vec::new();
        let squashed = squashed
            .into_iter()
            .map(|(key, t)| {
                let begin = squashed_terms.len() as u32;
                squashed_terms.extend(t);
                (key, begin..squashed_terms.len() as u32)
            })
            .collect();
        let runs = StrTable::build(&mut text, runs.into_iter().collect());
        let squashed = StrTable::build(&mut text, squashed);
        let known_stems = StrTable::build(&mut text, known_stems.into_iter().map(|s| (s, ())).collect());
        Tables {
            text: Cow::Owned(text.text),
            roles: Cow::Owned(roles),
            terms: Cow::Owned(terms),
            keys: Cow::Owned(keys),
            forms: Cow::Owned(forms),
            raw_tokens: Cow::Owned(raw_tokens),
            patterns: Cow::Owned(patterns),
            refs: Cow::Owned(refs),
            runs,
            squashed,
            squashed_terms: Cow::Owned(squashed_terms),
            known_stems,
        }
    }

    /// Rust source declaring `static BUILTIN: Tables` with these tables, for `include!` in a
    /// module where `Cow`, `Range`, `Span`, `Tables`, `StrTable`, `RoleInfo`, `TermInfo`, `KeyInfo`,
    /// `Form`, `FormKind`, `PatternInfo`, `FormRef`, `Rule`, `Ctx` and `Category` are in scope.
    // Used by build.rs and the test that the embedded tables are current.
    pub fn to_rust(&self) -> String {
        let mut o = String::from("const fn sp(start: u32, end: u32) -> Span {\n    Span { start, end }\n}\n");
        let b = |s: &Span| format!("sp({}, {})", s.start, s.end);
        let range = |r: &Range<u32>| format!("{}..{}", r.start, r.end);
        writeln!(o, "static TEXT: &str = {:?};", &*self.text).expect("writing to a String");
        emit(&mut o, "ROLES", "RoleInfo", &self.roles, |r| {
            format!(
                "RoleInfo {{ id: {}, name: {}, terms: {}..{}, portfolio: {}, deployed: {} }}",
                b(&r.id),
                b(&r.name),
                r.terms.start,
                r.terms.end,
                r.portfolio,
                r.deployed
            )
        });
        emit(&mut o, "TERMS", "TermInfo", &self.terms, |t| {
            format!(
                "TermInfo {{ term: {}, category: Category::{:?}, weight: {}, learn: {}, key: {}, forms: {} }}",
                b(&t.term),
                t.category,
                t.weight,
                t.learn
                    .as_ref()
                    .map_or("None".to_string(), |l| format!("Some({})", b(l))),
                t.key,
                range(&t.forms)
            )
        });
        emit(&mut o, "KEYS", "KeyInfo", &self.keys, |k| {
            format!(
                "KeyInfo {{ term: {}, category: Category::{:?} }}",
                b(&k.term),
                k.category
            )
        });
        emit(&mut o, "FORMS", "Form", &self.forms, |f| {
            format!(
                "Form {{ text: {}, lower: {}, raw_tokens: {}, rule: {}, kind: FormKind::{:?} }}",
                b(&f.text),
                b(&f.lower),
                range(&f.raw_tokens),
                rule_source(f.rule),
                f.kind
            )
        });
        emit(&mut o, "RAW_TOKENS", "Span", &self.raw_tokens, b);
        emit(&mut o, "PATTERNS", "PatternInfo", &self.patterns, |p| {
            format!("PatternInfo {{ n_tokens: {}, refs: {} }}", p.n_tokens, range(&p.refs))
        });
        emit(&mut o, "REFS", "FormRef", &self.refs, |r| {
            format!("FormRef {{ term: {}, form: {} }}", r.term, r.form)
        });
        emit(&mut o, "RUNS_KEYS", "Span", &self.runs.keys, b);
        emit(&mut o, "RUNS_VALUES", "u32", &self.runs.values, u32::to_string);
        emit(&mut o, "SQUASHED_KEYS", "Span", &self.squashed.keys, b);
        emit(&mut o, "SQUASHED_VALUES", "Range<u32>", &self.squashed.values, range);
        emit(&mut o, "SQUASHED_TERMS", "u32", &self.squashed_terms, u32::to_string);
        emit(&mut o, "KNOWN_STEMS_KEYS", "Span", &self.known_stems.keys, b);
        emit(&mut o, "KNOWN_STEMS_VALUES", "()", &self.known_stems.values, |_| {
            "()".to_string()
        });
        o.push_str(
            "pub(crate) static BUILTIN: Tables = Tables {
    text: Cow::Borrowed(TEXT),
    roles: Cow::Borrowed(&ROLES),
    terms: Cow::Borrowed(&TERMS),
    keys: Cow::Borrowed(&KEYS),
    forms: Cow::Borrowed(&FORMS),
    raw_tokens: Cow::Borrowed(&RAW_TOKENS),
    patterns: Cow::Borrowed(&PATTERNS),
    refs: Cow::Borrowed(&REFS),
    runs: StrTable { keys: Cow::Borrowed(&RUNS_KEYS), values: Cow::Borrowed(&RUNS_VALUES) },
    squashed: StrTable { keys: Cow::Borrowed(&SQUASHED_KEYS), values: Cow::Borrowed(&SQUASHED_VALUES) },
    squashed_terms: Cow::Borrowed(&SQUASHED_TERMS),
    known_stems: StrTable { keys: Cow::Borrowed(&KNOWN_STEMS_KEYS), values: Cow::Borrowed(&KNOWN_STEMS_VALUES) },
};
",
        );
        o
    }
}

/// Writes `static NAME: [TY; N] = [...];`.
fn emit<T>(o: &mut String, name: &str, ty: &str, items: &[T], item: impl Fn(&T) -> String) {
    writeln!(o, "static {name}: [{ty}; {}] = [", items.len()).expect("writing to a String");
    for it in items {
        writeln!(o, "    {},", item(it)).expect("writing to a String");
    }
    o.push_str("];\n");
}

fn rule_source(rule: Rule) -> String {
    let ctx = match rule.ctx {
        Ctx::Plain => "Ctx::Plain".to_string(),
        Ctx::Letter => "Ctx::Letter".to_string(),
        Ctx::Go => "Ctx::Go".to_string(),
        Ctx::Common { all_caps, verb, name } => {
            format!("Ctx::Common {{ all_caps: {all_caps}, verb: {verb}, name: {name} }}")
        }
    };
    format!("Rule {{ exact_case: {}, ctx: {ctx} }}", rule.exact_case)
}

/// A string-keyed hash table in two flat arrays, so it can be a static: open addressing with
/// linear probing, [`str_hash`]; keys are spans of the tables' text, an empty one marks a free slot
/// (keys are never empty). `std`'s `HashMap` cannot be built at compile time, and no kept crate
/// builds one from `build.rs` without adding a dependency for this one table.
#[derive(Clone, Debug)]
pub struct StrTable<V: Clone + 'static> {
    pub keys: List<Span>,
    pub values: List<V>,
}

impl<V: Clone + Default + 'static> StrTable<V> {
    /// A table of `entries` (keys distinct and non-empty), at most half full; keys go into `text`.
    fn build(text: &mut Interner, mut entries: Vec<(String, V)>) -> Self {
        // Sorted, so the built-in tables come out the same on every build.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let size = (entries.len() * 2).max(8).next_power_of_two();
        let mut keys: Vec<Span> = vec![Span::default(); size];
        let mut values: Vec<V> = vec![V::default(); size];
        for (key, value) in entries {
            debug_assert!(!key.is_empty());
            let mut slot = str_hash(key.as_bytes()) as usize & (size - 1);
            while keys[slot].end > keys[slot].start {
                slot = (slot + 1) & (size - 1);
            }
            keys[slot] = text.intern(&key);
            values[slot] = value;
        }
        StrTable {
            keys: Cow::Owned(keys),
            values: Cow::Owned(values),
        }
    }
}

impl<V: Clone + 'static> StrTable<V> {
    /// The value stored for `key`; `text` is the tables' text.
    fn get(&self, text: &str, key: &str) -> Option<&V> {
        let mask = self.keys.len().checked_sub(1)?;
        let mut slot = str_hash(key.as_bytes()) as usize & mask;
        loop {
            let span = self.keys[slot];
            if span.end <= span.start {
                return None;
            }
            if text.as_bytes().get(span.start as usize..span.end as usize) == Some(key.as_bytes()) {
                return Some(&self.values[slot]);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// The tables' text as it is built: each distinct string stored once.
#[derive(Default)]
struct Interner {
    text: String,
    spans: HashMap<String, Span>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> Span {
        if let Some(&span) = self.spans.get(s) {
            return span;
        }
        let start = self.text.len() as u32;
        self.text.push_str(s);
        let span = Span {
            start,
            end: self.text.len() as u32,
        };
        self.spans.insert(s.to_string(), span);
        span
    }
}

/// The tables' string hash: keys are short and come from the keyword files, so SipHash's
/// flood resistance is not needed, and the same hash must be computable in `build.rs`. It reads
/// eight bytes at a time (the last word, or two four-byte halves, may overlap), so a run of
/// tokens or a squashed word costs a few multiplications instead of one per byte, as FNV-1a did
/// (~2M instructions on the 61-file bench).
#[inline]
pub fn str_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let n = b.len();
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let half = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    let mut h = (n as u64).wrapping_mul(K);
    if n >= 8 {
        let mut at = 0;
        while at + 8 < n {
            h = (h ^ word(at)).wrapping_mul(K).rotate_left(31);
            at += 8;
        }
        h = (h ^ word(n - 8)).wrapping_mul(K);
    } else if n >= 4 {
        h = (h ^ (half(0) | half(n - 4) << 32)).wrapping_mul(K);
    } else if n > 0 {
        let w = u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16;
        h = (h ^ w).wrapping_mul(K);
    }
    // The table takes the low bits: fold the well-mixed high half into them.
    h ^ (h >> 32)
}

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
    let stems: Vec<&str> = toks.iter().map(|k| toks.stem(k)).collect();
    patterns.push((format!(" {} ", stems.join(" ")), toks.len()));
    if toks[1..].iter().any(|k| k.barrier_before) {
        // "Continuous Integration / Continuous Delivery": also as written, with the spaced
        // slash that the text reads as a barrier.
        let mut pat = String::from(" ");
        for (j, k) in toks.iter().enumerate() {
            if j > 0 && k.barrier_before {
                pat.push_str("| ");
            }
            pat.push_str(toks.stem(k));
            pat.push(' ');
        }
        patterns.push((pat, toks.len()));
    }
    let alnum = toks.iter().all(|k| toks.lower(k).chars().all(char::is_alphanumeric));
    if (2..=3).contains(&toks.len()) && alnum && !rule.exact_case {
        let concat: String = toks.iter().map(|k| toks.lower(k)).collect();
        patterns.push((format!(" {} ", token::stem(&concat)), 1));
    }
    let sq = token::squash(text);
    Some(CompiledForm {
        patterns,
        single_stem: (toks.len() == 1).then(|| toks.stem(&toks[0]).to_string()),
        squashed: (rule.ctx == Ctx::Plain && !rule.exact_case && sq.chars().count() >= 4).then_some(sq),
        lower: text.to_lowercase(),
        raw_tokens: toks.iter().map(|k| k.raw(text).to_string()).collect(),
        rule,
    })
}

/// Marks an acronym form and a full form of the same term: the acronym's capitals (lowercased)
/// equal the initials of the full form's words ("NLP" / "Natural Language Processing", "RLHF"
/// / "Reinforcement Learning from Human Feedback", "LoRA" / "Low-Rank Adaptation", "CI/CD" /
/// "Continuous Integration / Continuous Delivery").
fn classify_acronyms(forms: &mut [Form], raw_tokens: &[Span], text: &str) {
    let str = |s: Span| &text[s.start as usize..s.end as usize];
    let initials: Vec<Option<String>> = forms
        .iter()
        .map(|f| {
            let words: Vec<&str> = raw_tokens[f.raw_tokens.start as usize..f.raw_tokens.end as usize]
                .iter()
                .map(|&w| str(w))
                .filter(|w| !INITIALS_SKIP.contains(&w.to_lowercase().as_str()) && *w != "&")
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
        let form = str(forms[a].text);
        if form.contains(char::is_whitespace) {
            continue;
        }
        let compact: String = form.chars().filter(|c| c.is_alphanumeric()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_table_finds_every_key_and_nothing_else() {
        let mut text = Interner::default();
        // Enough keys that probes collide and wrap around the table's end.
        let entries: Vec<(String, u32)> = (0..500).map(|i| (format!(" key {i} "), i)).collect();
        let table = StrTable::build(&mut text, entries.clone());
        assert!(table.keys.len().is_power_of_two() && table.keys.len() >= 1000);
        for (key, value) in &entries {
            assert_eq!(table.get(&text.text, key), Some(value), "{key}");
        }
        for missing in ["", " key 500 ", " key 1", "key 1 ", " KEY 1 "] {
            assert_eq!(table.get(&text.text, missing), None, "{missing:?}");
        }
        let empty: StrTable<u32> = StrTable::build(&mut text, Vec::new());
        assert_eq!(empty.get(&text.text, " key 1 "), None);
    }

    #[test]
    fn interned_strings_are_stored_once() {
        let mut text = Interner::default();
        let a = text.intern("PyTorch");
        let b = text.intern("Python");
        assert_eq!(text.intern("PyTorch"), a);
        assert_ne!(a, b);
        assert_eq!(&text.text[a.start as usize..a.end as usize], "PyTorch");
        assert_eq!(text.text.len(), "PyTorch".len() + "Python".len());
    }
}
