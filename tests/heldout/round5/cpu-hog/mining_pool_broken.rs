use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn hash(block: u64, nonce: u64) -> u64 {
    let mut h = block ^ 0x9E37_79B9_7F4A_7C15;
    h = (h ^ nonce).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 31;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 29)
}

/// Searches `tries` nonces for one whose hash is below the difficulty target.
async fn mine(block: u64, difficulty_bits: u32, tries: u64) -> Option<u64> {
    let target = u64::MAX >> difficulty_bits;
    for nonce in 0..tries {
        if hash(block, nonce) < target {
            return Some(nonce);
        }
    }
    None
}

/// Answers share-status pings from pool members.
fn spawn_status_responder(pings: Arc<AtomicU64>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            pings.fetch_add(1, Ordering::Relaxed);
            tokio::task::yield_now().await;
        }
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let pings = Arc::new(AtomicU64::new(0));
    let responder = spawn_status_responder(pings.clone());
    let started = Instant::now();
    for block in 1..=3u64 {
        let before = pings.load(Ordering::Relaxed);
        let found = mine(block * 1_000_003, 44, 1_500_000).await;
        let answered = pings.load(Ordering::Relaxed) - before;
        println!("block {block}: nonce {found:?}, status pings answered while mining: {answered}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    println!("done in {:?}", started.elapsed());
    responder.abort();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn pool_keeps_answering_while_mining() {
        let pings = Arc::new(AtomicU64::new(0));
        let responder = spawn_status_responder(pings.clone());
        let _ = mine(42, 60, 300_000).await;
        assert!(pings.load(Ordering::Relaxed) > 0, "status responder starved during mining");
        responder.abort();
    }

    #[test]
    fn easy_target_is_found() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        assert!(rt.block_on(mine(7, 1, 1000)).is_some());
    }
}
