async fn fib(n: u64) -> u64 {
    if n < 2 {
        n
    } else {
        fib(n - 1).await + fib(n - 2).await
    }
}

#[tokio::main]
async fn main() {
    println!("{}", fib(10).await);
}
