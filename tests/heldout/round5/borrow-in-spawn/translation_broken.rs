use std::time::Duration;
use tokio::task::JoinHandle;

async fn translate(text: &str, lang: &str) -> String {
    tokio::time::sleep(Duration::from_millis(20)).await;
    match lang {
        "de" => text.replace("hello", "hallo").replace("world", "Welt"),
        "es" => text.replace("hello", "hola").replace("world", "mundo"),
        _ => text.to_string(),
    }
}

fn spawn_translation(text: &str, lang: &'static str) -> JoinHandle<String> {
    tokio::spawn(async move { format!("[{lang}] {}", translate(text, lang).await) })
}

#[tokio::main]
async fn main() {
    let source = String::from("hello world, hello again");
    let jobs: Vec<_> = ["de", "es", "fr"]
        .into_iter()
        .map(|lang| spawn_translation(&source, lang))
        .collect();
    for j in jobs {
        println!("{}", j.await.unwrap());
    }
}
