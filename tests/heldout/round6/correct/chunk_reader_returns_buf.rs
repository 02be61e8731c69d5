use tokio::sync::mpsc;

enum Frame {
    Data(Vec<u8>),
    End,
}

/// Reassembles a message from frames; the accumulated bytes are the return
/// value, so nothing is left behind when the End frame arrives.
async fn reassemble(mut frames: mpsc::Receiver<Frame>) -> Vec<u8> {
    let mut message: Vec<u8> = Vec::new();
    loop {
        match frames.recv().await {
            Some(Frame::Data(bytes)) => {
                message.extend_from_slice(&bytes);
                if message.len() > 1 << 20 {
                    eprintln!("message too large, truncating");
                    message.truncate(1 << 20);
                    return message;
                }
            }
            Some(Frame::End) | None => return message,
        }
    }
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(4);
    let sender = tokio::spawn(async move {
        let text = b"The quick brown fox jumps over the lazy dog. ".repeat(10);
        for chunk in text.chunks(17) {
            tx.send(Frame::Data(chunk.to_vec())).await.unwrap();
        }
        tx.send(Frame::End).await.unwrap();
        text.len()
    });
    let msg = reassemble(rx).await;
    let sent = sender.await.unwrap();
    println!("bytes reassembled: {} of {sent}", msg.len());
}
