"""Golden tests of the LinkedIn importer on the fixture exports in tests/fixtures/linkedin/.

``current/`` is a 2025 export (URL columns, every messages.csv field quoted, ATTACHMENTS, IS MESSAGE
DRAFT, IS CONVERSATION DRAFT, a BOM and CRLF and the Notes: preamble in Connections.csv); ``legacy2021/``
a 2021 one (no URL column, no RECIPIENT PROFILE URLS, no preamble).  Expected epochs were computed by
hand from the fixture's dates (e.g. 2023-10-06 14:02:11 UTC = 19636 days * 86400 + 50531 = 1696600931).
"""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path
from typing import TypeVar

import pytest

from netvalue.importers import detect_importer
from netvalue.importers.base import ImportOptions
from netvalue.importers.linkedin import detect, read_export
from netvalue.importers.linkedin.people import name_identity
from netvalue.importing import run_import
from netvalue.records import (
    FileIgnored,
    FileRead,
    Identity,
    ImportItem,
    InteractionBatch,
    InteractionRecord,
    InvitationRecord,
    OwnerAffiliation,
    OwnerRecord,
    PersonRecord,
)
from netvalue.store import Database
from netvalue.store.status import counts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin"
CURRENT = FIXTURES / "current"
LEGACY = FIXTURES / "legacy2021"
OWNER = Identity("linkedin", "linkedin.com/in/amira-haddad-7b1a2c")
JOHN_1 = Identity("linkedin", "linkedin.com/in/john-smith-1a2b3c")
JOHN_2 = Identity("linkedin", "linkedin.com/in/johnsmith-london")
LI_WEI = Identity("linkedin", "linkedin.com/in/李伟-8b2a")
ZOE = Identity("linkedin", "linkedin.com/in/zoe-nunez")


def zip_folder(folder: Path, dest: Path, top: str | None = None) -> Path:
    """The fixture folder as LinkedIn's zip (optionally inside one top folder)."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = file.relative_to(folder).as_posix()
            archive.write(file, f"{top}/{name}" if top else name)
    return dest


def read_all(path: Path, options: ImportOptions | None = None) -> list[ImportItem]:
    """The export's stream, each InteractionBatch replaced by its records where it stands."""
    return [
        record
        for item in read_export(path, options or ImportOptions())
        for record in (item.records() if isinstance(item, InteractionBatch) else (item,))
    ]


T = TypeVar("T")


def of_type(items: list[ImportItem], kind: type[T]) -> list[T]:
    return [i for i in items if isinstance(i, kind)]


def file_read(items: list[ImportItem], name: str) -> FileRead:
    return next(i for i in of_type(items, FileRead) if i.name == name)


# -- the current export ------------------------------------------------------------------------


def test_owner_comes_first_and_is_recognised() -> None:
    items = read_all(CURRENT)
    assert isinstance(items[0], OwnerRecord)
    owner = items[0]
    assert owner.name == "Amira Haddad"
    assert owner.identities == (OWNER,)
    assert (owner.headline, owner.industry, owner.location, owner.summary) == (
        "Data Scientist at Globex",
        "Information Technology & Services",
        "Berlin",
        "I build models, and teams.",
    )
    people = of_type(items, PersonRecord)
    assert all(OWNER not in p.identities for p in people)
    assert all(i.person != OWNER for i in of_type(items, InteractionRecord))


def test_connections_with_preamble_bom_crlf_quotes_and_non_latin_names() -> None:
    items = read_all(CURRENT)
    connections = [p for p in of_type(items, PersonRecord) if p.is_connection]
    assert [c.name for c in connections] == [
        "John Smith",
        "John Smith",
        "李 伟",
        "Zoë Ñúñez 🚀",
        "Олег Петров",
        "Priya Raman",
    ]
    assert connections[0].identities == (JOHN_1,)
    assert connections[1].identities == (JOHN_2, Identity("email", "john.smith@example.com"))
    assert connections[1].company == "Smith, Jones & Co"
    assert connections[1].position == 'Partner, "Strategy"'
    assert connections[2].identities == (LI_WEI,)
    assert connections[3].company == "Startup 🚀"
    assert connections[0].connected_on == 1696550400  # 06 Oct 2023 00:00 UTC
    assert connections[5].connected_on == 1637107200  # 17-Nov-21 (re-saved by a spreadsheet)
    assert connections[5].identities == (Identity("linkedin", "linkedin.com/in/priya-raman"),)
    read = file_read(items, "Connections.csv")
    assert (read.rows, read.skipped) == (8, 2)  # two comma-only rows


