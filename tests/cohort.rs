//! `asynclings cohort`: the instructor's table of the room, from fixture
//! records (tests/fixtures/cohort/), and its HTML page as a real headless
//! browser draws it.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{stderr, stdout};

/// The learners of the fixtures, by file; `not_a_record.json` is left out.
const LEARNERS: &[&str] = &[
    "ada", "barbara", "emile", "grace", "ken", "linus", "margaret",
];
const EMILE: &str = "<script>alert('x')</script> & \"Émile\"";

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/cohort").join(name)
}

fn fixtures() -> Vec<String> {
    LEARNERS
        .iter()
        .map(|l| fixture(&format!("{l}.json")).display().to_string())
        .collect()
}

/// The binary, run in a folder with no course: an instructor's laptop.
fn cohort(dir: &Path, args: &[String], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_asynclings"))
        .arg("cohort")
        .args(args)
        .current_dir(dir)
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_table_shows_who_is_where_and_the_busiest_exercise() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohort(dir.path(), &fixtures(), "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("Learner") && lines[0].contains("Last pass"),
        "{text}"
    );
    // One row per learner, by name; a long name is cut.
    let names: Vec<&str> = lines[1..8]
        .iter()
        .map(|l| l.split("  ").next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "<script>alert('x')</script> & \"…",
            "Ada",
            "Barbara",
            "Grace",
            "Ken",
            "Linus",
            "Margaret"
        ],
        "{text}"
    );
    let row = |name: &str| *lines.iter().find(|l| l.starts_with(name)).unwrap();
    let ada: Vec<&str> = row("Ada").split("  ").filter(|c| !c.is_empty()).collect();
    assert_eq!(
        ada.iter().map(|c| c.trim()).collect::<Vec<_>>(),
        [
            "Ada",
            "3 Futures and async/await",
            "p3_channel",
            "28/40",
            "2025-06-01 14:05 UTC"
        ],
        "{text}"
    );
    assert!(row("Ken").contains("all done"), "{text}");
    assert!(row("<script>").contains("never"), "{text}");
    assert_eq!(
        lines.last().unwrap(),
        &"Most people are on p3_channel (phase 3): 4 of 6 still working, \
          with a median of 8 checks and 2 hints there.",
        "{text}"
    );
}

#[test]
fn a_bad_or_missing_record_is_named_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = fixtures();
    args.insert(1, fixture("not_a_record.json").display().to_string());
    args.push("nobody.json".into());
    let output = cohort(dir.path(), &args, "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let warnings = stderr(&output);
    assert_eq!(warnings.lines().count(), 2, "{warnings}");
    assert!(
        warnings.contains("warning: skipped ")
            && warnings.contains(
                "not_a_record.json: it is not a learner record (missing field `learner`)"
            ),
        "{warnings}"
    );
    assert!(
        warnings.contains("skipped nobody.json: cannot read it"),
        "{warnings}"
    );
    assert!(
        warnings.contains("asynclings progress --json --learner NAME > NAME.json"),
        "{warnings}"
    );
    // The table is whole all the same.
    assert_eq!(stdout(&output).lines().count(), 1 + LEARNERS.len() + 2);
}

