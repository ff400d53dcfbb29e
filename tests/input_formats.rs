//! Articles as people have them: saved web pages, UTF-16 and legacy
//! encodings, document formats framelens refuses, one pasted article.
//!
//! The pages in tests/fixtures/html/pages imitate news sites (menus, share
//! bars, captions, related links, comments, cookie banners, scripts, styles,
//! JSON-LD) around invented articles whose plain text is in
//! tests/fixtures/html/text.

mod common;

use common::{assert_matches_expected, framelens, framelens_with_stdin, parse_csv, write};
use std::collections::BTreeMap;
use std::path::Path;

const PAGES: &str = "tests/fixtures/html/pages";
const TEXT: &str = "tests/fixtures/html/text";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Rows of a CSV output by their first cell.
fn rows_by_id(csv: &str) -> (Vec<String>, BTreeMap<String, Vec<String>>) {
    let (header, rows) = parse_csv(csv);
    let rows = rows.into_iter().map(|r| (r[0].clone(), r)).collect();
    (header, rows)
}

/// The first column holding a figure (`words`); those before it are metadata.
fn figures_from(header: &[String]) -> usize {
    header.iter().position(|h| h == "words").unwrap()
}

#[test]
fn saved_pages_score_as_their_articles_do() {
    let pages = framelens(&["score", PAGES]);
    assert_eq!(pages.code, 0, "{}", pages.stderr);
    assert_eq!(pages.stderr, "");
    assert_matches_expected("html_pages_score.csv", &pages.stdout);
    let text = framelens(&["score", TEXT]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let (header, from_pages) = rows_by_id(&pages.stdout);
    let (_, from_text) = rows_by_id(&text.stdout);
    assert_eq!(from_pages.len(), 12);
    let figures = figures_from(&header);
    let mut same = Vec::new();
    for (id, page) in &from_pages {
        let text = &from_text[id];
        // The page's facts are those the manifest of the text versions gives
        // (the table-layout page states no outlet or date).
        assert_eq!(page[4], text[4], "{id}: title");
        if id != "stadium_deal" {
            assert_eq!(page[1..4], text[1..4], "{id}: outlet, event, date");
        }
        if page[figures..] == text[figures..] {
            same.push(id.as_str());
        }
    }
    // Where a page adds nothing to the article, every figure is the same;
    // the others add a standfirst, a dateline, a sign-off or a "read more" link, which
    // the test below accounts for word by word.
    assert_eq!(
        same,
        [
            "drought_rules",
            "harbor_dredging",
            "hospital_strike",
            "recount_result",
            "school_closures",
            "tech_layoffs",
            "wildfire_evacuations",
            "zoo_birth"
        ]
    );
}

#[test]
fn pages_add_matches_only_in_the_words_they_add() {
    let key = |csv: &str| {
        let (header, rows) = parse_csv(csv);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (doc, cat, entry, matched) =
            (col("doc_id"), col("category"), col("entry"), col("matched"));
        let mut bag = BTreeMap::<(String, String, String, String), i32>::new();
        for r in rows {
            let k = (
                r[doc].clone(),
                r[cat].clone(),
                r[entry].clone(),
                r[matched].clone(),
            );
            *bag.entry(k).or_default() += 1;
        }
        bag
    };
    let pages = framelens(&["matches", PAGES]);
    let text = framelens(&["matches", TEXT]);
    assert_eq!(pages.code + text.code, 0, "{}{}", pages.stderr, text.stderr);
    let (from_pages, from_text) = (key(&pages.stdout), key(&text.stdout));
    // Every match of the article is found in its page.
    for (k, n) in &from_text {
        assert!(from_pages.get(k).copied().unwrap_or(0) >= *n, "{k:?} lost");
    }
    // And the page adds only matches in the lines it adds to the article.
    let added: Vec<_> = from_pages
        .iter()
        .filter(|(k, n)| from_text.get(*k).copied().unwrap_or(0) < **n)
        .map(|((doc, cat, _, matched), _)| format!("{doc} {cat} {matched}"))
        .collect();
    assert_eq!(added, ["court_ruling loaded brazen"]);
}

#[test]
fn pages_without_an_article_are_skipped_with_a_reason() {
    let run = framelens(&["score", "tests/fixtures/html/no_article", PAGES]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "framelens: warning: tests/fixtures/html/no_article/index_page.html: no article found \
         in the page (an index page, a login wall or a page of links?); skipped\n\
         framelens: warning: tests/fixtures/html/no_article/login_wall.html: no article found \
         in the page (an index page, a login wall or a page of links?); skipped\n\
         framelens: 12 articles done, 2 skipped; 2 warnings\n"
    );
}

#[test]
fn a_manifest_wins_over_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read(Path::new(PAGES).join("zoo_birth.html")).unwrap();
    write(dir.path(), "zoo.htm", &page);
    write(
        dir.path(),
        "manifest.csv",
        b"file,outlet,event,title\nzoo.htm,Lakeside Times (print),zoo,\n",
    );
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = parse_csv(&run.stdout);
    assert_eq!(
        rows[0][..5],
        [
            "zoo",
            "Lakeside Times (print)",
            "zoo",
            "2024-04-02T10:00:00+01:00",
            "Zoo Welcomes Twin Red Panda Cubs"
        ]
    );
    // The page's URL and author can group articles like any field.
    let run = framelens(&["terms", s(dir.path()), "--by", "author", "--top", "1"]);
    assert!(run.stdout.contains("Hannah Cole"), "{}", run.stdout);
}

