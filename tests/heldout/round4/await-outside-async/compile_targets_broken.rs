// Build scheduler: compile every target of a workspace, then link the
// binary from the object files.
use std::time::Duration;

#[derive(Debug)]
struct Object {
    target: String,
    bytes: usize,
}

async fn compile(target: &str) -> Object {
    // pretend to invoke the compiler
    tokio::time::sleep(Duration::from_millis(20)).await;
    Object { target: target.to_string(), bytes: target.len() * 1024 }
}

fn compile_all(targets: &[&str]) -> Vec<Object> {
    let mut objects = Vec::new();
    for t in targets {
        println!("compiling {t}");
        objects.push(compile(t).await);
    }
    objects
}

fn link(objects: &[Object]) -> usize {
    objects.iter().map(|o| o.bytes).sum::<usize>() + 4096
}

#[tokio::main]
async fn main() {
    let targets = ["core", "net", "storage", "cli"];
    let objects = compile_all(&targets);
    for o in &objects {
        println!("  {} -> {} bytes", o.target, o.bytes);
    }
    println!("linked app: {} bytes", link(&objects));
}
