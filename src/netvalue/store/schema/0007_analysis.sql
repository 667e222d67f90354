-- 0007: the persisted analysis (issue 16).
--
-- analysis_state.data_version is a counter of the evidence: it goes up in every write transaction
-- that changes what the analysis reads (an import, a merge or split, forget, the owner's addresses,
-- a machine override).  It is bumped by triggers on the small tables every such transaction writes
-- (an import writes one import_runs row; a merge, split or reject a user_merges row; forget a
-- user_forgotten row and deletes people), never by per-row triggers on the bulk tables (interactions,
-- identities, connections, positions, the inserts into people), so an import pays one UPDATE.
-- netvalue.store.analysis_store.EVIDENCE_TABLES lists them; tests/test_persisted_analysis.py holds
-- every table of the schema to one of its classes.
--
-- analysis_results holds what the analysis computed (the tie table, the network's graph and
-- communities) with the data version and the parameters it was computed from (canonical JSON and
-- its SHA-256); a result is served only while both still hold.  The payload is the result's columns
-- as NumPy's .npz format (no pickle).

CREATE TABLE IF NOT EXISTS analysis_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    data_version  INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO analysis_state(id, data_version) VALUES (1, 1);

CREATE TABLE IF NOT EXISTS analysis_results (
    kind          TEXT NOT NULL,           -- ties, network
    fingerprint   TEXT NOT NULL,           -- SHA-256 of parameters
    parameters    TEXT NOT NULL,           -- canonical JSON: as_of, model, seed, ...
    data_version  INTEGER NOT NULL,
    as_of         INTEGER NOT NULL,
    computed_at   INTEGER NOT NULL,
    payload       BLOB NOT NULL,
    PRIMARY KEY (kind, fingerprint)
) STRICT;

CREATE TRIGGER IF NOT EXISTS evidence_import_runs_insert AFTER INSERT ON import_runs BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_identity_merges_insert AFTER INSERT ON identity_merges BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_identity_merges_delete AFTER DELETE ON identity_merges BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_merges_insert AFTER INSERT ON user_merges BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_merges_delete AFTER DELETE ON user_merges BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_forgotten_insert AFTER INSERT ON user_forgotten BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_forgotten_delete AFTER DELETE ON user_forgotten BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_insert AFTER INSERT ON owner BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_update AFTER UPDATE ON owner BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_delete AFTER DELETE ON owner BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_identities_insert AFTER INSERT ON owner_identities BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_identities_update AFTER UPDATE ON owner_identities BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_identities_delete AFTER DELETE ON owner_identities BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_affiliations_insert AFTER INSERT ON owner_affiliations BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_affiliations_update AFTER UPDATE ON owner_affiliations BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_owner_affiliations_delete AFTER DELETE ON owner_affiliations BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_email_owner_insert AFTER INSERT ON email_owner BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_email_owner_update AFTER UPDATE ON email_owner BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_email_owner_delete AFTER DELETE ON email_owner BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_owner_addresses_insert AFTER INSERT ON user_owner_addresses BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_owner_addresses_update AFTER UPDATE ON user_owner_addresses BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_owner_addresses_delete AFTER DELETE ON user_owner_addresses BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_machine_overrides_insert AFTER INSERT ON user_machine_overrides BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_machine_overrides_update AFTER UPDATE ON user_machine_overrides BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_user_machine_overrides_delete AFTER DELETE ON user_machine_overrides BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;

CREATE TRIGGER IF NOT EXISTS evidence_people_delete AFTER DELETE ON people BEGIN
    UPDATE analysis_state SET data_version = data_version + 1 WHERE id = 1;
END;
