"""Pure, deterministic analysis of the records the store hands out.  Time (``as_of``/``now``) and
randomness (``seed``) are parameters; nothing here reads the clock, the CLI or the database."""
