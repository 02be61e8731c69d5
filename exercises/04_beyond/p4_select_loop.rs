// Cancellation safety: `select!` in a loop.
//
// `select!` drops the futures that lose the race. That is harmless for a
// future that has not started its work, but a future dropped part-way through
// loses what it had done. `read_exact` is such a future: it may hold half a
// frame when the heartbeat wins, and those bytes vanish with it; the next turn
// of the loop starts a new `read_exact` in the middle of a frame.
//
// Two ways out. Keep the work outside the future that can be dropped: a
// buffer that outlives one turn of the loop, filled with a read that is
// cancel safe (the docs say which methods are), from which you cut whole
// 8-byte frames. Or never drop the half-done read: make each frame's read
// once, and keep racing that same read until it finishes. Fix `receive`
// one way or the other, and keep the heartbeat. Done when every frame
// arrives whole.

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::time::{interval, sleep};

const FRAME: usize = 8;

/// Reads 8-byte frames until the connection closes, and counts heartbeats.
async fn receive(mut conn: DuplexStream) -> (Vec<String>, u32) {
    let (mut frames, mut beats) = (Vec::new(), 0);
    let mut heartbeat = interval(Duration::from_millis(100));
    loop {
        // TODO: when the heartbeat wins, this `read_exact` is dropped with the
        // bytes it already read, and the next turn starts a new one.
        let mut frame = [0u8; FRAME];
        tokio::select! {
            read = conn.read_exact(&mut frame) => {
                if read.is_err() {
                    break; // the connection closed
                }
                frames.push(String::from_utf8_lossy(&frame).into_owned());
            }
            _ = heartbeat.tick() => beats += 1,
        }
    }
    (frames, beats)
}

/// The other end: three frames, sent in pieces, 150 ms apart.
async fn send_in_pieces(mut conn: DuplexStream) {
    for piece in ["orde", "r:01ord", "er:02order:03"] {
        conn.write_all(piece.as_bytes()).await.unwrap();
        sleep(Duration::from_millis(150)).await;
    }
}

#[tokio::main]
async fn main() {
    let (client, server) = tokio::io::duplex(64);
    tokio::spawn(send_in_pieces(client));
    println!("{:?}", receive(server).await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    #[tokio::test(start_paused = true)]
    async fn frames_arrive_whole_even_in_pieces() {
        let (client, server) = tokio::io::duplex(64);
        tokio::spawn(send_in_pieces(client));
        let (frames, beats) = timeout(Duration::from_secs(5), receive(server))
            .await
            .expect("receive never returned, though the sender closed the connection");
        assert_eq!(
            frames,
            ["order:01", "order:02", "order:03"],
            "frames came out torn: when the heartbeat won the select!, the read_exact future was \
             dropped holding half a frame, and those bytes were lost"
        );
        assert!(
            beats >= 3,
            "the heartbeat beat {beats} times in 450 ms: keep it ticking while reading"
        );
    }
}
