use std::time::Duration;

struct Loan {
    title: &'static str,
    borrower: &'static str,
    days_out: u32,
}

async fn send_reminder(borrower: &str, title: &str) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("reminder -> {borrower}: please return \"{title}\"");
}

#[tokio::main]
async fn main() {
    let loans = vec![
        Loan { title: "Dune", borrower: "kim", days_out: 30 },
        Loan { title: "Emma", borrower: "raj", days_out: 3 },
        Loan { title: "Ulysses", borrower: "sue", days_out: 19 },
        Loan { title: "Beloved", borrower: "tom", days_out: 14 },
    ];
    let limit_days = 14;

    // reminders go out in the background while the desk keeps working
    let reminders = tokio::spawn(async {
        let mut sent = 0;
        for loan in &loans {
            if loan.days_out > limit_days {
                send_reminder(loan.borrower, loan.title).await;
                sent += 1;
            }
        }
        sent
    });

    println!("desk open");
    let sent = reminders.await.unwrap();
    println!("{sent} overdue reminders sent");
}
