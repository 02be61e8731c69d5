// corpus: run
fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let four = rt.block_on(async { tokio::spawn(async { 2 + 2 }).await.unwrap() });
    println!("spawned and got {four}");
}
