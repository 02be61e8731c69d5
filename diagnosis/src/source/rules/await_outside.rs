//! await-outside-async: an `.await` in a plain fn or a plain closure.

use syn::spanned::Spanned;

use super::Rule;
use crate::candidate::{Candidate, EvidenceKind};
use crate::catalogue::{MistakeId, Routes};
use crate::source::syntax::pos;
use crate::source::walker::{Ctx, Walker};

/// The compiler says so too (E0728); the source tells which way out fits.
const AWAIT_OUTSIDE: f32 = 0.7;
/// In a closure, the way out is a closure that returns a future...
const IN_CLOSURE: Routes = Routes::new(MistakeId::AwaitOutsideAsync, &["async-block"]);
/// ...in a plain fn, an async fn.
const IN_FN: Routes = Routes::new(MistakeId::AwaitOutsideAsync, &["async-fn"]);

pub(super) struct AwaitOutsideAsync;

impl Rule for AwaitOutsideAsync {
    fn await_expr(&self, w: &mut Walker<'_>, e: &syn::ExprAwait) {
        let plain_closure = w.frame().plain_closure;
        if w.ctx() == Ctx::Async && !plain_closure {
            return;
        }
        let (what, routes) = if plain_closure {
            ("a closure that is not async", IN_CLOSURE)
        } else {
            ("code that is not async", IN_FN)
        };
        let at = pos(e.span());
        w.candidates.push(
            Candidate::new(
                MistakeId::AwaitOutsideAsync,
                EvidenceKind::Source,
                AWAIT_OUTSIDE,
                format!("`.await` in {what}"),
            )
            .at(at.0, at.1)
            .only_routes(routes),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::analyze;

    /// In a closure the way out is a closure that returns a future; in a
    /// plain fn, an async fn.
    #[test]
    fn await_outside_async_fits_the_way_out() {
        let closure = r#"
            async fn count(item: &str) -> usize { item.len() }
            async fn count_all(items: &[&str]) -> Vec<usize> {
                items.iter().map(|item| count(item).await).collect()
            }
        "#;
        let r = analyze(closure);
        let c = r
            .candidates
            .iter()
            .find(|c| c.id == MistakeId::AwaitOutsideAsync)
            .unwrap();
        assert_eq!((c.line, c.routes), (4, &["async-block"][..]));
        let plain = r#"
            async fn count(item: &str) -> usize { item.len() }
            fn count_one(item: &str) -> usize {
                count(item).await
            }
        "#;
        let r = analyze(plain);
        let c = r
            .candidates
            .iter()
            .find(|c| c.id == MistakeId::AwaitOutsideAsync)
            .unwrap();
        assert_eq!((c.line, c.routes), (4, &["async-fn"][..]));
    }
}
