-- 0002: identity resolution.
--
-- match_candidates is derived data (re-made by every resolution run), not the user's: pairs of people
-- who are probably one human, queued for review.  The user's answers live in user_merges (0001), which
-- names identities, not person ids.  Columns are named *_person_id so store.ingest.merge_people
-- re-points them when people merge.

CREATE TABLE match_candidates (
    id           INTEGER PRIMARY KEY,
    a_person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    b_person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    confidence   REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    reasons      TEXT NOT NULL DEFAULT '[]',          -- JSON list of short phrases
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    found_at     INTEGER NOT NULL,
    UNIQUE (a_person_id, b_person_id)
) STRICT;
CREATE INDEX match_candidates_b ON match_candidates(b_person_id);
