use futures::stream::{self, StreamExt};
use tokio::io::AsyncWriteExt;

#[derive(Debug)]
struct Trade {
    symbol: &'static str,
    qty: i64,
    price_cents: i64,
}

/// Formats each trade into a reusable scratch String and writes it out
/// immediately; the String only avoids reallocating per line and is
/// always empty again at the end of each iteration.
async fn write_trades<W: tokio::io::AsyncWrite + Unpin>(out: &mut W, n: usize) -> std::io::Result<usize> {
    let mut trades = stream::iter((0..n).map(|i| Trade {
        symbol: ["ACME", "INIT", "GLOBX"][i % 3],
        qty: (i as i64 % 7 + 1) * 100,
        price_cents: 10_000 + i as i64 * 13,
    }));
    let mut line = String::with_capacity(64);
    let mut count = 0;
    while let Some(t) = trades.next().await {
        line.clear();
        use std::fmt::Write as _;
        writeln!(line, "{},{},{}.{:02}", t.symbol, t.qty, t.price_cents / 100, t.price_cents % 100).unwrap();
        out.write_all(line.as_bytes()).await?;
        count += 1;
    }
    out.flush().await?;
    Ok(count)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut out: Vec<u8> = Vec::new();
    let n = write_trades(&mut out, 19).await?;
    let lines = out.iter().filter(|b| **b == b'\n').count();
    println!("trade lines written: {lines} of {n}");
    Ok(())
}
