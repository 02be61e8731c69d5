struct Folder {
    size: u64,
    children: Vec<Folder>,
}

async fn total_size(folder: &Folder) -> u64 {
    let mut sum = folder.size;
    for child in &folder.children {
        sum += total_size(child).await;
    }
    sum
}

#[tokio::main]
async fn main() {
    let root = Folder { size: 1, children: vec![Folder { size: 2, children: vec![] }] };
    println!("{}", total_size(&root).await);
}
