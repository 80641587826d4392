//! Every byte the command line writes goes through here: standard output and
//! standard error that remember a failure (so the exit status can say 2
//! instead of panicking like `println!`), and output files written as
//! transactions (a temporary file in the target's folder, then a rename), so
//! a full disk or a killed process never leaves a broken or empty file where
//! a good one was, and the design being drawn is never written over.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// Set when a write to standard output or standard error failed (other than
/// standard output's reader going away): the run must end with status 2.
static FAILED: AtomicBool = AtomicBool::new(false);

/// Standard output (index 0) and standard error (1) were closed when the
/// program started (`cloudgram check x.cgr >&-`).
static CLOSED: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];

/// Called first thing: notes whether standard output or standard error was
/// closed when the program started (`cloudgram check x.cgr >&-`). The Rust
/// runtime reopens a closed descriptor 0, 1 or 2 on `/dev/null`, read-write,
/// before `main`, so that nothing opened later takes its number; writes there
/// would vanish in silence. A shell redirection to `/dev/null` opens it
/// write-only, so a read-write `/dev/null` on 1 or 2 is taken as closed.
///
/// It also ignores SIGXFSZ, so that a file-size limit (`ulimit -f`) makes a
/// write fail with an error that is reported, instead of killing the process.
pub fn init() {
    #[cfg(unix)]
    {
        for (i, fd) in [1, 2].into_iter().enumerate() {
            CLOSED[i].store(reopened_on_null(fd), Ordering::Relaxed);
        }
        // SAFETY: setting a signal to SIG_IGN installs no handler code.
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
    }
}

#[cfg(unix)]
fn reopened_on_null(fd: i32) -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    // SAFETY: fcntl(F_GETFL) only reads the descriptor's flags.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 || flags & libc::O_ACCMODE != libc::O_RDWR {
        return false;
    }
    let path = format!("/proc/self/fd/{fd}");
    match (fs::metadata(&path), fs::metadata("/dev/null")) {
        (Ok(f), Ok(null)) => f.file_type().is_char_device() && f.rdev() == null.rdev(),
        _ => false,
    }
}

/// Whether a write to standard output or standard error has failed.
pub fn failed() -> bool {
    FAILED.load(Ordering::Relaxed)
}

/// The exit status to return: `status`, or 2 when an output stream failed.
pub fn status(status: u8) -> u8 {
    if failed() {
        super::EXIT_INVALID
    } else {
        status
    }
}

/// Writes to standard output and flushes. A closed pipe (`cloudgram check x.cgr
/// | head`) is quiet and not an error: the reader has what it wanted (as
/// ripgrep does). Any other failure (`> /dev/full`, a closed descriptor) is
/// reported on standard error, where possible, and makes the exit status 2.
pub fn stdout(bytes: &[u8]) {
    if CLOSED[0].load(Ordering::Relaxed) {
        FAILED.store(true, Ordering::Relaxed);
        stderr(&format!("error: {}\n", crate::msg!("io-stdout-closed")));
        return;
    }
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {}
        Err(e) => {
            FAILED.store(true, Ordering::Relaxed);
            stderr(&format!(
                "error: {}\n",
                crate::msg!("io-stdout-failed", reason = reason(&e))
            ));
        }
    }
}

/// Writes to standard error. A failure there cannot be reported anywhere; it
/// only makes the exit status 2 (never a panic, unlike `eprintln!`).
pub fn stderr(text: &str) {
    if CLOSED[1].load(Ordering::Relaxed) {
        FAILED.store(true, Ordering::Relaxed);
        return;
    }
    let mut err = io::stderr().lock();
    if err
        .write_all(text.as_bytes())
        .and_then(|()| err.flush())
        .is_err()
    {
        FAILED.store(true, Ordering::Relaxed);
    }
}

/// `eprintln!` that never panics: formats a line onto standard error through [`stderr`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::io::stderr(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use say;

