"""The bundled demo: an invented professional's LinkedIn export, mailbox and calendar.

Generated deterministically (a fixed seed, a fixed export date) by ``scripts/make_demo.py`` into
``src/netvalue/demo/data/``; ``netvalue demo`` imports those files.  Every person, company and message
is invented.  The world is shaped like a real one: a few close ties talked to weekly, a wider ring
talked to now and then, once-strong ties gone quiet, and hundreds of collected names never written to.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

EXPORT_DATE = dt.datetime(2026, 11, 15, 18, 0, tzinfo=dt.UTC)
SEED = 20261115
OWNER_NAME = ("Alex", "Morgan")
OWNER_URL = "https://www.linkedin.com/in/alex-morgan-demo"
OWNER_EMAIL = "alex.morgan@northwind.example"
OWNER_COMPANY = "Northwind Analytics"

FIRST = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Priya",
    "Arjun",
    "Mei",
    "Wei",
    "Hiroshi",
    "Yuki",
    "Olga",
    "Dmitri",
    "Zoë",
    "José",
    "María",
    "Łukasz",
    "Søren",
    "Ingrid",
    "Amara",
    "Kwame",
    "Fatima",
    "Omar",
    "Leila",
    "Mateo",
    "Sofia",
    "Noah",
    "Emma",
    "Liam",
    "Olivia",
    "Lucas",
    "Chloé",
    "Hannah",
    "Felix",
    "Aisha",
    "Tariq",
    "Nadia",
    "Ravi",
    "Ananya",
    "Chen",
    "Jun",
    "Kenji",
    "Sakura",
    "Björn",
    "Astrid",
    "Pablo",
    "Lucía",
    "Giulia",
    "Marco",
    "Elena",
    "Ivan",
    "Anya",
    "Tomás",
    "Inés",
]
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Patel",
    "Sharma",
    "Nguyen",
    "Kim",
    "Tanaka",
    "Suzuki",
    "Müller",
    "Schmidt",
    "Novak",
    "Kowalski",
    "Rossi",
    "Bianchi",
    "Dubois",
    "Lefèvre",
    "Andersen",
    "Nielsen",
    "Okafor",
    "Mensah",
    "Haddad",
    "Khan",
    "Silva",
    "Santos",
    "Costa",
    "Ivanova",
    "Petrov",
    "O'Brien",
    "Murphy",
    "Walsh",
    "Fischer",
    "Weber",
    "王",
    "李",
]
COMPANIES = [
    "Northwind Analytics",
    "Contoso Ltd",
    "Fabrikam, Inc.",
    "Globex Corporation",
    "Initech",
    "Umbrella Health",
    "Stark Industries",
    "Wayne Enterprises",
    "Acme Robotics",
    "Hooli",
    "Pied Piper",
    "Vandelay Industries",
    "Soylent Foods",
    "Tyrell Systems",
    "Cyberdyne Labs",
    "Massive Dynamic",
    "Oscorp",
    "Aperture Science",
    "Blue Sun Logistics",
    "Wonka Industries",
    "Gringotts Bank",
    "Monarch Capital",
    "Dunder Mifflin",
    "Prestige Worldwide",
    "Bluth Company",
    "Sterling Cooper",
    "Los Pollos Hermanos",
    "Nakatomi Trading",
    "Zenith Ventures",
    "Kestrel Partners",
]
ROLES = [
    "Product Manager",
    "Senior Software Engineer",
    "Data Scientist",
    "Engineering Manager",
    "VP Sales",
    "Recruiter",
    "Head of Design",
    "CTO",
    "Founder & CEO",
    "Account Executive",
    "Partner",
    "Investor",
    "Marketing Lead",
    "Research Scientist",
    "Customer Success Manager",
    "Principal Consultant",
    "Analyst",
    "Operations Director",
    "Staff Engineer",
    "UX Researcher",
]
TOPICS = [
    "Quarterly roadmap",
    "Intro: data platform",
    "Coffee next week?",
    "Hiring a PM",
    "Your talk at the meetup",
    "Re: pricing model",
    "Board deck feedback",
    "Catch-up",
    "Referral for Sam",
    "Dashboard prototype",
    "Conference in Lisbon",
    "Series A questions",
    "Thanks for the intro",
    "Analytics RFP",
    "Mentoring session",
]

# archetype: (count, messages per year both ways, two-way share, still active, e-mail share)
ARCHETYPES: dict[str, tuple[int, float, float, bool, float]] = {
    "inner": (5, 60.0, 0.5, True, 0.6),
    "close": (12, 20.0, 0.45, True, 0.5),
    "active": (35, 6.0, 0.45, True, 0.4),
    "dormant": (14, 15.0, 0.5, False, 0.4),
    "meaningful": (45, 2.0, 0.4, True, 0.3),
    "one_sided": (30, 1.5, 0.0, True, 0.2),
    "collected": (179, 0.0, 0.0, True, 0.0),
}


@dataclass(frozen=True, slots=True)
class DemoPerson:
    first: str
    last: str
    slug: str
    company: str
    role: str
    email: str
    archetype: str
    connected_on: dt.datetime

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def url(self) -> str:
        return f"https://www.linkedin.com/in/{self.slug}"


def build_people(rng: random.Random) -> list[DemoPerson]:
    people: list[DemoPerson] = []
    seen: set[str] = set()
    for archetype, (count, *_rest) in ARCHETYPES.items():
        for _ in range(count):
            while True:
                first, last = rng.choice(FIRST), rng.choice(LAST)
                if f"{first} {last}" not in seen:
                    break
            seen.add(f"{first} {last}")
            company = (
                OWNER_COMPANY
                if archetype in ("inner", "close") and rng.random() < 0.4
                else rng.choice(COMPANIES[1:])
            )
            ascii_first = first.encode("ascii", "ignore").decode().lower() or "x"
            ascii_last = last.encode("ascii", "ignore").decode().lower().replace("'", "") or "y"
            slug = f"{ascii_first}-{ascii_last}-{rng.randrange(16**6):06x}"
            domain = (
                "northwind.example"
                if company == OWNER_COMPANY
                else company.split()[0].lower().strip(",.") + ".example"
            )
            days_ago = rng.randint(30, 365 * 9)
            people.append(
                DemoPerson(
                    first=first,
                    last=last,
                    slug=slug,
                    company=company,
                    role=rng.choice(ROLES),
                    email=f"{ascii_first}.{ascii_last}@{domain}",
                    archetype=archetype,
                    connected_on=EXPORT_DATE - dt.timedelta(days=days_ago),
                )
            )
    return people


def _timeline(rng: random.Random, person: DemoPerson) -> list[tuple[dt.datetime, str, str]]:
    """(when, direction sent|received, channel linkedin|email) for every message with ``person``."""
    _count, per_year, _two_way, active, email_share = ARCHETYPES[person.archetype]
    if per_year <= 0:
        return []
    start = max(person.connected_on, EXPORT_DATE - dt.timedelta(days=4 * 365))
    end = EXPORT_DATE if active else EXPORT_DATE - dt.timedelta(days=rng.randint(400, 1300))
    if end <= start:
        start = end - dt.timedelta(days=500)
    span_years = (end - start).days / 365
    n = max(2, int(rng.gauss(per_year * span_years, per_year * span_years * 0.2 + 1)))
    events = []
    for _ in range(n):
        when = start + dt.timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))
        if person.archetype == "one_sided":
            direction = "received" if person.first < "M" else "sent"
        else:
            direction = "sent" if rng.random() < 0.5 else "received"
        channel = "email" if rng.random() < email_share else "linkedin"
        events.append((when.replace(microsecond=0), direction, channel))
    events.sort()
    return events


def _csv_row(values: list[str]) -> str:
    out = []
    for value in values:
        if any(c in value for c in ',"\n\r'):
            out.append('"' + value.replace('"', '""') + '"')
        else:
            out.append(value)
    return ",".join(out)


FMT_LI = "%Y-%m-%d %H:%M:%S UTC"
OWNER = f"{OWNER_NAME[0]} {OWNER_NAME[1]}"
INVITES: tuple[tuple[str, str, str], ...] = (
    (
        "Dana Whitfield",
        "Hi Alex, I lead data products at Globex and enjoyed your talk on analytics roadmaps. Would love to connect.",
        "dana-whitfield-a1",
    ),
    ("Marcus Chen", "", "marcus-chen-b2"),
    (
        "Growth Guru",
        "Hi! I help professionals 10x their followers. Check out my free course at bit.ly/grow-fast",
        "growth-guru-c3",
    ),
    (
        "Priya Raman",
        "We met at the Lisbon product conference - you asked about pricing experiments. Let's stay in touch!",
        "priya-raman-d4",
    ),
    (
        "Crypto Capital Partners",
        "Exclusive investment opportunity with guaranteed returns. DM me for details.",
        "crypto-cap-e5",
    ),
    ("Tom Baxter", "I'd like to add you to my professional network.", "tom-baxter-f6"),
    (
        "Sofia Lindqvist",
        "Hiring a senior PM at Initech; your background in analytics looks like a great fit. Open to a chat?",
        "sofia-lindqvist-g7",
    ),
    (
        "Lead Gen Pro",
        "We generate 500 qualified leads per month for companies like Northwind. Book a demo: https://leads.example",
        "lead-gen-h8",
    ),
)
"""The invitations waiting in the demo: (name, note, profile slug); spam among them on purpose."""


def write_demo(target: Path) -> dict[str, int]:
    """Write ``Basic_LinkedInDataExport_11-15-2026.zip``, ``demo-mail.mbox`` and ``demo-calendar.ics``
    into ``target`` and return what they hold.  One seeded generator draws everything, in this order."""
    rng = random.Random(SEED)
    people = build_people(rng)
    target.mkdir(parents=True, exist_ok=True)
    connections = _connections_csv(rng, people)
    messages, mbox, n_li, n_mail = _conversations(rng, people)
    n_li += _group_conversations(rng, people, messages)
    first = people[0]
    draft = _message_row(
        "2-draft", "", OWNER, OWNER_URL, first.name, first.url, EXPORT_DATE, "draft never sent", draft=True
    )
    messages.append(draft)
    mbox.extend(_newsletter(rng, i) for i in range(40))
    endorsements = _endorsements(rng, people)
    recommendations = _recommendations(rng, people)
    files = {
        "Connections.csv": connections,
        "messages.csv": messages,
        "Invitations.csv": _invitations_csv(),
        "Endorsement_Received_Info.csv": endorsements[0],
        "Endorsement_Given_Info.csv": endorsements[1],
        "Recommendations_Received.csv": recommendations[0],
        "Recommendations_Given.csv": recommendations[1],
    }
    _write_export_zip(target / "Basic_LinkedInDataExport_11-15-2026.zip", files)
    (target / "demo-mail.mbox").write_text("".join(mbox), encoding="utf-8", newline="\n")
    n_meet = _write_calendar(rng, people, target / "demo-calendar.ics")
    return {
        "people": len(people),
        "linkedin_messages": n_li,
        "emails": n_mail,
        "meetings": n_meet,
        "invitations": len(INVITES),
    }


def _connections_csv(rng: random.Random, people: list[DemoPerson]) -> list[str]:
    """``Connections.csv``: LinkedIn's notes preamble, then one row per person (e-mail shown by some)."""
    connections = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email addresses are missing. '
        "You will only see email addresses for connections who have allowed their connections to see or download "
        "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
        'more here https://www.linkedin.com/help/linkedin/answer/261"',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for p in people:
        shares_email = p.archetype in ("inner", "close") or rng.random() < 0.15
        row = [p.first, p.last, p.url, p.email if shares_email else "", p.company, p.role]
        connections.append(_csv_row([*row, p.connected_on.strftime("%d %b %Y")]))
    connections.append(",,,,,,")  # a member who hides their profile
    return connections


