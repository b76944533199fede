//! `newsdb search`: turns what a user types into a safe FTS5 query, and prints the articles
//! and quotes that match, best first, each with a snippet.
//!
//! FTS5 has a query language of its own, and raw user input trips over it: `COVID-19` is read
//! as "COVID, excluding column 19", `U.S.-led` and `al-Assad` as syntax errors, an unbalanced
//! quote as an error. [`fts_query`] therefore never passes user text through as syntax: each
//! term becomes an FTS5 string (`"COVID-19"`), which the tokenizer splits exactly as it split
//! the indexed text, so punctuated terms match as phrases ("covid" next to "19"). A few
//! operators a user expects are recognised and rebuilt by this module: `"quoted phrases"`,
//! `OR`, a leading `-` or `NOT` to exclude, and a trailing `*` for a prefix. The queries
//! themselves are `db::search`'s business; the command line is `cli`'s.

use std::io::Write;

use crate::db::search::{ArticleHit, QuoteHit, SearchResults};

/// Why a search cannot run.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QueryError {
    #[error("nothing to search for: give at least one word (letters or digits)")]
    NoTerms,
    #[error("only exclusions given: add a word to look for (e.g. 'nato -russia')")]
    OnlyExclusions,
}

/// One term as the user meant it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    prefix: bool,
}

impl Term {
    /// The term as an FTS5 string: quotes doubled, so nothing inside is syntax.
    fn to_fts(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 3);
        out.push('"');
        out.push_str(&self.text.replace('"', "\"\""));
        out.push('"');
        if self.prefix {
            out.push('*');
        }
        out
    }
}

/// A piece of user input: a term (bare or quoted) or the operator word `OR`/`AND`/`NOT`.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    Term { term: Term, excluded: bool },
    Or,
    And,
    Not,
}

fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

fn tokenize(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    // SQLite reads an FTS5 query as a C string: a NUL would cut it short, mid-quote.
    let mut chars = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let excluded = c == '-' && {
            // "-word" excludes; a lone "-" or "--" is punctuation.
            let mut ahead = chars.clone();
            ahead.next();
            ahead
                .peek()
                .is_some_and(|&n| n == '"' || n.is_alphanumeric())
        };
        if excluded {
            chars.next();
        }
        let (text, quoted) = if chars.peek() == Some(&'"') {
            chars.next();
            let mut text = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                text.push(c);
            }
            (text, true)
        } else {
            let mut text = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                text.push(c);
                chars.next();
            }
            (text, false)
        };
        if !quoted && !excluded {
            match text.as_str() {
                "OR" => {
                    tokens.push(Token::Or);
                    continue;
                }
                "AND" => {
                    tokens.push(Token::And);
                    continue;
                }
                "NOT" => {
                    tokens.push(Token::Not);
                    continue;
                }
                _ => {}
            }
        }
        let prefix = text.ends_with('*') && has_word(&text);
        let text = if prefix {
            text.trim_end_matches('*').to_string()
        } else {
            text
        };
        if has_word(&text) {
            tokens.push(Token::Term {
                term: Term { text, prefix },
                excluded,
            });
        }
    }
    tokens
}

/// The FTS5 MATCH expression for what the user typed: every term must occur (terms joined by
/// `OR` may stand in for each other), excluded terms must not. The result is always valid
/// FTS5 syntax, whatever the input.
pub fn fts_query(input: &str) -> Result<String, QueryError> {
    // Groups of alternatives, all required; and terms that must not occur.
    let mut required: Vec<Vec<Term>> = Vec::new();
    let mut excluded: Vec<Term> = Vec::new();
    let mut pending_or = false;
    let mut pending_not = false;
    for token in tokenize(input) {
        match token {
            Token::Or => pending_or = !required.is_empty(),
            Token::And => {}
            Token::Not => pending_not = true,
            Token::Term {
                term,
                excluded: minus,
            } => {
                if minus || pending_not {
                    excluded.push(term);
                } else if pending_or {
                    required.last_mut().expect("checked").push(term);
                } else {
                    required.push(vec![term]);
                }
                pending_or = false;
                pending_not = false;
            }
        }
    }
    if required.is_empty() {
        return Err(if excluded.is_empty() {
            QueryError::NoTerms
        } else {
            QueryError::OnlyExclusions
        });
    }
    let group = |terms: &[Term]| -> String {
        let parts: Vec<String> = terms.iter().map(Term::to_fts).collect();
        if parts.len() == 1 {
            parts[0].clone()
        } else {
            format!("({})", parts.join(" OR "))
        }
    };
    let mut query = required
        .iter()
        .map(|g| group(g))
        .collect::<Vec<_>>()
        .join(" AND ");
    if !excluded.is_empty() {
        query = format!("({query}) NOT {}", group(&excluded));
    }
    Ok(query)
}

