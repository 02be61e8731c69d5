// IoT: poll a soil-moisture probe until it reports the end of a sampling
// window, and compute the average for the irrigation controller.
use futures::stream::{self, Stream, StreamExt};
use tokio::time::{sleep, Duration};

fn probe_feed(samples: u32) -> impl Stream<Item = f64> {
    stream::unfold(0u32, move |n| async move {
        if n >= samples {
            return None;
        }
        sleep(Duration::from_millis(2)).await; // I2C read
        let moisture = 31.0 + (n % 4) as f64 * 1.5;
        Some((moisture, n + 1))
    })
}

async fn window_average(feed: impl Stream<Item = f64>) -> Option<f64> {
    let mut feed = feed;
    let (mut sum, mut count) = (0.0, 0u32);
    while let Some(v) = feed.next().await {
        sum += v;
        count += 1;
    }
    (count > 0).then(|| sum / count as f64)
}

#[tokio::main]
async fn main() {
    match window_average(probe_feed(12)).await {
        Some(avg) if avg < 33.0 => println!("avg moisture {avg:.2}% -> open valve"),
        Some(avg) => println!("avg moisture {avg:.2}% -> keep closed"),
        None => println!("probe returned no samples"),
    }
}
