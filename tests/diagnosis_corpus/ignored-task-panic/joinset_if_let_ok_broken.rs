// corpus: run
use tokio::task::JoinSet;

fn calibrate(raw: &[i32]) -> i32 {
    let max = *raw.iter().max().expect("sensor returned no readings");
    max - raw[0]
}

async fn poll_sensors(readings: Vec<Vec<i32>>) -> usize {
    let mut set = JoinSet::new();
    for raw in readings {
        set.spawn(async move { calibrate(&raw) });
    }
    let mut calibrated = 0;
    while let Some(res) = set.join_next().await {
        if let Ok(offset) = res {
            println!("offset {offset}");
            calibrated += 1;
        }
    }
    calibrated
}

#[tokio::main]
async fn main() {
    let n = poll_sensors(vec![vec![3, 9, 4], vec![], vec![1, 2]]).await;
    println!("{n} sensors calibrated");
}
