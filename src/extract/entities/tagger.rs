//! The statistical part: a greedy left-to-right averaged-perceptron tagger over hashed
//! features, labelling tokens B/I-PER, ORG, LOC, MISC or O (the CoNLL-2003 scheme).
//!
//! Why this model: it is small (a committed weights file under 2 MB), fast without a GPU
//! (a few dozen table look-ups per capitalized token), trains in the repository in about a
//! minute (`cargo run --release --example train_ner`), and, with the gazetteers as features,
//! generalizes to names it never saw. Features are the usual ones (the word and its
//! neighbours, shape, prefixes and suffixes, the two previous labels) plus list membership and
//! what the rest of the document says about the word: whether it is written capitalized
//! mid-sentence or in lowercase elsewhere (which lets all-caps headlines borrow from the
//! body), the contexts its other occurrences stand in ([`ctx`]: after a given name, before
//! `said`, after `in`...), and the labels the tagger gave it earlier in the document
//! ([`History`]). The last two added about 0.8 and 0.4 points of mention F1 on CoNLL-2003's
//! development set; the history makes the tagger read a document's sentences in order.
//!
//! Only tokens that could belong to a name are scored ([`Sequence::candidates`]): a lowercase
//! word far from any capital is O without asking the model, in training as in use, which
//! keeps the cost per article small. Turning labels into mentions, kinds, roles and canonical
//! names is left to the other modules of `entities`.

use std::ops::Range;
use std::sync::LazyLock;

use super::gazetteer::{GAZETTEER, Phrase, PhraseKind};
use super::hash::{self, IdentityMap};
use super::tokens::Token;

/// The labels, in the order of the weight rows.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub const N_LABELS: usize = LABELS.len();
pub const O: u8 = 0;

/// Whether `label` may follow `prev` (an I- continues only its own kind).
#[inline]
pub fn allowed(prev: u8, label: u8) -> bool {
    label == O || label % 2 == 1 || prev == label || prev + 1 == label
}

/// Facts about one token that do not depend on the labels around it.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenInfo {
    pub lower: u64,
    shape: u64,
    affixes: [u64; 6],
    /// Bits of [`flag`].
    pub flags: u32,
    /// Bits of [`word`](super::gazetteer::word) plus phrase positions ([`flag::COUNTRY_B`]...).
    pub gaz: u32,
    /// What the document says about the word: [`ctx`] bits.
    pub contexts: u16,
    /// The word's entry in [`prepare`]'s table of the document's words.
    slot: u32,
}

/// Bits of [`TokenInfo::flags`] and the phrase bits of [`TokenInfo::gaz`].
pub mod flag {
    pub const INIT_CAP: u32 = 1;
    pub const ALL_CAPS: u32 = 1 << 1;
    pub const HAS_DIGIT: u32 = 1 << 2;
    pub const HAS_PERIOD: u32 = 1 << 3;
    pub const HAS_HYPHEN: u32 = 1 << 4;
    pub const PUNCT: u32 = 1 << 5;
    pub const SENTENCE_START: u32 = 1 << 6;
    pub const CAP_ELSEWHERE: u32 = 1 << 7;
    pub const LOWER_ELSEWHERE: u32 = 1 << 8;
    pub const SHORT: u32 = 1 << 9;
    pub const IN_TITLE: u32 = 1 << 10;
    pub const ALL_CAPS_LINE: u32 = 1 << 11;
    /// Phrase bits live above the word-class bits in `gaz`.
    pub const COUNTRY_B: u32 = 1 << 16;
    pub const COUNTRY_I: u32 = 1 << 17;
    pub const PLACE_B: u32 = 1 << 18;
    pub const PLACE_I: u32 = 1 << 19;
    pub const DEMONYM_B: u32 = 1 << 20;
    pub const DEMONYM_I: u32 = 1 << 21;
    pub const ORG_B: u32 = 1 << 22;
    pub const ORG_I: u32 = 1 << 23;
}

/// One run of text the tagger labels at once: a paragraph of the body or the title.
pub struct Sequence<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub info: Vec<TokenInfo>,
    /// Each token's lowercase hash (as in `info`), contiguous for phrase look-ups.
    pub lowers: Vec<u64>,
    /// Whether the model is asked about each token (else it is O).
    pub candidates: Vec<bool>,
    /// The phrases of the lists in the sequence, read left to right taking the longest at each
    /// token ([`Gazetteer::longest_at`](super::gazetteer::Gazetteer::longest_at)): found once
    /// here for the features, and read again by the steps after tagging.
    pub listed: Vec<(Range<usize>, Phrase)>,
}

