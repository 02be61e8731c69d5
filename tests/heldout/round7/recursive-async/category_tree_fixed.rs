// E-commerce: count the products in a category including all subcategories.
// The subcategory list comes from the catalogue service, so it is async.
use std::collections::HashMap;
use tokio::time::{sleep, Duration};

struct Catalog {
    children: HashMap<u32, Vec<u32>>,
    products: HashMap<u32, usize>,
}

impl Catalog {
    fn sample() -> Self {
        let children = HashMap::from([
            (1, vec![2, 3]),  // Electronics
            (2, vec![4, 5]),  // Computers
            (3, vec![]),      // Audio
            (4, vec![]),      // Laptops
            (5, vec![6]),     // Components
            (6, vec![]),      // GPUs
        ]);
        let products = HashMap::from([(1, 3), (2, 1), (3, 42), (4, 17), (5, 9), (6, 11)]);
        Catalog { children, products }
    }

    async fn subcategories(&self, id: u32) -> Vec<u32> {
        sleep(Duration::from_millis(1)).await; // catalogue RPC
        self.children.get(&id).cloned().unwrap_or_default()
    }

    async fn product_count(&self, id: u32) -> usize {
        let mut total = self.products.get(&id).copied().unwrap_or(0);
        for child in self.subcategories(id).await {
            total += Box::pin(self.product_count(child)).await;
        }
        total
    }
}

#[tokio::main]
async fn main() {
    let catalog = Catalog::sample();
    for (id, name) in [(1, "Electronics"), (2, "Computers"), (5, "Components")] {
        println!("{name}: {} products", catalog.product_count(id).await);
    }
}
