// corpus: run
// A feed keeps its source stream in a box, as a trait object, so that
// sources of different kinds fit the same field.
use futures::stream::{self, Stream, StreamExt};
use std::pin::Pin;
use std::time::Duration;

struct Feed {
    source: Pin<Box<dyn Stream<Item = u32> + Send>>,
}

impl Feed {
    fn slow(items: Vec<u32>) -> Feed {
        let source = stream::iter(items).then(|item| async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            item * 10
        });
        Feed {
            source: Box::pin(source),
        }
    }

    async fn collect_all(&mut self) -> Vec<u32> {
        let mut out = Vec::new();
        while let Some(item) = self.source.next().await {
            out.push(item);
        }
        out
    }
}

#[tokio::main]
async fn main() {
    let mut feed = Feed::slow(vec![1, 2, 3]);
    let items = feed.collect_all().await;
    assert_eq!(items, [10, 20, 30]);
    println!("{items:?}");
}
