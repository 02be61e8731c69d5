use std::sync::Arc;
use std::time::Duration;

struct Device {
    name: &'static str,
    watts: u32,
}

fn devices_in(room: &str) -> Vec<Device> {
    match room {
        "kitchen" => vec![
            Device { name: "fridge", watts: 150 },
            Device { name: "oven", watts: 2000 },
            Device { name: "kettle", watts: 0 },
        ],
        _ => vec![
            Device { name: "ev-charger", watts: 7400 },
            Device { name: "freezer", watts: 90 },
        ],
    }
}

async fn poll_meter(dev: &Device) -> u32 {
    // Zigbee round trip
    tokio::time::sleep(Duration::from_millis(10)).await;
    dev.watts
}

#[tokio::main]
async fn main() {
    let mut rooms = Vec::new();
    for room in ["kitchen", "garage"] {
        let devices = Arc::new(devices_in(room));
        rooms.push(tokio::spawn(async move {
            let mut total = 0;
            for d in devices.iter() {
                let w = poll_meter(d).await;
                if w > 1000 {
                    println!("{room}: {} is drawing {w} W", d.name);
                }
                total += w;
            }
            (room, total)
        }));
    }

    for r in rooms {
        let (room, watts) = r.await.unwrap();
        println!("{room}: {watts} W total");
    }
}
