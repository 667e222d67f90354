-- 0005: recommend -- connection-request triage, the weekly outreach plan, the give-and-take ledger.
-- Every table here is the user's own data: no import writes to them.  Person columns are named
-- person_id so that store.ingest.merge_people re-points them when two people turn out to be one.

-- Requests typed in by hand with `netvalue triage add`.
CREATE TABLE user_triage_requests (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    headline            TEXT,
    company             TEXT,
    message             TEXT,
    profile_url         TEXT,
    mutual_connections  INTEGER,
    created_at          INTEGER NOT NULL
) STRICT;

-- A decision names an invitation by (source, source_key) -- stable across re-imports -- or a typed
-- request by its id.  `snapshot` keeps the request's text so the decision stays a usable example for
-- learning even when a later export no longer lists the invitation.
CREATE TABLE user_triage_decisions (
    id                  INTEGER PRIMARY KEY,
    invitation_source   TEXT,
    invitation_key      TEXT,
    request_id          INTEGER REFERENCES user_triage_requests(id) ON DELETE CASCADE,
    decision            TEXT NOT NULL CHECK (decision IN ('accept', 'ignore')),
    snapshot            TEXT NOT NULL DEFAULT '',
    decided_at          INTEGER NOT NULL,
    CHECK ((invitation_key IS NULL) != (request_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX user_triage_decisions_invitation
    ON user_triage_decisions(invitation_source, invitation_key) WHERE invitation_key IS NOT NULL;
CREATE UNIQUE INDEX user_triage_decisions_request
    ON user_triage_decisions(request_id) WHERE request_id IS NOT NULL;

CREATE TABLE user_outreach_log (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    week       TEXT NOT NULL,                 -- ISO week, YYYY-Www
    done_at    INTEGER NOT NULL,
    outcome    TEXT CHECK (outcome IN ('replied', 'met', 'helped', 'no-reply')),
    note       TEXT
) STRICT;
CREATE INDEX user_outreach_log_person ON user_outreach_log(person_id, done_at);
CREATE INDEX user_outreach_log_week ON user_outreach_log(week);

-- The plan as first proposed for a week: the same week shows the same plan.
CREATE TABLE user_plan_weeks (
    week        TEXT NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    rank        INTEGER NOT NULL,
    why         TEXT NOT NULL,
    opener      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (week, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_ledger (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    direction  TEXT NOT NULL CHECK (direction IN ('give', 'ask')),
    kind       TEXT NOT NULL CHECK (kind IN ('intro', 'referral', 'advice', 'endorsement', 'recommendation', 'favour')),
    note       TEXT,
    at         INTEGER NOT NULL
) STRICT;
CREATE INDEX user_ledger_person ON user_ledger(person_id);
