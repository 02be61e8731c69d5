use futures::stream::{self, Stream, StreamExt};
use tokio::io::{AsyncWrite, AsyncWriteExt};

#[derive(Debug)]
pub struct AuditEvent {
    pub actor: String,
    pub action: &'static str,
    pub target: String,
}

const BUF_LIMIT: usize = 512;

/// Serializes audit events as JSON lines, writing to `out` whenever the
/// in-memory buffer grows past BUF_LIMIT bytes.
pub async fn write_audit_log<S, W>(events: S, out: &mut W) -> std::io::Result<usize>
where
    S: Stream<Item = AuditEvent>,
    W: AsyncWrite + Unpin,
{
    let mut events = Box::pin(events);
    let mut buf: Vec<u8> = Vec::with_capacity(BUF_LIMIT * 2);
    let mut seen = 0;
    while let Some(ev) = events.next().await {
        let line = format!(
            "{{\"actor\":\"{}\",\"action\":\"{}\",\"target\":\"{}\"}}\n",
            ev.actor, ev.action, ev.target
        );
        buf.extend_from_slice(line.as_bytes());
        seen += 1;
        if buf.len() >= BUF_LIMIT {
            out.write_all(&buf).await?;
            buf.clear();
        }
    }
    if !buf.is_empty() {
        out.write_all(&buf).await?;
    }
    out.flush().await?;
    Ok(seen)
}

fn sample_events(n: usize) -> impl Stream<Item = AuditEvent> {
    stream::iter((0..n).map(|i| AuditEvent {
        actor: format!("user{}", i % 5),
        action: if i % 3 == 0 { "delete" } else { "update" },
        target: format!("/projects/{}/settings", i),
    }))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut file: Vec<u8> = Vec::new();
    let seen = write_audit_log(sample_events(25), &mut file).await?;
    let written = file.iter().filter(|b| **b == b'\n').count();
    println!("audit events written: {written} of {seen}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_event_reaches_the_log() {
        let mut out: Vec<u8> = Vec::new();
        let seen = write_audit_log(sample_events(3), &mut out).await.unwrap();
        assert_eq!(seen, 3);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 3, "log was: {text:?}");
    }
}