def _message_row(
    conv: str,
    title: str,
    sender: str,
    sender_url: str,
    to: str,
    to_url: str,
    when: dt.datetime,
    body: str,
    *,
    draft: bool = False,
) -> str:
    """A row of ``messages.csv`` (a ``draft`` lies in the DRAFT folder, flagged)."""
    folder, is_draft = ("DRAFT", "Yes") if draft else ("INBOX", "No")
    return _csv_row(
        [conv, title, sender, sender_url, to, to_url, when.strftime(FMT_LI), "", body, folder, "", is_draft]
    )


def _conversations(rng: random.Random, people: list[DemoPerson]) -> tuple[list[str], list[str], int, int]:
    """Every one-to-one exchange: LinkedIn messages as ``messages.csv`` rows, e-mail as mbox messages.
    Returns (rows with the header, mbox messages, LinkedIn messages, e-mails)."""
    messages = [
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
        "CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT"
    ]
    mbox: list[str] = []
    n_li = n_mail = 0
    for p in people:
        conv = f"2-{rng.randrange(16**12):012x}"
        topic = rng.choice(TOPICS)
        for when, direction, channel in _timeline(rng, p):
            body = rng.choice(
                [
                    f"Hi {p.first}, great to hear from you. {topic}?",
                    "Thanks! Let's find a time next week.\nI'm free Tuesday or Thursday afternoon.",
                    f"Sounds good, talk soon.\n\n— {OWNER if direction == 'sent' else p.first}",
                    'Quick question about the proposal, "v2", when you have a minute.',
                    "Happy to help 🙂",
                ]
            )
            if channel == "linkedin":
                n_li += 1
                ends = (
                    (OWNER, OWNER_URL, p.name, p.url)
                    if direction == "sent"
                    else (p.name, p.url, OWNER, OWNER_URL)
                )
                messages.append(_message_row(conv, "", *ends, when, body))
            else:
                n_mail += 1
                mbox.append(_mail(rng, p, when, direction, topic, n_mail))
    return messages, mbox, n_li, n_mail


