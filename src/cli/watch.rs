//! `cloudgram watch`: `render` again every time the design is saved. The
//! output is replaced in one rename (never half written), and a design that
//! does not compile, is emptied or disappears leaves the last good drawing.

use super::follow::{Follow, Seen};
use super::io::say;
use super::{EXIT_INVALID, render};

/// Runs `watch` until it is interrupted; returns 2 when it cannot start.
pub fn run(args: &render::Args) -> u8 {
    let file = &args.file;
    if file == "-" {
        say!("error: {}", crate::msg!("watch-stdin"));
        return EXIT_INVALID;
    }
    if args.output.as_deref() == Some("-") {
        say!("error: {}", crate::msg!("watch-stdout"));
        say!("help: {}", crate::msg!("watch-stdout-help"));
        return EXIT_INVALID;
    }
    let path = std::path::Path::new(file);
    if let Err(e) = std::fs::metadata(path) {
        say!(
            "error: {}",
            crate::msg!(
                "cli-cannot-read",
                path = file,
                reason = super::io::reason(&e)
            )
        );
        return EXIT_INVALID;
    }
    let mut follow = match Follow::new(path) {
        Ok(follow) => follow,
        Err(message) => {
            say!("error: {message}");
            return EXIT_INVALID;
        }
    };
    say!("{}", crate::msg!("watch-start", file = file));
    render::warn_of_extension(args);
    let mut drawn: Option<Vec<u8>> = None;
    let mut last_said = None;
    loop {
        let seen = follow.read();
        let note = match &seen {
            Seen::Text(bytes) if drawn.as_ref() == Some(bytes) => None,
            Seen::Text(bytes) => {
                drawn = Some(bytes.clone());
                last_said = None;
                render::redraw(args);
                None
            }
            Seen::Gone => Some(crate::msg!("watch-gone", file = file).to_string()),
            Seen::Empty => Some(crate::msg!("watch-empty", file = file).to_string()),
            Seen::Unreadable(message) => Some(format!("error: {message}")),
        };
        if let Some(note) = note {
            if last_said.as_ref() != Some(&note) {
                say!("{note}");
            }
            // Whatever comes back is drawn, even the text drawn last.
            drawn = None;
            last_said = Some(note);
        }
        if !follow.wait() {
            say!("error: {}", crate::msg!("watch-stopped", file = file));
            return EXIT_INVALID;
        }
    }
}
