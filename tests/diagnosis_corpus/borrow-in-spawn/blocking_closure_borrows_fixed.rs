// corpus: run
// The blocking pool hashes its own copy of the log (`move ||` with a
// clone), while main keeps the log to print it.
fn checksum(lines: &[String]) -> u64 {
    lines.iter().map(|l| l.len() as u64).sum()
}

#[tokio::main]
async fn main() {
    let log: Vec<String> = vec!["open".into(), "serve".into(), "close".into()];
    let copy = log.clone();
    let sum = tokio::task::spawn_blocking(move || checksum(&copy)).await.unwrap();
    println!("{} lines, checksum {sum}", log.len());
}