impl<'a> Sequence<'a> {
    pub fn new(text: &'a str, tokens: Vec<Token>) -> Sequence<'a> {
        Sequence {
            text,
            info: Vec::with_capacity(tokens.len()),
            lowers: Vec::new(),
            candidates: Vec::with_capacity(tokens.len()),
            listed: Vec::new(),
            tokens,
        }
    }

    pub fn word(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].span.clone()]
    }
}

/// How the tagger has labelled each word so far in the document (by lowercase hash): counts
/// of O, PER, ORG, LOC, MISC over its earlier candidate occurrences. Read as features, it
/// lets `Zarvesk` in `took Zarvesk` follow `the town of Zarvesk` two sentences before
/// ("extended prediction history", Ratinov & Roth 2009), at the cost of one look-up per
/// candidate; sequences must be tagged in document order, in training as in use.
pub type History = IdentityMap<[u16; 5]>;

/// The kind of a label: 0 for O, then PER, ORG, LOC, MISC.
#[inline]
fn kind_of(label: u8) -> usize {
    (label as usize).div_ceil(2)
}

fn remember(counts: &mut [u16; 5], label: u8) {
    let k = kind_of(label);
    counts[k] = counts[k].saturating_add(1);
}

/// What the whole document says about a word (bits of its [`DocWord::seen`]): written
/// capitalized mid-sentence, written in lowercase.
const SEEN_CAP: u16 = 1;
const SEEN_LOWER: u16 = 2;

/// Contexts a capitalized word stands in somewhere in the document (bits above `SEEN_*`):
/// what its other occurrences say about it (`Kovacs` after `Peter` once is a surname
/// everywhere; `Zarvesk` after `in` is a place). Context aggregation after Chieu & Ng
/// (2002); it needs no labels, so it costs one pass over the tokens.
pub mod ctx {
    pub const AFTER_GIVEN: u16 = 1 << 2;
    pub const BEFORE_ORG_WORD: u16 = 1 << 3;
    pub const AFTER_ROLE: u16 = 1 << 4;
    pub const AFTER_HONORIFIC: u16 = 1 << 5;
    pub const AFTER_PLACE_PREPOSITION: u16 = 1 << 6;
    pub const BEFORE_SAID: u16 = 1 << 7;
    pub const BEFORE_POSSESSIVE: u16 = 1 << 8;
    pub const AFTER_THE: u16 = 1 << 9;
    pub const BEFORE_CAPITAL: u16 = 1 << 10;
    pub const FIRST: u32 = 2;
    pub const LAST: u32 = 10;
}

struct SmallWords {
    honorifics: [u64; 8],
    place_prepositions: [u64; 5],
    said: [u64; 4],
    possessive: [u64; 2],
    the: u64,
}

static SMALL_WORDS: LazyLock<SmallWords> = LazyLock::new(|| {
    let h = hash::lower;
    SmallWords {
        honorifics: ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."].map(h),
        place_prepositions: ["in", "at", "near", "from", "to"].map(h),
        said: ["said", "says", "told", "added"].map(h),
        possessive: ["'s", "’s"].map(h),
        the: h("the"),
    }
});

/// The context bits of the capitalized token `i` (see [`ctx`]).
fn contexts(seq: &Sequence, i: usize) -> u16 {
    use super::gazetteer::word;
    let sw = &*SMALL_WORDS;
    let mut bits = 0;
    if i > 0 {
        let p = &seq.info[i - 1];
        let pt = &seq.tokens[i - 1];
        if pt.init_cap && p.gaz & word::GIVEN != 0 && p.gaz & word::COMMON == 0 {
            bits |= ctx::AFTER_GIVEN;
        }
        if p.gaz & (word::ROLE_HEAD | word::ROLE_MOD) != 0 {
            bits |= ctx::AFTER_ROLE;
        }
        if sw.honorifics.contains(&p.lower) {
            bits |= ctx::AFTER_HONORIFIC;
        }
        if !pt.init_cap && sw.place_prepositions.contains(&p.lower) {
            bits |= ctx::AFTER_PLACE_PREPOSITION;
        }
        if p.lower == sw.the {
            bits |= ctx::AFTER_THE;
        }
    }
    if let Some(n) = seq.info.get(i + 1) {
        let nt = &seq.tokens[i + 1];
        if nt.init_cap && n.gaz & word::ORG != 0 {
            bits |= ctx::BEFORE_ORG_WORD;
        }
        if sw.said.contains(&n.lower) {
            bits |= ctx::BEFORE_SAID;
        }
        if sw.possessive.contains(&n.lower) {
            bits |= ctx::BEFORE_POSSESSIVE;
        }
        if nt.init_cap && nt.wordlike {
            bits |= ctx::BEFORE_CAPITAL;
        }
    }
    bits
}

