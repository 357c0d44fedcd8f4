//! A deterministic generator of synthetic record stores, for benches, load tests and
//! trying carrel on a store of realistic size without real documents.
//!
//! The same seed gives byte-identical output on every platform: the generator uses
//! its own PRNG and integer arithmetic only. Record `i` depends only on the seed
//! and on the collection layout, so `records(n, seed)` can be streamed.

mod names;
mod prose;
mod provenance;
mod record;
mod rng;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::store::schema::{Archive, Collection, Record, SCHEMA_VERSION, Source};
use crate::store::{Edtf, Store};

use names::Pools;
use provenance::HOLDERS;
use record::Shelf;
use rng::Rng;

pub use names::variants;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthConfig {
    pub records: u64,
    pub seed: u64,
    /// Records per `records/part-NNNN.jsonl` file.
    pub shard_size: u64,
    /// How many records in a thousand carry a full text (the rest are metadata only).
    pub full_text_per_mille: u64,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            records: 1000,
            seed: 1945,
            shard_size: 10_000,
            full_text_per_mille: 850,
        }
    }
}

/// What `generate` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub records: u64,
    pub collections: usize,
    pub shards: u64,
    pub bytes: u64,
}

const PEOPLE_POOL: usize = 3000;
const PLACES_POOL: usize = 1500;

/// A collection's slice of the record indices and what its records share.
struct Slot {
    id: String,
    start: u64,
    len: u64,
    total: Option<u64>,
    holder: usize,
    fond: String,
    opis: u32,
    first_year: i32,
    last_year: i32,
    title: String,
}

/// Everything decided before the first record: name pools and collection layout.
pub struct Plan {
    seed: u64,
    records: u64,
    full_text_per_mille: u64,
    pools: Pools,
    slots: Vec<Slot>,
}

impl Plan {
    pub fn new(records: u64, seed: u64, full_text_per_mille: u64) -> Self {
        let pools = Pools::new(seed, PEOPLE_POOL, PLACES_POOL);
        let slots = layout(records, seed, &pools);
        Plan {
            seed,
            records,
            full_text_per_mille,
            pools,
            slots,
        }
    }

    pub fn record(&self, index: u64) -> Option<Record> {
        if index >= self.records {
            return None;
        }
        let slot_ix = self
            .slots
            .partition_point(|s| s.start + s.len <= index)
            .min(self.slots.len().saturating_sub(1));
        let slot = self.slots.get(slot_ix)?;
        let shelf = Shelf {
            collection_id: &slot.id,
            holder: HOLDERS.get(slot.holder)?,
            fond: &slot.fond,
            opis: slot.opis,
            first_year: slot.first_year,
            last_year: slot.last_year,
        };
        let mut rng = Rng::stream(self.seed, index.wrapping_add(1 << 40));
        Some(record::record(
            &mut rng,
            index,
            (index - slot.start) as usize,
            &shelf,
            &self.pools,
            self.full_text_per_mille,
        ))
    }

    /// All the plan's records, in store order, generated lazily.
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        (0..self.records).filter_map(|i| self.record(i))
    }

    pub fn collections(&self) -> Vec<Collection> {
        self.slots
            .iter()
            .map(|slot| Collection {
                id: slot.id.clone(),
                title: slot.title.clone(),
                short_description: Some(format!(
                    "{} fond {}, opis {}: synthetic documents.",
                    HOLDERS.get(slot.holder).map_or("", |h| h.abbr),
                    slot.fond,
                    slot.opis
                )),
                description: Vec::new(),
                parent: None,
                date: Edtf::parse(&year_span(slot.first_year, slot.last_year)).ok(),
                record_ids: (slot.start..slot.start + slot.len)
                    .map(record::record_id)
                    .collect(),
                total: slot.total,
            })
            .collect()
    }
}

fn year_span(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}/{last}")
    }
}

/// Splits `records` into consecutive collections of 10 to 500 (the last absorbs a remainder under 10).
fn layout(records: u64, seed: u64, pools: &Pools) -> Vec<Slot> {
    let mut rng = Rng::stream(seed, 0x636f_6c6c);
    let mut slots: Vec<Slot> = Vec::new();
    let mut start = 0;
    while start < records {
        let mut len = (rng.range(10, 500) as u64).min(records - start);
        if records - start - len < 10 {
            len = records - start;
        }
        let n = slots.len() + 1;
        let holder = rng.below(HOLDERS.len() as u64) as usize;
        let russian = HOLDERS.get(holder).is_some_and(|h| h.russian);
        let fond = if russian {
            let suffix = rng.pick(&["", "", "", "s", "p"]);
            format!("{}{suffix}", rng.range(1, 9999))
        } else {
            pools
                .surnames
                .get(rng.below(pools.surnames.len() as u64) as usize)
                .cloned()
                .unwrap_or_else(|| "Anonymous".into())
        };
        let first_year = 1900 + rng.range(0, 85) as i32;
        let last_year = first_year + rng.range(0, 15) as i32;
        let place = pools
            .places
            .get(rng.below(pools.places.len() as u64) as usize)
            .map_or("the border districts", |p| p.name.as_str());
        let theme = rng.pick(&[
            "Correspondence on",
            "Reports from",
            "Decisions concerning",
            "Telegrams on",
            "Papers on",
        ]);
        let total = rng
            .chance(250)
            .then(|| len + rng.range(1, len as usize) as u64);
        slots.push(Slot {
            id: format!("col-{n:04}"),
            start,
            len,
            total,
            holder,
            fond,
            opis: rng.range(1, 60) as u32,
            first_year,
            last_year,
            title: format!(
                "{theme} {place}, {}",
                year_span(first_year, last_year).replace('/', "-")
            ),
        });
        start += len;
    }
    slots
}

