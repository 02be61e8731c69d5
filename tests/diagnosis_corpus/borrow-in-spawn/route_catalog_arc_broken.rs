// A task counts the items on sale while main goes on using the catalog.
struct Item {
    name: &'static str,
    on_sale: bool,
}

#[tokio::main]
async fn main() {
    let catalog = vec![
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
    ];
    let counter = tokio::spawn(async { catalog.iter().filter(|i| i.on_sale).count() });
    for item in &catalog {
        println!("listed {}", item.name);
    }
    println!("{} of {} on sale", counter.await.unwrap(), catalog.len());
}
