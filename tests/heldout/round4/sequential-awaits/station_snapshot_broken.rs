// Sensor gateway: a weather station snapshot combines three sensors on
// separate buses; each bus needs a while to answer.
use std::time::{Duration, Instant};

struct Station {
    id: &'static str,
}

impl Station {
    async fn temperature(&self) -> f32 {
        tokio::time::sleep(Duration::from_millis(1100)).await;
        21.4
    }
    async fn humidity(&self) -> f32 {
        tokio::time::sleep(Duration::from_millis(1200)).await;
        63.0
    }
    async fn wind_speed(&self) -> f32 {
        tokio::time::sleep(Duration::from_millis(1000)).await;
        4.2
    }

    async fn snapshot(&self) -> String {
        let t = self.temperature().await;
        let h = self.humidity().await;
        let w = self.wind_speed().await;
        format!("{}: {t:.1} C, {h:.0}% RH, wind {w:.1} m/s", self.id)
    }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let station = Station { id: "roof-north" };
    let snap = station.snapshot().await;
    println!("{snap}");
    println!("snapshot took {} ms (upload slot is every 1500 ms)", started.elapsed().as_millis());
}
