use std::collections::HashMap;
use std::time::Duration;

struct FlagStore {
    raw: HashMap<String, String>,
}

impl FlagStore {
    fn new() -> Self {
        let mut raw = HashMap::new();
        raw.insert("dark_mode".to_string(), "on".to_string());
        raw.insert("beta_search".to_string(), "off".to_string());
        raw.insert("new_checkout".to_string(), "maybe".to_string());
        FlagStore { raw }
    }

    async fn fetch(&self, name: &str) -> Result<bool, String> {
        tokio::time::sleep(Duration::from_millis(10)).await;
        match self.raw.get(name).map(String::as_str) {
            Some("on") => Ok(true),
            Some("off") => Ok(false),
            Some(other) => Err(format!("flag {name} has bad value {other:?}")),
            None => Err(format!("flag {name} not found")),
        }
    }
}

async fn is_enabled(store: &FlagStore, name: &str) -> bool {
    match store.fetch(name).await {
        Ok(v) => v,
        Err(e) => {
            eprintln!("warning: {e}; treating it as off");
            false
        }
    }
}

#[tokio::main]
async fn main() {
    let store = FlagStore::new();
    for name in ["dark_mode", "beta_search", "new_checkout", "holiday_banner"] {
        let state = if is_enabled(&store, name).await { "enabled" } else { "disabled" };
        println!("{name}: {state}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn known_flags_are_read() {
        let store = FlagStore::new();
        assert!(is_enabled(&store, "dark_mode").await);
        assert!(!is_enabled(&store, "beta_search").await);
    }

    #[tokio::test]
    async fn broken_values_default_to_off() {
        let store = FlagStore::new();
        assert!(!is_enabled(&store, "new_checkout").await);
        assert!(!is_enabled(&store, "does_not_exist").await);
    }
}
