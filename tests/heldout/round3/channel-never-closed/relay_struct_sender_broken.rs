use tokio::sync::mpsc;

#[derive(Debug)]
enum Event {
    Joined(String),
    Message { from: String, text: String },
    Left(String),
}

struct Relay {
    outbound: mpsc::Sender<Event>,
}

impl Relay {
    async fn replay(&self, log: &[&str]) {
        for line in log {
            let event = match line.split_once(' ') {
                Some(("+", who)) => Event::Joined(who.to_string()),
                Some(("-", who)) => Event::Left(who.to_string()),
                Some((who, text)) => Event::Message { from: who.to_string(), text: text.to_string() },
                None => continue,
            };
            self.outbound.send(event).await.unwrap();
        }
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(8);
    let printer = tokio::spawn(async move {
        let mut shown = 0;
        while let Some(event) = rx.recv().await {
            match event {
                Event::Joined(u) => println!("* {u} joined"),
                Event::Left(u) => println!("* {u} left"),
                Event::Message { from, text } => println!("<{from}> {text}"),
            }
            shown += 1;
        }
        shown
    });

    let relay = Relay { outbound: tx };
    relay.replay(&["+ ana", "ana hello?", "+ bo", "bo hi ana", "- ana"]).await;

    let shown = printer.await.unwrap();
    println!("replayed {shown} events");
}
