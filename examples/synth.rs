//! Writes a synthetic record store, for benches and for trying carrel on a large store.
//!
//! cargo run --release --example synth -- --records 100000 --out /tmp/store [--seed 7]

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use carrel::synth::{SynthConfig, generate};
use clap::Parser;

/// Generate a synthetic carrel store (folder layout, JSON Lines shards).
#[derive(Debug, Parser)]
#[command(name = "synth")]
struct Args {
    /// How many records to generate.
    #[arg(long)]
    records: u64,
    /// The folder to write; it must not exist yet or be empty.
    #[arg(long)]
    out: PathBuf,
    /// The seed: the same seed always gives the same store.
    #[arg(long, default_value_t = SynthConfig::default().seed)]
    seed: u64,
    /// Records per records/part-NNNN.jsonl file.
    #[arg(long, default_value_t = SynthConfig::default().shard_size)]
    shard_size: u64,
    /// Records per thousand that carry a full text (0 for a metadata-only store).
    #[arg(long, default_value_t = SynthConfig::default().full_text_per_mille,
          value_parser = clap::value_parser!(u64).range(0..=1000))]
    full_text_per_mille: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let config = SynthConfig {
        records: args.records,
        seed: args.seed,
        shard_size: args.shard_size,
        full_text_per_mille: args.full_text_per_mille,
    };
    let started = Instant::now();
    let summary = generate(&config, &args.out)
        .with_context(|| format!("cannot write the store to {}", args.out.display()))?;
    println!(
        "wrote {} records in {} collections ({} shards, {:.1} MB) to {} in {:.1} s",
        summary.records,
        summary.collections,
        summary.shards,
        summary.bytes as f64 / 1_000_000.0,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
