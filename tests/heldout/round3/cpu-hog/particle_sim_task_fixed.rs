use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tokio::time::{interval, Duration};

#[derive(Clone, Copy)]
struct Particle {
    pos: (f32, f32),
    vel: (f32, f32),
}

fn step(particles: &mut [Particle], dt: f32) {
    for p in particles.iter_mut() {
        p.vel.1 -= 9.81 * dt;
        p.pos.0 += p.vel.0 * dt;
        p.pos.1 += p.vel.1 * dt;
        if p.pos.1 < 0.0 {
            p.pos.1 = -p.pos.1;
            p.vel.1 = -p.vel.1 * 0.98;
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let frames = Arc::new(AtomicU32::new(0));
    let rendered = Arc::clone(&frames);
    let renderer = tokio::spawn(async move {
        let mut vsync = interval(Duration::from_millis(16));
        loop {
            vsync.tick().await;
            rendered.fetch_add(1, Ordering::Relaxed);
        }
    });

    let sim = tokio::spawn(async move {
        let mut particles: Vec<Particle> = (0..4000)
            .map(|i| Particle { pos: (i as f32, 10.0 + (i % 7) as f32), vel: (0.5, 0.0) })
            .collect();
        for tick in 0..30_000 {
            step(&mut particles, 0.001);
            if tick % 10 == 0 {
                tokio::task::yield_now().await;
            }
        }
        particles.iter().map(|p| p.pos.1).sum::<f32>() / particles.len() as f32
    });

    let avg_height = sim.await.unwrap();
    renderer.abort();
    let frames = frames.load(Ordering::Relaxed);
    println!("average height {avg_height:.3}, {frames} frames rendered during the simulation");
    assert!(frames >= 10, "the renderer was starved");
}
