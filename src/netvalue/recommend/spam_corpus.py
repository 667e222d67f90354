"""The labelled notes the spam model's corpus evidence is learned from (:func:`netvalue.recommend.spam.corpus_evidence`).

Connection-request notes with known truth, all development data: the notes of ``benchmarks/triage.py``
(seen, old held-out and round-3 pools), the notes of ``tests/recommend/test_spam_signals.py``, and notes
written for this corpus in round 4 across the kinds of LinkedIn spam (agency, SEO, offshore-development and
bookkeeping pitches; MLM; crypto, forex and trading mentors; romance openers; fake jobs moving to WhatsApp or
Telegram; follower growth; flattery templates followed by a pitch; webinars and dinners; ghost-writing; loans,
funding and fake investors; "quick question" openers) and genuine notes that also mention money, links,
numbers, help, events, alumni, real recruiters' roles and other languages.  [ours]: hand-written, no real
person's message; the round-4 blind set of the benchmark is not here and was never read.

The notes are package data (``data/spam_corpus.json``: each pool with its label and where it came from),
read once when this module is imported.
"""

from __future__ import annotations

import json
from importlib.resources import files

CORPUS_FILE = "data/spam_corpus.json"


def _pools() -> dict[str, tuple[str, ...]]:
    document = json.loads(files("netvalue.recommend").joinpath(CORPUS_FILE).read_text(encoding="utf-8"))
    return {name: tuple(pool["notes"]) for name, pool in document["pools"].items()}


_POOLS = _pools()
BENCHMARK_SPAM_SEEN = _POOLS["benchmark_spam_seen"]
BENCHMARK_SPAM_HELD_OUT = _POOLS["benchmark_spam_held_out"]
BENCHMARK_SPAM_FRESH = _POOLS["benchmark_spam_fresh"]
REWORDED_SPAM = _POOLS["reworded_spam"]
SPAM_ROUND4 = _POOLS["spam_round4"]
BENCHMARK_PERSONAL = _POOLS["benchmark_personal"]
BENCHMARK_GENUINE_FRESH = _POOLS["benchmark_genuine_fresh"]
GENUINE_WITH_NUMBERS = _POOLS["genuine_with_numbers"]
GENUINE_ROUND4 = _POOLS["genuine_round4"]

SPAM_EARLIER = BENCHMARK_SPAM_SEEN + BENCHMARK_SPAM_HELD_OUT + BENCHMARK_SPAM_FRESH + REWORDED_SPAM
GENUINE_EARLIER = BENCHMARK_PERSONAL + BENCHMARK_GENUINE_FRESH + GENUINE_WITH_NUMBERS
SPAM_NOTES = SPAM_EARLIER + SPAM_ROUND4
GENUINE_NOTES = GENUINE_EARLIER + GENUINE_ROUND4
