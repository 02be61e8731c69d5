// Leader election toy: a candidate bumps the term and asks the other
// nodes for their votes; a node grants its vote if the candidate's term is
// newer than the last term the cluster recorded.
use std::sync::Arc;
use tokio::sync::{oneshot, Mutex};

struct Cluster {
    term: u64,
    voted_in: Vec<u64>,
}

async fn request_vote(cluster: Arc<Mutex<Cluster>>, voter: &'static str, term: u64, reply: oneshot::Sender<bool>) {
    let mut c = cluster.lock().await;
    let grant = term > c.voted_in.last().copied().unwrap_or(0);
    if grant {
        c.voted_in.push(term);
    }
    println!("{voter}: vote for term {term}: {grant}");
    let _ = reply.send(grant);
}

async fn run_election(cluster: Arc<Mutex<Cluster>>, voters: &[&'static str]) -> bool {
    let mut state = cluster.lock().await;
    state.term += 1;
    let term = state.term;
    let mut ballots = Vec::new();
    for voter in voters {
        let (tx, rx) = oneshot::channel();
        tokio::spawn(request_vote(cluster.clone(), voter, term, tx));
        ballots.push(rx);
    }
    let mut yes = 1; // our own vote
    for b in ballots {
        if b.await.unwrap_or(false) {
            yes += 1;
        }
    }
    yes * 2 > voters.len() + 1
}

#[tokio::main]
async fn main() {
    let cluster = Arc::new(Mutex::new(Cluster { term: 4, voted_in: vec![3, 4] }));
    let won = run_election(cluster.clone(), &["node-b", "node-c"]).await;
    let c = cluster.lock().await;
    println!("node-a {} term {}", if won { "leads" } else { "lost" }, c.term);
}
