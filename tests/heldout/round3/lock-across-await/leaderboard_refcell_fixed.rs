use std::cell::RefCell;
use std::collections::BTreeMap;
use tokio::time::{sleep, Duration};

struct Leaderboard {
    scores: RefCell<BTreeMap<String, u32>>,
}

impl Leaderboard {
    async fn record(&self, player: &str, points: u32) {
        {
            let mut scores = self.scores.borrow_mut();
            let total = scores.entry(player.to_string()).or_insert(0);
            *total += points;
        }
        // persist the new total
        sleep(Duration::from_millis(10)).await;
    }
}

async fn play(board: &Leaderboard, player: &str, rounds: &[u32]) {
    for points in rounds {
        board.record(player, *points).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let board = Leaderboard { scores: RefCell::new(BTreeMap::new()) };
    futures::future::join3(
        play(&board, "mario", &[100, 250, 50]),
        play(&board, "luigi", &[80, 80]),
        play(&board, "peach", &[300]),
    )
    .await;
    for (player, total) in board.scores.borrow().iter() {
        println!("{player:>6}: {total}");
    }
}
