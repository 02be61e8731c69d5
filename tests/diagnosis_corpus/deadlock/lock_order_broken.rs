// corpus: run
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

#[tokio::main]
async fn main() {
    let savings = Arc::new(Mutex::new(100));
    let checking = Arc::new(Mutex::new(50));
    let (s1, c1) = (savings.clone(), checking.clone());
    let a = tokio::spawn(async move {
        let mut from = s1.lock().await;
        tokio::time::sleep(Duration::from_millis(5)).await;
        let mut to = c1.lock().await;
        *from -= 10;
        *to += 10;
    });
    let (s2, c2) = (savings.clone(), checking.clone());
    let b = tokio::spawn(async move {
        let mut from = c2.lock().await;
        tokio::time::sleep(Duration::from_millis(5)).await;
        let mut to = s2.lock().await;
        *from -= 5;
        *to += 5;
    });
    a.await.unwrap();
    b.await.unwrap();
    println!("{} {}", savings.lock().await, checking.lock().await);
}