def test_messages_directions_groups_drafts_and_lengths() -> None:
    items = read_all(CURRENT)
    messages = [i for i in of_type(items, InteractionRecord) if i.kind == "message"]
    assert len(messages) == 8
    first, reply, *group, group_reply, sara, oleg = messages
    assert (first.direction, first.person, first.group_size, first.occurred_at) == (
        "received",
        JOHN_1,
        1,
        1696600931,
    )
    assert (reply.direction, reply.person, reply.length) == (
        "sent",
        JOHN_1,
        len('Thanks John!\nLet\'s talk next week,\nbest "A"'),
    )
    # one message to three people: three records sharing the message key, each group_size 3
    assert [g.person for g in group] == [JOHN_1, LI_WEI, ZOE]
    assert {g.message_key for g in group} == {group[0].message_key}
    assert all(g.group_size == 3 and g.direction == "sent" and g.title == "Project Falcon 🦅" for g in group)
    assert all(g.occurred_at == 1710151960 for g in group)  # 2024-03-11 10:12:40 UTC
    assert len({g.source_key for g in group}) == 3
    assert (group_reply.direction, group_reply.person, group_reply.group_size) == ("received", LI_WEI, 3)
    assert (sara.direction, sara.length, sara.title) == (
        "received",
        len("Hello 👋 quick question, about the role"),
        "Quick question",
    )
    assert (oleg.direction, oleg.length, oleg.occurred_at) == ("sent", 0, 1735689599)  # an attachment only
    read = file_read(items, "messages.csv")
    assert (read.rows, read.skipped) == (8, 2)  # a message draft and a conversation draft
    assert not any(m.bulk for m in messages)


def test_message_counterpart_who_is_not_a_connection_gets_a_person_record() -> None:
    items = read_all(CURRENT)
    sara = [p for p in of_type(items, PersonRecord) if not p.is_connection]
    assert [(p.name, p.identities) for p in sara] == [
        ("Sara Klein", (Identity("linkedin", "linkedin.com/in/sara-klein"),))
    ]
    index_person = items.index(sara[0])
    first_use = next(
        n
        for n, i in enumerate(items)
        if isinstance(i, InteractionRecord) and i.person == sara[0].identities[0]
    )
    assert index_person < first_use


def test_invitations_endorsements_recommendations_and_affiliations() -> None:
    items = read_all(CURRENT)
    invitations = of_type(items, InvitationRecord)
    assert [(i.direction, i.name, i.profile_url, i.sent_at) for i in invitations] == [
        ("outgoing", "Tom Becker", "linkedin.com/in/tom-becker", 1700127600),  # 11/16/23, 9:40 AM
        ("incoming", "Maria Rossi", "linkedin.com/in/maria-rossi", 1724521740),  # 8/24/24, 5:49 PM
    ]
    assert not any(p.name in ("Tom Becker", "Maria Rossi") for p in of_type(items, PersonRecord))
    services = [i for i in of_type(items, InteractionRecord) if i.kind != "message"]
    assert [(s.kind, s.direction, s.person.value, s.title) for s in services] == [
        ("endorsement", "received", "linkedin.com/in/priya-raman", "Python"),
        ("endorsement", "received", "linkedin.com/in/sara-klein", "Leadership"),
        ("endorsement", "sent", "linkedin.com/in/priya-raman", "Sales"),
        ("recommendation", "received", "linkedin.com/in/priya-raman", "VP, Sales"),
        ("recommendation", "sent", "linkedin.com/in/oleg-petrov", "Разработчик"),
    ]
    assert services[0].occurred_at == 1710151960  # 2024/03/11 10:12:40 UTC
    assert services[3].occurred_at == 1689941460  # 07/21/23, 12:11 PM
    assert services[3].length == len('Amira is a rare talent.\nShe led our data team, and "shipped".')
    assert file_read(items, "Endorsement_Received_Info.csv").skipped == 1  # REJECTED
    assert file_read(items, "Recommendations_Received.csv").skipped == 1  # HIDDEN
    affiliations = of_type(items, OwnerAffiliation)
    assert [(a.kind, a.organization, a.started_on, a.finished_on) for a in affiliations] == [
        ("position", "Globex", "2021-11", None),
        ("position", "Initech", "2018-01", "2021-10"),
        ("education", "TU München", "2012-10", "2017-09"),
        ("follow", "Globex", "2021-09-28", None),
    ]


