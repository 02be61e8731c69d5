// corpus: run
fn main() {
    let job = tokio::spawn(async { 2 + 2 });
    drop(job);
    println!("spawned");
}
