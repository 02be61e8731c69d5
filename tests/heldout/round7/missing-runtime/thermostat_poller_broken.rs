// IoT: a small sync CLI that polls a fleet of thermostats and prints the readings.
use tokio::runtime::Runtime;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{sleep, Duration};

#[derive(Debug)]
struct Reading {
    device: &'static str,
    celsius: f32,
}

struct Poller {
    rx: mpsc::Receiver<Reading>,
    _poll_task: JoinHandle<()>,
}

impl Poller {
    fn start(devices: Vec<&'static str>) -> Self {
        let (tx, rx) = mpsc::channel(16);
        let poll_task = tokio::spawn(async move {
            for (i, device) in devices.into_iter().enumerate() {
                sleep(Duration::from_millis(10)).await; // modbus round-trip
                let reading = Reading { device, celsius: 19.5 + i as f32 * 0.75 };
                if tx.send(reading).await.is_err() {
                    break;
                }
            }
        });
        Poller { rx, _poll_task: poll_task }
    }

    async fn collect(mut self) -> Vec<Reading> {
        let mut out = Vec::new();
        while let Some(r) = self.rx.recv().await {
            out.push(r);
        }
        out
    }
}

fn main() {
    let devices = vec!["hall", "kitchen", "attic", "garage"];
    let poller = Poller::start(devices);
    let rt = Runtime::new().expect("build tokio runtime");
    let readings = rt.block_on(poller.collect());
    for r in &readings {
        println!("{:<8} {:.2} C", r.device, r.celsius);
    }
    println!("{} thermostats polled", readings.len());
}