#[test]
fn records_on_stdin_one_a_line_and_no_escape_codes_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let ada = std::fs::read_to_string(fixture("grace.json")).unwrap();
    let sneaky = ada.replace("\"Grace\"", "\"Eve\\u001b[2J\"");
    let stdin = format!("{}\n{{not json\n\n{}", ada.trim(), sneaky.trim());
    let output = cohort(dir.path(), &["-".into()], &stdin);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("skipped stdin line 2: it is not JSON"),
        "{}",
        stderr(&output)
    );
    let text = stdout(&output);
    assert!(
        text.contains("Grace") && text.contains("Eve\u{FFFD}[2J"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn no_record_at_all_is_an_error_that_says_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let output = cohort(dir.path(), &["nobody.json".into()], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no learner record could be read"),
        "{}",
        stderr(&output)
    );
}

/// The page, parsed as a browser would, then drawn by a real one.
#[test]
fn the_html_page_has_a_row_per_learner_and_a_bar_per_phase_in_a_real_browser() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = fixtures();
    args.extend(["--html".into(), "room.html".into()]);
    let output = cohort(dir.path(), &args, "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = std::fs::read_to_string(dir.path().join("room.html")).unwrap();

    let html = scraper::Html::parse_document(&page);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let rows: Vec<_> = html.select(&select("tbody tr.learner")).collect();
    assert_eq!(rows.len(), LEARNERS.len(), "{page}");
    for row in &rows {
        assert_eq!(row.select(&select(".bar")).count(), 4, "{}", row.html());
        assert_eq!(row.select(&select(".bar .fill")).count(), 4);
    }
    let text = |e: scraper::ElementRef| e.text().collect::<String>();
    let names: Vec<String> = html.select(&select("td.name")).map(text).collect();
    assert_eq!(
        names,
        [EMILE, "Ada", "Barbara", "Grace", "Ken", "Linus", "Margaret"]
    );
    let stuck: Vec<String> = html.select(&select("tr.stuck td.name")).map(text).collect();
    assert_eq!(stuck, ["Ada", "Grace", "Linus", "Margaret"]);
    let stuck_exercises: Vec<String> = html
        .select(&select("tr.stuck td.exercise"))
        .map(text)
        .collect();
    assert_eq!(stuck_exercises, ["p3_channel"; 4]);
    let note = text(html.select(&select(".stuck-note")).next().unwrap());
    assert!(note.contains("p3_channel (phase 3): 4 of 6"), "{note}");
    let ada = html.select(&select("tr.learner")).nth(1).unwrap();
    let fills: Vec<&str> = ada
        .select(&select(".fill"))
        .map(|f| f.value().attr("style").unwrap())
        .collect();
    assert_eq!(fills, ["width:100%", "width:100%", "width:80%", "width:0%"]);
    // Self-contained, and the learner's markup stayed text.
    for forbidden in [
        "script", "link", "img", "iframe", "object", "[src]", "[href]",
    ] {
        assert_eq!(html.select(&select(forbidden)).count(), 0, "{forbidden}");
    }
    assert_eq!(html.select(&select("head style")).count(), 1);

    let png = screenshot(&dir.path().join("room.html"));
    let (width, height, pixels) = decode(&png);
    assert_eq!((width, height), (1280, 800));
    let count = |rgb: [u8; 3]| pixels.iter().filter(|p| **p == rgb).count();
    let white = count([255, 255, 255]);
    assert!(
        white < pixels.len() * 9 / 10,
        "the screenshot is nearly blank: {white} of {} pixels white",
        pixels.len()
    );
    // The stuck note and row highlights (#ffe066) and the phase bars'
    // fill (#6cc070) were drawn, in large areas.
    assert!(count([0xff, 0xe0, 0x66]) > 20_000, "no highlight drawn");
    assert!(count([0x6c, 0xc0, 0x70]) > 10_000, "no bars drawn");
}

/// A browser: $CHROMIUM, else the first of the usual names on PATH.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return path.into();
    }
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            if dir.join(name).is_file() {
                return dir.join(name);
            }
        }
    }
    panic!(
        "this test draws the cohort page in a real browser, and none was found \
         (looked for {names:?} on PATH, and $CHROMIUM). Install one: \
         `apt-get install -y chromium` (.ci/run does), or set CHROMIUM=/path/to/chrome."
    )
}

/// Draws the page in headless Chromium at 1280x800; the PNG is kept in
/// target/tmp/cohort/ to look at.
fn screenshot(page: &Path) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cohort");
    std::fs::create_dir_all(&out).unwrap();
    let png = out.join("room.png");
    let _ = std::fs::remove_file(&png);
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1280,800",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the browser {:?}: {e}", chromium()));
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the browser took more than two minutes to draw the page");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(png.is_file(), "the browser wrote no screenshot");
    png
}

/// Width, height and every pixel's RGB.
fn decode(png: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "{info:?}");
    let step = info.color_type.samples();
    let pixels = buffer[..info.buffer_size()]
        .chunks(step)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, pixels)
}