/// Prints search results for a terminal: articles first, then quotes. Matched words are in
/// `[brackets]`; `…` marks text left out of a snippet.
pub fn print_results(out: &mut impl Write, results: &SearchResults) -> std::io::Result<()> {
    writeln!(
        out,
        "articles: {} of {} matching",
        results.articles.len(),
        results.articles_total
    )?;
    for ArticleHit {
        document_id,
        title,
        outlet,
        duplicate_of,
        snippet,
    } in &results.articles
    {
        let mut head = format!(
            "  #{document_id} {}",
            title.as_deref().unwrap_or("(no title)")
        );
        if let Some(outlet) = outlet {
            head.push_str(&format!(" ({outlet})"));
        }
        if let Some(original) = duplicate_of {
            head.push_str(&format!(" [near-duplicate of #{original}]"));
        }
        writeln!(out, "{head}")?;
        writeln!(out, "      {}", one_line(snippet))?;
    }
    writeln!(
        out,
        "quotes: {} of {} matching",
        results.quotes.len(),
        results.quotes_total
    )?;
    for QuoteHit {
        document_id,
        speaker,
        snippet,
        ..
    } in &results.quotes
    {
        writeln!(
            out,
            "  #{document_id} {}: \u{201c}{}\u{201d}",
            speaker.as_deref().unwrap_or("(unknown speaker)"),
            one_line(snippet)
        )?;
    }
    Ok(())
}

/// A snippet on one line: line breaks and runs of spaces become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_all_required() {
        assert_eq!(
            fts_query("nato finland").unwrap(),
            r#""nato" AND "finland""#
        );
    }

    #[test]
    fn punctuated_terms_become_strings() {
        assert_eq!(fts_query("COVID-19").unwrap(), r#""COVID-19""#);
        assert_eq!(
            fts_query("U.S.-led al-Assad").unwrap(),
            r#""U.S.-led" AND "al-Assad""#
        );
        assert_eq!(
            fts_query(r#"say "hi"#).unwrap(),
            r#""say" AND "hi""#,
            "an unbalanced quote runs to the end"
        );
        assert_eq!(fts_query("it's").unwrap(), r#""it's""#);
        assert_eq!(fts_query(r#"a"b"#).unwrap(), r#""a" AND "b""#);
        assert_eq!(fts_query("a\u{0}b\tc").unwrap(), r#""a" AND "b" AND "c""#);
    }

    #[test]
    fn operators_are_rebuilt() {
        assert_eq!(
            fts_query(r#""interest rates" -mortgage"#).unwrap(),
            r#"("interest rates") NOT "mortgage""#
        );
        assert_eq!(
            fts_query("assad OR al-Assad syria").unwrap(),
            r#"("assad" OR "al-Assad") AND "syria""#
        );
        assert_eq!(
            fts_query("nato NOT russia NOT ukraine").unwrap(),
            r#"("nato") NOT ("russia" OR "ukraine")"#
        );
        assert_eq!(fts_query("minist*").unwrap(), r#""minist"*"#);
        assert_eq!(fts_query("OR nato OR").unwrap(), r#""nato""#);
        assert_eq!(fts_query("a AND b").unwrap(), r#""a" AND "b""#);
        assert_eq!(
            fts_query("nato or finland").unwrap(),
            r#""nato" AND "or" AND "finland""#
        );
    }

    #[test]
    fn nothing_to_search_for() {
        assert_eq!(fts_query(""), Err(QueryError::NoTerms));
        assert_eq!(fts_query(" - -- * \"\" ()"), Err(QueryError::NoTerms));
        assert_eq!(fts_query("-russia"), Err(QueryError::OnlyExclusions));
        assert_eq!(fts_query("OR AND NOT"), Err(QueryError::NoTerms));
    }
}
