use std::time::Duration;
use tokio::time::timeout;

#[derive(Debug)]
struct Reading {
    station: String,
    celsius: f32,
}

async fn read_station(name: &str) -> Reading {
    // the summit station is on a flaky radio link
    let delay = if name == "summit" { 300 } else { 20 };
    tokio::time::sleep(Duration::from_millis(delay)).await;
    Reading {
        station: name.to_string(),
        celsius: 14.0 + name.len() as f32 * 1.5,
    }
}

#[tokio::main]
async fn main() {
    let stations = ["harbor", "summit", "valley", "airport"];
    let mut hottest: Option<Reading> = None;

    for name in stations {
        let result = timeout(Duration::from_millis(100), read_station(name));
        match result {
            Ok(reading) => {
                println!("{:>8}: {:.1} C", reading.station, reading.celsius);
                if hottest.as_ref().map_or(true, |h| reading.celsius > h.celsius) {
                    hottest = Some(reading);
                }
            }
            Err(_) => println!("{name:>8}: no answer in time"),
        }
    }

    if let Some(h) = hottest {
        println!("hottest station: {} ({:.1} C)", h.station, h.celsius);
    }
}
