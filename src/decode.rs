//! Stage 2b, decode: the bytes of a file as UTF-8 text, with the encoding used and any repair
//! recorded, or the reason they are not text at all.
//!
//! Clean UTF-8 (with or without a byte-order mark) passes through untouched. Bytes that are not
//! UTF-8 are sniffed with chardetng (Firefox's detector, trained on real web text) and decoded
//! with encoding_rs, so Windows-1252 and Latin-1 articles come out right. Two kinds of damage
//! are repaired instead of rejected, because scrapers produce both: a file cut in the middle of
//! a UTF-8 character (the broken tail is dropped), and UTF-8 with a few stray single-byte
//! characters (those bytes are read as Windows-1252). Repairs of mis-decoded text (mojibake
//! such as `â€™`) belong to `normalize`, which sees the text, not the bytes.

use crate::document::Decoded;
use crate::read::Rejection;

/// Share of control characters above which a text is treated as binary.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// A text file may carry a few stray NUL bytes (a scraper's buffer, a botched copy); binary
/// formats have them everywhere. Up to this many per 1,000 bytes, and never more than
/// [`MAX_STRAY_NULS`], they are dropped and the repair noted; more make the file binary.
const MAX_NULS_PER_THOUSAND: usize = 1;
const MAX_STRAY_NULS: usize = 8;

pub fn decode(bytes: &[u8]) -> Result<Decoded, Rejection> {
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    // A UTF-16 file is full of NUL bytes but is text: honour its byte-order mark first.
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let note = had_errors
            .then(|| "some characters could not be decoded and were replaced".to_string());
        return finish(text.into_owned(), encoding.name(), note);
    }
    if let Some(pos) = memchr_nul(bytes) {
        let nuls = bytes.iter().filter(|&&b| b == 0).count();
        if nuls > MAX_STRAY_NULS || nuls * 1000 > bytes.len() * MAX_NULS_PER_THOUSAND {
            return Err(Rejection::Binary(format!(
                "contains a NUL byte at offset {pos}"
            )));
        }
        let cleaned: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
        let mut decoded = decode(&cleaned)?;
        let removed = format!("{nuls} stray NUL byte(s) were removed");
        decoded.note = Some(match decoded.note {
            Some(note) => format!("{removed}; {note}"),
            None => removed,
        });
        return Ok(decoded);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => finish(text.to_string(), "UTF-8", None),
        Err(err) if err.error_len().is_none() => {
            // Only the last character is incomplete: the file was cut mid-character.
            let valid = &body[..err.valid_up_to()];
            let text = std::str::from_utf8(valid)
                .expect("prefix is valid")
                .to_string();
            let dropped = body.len() - err.valid_up_to();
            finish(
                text,
                "UTF-8",
                Some(format!(
                    "the file ends in the middle of a UTF-8 character; the {dropped} trailing byte(s) were dropped"
                )),
            )
        }
        Err(_) => decode_non_utf8(body),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn decode_non_utf8(bytes: &[u8]) -> Result<Decoded, Rejection> {
    if let Some((text, stray)) = utf8_with_stray_bytes(bytes) {
        return finish(
            text,
            "UTF-8",
            Some(format!(
                "{stray} byte(s) were not valid UTF-8 and were read as windows-1252"
            )),
        );
    }
    let encoding = if plausible_windows_1252(bytes) {
        encoding_rs::WINDOWS_1252
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Deny)
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    let mut note = format!("not valid UTF-8; decoded as {}", encoding.name());
    if had_errors {
        note.push_str(" with some characters replaced");
    }
    finish(text.into_owned(), encoding.name(), Some(note))
}

/// Whether every non-ASCII byte reads, in Windows-1252, as what English-language news uses:
/// accented Latin letters, typographic quotes and dashes, currency and degree signs. Detectors
/// need long texts to tell Central European from Western encodings; an article with a handful
/// of `é` and `£` is too short for chardetng, and Windows-1252 is by far the likelier source.
fn plausible_windows_1252(bytes: &[u8]) -> bool {
    let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(bytes);
    !had_errors
        && text.chars().filter(|c| !c.is_ascii()).all(|c| {
            matches!(
                c,
                'À'..='ÿ'
                    | '‘'
                    | '’'
                    | '“'
                    | '”'
                    | '–'
                    | '—'
                    | '…'
                    | '€'
                    | '£'
                    | '°'
                    | '•'
                    | '©'
                    | '®'
                    | '™'
                    | '\u{a0}'
                    | '·'
                    | '´'
                    | '½'
                    | '¼'
                    | '¾'
                    | '¢'
                    | '¥'
                    | '§'
                    | '«'
                    | '»'
                    | '¿'
                    | '¡'
            ) && c != '×'
                && c != '÷'
        })
}

/// UTF-8 text with a few single bytes from a legacy encoding (a pasted `£`): when the file has
/// real multi-byte UTF-8 and the invalid bytes are rare, read those bytes as Windows-1252.
fn utf8_with_stray_bytes(bytes: &[u8]) -> Option<(String, usize)> {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut stray = 0usize;
    let mut multibyte = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                out.push_str(s);
                break;
            }
            Err(err) => {
                let (good, bad) = rest.split_at(err.valid_up_to());
                let good = std::str::from_utf8(good).expect("valid prefix");
                multibyte += good.chars().filter(|c| !c.is_ascii()).count();
                out.push_str(good);
                let n = err.error_len().unwrap_or(bad.len());
                let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&bad[..n]);
                out.push_str(&decoded);
                stray += n;
                rest = &bad[n..];
            }
        }
    }
    (multibyte > 0 && stray <= multibyte).then_some((out, stray))
}

