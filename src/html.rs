//! HTML input: the main content of a page as plain text, one block a line, and its title.
//!
//! Main-content extraction is `dom_smoothie`, a Rust port of Mozilla's Readability (the
//! algorithm behind Firefox Reader View): maintained, pure Rust, MIT, builds here without
//! system libraries, and returns the article's text with block breaks plus the page's title,
//! site name, byline and dates. Among the candidates (readability ports such as `readability`
//! and `readabilityrs`, `llm_readability`, `rs-trafilatura`) it was the one that is both
//! actively released and able to give formatted text rather than HTML, so its output can take
//! the plain-text path unchanged. The text it returns still goes through the line classifier
//! (Readability keeps captions and share bars at times). When it finds no article (tiny or
//! broken pages) the page's text is taken with tags removed, one block a line.

use dom_smoothie::{Config, Readability, TextMode};

/// The text of a page's main content and what the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageText {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub text: String,
}

pub fn main_content(html: &str) -> PageText {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let article = Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse());
    match article {
        Ok(a) if !a.text_content.trim().is_empty() => PageText {
            title: Some(a.title.trim().to_string()).filter(|t| !t.is_empty()),
            site_name: a
                .site_name
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            text: a.text_content.to_string(),
        },
        _ => PageText {
            title: None,
            site_name: None,
            text: strip_tags(html),
        },
    }
}

/// Text of an HTML page with tags removed, scripts and styles dropped, and block ends turned
/// into line breaks: the fallback when no article is found.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt..];
        let lower: String = after
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            after.to_ascii_lowercase().find("</script>").map(|i| i + 9)
        } else if lower.starts_with("<style") {
            after.to_ascii_lowercase().find("</style>").map(|i| i + 8)
        } else {
            after.find('>').map(|i| i + 1)
        };
        let Some(end) = skip_to else {
            rest = "";
            break;
        };
        let tag = &after[..end];
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "p" | "div"
                | "br"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "tr"
                | "title"
                | "section"
                | "article"
                | "header"
                | "footer"
                | "blockquote"
                | "figcaption"
                | "ul"
                | "ol"
        ) {
            out.push('\n');
        }
        rest = &after[end..];
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Harbour reopens after storm | Coast Gazette</title></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Tuesday after a storm closed it for three days, the port authority said in a statement.</p>
<p>Fishing boats returned to their moorings by the afternoon, and the ferry service is expected to resume on Wednesday morning.</p>
<p>Engineers inspected the sea wall overnight and found only minor damage to the northern breakwater, officials added.</p>
</article><footer>Copyright 2024 Coast Gazette</footer></body></html>"#;

    #[test]
    fn extracts_the_article_text_and_title() {
        let page = main_content(PAGE);
        assert!(page.text.contains("The harbour reopened on Tuesday"));
        assert!(page.text.contains("Engineers inspected the sea wall"));
        assert!(!page.text.contains("Copyright 2024"));
        assert!(
            page.title
                .unwrap()
                .starts_with("Harbour reopens after storm")
        );
    }

    #[test]
    fn broken_markup_falls_back_to_plain_text() {
        let page = main_content("<p>Just one short line &amp; no article<");
        assert!(page.text.contains("Just one short line & no article"));
    }
}
