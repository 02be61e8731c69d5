//! Every sentence is true: the course's texts (READMEs, exercise comments
//! and test messages, hints, the catalogue, the runner's own words) never
//! say the things a teacher of async Rust found false in them. Each rule is
//! one known-false phrasing, written as a pattern over one sentence, with
//! the true sentence to say instead (docs/model.md has them all).

mod common;

use std::path::{Path, PathBuf};

use regex::Regex;

struct Falsehood {
    name: &'static str,
    /// A sentence that matches is false...
    says: &'static str,
    /// ...when it also matches this (the context the falsehood needs)...
    with: Option<&'static str>,
    /// ...unless it also matches this (a negation, a caveat).
    unless: Option<&'static str>,
    /// What is true instead.
    truth: &'static str,
}

const NEGATED: Option<&str> = Some(r"(?i)\b(not|never|no|n't|nothing|cannot)\b");

const FALSEHOODS: &[Falsehood] = &[
    Falsehood {
        name: "await-pauses-the-task",
        says: r"(?i)\.await`?.*\b(pauses?|suspends?|parks?)\s+(the|this|your|a|its)\s+(whole\s+)?task\b",
        with: None,
        unless: NEGATED,
        truth: "`.await` suspends this async fn until the value is ready; the task gives the thread back only when its whole future is pending (`join!` polls several futures in one task)",
    },
    Falsehood {
        name: "only-a-task-can-pause",
        says: r"(?i)only a task can be (paused|suspended|resumed)",
        with: None,
        unless: None,
        truth: "only a future (an async fn or block) can be suspended; an async block is a future, not a task",
    },
    Falsehood {
        name: "refcell-is-not-send",
        says: r"((?:^|[^&\w`]|`)RefCell`?\s+(is|are)\s+(not\s+`?Send|`?!Send)|not\s+`?Send`?\s*\(`?Rc`?,\s*`?RefCell`?[,)])",
        with: None,
        unless: None,
        truth: "`RefCell<T>` is `Send` when `T` is (it is not `Sync`); `&RefCell`, `Ref` and `RefMut` are not `Send`",
    },
    Falsehood {
        name: "refcell-borrow-blocks",
        says: r"\bRefCell\b.*\b(?i:blocks?|waits? for)\b",
        with: None,
        unless: NEGATED,
        truth: "a `RefCell` borrow held across `.await` makes another task's `borrow_mut` panic; it blocks nobody",
    },
    Falsehood {
        name: "drop-the-guard-before-await",
        says: r"(?i)\bdrop`?\s*(\(\s*\w*guard\w*\s*\)|the\s+guard)`?.*\b(before|first|then)\b",
        with: Some(r"\.await"),
        unless: Some(r"(?i)\b(not|never|n't|still)\b"),
        truth: "an explicit `drop(guard)` does not make the future `Send`; end the guard's scope in a `{ }` block before the `.await`",
    },
    Falsehood {
        name: "send-belongs-to-the-multi-thread-runtime",
        says: r"(?i)\b(on|with|in)\s+(tokio's\s+|the\s+|a\s+)?multi-thread(ed)?\s+(runtime|scheduler)\b",
        with: Some(r"\bSend\b"),
        unless: Some(r"(?i)(every|any|all|each)\s+(runtime|flavou?r)|current_thread"),
        truth: "`tokio::spawn` needs `Send` on every runtime flavor; only `spawn_local` on a `LocalSet` lifts it",
    },
    Falsehood {
        name: "a-ready-future-yields",
        says: r"(?i)ready (at once|immediately|right away).*\b(yields?|turn|gives?|hands?)\b",
        with: None,
        unless: NEGATED,
        truth: "awaiting a ready future never yields; `yield_now` returns `Pending` once and has the runtime wake it after the other ready tasks",
    },
    Falsehood {
        name: "dropping-a-joinhandle-cancels",
        says: r"(?i)drop(s|ping|ped)?\s+(the|a|its)\s+`?JoinHandle`?.*\b(cancels?|aborts?|stops?|kills?)\b",
        with: None,
        unless: NEGATED,
        truth: "dropping a `JoinHandle` detaches the task; `abort()`, an `AbortHandle` or a `JoinSet` cancel it",
    },
    Falsehood {
        name: "the-blocking-pool-is-one-thread-per-core",
        says: r"(?i)(spawn_blocking|blocking pool).*\b(per core|core count|number of cores|as many threads as)",
        with: None,
        unless: NEGATED,
        truth: "tokio's blocking pool grows to 512 threads by default; sustained CPU work belongs on a pool sized for the cores (rayon)",
    },
    Falsehood {
        name: "a-task-panic-is-reported-only-by-its-handle",
        says: r"(?i)only\s+through.*JoinHandle",
        with: None,
        unless: None,
        truth: "the panic hook prints a task's panic too; the `JoinHandle` is the only way the program learns of it",
    },
    Falsehood {
        name: "iterator-adapters-come-from-a-trait-in-scope",
        says: r"(?i)iterator adapters come from",
        with: None,
        unless: None,
        truth: "`Iterator`'s adapters are its own provided methods; `StreamExt` is an extension trait",
    },
    Falsehood {
        name: "building-a-runtime-inside-async-panics",
        says: r"(?i)\b(or|and)\s+building\s+a\s+(new\s+)?runtime\b",
        with: None,
        unless: None,
        truth: "building a runtime inside async code is allowed; `block_on` and dropping it there panic",
    },
    Falsehood {
        name: "tokio-stream-is-a-course-dependency",
        says: r"tokio_stream::StreamExt",
        with: None,
        unless: None,
        truth: "the course depends on `futures`; `futures::StreamExt` is the trait to use",
    },
    Falsehood {
        name: "unwrap-or-question-mark-handles-a-task-panic",
        says: r"`\.unwrap\(\)`\s+or\s+`\?`",
        with: None,
        unless: None,
        truth: "handle the `Err(JoinError)`: what fits depends on the program",
    },
    Falsehood {
        name: "std-yield-now-gives-the-loop-a-turn",
        says: r"(?i)std::thread::yield_now.*\b(gives?|hands?|lets?)\b.*\b(loop|turn|other tasks?)\b",
        with: None,
        unless: NEGATED,
        truth: "`std::thread::yield_now()` asks the OS to run another thread; the task keeps the loop's thread",
    },
];

