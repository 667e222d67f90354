-- 0006: e-mail in two layers (style.md: "faithful raw rows per source with provenance, and the
-- normalised model derived from them").
--
-- Raw, written by `netvalue import email` only: one row per message however many folders hold it
-- (email_messages, keyed by the de-duplication key), its recipients and delivery addresses
-- (email_recipients), and the distinct folder headers seen (email_folder_hints: Enron's X-Origin,
-- X-Folder, X-FileName), which name the mailbox's owner.
-- Derived, rebuilt from the raw rows after every e-mail import and every owner or machine decision:
-- email_owner (the owner's addresses and delegates, with evidence) and email_senders (every sender's
-- machine verdict, with reasons); the interactions and people of source 'email' are derived too.
-- The user's own: user_owner_addresses and user_machine_overrides (no import writes them).
-- Written IF NOT EXISTS so that re-applying it to a database that has it (a test rewinds versions) is harmless.

CREATE TABLE IF NOT EXISTS email_messages (
    id               INTEGER PRIMARY KEY,      -- 64-bit BLAKE2b of dedupe_key (store/email.py)
    dedupe_key       TEXT NOT NULL,            -- sender, date, subject, recipients (or the Message-ID)
    message_key      TEXT NOT NULL,            -- Message-ID, or a hash; the smallest over the copies
    conversation_id  TEXT NOT NULL,
    sender           TEXT NOT NULL,
    sender_name      TEXT NOT NULL DEFAULT '',
    occurred_at      INTEGER,
    subject          TEXT NOT NULL DEFAULT '',
    folder           TEXT NOT NULL DEFAULT '', -- a folder it was seen in (the first)
    in_sent          INTEGER NOT NULL DEFAULT 0, -- any copy sat in a sent folder or was labelled Sent
    machine_headers  TEXT NOT NULL DEFAULT '', -- list/bulk header evidence, comma-separated
    run_id           INTEGER REFERENCES import_runs(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX IF NOT EXISTS email_messages_sender ON email_messages(sender);

CREATE TABLE IF NOT EXISTS email_recipients (
    message_id  INTEGER NOT NULL REFERENCES email_messages(id) ON DELETE CASCADE,
    address     TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL CHECK (role = 'to' OR role = 'cc' OR role = 'bcc' OR role = 'delivered'),
    position    INTEGER NOT NULL,           -- order in the message (To, Cc, Bcc; delivery last)
    PRIMARY KEY (message_id, role, address)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS email_folder_hints (
    kind   TEXT NOT NULL,                   -- x-origin, x-folder, x-filename
    value  TEXT NOT NULL,
    PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS email_owner (
    address   TEXT PRIMARY KEY,
    role      TEXT NOT NULL CHECK (role IN ('owner', 'delegate')),
    origin    TEXT NOT NULL CHECK (origin IN ('inferred', 'added')),
    evidence  TEXT NOT NULL DEFAULT '[]'    -- JSON list of short phrases
) STRICT;

CREATE TABLE IF NOT EXISTS email_senders (
    address   TEXT PRIMARY KEY,
    verdict   TEXT NOT NULL CHECK (verdict IN ('person', 'machine')),
    origin    TEXT NOT NULL CHECK (origin IN ('evidence', 'user')),
    messages  INTEGER NOT NULL,
    reasons   TEXT NOT NULL DEFAULT '[]'    -- JSON list of short phrases
) STRICT;

CREATE TABLE IF NOT EXISTS user_owner_addresses (
    address     TEXT PRIMARY KEY,
    decision    TEXT NOT NULL CHECK (decision IN ('add', 'remove')),
    decided_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS user_machine_overrides (
    address     TEXT PRIMARY KEY,
    verdict     TEXT NOT NULL CHECK (verdict IN ('person', 'machine')),
    decided_at  INTEGER NOT NULL
) STRICT;
