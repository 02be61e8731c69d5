// Bank ledger: export the audit trail page by page from the (paginated)
// ledger API as a stream, stopping after the first three pages.
use futures::stream::{self, Stream, StreamExt};
use std::time::Duration;

struct LedgerApi {
    entries: Vec<String>,
    page_size: usize,
}

impl LedgerApi {
    async fn page(&self, cursor: usize) -> (Vec<String>, Option<usize>) {
        tokio::time::sleep(Duration::from_millis(5)).await;
        let end = (cursor + self.page_size).min(self.entries.len());
        let next = if end < self.entries.len() { Some(end) } else { None };
        (self.entries[cursor..end].to_vec(), next)
    }
}

fn audit_pages(api: &LedgerApi) -> impl Stream<Item = Vec<String>> + '_ {
    stream::unfold(Some(0), move |cursor| async move {
        let (page, next) = api.page(cursor?).await;
        Some((page, next))
    })
}

#[tokio::main]
async fn main() {
    let api = LedgerApi {
        entries: (1..=23).map(|i| format!("txn-{i:04} posted by teller-{}", i % 3)).collect(),
        page_size: 5,
    };
    let mut pages = Box::pin(audit_pages(&api).take(3));
    let mut exported = 0;
    while let Some(page) = pages.next().await {
        exported += page.len();
        println!("page: {} .. {}", page[0], page[page.len() - 1]);
    }
    println!("exported {exported} entries");
}
