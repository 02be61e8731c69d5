// A lock held across `.await`
//
// A `std::sync::MutexGuard` means "this thread holds the lock". Keeping it
// alive across an `.await` is trouble twice over. The guard is not `Send`,
// so a future that keeps it across an `.await` is not `Send` either, and
// `tokio::spawn`, which asks for `Send` on every runtime, refuses it:
// "future cannot be sent between threads safely". And while `take_order` is
// suspended, the lock stays locked: another task that takes it on the same
// thread blocks that thread (the waiter himself), and on one thread nobody
// is left to unlock it: a deadlock.
//
// The rule: hold a lock only for the quick work, never while waiting.
//
// What to fix: `take_order` keeps the order book locked while the ticket
// goes to the kitchen, and it does not compile. Keep the lock only while
// writing in the book.
//
// Done when it compiles and the three tables' orders are taken at the same
// time: all three written in the book before any is sent to the kitchen.

use std::sync::{Arc, Mutex};
use std::time::Duration;

type Book = Arc<Mutex<Vec<String>>>;

async fn take_order(book: Book, table: u32) {
    let mut orders = book.lock().unwrap();
    orders.push(format!("table {table}: ordered"));
    // TODO: the guard `orders` is still alive while the ticket goes to the kitchen.
    tokio::time::sleep(Duration::from_millis(10)).await; // the ticket goes to the kitchen
    orders.push(format!("table {table}: sent"));
}

async fn take_orders(book: Book) {
    let tables: Vec<_> = (1..=3)
        .map(|table| tokio::spawn(take_order(book.clone(), table)))
        .collect();
    for table in tables {
        table.await.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let book = Book::default();
    take_orders(book.clone()).await;
    println!("{:#?}", book.lock().unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn three_orders_are_taken_at_once() {
        let book = Book::default();
        let start = Instant::now();
        take_orders(book.clone()).await;
        let ms = start.elapsed().as_millis();

        let book = book.lock().unwrap();
        assert_eq!(book.len(), 6, "each of the 3 tables is ordered and sent");
        assert!(
            ms < 15,
            "the 3 orders took {ms} ms: they were taken one after another. If they \
             overlapped they would take about 10 ms"
        );
        assert!(
            book[..3].iter().all(|line| line.ends_with("ordered")),
            "the book reads {book:?}: each order is written when it is taken and sent \
             only after its 10 ms trip to the kitchen, so when the orders are taken at \
             the same time, all three are written before any is sent"
        );
        assert!(
            ms >= 10,
            "the 3 orders took only {ms} ms: the 10 ms trip to the kitchen was skipped"
        );
    }
}
