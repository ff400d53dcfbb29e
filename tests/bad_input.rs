//! Bad input: one clear message naming the file, exit status 2 where the run
//! cannot be meaningful, and never a partial output file.

mod common;

use common::{framelens, write};
use std::path::Path;

const LEXICONS: &str = "tests/fixtures/lexicons";

fn folder_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        write(dir.path(), name, content);
    }
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_missing_input_stops_the_run() {
    let run = framelens(&["score", "tests/fixtures/no-such-file.txt"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "framelens: tests/fixtures/no-such-file.txt: cannot read: no such file or directory\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn a_folder_without_text_files_stops_the_run() {
    let dir = folder_with(&[("notes.md", b"# not an article")]);
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}: holds no .txt, .html or .docx files\n",
            s(dir.path())
        )
    );
}

#[test]
fn an_empty_article_is_skipped_with_a_warning() {
    let dir = folder_with(&[
        ("a.txt", b"A short article, said one."),
        ("b.txt", b" \n\n"),
    ]);
    let run = framelens(&["score", s(dir.path()), "--lexicons", LEXICONS]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let b = dir.path().join("b.txt");
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {}: is empty\nframelens: 1 article done, 1 skipped; 1 warning\n",
            s(&b)
        )
    );
    assert_eq!(run.stdout.lines().count(), 2);
}

#[test]
fn strict_mode_stops_at_a_bad_article_and_writes_nothing() {
    let dir = folder_with(&[("a.txt", b"A short article."), ("b.txt", b"")]);
    let out = dir.path().join("out.csv");
    let run = framelens(&["score", s(dir.path()), "--strict", "-o", s(&out)]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!("framelens: {}: is empty\n", s(&dir.path().join("b.txt")))
    );
    assert!(!out.exists());
    let printed = framelens(&["score", s(dir.path()), "--strict"]);
    assert_eq!(printed.code, 2);
    assert_eq!(printed.stdout, "", "nothing reaches standard output either");
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let dir = folder_with(&[
        ("a.txt", b"Fine text.\nBroken \xff here."),
        ("b.txt", b"Good text."),
    ]);
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 0);
    let a = dir.path().join("a.txt");
    assert!(
        run.stderr.starts_with(&format!(
            "framelens: warning: {}:2: not valid UTF-8 (byte 18); save the file as UTF-8, \
             or read it with --encoding windows-1252\n",
            s(&a)
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_binary_file_is_not_read_as_text() {
    let dir = folder_with(&[
        ("a.txt", b"\x7fELF\x00\x01binary"),
        ("b.txt", b"Good text."),
    ]);
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("looks like a binary file (a NUL byte at byte 4), not text"),
        "{}",
        run.stderr
    );
}

#[test]
fn manifest_problems_are_named_with_their_line() {
    let dir = folder_with(&[
        ("a.txt", b"First article."),
        ("b.txt", b"Second article."),
        ("manifest.csv", b"file,outlet\na.txt,One\nmissing.txt,Two\n"),
    ]);
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 0);
    let manifest = dir.path().join("manifest.csv");
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {m}:3: names `missing.txt`, which is not in {d}\n\
             framelens: warning: {b}: has no row in {m}\n\
             framelens: 1 article done, 1 skipped; 2 warnings\n",
            m = s(&manifest),
            d = s(dir.path()),
            b = s(&dir.path().join("b.txt")),
        )
    );
}

#[test]
fn a_broken_manifest_stops_the_run() {
    let dir = folder_with(&[
        ("a.txt", b"Text."),
        ("manifest.csv", b"file,outlet\na.txt,One,extra\n"),
    ]);
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}:2: has 3 fields where the header has 2\n",
            s(&dir.path().join("manifest.csv"))
        )
    );
}

#[test]
fn a_bad_lexicon_line_is_named_and_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(LEXICONS).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let hedging = dir.path().join("hedging.txt");
    let mut content = std::fs::read_to_string(&hedging).unwrap();
    content.push_str("un*clear\n");
    std::fs::write(&hedging, content).unwrap();
    let run = framelens(&["score", "seeds", "--lexicons", s(dir.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}:5: `un*clear`: a `*` may only end a word\n",
            s(&hedging)
        )
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn the_output_may_not_overwrite_an_input() {
    let dir = folder_with(&[("a.txt", b"Original text, said one.")]);
    let a = dir.path().join("a.txt");
    let run = framelens(&["score", s(dir.path()), "-o", s(&a)]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}: is also an input; refusing to overwrite it\n",
            s(&a)
        )
    );
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        "Original text, said one."
    );
}

