// Media transcoder queue: take the upload queue, transcode each file to
// the target profiles, and print the output manifest.
use std::collections::VecDeque;
use std::error::Error;
use std::time::Duration;

#[derive(Debug)]
struct Job {
    source: String,
    profiles: Vec<&'static str>,
}

async fn transcode(job: &Job, profile: &str) -> Result<String, String> {
    tokio::time::sleep(Duration::from_millis(25)).await;
    if job.source.ends_with(".mov") && profile == "webm" {
        return Err(format!("{}: codec not supported for {profile}", job.source));
    }
    let stem = job.source.rsplit_once('.').map(|(s, _)| s).unwrap_or(&job.source);
    Ok(format!("{stem}.{profile}"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let mut queue: VecDeque<Job> = VecDeque::from(vec![
        Job { source: "intro.mp4".into(), profiles: vec!["720p", "480p"] },
        Job { source: "talk.mov".into(), profiles: vec!["720p", "webm"] },
        Job { source: "outro.mkv".into(), profiles: vec!["480p"] },
    ]);
    let mut manifest = Vec::new();
    while let Some(job) = queue.pop_front() {
        for profile in &job.profiles {
            match transcode(&job, profile).await {
                Ok(out) => manifest.push(out),
                Err(e) => eprintln!("skipped: {e}"),
            }
        }
    }
    println!("manifest ({} files):", manifest.len());
    for m in &manifest {
        println!("  {m}");
    }
    Ok(())
}