/// One distinct word of a document (by lowercase hash), as [`prepare`] gathers them.
#[derive(Clone, Copy)]
struct DocWord {
    /// Its list classes: a function of the lowercase word, so looked up in the (large, rarely
    /// cached) gazetteer once per document rather than once per occurrence.
    gaz: u32,
    /// `SEEN_*` and [`ctx`] bits from all its occurrences.
    seen: u16,
}

/// Computes the label-independent facts of every token of `seqs`, with the document-level
/// flags drawn from all of them. `title` is the index of the title sequence, if any.
pub fn prepare<'a>(seqs: &mut [Sequence<'a>], title: Option<usize>) {
    let n_tokens: usize = seqs.iter().map(|s| s.tokens.len()).sum();
    // Each token remembers its word's slot, so that the second pass reads the document's
    // verdict without hashing again.
    let mut slots: IdentityMap<u32> =
        IdentityMap::with_capacity_and_hasher(n_tokens, Default::default());
    let mut words: Vec<DocWord> = Vec::with_capacity(n_tokens);
    // The first spelling of each word, to look up in the gazetteer once all are known: the
    // look-ups, independent of each other, then overlap their waits on memory.
    let mut spellings: Vec<Option<(&'a str, u64)>> = Vec::with_capacity(n_tokens);
    for seq in seqs.iter_mut() {
        seq.info.clear();
        seq.lowers.clear();
        seq.lowers.reserve_exact(seq.tokens.len());
        let mut sentence_start = true;
        for t in &seq.tokens {
            let w = &seq.text[t.span.clone()];
            let mut info = token_info(w, t);
            info.slot = *slots.entry(info.lower).or_insert_with(|| {
                words.push(DocWord { gaz: 0, seen: 0 });
                spellings.push(t.wordlike.then_some((w, info.lower)));
                (words.len() - 1) as u32
            });
            if sentence_start {
                info.flags |= flag::SENTENCE_START;
            }
            // After an opening quotation mark a capital is as uninformative as at a sentence
            // start (`told reporters that “Smart people ...`).
            let opens_quote = matches!(w, "“" | "\"" | "‘" | "«");
            sentence_start = t.sentence_end || opens_quote || (sentence_start && !t.wordlike);
            seq.info.push(info);
            seq.lowers.push(info.lower);
        }
    }
    for (word, spelling) in words.iter_mut().zip(spellings) {
        if let Some((w, lower)) = spelling {
            word.gaz = word_class(w, lower);
        }
    }
    for seq in seqs.iter_mut() {
        for info in seq.info.iter_mut() {
            info.gaz = words[info.slot as usize].gaz;
        }
        // Contexts need the next token's facts, so they are read once the sentence's are known.
        for i in 0..seq.tokens.len() {
            let t = &seq.tokens[i];
            if !t.wordlike || t.all_caps {
                continue;
            }
            let bits = if !t.init_cap {
                SEEN_LOWER
            } else if seq.info[i].flags & flag::SENTENCE_START == 0 {
                SEEN_CAP | contexts(seq, i)
            } else {
                contexts(seq, i)
            };
            words[seq.info[i].slot as usize].seen |= bits;
        }
    }
    let g = &*GAZETTEER;
    for (si, seq) in seqs.iter_mut().enumerate() {
        let caps_line = seq.tokens.iter().filter(|t| t.wordlike).count() > 1
            && seq.tokens.iter().all(|t| t.all_caps || !t.wordlike);
        for info in seq.info.iter_mut() {
            // A word never seen in a counted form has no bits, the same as no verdict.
            let seen = words[info.slot as usize].seen;
            info.contexts = seen;
            if seen & SEEN_CAP != 0 {
                info.flags |= flag::CAP_ELSEWHERE;
            }
            if seen & SEEN_LOWER != 0 {
                info.flags |= flag::LOWER_ELSEWHERE;
            }
            // Headlines in capitals are a register of their own (CoNLL has many); one in
            // sentence case reads like any sentence.
            if Some(si) == title && caps_line {
                info.flags |= flag::IN_TITLE;
            }
            if caps_line {
                info.flags |= flag::ALL_CAPS_LINE;
            }
        }
        seq.listed.clear();
        let mut i = 0;
        while i < seq.tokens.len() {
            if let Some((n, p)) = g.longest_at(seq.text, &seq.tokens, &seq.lowers, i) {
                seq.listed.push((i..i + n, p));
                let (b, inside) = match p.kind {
                    PhraseKind::Country => (flag::COUNTRY_B, flag::COUNTRY_I),
                    PhraseKind::Place => (flag::PLACE_B, flag::PLACE_I),
                    PhraseKind::Demonym => (flag::DEMONYM_B, flag::DEMONYM_I),
                    PhraseKind::Organization => (flag::ORG_B, flag::ORG_I),
                };
                seq.info[i].gaz |= b;
                for k in i + 1..i + n {
                    seq.info[k].gaz |= inside;
                }
                i += n;
            } else {
                i += 1;
            }
        }
        seq.candidates = candidates(seq.text, &seq.tokens, &seq.info);
        for (i, &c) in seq.candidates.iter().enumerate() {
            if c {
                seq.info[i].affixes = affixes(&seq.text[seq.tokens[i].span.clone()]);
            }
        }
    }
}

/// The facts of one token that need only the token; the list classes are left to [`prepare`].
fn token_info(w: &str, t: &Token) -> TokenInfo {
    let mut flags = 0;
    if t.init_cap {
        flags |= flag::INIT_CAP;
    }
    if t.all_caps {
        flags |= flag::ALL_CAPS;
    }
    if !t.wordlike {
        flags |= flag::PUNCT;
    }
    let mut shape: u64 = 0;
    let mut last_class = 0u64;
    let mut n_classes = 0;
    let mut add_class = |class: u64| {
        if class != last_class && n_classes < 8 {
            shape = shape << 3 | class;
            n_classes += 1;
            last_class = class;
        }
    };
    // The lowercase hash is built in the same pass over the characters as the shape. Most
    // words are ASCII, where a byte's class is a plain range test.
    let mut lower = hash::Lower::new();
    let n_chars;
    if w.is_ascii() {
        n_chars = w.len();
        for &b in w.as_bytes() {
            lower.push_ascii(b);
            add_class(match b {
                b'A'..=b'Z' => 1,
                b'a'..=b'z' => 2,
                b'0'..=b'9' => {
                    flags |= flag::HAS_DIGIT;
                    3
                }
                b'.' => {
                    flags |= flag::HAS_PERIOD;
                    4
                }
                b'-' => {
                    flags |= flag::HAS_HYPHEN;
                    5
                }
                b'\'' => 6,
                _ => 7,
            });
        }
    } else {
        let mut count = 0;
        for c in w.chars() {
            lower.push(c);
            count += 1;
            add_class(if c.is_uppercase() {
                1
            } else if c.is_lowercase() {
                2
            } else if c.is_numeric() {
                flags |= flag::HAS_DIGIT;
                3
            } else if c == '.' {
                flags |= flag::HAS_PERIOD;
                4
            } else if c == '-' {
                flags |= flag::HAS_HYPHEN;
                5
            } else if c == '\'' || c == '’' {
                6
            } else {
                7
            });
        }
        n_chars = count;
    }
    if n_chars <= 3 {
        flags |= flag::SHORT;
    }
    TokenInfo {
        lower: lower.finish(),
        shape,
        flags,
        ..TokenInfo::default()
    }
}

/// The list classes of a word; a hyphenated word the lists lack takes them from its parts:
/// a title from its last part (`Lieutenant-Colonel`, `Secretary-General`), a given name when
/// both parts are given names (`Jean-Pierre`).
fn word_class(w: &str, lower: u64) -> u32 {
    use super::gazetteer::word;
    let g = GAZETTEER.word_class(lower);
    let inner = w.trim_matches('-');
    if g != 0 || !inner.contains('-') {
        return g;
    }
    let (Some(first), Some(last)) = (inner.split('-').next(), inner.rsplit('-').next()) else {
        return g;
    };
    let (f, l) = (
        GAZETTEER.word_class(hash::lower(first)),
        GAZETTEER.word_class(hash::lower(last)),
    );
    let mut out = l & (word::ROLE_HEAD | word::ROLE_MOD);
    if f & l & word::GIVEN != 0 {
        out |= word::GIVEN;
    }
    out
}

/// Prefixes of 1-3 and suffixes of 2-4 characters, lowercase; only candidates need them.
fn affixes(w: &str) -> [u64; 6] {
    let n_chars = w.chars().count();
    let mut affixes = [0u64; 6];
    // The prefixes are one running hash read after each of the first three characters.
    let mut prefix = hash::Lower::new();
    for (k, c) in w.chars().take(3).enumerate() {
        prefix.push(c);
        if n_chars > k + 1 {
            affixes[k] = prefix.finish();
        }
    }
    // Where the last 1, 2, 3 and 4 characters start.
    let mut suffix_start = [0usize; 5];
    for (k, (i, _)) in w.char_indices().rev().take(4).enumerate() {
        suffix_start[k + 1] = i;
    }
    for (k, n) in [2usize, 3, 4].into_iter().enumerate() {
        if n_chars > n {
            affixes[3 + k] = hash::lower(&w[suffix_start[n]..]);
        }
    }
    affixes
}

/// Tokens that may be part of a name: capitalized or all-caps words, numbers right after one
/// (`Rossiya 1`), and lowercase words (or `&`) close between capitalized ones (`Bank of
/// England`, `Ministry of the Interior`) or short ones just before one (`bin Laden`).
fn candidates(seq_text: &str, tokens: &[Token], info: &[TokenInfo]) -> Vec<bool> {
    let capital = |j: usize| tokens[j].init_cap || tokens[j].all_caps;
    let joiner = |j: usize| tokens[j].wordlike || &seq_text[tokens[j].span.clone()] == "&";
    let n = tokens.len();
    let mut out = vec![false; n];
    for i in 0..n {
        if capital(i) {
            out[i] = true;
            continue;
        }
        if !joiner(i) {
            continue;
        }
        let particle = i + 1 < n && capital(i + 1) && info[i].flags & flag::SHORT != 0;
        let number_after_name = info[i].flags & flag::HAS_DIGIT != 0 && i > 0 && capital(i - 1);
        // The scans of the neighbours come last: the cheap tests above often settle it.
        out[i] = particle
            || number_after_name
            || reaches_capital((i.saturating_sub(3)..i).rev(), &capital, &joiner)
                && reaches_capital(i + 1..n.min(i + 4), &capital, &joiner);
    }
    out
}

/// Whether a capital comes among tokens `js`, in that order, before anything but a joiner.
fn reaches_capital(
    js: impl Iterator<Item = usize>,
    capital: &impl Fn(usize) -> bool,
    joiner: &impl Fn(usize) -> bool,
) -> bool {
    for j in js {
        if capital(j) {
            return true;
        }
        if !joiner(j) {
            return false;
        }
    }
    false
}

// Feature templates: each feature is hash(template, value).
const T_BIAS: u64 = 1;
const T_W0: u64 = 2;
const T_WM1: u64 = 3;
const T_WP1: u64 = 4;
const T_WM2: u64 = 5;
const T_WP2: u64 = 6;
const T_S0: u64 = 7;
const T_SM1: u64 = 8;
const T_SP1: u64 = 9;
const T_AFFIX: u64 = 10; // .. 15
const T_FLAG: u64 = 20; // + bit
const T_GAZ: u64 = 60; // + bit
const T_GAZ_M1: u64 = 100; // + bit
const T_GAZ_P1: u64 = 140; // + bit
const T_Y1: u64 = 180;
const T_Y12: u64 = 181;
const T_Y1_W0: u64 = 182;
const T_Y1_S0: u64 = 183;
const T_W01: u64 = 184;
const T_WM10: u64 = 185;
const T_S3: u64 = 186;
const T_FLAGS_S0: u64 = 187;
const T_Y1_GAZ: u64 = 188;
const T_START_COMMON: u64 = 189;
const T_HIST_ANY: u64 = 190;
const T_HIST_MAJ: u64 = 191;
const T_HIST_MAJ_S0: u64 = 192;
const T_CTX: u64 = 300; // + bit

const PAD_L: u64 = 0x1111;
const PAD_R: u64 = 0x2222;

/// Features of token `i` given the previous two labels and the word's labels earlier in the
/// document, appended to `out`.
pub fn features(seq: &Sequence, i: usize, y1: u8, y2: u8, history: &[u16; 5], out: &mut Vec<u64>) {
    let info = &seq.info;
    let at = |j: isize| -> Option<&TokenInfo> { if j < 0 { None } else { info.get(j as usize) } };
    let i_s = i as isize;
    let f = |t: u64, v: u64| hash::combine(t, v);
    let me = &info[i];
    let w = |j: isize, pad: u64| at(j).map_or(pad, |x| x.lower);
    let s = |j: isize, pad: u64| at(j).map_or(pad, |x| x.shape);
    out.push(f(T_BIAS, 0));
    out.push(f(T_W0, me.lower));
    out.push(f(T_WM1, w(i_s - 1, PAD_L)));
    out.push(f(T_WP1, w(i_s + 1, PAD_R)));
    out.push(f(T_WM2, w(i_s - 2, PAD_L)));
    out.push(f(T_WP2, w(i_s + 2, PAD_R)));
    out.push(f(T_S0, me.shape));
    out.push(f(T_SM1, s(i_s - 1, PAD_L)));
    out.push(f(T_SP1, s(i_s + 1, PAD_R)));
    for (k, &a) in me.affixes.iter().enumerate() {
        if a != 0 {
            out.push(f(T_AFFIX + k as u64, a));
        }
    }
    let bit_features = &*BIT_FEATURES;
    push_bits(me.flags, &bit_features.flag, out);
    push_bits(me.gaz, &bit_features.gaz, out);
    push_bits(at(i_s - 1).map_or(0, |x| x.gaz), &bit_features.gaz_m1, out);
    push_bits(at(i_s + 1).map_or(0, |x| x.gaz), &bit_features.gaz_p1, out);
    out.push(f(T_Y1, y1 as u64));
    out.push(f(T_Y12, (y1 as u64) << 8 | y2 as u64));
    out.push(f(T_Y1_W0, hash::combine(y1 as u64, me.lower)));
    out.push(f(T_Y1_S0, hash::combine(y1 as u64, me.shape)));
    out.push(f(
        T_Y1_GAZ,
        hash::combine(y1 as u64, (me.gaz & 0xff) as u64),
    ));
    out.push(f(T_W01, hash::combine(me.lower, w(i_s + 1, PAD_R))));
    out.push(f(T_WM10, hash::combine(w(i_s - 1, PAD_L), me.lower)));
    out.push(f(
        T_S3,
        hash::combine(
            hash::combine(s(i_s - 1, PAD_L), me.shape),
            s(i_s + 1, PAD_R),
        ),
    ));
    // A capital at a sentence start on an ordinary word says little (`Troops said ...`).
    out.push(f(
        T_START_COMMON,
        (me.flags & (flag::SENTENCE_START | flag::INIT_CAP | flag::ALL_CAPS)) as u64
            | ((me.gaz & super::gazetteer::word::COMMON != 0) as u64) << 16
            | ((me.gaz & (super::gazetteer::word::GIVEN | super::gazetteer::word::SURNAME)) as u64)
                << 20,
    ));
    if me.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
        let in_range = (1u32 << (ctx::LAST + 1)) - (1 << ctx::FIRST);
        push_bits(me.contexts as u32 & in_range, &bit_features.ctx, out);
    }
    if history.iter().any(|&n| n > 0) {
        let h = history;
        let mut best = 0;
        for (k, &n) in h.iter().enumerate() {
            if n > 0 {
                out.push(f(T_HIST_ANY, k as u64));
                if n > h[best] {
                    best = k;
                }
            }
        }
        out.push(f(T_HIST_MAJ, best as u64));
        out.push(f(
            T_HIST_MAJ_S0,
            hash::combine(best as u64, (me.flags & flag::SENTENCE_START) as u64),
        ));
    }
    out.push(f(
        T_FLAGS_S0,
        hash::combine(
            (me.flags & (flag::SENTENCE_START | flag::ALL_CAPS_LINE | flag::IN_TITLE)) as u64,
            me.shape,
        ),
    ));
}

