use std::time::Duration;

#[derive(Debug, PartialEq)]
enum Thumb {
    Rendered { name: String, bytes: usize },
    Placeholder { name: String },
}

/// Third-party decoder; it is known to panic on some truncated files.
fn decode(data: &[u8]) -> Vec<u8> {
    assert!(data.len() >= 8, "truncated image header");
    data.iter().step_by(4).copied().collect()
}

async fn make_thumbnails(files: Vec<(&'static str, Vec<u8>)>) -> Vec<Thumb> {
    let handles: Vec<_> = files
        .into_iter()
        .map(|(name, data)| {
            let h = tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(10)).await; // fetch from object storage
                decode(&data).len()
            });
            (name, h)
        })
        .collect();

    let mut out = Vec::new();
    for (name, h) in handles {
        match h.await {
            Ok(bytes) => out.push(Thumb::Rendered { name: name.to_string(), bytes }),
            Err(e) if e.is_panic() => {
                eprintln!("decoder crashed on {name}; serving a placeholder");
                out.push(Thumb::Placeholder { name: name.to_string() });
            }
            Err(e) => panic!("thumbnail worker was cancelled: {e}"),
        }
    }
    out
}

#[tokio::main]
async fn main() {
    // keep the default hook quiet about the expected decoder crash
    std::panic::set_hook(Box::new(|info| eprintln!("worker panic: {info}")));
    let files = vec![
        ("beach.jpg", vec![7u8; 4_000]),
        ("cut-off.jpg", vec![1u8; 3]),
        ("forest.jpg", vec![9u8; 2_400]),
    ];
    for t in make_thumbnails(files).await {
        println!("{t:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn crashed_decoder_gets_a_placeholder() {
        let out = make_thumbnails(vec![("ok.png", vec![0; 16]), ("bad.png", vec![0; 2])]).await;
        assert_eq!(out[0], Thumb::Rendered { name: "ok.png".into(), bytes: 4 });
        assert_eq!(out[1], Thumb::Placeholder { name: "bad.png".into() });
    }
}
