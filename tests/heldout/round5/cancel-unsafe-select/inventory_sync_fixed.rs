use std::collections::BTreeMap;
use std::time::Duration;
use tokio::time::timeout;

struct Warehouse {
    stock: BTreeMap<&'static str, i32>,
    remote_calls: u32,
}

impl Warehouse {
    /// Tells the ERP about one item; the first call has to open a connection.
    async fn remote_ack(&mut self, item: &str) {
        self.remote_calls += 1;
        let latency = if self.remote_calls == 1 { 200 } else { 20 };
        tokio::time::sleep(Duration::from_millis(latency)).await;
        let _ = item;
    }

    async fn apply_batch(&mut self, batch: &[(&'static str, i32)]) {
        for &(item, _) in batch {
            self.remote_ack(item).await;
        }
        // only touch local stock once the ERP has acknowledged everything
        for &(item, qty) in batch {
            *self.stock.get_mut(item).expect("unknown item") -= qty;
        }
    }
}

#[tokio::main]
async fn main() {
    let mut wh = Warehouse {
        stock: BTreeMap::from([("bolts", 500), ("nuts", 800), ("washers", 300)]),
        remote_calls: 0,
    };
    let picking_list = [("bolts", 120), ("nuts", 200), ("washers", 50)];

    for attempt in 1..=3 {
        match timeout(Duration::from_millis(150), wh.apply_batch(&picking_list)).await {
            Ok(()) => {
                println!("batch applied on attempt {attempt}");
                break;
            }
            Err(_) => println!("attempt {attempt} timed out, retrying"),
        }
    }

    for (item, qty) in &wh.stock {
        println!("{item:>8}: {qty}");
    }
}
