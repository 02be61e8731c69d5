// Sensor gateway: probes are attached to the gateway, which forwards their
// samples to a collector task; after the probes finish their run, the
// collector's report is printed.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

struct Gateway {
    site: &'static str,
    uplink: mpsc::UnboundedSender<(String, u32)>,
    probes: Vec<JoinHandle<()>>,
}

impl Gateway {
    fn attach_probe(&mut self, probe: &str, samples: u32) {
        let uplink = self.uplink.clone();
        let name = format!("{}/{probe}", self.site);
        self.probes.push(tokio::spawn(async move {
            for i in 0..samples {
                tokio::time::sleep(Duration::from_millis(10)).await;
                let _ = uplink.send((name.clone(), 400 + i * 3));
            }
        }));
    }

    async fn wait_probes(&mut self) {
        for p in self.probes.drain(..) {
            p.await.unwrap();
        }
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let collector = tokio::spawn(async move {
        let (mut n, mut max) = (0, 0);
        while let Some((_probe, ppm)) = rx.recv().await {
            n += 1;
            max = max.max(ppm);
        }
        format!("{n} CO2 samples, peak {max} ppm")
    });

    let mut gw = Gateway { site: "warehouse-3", uplink: tx, probes: Vec::new() };
    gw.attach_probe("dock", 4);
    gw.attach_probe("cold-room", 6);
    gw.wait_probes().await;
    println!("all probes done");

    println!("{}", collector.await.unwrap());
}
