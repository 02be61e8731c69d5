use tokio::sync::{mpsc, oneshot};

enum Command {
    Join { user: String, reply: oneshot::Sender<usize> },
    Say { user: String, text: String },
}

async fn room(mut inbox: mpsc::Receiver<Command>) {
    let mut members: Vec<String> = Vec::new();
    while let Some(cmd) = inbox.recv().await {
        match cmd {
            Command::Join { user, reply } => {
                members.push(user);
                let _ = reply.send(members.len());
            }
            Command::Say { user, text } => println!("[{} online] <{user}> {text}", members.len()),
        }
    }
}

async fn join(room: &mpsc::Sender<Command>, user: &str) -> usize {
    let (reply, answer) = oneshot::channel();
    room.send(Command::Join { user: user.to_string(), reply }).await.unwrap();
    answer.await.expect("room is gone")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = mpsc::channel(32);
    let room_task = tokio::spawn(room(rx));

    for user in ["ana", "bo", "cy"] {
        let position = join(&tx, user).await;
        println!("{user} joined as member #{position}");
    }
    tx.send(Command::Say { user: "bo".into(), text: "hello!".into() }).await.unwrap();
    drop(tx);
    room_task.await.unwrap();
}
