use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

/// Adler-32 over a file, read with plain blocking std::fs.
fn adler32_file(path: &PathBuf) -> std::io::Result<u32> {
    let mut f = std::fs::File::open(path)?;
    let (mut a, mut b) = (1u32, 0u32);
    let mut buf = [0u8; 8192];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        for &byte in &buf[..n] {
            a = (a + byte as u32) % 65_521;
            b = (b + a) % 65_521;
        }
    }
    Ok((b << 16) | a)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let dir = std::env::temp_dir().join(format!("archive-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut paths = Vec::new();
    for i in 0..3u8 {
        let p = dir.join(format!("part{i}.bin"));
        std::fs::write(&p, vec![i.wrapping_mul(37); 300_000])?;
        paths.push(p);
    }

    let spinner = tokio::spawn(async {
        for frame in ['|', '/', '-', '\\'].iter().cycle().take(3) {
            println!("verifying {frame}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });

    let mut jobs = Vec::new();
    for p in paths {
        jobs.push(tokio::task::spawn_blocking(move || {
            let sum = adler32_file(&p);
            (p, sum)
        }));
    }
    for j in jobs {
        let (p, sum) = j.await.expect("checksum thread panicked");
        println!("{}: {:08x}", p.file_name().unwrap().to_string_lossy(), sum?);
    }
    spinner.await.unwrap();
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
