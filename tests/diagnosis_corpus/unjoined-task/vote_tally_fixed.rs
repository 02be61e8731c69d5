// corpus: run
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn count_precinct(precinct: u32) -> (String, u32) {
    tokio::time::sleep(Duration::from_millis(30 + precinct as u64 * 5)).await;
    (format!("precinct-{precinct}"), precinct * 100)
}

async fn announce(what: &str) {
    tokio::time::sleep(Duration::from_millis(1)).await;
    println!("{what}");
}

#[tokio::main]
async fn main() {
    let tally = Arc::new(Mutex::new(HashMap::new()));
    let mut counts = Vec::new();
    for precinct in 1..=4 {
        let tally = Arc::clone(&tally);
        counts.push(tokio::spawn(async move {
            let (name, votes) = count_precinct(precinct).await;
            tally.lock().unwrap().insert(name, votes);
        }));
    }
    announce("counting started").await;
    for c in counts {
        c.await.unwrap();
    }
    let total: u32 = tally.lock().unwrap().values().sum();
    println!("total votes: {total}");
}
