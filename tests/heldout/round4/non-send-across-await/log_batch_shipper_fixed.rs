// Log tailer: lines are buffered as they are tailed and shipped in
// batches to the collector; the shipper runs as its own task.
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

#[derive(Default)]
struct Shipper {
    pending: RefCell<Vec<String>>,
    shipped: RefCell<usize>,
}

impl Shipper {
    fn push(&self, line: &str) {
        self.pending.borrow_mut().push(line.to_string());
    }

    async fn flush(&self) {
        let batch: Vec<String> = self.pending.borrow_mut().drain(..).collect();
        if batch.is_empty() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await; // send to collector
        *self.shipped.borrow_mut() += batch.len();
        println!("shipped batch of {}", batch.len());
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let local = tokio::task::LocalSet::new();
    local.run_until(async {
        let shipper = Rc::new(Shipper::default());
        let s = shipper.clone();
        let task = tokio::task::spawn_local(async move {
            for _ in 0..4 {
                tokio::time::sleep(Duration::from_millis(20)).await;
                s.flush().await;
            }
        });
        for i in 0..10 {
            shipper.push(&format!("GET /health 200 #{i}"));
            tokio::time::sleep(Duration::from_millis(7)).await;
        }
        task.await.unwrap();
        println!("total shipped: {}, still pending: {}", shipper.shipped.borrow(), shipper.pending.borrow().len());
    })
    .await;
}
