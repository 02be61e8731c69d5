use std::collections::HashMap;
use tokio::sync::Mutex;

const TTL_SECS: u64 = 30;

struct Session {
    user: String,
    last_seen: u64,
}

struct SessionStore {
    sessions: Mutex<HashMap<u64, Session>>,
}

impl SessionStore {
    async fn evict(&self, id: u64) {
        let mut sessions = self.sessions.lock().await;
        if let Some(s) = sessions.remove(&id) {
            println!("evicted session {id} ({})", s.user);
        }
    }

    /// Refreshes a session; returns false if it is unknown or has expired.
    async fn touch(&self, id: u64, now: u64) -> bool {
        let mut sessions = self.sessions.lock().await;
        match sessions.get_mut(&id) {
            Some(s) if now - s.last_seen > TTL_SECS => {
                self.evict(id).await;
                false
            }
            Some(s) => {
                s.last_seen = now;
                true
            }
            None => false,
        }
    }
}

#[tokio::main]
async fn main() {
    let store = SessionStore {
        sessions: Mutex::new(HashMap::from([
            (1, Session { user: "mira".into(), last_seen: 100 }),
            (2, Session { user: "otto".into(), last_seen: 60 }),
            (3, Session { user: "lena".into(), last_seen: 95 }),
        ])),
    };

    let now = 110;
    for id in [1, 3, 2, 4] {
        let ok = store.touch(id, now).await;
        println!("request with session {id}: {}", if ok { "accepted" } else { "login required" });
    }
    println!("{} sessions active", store.sessions.lock().await.len());
}
