use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::task::JoinHandle;
use tokio::time::{interval, Duration};

struct Matchmaker {
    region: String,
    queue: Arc<Mutex<Vec<String>>>,
}

impl Matchmaker {
    fn start(&self, rounds: usize) -> JoinHandle<Vec<(String, String)>> {
        tokio::spawn(async move {
            let mut matches = Vec::new();
            let mut every = interval(Duration::from_millis(10));
            for _ in 0..rounds {
                every.tick().await;
                let mut q = self.queue.lock().await;
                while q.len() >= 2 {
                    let a = q.remove(0);
                    let b = q.remove(0);
                    println!("[{}] match: {a} vs {b}", self.region);
                    matches.push((a, b));
                }
            }
            matches
        })
    }
}

#[tokio::main]
async fn main() {
    let mm = Matchmaker { region: "eu-west".into(), queue: Arc::new(Mutex::new(Vec::new())) };
    let runner = mm.start(5);
    for player in ["ana", "bo", "cy", "dee", "eve"] {
        mm.queue.lock().await.push(player.to_string());
        tokio::time::sleep(Duration::from_millis(7)).await;
    }
    let matches = runner.await.unwrap();
    println!("{} matches made, {} still waiting", matches.len(), mm.queue.lock().await.len());
}
