use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::{sleep, Duration};

struct Warehouse {
    id: u32,
    name: &'static str,
    stock: Mutex<u32>,
}

async fn transfer(from: Arc<Warehouse>, to: Arc<Warehouse>, qty: u32) {
    // always lock the warehouse with the lower id first
    let (mut src, mut dst) = if from.id < to.id {
        let src = from.stock.lock().await;
        sleep(Duration::from_millis(20)).await; // ask the carrier for a pickup slot
        (src, to.stock.lock().await)
    } else {
        let dst = to.stock.lock().await;
        sleep(Duration::from_millis(20)).await; // ask the carrier for a pickup slot
        (from.stock.lock().await, dst)
    };
    *src -= qty;
    *dst += qty;
    println!("moved {qty} from {} to {}", from.name, to.name);
}

#[tokio::main]
async fn main() {
    let berlin = Arc::new(Warehouse { id: 1, name: "berlin", stock: Mutex::new(100) });
    let lyon = Arc::new(Warehouse { id: 2, name: "lyon", stock: Mutex::new(80) });

    let a = tokio::spawn(transfer(Arc::clone(&berlin), Arc::clone(&lyon), 30));
    let b = tokio::spawn(transfer(Arc::clone(&lyon), Arc::clone(&berlin), 10));
    a.await.unwrap();
    b.await.unwrap();

    for w in [&berlin, &lyon] {
        println!("#{} {}: {} pallets", w.id, w.name, *w.stock.lock().await);
    }
}
