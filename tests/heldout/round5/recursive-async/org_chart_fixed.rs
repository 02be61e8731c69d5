use std::time::Duration;

struct Dept {
    name: &'static str,
    staff: usize,
    subs: Vec<Dept>,
}

/// HR system lookup for one department's direct staff.
async fn direct_staff(d: &Dept) -> usize {
    tokio::time::sleep(Duration::from_millis(2)).await;
    d.staff
}

async fn headcount(dept: &Dept) -> usize {
    let mut total = direct_staff(dept).await;
    for sub in &dept.subs {
        total += Box::pin(headcount(sub)).await;
    }
    total
}

fn company() -> Dept {
    Dept {
        name: "Acme",
        staff: 3,
        subs: vec![
            Dept {
                name: "Engineering",
                staff: 4,
                subs: vec![
                    Dept { name: "Platform", staff: 9, subs: vec![] },
                    Dept { name: "Mobile", staff: 6, subs: vec![] },
                ],
            },
            Dept { name: "Sales", staff: 12, subs: vec![] },
        ],
    }
}

#[tokio::main]
async fn main() {
    let acme = company();
    println!("{}: {} people", acme.name, headcount(&acme).await);
    for d in &acme.subs {
        println!("  {}: {} people", d.name, headcount(d).await);
    }
}