def _group_conversations(rng: random.Random, people: list[DemoPerson], messages: list[str]) -> int:
    """25 group threads of three close ties and the owner, appended to ``messages``; returns their messages."""
    close = [p for p in people if p.archetype in ("inner", "close", "active")]
    n_li = 0
    for g in range(25):
        members = rng.sample(close, 3)
        conv = f"2-group{g:04d}"
        for _ in range(rng.randint(3, 8)):
            when = EXPORT_DATE - dt.timedelta(days=rng.uniform(5, 900))
            author = rng.choice([None, *members])
            if author is None:
                sender, sender_url = OWNER, OWNER_URL
                tos = members
            else:
                sender, sender_url = author.name, author.url
                tos = [m for m in members if m is not author]
            names = ", ".join([m.name for m in tos] + ([OWNER] if author is not None else []))
            urls = ", ".join([m.url for m in tos] + ([OWNER_URL] if author is not None else []))
            title = f"Project {rng.choice(COMPANIES).split()[0]}"
            messages.append(
                _message_row(
                    conv, title, sender, sender_url, names, urls, when, "Agenda for Thursday attached."
                )
            )
            n_li += 1
    return n_li


def _invitations_csv() -> list[str]:
    """``Invitations.csv``: :data:`INVITES` received, one sent."""
    invitations = ["From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"]
    for i, (name, note, slug) in enumerate(INVITES):
        sent = EXPORT_DATE - dt.timedelta(days=2 + i * 3, hours=i)
        row = [name, OWNER, sent.strftime("%m/%d/%y, %I:%M %p"), note, "INCOMING"]
        invitations.append(_csv_row([*row, f"https://www.linkedin.com/in/{slug}", OWNER_URL]))
    sent_on = (EXPORT_DATE - dt.timedelta(days=4)).strftime("%m/%d/%y, %I:%M %p")
    row = [
        OWNER,
        "Jordan Blake",
        sent_on,
        "",
        "OUTGOING",
        OWNER_URL,
        "https://www.linkedin.com/in/jordan-blake-i9",
    ]
    invitations.append(_csv_row(row))
    return invitations


