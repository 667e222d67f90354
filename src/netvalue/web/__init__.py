"""The local web dashboard (``netvalue serve``): thin pages over the same report and store functions
as the CLI."""

from __future__ import annotations

from netvalue.web.app import create_app

__all__ = ["create_app"]
