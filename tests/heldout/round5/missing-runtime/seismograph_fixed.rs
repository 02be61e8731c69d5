use std::time::Duration;

async fn sample(channel: u8) -> f64 {
    tokio::time::sleep(Duration::from_millis(5 * channel as u64)).await;
    // fake ground motion in micrometres
    ((channel as f64) * 1.7).sin().abs() * 12.0
}

#[tokio::main]
async fn main() {
    let channels = [1u8, 2, 3, 4];
    let mut peak = 0.0f64;
    for round in 1..=3 {
        let readings = futures::future::join_all(channels.iter().map(|c| sample(*c + round))).await;
        let max = readings.iter().cloned().fold(0.0, f64::max);
        println!("round {round}: max amplitude {max:.2} um");
        peak = peak.max(max);
    }
    if peak > 10.0 {
        println!("ALERT: tremor detected (peak {peak:.2} um)");
    } else {
        println!("all quiet (peak {peak:.2} um)");
    }
}