def _endorsements(rng: random.Random, people: list[DemoPerson]) -> tuple[list[str], list[str]]:
    """Endorsements received and given: 40 of the people, about 60% received."""
    endorse_rcv = [
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status"
    ]
    endorse_giv = [
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status"
    ]
    skills = ["Product Management", "Data Analysis", "SQL", "Roadmapping", "Stakeholder Management"]
    for p in rng.sample([p for p in people if p.archetype != "collected"], 40):
        stamp = (EXPORT_DATE - dt.timedelta(days=rng.randint(10, 1400))).strftime("%Y/%m/%d %H:%M:%S UTC")
        row = [stamp, rng.choice(skills), p.first, p.last, p.url.replace("https://", ""), "ACCEPTED"]
        (endorse_rcv if rng.random() < 0.6 else endorse_giv).append(_csv_row(row))
    return endorse_rcv, endorse_giv


def _recommendations(rng: random.Random, people: list[DemoPerson]) -> tuple[list[str], list[str]]:
    """Recommendations received and given: 8 close or dormant ties, about half each way."""
    rec_rcv = ["First Name,Last Name,Company,Job Title,Text,Creation Date,Status"]
    rec_giv = ["First Name,Last Name,Company,Job Title,Text,Creation Date,Status"]
    for p in rng.sample([p for p in people if p.archetype in ("inner", "close", "dormant")], 8):
        created = (EXPORT_DATE - dt.timedelta(days=rng.randint(30, 1500))).strftime("%m/%d/%y, %I:%M %p")
        text = f"{p.first} is a thoughtful colleague who ships, listens, and makes the team better.\nHighly recommended."
        (rec_rcv if rng.random() < 0.5 else rec_giv).append(
            _csv_row([p.first, p.last, p.company, p.role, text, created, "VISIBLE"])
        )
    return rec_rcv, rec_giv


