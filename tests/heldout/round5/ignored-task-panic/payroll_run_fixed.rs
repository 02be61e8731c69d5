use std::time::Duration;

struct Timesheet {
    name: &'static str,
    hours: &'static str, // as typed into the HR form
    rate_cents: u64,
}

async fn compute_pay(sheet: Timesheet) -> (String, u64) {
    tokio::time::sleep(Duration::from_millis(5)).await; // tax table lookup
    let hours: u64 = sheet.hours.trim().parse().unwrap();
    let overtime = hours.saturating_sub(160);
    let pay = hours * sheet.rate_cents + overtime * sheet.rate_cents / 2;
    (sheet.name.to_string(), pay)
}

#[tokio::main]
async fn main() {
    let sheets = vec![
        Timesheet { name: "Ines", hours: "168", rate_cents: 2_450 },
        Timesheet { name: "Jonas", hours: "152", rate_cents: 3_100 },
        Timesheet { name: "Kaito", hours: "16O", rate_cents: 2_800 },
        Timesheet { name: "Lea", hours: " 160", rate_cents: 2_950 },
    ];

    let handles: Vec<_> = sheets.into_iter().map(|s| tokio::spawn(compute_pay(s))).collect();

    let mut total = 0;
    let mut failed = 0;
    for h in handles {
        match h.await {
            Ok((name, pay)) => {
                println!("{name:<6} {:>9.2}", pay as f64 / 100.0);
                total += pay;
            }
            Err(e) => {
                failed += 1;
                println!("a payslip could not be computed: {e}");
            }
        }
    }
    if failed > 0 {
        println!("payroll run halted: {failed} payslip(s) need manual review, nothing transferred");
    } else {
        println!("payroll run complete, transferring {:.2} to the bank", total as f64 / 100.0);
    }
}
