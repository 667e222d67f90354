"""Names from the X-From/X-To/X-cc fields of Exchange and Lotus Notes exports, and their pairing with the
addresses: every shape seen in the Enron corpus (written here with invented people), and, by hypothesis,
names or nothing for any input, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.importers.email_headers import parse_header_block
from netvalue.importers.exchange_names import (
    Settled,
    XName,
    clean_name,
    fits_address,
    pair_names,
    settle_name,
    x_names,
)

X500 = "</O=RAVENOIL/OU=NA/CN=RECIPIENTS/CN={}>"


def names(raw: str) -> list[str]:
    return [item.name for item in x_names(raw)]


def test_exchange_list_is_split_on_the_brackets_not_on_the_commas_of_last_first() -> None:
    raw = f"Barlow, Quentin R. {X500.format('QBARLOW')}, Ortega, Nina {X500.format('NORTEGA')}"
    assert x_names(raw) == (XName("Barlow, Quentin R.", ""), XName("Ortega, Nina", ""))


def test_lotus_shapes() -> None:
    assert names("Quentin R Barlow <Quentin R Barlow/HOU/RAVEN@RAVEN>") == ["Quentin R Barlow"]
    assert names("Quentin R Barlow@RAVEN") == ["Quentin R Barlow"]
    assert names("CN=Nina Ortega/OU=HOU/O=RAVEN") == ["Nina Ortega"]
    # a Notes list of bare names: every part has two words or more
    assert names("Quentin R Barlow, Nina Ortega, Paul Kemper") == [
        "Quentin R Barlow",
        "Nina Ortega",
        "Paul Kemper",
    ]
    # two parts, one of one word: one name, family name first
    assert names("Williams III, Bill") == ["Williams III, Bill"]


def test_internet_shapes_carry_their_address() -> None:
    assert x_names('"Kemper, Paul" <pkemper@gazette-example.com>@RAVEN <IMCEANOTES-+22Kemper@RAVEN.com>') == (
        XName("Kemper, Paul", "pkemper@gazette-example.com"),
    )
    assert x_names("Tlopez@aol.example @ RAVEN") == (XName("", "tlopez@aol.example"),)
    assert x_names("'nina.ortega@ravenoil.com'") == (XName("", "nina.ortega@ravenoil.com"),)
    assert x_names("undisclosed-recipients:,") == ()
    assert x_names("") == ()


def test_clean_name_drops_notes_and_title_cases_capitals() -> None:
    assert clean_name("ORTEGA, NINA (Houston)") == "Ortega, Nina"
    assert clean_name("Tom Barlow (E-mail)") == "Tom Barlow"
    assert clean_name("Brown, Michael - COO London") == "Brown, Michael"
    assert clean_name("WILLIAMS III, BILL") == "Williams III, Bill"
    # lists, mailboxes and single words are not people
    assert clean_name("DL-Gas Traders & Orig") == ""
    assert clean_name("DL-CRM Houston") == ""
    assert clean_name("Bodyshop") == ""
    assert clean_name("Raven Oil Announcements") == ""
    assert clean_name("Wharton Alumni") == ""


def test_fits_address() -> None:
    assert fits_address("Allen, Phillip K.", "phillip.allen@enron.example") is True
    assert fits_address("Phillip K. Allen", "k..allen@enron.example") is True
    assert fits_address("Phillip Allen", "pallen@enron.example") is True
    assert fits_address("Kitchen, Louise", "phillip.allen@enron.example") is False
    assert fits_address("Woody Berry", "boethia@mail.example") is None


def test_pairing_in_order_when_the_counts_match_unless_the_name_contradicts() -> None:
    addresses = ["quentin.barlow@ravenoil.com", "nina.ortega@ravenoil.com"]
    items = x_names("Quentin R Barlow, Nina Ortega")
    assert pair_names(addresses, items) == {
        "quentin.barlow@ravenoil.com": "Quentin R Barlow",
        "nina.ortega@ravenoil.com": "Nina Ortega",
    }
    # the same names in the other order contradict both addresses: no names rather than wrong ones
    assert pair_names(list(reversed(addresses)), items) == {}


def test_pairing_by_evident_fit_when_the_counts_differ() -> None:
    addresses = ["jane.doe@ravenoil.com", "paul.kemper@ravenoil.com", "desk.support@ravenoil.com"]
    items = x_names(f"Kemper, Paul {X500.format('PKEMPER')}, Doe, Jane {X500.format('JDOE')}")
    assert pair_names(addresses, items) == {
        "paul.kemper@ravenoil.com": "Kemper, Paul",
        "jane.doe@ravenoil.com": "Doe, Jane",
    }
    # a name that fits nothing in particular is left unpaired
    assert pair_names(["a@x.example", "b@x.example"], x_names("Woody Berry")) == {}


def test_header_block_takes_the_x_names_turned_round() -> None:
    block = (
        b"Message-ID: <1.2.JavaMail.evans@thyme>\n"
        b"Date: Mon, 5 Mar 2001 09:00:00 -0800 (PST)\n"
        b"From: r..barlow@ravenoil.com\n"
        b"To: jane.doe@ravenoil.com, paul.kemper@ravenoil.com\n"
        b"Subject: Gas curve\n"
        b"X-From: Barlow, Quentin R. </O=RAVENOIL/OU=NA/CN=RECIPIENTS/CN=QBARLOW>\n"
        b"X-To: Doe, Jane </O=RAVENOIL/OU=NA/CN=RECIPIENTS/CN=JDOE>, Kemper, Paul </O=RAVENOIL/OU=NA/CN=RECIPIENTS/CN=PKEMPER>\n"
    )
    message = parse_header_block(block)
    assert message.sender_name == "Quentin R. Barlow"
    assert message.recipients == (
        ("jane.doe@ravenoil.com", "Jane Doe"),
        ("paul.kemper@ravenoil.com", "Paul Kemper"),
    )


@settings(deadline=None)  # timing on a shared machine is not what this checks
@given(st.text(max_size=300))
def test_x_names_returns_names_or_nothing(raw: str) -> None:
    found = x_names(raw)
    assert isinstance(found, tuple)
    for item in found:
        assert isinstance(item, XName) and isinstance(item.name, str) and isinstance(item.address, str)
        assert "@" not in item.name


@settings(deadline=None)
@given(
    st.lists(st.from_regex(r"[a-z.]{1,12}@[a-z]{1,8}\.example", fullmatch=True), max_size=5),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
)
def test_pairing_only_names_the_given_addresses(addresses: list[str], raw: str) -> None:
    paired = pair_names(addresses, x_names(raw))
    assert set(paired) <= set(addresses)
    assert all(name for name in paired.values())


def test_settle_name_keeps_the_first_takes_a_fuller_one_and_marks_conflicts() -> None:
    assert settle_name("Liz Taylor", "Liz M Taylor") == Settled("Liz M Taylor")
    assert settle_name("Liz M Taylor", "Liz Taylor") is None
    assert settle_name("Jeffrey A. Shankman", "Jeffrey A Shankman") is None
    assert settle_name("Mark E Haedicke", "Mr Mark E Haedicke") is None
    assert settle_name("Raymond Bowen", "Raymond Bowen Jr.") == Settled("Raymond Bowen Jr.")
    # two namesakes on one address: only what both names say, marked as a conflict
    assert settle_name("John L Wilson", "John T Wilson") == Settled("John Wilson", conflict=True)
    # a different person altogether: the first name stays
    assert settle_name("Carol Ann Brown", "Ruth Ann Brown") is None
    assert settle_name("", "Nina Ortega") == Settled("Nina Ortega")
