//! The slow checks as jobs, run on every core at once.

use std::sync::{mpsc, Mutex};

use super::Problem;

/// One slow check: a label for the progress line, and the work, which
/// returns the problems it found.
pub struct Job {
    pub label: String,
    work: Box<dyn FnOnce() -> Vec<Problem> + Send>,
}

impl Job {
    pub fn new(
        label: impl Into<String>,
        work: impl FnOnce() -> Vec<Problem> + Send + 'static,
    ) -> Job {
        Job {
            label: label.into(),
            work: Box::new(work),
        }
    }
}

/// How many jobs run at once: one per core.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs the jobs on `workers` threads, telling `on_done` about each as it
/// ends (its label and problems), on this thread. The problems come back
/// in the jobs' order, whatever the order they ended in.
pub fn run_all(
    jobs: Vec<Job>,
    workers: usize,
    on_done: &mut dyn FnMut(&str, &[Problem]),
) -> Vec<Problem> {
    let total = jobs.len();
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let (tell_done, done) = mpsc::channel();
    let mut results: Vec<Vec<Problem>> = vec![Vec::new(); total];
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, total.max(1)) {
            let tell_done = tell_done.clone();
            let queue = &queue;
            scope.spawn(move || loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((i, job)) = next else {
                    return;
                };
                let problems = (job.work)();
                if tell_done.send((i, job.label, problems)).is_err() {
                    return;
                }
            });
        }
        drop(tell_done);
        for (i, label, problems) in done {
            on_done(&label, &problems);
            results[i] = problems;
        }
    });
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_come_back_in_the_jobs_order() {
        let jobs: Vec<Job> = (0..8u64)
            .map(|i| {
                Job::new(format!("job {i}"), move || {
                    // The later jobs end first.
                    std::thread::sleep(std::time::Duration::from_millis(40 - 5 * i));
                    vec![Problem::error(format!("f{i}"), None, "wrong")]
                })
            })
            .collect();
        let mut heard = Vec::new();
        let problems = run_all(jobs, 4, &mut |label, found| {
            heard.push((label.to_string(), found.len()))
        });
        let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"]);
        assert_eq!(heard.len(), 8);
        assert!(heard.iter().all(|(_, n)| *n == 1));
    }
}
