//! Start-up as a reader sees it: the built binary in a 200x50 pseudo-terminal, timed
//! from spawning it to the first screen listing records, and to the screen that says
//! the store is fully loaded; its peak resident size read from /proc meanwhile.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use super::{CARREL, Row, Setting, mb, median, ms, row, show_ms, size_on_disk};

const ROWS: u16 = 50;
const COLS: u16 = 200;
/// A bound on waiting, not a measurement: a million records parsed on a busy machine.
const PATIENCE: Duration = Duration::from_secs(600);

/// What one start showed, and when (from spawning).
struct Start {
    listed: Duration,
    loaded: Duration,
    peak: Option<u64>,
}

/// When the screen first showed each sign, as the bytes arrived.
struct Screen {
    parser: vt100::Parser,
    listed: Option<Instant>,
    loaded: Option<Instant>,
}

/// The record list's title counts its records: "All records (100000)". While loading
/// it counts those arrived so far; 0 (or no title) means none is listed yet.
fn records_listed(screen: &str) -> bool {
    let Some(at) = screen.find(&format!("{} (", carrel::strings::ALL_RECORDS)) else {
        return false;
    };
    let rest = &screen[at + carrel::strings::ALL_RECORDS.len() + 2..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u64>().is_ok_and(|n| n > 0)
}

/// Once loaded, the status line gives the selection's place, "│ 135 of 100000" (the
/// selection follows its record as the list is re-sorted while loading). While loading
/// it shows progress instead.
fn fully_loaded(screen: &str) -> bool {
    let status = screen.lines().last().unwrap_or("");
    let number = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    !status.contains(carrel::strings::LOADING)
        && status.match_indices("│ ").any(|(at, bar)| {
            let rest = &status[at + bar.len()..];
            let n = number(rest);
            n > 0
                && rest[n..]
                    .strip_prefix(" of ")
                    .is_some_and(|r| number(r) > 0)
        })
}

/// Peak resident size of a running process (Linux only).
fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Waits until the cache folder has something in it and has stopped growing: the
/// first run writes its cache after the store has arrived.
fn wait_for_cache(cache_home: &Path) {
    let start = Instant::now();
    let (mut last, mut same) = (0, 0);
    while start.elapsed() < PATIENCE && same < 5 {
        thread::sleep(Duration::from_millis(100));
        let now = size_on_disk(cache_home);
        same = if now > 0 && now == last { same + 1 } else { 0 };
        last = now;
    }
}

/// The built carrel running in a pseudo-terminal, its screen read as it arrives.
pub struct Running {
    pub pid: u32,
    pub spawned: Instant,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<Screen>>,
    reading: Option<thread::JoinHandle<()>>,
    // Kept open: dropping it would hang the terminal up under carrel.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Running {
    /// Starts carrel on the setting's store.
    pub fn start(setting: &Setting) -> anyhow::Result<Running> {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| anyhow!("no pseudo-terminal: {e}"))?;
        let mut command = CommandBuilder::new(CARREL);
        command.arg("--store");
        command.arg(&setting.store);
        for (key, value) in setting.environment() {
            command.env(key, value);
        }
        command.env_remove("CARREL_STORE");
        command.env("TERM", "xterm-256color");

        let spawned = Instant::now();
        let child = pty
            .slave
            .spawn_command(command)
            .map_err(|e| anyhow!("cannot start carrel: {e}"))?;
        drop(pty.slave);
        let pid = child.process_id().context("no process id")?;
        let mut reader = pty.master.try_clone_reader().map_err(|e| anyhow!("{e}"))?;
        let writer = pty.master.take_writer().map_err(|e| anyhow!("{e}"))?;
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(ROWS, COLS, 0),
            listed: None,
            loaded: None,
        }));
        let sink = Arc::clone(&screen);
        let reading = thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let arrived = Instant::now();
                let Ok(mut screen) = sink.lock() else { break };
                screen.parser.process(&buf[..n]);
                if screen.loaded.is_none() {
                    let text = screen.parser.screen().contents();
                    if screen.listed.is_none() && records_listed(&text) {
                        screen.listed = Some(arrived);
                    }
                    if fully_loaded(&text) {
                        screen.loaded = Some(arrived);
                        screen.listed.get_or_insert(arrived);
                    }
                }
            }
        });
        Ok(Running {
            pid,
            spawned,
            child,
            writer,
            screen,
            reading: Some(reading),
            _master: pty.master,
        })
    }

    /// When the screen first listed records and first showed the store loaded,
    /// once it has (waiting for it while carrel runs, within [`PATIENCE`]).
    pub fn wait_loaded(&mut self) -> Option<(Instant, Instant)> {
        while self.spawned.elapsed() < PATIENCE && self.child.try_wait().ok().flatten().is_none() {
            if let Ok(screen) = self.screen.lock()
                && let (Some(listed), Some(done)) = (screen.listed, screen.loaded)
            {
                return Some((listed, done));
            }
            thread::sleep(Duration::from_millis(5));
        }
        None
    }

    pub fn screen(&self) -> String {
        self.screen
            .lock()
            .map(|s| s.parser.screen().contents())
            .unwrap_or_default()
    }

    pub fn type_keys(&mut self, keys: &[u8]) {
        let _ = self
            .writer
            .write_all(keys)
            .and_then(|()| self.writer.flush());
    }

    /// Types `q` and waits for carrel to end (kills it after 30 s).
    pub fn quit(mut self) {
        self.type_keys(b"q");
        let quit = Instant::now();
        while self.child.try_wait().ok().flatten().is_none() {
            if quit.elapsed() > Duration::from_secs(30) {
                let _ = self.child.kill();
                break;
            }
            thread::sleep(Duration::from_millis(20));
        }
        drop(self._master);
        if let Some(reading) = self.reading.take() {
            let _ = reading.join();
        }
    }
}

