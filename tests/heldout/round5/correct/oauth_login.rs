use std::time::Duration;
use tokio::time::Instant;

struct Token(String);

struct Profile {
    id: u64,
    display_name: String,
    avatar_url: String,
}

async fn exchange_code(code: &str) -> Token {
    tokio::time::sleep(Duration::from_millis(60)).await;
    Token(format!("tok-{}", code.len() * 7919))
}

async fn fetch_profile(token: &Token) -> Profile {
    tokio::time::sleep(Duration::from_millis(60)).await;
    Profile {
        id: token.0.len() as u64 * 1000 + 7,
        display_name: "Noor".into(),
        avatar_url: format!("https://cdn.test/{}.png", token.0),
    }
}

async fn fetch_avatar(url: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(60)).await;
    url.len() * 128
}

async fn fetch_settings(user_id: u64) -> String {
    tokio::time::sleep(Duration::from_millis(60)).await;
    format!("theme=dark;user={user_id}")
}

async fn login(code: &str) -> (String, usize, String) {
    // each step needs the previous one's result
    let token = exchange_code(code).await;
    let profile = fetch_profile(&token).await;
    // these two only depend on the profile, so they go together
    let (avatar_bytes, settings) =
        tokio::join!(fetch_avatar(&profile.avatar_url), fetch_settings(profile.id));
    (profile.display_name, avatar_bytes, settings)
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let (name, avatar, settings) = login("abc123xyz").await;
    println!("welcome {name}: avatar {avatar} bytes, settings [{settings}] ({:?})", started.elapsed());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn login_takes_three_round_trips() {
        let started = Instant::now();
        let (name, _, settings) = login("code").await;
        assert_eq!(name, "Noor");
        assert!(settings.starts_with("theme=dark"));
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(180) && took < Duration::from_millis(200), "{took:?}");
    }
}
