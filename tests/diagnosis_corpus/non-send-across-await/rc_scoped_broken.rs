// A task tallies the words of a text through a shared recorder, then
// saves how many distinct words it saw.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::time::Duration;

async fn save(count: usize) {
    tokio::time::sleep(Duration::from_millis(2)).await;
    println!("saved {count}");
}

#[tokio::main]
async fn main() {
    let text = "the cat saw the dog and the dog saw the cat";
    let task = tokio::spawn(async move {
        let seen = Rc::new(RefCell::new(HashSet::new()));
        let record = {
            let seen = Rc::clone(&seen);
            move |word: &'static str| {
                seen.borrow_mut().insert(word);
            }
        };
        text.split_whitespace().for_each(record);
        save(seen.borrow().len()).await;
        seen.borrow().len()
    });
    println!("{} distinct words", task.await.unwrap());
}
