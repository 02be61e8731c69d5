// corpus: run
// A print queue keeps its jobs as boxed futures and runs each as a task.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

type Job = Pin<Box<dyn Future<Output = String>>>;

fn print_job(name: &'static str, pages: u64) -> Job {
    Box::pin(async move {
        tokio::time::sleep(Duration::from_millis(pages * 5)).await;
        format!("{name}: {pages} pages")
    })
}

#[tokio::main]
async fn main() {
    let jobs = vec![print_job("report", 4), print_job("invoice", 1)];
    let mut handles = Vec::new();
    for job in jobs {
        handles.push(tokio::spawn(job));
    }
    for handle in handles {
        println!("{}", handle.await.unwrap());
    }
}