/// The features that say one bit is set (`hash(template + bit, 1)`), hashed once for all.
struct BitFeatures {
    flag: [u64; 12],
    gaz: [u64; 24],
    gaz_m1: [u64; 24],
    gaz_p1: [u64; 24],
    ctx: [u64; ctx::LAST as usize + 1],
}

static BIT_FEATURES: LazyLock<BitFeatures> = LazyLock::new(|| {
    fn table<const N: usize>(template: u64) -> [u64; N] {
        std::array::from_fn(|bit| hash::combine(template + bit as u64, 1))
    }
    BitFeatures {
        flag: table(T_FLAG),
        gaz: table(T_GAZ),
        gaz_m1: table(T_GAZ_M1),
        gaz_p1: table(T_GAZ_P1),
        ctx: table(T_CTX),
    }
});

/// Pushes the feature of each bit of `bits` that `table` has, lowest bit first (the order the
/// features have always come in; training sums them in floating point, where order counts).
#[inline]
fn push_bits<const N: usize>(bits: u32, table: &[u64; N], out: &mut Vec<u64>) {
    let mut rest = if N >= 32 { bits } else { bits & ((1 << N) - 1) };
    while rest != 0 {
        out.push(table[rest.trailing_zeros() as usize]);
        rest &= rest - 1;
    }
}

