//! The tests a file declares, by the names libtest gives them: a test
//! exercise passes only when every one of them ran and passed, so deleting,
//! ignoring or exiting out of a test never passes for a fix.

/// The libtest names (`tests::name`) of the fns with a test attribute
/// (`#[test]`, `#[tokio::test]`, `#[tokio::test(flavor = ..)]`...), or
/// `None` when the text is not valid Rust.
pub fn tests(source: &str) -> Option<Vec<String>> {
    let file = syn::parse_file(source).ok()?;
    Some(test_fns(&file).into_iter().map(|(name, _)| name).collect())
}

/// Each fn with a test attribute, by its libtest name.
pub(super) fn test_fns(file: &syn::File) -> Vec<(String, &syn::ItemFn)> {
    let mut found = Vec::new();
    collect(&file.items, &mut Vec::new(), &mut found);
    found
}

fn collect<'a>(
    items: &'a [syn::Item],
    path: &mut Vec<String>,
    found: &mut Vec<(String, &'a syn::ItemFn)>,
) {
    for item in items {
        match item {
            syn::Item::Fn(f) if f.attrs.iter().any(is_test_attribute) => {
                let mut name = path.clone();
                name.push(f.sig.ident.to_string());
                found.push((name.join("::"), f));
            }
            // libtest only finds tests in modules, not inside functions.
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    path.push(m.ident.to_string());
                    collect(inner, path, found);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

pub(super) fn is_test_attribute(attribute: &syn::Attribute) -> bool {
    attribute
        .path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "test")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_are_named_by_their_module_path() {
        let source = r#"
            fn main() {}
            #[test]
            fn at_the_root() {}
            #[cfg(test)]
            mod tests {
                use super::*;
                #[test]
                fn plain() {}
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn with_tokio() {}
                #[ignore]
                #[tokio::test]
                async fn ignored_still_declared() {}
                fn helper() {}
                mod deeper {
                    #[test]
                    fn inside() {}
                }
            }
        "#;
        assert_eq!(
            tests(source).unwrap(),
            [
                "at_the_root",
                "tests::plain",
                "tests::with_tokio",
                "tests::ignored_still_declared",
                "tests::deeper::inside",
            ]
        );
    }

    #[test]
    fn a_file_that_does_not_parse_declares_nothing_known() {
        assert_eq!(tests("fn main( {"), None);
        assert_eq!(tests("fn main() {}").unwrap(), Vec::<String>::new());
    }
}
