use std::time::Duration;

#[derive(Debug)]
struct Plugin {
    name: String,
    version: String,
}

async fn load_plugin(manifest: &str) -> Result<Plugin, String> {
    tokio::time::sleep(Duration::from_millis(10)).await; // read + verify signature
    let (name, version) = manifest
        .split_once('=')
        .ok_or_else(|| format!("bad manifest line {manifest:?}"))?;
    Ok(Plugin { name: name.trim().to_string(), version: version.trim().to_string() })
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let manifests = vec!["spellcheck = 1.2.0", "git-blame = 0.9.1", "broken-entry", "minimap = 2.0.0"];

    let loaded = rt.block_on(async {
        println!("host starting, loading {} plugins", manifests.len());
        let results: Vec<Result<Plugin, String>> =
            manifests.iter().map(|m| rt.block_on(load_plugin(m))).collect();
        results
    });

    for r in loaded {
        match r {
            Ok(p) => println!("loaded {} v{}", p.name, p.version),
            Err(e) => println!("skipped: {e}"),
        }
    }
}
