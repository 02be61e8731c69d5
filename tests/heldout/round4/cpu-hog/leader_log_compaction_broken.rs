// Leader election toy: the leader sends a heartbeat every 40 ms; the
// follower starts an election if it hears nothing for 150 ms. Halfway
// through, the leader starts compacting its log (sort + dedup) in the
// background and keeps beating.
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

fn compact(mut log: Vec<(u64, u64)>) -> Vec<(u64, u64)> {
    log.sort_unstable();
    log.dedup_by_key(|e| e.0);
    log
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (beat_tx, mut beat_rx) = mpsc::channel::<u32>(16);
    let mut log: Vec<(u64, u64)> = (0..1_500_000u64).map(|i| ((i * 7919) % 1_000_003, i)).collect();

    let follower = tokio::spawn(async move {
        let mut last = Instant::now();
        let mut elections = 0;
        while let Some(_term) = beat_rx.recv().await {
            let silence = last.elapsed();
            if silence > Duration::from_millis(150) {
                elections += 1;
                println!("follower: leader silent for {} ms, calling an election", silence.as_millis());
            }
            last = Instant::now();
        }
        elections
    });

    let leader = tokio::spawn(async move {
        let mut compaction = None;
        for tick in 0..10 {
            beat_tx.send(1).await.unwrap();
            tokio::time::sleep(Duration::from_millis(40)).await;
            if tick == 4 {
                let log = std::mem::take(&mut log);
                compaction = Some(tokio::spawn(async move { compact(log) }));
            }
        }
        let compacted = compaction.unwrap().await.unwrap();
        println!("leader: compacted log to {} entries", compacted.len());
    });

    leader.await.unwrap();
    let elections = follower.await.unwrap();
    println!("spurious elections: {elections}");
}
