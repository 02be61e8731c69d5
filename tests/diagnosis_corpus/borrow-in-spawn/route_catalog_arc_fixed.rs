// corpus: run
// A task counts the items on sale while main goes on using the catalog.
use std::sync::Arc;

struct Item {
    name: &'static str,
    on_sale: bool,
}

#[tokio::main]
async fn main() {
    let catalog = Arc::new(vec![
        Item {
            name: "kettle",
            on_sale: true,
        },
        Item {
            name: "teapot",
            on_sale: false,
        },
        Item {
            name: "mug",
            on_sale: true,
        },
    ]);
    let shared = Arc::clone(&catalog);
    let counter = tokio::spawn(async move { shared.iter().filter(|i| i.on_sale).count() });
    for item in catalog.iter() {
        println!("listed {}", item.name);
    }
    println!("{} of {} on sale", counter.await.unwrap(), catalog.len());
}
