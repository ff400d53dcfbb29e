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
/// this factor of the article limit, or past [`MARKUP_CAP`], the part is
/// refused rather than inflated (a "zip bomb").
const MARKUP_FACTOR: usize = 16;
/// The most markup read from one document, whatever the article limit.
const MARKUP_CAP: u64 = 64 << 20;

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

/// Whether the zip `bytes` is a Word document: it has a `word/document.xml` entry.
pub fn is_word(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .is_ok_and(|archive| archive.index_for_name("word/document.xml").is_some())
}

/// The text of the `.docx` file `bytes`, with at most `max_bytes` of text.
pub fn text(bytes: &[u8], max_bytes: usize) -> Result<String, Problem> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| Problem::Damaged)?;
    let part = archive.by_name("word/document.xml").map_err(|e| match e {
        zip::result::ZipError::FileNotFound => Problem::NoDocument,
        _ => Problem::Damaged,
    })?;
    let limit = (max_bytes as u64)
        .saturating_mul(MARKUP_FACTOR as u64)
        .min(MARKUP_CAP);
    let mut part = std::io::BufReader::new(part.take(limit + 1));
    let text = paragraphs(&mut part, max_bytes);
    // Markup past the limit was not read: the text, or the XML, is cut.
    if part.into_inner().limit() == 0 {
        return Err(Problem::TooLong(super::limits::size(max_bytes)));
    }
    text
}

/// The paragraphs of WordprocessingML read from `xml`, one blank line
/// apart, parsed as it streams so that no more than the text is held.
fn paragraphs(xml: &mut impl std::io::BufRead, max_bytes: usize) -> Result<String, Problem> {
    let bad = |e: quick_xml::Error| match e {
        quick_xml::Error::Io(_) => Problem::Damaged,
        e => Problem::BadXml(e.to_string()),
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut text = String::new();
    // Inside a `w:t` of visible text, inside a run, and how deep inside an
    // `mc:Fallback`: Word saves a text box twice, once for older readers.
    let (mut in_text, mut runs, mut fallback) = (false, 0usize, 0usize);
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(bad)?;
        if fallback > 0 {
            match &event {
                Event::Start(e) if e.name().as_ref() == "mc:Fallback" => fallback += 1,
                Event::End(e) if e.name().as_ref() == "mc:Fallback" => fallback -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "w:t" => in_text = true,
                "w:r" => runs += 1,
                "mc:Fallback" => fallback = 1,
                // A text box is a paragraph of its own, not part of the one it sits in.
                "w:txbxContent" => end_paragraph(&mut text),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:r" => runs = runs.saturating_sub(1),
                "w:p" => end_paragraph(&mut text),
                _ => {}
            },
            // Tabs, breaks and hyphens are text only inside a run; a `w:tab`
            // in a paragraph's properties is a tab stop.
            Event::Empty(e) => match e.name().as_ref() {
                "w:tab" if runs > 0 => text.push('\t'),
                "w:br" | "w:cr" if runs > 0 => text.push('\n'),
                "w:noBreakHyphen" if runs > 0 => text.push('-'),
                "w:p" => end_paragraph(&mut text),
                _ => {}
            },
            Event::Text(t) if in_text => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref().map_err(bad)? {
                    text.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    text.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if text.len() > max_bytes {
            return Err(Problem::TooLong(super::limits::size(max_bytes)));
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
    fn text_boxes_once_and_tab_stops_not_at_all() {
        let body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
                    <w:r><w:t>Main text.</w:t></w:r>\
                    <w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>\
                    <w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent>\
                    </wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>\
                    <w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent>\
                    </v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>\
                    <w:p><w:r><w:t>After.</w:t></w:r></w:p>";
        assert_eq!(
            text(&docx(body, zip::CompressionMethod::Deflated), 1 << 20).unwrap(),
            "Main text.\n\nBoxed words.\n\nAfter."
        );
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
        // Empty paragraphs make markup without text: the markup cap stops
        // them long before the text limit would.
        let empty = "<w:p/>".repeat(2000);
        let bomb = docx(&empty, zip::CompressionMethod::Deflated);
        assert_eq!(text(&bomb, 500), Err(Problem::TooLong("500 bytes".into())));
        assert_eq!(text(&bomb, 1 << 20), Ok(String::new()));
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
