// Sensor gateway: each probe task pushes readings into a channel; a
// collector task keeps the latest value per probe and the alarm count.
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::Duration;

#[derive(Debug)]
struct Reading {
    probe: &'static str,
    celsius: f32,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = mpsc::channel::<Reading>();

    let mut probes = Vec::new();
    for (probe, base) in [("boiler", 70.0f32), ("intake", 18.0), ("exhaust", 95.0)] {
        let tx = tx.clone();
        probes.push(tokio::spawn(async move {
            for i in 0..4 {
                tokio::time::sleep(Duration::from_millis(20)).await;
                tx.send(Reading { probe, celsius: base + i as f32 * 2.5 }).unwrap();
            }
        }));
    }
    drop(tx);

    let collector = tokio::spawn(async move {
        let mut latest = BTreeMap::new();
        let mut alarms = 0;
        for r in rx.iter() {
            if r.celsius > 100.0 {
                alarms += 1;
            }
            latest.insert(r.probe, r.celsius);
        }
        (latest, alarms)
    });

    for p in probes {
        p.await.unwrap();
    }
    let (latest, alarms) = collector.await.unwrap();
    for (probe, c) in &latest {
        println!("{probe}: {c:.1} C");
    }
    println!("{alarms} over-temperature alarms");
}
