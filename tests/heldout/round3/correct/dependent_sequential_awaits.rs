use tokio::time::{sleep, Duration};

#[derive(Debug)]
struct User {
    id: u32,
    team_id: u32,
}

async fn login(name: &str) -> String {
    sleep(Duration::from_millis(30)).await;
    format!("token-{name}")
}

async fn whoami(token: &str) -> User {
    sleep(Duration::from_millis(30)).await;
    User { id: token.len() as u32, team_id: 7 }
}

async fn team_name(team_id: u32, _token: &str) -> String {
    sleep(Duration::from_millis(30)).await;
    format!("team-{team_id}")
}

#[tokio::main]
async fn main() {
    // each call needs the previous answer, so they cannot overlap
    let token = login("grace").await;
    let user = whoami(&token).await;
    let team = team_name(user.team_id, &token).await;
    println!("user #{} is in {team}", user.id);
}
