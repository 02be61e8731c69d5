use std::collections::HashMap;
use std::time::Duration;

struct PriceBook {
    prices: HashMap<&'static str, u64>,
}

impl PriceBook {
    async fn unit_price(&self, sku: &str) -> u64 {
        // the real price service lives on another box
        tokio::time::sleep(Duration::from_millis(5)).await;
        *self.prices.get(sku).unwrap_or(&0)
    }
}

struct Line {
    sku: &'static str,
    qty: u64,
}

async fn invoice_total(book: &PriceBook, lines: &[Line]) -> u64 {
    let mut total = 0;
    for line in lines {
        let price = book.unit_price(line.sku);
        total += price * line.qty;
    }
    total
}

#[tokio::main]
async fn main() {
    let book = PriceBook {
        prices: HashMap::from([("pen", 150), ("notebook", 420), ("stapler", 990)]),
    };
    let lines = vec![
        Line { sku: "pen", qty: 10 },
        Line { sku: "notebook", qty: 3 },
        Line { sku: "stapler", qty: 1 },
    ];
    let total = invoice_total(&book, &lines).await;
    println!("invoice total: {}.{:02} EUR", total / 100, total % 100);
}
