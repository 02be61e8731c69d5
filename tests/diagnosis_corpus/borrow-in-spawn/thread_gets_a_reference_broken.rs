// A thread of its own totals the tips; `move ||` moves only a reference to
// the local list into it, and the thread may outlive the list.
use std::thread;

fn main() {
    let tips = vec![3u32, 5, 2];
    let list = &tips;
    let total = thread::spawn(move || list.iter().sum::<u32>());
    println!("tips: {}", total.join().unwrap());
}
