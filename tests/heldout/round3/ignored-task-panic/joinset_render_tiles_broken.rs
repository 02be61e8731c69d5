use tokio::task::JoinSet;
use tokio::time::{sleep, Duration};

fn tile_color(x: u32, y: u32, palette: &[u8]) -> u8 {
    palette[((x * 7 + y * 13) % 9) as usize]
}

async fn render_tile(x: u32, y: u32) -> (u32, u32, u8) {
    sleep(Duration::from_millis(5 * (x + y) as u64)).await;
    let palette = [10, 20, 30, 40, 50, 60, 70, 80]; // one short!
    (x, y, tile_color(x, y, &palette))
}

#[tokio::main]
async fn main() {
    let mut set = JoinSet::new();
    for x in 0..4 {
        for y in 0..4 {
            set.spawn(render_tile(x, y));
        }
    }

    let mut tiles = Vec::new();
    while let Some(Ok(tile)) = set.join_next().await {
        tiles.push(tile);
    }
    println!("rendered {} tiles", tiles.len());
    tiles.sort();
    for (x, y, c) in tiles.iter().take(4) {
        println!("tile ({x},{y}) = {c}");
    }
}
