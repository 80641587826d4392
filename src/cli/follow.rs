//! Following one file on disk for `watch` and `serve`: a `notify` watch on
//! the file's folder (so that a file an editor replaces, renames, deletes
//! and writes again is still followed), a look at the file's metadata every
//! second in case an event was missed, and a debounce so that one save
//! gives one rebuild.

use notify::{RecursiveMode, Watcher};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant, SystemTime};

/// How long the file must stay quiet after a change before it is read.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

/// How often the file's metadata is compared even without an event.
const POLL: Duration = Duration::from_secs(1);

/// A watch on one file.
pub struct Follow {
    path: PathBuf,
    name: OsString,
    events: Receiver<notify::Result<notify::Event>>,
    _watcher: notify::RecommendedWatcher,
    seen: Option<Stamp>,
}

/// What the metadata says of the file: enough to notice a change without an event.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: m.len(),
        modified: m.modified().ok(),
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&m),
    })
}

/// What happened to the file when [`Follow::read`] looked.
#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    /// The file's bytes.
    Text(Vec<u8>),
    /// The file is not there (deleted, or renamed away).
    Gone,
    /// The file is there but holds nothing but white space.
    Empty,
    /// It could not be read, for this reason.
    Unreadable(String),
}

impl Follow {
    /// Starts following `path`. Fails when its folder cannot be watched.
    pub fn new(path: &Path) -> Result<Follow, String> {
        let name = path
            .file_name()
            .ok_or_else(|| {
                crate::msg!("watch-not-a-file", path = path.display().to_string()).to_string()
            })?
            .to_os_string();
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let (tx, events) = channel();
        let cannot = |e: notify::Error| {
            crate::msg!(
                "watch-cannot-watch",
                folder = folder.display().to_string(),
                reason = e.to_string()
            )
            .to_string()
        };
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .map_err(cannot)?;
        watcher
            .watch(&folder, RecursiveMode::NonRecursive)
            .map_err(cannot)?;
        Ok(Follow {
            path: path.to_path_buf(),
            name,
            events,
            _watcher: watcher,
            seen: stamp(path),
        })
    }

    /// Reads the file as it is now, with the size limit of every input.
    pub fn read(&mut self) -> Seen {
        self.seen = stamp(&self.path);
        match crate::source::read_limited(&self.path, crate::limits::MAX_INPUT_BYTES) {
            Ok(Some(bytes)) if bytes.iter().all(u8::is_ascii_whitespace) => Seen::Empty,
            Ok(Some(bytes)) => Seen::Text(bytes),
            Ok(None) => Seen::Unreadable(super::too_large(
                &format!("`{}`", self.path.display()),
                crate::limits::MAX_INPUT_BYTES,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Seen::Gone,
            Err(e) => Seen::Unreadable(
                crate::msg!(
                    "cli-cannot-read",
                    path = self.path.display().to_string(),
                    reason = super::io::reason(&e)
                )
                .to_string(),
            ),
        }
    }

    /// Blocks until the file may have changed and then stayed quiet for
    /// [`DEBOUNCE`]. Returns `false` when the watch has stopped working.
    pub fn wait(&mut self) -> bool {
        loop {
            match self.events.recv_timeout(POLL) {
                Ok(event) if self.concerns(&event) => break,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    if stamp(&self.path) != self.seen {
                        break;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
        let mut quiet_from = Instant::now();
        loop {
            let left = DEBOUNCE.saturating_sub(quiet_from.elapsed());
            if left.is_zero() {
                return true;
            }
            match self.events.recv_timeout(left) {
                Ok(event) if self.concerns(&event) => quiet_from = Instant::now(),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => return true,
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    /// Whether an event of the folder is about the file (an error of the
    /// watch, such as a full event queue, may be: it counts).
    fn concerns(&self, event: &notify::Result<notify::Event>) -> bool {
        match event {
            Ok(event) => {
                !matches!(event.kind, notify::EventKind::Access(_))
                    && event
                        .paths
                        .iter()
                        .any(|p| p.file_name() == Some(self.name.as_os_str()))
            }
            Err(_) => true,
        }
    }
}
