"""Organisation scale (issue 18): an organisation's collaboration metadata, from millions to billions of
events, judged with the personal model's definitions.

events.py (shape and checks) -> engine.py (DuckDB or Spark) running pairs_sql.py (one query) -> ties.py
(the personal model on per-pair aggregates) -> network.py (graph measures) -> analyse.py (outputs) ->
output.py and report.py (private Parquet, JSON and an offline HTML report).  mbox.py turns many mailboxes
into events.  Needs the ``scale`` extra (DuckDB, PyArrow, PySpark).
"""
