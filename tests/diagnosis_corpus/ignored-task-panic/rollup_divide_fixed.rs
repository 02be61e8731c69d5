use std::time::Duration;
use tokio::task::JoinSet;

async fn rollup(sensor: u32, samples: Vec<i32>) -> (u32, i32) {
    tokio::time::sleep(Duration::from_millis(2)).await;
    let mean = samples.iter().sum::<i32>() / samples.len() as i32;
    (sensor, mean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_sensor_gets_a_mean() {
        let feeds = vec![(1, vec![20, 22, 21]), (2, vec![18]), (3, vec![5, 7])];
        let mut set = JoinSet::new();
        for (id, s) in feeds {
            set.spawn(rollup(id, s));
        }
        let mut means = Vec::new();
        while let Some(res) = set.join_next().await {
            match res {
                Ok(m) => means.push(m),
                Err(e) => panic!("rollup task failed: {e}"),
            }
        }
        means.sort();
        println!("means: {means:?}");
        assert_eq!(means.len(), 3);
    }
}

fn main() {}
