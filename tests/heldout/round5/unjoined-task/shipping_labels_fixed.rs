use std::time::Duration;

struct Order {
    id: u32,
    city: &'static str,
    kg: f32,
}

async fn render_label(order: &Order) -> String {
    // label service renders a PDF and sends it to the thermal printer
    tokio::time::sleep(Duration::from_millis(20 + (order.id as u64 % 5) * 15)).await;
    let service = if order.kg > 10.0 { "FREIGHT" } else { "PARCEL" };
    format!("#{:05} {:<10} {:>5.1} kg  {service}", order.id, order.city, order.kg)
}

#[tokio::main]
async fn main() {
    let orders = vec![
        Order { id: 1041, city: "Lyon", kg: 2.5 },
        Order { id: 1042, city: "Porto", kg: 14.0 },
        Order { id: 1043, city: "Gdansk", kg: 0.4 },
        Order { id: 1044, city: "Tampere", kg: 7.9 },
        Order { id: 1045, city: "Bari", kg: 22.1 },
    ];
    let count = orders.len();

    let mut jobs = Vec::new();
    for order in orders {
        jobs.push(tokio::spawn(async move {
            let label = render_label(&order).await;
            println!("printed {label}");
        }));
    }
    for job in jobs {
        job.await.unwrap();
    }

    println!("{count} labels sent to the printer");
}
