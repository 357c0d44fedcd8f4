//! Writing to standard output: buffered, JSON Lines, and a closed pipe treated as success.

use std::io::{self, BufWriter, StdoutLock, Write};

use serde::Serialize;

/// Buffered standard output. Errors carry `io::Error` so a closed pipe can be told apart.
pub struct Out {
    inner: BufWriter<StdoutLock<'static>>,
}

impl Out {
    pub fn stdout() -> Self {
        Out {
            inner: BufWriter::new(io::stdout().lock()),
        }
    }

    /// One line of text. Store text must already be sanitised by the caller.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(text.as_bytes())?;
        self.inner.write_all(b"\n")
    }

    /// One JSON object on one line. JSON escapes control characters, so store text is safe here.
    pub fn json<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.inner, value)?;
        self.inner.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// True when the error chain holds a broken pipe: `carrel list | head -1` is not an error.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}