/// The trained weights: one row of label scores per hash bucket.
///
/// Most buckets have no row in the weights file (their weights were pruned or never trained),
/// and the word features of a rare word mostly land in those. So the rows are stored only for
/// buckets that have one, behind a bitmap of which do: a look-up for an empty bucket reads
/// only the bitmap (64 KB, usually cached) instead of a zero row of a table a few times the
/// size of the processor's cache, and the rows that remain fit the cache better.
pub struct Model {
    bits: u32,
    /// For each run of 64 buckets: which have a row, and how many rows come before the run.
    present: Vec<(u64, u32)>,
    /// The rows of the buckets that have one, in bucket order.
    rows: Vec<[i16; N_LABELS]>,
}

const MAGIC: &[u8; 8] = b"NEWSNER1";

impl Model {
    /// The row of a feature's bucket; `None` for a bucket without one (all its weights 0).
    #[inline]
    fn row(&self, feature: u64) -> Option<&[i16; N_LABELS]> {
        let bucket = (feature >> (64 - self.bits)) as usize;
        let (word, before) = self.present[bucket / 64];
        let bit = 1u64 << (bucket % 64);
        if word & bit == 0 {
            return None;
        }
        Some(&self.rows[before as usize + (word & (bit - 1)).count_ones() as usize])
    }

