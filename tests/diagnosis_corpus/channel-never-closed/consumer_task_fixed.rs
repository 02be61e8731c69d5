// corpus: run
use tokio::sync::mpsc::unbounded_channel;

#[tokio::main]
async fn main() {
    let (events, mut inbox) = unbounded_channel::<String>();
    let logger = tokio::spawn(async move {
        let mut count = 0;
        while let Some(line) = inbox.recv().await {
            println!("log: {line}");
            count += 1;
        }
        count
    });
    let producer = tokio::spawn(async move {
        events.send("started".to_string()).unwrap();
        events.send("stopped".to_string()).unwrap();
    });
    producer.await.unwrap();
    let logged = logger.await.unwrap();
    println!("{logged} lines logged");
}
