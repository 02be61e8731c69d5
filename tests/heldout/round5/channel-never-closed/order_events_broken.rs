use std::time::Duration;
use tokio::sync::mpsc;

async fn collect_orders(shops: Vec<&'static str>) -> Vec<String> {
    let (tx, mut rx) = mpsc::channel::<String>(16);

    for shop in shops {
        let tx = tx.clone();
        tokio::spawn(async move {
            for n in 1..=3 {
                tokio::time::sleep(Duration::from_millis(10 * n)).await;
                tx.send(format!("{shop}#{n}")).await.unwrap();
            }
        });
    }

    let mut orders = Vec::new();
    while let Some(order) = rx.recv().await {
        orders.push(order);
    }
    orders.sort();
    orders
}

#[tokio::main]
async fn main() {
    let orders = collect_orders(vec!["berlin", "oslo", "riga"]).await;
    println!("end-of-day report: {} orders", orders.len());
    for o in orders {
        println!("  {o}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn report_completes_once_shops_are_done() {
        let orders = tokio::time::timeout(Duration::from_secs(5), collect_orders(vec!["a", "b"]))
            .await
            .expect("collector never finished");
        assert_eq!(orders, vec!["a#1", "a#2", "a#3", "b#1", "b#2", "b#3"]);
    }
}
