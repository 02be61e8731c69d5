// Delivery scheduler: a brute-force route optimiser runs next to the dispatch
// heartbeat; it hands control back to the runtime regularly.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::time::{sleep, Duration, Instant};

fn route_cost(order: &[usize], dist: &[Vec<u32>]) -> u32 {
    order.windows(2).map(|w| dist[w[0]][w[1]]).sum()
}

fn next_permutation(v: &mut [usize]) -> bool {
    let Some(i) = (1..v.len()).rev().find(|&i| v[i - 1] < v[i]) else { return false };
    let j = (i..v.len()).rev().find(|&j| v[j] > v[i - 1]).unwrap();
    v.swap(i - 1, j);
    v[i..].reverse();
    true
}

async fn best_route(dist: Vec<Vec<u32>>) -> (u32, Vec<usize>) {
    let mut order: Vec<usize> = (0..dist.len()).collect();
    let mut best = (u32::MAX, order.clone());
    let mut checked: u64 = 0;
    loop {
        let c = route_cost(&order, &dist);
        if c < best.0 {
            best = (c, order.clone());
        }
        checked += 1;
        if checked % 2_000 == 0 {
            tokio::task::yield_now().await;
        }
        if !next_permutation(&mut order) {
            break;
        }
    }
    best
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let worst_gap = Arc::new(AtomicU64::new(0));
    let heartbeat = {
        let worst_gap = worst_gap.clone();
        tokio::spawn(async move {
            loop {
                let t = Instant::now();
                sleep(Duration::from_millis(10)).await;
                worst_gap.fetch_max(t.elapsed().as_millis() as u64, Ordering::Relaxed);
            }
        })
    };

    let n = 9;
    let dist: Vec<Vec<u32>> = (0..n)
        .map(|i| (0..n).map(|j| ((i * 17 + j * 31) % 23 + 1) as u32).collect())
        .collect();
    let (cost, route) = tokio::spawn(best_route(dist)).await.unwrap();
    sleep(Duration::from_millis(30)).await;
    heartbeat.abort();

    let worst = worst_gap.load(Ordering::Relaxed);
    println!("best route {:?} cost {cost}; worst dispatch gap {worst} ms", route);
    assert!(worst < 100, "dispatch heartbeat starved");
}
