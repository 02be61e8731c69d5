// corpus: run
use std::time::Duration;
use tokio::sync::watch;

struct Body {
    pos: f64,
    vel: f64,
}

fn integrate(bodies: &mut [Body], dt: f64) {
    for b in bodies.iter_mut() {
        b.vel -= 9.81 * dt;
        b.pos += b.vel * dt;
        if b.pos < 0.0 {
            b.pos = -b.pos;
            b.vel = -b.vel * 0.9;
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = watch::channel(0.0f64);
    let renderer = tokio::spawn(async move {
        let mut frames = 0;
        while rx.changed().await.is_ok() {
            frames += 1;
        }
        frames
    });
    let mut bodies: Vec<Body> = (0..2000).map(|i| Body { pos: i as f64, vel: 0.0 }).collect();
    let sim = async move {
        for _step in 0..60_000 {
            integrate(&mut bodies, 0.001);
        }
        tx.send(bodies[0].pos).unwrap();
        tokio::time::sleep(Duration::from_millis(1)).await;
    };
    sim.await;
    println!("renderer saw {} frames", renderer.await.unwrap());
}