OWNER_FILES = {
    "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n"
    'Alex,Morgan,,,Oct 18,"Product Manager, Analytics | data products",'
    '"I build analytics products.",Software Development,,"London, England, United Kingdom",,,\n',
    "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
    f'{OWNER_COMPANY},Senior Product Manager,"Analytics platform, pricing","London, United Kingdom",Mar 2022,\n'
    'Contoso Ltd,Product Manager,,"London, United Kingdom",Jan 2018,Feb 2022\n',
    "Education.csv": "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
    "University of Edinburgh,2010,2014,,BSc Computer Science,Hillwalking club\n",
    "Company Follows.csv": "Organization,Followed On\nGlobex Corporation,Tue Sep 28 09:08:27 UTC 2021\n"
    "Hooli,Mon Jan 10 11:00:00 UTC 2022\n",
    "Reactions.csv": "Date,Type,Link\n2026-01-01 10:00:00,LIKE,https://www.linkedin.com/feed/update/urn:li:activity:1\n",
    "Logins.csv": "Login Date,IP Address,User Agent,Login Type\n",
}
"""The owner's own files of the demo export, and two it leaves out on purpose (reactions, logins)."""


def _write_export_zip(path: Path, tables: dict[str, list[str]]) -> None:
    """The export as LinkedIn zips it: ``tables`` (name -> lines), then :data:`OWNER_FILES`, dated alike."""
    files = {name: "\n".join(lines) + "\n" for name, lines in tables.items()} | OWNER_FILES
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 15, 18, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())


def _mail(rng: random.Random, p: DemoPerson, when: dt.datetime, direction: str, topic: str, n: int) -> str:
    from email.utils import format_datetime

    owner = f"{OWNER_NAME[0]} {OWNER_NAME[1]} <{OWNER_EMAIL}>"
    them = f'"{p.name}" <{p.email}>'
    frm, to = (owner, them) if direction == "sent" else (them, owner)
    labels = "Sent" if direction == "sent" else "Inbox,Important"
    sep = when.strftime("%a %b %d %H:%M:%S +0000 %Y")
    return (
        f"From {1583290388308606088 + n}@xxx {sep}\n"
        f"X-GM-THRID: {1700000000000000000 + zlib.crc32(p.slug.encode())}\n"
        f"X-Gmail-Labels: {labels}\n"
        f"Message-ID: <demo-{n:06d}@mail.northwind.example>\n"
        f"Date: {format_datetime(when)}\n"
        f"From: {frm}\nTo: {to}\n"
        f"Subject: {'Re: ' if rng.random() < 0.5 else ''}{topic}\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
        f"Hi,\n\n>From the notes: {topic.lower()}.\n\nBest\n\n"
    )