def test_unused_files_are_listed_as_ignored() -> None:
    ignored = of_type(read_all(CURRENT), FileIgnored)
    assert sorted(i.name for i in ignored) == ["Ad_Targeting.csv", "Reactions.csv", "jobs/Saved Jobs.csv"]


def test_zip_with_top_folder_reads_like_the_folder(tmp_path: Path) -> None:
    archive = zip_folder(CURRENT, tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip", top="export")
    from_zip = [i for i in read_all(archive) if not isinstance(i, FileRead | FileIgnored)]
    from_folder = [i for i in read_all(CURRENT) if not isinstance(i, FileRead | FileIgnored)]
    assert from_zip == from_folder
    assert detect(archive)
    plain = zip_folder(CURRENT, tmp_path / "export.zip")
    assert detect(plain) and detect(CURRENT) and detect(FIXTURES)  # an unpacked folder one level down
    assert not detect(tmp_path / "nothing.zip") and not detect(LEGACY / "Profile.csv")
    (tmp_path / "empty").mkdir()
    assert not detect(tmp_path / "empty")
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as other:
        other.writestr("Profile.csv", "First Name\n")
    assert not detect(tmp_path / "other.zip")
    assert detect_importer(plain).source == "linkedin"


def test_unchanged_files_are_not_parsed_again_unless_forced() -> None:
    first = read_all(CURRENT)
    hashes = frozenset(r.sha256 for r in of_type(first, FileRead) if r.sha256)
    again = read_all(CURRENT, ImportOptions(known_hashes=hashes))
    reads = of_type(again, FileRead)
    assert reads and all(r.unchanged and r.rows == 0 for r in reads)
    assert not of_type(again, PersonRecord) and not of_type(again, InteractionRecord)
    forced = read_all(CURRENT, ImportOptions(known_hashes=hashes, force=True))
    assert forced == first


# -- the 2021 export ---------------------------------------------------------------------------


def test_legacy_export_keys_connections_by_hash_and_by_the_url_messages_show() -> None:
    items = read_all(LEGACY)
    owner = items[0]
    assert isinstance(owner, OwnerRecord)
    assert owner.identities == (Identity("linkedin", "linkedin.com/in/davide"),)
    connections = {(p.name, p.company): p for p in of_type(items, PersonRecord) if p.is_connection}
    assert len(connections) == 5
    mark = connections[("Mark Lenmar", "Parker Stewart")]
    assert [i.kind for i in mark.identities] == ["key", "linkedin"]
    assert mark.identities[1] == Identity("linkedin", "linkedin.com/in/mark-lenmar")
    # two John Smiths among the connections: no URL may be given to either of them
    johns = [p for (name, _), p in connections.items() if name == "John Smith"]
    assert len(johns) == 2 and all([i.kind for i in j.identities] == ["key"] for j in johns)
    assert johns[0].identities != johns[1].identities
    # the hash is stable: same export, same keys
    assert read_all(LEGACY) == items


def test_legacy_messages_map_names_to_urls_and_connections() -> None:
    items = read_all(LEGACY)
    messages = [i for i in of_type(items, InteractionRecord) if i.kind == "message"]
    directions = [(m.direction, m.person.kind, m.person_name, m.group_size) for m in messages]
    assert directions == [
        ("received", "linkedin", "Ciaran Byrne", 1),
        ("sent", "linkedin", "Ciaran Byrne", 1),
        ("sent", "linkedin", "Mark Lenmar", 1),  # TO name -> the URL Mark sends from
        ("received", "linkedin", "Mark Lenmar", 1),
        ("received", "linkedin", "John Smith", 1),
        ("sent", "linkedin", "Ciaran Byrne", 2),
        ("sent", "key", "Franco Bergin", 2),  # no URL anywhere: the connection's key
    ]
    franco = next(p for p in of_type(items, PersonRecord) if p.name == "Franco Bergin")
    assert messages[-1].person == franco.identities[0]
    assert messages[2].length == len("Hello Mark,\nhow are you?")
    endorsements = [i for i in of_type(items, InteractionRecord) if i.kind == "endorsement"]
    assert endorsements[0].person == franco.identities[0]
    # "John Smith" is not a unique connection name: the endorser is keyed by the name alone, neither of the
    # two John Smith connections nor the John Smith whose URL messages.csv shows
    johns = [p for p in of_type(items, PersonRecord) if p.name == "John Smith"]
    assert endorsements[1].person == name_identity("John Smith")
    assert all(endorsements[1].person not in p.identities for p in johns[:3])
    assert johns[3].identities == (name_identity("John Smith"),) and not johns[3].is_connection


def test_legacy_export_into_the_database(db: Database) -> None:
    run_import(db, LEGACY, source="linkedin")
    got = counts(db)
    assert got["connections"] == 5
    assert got["messages"] == 6  # the group message counts once
    assert got["invitations"] == 2
    # Mark: one person (key identity and URL identity), with his connection and his messages
    mark = db.conn.execute(
        "SELECT person_id, COUNT(*) FROM identities WHERE person_id = "
        "(SELECT person_id FROM identities WHERE value = 'linkedin.com/in/mark-lenmar')"
    ).fetchone()
    assert mark[1] == 2
    assert (
        db.conn.execute("SELECT COUNT(*) FROM interactions WHERE person_id = ?", (mark[0],)).fetchone()[0]
        == 3
    )
    johns = db.conn.execute("SELECT COUNT(*) FROM people WHERE name = 'John Smith'").fetchone()[0]
    assert johns == 4  # two connections, a URL seen only in messages, a name seen only in endorsements
    owner = db.conn.execute("SELECT value FROM owner WHERE key = 'name'").fetchone()[0]
    assert owner == "Davide Mock"
    assert db.conn.execute("SELECT COUNT(*) FROM people WHERE name LIKE 'Davide%'").fetchone()[0] == 0


def test_current_export_into_the_database(db: Database) -> None:
    report = run_import(db, CURRENT, source="linkedin")
    got = counts(db)
    assert (got["people"], got["connections"], got["messages"]) == (7, 6, 6)
    assert (got["invitations"], got["endorsements"], got["recommendations"]) == (2, 3, 2)
    assert db.conn.execute("SELECT COUNT(*) FROM people WHERE name = 'John Smith'").fetchone()[0] == 2
    assert db.conn.execute("SELECT COUNT(*) FROM people WHERE name = 'Amira Haddad'").fetchone()[0] == 0
    rows = {f.name: f for f in report.files}
    assert rows["Connections.csv"].added == 6 and rows["Connections.csv"].skipped == 2
    assert rows["messages.csv"].added == 9  # 8 interactions (the group message is three) + Sara Klein
    assert rows["Reactions.csv"].ignored


@pytest.mark.realdata
def test_the_shared_sample_export(shared_data: Path, db: Database) -> None:
    export = shared_data / "exports" / "linkedin"
    if not export.is_dir():
        pytest.skip("no LinkedIn sample in ../shared/data")
    run_import(db, export, source="linkedin")
    got = counts(db)
    assert got["connections"] == 2 and got["messages"] == 2
    owner = db.conn.execute("SELECT value FROM owner_identities").fetchall()
    assert owner == [("linkedin.com/in/davide",)]


def test_an_empty_messages_file_has_no_rows(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(LEGACY, folder)
    (folder / "messages.csv").write_bytes(b"")
    items = read_all(folder)
    assert file_read(items, "messages.csv").rows == 0
    assert not [i for i in of_type(items, InteractionRecord) if i.kind == "message"]
    assert len([p for p in of_type(items, PersonRecord) if p.is_connection]) == 5


def test_messages_of_2022_without_attachments_and_conversation_draft_columns(tmp_path: Path) -> None:
    """The middle shape: RECIPIENT PROFILE URLS and IS MESSAGE DRAFT, no ATTACHMENTS, no IS CONVERSATION DRAFT."""
    folder = tmp_path / "export"
    shutil.copytree(CURRENT, folder)
    with (CURRENT / "messages.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    dropped = {rows[0].index("ATTACHMENTS"), rows[0].index("IS CONVERSATION DRAFT")}
    with (folder / "messages.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([c for n, c in enumerate(row) if n not in dropped] for row in rows)
    items = read_all(folder)
    messages = [i for i in of_type(items, InteractionRecord) if i.kind == "message"]
    assert len(messages) == 9  # the conversation draft is an ordinary message now; the message draft is not
    assert file_read(items, "messages.csv").skipped == 1
    sara, oleg = (
        Identity("linkedin", "linkedin.com/in/sara-klein"),
        Identity("linkedin", "linkedin.com/in/oleg-petrov"),
    )
    assert [m.person for m in messages] == [JOHN_1, JOHN_1, JOHN_1, LI_WEI, ZOE, LI_WEI, ZOE, sara, oleg]
    assert messages[6].direction == "sent" and messages[6].group_size == 1
