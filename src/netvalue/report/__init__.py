"""Rendering shared by the CLI and the web dashboard: plain dicts for ``--json`` and ``.json`` twins."""