def _newsletter(rng: random.Random, i: int) -> str:
    when = EXPORT_DATE - dt.timedelta(days=i * 7 + 1)
    from email.utils import format_datetime

    return (
        f"From 1599{i:015d}@xxx {when.strftime('%a %b %d %H:%M:%S +0000 %Y')}\n"
        "X-Gmail-Labels: Inbox,Category Promotions\n"
        f"Message-ID: <news-{i}@list.example>\nDate: {format_datetime(when)}\n"
        "From: Product Weekly <noreply@productweekly.example>\n"
        f"To: {OWNER_EMAIL}\nSubject: Product Weekly #{200 + i}\n"
        "List-Unsubscribe: <mailto:unsubscribe@productweekly.example>\nPrecedence: bulk\n\n"
        "This week in product...\n\n"
    )


def _fold(line: str) -> str:
    out, raw = [], line.encode("utf-8")
    while len(raw) > 75:
        cut = 75
        while cut > 0 and (raw[cut] & 0xC0) == 0x80:
            cut -= 1
        out.append(raw[:cut].decode("utf-8"))
        raw = b" " + raw[cut:]
    out.append(raw.decode("utf-8"))
    return "\r\n".join(out)


def _write_calendar(rng: random.Random, people: list[DemoPerson], path: Path) -> int:
    def stamp(d: dt.datetime) -> str:
        return d.strftime("%Y%m%dT%H%M%SZ")

    def attendee(p: DemoPerson, status: str = "ACCEPTED") -> str:
        return (
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};CN={p.name};"
            f"X-NUM-GUESTS=0:mailto:{p.email}"
        )

    me = (
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={OWNER_EMAIL};"
        f"X-NUM-GUESTS=0:mailto:{OWNER_EMAIL}"
    )
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{OWNER_EMAIL}",
        "X-WR-TIMEZONE:Europe/London",
    ]
    events = 0
    inner = [p for p in people if p.archetype == "inner"]
    # a weekly 1:1 with the first inner-circle tie for the last 6 months
    start = (EXPORT_DATE - dt.timedelta(days=182)).replace(hour=9, minute=30, second=0)
    lines += [
        "BEGIN:VEVENT",
        f"DTSTART:{stamp(start)}",
        f"DTEND:{stamp(start + dt.timedelta(minutes=30))}",
        "RRULE:FREQ=WEEKLY;BYDAY=" + ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
        f"DTSTAMP:{stamp(EXPORT_DATE)}",
        f"ORGANIZER;CN=Alex Morgan:mailto:{OWNER_EMAIL}",
        "UID:weekly-1on1-demo@google.com",
        attendee(inner[0]),
        me,
        f"SUMMARY:1:1 {inner[0].first} / Alex",
        "STATUS:CONFIRMED",
        "END:VEVENT",
    ]
    events += 26
    pool = [p for p in people if p.archetype in ("inner", "close", "active", "meaningful", "dormant")]
    for i in range(160):
        when = (EXPORT_DATE - dt.timedelta(days=rng.randint(1, 1100))).replace(
            hour=rng.randint(8, 17), minute=0, second=0, microsecond=0
        )
        guests = rng.sample(pool, rng.choice([1, 1, 1, 2, 3, 5]))
        if any(g.archetype == "dormant" for g in guests) and when > EXPORT_DATE - dt.timedelta(days=500):
            continue
        lines += [
            "BEGIN:VEVENT",
            f"DTSTART:{stamp(when)}",
            f"DTEND:{stamp(when + dt.timedelta(minutes=45))}",
            f"DTSTAMP:{stamp(EXPORT_DATE)}",
            f"ORGANIZER;CN=Alex Morgan:mailto:{OWNER_EMAIL}",
            f"UID:demo-{i:04d}@google.com",
            me,
        ]
        lines += [attendee(g, "DECLINED" if k == 2 else "ACCEPTED") for k, g in enumerate(guests)]
        if len(guests) > 2:
            lines.append(
                "ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
                "CN=London-4-Thames (8):mailto:c_188abc@resource.calendar.google.com"
            )
        lines += [f"SUMMARY:{rng.choice(TOPICS)}", "STATUS:CONFIRMED", "END:VEVENT"]
        events += 1
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8"))
    return events
