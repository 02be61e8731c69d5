// IoT gateway: each sensor topic gets a forwarder task that pushes readings
// upstream and keeps running statistics for the dashboard.
use std::cell::RefCell;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{sleep, Duration};

#[derive(Default, Debug)]
struct Stats {
    forwarded: u32,
    sum: f64,
    max: f64,
}

async fn publish(uplink: &mpsc::Sender<String>, topic: &str, value: f64) {
    sleep(Duration::from_millis(2)).await; // MQTT publish
    uplink.send(format!("{topic}={value:.1}")).await.expect("uplink closed");
}

fn spawn_forwarder(topic: &'static str, readings: Vec<f64>, uplink: mpsc::Sender<String>) -> JoinHandle<Stats> {
    tokio::spawn(async move {
        let stats = RefCell::new(Stats::default());
        for v in readings {
            {
                let mut s = stats.borrow_mut();
                s.forwarded += 1;
                s.sum += v;
                if v > s.max {
                    s.max = v;
                }
            }
            publish(&uplink, topic, v).await;
        }
        stats.into_inner()
    })
}

#[tokio::main]
async fn main() {
    let (uplink, mut broker) = mpsc::channel(64);
    let temp = spawn_forwarder("greenhouse/temp", vec![21.5, 22.0, 23.4], uplink.clone());
    let hum = spawn_forwarder("greenhouse/humidity", vec![61.0, 58.5], uplink);

    let printer = tokio::spawn(async move {
        while let Some(msg) = broker.recv().await {
            println!("broker <- {msg}");
        }
    });
    for h in [temp, hum] {
        let s = h.await.unwrap();
        println!("forwarded {} readings, avg {:.2}, max {:.1}", s.forwarded, s.sum / s.forwarded as f64, s.max);
    }
    printer.await.unwrap();
}
