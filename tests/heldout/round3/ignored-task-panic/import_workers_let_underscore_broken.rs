use std::sync::Arc;
use tokio::sync::Mutex;

#[derive(Debug)]
struct Customer {
    id: u32,
    email: String,
}

fn parse_row(row: &str) -> Customer {
    let mut cols = row.split(',');
    let id = cols.next().unwrap().trim().parse().expect("id must be a number");
    let email = cols.next().unwrap().trim().to_string();
    Customer { id, email }
}

#[tokio::main]
async fn main() {
    let csv_chunks = vec![
        vec!["1, ana@example.com", "2, bo@example.com"],
        vec!["3, cy@example.com", "four, dee@example.com"],
        vec!["5, eve@example.com"],
    ];
    let imported = Arc::new(Mutex::new(Vec::new()));

    let mut workers = Vec::new();
    for chunk in csv_chunks {
        let imported = Arc::clone(&imported);
        workers.push(tokio::spawn(async move {
            let customers: Vec<Customer> = chunk.iter().map(|r| parse_row(r)).collect();
            imported.lock().await.extend(customers);
        }));
    }
    for w in workers {
        let _ = w.await;
    }

    let imported = imported.lock().await;
    println!("import finished: {} customers", imported.len());
}
