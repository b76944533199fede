//! HTML input: the main content of a page as plain text, one block a line, and its title.
//!
//! Placeholder until the extractor crate is wired in.

/// The text of a page's main content and the page's own title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageText {
    pub title: Option<String>,
    pub text: String,
}

pub fn main_content(html: &str) -> PageText {
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
    PageText { title: None, text: out }
}
