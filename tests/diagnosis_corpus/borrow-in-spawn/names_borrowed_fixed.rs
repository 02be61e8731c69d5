// corpus: run
#[tokio::main]
async fn main() {
    let names = vec!["ada", "grace", "edsger"];
    let printer = tokio::spawn(async move {
        for n in &names {
            println!("{n}");
        }
    });
    printer.await.unwrap();
}