#[test]
fn an_output_in_a_missing_folder_is_refused() {
    let out = "tests/no-such-folder/out.csv";
    let run = framelens(&["score", "seeds", "-o", out]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {out}: cannot be written: the folder tests/no-such-folder does not exist\n"
        )
    );
}

#[test]
fn a_run_with_no_readable_article_writes_nothing() {
    let dir = folder_with(&[("a.txt", b"")]);
    let out = dir.path().join("out.csv");
    let run = framelens(&["score", s(dir.path()), "-o", s(&out)]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.ends_with(&format!(
            "framelens: {}: not written: no article could be read\n",
            s(&out)
        )),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn duplicate_ids_name_both_files() {
    let one = folder_with(&[("same.txt", b"One.")]);
    let two = folder_with(&[("same.txt", b"Two.")]);
    let run = framelens(&["score", s(one.path()), s(two.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}: has the id `same`, as {} has already\n",
            s(&two.path().join("same.txt")),
            s(&one.path().join("same.txt"))
        )
    );
}

#[test]
fn broken_jsonl_lines_are_named_and_skipped() {
    let dir = folder_with(&[(
        "c.jsonl",
        b"{\"id\": \"a\", \"text\": \"Fine.\"}\n{oops\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"Also fine.\"}\n",
    )]);
    let c = dir.path().join("c.jsonl");
    let run = framelens(&["score", s(&c)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {c}:2: not valid JSON (key must be a string at line 1 column 2)\n\
             framelens: warning: {c}:3: record `b` has no `text` string\n\
             framelens: 2 articles done, 2 skipped; 2 warnings\n",
            c = s(&c)
        )
    );
    assert_eq!(run.stdout.lines().count(), 3);
    let strict = framelens(&["score", s(&c), "--strict"]);
    assert_eq!(strict.code, 2);
    assert_eq!(strict.stdout, "");
}

#[test]
fn a_duplicate_id_in_a_corpus_names_both_lines() {
    let dir = folder_with(&[(
        "c.jsonl",
        b"{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"a\", \"text\": \"Two.\"}\n",
    )]);
    let c = dir.path().join("c.jsonl");
    let out = dir.path().join("out.csv");
    let run = framelens(&["score", s(&c), "-o", s(&out)]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {c}:2: the id `a` was used before, on {c}:1\n",
            c = s(&c)
        )
    );
    assert!(!out.exists());
}

#[test]
fn a_csv_corpus_without_its_text_column_stops_the_run() {
    let dir = folder_with(&[("c.csv", b"id,content\na,Some text.\n")]);
    let c = dir.path().join("c.csv");
    let run = framelens(&["score", s(&c)]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}:1: no `text` column (choose one with --id-column or --text-column)\n",
            s(&c)
        )
    );
}

#[test]
fn a_byte_order_mark_and_line_ends_do_not_change_the_figures() {
    let text =
        "First paragraph, said one official.\nSecond “quoted words are here now” may be.\n\nThird.";
    let crlf = text.replace('\n', "\r\n");
    let cr = text.replace('\n', "\r");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let dir = folder_with(&[
        ("a.txt", text.as_bytes()),
        ("b.txt", crlf.as_bytes()),
        ("c.txt", cr.as_bytes()),
        ("d.txt", &bom),
    ]);
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = common::parse_csv(&run.stdout);
    for row in &rows[1..] {
        assert_eq!(row[5..], rows[0][5..], "{}", row[0]);
    }
    assert_eq!(rows[0][5..8], ["14", "3", "3"]);
}