/// The texts a learner reads, and the runner's own words.
fn course_texts() -> Vec<PathBuf> {
    let repo = common::repo();
    let mut files = vec![repo.join("README.md"), repo.join("info.toml")];
    // The diagnosis crate holds the catalogue and the rules' words.
    for dir in [
        "exercises",
        "solutions",
        "diagnosis/src",
        "src/watch",
        "docs",
    ] {
        files.extend(walk(&repo.join(dir)));
    }
    // The model quotes the false phrasings it forbids.
    files.retain(|f| !f.ends_with("docs/model.md"));
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs" || e == "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The sentences of a file: of each string of a TOML file (a hint, a
/// summary), of the whole text otherwise.
fn sentences_of(file: &Path, text: &str) -> Vec<String> {
    if file.extension().is_some_and(|e| e == "toml") {
        let mut strings = Vec::new();
        collect_strings(&toml::from_str(text).unwrap(), &mut strings);
        strings.iter().flat_map(|s| sentences(s)).collect()
    } else {
        sentences(text)
    }
}

fn collect_strings(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        toml::Value::Table(table) => table.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// A text as sentences: comment markers, quotes and line breaks removed,
/// split after a full stop (wrapped lines join up again).
fn sentences(text: &str) -> Vec<String> {
    let joined: String = text
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches("//!")
                .trim_start_matches("///")
                .trim_start_matches("//")
                .trim_start_matches('#')
                .trim()
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace("\\n", " ")
        .replace("\\\n", " ");
    // A sentence ends at a full stop, perhaps closed by a quote or a
    // bracket (the end of a string literal in code), before a space.
    let end = Regex::new(r#"[.!?]["')]*,?\s+"#).unwrap();
    end.split(&joined)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The rules' patterns, compiled once (thousands of sentences are read).
struct Rules(Vec<(&'static Falsehood, Regex, Option<Regex>, Option<Regex>)>);

impl Rules {
    fn new() -> Rules {
        let compile = |p: Option<&str>| p.map(|p| Regex::new(p).unwrap());
        Rules(
            FALSEHOODS
                .iter()
                .map(|f| {
                    (
                        f,
                        Regex::new(f.says).unwrap(),
                        compile(f.with),
                        compile(f.unless),
                    )
                })
                .collect(),
        )
    }

    fn falsehoods_in(&self, sentence: &str) -> Vec<&'static Falsehood> {
        self.0
            .iter()
            .filter(|(_, says, with, unless)| {
                says.is_match(sentence)
                    && with.as_ref().is_none_or(|w| w.is_match(sentence))
                    && !unless.as_ref().is_some_and(|u| u.is_match(sentence))
            })
            .map(|(f, ..)| *f)
            .collect()
    }
}

#[test]
fn the_course_says_none_of_the_known_falsehoods() {
    let rules = Rules::new();
    let mut found = Vec::new();
    for file in course_texts() {
        let text = std::fs::read_to_string(&file).unwrap();
        for sentence in sentences_of(&file, &text) {
            for f in rules.falsehoods_in(&sentence) {
                found.push(format!(
                    "{} [{}]: \"{sentence}\"\n    say instead: {}",
                    file.strip_prefix(common::repo()).unwrap().display(),
                    f.name,
                    f.truth
                ));
            }
        }
    }
    assert!(found.is_empty(), "false sentences:\n{}", found.join("\n"));
}

/// The course's files that never spawn run as one task: they may not talk
/// of "two tasks" (`join!` polls several futures inside one task).
#[test]
fn a_program_without_spawn_is_not_described_as_several_tasks() {
    let several = Regex::new(r"(?i)\b(two|three|both|several)\s+tasks\b").unwrap();
    let mut found = Vec::new();
    for dir in ["exercises", "solutions"] {
        for file in walk(&common::repo().join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            if file.extension().is_some_and(|e| e == "rs")
                && !text.contains("spawn")
                && several.is_match(&text)
            {
                found.push(file.display().to_string());
            }
        }
    }
    assert!(
        found.is_empty(),
        "these programs never spawn, so their futures share one task, yet they speak of several tasks:\n{}",
        found.join("\n")
    );
}

/// Each rule catches the false sentence it was written for (taken from the
/// course as it was), and lets the true one through.
#[test]
fn each_rule_catches_its_falsehood_and_spares_the_truth() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "await-pauses-the-task",
            "`.await` pauses this task until it is ready and gives you the value.",
            "`.await` suspends this async fn until the value is ready.",
        ),
        (
            "only-a-task-can-pause",
            "only a task can be paused and resumed, and a plain function or closure is not a task",
            "only a future can be suspended; an async block is a future, not a task",
        ),
        (
            "refcell-is-not-send",
            "A value that is not `Send` (`Rc`, `RefCell`, a raw pointer) alive across an `.await` would travel with it",
            "`RefCell<T>` is `Send` when `T` is, but `&RefCell` is not `Send`",
        ),
        (
            "refcell-borrow-blocks",
            "a `RefCell` borrow held across an `.await` blocks the other tasks",
            "a `RefCell` borrow held across an `.await` does not block the other tasks: their `borrow_mut` panics",
        ),
        (
            "drop-the-guard-before-await",
            "Keep the guard in a short scope that ends before the `.await` (copy what you need out, or `drop` the guard first)",
            "An explicit `drop(guard)` before the `.await` does not make the future `Send`",
        ),
        (
            "send-belongs-to-the-multi-thread-runtime",
            "On tokio's multi-thread runtime the task may continue on another thread, and the guard must not move (it is not `Send`)",
            "`tokio::spawn` needs a `Send` future on every runtime flavor, multi-thread or not",
        ),
        (
            "a-ready-future-yields",
            "awaiting a future that is ready at once gives the other tasks a turn",
            "awaiting a future that is ready at once does not give the thread back",
        ),
        (
            "dropping-a-joinhandle-cancels",
            "dropping the `JoinHandle` cancels the task",
            "dropping a `JoinHandle` detaches the task; it does not cancel it",
        ),
        (
            "the-blocking-pool-is-one-thread-per-core",
            "spawn_blocking runs it on a pool with one thread per core",
            "the blocking pool is not sized by the number of cores",
        ),
        (
            "a-task-panic-is-reported-only-by-its-handle",
            "tokio catches the panic and reports it only through the task's `JoinHandle` result",
            "the `JoinHandle`'s `.await` returns `Err(JoinError)`",
        ),
        (
            "iterator-adapters-come-from-a-trait-in-scope",
            "just like iterator adapters come from `Iterator`",
            "an extension trait, `futures::StreamExt`, provides them",
        ),
        (
            "building-a-runtime-inside-async-panics",
            "Blocking on a future there (`block_on`, or building a new runtime) freezes the loop",
            "Building a runtime is allowed; blocking on it there is not",
        ),
        (
            "tokio-stream-is-a-course-dependency",
            "`use futures::StreamExt;` (or `tokio_stream::StreamExt`)",
            "`use futures::StreamExt;`",
        ),
        (
            "unwrap-or-question-mark-handles-a-task-panic",
            "handle the `Err(JoinError)` (for example `.unwrap()` or `?`)",
            "handle the `Err(JoinError)`: `match` it",
        ),
        (
            "std-yield-now-gives-the-loop-a-turn",
            "call std::thread::yield_now to give the loop a turn",
            "`std::thread::yield_now()` does not give the loop a turn",
        ),
    ];
    assert_eq!(cases.len(), FALSEHOODS.len(), "every rule has a case");
    let rules = Rules::new();
    for (name, false_sentence, true_sentence) in cases {
        let caught: Vec<_> = rules
            .falsehoods_in(false_sentence)
            .iter()
            .map(|f| f.name)
            .collect();
        assert!(caught.contains(name), "{name} misses: {false_sentence}");
        let spared: Vec<_> = rules
            .falsehoods_in(true_sentence)
            .iter()
            .map(|f| f.name)
            .collect();
        assert!(
            !spared.contains(name),
            "{name} flags a true sentence: {true_sentence}"
        );
    }
}
