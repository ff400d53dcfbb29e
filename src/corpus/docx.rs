//! The text of a Word document (`.docx`): the body's paragraphs, in order,
//! one blank line apart, as a reader sees them.
//!
//! Only `word/document.xml` is read: headers, footers, footnotes and
//! comments live in other parts and are not the article. Deleted text of
//! tracked changes (`w:delText`) and field codes (`w:instrText`) are left
//! out, as Word does not show them.

use quick_xml::events::Event;
use std::io::Read;

/// The markup of a document outweighs its text several times over; past
/// this factor of the article limit the part is refused rather than
/// inflated (a "zip bomb").
const MARKUP_FACTOR: usize = 16;

/// Why a Word document gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The zip container is damaged or cut short.
    #[error(
        "is a Word document that cannot be read (damaged or cut short); save it again from the word processor"
    )]
    Damaged,
    /// The container holds no document part.
    #[error("is a zip file like a Word document, but without its text (word/document.xml)")]
    NoDocument,
    /// The document part is not well-formed XML.
    #[error(
        "is a Word document whose text part is not valid XML ({0}); save it again from the word processor"
    )]
    BadXml(String),
    /// The document part is larger than the article limit allows.
    #[error("is a Word document whose text is longer than {0} (--max-article-mb)")]
    TooLong(String),
}

/// The text of the `.docx` file `bytes`, with at most `max_bytes` of text.
pub fn text(bytes: &[u8], max_bytes: usize) -> Result<String, Problem> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| Problem::Damaged)?;
    let part = archive.by_name("word/document.xml").map_err(|e| match e {
        zip::result::ZipError::FileNotFound => Problem::NoDocument,
        _ => Problem::Damaged,
    })?;
    let limit = max_bytes.saturating_mul(MARKUP_FACTOR);
    let mut xml = Vec::new();
    part.take(limit as u64 + 1)
        .read_to_end(&mut xml)
        .map_err(|_| Problem::Damaged)?;
    let too_long = || Problem::TooLong(super::limits::size(max_bytes));
    if xml.len() > limit {
        return Err(too_long());
    }
    let xml = std::str::from_utf8(&xml).map_err(|e| Problem::BadXml(e.to_string()))?;
    let text = paragraphs(xml).map_err(|e| Problem::BadXml(e.to_string()))?;
    if text.len() > max_bytes {
        return Err(too_long());
    }
    Ok(text)
}

/// The paragraphs of WordprocessingML `xml`, one blank line apart.
fn paragraphs(xml: &str) -> Result<String, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut text = String::new();
    // Inside a `w:t` run of visible text.
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => end_paragraph(&mut text),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:tab" => text.push('\t'),
                "w:br" | "w:cr" => text.push('\n'),
                "w:noBreakHyphen" => text.push('-'),
                "w:p" => end_paragraph(&mut text),
                _ => {}
            },
            Event::Text(t) if in_text => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref()? {
                    text.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    text.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(text.trim_end().to_string())
}

/// Closes a paragraph: a blank line after it, none for an empty one.
fn end_paragraph(text: &mut String) {
    let kept = text.trim_end_matches([' ', '\t']).len();
    text.truncate(kept);
    if !text.is_empty() && !text.ends_with("\n\n") {
        text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal `.docx` holding `body` as its document part.
    pub(crate) fn docx(body: &str, method: zip::CompressionMethod) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
             <w:body>{body}</w:body></w:document>"
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn paragraphs_runs_and_entities() {
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Council \
                    backs plan</w:t></w:r></w:p>\
                    <w:p/>\
                    <w:p><w:r><w:t xml:space=\"preserve\">Officials </w:t></w:r>\
                    <w:r><w:rPr><w:b/></w:rPr><w:t>said</w:t></w:r><w:r><w:t xml:space=\"preserve\"> \
                    &#8220;it&apos;s a &amp; b&#8221;.</w:t></w:r>\
                    <w:del><w:r><w:delText>never shown</w:delText></w:r></w:del>\
                    <w:r><w:instrText> PAGE </w:instrText></w:r>\
                    <w:r><w:br/><w:t>Next line</w:t><w:tab/><w:t>tabbed</w:t></w:r></w:p>";
        for method in [
            zip::CompressionMethod::Stored,
            zip::CompressionMethod::Deflated,
        ] {
            assert_eq!(
                text(&docx(body, method), 1 << 20).unwrap(),
                "Council backs plan\n\nOfficials said \u{201c}it's a & b\u{201d}.\nNext line\ttabbed"
            );
        }
    }

    #[test]
    fn broken_and_oversized_documents_are_refused() {
        let good = docx(
            "<w:p><w:r><w:t>Text</w:t></w:r></w:p>",
            zip::CompressionMethod::Stored,
        );
        let cut = &good[..good.len() / 2];
        assert_eq!(text(cut, 1 << 20), Err(Problem::Damaged));
        let long = "<w:p><w:r><w:t>word </w:t></w:r></w:p>".repeat(4000);
        let bomb = docx(&long, zip::CompressionMethod::Deflated);
        assert!(bomb.len() < 4096);
        assert_eq!(
            text(&bomb, 4096),
            Err(Problem::TooLong("4096 bytes".into()))
        );
        let not_word = {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            zip.start_file("word/other.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.finish().unwrap().into_inner()
        };
        assert_eq!(text(&not_word, 1 << 20), Err(Problem::NoDocument));
        let broken = docx(
            "<w:p><w:r><w:t>Text</w:r></w:p>",
            zip::CompressionMethod::Stored,
        );
        assert!(matches!(text(&broken, 1 << 20), Err(Problem::BadXml(_))));
    }
}
