use std::time::Duration;

async fn send_batch(batch_no: usize, addresses: Vec<String>, issue: u32) -> usize {
    let mut sent = 0;
    for addr in &addresses {
        tokio::time::sleep(Duration::from_millis(3)).await;
        if addr.contains('@') {
            sent += 1;
        }
    }
    println!("batch {batch_no}: issue #{issue} sent to {sent} readers");
    sent
}

fn main() {
    let subscribers: Vec<String> = (1..=23)
        .map(|i| if i % 9 == 0 { format!("broken-address-{i}") } else { format!("reader{i}@mail.test") })
        .collect();

    let batches: Vec<Vec<String>> = subscribers.chunks(10).map(|c| c.to_vec()).collect();
    println!("sending issue #42 to {} subscribers in {} batches", subscribers.len(), batches.len());

    let jobs: Vec<_> = batches
        .into_iter()
        .enumerate()
        .map(|(i, b)| send_batch(i + 1, b, 42))
        .collect();

    println!("scheduled {} batch jobs", jobs.len());
    println!("newsletter #42 done");
}
