// Job scheduler written as an actor: callers talk to it through a cloneable
// handle. Rebalancing needs the current queue depth.
use tokio::sync::{mpsc, oneshot};
use tokio::time::{timeout, Duration};

enum Cmd {
    Submit(String),
    Depth(oneshot::Sender<usize>),
    Rebalance(oneshot::Sender<String>),
}

#[derive(Clone)]
struct SchedulerHandle {
    tx: mpsc::Sender<Cmd>,
}

impl SchedulerHandle {
    async fn submit(&self, job: &str) {
        self.tx.send(Cmd::Submit(job.to_string())).await.expect("scheduler gone");
    }
    async fn depth(&self) -> usize {
        let (reply, rx) = oneshot::channel();
        self.tx.send(Cmd::Depth(reply)).await.expect("scheduler gone");
        rx.await.expect("scheduler dropped the reply")
    }
    async fn rebalance(&self) -> String {
        let (reply, rx) = oneshot::channel();
        self.tx.send(Cmd::Rebalance(reply)).await.expect("scheduler gone");
        rx.await.expect("scheduler dropped the reply")
    }
}

struct Scheduler {
    rx: mpsc::Receiver<Cmd>,
    me: SchedulerHandle,
    queue: Vec<String>,
    workers: usize,
}

impl Scheduler {
    fn spawn(workers: usize) -> SchedulerHandle {
        let (tx, rx) = mpsc::channel(16);
        let me = SchedulerHandle { tx };
        let actor = Scheduler { rx, me: me.clone(), queue: Vec::new(), workers };
        tokio::spawn(actor.run());
        me
    }

    async fn run(mut self) {
        while let Some(cmd) = self.rx.recv().await {
            match cmd {
                Cmd::Submit(job) => self.queue.push(job),
                Cmd::Depth(reply) => {
                    let _ = reply.send(self.queue.len());
                }
                Cmd::Rebalance(reply) => {
                    let depth = self.queue.len();
                    let per_worker = depth.div_ceil(self.workers);
                    let _ = reply.send(format!("{depth} jobs -> {per_worker} per worker over {} workers", self.workers));
                }
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let sched = Scheduler::spawn(3);
    for job in ["resize-images", "send-digest", "reindex", "vacuum-db", "rotate-keys"] {
        sched.submit(job).await;
    }
    println!("queue depth: {}", sched.depth().await);
    let plan = timeout(Duration::from_secs(2), sched.rebalance())
        .await
        .expect("scheduler stopped responding during rebalance");
    println!("rebalanced: {plan}");
}
