//! The event loop: takes one message at a time from the channel every thread sends
//! into, hands it to `App::update`, has what the state wants done (a search ranked,
//! a text read, the terminal handed to the shell), and draws once the messages
//! waiting are taken in. It blocks until a message comes or a timer falls due.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::anyhow;
use ratatui::DefaultTerminal;
use signal_hook::consts::signal::SIGSTOP;

use super::across_worker::{AcrossWorker, IndexWorker, ParallelReader};
use super::clipboard;
use super::desk_io::DeskIo;
use super::indexer::Indexer;
use super::input::Input;
use super::search_worker::SearchWorker;
use super::terminal;
use super::text_reader::TextReader;
use crate::open::open_with_index_into;
use crate::store::{AppDirs, StoreChoice};
use crate::tui::app::LoadStatus;
use crate::tui::{Action, App, Message};
use crate::ui::theme::Theme;

/// How often the progress indicator turns while the store loads.
const LOADING_TICK: Duration = Duration::from_millis(100);
/// How long without a key before the document follows steps through the record list:
/// longer than a held key's repeat (30-40 ms), short enough to feel like no wait.
const REST: Duration = Duration::from_millis(120);
/// While messages keep coming (a big store arriving), a frame is drawn at least this
/// often between them.
const FRAME: Duration = Duration::from_millis(16);

/// The timers the loop keeps: each is a deadline, never a poll.
struct Timers {
    last_key: Instant,
    last_tick: Instant,
}

impl Timers {
    /// The next deadline, if any timer runs.
    fn next(&self, app: &App, searches: &SearchWorker, dirty: bool) -> Option<Instant> {
        let rest = app.document_waiting().then(|| self.last_key + REST);
        let tick = app.is_loading().then(|| self.last_tick + LOADING_TICK);
        let draw = searches.draw_due().filter(|_| dirty);
        [rest, tick, draw].into_iter().flatten().min()
    }

    /// The timers' messages that are due now.
    fn due(&mut self, app: &App, now: Instant) -> Vec<Message> {
        let mut due = Vec::new();
        if app.document_waiting() && now >= self.last_key + REST {
            due.push(Message::Rest);
        }
        if app.is_loading() && now >= self.last_tick + LOADING_TICK {
            self.last_tick = now;
            due.push(Message::Tick);
        }
        due
    }
}

/// What config.toml and the command line set for the reading room.
pub struct Settings {
    pub config: crate::config::Config,
    /// What was wrong in config.toml, for the status line.
    pub problems: Vec<String>,
}

/// How the reading room ended.
pub enum Ending {
    /// The reader quit.
    Quit,
    /// A signal ended it (its number).
    Signal(i32),
    /// The reader asked to open the store again (it changed on disk).
    Reopen,
}

