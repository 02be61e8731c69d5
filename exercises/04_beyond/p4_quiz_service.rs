// Quiz: a small service.
//
// The kitchen is now a service on a connection (an in-process pipe here; a TCP
// socket works the same way). A guest writes one order per line, "ORDER soup",
// and the service answers each:
// - "READY soup", or "SORRY roast" if the dish is not ready within 300 ms (the
//   guest won't wait longer, and the late dish is dropped, not left cooking);
// - "ANYTHING ELSE?" when the guest has said nothing for 500 ms since the
//   last answer, and then it goes on listening (a guest may be typing slowly:
//   the half line that has arrived so far must not be lost);
// - at closing time (a `watch` signal) "BYE", then it hangs up and returns how
//   many dishes it served, even while a guest is still connected and silent.
// `serve` gets three of these wrong: find and fix them, with the tests as
// your guide. Done when the tests pass.

use std::sync::atomic::{AtomicU32, Ordering::SeqCst};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::watch;
use tokio::time::{sleep, timeout, Duration};

/// How many dishes were ever finished.
static COOKED: AtomicU32 = AtomicU32::new(0);

async fn cook(dish: &str) -> String {
    let ms = if dish == "roast" { 5_000 } else { 100 };
    sleep(Duration::from_millis(ms)).await;
    COOKED.fetch_add(1, SeqCst);
    format!("READY {dish}")
}

async fn serve(conn: DuplexStream, mut closing: watch::Receiver<bool>) -> std::io::Result<u32> {
    let (reader, mut writer) = tokio::io::split(conn);
    let (mut lines, mut served) = (BufReader::new(reader).lines(), 0);
    loop {
        let Some(line) = lines.next_line().await? else {
            break; // the guest hung up
        };
        let dish = line.trim_start_matches("ORDER ");
        let reply = cook(dish).await;
        served += u32::from(reply.starts_with("READY"));
        writer.write_all(format!("{reply}\n").as_bytes()).await?;
    }
    writer.write_all(b"BYE\n").await?;
    Ok(served)
}

/// One shift. A guest orders three dishes at once, later a fourth, typed so
/// slowly that 500 ms of silence fall in the middle of the line, and then
/// stays, silent. Closing time comes at 1.5 s. Returns what the guest heard
/// and what the service returned.
async fn shift() -> (String, std::io::Result<u32>) {
    let (mut guest, server) = tokio::io::duplex(1024);
    let (boss, closing) = watch::channel(false);
    let service = tokio::spawn(serve(server, closing));
    let orders = b"ORDER tea\nORDER roast\nORDER soup\n";
    guest.write_all(orders).await.unwrap();
    sleep(Duration::from_millis(800)).await;
    guest.write_all(b"ORDER ca").await.unwrap(); // ... thinking ...
    sleep(Duration::from_millis(400)).await;
    guest.write_all(b"ke\n").await.unwrap();
    sleep(Duration::from_millis(300)).await;
    boss.send(true).unwrap();
    let mut heard = String::new();
    let hung_up = timeout(Duration::from_secs(10), guest.read_to_string(&mut heard)).await;
    hung_up
        .unwrap_or_else(|_| {
            panic!("the service never hung up at closing time: it ignores the signal")
        })
        .unwrap();
    (heard, service.await.unwrap())
}

#[tokio::main]
async fn main() {
    println!("{:?}", shift().await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_shift_at_the_service() {
        let (heard, served) = shift().await;
        assert!(
            heard.contains("SORRY roast\n"),
            "the roast takes 5 s, but a guest waits 300 ms and then hears SORRY. The guest \
             heard:\n{heard}"
        );
        assert!(
            heard.contains("ANYTHING ELSE?\n"),
            "after 500 ms of silence the guest should hear ANYTHING ELSE?. The guest \
             heard:\n{heard}"
        );
        assert!(
            heard.contains("READY cake\n"),
            "the guest ordered cake, slowly: \"ORDER ca\", 500 ms of silence, then \"ke\". The \
             read that was dropped when the 500 ms won took \"ORDER ca\" with it: read lines \
             with a cancel-safe method. The guest heard:\n{heard}"
        );
        assert_eq!(
            heard, "READY tea\nSORRY roast\nREADY soup\nANYTHING ELSE?\nREADY cake\nBYE\n",
            "what the guest heard, line by line"
        );
        assert_eq!(served.unwrap(), 3, "tea, soup and cake were served");
        sleep(Duration::from_secs(10)).await;
        assert_eq!(
            COOKED.load(SeqCst),
            3,
            "the roast was finished later anyway: a dish the guest gave up on must be dropped, \
             not left cooking"
        );
    }
}
