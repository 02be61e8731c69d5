// Load shedding: when the queue is full, say "busy" at once.
//
// A bounded queue makes a fast producer wait while it is full: that is
// backpressure, and it is right when the producer can afford to wait. The
// front door of a busy service cannot: a request arrives every 10 ms whether
// the door is ready or not, and while the door waits for room in the queue,
// the requests behind it pile up unanswered outside. Better to answer "busy,
// try later" at once and count it: that is load shedding.
//
// Fix `front_door`: a request that finds the queue full is turned away at
// once and counted, and the door never waits. Done when the door keeps pace
// with the arrivals, the queue never holds more than 4, and every request is
// either served or counted as shed.

use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{interval, sleep, Instant};

/// Takes `arrivals` requests, one every 10 ms, for a worker that needs 50 ms
/// each. Returns (served, shed, ms the door spent on the arrivals).
async fn front_door(arrivals: u32) -> (u32, u32, u128) {
    let (queue, mut work) = mpsc::channel::<u32>(4);
    let worker = tokio::spawn(async move {
        let mut served = 0;
        while let Some(_request) = work.recv().await {
            sleep(Duration::from_millis(50)).await;
            served += 1;
        }
        served
    });
    let (start, mut shed) = (Instant::now(), 0);
    let mut arrival = interval(Duration::from_millis(10));
    for request in 0..arrivals {
        arrival.tick().await;
        // Never wait for room: a full queue means "busy, try later", at once.
        if let Err(mpsc::error::TrySendError::Full(_)) = queue.try_send(request) {
            shed += 1;
        }
    }
    let door_ms = start.elapsed().as_millis();
    drop(queue); // closing: the worker finishes what is queued
    (worker.await.unwrap(), shed, door_ms)
}

#[tokio::main]
async fn main() {
    println!("{:?}", front_door(20).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_door_sheds_what_the_queue_cannot_hold() {
        let (served, shed, door_ms) = front_door(20).await;
        assert_eq!(
            door_ms, 190,
            "20 requests, one every 10 ms, arrive in 190 ms, but the door took {door_ms} ms: \
             it waited for room in the queue while requests piled up outside"
        );
        assert_eq!(
            served + shed,
            20,
            "every request is served or counted as shed"
        );
        assert!(
            shed > 0,
            "the worker cannot keep up: some requests must be shed"
        );
    }
}
