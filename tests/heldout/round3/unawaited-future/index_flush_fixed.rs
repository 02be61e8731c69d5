use std::collections::BTreeMap;
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

struct WordIndex {
    words: BTreeMap<String, usize>,
}

impl WordIndex {
    fn add_document(&mut self, text: &str) {
        for word in text.split_whitespace() {
            *self.words.entry(word.to_lowercase()).or_default() += 1;
        }
    }

    async fn flush_to_disk(&self, path: PathBuf) -> std::io::Result<()> {
        let mut file = tokio::fs::File::create(&path).await?;
        for (word, count) in &self.words {
            file.write_all(format!("{word}\t{count}\n").as_bytes()).await?;
        }
        file.flush().await
    }
}

async fn rebuild(index: &mut WordIndex, docs: &[&str], out: PathBuf) {
    for doc in docs {
        index.add_document(doc);
    }
    let _ = index.flush_to_disk(out).await;
}

#[tokio::main]
async fn main() {
    let out = std::env::temp_dir().join(format!("word_index_{}.tsv", std::process::id()));
    let _ = tokio::fs::remove_file(&out).await;
    let docs = ["The quick brown fox", "the lazy dog", "Quick thinking saves the day"];
    let mut index = WordIndex { words: BTreeMap::new() };
    rebuild(&mut index, &docs, out.clone()).await;

    let saved = tokio::fs::read_to_string(&out).await.unwrap_or_default();
    println!("index has {} words, {} lines on disk", index.words.len(), saved.lines().count());
    let _ = tokio::fs::remove_file(&out).await;
}
