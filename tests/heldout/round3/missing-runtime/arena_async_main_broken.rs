use tokio::time::{interval, Duration};

#[derive(Debug)]
struct Player {
    name: &'static str,
    hp: i32,
    attack: i32,
}

fn fight_round(a: &mut Player, b: &mut Player) {
    b.hp -= a.attack;
    if b.hp > 0 {
        a.hp -= b.attack;
    }
}

async fn run_match(mut a: Player, mut b: Player) -> &'static str {
    let mut frame = interval(Duration::from_millis(16));
    let mut round = 0;
    while a.hp > 0 && b.hp > 0 {
        frame.tick().await;
        round += 1;
        fight_round(&mut a, &mut b);
        println!("round {round}: {} {}hp vs {} {}hp", a.name, a.hp, b.name, b.hp);
    }
    if a.hp > 0 { a.name } else { b.name }
}

async fn main() {
    let knight = Player { name: "knight", hp: 40, attack: 7 };
    let troll = Player { name: "troll", hp: 55, attack: 5 };
    let winner = run_match(knight, troll).await;
    println!("winner: {winner}");
}
