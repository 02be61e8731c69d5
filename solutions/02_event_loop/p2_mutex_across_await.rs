// A lock held across `.await`
//
// A `std::sync::Mutex` guard means "this thread holds the lock". Keeping it
// alive across an `.await` is trouble twice over. On tokio's multi-thread
// runtime the task may continue on another thread, and the guard must not
// move (it is not `Send`): `tokio::spawn` refuses with "future cannot be sent
// between threads safely". And while the task is paused, every other task
// that wants the lock must wait for it, with the lock held by nobody who is
// running: on a single thread, that is a deadlock.
//
// The rule: lock, do the quick work, let the guard go, and only then
// `.await`. (When a lock truly must be held across an `.await`, tokio has an
// async `Mutex`; here it would make the waiters walk one at a time.)
//
// What to fix: `take_order` keeps the order book locked while the waiter
// walks to the kitchen. Keep the lock only while writing in the book.
//
// Done when it compiles and three waiters take their orders at the same time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

type Book = Arc<Mutex<Vec<String>>>;

async fn take_order(book: Book, table: u32) {
    book.lock().unwrap().push(format!("table {table}: ordered"));
    // The guard is gone (it lived only for the line above): safe to await.
    tokio::time::sleep(Duration::from_millis(10)).await; // walk to the kitchen
    book.lock().unwrap().push(format!("table {table}: sent"));
}

async fn take_orders(book: Book) {
    let waiters: Vec<_> = (1..=3)
        .map(|table| tokio::spawn(take_order(book.clone(), table)))
        .collect();
    for waiter in waiters {
        waiter.await.unwrap();
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
    async fn three_waiters_take_orders_at_once() {
        let book = Book::default();
        let start = Instant::now();
        take_orders(book.clone()).await;
        let ms = start.elapsed().as_millis();

        let book = book.lock().unwrap();
        assert_eq!(book.len(), 6, "each of the 3 tables is ordered and sent");
        assert!(
            ms < 15,
            "the 3 orders took {ms} ms: each waiter kept the order book locked while \
             walking to the kitchen, so the others waited. If they overlapped they \
             would take about 10 ms"
        );
    }
}
