"""Spam signals and generic notes: one test per signal family."""

from __future__ import annotations

import pytest

from netvalue.recommend.spam import is_spam, note_kind, spam_signals


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("We help companies boost your sales with our agency. Book a quick call?", "sales pitch"),
        ("Want to grow your network? Follow back and I accept all invitations", "follower-growth offer"),
        ("Grab my free ebook, click here", "link bait"),
        ("see https://example.com/x", "a link in the note"),
        ("Earn passive income with crypto trading signals", "crypto, forex or get-rich offer"),
        ("Dear friend, I am expanding my network", "mass-invite phrasing"),
    ],
)
def test_each_family_is_found(text: str, label: str) -> None:
    assert label in [name for name, _ in spam_signals(text)]


def test_look_alike_letters_and_event_promotion() -> None:
    """The shape of a real LinkedIn invitation (Cyrillic е and о inside Latin words)."""
    note = (
        "Hi! We are organizing the BLOCKCHAIN-TECH SUMMIT'21. Fr\u0435\u0435 and early bird passes are "
        "available now! Add me for more inf\u043ermation)"
    )
    labels = [label for label, _ in spam_signals(note)]
    assert "look-alike letters from another alphabet" in labels and "event or webinar promotion" in labels
    assert is_spam(spam_signals(note))
    assert spam_signals("Привет, Sam! Мы встречались в Берлине.") == []  # Cyrillic words alone are fine


def test_strong_signal_alone_is_spam_weak_alone_is_not() -> None:
    assert is_spam(spam_signals("Earn with forex"))
    assert not is_spam(spam_signals("my slides are at https://example.com/talk"))  # a link alone
    assert is_spam(spam_signals("Dear friend, click here for a free webinar"))  # two weak families


def test_genuine_note_has_no_signal() -> None:
    assert spam_signals("Hi Sam, we met at PyData London; I would love to keep in touch about Kafka.") == []
    assert spam_signals(None, "") == []


def test_headline_counts_too() -> None:
    assert is_spam(spam_signals(None, "LION | Open networker | 30K+ connections"))


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (None, "none"),
        ("  ", "none"),
        ("I'd like to add you to my professional network on LinkedIn.", "generic"),
        ("Hi Sam, let's connect!", "generic"),
        ("Hello", "generic"),
        ("Hi Sam, I enjoyed your talk on streaming pipelines at PyData London.", "personal"),
    ],
)
def test_note_kind(message: str | None, kind: str) -> None:
    assert note_kind(message) == kind
