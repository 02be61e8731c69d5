use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::{Duration, Instant};

#[derive(Default)]
struct Sessions {
    by_token: HashMap<String, (String, Instant)>,
}

#[derive(Clone, Default)]
struct SessionStore {
    inner: Arc<Mutex<Sessions>>,
}

impl SessionStore {
    async fn count(&self) -> usize {
        self.inner.lock().await.by_token.len()
    }

    async fn login(&self, user: &str) -> String {
        let token = format!("tok-{user}-{}", user.len() * 7919);
        {
            let mut sessions = self.inner.lock().await;
            sessions.by_token.insert(token.clone(), (user.to_string(), Instant::now()));
        }
        println!("{user} logged in ({} active sessions)", self.count().await);
        token
    }

    async fn expire_older_than(&self, age: Duration) -> usize {
        let mut sessions = self.inner.lock().await;
        let before = sessions.by_token.len();
        sessions.by_token.retain(|_, (_, at)| at.elapsed() < age);
        before - sessions.by_token.len()
    }
}

#[tokio::main]
async fn main() {
    let store = SessionStore::default();
    let t1 = store.login("ana").await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let t2 = store.login("bo").await;
    let expired = store.expire_older_than(Duration::from_millis(30)).await;
    println!("tokens {t1}, {t2}; expired {expired}, {} left", store.count().await);
}
