// corpus: run
use tokio::sync::mpsc;

struct Pipeline {
    tx: mpsc::UnboundedSender<String>,
    rx: mpsc::UnboundedReceiver<String>,
}

impl Pipeline {
    fn new() -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        Pipeline { tx, rx }
    }

    fn submitter(&self) -> mpsc::UnboundedSender<String> {
        self.tx.clone()
    }

    async fn drain(self) -> Vec<String> {
        let Pipeline { tx, mut rx } = self;
        drop(tx);
        let mut seen = Vec::new();
        while let Some(item) = rx.recv().await {
            seen.push(item.to_uppercase());
        }
        seen
    }
}

#[tokio::main]
async fn main() {
    let pipeline = Pipeline::new();
    let sub = pipeline.submitter();
    tokio::spawn(async move {
        for word in ["alpha", "beta", "gamma"] {
            sub.send(word.to_string()).unwrap();
        }
    });
    let out = pipeline.drain().await;
    assert_eq!(out, vec!["ALPHA", "BETA", "GAMMA"]);
}

