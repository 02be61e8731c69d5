use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A checksum computation that needs several polls to finish.
struct Checksum {
    data: Vec<u8>,
    pos: usize,
    acc: u32,
}

impl Future for Checksum {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        // process at most 4 bytes per poll
        let end = (self.pos + 4).min(self.data.len());
        for i in self.pos..end {
            self.acc = self.acc.wrapping_mul(31).wrapping_add(self.data[i] as u32);
        }
        self.pos = end;
        if self.pos == self.data.len() {
            Poll::Ready(self.acc)
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn main() {
    let data: Vec<u8> = (0u8..30).collect();
    let expected = data.iter().fold(0u32, |a, &b| a.wrapping_mul(31).wrapping_add(b as u32));

    let mut job: Pin<Box<Checksum>> = Box::pin(Checksum { data, pos: 0, acc: 0 });
    let mut cx = Context::from_waker(Waker::noop());

    let mut other_work_done = 0u32;
    let mut result = None;
    let mut iterations = 0;
    while result.is_none() {
        iterations += 1;
        // Is the checksum ready yet? Check once per iteration.
        match job.as_mut().poll(&mut cx) {
            Poll::Ready(sum) => result = Some(sum),
            Poll::Pending => {
                // Not yet: do some unrelated work and check again next iteration.
                other_work_done += 1;
            }
        }
    }
    let sum = result.unwrap();
    println!("checksum {sum:#x} after {iterations} iterations, {other_work_done} units of other work");
    assert_eq!(sum, expected);
    assert!(other_work_done > 0);
}
