use tokio::sync::mpsc;
use tokio::time::{interval, sleep, Duration};

#[derive(Debug)]
struct Order {
    id: u32,
    qty: u32,
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<Order>(16);
    tokio::spawn(async move {
        for id in 1..=8 {
            tx.send(Order { id, qty: id * 3 }).await.unwrap();
            sleep(Duration::from_millis(15)).await;
        }
    });

    let mut flush = interval(Duration::from_millis(40));
    let mut batch: Vec<Order> = Vec::new();
    let mut shipped = 0;
    loop {
        tokio::select! {
            maybe = rx.recv() => match maybe {
                Some(order) => batch.push(order),
                None => break,
            },
            _ = flush.tick() => {
                if !batch.is_empty() {
                    println!("shipping batch: {:?}", batch.iter().map(|o| o.id).collect::<Vec<_>>());
                    shipped += batch.drain(..).map(|o| o.qty).sum::<u32>();
                }
            }
        }
    }
    shipped += batch.drain(..).map(|o| o.qty).sum::<u32>();
    println!("shipped {shipped} items");
    assert_eq!(shipped, 108);
}