/// Runs until the reader quits: how it ended.
pub fn run(
    terminal: &mut DefaultTerminal,
    choice: &StoreChoice,
    (tx, rx): (Sender<Message>, Receiver<Message>),
    input: &Input,
    settings: &Settings,
) -> anyhow::Result<Ending> {
    let theme = Theme::from_env().with_config(&settings.config);
    let mut app = App::loading();
    app.configure(&settings.config);
    if let Some(first) = settings.problems.first() {
        app.tell(
            crate::strings::config_problems(first, settings.problems.len()),
            true,
        );
    }
    let mut desk = DeskIo::default();
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let dirs = AppDirs::discover();
    open_with_index_into(choice, dirs.as_ref().map(|d| d.cache.as_path()), tx.clone());
    if let Some(path) = &choice.path {
        super::store_watch::start(path, tx.clone());
    }
    let mut fulltext = Indexer::new(
        dirs.as_ref().map(|d| d.cache.clone()),
        choice.path.clone(),
        tx.clone(),
    );
    let mut searches = SearchWorker::start(tx.clone());
    let mut across = AcrossWorker::start(tx.clone());
    let mut indexes = IndexWorker::start(tx.clone());
    let mut parallel = ParallelReader::start(tx.clone());
    let mut texts = TextReader::start(tx);
    let now = Instant::now();
    let mut timers = Timers {
        last_key: now,
        last_tick: now,
    };
    let mut dirty = true;
    let mut repaint = false;

    while !app.should_quit() {
        if super::alloc_guard::take_given_back() {
            // A fallible reservation failed and its caller carried on (see alloc_guard).
            terminal::reenter()?;
            repaint = true;
        }
        searches.submit(&app);
        texts.submit(&app);
        fulltext.submit(&app);
        if desk_effects(terminal, input, &mut app, &mut desk, choice, dirs.as_ref())? {
            dirty = true;
        }
        across.submit(&app);
        indexes.submit(&app);
        parallel.submit(&app);
        if app.wants_suspend() {
            suspend(terminal, input)?;
            app.update(Message::Resumed);
            repaint = true;
            continue;
        }
        if repaint {
            repaint_all(terminal)?;
            repaint = false;
            dirty = true;
        }
        if dirty && searches.may_draw(&app) {
            terminal.draw(|frame| crate::ui::render(&app, &theme, frame))?;
            dirty = false;
        }
        let message = match timers.next(&app, &searches, dirty) {
            None => rx.recv().ok(),
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(message) => Some(message),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
        };
        let started = Instant::now();
        let mut pending: VecDeque<Message> = timers.due(&app, started).into();
        pending.extend(message);
        // Take in what is queued before drawing again (a held key, a burst of
        // records), but draw a frame now and then while it keeps coming.
        while let Some(message) = pending.pop_front().or_else(|| {
            (started.elapsed() < FRAME)
                .then(|| rx.try_recv().ok())
                .flatten()
        }) {
            match &message {
                Message::Terminal(_) => timers.last_key = Instant::now(),
                Message::Resumed => repaint = true,
                _ => {}
            }
            app.update(message);
            dirty = true;
            if app.should_quit() || app.wants_suspend() {
                break;
            }
        }
    }
    for write in app.closing_desk_writes() {
        let _ = desk.perform(write);
    }
    match (app.load_status(), app.ended_by()) {
        (_, Some(signal)) => Ok(Ending::Signal(signal)),
        _ if app.wants_reopen() => Ok(Ending::Reopen),
        (LoadStatus::Failed(message), None) => Err(anyhow!("{message}")),
        _ => Ok(Ending::Quit),
    }
}

/// What the desk wants done: opened once the store is there, changes written,
/// citations put on the clipboard, a note's editor run with the terminal handed
/// over and taken back as it was. True when the state changed.
fn desk_effects(
    terminal: &mut DefaultTerminal,
    input: &Input,
    app: &mut App,
    desk: &mut DeskIo,
    choice: &StoreChoice,
    dirs: Option<&AppDirs>,
) -> anyhow::Result<bool> {
    let mut changed = false;
    if matches!(app.load_status(), LoadStatus::Ready)
        && let Some(message) = desk.open(app.store(), choice.path.as_deref(), dirs)
    {
        app.update(Message::Desk(message));
        changed = true;
    }
    for write in app.take_desk_writes() {
        if let Some(message) = desk.perform(write) {
            app.update(Message::Desk(message));
            changed = true;
        }
    }
    for text in app.take_clipboard() {
        // A terminal that cannot take it ignores the sequence; nothing to report.
        let _ = clipboard::copy(&mut std::io::stdout(), &text);
    }
    if let Some(edit) = app.take_edit() {
        input.pause();
        terminal::leave();
        let temp = std::env::temp_dir();
        let message = desk.edit(&edit.record, &edit.title, &temp);
        terminal::reenter()?;
        input.resume();
        repaint_all(terminal)?;
        app.update(Message::Desk(message));
        changed = true;
    }
    Ok(changed)
}

/// Ctrl-z: the terminal goes back to the shell as it was, the process stops until
/// `fg` (SIGCONT), and then everything is as it was and drawn anew.
fn suspend(terminal: &mut DefaultTerminal, input: &Input) -> anyhow::Result<()> {
    input.pause();
    terminal::leave();
    // SIGSTOP, not SIGTSTP: that one carrel catches (to get here when `kill -TSTP`
    // sends it). The shell reports the job stopped either way.
    let _ = signal_hook::low_level::raise(SIGSTOP);
    terminal::reenter()?;
    input.resume();
    repaint_all(terminal)
}

/// Has the next frame draw every cell, over whatever the screen shows now.
/// (`Terminal::clear` would ask the terminal where its cursor is, an answer the
/// input thread would take; a fullscreen resize clears without asking.)
fn repaint_all(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}
