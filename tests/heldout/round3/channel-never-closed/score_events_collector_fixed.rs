use std::collections::HashMap;
use tokio::sync::mpsc;
use tokio::time::{interval, Duration};

#[derive(Debug)]
struct Kill {
    killer: &'static str,
    victim: &'static str,
}

async fn play_match(events: mpsc::UnboundedSender<Kill>) {
    let script = [("red", "blue"), ("red", "green"), ("blue", "red"), ("green", "blue"), ("red", "blue")];
    let mut tick = interval(Duration::from_millis(20));
    for (killer, victim) in script {
        tick.tick().await;
        events.send(Kill { killer, victim }).unwrap();
    }
    println!("match over");
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::unbounded_channel::<Kill>();

    let collector = tokio::spawn(async move {
        let mut frags: HashMap<&'static str, i32> = HashMap::new();
        while let Some(kill) = rx.recv().await {
            *frags.entry(kill.killer).or_default() += 1;
            *frags.entry(kill.victim).or_default() -= 1;
        }
        frags
    });

    let game = tokio::spawn(play_match(tx));
    game.await.unwrap();

    let frags = collector.await.unwrap();
    let mut table: Vec<_> = frags.into_iter().collect();
    table.sort_by(|a, b| b.1.cmp(&a.1));
    for (player, score) in table {
        println!("{player:>6} {score:+}");
    }
}