/// An I/O error in a few lowercase words, in the language of the output
/// (other errors in the system's words).
pub fn reason(e: &io::Error) -> String {
    let said = |id| crate::i18n::tr(crate::i18n::current(), id);
    match e.kind() {
        ErrorKind::NotFound => said("io-not-found"),
        ErrorKind::PermissionDenied => said("io-permission-denied"),
        ErrorKind::IsADirectory => said("io-is-a-directory"),
        ErrorKind::StorageFull => said("io-storage-full"),
        ErrorKind::FileTooLarge => said("io-file-too-large"),
        ErrorKind::ReadOnlyFilesystem => said("io-read-only"),
        _ => {
            let text = e.to_string().to_lowercase();
            // "bad file descriptor (os error 9)" → "bad file descriptor"
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// Whether two paths name the same file: the same device and inode after
/// following symbolic links, so `./d.cgr`, an absolute path, a symlink and a
/// hard link to `d.cgr` all count as `d.cgr`. A path that does not exist is
/// nobody's twin.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Why an output file could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The target is the input (by file identity): nothing was written.
    IsInput,
    /// An I/O error; the target, if it existed, is untouched.
    Io(io::Error),
}

/// Writes `bytes` to `target` as one transaction: into a new temporary file
/// in the target's folder (the same file system, so the rename is atomic),
/// flushed to disk, then renamed over the target. On any error the temporary
/// file is removed and the target keeps its old content. A target that is a
/// symbolic link is written through: the file it points at is replaced and
/// the link stays. Refuses to write when the target is `input`.
pub fn write_file(target: &Path, bytes: &[u8], input: Option<&Path>) -> Result<(), WriteError> {
    if input.is_some_and(|input| same_file(input, target)) {
        return Err(WriteError::IsInput);
    }
    // Write through symbolic links: replace the file, keep the link.
    let real: PathBuf = match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(target) {
            Ok(real) => real,
            // A dangling link: create the file it names.
            Err(_) => {
                let link = fs::read_link(target).map_err(WriteError::Io)?;
                target.parent().map_or(link.clone(), |p| p.join(&link))
            }
        },
        _ => target.to_path_buf(),
    };
    let folder = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = real.file_name().ok_or_else(|| {
        WriteError::Io(io::Error::new(ErrorKind::InvalidInput, "not a file name"))
    })?;
    let existing = fs::metadata(&real).ok();
    match &existing {
        Some(m) if m.is_dir() => {
            return Err(WriteError::Io(io::Error::new(
                ErrorKind::IsADirectory,
                "it is a directory",
            )));
        }
        // A device or a pipe (`-o /dev/stdout`, a FIFO): nothing to replace,
        // write straight into it.
        Some(m) if !m.is_file() => {
            let mut device = OpenOptions::new()
                .write(true)
                .open(&real)
                .map_err(WriteError::Io)?;
            return device
                .write_all(bytes)
                .and_then(|()| device.flush())
                .map_err(WriteError::Io);
        }
        _ => {}
    }
    let (temp, file) = create_temp(&folder, name).map_err(WriteError::Io)?;
    let done = fill(file, bytes, existing.as_ref()).and_then(|()| fs::rename(&temp, &real));
    if let Err(e) = done {
        let _ = fs::remove_file(&temp);
        return Err(WriteError::Io(e));
    }
    Ok(())
}

/// A new, empty temporary file beside the target: `.NAME.PID-N.tmp`.
fn create_temp(folder: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}-{n}.tmp", std::process::id()));
        let temp = folder.join(temp_name);
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Writes the bytes, keeps the old file's permissions, and syncs.
fn fill(mut file: File, bytes: &[u8], existing: Option<&fs::Metadata>) -> io::Result<()> {
    file.write_all(bytes)?;
    if let Some(m) = existing {
        file.set_permissions(m.permissions())?;
    }
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cloudgram-io-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = scratch("replace");
        let target = dir.join("out.svg");
        fs::write(&target, "old").unwrap();
        write_file(&target, b"new", None).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_the_input_by_identity() {
        let dir = scratch("identity");
        let input = dir.join("d.cgr");
        fs::write(&input, "ec2 a").unwrap();
        let hard = dir.join("hard.svg");
        fs::hard_link(&input, &hard).unwrap();
        assert!(matches!(
            write_file(&hard, b"x", Some(&input)),
            Err(WriteError::IsInput)
        ));
        let dotted = dir.join(".").join("d.cgr");
        assert!(matches!(
            write_file(&dotted, b"x", Some(&input)),
            Err(WriteError::IsInput)
        ));
        assert_eq!(fs::read_to_string(&input).unwrap(), "ec2 a");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let dir = scratch("symlink");
        let real = dir.join("real.svg");
        fs::write(&real, "old").unwrap();
        let link = dir.join("link.svg");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_file(&link, b"new", None).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_dangling_symlink() {
        let dir = scratch("dangling");
        let link = dir.join("link.svg");
        std::os::unix::fs::symlink("made.svg", &link).unwrap();
        write_file(&link, b"new", None).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(dir.join("made.svg")).unwrap(), "new");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn error_reasons_are_short() {
        let e = io::Error::from_raw_os_error(9);
        assert_eq!(reason(&e), "bad file descriptor");
    }
}
