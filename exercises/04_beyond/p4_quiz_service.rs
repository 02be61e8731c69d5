// Quiz: a small service.
//
// The kitchen is now a service on a connection (an in-process pipe here; a TCP
// socket works the same way). A guest writes one order per line, "ORDER soup",
// and the service answers each: "READY soup", or "SORRY roast" if the dish is
// not ready within 300 ms (the guest won't wait longer, and the late dish is
// dropped, not left cooking). At closing time (a `watch` signal) the service
// says "BYE", hangs up and returns how many dishes it served, even while a
// guest is still connected and silent. `serve` gets two of these wrong: find
// and fix both (and mind that the way you read a line is cancel safe). Done
// when the tests pass.

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::watch;
use tokio::time::{sleep, timeout, Duration};

async fn cook(dish: &str) -> String {
    let ms = if dish == "roast" { 5_000 } else { 100 };
    sleep(Duration::from_millis(ms)).await;
    format!("READY {dish}")
}

async fn serve(conn: DuplexStream, mut closing: watch::Receiver<bool>) -> std::io::Result<u32> {
    let (reader, mut writer) = tokio::io::split(conn);
    let (mut lines, mut served) = (BufReader::new(reader).lines(), 0);
    loop {
        // TODO: two ideas of this phase are missing from this loop.
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

/// One shift: a guest orders three dishes and stays, silent; closing at 1 s.
/// Returns what the guest heard and what the service returned.
async fn shift() -> (String, std::io::Result<u32>) {
    let (mut guest, server) = tokio::io::duplex(1024);
    let (boss, closing) = watch::channel(false);
    let service = tokio::spawn(serve(server, closing));
    let orders = b"ORDER tea\nORDER roast\nORDER soup\n";
    guest.write_all(orders).await.unwrap();
    sleep(Duration::from_secs(1)).await;
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
        assert_eq!(
            heard, "READY tea\nSORRY roast\nREADY soup\nBYE\n",
            "the roast takes 5 s, but a guest waits 300 ms and then hears SORRY"
        );
        assert_eq!(served.unwrap(), 2, "tea and soup were served");
    }
}
