use futures::stream::{FuturesUnordered, StreamExt};
use std::time::{Duration, Instant};

/// The engine thinks longer on busier boards.
async fn think(board: u32, pieces: u32) -> (u32, String, u64) {
    let ms = pieces as u64 * 4;
    tokio::time::sleep(Duration::from_millis(ms)).await;
    let files = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let mv = format!("N{}{}", files[(board * 3 % 8) as usize], 1 + pieces % 8);
    (board, mv, ms)
}

#[tokio::main]
async fn main() {
    let boards = [(1, 32), (2, 18), (3, 25), (4, 9), (5, 30)];
    let started = Instant::now();

    let mut thinking: FuturesUnordered<_> = boards.iter().map(|&(b, p)| think(b, p)).collect();

    let mut order = Vec::new();
    while let Some((board, mv, ms)) = thinking.next().await {
        println!("board {board}: {mv} after {ms} ms");
        order.push(board);
    }
    println!("simul round done in {:?}, reply order {order:?}", started.elapsed());
}
