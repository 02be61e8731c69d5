use std::time::{Duration, Instant};

struct Backend {
    sku: &'static str,
}

impl Backend {
    async fn price(&self) -> Result<u32, String> {
        tokio::time::sleep(Duration::from_millis(500)).await;
        Ok(1999)
    }

    async fn reviews(&self) -> Result<Vec<&'static str>, String> {
        tokio::time::sleep(Duration::from_millis(500)).await;
        Ok(vec!["sturdy", "smaller than expected", "great value"])
    }

    async fn stock(&self) -> Result<u32, String> {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if self.sku.is_empty() {
            Err("unknown sku".into())
        } else {
            Ok(17)
        }
    }

    async fn render(&self) -> Result<String, String> {
        let (price, reviews, stock) = tokio::try_join!(self.price(), self.reviews(), self.stock())?;
        Ok(format!(
            "{}: EUR {}.{:02}, {} in stock, {} reviews ({})",
            self.sku,
            price / 100,
            price % 100,
            stock,
            reviews.len(),
            reviews.join(", ")
        ))
    }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let page = Backend { sku: "LAMP-042" }.render().await;
    match page {
        Ok(html) => println!("{html}"),
        Err(e) => println!("error page: {e}"),
    }
    println!("rendered in {:?}", started.elapsed());
}
