// Crawler over an in-memory site: count the outgoing links of every page,
// each page parsed in its own task, and report the site's link total.
use futures::future::join_all;
use std::collections::HashMap;
use std::time::Duration;

fn count_links(html: &str) -> usize {
    let mut n = 0;
    let mut rest = html;
    while let Some(start) = rest.find("<a href=\"") {
        let after = &rest[start + 9..];
        let end = after.find('"').expect("unterminated href");
        n += 1;
        rest = &after[end..];
    }
    n
}

#[tokio::main]
async fn main() {
    let site: HashMap<&str, &str> = HashMap::from([
        ("/", r#"<a href="/a">A</a> <a href="/b">B</a>"#),
        ("/a", r#"<p>see <a href="/b">b</a> and <a href="/c">c</a> and <a href="/">home</a></p>"#),
        ("/b", r#"<a href="/c>broken</a>"#),
        ("/c", r#"<a href="/">home</a>"#),
    ]);
    let handles: Vec<_> = site
        .iter()
        .map(|(path, html)| {
            let (path, html) = (path.to_string(), html.to_string());
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(5)).await;
                (path, count_links(&html))
            })
        })
        .collect();
    let counts: Vec<(String, usize)> = join_all(handles).await.into_iter().filter_map(|r| r.ok()).collect();
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    println!("site has {total} links across {} pages", site.len());
}
