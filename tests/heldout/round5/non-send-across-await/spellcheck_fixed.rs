use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

/// Remote dictionary service.
async fn in_dictionary(word: &str) -> bool {
    tokio::time::sleep(Duration::from_millis(5)).await;
    !word.contains("zz") && !word.contains("qq") && word.len() < 12
}

async fn check_document(text: String) -> Vec<String> {
    let memo: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
    let mut misspelled = Vec::new();
    for word in text.split_whitespace() {
        let cached = memo.borrow().get(word).copied();
        let ok = match cached {
            Some(ok) => ok,
            None => {
                let ok = in_dictionary(word).await;
                memo.borrow_mut().insert(word.to_string(), ok);
                ok
            }
        };
        if !ok {
            misspelled.push(word.to_string());
        }
    }
    misspelled
}

#[tokio::main]
async fn main() {
    let docs = vec![
        ("memo.txt", "the pizzza party is on friday the pizzza is free"),
        ("notes.txt", "remember the quarterly numbbers and the qqueue fix"),
        ("draft.txt", "nothing wrong in this one"),
    ];
    let mut checks = Vec::new();
    for (name, text) in docs {
        checks.push((name, tokio::spawn(check_document(text.to_string()))));
    }
    for (name, h) in checks {
        let bad = h.await.unwrap();
        println!("{name}: {} issue(s) {:?}", bad.len(), bad);
    }
}
