//! The `diagnose --json` object (docs/diagnose-json.md): every finding,
//! uncapped, for programs to read.

use serde::Serialize;

use crate::outcome::{CompilerMessage, Event, Finding, Mode, NoteId, Outcome, SCHEMA_VERSION};

/// The version of the JSON object that `diagnose --json` prints.
pub const DIAGNOSE_SCHEMA: u32 = 1;

#[derive(Serialize)]
struct DiagnoseJson<'a> {
    schema: u32,
    file: &'a str,
    verdict: crate::outcome::Verdict,
    /// Which run gave the verdict: "test" or "run".
    stage: Mode,
    summary: &'a str,
    mistakes: &'a [Finding],
    notes: &'a [Finding<NoteId>],
    errors: Vec<JsonError<'a>>,
    /// What the program reported while it ran (the watchdog's stalls...).
    events: &'a [Event],
    outcome_schema: u32,
    duration_ms: u64,
}

#[derive(Serialize)]
struct JsonError<'a> {
    code: Option<&'a str>,
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
}

impl<'a> From<&'a CompilerMessage> for JsonError<'a> {
    fn from(m: &'a CompilerMessage) -> Self {
        JsonError {
            code: m.code.as_deref(),
            message: &m.message,
            line: m.line,
            column: m.column,
        }
    }
}

/// One JSON object for programs to read.
pub fn to_json(outcome: &Outcome) -> String {
    let json = DiagnoseJson {
        schema: DIAGNOSE_SCHEMA,
        file: &outcome.path,
        verdict: outcome.verdict,
        stage: outcome.mode,
        summary: &outcome.summary,
        mistakes: &outcome.mistakes,
        notes: &outcome.notes,
        errors: outcome.errors().map(JsonError::from).collect(),
        events: &outcome.events,
        outcome_schema: SCHEMA_VERSION,
        duration_ms: outcome.timings.total_ms,
    };
    serde_json::to_string(&json).expect("plain data always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{MistakeId, Timings, Verdict};

    #[test]
    fn json_has_the_documented_fields() {
        let mut o = Outcome {
            schema: SCHEMA_VERSION,
            name: "case".into(),
            path: "case.rs".into(),
            mode: Mode::Run,
            verdict: Verdict::TimedOut,
            summary: String::new(),
            diagnostics: Vec::new(),
            tests: Vec::new(),
            run: None,
            events: Vec::new(),
            expected_output: None,
            mistakes: Vec::new(),
            notes: Vec::new(),
            timings: Timings::default(),
        };
        o.mistakes.push(Finding {
            id: MistakeId::Deadlock,
            line: 3,
            column: 5,
            message: "m".into(),
            confidence: 0.5,
        });
        let v: serde_json::Value = serde_json::from_str(&to_json(&o)).unwrap();
        assert_eq!(v["schema"], 1);
        assert_eq!(v["verdict"], "timed-out");
        assert_eq!(v["mistakes"][0]["id"], "deadlock");
        assert_eq!(v["mistakes"][0]["line"], 3);
        assert!(v["notes"].as_array().unwrap().is_empty());
        assert_eq!(v["events"], serde_json::json!([]));
        o.events.push(Event::LoopBlocked { ms: 420 });
        let v: serde_json::Value = serde_json::from_str(&to_json(&o)).unwrap();
        assert_eq!(
            v["events"],
            serde_json::json!([{"event": "loop-blocked", "ms": 420}])
        );
    }
}
