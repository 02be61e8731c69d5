// corpus: run
// A task keeps a history of readings shared by `Rc` between the sampler
// and the report, and waits between samples.
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use tokio::task::LocalSet;

async fn sample(history: Rc<RefCell<Vec<u32>>>) {
    for reading in [18, 19, 21] {
        tokio::time::sleep(Duration::from_millis(2)).await;
        history.borrow_mut().push(reading);
    }
}

#[tokio::main]
async fn main() {
    let local = LocalSet::new();
    let task = local.spawn_local(async {
        let history = Rc::new(RefCell::new(Vec::new()));
        sample(Rc::clone(&history)).await;
        let readings = history.borrow();
        readings.iter().sum::<u32>() / readings.len() as u32
    });
    let average = local.run_until(task).await.unwrap();
    println!("average {average}");
}
