// corpus: run
// A report is rendered by sync code (a template engine's callback, say)
// that needs a value only an async fn can fetch.
use std::time::Duration;
use tokio::runtime::Handle;

async fn fetch_visitors() -> u32 {
    tokio::time::sleep(Duration::from_millis(2)).await;
    1234
}

fn render_report() -> String {
    let visitors = Handle::current().block_on(fetch_visitors());
    format!("{visitors} visitors today")
}

#[tokio::main]
async fn main() {
    let report = tokio::task::spawn_blocking(render_report)
        .await
        .expect("rendering the report failed");
    println!("{report}");
}
