// Cache warmer: before warming, compute how much of the artifact store
// (a tree of folders and blobs, metadata fetched per node) would be loaded.
use std::time::Duration;

enum Node {
    Blob { name: &'static str, bytes: u64 },
    Folder { name: &'static str, children: Vec<Node> },
}

async fn stat_delay() {
    tokio::time::sleep(Duration::from_millis(1)).await; // metadata lookup
}

async fn folder_size(children: &[Node]) -> u64 {
    let mut total = 0;
    for child in children {
        total += node_size(child).await;
    }
    total
}

async fn node_size(node: &Node) -> u64 {
    stat_delay().await;
    match node {
        Node::Blob { bytes, .. } => *bytes,
        Node::Folder { name, children } => {
            let size = folder_size(children).await;
            println!("  {name}/: {size} bytes");
            size
        }
    }
}

#[tokio::main]
async fn main() {
    use Node::*;
    let store = Folder {
        name: "artifacts",
        children: vec![
            Blob { name: "index.json", bytes: 2_048 },
            Folder {
                name: "linux-x64",
                children: vec![Blob { name: "app", bytes: 18_000_000 }, Blob { name: "app.sig", bytes: 512 }],
            },
            Folder {
                name: "web",
                children: vec![Folder { name: "assets", children: vec![Blob { name: "main.js", bytes: 740_000 }] }],
            },
        ],
    };
    let total = node_size(&store).await;
    let names = if let Folder { children, .. } = &store {
        children.iter().map(|c| match c { Blob { name, .. } | Folder { name, .. } => *name }).collect::<Vec<_>>()
    } else {
        vec![]
    };
    println!("top level: {names:?}");
    println!("warming would load {:.1} MB", total as f64 / 1e6);
}
