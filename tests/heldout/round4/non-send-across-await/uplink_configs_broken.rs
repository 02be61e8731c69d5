// Sensor gateway: each uplink task parses its probe configuration and
// then polls the probe a few times, reporting bad configs as it goes.
use std::error::Error;
use std::time::Duration;

#[derive(Debug)]
struct ProbeConfig {
    name: String,
    interval_ms: u64,
}

fn parse_config(line: &str) -> Result<ProbeConfig, Box<dyn Error>> {
    let (name, interval) = line.split_once('@').ok_or("missing '@'")?;
    Ok(ProbeConfig { name: name.trim().to_string(), interval_ms: interval.trim().parse()? })
}

async fn uplink(line: &'static str) -> String {
    let parsed = parse_config(line);
    tokio::time::sleep(Duration::from_millis(10)).await;
    match parsed {
        Ok(cfg) => {
            let mut polled = 0;
            for _ in 0..3 {
                tokio::time::sleep(Duration::from_millis(cfg.interval_ms)).await;
                polled += 1;
            }
            format!("{}: polled {polled} times", cfg.name)
        }
        Err(e) => format!("{line:?}: bad config ({e})"),
    }
}

#[tokio::main]
async fn main() {
    let configs = ["boiler @ 20", "intake @ fast", "exhaust 15", "stack @ 5"];
    let tasks: Vec<_> = configs.into_iter().map(|c| tokio::spawn(uplink(c))).collect();
    for t in tasks {
        println!("{}", t.await.unwrap());
    }
}
