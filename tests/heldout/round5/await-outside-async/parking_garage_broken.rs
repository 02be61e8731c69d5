use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Number-plate camera at the barrier; plates starting with X are on the ban list.
async fn plate_allowed(plate: &str) -> bool {
    tokio::time::sleep(Duration::from_millis(15)).await;
    !plate.starts_with('X')
}

#[tokio::main]
async fn main() {
    let spots = Arc::new(Semaphore::new(3));
    let arrivals = vec!["AB-123", "XZ-999", "CD-456", "EF-789", "GH-012"];

    let mut gates = Vec::new();
    for plate in arrivals {
        let spots = spots.clone();
        gates.push(std::thread::spawn(move || {
            if !plate_allowed(plate).await {
                return format!("{plate}: turned away at the barrier");
            }
            match spots.try_acquire() {
                Ok(permit) => {
                    permit.forget(); // the car keeps the spot
                    format!("{plate}: parked")
                }
                Err(_) => format!("{plate}: garage full"),
            }
        }));
    }

    for gate in gates {
        println!("{}", gate.join().unwrap());
    }
    println!("free spots left: {}", spots.available_permits());
}
