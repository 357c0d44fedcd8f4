//! The database's schema, as numbered migrations. `PRAGMA user_version` holds how
//! many have been applied; each runs in its own transaction with the version bump,
//! so a migration killed half-way leaves the database as it was.

use rusqlite::Connection;

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the first desk.
    "CREATE TABLE marks (
        store TEXT NOT NULL, record TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (store, record)
    ) WITHOUT ROWID;
    CREATE TABLE tags (
        store TEXT NOT NULL, record TEXT NOT NULL, tag TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (store, record, tag)
    ) WITHOUT ROWID;
    CREATE INDEX tags_by_name ON tags (store, tag);
    -- A rowid table, so that the unique index is a small covering index: listing
    -- which records have notes need not read the bodies.
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        store TEXT NOT NULL, record TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL,
        UNIQUE (store, record)
    );
    CREATE TABLE quotations (
        id INTEGER PRIMARY KEY,
        store TEXT NOT NULL, record TEXT NOT NULL,
        passage TEXT NOT NULL, citation TEXT NOT NULL, at INTEGER NOT NULL
    );
    CREATE INDEX quotations_by_record ON quotations (store, record);
    CREATE TABLE positions (
        store TEXT NOT NULL, record TEXT NOT NULL, offset INTEGER NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (store, record)
    ) WITHOUT ROWID;
    CREATE TABLE last_open (
        store TEXT PRIMARY KEY, record TEXT NOT NULL, at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        store TEXT NOT NULL, record TEXT NOT NULL, at INTEGER NOT NULL
    );
    CREATE INDEX history_by_store ON history (store, id);
    -- For is:read: the records ever opened, without sorting the whole history.
    CREATE INDEX history_by_record ON history (store, record);
    CREATE TABLE saved_searches (
        store TEXT NOT NULL, name TEXT NOT NULL, query TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (store, name)
    ) WITHOUT ROWID;
    CREATE TABLE query_history (
        id INTEGER PRIMARY KEY, query TEXT NOT NULL, at INTEGER NOT NULL
    );",
    // The find line's history (`/` in a document), kept as the filter line's is.
    "CREATE TABLE find_history (
        id INTEGER PRIMARY KEY, query TEXT NOT NULL, at INTEGER NOT NULL
    );",
];

/// The schema this carrel writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The schema version the file says it has.
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies the migrations the file lacks. The caller has checked it is not newer.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    loop {
        // The version is read again inside the write lock: another carrel may have
        // migrated the file meanwhile.
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let done = version(conn)?;
        let Some(sql) = MIGRATIONS.get(done as usize) else {
            conn.execute_batch("COMMIT")?;
            return Ok(());
        };
        let step = conn
            .execute_batch(sql)
            .and_then(|()| conn.execute_batch(&format!("PRAGMA user_version = {}", done + 1)));
        match step {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
    }
}
