// Bank ledger: month-end reconciliation. Each branch's journal is summed in
// its own task; the grand total must match the central ledger.
use std::time::Duration;

fn branch_total(journal: &[i64]) -> u64 {
    let sum: i64 = journal.iter().sum();
    u64::try_from(sum).expect("branch total went negative")
}

#[tokio::main]
async fn main() {
    let central_ledger: i64 = 12_200;
    let branches: Vec<(&str, Vec<i64>)> = vec![
        ("north", vec![5_000, -1_200, 300]),
        ("south", vec![4_100, -100]),
        ("east", vec![200, -900]),
        ("west", vec![3_000, 1_800]),
    ];
    let mut handles = Vec::new();
    for (name, journal) in branches {
        handles.push((name, tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(10)).await; // load journal
            branch_total(&journal)
        })));
    }
    let mut grand_total: i64 = 0;
    for (name, handle) in handles {
        match handle.await {
            Ok(total) => {
                println!("{name}: {total}");
                grand_total += total as i64;
            }
            Err(e) => println!("{name}: reconciliation task failed ({e}), needs manual review"),
        }
    }
    let diff = central_ledger - grand_total;
    println!("branches {grand_total} vs central {central_ledger}: difference {diff}");
}
