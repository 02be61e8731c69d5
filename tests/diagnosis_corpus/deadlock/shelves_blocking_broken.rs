// corpus: run
// Two blocking jobs move stock between shelves guarded by std Mutexes. The
// helper takes its two locks in the order of its arguments, and the jobs
// pass the shelves in opposite orders.
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct Shelf {
    name: &'static str,
    items: Mutex<u32>,
}

fn move_stock(src: &Shelf, dst: &Shelf, n: u32) {
    let mut taken = src.items.lock().unwrap();
    std::thread::sleep(Duration::from_millis(50)); // counting the boxes
    let mut given = dst.items.lock().unwrap();
    *taken -= n;
    *given += n;
}

#[tokio::main]
async fn main() {
    let front = Arc::new(Shelf {
        name: "front",
        items: Mutex::new(10),
    });
    let back = Arc::new(Shelf {
        name: "back",
        items: Mutex::new(10),
    });
    let (f1, b1) = (Arc::clone(&front), Arc::clone(&back));
    let restock = tokio::task::spawn_blocking(move || move_stock(&b1, &f1, 3));
    let (f2, b2) = (Arc::clone(&front), Arc::clone(&back));
    let clear = tokio::task::spawn_blocking(move || move_stock(&f2, &b2, 2));
    restock.await.unwrap();
    clear.await.unwrap();
    println!(
        "{} {}, {} {}",
        front.name,
        front.items.lock().unwrap(),
        back.name,
        back.items.lock().unwrap()
    );
}
