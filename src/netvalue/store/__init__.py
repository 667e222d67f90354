"""All of netvalue's SQL.  Importers hand records in; analysis gets plain rows and arrays out.

Modules: ``database`` (open, migrate, transactions), ``ingest`` (writing an import's records),
``people`` (finding and listing people, the user's notes and tags), ``status`` (counts and imports),
and one module per later area.
"""

from __future__ import annotations

from netvalue.store.database import Database, default_db_path

__all__ = ["Database", "default_db_path"]
