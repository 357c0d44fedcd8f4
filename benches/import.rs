//! Import and export throughput (issue 11), printed as a table.
//!
//! `cargo bench --bench import` writes, into a temporary folder: a CSV of
//! `CARREL_BENCH_ROWS` rows (default 100,000; a text of about 1 KB each, so about
//! 120 MB), and a FRUS-like TEI volume of `CARREL_BENCH_DOCS` documents (default 1,500,
//! about 5 MB, the size of a big real volume), imports each into a new store, and exports the
//! 100,000-record store as JSON Lines and CSV. Each row gives the time, MB/s,
//! records/s and the peak resident memory of the import (VmHWM, reset before each
//! step through /proc/self/clear_refs; Linux only).

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use carrel::import::{self, Options, Report};
use carrel::store::Problem;

struct Quiet;

impl Report for Quiet {
    fn problem(&mut self, problem: &Problem) {
        eprintln!("{problem}");
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Peak resident memory since the last reset, in MB.
fn peak_mb() -> Option<f64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn reset_peak() {
    let _ = fs::write("/proc/self/clear_refs", "5");
}

fn write_csv(path: &Path, rows: usize) -> std::io::Result<u64> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(
        out,
        "Title,Date,Author,Recipient,Call number,Tags,Transcription"
    )?;
    let paragraph = "The delegation arrived at the border post in the evening and was met by the local commander, who said that the road to the capital was closed by snow and that no lorries could pass before the spring. ";
    for i in 0..rows {
        let text = format!("{}\n\n{}", paragraph.repeat(3), paragraph.repeat(2));
        writeln!(
            out,
            "Report number {i} on the situation in the district,{} October {},Official {},Ministry {},\"GARF, f. 9401s, op. 2, d. {}, ll. {}-{}\",xinjiang; altai; report,\"{text}\"",
            1 + i % 28,
            1930 + i % 30,
            i % 500,
            i % 40,
            10_000 + i / 100,
            i % 300,
            i % 300 + 2
        )?;
    }
    out.flush()?;
    Ok(fs::metadata(path)?.len())
}

fn write_frus(path: &Path, documents: usize) -> std::io::Result<u64> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1945v07">
<teiHeader><fileDesc><titleStmt><title type="complete">Foreign Relations of the United States, 1945, Volume VII (benchmark volume)</title></titleStmt></fileDesc></teiHeader>
<text><front><div type="section" xml:id="persons"><head>Persons</head><list type="participants">
"#,
    );
    for p in 0..300 {
        let _ = writeln!(
            xml,
            "<item><persName xml:id=\"p{p}\">Person{p}, Given</persName>, Official number {p}</item>"
        );
    }
    xml.push_str("</list></div><div type=\"section\" xml:id=\"terms\"><head>Terms</head><list type=\"terms\">\n");
    for t in 0..100 {
        let _ = writeln!(
            xml,
            "<item><term xml:id=\"t{t}\">T{t}</term>, Term number {t}</item>"
        );
    }
    xml.push_str("</list></div></front><body>\n");
    for d in 1..=documents {
        if d % 50 == 1 {
            if d > 1 {
                xml.push_str("</div>\n");
            }
            let _ = writeln!(
                xml,
                "<div type=\"chapter\" xml:id=\"ch{}\"><head>Chapter {}</head>",
                d / 50 + 1,
                d / 50 + 1
            );
        }
        let day = 1 + d % 28;
        let _ = write!(
            xml,
            r##"<div type="document" xml:id="d{d}" n="{d}" frus:doc-dateTime-min="1945-10-{day:02}T00:00:00Z" frus:doc-dateTime-max="1945-10-{day:02}T23:59:59Z">
<head>The Ambassador (<persName corresp="#p{a}">Person{a}</persName>) to the Secretary of State (<persName corresp="#p{b}">Person{b}</persName>)<note n="0" type="source">Source: Central Files, 893.00/10-{day}45: Telegram. Secret; Priority.</note></head>
<opener><dateline><placeName>Chungking</placeName>, <date when="1945-10-{day:02}">October {day}, 1945</date></dateline></opener>
"##,
            a = d % 300,
            b = (d + 7) % 300
        );
        for p in 0..8 {
            let _ = writeln!(
                xml,
                "<p>Paragraph {p}: the <gloss target=\"#t{t}\">T{t}</gloss> representatives met again and discussed the arrangements for the transfer of the province, the withdrawal of the forces and the exchange of prisoners, as reported in <ref target=\"#d{r}\">Document {r}</ref>.<note n=\"{n}\">See the files for {p}.</note><pb n=\"{page}\"/> The talks go on.</p>",
                t = (d + p) % 100,
                r = 1 + (d + p) % documents,
                n = p + 1,
                page = d * 2 + p
            );
        }
        xml.push_str("</div>\n");
    }
    xml.push_str("</div></body></text></TEI>\n");
    fs::write(path, &xml)?;
    Ok(xml.len() as u64)
}

