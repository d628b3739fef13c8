//! What the load and flood benchmarks share for workers mode: the `--worker-bin` and
//! `--arena-max` options, and the memory of the server's worker processes (this process's
//! children), sampled from /proc while the benchmark runs. Each benchmark uses part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How the benchmark's in-process server runs its analyses.
pub fn isolation(worker_bin: Option<&PathBuf>) -> ats_web::Isolation {
    match worker_bin {
        None => ats_web::Isolation::InProcess,
        Some(bin) => {
            if !bin.is_file() {
                eprintln!(
                    "--worker-bin {}: no such file; build it with `cargo build --release` (target/release/ats-check)",
                    bin.display()
                );
                std::process::exit(2);
            }
            ats_web::Isolation::Workers(ats_web::WorkerConfig::new(bin, ["worker"]))
        }
    }
}

/// Applies `--arena-max N` (glibc's `M_ARENA_MAX`) before the runtime starts its threads, and
/// says what was done.
pub fn arenas(arena_max: Option<u32>) -> String {
    match arena_max {
        None => "glibc default arenas".to_string(),
        Some(n) if ats_web::cap_malloc_arenas(n) => format!("malloc arenas capped at {n}"),
        Some(_) => "--arena-max ignored (not glibc)".to_string(),
    }
}

/// A number in kB from a `/proc/PID/status` line such as `VmHWM:   1234 kB`.
fn status_kb(pid: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Peak RSS (`VmHWM`) of a process in MB.
pub fn peak_rss_mb(pid: &str) -> Option<f64> {
    status_kb(pid, "VmHWM:").map(|kb| kb as f64 / 1024.0)
}

/// The pids of this process's children.
fn children() -> Vec<u32> {
    children_of(std::process::id())
}

/// The pids of `parent`'s children (a server's worker processes).
pub fn children_of(parent: u32) -> Vec<u32> {
    let me = parent;
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|stat| {
                    let rest = stat.rsplit_once(')')?.1.to_string();
                    rest.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(me)
        })
        .collect()
}

/// User + system CPU time of this process's live children (the workers), from
/// `/proc/PID/stat` at the usual 100 clock ticks per second.
pub fn children_cpu() -> Duration {
    children_cpu_of(std::process::id())
}

/// User + system CPU time of `parent`'s live children.
pub fn children_cpu_of(parent: u32) -> Duration {
    let ticks: u64 = children_of(parent)
        .iter()
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let rest = stat.rsplit_once(')')?.1.to_string();
            let fields: Vec<&str> = rest.split_whitespace().collect();
            Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
        })
        .sum();
    Duration::from_millis(ticks * 10)
}

/// What the sampler saw of the worker processes.
#[derive(Default)]
pub struct WorkerMemory {
    /// Distinct worker processes seen.
    pub seen: usize,
    /// Highest `VmHWM` of any one worker, MB.
    pub max_one_mb: f64,
    /// Highest sum of the workers' `VmRSS` in one sample, MB.
    pub max_sum_mb: f64,
}

impl std::fmt::Display for WorkerMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.seen == 0 {
            return write!(f, "no worker processes");
        }
        write!(
            f,
            "{} worker processes seen; peak RSS of one worker {:.1} MB (VmHWM), of all workers together {:.1} MB (VmRSS sampled every 50 ms)",
            self.seen, self.max_one_mb, self.max_sum_mb
        )
    }
}

/// Samples the children's memory on a thread until [`WorkerSampler::finish`].
pub struct WorkerSampler {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<WorkerMemory>,
}

impl WorkerSampler {
    pub fn start() -> Self {
        Self::start_for(std::process::id())
    }

    /// Samples the memory of `parent`'s children.
    pub fn start_for(parent: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut memory = WorkerMemory::default();
            let mut seen = std::collections::BTreeSet::new();
            loop {
                let mut sum = 0.0;
                for pid in children_of(parent) {
                    seen.insert(pid);
                    let pid = pid.to_string();
                    if let Some(kb) = status_kb(&pid, "VmHWM:") {
                        memory.max_one_mb = memory.max_one_mb.max(kb as f64 / 1024.0);
                    }
                    sum += status_kb(&pid, "VmRSS:").unwrap_or(0) as f64 / 1024.0;
                }
                memory.max_sum_mb = memory.max_sum_mb.max(sum);
                if flag.load(Ordering::Relaxed) {
                    memory.seen = seen.len();
                    return memory;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        WorkerSampler { stop, thread }
    }

    pub fn finish(self) -> WorkerMemory {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or_default()
    }
}
