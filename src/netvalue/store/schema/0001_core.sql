-- 0001: the core model.
--
-- Two kinds of table live here, and no import ever writes to the second:
--   imported facts  people, identities, connections, person_positions, interactions, invitations,
--                   owner, owner_identities, owner_affiliations, import_runs, import_files
--   the user's own  every table whose name starts with user_ (notes, tags, ratings, merge decisions,
--                   forgotten people, settings; later the outreach log, ledger, triage decisions)
-- Times are INTEGER seconds since the epoch, UTC.

CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    counts      TEXT NOT NULL DEFAULT '{}'   -- JSON: per file rows/added/updated/skipped
) STRICT;

CREATE TABLE import_files (
    run_id   INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    sha256   TEXT,
    rows     INTEGER NOT NULL DEFAULT 0,
    added    INTEGER NOT NULL DEFAULT 0,
    updated  INTEGER NOT NULL DEFAULT 0,
    skipped  INTEGER NOT NULL DEFAULT 0,
    ignored  INTEGER NOT NULL DEFAULT 0,     -- 1: part of the export, not used
    PRIMARY KEY (run_id, name)
) STRICT;
CREATE INDEX import_files_sha ON import_files(sha256);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    first_name  TEXT,
    last_name   TEXT,
    company     TEXT,
    position    TEXT,
    headline    TEXT,
    location    TEXT,
    name_rank   INTEGER NOT NULL DEFAULT 0,  -- how trustworthy the source of name/company is
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX people_name ON people(name COLLATE NOCASE);

CREATE TABLE identities (
    kind       TEXT NOT NULL,
    value      TEXT NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX identities_person ON identities(person_id);

CREATE TABLE connections (
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    source        TEXT NOT NULL,
    connected_on  INTEGER,
    relation      TEXT NOT NULL DEFAULT 'connection',
    PRIMARY KEY (person_id, source, relation)
) STRICT, WITHOUT ROWID;

CREATE TABLE person_positions (
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    company     TEXT NOT NULL DEFAULT '',
    position    TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,
    first_seen  INTEGER NOT NULL,            -- start of the import run that first showed it
    last_seen   INTEGER NOT NULL,
    PRIMARY KEY (person_id, company, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE interactions (
    id               INTEGER PRIMARY KEY,
    source           TEXT NOT NULL,
    source_key       TEXT NOT NULL,
    key_hash         INTEGER,                -- 64-bit BLAKE2b of source_key (store/ingest.py): the upsert key
    person_id        INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    -- Spelt with OR, not IN (...): SQLite builds a temporary B-tree for a 3-value IN list on every row
    -- it checks, ~40% of the instructions of inserting an interaction (callgrind, SQLite 3.40).
    direction        TEXT NOT NULL CHECK (direction = 'sent' OR direction = 'received' OR direction = 'mutual'),
    occurred_at      INTEGER,
    message_key      TEXT,
    conversation_id  TEXT,
    group_size       INTEGER NOT NULL DEFAULT 1,
    length           INTEGER,
    title            TEXT,
    bulk             INTEGER NOT NULL DEFAULT 0,
    run_id           INTEGER REFERENCES import_runs(id) ON DELETE SET NULL,
    -- An 8-byte integer key instead of the ~90-character source_key text: upserting 100,000 fresh rows
    -- took 12-16 instead of 21-27 us CPU a row (a smaller index, fewer cache misses).  A NULL key_hash
    -- (a row written by hand) never conflicts.
    UNIQUE (source, key_hash)
) STRICT;
CREATE INDEX interactions_person ON interactions(person_id, occurred_at);
CREATE INDEX interactions_message ON interactions(message_key);

CREATE TABLE invitations (
    id                  INTEGER PRIMARY KEY,
    source              TEXT NOT NULL,
    source_key          TEXT NOT NULL,
    direction           TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    name                TEXT NOT NULL,
    sent_at             INTEGER,
    message             TEXT,
    profile_url         TEXT,
    headline            TEXT,
    company             TEXT,
    mutual_connections  INTEGER,
    run_id              INTEGER REFERENCES import_runs(id) ON DELETE SET NULL,
    UNIQUE (source, source_key)
) STRICT;

CREATE TABLE owner (
    key    TEXT PRIMARY KEY,                 -- name, headline, industry, location, summary
    value  TEXT NOT NULL,
    source TEXT NOT NULL
) STRICT;

CREATE TABLE owner_identities (
    kind   TEXT NOT NULL,
    value  TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;

CREATE TABLE owner_affiliations (
    source        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('position', 'education', 'follow')),
    organization  TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    location      TEXT,
    started_on    TEXT NOT NULL DEFAULT '',
    finished_on   TEXT,
    PRIMARY KEY (kind, organization, title, started_on)
) STRICT, WITHOUT ROWID;

-- The user's own data -------------------------------------------------------------------

CREATE TABLE user_notes (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX user_notes_person ON user_notes(person_id);

CREATE TABLE user_tags (
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (person_id, tag)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_ratings (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at   INTEGER NOT NULL
) STRICT;

-- Merge decisions name identities ("kind:value"), not person ids, so they survive re-resolution.
CREATE TABLE user_merges (
    id          INTEGER PRIMARY KEY,
    decision    TEXT NOT NULL CHECK (decision IN ('merge', 'split', 'reject')),
    identity_a  TEXT NOT NULL,
    identity_b  TEXT NOT NULL,
    decided_at  INTEGER NOT NULL
) STRICT;

-- SHA-256 of "kind:value" of every identity of a forgotten person: a re-import skips them.
CREATE TABLE user_forgotten (
    identity_hash  TEXT PRIMARY KEY,
    forgotten_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE user_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
