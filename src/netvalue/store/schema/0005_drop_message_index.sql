-- 0005: no index on interactions(message_key).
--
-- It served one query, the group messages of store/structure.py's event_rows in message_key order, and
-- made that query slower: SQLite walked the whole index and looked every row up in the table, 1.13 s
-- on the 340,000 interactions of benchmarks/import_linkedin.py's export, where scanning the table and
-- sorting the rows that pass the filter (group messages, a fifth of them) takes 0.08 s.  No other query
-- chose it (EXPLAIN QUERY PLAN of every query on interactions), and building it after a first import
-- cost about 0.2 s of that import.
DROP INDEX IF EXISTS interactions_message;
