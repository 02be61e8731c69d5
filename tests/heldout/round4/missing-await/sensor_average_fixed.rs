// Sensor gateway: average the last readings of every probe on the bus.
use std::collections::HashMap;
use std::time::Duration;

trait Probe {
    fn id(&self) -> &str;
    fn history(&self) -> Vec<f64>;
}

struct Thermo {
    id: String,
    samples: Vec<f64>,
}

impl Probe for Thermo {
    fn id(&self) -> &str {
        &self.id
    }
    fn history(&self) -> Vec<f64> {
        self.samples.clone()
    }
}

async fn read_avg<P: Probe>(probe: &P) -> f64 {
    // the bus needs a moment to answer
    tokio::time::sleep(Duration::from_millis(10)).await;
    let h = probe.history();
    h.iter().sum::<f64>() / h.len() as f64
}

#[tokio::main]
async fn main() {
    let probes = vec![
        Thermo { id: "boiler".into(), samples: vec![71.0, 72.5, 73.0] },
        Thermo { id: "intake".into(), samples: vec![18.2, 18.4, 18.0] },
        Thermo { id: "exhaust".into(), samples: vec![140.0, 139.5, 141.0] },
    ];
    let mut per_probe = HashMap::new();
    let mut total = 0.0;
    for p in &probes {
        let avg = read_avg(p).await;
        total += avg;
        per_probe.insert(p.id().to_string(), avg);
    }
    for (id, avg) in &per_probe {
        println!("{id}: {avg:.2}");
    }
    println!("site mean: {:.2}", total / probes.len() as f64);
}
