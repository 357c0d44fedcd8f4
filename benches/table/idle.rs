//! What the reading room costs while nobody types: the built binary in a
//! pseudo-terminal, its CPU time (user + system, all threads, from /proc) over a
//! quiet minute (once the background work after opening is done, measured apart),
//! then over a minute with a filter typed and left on screen.

use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow};

use super::startup::Running;
use super::{Row, Setting, row};

/// Clock ticks per second of /proc's counters: 100 on every Linux carrel runs on
/// (USER_HZ), which is what `getconf CLK_TCK` says here too.
const TICKS_PER_SECOND: f64 = 100.0;

/// A bound on waiting for the background work: a full-text index of a million
/// records takes minutes; past this the quiet minute is measured anyway.
const SETTLE_AT_MOST: Duration = Duration::from_secs(600);

/// CPU seconds a process has used so far, all threads, user and system.
fn cpu_seconds(pid: u32) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("no /proc/{pid}/stat"))?;
    // The command name, in parentheses, may hold spaces: count fields after it.
    let after = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .ok_or_else(|| anyhow!("unreadable /proc/{pid}/stat"))?;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
    let ticks = |i: usize| -> anyhow::Result<f64> {
        Ok(fields.get(i).context("short stat")?.parse::<f64>()?)
    };
    Ok((ticks(11)? + ticks(12)?) / TICKS_PER_SECOND)
}

pub fn rows(setting: &Setting, seconds: u64) -> anyhow::Result<Vec<Row>> {
    let mut running = Running::start(setting)?;
    running
        .wait_loaded()
        .ok_or_else(|| anyhow!("the store never showed as loaded"))?;
    // The background work that follows loading (the text index built the first
    // time, the cache written) is measured on its own: its CPU time, and how long
    // until the status line stops saying it is indexing. Then the quiet minute.
    let settling = Instant::now();
    let before = cpu_seconds(running.pid)?;
    while running.screen().contains("indexing") && settling.elapsed() < SETTLE_AT_MOST {
        thread::sleep(Duration::from_millis(200));
    }
    thread::sleep(Duration::from_secs(2));
    let settled_in = settling.elapsed();
    let background = cpu_seconds(running.pid)? - before;
    let span = Duration::from_secs(seconds);
    let before = cpu_seconds(running.pid)?;
    thread::sleep(span);
    let idle = cpu_seconds(running.pid)? - before;

    running.type_keys(b"/beria mol");
    thread::sleep(Duration::from_secs(1));
    let before = cpu_seconds(running.pid)?;
    thread::sleep(span);
    let filtered = cpu_seconds(running.pid)? - before;
    running.quit();
    Ok(vec![
        row(
            "Background work once the store is open (text index, caches), until the status line is quiet".to_string(),
            format!("{background:.2} s CPU over {:.1} s", settled_in.as_secs_f64()),
            "-",
        ),
        row(
            format!("Idle: CPU time over {seconds} s with nothing typed (all threads)"),
            format!("{idle:.2} s"),
            "0",
        ),
        row(
            format!("Idle: CPU time over {seconds} s with a filter typed and left open"),
            format!("{filtered:.2} s"),
            "0",
        ),
    ])
}
