use std::collections::HashMap;
use std::time::Duration;

struct Registry {
    deps: HashMap<&'static str, Vec<&'static str>>,
}

impl Registry {
    async fn deps_of(&self, pkg: &str) -> Vec<&'static str> {
        tokio::time::sleep(Duration::from_millis(3)).await; // index lookup
        self.deps.get(pkg).cloned().unwrap_or_default()
    }
}

async fn resolve(pkg: &str, registry: &Registry, depth: usize) -> Vec<String> {
    let mut lines = vec![format!("{}{}", "  ".repeat(depth), pkg)];
    lines.extend(resolve_deps(pkg, registry, depth + 1).await);
    lines
}

async fn resolve_deps(pkg: &str, registry: &Registry, depth: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for dep in registry.deps_of(pkg).await {
        lines.extend(resolve(dep, registry, depth).await);
    }
    lines
}

#[tokio::main]
async fn main() {
    let registry = Registry {
        deps: HashMap::from([
            ("webapp", vec!["http", "templates"]),
            ("http", vec!["bytes", "tls"]),
            ("tls", vec!["bytes", "crypto"]),
            ("templates", vec!["unicode"]),
        ]),
    };
    let tree = resolve("webapp", &registry, 0).await;
    println!("{}", tree.join("\n"));
    println!("{} nodes in the dependency tree", tree.len());
}
