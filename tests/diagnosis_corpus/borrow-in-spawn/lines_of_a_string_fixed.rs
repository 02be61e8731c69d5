async fn index_line(line: &str) -> usize {
    line.split_whitespace().count()
}

#[tokio::main]
async fn main() {
    let text = String::from("the quick fox\njumps over\nthe lazy dog");
    let mut handles = Vec::new();
    for line in text.lines() {
        let line = line.to_string();
        handles.push(tokio::spawn(async move { index_line(&line).await }));
    }
    for h in handles {
        println!("{}", h.await.unwrap());
    }
}