#[test]
fn html_on_standard_input_and_in_corpora() {
    let page = std::fs::read(Path::new(PAGES).join("harbor_dredging.html")).unwrap();
    let text = framelens(&["score", "tests/fixtures/html/text/harbor_dredging.txt"]);
    let figures = |csv: &str| {
        let (header, rows) = parse_csv(csv);
        rows[0][figures_from(&header)..].to_vec()
    };
    let piped = framelens_with_stdin(&["score", "--format", "html"], &page);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert_eq!(figures(&piped.stdout), figures(&text.stdout));

    let record = serde_json::json!({"id": "h1", "text": String::from_utf8(page).unwrap()});
    let jsonl = format!(
        "{record}\n{}\n",
        serde_json::json!({"id": "h2", "text": "<p>Hi</p>"})
    );
    let run = framelens_with_stdin(
        &["score", "--format", "jsonl", "-", "--html"],
        jsonl.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = parse_csv(&run.stdout);
    assert_eq!(rows[0][1], "Harbor Gazette");
    assert_eq!(figures(&run.stdout), figures(&text.stdout));
    assert_eq!(
        run.stderr,
        "framelens: warning: <stdin>:2: no article found in the page (an index page, \
         a login wall or a page of links?); skipped\n\
         framelens: 1 article done, 1 skipped; 1 warning\n"
    );
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_and_windows_1252_give_the_figures_of_utf8() {
    let article = std::fs::read_to_string(Path::new(TEXT).join("court_ruling.txt")).unwrap();
    assert!(article.contains('“') && article.contains('’'));
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(&article);
    assert!(!lossy);
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("a.txt", article.as_bytes().to_vec()),
        ("b.txt", utf16(&article, false)),
        ("c.txt", utf16(&article, true)),
        ("d.txt", cp1252.to_vec()),
    ] {
        write(dir.path(), name, &bytes);
    }
    let path = |n: &str| dir.path().join(n).display().to_string();
    let run = framelens(&["score", s(dir.path())]);
    // UTF-16 with a byte-order mark is read; windows-1252 needs the flag.
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {}:1: not valid UTF-8 (byte 50); save the file as UTF-8, \
             or read it with --encoding windows-1252\n\
             framelens: 3 articles done, 1 skipped; 1 warning\n",
            path("d.txt")
        )
    );
    let (header, rows) = parse_csv(&run.stdout);
    let figures = figures_from(&header);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r[figures..] == rows[0][figures..]));
    assert_ne!(
        rows[0][header.iter().position(|h| h == "quote_share").unwrap()],
        "0.000"
    );

    let legacy = framelens(&["score", &path("d.txt"), "--encoding", "windows-1252"]);
    assert_eq!(legacy.code, 0, "{}", legacy.stderr);
    let (_, legacy_rows) = parse_csv(&legacy.stdout);
    assert_eq!(legacy_rows[0][figures..], rows[0][figures..]);
    // The UTF-16 files keep their byte-order mark's encoding whatever the flag.
    let flagged = framelens(&["score", &path("b.txt"), "--encoding", "windows-1252"]);
    let (_, flagged_rows) = parse_csv(&flagged.stdout);
    assert_eq!(flagged_rows[0][figures..], rows[0][figures..]);

    let bad = framelens(&["score", &path("a.txt"), "--encoding", "martian"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("`martian` is not an encoding label"),
        "{}",
        bad.stderr
    );
}

