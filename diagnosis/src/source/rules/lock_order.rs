//! deadlock: two locks taken in opposite orders, by two tasks or by one fn called swapped.

use std::collections::HashSet;

use super::Rule;
use crate::catalogue::{MistakeId, Routes};
use crate::source::walker::{CallSite, LockPair, Walker};

/// Two locks taken in opposite orders, or one fn called with its locks swapped.
const OPPOSITE_ORDERS: f32 = 0.7;
/// One fn that locks its parameters in their order, called more than once:
/// swapped values would deadlock, and none are seen swapped.
const ORDER_OF_PARAMETERS: f32 = 0.3;
/// Releasing the first lock early is no way out here: the work needs both
/// at once, so only an agreed order fits.
const LOCK_ORDER: Routes = Routes::new(MistakeId::Deadlock, &["lock-order"]);

pub(super) struct LockOrder;

impl Rule for LockOrder {
    fn finish(&self, w: &mut Walker<'_>) {
        w.lock_order();
    }
}

impl Walker<'_> {
    /// Two locks taken in opposite orders: written out in two tasks (seen
    /// through clones of the same `Arc`), or by one fn that locks its
    /// parameters in argument order and is called with the arguments
    /// swapped (`transfer(&a, &b)` and `transfer(&b, &a)`).
    fn lock_order(&mut self) {
        let know = self.know;
        let params = self.fn_params.clone();
        let is_param = |f: &Option<String>, place: &str| {
            let base = place.split('.').next().unwrap_or(place);
            f.as_ref()
                .and_then(|f| params.get(f).cloned().flatten())
                .is_some_and(|p| p.iter().any(|p| p == base))
        };
        let resolve = |f: &Option<String>, place: &str| {
            if is_param(f, place) {
                place.to_string()
            } else {
                know.resolve_place(f, place)
            }
        };
        let pairs: Vec<(String, String, &LockPair)> = self
            .lock_pairs
            .iter()
            .map(|p| (resolve(&p.func, &p.held), resolve(&p.func, &p.taken), p))
            .collect();
        let mut found = Vec::new();
        for (i, (a, b, p)) in pairs.iter().enumerate() {
            if a == b {
                continue;
            }
            if pairs[..i].iter().any(|(x, y, _)| x == b && y == a) {
                found.push((
                    OPPOSITE_ORDERS,
                    (p.line, p.column),
                    format!("`{b}` is locked while holding `{a}`, and elsewhere `{a}` while holding `{b}`: each task can wait for the other forever"),
                ));
            }
        }
        // One fn, two locks from two parameters.
        let mut seen = HashSet::new();
        for (a, b, p) in &pairs {
            let Some(func) = &p.func else { continue };
            let Some(Some(names)) = self.fn_params.get(func) else {
                continue;
            };
            let split = |place: &str| -> (String, String) {
                match place.split_once('.') {
                    Some((base, rest)) => (base.to_string(), rest.to_string()),
                    None => (place.to_string(), String::new()),
                }
            };
            let ((ra, fa), (rb, fb)) = (split(a), split(b));
            // The same lock of two different values: `from.cash`, `to.cash`.
            if fa != fb || ra == rb {
                continue;
            }
            let (Some(i), Some(j)) = (
                names.iter().position(|n| *n == ra),
                names.iter().position(|n| *n == rb),
            ) else {
                continue;
            };
            if !seen.insert(func.clone()) {
                continue;
            }
            let sites: Vec<&CallSite> = self
                .call_sites
                .iter()
                .filter(|c| c.callee == *func && c.args.len() == names.len())
                .collect();
            let swapped = sites.iter().enumerate().find_map(|(k, x)| {
                sites[k + 1..].iter().find_map(|y| {
                    let (xi, xj, yi, yj) = (&x.args[i], &x.args[j], &y.args[i], &y.args[j]);
                    let plain = ![xi, xj].iter().any(|s| s.contains('?'));
                    (plain && xi != xj && xi == yj && xj == yi).then_some((x, y))
                })
            });
            let (pa, pb) = (&names[i], &names[j]);
            let at = (p.line, p.column);
            if let Some((x, y)) = swapped {
                let lines = if x.line == y.line {
                    format!("both on line {}", x.line)
                } else {
                    format!("on lines {} and {}", x.line, y.line)
                };
                found.push((
                    OPPOSITE_ORDERS,
                    at,
                    format!(
                        "`{func}` locks `{a}` and, still holding it, `{b}`, and it is called with `{}` and `{}` in one order and in the other ({lines}): each call can hold one lock and wait forever for the other",
                        x.args[i], x.args[j]
                    ),
                ));
            } else if sites.len() >= 2 || sites.iter().any(|c| c.args[i].contains('?')) {
                found.push((
                    ORDER_OF_PARAMETERS,
                    at,
                    format!(
                        "`{func}` locks `{a}` and, still holding it, `{b}`, in the order of its parameters `{pa}` and `{pb}`: two calls with the values swapped can each hold one lock and wait for the other"
                    ),
                ));
            }
        }
        for (confidence, at, detail) in found {
            self.add(MistakeId::Deadlock, confidence, at, detail);
            self.only_routes_of_last(LOCK_ORDER);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{confidence, routes, top};

    #[test]
    fn a_fn_locking_its_parameters_called_with_them_swapped() {
        // tokio locks, a free fn, arguments through clones of the same Arcs.
        let bad = r#"
            use std::sync::Arc;
            use tokio::sync::Mutex;
            struct Bin { stock: Mutex<u32> }
            async fn shift(a: &Bin, b: &Bin) {
                let x = a.stock.lock().await;
                let y = b.stock.lock().await;
            }
            #[tokio::main]
            async fn main() {
                let (red, blue) = (Arc::new(Bin { stock: Mutex::new(1) }), Arc::new(Bin { stock: Mutex::new(2) }));
                let (r2, b2) = (red.clone(), Arc::clone(&blue));
                let t = tokio::spawn(async move { shift(&r2, &b2).await });
                shift(&blue, &red).await;
                t.await.unwrap();
            }
        "#;
        assert!(confidence(bad, MistakeId::Deadlock) >= 0.7);
        // std locks, a method taking `&self` and another value.
        let bad = r#"
            use std::sync::Mutex;
            struct Desk { papers: Mutex<Vec<u32>> }
            impl Desk {
                fn hand_over(&self, to: &Desk) {
                    let mine = self.papers.lock().unwrap();
                    let theirs = to.papers.lock().unwrap();
                }
            }
            fn main() {
                let (a, b) = (Desk { papers: Mutex::new(vec![]) }, Desk { papers: Mutex::new(vec![]) });
                std::thread::scope(|s| {
                    s.spawn(|| a.hand_over(&b));
                    s.spawn(|| b.hand_over(&a));
                });
            }
        "#;
        assert!(confidence(bad, MistakeId::Deadlock) >= 0.7);
        // Both locks are needed at once: letting go of the first is no fix.
        assert_eq!(routes(bad, MistakeId::Deadlock), ["lock-order"]);
        // Always called the same way round: no deadlock.
        let fine = r#"
            use tokio::sync::Mutex;
            struct Bin { stock: Mutex<u32> }
            async fn shift(a: &Bin, b: &Bin) {
                let x = a.stock.lock().await;
                let y = b.stock.lock().await;
            }
            async fn run(red: Bin, blue: Bin) {
                shift(&red, &blue).await;
            }
        "#;
        assert_eq!(confidence(fine, MistakeId::Deadlock), 0.0);
        // Two different locks of two values are no cycle either.
        let fine = r#"
            use tokio::sync::Mutex;
            struct Bin { stock: Mutex<u32>, log: Mutex<u32> }
            async fn shift(a: &Bin, b: &Bin) {
                let x = a.stock.lock().await;
                let y = b.log.lock().await;
            }
            async fn run(red: Bin, blue: Bin) {
                shift(&red, &blue).await;
                shift(&blue, &red).await;
            }
        "#;
        assert_eq!(confidence(fine, MistakeId::Deadlock), 0.0);
    }

    #[test]
    fn two_tasks_lock_the_same_arcs_in_opposite_orders() {
        let bad = r#"
            use std::sync::Arc;
            use tokio::sync::Mutex;
            #[tokio::main]
            async fn main() {
                let (left, right) = (Arc::new(Mutex::new(0)), Arc::new(Mutex::new(0)));
                let (l1, r1) = (left.clone(), right.clone());
                let one = tokio::spawn(async move {
                    let a = l1.lock().await;
                    let b = r1.lock().await;
                });
                let (l2, r2) = (left.clone(), right.clone());
                let two = tokio::spawn(async move {
                    let b = r2.lock().await;
                    let a = l2.lock().await;
                });
                one.await.unwrap();
                two.await.unwrap();
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::Deadlock));
        let fine = bad.replace(
            "let b = r2.lock().await;\n                    let a = l2.lock().await;",
            "let a = l2.lock().await;\n                    let b = r2.lock().await;",
        );
        assert_ne!(fine, bad);
        assert_eq!(confidence(&fine, MistakeId::Deadlock), 0.0);
    }
}
