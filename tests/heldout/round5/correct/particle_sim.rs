use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Clone, Copy)]
struct Particle {
    x: f64,
    v: f64,
}

/// Integrates a long simulation; it gives the scheduler a turn every few thousand steps.
async fn simulate(mut ps: Vec<Particle>, steps: usize) -> f64 {
    let dt = 0.001;
    for step in 0..steps {
        for p in ps.iter_mut() {
            let a = -p.x * 4.0; // spring force
            p.v += a * dt;
            p.x += p.v * dt;
        }
        if step % 2_000 == 0 {
            tokio::task::yield_now().await;
        }
    }
    ps.iter().map(|p| 0.5 * p.v * p.v + 2.0 * p.x * p.x).sum()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let redraws = Arc::new(AtomicUsize::new(0));
    let ui = {
        let redraws = redraws.clone();
        tokio::spawn(async move {
            loop {
                redraws.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(16)).await;
            }
        })
    };

    let particles: Vec<Particle> = (0..200).map(|i| Particle { x: (i as f64) * 0.01, v: 0.0 }).collect();
    let started = Instant::now();
    let energy = simulate(particles, 800_000).await;
    println!(
        "energy after simulation: {energy:.4} ({:?}, UI redrew {} times)",
        started.elapsed(),
        redraws.load(Ordering::Relaxed)
    );
    ui.abort();
}
