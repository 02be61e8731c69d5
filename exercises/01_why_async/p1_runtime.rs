// Lesson 4: a runtime drives futures
//
// A future is a value that isn't here yet. Something has to ask it "are you ready?"
// (poll it), and poll it again when its wait is over. That something is the runtime:
// an event loop, a thread running your code plus a queue of tasks ready to continue.
// Rust's language gives you `async` and `.await` but no event loop; a library provides
// it. In this course it is tokio.
//
// So `async fn main` on its own cannot work: who would poll it? The compiler refuses
// (error E0752). Something has to start an event loop and hand it the future.
// That something is ordinary code, and here you write it yourself: make `main` a
// plain fn (it is where the program starts, before any event loop exists), build
// tokio's event loop in it as a value, and have it drive `open_restaurant()` to the
// end and hand back what it returns. (tokio has an attribute that writes these few
// lines for you; the next lessons use it, and after this one you know what it hides.)
//
// Done when the program runs and exits normally.

use std::time::{Duration, Instant};
use tokio::time::sleep;

/// Opens the restaurant: turns on the lights and heats the oven, at the same time.
async fn open_restaurant() -> Vec<&'static str> {
    let lights = async {
        sleep(Duration::from_millis(100)).await;
        "lights on"
    };
    let oven = async {
        sleep(Duration::from_millis(200)).await;
        "oven hot"
    };
    let (a, b) = tokio::join!(lights, oven);
    vec![a, b]
}

// TODO: nothing drives this future. Build the event loop by hand, in a plain `main`.
async fn main() {
    let start = Instant::now();
    let ready = open_restaurant().await;
    let ms = start.elapsed().as_millis();
    println!("{} after {ms} ms: the restaurant is open", ready.join(", "));
    assert_eq!(ready, ["lights on", "oven hot"]);
    assert!(
        ms < 1000,
        "opening took {ms} ms, it should take about 200 ms"
    );
}