fn finish(text: String, encoding: &str, note: Option<String>) -> Result<Decoded, Rejection> {
    if text.trim().is_empty() {
        return Err(Rejection::WhitespaceOnly);
    }
    let mut chars = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if control as f64 > chars as f64 * MAX_CONTROL_SHARE {
        return Err(Rejection::Binary(format!(
            "{control} of {chars} characters are control characters"
        )));
    }
    Ok(Decoded {
        text: normalize_newlines(text),
        encoding: encoding.to_string(),
        note,
    })
}

/// CRLF and lone CR become LF, so line-based parsing sees one convention.
fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_utf8_passes_through() {
        let d = decode("Café “quoted”\n".as_bytes()).unwrap();
        assert_eq!(d.text, "Café “quoted”\n");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.note, None);
    }

    #[test]
    fn bom_is_dropped_and_crlf_folded() {
        let d = decode(b"\xEF\xBB\xBFTitle\r\n\r\nBody\rmore").unwrap();
        assert_eq!(d.text, "Title\n\nBody\nmore");
    }

    #[test]
    fn rejects_empty_whitespace_and_binary() {
        assert_eq!(decode(b""), Err(Rejection::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(Rejection::WhitespaceOnly));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00"),
            Err(Rejection::Binary(_))
        ));
        let controls: Vec<u8> = (0..200)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(decode(&controls), Err(Rejection::Binary(_))));
    }

    #[test]
    fn a_stray_nul_in_long_text_is_removed_and_noted() {
        let mut bytes = "Title\n\n".as_bytes().to_vec();
        bytes.push(0);
        bytes.extend_from_slice(
            "The minister said the talks went well. "
                .repeat(30)
                .as_bytes(),
        );
        let d = decode(&bytes).unwrap();
        assert!(d.text.starts_with("Title\n\nThe minister"), "{}", d.text);
        assert!(!d.text.contains('\0'));
        assert_eq!(d.note.as_deref(), Some("1 stray NUL byte(s) were removed"));
        // The same NUL in a short file is too large a share of it: binary.
        assert!(matches!(
            decode(b"Title\n\x00body"),
            Err(Rejection::Binary(_))
        ));
        // Many NULs, however long the file, are a binary format.
        let mut many = "text ".repeat(2000).into_bytes();
        for i in 0..20 {
            many[i * 400] = 0;
        }
        assert!(matches!(decode(&many), Err(Rejection::Binary(_))));
    }

    #[test]
    fn latin1_is_detected_and_recorded() {
        let bytes =
            "Café owners say prices rose 5%\n\nThe café association said prices rose in £ terms.\n"
                .chars()
                .map(|c| c as u32 as u8)
                .collect::<Vec<u8>>();
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains("Café owners"), "{}", d.text);
        assert!(d.text.contains("£ terms"), "{d:?}");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.note.unwrap().contains("not valid UTF-8"));
    }

    #[test]
    fn truncated_utf8_is_repaired_not_rejected() {
        let full = "Title\n\nThe minister said “no”".as_bytes();
        let cut = &full[..full.len() - 2];
        let d = decode(cut).unwrap();
        assert_eq!(d.text, "Title\n\nThe minister said “no");
        assert!(d.note.unwrap().contains("middle of a UTF-8 character"));
    }

    #[test]
    fn stray_latin1_byte_in_utf8_text() {
        let mut bytes = "Prices – “high” at ".as_bytes().to_vec();
        bytes.push(0xA3);
        bytes.extend_from_slice(b"5m");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Prices – “high” at £5m");
        assert!(d.note.unwrap().contains("windows-1252"));
    }

    #[test]
    fn utf16_with_bom_is_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Hello".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Hello");
        assert_eq!(d.encoding, "UTF-16LE");
    }
}
