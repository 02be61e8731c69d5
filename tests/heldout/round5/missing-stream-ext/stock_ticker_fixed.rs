use futures::stream::{self, StreamExt};
use std::time::Duration;

#[tokio::main]
async fn main() {
    let ticks = vec![101.5, 102.25, 99.75, 103.0, 103.0, 98.4];
    let pairs: Vec<(f64, f64)> = ticks.windows(2).map(|w| (w[0], w[1])).collect();

    let moves: Vec<String> = stream::iter(pairs)
        .then(|(prev, cur)| async move {
            tokio::time::sleep(Duration::from_millis(5)).await; // wait for the next tick
            let arrow = if cur > prev { "^" } else if cur < prev { "v" } else { "=" };
            format!("{arrow}{:+.2}", cur - prev)
        })
        .collect()
        .await;

    println!("ACME: {}", moves.join("  "));
}
