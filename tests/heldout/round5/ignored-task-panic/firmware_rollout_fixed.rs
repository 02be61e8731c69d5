use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Fleet = Arc<Mutex<BTreeMap<String, String>>>;

fn parse_version(v: &str) -> (u32, u32) {
    let mut parts = v.split('.').map(|p| p.parse::<u32>().unwrap());
    (parts.next().unwrap(), parts.next().unwrap())
}

async fn flash_all(fleet: Fleet, target: &'static str) {
    let devices: Vec<(String, String)> =
        fleet.lock().unwrap().iter().map(|(d, v)| (d.clone(), v.clone())).collect();
    for (device, current) in devices {
        if parse_version(&current) >= parse_version(target) {
            continue;
        }
        tokio::time::sleep(Duration::from_millis(15)).await; // OTA upload
        fleet.lock().unwrap().insert(device, target.to_string());
    }
}

#[tokio::main]
async fn main() {
    let fleet: Fleet = Arc::new(Mutex::new(BTreeMap::from([
        ("thermo-01".to_string(), "2.3".to_string()),
        ("thermo-02".to_string(), "2.4".to_string()),
        ("thermo-03".to_string(), "2.x".to_string()),
        ("thermo-04".to_string(), "1.9".to_string()),
        ("thermo-05".to_string(), "2.1".to_string()),
    ])));

    let worker = tokio::spawn(flash_all(fleet.clone(), "2.4"));
    println!("rolling out firmware 2.4...");
    match worker.await {
        Ok(()) => println!("rollout finished"),
        Err(e) => println!("rollout ABORTED, fleet left in a mixed state: {e}"),
    }

    for (device, version) in fleet.lock().unwrap().iter() {
        println!("  {device}: {version}");
    }
}
