use std::collections::HashMap;
use std::rc::Rc;
use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

struct RoomInfo {
    name: String,
    topic: String,
}

async fn greet(info: Rc<RoomInfo>, user: String, out: mpsc::Sender<String>) {
    sleep(Duration::from_millis(10)).await; // load the user's profile
    let line = format!("welcome {user} to #{} ({})", info.name, info.topic);
    out.send(line).await.unwrap();
}

#[tokio::main]
async fn main() {
    let mut rooms: HashMap<&str, Rc<RoomInfo>> = HashMap::new();
    rooms.insert("rust", Rc::new(RoomInfo { name: "rust".into(), topic: "async all the things".into() }));
    rooms.insert("games", Rc::new(RoomInfo { name: "games".into(), topic: "speedruns".into() }));

    let (tx, mut rx) = mpsc::channel(16);
    let joins = [("ana", "rust"), ("bo", "games"), ("cy", "rust")];
    for (user, room) in joins {
        let info = Rc::clone(&rooms[room]);
        tokio::spawn(greet(info, user.to_string(), tx.clone()));
    }
    drop(tx);

    let mut lines = Vec::new();
    while let Some(line) = rx.recv().await {
        lines.push(line);
    }
    lines.sort();
    println!("{}", lines.join("\n"));
}
