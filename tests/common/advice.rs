//! Advice is code: the code a hint or a catalogue route names must be found
//! in a program that passes. These helpers pull that code out of the prose.

/// The code fragments of a piece of advice: every `backticked` span, with
/// whitespace removed and split where the advice elides code (`..`), keeping
/// the fragments long enough to mean something (3 characters or more).
pub fn code_fragments(advice: &str) -> Vec<String> {
    advice
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|span| {
            let span: String = span.chars().filter(|c| !c.is_whitespace()).collect();
            span.split("..")
                .map(|f| f.trim_matches('.').to_string())
                .collect::<Vec<_>>()
        })
        .filter(|f| f.chars().count() >= 3)
        .collect()
}

/// `code` without whitespace, to look fragments up in.
pub fn squeezed(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The names of the code a hint mentions: in each `backticked` span, every
/// identifier that is a type or a keyword, or is called, used as a path or
/// as a method (`tokio::join!(a, b)` -> `tokio`, `join`; the arguments `a`
/// and `b` are placeholders, not code to find).
pub fn api_names(advice: &str) -> Vec<String> {
    let mut names = Vec::new();
    for span in advice.split('`').skip(1).step_by(2) {
        let chars: Vec<char> = span.chars().collect();
        // Neighbours are read past whitespace: `join! (a)` is a call too.
        let around = |range: &mut dyn Iterator<Item = &char>| -> String {
            range.filter(|c| !c.is_whitespace()).take(2).collect()
        };
        let mut i = 0;
        while i < chars.len() {
            if !(chars[i].is_alphabetic() || chars[i] == '_') {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let before = around(&mut chars[..start].iter().rev());
            let after = around(&mut chars[i..].iter());
            let is_api = word.starts_with(char::is_uppercase)
                || KEYWORDS.contains(&word.as_str())
                || after.starts_with(['(', '!', '<'])
                || after == "::"
                || before.starts_with('.')
                || before == "::";
            // One letter is a placeholder (`Result<T, E>`), never an API.
            if is_api && word.chars().count() > 1 && !names.contains(&word) {
                names.push(word);
            }
        }
    }
    names
}

/// Whether `code` has `name` as a whole identifier.
pub fn has_identifier(code: &str, name: &str) -> bool {
    code.match_indices(name).any(|(at, _)| {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        !code[..at].ends_with(ident) && !code[at + name.len()..].starts_with(ident)
    })
}

const KEYWORDS: &[&str] = &[
    "async", "move", "await", "let", "while", "loop", "for", "match",
];