#[test]
fn deeply_unbalanced_quotes_are_handled() {
    let mut text = String::from("Start ");
    for _ in 0..20_000 {
        text.push_str("“a ");
    }
    text.push_str("\nThen ");
    for _ in 0..20_000 {
        text.push_str("b” ‘c ");
    }
    let dir = folder_with(&[("q.txt", text.as_bytes())]);
    let run = framelens(&["score", s(dir.path()), "--lexicons", LEXICONS]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = common::parse_csv(&run.stdout);
    assert_eq!(rows[0][5], "60002");
}

#[test]
fn broken_csv_quoting_in_a_manifest_is_named() {
    let dir = folder_with(&[
        ("a.txt", b"Text."),
        (
            "manifest.csv",
            b"file,outlet\na.txt,\"Unclosed outlet\nb.txt,Other\n",
        ),
    ]);
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(&format!(
            "framelens: {}:2: ",
            s(&dir.path().join("manifest.csv"))
        )),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn broken_links_and_link_loops_are_reported_not_skipped_silently() {
    let dir = folder_with(&[("a.txt", b"A readable article.")]);
    std::os::unix::fs::symlink(
        dir.path().join("missing.txt"),
        dir.path().join("broken.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path().join("loop.txt"), dir.path().join("loop.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("itself")).unwrap();
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{}: cannot read: no such file or directory",
            s(&dir.path().join("broken.txt"))
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{}: cannot read: too many levels of symbolic links",
            s(&dir.path().join("loop.txt"))
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("framelens: 1 article done, 2 skipped; 2 warnings\n"),
        "{}",
        run.stderr
    );
    let looped = framelens(&["score", s(&dir.path().join("loop.txt"))]);
    assert_eq!(looped.code, 2);
    assert_eq!(
        looped.stderr,
        format!(
            "framelens: {}: cannot read: too many levels of symbolic links\n",
            s(&dir.path().join("loop.txt"))
        )
    );
}

#[test]
fn an_explicit_manifest_does_not_warn_about_the_files_it_describes() {
    let dir = folder_with(&[
        ("one.txt", b"Officials said it."),
        ("man.csv", b"file,outlet\none.txt,X\ngone.txt,Y\n"),
    ]);
    let one = dir.path().join("one.txt");
    // A manifest elsewhere, naming the input by its file name.
    let elsewhere = tempfile::tempdir().unwrap();
    let manifest = write(
        elsewhere.path(),
        "man.csv",
        b"file,outlet\none.txt,X\ngone.txt,Y\n",
    );
    let run = framelens(&["score", s(&one), "--manifest", &manifest, "--strict"]);
    assert_eq!(
        run.code, 2,
        "gone.txt is missing everywhere: {}",
        run.stderr
    );
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {manifest}:3: names `gone.txt`, which is not in {}\n",
            s(elsewhere.path())
        )
    );
    let fine = write(elsewhere.path(), "fine.csv", b"file,outlet\none.txt,X\n");
    let run = framelens(&["score", s(&one), "--manifest", &fine, "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(",X,"), "{}", run.stdout);
}

#[test]
fn an_absurd_number_of_resamples_is_refused() {
    let run = framelens(&["compare", "seeds", "--resamples", "18446744073709551615"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--resamples"), "{}", run.stderr);
}

// Hostile input, round two (issue 15).

/// The framelens binary, for runs that need more than `common::framelens`.
fn binary() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_framelens"));
    command.current_dir(common::root());
    command
}

/// Makes a FIFO with the system's `mkfifo`; `None` where there is none.
fn make_fifo(path: &Path) -> Option<()> {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    match made {
        Ok(status) if status.success() => Some(()),
        _ => {
            println!("skipped: mkfifo could not make {}", path.display());
            None
        }
    }
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

#[test]
fn an_output_fifo_is_written_to_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.csv");
    if make_fifo(&fifo).is_none() {
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = framelens(&["score", "seeds", "-o", s(&fifo)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = reader.join().unwrap();
    assert_eq!(read, framelens(&["score", "seeds"]).stdout);
    assert!(is_fifo(&fifo), "the FIFO was replaced");
}

#[test]
fn a_link_to_a_device_is_written_through_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    for (device, code) in [("/dev/null", 0), ("/dev/full", 2)] {
        if !Path::new(device).exists() {
            println!("skipped: this machine has no {device}");
            continue;
        }
        let link = dir.path().join("out.csv");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(device, &link).unwrap();
        let run = framelens(&["score", "seeds", "-o", s(&link)]);
        assert_eq!(run.code, code, "{device}: {}", run.stderr);
        if code == 2 {
            assert_eq!(
                run.stderr,
                format!(
                    "framelens: {}: cannot write: no space left on device\n",
                    s(&link)
                )
            );
        }
        assert_eq!(std::fs::read_link(&link).unwrap(), Path::new(device));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

#[test]
fn a_link_to_standard_output_writes_there() {
    if !Path::new("/dev/stdout").exists() {
        println!("skipped: this machine has no /dev/stdout");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink("/dev/stdout", &link).unwrap();
    let run = framelens(&["score", "seeds", "-o", s(&link)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, framelens(&["score", "seeds"]).stdout);
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("/dev/stdout"));
}

#[test]
fn a_link_to_a_file_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let run = framelens(&["score", "seeds", "-o", s(&link)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        framelens(&["score", "seeds"]).stdout
    );
}

#[test]
fn report_and_evaluate_refuse_a_missing_folder_before_the_work() {
    // Each run would fail on its input if it got that far.
    let out = "tests/no-such-folder/out.html";
    let want = format!(
        "framelens: {out}: cannot be written: the folder tests/no-such-folder does not exist\n"
    );
    let run = framelens(&["report", "-", "-o", out]);
    assert_eq!((run.code, run.stderr.as_str()), (2, want.as_str()));
    let dir = folder_with(&[("gold.jsonl", b"not a gold record\n")]);
    let gold = dir.path().join("gold.jsonl");
    let run = framelens(&["evaluate", "--gold", s(&gold), "-o", out]);
    assert_eq!((run.code, run.stderr.as_str()), (2, want.as_str()));
    let run = framelens(&[
        "evaluate",
        "--gold",
        s(&gold),
        "--output-format",
        "csv",
        "-o",
        out,
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (2, want.as_str()));
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_output_follows_the_umask_and_an_old_one_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let bin = env!("CARGO_BIN_EXE_framelens");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 077 && exec '{bin}' score seeds -o '{}'",
            s(&out)
        ))
        .current_dir(common::root())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&out), 0o600);
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022 && exec '{bin}' score seeds -o '{}'",
            s(&out)
        ))
        .current_dir(common::root())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&out), 0o600, "overwriting changed the mode");
    let other = dir.path().join("other.csv");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 002 && exec '{bin}' score seeds -o '{}'",
            s(&other)
        ))
        .current_dir(common::root())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&other), 0o664);
}

