use futures::future::join_all;
use std::collections::HashMap;
use std::time::Duration;

async fn shard_count(shard: usize, samples: &HashMap<usize, Vec<u64>>) -> u64 {
    tokio::time::sleep(Duration::from_millis(10 * shard as u64)).await;
    samples.get(&shard).map(|v| v.iter().sum()).unwrap_or(0)
}

async fn aggregate(samples: &HashMap<usize, Vec<u64>>) -> u64 {
    let pending = (0..4).map(|s| shard_count(s, samples));
    let per_shard = join_all(pending).await;
    per_shard.iter().copied().sum()
}

#[tokio::main]
async fn main() {
    let mut samples = HashMap::new();
    samples.insert(0, vec![3, 4, 5]);
    samples.insert(1, vec![10]);
    samples.insert(3, vec![7, 7]);
    let total = aggregate(&samples).await;
    println!("total latency samples: {total}");
}
