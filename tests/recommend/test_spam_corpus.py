"""The spam model's labelled notes are package data (recommend/data/spam_corpus.json), read as labelled."""

from __future__ import annotations

import json
from importlib.resources import files

from netvalue.recommend.spam_corpus import CORPUS_FILE, GENUINE_NOTES, SPAM_NOTES


def test_the_notes_are_the_pools_of_their_label_and_no_note_has_both() -> None:
    document = json.loads(files("netvalue.recommend").joinpath(CORPUS_FILE).read_text(encoding="utf-8"))
    by_label: dict[str, list[str]] = {"spam": [], "genuine": []}
    for pool in document["pools"].values():
        assert pool["notes"] and pool["from"]
        by_label[pool["label"]] += pool["notes"]
    assert sorted(SPAM_NOTES) == sorted(by_label["spam"])
    assert sorted(GENUINE_NOTES) == sorted(by_label["genuine"])
    assert not set(SPAM_NOTES) & set(GENUINE_NOTES)
