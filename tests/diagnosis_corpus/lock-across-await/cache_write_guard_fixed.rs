// corpus: run
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Duration;

struct Cache {
    entries: RwLock<HashMap<u32, String>>,
}

impl Cache {
    async fn get_or_fetch(&self, key: u32) -> String {
        if let Some(v) = self.entries.read().unwrap().get(&key) {
            return v.clone();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        let value = format!("value-{key}");
        self.entries.write().unwrap().insert(key, value.clone());
        value
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let cache = Cache { entries: RwLock::new(HashMap::new()) };
    let (a, b) = tokio::join!(cache.get_or_fetch(1), cache.get_or_fetch(2));
    println!("{a} {b}");
}
