use std::future::Future;
use std::pin::Pin;
use tokio::time::{sleep, Duration};

struct MenuItem {
    label: &'static str,
    children: Vec<MenuItem>,
}

fn render<'a>(item: &'a MenuItem, depth: usize, out: &'a mut Vec<String>) -> Pin<Box<dyn Future<Output = ()> + 'a>> {
    Box::pin(async move {
        sleep(Duration::from_millis(2)).await; // translate the label
        out.push(format!("{}{}", "  ".repeat(depth), item.label));
        for child in &item.children {
            render(child, depth + 1, out).await;
        }
    })
}

fn leaf(label: &'static str) -> MenuItem {
    MenuItem { label, children: vec![] }
}

#[tokio::main]
async fn main() {
    let menu = MenuItem {
        label: "File",
        children: vec![
            leaf("New"),
            MenuItem { label: "Open Recent", children: vec![leaf("notes.md"), leaf("todo.txt")] },
            leaf("Quit"),
        ],
    };
    let mut lines = Vec::new();
    render(&menu, 0, &mut lines).await;
    println!("{}", lines.join("\n"));
    assert_eq!(lines.len(), 6);
}