#[test]
fn corpora_in_other_encodings_give_the_figures_of_utf8() {
    let article = std::fs::read_to_string(Path::new(TEXT).join("court_ruling.txt")).unwrap();
    let field = article.replace('"', "\"\"");
    let csv = format!(
        "id,outlet,text\ncourt,Daily Example,\"{field}\"\nshort,Other,A cafe owner said so.\n"
    );
    let jsonl = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "court", "outlet": "Daily Example", "text": article}),
        serde_json::json!({"id": "short", "outlet": "Other", "text": "A cafe owner said so."})
    );
    let dir = tempfile::tempdir().unwrap();
    for (ext, text, place) in [
        ("csv", &csv, "2: not valid UTF-8 (byte 50 of `text`)"),
        ("jsonl", &jsonl, "1: not valid UTF-8 (byte 97 of the line)"),
    ] {
        let utf8 = write(dir.path(), &format!("utf8.{ext}"), text.as_bytes());
        let cp1252 = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
        let legacy = write(dir.path(), &format!("legacy.{ext}"), &cp1252);
        let wide = write(dir.path(), &format!("wide.{ext}"), &utf16(text, false));
        let expected = framelens(&["score", &utf8]);
        assert_eq!(expected.code, 0, "{}", expected.stderr);
        assert!(expected.stdout.contains("Daily Example"));
        // UTF-16 with a byte-order mark is read as it is; windows-1252 with the flag.
        for args in [
            vec!["score", wide.as_str()],
            vec!["score", legacy.as_str(), "--encoding", "windows-1252"],
        ] {
            let run = framelens(&args);
            assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
            assert_eq!(run.stdout, expected.stdout, "{args:?}");
        }
        // Without the flag the record is skipped, and the warning says what to do.
        let run = framelens(&["score", &legacy]);
        assert_eq!(run.code, 0);
        assert_eq!(
            run.stderr,
            format!(
                "framelens: warning: {legacy}:{place}; \
                 save the file as UTF-8, or read it with --encoding windows-1252\n\
                 framelens: 1 article done, 1 skipped; 1 warning\n"
            )
        );
    }

    // A manifest saved in windows-1252 is read with the same flag, and a
    // UTF-8 manifest stays UTF-8 whatever --encoding says of the articles.
    let manifest = "file,outlet\na.txt,Le Caf\u{e9} du Matin\n";
    let cp1252 = encoding_rs::WINDOWS_1252.encode(manifest).0.into_owned();
    let wide_article = utf16("A cafe owner said so.", false)[2..].to_vec();
    let cases = [
        (
            "folder",
            b"A cafe owner said so.".to_vec(),
            cp1252,
            "windows-1252",
        ),
        (
            "utf8_manifest",
            wide_article,
            manifest.as_bytes().to_vec(),
            "utf-16le",
        ),
    ];
    for (name, article, manifest, label) in cases {
        let folder = dir.path().join(name);
        std::fs::create_dir(&folder).unwrap();
        write(&folder, "a.txt", &article);
        write(&folder, "manifest.csv", &manifest);
        let run = framelens(&["score", s(&folder), "--encoding", label]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{name}");
        assert!(
            run.stdout.contains("\na,Le Caf\u{e9} du Matin,"),
            "{name}: {}",
            run.stdout
        );
    }
    let folder = dir.path().join("folder");
    let run = framelens(&["score", s(&folder)]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}:2: not valid UTF-8; save the file as UTF-8, or give its encoding \
             with --encoding\n",
            s(&folder.join("manifest.csv"))
        )
    );

    // Bytes the named encoding does not allow stop the file there, naming
    // its line and byte; with --strict the run fails and writes nothing.
    let bad = write(
        dir.path(),
        "bad.csv",
        b"id,text\na,The plan was a disaster.\nb,Bad \x81\xFF here.\nc,Never read.\n",
    );
    let run = framelens(&["score", &bad, "--encoding", "shift_jis"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {bad}:3: not valid Shift_JIS (byte 41); the rest of the file \
             is not read\nframelens: 1 article done, 1 skipped; 1 warning\n"
        )
    );
    assert_eq!(parse_csv(&run.stdout).1.len(), 1);
    let out = dir.path().join("out.csv");
    let run = framelens(&[
        "score",
        &bad,
        "--encoding",
        "shift_jis",
        "--strict",
        "-o",
        s(&out),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {bad}:3: not valid Shift_JIS (byte 41); the rest of the file is not read\n"
        )
    );
    assert!(!out.exists());
}

