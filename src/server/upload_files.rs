//! The files of a `multipart/form-data` upload, one after the other, as
//! readers for the import's blocking thread: several files (the pages of
//! an export, or a month of logs) become one log
//! (`llm_roi_usage::read_mix_parts`). Each file is read as it arrives; none
//! is held whole.
//!
//! Usage:
//!
//! ```ignore
//! let mut files = UploadFiles::new(stream, boundary); // in the handler
//! // on the blocking thread:
//! read_mix_parts(&book, &mut || files.next_file(), limits, map)
//! ```

use super::upload_gate::DeadlineStream;
use futures::TryStreamExt;
use std::io::Read;
use tokio_util::io::{StreamReader, SyncIoBridge};

/// The longest file name kept for bad rows and messages, in characters.
const MAX_NAME_CHARS: usize = 100;

/// A file of the upload: its name, and its bytes as they arrive.
pub type NamedFile = (Option<String>, Box<dyn Read + Send>);

/// A multipart body's files, for a blocking reader.
pub struct UploadFiles {
    multipart: multer::Multipart<'static>,
    handle: tokio::runtime::Handle,
    count: usize,
}

/// A body error as an I/O error, keeping its kind (a timeout stays one).
fn io_error(e: multer::Error) -> std::io::Error {
    if let multer::Error::StreamReadFailed(inner) = &e {
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            return std::io::Error::new(io.kind(), io.to_string());
        }
    }
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("the multipart body: {e}"),
    )
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("multipart/")
        .then(|| multer::parse_boundary(content_type).ok())
        .flatten()
}

impl UploadFiles {
    /// Must be called on the runtime (the handler), not the blocking thread.
    pub fn new(stream: DeadlineStream, boundary: String) -> Self {
        Self {
            multipart: multer::Multipart::new(stream, boundary),
            handle: tokio::runtime::Handle::current(),
            count: 0,
        }
    }

    /// The next file, named by its file name (else its field name, else
    /// its place), on the blocking thread; `None` after the last.
    pub fn next_file(&mut self) -> std::io::Result<Option<NamedFile>> {
        let Some(field) = self
            .handle
            .block_on(self.multipart.next_field())
            .map_err(io_error)?
        else {
            return Ok(None);
        };
        self.count += 1;
        let name: String = field
            .file_name()
            .or(field.name())
            .filter(|n| !n.trim().is_empty())
            .map_or_else(|| format!("file {}", self.count), str::to_string)
            .chars()
            .take(MAX_NAME_CHARS)
            .collect();
        let bytes = StreamReader::new(field.map_err(io_error));
        let reader = SyncIoBridge::new_with_handle(bytes, self.handle.clone());
        Ok(Some((Some(name), Box::new(reader))))
    }
}
