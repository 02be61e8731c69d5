use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

#[derive(Default)]
struct Board {
    scores: Vec<(String, u32)>,
}

/// Writes the board to the save file (slow disk on the game server).
async fn persist(snapshot: Vec<(String, u32)>) {
    tokio::time::sleep(Duration::from_millis(100)).await;
    drop(snapshot);
}

async fn submit(board: Arc<Mutex<Board>>, player: String, score: u32) {
    let mut b = board.lock().await;
    b.scores.push((player, score));
    b.scores.sort_by(|x, y| y.1.cmp(&x.1));
    persist(b.scores.clone()).await;
}

async fn end_of_round(board: Arc<Mutex<Board>>, players: u32) -> Duration {
    let started = Instant::now();
    let handles: Vec<_> = (0..players)
        .map(|i| tokio::spawn(submit(board.clone(), format!("player{i}"), (i * 37) % 101)))
        .collect();
    for h in handles {
        h.await.unwrap();
    }
    started.elapsed()
}

#[tokio::main]
async fn main() {
    let board = Arc::new(Mutex::new(Board::default()));
    let took = end_of_round(board.clone(), 10).await;
    let b = board.lock().await;
    println!("round closed in {took:?}");
    for (rank, (name, score)) in b.scores.iter().take(3).enumerate() {
        println!("#{} {name} {score}", rank + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn scores_are_saved_concurrently() {
        let board = Arc::new(Mutex::new(Board::default()));
        let took = end_of_round(board.clone(), 10).await;
        assert_eq!(board.lock().await.scores.len(), 10);
        assert!(took < Duration::from_millis(300), "end of round took {took:?}");
    }
}
