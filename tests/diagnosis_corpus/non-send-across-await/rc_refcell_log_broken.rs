use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

#[tokio::main]
async fn main() {
    let task = tokio::spawn(async {
        let log = Rc::new(RefCell::new(Vec::new()));
        log.borrow_mut().push("start");
        tokio::time::sleep(Duration::from_millis(1)).await;
        log.borrow_mut().push("end");
        log.borrow().len()
    });
    println!("{} entries", task.await.unwrap());
}
