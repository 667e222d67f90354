-- 0004: the log of automatic merges.
--
-- Derived data, not the user's: every merge identity resolution made on its own, with why and how sure
-- it was.  It lets `netvalue person` say why two records were merged, and lets the error budget of
-- merges on a name alone count every link resolution has made, across the runs after each import
-- (identity.matching).  The two sides are named by one identity each (kind:value), which outlive person
-- ids; kept_id and merged_id are the person ids at the time, deliberately not named *_person_id so that
-- merging people (store.ingest.merge_people) leaves them as they were.  A merge a split has undone is
-- recognised by its two identities no longer belonging to one person.

CREATE TABLE identity_merges (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL,                  -- one resolution run; runs are numbered 1, 2, ...
    identity_a       TEXT,                              -- an identity of the kept side (NULL: it had none)
    identity_b       TEXT,                              -- an identity of the merged side
    kept_id          INTEGER NOT NULL,
    merged_id        INTEGER NOT NULL,
    rule             TEXT NOT NULL CHECK (rule IN ('sure', 'rare_name', 'lone_name')),
    confidence       REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    reasons          TEXT NOT NULL DEFAULT '[]',        -- JSON list of short phrases
    namesake_chance  REAL NOT NULL CHECK (namesake_chance BETWEEN 0 AND 1),
    linked_pairs     INTEGER NOT NULL CHECK (linked_pairs >= 0),
    merged_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX identity_merges_a ON identity_merges(identity_a);
CREATE INDEX identity_merges_b ON identity_merges(identity_b);
