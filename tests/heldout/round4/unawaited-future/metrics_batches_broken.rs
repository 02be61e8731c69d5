// Metrics aggregator: samples are grouped into batches; each batch carries
// the upload that ships it to the (simulated) time-series store.
use futures::future::BoxFuture;
use futures::FutureExt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct Batch {
    label: String,
    points: usize,
    upload: BoxFuture<'static, ()>,
}

fn make_batch(label: &str, samples: Vec<f64>, store: Arc<Mutex<Vec<String>>>) -> Batch {
    let points = samples.len();
    let line = format!("{label} n={points} sum={:.1}", samples.iter().sum::<f64>());
    let upload = async move {
        tokio::time::sleep(Duration::from_millis(20)).await;
        store.lock().unwrap().push(line);
    }
    .boxed();
    Batch { label: label.to_string(), points, upload }
}

async fn ship(batches: Vec<Batch>) -> usize {
    let mut shipped = 0;
    for batch in batches {
        println!("shipping {} ({} points)", batch.label, batch.points);
        let _upload = batch.upload;
        shipped += batch.points;
    }
    shipped
}

#[tokio::main]
async fn main() {
    let store = Arc::new(Mutex::new(Vec::new()));
    let batches = vec![
        make_batch("cpu", vec![0.4, 0.9, 0.7], store.clone()),
        make_batch("mem", vec![512.0, 530.5], store.clone()),
        make_batch("disk", vec![12.0, 12.5, 13.0, 14.0], store.clone()),
    ];
    let shipped = ship(batches).await;
    println!("shipped {shipped} points");
    let stored = store.lock().unwrap();
    println!("time-series store holds {} series:", stored.len());
    for line in stored.iter() {
        println!("  {line}");
    }
}