#[test]
fn word_documents_score_as_their_text_does() {
    // The document has a title paragraph, runs split mid-sentence, a deleted
    // tracked change, a page-number field and a footer: only the body's
    // visible paragraphs are the article, as in the text version.
    let docx = "tests/fixtures/docx/court_ruling.docx";
    let text = "tests/fixtures/docx/text/court_ruling.txt";
    for command in ["score", "matches"] {
        let from_folder = framelens(&[command, "tests/fixtures/docx"]);
        assert_eq!((from_folder.code, from_folder.stderr.as_str()), (0, ""));
        let from_text = framelens(&[command, text]);
        assert_eq!(from_folder.stdout, from_text.stdout, "{command}");
        let bytes = std::fs::read(docx).unwrap();
        let piped = framelens_with_stdin(&[command, "--id", "court_ruling"], &bytes);
        assert_eq!(piped.stdout, from_text.stdout, "{command} from a pipe");
    }
    let (_, rows) = parse_csv(&framelens(&["matches", docx]).stdout);
    assert!(
        rows.iter()
            .all(|r| r[6] != "outrageous" && r[6] != "disaster")
    );
}

#[test]
fn document_formats_are_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, &[u8]); 5] = [
        ("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        (
            "b.docx",
            b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml PK\x03\x04 word/document.xml",
        ),
        (
            "c.odt",
            b"PK\x03\x04\x14\0\0\x08\0\0mimetypeapplication/vnd.oasis.opendocument.textPK",
        ),
        (
            "d.rtf",
            b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Hello.}",
        ),
        (
            "e.xlsx",
            b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml PK\x03\x04 xl/workbook.xml",
        ),
    ];
    let mut args = vec!["score".to_string()];
    for (name, bytes) in files {
        write(dir.path(), name, bytes);
        args.push(dir.path().join(name).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = framelens(&args);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    let d = s(dir.path());
    let word = "which framelens does not read: save it from the word processor as plain text \
                (.txt, UTF-8) or as a web page (.html)";
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {d}/a.pdf: is a PDF document, which framelens does not read: \
             convert it to text (for example `pdftotext FILE.pdf FILE.txt`) or copy the article \
             into a .txt file\n\
             framelens: warning: {d}/b.docx: is a Word document that cannot be read (damaged or \
             cut short); save it again from the word processor\n\
             framelens: warning: {d}/c.odt: is an OpenDocument text (.odt), {word}\n\
             framelens: warning: {d}/d.rtf: is a Rich Text file (.rtf), {word}\n\
             framelens: warning: {d}/e.xlsx: is an Excel workbook (.xlsx), which framelens does \
             not read: save the sheet as CSV (UTF-8) and name its text column with --text-column\n\
             framelens: <stdout>: not written: no article could be read\n"
        )
    );
}

#[test]
fn one_pasted_article_with_its_facts() {
    let article = std::fs::read(Path::new(TEXT).join("zoo_birth.txt")).unwrap();
    let run = framelens_with_stdin(
        &[
            "score",
            "--id",
            "zoo-1",
            "--outlet",
            "Lakeside Times",
            "--title",
            "Twin cubs",
            "--date",
            "2024-04-02",
            "--event",
            "zoo",
        ],
        &article,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = parse_csv(&run.stdout);
    assert_eq!(
        rows[0][..5],
        ["zoo-1", "Lakeside Times", "zoo", "2024-04-02", "Twin cubs"]
    );
    let file = framelens(&["score", "tests/fixtures/html/text/zoo_birth.txt"]);
    let (header, file_rows) = parse_csv(&file.stdout);
    let figures = figures_from(&header);
    assert_eq!(rows[0][figures..], file_rows[0][figures..]);

    // The flags win over a page's facts, and describe one article only.
    let run = framelens(&[
        "score",
        "tests/fixtures/html/pages/zoo_birth.html",
        "--outlet",
        "LT",
    ]);
    let (_, rows) = parse_csv(&run.stdout);
    assert_eq!(rows[0][..2], ["zoo_birth", "LT"]);
    let run = framelens(&["score", TEXT, "--outlet", "LT"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "framelens: --id, --outlet, --title, --date, --event: describe a single article, \
         but 12 articles are given; use a manifest instead\n"
    );
}
