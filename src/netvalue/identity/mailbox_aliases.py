"""One human's several addresses at one domain, within one mailbox: ``a..shankman@enron.com`` and
``jeffrey.shankman@enron.com`` are Jeffrey A. Shankman.

Corporate mail systems give one person several addresses: Exchange's ``first.last@`` beside the
``middle-initial..last@`` form of the Enron migration (``e..haedicke@`` for Mark E. Haedicke), an old
``jeff.skilling@`` beside a new ``jeffrey.skilling@``.  The pairwise score of
:mod:`netvalue.identity.scoring` reads two addresses at one corporate domain as two colleagues, rightly
in general (two humans at one company often share a name), so these stay apart unless something more
than the name ties them.  This rule says what (ours, checked on the labelled Enron pairs of
``benchmarks/data/enron_identity.tsv``):

- both people are known from e-mail alone (one source), and a source gave each the same full name
  (:func:`~netvalue.identity.profiles.name_key`: family name and canonical given name, so Jeff is
  Jeffrey, accents and order folded; for "D. Todd Hall", who goes by his middle name, that name);
- their middle initials agree, a name or an address spelling it (``John L. Wilson`` and ``John T.
  Wilson`` are two humans; so, in the Enron directory, were "Carl Carter" and "Carl L. Carter", two
  Exchange mailboxes: a name without the initial beside one with it is not taken as one human), nor do
  their generational suffixes (``Williams III, Bill`` and ``Williams, Bill``): one name with a suffix and
  one without is taken as one human only when a middle initial corroborates it (Ted C. Bland Jr. as
  ``ted.bland@`` and ``c..bland@``);
- every address each has at the shared domain spells that name and nothing else: the family name, and
  besides it only the given name (or a nickname of it), a middle name or their initials
  (``a..shankman``, ``jeffrey.shankman``, ``jeff.shankman``, ``shankman``); no digits, which
  corporate directories add to tell namesakes apart (``bill.williams2@``);
- the bearers of the name at that domain are taken in groups by middle initial, and a group merges only
  when every two of its members agree as above: a "James Lewis" beside a James W. and a James C. Lewis
  joins neither, and a bearer whose address spells something else (``london.brown@``) stays apart
  while the others may merge;
- a common name (:func:`~netvalue.identity.frequency.is_common_name`, or one whose expected namesakes in
  the database reach :data:`~netvalue.identity.frequency.COINCIDENCE_LIMIT`,
  :meth:`~netvalue.identity.frequency.NameFrequencies.coincidence`) merges only when a middle initial
  corroborates it: both names carry it, or one address spells the initial the other name carries
  (``a..shankman@`` beside "Jeffrey A. Shankman").

People known from another source too, or with different surnames at another domain (relatives), are
never joined here.  Pure (no SQL).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from netvalue.identity.frequency import COINCIDENCE_LIMIT, NameFrequencies, is_common_name
from netvalue.identity.names import canonical_given, fold
from netvalue.identity.profiles import Profile

__all__ = ["REASON", "alias_groups"]

REASON = "one mailbox, one name, addresses at one domain that spell it"
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_SEPARATORS = re.compile(r"[._\-+]+")
_WORDS = re.compile(r"[a-z]+")


def _suffix(raw: str) -> str:
    """The generational suffix of a name as written (``'iii'`` for "Williams III, Bill"), else ``''``."""
    found = [w for w in _WORDS.findall(fold(raw)) if w in _SUFFIXES]
    return found[0] if found else ""


def _initials(p: Profile) -> str:
    return p.name.middles[0][:1] if p.name.middles else ""


def _spelled(address: str, p: Profile) -> tuple[bool, str]:
    """Whether the local part of ``address`` spells ``p``'s name and nothing else, and the middle initial
    it spells when it holds one (``a..shankman`` -> ``'a'``)."""
    local = fold(address.rpartition("@")[0]).replace("'", "")  # o'neil, and Enron's "kristy'.'armstrong"
    if any(c.isdigit() for c in local):
        return False, ""
    tokens = [t for t in _SEPARATORS.split(local) if t]
    if not tokens or any(not (t.isascii() and t.isalpha()) for t in tokens):
        return False, ""
    name = p.name
    if len(tokens) == 1 and _compact(tokens[0], name.given, name.family):
        return True, ""
    if name.family not in tokens:
        return False, ""
    rest = list(tokens)
    rest.remove(name.family)
    given_forms = canonical_given(name.given) | {name.given}
    middle_letters = {m[:1] for m in name.middles}
    spelled_initial = ""
    for token in rest:
        if token in given_forms or canonical_given(token) & given_forms or token in name.middles:
            continue
        if len(token) == 1 and token == name.given[:1]:
            continue
        if len(token) == 1:
            spelled_initial = token  # a middle initial the address spells
            if middle_letters and token not in middle_letters:
                return False, ""
            continue
        return False, ""
    return True, spelled_initial


def _compact(token: str, given: str, family: str) -> bool:
    """A local part without separators that spells the name: ``jeffreyshankman``, ``shankmanj``, and
    the initial-and-truncated-surname aliases of Exchange and Notes directories (``jshankm``, ``pallen``:
    the given name's initial and at least five letters of the family name, or all of a shorter one)."""
    if token in {given + family, family + given, family + given[:1]}:
        return True
    stem = token[1:]
    return token[:1] == given[:1] and len(stem) >= min(5, len(family)) and family.startswith(stem)


def alias_groups(profiles: Sequence[Profile], raw_names: dict[int, str]) -> list[list[int]]:
    """The groups of person ids (two or more, oldest first) this rule takes as one human (module
    docstring).  ``raw_names``: each person's name as stored (for the generational suffix).  Name
    frequencies count each distinct full name once, so one human's several records do not make their
    own name look common."""
    frequencies = NameFrequencies.count({k} for k in {p.name_key for p in profiles} if k is not None)
    bearers: dict[tuple[tuple[str, str], str], list[Profile]] = defaultdict(list)
    for p in profiles:
        key = p.name_key or _goes_by(p)
        if p.sources != frozenset({"email"}) or key is None or p.name.derived or p.linkedins:
            continue
        for domain in p.corporate_domains:
            bearers[key, domain].append(p)
    joined: list[list[int]] = []
    taken: set[int] = set()
    for (key, domain), group in sorted(bearers.items(), key=lambda item: item[0]):
        if len(group) < 2:
            continue
        common = is_common_name(*key) or frequencies.coincidence(*key) >= COINCIDENCE_LIMIT
        by_initial: dict[str, list[Profile]] = defaultdict(list)
        spelled: dict[int, str] = {}
        for p in group:
            initial = _fitting_initial(p, domain)
            if initial is not None and p.id not in taken:
                spelled[p.id] = initial
                by_initial[_initials(p) or initial].append(p)
        for cluster in by_initial.values():
            if len(cluster) >= 2 and all(
                _agree(a, b, raw_names, spelled, common=common) for a, b in combinations(cluster, 2)
            ):
                ids = sorted(p.id for p in cluster)
                joined.append(ids)
                taken.update(ids)
    return joined


def _goes_by(p: Profile) -> tuple[str, str] | None:
    """The key of a name whose given name is an initial before a middle name ("D. Todd Hall", "W David
    Duran"): the person goes by the middle name, so it stands in for the given one."""
    name = p.name
    if name.usable and name.is_initial and name.middles and len(name.middles[0]) >= 2:
        return name.family, min(canonical_given(name.middles[0]))
    return None


def _fitting_initial(p: Profile, domain: str) -> str | None:
    """The middle initial ``p``'s addresses at ``domain`` spell (``''`` for none), or ``None`` when one
    of them spells something else than the name, or two spell different initials."""
    initials: set[str] = set()
    for address in p.addresses:
        if address.rpartition("@")[2] != domain:
            continue
        ok, initial = _spelled(address, p)
        if not ok:
            return None
        if initial:
            initials.add(initial)
    if len(initials) > 1:
        return None
    return initials.pop() if initials else ""


def _agree(a: Profile, b: Profile, raw: dict[int, str], spelled: dict[int, str], *, common: bool) -> bool:
    """Whether two bearers of one name at one domain are one human (module docstring)."""
    middle_a = _initials(a) or spelled[a.id]
    middle_b = _initials(b) or spelled[b.id]
    if middle_a != middle_b:  # two initials, or one name with an initial and one without: namesakes
        return False
    corroborated = bool(middle_a)
    suffix_a, suffix_b = _suffix(raw.get(a.id, "")), _suffix(raw.get(b.id, ""))
    if suffix_a != suffix_b and ((suffix_a and suffix_b) or not corroborated):
        return False
    return corroborated or not common
