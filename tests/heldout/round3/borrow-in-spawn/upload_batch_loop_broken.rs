use tokio::time::{sleep, Duration};

struct Upload {
    bucket: String,
    key: String,
    size: usize,
}

async fn put_object(bucket: &str, key: &str, size: usize) -> Result<(), String> {
    sleep(Duration::from_millis(15)).await;
    if size == 0 {
        return Err(format!("{bucket}/{key}: empty body"));
    }
    Ok(())
}

#[tokio::main]
async fn main() {
    let uploads = vec![
        Upload { bucket: "media".into(), key: "cat.png".into(), size: 2048 },
        Upload { bucket: "media".into(), key: "dog.png".into(), size: 4096 },
        Upload { bucket: "logs".into(), key: "empty.log".into(), size: 0 },
    ];

    let mut handles = Vec::new();
    for upload in &uploads {
        handles.push(tokio::spawn(async {
            put_object(&upload.bucket, &upload.key, upload.size).await
        }));
    }

    let mut failed = 0;
    for h in handles {
        if let Err(msg) = h.await.unwrap() {
            eprintln!("upload failed: {msg}");
            failed += 1;
        }
    }
    println!("{} of {} uploads done", uploads.len() - failed, uploads.len());
}
