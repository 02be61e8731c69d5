use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Tally = Arc<Mutex<BTreeMap<&'static str, u32>>>;

async fn count_precinct(precinct: u32, tally: Tally) {
    // ballots are scanned and uploaded by each precinct
    tokio::time::sleep(Duration::from_millis(5 + precinct as u64 % 7)).await;
    let mut t = tally.lock().unwrap();
    *t.entry("green").or_insert(0) += 40 + precinct % 3;
    *t.entry("orange").or_insert(0) += 60 - precinct % 3;
}

async fn tally_election(precincts: u32) -> BTreeMap<&'static str, u32> {
    let tally: Tally = Arc::new(Mutex::new(BTreeMap::new()));
    for p in 0..precincts {
        tokio::spawn(count_precinct(p, tally.clone()));
    }
    let result = tally.lock().unwrap().clone();
    result
}

#[tokio::main]
async fn main() {
    let result = tally_election(25).await;
    let total: u32 = result.values().sum();
    println!("ballots counted: {total}");
    for (party, votes) in &result {
        println!("{party:>7}: {votes}");
    }
    match result.iter().max_by_key(|(_, v)| **v) {
        Some((winner, _)) => println!("winner: {winner}"),
        None => println!("no result"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_ballot_is_counted() {
        let result = tally_election(10).await;
        assert_eq!(result.values().sum::<u32>(), 10 * 100);
    }
}
