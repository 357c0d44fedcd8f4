//! Records written as they come into JSON Lines shards of a staged store folder, so
//! that an import of any size holds one record at a time.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::store::schema::Record;

/// Records a shard holds, as the synthetic stores have them.
pub const SHARD_RECORDS: usize = 10_000;

/// Writes records into `<dir>/records/<prefix>-NNNN.jsonl`.
pub struct Stage {
    records_dir: PathBuf,
    prefix: String,
    shard: Option<BufWriter<File>>,
    shards: Vec<PathBuf>,
    in_shard: usize,
    line: Vec<u8>,
}

impl Stage {
    /// `prefix` names the shards: `part` in a new store, `import-<time>` beside old ones.
    pub fn new(dir: &Path, prefix: &str) -> io::Result<Self> {
        let records_dir = dir.join("records");
        fs::create_dir_all(&records_dir)?;
        Ok(Stage {
            records_dir,
            prefix: prefix.to_string(),
            shard: None,
            shards: Vec::new(),
            in_shard: 0,
            line: Vec::with_capacity(16 * 1024),
        })
    }

    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        if self.shard.is_none() || self.in_shard >= SHARD_RECORDS {
            self.close_shard()?;
            let path =
                self.records_dir
                    .join(format!("{}-{:04}.jsonl", self.prefix, self.shards.len()));
            self.shard = Some(BufWriter::new(File::create(&path)?));
            self.shards.push(path);
            self.in_shard = 0;
        }
        self.line.clear();
        serde_json::to_writer(&mut self.line, record)?;
        self.line.push(b'\n');
        if let Some(shard) = &mut self.shard {
            shard.write_all(&self.line)?;
        }
        self.in_shard += 1;
        Ok(())
    }

    /// Flushes and syncs the last shard; returns every shard written, in order.
    pub fn finish(mut self) -> io::Result<Vec<PathBuf>> {
        self.close_shard()?;
        Ok(std::mem::take(&mut self.shards))
    }

    fn close_shard(&mut self) -> io::Result<()> {
        if let Some(shard) = self.shard.take() {
            let file = shard.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.sync_all()?;
        }
        Ok(())
    }
}
