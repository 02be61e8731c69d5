// Payments: every fraud rule scans the batch in its own task so slow rules
// don't hold up the fast ones.
use tokio::task::JoinHandle;

#[derive(Clone, Debug)]
struct Txn {
    id: u32,
    cents: u64,
    country: &'static str,
    hour: u8,
}

#[derive(Clone, Copy, Debug)]
enum Rule {
    LargeAmount,
    ForeignCard,
    NightTime,
}

impl Rule {
    fn flags(&self, t: &Txn) -> bool {
        match self {
            Rule::LargeAmount => t.cents > 500_000,
            Rule::ForeignCard => t.country != "DE",
            Rule::NightTime => t.hour < 5,
        }
    }
}

struct Batch {
    id: u32,
    txns: Vec<Txn>,
}

impl Batch {
    fn audit(&self, rules: &[Rule]) -> Vec<JoinHandle<(Rule, Vec<u32>)>> {
        rules
            .iter()
            .map(|&rule| {
                tokio::spawn(async move {
                    let hits = self.txns.iter().filter(|t| rule.flags(t)).map(|t| t.id).collect();
                    (rule, hits)
                })
            })
            .collect()
    }
}

#[tokio::main]
async fn main() {
    let batch = Batch {
        id: 7,
        txns: vec![
            Txn { id: 1, cents: 12_000, country: "DE", hour: 14 },
            Txn { id: 2, cents: 990_000, country: "DE", hour: 11 },
            Txn { id: 3, cents: 4_500, country: "BR", hour: 3 },
            Txn { id: 4, cents: 700_100, country: "US", hour: 2 },
        ],
    };
    let handles = batch.audit(&[Rule::LargeAmount, Rule::ForeignCard, Rule::NightTime]);
    for h in handles {
        let (rule, hits) = h.await.unwrap();
        println!("batch {} {:?}: flagged {:?}", batch.id, rule, hits);
    }
}
