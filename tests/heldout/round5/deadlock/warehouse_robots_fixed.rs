use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

struct Zone {
    name: &'static str,
    pallets: u32,
}

async fn drive(robot: &str, meters: u64) {
    tokio::time::sleep(Duration::from_millis(meters * 2)).await;
    let _ = robot;
}

/// Robot A unloads trucks: dock -> lift.
async fn unload_truck(dock: Arc<Mutex<Zone>>, lift: Arc<Mutex<Zone>>) {
    let mut d = dock.lock().await;
    println!("robot-A reserved the {}", d.name);
    drive("robot-A", 10).await;
    let mut l = lift.lock().await;
    println!("robot-A reserved the {}", l.name);
    d.pallets -= 1;
    l.pallets += 1;
}

/// Robot B brings empties back down: lift -> dock.
/// Zones are always reserved in the same order (dock first) to avoid gridlock.
async fn return_empties(dock: Arc<Mutex<Zone>>, lift: Arc<Mutex<Zone>>) {
    let mut d = dock.lock().await;
    println!("robot-B reserved the {}", d.name);
    drive("robot-B", 10).await;
    let mut l = lift.lock().await;
    println!("robot-B reserved the {}", l.name);
    l.pallets -= 1;
    d.pallets += 1;
}

#[tokio::main]
async fn main() {
    let dock = Arc::new(Mutex::new(Zone { name: "loading dock", pallets: 6 }));
    let lift = Arc::new(Mutex::new(Zone { name: "freight lift", pallets: 2 }));

    let a = tokio::spawn(unload_truck(dock.clone(), lift.clone()));
    let b = tokio::spawn(return_empties(dock.clone(), lift.clone()));
    a.await.unwrap();
    b.await.unwrap();

    println!(
        "shift over: dock {} pallets, lift {} pallets",
        dock.lock().await.pallets,
        lift.lock().await.pallets
    );
}
