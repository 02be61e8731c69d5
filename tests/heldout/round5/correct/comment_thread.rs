use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

struct Comment {
    author: &'static str,
    text: &'static str,
    replies: Vec<Comment>,
}

async fn moderation_score(text: &str) -> u32 {
    tokio::time::sleep(Duration::from_millis(2)).await; // moderation API
    text.matches('!').count() as u32
}

/// Renders a comment and all its replies; recursion goes through a boxed future.
fn render<'a>(c: &'a Comment, depth: usize, out: &'a mut Vec<String>) -> Pin<Box<dyn Future<Output = u32> + Send + 'a>> {
    Box::pin(async move {
        let mut flagged = 0;
        let score = moderation_score(c.text).await;
        if score > 2 {
            flagged += 1;
            out.push(format!("{}[hidden comment by {}]", "  ".repeat(depth), c.author));
        } else {
            out.push(format!("{}{}: {}", "  ".repeat(depth), c.author, c.text));
        }
        for r in &c.replies {
            flagged += render(r, depth + 1, out).await;
        }
        flagged
    })
}

fn thread() -> Comment {
    Comment {
        author: "ivy",
        text: "Is async Rust hard?",
        replies: vec![
            Comment {
                author: "max",
                text: "Only the first week.",
                replies: vec![Comment { author: "zed", text: "WRONG!!! it's always hard!!!", replies: vec![] }],
            },
            Comment { author: "ola", text: "Read the tokio tutorial.", replies: vec![] },
        ],
    }
}

#[tokio::main]
async fn main() {
    let mut lines = Vec::new();
    let flagged = tokio::spawn(async move {
        let t = thread();
        let n = render(&t, 0, &mut lines).await;
        (n, lines)
    })
    .await
    .unwrap();
    println!("{}", flagged.1.join("\n"));
    println!("{} comment(s) hidden", flagged.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn nested_replies_are_indented() {
        let mut lines = Vec::new();
        let hidden = render(&thread(), 0, &mut lines).await;
        assert_eq!(hidden, 1);
        assert_eq!(lines.len(), 4);
        assert!(lines[2].starts_with("    [hidden"));
    }
}
