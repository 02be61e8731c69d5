// corpus: run
// A thread of its own totals the tips: `move ||` moves the list itself in.
use std::thread;

fn main() {
    let tips = vec![3u32, 5, 2];
    let total = thread::spawn(move || tips.iter().sum::<u32>());
    println!("tips: {}", total.join().unwrap());
}