/// Records `0..n` of the store for `seed`, generated lazily.
pub fn records(n: u64, seed: u64) -> impl Iterator<Item = Record> {
    let plan = Plan::new(n, seed, SynthConfig::default().full_text_per_mille);
    (0..n).filter_map(move |i| plan.record(i))
}

/// The collections of the store for `n` records and `seed`.
pub fn collections(n: u64, seed: u64) -> Vec<Collection> {
    Plan::new(n, seed, SynthConfig::default().full_text_per_mille).collections()
}

/// A whole synthetic store in memory, without touching the disk (for benches).
pub fn store(config: &SynthConfig) -> Store {
    let plan = Plan::new(config.records, config.seed, config.full_text_per_mille);
    Store::new(
        archive(config),
        plan.collections(),
        plan.records().collect(),
    )
}

/// The `archive.json` of a synthetic store.
pub fn archive(config: &SynthConfig) -> Archive {
    Archive {
        schema_version: SCHEMA_VERSION,
        id: format!("synthetic-{}", config.seed),
        title: format!(
            "Synthetic archive (seed {}, {} records)",
            config.seed, config.records
        ),
        description: "Invented documents generated by carrel's synth example for testing and \
            benchmarks. Names, places, texts and citations are made up; the repository names \
            are real archives used only to make citations look familiar."
            .into(),
        sources: vec![Source {
            name: "carrel synth".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            url: None,
            license: None,
        }],
    }
}

/// Writes a folder store into `out`: `archive.json`, `collections.json` and
/// `records/part-NNNN.jsonl`. Refuses a folder that already has files in it, so a
/// mistyped path cannot mix two stores.
pub fn generate(config: &SynthConfig, out: &Path) -> io::Result<Summary> {
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; choose a new folder", out.display()),
        ));
    }
    let records_dir = out.join("records");
    fs::create_dir_all(&records_dir)?;
    let plan = Plan::new(config.records, config.seed, config.full_text_per_mille);
    let collections = plan.collections();
    let mut summary = Summary {
        records: 0,
        collections: collections.len(),
        shards: 0,
        bytes: 0,
    };
    summary.bytes += write_json(&out.join("archive.json"), &archive(config))?;
    summary.bytes += write_json(&out.join("collections.json"), &collections)?;

    let shard_size = config.shard_size.max(1);
    let mut line = Vec::with_capacity(32 * 1024);
    let mut index = 0;
    while index < config.records {
        let path = records_dir.join(format!("part-{:04}.jsonl", summary.shards));
        let mut file = BufWriter::new(File::create(path)?);
        let end = (index + shard_size).min(config.records);
        for i in index..end {
            let Some(record) = plan.record(i) else { break };
            line.clear();
            serde_json::to_writer(&mut line, &record)?;
            line.push(b'\n');
            file.write_all(&line)?;
            summary.bytes += line.len() as u64;
            summary.records += 1;
        }
        file.flush()?;
        summary.shards += 1;
        index = end;
    }
    Ok(summary)
}

/// Sets the modification time of every file of the store at `store` (a folder store
/// or a single-file store) to `age` ago, as if written long ago. A store modified in
/// the last moments is not cached (it may change again unseen), so tests and
/// benchmarks that want the cache use a freshly generated store this way.
pub fn backdate(store: &Path, age: std::time::Duration) -> io::Result<()> {
    let when = std::time::SystemTime::now()
        .checked_sub(age)
        .unwrap_or(std::time::UNIX_EPOCH);
    let mut files = vec![store.to_path_buf()];
    if store.is_dir() {
        files = vec![store.join("archive.json"), store.join("collections.json")];
        if let Ok(listing) = fs::read_dir(store.join("records")) {
            for entry in listing {
                files.push(entry?.path());
            }
        }
    }
    for file in files.iter().filter(|f| f.exists()) {
        File::options().write(true).open(file)?.set_modified(when)?;
    }
    Ok(())
}

fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> io::Result<u64> {
    let mut text = serde_json::to_vec_pretty(value)?;
    text.push(b'\n');
    fs::write(path, &text)?;
    Ok(text.len() as u64)
}