fn start_once(setting: &Setting, first: bool) -> anyhow::Result<Start> {
    let mut running = Running::start(setting)?;
    let spawned = running.spawned;
    let pid = running.pid;
    let loaded = running.wait_loaded();
    // Still running and fully loaded: its peak so far includes the whole opening.
    let peak = peak_rss(pid);
    let last_screen = running.screen();
    if first && loaded.is_some() {
        wait_for_cache(&setting.cache_home);
    }
    running.quit();
    let Some((listed, done)) = loaded else {
        // One line of the table: the status line says where it stopped.
        let status = last_screen.lines().last().unwrap_or("").trim();
        return Err(anyhow!(
            "the store never showed as loaded; the status line was {status:?}"
        ));
    };
    Ok(Start {
        listed: listed - spawned,
        loaded: done - spawned,
        peak,
    })
}

fn peak_figure(peak: Option<u64>, store_size: u64) -> String {
    match peak {
        Some(bytes) if store_size > 0 => format!(
            "{} ({:.0}% of the store)",
            mb(bytes),
            bytes as f64 * 100.0 / store_size as f64
        ),
        Some(bytes) => mb(bytes),
        None => "n/a".into(),
    }
}

pub fn rows(setting: &Setting, runs: usize, store_size: u64) -> anyhow::Result<Vec<Row>> {
    let first = start_once(setting, true)?;
    let mut cached = Vec::new();
    for _ in 0..runs {
        cached.push(start_once(setting, false)?);
    }
    let listed: Vec<f64> = cached.iter().map(|s| ms(s.listed)).collect();
    let loaded: Vec<f64> = cached.iter().map(|s| ms(s.loaded)).collect();
    let peaks: Vec<f64> = cached
        .iter()
        .filter_map(|s| s.peak.map(|p| p as f64))
        .collect();
    let cached_peak = (!peaks.is_empty()).then(|| median(&peaks) as u64);
    let all_listed: Vec<String> = listed.iter().map(|m| format!("{m:.0}")).collect();
    Ok(vec![
        row(
            "start-up, first run (no cache): records listed",
            show_ms(ms(first.listed)),
            "≤ 2 s",
        ),
        row(
            "start-up, first run: fully loaded",
            show_ms(ms(first.loaded)),
            "",
        ),
        row(
            format!("start-up, cached (median of {runs}): records listed"),
            format!(
                "{} (runs: {})",
                show_ms(median(&listed)),
                all_listed.join(", ")
            ),
            "≤ 150 ms (1M: ≤ 300 ms)",
        ),
        row(
            format!("start-up, cached (median of {runs}): fully loaded"),
            show_ms(median(&loaded)),
            "",
        ),
        row(
            "peak memory (VmHWM), first run",
            peak_figure(first.peak, store_size),
            "≤ the store's size on disk",
        ),
        row(
            format!("peak memory (VmHWM), cached (median of {runs})"),
            peak_figure(cached_peak, store_size),
            "≤ the store's size on disk",
        ),
    ])
}
