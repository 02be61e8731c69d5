use std::collections::HashMap;
use tokio::sync::mpsc;

enum Command {
    Notify { user: String, text: String },
    Stop,
}

struct Mailer {
    sent_items: usize,
    emails: usize,
}

impl Mailer {
    async fn send_digests(&mut self, digests: HashMap<String, Vec<String>>) {
        for (user, items) in digests {
            // render + hand to SMTP relay
            let _body = format!("Hi {user}, you have {} new notifications:\n{}", items.len(), items.join("\n"));
            tokio::task::yield_now().await;
            self.sent_items += items.len();
            self.emails += 1;
        }
    }
}

const DIGEST_THRESHOLD: usize = 12;

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<Command>(100);

    let producer = tokio::spawn(async move {
        let users = ["ana", "bo", "chen", "dmitri"];
        for i in 0..30 {
            let user = users[i % users.len()].to_string();
            tx.send(Command::Notify { user, text: format!("comment #{i} on your post") })
                .await
                .unwrap();
        }
        tx.send(Command::Stop).await.unwrap();
    });

    let mut mailer = Mailer { sent_items: 0, emails: 0 };
    let mut by_user: HashMap<String, Vec<String>> = HashMap::new();
    let mut buffered = 0usize;

    loop {
        match rx.recv().await {
            Some(Command::Notify { user, text }) => {
                by_user.entry(user).or_default().push(text);
                buffered += 1;
                if buffered >= DIGEST_THRESHOLD {
                    let batch = std::mem::take(&mut by_user);
                    mailer.send_digests(batch).await;
                    buffered = 0;
                }
            }
            Some(Command::Stop) | None => break,
        }
    }

    producer.await.unwrap();
    println!(
        "notifications mailed: {} of 30 ({} emails)",
        mailer.sent_items, mailer.emails
    );
}
