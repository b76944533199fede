//! Stage 3, parse: split a decoded file into the article's lines and the page furniture around
//! them, and pick out the metadata (title, outlet, dateline, byline, date, wire credits).
//!
//! This first version knows only the shape every scraper output shares: the first non-blank
//! line is the title and every other non-blank line is a body paragraph. HTML is reduced to its
//! text first. Normalization of characters is left to `normalize`.

use crate::corpus::CorpusKnowledge;
use crate::document::{DropReason, Format, LineVerdict, RawArticle};

pub fn parse(text: &str, format: Format, _corpus: &CorpusKnowledge) -> RawArticle {
    let text = match format {
        Format::Text => text.to_string(),
        Format::Html => strip_tags(text),
    };
    let mut article = RawArticle::default();
    for (line_no, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        let dropped = if trimmed.is_empty() {
            Some(DropReason::Blank)
        } else if article.title.is_none() {
            article.title = Some(trimmed.to_string());
            Some(DropReason::Title)
        } else {
            article.paragraphs.push(trimmed.to_string());
            None
        };
        article.lines.push(LineVerdict {
            line_no,
            text: line.to_string(),
            dropped,
        });
    }
    article
}

/// Text of an HTML page with tags removed and block ends turned into line breaks.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push('\n');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_is_title_rest_is_body() {
        let a = parse(
            "\nTitle here\n\nFirst para.\nSecond para.\n",
            Format::Text,
            &CorpusKnowledge::default(),
        );
        assert_eq!(a.title.as_deref(), Some("Title here"));
        assert_eq!(a.paragraphs, ["First para.", "Second para."]);
        assert_eq!(a.lines.len(), 5);
        assert_eq!(a.lines[1].dropped, Some(DropReason::Title));
        assert_eq!(a.lines[3].dropped, None);
    }
}
