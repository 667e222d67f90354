"""netvalue: which of your contacts are real relationships, what your network is worth, and what to do this week."""

from __future__ import annotations

__version__ = "0.1.0"