    /// Labels every token of `seq` (O for tokens that are not candidates), reading and
    /// extending the document's `history`.
    pub fn tag(
        &self,
        seq: &Sequence,
        history: &mut History,
        feats: &mut Vec<u64>,
        labels: &mut Vec<u8>,
    ) {
        labels.clear();
        let (mut y1, mut y2) = (O, O);
        for i in 0..seq.tokens.len() {
            let label = if seq.candidates[i] {
                feats.clear();
                // One look-up serves both reading and extending the word's history.
                let counts = history.entry(seq.info[i].lower).or_insert([0; 5]);
                features(seq, i, y1, y2, counts, feats);
                let mut scores = [0i32; N_LABELS];
                for row in feats.iter().filter_map(|&f| self.row(f)) {
                    for (s, &w) in scores.iter_mut().zip(row) {
                        *s += w as i32;
                    }
                }
                let label = best(&scores, y1);
                remember(counts, label);
                label
            } else {
                O
            };
            labels.push(label);
            (y2, y1) = (y1, label);
        }
    }

    /// Reads the committed weights file format (see [`Trainer::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let bits = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
        if !(8..=24).contains(&bits) {
            return None;
        }
        let n_buckets = 1usize << bits;
        let mut buckets: Vec<usize> = Vec::new();
        let mut rows: Vec<[i16; N_LABELS]> = Vec::new();
        let mut pos = 4;
        let mut bucket = 0usize;
        while pos < rest.len() {
            let (delta, used) = read_varint(&rest[pos..])?;
            pos += used;
            bucket = bucket.checked_add(delta as usize)?;
            if bucket >= n_buckets {
                return None;
            }
            let mut row = [0i16; N_LABELS];
            for w in row.iter_mut() {
                *w = i16::from_le_bytes(rest.get(pos..pos + 2)?.try_into().ok()?);
                pos += 2;
            }
            // Buckets only grow, so a bucket written again is the last one: the later row wins.
            if buckets.last() == Some(&bucket) {
                *rows.last_mut()? = row;
            } else {
                buckets.push(bucket);
                rows.push(row);
            }
        }
        let mut present = vec![(0u64, 0u32); n_buckets.div_ceil(64)];
        for &b in &buckets {
            present[b / 64].0 |= 1 << (b % 64);
        }
        let mut before = 0u32;
        for (word, rank) in present.iter_mut() {
            *rank = before;
            before += word.count_ones();
        }
        Some(Model {
            bits,
            present,
            rows,
        })
    }
}

