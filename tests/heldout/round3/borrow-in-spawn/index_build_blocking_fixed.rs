use std::collections::HashMap;

#[derive(Clone)]
struct Doc {
    id: u32,
    body: String,
}

fn build_index(docs: &[Doc]) -> HashMap<String, Vec<u32>> {
    let mut index: HashMap<String, Vec<u32>> = HashMap::new();
    for doc in docs {
        for word in doc.body.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            index.entry(word.to_lowercase()).or_default().push(doc.id);
        }
    }
    index
}

#[tokio::main]
async fn main() {
    let docs = vec![
        Doc { id: 1, body: "Tokio is an async runtime".into() },
        Doc { id: 2, body: "The runtime drives futures".into() },
        Doc { id: 3, body: "Futures are lazy; tokio polls them".into() },
    ];

    let to_index = docs.clone();
    let index = tokio::task::spawn_blocking(move || build_index(&to_index)).await.unwrap();

    for term in ["tokio", "futures", "runtime"] {
        println!("{term:>8}: {:?}", index.get(term).cloned().unwrap_or_default());
    }
    println!("indexed {} documents, {} terms", docs.len(), index.len());
}