struct Row {
    what: String,
    seconds: f64,
    megabytes: f64,
    records: usize,
    peak: Option<f64>,
}

fn import_row(what: &str, source: &Path, bytes: u64, store: &Path) -> Row {
    reset_peak();
    let started = Instant::now();
    let summary = import::import(
        &[source.to_path_buf()],
        store,
        "bench",
        &Options::default(),
        &mut Quiet,
    )
    .expect("import");
    Row {
        what: what.to_string(),
        seconds: started.elapsed().as_secs_f64(),
        megabytes: bytes as f64 / 1e6,
        records: summary.added,
        peak: peak_mb(),
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let rows = env_number("CARREL_BENCH_ROWS", 100_000);
    let documents = env_number("CARREL_BENCH_DOCS", 1500);
    let tmp = tempfile::tempdir().expect("temporary folder");
    let csv = tmp.path().join("rows.csv");
    let csv_bytes = write_csv(&csv, rows).expect("write the CSV");
    let frus = tmp.path().join("frus1945v07.xml");
    let frus_bytes = write_frus(&frus, documents).expect("write the TEI volume");
    let mut table = Vec::new();
    let csv_store = tmp.path().join("from-csv");
    table.push(import_row(
        &format!("import FRUS-like TEI, {documents} documents"),
        &frus,
        frus_bytes,
        &tmp.path().join("from-tei"),
    ));
    table.push(import_row(
        &format!("import CSV, {rows} rows"),
        &csv,
        csv_bytes,
        &csv_store,
    ));
    let loaded = carrel::store::load_path_lazy(&csv_store).expect("open the imported store");
    let store = &loaded.store;
    let all = store.all();
    for (name, format) in [("JSON Lines", "jsonl"), ("CSV", "csv")] {
        let out_path = tmp.path().join(format!("export.{format}"));
        reset_peak();
        let started = Instant::now();
        let mut out = BufWriter::new(File::create(&out_path).expect("export file"));
        match format {
            "jsonl" => carrel::export::write_jsonl(store, &all, &mut out).expect("export"),
            _ => carrel::export::write_csv(store, &all, &mut out).expect("export"),
        }
        out.flush().expect("flush");
        let bytes = fs::metadata(&out_path).map_or(0, |m| m.len());
        table.push(Row {
            what: format!("export {name}, {} records", all.len()),
            seconds: started.elapsed().as_secs_f64(),
            megabytes: bytes as f64 / 1e6,
            records: all.len(),
            peak: peak_mb(),
        });
    }
    println!();
    println!("| step | time | size | MB/s | records/s | peak memory |");
    println!("|---|---:|---:|---:|---:|---:|");
    for row in &table {
        println!(
            "| {} | {:.2} s | {:.1} MB | {:.1} | {:.0} | {} |",
            row.what,
            row.seconds,
            row.megabytes,
            row.megabytes / row.seconds,
            row.records as f64 / row.seconds,
            row.peak.map_or("n/a".into(), |p| format!("{p:.0} MB")),
        );
    }
    println!();
    println!("(export peak memory includes the opened store's metadata.)");
}