#[test]
fn a_signal_removes_the_temporary_file() {
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        let mut child = binary()
            .args(["score", "--format", "jsonl", "-", "-o", s(&out)])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(b"{\"id\": \"a\", \"text\": \"Officials said it.\"}\n")
            .unwrap();
        stdin.flush().unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::fs::read_dir(dir.path()).unwrap().count() == 0 {
            assert!(std::time::Instant::now() < deadline, "no temporary file");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // The handler is installed before the output is opened.
        let kill = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
}

#[test]
fn warnings_to_a_closed_or_full_standard_error_do_not_panic() {
    let dir = folder_with(&[("a.txt", b"Officials said it."), ("b.txt", b"  ")]);
    let want = framelens(&["score", s(&dir.path().join("a.txt"))]).stdout;
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut targets = vec![("a closed pipe", std::process::Stdio::from(writer))];
    match std::fs::OpenOptions::new().write(true).open("/dev/full") {
        Ok(full) => targets.push(("/dev/full", full.into())),
        Err(_) => println!("skipped: this machine has no /dev/full"),
    }
    for (name, stderr) in targets {
        let out = binary()
            .args(["score", s(dir.path())])
            .stderr(stderr)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), want, "{name}");
    }
}

/// Offsets are kept in 32 bits, so no article may reach 4 GiB.
#[test]
fn an_article_cap_of_4_gib_or_more_is_refused() {
    let run = framelens(&["score", "seeds", "--max-article-mb", "4096"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: invalid value '4096' for '--max-article-mb <MB>': 4096 is not in 1..=4095"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    let run = framelens(&["score", "seeds", "--max-article-mb", "4095"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_absurd_number_of_threads_is_refused_in_one_sentence() {
    for n in ["4611686018427387904", "100000000000", "0", "1025"] {
        let run = framelens(&["score", "seeds", "--threads", n]);
        assert_eq!(run.code, 2, "{n}");
        assert!(
            run.stderr
                .starts_with(&format!("error: invalid value '{n}' for '--threads <N>'")),
            "{n}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    let run = framelens(&["score", "seeds", "--threads", "1024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, framelens(&["score", "seeds"]).stdout);
}

#[test]
fn a_process_limit_gives_fewer_threads_not_a_panic() {
    // Root ignores the process limit: run as `nobody` under a limit of one
    // to three processes, so that some or all of the threads cannot start.
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n");
    let tools = ["setpriv", "prlimit"].iter().all(|t| {
        std::process::Command::new(t)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !is_root || !tools {
        println!("skipped: needs root, setpriv and prlimit to run under a process limit");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Officials said it was clearly a brazen move.").unwrap();
    // Two reports of one flood, for the commands that find stories (with
    // rayon's threads), and a gold file for `evaluate`.
    let corpus = dir.path().join("c.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\": \"a\", \"outlet\": \"X\", \"text\": \"Floods hit Riverton after the dam at Lake Mora broke, officials said.\"}\n\
         {\"id\": \"b\", \"outlet\": \"Y\", \"text\": \"The Lake Mora dam broke and floods hit Riverton, the mayor said.\"}\n",
    )
    .unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"g1\", \"dataset\": \"babe\", \"text\": \"The brazen plan angered voters.\", \"labels\": {\"biased\": true}, \"spans\": [{\"start\": 4, \"end\": 10, \"label\": \"loaded\"}]}\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let commands: [&[&str]; 4] = [
        &["score", s(&article), "--threads", "8"],
        &["stories", s(&corpus), "--threads", "8"],
        &["compare", s(&corpus), "--within", "story", "--threads", "8"],
        &["evaluate", "--gold", s(&gold)],
    ];
    for command in commands {
        let want = framelens(command);
        assert_eq!(want.code, 0, "{command:?}: {}", want.stderr);
        for limit in ["1", "2", "3"] {
            let out = std::process::Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .args(["prlimit", &format!("--nproc={limit}")])
                .arg(env!("CARGO_BIN_EXE_framelens"))
                .args(command)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            if stderr.contains("Permission denied") {
                println!("skipped: user nobody cannot run the test binary here");
                return;
            }
            assert_eq!(
                out.status.code(),
                Some(0),
                "{command:?}, limit {limit}: {stderr}"
            );
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                want.stdout,
                "{command:?}, limit {limit}"
            );
        }
    }
}

const CSV_CORPUS: &[u8] = b"id,text,outlet\na,\"Officials said it was a brazen move.\",X\nb,\"It may be clearly so.\",Y\n";

#[test]
fn a_csv_corpus_from_a_fifo_or_a_pipe_is_read_once() {
    let dir = folder_with(&[("c.csv", CSV_CORPUS)]);
    let want = framelens(&["score", s(&dir.path().join("c.csv"))]);
    assert_eq!(want.code, 0, "{}", want.stderr);
    let run = common::framelens_with_stdin(&["score", "--format", "csv", "-"], CSV_CORPUS);
    assert_eq!((run.code, &run.stdout), (0, &want.stdout), "{}", run.stderr);
    let fifo = dir.path().join("p.csv");
    if make_fifo(&fifo).is_none() {
        return;
    }
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, CSV_CORPUS).unwrap())
    };
    let run = framelens(&["score", s(&fifo)]);
    writer.join().unwrap();
    assert_eq!((run.code, &run.stdout), (0, &want.stdout), "{}", run.stderr);
}

#[test]
fn endless_binary_input_stops_at_its_first_nul_byte() {
    if !Path::new("/dev/zero").exists() {
        println!("skipped: this machine has no /dev/zero");
        return;
    }
    let cases: [(&[&str], &str); 4] = [
        (
            &["score", "/dev/zero"],
            "framelens: warning: /dev/zero: looks like a binary file (a NUL byte at byte 0), not text\n",
        ),
        (
            &["score", "--format", "jsonl", "/dev/zero"],
            "framelens: warning: /dev/zero:1: looks like a binary file (a NUL byte), not text; the rest of it is not read\n",
        ),
        (
            &["score", "--format", "csv", "/dev/zero"],
            "framelens: /dev/zero:1: looks like a binary file (a NUL byte), not text; the rest of it is not read\n",
        ),
        (
            &["score", "seeds", "--manifest", "/dev/zero"],
            "framelens: /dev/zero:1: looks like a binary file (a NUL byte), not text; the rest of it is not read\n",
        ),
    ];
    for (args, want) in cases {
        let run = framelens(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.starts_with(want), "{args:?}: {}", run.stderr);
    }
    let run = framelens(&["evaluate", "--gold", "/dev/zero"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "framelens: /dev/zero:1: looks like a binary file (a NUL byte), not text\n"
    );
}

/// Runs framelens with an endless "y\n" on standard input, as `yes | framelens`.
fn with_endless_stdin(args: &[&str]) -> (i32, String) {
    let mut child = binary()
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        let block = b"y\n".repeat(1 << 15);
        while stdin.write_all(&block).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn endless_text_stops_at_the_article_limit() {
    let (code, stderr) = with_endless_stdin(&["score", "-", "--max-article-mb", "2"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "framelens: warning: <stdin>: is longer than 2 MB (--max-article-mb); not read\n"
        ),
        "{stderr}"
    );
    let (code, stderr) =
        with_endless_stdin(&["score", "--format", "csv", "-", "--max-article-mb", "1"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("framelens: <stdin>:1: no `id` column"),
        "{stderr}"
    );
}

#[test]
fn an_over_long_record_is_skipped_and_named() {
    let long = "word ".repeat(300_000);
    let jsonl = format!(
        "{{\"id\": \"a\", \"text\": \"{long}\"}}\n{{\"id\": \"b\", \"text\": \"Officials said so.\"}}\n"
    );
    let dir = folder_with(&[("c.jsonl", jsonl.as_bytes())]);
    let path = dir.path().join("c.jsonl");
    let run = framelens(&["score", s(&path), "--max-article-mb", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {}:1: a line longer than 1 MB (--max-article-mb); skipped\n\
             framelens: 1 article done, 1 skipped; 1 warning\n",
            s(&path)
        )
    );
    assert_eq!(common::parse_csv(&run.stdout).1.len(), 1);
    let csv = format!("id,text\nb,Officials said so.\na,\"{long}\"\nc,Not read.\n");
    write(dir.path(), "c.csv", csv.as_bytes());
    let path = dir.path().join("c.csv");
    let run = framelens(&["score", s(&path), "--max-article-mb", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "framelens: warning: {}:3: a record is longer than 1 MB (--max-article-mb); the rest of the file is not read\n",
            s(&path)
        )),
        "{}",
        run.stderr
    );
    let rows = common::parse_csv(&run.stdout).1;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], "b");
}

/// A large article dense with matches has its rows written one by one,
/// from the workspace that scored it, rather than held all at once: they
/// must be the rows any article gets. The article repeats one passage, so
/// each of its rows is a row of a short article of three passages, moved
/// on by whole passages.
#[test]
fn a_large_dense_article_has_the_rows_of_a_short_one() {
    const PASSAGE: &str = "He said it was \u{201c}not clear\u{201d}, he claimed. It was clearly a \u{201c}shambles\u{201d}, she said. ";
    let repeats = (1 << 20) / PASSAGE.len() + 2;
    let jsonl = format!(
        "{{\"id\": \"short\", \"text\": \"{}\"}}\n\
         {{\"id\": \"large\", \"text\": \"{}\"}}\n\
         {{\"id\": \"after\", \"text\": \"{}\"}}\n",
        PASSAGE.repeat(3),
        PASSAGE.repeat(repeats),
        PASSAGE.repeat(3)
    );
    let dir = folder_with(&[("c.jsonl", jsonl.as_bytes())]);
    let run = framelens(&["matches", s(&dir.path().join("c.jsonl")), "--threads", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = common::parse_csv(&run.stdout);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let of = |id: &str| -> Vec<&Vec<String>> { rows.iter().filter(|r| r[0] == id).collect() };
    let (short, large, after) = (of("short"), of("large"), of("after"));
    assert_eq!(short.len() + large.len() + after.len(), rows.len());
    assert_eq!(rows[0][0], "short", "the articles keep their order");
    assert_eq!(rows.last().unwrap()[0], "after");
    let per = short.len() / 3;
    assert!(per >= 4 && per * 3 == short.len(), "{}", short.len());
    assert_eq!(large.len(), per * repeats);
    let shift_of = |name: &str| {
        let c = column(name);
        let at = |row: &Vec<String>| row[c].parse::<usize>().unwrap();
        at(short[per]) - at(short[0])
    };
    let shifted = [
        ("start_char", shift_of("start_char")),
        ("end_char", shift_of("end_char")),
        ("start_byte", PASSAGE.len()),
        ("end_byte", PASSAGE.len()),
        ("sentence", shift_of("sentence")),
    ];
    assert_eq!(shifted[0].1, PASSAGE.chars().count());
    for (i, row) in large.iter().enumerate() {
        let (passage, j) = (i / per, i % per);
        let like = match passage {
            0 => 0,
            p if p == repeats - 1 => 2,
            _ => 1,
        };
        let model = short[like * per + j];
        let mut expected = model.clone();
        expected[0] = "large".to_string();
        for (name, by) in shifted {
            let c = column(name);
            expected[c] = (model[c].parse::<usize>().unwrap() + (passage - like) * by).to_string();
        }
        assert_eq!(**row, expected, "row {i} of the large article");
    }
}

#[test]
fn a_fifo_in_an_input_folder_is_skipped_with_a_warning() {
    let dir = folder_with(&[("a.txt", b"Officials said it.")]);
    let fifo = dir.path().join("x.txt");
    if make_fifo(&fifo).is_none() {
        return;
    }
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {}: is a FIFO, not a text file; skipped\n\
             framelens: 1 article done, 0 skipped; 1 warning\n",
            s(&fifo)
        )
    );
    assert_eq!(common::parse_csv(&run.stdout).1.len(), 1);
}

#[test]
fn a_text_file_named_in_upper_case_is_read() {
    let dir = folder_with(&[
        ("UPPER.TXT", b"Officials said it."),
        ("b.txt", b"It may be."),
    ]);
    let run = framelens(&["score", s(dir.path())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = common::parse_csv(&run.stdout)
        .1
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    assert_eq!(ids, ["UPPER", "b"]);
}

#[test]
fn an_unclosed_quote_in_a_csv_corpus_is_named() {
    let corpus =
        b"id,text,outlet\na,\"He said it.\",X\nb,\"Unclosed said it.,Y\nc,\"Third said.\",Z\n";
    let dir = folder_with(&[("c.csv", corpus)]);
    let path = dir.path().join("c.csv");
    let run = framelens(&["score", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: warning: {}:3: a quoted field runs over a line break into what looks like further records: is a closing \" missing?\n\
             framelens: 1 article done, 1 skipped; 1 warning\n",
            s(&path)
        )
    );
    // Text over several lines, with commas, is still one article.
    let corpus = b"id,text\na,\"First paragraph, said one.\nHowever, the second\n1,000 people\"\n";
    write(dir.path(), "c.csv", corpus);
    let run = framelens(&["score", s(&path)]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

#[test]
fn impossible_gold_spans_are_refused_with_their_line() {
    let record = |spans: &str| {
        format!(
            "{{\"id\": \"g\", \"dataset\": \"ptc\", \"text\": \"A brazen plan.\", \"labels\": {{}}, \"spans\": [{spans}]}}\n"
        )
    };
    let cases = [
        (
            "{\"start\": 8, \"end\": 2, \"label\": \"loaded\"}",
            "record `g`: the loaded span 8..2 is reversed",
        ),
        (
            "{\"start\": 2, \"end\": 2, \"label\": \"loaded\"}",
            "record `g`: the loaded span 2..2 is empty",
        ),
        (
            "{\"start\": 2, \"end\": 15, \"label\": \"loaded\"}",
            "record `g`: the loaded span 2..15 ends past the text (14 characters)",
        ),
        (
            "{\"start\": 2, \"end\": 18446744073709551615, \"label\": \"loaded\"}",
            "record `g`: the loaded span 2..18446744073709551615 ends past the text (14 characters)",
        ),
    ];
    let ok = "{\"id\": \"ok\", \"dataset\": \"ptc\", \"text\": \"Fine.\", \"labels\": {}, \"spans\": []}\n";
    for (span, want) in cases {
        let content = format!("{ok}{}", record(span));
        let dir = folder_with(&[("gold.jsonl", content.as_bytes())]);
        let path = dir.path().join("gold.jsonl");
        let run = framelens(&["evaluate", "--gold", s(&path)]);
        assert_eq!(run.code, 2);
        assert_eq!(run.stderr, format!("framelens: {}:2: {want}\n", s(&path)));
    }
    let good = record("{\"start\": 2, \"end\": 8, \"label\": \"loaded\"}");
    let plain = folder_with(&[("gold.jsonl", good.as_bytes())]);
    let path = plain.path().join("gold.jsonl");
    let want = framelens(&["evaluate", "--gold", s(&path)]);
    assert_eq!(want.code, 0, "{}", want.stderr);
    let with_bom = format!("\u{feff}{good}");
    let dir = folder_with(&[("gold.jsonl", with_bom.as_bytes())]);
    let path = dir.path().join("gold.jsonl");
    let run = framelens(&["evaluate", "--gold", s(&path)]);
    assert_eq!((run.code, &run.stdout), (0, &want.stdout), "{}", run.stderr);
    let mut bad = ok.to_string().into_bytes();
    bad.extend_from_slice(b"{\"id\": \"x\xff\"}\n");
    let dir = folder_with(&[("gold.jsonl", &bad)]);
    let path = dir.path().join("gold.jsonl");
    let run = framelens(&["evaluate", "--gold", s(&path)]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}:2: not valid UTF-8 (byte 9 of the line)\n",
            s(&path)
        )
    );
}

fn lexicon_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["loaded", "hedging", "boosters", "attribution"] {
        std::fs::copy(
            common::root().join(LEXICONS).join(format!("{name}.txt")),
            dir.path().join(format!("{name}.txt")),
        )
        .unwrap();
    }
    dir
}

#[test]
fn a_lexicon_entry_of_more_than_32_words_is_refused() {
    let lexicons = lexicon_folder();
    let long = vec!["word"; 33].join(" ");
    let path = lexicons.path().join("long.txt");
    std::fs::write(&path, format!("# a header\n{long}\n")).unwrap();
    let run = framelens(&["score", "seeds", "--lexicons", s(lexicons.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}:2: an entry of 33 words; an entry has at most 32\n",
            s(&path)
        )
    );
    std::fs::write(&path, vec!["word"; 32].join(" ")).unwrap();
    let run = framelens(&["score", "seeds", "--lexicons", s(lexicons.path())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_lexicon_file_that_is_a_fifo_is_named_for_what_it_is() {
    let lexicons = lexicon_folder();
    let path = lexicons.path().join("attribution.txt");
    std::fs::remove_file(&path).unwrap();
    if make_fifo(&path).is_none() {
        return;
    }
    let run = framelens(&["score", "seeds", "--lexicons", s(lexicons.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!("framelens: {}: is a FIFO, not a lexicon file\n", s(&path))
    );
}

#[test]
fn formula_guard_covers_words_a_spreadsheet_reads_as_numbers_and_leading_space() {
    let corpus = "{\"id\": \"-inf\", \"text\": \"Officials said it.\", \"outlet\": \"+nan\", \"event\": \"-Infinity\", \"title\": \" =1+2\", \"date\": \"\u{a0}=1\"}\n\
                  {\"id\": \"b\", \"text\": \"It was said.\", \"outlet\": \"\u{feff}@x\", \"event\": \"-1.5\"}\n";
    let run = common::framelens_with_stdin(&["score", "--format", "jsonl", "-"], corpus.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = common::parse_csv(&run.stdout).1;
    assert_eq!(
        rows[0][..5],
        ["'-inf", "'+nan", "'-Infinity", "'\u{a0}=1", "' =1+2"]
    );
    assert_eq!(rows[1][..3], ["b", "'\u{feff}@x", "-1.5"]);
}

#[test]
fn a_json_nul_character_is_refused() {
    let corpus = "{\"id\": \"a\\u0000b\", \"text\": \"Officials said it.\"}\n\
                  {\"id\": \"c\", \"text\": \"It said \\u0000 so.\"}\n\
                  {\"id\": \"d\", \"text\": \"Fine, said one.\", \"note\": \"x\\u0000\"}\n\
                  {\"id\": \"e\", \"text\": \"Fine, said one.\"}\n";
    let run = common::framelens_with_stdin(&["score", "--format", "jsonl", "-"], corpus.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\0'));
    assert_eq!(
        run.stderr,
        "framelens: warning: <stdin>:1: `id` holds a NUL character (\\u0000); the record is skipped\n\
         framelens: warning: <stdin>:2: `text` holds a NUL character (\\u0000); the record is skipped\n\
         framelens: warning: <stdin>:3: `note` holds a NUL character (\\u0000); the record is skipped\n\
         framelens: 1 article done, 3 skipped; 3 warnings\n"
    );
}

#[test]
fn a_manifest_folder_is_called_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = framelens(&["score", "seeds", "--manifest", s(dir.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}: is a folder; --manifest takes a CSV file\n",
            s(dir.path())
        )
    );
}

#[test]
fn a_column_named_twice_is_refused() {
    let dir = folder_with(&[
        ("c.csv", b"id,text,outlet,outlet\na,Said.,X,Y\n"),
        ("manifest.csv", b"file,outlet,Outlet\na.txt,X,Y\n"),
        ("a.txt", b"Officials said it."),
    ]);
    let path = dir.path().join("c.csv");
    let run = framelens(&["score", s(&path)]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}:1: the column `outlet` is named twice\n",
            s(&path)
        )
    );
    let run = framelens(&[
        "score",
        s(&dir.path().join("a.txt")),
        "--manifest",
        s(&dir.path().join("manifest.csv")),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "framelens: {}:1: the column `Outlet` is named twice\n",
            s(&dir.path().join("manifest.csv"))
        )
    );
}

#[test]
fn invisible_characters_and_fullwidth_letters_do_not_hide_words() {
    let text = "They sl\u{AD}ammed it. They sl\u{200B}ammed it. They ｓｌａｍｍｅｄ it. \
                They sl\u{2060}am\u{200D}med it.";
    let run = common::framelens_with_stdin(&["matches", "-"], text.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = common::parse_csv(&run.stdout);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (matched, start, end) = (at("matched"), at("start_byte"), at("end_byte"));
    let found: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r[1].as_str(),
                r[matched].as_str(),
                r[start].as_str(),
                r[end].as_str(),
            )
        })
        .collect();
    // Offsets point into the text as given, invisible characters included.
    assert_eq!(
        found,
        [
            ("attribution", "sl\u{AD}ammed", "5", "14"),
            ("loaded", "sl\u{AD}ammed", "5", "14"),
            ("attribution", "sl\u{200B}ammed", "24", "34"),
            ("loaded", "sl\u{200B}ammed", "24", "34"),
            ("attribution", "ｓｌａｍｍｅｄ", "44", "65"),
            ("loaded", "ｓｌａｍｍｅｄ", "44", "65"),
            ("attribution", "sl\u{2060}am\u{200D}med", "75", "88"),
            ("loaded", "sl\u{2060}am\u{200D}med", "75", "88"),
        ]
    );
    for row in &rows {
        let (from, to): (usize, usize) = (row[start].parse().unwrap(), row[end].parse().unwrap());
        assert_eq!(&text[from..to], row[matched]);
    }
    // Each hidden word is one word, as it reads.
    let score = common::framelens_with_stdin(&["score", "-"], text.as_bytes());
    assert_eq!(common::parse_csv(&score.stdout).1[0][5], "12");
}
