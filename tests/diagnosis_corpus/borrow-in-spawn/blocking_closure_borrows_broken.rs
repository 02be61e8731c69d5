// The blocking pool hashes the log while main keeps the log to print it:
// the closure borrows `log`, but a spawned closure must own what it uses.
fn checksum(lines: &[String]) -> u64 {
    lines.iter().map(|l| l.len() as u64).sum()
}

#[tokio::main]
async fn main() {
    let log: Vec<String> = vec!["open".into(), "serve".into(), "close".into()];
    let sum = tokio::task::spawn_blocking(|| checksum(&log)).await.unwrap();
    println!("{} lines, checksum {sum}", log.len());
}
