use std::cell::RefCell;
use std::rc::Rc;
use tokio::task::LocalSet;
use tokio::time::{sleep, Duration};

struct Ui {
    log: RefCell<Vec<String>>,
}

async fn animate(ui: Rc<Ui>, widget: &'static str, frames: u32) {
    for f in 0..frames {
        sleep(Duration::from_millis(8)).await;
        ui.log.borrow_mut().push(format!("{widget} frame {f}"));
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ui = Rc::new(Ui { log: RefCell::new(Vec::new()) });
    let local = LocalSet::new();
    let spinner = local.spawn_local(animate(Rc::clone(&ui), "spinner", 5));
    let progress = local.spawn_local(animate(Rc::clone(&ui), "progress", 3));
    local
        .run_until(async move {
            spinner.await.unwrap();
            progress.await.unwrap();
        })
        .await;
    println!("{} frames drawn", ui.log.borrow().len());
    assert_eq!(ui.log.borrow().len(), 8);
}
