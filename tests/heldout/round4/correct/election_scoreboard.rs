// Leader election toy, single-threaded: candidate tasks run on a LocalSet
// and share an Rc<RefCell<..>> scoreboard. Every borrow ends before the
// next await, and spawn_local does not require Send.
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Duration;

type Board = Rc<RefCell<BTreeMap<&'static str, u32>>>;

async fn campaign(name: &'static str, rounds: u32, delay_ms: u64, board: Board) {
    for _ in 0..rounds {
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        *board.borrow_mut().entry(name).or_insert(0) += 1;
        let votes = board.borrow()[name];
        if votes % 2 == 0 {
            tokio::task::yield_now().await;
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let board: Board = Rc::new(RefCell::new(BTreeMap::new()));
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            let handles = vec![
                tokio::task::spawn_local(campaign("node-a", 5, 7, board.clone())),
                tokio::task::spawn_local(campaign("node-b", 4, 5, board.clone())),
                tokio::task::spawn_local(campaign("node-c", 6, 3, board.clone())),
            ];
            for h in handles {
                h.await.unwrap();
            }
        })
        .await;
    let b = board.borrow();
    let (leader, votes) = b.iter().max_by_key(|(_, v)| **v).unwrap();
    println!("scoreboard: {b:?}");
    println!("{leader} elected with {votes} votes");
}
