"""Regenerate the bundled demo export: ``python scripts/make_demo.py``.

Deterministic: the same files byte for byte every run (tests/test_demo.py checks it).
"""

from __future__ import annotations

from pathlib import Path

from netvalue.demo.generate import write_demo

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "src" / "netvalue" / "demo" / "data"
    print(write_demo(target))