fn best<T: PartialOrd + Copy>(scores: &[T; N_LABELS], prev: u8) -> u8 {
    let mut best = O;
    for l in 1..N_LABELS as u8 {
        if allowed(prev, l) && scores[l as usize] > scores[best as usize] {
            best = l;
        }
    }
    best
}

fn read_varint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for (i, &byte) in b.iter().enumerate().take(10) {
        v |= ((byte & 0x7f) as u64) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

fn write_varint(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

static WEIGHTS: &[u8] = include_bytes!("../../../data/entities/ner.weights");

/// The committed model; `None` only if the weights file is damaged (then no mentions are
/// tagged, rather than the program failing).
pub static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_bytes(WEIGHTS));

/// Averaged-perceptron training (Collins 2002) with the lazy averaging trick: each weight
/// remembers when it last changed, so an update costs the same however long training runs.
pub struct Trainer {
    bits: u32,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * N_LABELS;
        Trainer {
            bits,
            weights: vec![0.0; n],
            totals: vec![0.0; n],
            stamps: vec![0; n],
            step: 0,
        }
    }

    fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// One pass over a sequence with its gold labels; returns the number of tokens it got
    /// wrong. The previous labels fed to the features are the model's own guesses, as at run
    /// time.
    pub fn learn(
        &mut self,
        seq: &Sequence,
        gold: &[u8],
        history: &mut History,
        feats: &mut Vec<u64>,
    ) -> usize {
        let (mut y1, mut y2) = (O, O);
        let mut errors = 0;
        for (i, &truth) in gold.iter().enumerate().take(seq.tokens.len()) {
            if !seq.candidates[i] {
                (y2, y1) = (y1, O);
                continue;
            }
            self.step += 1;
            feats.clear();
            let counts = history.entry(seq.info[i].lower).or_insert([0; 5]);
            features(seq, i, y1, y2, counts, feats);
            let mut scores = [0f32; N_LABELS];
            for &f in feats.iter() {
                let b = self.bucket(f) * N_LABELS;
                for (l, s) in scores.iter_mut().enumerate() {
                    *s += self.weights[b + l];
                }
            }
            let guess = best(&scores, y1);
            remember(counts, guess);
            if guess != truth {
                errors += 1;
                for &f in feats.iter() {
                    let b = self.bucket(f) * N_LABELS;
                    self.update(b + truth as usize, 1.0);
                    self.update(b + guess as usize, -1.0);
                }
            }
            (y2, y1) = (y1, guess);
        }
        errors
    }

    fn update(&mut self, k: usize, delta: f32) {
        let elapsed = (self.step - self.stamps[k]) as f64;
        self.totals[k] += elapsed * self.weights[k] as f64;
        self.stamps[k] = self.step;
        self.weights[k] += delta;
    }

    /// The averaged weights (Collins' average over every step of training).
    pub fn averaged(&self) -> Vec<f32> {
        (0..self.weights.len())
            .map(|k| {
                let elapsed = (self.step - self.stamps[k]) as f64;
                ((self.totals[k] + elapsed * self.weights[k] as f64) / self.step.max(1) as f64)
                    as f32
            })
            .collect()
    }

    /// The averaged weights in the committed file format (see [`to_bytes`]).
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        to_bytes(self.bits, &self.averaged(), prune)
    }
}

/// Weights (`2^bits` rows of [`N_LABELS`]) quantized to 16 bits and written sparsely: only rows
/// with a weight left after dropping those below `prune` (in averaged units).
pub fn to_bytes(bits: u32, weights: &[f32], prune: f32) -> Vec<u8> {
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
    let scale = 32767.0 / max;
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&bits.to_le_bytes());
    let mut last = 0usize;
    for (bucket, row) in weights.chunks(N_LABELS).enumerate() {
        if row.iter().all(|w| w.abs() < prune) {
            continue;
        }
        write_varint((bucket - last) as u64, &mut out);
        last = bucket;
        for &w in row {
            out.extend_from_slice(&((w * scale).round() as i16).to_le_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_round_trip_and_labels_stay_valid() {
        let t = Trainer::new(8);
        let bytes = t.to_bytes(0.0);
        let m = Model::from_bytes(&bytes).expect("parses");
        assert_eq!(m.rows.len(), 256);
        assert!(allowed(1, 2) && !allowed(3, 2) && allowed(O, 5) && !allowed(O, 6));
        assert!(Model::from_bytes(b"garbage").is_none());
    }
}
